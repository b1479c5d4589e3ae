"""Bureau users: creation with a hashed password and a city, authentication, disabling."""
import secrets
from dataclasses import dataclass
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from ..vocabulary import divisions
from .models import User
from .service import CaseworkError, audit

ROLES = ("caseworker", "admin")
MIN_PASSWORD = 10


def _city(role: str, city_code: str | None) -> str | None:
    # A caseworker without a city sees no application (accounts made before cities, until one is assigned).
    city_code = (city_code or "").strip() or None
    if role == "admin":
        if city_code:
            raise CaseworkError("管理员可查看所有城市的申请,不设所属城市")
        return None
    if city_code is not None and city_code not in divisions():
        known = "、".join(f"{code} {city['name']}" for code, city in divisions().items())
        raise CaseworkError(f"未知的城市代码 {city_code}(可选:{known})")
    return city_code


def create_user(session: Session, username: str, password: str, role: str = "caseworker",
                display_name: str | None = None, actor: str = "cli", city_code: str | None = None) -> User:
    """A new user; the password is stored only as a salted hash. A caseworker belongs to one city."""
    username = username.strip()
    if not username:
        raise CaseworkError("用户名不能为空")
    if role not in ROLES:
        raise CaseworkError(f"角色应为 {' 或 '.join(ROLES)}")
    city_code = _city(role, city_code)
    if len(password) < MIN_PASSWORD:
        raise CaseworkError(f"密码至少{MIN_PASSWORD}位")
    if session.scalar(select(User).where(User.username == username)):
        raise CaseworkError(f"用户名 {username} 已存在")
    user = User(username=username, display_name=display_name or username, role=role, city_code=city_code,
                password_hash=generate_password_hash(password))
    session.add(user)
    session.flush()
    audit(session, actor, "user_created", "user", user.id, None,
          after={"username": username, "role": role, "city_code": city_code})
    return user


def set_city(session: Session, actor: str, username: str, city_code: str | None) -> User:
    """Assign a caseworker to a city (audited)."""
    user = session.scalar(select(User).where(User.username == username.strip()))
    if user is None:
        raise CaseworkError(f"没有用户 {username}")
    city_code = _city(user.role, city_code)
    before = {"city_code": user.city_code}
    user.city_code = city_code
    audit(session, actor, "user_updated", "user", user.id, None, before, {"city_code": city_code})
    return user


def set_active(session: Session, actor: User, user_id: int, active: bool) -> User:
    """Disable or re-enable an account (audited); nobody disables their own."""
    user = session.get(User, user_id, with_for_update=True) if 0 < user_id < 2**63 else None
    if user is None:
        raise CaseworkError("没有这个账号")
    if user.id == actor.id and not active:
        raise CaseworkError("不能停用自己的账号")
    before = {"active": user.active}
    user.active = active
    audit(session, actor.username, "user_updated", "user", user.id, None, before, {"active": user.active})
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
