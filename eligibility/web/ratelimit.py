"""Rate limits: desk logins per user name and per address, anonymous submissions and evaluations per address.

What guards the bureau's records (logins, applications) is counted in the database (eligibility.casework.throttle),
not in each worker's memory: gunicorn runs several processes, and per-process counters would multiply those limits
by their number and forget them on restart. What only bounds a worker's own CPU (evaluations, self-checks) is
counted in that worker's memory: a database write per evaluation would double its cost and serialise the workers.
"""
import ipaddress
import logging

from flask import Flask, current_app, request
from sqlalchemy.exc import SQLAlchemyError

from ..casework import throttle
from ..casework.db import transaction
from .errors import problem

log = logging.getLogger(__name__)

# Anonymous POSTs by endpoint → the config key of their limit; each scope is counted per client address.
ANONYMOUS = {
    "api.evaluate": ("evaluate", "RATELIMIT_EVALUATE"),
    "selfcheck.submit": ("selfcheck", "RATELIMIT_SELFCHECK"),
    "selfcheck.download": ("selfcheck", "RATELIMIT_SELFCHECK"),
    "selfcheck.load": ("selfcheck", "RATELIMIT_SELFCHECK"),
    "apply.submit": ("apply", "RATELIMIT_APPLY"),
}
# Scopes that only bound a worker's CPU, counted in its memory (see the module's docstring).
IN_MEMORY = {"evaluate", "selfcheck"}


def enabled() -> bool:
    """Whether limits are counted (tests switch them off unless they test them)."""
    return bool(current_app.config["RATELIMIT_ENABLED"])


def client_address() -> str:
    """The client's address (after ProxyFix); an IPv6 client is counted by its /64, which one host usually has."""
    address = request.remote_addr or "unknown"
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def limit(config_key: str) -> throttle.Limit:
    """A configured limit."""
    return throttle.Limit.parse(str(current_app.config[config_key]))


def minutes(seconds: int) -> int:
    """About how many minutes to wait, at least one (Retry-After has the seconds)."""
    return max(1, round(seconds / 60))


def too_many(retry_after: int, message: str):
    """429 with Retry-After, JSON for the API, a Chinese page for forms."""
    return problem(429, message, headers={"Retry-After": str(retry_after)})


def _anonymous_limit():
    """Count an anonymous POST against its scope's limit for this address; 429 when over it."""
    found = ANONYMOUS.get(request.endpoint or "")
    if request.method != "POST" or found is None or not enabled():
        return None
    scope, config_key = found
    counter = throttle.key(scope, client_address())
    if scope in IN_MEMORY:
        state = current_app.extensions["rate_counters"].hit(counter, limit(config_key))
    else:
        from .database import session_factory
        try:
            with session_factory()() as db, transaction(db):
                state = throttle.hit(db, counter, limit(config_key))
        except SQLAlchemyError:
            # Counting must not take applying down with the storage: the limit is skipped, and logged.
            log.warning("rate limit not counted: storage unavailable", exc_info=True)
            return None
    if state.allowed:
        return None
    log.warning("rate limit exceeded", extra={"scope": scope, "retry_after": state.retry_after})
    return too_many(state.retry_after, f"提交过于频繁,请{minutes(state.retry_after)}分钟后再试。")


def init_app(app: Flask) -> None:
    """Count anonymous POSTs before their views run."""
    for key in ("RATELIMIT_LOGIN_PER_USERNAME", "RATELIMIT_LOGIN_PER_ADDRESS", "RATELIMIT_APPLY",
                "RATELIMIT_EVALUATE", "RATELIMIT_SELFCHECK"):
        throttle.Limit.parse(str(app.config[key]))  # a malformed limit stops start-up, not a request
    app.extensions["rate_counters"] = throttle.MemoryCounters()
    app.before_request(_anonymous_limit)
