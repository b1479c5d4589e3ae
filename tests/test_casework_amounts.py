"""Approved amounts: never above what the rules computed; lower with a reason; an amount the rules did not compute
needs one with a reason, and above the four-eyes limit a second approver who is an admin and not the first."""
import pytest
from sqlalchemy import select

from casework_support import FOUNDATION, PROFILE, SALES, submit, verify_all
from eligibility.casework import db, service
from eligibility.casework.models import AuditEntry, LedgerEntry

RENOVATION = service.ClaimRequest("xuchang.tech_renovation.key_project_support", 0)
RENOVATION_PROFILE = {**PROFILE, "projects": [{"name": "技改一号", "kind": "technology_renovation",
                                               "approved_on": "2019-03-01", "approval_number": "许工信技改〔2019〕3号"}]}


def decide(session, user, claim, amount=None, reason="", **options):
    with db.transaction(session):
        return service.decide(session, user, claim.id, "approve", amount, reason, **options)


def test_an_approval_above_the_rules_amount_is_refused(session, engine, clerk):
    """Before, 99999999万元 on a 10万元 claim put 999,999,990,000 yuan in the ledger."""
    app = submit(session, engine, claims=[SALES])
    with db.transaction(session):
        verify_all(session, clerk, app.claims[0])
    for amount in (999_999_990_000, 100_001):
        with pytest.raises(service.CaseworkError, match="超过规则测算的10万元") as caught:
            decide(session, clerk, app.claims[0], amount, "理由")
        assert caught.value.field == "amount"
    with pytest.raises(service.CaseworkError, match="应大于0元"):
        decide(session, clerk, app.claims[0], 0)
    assert session.scalar(select(LedgerEntry)) is None
    decide(session, clerk, app.claims[0])  # no amount: the rules' amount
    assert app.claims[0].ledger_entry.amount_yuan == 100000


def test_a_lower_amount_needs_a_reason_kept_in_ledger_and_audit(session, engine, clerk):
    app = submit(session, engine, claims=[FOUNDATION])
    with db.transaction(session):
        verify_all(session, clerk, app.claims[0])
    with pytest.raises(service.CaseworkError, match="写明原因") as caught:
        decide(session, clerk, app.claims[0], 3_000_000)
    assert caught.value.field == "reason"
    decide(session, clerk, app.claims[0], 3_000_000, "国家资助实际到位600万元")
    entry = app.claims[0].ledger_entry
    assert (entry.amount_yuan, entry.reason) == (3_000_000, "国家资助实际到位600万元")
    audit = session.scalars(select(AuditEntry).where(AuditEntry.action == "decided")).one()
    assert audit.after["computed_yuan"] == 4_000_000 and audit.after["reason"] == "国家资助实际到位600万元"


def test_an_uncomputed_amount_needs_an_amount_and_a_reason(session, engine, clerk):
    app = submit(session, engine, claims=[RENOVATION], profile=RENOVATION_PROFILE)
    claim = app.claims[0]
    assert claim.award_kind == "non_quantified" and claim.claimed_yuan is None
    with db.transaction(session):
        verify_all(session, clerk, claim)
    with pytest.raises(service.CaseworkError, match="须填写批准金额"):
        decide(session, clerk, claim)
    with pytest.raises(service.CaseworkError, match="依据"):
        decide(session, clerk, claim, 300_000)
    decide(session, clerk, claim, 500_000, "市级技改补助上限")  # at the limit: no second approver
    assert claim.status == "approved" and claim.ledger_entry.amount_yuan == 500_000


def test_above_the_limit_a_second_admin_confirms(session, engine, clerk, admins):
    boss, deputy = admins
    app = submit(session, engine, claims=[RENOVATION], profile=RENOVATION_PROFILE)
    claim = app.claims[0]
    with db.transaction(session):
        verify_all(session, clerk, claim)
    decide(session, clerk, claim, 800_000, "按技改投资1600万元的5%")
    assert claim.status == "awaiting_second" and claim.ledger_entry is None
    with pytest.raises(service.CaseworkError, match="不能再改"), db.transaction(session):
        service.mark_evidence(session, clerk, claim.evidence[0].id, "rejected")
    with pytest.raises(service.CaseworkError, match="正待管理员复核"):
        decide(session, clerk, claim, 800_000, "再批一次")
    with pytest.raises(service.CaseworkError, match="复核须由管理员"), db.transaction(session):
        service.confirm(session, clerk, claim.id)
    with db.transaction(session):
        service.confirm(session, boss, claim.id, "同意")
    entry = session.scalar(select(LedgerEntry))
    assert (entry.amount_yuan, entry.approved_by, entry.confirmed_by) == (800_000, clerk.id, boss.id)
    assert claim.status == "approved" and [d.outcome for d in claim.decisions] == ["approve", "confirm"]
    with pytest.raises(service.AlreadyApproved), db.transaction(session):
        service.confirm(session, deputy, claim.id)


def test_the_first_approver_cannot_confirm_and_an_admin_may_send_it_back(session, engine, admins):
    boss, deputy = admins
    app = submit(session, engine, claims=[RENOVATION], profile=RENOVATION_PROFILE)
    claim = app.claims[0]
    with db.transaction(session):
        verify_all(session, boss, claim)
    decide(session, boss, claim, 2_000_000, "特批", four_eyes_limit_yuan=1_000_000)
    with pytest.raises(service.CaseworkError, match="不能是批准人本人"), db.transaction(session):
        service.confirm(session, boss, claim.id)
    with db.transaction(session):
        service.decide(session, deputy, claim.id, "more_info", reason="请补充技改投资审计报告")
    assert claim.status == "more_info" and session.scalar(select(LedgerEntry)) is None


def test_the_limit_is_configurable(session, engine, clerk):
    app = submit(session, engine, claims=[RENOVATION], profile=RENOVATION_PROFILE)
    with db.transaction(session):
        verify_all(session, clerk, app.claims[0])
    decide(session, clerk, app.claims[0], 200_000, "按标准", four_eyes_limit_yuan=100_000)
    assert app.claims[0].status == "awaiting_second"
    assert service.approved_amount(app.claims[0], 100_000, "x", 100_000) == (100_000, False)
