"""Bureau users: creation with a hashed password, and authentication."""
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


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The active user with this name and password, or None."""
    user = session.scalar(select(User).where(User.username == username.strip()))
    if user is None or not user.active:
        # Hash anyway, so a wrong user name takes as long as a wrong password.
        check_password_hash(generate_password_hash("x"), password)
        return None
    return user if check_password_hash(user.password_hash, password) else None
