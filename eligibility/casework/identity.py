"""What makes two claims the same award: the ledger key, and the possible duplicates a caseworker is shown.

Enterprise identity is the credit code. A project's identity is the approval document number (立项文号) of the
document that approved or listed it, normalised: it is printed on the document the caseworker checks as evidence
(项目立项文件), it is assigned by the approving authority rather than chosen by the applicant, and the policies
count projects by their approval ("列入…的项目", "获得国家资助的项目"). The project's free-text name is not part of
the key: 强基一号 / 强基 一号 / 强基一號 are one project. An applicant who types a *different* number for the same
project is caught by the duplicate check below (same enterprise and kind, same approval date or same grant).
"""
import re
import unicodedata

from sqlalchemy import false, or_, select
from sqlalchemy.orm import Session

from .models import Application, Claim, Enterprise

# Every bracket form people type around the year of a document number, unified to GB/T 9704's 六角括号 〔〕.
# (NFKC already turns full-width （）［］｛｝ into ASCII and ﹝﹞ into 〔〕.)
OPENING = "〔[【(「『〖〘{<《"
CLOSING = "〕]】)」』〗〙}>》"
_BRACKETS = str.maketrans({**{c: "〔" for c in OPENING}, **{c: "〕" for c in CLOSING}})
# Traditional forms of the characters every document number has.
_VARIANTS = str.maketrans({"號": "号"})
MAX_APPROVAL_NUMBER = 100

# Claims that no longer ask for anything (rejected, or a 免申 application withdrawn): no duplicate of another.
CLOSED = ("rejected", "withdrawn")


class IdentityError(ValueError):
    """A document number that cannot identify anything (empty, no number in it, too long); Chinese message."""


def normalise_document_number(text: str) -> str:
    """A document number in one spelling: 工信部规 [2018] 第012號 → 工信部规〔2018〕12.

    NFKC (full-width letters, digits and brackets to ASCII), no whitespace or invisible characters, one bracket
    form, upper-case letters, 號 → 号. GB/T 9704-2012 §7.3.4 writes the sequence number without 第 and without
    leading zeros, followed by 号 ("发文顺序号不加'第'字,不编虚位…在阿拉伯数字后加'号'字"), so a 第 before the
    number, leading zeros of the number and a final 号 are spelling, not identity, and are dropped.
    """
    text = unicodedata.normalize("NFKC", text or "")
    text = "".join(c for c in text if not c.isspace() and unicodedata.category(c) not in ("Cc", "Cf", "Zs"))
    text = text.translate(_BRACKETS).translate(_VARIANTS).upper()
    text = re.sub(r"第(?=\d)", "", text)
    text = re.sub(r"(?<!\d)0+(?=\d)", "", text)
    return text.removesuffix("号")


def _number_problem(text: str | None, name: str, what: str, example: str) -> str | None:
    normalised = normalise_document_number(text or "")
    if not normalised:
        return f"请填写{name}({what}),如 {example}"
    if not any(c.isdigit() for c in normalised):
        return f"{name}应含有年份或编号数字,如 {example}"
    if len(normalised) > MAX_APPROVAL_NUMBER or len(text or "") > 2 * MAX_APPROVAL_NUMBER:
        return f"{name}过长(最多{MAX_APPROVAL_NUMBER}个字)"
    return None


def approval_number_problem(text: str | None) -> str | None:
    """Why a typed approval number cannot identify a project, in Chinese, or None when it can."""
    problem = _number_problem(text, "立项文号", "立项、批复或列入文件的文号", "工信部规〔2018〕12号")
    return problem.replace("请填写立项文号", "请填写项目的立项文号") if problem else None


def document_number_problem(text: str | None) -> str | None:
    """Why a typed recognition document number cannot identify a title, in Chinese, or None when it can."""
    return _number_problem(text, "认定文号", "认定或公布名单文件的文号", "工信部科〔2018〕25号")


def ledger_key(project_kind: str | None = None, approval_number: str | None = None) -> str:
    """The ledger key of an award: "enterprise" for the enterprise's own, project:<kind>:<number> for a project's.

    The one place that says what counts as the same award (with the credit code and rule id in the ledger's
    unique constraint); titles are keyed by `title_ledger_key`.
    """
    if project_kind is None:
        return "enterprise"
    problem = approval_number_problem(approval_number)
    if problem:
        raise IdentityError(problem)
    return f"project:{project_kind}:{normalise_document_number(approval_number or '')}"


def title_ledger_key(kind: str, level: str, document_number: str | None) -> str:
    """The ledger key of a per-title award: title:<kind>:<level>:<normalised document number>.

    A title (a product's 单项冠军 title, a project's 试点示范 listing) is identified by the document that conferred it:
    its number is assigned by the conferring authority and printed on the evidence the caseworker checks, as a
    project's approval number is.
    """
    problem = document_number_problem(document_number)
    if problem:
        raise IdentityError(problem)
    return f"title:{kind}:{level}:{normalise_document_number(document_number or '')}"


def possible_duplicates(session: Session, claim: Claim) -> list[Claim]:
    """Other claims that may be the same project or title award: same enterprise, same rule or kind, and the same
    date (or grant, for projects); from every application (approved ones are in the ledger), rejected ones aside."""
    if claim.title_kind is not None:
        query = (select(Claim).join(Application).join(Enterprise)
                 .where(Enterprise.credit_code == claim.application.enterprise.credit_code, Claim.id != claim.id,
                        Claim.status.not_in(CLOSED), Claim.title_kind == claim.title_kind,
                        Claim.title_level == claim.title_level,
                        or_(Claim.title_obtained_on == claim.title_obtained_on,
                            Claim.ledger_key == claim.ledger_key))
                 .order_by(Claim.id))
        return list(session.scalars(query))
    if claim.project_kind is None:
        return []
    same_fact = [Claim.project_approved_on == claim.project_approved_on]
    for column, value in ((Claim.project_national_grant_yuan, claim.project_national_grant_yuan),
                          (Claim.project_provincial_grant_yuan, claim.project_provincial_grant_yuan)):
        same_fact.append(column == value if value else false())
    query = (select(Claim).join(Application).join(Enterprise)
             .where(Enterprise.credit_code == claim.application.enterprise.credit_code, Claim.id != claim.id,
                    Claim.status.not_in(CLOSED), Claim.project_kind.is_not(None),
                    or_(Claim.rule_id == claim.rule_id, Claim.project_kind == claim.project_kind),
                    or_(*same_fact))
             .order_by(Claim.id))
    return list(session.scalars(query))


def why_duplicate(claim: Claim, other: Claim) -> list[str]:
    """What two claims share that flagged them, in Chinese (同一立项日期, 同一国家资助金额…)."""
    if claim.title_kind is not None:
        reasons = ["同一奖励" if other.rule_id == claim.rule_id else "同类称号"]
        if other.ledger_key == claim.ledger_key:
            reasons.append("同一认定文号")
        if other.title_obtained_on == claim.title_obtained_on:
            reasons.append("同一获得日期")
        return reasons
    reasons = ["同一奖励" if other.rule_id == claim.rule_id else "同类项目"]
    if other.ledger_key == claim.ledger_key:
        reasons.append("同一立项文号")
    if other.project_approved_on == claim.project_approved_on:
        reasons.append("同一立项日期")
    national, provincial = claim.project_national_grant_yuan, claim.project_provincial_grant_yuan
    if national and other.project_national_grant_yuan == national:
        reasons.append("同一国家资助金额")
    if provincial and other.project_provincial_grant_yuan == provincial:
        reasons.append("同一省级补助金额")
    return reasons
