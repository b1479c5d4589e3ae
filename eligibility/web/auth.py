"""Caseworker login: Flask-Login sessions that expire, hashed passwords, roles."""
from datetime import timedelta
from functools import wraps

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_login import LoginManager, current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired

from ..casework.models import User
from ..casework.users import authenticate
from .database import session as db_session

bp = Blueprint("auth", __name__, url_prefix="/desk")
login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "请先登录"
login_manager.session_protection = "strong"


class LoginForm(FlaskForm):
    username = StringField("用户名", validators=[DataRequired("请填写用户名")])
    password = PasswordField("密码", validators=[DataRequired("请填写密码")])


class DeskUser:
    """The logged-in user as Flask-Login sees it."""

    def __init__(self, user: User):
        self.user = user
        self.is_authenticated, self.is_active, self.is_anonymous = True, user.active, False

    def get_id(self) -> str:
        return str(self.user.id)

    @property
    def role(self) -> str:
        return self.user.role


def init_app(app) -> None:
    """Login manager, expiring sessions (30 minutes idle by default)."""
    app.config.setdefault("PERMANENT_SESSION_LIFETIME", timedelta(minutes=30))
    app.config.setdefault("SESSION_COOKIE_HTTPONLY", True)
    app.config.setdefault("SESSION_COOKIE_SAMESITE", "Lax")
    login_manager.init_app(app)


@login_manager.user_loader
def load_user(user_id: str):
    user = db_session().get(User, int(user_id)) if user_id.isdigit() else None
    return DeskUser(user) if user and user.active else None


@login_manager.unauthorized_handler
def unauthorized():
    if request.path.startswith("/desk/api/"):
        return {"error": "unauthorized", "message": "请先登录", "fields": []}, 401
    return redirect(url_for("auth.login", next=request.full_path if request.method == "GET" else None))


def role_required(role: str):
    """Only users of the role (admins may do everything)."""
    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if current_user.role not in (role, "admin"):
                abort(403)
            return view(*args, **kwargs)
        return wrapped
    return decorator


def _safe_next(target: str | None) -> str:
    return target if target and target.startswith("/desk") and "//" not in target else url_for("desk.queue")


@bp.route("/login", methods=["GET", "POST"])
def login():
    """The login page."""
    form = LoginForm()
    error = None
    if form.validate_on_submit():
        user = authenticate(db_session(), form.username.data, form.password.data)
        if user is None:
            error = "用户名或密码不正确"
        else:
            session.clear()
            session.permanent = True
            login_user(DeskUser(user))
            return redirect(_safe_next(request.args.get("next")))
    status = 401 if error else 200
    return render_template("desk/login.html", form=form, error=error), status


@bp.post("/logout")
@login_required
def logout():
    """Log out."""
    logout_user()
    session.clear()
    flash("已退出登录")
    return redirect(url_for("auth.login"))
