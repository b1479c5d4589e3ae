"""The third compile target of the rule files: SQL. One query per city over the fact columns of facts_sql.

A condition over nullable fact columns is TRUE, FALSE or NULL in SQL exactly as the reference evaluator's
met / not met / missing (Kleene logic: AND is false when any part is false, OR true when any part is true), so
    CASE <all conditions> WHEN TRUE THEN eligible (may_apply for selective rules) WHEN FALSE THEN not_eligible
    ELSE undetermined END
is the engine's status. Amounts are integers: fixed yuan, or base × ratio rounded half up (as Engine._amount:
Decimal quantised with ROUND_HALF_UP) as exact integer arithmetic, then capped. Per-item rules decide each project
or title and keep the best status (eligible > may_apply > undetermined > not_eligible) and the sum of eligible
amounts; unreported items make them undetermined.
"""
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import get_args

from ..compiler import AnyOf, CompiledRule, Leaf
from ..engine import needs_of
from ..profile import Yuan
from .facts_sql import FactColumns, facts_ctes
from .sql import literal

STATUS_CODES = {"not_in_force": 0, "not_eligible": 1, "undetermined": 2, "may_apply": 3, "eligible": 4}
STATUSES = {code: status for status, code in STATUS_CODES.items()}
# Rows written by a screening: the statuses that ask something of the bureau; the others are implied.
LISTED_FROM = STATUS_CODES["undetermined"]
MAX_YUAN = next(c.le for m in get_args(Yuan)[1:] for c in getattr(m, "metadata", ()) if hasattr(c, "le"))
BIGINT_MAX = 2**63 - 1


def _leaf(leaf: Leaf, columns: FactColumns) -> str:
    column, operand = columns(leaf.key), leaf.operand
    match leaf.op:
        case "eq":
            return f"{column} = {literal(operand)}"
        case "ne":
            return f"{column} <> {literal(operand)}"
        case "gt" | "gte" | "lt" | "lte":
            return f"{column} {dict(gt='>', gte='>=', lt='<', lte='<=')[leaf.op]} {literal(operand)}"
        case "one_of":
            return f"{column} IN ({', '.join(literal(v) for v in operand)})"
        case "within":
            return f"{column} BETWEEN {literal(operand[0])} AND {literal(operand[1])}"
    raise ValueError(f"unknown operator {leaf.op!r}")


def condition(node, columns: FactColumns) -> str:
    """A condition tree as an SQL boolean expression (three-valued, like reference.evaluate_node)."""
    if isinstance(node, Leaf):
        return f"({_leaf(node, columns)})"
    return "(" + " OR ".join(condition(child, columns) for child in node.children) + ")"


def all_of(nodes, columns: FactColumns) -> str:
    """All conditions hold (like reference.evaluate_all); TRUE when there are none."""
    return "(" + " AND ".join(condition(n, columns) for n in nodes) + ")" if nodes else "TRUE"


def leaves(nodes):
    """Every leaf of condition trees."""
    for node in nodes:
        if isinstance(node, AnyOf):
            yield from leaves(node.children)
        else:
            yield node


def amount_sql(rule: CompiledRule, columns: FactColumns) -> str:
    """The award of one subject in integer yuan (NULL for non-quantified support)."""
    award = rule.rule.award
    if award.kind == "fixed":
        return literal(award.amount_yuan)
    if award.kind == "non_quantified":
        return "NULL"
    ratio = Fraction(award.ratio or 0)  # the rulebook gives every ratio and match award its ratio
    num, den = ratio.numerator, ratio.denominator
    if 2 * MAX_YUAN * num + den > BIGINT_MAX:
        raise ValueError(f"rule {rule.id}: ratio {award.ratio} would overflow 64-bit yuan arithmetic")
    base = columns(award.base_fact or "")
    # round half up of base * num / den for base >= 0: floor((2 * base * num + den) / (2 * den))
    amount = f"CAST((2 * {base} * {num} + {den}) // {2 * den} AS BIGINT)"
    return f"LEAST({amount}, {award.cap_yuan})" if award.cap_yuan is not None else amount


def _status_case(rule: CompiledRule, test: str) -> str:
    met = STATUS_CODES["may_apply" if rule.rule.selection else "eligible"]
    return (f"CASE {test} WHEN TRUE THEN {met} WHEN FALSE THEN {STATUS_CODES['not_eligible']} "
            f"ELSE {STATUS_CODES['undetermined']} END")


@dataclass(frozen=True)
class RuleSlot:
    """A rule's place in the screening results: its index in the rulebook and how it applies."""

    index: int
    rule: CompiledRule

    @property
    def jurisdiction(self) -> Leaf:
        return self.rule.conditions[0]


class CityQuery:
    """The one query that decides every rule of a city for every enterprise registered there, as of a date."""

    def __init__(self, city: str, slots: list[RuleSlot], as_of: date):
        self.city, self.slots, self.as_of = city, slots, as_of
        rules = [slot.rule for slot in slots]
        self.needs = needs_of(rules)
        self.in_force = [s for s in slots if s.rule.document.in_force.contains(as_of)]

    def sql(self, dialect: str = "duckdb") -> str | None:
        """Rows (eid, rule_index, status, amount_yuan) with status undetermined, may_apply or eligible; None when
        no rule of the city is in force on the date (every outcome is then not_in_force)."""
        wide = self.wide_sql()
        if wide is None:
            return None
        return f"WITH wide AS ({wide})\n{self.listed_sql('wide', dialect)}"

    def listed_sql(self, wide: str, dialect: str = "duckdb") -> str:
        """The listed outcomes (eid, rule_index, status, amount_yuan) of the rows of `wide` (see wide_sql)."""
        outcomes = self._outcomes()
        if dialect == "duckdb":
            # Wide to long by unnesting lists, so that an enterprise's rows stay together: the long Parquet result
            # then dictionary-encodes its credit codes (a SELECT per rule inserts faster, but that file took 1.7×
            # as long to write). DuckDB decorrelates a LATERAL (VALUES …) into a hash join on every column.
            lists = (f"unnest([{', '.join(str(i) for i, _ in outcomes)}]) AS rule_index, "
                     f"unnest([{', '.join(f's{i}' for i, _ in outcomes)}]) AS status, "
                     f"unnest([{', '.join(a for _, a in outcomes)}]) AS amount_yuan")
            return (f"SELECT eid, CAST(rule_index AS INTEGER) AS rule_index, CAST(status AS SMALLINT) AS status, "
                    f"CAST(amount_yuan AS BIGINT) AS amount_yuan FROM (SELECT eid, {lists} FROM {wide}) "
                    f"WHERE status >= {LISTED_FROM}")
        rows = ", ".join(f"({i}, s{i}, CAST({amount} AS BIGINT))" for i, amount in outcomes)
        return (f"SELECT {wide}.eid, v.rule_index, v.status, v.amount_yuan FROM {wide}, "
                f"LATERAL (VALUES {rows}) AS v(rule_index, status, amount_yuan) WHERE v.status >= {LISTED_FROM}")

    def _totals(self, explicit: set[int]) -> str:
        """Per enterprise, over the wide columns: total_yuan (eligible amounts of the explicit rules), and how many
        rules are eligible, may_apply and undetermined (as outputs counted them from the listed outcomes)."""
        def count(code: int) -> str:
            return " + ".join(f"CASE WHEN s{i} = {code} THEN 1 ELSE 0 END" for i, _ in self._outcomes())
        money = [f"COALESCE({amount}, 0)" for i, amount in self._outcomes() if i in explicit and amount != "NULL"]
        return (f"CAST({' + '.join(money) or '0'} AS BIGINT) AS total_yuan, "
                f"{count(STATUS_CODES['eligible'])} AS eligible, {count(STATUS_CODES['may_apply'])} AS may_apply, "
                f"{count(STATUS_CODES['undetermined'])} AS undetermined")

    def _outcomes(self) -> list[tuple[int, str]]:
        """(rule index, its listed amount as SQL over the wide columns) for every rule in force."""
        return [(slot.index, f"CASE WHEN s{slot.index} = {STATUS_CODES['eligible']} THEN a{slot.index} END"
                 if self._quantified(slot) else "NULL") for slot in self.in_force]

    @staticmethod
    def _quantified(slot: RuleSlot) -> bool:
        rule = slot.rule.rule
        return rule.award.kind != "non_quantified" and not rule.selection

    def wide_sql(self, explicit: set[int] | None = None) -> str | None:
        """One row per enterprise of the city: eid, the status s<i> of every rule i in force (NULL outside a county
        rule's county) and its amount a<i> when the award is quantified; None when no rule is in force. Given the
        rule indices that count in totals, also the enterprise's totals (total_yuan, eligible, may_apply,
        undetermined), computed in the same pass."""
        if not self.in_force:
            return None
        columns = FactColumns()
        keys = {leaf.key for slot in self.in_force for leaf in leaves(slot.rule.conditions)}
        keys |= {s.rule.rule.award.base_fact for s in self.in_force if s.rule.rule.award.base_fact}
        ctes = facts_ctes(self.city, keys, self.needs, self.as_of, columns)
        wide = ["ent.eid"]
        joins = []
        per_item: dict[str, list[RuleSlot]] = {}
        for slot in self.in_force:
            subject = slot.rule.rule.subject
            if subject != "enterprise":
                per_item.setdefault(subject, []).append(slot)
        for kind, slots in per_item.items():
            decided = ["eid"]
            aggregated = ["eid"]
            for slot in slots:
                rule = slot.rule
                decided.append(f"{_status_case(rule, all_of(rule.conditions[1:], columns))} AS s{slot.index}")
                quantified = rule.rule.award.kind != "non_quantified" and not rule.rule.selection
                if quantified:
                    decided.append(f"{amount_sql(rule, columns)} AS b{slot.index}")
                    aggregated.append(f"sum(CASE WHEN s{slot.index} = {STATUS_CODES['eligible']} "
                                      f"THEN b{slot.index} END) AS a{slot.index}")
                aggregated.append(f"max(s{slot.index}) AS s{slot.index}")
            ctes.append((f"decided_{kind}", f"SELECT {', '.join(decided)} FROM items_{kind}"))
            ctes.append((f"agg_{kind}", f"SELECT {', '.join(aggregated)} FROM decided_{kind} GROUP BY eid"))
            joins.append(f"LEFT JOIN agg_{kind} ON agg_{kind}.eid = ent.eid")
        for slot in self.in_force:
            rule = slot.rule
            i = slot.index
            subject = rule.rule.subject
            if subject == "enterprise":
                status = _status_case(rule, all_of(rule.conditions[1:], columns))
                amount = amount_sql(rule, columns) if not rule.rule.selection else "NULL"
            else:
                known = "ent.pk" if subject == "project" else "ent.rk"
                status = (f"CASE WHEN {known} THEN COALESCE(agg_{subject}.s{i}, {STATUS_CODES['not_eligible']}) "
                          f"ELSE {STATUS_CODES['undetermined']} END")
                quantified = rule.rule.award.kind != "non_quantified" and not rule.rule.selection
                amount = f"agg_{subject}.a{i}" if quantified else "NULL"
            if slot.jurisdiction.key != "city_code":  # a county's document: only its enterprises are concerned
                status = f"CASE WHEN {condition(slot.jurisdiction, columns)} THEN {status} END"
            wide.append(f"{status} AS s{i}")
            if amount != "NULL":
                wide.append(f"{amount} AS a{i}")
        with_sql = ",\n".join(f"{name} AS ({body})" for name, body in ctes)
        select = f"SELECT {', '.join(wide)} FROM ent {' '.join(joins)}"
        if explicit is not None:
            select = f"SELECT w.*, {self._totals(explicit)} FROM ({select}) w"
        return f"WITH {with_sql}\n{select}"
