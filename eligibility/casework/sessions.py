"""Desk login sessions kept server-side: one row per login, ended at logout, on expiry and when the account is
disabled, so a copied cookie stops working with them. The cookie holds only a random token; the table its hash."""
import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import DateTime, ForeignKey, String, event, inspect, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from ..clock import utcnow
from .models import Base, User

# Recording every request's time would make every desk page a write; a minute is fine-grained enough for a
# 30-minute idle limit.
TOUCH_EVERY = timedelta(minutes=1)


class DeskSession(Base):
    """One login of a bureau user."""

    __tablename__ = "desk_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    end_reason: Mapped[str | None] = mapped_column(String(20))  # logout | idle | absolute | disabled
    address: Mapped[str] = mapped_column(String(64), default="")


@dataclass(frozen=True)
class Limits:
    """How long a session may be idle, and how long it may last at all."""

    idle: timedelta
    absolute: timedelta


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def start(session: Session, user: User, address: str) -> str:
    """A new session for the user; returns the token for the cookie (only its hash is stored)."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    session.add(DeskSession(token_hash=_hash(token), user_id=user.id, created_at=now, last_seen_at=now,
                            address=address[:64]))
    return token


def find(session: Session, token: str) -> DeskSession | None:
    """The session of a token, live or ended."""
    return session.scalar(select(DeskSession).where(DeskSession.token_hash == _hash(token)))


def expiry(record: DeskSession, limits: Limits, now: datetime | None = None) -> str | None:
    """Why the session is over ("idle", "absolute", or its end reason), or None while it is live."""
    if record.ended_at is not None:
        return record.end_reason or "ended"
    now = now or utcnow()
    if now - _aware(record.created_at) > limits.absolute:
        return "absolute"
    if now - _aware(record.last_seen_at) > limits.idle:
        return "idle"
    return None


def needs_touch(record: DeskSession, now: datetime | None = None) -> bool:
    """Whether the session's last activity should be recorded again."""
    return (now or utcnow()) - _aware(record.last_seen_at) >= TOUCH_EVERY


def touch(record: DeskSession) -> None:
    """Record activity now."""
    record.last_seen_at = utcnow()


def end(record: DeskSession, reason: str) -> None:
    """End one session."""
    if record.ended_at is None:
        record.ended_at, record.end_reason = utcnow(), reason


def end_all(session: Session, user_id: int, reason: str) -> None:
    """End every live session of a user."""
    session.execute(update(DeskSession).where(DeskSession.user_id == user_id, DeskSession.ended_at.is_(None))
                    .values(ended_at=utcnow(), end_reason=reason))


@event.listens_for(Session, "before_flush")
def _end_sessions_of_disabled_users(session: Session, _context, _instances) -> None:
    """Disabling an account, by whatever code, ends its sessions in the same transaction."""
    for obj in list(session.dirty):
        if isinstance(obj, User) and obj.active is False and inspect(obj).attrs.active.history.deleted:
            end_all(session, obj.id, "disabled")
