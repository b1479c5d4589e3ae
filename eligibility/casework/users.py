"""Bureau users: creation with a hashed password, and authentication."""
import secrets
from dataclasses import dataclass
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from .models import User
from .service import CaseworkError, audit

ROLES = ("caseworker", "admin")
MIN_PASSWORD = 10


def create_user(session: Session, username: str, password: str, role: str = "caseworker",
                display_name: str | None = None, actor: str = "cli") -> User:
    """A new user; the password is stored only as a salted hash."""
    username = username.strip()
    if not username:
        raise CaseworkError("用户名不能为空")
    if role not in ROLES:
        raise CaseworkError(f"角色应为 {' 或 '.join(ROLES)}")
    if len(password) < MIN_PASSWORD:
        raise CaseworkError(f"密码至少{MIN_PASSWORD}位")
    if session.scalar(select(User).where(User.username == username)):
        raise CaseworkError(f"用户名 {username} 已存在")
    user = User(username=username, display_name=display_name or username, role=role,
                password_hash=generate_password_hash(password))
    session.add(user)
    session.flush()
    audit(session, actor, "user_created", "user", user.id, None, after={"username": username, "role": role})
    return user


@dataclass(frozen=True)
class LoginCheck:
    """The outcome of a login attempt: the user, or why there is none."""

    user: User | None
    reason: str | None  # None when accepted; else unknown_user | inactive | bad_password
    user_id: int | None = None


@cache
def dummy_hash() -> str:
    """A hash of a random password, made once (call it at start-up), checked for names that do not exist."""
    return generate_password_hash(secrets.token_hex(16))


def check_login(session: Session, username: str, password: str) -> LoginCheck:
    """Check a user name and password with exactly one password hash, whether or not the name exists,
    so the time taken does not tell which names are accounts."""
    user = session.scalar(select(User).where(User.username == username.strip()))
    if user is None:
        check_password_hash(dummy_hash(), password)
        return LoginCheck(None, "unknown_user")
    if not check_password_hash(user.password_hash, password):
        return LoginCheck(None, "bad_password", user.id)
    if not user.active:
        return LoginCheck(None, "inactive", user.id)
    return LoginCheck(user, None, user.id)


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The active user with this name and password, or None."""
    return check_login(session, username, password).user
