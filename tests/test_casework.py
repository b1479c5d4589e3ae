"""Casework on a real database (SQLite, and PostgreSQL when TEST_POSTGRES_URL is set): migrations, submission,
evidence, decisions, the ledger that refuses double payouts (also under concurrency), audit, the queue."""
import json
import threading
from datetime import date

import pytest
from sqlalchemy import create_engine, inspect, select, text
from sqlalchemy.exc import DBAPIError

from casework_support import AS_OF, CREDIT_CODE, FACTORY, FOUNDATION, PAYEE, PROFILE, SALES, approve, submit, verify_all
from eligibility.casework import db, frozen, service
from eligibility.casework.models import Application, AuditEntry, Determination, LedgerEntry, User
from eligibility.casework.users import authenticate, create_user, set_active, set_city
from eligibility.profile import Profile


def table_names(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def count(session, model) -> int:
    return session.scalar(select(text("count(*)")).select_from(model))


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
    assert first.id == again.id and count(session, Application) == 1
    assert first.reference.startswith("SQ") and len(first.access_token) >= 40
    stored = first.determinations[0]
    assert stored.kind == "submitted" and stored.as_of == AS_OF and stored.result["format"] == frozen.FORMAT
    assert set(stored.result["rules"]) == {SALES.rule_id, FACTORY.rule_id}  # the claimed rules only
    sales = frozen.outcome(stored.result, SALES.rule_id)
    assert sales["status"] == "eligible" and sales["amount_yuan"] == 100000 and sales["citation"]["clause_path"]
    assert [t["outcome"] for t in sales["trace"]][:1] == ["met"] and sales["notes"]
    assert [c.rule_id for c in first.claims] == [SALES.rule_id, FACTORY.rule_id]
    assert {e.evidence_id for e in first.claims[0].evidence} >= {"statistics_sales", "audited_accounts"}
    assert (first.payee_name, first.payee_account, first.division_code) == (PAYEE.name, PAYEE.account, "411003")
    claim = first.claims[0]
    assert (claim.award_kind, claim.document_number, claim.clause_path) == ("fixed", "许政[2017]29号", "二(一)2")
    assert service.by_token(session, first.access_token).id == first.id
    assert service.by_token(session, "guess") is None


def test_cannot_claim_an_award_not_due(session, engine):
    with pytest.raises(service.CaseworkError, match="不在可申请的奖励之中"):
        submit(session, engine, claims=[service.ClaimRequest("xuchang.mfg_innovation_center.national")])
    with pytest.raises(service.CaseworkError, match="至少选择一项"):
        submit(session, engine, claims=[])
    assert count(session, Application) == 0


def test_a_claim_ticked_twice_is_one_claim(session, engine):
    app = submit(session, engine, claims=[SALES, SALES])
    assert [c.rule_id for c in app.claims] == [SALES.rule_id]


def test_claims_per_application_are_capped(session, engine):
    requests = [service.ClaimRequest(f"rule.{i}") for i in range(service.MAX_CLAIMS + 1)]
    with pytest.raises(service.CaseworkError, match=f"最多申请{service.MAX_CLAIMS}项"):
        submit(session, engine, claims=requests)


def test_project_claim_is_keyed_by_its_approval_number(session, engine):
    app = submit(session, engine, claims=[FOUNDATION])
    claim = app.claims[0]
    assert claim.claimed_yuan == 4000000
    assert claim.ledger_key == "project:industrial_foundation:工信部规〔2018〕12"
    assert (claim.item_index, claim.item_name, claim.project_kind, claim.project_approved_on,
            claim.project_national_grant_yuan) == (0, "强基一号", "industrial_foundation", date(2018, 5, 1), 8000000)
    outcome = frozen.outcome(app.determinations[0].result, FOUNDATION.rule_id, 0)
    assert outcome["status"] == "eligible" and outcome["amount_yuan"] == 4000000 and outcome["trace"]


def test_a_project_award_needs_an_approval_number(session, engine):
    project = {k: v for k, v in PROFILE["projects"][0].items() if k != "approval_number"}
    with pytest.raises(service.CaseworkError, match="立项文号"):
        submit(session, engine, claims=[FOUNDATION], profile={**PROFILE, "projects": [project]})


def test_approval_needs_verified_evidence_and_records_ledger(session, engine, clerk):
    app = submit(session, engine)
    claim = app.claims[0]
    with pytest.raises(service.CaseworkError, match="尚未全部核验"), db.transaction(session):
        service.decide(session, clerk, claim.id, "approve")
    approve(session, clerk, claim)
    entry = session.scalar(select(LedgerEntry))
    assert (entry.credit_code, entry.rule_id, entry.amount_yuan) == (CREDIT_CODE, SALES.rule_id, 100000)
    assert entry.number == f"BF{entry.id:08d}" and claim.status == "approved"
    assert app.status == "in_review"
    with db.transaction(session):
        service.decide(session, clerk, app.claims[1].id, "reject", reason="证书为市级")
    assert app.status == "decided"
    with pytest.raises(service.AlreadyApproved, match=f"已批准,编号 {entry.number}"), db.transaction(session):
        service.decide(session, clerk, claim.id, "reject", reason="改主意")


def test_second_claim_of_one_off_award_is_refused_with_earlier_approval(session, engine, clerk):
    first = submit(session, engine)
    approve(session, clerk, first.claims[0])
    second = submit(session, engine, claims=[SALES])
    claim = second.claims[0]
    assert [e.claim.application.reference for e in service.earlier_payouts(session, claim)] == [first.reference]
    with pytest.raises(service.DoublePayout, match=first.reference):
        approve(session, clerk, claim)
    assert count(session, LedgerEntry) == 1 and claim.status == "pending"


def test_concurrent_approvals_pay_once(sessions, engine):
    """Eight approvals at once, of the same one-off award in four applications and of one claim four times:
    one payout; every other request is refused with a message (no lock error, no IntegrityError)."""
    with sessions() as s:
        user = create_user(s, "a", "correct horse battery", city_code="411000")
        s.commit()
        apps = [submit(s, engine, claims=[SALES]) for _ in range(4)]
        with db.transaction(s):
            for app in apps:
                verify_all(s, user, app.claims[0])
        claim_ids, user_id = [app.claims[0].id for app in apps], user.id
    targets = claim_ids + [claim_ids[0]] * 4
    outcomes, barrier = [], threading.Barrier(len(targets))

    def run(claim_id):
        with sessions() as s:
            who = s.get(User, user_id)
            s.rollback()
            barrier.wait()
            try:
                with db.transaction(s):
                    service.decide(s, who, claim_id, "approve")
                outcomes.append("approved")
            except service.CaseworkError as exc:
                outcomes.append(type(exc).__name__)
            except DBAPIError as exc:
                outcomes.append(f"error: {exc.orig}")

    threads = [threading.Thread(target=run, args=(cid,)) for cid in targets]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    with sessions() as s:
        assert count(s, LedgerEntry) == 1
    assert outcomes.count("approved") == 1, outcomes
    assert set(outcomes) <= {"approved", "DoublePayout", "AlreadyApproved"}, outcomes


def test_more_info_and_reject_need_a_reason(session, engine, clerk):
    app = submit(session, engine)
    with pytest.raises(service.CaseworkError, match="理由"), db.transaction(session):
        service.decide(session, clerk, app.claims[0].id, "reject")
    with db.transaction(session):
        service.decide(session, clerk, app.claims[0].id, "more_info", reason="请补充2018年审计报告")
    assert app.status == "more_info"


def test_every_change_is_audited_and_the_log_cannot_be_edited(session, engine, clerk):
    app = submit(session, engine)
    item = app.claims[0].evidence[0]
    with db.transaction(session):
        service.mark_evidence(session, clerk, item.id, "rejected", "复印件不清")
    with db.transaction(session):
        service.reevaluate(session, engine, clerk, app)
    actions = [e.action for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert actions == ["user_created", "submitted", "evidence_marked", "reevaluated"]
    marked = session.scalars(select(AuditEntry).where(AuditEntry.action == "evidence_marked")).one()
    assert marked.actor == "clerk" and marked.before["status"] == "missing" and marked.after["status"] == "rejected"
    for statement in ("UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"):
            session.execute(text(statement))
        session.rollback()


def test_reevaluation_shows_what_changed(session, engine, clerk):
    app = submit(session, engine, claims=[SALES, FOUNDATION])
    stored = app.determinations[0].result
    then = json.loads(json.dumps(stored))
    then["rules"][SALES.rule_id]["status"] = "undetermined"  # as if the rules had said so when it was filed
    then["items"][f"{FOUNDATION.rule_id}@0"]["amount_yuan"] = 3000000
    changes = service.diff(then, stored)
    assert [(c["key"], c["before_status"], c["after_status"]) for c in changes] == [
        (f"{FOUNDATION.rule_id}@0", "eligible", "eligible"), (SALES.rule_id, "undetermined", "eligible")]
    assert changes[0]["after_amount_yuan"] == 4000000 and "强基一号" in changes[0]["title"]
    with db.transaction(session):
        assert service.reevaluate(session, engine, clerk, app) == []
    assert [d.kind for d in app.determinations] == ["submitted", "reevaluation"]


def test_queue_filters_pages_and_city_scope(session, engine):
    for _ in range(3):
        submit(session, engine)
    submit(session, engine, claims=[FACTORY], profile={**PROFILE, "division_code": "411082"})
    assert service.queue(session).total == 4
    assert service.queue(session, city="411000", rule_id=SALES.rule_id).total == 3
    assert service.queue(session, status="decided").total == 0
    page = service.queue(session, per_page=3, page=2)
    assert len(page.items) == 1 and page.pages == 2
    assert service.queue(session, per_page=3, page=10**8).page == 2  # past the last page: the last
    assert service.queue(session, submitted_from=date(2999, 1, 1)).total == 0
    assert service.queue(session, scope="411000").total == 4
    assert service.queue(session, scope="150200").total == 0
    assert service.queue(session, scope="150200", city="411000").total == 0


def test_users_hash_passwords_and_authenticate(session):
    user = create_user(session, "admin1", "a very long secret", "admin")
    assert user.password_hash != "a very long secret"
    assert "scrypt" in user.password_hash or "pbkdf2" in user.password_hash
    assert authenticate(session, "admin1", "a very long secret").id == user.id
    assert authenticate(session, "admin1", "wrong password!") is None
    assert authenticate(session, "nobody", "a very long secret") is None
    with pytest.raises(service.CaseworkError):
        create_user(session, "admin1", "a very long secret")
    with pytest.raises(service.CaseworkError, match="至少"):
        create_user(session, "short", "123")


def test_caseworkers_belong_to_a_city_admins_to_all(session):
    worker = create_user(session, "w", "a very long secret", "caseworker", city_code="150200")
    assert worker.city_code == "150200"
    with pytest.raises(service.CaseworkError, match="未知的城市代码"):
        create_user(session, "x", "a very long secret", "caseworker", city_code="999900")
    with pytest.raises(service.CaseworkError, match="管理员"):
        create_user(session, "y", "a very long secret", "admin", city_code="411000")
    legacy = create_user(session, "old", "a very long secret", "caseworker")
    assert legacy.city_code is None
    assert set_city(session, "cli", "old", "411000").city_code == "411000"


def test_disabling_an_account_is_audited_and_not_oneself(session, admins):
    boss, deputy = admins
    with db.transaction(session):
        set_active(session, boss, deputy.id, False)
    assert session.get(User, deputy.id).active is False
    with pytest.raises(service.CaseworkError, match="不能停用自己的账号"), db.transaction(session):
        set_active(session, boss, boss.id, False)
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "user_updated")).one()
    assert entry.actor == "boss" and entry.after == {"active": False}


def test_evidence_of_an_approved_claim_cannot_be_changed(session, engine, clerk):
    app = submit(session, engine)
    approve(session, clerk, app.claims[0])
    with pytest.raises(service.CaseworkError, match="不能再改"), db.transaction(session):
        service.mark_evidence(session, clerk, app.claims[0].evidence[0].id, "rejected", "改口")


def test_ids_out_of_range_are_not_found(session, clerk):
    for claim_id in (0, -1, 2**63, 10**30):
        with pytest.raises(service.CaseworkError, match="没有这项"), db.transaction(session):
            service.decide(session, clerk, claim_id, "approve")
        with pytest.raises(service.CaseworkError, match="没有这项"), db.transaction(session):
            service.mark_evidence(session, clerk, claim_id, "verified")


def test_stored_bytes_per_application_stay_small(session, engine):
    """Only the claimed rules' outcomes are kept: a typical application stores about 10 KB of determination, not
    the whole result (about 175 KB for this small profile, and it grows with every project and title)."""
    app = submit(session, engine, claims=[SALES, FACTORY, FOUNDATION])
    result = engine.evaluate(Profile.model_validate(PROFILE), AS_OF).model_dump(mode="json")
    whole = len(json.dumps(result, ensure_ascii=False).encode())
    stored = sum(len(json.dumps(d.result, ensure_ascii=False).encode()) for d in app.determinations)
    profile = len(json.dumps(app.profile, ensure_ascii=False).encode())
    assert stored < 12_000 and stored * 10 < whole, (stored, whole)
    assert profile < 2_000


def test_the_largest_profile_stores_a_bounded_application(session, engine):
    """200 projects and 200 titles (the profile's caps), 50 project claims (the claim cap): bounded storage."""
    projects = [{"name": f"强基{i}号" + "项" * 150, "kind": "industrial_foundation", "approved_on": "2018-05-01",
                 "approval_number": f"工信部规〔2018〕{i}号", "national_grant_yuan": 8000000 + i} for i in range(200)]
    recognitions = [{"kind": "smart_factory", "level": "provincial", "obtained_on": "2019-05-20"}] * 200
    profile = {**PROFILE, "projects": projects, "recognitions": recognitions}
    claims = [service.ClaimRequest(FOUNDATION.rule_id, i) for i in range(service.MAX_CLAIMS)]
    app = submit(session, engine, claims=claims, profile=profile)
    stored = sum(len(json.dumps(d.result, ensure_ascii=False).encode()) for d in app.determinations)
    whole = len(engine.evaluate(Profile.model_validate(profile), AS_OF).model_dump_json().encode())
    assert len(app.claims) == service.MAX_CLAIMS
    assert stored < 250_000 and whole > 4 * stored, (stored, whole)


def test_days_are_the_bureaus_not_utc(session, engine, clerk):
    """An approval at 07:30 Beijing time (23:30 UTC the day before) belongs to the Beijing day."""
    from datetime import datetime, timezone

    from eligibility.casework.export import disbursements
    app = submit(session, engine, claims=[SALES])
    approve(session, clerk, app.claims[0])
    entry = session.scalar(select(LedgerEntry))
    entry.approved_at = datetime(2026, 1, 1, 23, 30, tzinfo=timezone.utc)  # 2026-01-02 07:30 in Beijing
    session.commit()
    assert list(disbursements(session, date(2026, 1, 1), date(2026, 1, 1))) == []
    rows = list(disbursements(session, date(2026, 1, 2), date(2026, 1, 2)))
    assert [r.approved_on for r in rows] == [date(2026, 1, 2)]
    assert service.clock.local_time(entry.approved_at).hour == 7


def test_determinations_are_compact_even_for_reevaluations(session, engine, clerk):
    app = submit(session, engine)
    with db.transaction(session):
        service.reevaluate(session, engine, clerk, app)
    for determination in session.scalars(select(Determination)):
        assert determination.result["format"] == frozen.FORMAT
        assert set(determination.result["rules"]) == {SALES.rule_id, FACTORY.rule_id}


def test_a_payout_left_by_an_old_crash_blocks_decisions_and_is_not_exported(session, engine, clerk):
    """Before one transaction per operation, a kill could leave a ledger row on a claim still pending (no decision,
    no audit entry): approving it again answered 500 and rejecting it left it in the 拨付清单."""
    from eligibility.casework.export import disbursements
    app = submit(session, engine, claims=[SALES])
    with db.transaction(session):
        verify_all(session, clerk, app.claims[0])
    session.add(LedgerEntry(credit_code=CREDIT_CODE, rule_id=SALES.rule_id, ledger_key="enterprise",
                            claim_id=app.claims[0].id, amount_yuan=100000, approved_by=clerk.id))
    session.commit()
    for outcome, reason in (("approve", ""), ("reject", "不符合")):
        with pytest.raises(service.CaseworkError, match="记录不一致"), db.transaction(session):
            service.decide(session, clerk, app.claims[0].id, outcome, reason=reason)
    assert app.claims[0].status == "pending"
    assert list(disbursements(session, date(2000, 1, 1), date(2999, 1, 1))) == []
