"""The database in the Flask app: one session per request, and the `flask db` and `flask users` commands."""
import click
from flask import Flask, current_app, g
from flask.cli import AppGroup
from sqlalchemy.orm import Session, sessionmaker

from ..casework import db
from ..casework.service import CaseworkError
from ..casework.users import ROLES, create_user, set_city


def init_app(app: Flask) -> None:
    """Create the engine for DATABASE_URL and register the session teardown and CLI commands."""
    engine = db.make_engine(app.config["DATABASE_URL"])
    app.extensions["db_engine"] = engine
    app.extensions["db_sessions"] = db.session_factory(engine)
    app.teardown_appcontext(_close)
    app.cli.add_command(db_group)
    app.cli.add_command(users_group)


def session() -> Session:
    """This request's database session."""
    if "db_session" not in g:
        g.db_session = current_app.extensions["db_sessions"]()
    return g.db_session


def session_factory() -> sessionmaker:
    """Sessions of their own, for work committed apart from the request's (rate-limit counters)."""
    return current_app.extensions["db_sessions"]


def _close(_exc=None) -> None:
    found = g.pop("db_session", None)
    if found is not None:
        found.close()


db_group = AppGroup("db", help="Database schema (migrations).")


@db_group.command("upgrade")
@click.option("--revision", default="head")
def upgrade_command(revision: str):
    """Upgrade the database schema (default: to head)."""
    db.upgrade(current_app.config["DATABASE_URL"], revision)
    click.echo(f"数据库已升级到 {revision}")


users_group = AppGroup("users", help="Bureau user accounts.")


@users_group.command("create")
@click.argument("username")
@click.option("--role", type=click.Choice(ROLES), default="caseworker")
@click.option("--name", "display_name", default=None, help="显示名称")
@click.option("--city", "city_code", default=None, help="经办人所属城市的行政区划代码,如 411000(管理员不设)")
@click.password_option(help="至少10位")
def create_command(username: str, role: str, display_name: str | None, city_code: str | None, password: str):
    """Create a caseworker (of a city) or admin account."""
    if role == "caseworker" and not city_code:
        raise click.ClickException("经办人须指定所属城市:--city 行政区划代码,如 411000")
    with current_app.extensions["db_sessions"]() as s:
        try:
            with db.transaction(s):
                user = create_user(s, username, password, role, display_name, city_code=city_code)
        except CaseworkError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"已创建用户 {user.username}({role}{',' + user.city_code if user.city_code else ''})")


@users_group.command("set-city")
@click.argument("username")
@click.argument("city_code")
def set_city_command(username: str, city_code: str):
    """Assign a caseworker to a city (accounts made before cities see nothing until then)."""
    with current_app.extensions["db_sessions"]() as s:
        try:
            with db.transaction(s):
                set_city(s, "cli", username, city_code)
        except CaseworkError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"已将 {username} 的所属城市设为 {city_code}")
