"""The Flask side: the application factory and the blueprints that turn requests into profiles and results."""
import sys
from pathlib import Path

import click
from flask import Flask, current_app

from ..engine import Engine


def engine() -> Engine:
    """The application's engine, built once at start-up."""
    return current_app.extensions["eligibility_engine"]


def create_app(test_config: dict | None = None, instance_path: str | None = None) -> Flask:
    """Wire the application: config, the engine (a bad rule file stops start-up here), blueprints."""
    from . import config
    app = Flask(__name__, instance_relative_config=True, instance_path=config.instance_path(instance_path))
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    config.load(app, test_config)

    from . import logs
    logs.init_app(app)  # first: every later hook's answer is logged with its request id

    app.extensions["eligibility_engine"] = Engine.from_folder(Path(app.config["RULES_DIR"]),
                                                              app.config["ENGINE_BACKEND"],
                                                              int(app.config["ENGINE_CROSS_CHECK_EVERY"]))

    from ..clock import local_time
    from ..screening.cli import screen_command
    from . import (
        api,
        apply,
        auth,
        database,
        desk,
        errors,
        health,
        limits,
        policies,
        ratelimit,
        screen_api,
        screenings,
        security,
        selfcheck,
        storage,
    )
    app.add_template_filter(lambda moment, fmt="%Y-%m-%d %H:%M": local_time(moment).strftime(fmt), "localtime")
    errors.init_app(app)
    limits.init_app(app)  # before CSRF, which reads the body
    database.init_app(app)
    storage.init_app(app)
    ratelimit.init_app(app)
    security.init_app(app)
    auth.init_app(app)
    for blueprint in (api.bp, screen_api.bp, selfcheck.bp, apply.bp, auth.bp, desk.bp, policies.bp, health.bp):
        app.register_blueprint(blueprint)
    screenings.init_app(app)
    app.cli.add_command(screen_command)

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
