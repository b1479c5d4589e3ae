"""The evaluation result: per rule a status, the amount, the citation, the notes and a trace of each condition."""
from datetime import date
from typing import Annotated, Literal, TypeVar

from pydantic import BaseModel, Field

Status = Literal["eligible", "may_apply", "undetermined", "not_eligible", "not_in_force"]
ActionableStatus = Literal["eligible", "may_apply", "undetermined"]
ClosedStatus = Literal["not_eligible", "not_in_force"]
Outcome = Literal["met", "not_met", "missing"]

STATUS_LABELS = {
    "eligible": "符合",
    "may_apply": "可申报·需评审",
    "undetermined": "待确定",
    "not_eligible": "不符合",
    "not_in_force": "不在政策施行期",
}
# What each status means, in plain words, wherever a status is shown.
STATUS_MEANINGS = {
    "eligible": "满足条文规定的全部条件,可按所列金额或方式申请",
    "may_apply": "属于条文所指的对象,可以申报;是否给予、给予多少由主管部门评审或择优决定",
    "undetermined": "还缺少判断所需的信息,补充后才能确定",
    "not_eligible": "不满足条文规定的条件",
    "not_in_force": "测算日期不在本政策的施行期内",
}
# Statuses an enterprise may claim at the bureau (the bureau verifies undetermined facts and selects may_apply).
CLAIMABLE = ("eligible", "may_apply", "undetermined")


class TraceItem(BaseModel):
    """One condition as evaluated: met, not met, or missing with the fact that is missing."""

    label: str
    outcome: Outcome
    fact: str | None = None
    value: str | None = Field(default=None, description="the fact's value as shown to users")
    missing: str | None = Field(default=None, description="what answer is missing, in Chinese")
    children: list["TraceItem"] = []


class Citation(BaseModel):
    document_id: str
    issuer: str
    document_number: str | None
    document_title: str
    issued_on: date
    clause_path: str
    clause_text: str
    amount_clause: str | None = None


class Note(BaseModel):
    question: str
    decision: str


class EvidenceItem(BaseModel):
    id: str
    label: str


class SubjectOutcome(BaseModel):
    """How a rule awarded per project or per title came out for one of them."""

    subject: Literal["project", "title"]
    index: int = Field(description="position in the profile's projects or recognitions")
    name: str
    status: Status
    amount_yuan: int | None = None
    trace: list[TraceItem]


class Dated(BaseModel):
    """A date range; `end` null means the text states no end."""

    start: date
    end: date | None = None


class DocumentContext(BaseModel):
    """A policy document as of the evaluation date: its three dates, whether it is in force, its 口径 once."""

    document_id: str
    issuer: str
    document_number: str | None
    title: str
    issued_on: date
    in_force: Dated = Field(description="施行期")
    period: Dated = Field(description="计入期: qualifying events in this period count")
    application_window: Dated | None = Field(description="申报期, when known")
    application_note: str
    phase: Literal["not_yet", "in_force", "ended"]
    summary: str = Field(description="the document's standing as of the date, in one plain Chinese sentence")
    notes: list["Note"] = Field(description="document-level interpretation decisions (口径), shown once")


class RuleOutcome(BaseModel):
    """One rule evaluated for the profile."""

    rule_id: str
    title: str
    strength: Literal["explicit", "directional", "encouragement"]
    status: Status
    status_label: str
    reason: str
    claimable: bool = Field(description="whether it can be applied for at this bureau from this result")
    selection: bool = Field(description="the bureau selects or decides: met conditions give 可申报·需评审")
    apply_elsewhere: str | None = Field(default=None, description="where it is claimed when not at this bureau")
    beneficiary: str
    award_kind: Literal["fixed", "ratio", "match", "non_quantified"]
    support: str
    amount_yuan: int | None = Field(default=None, description="amount due, when eligible and quantified")
    potential_amount_yuan: int | None = Field(default=None, description="amount a fixed award would bring")
    amount_text: str | None = None
    one_off: bool
    earmark: str | None = None
    responsible: str | None = None
    group: str | None = None
    period_from: date
    period_to: date | None
    citation: Citation
    notes: list[Note] = Field(description="this rule's interpretation decisions; the document's are in documents")
    evidence: list[EvidenceItem]
    trace: list[TraceItem]
    missing_facts: list[str] = []
    subjects: list[SubjectOutcome] = Field(default=[], description="per project or per title, for such rules")


class NearMiss(BaseModel):
    """A rule the profile just failed on a number, and by how much."""

    rule_id: str
    title: str
    message: str
    shortfall_yuan: int
    award_yuan: int | None = None


class EvaluationResult(BaseModel):
    """Everything the engine says about one profile as of one date."""

    as_of: date
    ruleset_version: str
    engine: str
    enterprise_name: str
    credit_code: str
    registered_in: str
    total_yuan: int
    total_text: str
    counts: dict[Status, int]
    documents: list[DocumentContext] = Field(description="the jurisdiction's documents: dates, standing, 口径")
    outcomes: list[RuleOutcome] = Field(description="measures with a defined benefit, of the profile's jurisdiction")
    related_support: list[RuleOutcome] = Field(
        description="directional and encouragement measures (支持、鼓励 a class of enterprise), same statuses"
    )
    near_misses: list[NearMiss]
    other_jurisdiction_rules: int = Field(description="rules of other cities, not listed")

    def outcome(self, rule_id: str) -> RuleOutcome | None:
        """The outcome of one rule, or None when the rule belongs to another jurisdiction."""
        return next((o for o in (*self.outcomes, *self.related_support) if o.rule_id == rule_id), None)

    def status_of(self, rule_id: str) -> Status:
        """A rule's status; a rule of another jurisdiction is not eligible."""
        found = self.outcome(rule_id)
        return found.status if found else "not_eligible"


# Views: what the API answers, sized for its reader (`POST /api/v1/evaluate?view=…`). The full result above stays
# what the engine returns and what the self-check page, the desk and stored determinations use.

class OutcomeInFull(RuleOutcome):
    """An outcome the enterprise can act on, in full: citation, notes, evidence, trace, missing facts, items."""

    status: ActionableStatus


class OutcomeInBrief(BaseModel):
    """An outcome the enterprise cannot act on (not eligible, or outside the document's time in force), and why."""

    rule_id: str
    title: str
    status: ClosedStatus
    status_label: str
    reason: str


class RelatedInBrief(BaseModel):
    """A directional or encouragement measure, named with its status; its detail is in the full view."""

    rule_id: str
    title: str
    status: Status
    status_label: str


class OutcomeSummary(BaseModel):
    """A rule's status and amount, with the clause it rests on."""

    rule_id: str
    status: Status
    amount_yuan: int | None = Field(description="amount due, when eligible and quantified")
    clause_path: str = Field(description="clause path as printed, e.g. 二(一)2")


class EvaluationDefaultView(BaseModel):
    """The default answer: what the enterprise can act on in full, everything else in brief."""

    view: Literal["default"]
    as_of: date
    ruleset_version: str
    engine: str
    enterprise_name: str
    credit_code: str
    registered_in: str
    total_yuan: int
    total_text: str
    counts: dict[Status, int]
    documents: list[DocumentContext] = Field(description="the jurisdiction's documents: dates, standing, 口径 once")
    outcomes: list[Annotated[OutcomeInFull | OutcomeInBrief, Field(discriminator="status")]] = Field(
        description="every measure with a defined benefit, in the full result's order: eligible, may_apply and "
                    "undetermined ones in full, not_eligible and not_in_force ones in brief")
    related_support: list[RelatedInBrief] = Field(description="directional and encouragement measures, in brief")
    near_misses: list[NearMiss]
    other_jurisdiction_rules: int = Field(description="rules of other cities, not listed")


class EvaluationFullView(EvaluationResult):
    """Everything the engine says: every outcome in full, related support included (the result as stored)."""

    view: Literal["full"]


class EvaluationSummaryView(BaseModel):
    """Ids, statuses, amounts and clause paths only: for systems that screen or reconcile many enterprises."""

    view: Literal["summary"]
    as_of: date
    ruleset_version: str
    credit_code: str
    total_yuan: int
    counts: dict[Status, int]
    outcomes: list[OutcomeSummary]
    related_support: list[OutcomeSummary]


Model = TypeVar("Model", bound=BaseModel)
_set = object.__setattr__
# The slots a pydantic model keeps its state in, set through their descriptors (as object.__setattr__ would, and
# faster: `trusted` makes some 50 models per evaluation).
_new = object.__new__
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__


def trusted(cls: type[Model], values: dict) -> Model:
    """A result model from values the engine made itself from validated rules and profiles, without validating again.

    `values` holds every field of the model, in its field order (the order serialisation follows). Validating the
    ~200 nested models of an evaluation again took a third of its time, and pydantic's `model_construct` measured
    slower than validation here (6.4 vs 3.1 µs a trace step), so this sets the fields as `model_construct` does,
    without its per-field default handling; tests check that such results equal validated ones, field for field.
    """
    instance = _new(cls)
    _set(instance, "__dict__", values)
    _set_fields_set(instance, set(values))
    _set_extra(instance, None)
    _set_private(instance, None)
    return instance


def default_view(result: EvaluationResult) -> EvaluationDefaultView:
    """The default view of a result: actionable outcomes in full, the rest in brief."""
    outcomes = [trusted(OutcomeInFull, o.__dict__.copy()) if o.status in CLAIMABLE else
                trusted(OutcomeInBrief, {"rule_id": o.rule_id, "title": o.title, "status": o.status,
                                         "status_label": o.status_label, "reason": o.reason})
                for o in result.outcomes]
    related = [trusted(RelatedInBrief, {"rule_id": o.rule_id, "title": o.title, "status": o.status,
                                        "status_label": o.status_label}) for o in result.related_support]
    r = result
    return trusted(EvaluationDefaultView, {
        "view": "default", "as_of": r.as_of, "ruleset_version": r.ruleset_version, "engine": r.engine,
        "enterprise_name": r.enterprise_name, "credit_code": r.credit_code, "registered_in": r.registered_in,
        "total_yuan": r.total_yuan, "total_text": r.total_text, "counts": r.counts, "documents": r.documents,
        "outcomes": outcomes, "related_support": related, "near_misses": r.near_misses,
        "other_jurisdiction_rules": r.other_jurisdiction_rules})


def full_view(result: EvaluationResult) -> EvaluationFullView:
    """The full view of a result: the result as it is, saying which view it is."""
    return trusted(EvaluationFullView, {**result.__dict__, "view": "full"})


def _summarised(outcome: RuleOutcome) -> OutcomeSummary:
    return trusted(OutcomeSummary, {"rule_id": outcome.rule_id, "status": outcome.status,
                                    "amount_yuan": outcome.amount_yuan,
                                    "clause_path": outcome.citation.clause_path})


def summary_view(result: EvaluationResult) -> EvaluationSummaryView:
    """The summary view of a result: ids, statuses, amounts and clause paths, with the totals."""
    return trusted(EvaluationSummaryView, {
        "view": "summary", "as_of": result.as_of, "ruleset_version": result.ruleset_version,
        "credit_code": result.credit_code, "total_yuan": result.total_yuan, "counts": result.counts,
        "outcomes": [_summarised(o) for o in result.outcomes],
        "related_support": [_summarised(o) for o in result.related_support]})


VIEWS = {"default": default_view, "full": full_view, "summary": summary_view}
VIEW_MODELS = {"default": EvaluationDefaultView, "full": EvaluationFullView, "summary": EvaluationSummaryView}
