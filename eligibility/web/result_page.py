"""The self-check result as the enterprise reads it: outcomes sorted into sections, each document's standing."""
from ..result import CLAIMABLE, STATUS_MEANINGS, DocumentContext, EvaluationResult, RuleOutcome

# Statuses whose 责任单位 the enterprise should contact now (undetermined ones first need the missing answers).
ACTIONABLE = ("eligible", "may_apply")
# The sections of the result page in reading order: id, heading, and what the section means in plain words.
SECTIONS = {
    "money": ("可申请的资金", "满足条文规定的全部条件,可按所列金额申请。"),
    "other": ("可获得的其他支持(不定额)",
              "满足条件,条文给予的是资金以外的支持或未规定金额的支持,具体方式和额度由责任单位确定。"),
    "may_apply": ("可申报、需评审的措施", "属于条文所指的对象,可以申报;是否给予、给予多少由主管部门评审或择优决定。"),
    "elsewhere": ("需向其他机关办理的支持", "这些支持(如税收优惠)不由工业和信息化主管部门受理,请按所列机关办理。"),
    "undetermined": ("待确定的措施", "还缺少判断所需的信息;补充各项“还缺”的信息后重新测算,即可确定。"),
    "not_eligible": ("不符合条件的措施", STATUS_MEANINGS["not_eligible"] + "。"),
    "not_in_force": ("不在政策施行期的措施", STATUS_MEANINGS["not_in_force"] + "。"),
    "related": ("其他相关支持(方向性、鼓励性措施)",
                "条文对某类企业表示支持或鼓励,但没有规定具体支持方式;可向责任单位了解。"),
}


def section_of(outcome: RuleOutcome) -> str:
    """Which section of the result page an explicit measure belongs to."""
    if outcome.apply_elsewhere and outcome.status in CLAIMABLE:
        return "elsewhere"
    if outcome.status == "eligible":
        return "other" if outcome.award_kind == "non_quantified" else "money"
    return outcome.status


def sections(result: EvaluationResult) -> dict[str, list[RuleOutcome]]:
    """Every outcome in its section (keys of SECTIONS, in order); related support in its own."""
    found: dict[str, list[RuleOutcome]] = {key: [] for key in SECTIONS}
    for outcome in result.outcomes:
        found[section_of(outcome)].append(outcome)
    found["related"] = list(result.related_support)
    return found


def any_in_force(result: EvaluationResult) -> bool:
    """Whether any of the result's documents is in force on the as-of date."""
    return any(d.phase == "in_force" for d in result.documents)


def any_quantified(result: EvaluationResult) -> bool:
    """Whether any measure of the result's documents states an amount (Baotou's, Ningbo's… state none)."""
    return any(o.award_kind != "non_quantified" for o in result.outcomes)


def rerun_date(document: DocumentContext):
    """The date to evaluate again on to see the document's measures while in force: its last day, if it ended."""
    if document.phase == "ended" and document.in_force.end is not None:
        return document.in_force.end
    return None


def responsible_of(result: EvaluationResult, document_id: str) -> list[str]:
    """The 责任单位 named by the document's measures this enterprise qualifies for or may apply for, each once."""
    units: list[str] = []
    for outcome in result.outcomes:
        if outcome.citation.document_id == document_id and outcome.status in ACTIONABLE and outcome.responsible:
            if outcome.responsible not in units:
                units.append(outcome.responsible)
    return units
