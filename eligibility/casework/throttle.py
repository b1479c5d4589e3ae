"""Rate limits counted in the database, so every gunicorn worker (and every server) sees the same counts.

Sliding-window counters: a count per key and fixed window, and the estimate
previous window × (share of it still inside the sliding window) + current window,
which smooths the burst a plain fixed window allows at its edges. One upsert per hit, on SQLite and PostgreSQL.
"""
import hashlib
import math
import random
import re
import threading
from dataclasses import dataclass

from sqlalchemy import BigInteger, Integer, String, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, Session, mapped_column

from ..clock import utcnow
from .models import Base

UNITS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
_LIMIT = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*(second|minute|hour|day)s?\s*$")
# Rows of past windows are deleted now and then by the hits themselves (about one hit in PURGE_ONE_IN).
PURGE_ONE_IN = 100
# In-memory counters keep at most this many keys before dropping those of past windows.
MAX_MEMORY_KEYS = 100_000


class RateCounter(Base):
    """Hits of one key in one window."""

    __tablename__ = "rate_counters"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    window_index: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
    expires_at: Mapped[int] = mapped_column(BigInteger, index=True)


@dataclass(frozen=True)
class Limit:
    """At most `count` hits per `period` seconds."""

    count: int
    period: int

    @classmethod
    def parse(cls, text: str) -> "Limit":
        """From "5/15minute", "120/minute", "10/hour"."""
        found = _LIMIT.match(text)
        if not found:
            raise ValueError(f"rate limit {text!r} should look like 10/minute or 5/15minute")
        count, multiple, unit = found.groups()
        return cls(int(count), int(multiple or 1) * UNITS[unit])

    def __str__(self) -> str:
        return f"{self.count}/{self.period}s"


@dataclass(frozen=True)
class State:
    """A key's estimated hits in the sliding window, and when it will be under the limit again."""

    hits: float
    allowed: bool
    retry_after: int


def key(scope: str, value: str) -> str:
    """A counter key; the value (an address, a user name) is stored only as a hash."""
    return f"{scope}:{hashlib.sha256(value.encode()).hexdigest()[:40]}"


def _counts(session: Session, counter: str, limit: Limit, now: float) -> tuple[int, int, int]:
    window = int(now // limit.period)
    found = select(RateCounter.window_index, RateCounter.count).where(
        RateCounter.key == counter, RateCounter.window_index.in_((window - 1, window)))
    rows = dict(session.execute(found).all())
    return window, rows.get(window - 1, 0), rows.get(window, 0)


def _state(limit: Limit, now: float, window: int, previous: int, current: int) -> State:
    elapsed = now - window * limit.period
    weight = 1 - elapsed / limit.period
    hits = previous * weight + current
    if hits < limit.count:
        return State(hits, True, 0)
    if current >= limit.count:  # wait for this window to become the previous one, and to fade enough
        wait = (limit.period - elapsed) + limit.period * (1 - limit.count / current) if current else limit.period
    else:
        wait = limit.period * (1 - (limit.count - current) / previous) - elapsed
    return State(hits, False, max(1, math.floor(wait) + 1))  # strictly past the moment it equals the limit


def check(session: Session, counter: str, limit: Limit, now: float | None = None) -> State:
    """Whether one more hit is allowed now (nothing is counted)."""
    now = utcnow().timestamp() if now is None else now
    return _state(limit, now, *_counts(session, counter, limit, now))


def hit(session: Session, counter: str, limit: Limit, now: float | None = None) -> State:
    """Count one hit if it is within the limit (a refused one is not counted, so Retry-After holds); the state says
    which. The caller commits."""
    now = utcnow().timestamp() if now is None else now
    window = int(now // limit.period)
    values = {"key": counter, "window_index": window, "count": 1, "expires_at": (window + 2) * limit.period}
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = insert(RateCounter).values(values)
    statement = statement.on_conflict_do_update(index_elements=["key", "window_index"],
                                                set_={"count": RateCounter.count + 1})
    session.execute(statement)
    if random.randrange(PURGE_ONE_IN) == 0:
        session.execute(delete(RateCounter).where(RateCounter.expires_at < int(now)))
    window, previous, current = _counts(session, counter, limit, now)
    before = _state(limit, now, window, previous, current - 1)
    if before.allowed:
        return State(before.hits + 1, True, 0)
    # Counted and taken back in one transaction: the increment above is what makes concurrent hits exact.
    session.execute(update(RateCounter).where(RateCounter.key == counter, RateCounter.window_index == window)
                    .values(count=RateCounter.count - 1))
    return before


class MemoryCounters:
    """The same sliding-window counters in one process's memory, for limits that bound this process's own work.

    An anonymous evaluation costs a few milliseconds of this worker's CPU; counting it in the database would cost as
    much again (a write transaction per request) and serialise the workers on the write lock. Per-process counts are
    the right measure of that cost: N workers allow N times the limit, and N is configured with them.
    """

    def __init__(self) -> None:
        self._counts: dict[tuple[str, int], int] = {}
        self._lock = threading.Lock()

    def hit(self, counter: str, limit: Limit, now: float | None = None) -> State:
        """Count one hit if it is within the limit; a refused one is not counted."""
        now = utcnow().timestamp() if now is None else now
        window = int(now // limit.period)
        with self._lock:
            if len(self._counts) > MAX_MEMORY_KEYS:  # past windows go first; a flood of addresses cannot grow it
                self._counts = {k: v for k, v in self._counts.items() if k[1] >= window - 1}
            previous, current = self._counts.get((counter, window - 1), 0), self._counts.get((counter, window), 0)
            state = _state(limit, now, window, previous, current)
            if state.allowed:
                self._counts[(counter, window)] = current + 1
                return State(state.hits + 1, True, 0)
            return state


def reset(session: Session, counter: str) -> None:
    """Forget a key's hits (a successful login clears its user name's failures)."""
    session.execute(delete(RateCounter).where(RateCounter.key == counter))
