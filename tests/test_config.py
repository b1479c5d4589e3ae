"""Configuration from the environment, and the secret key: required in production, private and shared locally."""
import multiprocessing
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from eligibility.casework.db import upgrade
from eligibility.web import create_app
from eligibility.web.config import ConfigError, local_secret_key

ROOT = Path(__file__).resolve().parent.parent
KEY = "k" * 40


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    """No FLASK_… or DATABASE_URL from the shell running the tests."""
    for name in list(os.environ):
        if name.startswith("FLASK_") or name in ("DATABASE_URL", "ELIGIBILITY_INSTANCE_PATH"):
            monkeypatch.delenv(name)


def production_app(tmp_path, **config):
    """An app as gunicorn builds it: no debug, no testing, nothing passed in."""
    return create_app(config or None, instance_path=str(tmp_path / "instance"))


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    with pytest.raises(ConfigError) as refused:
        production_app(tmp_path)
    assert "FLASK_SECRET_KEY" in str(refused.value) and "生产环境必须" in str(refused.value)
    assert "No secret key" in str(refused.value)
    assert not (tmp_path / "instance" / "secret_key").exists()


def test_secret_key_and_database_from_the_environment(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'elsewhere.db'}"
    monkeypatch.setenv("FLASK_SECRET_KEY", KEY)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("FLASK_PROXY_COUNT", "1")
    monkeypatch.setenv("FLASK_HTTPS", "true")
    app = production_app(tmp_path)
    assert app.config["SECRET_KEY"] == KEY and app.config["DATABASE_URL"] == url
    assert app.config["PROXY_COUNT"] == 1 and app.config["SESSION_COOKIE_SECURE"] is True


def test_a_numeric_secret_key_stays_text(tmp_path, monkeypatch):
    monkeypatch.setenv("FLASK_SECRET_KEY", "1" * 40)  # from_prefixed_env reads it as a number
    assert production_app(tmp_path).config["SECRET_KEY"] == "1" * 40


def test_short_secret_key_is_refused_in_production(tmp_path, monkeypatch):
    monkeypatch.setenv("FLASK_SECRET_KEY", "short")
    with pytest.raises(ConfigError, match="密钥过短"):
        production_app(tmp_path)


def test_secret_key_file_must_be_private(tmp_path, monkeypatch):
    key_file = tmp_path / "secret_key"
    key_file.write_text(KEY + "\n", encoding="utf-8")
    key_file.chmod(0o644)
    monkeypatch.setenv("FLASK_SECRET_KEY_FILE", str(key_file))
    with pytest.raises(ConfigError, match="0600"):
        production_app(tmp_path)
    key_file.chmod(0o600)
    assert production_app(tmp_path).config["SECRET_KEY"] == KEY
    monkeypatch.setenv("FLASK_SECRET_KEY_FILE", str(tmp_path / "missing"))
    with pytest.raises(ConfigError, match="无法读取密钥文件"):
        production_app(tmp_path)


def test_environment_overrides_the_instance_file_and_test_config_overrides_both(tmp_path, monkeypatch):
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.py").write_text(f"SECRET_KEY = {KEY!r}\nRATELIMIT_APPLY = '3/hour'\nHSTS_MAX_AGE = 5\n")
    monkeypatch.setenv("FLASK_RATELIMIT_APPLY", "4/hour")
    app = production_app(tmp_path)
    assert app.config["SECRET_KEY"] == KEY and app.config["RATELIMIT_APPLY"] == "4/hour"
    assert app.config["HSTS_MAX_AGE"] == 5
    app = production_app(tmp_path, RATELIMIT_APPLY="5/hour")
    assert app.config["RATELIMIT_APPLY"] == "5/hour"


def test_instance_folder_and_rules_folder_from_the_environment(tmp_path, monkeypatch):
    instance = tmp_path / "var-lib-eligibility"
    monkeypatch.setenv("ELIGIBILITY_INSTANCE_PATH", str(instance))
    monkeypatch.setenv("FLASK_SECRET_KEY", KEY)
    monkeypatch.setenv("FLASK_RULES_DIR", str(ROOT / "rules"))
    app = create_app()
    assert Path(app.instance_path) == instance and instance.is_dir()
    assert app.config["DATABASE_URL"] == f"sqlite:///{instance / 'eligibility.db'}"
    monkeypatch.setenv("FLASK_RULES_DIR", str(tmp_path / "no-rules"))
    with pytest.raises(Exception, match="no rule files"):
        create_app()


def test_a_malformed_rate_limit_stops_start_up(tmp_path):
    with pytest.raises(ValueError, match="10/minute"):
        production_app(tmp_path, SECRET_KEY=KEY, RATELIMIT_APPLY="lots")


def test_local_key_is_generated_private_and_kept(tmp_path):
    app = production_app(tmp_path, GENERATE_SECRET_KEY=True)
    path = tmp_path / "instance" / "secret_key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert app.config["SECRET_KEY"] == path.read_text().strip() and len(app.config["SECRET_KEY"]) == 64
    assert production_app(tmp_path, GENERATE_SECRET_KEY=True).config["SECRET_KEY"] == app.config["SECRET_KEY"]
    assert [p.name for p in path.parent.iterdir() if p.name.startswith(".secret_key")] == []  # no temp files left


def test_a_world_readable_key_of_an_earlier_version_is_made_private(tmp_path):
    path = tmp_path / "secret_key"
    path.write_text("old-key", encoding="utf-8")
    path.chmod(0o644)
    assert local_secret_key(path) == "old-key" and stat.S_IMODE(path.stat().st_mode) == 0o600


def _start_and_read_key(barrier, folder: str, results) -> None:
    barrier.wait()
    results.put(local_secret_key(Path(folder) / "secret_key"))


def test_processes_starting_together_end_with_the_same_key(tmp_path):
    context = multiprocessing.get_context("fork")
    for attempt in range(5):
        folder = tmp_path / f"round{attempt}"
        barrier, results = context.Barrier(8), context.Queue()
        workers = [context.Process(target=_start_and_read_key, args=(barrier, str(folder), results))
                   for _ in range(8)]
        for worker in workers:
            worker.start()
        keys = {results.get(timeout=30) for _ in workers}
        for worker in workers:
            worker.join(30)
        assert len(keys) == 1 and keys == {(folder / "secret_key").read_text().strip()}


def test_flask_commands_need_no_secret_key(tmp_path):
    """`flask db upgrade` and `flask users create` run on a server before any key is needed for cookies."""
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLASK_")}
    env.update(DATABASE_URL=url, ELIGIBILITY_INSTANCE_PATH=str(tmp_path / "instance"))
    done = subprocess.run([sys.executable, "-m", "flask", "--app", "eligibility.web", "db", "upgrade"], env=env,
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert not (tmp_path / "instance" / "secret_key").exists()


def test_bureau_timezone_is_configurable(tmp_path):
    from eligibility import clock
    try:
        production_app(tmp_path, SECRET_KEY=KEY, BUREAU_TIMEZONE="Asia/Urumqi")
        assert clock.zone().key == "Asia/Urumqi"
    finally:
        clock.configure(clock.DEFAULT_ZONE)


def test_migrated_database_serves_with_environment_config(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'served.db'}"
    upgrade(url)
    monkeypatch.setenv("FLASK_SECRET_KEY", KEY)
    monkeypatch.setenv("DATABASE_URL", url)
    client = production_app(tmp_path).test_client()
    assert client.get("/healthz").status_code == 200


def test_durable_rules_decides_a_sample_of_evaluations_by_default(make_app):
    """In production durable-rules decides 1 evaluation in ENGINE_CROSS_CHECK_EVERY (10), the reference the rest."""
    from eligibility.web.config import DEFAULTS
    assert DEFAULTS["ENGINE_CROSS_CHECK_EVERY"] == 10
    app = make_app(ENGINE_CROSS_CHECK_EVERY=3)
    body = {"profile": {"name": "许昌某公司", "credit_code": "91350100M000100Y43", "division_code": "411002"},
            "as_of": "2020-12-31"}
    engines = [app.test_client().post("/api/v1/evaluate", json=body).get_json()["engine"]
               for _ in range(6)]
    assert engines.count("durable-rules") == 2 and engines.count("reference") == 4
