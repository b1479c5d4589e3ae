#!/usr/bin/env python3
"""Set-up and run in one command: `python3 dev.py serve` starts the app, `python3 dev.py test` runs every test.

  python3 dev.py test [--coverage] [pytest arguments]   --coverage: branch coverage, failing under the floor
  python3 dev.py check                                   ruff and mypy, as configured in pyproject.toml

Both create .venv with a Python 3.11 or 3.12 (durable-rules does not import on 3.13) and install the project.
`test` also installs Debian's Chromium for the browser tests when it is missing (as root, with apt-get).
"""
import contextlib
import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENV = HERE / ".venv"
PYTHON = VENV / "bin" / "python"
STAMP = VENV / ".installed"
# Runtime and test dependencies, pinned with hashes (its header says how to regenerate it); servers install
# requirements.lock, the runtime part alone.
LOCK = HERE / "requirements-dev.lock"
CHROMIUM = ("chromium", "chromium-browser")


def run(*cmd, **kwargs) -> None:
    """Run a command, echoing it, and stop on failure."""
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, **kwargs)


def supported_python() -> str:
    """A Python 3.11 or 3.12 interpreter: this one, or one found on PATH."""
    if (3, 11) <= sys.version_info[:2] <= (3, 12):
        return sys.executable
    for name in ("python3.12", "python3.11"):
        found = shutil.which(name)
        if found:
            return found
    sys.exit("需要 Python 3.11 或 3.12(durable-rules 不支持 3.13)。")


def ensure_venv() -> None:
    """Create the virtual environment; install the locked dependencies (hash-checked) and the project itself
    whenever requirements.lock or pyproject.toml changed."""
    if not PYTHON.exists():
        run(supported_python(), "-m", "venv", VENV)
    wanted = LOCK.read_text(encoding="utf-8") + (HERE / "pyproject.toml").read_text(encoding="utf-8")
    if not STAMP.exists() or STAMP.read_text(encoding="utf-8") != wanted:
        run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
        run(PYTHON, "-m", "pip", "install", "--quiet", "--require-hashes", "-r", LOCK)
        # The project on its own: every dependency came from the lock above; setuptools too (no build isolation).
        run(PYTHON, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "-e", HERE)
        STAMP.write_text(wanted, encoding="utf-8")


def ensure_chromium() -> None:
    """Install Debian's Chromium for the browser tests when it is missing and we may."""
    if any(shutil.which(name) for name in CHROMIUM):
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        print("未找到 Chromium,且无法自动安装:浏览器测试将跳过(CI 中则失败)。", file=sys.stderr)
        return
    run("apt-get", "update", "-qq")
    run("apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium", "fonts-noto-cjk",
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})


def postgres_bin() -> Path | None:
    """The folder of PostgreSQL's server programs (Debian keeps them off PATH), or None."""
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(versions[-1]).parent if versions else None


def ensure_postgres_installed() -> Path | None:
    """Install Debian's PostgreSQL server when it is missing and we may."""
    if postgres_bin() is None and os.geteuid() == 0 and shutil.which("apt-get"):
        run("apt-get", "update", "-qq")
        run("apt-get", "install", "-y", "-qq", "--no-install-recommends", "postgresql",
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    return postgres_bin()


@contextlib.contextmanager
def throwaway_postgres():
    """A PostgreSQL cluster on loopback for the test run, removed afterwards; yields its URL or None."""
    if os.environ.get("TEST_POSTGRES_URL"):
        yield os.environ["TEST_POSTGRES_URL"]
        return
    bindir = ensure_postgres_installed()
    if bindir is None:
        print("未找到 PostgreSQL:PostgreSQL 测试将跳过(CI 中则失败)。", file=sys.stderr)
        yield None
        return
    folder = Path(tempfile.mkdtemp(prefix="eligibility-pg-"))
    as_owner: list[str] = []
    if os.geteuid() == 0:  # the server refuses to run as root
        shutil.chown(folder, "postgres", "postgres")
        as_owner = ["runuser", "-u", "postgres", "--"]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    data = folder / "data"
    run(*as_owner, bindir / "initdb", "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync",
        stdout=subprocess.DEVNULL)
    options = f"-h 127.0.0.1 -p {port} -k {folder} -c fsync=off -c full_page_writes=off"
    run(*as_owner, bindir / "pg_ctl", "-D", data, "-o", options, "-l", folder / "server.log", "-w", "start",
        stdout=subprocess.DEVNULL)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_owner, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       stdout=subprocess.DEVNULL, check=False)
        shutil.rmtree(folder, ignore_errors=True)


def serve(args: list[str]) -> int:
    """Start the app on http://127.0.0.1:5000 with Werkzeug's development server (SQLite, secret key and the rest
    in instance/); a bureau's server runs gunicorn instead (README, "Deploying")."""
    ensure_venv()
    # Locally the app may make its own secret key in instance/ (mode 0600); in production it must be given.
    env = {**os.environ, "FLASK_GENERATE_SECRET_KEY": "true"}
    subprocess.run([str(PYTHON), "-m", "flask", "--app", "eligibility.web", "db", "upgrade"], cwd=HERE, env=env,
                   check=True)
    return subprocess.call([str(PYTHON), "-m", "flask", "--app", "eligibility.web", "run", *args], cwd=HERE, env=env)


def test(args: list[str]) -> int:
    """Run the whole suite: unit, BDD, API, database (SQLite and PostgreSQL) and browser tests."""
    ensure_venv()
    ensure_chromium()
    coverage = "--coverage" in args
    args = [a for a in args if a != "--coverage"]
    # pyproject.toml's [tool.coverage] says what is measured (branches of eligibility/) and the floor (fail_under).
    measured = ["--cov", "--cov-report=term:skip-covered"] if coverage else []
    with throwaway_postgres() as url:
        env = {**os.environ, **({"TEST_POSTGRES_URL": url} if url else {})}
        return subprocess.call([str(PYTHON), "-m", "pytest", *measured, *args], cwd=HERE, env=env)


def check(args: list[str]) -> int:
    """The code checks: ruff (lint, import order) and mypy (types), both configured in pyproject.toml."""
    ensure_venv()
    bin_dir = VENV / "bin"
    lint = subprocess.call([str(bin_dir / "ruff"), "check", ".", *args], cwd=HERE)
    types = subprocess.call([str(bin_dir / "mypy")], cwd=HERE)
    return lint or types


def main() -> int:
    commands = {"serve": serve, "test": test, "check": check}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__)
        return 2
    return commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
