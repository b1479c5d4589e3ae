"""Casework operations: submit, verify evidence, decide, confirm (four-eyes), re-evaluate, and the queue.

Every change is audited. An operation never commits: its caller runs it inside `db.transaction(session)`, so the
whole operation is one database transaction, committed at the end or rolled back entirely.
"""
import json
import secrets
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from pydantic import ValidationError
from sqlalchemy import Select, and_, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from .. import clock
from ..clock import day_end, day_start, utcnow
from ..engine import Engine
from ..money import format_yuan
from ..profile import Profile
from ..result import CLAIMABLE, EvaluationResult
from ..vocabulary import city_of
from . import frozen, identity
from .errors import CaseworkError
from .models import Application, AuditEntry, Claim, Decision, Determination, Enterprise, EvidenceItem, LedgerEntry, User
from .payee import Payee

# The engine statuses a claim may be filed for; a new claimable status is added here, nowhere else.
EVIDENCE_STATUSES = ("missing", "verified", "rejected")
OUTCOMES = ("approve", "reject", "more_info")
CLAIM_STATUSES = ("pending", "awaiting_second", "approved", "rejected", "more_info", "withdrawn")
# Evidence and decisions of these claims are settled (or under a second approver's review): no more changes.
SETTLED = ("approved", "awaiting_second")
LOCKED = (*SETTLED, "withdrawn")
# Awards whose amount the rules compute; approving more than that is refused.
QUANTIFIED = ("fixed", "ratio", "match")
# Above this an amount the rules did not compute needs a second approver, an admin (config FOUR_EYES_LIMIT_YUAN).
FOUR_EYES_LIMIT_YUAN = 500_000
# A real application claims a handful of awards; each claim stores its frozen outcome.
MAX_CLAIMS = 50
MAX_AS_OF_REASON = 500
MAX_EVIDENCE_NOTE = 500
MAX_ID = 2**63 - 1
T = TypeVar("T")


class DoublePayout(CaseworkError):
    """A second payout of a one-off award; carries the earlier ledger entry."""

    def __init__(self, earlier: LedgerEntry):
        self.earlier = earlier
        super().__init__(
            f"该奖励已于{clock.local_time(earlier.approved_at):%Y-%m-%d}批准给同一统一社会信用代码的企业"
            f"(申请编号 {earlier.claim.application.reference},台账编号 {earlier.number}),一次性奖励不能重复拨付")


class AlreadyApproved(CaseworkError):
    """The claim was approved already (by a concurrent request, or before); carries its ledger entry."""

    def __init__(self, entry: LedgerEntry):
        self.entry = entry
        super().__init__(f"已批准,编号 {entry.number}:该奖励已记入台账,不能再改")


class PossibleDuplicate(CaseworkError):
    """Approving a claim that may duplicate others needs an explicit confirmation with a reason."""

    def __init__(self, claim: Claim, duplicates: list[Claim]):
        self.duplicates = duplicates
        listed = ";".join(f"申请 {d.application.reference}“{d.item_name or d.title}”"
                          f"({'、'.join(identity.why_duplicate(claim, d))})" for d in duplicates[:5])
        word = "称号" if claim.item_kind == "title" else "项目"
        super().__init__(f"可能与以下申请重复:{listed}。如核实不是同一{word},请勾选确认并写明理由后再批准",
                         "not_duplicate_reason")


@dataclass(frozen=True)
class ClaimRequest:
    """An award the enterprise chooses to claim: a rule, and for per-project or per-title rules the item's index."""

    rule_id: str
    item_index: int | None = None


def audit(session: Session, actor: str, action: str, entity: str, entity_id: int,
          application_id: int | None, before: dict | None = None, after: dict | None = None) -> None:
    """Append one entry to the audit log."""
    session.add(AuditEntry(actor=actor, action=action, entity=entity, entity_id=entity_id,
                           application_id=application_id, before=before, after=after))


# --- submission --------------------------------------------------------------------------------------------------

def _project_fields(profile: Profile, index: int, title: str) -> dict:
    project = (profile.projects or [])[index]
    try:
        key = identity.ledger_key(project.kind, project.approval_number)
    except identity.IdentityError as exc:
        raise CaseworkError(f"“{title}”按项目申请,项目“{project.name}”:{exc}") from None
    return {"ledger_key": key, "item_kind": "project", "item_index": index, "item_name": project.name,
            "project_kind": project.kind, "project_approved_on": project.approved_on,
            "project_approval_number": project.approval_number,
            "project_national_grant_yuan": project.national_grant_yuan,
            "project_provincial_grant_yuan": project.provincial_grant_yuan}


def _title_fields(profile: Profile, index: int, name: str, title: str) -> dict:
    held = (profile.recognitions or [])[index]
    try:
        key = identity.title_ledger_key(held.kind, held.level, held.document_number)
    except identity.IdentityError as exc:
        raise CaseworkError(f"“{title}”按称号申请,称号“{name}”:{exc}") from None
    return {"ledger_key": key, "item_kind": "title", "item_index": index, "item_name": name,
            "title_kind": held.kind, "title_level": held.level, "title_obtained_on": held.obtained_on,
            "title_document_number": held.document_number}


def _claims_from(result: EvaluationResult, requests: list[ClaimRequest], profile: Profile) -> list[Claim]:
    requests = list(dict.fromkeys(requests))  # a claim ticked twice is one claim
    if not requests:
        raise CaseworkError("请至少选择一项要申请的奖励")
    if len(requests) > MAX_CLAIMS:
        raise CaseworkError(f"一次最多申请{MAX_CLAIMS}项奖励,请分次提交")
    claims: list[Claim] = []
    keys: dict[tuple[str, str], str] = {}
    for req in requests:
        outcome = result.outcome(req.rule_id)
        if outcome is None or not outcome.claimable:
            raise CaseworkError(f"“{outcome.title if outcome else req.rule_id}”不在可申请的奖励之中")
        amount = outcome.amount_yuan if outcome.status == "eligible" else outcome.potential_amount_yuan
        item_fields = {"ledger_key": identity.ledger_key()}
        if outcome.subjects:
            kind = outcome.subjects[0].subject
            word, number = ("项目", "立项文号") if kind == "project" else ("称号", "认定文号")
            if req.item_index is None:
                raise CaseworkError(f"“{outcome.title}”按{word}申请,请选择{word}")
            item = next((i for i in outcome.subjects if i.index == req.item_index), None)
            if item is None or item.status not in CLAIMABLE:
                raise CaseworkError(f"所选{word}不符合“{outcome.title}”")
            amount = item.amount_yuan if item.status == "eligible" else outcome.potential_amount_yuan
            item_fields = (_project_fields(profile, item.index, outcome.title) if kind == "project"
                           else _title_fields(profile, item.index, item.name, outcome.title))
            earlier = keys.get((outcome.rule_id, item_fields["ledger_key"]))
            if earlier is not None:
                raise CaseworkError(f"{word}“{earlier}”与“{item.name}”的{number}相同,是同一{word}:"
                                    f"“{outcome.title}”只能申请一次")
            keys[(outcome.rule_id, item_fields["ledger_key"])] = item.name
        citation = outcome.citation
        claim = Claim(rule_id=outcome.rule_id, title=outcome.title, one_off=outcome.one_off, claimed_yuan=amount,
                      award_kind=outcome.award_kind,
                      document_number=citation.document_number or f"《{citation.document_title}》",
                      clause_path=citation.clause_path, earmark=outcome.earmark, responsible=outcome.responsible,
                      **item_fields)
        claim.evidence = [EvidenceItem(evidence_id=e.id, label=e.label) for e in outcome.evidence]
        claims.append(claim)
    return claims


def evaluation_date(as_of: date | None, reason: str | None) -> tuple[date, str | None]:
    """The date an application is evaluated as of, and the reason kept with it: the submission day (the bureau's
    today) needs none; an earlier day needs the enterprise's reason; a later day is refused."""
    today = clock.today()
    as_of = as_of or today
    if as_of > today:
        raise CaseworkError(f"测算日期{as_of.isoformat()}晚于今天({today.isoformat()}),不能按将来的日期申请;"
                            "请按今天重新测算后再申请", "as_of")
    if as_of == today:
        return as_of, None
    reason = " ".join((reason or "").split())
    if not reason:
        raise CaseworkError(f"本结果按{as_of.isoformat()}测算,不是提交当天({today.isoformat()}):请说明按该日期"
                            "测算的理由,或按今天重新测算后再申请", "as_of_reason")
    if len(reason) > MAX_AS_OF_REASON:
        raise CaseworkError(f"测算日期的理由最多{MAX_AS_OF_REASON}字", "as_of_reason")
    return as_of, reason


def submit(session: Session, engine: Engine, profile: Profile, as_of: date | None,
           requests: list[ClaimRequest], submission_key: str, payee: Payee,
           as_of_reason: str | None = None) -> Application:
    """File an application, evaluated as of the submission day or, with a reason, an earlier day (see
    `evaluation_date`); the same submission key returns the application it already created."""
    existing = session.scalar(select(Application).where(Application.submission_key == submission_key))
    if existing is not None:
        return existing
    as_of, as_of_reason = evaluation_date(as_of, as_of_reason)
    filed = profile.model_dump(mode="json")
    if "\x00" in json.dumps(filed, ensure_ascii=False) + payee.name + payee.bank + (as_of_reason or ""):
        # PostgreSQL cannot store NUL in text (SQLite can): refused alike on both, with a message, not a 500.
        raise CaseworkError("填报内容含有空字符(NUL),请删除后再提交")
    result = engine.evaluate(profile, as_of)
    return file_application(session, result, profile, requests, submission_key, payee, as_of_reason=as_of_reason)


def file_application(session: Session, result: EvaluationResult, profile: Profile, requests: list[ClaimRequest],
                     submission_key: str, payee: Payee | None, *, as_of_reason: str | None = None,
                     screening_id: int | None = None, actor: str | None = None) -> Application:
    """File an application for the claimed awards of a result: by the enterprise (with its account), or by the
    bureau from a screening (免申即享: no account yet, unconfirmed until the enterprise confirms)."""
    claims = _claims_from(result, requests, profile)
    filed = profile.model_dump(mode="json")
    enterprise = session.scalar(select(Enterprise).where(Enterprise.credit_code == profile.credit_code))
    if enterprise is None:
        enterprise = Enterprise(credit_code=profile.credit_code, name=profile.name, division_code=profile.division_code)
        session.add(enterprise)
    enterprise.name, enterprise.division_code = profile.name, profile.division_code
    stored = frozen.freeze(result, [(claim.rule_id, claim.item_index) for claim in claims])
    proactive = screening_id is not None
    application = Application(
        reference=f"PENDING-{secrets.token_hex(8)}", access_token=secrets.token_urlsafe(32),
        submission_key=submission_key, city_code=city_of(profile.division_code),
        division_code=profile.division_code, payee_name=payee.name if payee else None,
        payee_bank=payee.bank if payee else None, payee_account=payee.account if payee else None,
        as_of_reason=as_of_reason, profile=filed, claims=claims,
        origin="screening" if proactive else "application", screening_id=screening_id,
        status="unconfirmed" if proactive else "submitted",
        determinations=[Determination(kind="submitted", ruleset_version=result.ruleset_version, as_of=result.as_of,
                                      result=stored)])
    try:
        with session.begin_nested():
            session.add(application)
            application.enterprise = enterprise
            session.flush()
    except IntegrityError:
        # Another request with the same submission key won the race: answer with its application.
        found = session.scalar(select(Application).where(Application.submission_key == submission_key))
        if found is None:
            raise
        return found
    # The reference needs the id, so it is set after the insert, in the same transaction: a crash leaves neither.
    application.reference = f"{'MS' if proactive else 'SQ'}{clock.today():%Y%m%d}{application.id:06d}"
    audit(session, actor or f"企业:{profile.credit_code}", "filed_proactively" if proactive else "submitted",
          "application", application.id, application.id,
          after={"reference": application.reference, "claims": [c.rule_id for c in claims],
                 "as_of": result.as_of.isoformat(), **({"as_of_reason": as_of_reason} if as_of_reason else {}),
                 **({"screening": screening_id} if proactive else {})})
    return application


def _unconfirmed(session: Session, application: Application, refusal: str) -> Application:
    """The application read afresh and locked, if it still waits for the enterprise's confirmation."""
    application = session.get(Application, application.id, with_for_update=True, populate_existing=True) \
        or application
    if application.status != "unconfirmed":
        raise CaseworkError(refusal)
    return application


def confirm_by_enterprise(session: Session, application: Application, payee: Payee) -> Application:
    """The enterprise confirms an application the bureau filed for it (免申即享): its account and declaration; the
    claims then go to the queue as any application's."""
    application = _unconfirmed(session, application, "该申请已确认,无需再次确认")
    if "\x00" in payee.name + payee.bank:
        raise CaseworkError("填报内容含有空字符(NUL),请删除后再提交")
    application.payee_name, application.payee_bank, application.payee_account = payee.name, payee.bank, payee.account
    application.status, application.confirmed_at = "submitted", utcnow()
    session.flush()
    audit(session, f"企业:{application.enterprise.credit_code}", "confirmed_by_enterprise", "application",
          application.id, application.id, {"status": "unconfirmed"}, {"status": "submitted"})
    return application


def withdraw_proactive(session: Session, application: Application, actor: str, reason: str) -> Application:
    """Withdraw a 免申 application the enterprise has not confirmed: it declines, or the bureau finds it wrong."""
    application = _unconfirmed(session, application, "只有待企业确认的免申申请可以撤回")
    reason = " ".join(reason.split())
    if not reason:
        raise CaseworkError("请写明撤回的理由", "reason")
    if len(reason) > MAX_AS_OF_REASON:
        raise CaseworkError(f"理由最多{MAX_AS_OF_REASON}字", "reason")
    application.status = "withdrawn"
    for claim in application.claims:
        claim.status = "withdrawn"
    session.flush()
    audit(session, actor, "withdrawn", "application", application.id, application.id,
          {"status": "unconfirmed"}, {"status": "withdrawn", "reason": reason})
    return application


def by_token(session: Session, token: str) -> Application | None:
    """The application a private link opens, or None."""
    if not token or len(token) > 64:
        return None
    return session.scalar(select(Application).where(Application.access_token == token))


# --- the queue ---------------------------------------------------------------------------------------------------

@dataclass
class Page(Generic[T]):
    items: list[T]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def paged(session: Session, query: Select[T], order_by: tuple, page: int, per_page: int) -> Page[T]:
    """One page of a query's rows in the given order; a page past the last is the last."""
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    page = min(max(1, page), max(1, -(-total // per_page)))
    items = session.scalars(query.order_by(*order_by).limit(per_page).offset((page - 1) * per_page)).all()
    return Page(list(items), total, page, per_page)


def duplicated(session: Session, application_ids: list[int]) -> set[int]:
    """Those of the applications with a claim for an award (same rule and ledger key) that another application of
    the same enterprise also claims, unless rejected there: the queue flags them before anyone opens them."""
    if not application_ids:
        return set()
    mine, other = aliased(Claim), aliased(Claim)
    own_app, other_app = aliased(Application), aliased(Application)
    query = (select(mine.application_id).distinct()
             .join(own_app, own_app.id == mine.application_id)
             .join(other, and_(other.rule_id == mine.rule_id, other.ledger_key == mine.ledger_key,
                               other.application_id != mine.application_id, other.status.not_in(identity.CLOSED)))
             .join(other_app, and_(other_app.id == other.application_id,
                                   other_app.enterprise_id == own_app.enterprise_id))
             .where(mine.application_id.in_(application_ids)))
    return set(session.scalars(query))


def queue(session: Session, city: str | None = None, status: str | None = None, rule_id: str | None = None,
          submitted_from: date | None = None, submitted_to: date | None = None,
          page: int = 1, per_page: int = 20, scope: str | None = None) -> Page[Application]:
    """Applications filtered by city code, status, claimed rule and submission dates, newest first.

    `scope` is the city a caseworker belongs to (None: every city, for admins); a page past the last is the last.
    """
    query = select(Application)
    if scope is not None:
        query = query.where(Application.city_code == scope)
    if city:
        query = query.where(Application.city_code == city)
    if status:
        query = query.where(Application.status == status)
    if rule_id:
        query = query.where(Application.claims.any(Claim.rule_id == rule_id))
    if submitted_from:
        query = query.where(Application.submitted_at >= day_start(submitted_from))
    if submitted_to:
        query = query.where(Application.submitted_at <= day_end(submitted_to))
    return paged(session, query, (Application.submitted_at.desc(), Application.id.desc()), page, per_page)


# --- evidence and decisions --------------------------------------------------------------------------------------

def earlier_payouts(session: Session, claim: Claim) -> list[LedgerEntry]:
    """Ledger entries that already paid this award to this enterprise (by credit code)."""
    credit_code = claim.application.enterprise.credit_code
    return list(session.scalars(select(LedgerEntry).where(
        LedgerEntry.credit_code == credit_code, LedgerEntry.rule_id == claim.rule_id,
        LedgerEntry.ledger_key == claim.ledger_key, LedgerEntry.claim_id != claim.id)))


def _locked_claim(session: Session, claim_id: int) -> Claim:
    """The claim, read afresh and locked for this transaction (FOR UPDATE on PostgreSQL; SQLite's BEGIN IMMEDIATE
    already holds the database's write lock), so a concurrent decision waits and then sees this one's outcome."""
    claim = (session.get(Claim, claim_id, with_for_update=True, populate_existing=True)
             if 0 < claim_id <= MAX_ID else None)
    if claim is None:
        raise CaseworkError("没有这项申请奖励")
    return claim


def mark_evidence(session: Session, user: User, item_id: int, status: str, note: str = "") -> EvidenceItem:
    """Record an evidence item as verified, rejected or missing, with a note."""
    if status not in EVIDENCE_STATUSES:
        raise CaseworkError("材料状态应为已核验、不合格或缺失")
    item = session.get(EvidenceItem, item_id) if 0 < item_id <= MAX_ID else None
    if item is None:
        raise CaseworkError("没有这项材料")
    claim = _locked_claim(session, item.claim_id)
    if claim.status in LOCKED:
        raise CaseworkError("该奖励已批准、正待复核或已撤回,材料核验结果不能再改")
    before = {"status": item.status, "note": item.note}
    item.status, item.note, item.updated_by, item.updated_at = status, note.strip(), user.id, utcnow()
    audit(session, user.username, "evidence_marked", "evidence_item", item.id, claim.application_id,
          before, {"status": status, "note": item.note})
    return item


def mark_checklist(session: Session, user: User, claim_id: int,
                   marks: dict[int, tuple[str, str]]) -> list[EvidenceItem]:
    """Record a claim's whole evidence checklist at once (item id → status and note); the items that changed are
    audited, one entry each, and returned."""
    claim = _locked_claim(session, claim_id)
    if claim.status in LOCKED:
        raise CaseworkError("该奖励已批准、正待复核或已撤回,材料核验结果不能再改")
    items = {item.id: item for item in claim.evidence}
    for item_id, (status, note) in marks.items():
        if item_id not in items:
            raise CaseworkError("没有这项材料")
        if status not in EVIDENCE_STATUSES:
            raise CaseworkError(f"“{items[item_id].label}”的核验结果应为已核验、不合格或缺失")
        if len(note) > MAX_EVIDENCE_NOTE:
            raise CaseworkError(f"“{items[item_id].label}”的备注最多{MAX_EVIDENCE_NOTE}字")
    changed = []
    for item_id, (status, note) in marks.items():
        item, note = items[item_id], note.strip()
        if (item.status, item.note) == (status, note):
            continue
        before = {"status": item.status, "note": item.note}
        item.status, item.note, item.updated_by, item.updated_at = status, note, user.id, utcnow()
        audit(session, user.username, "evidence_marked", "evidence_item", item.id, claim.application_id,
              before, {"status": status, "note": note})
        changed.append(item)
    return changed


def application_status(application: Application) -> str:
    """An application's status as its claims make it: 需补充材料 first, 已办结 when every claim is decided."""
    statuses = {claim.status for claim in application.claims}
    if "more_info" in statuses:
        return "more_info"
    if statuses <= {"approved", "rejected"}:
        return "decided"
    return "in_review"


def _record(session: Session, user: User, claim: Claim, decision: Decision, status: str, audit_after: dict) -> None:
    """Append the decision, set the claim's and application's status, audit both."""
    before = {"status": claim.status}
    claim.status = status
    claim.decisions.append(decision)
    application = claim.application
    previous_status = application.status
    application.status = application_status(application)
    session.flush()
    audit(session, user.username, "decided" if decision.outcome != "confirm" else "confirmed", "claim", claim.id,
          application.id, before, {"status": claim.status, **audit_after})
    if previous_status != application.status:
        audit(session, user.username, "status_changed", "application", application.id, application.id,
              {"status": previous_status}, {"status": application.status})


def decide(session: Session, user: User, claim_id: int, outcome: str, amount_yuan: int | None = None,
           reason: str = "", *, not_duplicate_reason: str = "",
           four_eyes_limit_yuan: int = FOUR_EYES_LIMIT_YUAN) -> Decision:
    """Decide a claim: approve (amount checked against the rules, duplicates confirmed, the ledger written or a
    second approver awaited), reject with a reason, or ask for more material with a reason."""
    if outcome not in OUTCOMES:
        raise CaseworkError("决定应为批准、不予批准或补充材料")
    claim = _locked_claim(session, claim_id)
    if claim.status == "approved":
        raise AlreadyApproved(claim.ledger_entry) if claim.ledger_entry else CaseworkError("该奖励已批准,不能再改")
    _refuse_orphan(claim)
    if claim.application.status == "unconfirmed":
        raise CaseworkError("这是主动发现的免申申请,企业尚未确认(收款账户和承诺),暂不能作出决定")
    if claim.status == "withdrawn":
        raise CaseworkError("该免申申请已撤回,不能再作决定")
    reason = reason.strip()
    if outcome != "approve":
        if not reason:
            raise CaseworkError("不予批准或要求补充材料时须写明理由", "reason")
        decision = Decision(outcome=outcome, reason=reason, decided_by=user.id)
        _record(session, user, claim, decision, {"reject": "rejected", "more_info": "more_info"}[outcome],
                {"reason": reason})
        return decision
    if claim.status == "awaiting_second":
        raise CaseworkError("该奖励已批准,正待管理员复核")
    _check_evidence(claim)
    amount, needs_second = approved_amount(claim, amount_yuan, reason, four_eyes_limit_yuan)
    if claim.one_off and (earlier := earlier_payouts(session, claim)):
        raise DoublePayout(earlier[0])
    duplicates = identity.possible_duplicates(session, claim)
    not_duplicate_reason = not_duplicate_reason.strip()
    if duplicates and not not_duplicate_reason:
        raise PossibleDuplicate(claim, duplicates)
    decision = Decision(outcome="approve", amount_yuan=amount, reason=reason, decided_by=user.id)
    after: dict[str, object] = {"amount_yuan": amount, "computed_yuan": claim.claimed_yuan, "reason": reason}
    if duplicates:
        after |= {"possible_duplicates": [f"{d.application.reference}#{d.id}" for d in duplicates],
                  "not_duplicate_reason": not_duplicate_reason}
    if needs_second:
        after["awaiting_second_approver"] = True
        _record(session, user, claim, decision, "awaiting_second", after)
        return decision
    entry = _write_ledger(session, claim, amount, user.id, None, reason)
    _record(session, user, claim, decision, "approved", after | {"ledger": entry.number})
    return decision


def confirm(session: Session, admin: User, claim_id: int, reason: str = "") -> Decision:
    """The second approver (an admin who is not the first) confirms an approval awaiting review: the ledger entry."""
    claim = _locked_claim(session, claim_id)
    if claim.status == "approved" and claim.ledger_entry:
        raise AlreadyApproved(claim.ledger_entry)
    _refuse_orphan(claim)
    if claim.status != "awaiting_second":
        raise CaseworkError("该奖励不在待复核状态")
    if admin.role != "admin":
        raise CaseworkError("复核须由管理员进行")
    first = next(d for d in reversed(claim.decisions) if d.outcome == "approve")
    if first.decided_by == admin.id:
        raise CaseworkError("复核人不能是批准人本人(四眼原则)")
    _check_evidence(claim)
    entry = _write_ledger(session, claim, first.amount_yuan or 0, first.decided_by, admin.id, first.reason)
    decision = Decision(outcome="confirm", amount_yuan=first.amount_yuan, reason=reason.strip(), decided_by=admin.id)
    _record(session, admin, claim, decision, "approved",
            {"amount_yuan": first.amount_yuan, "approved_by": first.decided_by, "ledger": entry.number})
    return decision


def _refuse_orphan(claim: Claim) -> None:
    """A ledger row on a claim that is not approved was left by a crash before casework ran in one transaction
    (its decision and audit entry were never written). Nobody may decide over it until an admin has sorted it
    out; the 拨付清单 leaves it out meanwhile."""
    if claim.ledger_entry is not None and claim.status != "approved":
        raise CaseworkError(f"台账中已有该奖励的拨付记录(编号 {claim.ledger_entry.number}),但审核未完成,"
                            f"记录不一致:请管理员核对后处理,暂不能作出决定")


def _check_evidence(claim: Claim) -> None:
    if any(item.status != "verified" for item in claim.evidence):
        raise CaseworkError("所需材料尚未全部核验,不能批准")


def approved_amount(claim: Claim, amount_yuan: int | None, reason: str, four_eyes_limit_yuan: int) -> tuple[int, bool]:
    """The amount to approve and whether it needs a second approver.

    A fixed, ratio or matching award the rules computed: at most that amount (the default); less needs a reason.
    An amount the rules did not compute (non-quantified, or undetermined with nothing to compute from): the
    caseworker's amount with a reason, and above the four-eyes limit a second approver.
    """
    computed = claim.claimed_yuan
    if amount_yuan is not None and amount_yuan <= 0:
        raise CaseworkError("批准金额应大于0元;不予拨付请选择“不予批准”", "amount")
    if computed is not None and (claim.award_kind in QUANTIFIED or claim.award_kind is None):
        amount = computed if amount_yuan is None else amount_yuan
        if amount > computed:
            raise CaseworkError(f"批准金额{format_yuan(amount)}超过规则测算的{format_yuan(computed)},不能批准",
                                 "amount")
        if amount < computed and not reason:
            raise CaseworkError(f"批准金额低于规则测算的{format_yuan(computed)},请在“理由或说明”中写明原因",
                                 "reason")
        return amount, False
    if amount_yuan is None:
        raise CaseworkError("该奖励的金额未由规则测算(不定额或待确定),批准时须填写批准金额", "amount")
    if not reason:
        raise CaseworkError("该奖励的金额未由规则测算,请在“理由或说明”中写明批准金额的依据", "reason")
    return amount_yuan, amount_yuan > four_eyes_limit_yuan


def _write_ledger(session: Session, claim: Claim, amount: int, approved_by: int, confirmed_by: int | None,
                  reason: str) -> LedgerEntry:
    key = claim.ledger_key if claim.one_off else f"{claim.ledger_key}:claim:{claim.id}"
    entry = LedgerEntry(credit_code=claim.application.enterprise.credit_code, rule_id=claim.rule_id,
                        ledger_key=key, claim_id=claim.id, amount_yuan=amount, approved_by=approved_by,
                        confirmed_by=confirmed_by, reason=reason or None)
    try:
        with session.begin_nested():
            session.add(entry)
            session.flush()
    except IntegrityError:
        # A concurrent approval got there first: the constraint, not the checks before, is the guard.
        mine = session.scalar(select(LedgerEntry).where(LedgerEntry.claim_id == claim.id))
        if mine is not None:
            raise AlreadyApproved(mine) from None
        earlier = earlier_payouts(session, claim)
        if earlier:
            raise DoublePayout(earlier[0]) from None
        raise
    session.expire(claim, ["ledger_entry"])  # read-only relationship: loaded again, now with the entry
    return entry


# --- re-evaluation ------------------------------------------------------------------------------------------------

def reevaluate(session: Session, engine: Engine, user: User, application: Application) -> list[dict]:
    """Evaluate the filed profile again under the current rules, as of the original date; store and diff."""
    first = application.determinations[0]
    latest = application.determinations[-1]
    try:
        profile = Profile.model_validate(application.profile)
    except ValidationError as exc:
        raise CaseworkError(f"提交时的填报内容不符合现行校验规则,无法重新测算({exc.error_count()}处)") from None
    result = engine.evaluate(profile, first.as_of)
    determination = Determination(
        kind="reevaluation", ruleset_version=result.ruleset_version, as_of=first.as_of,
        result=frozen.freeze(result, [(claim.rule_id, claim.item_index) for claim in application.claims]))
    application.determinations.append(determination)
    session.flush()
    changes = diff(latest.result, determination.result)
    audit(session, user.username, "reevaluated", "application", application.id, application.id,
          {"ruleset_version": latest.ruleset_version},
          {"ruleset_version": result.ruleset_version, "changes": changes})
    return changes


def diff(before: dict, after: dict) -> list[dict]:
    """Claimed rules (or their items) whose status or amount differs between two frozen determinations."""
    old, new = frozen.states(before), frozen.states(after)
    changes = []
    for key in sorted(old.keys() | new.keys()):
        (was, was_yuan), (now, now_yuan) = old.get(key, (None, None)), new.get(key, (None, None))
        if (was, was_yuan) != (now, now_yuan):
            changes.append({"rule_id": key.partition("@")[0], "key": key,
                            "title": frozen.title_of(after if key in new else before, key),
                            "before_status": was, "after_status": now,
                            "before_amount_yuan": was_yuan, "after_amount_yuan": now_yuan})
    return changes
