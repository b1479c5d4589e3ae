"""Rule conditions resolved against the fact catalog into condition trees both evaluators share."""
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from .facts import FACTS, OPEN_END, date_number, fact_key, fact_label, number_date, window_key
from .money import format_yuan
from .rulebook import Condition, Document, Period, Rule, Rulebook, RuleFileError
from .vocabulary import division_name, industries, vocabulary

OPEN_END_YEAR = 9999


@dataclass(frozen=True)
class Leaf:
    """A test of one fact: key, operator and operand, with the Chinese wording of the test."""

    key: str
    fact: str
    op: str
    operand: Any  # a number, a code, a tuple of them (one_of), or (start, end) (within)
    label: str


@dataclass(frozen=True)
class AnyOf:
    """Holds when any child holds."""

    children: tuple
    label: str


@dataclass(frozen=True)
class CompiledRule:
    """A rule with its document, its jurisdiction test first, and every condition resolved."""

    rule: Rule
    document: Document
    period: Period
    conditions: tuple
    thresholds_yuan: frozenset
    windows: frozenset = frozenset()  # (recognition fact, start, end): the period-bound facts it tests

    @property
    def id(self) -> str:
        return self.rule.id


def _show_date(value: int) -> str:
    day = number_date(value)
    return f"{day.year}年{day.month}月{day.day}日"


def show_value(fact: str, value: Any) -> str:
    """A fact's value in Chinese, for traces."""
    unit = FACTS[fact].unit
    if value is None:
        return "未填报"
    if unit == "bool":
        return "是" if value else "否"
    if unit == "date":
        return "无" if value == 0 else _show_date(value)
    if unit == "year":
        return "未突破" if value == 0 else f"{value}年"
    if unit == "yuan":
        return format_yuan(value)
    return _show_code(fact, value)


def _show_code(fact: str, value: Any) -> str:
    vocab = vocabulary()
    if fact in ("city_code", "county_code"):
        return division_name(str(value))
    if fact == "industry_division":
        return f"{value} {industries().get(value, '')}".strip()
    if fact == "scale":
        return vocab["scales"].get(value, str(value))
    if fact == "ownership":
        return vocab["ownerships"].get(value, str(value))
    if fact == "entity_kind":
        return vocab["entity_kinds"].get(value, str(value))
    if fact == "controlling_owner":
        return vocab["ownerships"].get(value, str(value))
    if fact == "project.kind":
        return vocab["project_kinds"].get(value, {}).get("label", str(value))
    if fact == "title.kind":
        return vocab["recognition_kinds"].get(value, {}).get("label", str(value))
    if fact == "title.level":
        return vocab["levels"].get(value, str(value))
    return str(value)


def _period_operand(fact: str, period: Period) -> tuple[int, int]:
    if FACTS[fact].unit == "year":
        return period.from_.year, period.to.year if period.to else OPEN_END_YEAR
    return date_number(period.from_), date_number(period.to) if period.to else OPEN_END


def _period_words(period: Period) -> str:
    start = _show_date(date_number(period.from_))
    return f"在{start}至{_show_date(date_number(period.to))}之间" if period.to else f"在{start}之后"


def _label(condition: Condition, fact: str, label: str, operand: Any, period: Period) -> str:
    op = condition.operator
    if op == "within":
        if FACTS[fact].unit == "year":
            end = f"{period.to.year}年" if period.to else "之后"
            return f"{label}在{period.from_.year}年至{end}之间"
        return f"{label}{_period_words(period)}"
    if op == "one_of":
        return f"{label}为{'、'.join(show_value(fact, v) for v in operand)}之一"
    words = {"eq": "为", "ne": "不为", "gt": "超过", "gte": "不低于", "lt": "低于", "lte": "不超过"}[op]
    return f"{label}{words}{show_value(fact, operand)}"


class _Compiler:
    def __init__(self, path: Path, rule: Rule, period: Period):
        self.path, self.rule, self.period = path, rule, period
        self.thresholds: set[int] = set()
        self.windows: set[tuple[str, int, int]] = set()

    def fail(self, where: str, message: str) -> NoReturn:
        raise RuleFileError(self.path, message, self.rule.id, where)

    def node(self, condition: Condition, where: str):
        if condition.any is not None:
            children = tuple(self.node(c, f"{where}.any[{i}]") for i, c in enumerate(condition.any))
            label = condition.label or "以下任一项成立:" + ";".join(c.label for c in children)
            return AnyOf(children, label)
        return self.leaf(condition, where)

    def leaf(self, condition: Condition, where: str) -> Leaf:
        name = condition.fact
        if name is None:
            self.fail(where, "a condition names a fact, or lists `any` of conditions")
        spec = FACTS.get(name)
        if spec is None:
            self.fail(f"{where}.fact", f"unknown fact {name!r}; known facts are listed in eligibility/facts.py")
        if spec.subject != "enterprise" and self.rule.subject != spec.subject:
            self.fail(f"{where}.fact", f"fact {name!r} belongs to a {spec.subject}; set the rule's subject: "
                                       f"{spec.subject}")
        if (spec.parameter == "threshold_yuan") != (condition.threshold_yuan is not None):
            need = "needs" if spec.parameter == "threshold_yuan" else "takes no"
            self.fail(f"{where}.threshold_yuan", f"fact {name!r} {need} threshold_yuan")
        op = condition.operator
        if spec.parameter == "period" and op != "within":
            self.fail(f"{where}.{op}", f"fact {name!r} is a new title within the counted period: use `within: period`")
        operand = getattr(condition, op)
        self.check_operand(spec, op, operand, f"{where}.{op}")
        if op == "within":
            operand = _period_operand(name, self.period)
        if op == "one_of":
            operand = tuple(operand)
        key = fact_key(name, condition.threshold_yuan)
        if condition.threshold_yuan is not None:
            self.thresholds.add(condition.threshold_yuan)
        if spec.parameter == "period":
            key = window_key(name, *operand)
            self.windows.add((name, *operand))
        label = condition.label or _label(condition, name, fact_label(name, condition.threshold_yuan), operand,
                                          self.period)
        return Leaf(key, name, op, operand, label)

    def check_operand(self, spec, op: str, operand: Any, where: str):
        unit = spec.unit
        if op == "within" and unit not in ("date", "year"):
            self.fail(where, f"`within` needs a date or year fact; {spec.name!r} is {unit}")
        if op in ("gt", "gte", "lt", "lte") and unit not in ("yuan", "year", "date"):
            self.fail(where, f"{op} needs a number fact; {spec.name!r} is {unit}")
        if unit == "bool" and op not in ("eq", "ne"):
            self.fail(where, f"{spec.name!r} is yes/no: use eq or ne")
        if unit == "bool" and not isinstance(operand, bool):
            self.fail(where, f"{spec.name!r} is yes/no: compare with true or false")
        if unit != "bool" and op in ("eq", "ne") and isinstance(operand, bool):
            self.fail(where, f"{spec.name!r} is not yes/no")
        vocab = vocabulary()
        known = {"entity_kind": vocab["entity_kinds"], "scale": vocab["scales"], "ownership": vocab["ownerships"],
                 "controlling_owner": vocab["ownerships"], "industry_division": industries(),
                 "project.kind": vocab["project_kinds"], "title.kind": vocab["recognition_kinds"],
                 "title.level": vocab["levels"]}.get(spec.name)
        if known is not None:
            for value in operand if op == "one_of" else [operand]:
                if value not in known:
                    self.fail(where, f"unknown value {value!r} for {spec.name}")

    def award(self):
        award = self.rule.award
        if award.base_fact is None:
            return
        spec = FACTS.get(award.base_fact)
        if spec is None or spec.unit != "yuan":
            self.fail("award.base_fact", f"base_fact must be a yuan fact, not {award.base_fact!r}")
        if spec.subject != self.rule.subject:
            self.fail("award.base_fact", f"base_fact {award.base_fact!r} is not a fact of a {self.rule.subject}")


def jurisdiction_leaf(document: Document) -> Leaf:
    """The test every rule of a document starts with: registered in its city or county."""
    code = document.jurisdiction.division_code
    key = "city_code" if code.endswith("00") else "county_code"
    return Leaf(key, key, "eq", code, f"注册地在{document.jurisdiction.name}")


def compile_rulebook(rulebook: Rulebook) -> list[CompiledRule]:
    """Resolve every rule of the rulebook, raising RuleFileError for an unknown fact or ill-typed test."""
    compiled = []
    for path, rule_file in rulebook.files.items():
        for rule in rule_file.rules:
            period = rulebook.period_of(rule)
            compiler = _Compiler(path, rule, period)
            nodes = [compiler.node(c, f"conditions[{i}]") for i, c in enumerate(rule.conditions)]
            compiler.award()
            compiled.append(CompiledRule(rule, rule_file.document, period,
                                         (jurisdiction_leaf(rule_file.document), *nodes),
                                         frozenset(compiler.thresholds), frozenset(compiler.windows)))
    return compiled

