"""POST /api/v1/screen: for the bureau only (a bearer token, or a desk session with its CSRF header); JSON Lines in,
one JSON line per input line out, equal to POST /api/v1/evaluate; bounded."""
import hashlib
import json
import re

import pytest

from eligibility.casework.users import create_user
from eligibility.web import screen_api
from eligibility.web.config import ConfigError
from strategies import credit_code

NDJSON = "application/x-ndjson"
TOKEN = "bureau-nightly-job-0123456789abcdefghijklmnop"
OTHER_TOKEN = "another-system-token-zyxwvutsrqponmlkjihgfedcba"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
PASSWORD = "correct horse battery"


def sha(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@pytest.fixture
def app(make_app):
    """CSRF off (as the other API tests); two tokens configured, as the environment would list them."""
    return make_app(WTF_CSRF_ENABLED=False, API_TOKEN_SHA256=f"{sha(OTHER_TOKEN)}, {sha(TOKEN).upper()}")


@pytest.fixture
def desk_app(make_app):
    """CSRF on, as in production, with a desk user and no tokens configured."""
    app = make_app(WTF_CSRF_ENABLED=True)
    with app.extensions["db_sessions"]() as s:
        create_user(s, "clerk", PASSWORD, "caseworker")
        s.commit()
    return app


def post(client, body: bytes = b"", headers: dict | None = None, query: str = "?as_of=2020-12-31"):
    return client.post(f"/api/v1/screen{query}", data=body, content_type=NDJSON, headers=headers or {})
PROFILE = {"name": "许昌某公司", "credit_code": credit_code(1), "division_code": "411002", "strategic_emerging": True,
           "sales_yuan_by_year": {"2018": 900000000, "2019": 1200000000},
           "projects": [{"name": "强基", "kind": "industrial_foundation", "approved_on": "2018-05-01",
                         "national_grant_yuan": 3000001}]}


def test_lines_out_equal_evaluate(client):
    other = {**PROFILE, "credit_code": credit_code(2), "division_code": "150203"}
    body = "\n".join([json.dumps(PROFILE), json.dumps({"name": "坏"}), json.dumps(other)]) + "\n"
    response = post(client, body.encode(), AUTH)
    assert response.status_code == 200 and response.mimetype == NDJSON
    lines = [json.loads(x) for x in response.get_data(as_text=True).splitlines()]
    assert [x["line"] for x in lines] == [1, 2, 3]
    assert lines[1]["error"] == "invalid_profile" and {f["field"] for f in lines[1]["fields"]} == {
        "credit_code", "division_code"}
    for line, profile in ((lines[0], PROFILE), (lines[2], other)):
        result = client.post("/api/v1/evaluate?view=full", json={"profile": profile, "as_of": "2020-12-31"}).get_json()
        assert line["total_yuan"] == result["total_yuan"]
        assert {o["rule_id"]: (o["status"], o["amount_yuan"]) for o in line["outcomes"]} == {
            o["rule_id"]: (o["status"], o["amount_yuan"]) for o in (*result["outcomes"], *result["related_support"])}
    assert lines[0]["total_yuan"] == 100000 + 1500001  # 10亿 milestone + half of 3,000,001 rounded half up


def test_limits_answer_json_errors_naming_the_limit(client, monkeypatch):
    response = client.post("/api/v1/screen", data=b"{}", content_type="application/json", headers=AUTH)
    assert response.status_code == 415 and response.get_json()["error"] == "unsupported_media_type"
    monkeypatch.setattr(screen_api, "MAX_LINES", 2)
    response = post(client, b"{}\n{}\n{}\n", AUTH, query="")
    assert response.status_code == 413 and "最多测算2行" in response.get_json()["message"]
    monkeypatch.setattr(screen_api, "MAX_BYTES", 10)
    response = post(client, b"x" * 11, AUTH, query="")
    assert response.status_code == 413 and response.get_json()["error"] == "payload_too_large"
    monkeypatch.setattr(screen_api, "MAX_BYTES", 1000)
    response = post(client, b"{}", AUTH, query="?as_of=2020-13-01")
    assert response.status_code == 400 and response.get_json()["error"] == "invalid_as_of"


def test_template_workbook_download(client):
    response = client.get("/api/v1/screen/template.xlsx")
    assert response.status_code == 200 and response.data[:2] == b"PK"


def refused(response, error: str | None = None) -> bool:
    body = response.get_json()
    challenge = response.headers.get("WWW-Authenticate", "")
    return (response.status_code == 401 and body["error"] == "unauthorized" and re.search(r"[\u4e00-\u9fff]",
            body["message"]) is not None and challenge.startswith("Bearer ")
            and (error is None or f'error="{error}"' in challenge))


def test_anonymous_calls_are_refused_before_the_body_is_read(client, monkeypatch):
    monkeypatch.setattr(screen_api, "load_profiles", lambda *a: pytest.fail("screened without authentication"))
    assert refused(post(client, json.dumps(PROFILE).encode()))
    assert refused(post(client, b"x" * (screen_api.MAX_BYTES + 10)))  # no 413: the size of a stranger's body is moot


def test_wrong_or_malformed_tokens_are_refused(client):
    for header in (f"Bearer {TOKEN}x", "Bearer " + sha(TOKEN), f"Basic {TOKEN}", "Bearer", "Bearer  ", TOKEN):
        assert refused(post(client, json.dumps(PROFILE).encode(), {"Authorization": header}), "invalid_token"), header


def test_every_configured_token_is_accepted(client):
    for token in (TOKEN, OTHER_TOKEN):
        response = post(client, json.dumps(PROFILE).encode(), {"Authorization": f"bearer {token}"})
        assert response.status_code == 200 and json.loads(response.data)["total_yuan"] == 100000 + 1500001


def test_tokens_come_from_the_environment(make_app, monkeypatch):
    monkeypatch.setenv("FLASK_API_TOKEN_SHA256", sha(TOKEN))
    client = make_app(WTF_CSRF_ENABLED=False).test_client()
    assert post(client, json.dumps(PROFILE).encode(), AUTH).status_code == 200
    assert refused(post(client, json.dumps(PROFILE).encode(), {"Authorization": f"Bearer {OTHER_TOKEN}"}))


def test_a_token_in_place_of_its_hash_stops_start_up(make_app):
    with pytest.raises(ConfigError, match="SHA-256") as raised:
        make_app(API_TOKEN_SHA256=TOKEN)
    assert TOKEN not in str(raised.value)


def test_no_token_is_accepted_when_none_is_configured(desk_app):
    assert refused(post(desk_app.test_client(), json.dumps(PROFILE).encode(), AUTH), "invalid_token")


def desk_client(app):
    client = app.test_client()
    page = client.get("/desk/login").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)[1]
    assert client.post("/desk/login", data={"username": "clerk", "password": PASSWORD,
                                            "csrf_token": csrf}).status_code == 302
    page = client.get("/desk/").get_data(as_text=True)
    return client, re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)[1]


def test_a_desk_session_with_its_csrf_header_may_screen(desk_app):
    client, csrf = desk_client(desk_app)
    response = post(client, json.dumps(PROFILE).encode(), {"X-CSRFToken": csrf})
    assert response.status_code == 200 and json.loads(response.data)["total_yuan"] == 100000 + 1500001


def test_a_desk_session_without_the_csrf_header_cannot_be_forged(desk_app):
    client, csrf = desk_client(desk_app)
    for headers in ({}, {"X-CSRFToken": "forged"}, {"X-CSRFToken": csrf + "x"}):
        response = post(client, json.dumps(PROFILE).encode(), headers)
        assert response.status_code == 403 and response.get_json()["error"] == "csrf_failed", headers
    # A wrong bearer token is refused even with a live session cookie beside it.
    assert refused(post(client, json.dumps(PROFILE).encode(), {"Authorization": "Bearer nope", "X-CSRFToken": csrf}))
    client.post("/desk/logout", data={"csrf_token": csrf})
    assert refused(post(client, json.dumps(PROFILE).encode(), {"X-CSRFToken": csrf}))


def test_openapi_documents_the_security(client):
    document = client.get("/api/v1/openapi.json").get_json()
    schemes = document["components"]["securitySchemes"]
    assert schemes["bearerToken"] == {**schemes["bearerToken"], "type": "http", "scheme": "bearer"}
    screen = document["paths"]["/api/v1/screen"]["post"]
    assert {"bearerToken": []} in screen["security"] and "401" in screen["responses"]


def test_the_log_names_the_caller_never_the_token(client, caplog):
    caplog.set_level("INFO", logger="eligibility")
    assert post(client, json.dumps(PROFILE).encode(), AUTH).status_code == 200
    [record] = [r for r in caplog.records if r.getMessage() == "registry screened"]
    assert record.principal == "token:" + sha(TOKEN)[:12] and record.lines == 1
    assert not any(TOKEN in r.getMessage() or TOKEN in str(vars(r)) for r in caplog.records)
