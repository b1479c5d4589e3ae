"""Validated profiles as the canonical tables the screening queries read (see columns.CANONICAL)."""
from collections.abc import Iterable

import pyarrow as pa

from ..facts import date_number
from ..profile import Profile
from ..vocabulary import city_of
from .columns import CANONICAL

ARROW_TYPES = {"BIGINT": pa.int64(), "INTEGER": pa.int32(), "VARCHAR": pa.string(), "BOOLEAN": pa.bool_()}


def schema(table: str) -> pa.Schema:
    """The Arrow schema of a canonical table."""
    return pa.schema([(name, ARROW_TYPES[kind]) for name, kind in CANONICAL[table]])


def tags_text(tags: list[str] | None) -> str | None:
    """Sector tags as the canonical ",a,b," text that a plain substring test reads exactly; None stays unknown."""
    return None if tags is None else "," + ",".join(sorted(set(tags))) + ","


def _day(value) -> int | None:
    return None if value is None else date_number(value)


class CanonicalBuilder:
    """Accumulates profiles as canonical rows, column by column, and hands them over as Arrow tables."""

    def __init__(self, first_eid: int = 0):
        self.eid = first_eid
        self.columns: dict[str, dict[str, list]] = {table: {name: [] for name, _ in spec}
                                                    for table, spec in CANONICAL.items()}

    def add(self, profile: Profile, line: int | None = None) -> int:
        """Add one profile (read from a line, when it was); returns its enterprise id."""
        eid, self.eid = self.eid, self.eid + 1
        e = self.columns["enterprises"]
        values = {
            "eid": eid, "credit_code": profile.credit_code, "name": profile.name,
            "city_code": city_of(profile.division_code), "division_code": profile.division_code,
            "entity_kind": profile.entity_kind, "strategic_emerging": profile.strategic_emerging,
            "industry_code": profile.industry_code, "sector_tags": tags_text(profile.sector_tags),
            "above_designated_size": profile.above_designated_size, "scale": profile.scale,
            "ownership": profile.ownership, "controlled_by": profile.controlled_by,
            "recognitions_known": profile.recognitions is not None, "projects_known": profile.projects is not None,
            "line": line,
        }
        for name, value in values.items():
            e[name].append(value)
        s = self.columns["sales"]
        for year, yuan in (profile.sales_yuan_by_year or {}).items():
            s["eid"].append(eid)
            s["year"].append(year)
            s["sales_yuan"].append(yuan)
        r = self.columns["recognitions"]
        for item, rec in enumerate(profile.recognitions or []):
            for name, value in (("eid", eid), ("item", item), ("kind", rec.kind), ("level", rec.level),
                                ("obtained_on", _day(rec.obtained_on)), ("valid_until", _day(rec.valid_until)),
                                ("is_new", rec.renewal_of is None)):
                r[name].append(value)
        p = self.columns["projects"]
        for item, project in enumerate(profile.projects or []):
            for name, value in (("eid", eid), ("item", item), ("kind", project.kind),
                                ("approved_on", _day(project.approved_on)),
                                ("new_investment_yuan", project.new_investment_yuan),
                                ("national_grant_yuan", project.national_grant_yuan),
                                ("provincial_grant_yuan", project.provincial_grant_yuan)):
                p[name].append(value)
        return eid

    def tables(self) -> dict[str, pa.Table]:
        """The accumulated rows as Arrow tables."""
        return {table: pa.table(columns, schema=schema(table)) for table, columns in self.columns.items()}


def canonical_tables(profiles: Iterable[Profile]) -> dict[str, pa.Table]:
    """Profiles as canonical Arrow tables, enterprise ids in order from 0."""
    builder = CanonicalBuilder()
    for profile in profiles:
        builder.add(profile)
    return builder.tables()
