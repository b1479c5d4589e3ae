"""The rule-file format (validated by pydantic) and the loader that turns rules/ into a Rulebook."""
import hashlib
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

RULE_ID = r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$"
OPERATORS = ("eq", "ne", "gt", "gte", "lt", "lte", "one_of", "within")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Note(Strict):
    """An interpretation decision (口径): the open question and how this rule reads it."""

    question: str = Field(min_length=1)
    decision: str = Field(min_length=1)


class Period(Strict):
    """A closed date range; `to` null means no stated end."""

    from_: date = Field(alias="from")
    to: date | None = None

    @model_validator(mode="after")
    def _ordered(self) -> "Period":
        if self.to is not None and self.to < self.from_:
            raise ValueError("period ends before it starts")
        return self

    def contains(self, day: date) -> bool:
        """Whether the day falls inside the period."""
        return self.from_ <= day and (self.to is None or day <= self.to)


class Jurisdiction(Strict):
    division_code: str = Field(pattern=r"^\d{6}$")
    name: str


class Document(Strict):
    """A policy document: who issued it, when, where it applies, which events it counts and when to apply."""

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    issuer: str
    number: str | None = Field(default=None, description="document number exactly as printed")
    title: str
    issued_on: date
    source: str
    jurisdiction: Jurisdiction
    in_force: Period = Field(description="施行期: when the document's measures apply")
    period: Period = Field(description="计入期: the period in which qualifying events count")
    application_window: Period | None = Field(default=None, description="申报期, when the text or a notice fixes it")
    application_note: str = Field(min_length=1, description="how and when to apply, in Chinese")
    notes: list[Note] = []

    @model_validator(mode="after")
    def _period_within_force(self) -> "Document":
        if self.period.from_ < self.in_force.from_:
            raise ValueError("the counted period starts before the document is in force")
        return self


class Condition(Strict):
    """One test on a fact, or `any` of several conditions; a rule's conditions must all hold."""

    fact: str | None = None
    threshold_yuan: int | None = Field(default=None, ge=0, description="parameter of sales.first_year_above")
    eq: bool | int | str | None = None
    ne: bool | int | str | None = None
    gt: int | None = None
    gte: int | None = None
    lt: int | None = None
    lte: int | None = None
    one_of: list[str | int] | None = None
    within: Literal["period"] | None = None
    any: list["Condition"] | None = None
    label: str | None = Field(default=None, description="Chinese wording shown in the trace")

    @model_validator(mode="after")
    def _one_test(self) -> "Condition":
        ops = [op for op in OPERATORS if op in self.model_fields_set]
        if self.any is not None:
            if self.fact is not None or ops:
                raise ValueError("a condition with `any` takes no fact or operator")
            if len(self.any) < 2:
                raise ValueError("`any` needs at least two conditions")
            return self
        if self.fact is None:
            raise ValueError("a condition needs `fact` (or `any`)")
        if len(ops) != 1:
            raise ValueError(f"a condition needs exactly one operator of {', '.join(OPERATORS)}")
        return self

    @property
    def operator(self) -> str:
        """The one operator this leaf condition uses."""
        return next(op for op in OPERATORS if op in self.model_fields_set)


class Clause(Strict):
    path: str = Field(min_length=1, description="clause path as printed, e.g. 二(一)1")
    text: str = Field(min_length=8, description="verbatim clause text")


class Award(Strict):
    """What the rule grants: a fixed amount, a ratio of another grant, a match, or non-quantified support."""

    kind: Literal["fixed", "ratio", "match", "non_quantified"]
    amount_yuan: int | None = Field(default=None, ge=0)
    ratio: Decimal | None = Field(default=None, gt=0)
    base_fact: str | None = None
    cap_yuan: int | None = Field(default=None, ge=0)
    support: str = Field(default="资金奖励", description="kind of support in Chinese: 资金奖励, 配套资金, 免税…")
    one_off: bool
    earmark: str | None = None
    amount_clause: str | None = Field(default=None, description="verbatim phrase that states the amount")

    @model_validator(mode="after")
    def _shape(self) -> "Award":
        if self.kind == "fixed" and self.amount_yuan is None:
            raise ValueError("a fixed award needs amount_yuan")
        if self.kind in ("ratio", "match") and (self.ratio is None or self.base_fact is None):
            raise ValueError(f"a {self.kind} award needs ratio and base_fact")
        if self.kind == "non_quantified" and (self.amount_yuan or self.ratio):
            raise ValueError("a non_quantified award has no amount_yuan or ratio")
        return self


class Evidence(Strict):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    label: str


class Rule(Strict):
    """One measure: its clause, the conditions that encode it, the award and the decisions taken."""

    id: str = Field(pattern=RULE_ID)
    title: str
    clause: Clause
    subject: Literal["enterprise", "project", "title"] = Field(
        default="enterprise",
        description="what the award is for: the enterprise once, each project, or each new title (认定、称号)")
    strength: Literal["explicit", "directional", "encouragement"] = Field(
        default="explicit",
        description="explicit: a defined benefit; directional/encouragement: support for a class, listed as related",
    )
    selection: bool = Field(
        default=False,
        description="the bureau selects or decides at its discretion: conditions met give 可申报·需评审, not 符合")
    apply_elsewhere: str | None = Field(
        default=None, description="where the benefit is claimed when not from this bureau (e.g. 主管税务机关)")
    beneficiary: str = Field(description="who receives it, in Chinese: 企业, 单位, 产业集聚区…")
    responsible: str | None = None
    group: str | None = None
    period: Period | None = Field(default=None, description="overrides the document's period")
    conditions: list[Condition] = Field(min_length=1)
    award: Award
    evidence: list[Evidence] = Field(min_length=1)
    notes: list[Note] = []


class RuleFile(Strict):
    document: Document
    rules: list[Rule] = Field(min_length=1)


class RuleFileError(Exception):
    """A rule file that cannot be loaded; the message names the file, the rule and the field."""

    def __init__(self, path: Path, message: str, rule_id: str | None = None, field: str | None = None):
        self.path, self.rule_id, self.field = path, rule_id, field
        where = [f"file {path}"]
        if rule_id:
            where.append(f"rule {rule_id}")
        if field:
            where.append(f"field {field}")
        super().__init__(f"{', '.join(where)}: {message}")


class Rulebook:
    """Every rule file of a folder, validated, with a version that changes when any file does."""

    def __init__(self, files: dict[Path, RuleFile], version: str):
        self.files = files
        self.version = version
        self.documents = {f.document.id: f.document for f in files.values()}
        self.rules = [rule for f in files.values() for rule in f.rules]
        self.document_of = {rule.id: f.document for f in files.values() for rule in f.rules}
        self.by_id = {rule.id: rule for rule in self.rules}

    def period_of(self, rule: Rule) -> Period:
        """The period in which this rule's qualifying events count."""
        return rule.period or self.document_of[rule.id].period


def _field_path(loc: tuple) -> str:
    return ".".join(str(part) for part in loc)


def _rule_id_at(raw: object, loc: tuple) -> str | None:
    if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int) and isinstance(raw, dict):
        try:
            return raw["rules"][loc[1]].get("id") or f"rules[{loc[1]}]"
        except (IndexError, KeyError, TypeError, AttributeError):
            return f"rules[{loc[1]}]"
    return None


# libyaml's parser when PyYAML was built with it: the rule files load about 7× faster (0.07 s against 0.5 s at each
# worker's start), with the same safe constructor and the same marks (line numbers) in errors.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeyLoader(_SafeLoader):  # type: ignore[misc,valid-type]
    """YAML's safe loader, except that a key repeated in one mapping is an error, not a silent overwrite."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping", node.start_mark, f"duplicate key {key!r}", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep)


def load_file(path: Path) -> RuleFile:
    """Parse and validate one rule file, raising RuleFileError that names file, rule and field."""
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)  # noqa: S506 (a SafeLoader)
    except yaml.MarkedYAMLError as exc:
        where = f" at line {exc.problem_mark.line + 1}" if exc.problem_mark else ""
        raise RuleFileError(path, f"not valid YAML: {exc.problem}{where}") from None
    except yaml.YAMLError as exc:
        raise RuleFileError(path, f"not valid YAML: {exc}") from None
    try:
        return RuleFile.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = first["loc"]
        raise RuleFileError(path, first["msg"], _rule_id_at(raw, loc), _field_path(loc)) from None


def load_rulebook(folder: Path) -> Rulebook:
    """Load every *.yaml file of the folder; duplicate rule ids are an error."""
    folder = Path(folder)
    paths = sorted(folder.glob("*.yaml"))
    if not paths:
        raise RuleFileError(folder, "no rule files (*.yaml) found")
    digest = hashlib.sha256()
    files: dict[Path, RuleFile] = {}
    seen: dict[str, Path] = {}
    for path in paths:
        content = path.read_bytes()
        digest.update(path.name.encode() + b"\0" + content + b"\0")
        rule_file = load_file(path)
        for rule in rule_file.rules:
            if rule.id in seen:
                raise RuleFileError(path, f"duplicate rule id, also in {seen[rule.id]}", rule.id, "id")
            seen[rule.id] = path
        files[path] = rule_file
    return Rulebook(files, digest.hexdigest()[:12])
