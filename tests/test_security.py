"""Security headers on every response, CSRF on every POST (the JSON API exempt), the reverse proxy's headers."""
import json
import re

import pytest

from eligibility.casework.models import AuditEntry
from eligibility.casework.users import create_user

PASSWORD = "correct horse battery"
PROFILE = {"name": "许昌智造有限公司", "credit_code": "91350100M000100Y43", "division_code": "411003",
           "strategic_emerging": True, "sales_yuan_by_year": {"2018": 900000000, "2019": 1200000000}}
DOCUMENT = json.dumps({"profile": PROFILE, "as_of": "2020-12-31"}, ensure_ascii=False)


@pytest.fixture(scope="module")
def app(make_app):
    """One application for this module's tests that only read (each building one costs a second)."""
    return make_app(WTF_CSRF_ENABLED=False)


def token(client, url: str) -> str:
    """The CSRF token of a page's form."""
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', client.get(url).get_data(as_text=True))[1]


def with_users(app):
    with app.extensions["db_sessions"]() as s:
        create_user(s, "clerk", PASSWORD, "caseworker")
        create_user(s, "boss", PASSWORD, "admin")
        s.commit()
    return app


@pytest.fixture
def csrf_app(make_app):
    """CSRF on, as in production."""
    return with_users(make_app(WTF_CSRF_ENABLED=True))


def login(client, name="clerk"):
    response = client.post("/desk/login", data={"username": name, "password": PASSWORD,
                                                 "csrf_token": token(client, "/desk/login")})
    assert response.status_code == 302, response.get_data(as_text=True)[:300]


def submit_application(client) -> str:
    page = client.post("/", data={"name": "x"}).get_data(as_text=True)  # any page with the apply form's token
    response = client.post("/apply", data={"document": DOCUMENT, "submission_key": "k" * 20,
                                           "claim": ["xuchang.sei_sales_milestone.rev_1bn"],
                                           "payee_name": "许昌智造有限公司", "payee_bank": "中国工商银行许昌分行营业部",
                                           "payee_account": "6222021234567890123",
                                           "csrf_token": re.search(r'name="csrf_token" type="hidden" value="([^"]+)"',
                                                                   page)[1]})
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    return response.headers["Location"]


@pytest.mark.parametrize("path", ["/", "/desk/login", "/api/v1/rules", "/api/v1/openapi.json", "/healthz",
                                  "/static/selfcheck.css", "/no-such-page", "/api/v1/no-such-thing"])
def test_every_response_has_the_security_headers(client, path):
    with client.get(path) as response:
        headers = response.headers
    policy = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy and "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "default-src 'self'" in policy and "object-src 'none'" in policy
    assert headers["X-Frame-Options"] == "DENY" and headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in headers  # plain HTTP: HSTS would be meaningless


def session_cookie(response) -> str:
    return next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))


def test_hsts_and_secure_cookies_behind_https(make_app):
    client = with_users(make_app(HTTPS=True)).test_client()
    https = "https://localhost"
    response = client.get("/", base_url=https)
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert "Secure" in session_cookie(response)
    page = client.get("/desk/login", base_url=https).get_data(as_text=True)
    form = {"username": "clerk", "password": PASSWORD,
            "csrf_token": re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)[1]}
    # Over HTTPS Flask-WTF also wants a same-site Referer, which Referrer-Policy: same-origin still sends.
    assert client.post("/desk/login", data=form, base_url=https).status_code == 400
    response = client.post("/desk/login", data=form, base_url=https, headers={"Referer": f"{https}/desk/login"})
    assert response.status_code == 302 and "Secure" in session_cookie(response)


def test_session_cookie_is_httponly_and_samesite_lax(csrf_app):
    cookie = session_cookie(csrf_app.test_client().get("/"))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


def test_templates_have_no_inline_scripts_styles_or_handlers():
    from pathlib import Path
    folder = Path(__file__).resolve().parent.parent / "eligibility" / "web" / "templates"
    for template in folder.rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=|\son[a-z]+=|javascript:", text), template


def test_private_pages_are_not_stored(csrf_app):
    client = csrf_app.test_client()
    link = submit_application(client)
    assert client.get(link).headers["Cache-Control"] == "no-store"
    assert client.get("/desk/login").headers["Cache-Control"] == "no-store"
    login(client)
    assert client.get("/desk/").headers["Cache-Control"] == "no-store"
    assert client.get("/desk/export.csv").headers["Cache-Control"] == "no-store"
    with client.get("/static/selfcheck.css") as static:
        assert "no-store" not in static.headers.get("Cache-Control", "")


def test_logout_needs_the_csrf_token(csrf_app):
    client = csrf_app.test_client()
    login(client)
    refused = client.post("/desk/logout")
    assert refused.status_code == 303
    page = client.get("/desk/")
    assert page.status_code == 200  # still logged in: a forged logout does nothing
    assert "页面已过期或来源无法验证" in page.get_data(as_text=True)
    client.post("/desk/logout", data={"csrf_token": token(client, "/desk/")})
    assert client.get("/desk/").status_code == 302


def test_every_post_outside_the_api_checks_the_csrf_token(csrf_app):
    client = csrf_app.test_client()
    submit_application(client)
    login(client, "boss")
    checked = []
    for rule in csrf_app.url_map.iter_rules():
        if "POST" not in rule.methods or rule.rule.startswith("/api/"):
            continue
        url = re.sub(r"<(?:\w+(?:\([^)]*\))?:)?\w+>", "1", rule.rule)
        response = client.post(url, data={"status": "verified", "outcome": "approve", "document": DOCUMENT})
        refused = response.status_code == 400 or (
            response.status_code == 303 and "页面已过期或来源无法验证" in client.get("/desk/").get_data(as_text=True))
        assert refused, (url, response.status_code)
        checked.append(url)
    assert len(checked) >= 9
    with csrf_app.extensions["db_sessions"]() as s:
        assert not s.query(AuditEntry).filter(AuditEntry.action.in_(["evidence_marked", "claim_decided"])).count()


def test_the_json_api_needs_no_csrf_token(csrf_app):
    response = csrf_app.test_client().post("/api/v1/evaluate", json={"profile": PROFILE, "as_of": "2020-12-31"})
    assert response.status_code == 200


def test_an_expired_self_check_form_comes_back_filled_in(csrf_app):
    client = csrf_app.test_client()
    response = client.post("/", data={"name": "许昌某某有限公司", "credit_code": "91350100M000100Y43",
                                      "csrf_token": "expired"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "页面已过期" in page and 'value="许昌某某有限公司"' in page


def test_addresses_come_from_the_proxy_only_when_configured(make_app):
    for proxies, expected in ((0, "127.0.0.1"), (1, "203.0.113.9")):
        app = with_users(make_app(WTF_CSRF_ENABLED=False, PROXY_COUNT=proxies))
        client = app.test_client()
        client.post("/desk/login", data={"username": "clerk", "password": "wrong password"},
                    headers={"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"})
        with app.extensions["db_sessions"]() as s:
            entry = s.query(AuditEntry).filter_by(action="login_failed").one()
        assert entry.after["address"] == expected
