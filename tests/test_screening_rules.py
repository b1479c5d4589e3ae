"""The SQL compile target agrees with the reference evaluator and durable-rules: per enterprise and rule, the same
status and amount, on generated registries (DuckDB always; PostgreSQL on a smaller sample when it is there)."""
import os
import uuid
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings

from eligibility.engine import Engine
from eligibility.profile import Profile
from eligibility.screening.canonical import canonical_tables
from eligibility.screening.database import DuckDatabase, PostgresDatabase
from eligibility.screening.plan import ScreeningPlan
from eligibility.screening.rules_sql import STATUSES
from eligibility.screening.run import run_queries
from eligibility.screening.sql import transpile
from strategies import as_of_dates, credit_code, registries

PG_URL = os.environ.get("TEST_POSTGRES_URL")
SEEN = {"enterprises": 0, "registries": 0}


@pytest.fixture(scope="module")
def plan(engine) -> ScreeningPlan:
    return ScreeningPlan.of(engine.rulebook)


def sql_outcomes(db, plan: ScreeningPlan, profiles: list[Profile], as_of: date) -> dict:
    """(enterprise index, rule id) → (status, amount) for the outcomes the screening lists."""
    for name, table in canonical_tables(profiles).items():
        db.load(f"c_{name}", table)
    run_queries(db, plan, as_of)
    return {(eid, plan.rules[index].id): (STATUSES[status], amount)
            for eid, index, status, amount in db.rows("SELECT eid, rule_index, status, amount_yuan FROM r_outcomes")}


def assert_same(plan, got: dict, profiles: list[Profile], as_of: date, *engines: Engine) -> None:
    listed = set()
    for eid, profile in enumerate(profiles):
        results = [e.evaluate(profile, as_of) for e in engines]
        for outcome in (*results[0].outcomes, *results[0].related_support):
            expected = (outcome.status, outcome.amount_yuan)
            for other in results[1:]:
                again = other.outcome(outcome.rule_id)
                assert (again.status, again.amount_yuan) == expected, (outcome.rule_id, other.engine)
            found = got.get((eid, outcome.rule_id))
            if outcome.status in ("not_eligible", "not_in_force"):
                assert found is None, (outcome.rule_id, expected, found, as_of, profile)
            else:
                assert found == expected, (outcome.rule_id, expected, found, as_of, profile)
                listed.add((eid, outcome.rule_id))
    assert set(got) == listed, "the screening listed outcomes of rules outside an enterprise's jurisdiction"
    SEEN["registries"] += 1
    SEEN["enterprises"] += len(profiles)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                                   HealthCheck.large_base_example])
@given(profiles=registries(min_size=15, max_size=30), as_of=as_of_dates)
def test_sql_reference_and_durable_rules_agree_on_duckdb(engine, reference_engine, plan, profiles, as_of):
    db = DuckDatabase()
    try:
        assert_same(plan, sql_outcomes(db, plan, profiles, as_of), profiles, as_of, engine, reference_engine)
    finally:
        db.close()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                                  HealthCheck.large_base_example])
@given(profiles=registries(min_size=10, max_size=25), as_of=as_of_dates)
def test_totals_per_enterprise_equal_the_engine(engine, plan, profiles, as_of):
    """r_totals, made beside the outcomes: the engine's total (explicit rules) and its count of every rule eligible,
    may_apply and undetermined, explicit and related alike."""
    db = DuckDatabase()
    try:
        sql_outcomes(db, plan, profiles, as_of)
        got = {eid: rest for eid, *rest in db.rows(
            "SELECT e.eid, COALESCE(t.total_yuan, 0), COALESCE(t.eligible, 0), COALESCE(t.may_apply, 0), "
            "COALESCE(t.undetermined, 0) FROM c_enterprises e LEFT JOIN r_totals t ON t.eid = e.eid")}
        for eid, profile in enumerate(profiles):
            result = engine.evaluate(profile, as_of)
            statuses = [o.status for o in (*result.outcomes, *result.related_support)]
            assert got[eid] == [result.total_yuan, *(statuses.count(s) for s in ("eligible", "may_apply",
                                                                                  "undetermined"))], (eid, as_of)
    finally:
        db.close()


def test_the_property_test_saw_thousands_of_enterprises():
    """Thousands of generated enterprises went through the comparison above (when it ran in this session)."""
    if SEEN["registries"] == 0:
        pytest.skip("run together with test_sql_reference_and_durable_rules_agree_on_duckdb")
    assert SEEN["enterprises"] >= 1500, SEEN


@pytest.fixture
def postgres():
    if not PG_URL:
        if os.environ.get("CI"):
            pytest.fail("TEST_POSTGRES_URL is not set in CI: dev.py test starts PostgreSQL")
        pytest.skip("no PostgreSQL server (TEST_POSTGRES_URL)")
    from sqlalchemy import create_engine, text
    name = f"s_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_URL.rsplit("/", 1)[0] + f"/{name}"
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_sql_reference_and_durable_rules_agree_on_postgresql(engine, reference_engine, plan, postgres):
    db = PostgresDatabase(postgres)
    seen = 0

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    @given(profiles=registries(min_size=8, max_size=25), as_of=as_of_dates)
    def check(profiles, as_of):
        nonlocal seen
        assert_same(plan, sql_outcomes(db, plan, profiles, as_of), profiles, as_of, engine, reference_engine)
        seen += len(profiles)

    try:
        check()
    finally:
        db.close()
    assert seen >= 100


@pytest.mark.parametrize("base,ratio,cap", [(1, "0.5", None), (3, "0.5", None), (5, "0.5", 2), (999_999, "0.333", None),
                                            (10**14, "0.5", None), (7, "1", None), (15, "0.15", None)])
def test_ratio_awards_round_half_up_and_cap_like_the_engine(base, ratio, cap):
    from fractions import Fraction

    import duckdb
    fraction = Fraction(Decimal(ratio))
    num, den = fraction.numerator, fraction.denominator
    sql = f"SELECT CAST((2 * {base} * {num} + {den}) // {2 * den} AS BIGINT)"
    con = duckdb.connect()
    got = con.execute(sql).fetchone()[0]
    from decimal import ROUND_HALF_UP
    expected = int((Decimal(base) * Decimal(ratio)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    assert got == expected
    if cap is not None:
        assert con.execute(f"SELECT LEAST({got}, {cap})").fetchone()[0] == min(expected, cap)


def test_one_query_per_city_in_both_dialects(plan):
    queries = plan.queries(date(2020, 12, 31))
    assert set(queries) == {"411000", "150200", "620500", "330200", "410700"}
    xuchang = queries["411000"].sql("postgresql")
    assert "city_code = '411000'" in xuchang and "//" in xuchang
    postgres = transpile(xuchang, "postgresql")
    assert "DIV(" in postgres and "//" not in postgres
    assert queries["410700"].sql() is None  # Xinxiang's measures are not in force on that date


def test_boundary_sales_exactly_at_and_one_yuan_above_the_threshold(engine, plan):
    base = {"name": "许昌某公司", "division_code": "411002", "strategic_emerging": True}
    profiles = [Profile.model_validate({**base, "credit_code": credit_code(i),
                                        "sales_yuan_by_year": {"2018": 900_000_000, "2019": sales}})
                for i, sales in enumerate([1_000_000_000, 1_000_000_001])]
    db = DuckDatabase()
    got = sql_outcomes(db, plan, profiles, date(2020, 6, 30))
    assert (0, "xuchang.sei_sales_milestone.rev_1bn") not in got  # exactly 10亿 is not "突破"
    assert got[(1, "xuchang.sei_sales_milestone.rev_1bn")] == ("eligible", 100000)
    assert_same(plan, got, profiles, date(2020, 6, 30), engine)
