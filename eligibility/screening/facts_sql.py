"""The facts of eligibility/facts.py derived in SQL from the canonical tables, for the rules of one city.

Same semantics, line by line (tests/test_screening_facts.py proves the two equal on generated registries):
- sales.first_year_above.<T>: over ENDED years only (a year counts once its 31 December is on or before the
  as-of date); the first year above T, 0 when never; missing when no ended year is reported, or when the first
  crossing is in a counted year and the year before it is not reported (the previous-year rule);
- recognition.<kind>.<level>@<start>-<end>: the first NEW title (not a renewal) of that kind and level obtained
  within [start, end] and on or before the as-of date, else 0; missing when recognitions are not reported;
- holds.<kind>.<level>: any title obtained by the as-of date and valid on it; false when none, missing when
  recognitions are not reported;
- per-item subjects: projects approved and titles obtained on or before the as-of date, each carrying the
  enterprise's facts;
- controlling_owner: the ownership, or the controlling party of a mixed-ownership enterprise (missing without it);
- sector.<tag>: whether the enterprise ticked the tag; missing when it reported no tags at all (null, not []).
"""
from dataclasses import dataclass, field
from datetime import date

from ..facts import FACTS, Needs, date_number
from .sql import literal

PLAIN = {"county_code": "e.division_code", "city_code": "e.city_code", "entity_kind": "e.entity_kind",
         "strategic_emerging": "e.strategic_emerging", "above_designated_size": "e.above_designated_size",
         "scale": "e.scale", "ownership": "e.ownership",
         "controlling_owner": "CASE WHEN e.ownership = 'mixed' THEN e.controlled_by ELSE e.ownership END",
         "industry_division": "substr(e.industry_code, 1, 3)"}
ITEM_COLUMNS = {"project.kind": "kind", "project.approved_on": "approved_on",
                "project.new_investment_yuan": "new_investment_yuan",
                "project.national_grant_yuan": "national_grant_yuan",
                "project.provincial_grant_yuan": "provincial_grant_yuan", "title.kind": "kind", "title.level": "level",
                "title.obtained_on": "obtained_on", "title.is_new": "is_new"}
ITEM_TABLES = {"project": ("projects", "approved_on"), "title": ("recognitions", "obtained_on")}


def last_ended_year(as_of: date) -> int:
    """The last year whose figures count on the as-of date (facts.year_ended: a year ends on 31 December)."""
    return as_of.year if (as_of.month, as_of.day) == (12, 31) else as_of.year - 1


@dataclass
class FactColumns:
    """Short column aliases for fact keys (PostgreSQL cuts identifiers at 63 bytes; keys are longer)."""

    alias: dict[str, str] = field(default_factory=dict)

    def __call__(self, key: str) -> str:
        if key not in self.alias:
            self.alias[key] = f"f{len(self.alias)}"
        return self.alias[key]


def fact_name(key: str) -> str:
    """The catalog name of a concrete fact key (thresholds and windows stripped)."""
    if key.startswith("sales.first_year_above."):
        return "sales.first_year_above"
    return key.split("@")[0]


def _window(key: str) -> tuple[str, str, int, int]:
    name, span = key.split("@")
    _, kind, level = name.split(".")
    start, end = span.split("-")
    return kind, level, int(start), int(end)


def facts_ctes(city: str, keys: set[str], needs: Needs, as_of: date, columns: FactColumns) -> list[tuple[str, str]]:
    """The CTEs (name, body) that give `ent` (one row per enterprise of the city with its fact columns) and
    `items_project` / `items_title` (one row per item subject with the enterprise's facts and its own)."""
    day = date_number(as_of)
    ctes = [("city_e", f"SELECT * FROM c_enterprises WHERE city_code = {literal(city)}")]
    enterprise_keys = sorted(k for k in keys if FACTS[fact_name(k)].subject == "enterprise")
    selects = ["e.eid", "e.recognitions_known AS rk", "e.projects_known AS pk"]
    rec_cols, sales_cols, joins = [], [], []
    for key in enterprise_keys:
        name = fact_name(key)
        alias = columns(key)
        if name in PLAIN:
            selects.append(f"{PLAIN[name]} AS {alias}")
        elif name.startswith("sector."):
            tag = name.split(".", 1)[1]
            selects.append(f"strpos(e.sector_tags, {literal(',' + tag + ',')}) > 0 AS {alias}")
        elif name.startswith("holds."):
            _, kind, level = name.split(".")
            rec_cols.append(f"bool_or(kind = {literal(kind)} AND level = {literal(level)} AND "
                            f"(valid_until IS NULL OR valid_until >= {day})) AS {alias}")
            selects.append(f"CASE WHEN e.recognitions_known THEN COALESCE(r.{alias}, FALSE) END AS {alias}")
        elif name.startswith("recognition."):
            kind, level, start, end = _window(key)
            rec_cols.append(f"min(CASE WHEN kind = {literal(kind)} AND level = {literal(level)} AND is_new AND "
                            f"obtained_on BETWEEN {start} AND {end} THEN obtained_on END) AS {alias}")
            selects.append(f"CASE WHEN e.recognitions_known THEN COALESCE(r.{alias}, 0) END AS {alias}")
        elif name == "sales.first_year_above":
            threshold = int(key.rsplit(".", 1)[1])
            counted_from = needs.thresholds_yuan[threshold]
            # The first crossing's year, and (year * 2 + 1 when the year before it is reported) to tell the rule.
            sales_cols.append(f"min(CASE WHEN sales_yuan > {threshold} THEN year END) AS {alias}_y")
            sales_cols.append(f"min(CASE WHEN sales_yuan > {threshold} THEN year * 2 + "
                              f"CASE WHEN prev = year - 1 THEN 1 ELSE 0 END END) AS {alias}_k")
            selects.append(f"CASE WHEN s.n IS NULL THEN NULL WHEN s.{alias}_y IS NULL THEN 0 "
                           f"WHEN s.{alias}_k - 2 * s.{alias}_y = 1 OR s.{alias}_y < {counted_from} "
                           f"THEN s.{alias}_y END AS {alias}")
        else:
            raise ValueError(f"no SQL derivation for fact {key!r}")
    if rec_cols:
        ctes.append(("rec", f"SELECT r.eid, {', '.join(rec_cols)} FROM c_recognitions r "
                            f"WHERE r.obtained_on <= {day} AND r.eid IN (SELECT eid FROM city_e) GROUP BY r.eid"))
        joins.append("LEFT JOIN rec r ON r.eid = e.eid")
    if sales_cols:
        ctes.append(("sales_ended", f"SELECT eid, year, sales_yuan, lag(year) OVER (PARTITION BY eid ORDER BY year) "
                                    f"AS prev FROM c_sales WHERE year <= {last_ended_year(as_of)} "
                                    f"AND eid IN (SELECT eid FROM city_e)"))
        ctes.append(("sal", f"SELECT eid, count(*) AS n, {', '.join(sales_cols)} FROM sales_ended GROUP BY eid"))
        joins.append("LEFT JOIN sal s ON s.eid = e.eid")
    ctes.append(("ent", f"SELECT {', '.join(selects)} FROM city_e e {' '.join(joins)}"))
    for subject in ("project", "title"):
        if subject not in needs.subjects:
            continue
        table, dated = ITEM_TABLES[subject]
        own = ["i.item AS item"]
        for key in sorted(k for k in keys if FACTS[fact_name(k)].subject == subject):
            own.append(f"i.{ITEM_COLUMNS[key]} AS {columns(key)}")
        ctes.append((f"items_{subject}", f"SELECT ent.*, {', '.join(own)} FROM c_{table} i "
                                         f"JOIN ent ON i.eid = ent.eid WHERE i.{dated} <= {day}"))
    return ctes
