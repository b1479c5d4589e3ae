"""Degraded storage: a read-only database or a full disk answers 503 on the routes that write; reads go on."""
import logging
import sys

from flask import Flask, current_app, g
from sqlalchemy.exc import DBAPIError, DisconnectionError, OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from .errors import problem
from .logs import truncate

log = logging.getLogger(__name__)
# PostgreSQL states that mean "cannot store now" rather than "this request is wrong": read-only transaction,
# insufficient resources (disk full, out of memory, too many connections), operator intervention (shutdown).
STORAGE_SQLSTATES = ("25006", "53", "57P", "08")
MESSAGE = "存储暂不可用(数据库只读、磁盘已满或无法连接),本次操作未能保存,请稍后再试;查询和浏览不受影响。"


def is_storage_failure(exc: BaseException) -> bool:
    """Whether a database error is the storage failing (not a bug or a refused constraint)."""
    if isinstance(exc, (OperationalError, PoolTimeout, DisconnectionError)):
        return True
    if isinstance(exc, DBAPIError):
        state = getattr(exc.orig, "sqlstate", None) or ""
        return state.startswith(STORAGE_SQLSTATES)
    return False


def _database_error(exc: SQLAlchemyError):
    found = g.get("db_session")
    if found is not None:
        found.rollback()
    if not is_storage_failure(exc):
        current_app.log_exception(sys.exc_info())
        return problem(500)
    reason = exc.orig if isinstance(exc, DBAPIError) else exc
    log.error("storage unavailable", extra={"reason": truncate(str(reason), 500)})
    return problem(503, MESSAGE, code="storage_unavailable", title="存储暂不可用", headers={"Retry-After": "60"})


def init_app(app: Flask) -> None:
    """Answer storage failures with 503, everywhere."""
    app.register_error_handler(SQLAlchemyError, _database_error)
