"""Shared fixtures: the engines (built once), the Flask app in a temporary instance folder, its client and runner."""
import pytest

from eligibility.casework.db import upgrade
from eligibility.engine import Engine
from eligibility.web import create_app

# The casework fixtures (database_url over SQLite and PostgreSQL, sessions, session, clerk, admins) and the browser
# fixtures (browser, page, phone) for every module.
pytest_plugins = ["casework_support", "browser_support"]


@pytest.fixture(scope="session")
def engine():
    """The engine on durable-rules over the real rule files."""
    return Engine.from_folder()


@pytest.fixture(scope="session")
def reference_engine():
    """The engine on the plain-Python reference evaluator over the real rule files."""
    return Engine.from_folder(backend="reference")


@pytest.fixture(scope="session")
def make_app(tmp_path_factory):
    """Build applications, each in its own temporary instance folder over a freshly migrated SQLite database."""
    made = []

    def make(**config):
        instance = tmp_path_factory.mktemp("instance")
        url = f"sqlite:///{instance / 'eligibility.db'}"
        upgrade(url)
        # Rate limits off unless a test switches them on (tests post far faster than people do); durable-rules
        # decides every evaluation in tests, so every test also checks it against the reference.
        app = create_app({"TESTING": True, "SECRET_KEY": "test" * 8, "DATABASE_URL": url, "RATELIMIT_ENABLED": False,
                          "ENGINE_CROSS_CHECK_EVERY": 1, "SCREENING_WORKER": "off", **config},
                         instance_path=str(instance))
        made.append(app)
        return app

    yield make
    for app in made:
        app.extensions["db_engine"].dispose()


@pytest.fixture
def app(make_app):
    """The application with CSRF off; tests of CSRF itself build their own with make_app."""
    return make_app(WTF_CSRF_ENABLED=False)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """An empty database of each kind migrated to head; PostgreSQL from TEST_POSTGRES_URL (dev.py test starts one)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'database.db'}"
        upgrade(url)
        yield url
        return
    import os
    import uuid

    from sqlalchemy import create_engine, text
    server = os.environ.get("TEST_POSTGRES_URL")
    if not server:
        if os.environ.get("CI"):
            pytest.fail("TEST_POSTGRES_URL is not set in CI: dev.py test starts PostgreSQL")
        pytest.skip("no PostgreSQL server (TEST_POSTGRES_URL)")
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = server.rsplit("/", 1)[0] + f"/{name}"
    upgrade(url)
    yield url
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()
