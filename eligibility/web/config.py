"""Configuration: defaults, the instance's config.py, the environment (FLASK_…, DATABASE_URL), the secret key."""
import os
import re
import secrets
import stat
from datetime import timedelta
from pathlib import Path

import click
from flask import Flask

from .. import clock
from ..engine import RULES_DIR

INSTANCE_ENV = "ELIGIBILITY_INSTANCE_PATH"
MiB = 1024 * 1024
MIN_SECRET_LENGTH = 32
API_TOKENS = "API_TOKEN_SHA256"
HEX64 = re.compile(r"^[0-9a-f]{64}$")

DEFAULTS = {
    # The rule files: those shipped with the package unless FLASK_RULES_DIR names another folder.
    "RULES_DIR": str(RULES_DIR),
    "ENGINE_BACKEND": "durable",
    # durable-rules decides 1 evaluation in N and the reference (which builds every status, reason and trace
    # anyway) the rest; on the sampled ones the two must agree or the request fails. Their equality is proven on
    # every rule by the BDD scenarios and on thousands of generated profiles by the property tests, which run
    # durable-rules on every call. 1 makes durable-rules decide every evaluation (bench/bench_api.py measures both).
    "ENGINE_CROSS_CHECK_EVERY": 10,
    "BUREAU_TIMEZONE": os.environ.get("ELIGIBILITY_TIMEZONE") or clock.DEFAULT_ZONE,
    # Behind a reverse proxy: how many proxies set X-Forwarded-For/-Proto/-Host (0: none, trust nothing).
    "PROXY_COUNT": 0,
    # Served over HTTPS (at the proxy): Secure cookies, HSTS, https URLs.
    "HTTPS": False,
    "HSTS_MAX_AGE": 365 * 24 * 3600,
    # Desk sessions: 30 idle minutes, 12 hours at most; the signed cookie itself expires with the absolute limit.
    "SESSION_IDLE_TIMEOUT": timedelta(minutes=30),
    "SESSION_ABSOLUTE_TIMEOUT": timedelta(hours=12),
    "SESSION_COOKIE_NAME": "session",
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_HTTPONLY": True,  # Flask-Login clears a remember-me cookie it never sets; keep it tight too
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    # Requests: 1 MiB in general (the largest legal profile is about 150 KB as a form), 4 MiB for loading a saved
    # self-check file (it carries its result); url-encoded forms get the same part limit as multipart ones.
    "MAX_CONTENT_LENGTH": MiB,
    "MAX_UPLOAD_LENGTH": 4 * MiB,
    # Materials an enterprise hands in for its claims: each file at most 10 MiB, one submission at most 25 MiB (its
    # form fields included); kept in ATTACHMENTS_DIR (default: the instance folder's attachments/).
    "MAX_ATTACHMENT_LENGTH": 10 * MiB,
    "MAX_ATTACHMENTS_REQUEST_LENGTH": 25 * MiB,
    "ATTACHMENTS_DIR": None,
    # A self-check result is held this many seconds for the browser that made it (its page is a GET).
    "HELD_CHECK_TTL": 2 * 3600,
    # 免申即享: registries uploaded on the desk; the worker runs in a thread of each web process ("thread") or as
    # its own service, `flask screen-worker` ("off" here).
    "MAX_SCREENING_UPLOAD_LENGTH": 200 * MiB,
    "SCREENING_WORKER": "thread",
    "SCREENING_POLL_SECONDS": 2,
    # A database whose schemas hold registries as the four tables (enterprises, sales, recognitions, projects):
    # the desk then screens a schema there, where the data is (postgresql://… or duckdb:///path).
    "SCREENING_DATABASE_URL": None,
    "MAX_FORM_MEMORY_SIZE": MiB,
    "MAX_FORM_PARTS": 3000,
    "MAX_JSON_DEPTH": 20,
    # Rate limits ("count/period", period: second, minute, hour, day, optionally with a number: 5/15minute).
    "RATELIMIT_ENABLED": True,
    "RATELIMIT_LOGIN_PER_USERNAME": "5/15minute",
    "RATELIMIT_LOGIN_PER_ADDRESS": "20/15minute",
    "RATELIMIT_APPLY": "10/hour",
    "RATELIMIT_EVALUATE": "120/minute",
    "RATELIMIT_SELFCHECK": "60/minute",
    "LOG_LEVEL": "INFO",
    "LOG_JSON": True,
    # Bearer tokens of the bureau's APIs (POST /api/v1/screen): their SHA-256 hex digests, comma-separated; never
    # the tokens themselves. Empty: only logged-in desk users may call them.
    API_TOKENS: "",
    # Only `python3 dev.py serve` (or debug/testing) may make a secret key of its own in the instance folder.
    "GENERATE_SECRET_KEY": False,
}

SECRET_KEY_MISSING = (
    "未配置密钥:生产环境必须通过环境变量 FLASK_SECRET_KEY,或由 FLASK_SECRET_KEY_FILE 指定的权限为 0600 的文件提供密钥。"  # noqa: S105 - a message, not a key
    "\nNo secret key: in production set FLASK_SECRET_KEY, or FLASK_SECRET_KEY_FILE naming a file of mode 0600 "
    "(e.g. `python3 -c 'import secrets; print(secrets.token_hex(32))' > /etc/eligibility/secret_key; "
    "chmod 600 /etc/eligibility/secret_key`)."
)


class ConfigError(RuntimeError):
    """The configuration cannot run the application (the message says what to set, in Chinese and English)."""


def instance_path(explicit: str | None) -> str | None:
    """The instance folder: the argument, else ELIGIBILITY_INSTANCE_PATH, else Flask's default (./instance)."""
    return explicit or os.environ.get(INSTANCE_ENV) or None


def load(app: Flask, test_config: dict | None) -> None:
    """Defaults < instance config.py < environment (FLASK_…, DATABASE_URL) < test_config; then the secret key."""
    app.config.from_mapping(DEFAULTS)
    app.config["DATABASE_URL"] = f"sqlite:///{Path(app.instance_path) / 'eligibility.db'}"
    app.config.from_pyfile("config.py", silent=True)
    if os.environ.get("DATABASE_URL"):
        app.config["DATABASE_URL"] = os.environ["DATABASE_URL"]
    app.config.from_prefixed_env("FLASK")
    if test_config:
        app.config.update(test_config)
    for key in ("SESSION_IDLE_TIMEOUT", "SESSION_ABSOLUTE_TIMEOUT"):
        value = app.config[key]
        app.config[key] = value if isinstance(value, timedelta) else timedelta(seconds=int(value))
    # The signed cookie never outlives the absolute limit; the idle limit is kept server-side (desk sessions).
    app.config["PERMANENT_SESSION_LIFETIME"] = app.config["SESSION_ABSOLUTE_TIMEOUT"]
    if app.config["HTTPS"]:
        app.config["SESSION_COOKIE_SECURE"] = app.config["REMEMBER_COOKIE_SECURE"] = True
        app.config["PREFERRED_URL_SCHEME"] = "https"
    app.config[API_TOKENS] = token_hashes(app.config.get(API_TOKENS))
    clock.configure(str(app.config["BUREAU_TIMEZONE"]))
    app.config["SECRET_KEY"] = secret_key(app)


def token_hashes(value: object) -> tuple[str, ...]:
    """The configured API token hashes (comma-separated text or a list), lower-case; a bad entry stops start-up."""
    if value in (None, ""):
        return ()
    items = value if isinstance(value, (list, tuple)) else str(value).split(",")
    hashes = tuple(str(item).strip().lower() for item in items if str(item).strip())
    bad = [h for h in hashes if not HEX64.match(h)]
    if bad:
        # Only a prefix is echoed: an operator who pasted a token instead of its hash should not see it in a log.
        raise ConfigError(f"{API_TOKENS} 应为令牌的 SHA-256 十六进制摘要(64位),以逗号分隔;有误的项:"
                          f"{', '.join(h[:4] + '…' for h in bad)}\n{API_TOKENS} must list SHA-256 hex digests of the "
                          f"tokens (64 hex digits each), comma-separated.")
    return hashes


def secret_key(app: Flask) -> str:
    """The secret key: configured, from FLASK_SECRET_KEY_FILE, or (locally only) generated in the instance folder."""
    local = app.debug or app.testing or bool(app.config.get("GENERATE_SECRET_KEY"))
    configured = app.config.get("SECRET_KEY")
    if configured not in (None, ""):
        key = str(configured)  # FLASK_SECRET_KEY=1234 arrives as a number
    elif app.config.get("SECRET_KEY_FILE"):
        key = read_secret_file(Path(str(app.config["SECRET_KEY_FILE"])))
    elif local:
        return local_secret_key(Path(app.instance_path) / "secret_key")
    elif _command_line():
        return secrets.token_hex(32)  # flask db upgrade, users create, evaluate: no cookie is signed
    else:
        raise ConfigError(SECRET_KEY_MISSING)
    if not local and len(key) < MIN_SECRET_LENGTH:
        raise ConfigError(f"密钥过短:至少{MIN_SECRET_LENGTH}个字符。\nThe secret key is too short: at least "
                          f"{MIN_SECRET_LENGTH} characters.")
    return key


def _command_line() -> bool:
    """Whether a `flask` command other than `run` is building the app (it serves no requests)."""
    context = click.get_current_context(silent=True)
    return context is not None and context.info_name != "run"


def read_secret_file(path: Path) -> str:
    """A key from a file only its owner can read."""
    try:
        mode = path.stat().st_mode
        text = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ConfigError(f"无法读取密钥文件 {path}:{exc.strerror}\nCannot read the secret key file {path}.") from None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise ConfigError(f"密钥文件 {path} 的权限应为 0600(现为 {stat.S_IMODE(mode):04o}),请执行 chmod 600 {path}"
                          f"\nThe secret key file {path} must have mode 0600 (it has {stat.S_IMODE(mode):04o}).")
    return text


def local_secret_key(path: Path) -> str:
    """The instance folder's own key, made once with mode 0600; processes starting together all get the first one."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = _private_temp(path)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(secrets.token_hex(32))
                out.flush()
                os.fsync(out.fileno())
            try:
                # A hard link never replaces an existing file: the first process to link wins, the others read its
                # key (os.replace would let each of two racing processes keep the key it wrote).
                os.link(temp, path)
            except FileExistsError:
                pass
            except OSError:  # a file system without hard links: replace only while no key exists
                if not path.exists():
                    os.replace(temp, path)
        finally:
            Path(temp).unlink(missing_ok=True)
    if stat.S_IMODE(path.stat().st_mode) & (stat.S_IRWXG | stat.S_IRWXO):
        path.chmod(0o600)  # a key written by an earlier version, world-readable
    return path.read_text(encoding="utf-8").strip()


def _private_temp(path: Path) -> tuple[int, str]:
    """A new file beside `path`, readable by its owner only from the start."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    return os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), str(temp)
