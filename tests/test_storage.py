"""Degraded storage: with the database read-only or the disk full, every route that writes answers a clear 503
(a Chinese page, JSON for the APIs) and the reads keep working.

What is simulated: a read-only database is the same SQLite file opened read-only (mode=ro), which is how SQLite
treats a file or folder it may not write (the tests run as root, so permission bits would not stop them); a full
disk is SQLite's own SQLITE_FULL, from a connection whose COMMIT fails with "database or disk is full" (every write),
and from PRAGMA max_page_count (a write that must grow the file).
"""
import json
import re
import sqlite3
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import event

from eligibility import clock
from eligibility.casework import db
from eligibility.casework.models import Application, User
from eligibility.casework.users import create_user

PASSWORD = "correct horse battery"
PROFILE = {"name": "许昌智造有限公司", "credit_code": "91350100M000100Y43", "division_code": "411003",
           "strategic_emerging": True, "sales_yuan_by_year": {"2018": 900000000, "2019": 1200000000}}
DOCUMENT = json.dumps({"profile": PROFILE, "as_of": "2020-12-31"}, ensure_ascii=False)
SALES = "xuchang.sei_sales_milestone.rev_1bn"
PAYEE = {"payee_name": PROFILE["name"], "payee_bank": "中国工商银行许昌分行营业部", "payee_account": "6222021234567890123"}


class FullDisk(sqlite3.Connection):
    """A connection whose every COMMIT fails as SQLite's does when the disk is full."""

    def commit(self):
        raise sqlite3.OperationalError("database or disk is full")


def reopen(app, url: str, **connect_args) -> None:
    """Point the running app at the database through another kind of connection."""
    app.extensions["db_engine"].dispose()
    engine = db.make_engine(url, **connect_args)  # the real engine (with its transaction recipe), other connections
    app.extensions["db_engine"], app.extensions["db_sessions"] = engine, db.session_factory(engine)


def read_only(app) -> None:
    path = app.config["DATABASE_URL"].removeprefix("sqlite:///")
    reopen(app, f"sqlite:///file:{path}?mode=ro&uri=true")


def full_disk(app) -> None:
    reopen(app, app.config["DATABASE_URL"], factory=FullDisk)


@pytest.fixture
def now(monkeypatch):
    moment = [datetime(2026, 11, 22, 2, 0, tzinfo=timezone.utc)]
    monkeypatch.setattr(clock, "_source", lambda: moment[0])
    return moment


@pytest.fixture
def world(make_app, now):
    """An application filed, a clerk and an admin logged in; then the storage fails."""
    app = make_app(WTF_CSRF_ENABLED=False, RATELIMIT_ENABLED=True)
    with app.extensions["db_sessions"]() as s:
        create_user(s, "clerk", PASSWORD, "caseworker", city_code="411000")
        create_user(s, "boss", PASSWORD, "admin")
        s.commit()
    anonymous, clerk, admin = app.test_client(), app.test_client(), app.test_client()
    response = anonymous.post("/apply", data={"document": DOCUMENT, "submission_key": "k" * 20, "claim": [SALES],
                                                "as_of_basis": "policy_end", **PAYEE})
    link = response.headers["Location"]
    assert clerk.post("/desk/login", data={"username": "clerk", "password": PASSWORD}).status_code == 302
    assert admin.post("/desk/login", data={"username": "boss", "password": PASSWORD}).status_code == 302
    with app.extensions["db_sessions"]() as s:
        application = s.query(Application).one()
        ids = {"application": application.id, "claim": application.claims[0].id,
               "evidence": application.claims[0].evidence[0].id,
               "clerk": s.query(User).filter_by(username="clerk").one().id}
    now[0] += timedelta(minutes=5)  # the desk sessions will want to record activity: a write that must not matter
    return app, anonymous, clerk, admin, link, ids


def writes(ids) -> list[tuple[str, dict]]:
    return [(f"/desk/evidence/{ids['evidence']}", {"status": "verified", "note": "原件已核"}),
            (f"/desk/claims/{ids['claim']}/decide", {"outcome": "reject", "reason": "不符合"}),
            (f"/desk/applications/{ids['application']}/reevaluate", {}),
            (f"/desk/users/{ids['clerk']}/active", {})]


def assert_unavailable(response) -> None:
    assert response.status_code == 503, response.status_code
    assert "存储暂不可用" in response.get_data(as_text=True) and response.headers["Retry-After"] == "60"


@pytest.mark.parametrize("fail", [read_only, full_disk])
def test_every_write_answers_503_and_reads_keep_working(world, fail):
    app, anonymous, clerk, admin, link, ids = world
    fail(app)
    # Reads: the self-check, the API, the private link, the desk pages, the export.
    assert anonymous.get("/").status_code == 200
    assert anonymous.post("/", data={"name": PROFILE["name"], "credit_code": PROFILE["credit_code"],
                                     "division_code": "411003", "as_of": "2020-12-31"}).status_code == 200
    assert anonymous.post("/api/v1/evaluate", json={"profile": PROFILE}).status_code == 200
    assert anonymous.get(link).status_code == 200
    assert clerk.get("/desk/").status_code == 200
    assert clerk.get(f"/desk/applications/{ids['application']}").status_code == 200
    assert clerk.get("/desk/export.csv").status_code == 200
    assert clerk.get("/desk/api/applications").status_code == 200
    # Writes: applying, logging in (even failing to), every desk action, logging out.
    refused = anonymous.post("/apply", data={"document": DOCUMENT, "submission_key": "z" * 20, "claim": [SALES],
                                               "as_of_basis": "policy_end", **PAYEE})
    assert refused.status_code == 503 and "暂时无法保存申请" in refused.get_data(as_text=True)  # apply's own page
    assert_unavailable(anonymous.post("/desk/login", data={"username": "clerk", "password": PASSWORD}))
    assert_unavailable(anonymous.post("/desk/login", data={"username": "clerk", "password": "wrong password"}))
    for url, form in writes(ids):
        assert_unavailable(admin.post(url, data=form))
    assert_unavailable(clerk.post("/desk/logout"))
    # Nothing was half-written.
    reopen(app, app.config["DATABASE_URL"])
    with app.extensions["db_sessions"]() as s:
        claim = s.query(Application).one().claims[0]
        assert claim.status == "pending" and claim.decisions == [] and s.query(Application).count() == 1
        assert s.query(User).filter_by(username="clerk").one().active


def test_apis_answer_503_in_json(world, tmp_path):
    app, anonymous, clerk, *_ = world
    reopen(app, f"sqlite:///{tmp_path / 'gone' / 'x.db'}")  # the database itself is gone
    response = clerk.get("/desk/api/applications")
    assert response.status_code == 503 and response.get_json()["error"] == "storage_unavailable"
    assert response.get_json()["fields"] == []
    assert anonymous.post("/api/v1/evaluate", json={"profile": PROFILE}).status_code == 200  # needs no storage


def test_a_write_that_must_grow_a_full_database_is_503(world):
    app, anonymous, *_ = world
    app.config["RATELIMIT_ENABLED"] = False
    engine = app.extensions["db_engine"]
    engine.dispose()

    @event.listens_for(engine, "connect")
    def _no_room(connection, _record):
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages}")

    big = json.dumps({"profile": {**PROFILE, "name": "许" * 200}, "as_of": "2020-12-31"}, ensure_ascii=False)
    payee = {**PAYEE, "payee_name": "许" * 200, "as_of_basis": "policy_end"}
    statuses = [anonymous.post("/apply", data={"document": big, "submission_key": f"key-{n:016d}",
                                               "claim": [SALES], **payee}).status_code for n in range(30)]
    assert 503 in statuses and 500 not in statuses
    page = anonymous.post("/apply", data={"document": big, "submission_key": "q" * 20, "claim": [SALES], **payee})
    assert re.search("暂时无法保存申请|存储暂不可用", page.get_data(as_text=True))


class _DriverError(Exception):
    def __init__(self, sqlstate: str):
        super().__init__(sqlstate)
        self.sqlstate = sqlstate


@pytest.mark.parametrize("sqlstate, storage", [("25006", True), ("53100", True), ("57P01", True), ("08006", True),
                                               ("23505", False), ("42P01", False)])
def test_postgresql_states_that_mean_storage_failure(sqlstate, storage):
    from sqlalchemy.exc import DBAPIError

    from eligibility.web.storage import is_storage_failure
    error = DBAPIError("UPDATE …", {}, _DriverError(sqlstate))
    assert is_storage_failure(error) is storage


def test_other_database_errors_stay_500_and_are_logged(make_app, capsys):
    from sqlalchemy.exc import IntegrityError
    app = make_app(PROPAGATE_EXCEPTIONS=False)

    @app.get("/conflict")
    def conflict():
        raise IntegrityError("INSERT …", {}, _DriverError("23505"))

    response = app.test_client().get("/conflict")
    assert response.status_code == 500 and "服务器内部错误" in response.get_data(as_text=True)
    assert "IntegrityError" in capsys.readouterr().err
