"""Casework on a real database (SQLite, and PostgreSQL when TEST_POSTGRES_URL is set): migrations, submission,
evidence, decisions, the ledger that refuses double payouts (also under concurrency), audit and export."""
import copy
import io
import os
import threading
import uuid
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import create_engine, inspect, select, text
from sqlalchemy.exc import DBAPIError

from eligibility.casework import db, service
from eligibility.casework.models import Application, AuditEntry, LedgerEntry
from eligibility.casework.users import authenticate, create_user
from eligibility.profile import Profile

AS_OF = date(2020, 12, 31)
PROFILE = {
    "name": "许昌某电气公司", "credit_code": "91350100M000100Y43", "division_code": "411003",
    "strategic_emerging": True, "sales_yuan_by_year": {"2018": 900000000, "2019": 1200000000},
    "recognitions": [{"kind": "smart_factory", "level": "provincial", "obtained_on": "2019-05-20"}],
    "projects": [{"name": "强基一号", "kind": "industrial_foundation", "approved_on": "2018-05-01",
                  "national_grant_yuan": 8000000}],
}
SALES = service.ClaimRequest("xuchang.sei_sales_milestone.rev_1bn")
FACTORY = service.ClaimRequest("xuchang.smart_mfg.provincial_smart_factory")
FOUNDATION = service.ClaimRequest("xuchang.industrial_foundation.national_matching", 0)
PG_URL = os.environ.get("TEST_POSTGRES_URL")


def _postgres_database():
    if not PG_URL:
        if os.environ.get("CI"):
            pytest.fail("TEST_POSTGRES_URL is not set in CI: dev.py test starts PostgreSQL")
        pytest.skip("no PostgreSQL server (TEST_POSTGRES_URL)")
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_URL.rsplit("/", 1)[0] + f"/{name}"

    def drop():
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    return url, drop


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """An empty database of each kind, upgraded to head by the migrations."""
    if request.param == "sqlite":
        url, drop = f"sqlite:///{tmp_path / 'casework.db'}", lambda: None
    else:
        url, drop = _postgres_database()
    db.upgrade(url)
    yield url
    drop()


@pytest.fixture
def sessions(database_url):
    engine = db.make_engine(database_url)
    yield db.session_factory(engine)
    engine.dispose()


@pytest.fixture
def session(sessions):
    with sessions() as s:
        yield s


@pytest.fixture
def clerk(session):
    user = create_user(session, "clerk", "correct horse battery", "caseworker")
    session.commit()
    return user


def submit(session, engine, claims=(SALES, FACTORY), key=None, profile=PROFILE):
    app = service.submit(session, engine, Profile.model_validate(profile), AS_OF, list(claims), key or uuid.uuid4().hex)
    session.commit()
    return app


def verify_all(session, user, claim):
    for item in claim.evidence:
        service.mark_evidence(session, user, item.id, "verified", "原件已核")


def table_names(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_migrations_create_every_table(database_url):
    tables = table_names(database_url)
    assert {"enterprises", "applications", "determinations", "claims", "evidence_items", "decisions",
            "award_ledger", "users", "audit_log", "alembic_version"} <= tables


def test_migrations_downgrade_to_empty_and_back(database_url):
    db.downgrade(database_url, "base")
    assert table_names(database_url) <= {"alembic_version"}
    db.upgrade(database_url)


def test_submission_freezes_determination_and_is_idempotent(session, engine):
    first = submit(session, engine, key="form-token-1")
    again = submit(session, engine, key="form-token-1")
    assert first.id == again.id and session.scalar(select(text("count(*)")).select_from(Application)) == 1
    assert first.reference.startswith("SQ") and len(first.access_token) >= 40
    frozen = first.determinations[0]
    assert frozen.kind == "submitted" and frozen.as_of == AS_OF and frozen.result["total_yuan"] >= 300000
    assert [c.rule_id for c in first.claims] == [SALES.rule_id, FACTORY.rule_id]
    assert {e.evidence_id for e in first.claims[0].evidence} >= {"statistics_sales", "audited_accounts"}
    assert service.by_token(session, first.access_token).id == first.id
    assert service.by_token(session, "guess") is None


def test_cannot_claim_an_award_not_due(session, engine):
    with pytest.raises(service.CaseworkError, match="不在可申请的奖励之中"):
        submit(session, engine, claims=[service.ClaimRequest("xuchang.mfg_innovation_center.national")])
    with pytest.raises(service.CaseworkError, match="至少选择一项"):
        submit(session, engine, claims=[])


def test_project_claim_amount_and_ledger_key(session, engine):
    app = submit(session, engine, claims=[FOUNDATION])
    assert app.claims[0].claimed_yuan == 4000000 and app.claims[0].ledger_key == "project:强基一号:2018-05-01"


def test_approval_needs_verified_evidence_and_records_ledger(session, engine, clerk):
    app = submit(session, engine)
    claim = app.claims[0]
    with pytest.raises(service.CaseworkError, match="尚未全部核验"):
        service.decide(session, clerk, claim.id, "approve")
    verify_all(session, clerk, claim)
    service.decide(session, clerk, claim.id, "approve")
    session.commit()
    entry = session.scalar(select(LedgerEntry))
    assert (entry.credit_code, entry.rule_id, entry.amount_yuan) == (PROFILE["credit_code"], SALES.rule_id, 100000)
    assert app.status == "in_review"
    service.decide(session, clerk, app.claims[1].id, "reject", reason="证书为市级")
    session.commit()
    assert app.status == "decided"
    with pytest.raises(service.CaseworkError, match="已批准"):
        service.decide(session, clerk, claim.id, "reject", reason="改主意")


def test_second_claim_of_one_off_award_is_refused_with_earlier_approval(session, engine, clerk):
    first = submit(session, engine)
    verify_all(session, clerk, first.claims[0])
    service.decide(session, clerk, first.claims[0].id, "approve")
    session.commit()
    second = submit(session, engine, claims=[SALES])
    claim = second.claims[0]
    assert [e.claim.application.reference for e in service.earlier_payouts(session, claim)] == [first.reference]
    verify_all(session, clerk, claim)
    with pytest.raises(service.DoublePayout, match=first.reference):
        service.decide(session, clerk, claim.id, "approve")
    session.rollback()
    assert session.scalar(select(text("count(*)")).select_from(LedgerEntry)) == 1


def test_concurrent_approvals_pay_once(sessions, engine):
    """Two caseworkers approve the same one-off award for two applications at once: the constraint decides."""
    with sessions() as s:
        user = create_user(s, "a", "correct horse battery")
        apps = [submit(s, engine, claims=[SALES]) for _ in range(2)]
        for app in apps:
            verify_all(s, user, app.claims[0])
        s.commit()
        claim_ids, user_id = [app.claims[0].id for app in apps], user.id
    outcomes, barrier = [], threading.Barrier(2)

    def approve(claim_id):
        with sessions() as s:
            from eligibility.casework.models import User
            who = s.get(User, user_id)
            barrier.wait()
            try:
                service.decide(s, who, claim_id, "approve")
                s.commit()
                outcomes.append("approved")
            except service.DoublePayout:
                s.rollback()
                outcomes.append("refused")
            except DBAPIError as exc:  # SQLite may report the lock instead of the constraint
                s.rollback()
                outcomes.append(f"locked: {exc.orig}")

    threads = [threading.Thread(target=approve, args=(cid,)) for cid in claim_ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    with sessions() as s:
        assert s.scalar(select(text("count(*)")).select_from(LedgerEntry)) == 1
    assert outcomes.count("approved") == 1, outcomes


def test_more_info_and_reject_need_a_reason(session, engine, clerk):
    app = submit(session, engine)
    with pytest.raises(service.CaseworkError, match="理由"):
        service.decide(session, clerk, app.claims[0].id, "reject")
    service.decide(session, clerk, app.claims[0].id, "more_info", reason="请补充2018年审计报告")
    session.commit()
    assert app.status == "more_info"


def test_every_change_is_audited_and_the_log_cannot_be_edited(session, engine, clerk):
    app = submit(session, engine)
    item = app.claims[0].evidence[0]
    service.mark_evidence(session, clerk, item.id, "rejected", "复印件不清")
    service.reevaluate(session, engine, clerk, app)
    session.commit()
    actions = [e.action for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert actions == ["user_created", "submitted", "evidence_marked", "reevaluated"]
    marked = session.scalars(select(AuditEntry).where(AuditEntry.action == "evidence_marked")).one()
    assert marked.actor == "clerk" and marked.before["status"] == "missing" and marked.after["status"] == "rejected"
    for statement in ("UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"):
            session.execute(text(statement))
        session.rollback()


def test_reevaluation_shows_what_changed(session, engine, clerk):
    app = submit(session, engine)
    then = copy.deepcopy(app.determinations[0].result)
    then["outcomes"][0]["status"] = "eligible"  # as if the rules had said so when it was filed
    changes = service.diff(then, engine.evaluate(
        Profile.model_validate(PROFILE), AS_OF).model_dump(mode="json"))
    assert changes[0]["before_status"] == "eligible" and changes[0]["after_status"] == "not_eligible"
    assert service.reevaluate(session, engine, clerk, app) == []


def test_queue_filters_and_pages(session, engine):
    for _ in range(3):
        submit(session, engine)
    submit(session, engine, claims=[FACTORY], profile={**PROFILE, "division_code": "411082"})
    assert service.queue(session).total == 4
    assert service.queue(session, city="411000", rule_id=SALES.rule_id).total == 3
    assert service.queue(session, status="decided").total == 0
    page = service.queue(session, per_page=3, page=2)
    assert len(page.items) == 1 and page.pages == 2
    assert service.queue(session, submitted_from=date(2999, 1, 1)).total == 0


def test_disbursement_export_xlsx_and_csv(session, engine, clerk):
    app = submit(session, engine)
    for claim in app.claims:
        verify_all(session, clerk, claim)
        service.decide(session, clerk, claim.id, "approve")
    session.commit()
    rows = service.disbursements(session, engine, date(2000, 1, 1), date(2999, 1, 1))
    assert [r.amount_yuan for r in rows] == [100000, 200000] and rows[0].document_number == "许政[2017]29号"
    sheet = load_workbook(io.BytesIO(service.to_xlsx(rows, "拨付清单"))).active
    assert sheet["C3"].value == PROFILE["name"] and sheet["I5"].value == 300000
    csv_text = service.to_csv(rows)
    assert csv_text.startswith("\ufeff批准日期") and "91350100M000100Y43" in csv_text and "二(一)2" in csv_text


def test_users_hash_passwords_and_authenticate(session):
    user = create_user(session, "admin1", "a very long secret", "admin")
    assert user.password_hash != "a very long secret" and "scrypt" in user.password_hash or "pbkdf2" in user.password_hash
    assert authenticate(session, "admin1", "a very long secret").id == user.id
    assert authenticate(session, "admin1", "wrong password!") is None
    assert authenticate(session, "nobody", "a very long secret") is None
    with pytest.raises(service.CaseworkError):
        create_user(session, "admin1", "a very long secret")
    with pytest.raises(service.CaseworkError, match="至少"):
        create_user(session, "short", "123")


def test_evidence_of_an_approved_claim_cannot_be_changed(session, engine, clerk):
    app = submit(session, engine)
    verify_all(session, clerk, app.claims[0])
    service.decide(session, clerk, app.claims[0].id, "approve")
    session.commit()
    with pytest.raises(service.CaseworkError, match="不能再改"):
        service.mark_evidence(session, clerk, app.claims[0].evidence[0].id, "rejected", "改口")


def test_days_are_the_bureaus_not_utc(session, engine, clerk):
    """An approval at 07:30 Beijing time (23:30 UTC the day before) belongs to the Beijing day."""
    from datetime import datetime, timezone
    app = submit(session, engine, claims=[SALES])
    verify_all(session, clerk, app.claims[0])
    service.decide(session, clerk, app.claims[0].id, "approve")
    entry = session.scalar(select(LedgerEntry))
    entry.approved_at = datetime(2026, 1, 1, 23, 30, tzinfo=timezone.utc)  # 2026-01-02 07:30 in Beijing
    session.commit()
    assert service.disbursements(session, engine, date(2026, 1, 1), date(2026, 1, 1)) == []
    rows = service.disbursements(session, engine, date(2026, 1, 2), date(2026, 1, 2))
    assert [r.approved_on for r in rows] == [date(2026, 1, 2)]
    assert service.local_time(entry.approved_at).hour == 7
