"""GET /healthz for load balancers and monitoring: the database answers, the rules are loaded, which version."""
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Blueprint, current_app, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from ..casework.db import alembic_config
from . import engine

bp = Blueprint("health", __name__)


def _schema_heads() -> set[str]:
    cached = current_app.extensions.get("schema_heads")
    if cached is None:
        script = ScriptDirectory.from_config(alembic_config(current_app.config["DATABASE_URL"]))
        cached = current_app.extensions["schema_heads"] = set(script.get_heads())
    return cached


@bp.get("/healthz")
def healthz():
    """200 when the database answers with the current schema and the rules are loaded; 503 otherwise."""
    rules = engine().rulebook
    body = {"status": "ok", "ruleset_version": rules.version, "rules": len(rules.rules), "database": "ok"}
    try:
        with current_app.extensions["db_engine"].connect() as connection:
            connection.execute(text("SELECT 1"))
            revisions = set(MigrationContext.configure(connection).get_current_heads())
    except SQLAlchemyError:
        current_app.logger.warning("health check: database unreachable", exc_info=True)
        body.update(status="unavailable", database="unreachable")
        return jsonify(body), 503
    if revisions != _schema_heads():
        body.update(status="unavailable", database="schema_outdated", schema=sorted(revisions),
                    expected_schema=sorted(_schema_heads()))
        return jsonify(body), 503
    body["schema"] = sorted(revisions)
    return jsonify(body), 200
