"""Self-check results held briefly on the server, so that the result page is a GET (Back, reload and links work)
without keeping anyone's answers: a random token, the profile and date, a few hours at most, a few per browser.

The browser's signed session lists the tokens it may open (see web/selfcheck.py); expired rows are deleted by the
next hold. Each call runs inside the caller's `db.transaction(session)`.
"""
import secrets
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone

from sqlalchemy import JSON, DateTime, String, Text, delete
from sqlalchemy.orm import Mapped, Session, mapped_column

from ..clock import utcnow
from .models import Base

DEFAULT_TTL = timedelta(hours=2)


class HeldCheck(Base):
    """One self-check result as the browser that made it may open it again: {profile, as_of}, a notice, the key
    that makes its application idempotent, and a refused application's input to show again."""

    __tablename__ = "held_checks"

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    document: Mapped[dict] = mapped_column(JSON)
    message: Mapped[str | None] = mapped_column(Text)
    submission_key: Mapped[str] = mapped_column(String(64))
    apply_draft: Mapped[dict | None] = mapped_column(JSON)


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def hold(session: Session, document: dict, message: str | None = None, ttl: timedelta = DEFAULT_TTL,
         replacing: Sequence[str] = ()) -> HeldCheck:
    """Hold a result's document ({profile, as_of}); expired rows and those the browser no longer lists go."""
    now = utcnow()
    session.execute(delete(HeldCheck).where(HeldCheck.expires_at < now))
    if replacing:
        session.execute(delete(HeldCheck).where(HeldCheck.token.in_(list(replacing))))
    held = HeldCheck(token=secrets.token_urlsafe(32), created_at=now, expires_at=now + ttl, document=document,
                     message=message, submission_key=uuid.uuid4().hex)
    session.add(held)
    session.flush()
    return held


def find(session: Session, token: str) -> HeldCheck | None:
    """The held result, while it has not expired."""
    if not token or len(token) > 64:
        return None
    held = session.get(HeldCheck, token)
    if held is None or _aware(held.expires_at) < utcnow():
        return None
    return held


def keep_draft(session: Session, token: str, draft: dict) -> HeldCheck | None:
    """Keep a refused application's message, errors and input with its result, to show when it is opened again."""
    held = find(session, token)
    if held is not None:
        held.apply_draft = draft
        session.flush()
    return held

