"""Facts derived in SQL equal eligibility/facts.py, fact by fact, for every enterprise of every city; and the
published registry columns are documented in the README from the one column definition."""
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from eligibility.screening.canonical import canonical_tables
from eligibility.screening.database import DuckDatabase
from eligibility.screening.facts_sql import FactColumns, facts_ctes
from eligibility.screening.plan import ScreeningPlan
from eligibility.screening.rules_sql import leaves
from eligibility.screening.template import columns_markdown
from eligibility.vocabulary import city_of
from strategies import as_of_dates, registries


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(profiles=registries(min_size=10, max_size=25), as_of=as_of_dates)
def test_sql_facts_equal_the_python_facts(engine, profiles, as_of):
    db = DuckDatabase()
    for name, table in canonical_tables(profiles).items():
        db.load(f"c_{name}", table)
    plan = ScreeningPlan.of(engine.rulebook)
    for city, query in plan.queries(as_of).items():
        keys = {leaf.key for slot in query.slots for leaf in leaves(slot.rule.conditions)}
        columns = FactColumns()
        ctes = facts_ctes(city, keys, query.needs, as_of, columns)
        enterprise_keys = sorted(k for k in keys if not k.startswith(("project.", "title.")))
        body = ",\n".join(f"{n} AS ({b})" for n, b in ctes)
        select = ", ".join(columns(k) for k in enterprise_keys)
        got = {row[0]: dict(zip(enterprise_keys, row[1:], strict=False))
               for row in db.rows(f"WITH {body} SELECT eid, {select} FROM ent")}
        mine = [i for i, p in enumerate(profiles) if city_of(p.division_code) == city]
        assert sorted(got) == mine
        for eid in mine:
            facts = engine.facts(profiles[eid], as_of).enterprise
            assert got[eid] == {k: facts.get(k) for k in enterprise_keys}, (city, eid, as_of)
    db.close()


def test_readme_publishes_the_registry_columns():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert columns_markdown() in readme
