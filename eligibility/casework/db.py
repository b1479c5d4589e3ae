"""Database set-up: engine with SQLite pragmas, one real transaction per casework operation, and migrations.

On SQLite the `sqlite3` driver begins transactions itself, lazily, before the first INSERT/UPDATE/DELETE and never
before SAVEPOINT, so a `begin_nested()` as the first write committed on its own at RELEASE. SQLAlchemy's documented
recipe ("Serializable isolation / Savepoints / Transactional DDL", pysqlite dialect) is applied here, at the root:
the driver's own transaction handling is switched off and SQLAlchemy emits BEGIN itself from the engine's "begin"
event, so every session transaction is one SQLite transaction, savepoints nest inside it and DDL is transactional.
"""
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
# Execution option marking a connection whose transaction will write (see `transaction`).
WRITE = "casework_write"
BUSY_TIMEOUT_SECONDS = 30


def make_engine(url: str, **connect_args) -> Engine:
    """A SQLAlchemy engine; SQLite gets WAL, foreign keys, a busy timeout and SQLAlchemy-controlled BEGIN."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_SECONDS, **connect_args})

        @event.listens_for(engine, "connect")
        def _pragmas(connection, _record):
            # No implicit BEGIN/COMMIT from the driver: SQLAlchemy emits BEGIN below, COMMIT/ROLLBACK as usual.
            connection.isolation_level = None
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _begin(connection):
            # A write transaction takes SQLite's write lock at BEGIN (IMMEDIATE). A deferred transaction that read
            # first and writes later cannot wait for the lock: when another writer committed in between it fails
            # at once with "database is locked" (its snapshot is stale), so concurrent approvals would answer
            # errors instead of queueing. Readers keep plain BEGIN: in WAL mode they never block the writer.
            immediate = connection.get_execution_options().get(WRITE)
            connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

        return engine
    return create_engine(url, pool_pre_ping=True)


def session_factory(engine: Engine) -> sessionmaker:
    """Sessions bound to the engine; objects stay readable after commit."""
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(session: Session) -> Iterator[Session]:
    """One casework operation as one database transaction: committed at the end, or rolled back entirely.

    A read-only transaction the session already has (the login check of a request) is ended first, so the
    operation starts on fresh data holding the write lock (SQLite) from its first statement.
    """
    if session.in_transaction():
        if session.new or session.dirty or session.deleted:
            raise RuntimeError("unsaved changes outside a casework transaction")
        session.rollback()
    session.connection(execution_options={WRITE: True})
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise


def alembic_config(url: str) -> Config:
    """Alembic configuration pointing at the package's migrations and the given database."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the database schema up to a revision (head by default)."""
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str) -> None:
    """Take the database schema down to a revision."""
    command.downgrade(alembic_config(url), revision)
