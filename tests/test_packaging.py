"""The wheel: it carries the rules, templates, static files, data and migrations; installed into a fresh virtual
environment outside the checkout it evaluates a profile from the command line and serves pages under gunicorn.

Offline-safe: the wheel is built with the current environment's setuptools (no build isolation) and installed with
--no-deps; the fresh environment finds its dependencies through a .pth line naming this environment's
site-packages (which does not activate this checkout's editable install)."""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import time
import tomllib
import urllib.request
import zipfile
from pathlib import Path

import pytest
from setuptools import find_namespace_packages

ROOT = Path(__file__).resolve().parent.parent
PROFILE = {"profile": {"name": "许昌智造有限公司", "credit_code": "91350100M000100Y43", "division_code": "411003",
                       "strategic_emerging": True, "sales_yuan_by_year": {"2018": 900000000, "2019": 1200000000},
                       "recognitions": [{"kind": "smart_factory", "level": "provincial", "obtained_on": "2019-05-20"}]},
           "as_of": "2020-12-31"}
LEFT_BEHIND = shutil.ignore_patterns(".git", ".venv", "__pycache__", "*.pyc", "instance", "build", "*.egg-info",
                                     "test-artifacts", ".hypothesis", ".pytest_cache", "bench")


def test_every_package_and_data_folder_is_listed_for_the_wheel():
    configured = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    found = find_namespace_packages(where=str(ROOT), include=["eligibility", "eligibility.*"],
                                    exclude=["*.__pycache__"])
    mapped = {"eligibility.rules": "rules", "eligibility.policies": "policies", "eligibility.features": "features"}
    assert set(configured["packages"]) == {*found, *mapped}
    assert configured["package-dir"] == mapped


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A wheel built from a copy of the checkout, installed into a new virtual environment; yields its python."""
    work = tmp_path_factory.mktemp("packaging")
    shutil.copytree(ROOT, work / "source", ignore=LEFT_BEHIND)
    run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
         "-w", work / "dist", work / "source"], work)
    (wheel,) = (work / "dist").glob("eligibility-*.whl")
    run([sys.executable, "-m", "venv", work / "venv"], work)
    python = work / "venv" / "bin" / "python"
    run([python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", wheel], work)
    site = Path(run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], work).strip())
    (site / "_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return work, wheel, python


def run(command: list, cwd: Path, env: dict | None = None, check: bool = True) -> str:
    done = subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    if check:
        assert done.returncode == 0, (command, done.stdout[-3000:], done.stderr[-3000:])
    return done.stdout


def clean_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("FLASK_", "GUNICORN_", "PYTHON")) and k not in ("DATABASE_URL", "VIRTUAL_ENV")}
    return {**env, **extra}


def test_the_wheel_carries_rules_templates_static_data_and_migrations(installed):
    _, wheel, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in [*(ROOT / "rules").glob("*.yaml"), *(ROOT / "policies").glob("*.txt"), *(ROOT / "policies").glob("*.yaml"), *(ROOT / "features").glob("*.feature"),
                 *(ROOT / "eligibility").rglob("*.html"),
                 *(ROOT / "eligibility" / "web" / "static").iterdir(), *(ROOT / "eligibility" / "data").iterdir(),
                 *(ROOT / "eligibility" / "migrations").rglob("*.py")]:
        if "__pycache__" in path.parts:
            continue
        relative = path.relative_to(ROOT)
        inside = Path("eligibility", relative) if relative.parts[0] in ("rules", "policies", "features") else relative
        assert inside.as_posix() in names, inside
    assert "eligibility/web/gunicorn_conf.py" in names


def test_installed_it_evaluates_a_profile_outside_the_checkout(installed):
    work, _, python = installed
    where = run([python, "-c", "import eligibility, eligibility.engine as e; print(eligibility.__file__, e.RULES_DIR)"],
                work, clean_env())
    assert str(work / "venv") in where and str(ROOT) not in where and "eligibility/rules" in where
    (work / "profile.json").write_text(json.dumps(PROFILE, ensure_ascii=False), encoding="utf-8")
    result = json.loads(run([python, "-m", "eligibility", "evaluate", "profile.json"], work, clean_env()))
    assert result["total_yuan"] == 300000 and result["as_of"] == "2020-12-31"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def test_installed_it_serves_pages_under_gunicorn_and_stops_gracefully(installed):
    work, _, python = installed
    port = free_port()
    env = clean_env(FLASK_SECRET_KEY="s" * 64, DATABASE_URL=f"sqlite:///{work / 'served.db'}",
                    ELIGIBILITY_INSTANCE_PATH=str(work / "instance"), WEB_CONCURRENCY="2",
                    GUNICORN_BIND=f"127.0.0.1:{port}")
    run([python, "-m", "flask", "--app", "eligibility.web", "db", "upgrade"], work, env)
    log = open(work / "gunicorn.log", "w")
    server = subprocess.Popen([str(python), "-m", "gunicorn", "-c", "python:eligibility.web.gunicorn_conf"],
                              cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        while True:
            try:
                status, body = get(base + "/healthz")
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, (work / "gunicorn.log").read_text()
                time.sleep(0.5)
        health = json.loads(body)
        assert status == 200 and health["status"] == "ok" and health["rules"] > 0 and health["ruleset_version"]
        status, page = get(base + "/")
        assert status == 200 and "企业奖补政策自查" in page and "/static/selfcheck.css" in page
        assert get(base + "/static/selfcheck.css")[0] == 200
        status, page = get(base + "/policies/xuchang-2017-29")  # the published text and scenarios travel too
        assert status == 200 and "许昌市制造业转型发展实施方案" in page and "clause-" in page
    finally:
        server.send_signal(signal.SIGTERM)
        code = server.wait(timeout=45)
        log.close()
    text = (work / "gunicorn.log").read_text()
    assert code == 0 and "Handling signal: term" in text and "Shutting down: Master" in text, text[-3000:]
    assert '"route": "/healthz"' in text  # the app's JSON request log went to gunicorn's stderr


def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line[0].isspace() and not line.startswith("#"):
            name, _, version = line.split(";")[0].split(" ")[0].partition("==")
            pins[name.lower()] = version
    return pins


def test_the_server_lock_is_the_runtime_part_of_the_development_lock():
    server, development = _pins(ROOT / "requirements.lock"), _pins(ROOT / "requirements-dev.lock")
    assert server and all(development.get(name) == version for name, version in server.items())
    assert {"flask", "gunicorn", "durable-rules", "sqlalchemy"} <= set(server) and "pytest" not in server
    assert "--hash=sha256:" in (ROOT / "requirements.lock").read_text(encoding="utf-8")
