"""GET /healthz: 200 with the rule-set version when the database answers with the current schema; 503 JSON when not."""
import pytest

from eligibility.casework.db import downgrade, upgrade


@pytest.fixture(scope="module")
def app(make_app):
    """One application for this module's tests that only read (each building one costs a second)."""
    return make_app(WTF_CSRF_ENABLED=False)


def test_healthy(client, engine):
    response = client.get("/healthz")
    body = response.get_json()
    assert response.status_code == 200 and body["status"] == "ok" and body["database"] == "ok"
    assert body["ruleset_version"] == engine.rulebook.version and body["rules"] == len(engine.rulebook.rules)
    assert body["schema"] and response.headers["Cache-Control"] == "no-store"


def test_database_unreachable_is_503_json(make_app, tmp_path):
    for url in (f"sqlite:///{tmp_path / 'no-such-folder' / 'x.db'}", "postgresql+psycopg://nobody@127.0.0.1:1/none"):
        response = make_app(DATABASE_URL=url).test_client().get("/healthz")
        body = response.get_json()
        assert response.status_code == 503 and body["status"] == "unavailable" and body["database"] == "unreachable"
        assert body["ruleset_version"]


def test_a_database_not_migrated_to_head_is_503(make_app, tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    upgrade(url)
    downgrade(url, "0001")
    body = make_app(DATABASE_URL=url).test_client().get("/healthz").get_json()
    assert body["status"] == "unavailable" and body["database"] == "schema_outdated" and body["schema"] == ["0001"]


def test_health_is_not_rate_limited(make_app):
    client = make_app(RATELIMIT_ENABLED=True, RATELIMIT_EVALUATE="1/minute").test_client()
    assert all(client.get("/healthz").status_code == 200 for _ in range(5))
