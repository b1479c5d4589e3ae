"""The bureau's clock: the one place that reads the time, in the bureau's time zone (Asia/Shanghai by default).

A server in UTC would otherwise start "today" at 08:00 Beijing time, so everything that asks for today, now or a
day's bounds asks here. `ELIGIBILITY_TIMEZONE` (or `configure`) names another IANA zone.
"""
import os
from collections.abc import Callable
from datetime import date, datetime, time, timezone
from zoneinfo import ZoneInfo

DEFAULT_ZONE = "Asia/Shanghai"

_zone = ZoneInfo(os.environ.get("ELIGIBILITY_TIMEZONE") or DEFAULT_ZONE)
# Tests replace the source to stand at a given moment; production reads the system clock.
def _system_clock() -> datetime:
    return datetime.now(timezone.utc)


_source: Callable[[], datetime] = _system_clock


def configure(zone_name: str) -> None:
    """Use another IANA time zone for the bureau (config `BUREAU_TIMEZONE`)."""
    global _zone
    _zone = ZoneInfo(zone_name)


def zone() -> ZoneInfo:
    """The bureau's time zone."""
    return _zone


def utcnow() -> datetime:
    """Now, timezone-aware UTC (what the database stores)."""
    return _source().astimezone(timezone.utc)


def now() -> datetime:
    """Now, in the bureau's time zone."""
    return _source().astimezone(_zone)


def today() -> date:
    """Today, in the bureau's time zone."""
    return now().date()


def local_time(moment: datetime) -> datetime:
    """A stored moment in the bureau's time zone (SQLite hands back naive UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(_zone)


def day_start(day: date) -> datetime:
    """The first moment of a bureau day, in UTC."""
    return datetime.combine(day, time.min, _zone).astimezone(timezone.utc)


def day_end(day: date) -> datetime:
    """The last moment of a bureau day, in UTC."""
    return datetime.combine(day, time.max, _zone).astimezone(timezone.utc)
