"""One registry as JSON Lines, CSV, Parquet, an Excel workbook or tables in PostgreSQL: the same screening."""
import os
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings

from eligibility.screening.database import DuckDatabase
from eligibility.screening.outputs import jsonl_rows
from eligibility.screening.run import screen
from eligibility.screening.validate import RegistryError
from screening_tables import profile_rows, write_csv, write_parquet, write_xlsx
from strategies import as_of_dates, registries

PG_URL = os.environ.get("TEST_POSTGRES_URL")


def result_of(screening) -> list[tuple]:
    return [(r["credit_code"], r["total_yuan"], tuple((o["rule_id"], o["status"], o["amount_yuan"])
                                                     for o in r["outcomes"])) for r in jsonl_rows(screening)]


@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(profiles=registries(min_size=5, max_size=20), as_of=as_of_dates)
def test_every_format_screens_the_same(tmp_path_factory, profiles, as_of):
    folder = tmp_path_factory.mktemp("formats")
    with open(folder / "r.jsonl", "w", encoding="utf-8") as out:
        out.writelines(p.model_dump_json() + "\n" for p in profiles)
    rows = profile_rows(profiles)
    expected = result_of(screen(folder / "r.jsonl", as_of))
    assert len(expected) == len(profiles)
    for registry in (write_csv(rows, folder / "csv"), write_parquet(rows, folder / "parquet"),
                     write_xlsx(rows, folder / "r.xlsx")):
        screening = screen(registry, as_of)
        assert screening.loaded.errors == [], registry
        assert result_of(screening) == expected, registry


def test_unknown_and_missing_columns_stop_with_a_message(tmp_path):
    (tmp_path / "enterprises.csv").write_text("credit_code,name,divison_code\n", encoding="utf-8")
    with pytest.raises(RegistryError, match="未知的列:divison_code"):
        screen(tmp_path / "enterprises.csv", date(2020, 12, 31))
    (tmp_path / "enterprises.csv").write_text("credit_code,name\n", encoding="utf-8")
    with pytest.raises(RegistryError, match="缺少必填的列"):
        screen(tmp_path, date(2020, 12, 31))


def test_tables_in_postgresql_are_screened_there(tmp_path):
    if not PG_URL:
        if os.environ.get("CI"):
            pytest.fail("TEST_POSTGRES_URL is not set in CI: dev.py test starts PostgreSQL")
        pytest.skip("no PostgreSQL server (TEST_POSTGRES_URL)")
    import pyarrow.parquet as pq
    from sqlalchemy import create_engine, text

    from eligibility.profile import Profile
    from strategies import credit_code
    profiles = [Profile.model_validate({
        "name": f"企业{i}", "credit_code": credit_code(i), "division_code": code, "strategic_emerging": True,
        "sales_yuan_by_year": {"2018": 900_000_000, "2019": 1_000_000_000 + i},
        "recognitions": [{"kind": "smart_factory", "level": "provincial", "obtained_on": "2019-05-20"}],
        "projects": [{"name": "强基", "kind": "industrial_foundation", "approved_on": "2018-05-01",
                      "national_grant_yuan": 3_000_001}]}) for i, code in enumerate(["411002", "150203", "411000"])]
    folder = write_parquet(profile_rows(profiles), tmp_path).parent
    schema = f"reg_{os.getpid()}"
    engine = create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    for name in ("enterprises", "sales", "recognitions", "projects"):
        data = pq.read_table(folder / f"{name}.parquet")
        from eligibility.screening.database import PostgresDatabase
        db = PostgresDatabase(PG_URL)
        columns = ", ".join(f'"{f.name}" {_pg(f.type)}' for f in data.schema)
        db.con.execute(f'CREATE TABLE "{schema}"."{name}" ({columns})')
        with db.con.cursor().copy(f'COPY "{schema}"."{name}" FROM STDIN') as copy:
            for row in data.to_pylist():
                copy.write_row(list(row.values()))
        db.close()
    on_pg = None
    try:
        on_pg = screen(schema, date(2020, 12, 31), database_url=PG_URL)
        assert on_pg.db.dialect == "postgresql" and on_pg.loaded.errors == []
        with open(tmp_path / "r.jsonl", "w", encoding="utf-8") as out:
            out.writelines(p.model_dump_json() + "\n" for p in profiles)
        assert result_of(on_pg) == result_of(screen(tmp_path / "r.jsonl", date(2020, 12, 31)))
        xuchang = dict((rule, (status, amount)) for rule, status, amount in result_of(on_pg)[0][2])
        assert xuchang["xuchang.industrial_foundation.national_matching"] == ("eligible", 1500001)
    finally:
        if on_pg is not None:
            on_pg.db.close()
        with engine.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        engine.dispose()


def _pg(kind) -> str:
    import pyarrow as pa
    return {pa.string(): "TEXT", pa.bool_(): "BOOLEAN", pa.date32(): "DATE", pa.int64(): "BIGINT",
            pa.int32(): "INTEGER"}.get(kind, "TEXT")


def test_duckdb_is_the_default():
    assert isinstance(DuckDatabase(), DuckDatabase)
