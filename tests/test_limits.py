"""Bounds on anonymous requests: body size (413), form fields and rows, JSON depth (400), GB/T 2260 division codes,
and rate limits counted in the database (shared by every worker process)."""
import io
import json
from datetime import datetime, timezone
from urllib.parse import urlencode

import pytest
import yaml
from sqlalchemy.orm import Session

from eligibility import clock
from eligibility.casework import throttle
from eligibility.casework.db import make_engine
from eligibility.engine import RULES_DIR
from eligibility.gbt2260 import divisions as gbt2260
from eligibility.profile import Profile
from eligibility.vocabulary import divisions

PROFILE = {"name": "许昌智造有限公司", "credit_code": "91350100M000100Y43", "division_code": "411003",
           "strategic_emerging": True, "sales_yuan_by_year": {"2018": 900000000, "2019": 1200000000}}
FORM = {"name": "许昌智造有限公司", "credit_code": "91350100M000100Y43", "division_code": "411003",
        "strategic_emerging": "yes", "as_of": "2020-12-31"}

PAYEE = {"payee_name": "许昌智造有限公司", "payee_bank": "中国工商银行许昌分行营业部",
         "payee_account": "6222021234567890123"}


@pytest.fixture(scope="module")
def app(make_app):
    """One application for this module's tests that only read (each building one costs a second)."""
    return make_app(WTF_CSRF_ENABLED=False)


# --- size -----------------------------------------------------------------------------------------------------------

def test_a_body_over_the_cap_is_refused_unread_json_for_the_api(client):
    big = json.dumps({"profile": {**PROFILE, "name": "x" * (2 * 1024 * 1024)}})
    response = client.post("/api/v1/evaluate", data=big, content_type="application/json")
    assert response.status_code == 413 and response.is_json
    body = response.get_json()
    assert body["error"] == "request_too_large" and "1 MB" in body["message"] and body["fields"] == []


def test_a_chunked_body_over_the_cap_is_too_large_not_malformed(client):
    """gunicorn passes chunked bodies on with no Content-Length; Werkzeug stops reading them at the cap."""
    response = client.post("/api/v1/evaluate", input_stream=io.BytesIO(b"[" + b"0," * (3 * 1024 * 1024) + b"0]"),
                           content_type="application/json", headers={"Transfer-Encoding": "chunked"},
                           environ_overrides={"wsgi.input_terminated": True})
    assert response.status_code == 413 and response.get_json()["error"] == "request_too_large"
    small = client.post("/api/v1/evaluate", input_stream=io.BytesIO(json.dumps({"profile": PROFILE}).encode()),
                        content_type="application/json", headers={"Transfer-Encoding": "chunked"},
                        environ_overrides={"wsgi.input_terminated": True})
    assert small.status_code == 200


def test_a_form_over_the_cap_gets_a_chinese_page(client):
    response = client.post("/", data={**FORM, "name": "x" * (2 * 1024 * 1024)})
    assert response.status_code == 413 and response.mimetype == "text/html"
    assert "提交的内容过大(上限 1 MB)" in response.get_data(as_text=True)


def upload(client, content: bytes):
    """A file upload as the browser sends it (built in memory: the test client would spool it to a temp file)."""
    boundary = "----eligibility-test"
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="saved.json"\r\n'
            f"Content-Type: application/json\r\n\r\n").encode() + content + f"\r\n--{boundary}--\r\n".encode()
    return client.post("/selfcheck/load", data=body, content_type=f"multipart/form-data; boundary={boundary}")


def test_a_saved_file_may_be_larger_than_a_form_but_is_bounded(client):
    saved = json.dumps({"profile": PROFILE, "as_of": "2020-12-31", "result": {"padding": "x" * (2 * 1024 * 1024)}})
    response = upload(client, saved.encode())
    assert response.status_code == 200 and "已载入" in response.get_data(as_text=True)
    response = upload(client, saved.replace("x" * 1024, "x" * 3072).encode())
    assert response.status_code == 413 and "4 MB" in response.get_data(as_text=True)


def test_too_many_form_fields_are_refused_before_any_row_is_built(client):
    items = [*FORM.items(), *((f"projects-{i}-name", "p") for i in range(3001))]
    response = client.post("/", data=urlencode(items), content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413 and "表单项过多" in response.get_data(as_text=True)


@pytest.mark.parametrize("rows, field, message", [
    ("projects-{i}-name", "项目", "200"), ("recognitions-{i}-kind", "认定", "200"), ("sales-{i}-year", "年", "100")])
def test_rows_past_a_list_cap_get_a_message_and_are_not_built(client, rows, field, message):
    items = [*FORM.items(), ("project_state", "yes"), ("recognition_state", "yes")]
    items += [(rows.format(i=i), str(1900 + i) if "sales" in rows else "x") for i in range(2900)]
    response = client.post("/", data=urlencode(items), content_type="application/x-www-form-urlencoded")
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and message in page
    assert len(page) < 1_500_000  # at most one row past the cap is rendered back, not 2,900


# --- JSON depth -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("depth", [21, 1000, 10000, 100000])
def test_deeply_nested_json_is_a_400_without_fields_never_a_500(client, depth):
    nested = "[" * depth + "]" * depth
    for body in (nested, json.dumps({"profile": PROFILE})[:-1] + ', "extra": ' + nested + "}"):
        response = client.post("/api/v1/evaluate", data=body, content_type="application/json")
        assert response.status_code == 400 and response.is_json
        assert response.get_json() == {"error": "invalid_json", "message": "JSON 嵌套层数过多(最多 20 层)。",
                                       "fields": []}


def test_ordinary_nesting_passes_and_a_deep_saved_file_is_a_message(client):
    response = client.post("/api/v1/evaluate", json={"profile": PROFILE, "as_of": "2020-12-31"})
    assert response.status_code == 200
    deep = '{"profile": ' + "[" * 100000 + "]" * 100000 + "}"
    response = client.post("/selfcheck/load", data={"document": deep})
    assert response.status_code == 400 and "文件内容有误" in response.get_data(as_text=True)


# --- division codes -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("code", ["999999", "411099", "410728", "110100"])
def test_a_code_that_is_no_division_is_refused(code):
    with pytest.raises(ValueError, match="不存在"):
        Profile.model_validate({**PROFILE, "division_code": code})


def test_the_api_names_the_field_of_an_unknown_division(client):
    response = client.post("/api/v1/evaluate", json={"profile": {**PROFILE, "division_code": "999999"}})
    assert response.status_code == 422
    assert response.get_json()["fields"] == [
        {"field": "profile.division_code", "message": "行政区划代码999999不存在(GB/T 2260),请核对注册地"}]


def test_real_divisions_anywhere_are_accepted():
    for code in ("440305", "419001", "659012", "542500", "411000"):
        assert Profile.model_validate({**PROFILE, "division_code": code}).division_code == code


def test_every_encoded_city_county_and_jurisdiction_is_in_the_table():
    table = gbt2260()
    assert len(table) > 3000
    for code, city in divisions().items():
        assert table[code].endswith(city["name"])
        for county, name in city["counties"].items():
            assert table[county].endswith(name), county
    for path in RULES_DIR.glob("*.yaml"):
        jurisdiction = yaml.safe_load(path.read_text(encoding="utf-8"))["document"]["jurisdiction"]
        assert jurisdiction["division_code"] in table, path.name


# --- rate limits ----------------------------------------------------------------------------------------------------

@pytest.fixture
def frozen(monkeypatch):
    """The bureau's clock standing at the start of a minute (and of a quarter hour), so windows do not turn."""
    moment = datetime(2026, 11, 22, 1, 0, tzinfo=timezone.utc)
    monkeypatch.setattr(clock, "_source", lambda: moment)
    return moment


@pytest.fixture
def limited(make_app, frozen):
    return make_app(WTF_CSRF_ENABLED=False, RATELIMIT_ENABLED=True, RATELIMIT_APPLY="3/hour",
                    RATELIMIT_EVALUATE="4/minute", RATELIMIT_SELFCHECK="3/minute", PROXY_COUNT=1)


def test_the_evaluate_api_is_limited_per_address_with_json(limited):
    client = limited.test_client()
    for _ in range(4):
        assert client.post("/api/v1/evaluate", json={"profile": PROFILE}).status_code == 200
    refused = client.post("/api/v1/evaluate", json={"profile": PROFILE})
    assert refused.status_code == 429 and refused.get_json()["error"] == "too_many_requests"
    retry = int(refused.headers["Retry-After"])  # the window just began: 4 hits fade below the limit after 60 s
    assert retry == 61 and refused.get_json()["message"] == "提交过于频繁,请1分钟后再试。"
    other = client.post("/api/v1/evaluate", json={"profile": PROFILE}, headers={"X-Forwarded-For": "192.0.2.1"})
    assert other.status_code == 200
    assert client.get("/api/v1/rules").status_code == 200  # reading the catalogue is not counted


def test_applications_are_limited_per_address_with_a_chinese_page(limited):
    client = limited.test_client()
    document = json.dumps({"profile": PROFILE, "as_of": "2020-12-31"}, ensure_ascii=False)
    for n in range(3):
        response = client.post("/apply", data={"document": document, "submission_key": f"key-{n:08d}",
                                               "claim": ["xuchang.sei_sales_milestone.rev_1bn"], "as_of_basis": "policy_end",
                                               **PAYEE})
        assert response.status_code == 303
    refused = client.post("/apply", data={"document": document, "submission_key": "key-99999999"})
    assert refused.status_code == 429 and "提交过于频繁" in refused.get_data(as_text=True)
    assert refused.mimetype == "text/html"


def test_the_self_check_is_limited_generously(limited):
    client = limited.test_client()
    statuses = [client.post("/", data=FORM).status_code for _ in range(4)]
    assert statuses == [303, 303, 303, 429]  # each result is shown at its own address (post-redirect-get)


@pytest.mark.parametrize("remote, counted_as", [("203.0.113.7", "203.0.113.7"), ("::ffff:203.0.113.7", "203.0.113.7"),
                                                ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"), ("unix", "unix")])
def test_clients_are_counted_by_address_and_ipv6_hosts_by_their_64(app, remote, counted_as):
    from eligibility.web.ratelimit import client_address
    with app.test_request_context(environ_base={"REMOTE_ADDR": remote}):
        assert client_address() == counted_as


def test_two_worker_processes_share_the_application_counts(make_app, frozen):
    """Two apps over one database stand for two gunicorn workers: a limit that guards the records holds across them."""
    first = make_app(RATELIMIT_ENABLED=True, RATELIMIT_APPLY="3/hour", WTF_CSRF_ENABLED=False)
    second = make_app(RATELIMIT_ENABLED=True, RATELIMIT_APPLY="3/hour", WTF_CSRF_ENABLED=False,
                      DATABASE_URL=first.config["DATABASE_URL"])
    clients = [first.test_client(), second.test_client()]
    document = json.dumps({"profile": PROFILE, "as_of": "2020-12-31"}, ensure_ascii=False)
    statuses = [clients[n % 2].post("/apply", data={"document": document, "submission_key": f"key-{n:08d}",
                                                    "claim": ["xuchang.sei_sales_milestone.rev_1bn"],
                                                    "as_of_basis": "policy_end", **PAYEE}
                                    ).status_code for n in range(5)]
    assert statuses == [303, 303, 303, 429, 429]


def test_evaluations_are_counted_in_each_workers_memory(make_app, frozen):
    """An evaluation's limit bounds one worker's CPU: counted in its memory, no database write per request."""
    first = make_app(RATELIMIT_ENABLED=True, RATELIMIT_EVALUATE="4/minute")
    second = make_app(RATELIMIT_ENABLED=True, RATELIMIT_EVALUATE="4/minute",
                      DATABASE_URL=first.config["DATABASE_URL"])
    for app in (first, second):
        client = app.test_client()
        statuses = [client.post("/api/v1/evaluate", json={"profile": PROFILE}).status_code for _ in range(5)]
        assert statuses == [200, 200, 200, 200, 429]
    with Session(make_engine(first.config["DATABASE_URL"])) as s:
        assert s.query(throttle.RateCounter).count() == 0


def test_the_default_limits_are_generous_for_people():
    from eligibility.web.config import DEFAULTS
    assert throttle.Limit.parse(DEFAULTS["RATELIMIT_EVALUATE"]) == throttle.Limit(120, 60)
    assert throttle.Limit.parse(DEFAULTS["RATELIMIT_SELFCHECK"]) == throttle.Limit(60, 60)
    assert throttle.Limit.parse(DEFAULTS["RATELIMIT_APPLY"]) == throttle.Limit(10, 3600)
    assert throttle.Limit.parse(DEFAULTS["RATELIMIT_LOGIN_PER_USERNAME"]) == throttle.Limit(5, 900)


# --- the counters themselves ----------------------------------------------------------------------------------------

def test_sliding_window_counts_on_each_database(database_url):
    engine = make_engine(database_url)
    limit, key, start = throttle.Limit(10, 60), throttle.key("test", "203.0.113.5"), 6_000_000.0
    try:
        with Session(engine) as s:
            states = [throttle.hit(s, key, limit, start + n) for n in range(12)]
            s.commit()
            assert [state.allowed for state in states] == [True] * 10 + [False] * 2
            assert states[-1].retry_after > 0
            # Refused hits are not counted. Half-way through the next window half of the previous one still counts:
            # 10 × 0.5 = 5 of 10.
            assert throttle.check(s, key, limit, start + 90).hits == pytest.approx(5)
            assert throttle.check(s, key, limit, start + 90).allowed
            assert not throttle.check(s, key, limit, start + 60).allowed
            assert throttle.check(s, key, limit, start + 11 + states[-1].retry_after).allowed  # refused at start + 11
            assert not throttle.check(s, key, limit, start + 11 + states[-1].retry_after - 2).allowed
            throttle.reset(s, key)
            assert throttle.check(s, key, limit, start + 11).hits == 0
    finally:
        engine.dispose()


def test_counters_store_no_address_in_clear():
    assert "203.0.113.5" not in throttle.key("login-address", "203.0.113.5")


def test_limits_parse():
    assert throttle.Limit.parse("5/15minute") == throttle.Limit(5, 900)
    assert throttle.Limit.parse("10 / hour") == throttle.Limit(10, 3600)
    with pytest.raises(ValueError):
        throttle.Limit.parse("ten a minute")
