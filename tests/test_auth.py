"""Desk login: sessions with idle and absolute limits kept on the server (ended at logout and when the account is
disabled), cookies of a given age, one password hash per attempt, audited failures, throttling."""
import re
import time
from datetime import datetime, timedelta, timezone

import itsdangerous.timed
import pytest
import werkzeug.security

from eligibility import clock
from eligibility.casework.models import AuditEntry, User
from eligibility.casework.sessions import DeskSession
from eligibility.casework.users import check_login, create_user, dummy_hash

PASSWORD = "correct horse battery"
START = datetime(2026, 11, 22, 1, 0, tzinfo=timezone.utc)


class Clock:
    """The bureau's clock, standing still until moved."""

    def __init__(self, monkeypatch):
        self.moment = START
        monkeypatch.setattr(clock, "_source", lambda: self.moment)

    def advance(self, **delta) -> None:
        self.moment += timedelta(**delta)


@pytest.fixture
def now(monkeypatch):
    return Clock(monkeypatch)


def with_users(app):
    with app.extensions["db_sessions"]() as s:
        create_user(s, "clerk", PASSWORD, "caseworker")
        create_user(s, "boss", PASSWORD, "admin")
        s.commit()
    return app


@pytest.fixture
def app(make_app):
    return with_users(make_app(WTF_CSRF_ENABLED=False))


@pytest.fixture
def limited_app(make_app, now):
    return with_users(make_app(WTF_CSRF_ENABLED=False, RATELIMIT_ENABLED=True))


def login(client, name="clerk", password=PASSWORD, address=None):
    headers = {"X-Forwarded-For": address} if address else {}
    return client.post("/desk/login", data={"username": name, "password": password}, headers=headers)


def logged_in(client) -> bool:
    return client.get("/desk/").status_code == 200


def cookie(client) -> str:
    return client.get_cookie("session").value


def copy_of(app, client):
    """A second browser holding a copy of the first one's session cookie."""
    thief = app.test_client()
    thief.set_cookie("session", cookie(client))
    return thief


# --- sessions -----------------------------------------------------------------------------------------------------

def test_session_ends_after_30_idle_minutes_not_31_days(app, client, now):
    assert login(client).status_code == 302
    now.advance(minutes=29)
    assert logged_in(client)
    now.advance(minutes=29)  # activity 29 minutes ago kept it alive
    assert logged_in(client)
    now.advance(minutes=31)
    response = client.get("/desk/")
    assert response.status_code == 302 and "/desk/login" in response.headers["Location"]
    assert "长时间未操作" in client.get(response.headers["Location"]).get_data(as_text=True)
    now.advance(minutes=-60)  # going back in time does not revive it: it ended on the server
    assert not logged_in(client)


def test_session_ends_after_12_hours_however_active(app, client, now):
    login(client)
    for _ in range(35):
        now.advance(minutes=20)
        assert logged_in(client)
    now.advance(minutes=20)  # 12 h 0 min since login: still inside; one more step is past it
    now.advance(minutes=1)
    response = client.get("/desk/", follow_redirects=True)
    assert "最长时限" in response.get_data(as_text=True) and not logged_in(client)


def test_a_copied_cookie_dies_at_logout(app, client):
    login(client)
    thief = copy_of(app, client)
    assert logged_in(thief)
    client.post("/desk/logout")
    assert not logged_in(client) and not logged_in(thief)
    with app.extensions["db_sessions"]() as s:
        assert s.query(DeskSession).one().end_reason == "logout"


def test_disabling_an_account_ends_its_sessions_for_good(app, client):
    login(client)
    thief = copy_of(app, client)
    admin = app.test_client()
    login(admin, "boss")
    with app.extensions["db_sessions"]() as s:
        clerk = s.query(User).filter_by(username="clerk").one().id
    admin.post(f"/desk/users/{clerk}/active")  # disable
    assert not logged_in(client) and not logged_in(thief)
    admin.post(f"/desk/users/{clerk}/active")  # enable again: the old sessions stay ended
    assert not logged_in(client) and not logged_in(thief)
    assert login(client).status_code == 302 and logged_in(client)


def test_disabling_in_the_database_by_any_code_ends_sessions(app, client):
    login(client)
    with app.extensions["db_sessions"]() as s:
        s.query(User).filter_by(username="clerk").one().active = False
        s.commit()
        assert s.query(DeskSession).one().end_reason == "disabled"
    assert not logged_in(client)


def _signed_at(app, data: dict, seconds_ago: int) -> str:
    serializer = app.session_interface.get_signing_serializer(app)
    real = time.time
    try:
        itsdangerous.timed.time.time = lambda: real() - seconds_ago  # type: ignore[attr-defined]
        return serializer.dumps(data)
    finally:
        itsdangerous.timed.time.time = real  # type: ignore[attr-defined]


def test_a_cookie_older_than_12_hours_is_refused_whatever_it_holds(app, client):
    login(client)
    with client.session_transaction() as held:
        data = dict(held)
    assert app.permanent_session_lifetime == timedelta(hours=12)
    for age, accepted in ((11 * 3600, True), (13 * 3600, False), (30 * 24 * 3600, False)):
        browser = app.test_client()
        browser.set_cookie("session", _signed_at(app, data, age))
        assert logged_in(browser) is accepted, age


def test_cookie_lasts_12_hours_and_is_httponly_samesite(app, client):
    response = login(client)
    cookie_header = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "HttpOnly" in cookie_header and "SameSite=Lax" in cookie_header
    expires = datetime.strptime(re.search(r"Expires=([^;]+)", cookie_header)[1], "%a, %d %b %Y %H:%M:%S GMT")
    hours = (expires.replace(tzinfo=timezone.utc) - datetime.now(timezone.utc)).total_seconds() / 3600
    assert 11.9 < hours <= 12


def test_desk_sessions_on_each_database(make_app, database_url):
    app = with_users(make_app(WTF_CSRF_ENABLED=False, DATABASE_URL=database_url))
    client = app.test_client()
    login(client)
    thief = copy_of(app, client)
    assert logged_in(thief)
    client.post("/desk/logout")
    assert not logged_in(thief)


# --- one hash per attempt, audited ----------------------------------------------------------------------------------

@pytest.fixture
def hash_count(monkeypatch):
    calls = []
    real = werkzeug.security._hash_internal

    def counting(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(werkzeug.security, "_hash_internal", counting)
    return calls


def test_unknown_and_known_names_cost_the_same_hashing(app, hash_count):
    with app.extensions["db_sessions"]() as s:
        s.query(User).filter_by(username="boss").one().active = False
        s.commit()
        costs = {}
        for name, password in (("nobody", "wrong password"), ("clerk", "wrong password"), ("clerk", PASSWORD),
                               ("boss", PASSWORD)):
            hash_count.clear()
            result = check_login(s, name, password)
            costs[(name, password)] = list(hash_count)
        assert result.user is None and result.reason == "inactive"
        stored = s.query(User).filter_by(username="clerk").one().password_hash
    assert all(cost == costs[("clerk", PASSWORD)] for cost in costs.values())
    assert len(costs["nobody", "wrong password"]) == 1
    assert dummy_hash().split("$")[0] == stored.split("$")[0]  # the same method and work factor


def test_through_the_login_page_each_attempt_hashes_once(app, client, hash_count):
    for name in ("nobody", "clerk"):
        hash_count.clear()
        assert login(client, name, "wrong password").status_code == 401
        assert len(hash_count) == 1


def test_failed_and_successful_logins_are_audited(app, client):
    login(client, "nobody", "guess one")
    login(client, "clerk", "guess two")
    login(client)
    with app.extensions["db_sessions"]() as s:
        entries = [(e.action, e.actor, (e.after or {}).get("username"), (e.after or {}).get("reason"))
                   for e in s.query(AuditEntry).filter(AuditEntry.action.like("login%")).order_by(AuditEntry.id)]
    assert entries == [("login_failed", "anonymous", "nobody", "unknown_user"),
                       ("login_failed", "anonymous", "clerk", "bad_password"), ("login", "clerk", None, None)]


# --- throttling ---------------------------------------------------------------------------------------------------

def test_five_wrong_passwords_lock_the_name_for_a_while_even_with_the_right_one(limited_app, now, hash_count):
    client = limited_app.test_client()
    for _ in range(5):
        assert login(client, password="wrong password").status_code == 401
    hash_count.clear()
    refused = login(client)
    assert refused.status_code == 429 and "登录尝试过于频繁,请15分钟后再试" in refused.get_data(as_text=True)
    assert int(refused.headers["Retry-After"]) == 15 * 60 + 1 and hash_count == []  # no hashing while locked
    assert login(client, "boss").status_code == 302  # another name from the same address is not locked
    now.advance(minutes=30)
    assert login(client).status_code == 302
    with limited_app.extensions["db_sessions"]() as s:
        assert s.query(AuditEntry).filter_by(action="login_failed").count() == 5  # throttled ones not audited


def test_the_limit_per_address_covers_many_names(make_app, now):
    app = with_users(make_app(WTF_CSRF_ENABLED=False, RATELIMIT_ENABLED=True, PROXY_COUNT=1))
    client = app.test_client()
    for n in range(20):
        assert login(client, f"guess{n}", "wrong password", address="198.51.100.7").status_code == 401
    assert login(client, "clerk", address="198.51.100.7").status_code == 429
    assert login(client, "clerk", address="198.51.100.8").status_code == 302


def test_a_successful_login_clears_the_names_failures(limited_app):
    client = limited_app.test_client()
    for _ in range(4):
        login(client, password="wrong password")
    assert login(client).status_code == 302
    client.post("/desk/logout")
    for _ in range(4):
        assert login(client, password="wrong password").status_code == 401
    assert login(client).status_code == 302


def test_anonymous_pages_carry_no_cookie_clearing_header(make_app):
    anonymous = make_app(WTF_CSRF_ENABLED=True).test_client()  # the form's CSRF token makes a session
    cookies = anonymous.get("/").headers.getlist("Set-Cookie") + anonymous.get("/").headers.getlist("Set-Cookie")
    assert any(c.startswith("session=") for c in cookies)
    assert not any(c.startswith("remember_token=") for c in cookies)
