"""The Flask side: the application factory and the blueprints that turn requests into profiles and results."""
import os
import secrets
import sys
from pathlib import Path

import click
from flask import Flask, current_app, jsonify, request

from ..engine import RULES_DIR, Engine


def engine() -> Engine:
    """The application's engine, built once at start-up."""
    return current_app.extensions["eligibility_engine"]


def _secret_key(instance: Path) -> str:
    """A secret key kept in the instance folder, made on first start."""
    path = instance / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32), encoding="utf-8")
    return path.read_text(encoding="utf-8").strip()


def create_app(test_config: dict | None = None, instance_path: str | None = None) -> Flask:
    """Wire the application: config, the engine (a bad rule file stops start-up here), blueprints."""
    app = Flask(__name__, instance_relative_config=True, instance_path=instance_path)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    default_db = f"sqlite:///{Path(app.instance_path) / 'eligibility.db'}"
    app.config.from_mapping(RULES_DIR=str(RULES_DIR), ENGINE_BACKEND="durable",
                            DATABASE_URL=os.environ.get("DATABASE_URL", default_db))
    app.config.from_pyfile("config.py", silent=True)
    if test_config:
        app.config.update(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _secret_key(Path(app.instance_path))
    app.json.ensure_ascii = False

    app.extensions["eligibility_engine"] = Engine.from_folder(Path(app.config["RULES_DIR"]),
                                                              app.config["ENGINE_BACKEND"])

    from ..clock import local_time
    from . import api, apply, auth, database, desk, selfcheck
    app.add_template_filter(lambda moment, fmt="%Y-%m-%d %H:%M": local_time(moment).strftime(fmt), "localtime")
    database.init_app(app)
    auth.init_app(app)
    for blueprint in (api.bp, selfcheck.bp, apply.bp, auth.bp, desk.bp):
        app.register_blueprint(blueprint)
    from . import screen_api  # JSON Lines screening (issue 11), its own blueprint
    app.register_blueprint(screen_api.bp)
    from ..screening.cli import screen_command
    app.cli.add_command(screen_command)

    @app.errorhandler(500)
    def internal_error(exc):
        """Never a stack trace: a short message, JSON for the API."""
        if request.path.startswith("/api/"):
            return jsonify({"error": "internal_error", "message": "服务器内部错误,请稍后再试", "fields": []}), 500
        return "服务器内部错误,请稍后再试。", 500

    @app.cli.command("evaluate")
    @click.argument("profile", type=click.Path(path_type=Path))
    @click.option("--as-of", type=click.DateTime(["%Y-%m-%d"]), default=None, help="测算日期 YYYY-MM-DD")
    def evaluate_command(profile: Path, as_of):
        """Evaluate a profile JSON file and print the result as JSON."""
        from ..cli import evaluate_file
        status, text = evaluate_file(profile, as_of.date() if as_of else None, Path(app.config["RULES_DIR"]),
                                     app.config["ENGINE_BACKEND"])
        click.echo(text, err=status != 0)
        sys.exit(status)

    return app
