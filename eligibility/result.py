"""The evaluation result: per rule a status, the amount, the citation, the notes and a trace of each condition."""
from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

Status = Literal["eligible", "not_eligible", "undetermined", "not_in_force"]
Outcome = Literal["met", "not_met", "missing"]

STATUS_LABELS = {
    "eligible": "符合",
    "not_eligible": "不符合",
    "undetermined": "待确定",
    "not_in_force": "不在政策施行期",
}


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


class ProjectOutcome(BaseModel):
    """How a project-level rule came out for one project."""

    project_index: int
    project_name: str
    status: Status
    amount_yuan: int | None = None
    trace: list[TraceItem]


class RuleOutcome(BaseModel):
    """One rule evaluated for the profile."""

    rule_id: str
    title: str
    strength: Literal["explicit", "directional", "encouragement"]
    status: Status
    status_label: str
    reason: str
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
    notes: list[Note]
    evidence: list[EvidenceItem]
    trace: list[TraceItem]
    missing_facts: list[str] = []
    projects: list[ProjectOutcome] = []


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
