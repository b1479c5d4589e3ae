"""Caseworker login: Flask-Login over server-side sessions (idle and absolute limits, ended at logout and when
the account is disabled), hashed passwords checked in constant work, throttled and audited login attempts."""
import logging
from functools import wraps

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_login import LoginManager, current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from sqlalchemy.exc import SQLAlchemyError
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from ..casework import sessions, throttle
from ..casework.db import transaction
from ..casework.models import User
from ..casework.service import audit
from ..casework.users import check_login, dummy_hash
from . import ratelimit
from .database import session as db_session

log = logging.getLogger(__name__)
bp = Blueprint("auth", __name__, url_prefix="/desk")


class DeskLoginManager(LoginManager):
    """Flask-Login, leaving sessions nobody logged into alone."""

    def _session_protection_failed(self) -> bool:
        # An anonymous session (a self-check's CSRF token) has nothing to protect; without this, "strong" protection
        # answered every anonymous page with a header clearing a remember-me cookie that is never set.
        return "_user_id" in session and super()._session_protection_failed()


login_manager = DeskLoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "请先登录"
login_manager.session_protection = "strong"
SESSION_KEY = "desk_session"
EXPIRED = {"idle": "长时间未操作,登录已失效,请重新登录", "absolute": "登录已超过最长时限,请重新登录",
           "disabled": "账号已停用", "logout": "请先登录"}


class LoginForm(FlaskForm):
    username = StringField("用户名", validators=[DataRequired("请填写用户名"), Length(max=80, message="用户名过长")])
    password = PasswordField("密码", validators=[DataRequired("请填写密码"), Length(max=200, message="密码过长")])


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
    """Login manager; the dummy password hash is made now, so no login pays for it."""
    dummy_hash()
    login_manager.init_app(app)


def _limits() -> sessions.Limits:
    config = current_app.config
    return sessions.Limits(idle=config["SESSION_IDLE_TIMEOUT"], absolute=config["SESSION_ABSOLUTE_TIMEOUT"])


@login_manager.user_loader
def load_user(user_id: str):
    """The user of this request's live desk session, or None (the session ended, expired, or never was)."""
    token = session.get(SESSION_KEY)
    if not token or not user_id.isdigit():
        return None
    db = db_session()
    record = sessions.find(db, token)
    if record is None or record.user_id != int(user_id):
        return None
    user = db.get(User, record.user_id)
    reason = "disabled" if user is None or not user.active else sessions.expiry(record, _limits())
    if reason is not None or user is None:
        reason = reason or "disabled"
        g.session_ended = reason
        if record.ended_at is None:
            _write_quietly(db, lambda: sessions.end(record, reason), "ending an expired session")
        return None
    if sessions.needs_touch(record):
        _write_quietly(db, lambda: sessions.touch(record), "recording session activity")
    return DeskUser(user)


def _write_quietly(db, change, what: str) -> None:
    """Bookkeeping writes must not stop a read when storage is read-only or full: skip and log."""
    try:
        with transaction(db):
            change()
    except SQLAlchemyError:
        log.warning("%s failed: storage unavailable", what, exc_info=True)


@login_manager.unauthorized_handler
def unauthorized():
    message = EXPIRED.get(g.pop("session_ended", None) or "logout", "请先登录")
    if request.path.startswith("/desk/api/"):
        return {"error": "unauthorized", "message": message, "fields": []}, 401
    flash(message)
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
    return target if target and target.startswith("/desk") and "//" not in target and "\\" not in target \
        else url_for("desk.queue")


def _throttled(db, name: str, address: str) -> throttle.State | None:
    """The state of whichever login limit (per user name, per address) is reached, or None."""
    if not ratelimit.enabled():
        return None
    for scope, value, config_key in (("login-name", name.casefold(), "RATELIMIT_LOGIN_PER_USERNAME"),
                                     ("login-address", address, "RATELIMIT_LOGIN_PER_ADDRESS")):
        state = throttle.check(db, throttle.key(scope, value), ratelimit.limit(config_key))
        if not state.allowed:
            return state
    return None


def _count_failure(db, name: str, address: str) -> None:
    if ratelimit.enabled():
        throttle.hit(db, throttle.key("login-name", name.casefold()), ratelimit.limit("RATELIMIT_LOGIN_PER_USERNAME"))
        throttle.hit(db, throttle.key("login-address", address), ratelimit.limit("RATELIMIT_LOGIN_PER_ADDRESS"))


@bp.route("/login", methods=["GET", "POST"])
def login():
    """The login page."""
    form = LoginForm()
    if not form.validate_on_submit():
        return render_template("desk/login.html", form=form, error=None), 422 if request.method == "POST" else 200
    db = db_session()
    name, address = form.username.data.strip(), ratelimit.client_address()
    blocked = _throttled(db, name, address)
    if blocked:
        # No password is checked and nothing is audited while throttled: a flood costs no hashing and cannot fill
        # the append-only audit log; the application log records it.
        log.warning("login throttled", extra={"username": name[:80], "address": address})
        error = f"登录尝试过于频繁,请{ratelimit.minutes(blocked.retry_after)}分钟后再试"
        return render_template("desk/login.html", form=form, error=error), 429, \
            {"Retry-After": str(blocked.retry_after)}
    checked = check_login(db, name, form.password.data)
    if checked.user is None:
        with transaction(db):
            _count_failure(db, name, address)
            audit(db, "anonymous", "login_failed", "user", checked.user_id or 0, None,
                  after={"username": name[:80], "address": address, "reason": checked.reason})
        return render_template("desk/login.html", form=form, error="用户名或密码不正确"), 401
    with transaction(db):
        if ratelimit.enabled():
            throttle.reset(db, throttle.key("login-name", name.casefold()))
        token = sessions.start(db, checked.user, address)
        audit(db, checked.user.username, "login", "user", checked.user.id, None, after={"address": address})
    session.clear()
    session.permanent = True
    session[SESSION_KEY] = token
    login_user(DeskUser(checked.user))
    return redirect(_safe_next(request.args.get("next")))


@bp.post("/logout")
@login_required
def logout():
    """Log out: the session ends on the server, so a copy of the cookie stops working too."""
    token = session.pop(SESSION_KEY, None)
    logout_user()
    session.clear()
    if token:
        db = db_session()
        with transaction(db):
            record = sessions.find(db, token)
            if record is not None:
                sessions.end(record, "logout")
    flash("已退出登录")
    return redirect(url_for("auth.login"))
