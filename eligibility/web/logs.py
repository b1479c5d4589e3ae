"""Logs as JSON lines on stderr: one per request (request id, route, status, duration, rule-set version), and
errors with their tracebacks, every text cut to a bounded length (a durable-rules exception once carried 119 MB)."""
import json
import logging
import re
import sys
import time
import traceback
import uuid
from datetime import datetime, timezone

from flask import Flask, current_app, g, request

REQUEST_ID_HEADER = "X-Request-ID"
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:\-]{1,128}$")
_PRIVATE_LINK = re.compile(r"/applications/[^/\s\]\[?]+")
MAX_MESSAGE = 2000  # characters of one message or exception text
MAX_TRACEBACK = 20000  # characters of one traceback
ROOT = "eligibility"
# Standard attributes of a LogRecord; anything else passed as `extra` becomes a field of the JSON line.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}

request_log = logging.getLogger("eligibility.request")


def truncate(text: str, limit: int = MAX_MESSAGE) -> str:
    """The text, or its head and tail with how much was cut."""
    if len(text) <= limit:
        return text
    keep = limit // 2
    return f"{text[:keep]} …[{len(text) - 2 * keep} characters cut]… {text[-keep:]}"


def message(record: logging.LogRecord) -> str:
    """The record's message, cut, with private application links masked (Flask names the path of a 500)."""
    return _PRIVATE_LINK.sub("/applications/<token>", truncate(record.getMessage()))


def _exception_text(exc_info) -> str:
    kind, value, tb = exc_info
    # The exception's own text is cut before formatting: str() of it is built once, never written whole.
    message = truncate(str(value))
    lines = traceback.format_tb(tb) if tb else []
    return truncate("".join(["Traceback (most recent call last):\n", *lines, f"{kind.__qualname__}: {message}"]),
                    MAX_TRACEBACK)


class JSONFormatter(logging.Formatter):
    """One JSON object per line."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname, "logger": record.name, "message": message(record),
        }
        for name, value in vars(record).items():
            if name not in _STANDARD and not name.startswith("_"):
                entry[name] = value if isinstance(value, (int, float, bool, type(None))) else truncate(str(value))
        if record.exc_info and record.exc_info[0] is not None:
            entry["exception"] = _exception_text(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """Plain lines for a developer's terminal, still truncated."""

    def format(self, record: logging.LogRecord) -> str:
        line = f"{self.formatTime(record)} {record.levelname} {record.name}: {message(record)}"
        extras = {k: v for k, v in vars(record).items() if k not in _STANDARD and not k.startswith("_")}
        if extras:
            line += " " + " ".join(f"{k}={v}" for k, v in extras.items())
        if record.exc_info and record.exc_info[0] is not None:
            line += "\n" + _exception_text(record.exc_info)
        return line


class StderrHandler(logging.StreamHandler):
    """Writes to whatever sys.stderr is at the moment (test runners swap it)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        pass


def configure(json_lines: bool = True, level: str = "INFO") -> None:
    """Send the package's logs (Flask's app logger included) to stderr; once per process."""
    logger = logging.getLogger(ROOT)
    handler = next((h for h in logger.handlers if isinstance(h, StderrHandler)), None)
    if handler is None:
        handler = StderrHandler()
        logger.addHandler(handler)
        logger.propagate = False
    handler.setFormatter(JSONFormatter() if json_lines else TextFormatter())
    logger.setLevel(level)


def _start() -> None:
    given = request.headers.get(REQUEST_ID_HEADER, "")
    g.request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
    g.request_started = time.perf_counter()


def _finish(response):
    response.headers[REQUEST_ID_HEADER] = g.get("request_id", "")
    if request.path.startswith("/api/"):
        response.headers["X-Ruleset-Version"] = _ruleset_version()
    if "request_started" in g:
        request_log.info("request", extra={
            "request_id": g.request_id, "method": request.method,
            # The route, not the path: private links (/applications/<token>) never reach the log.
            "route": request.url_rule.rule if request.url_rule else "<unmatched>", "status": response.status_code,
            "duration_ms": round((time.perf_counter() - g.request_started) * 1000, 1),
            "ruleset_version": _ruleset_version(), "address": request.remote_addr or "",
            "bytes_in": request.content_length or 0,
        })
    return response


def _ruleset_version() -> str:
    engine = current_app.extensions.get("eligibility_engine")
    return engine.rulebook.version if engine is not None else ""


def init_app(app: Flask) -> None:
    """Request ids and request logs; logging set up from LOG_JSON and LOG_LEVEL."""
    configure(bool(app.config["LOG_JSON"]), str(app.config["LOG_LEVEL"]))
    app.before_request(_start)
    app.after_request(_finish)
