"""Generated registries for the screening benchmark: DuckDB writes them itself (no Python loop per enterprise).

A realistic mix: the five cities' counties (and 3% from elsewhere), valid credit codes, unknown answers, sales
around the thresholds with gaps in the years, titles with renewals and expiry dates, several projects.
Deterministic for a given size and seed.
"""
from pathlib import Path

import duckdb

from eligibility.creditcode import ALPHABET, WEIGHTS
from eligibility.vocabulary import divisions, vocabulary


def _pick(values: list, salt: int, key: str = "i") -> str:
    """An SQL expression picking one of the values by hash of the key."""
    items = ", ".join("NULL" if v is None else f"'{v}'" for v in values)
    return f"([{items}])[1 + (hash({key}, {salt}) % {len(values)})::INTEGER]"


def _u(salt: int, key: str = "i") -> str:
    """A uniform number in [0, 1) from the hash of the key."""
    return f"((hash({key}, {salt}) % 1000000) / 1000000.0)"


def _check_character(code: str) -> str:
    terms = " + ".join(f"(strpos('{ALPHABET}', substr({code}, {i + 1}, 1)) - 1) * {w}" for i, w in enumerate(WEIGHTS))
    return f"substr('{ALPHABET}', 1 + (31 - ({terms}) % 31) % 31, 1)"


def generate(folder: Path, n: int, seed: int = 7) -> dict[str, Path]:
    """Write enterprises, sales, recognitions and projects Parquet files for n enterprises; returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    vocab = vocabulary()
    counties = [c for city in divisions().values() for c in city["counties"]] + list(divisions())
    elsewhere = ["110101", "310104", "440305"]
    tags = list(vocab["sector_tags"])
    kinds = [(k, lv) for k, spec in vocab["recognition_kinds"].items() for lv in spec["levels"]]
    s = seed * 1000
    con = duckdb.connect()
    first17 = (f"'91' || CASE WHEN {_u(s + 1)} < 0.03 THEN {_pick(elsewhere, s + 2)} ELSE {_pick(counties, s + 3)} END"
               f" || lpad(CAST(i AS VARCHAR), 9, '0')")
    con.execute(f"""CREATE TABLE base AS SELECT i, {first17} AS first17 FROM range({n}) t(i)""")
    tag_list = f"list_distinct([{', '.join(_pick(tags, s + 40 + k) for k in range(3))}][1:(hash(i, {s + 39}) % 4)::INTEGER])"
    con.execute(f"""CREATE TABLE enterprises AS SELECT
        first17 || {_check_character('first17')} AS credit_code,
        '生成企业' || i AS name,
        substr(first17, 3, 6) AS division_code,
        {_pick(['enterprise'] * 17 + ['institution', 'park_management', None], s + 5)} AS entity_kind,
        {_pick([True, True, False, False, False, None], s + 6)}::BOOLEAN AS strategic_emerging,
        {_pick(['C38', 'C39', 'C27', 'C17', 'C32', 'C3811', 'I65', 'C13', 'C26', 'C35', None], s + 7)} AS industry_code,
        CASE WHEN {_u(s + 8)} < 0.2 THEN NULL WHEN hash(i, {s + 39}) % 4 = 0 THEN '无'
             ELSE array_to_string({tag_list}, ',') END AS sector_tags,
        {_pick([True, True, False, None], s + 9)}::BOOLEAN AS above_designated_size,
        {_pick(['large', 'medium', 'small', 'small', 'micro', None], s + 10)} AS scale,
        {_pick(['private', 'private', 'private', 'state', 'foreign', 'collective', 'mixed', None], s + 11)} AS ownership,
        {_u(s + 12)} AS u_controller,
        CASE WHEN {_u(s + 13)} < 0.85 THEN TRUE END AS recognitions_reported,
        CASE WHEN {_u(s + 14)} < 0.75 THEN TRUE END AS projects_reported
        FROM base""")
    con.execute("""ALTER TABLE enterprises ADD COLUMN controlled_by VARCHAR""")
    con.execute(f"""UPDATE enterprises SET controlled_by = CASE WHEN u_controller < 0.8 THEN
        {_pick(['private', 'state', 'foreign', 'collective'], s + 15, 'credit_code')} END WHERE ownership = 'mixed'""")
    con.execute("ALTER TABLE enterprises DROP COLUMN u_controller")
    # Sales: 0–6 consecutive years (sometimes one missing) around the 10亿/20亿/50亿 thresholds.
    con.execute(f"""CREATE TABLE sales AS
        WITH spans AS (SELECT b.i, e.credit_code, 2013 + (hash(b.i, {s + 20}) % 6)::INTEGER AS y0,
                              (hash(b.i, {s + 21}) % 7)::INTEGER AS years
                       FROM base b POSITIONAL JOIN enterprises e)
        SELECT credit_code, y0 + k AS year,
               CASE WHEN hash(i, k, {s + 22}) % 20 = 0 THEN ([1000000000, 1000000001, 2000000000, 2000000001])[1 + (hash(i, k, {s + 23}) % 4)::INTEGER]
                    ELSE CAST(exp(ln(8e8) + (({_u(s + 24, 'i, k')}) - 0.5) * 3.2) AS BIGINT) END AS sales_yuan
        FROM spans, range(7) r(k) WHERE k < years AND hash(i, k, {s + 25}) % 9 <> 0""")
    con.execute(f"""CREATE TABLE recognitions AS
        WITH counts AS (SELECT b.i, e.credit_code, e.recognitions_reported FROM base b POSITIONAL JOIN enterprises e)
        SELECT credit_code, kl[1] AS kind, kl[2] AS level, obtained_on,
               CASE WHEN hash(i, k, {s + 31}) % 3 = 0 THEN NULL
                    ELSE CAST(obtained_on + INTERVAL 3 YEAR - INTERVAL 1 DAY AS DATE) END AS valid_until,
               NULL::VARCHAR AS name, NULL::VARCHAR AS document_number,
               CASE WHEN hash(i, k, {s + 32}) % 10 = 0 THEN '原称号' END AS renewal_of
        FROM (SELECT i, k, credit_code, {_pick([list(x) for x in kinds], s + 33, 'i, k').replace("'[", "[").replace("]'", "]")} AS kl,
                     DATE '2014-01-01' + CAST(hash(i, k, {s + 34}) % 3650 AS INTEGER) AS obtained_on
              FROM counts, range(4) r(k)
              WHERE recognitions_reported AND k < (hash(i, {s + 35}) % 5)::INTEGER - 1)""")
    project_kinds = list(vocab["project_kinds"])
    grant = "([NULL, 0, 800000, 1500001, 3000001, 8000000, 20000000])"
    con.execute(f"""CREATE TABLE projects AS
        WITH counts AS (SELECT b.i, e.credit_code, e.projects_reported FROM base b POSITIONAL JOIN enterprises e)
        SELECT credit_code, '项目' || k AS name, {_pick(project_kinds, s + 50, 'i, k')} AS kind,
               DATE '2014-01-01' + CAST(hash(i, k, {s + 51}) % 3650 AS INTEGER) AS approved_on,
               NULL::VARCHAR AS approval_number,
               {grant}[1 + (hash(i, k, {s + 52}) % 7)::INTEGER]::BIGINT AS new_investment_yuan,
               {grant}[1 + (hash(i, k, {s + 53}) % 7)::INTEGER]::BIGINT AS national_grant_yuan,
               {grant}[1 + (hash(i, k, {s + 54}) % 7)::INTEGER]::BIGINT AS provincial_grant_yuan
        FROM counts, range(3) r(k) WHERE projects_reported AND k < (hash(i, {s + 55}) % 5)::INTEGER - 1""")
    paths = {}
    for table in ("enterprises", "sales", "recognitions", "projects"):
        paths[table] = folder / f"{table}.parquet"
        con.execute(f"COPY {table} TO '{paths[table]}' (FORMAT PARQUET)")
    con.close()
    return paths
