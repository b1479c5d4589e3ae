"""Casework operations: submit, verify evidence, decide, re-evaluate, export. Every change is audited."""
import csv
import io
import secrets
from dataclasses import dataclass
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Font
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .. import clock
from ..clock import day_end, day_start, local_time, utcnow
from ..engine import Engine
from ..money import format_yuan
from ..profile import Profile
from ..result import CLAIMABLE, EvaluationResult, RuleOutcome
from ..vocabulary import city_of
from .models import (Application, AuditEntry, Claim, Decision, Determination, Enterprise, EvidenceItem, LedgerEntry,
                     User)

EVIDENCE_STATUSES = ("missing", "verified", "rejected")
OUTCOMES = ("approve", "reject", "more_info")


class CaseworkError(Exception):
    """An operation refused, with a Chinese message for the user."""


class DoublePayout(CaseworkError):
    """A second payout of a one-off award; carries the earlier ledger entry."""

    def __init__(self, earlier: LedgerEntry):
        self.earlier = earlier
        super().__init__(
            f"该奖励已于{earlier.approved_at:%Y-%m-%d}批准给同一统一社会信用代码的企业"
            f"(申请编号 {earlier.claim.application.reference}),一次性奖励不能重复拨付")


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


def _ledger_key(outcome: RuleOutcome, item_index: int | None, profile: Profile) -> str:
    if item_index is None:
        return "enterprise"
    if outcome.subjects[0].subject == "title":
        title = profile.recognitions[item_index]
        return f"title:{title.kind}:{title.level}:{title.obtained_on.isoformat()}"
    project = profile.projects[item_index]
    return f"project:{project.name}:{project.approved_on.isoformat()}"


def _claims_from(result: EvaluationResult, requests: list[ClaimRequest], profile: Profile) -> list[Claim]:
    claims = []
    for req in requests:
        outcome = result.outcome(req.rule_id)
        if outcome is None or not outcome.claimable:
            raise CaseworkError(f"“{outcome.title if outcome else req.rule_id}”不在可申请的奖励之中")
        amount = outcome.amount_yuan if outcome.status == "eligible" else outcome.potential_amount_yuan
        if outcome.subjects:
            item_word = "项目" if outcome.subjects[0].subject == "project" else "称号"
            if req.item_index is None:
                raise CaseworkError(f"“{outcome.title}”按{item_word}申请,请选择{item_word}")
            item = next((i for i in outcome.subjects if i.index == req.item_index), None)
            if item is None or item.status not in CLAIMABLE:
                raise CaseworkError(f"所选{item_word}不符合“{outcome.title}”")
            amount = item.amount_yuan if item.status == "eligible" else outcome.potential_amount_yuan
        claim = Claim(rule_id=outcome.rule_id, title=outcome.title, one_off=outcome.one_off, claimed_yuan=amount,
                      ledger_key=_ledger_key(outcome, req.item_index if outcome.subjects else None, profile))
        claim.evidence = [EvidenceItem(evidence_id=e.id, label=e.label) for e in outcome.evidence]
        claims.append(claim)
    if not claims:
        raise CaseworkError("请至少选择一项要申请的奖励")
    return claims


def submit(session: Session, engine: Engine, profile: Profile, as_of: date | None,
           requests: list[ClaimRequest], submission_key: str) -> Application:
    """File an application; the same submission key returns the application it already created."""
    existing = session.scalar(select(Application).where(Application.submission_key == submission_key))
    if existing is not None:
        return existing
    result = engine.evaluate(profile, as_of)
    claims = _claims_from(result, requests, profile)
    enterprise = session.scalar(select(Enterprise).where(Enterprise.credit_code == profile.credit_code))
    if enterprise is None:
        enterprise = Enterprise(credit_code=profile.credit_code, name=profile.name, division_code=profile.division_code)
        session.add(enterprise)
    enterprise.name, enterprise.division_code = profile.name, profile.division_code
    application = Application(
        reference=f"PENDING-{secrets.token_hex(8)}", access_token=secrets.token_urlsafe(32),
        submission_key=submission_key, city_code=city_of(profile.division_code),
        profile=profile.model_dump(mode="json"), claims=claims,
        determinations=[Determination(kind="submitted", ruleset_version=result.ruleset_version, as_of=result.as_of,
                                      result=result.model_dump(mode="json"))])
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
    application.reference = f"SQ{clock.today():%Y%m%d}{application.id:06d}"
    audit(session, f"企业:{profile.credit_code}", "submitted", "application", application.id, application.id,
          after={"reference": application.reference, "claims": [c.rule_id for c in claims]})
    return application


def by_token(session: Session, token: str) -> Application | None:
    """The application a private link opens, or None."""
    if not token or len(token) > 64:
        return None
    return session.scalar(select(Application).where(Application.access_token == token))


@dataclass
class Page:
    items: list[Application]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def queue(session: Session, city: str | None = None, status: str | None = None, rule_id: str | None = None,
          submitted_from: date | None = None, submitted_to: date | None = None,
          page: int = 1, per_page: int = 20) -> Page:
    """Applications filtered by city code, status, claimed rule and submission dates, newest first."""
    query = select(Application)
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
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    page = max(1, page)
    items = session.scalars(query.order_by(Application.submitted_at.desc(), Application.id.desc())
                            .limit(per_page).offset((page - 1) * per_page)).all()
    return Page(list(items), total, page, per_page)


def earlier_payouts(session: Session, claim: Claim) -> list[LedgerEntry]:
    """Ledger entries that already paid this award to this enterprise (by credit code)."""
    credit_code = claim.application.enterprise.credit_code
    return list(session.scalars(select(LedgerEntry).where(
        LedgerEntry.credit_code == credit_code, LedgerEntry.rule_id == claim.rule_id,
        LedgerEntry.ledger_key == claim.ledger_key, LedgerEntry.claim_id != claim.id)))


def mark_evidence(session: Session, user: User, item_id: int, status: str, note: str = "") -> EvidenceItem:
    """Record an evidence item as verified, rejected or missing, with a note."""
    if status not in EVIDENCE_STATUSES:
        raise CaseworkError("材料状态应为已核验、不合格或缺失")
    item = session.get(EvidenceItem, item_id)
    if item is None:
        raise CaseworkError("没有这项材料")
    if item.claim.status == "approved":
        raise CaseworkError("该奖励已批准并记入台账,材料核验结果不能再改")
    before = {"status": item.status, "note": item.note}
    item.status, item.note, item.updated_by, item.updated_at = status, note.strip(), user.id, utcnow()
    audit(session, user.username, "evidence_marked", "evidence_item", item.id, item.claim.application_id,
          before, {"status": status, "note": item.note})
    return item


def _application_status(application: Application) -> str:
    statuses = {claim.status for claim in application.claims}
    if "more_info" in statuses:
        return "more_info"
    if statuses <= {"approved", "rejected"}:
        return "decided"
    return "in_review"


def decide(session: Session, user: User, claim_id: int, outcome: str, amount_yuan: int | None = None,
           reason: str = "") -> Decision:
    """Decide a claim. Approving a one-off award writes the ledger, whose unique key refuses a second payout."""
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise CaseworkError("没有这项申请奖励")
    if outcome not in OUTCOMES:
        raise CaseworkError("决定应为批准、不予批准或补充材料")
    if claim.status == "approved":
        raise CaseworkError("该奖励已批准并记入台账,不能再改")
    reason = reason.strip()
    if outcome != "approve" and not reason:
        raise CaseworkError("不予批准或要求补充材料时须写明理由")
    if outcome == "approve":
        amount_yuan = _approval_amount(session, user, claim, amount_yuan)
    decision = Decision(outcome=outcome, amount_yuan=amount_yuan if outcome == "approve" else None,
                        reason=reason, decided_by=user.id)
    before = {"status": claim.status}
    claim.status = {"approve": "approved", "reject": "rejected", "more_info": "more_info"}[outcome]
    application = claim.application
    previous_status = application.status
    application.status = _application_status(application)
    claim.decisions.append(decision)
    session.flush()
    audit(session, user.username, "decided", "claim", claim.id, application.id, before,
          {"status": claim.status, "amount_yuan": decision.amount_yuan, "reason": reason})
    if previous_status != application.status:
        audit(session, user.username, "status_changed", "application", application.id, application.id,
              {"status": previous_status}, {"status": application.status})
    return decision


def _approval_amount(session: Session, user: User, claim: Claim, amount_yuan: int | None) -> int | None:
    if any(item.status != "verified" for item in claim.evidence):
        raise CaseworkError("所需材料尚未全部核验,不能批准")
    amount = claim.claimed_yuan if amount_yuan is None else amount_yuan
    if amount is not None and amount < 0:
        raise CaseworkError("批准金额不能为负数")
    earlier = earlier_payouts(session, claim) if claim.one_off else []
    if earlier:
        raise DoublePayout(earlier[0])
    key = claim.ledger_key if claim.one_off else f"{claim.ledger_key}:claim:{claim.id}"
    entry = LedgerEntry(credit_code=claim.application.enterprise.credit_code, rule_id=claim.rule_id,
                        ledger_key=key, claim_id=claim.id, amount_yuan=amount, approved_by=user.id)
    try:
        with session.begin_nested():
            session.add(entry)
            session.flush()
    except IntegrityError:
        # A concurrent approval got there first: the constraint, not the check above, is the guard.
        session.expire_all()
        earlier = earlier_payouts(session, claim)
        if earlier:
            raise DoublePayout(earlier[0]) from None
        raise
    return amount


def reevaluate(session: Session, engine: Engine, user: User, application: Application) -> list[dict]:
    """Evaluate the filed profile again under the current rules, as of the original date; store and diff."""
    first = application.determinations[0]
    latest = application.determinations[-1]
    result = engine.evaluate(Profile.model_validate(application.profile), first.as_of)
    determination = Determination(kind="reevaluation", ruleset_version=result.ruleset_version, as_of=first.as_of,
                                  result=result.model_dump(mode="json"))
    application.determinations.append(determination)
    session.flush()
    changes = diff(latest.result, determination.result)
    audit(session, user.username, "reevaluated", "application", application.id, application.id,
          {"ruleset_version": latest.ruleset_version},
          {"ruleset_version": result.ruleset_version, "changes": changes})
    return changes


def diff(before: dict, after: dict) -> list[dict]:
    """Rules whose status or amount differs between two stored results (added and removed rules too)."""
    def index(result: dict) -> dict:
        return {o["rule_id"]: o for o in (*result["outcomes"], *result.get("related_support", []))}

    def state(outcome: dict | None) -> tuple:
        return (outcome["status"], outcome.get("amount_yuan")) if outcome else (None, None)

    old, new = index(before), index(after)
    changes = []
    for rule_id in sorted(old.keys() | new.keys()):
        (was, was_yuan), (now, now_yuan) = state(old.get(rule_id)), state(new.get(rule_id))
        if (was, was_yuan) != (now, now_yuan):
            changes.append({"rule_id": rule_id, "title": (new.get(rule_id) or old[rule_id])["title"],
                            "before_status": was, "after_status": now,
                            "before_amount_yuan": was_yuan, "after_amount_yuan": now_yuan})
    return changes


@dataclass(frozen=True)
class DisbursementRow:
    """One line of the 拨付清单."""

    approved_on: date
    reference: str
    enterprise: str
    credit_code: str
    rule_id: str
    award: str
    document_number: str
    clause_path: str
    amount_yuan: int | None


def disbursements(session: Session, engine: Engine, date_from: date, date_to: date) -> list[DisbursementRow]:
    """Approved awards whose approval falls within the dates, oldest first."""
    entries = session.scalars(select(LedgerEntry).where(
        LedgerEntry.approved_at >= day_start(date_from),
        LedgerEntry.approved_at <= day_end(date_to)).order_by(LedgerEntry.id))
    rows = []
    for entry in entries:
        claim = entry.claim
        rule = engine.rulebook.by_id.get(entry.rule_id)
        doc = engine.rulebook.document_of.get(entry.rule_id)
        rows.append(DisbursementRow(
            approved_on=local_time(entry.approved_at).date(), reference=claim.application.reference,
            enterprise=claim.application.enterprise.name, credit_code=entry.credit_code, rule_id=entry.rule_id,
            award=claim.title, document_number=(doc.number or doc.title) if doc else "",
            clause_path=rule.clause.path if rule else "", amount_yuan=entry.amount_yuan))
    return rows


HEADERS = ["批准日期", "申请编号", "企业名称", "统一社会信用代码", "规则编号", "奖励项目", "政策文号", "条款",
           "金额(元)", "金额"]


def _cells(row: DisbursementRow) -> list:
    amount_text = format_yuan(row.amount_yuan) if row.amount_yuan is not None else "不定额"
    return [row.approved_on, row.reference, row.enterprise, row.credit_code, row.rule_id, row.award,
            row.document_number, row.clause_path, row.amount_yuan, amount_text]


def to_csv(rows: list[DisbursementRow]) -> str:
    """The disbursement list as CSV (UTF-8 with BOM, so spreadsheet programs read the Chinese)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow([c.isoformat() if isinstance(c, date) else c for c in _cells(row)])
    writer.writerow(["合计", "", "", "", "", "", "", "", sum(r.amount_yuan or 0 for r in rows), ""])
    return out.getvalue()


def to_xlsx(rows: list[DisbursementRow], title: str) -> bytes:
    """The disbursement list as an Excel workbook."""
    book = Workbook()
    sheet = book.active
    sheet.title = "拨付清单"
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(HEADERS)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(_cells(row))
        sheet.cell(sheet.max_row, 1).number_format = "yyyy-mm-dd"
    sheet.append(["合计", None, None, None, None, None, None, None, sum(r.amount_yuan or 0 for r in rows)])
    for column, width in zip("ABCDEFGHIJ", (12, 18, 28, 22, 40, 36, 20, 10, 14, 12)):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
