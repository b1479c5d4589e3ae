"""A screening: load a registry, run each city's query, keep the outcomes (eid, rule, status, amount) in r_outcomes
and each enterprise's total and counts by status in r_totals."""
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pyarrow as pa

from ..engine import RULES_DIR
from ..rulebook import Rulebook, load_rulebook
from ..vocabulary import divisions
from .database import Database, DuckDatabase, connect
from .loaders import Loaded, load
from .plan import ScreeningPlan
from .rules_sql import STATUS_CODES
from .sql import literal

Step = Callable[[str, int], None]
RESULTS = ("SELECT CAST(NULL AS BIGINT) AS eid, CAST(NULL AS INTEGER) AS rule_index, CAST(NULL AS SMALLINT) AS status, "
           "CAST(NULL AS BIGINT) AS amount_yuan WHERE FALSE")
TOTALS = ("SELECT CAST(NULL AS BIGINT) AS eid, CAST(NULL AS BIGINT) AS total_yuan, CAST(NULL AS INTEGER) AS eligible, "
          "CAST(NULL AS INTEGER) AS may_apply, CAST(NULL AS INTEGER) AS undetermined WHERE FALSE")


def city_code(city: str | None) -> str | None:
    """A city named by its code (411000) or its Chinese name (许昌市); None for all cities."""
    if city is None:
        return None
    for code, spec in divisions().items():
        if city in (code, spec["name"]):
            return code
    raise ValueError(f"未知的城市:{city}(可用:{'、'.join(s['name'] for s in divisions().values())})")


@dataclass
class Screening:
    """A finished screening: the loaded registry, the plan, and the outcomes in `db` (see outputs.py)."""

    as_of: date
    plan: ScreeningPlan
    loaded: Loaded
    db: Database
    city: str | None = None
    seconds: dict[str, float] = field(default_factory=dict)

    def local(self) -> DuckDatabase:
        """A DuckDB database holding the outcomes, for writing files (the same one when screening on DuckDB)."""
        if isinstance(self.db, DuckDatabase):
            return self.db
        local = DuckDatabase()
        for table in ("r_outcomes", "r_totals", "c_enterprises", "d_rules"):
            columns = "eid, credit_code, name, city_code, division_code, line" if table == "c_enterprises" else "*"
            local.load(table, self.db.arrow(f"SELECT {columns} FROM {table}"))
        return local


def screen(registry: str | Path, as_of: date, *, rulebook: Rulebook | None = None, city: str | None = None,
           database_url: str | None = None, db: Database | None = None, progress: Callable | None = None,
           step: Step | None = None) -> Screening:
    """Screen every enterprise of a registry (or of one city) against the rules as of a date.

    `progress(n)` is told of bytes read while loading JSON Lines; `step(label, n)` of each stage finished.
    With a database URL the registry names a schema of that database, and the queries run there.
    """
    import time
    rulebook = rulebook or load_rulebook(RULES_DIR)
    plan = ScreeningPlan.of(rulebook)
    code = city_code(city)
    db = db or connect(database_url)
    seconds = {}
    start = time.perf_counter()
    loaded = load(db, registry, progress, schema=database_url is not None)
    seconds["load"] = time.perf_counter() - start
    if step:
        step("load", 1)
    if code is not None:
        db.execute(f"DELETE FROM c_enterprises WHERE city_code <> {literal(code)}")
    screened = run_queries(db, plan, as_of, code, step)
    seconds.update(screened)
    return Screening(as_of, plan, loaded, db, code, seconds)


def run_queries(db: Database, plan: ScreeningPlan, as_of: date, city: str | None = None,
                step: Step | None = None) -> dict[str, float]:
    """Run each city's query over the canonical tables: the listed outcomes into r_outcomes, and per enterprise
    the total and the counts by status into r_totals (enterprises of a city with no rule in force have no row);
    seconds taken. Each city's statuses are made once, one row per enterprise (r_wide), and both read from it."""
    import time
    start = time.perf_counter()
    db.load("d_rules", plan.dimension(as_of))
    db.create("r_outcomes", RESULTS)
    db.create("r_totals", TOTALS)
    explicit = {i for i, rule in enumerate(plan.rules) if rule.rule.strength == "explicit"}
    for code, query in plan.queries(as_of, city).items():
        wide = query.wide_sql(explicit)
        if wide is not None:
            db.create("r_wide", wide)
            db.execute(f"INSERT INTO r_outcomes {query.listed_sql('r_wide', db.dialect)}")
            db.execute("INSERT INTO r_totals SELECT eid, total_yuan, eligible, may_apply, undetermined FROM r_wide")
            db.execute("DROP TABLE r_wide")
        if step:
            step(code, 1)
    return {"rules": time.perf_counter() - start}


STATUS_TEXT = "CASE {col} " + " ".join(f"WHEN {code} THEN '{status}'" for status, code in STATUS_CODES.items()) + " END"


def status_table() -> pa.Table:
    """Status codes and their names."""
    return pa.table({"status": [c for c in STATUS_CODES.values()], "name": list(STATUS_CODES)},
                    schema=pa.schema([("status", pa.int16()), ("name", pa.string())]))
