"""The rulebook laid out for screening: every rule's index, the queries per city, and the rule dimension."""
from dataclasses import dataclass
from datetime import date

import pyarrow as pa

from ..compiler import CompiledRule, compile_rulebook
from ..rulebook import Rulebook
from ..vocabulary import city_of
from .rules_sql import STATUS_CODES, CityQuery, RuleSlot


@dataclass
class ScreeningPlan:
    """The compiled rules of a rulebook, grouped by city, and what each rule's outcome is when not listed."""

    rulebook: Rulebook
    rules: list[CompiledRule]

    @classmethod
    def of(cls, rulebook: Rulebook) -> "ScreeningPlan":
        return cls(rulebook, compile_rulebook(rulebook))

    @property
    def cities(self) -> dict[str, list[RuleSlot]]:
        """Rule slots by city code, in rulebook order."""
        found: dict[str, list[RuleSlot]] = {}
        for index, rule in enumerate(self.rules):
            found.setdefault(city_of(rule.document.jurisdiction.division_code), []).append(RuleSlot(index, rule))
        return found

    def queries(self, as_of: date, city: str | None = None) -> dict[str, CityQuery]:
        """One query per city (or for one city)."""
        return {code: CityQuery(code, slots, as_of) for code, slots in self.cities.items()
                if city is None or code == city}

    def dimension(self, as_of: date) -> pa.Table:
        """One row per rule: its index, id, title, city, jurisdiction, whether it counts in totals, and the
        status an enterprise of its jurisdiction has when the screening lists nothing for it."""
        names = ("rule_index", "rule_id", "title", "city_code", "county_code", "explicit", "default_status",
                 "award_kind", "selection")
        rows: dict[str, list] = {name: [] for name in names}
        for index, rule in enumerate(self.rules):
            code = rule.document.jurisdiction.division_code
            rows["rule_index"].append(index)
            rows["rule_id"].append(rule.id)
            rows["title"].append(rule.rule.title)
            rows["city_code"].append(city_of(code))
            rows["county_code"].append(None if code.endswith("00") else code)
            rows["explicit"].append(rule.rule.strength == "explicit")
            in_force = rule.document.in_force.contains(as_of)
            rows["default_status"].append(STATUS_CODES["not_eligible" if in_force else "not_in_force"])
            rows["award_kind"].append(rule.rule.award.kind)
            rows["selection"].append(rule.rule.selection)
        return pa.table(rows, schema=pa.schema([
            ("rule_index", pa.int32()), ("rule_id", pa.string()), ("title", pa.string()), ("city_code", pa.string()),
            ("county_code", pa.string()), ("explicit", pa.bool_()), ("default_status", pa.int8()),
            ("award_kind", pa.string()), ("selection", pa.bool_())]))
