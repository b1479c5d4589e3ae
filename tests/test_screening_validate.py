"""Registry tables are validated by the profile's own rules: checking column by column (distinct values, plain-value
pre-tests in SQL) rejects exactly the enterprises that validating each one as a whole Profile rejects, with the same
Chinese messages, and makes the same canonical rows of the rest; table-only mistakes are reported by line."""
import copy
import json

import pyarrow as pa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from eligibility.creditcode import credit_code_problem
from eligibility.errors import chinese_errors
from eligibility.profile import Profile
from eligibility.screening.canonical import canonical_tables
from eligibility.screening.database import DuckDatabase
from eligibility.screening.loaders import load
from eligibility.screening.validate import CODE_PLAIN, _check_character_sql
from screening_tables import as_profile_dicts, profile_rows, write_csv
from strategies import registries

BAD = {
    ("enterprises", "credit_code"): ["91350100M000100Y44", "91350100m000100y43", "9135010"],
    ("enterprises", "division_code"): ["41100", " 411002 ", "410000"],
    ("enterprises", "name"): ["", "长" * 201, "  有空格的名称 "],
    ("enterprises", "strategic_emerging"): ["也许", "是", "0"],
    ("enterprises", "industry_code"): ["c38", "Z99", "C3"],
    ("enterprises", "sector_tags"): ["new_materials、unknown_tag", "无", "new_materials, robotics"],
    ("enterprises", "controlled_by"): ["state"],
    ("enterprises", "scale"): ["huge"],
    ("sales", "sales_yuan"): ["-5", "12.5", "1,200", "100000000000001"],
    ("sales", "year"): ["1900", "20x9"],
    ("recognitions", "kind"): ["unknown_kind"],
    ("recognitions", "level"): ["municipal", "county"],
    ("recognitions", "obtained_on"): ["2019-02-30", "2099-01-01", "2019/01/01"],
    ("recognitions", "valid_until"): ["2000-01-01"],
    ("recognitions", "renewal_of"): ["   "],
    ("projects", "approved_on"): ["2019-1-1"],
    ("projects", "national_grant_yuan"): ["abc", "-1"],
    ("projects", "name"): [""],
}


@st.composite
def damaged_registries(draw):
    """A generated registry as tables, with at most one cell per enterprise replaced by a typical mistake."""
    profiles = draw(registries(min_size=3, max_size=15))
    rows = profile_rows(profiles)
    touched = set()
    for _ in range(draw(st.integers(0, 6))):
        table, column = draw(st.sampled_from(sorted(BAD)))
        if not rows[table]:
            continue
        index = draw(st.integers(0, len(rows[table]) - 1))
        code = rows[table][index]["credit_code"]
        if code in touched:
            continue
        touched.add(code)
        rows[table][index][column] = draw(st.sampled_from(BAD[(table, column)]))
    return profiles, rows


def rowwise(rows: dict) -> tuple[dict[str, list[str]], list[Profile]]:
    """The reference: each enterprise validated as one Profile (messages by credit code), and those accepted."""
    rejected, accepted = {}, []
    for _, data in as_profile_dicts(rows):
        try:
            accepted.append(Profile.model_validate(data))
        except ValidationError as exc:
            rejected[data.get("credit_code")] = [e.message for e in chinese_errors(exc)]
    return rejected, accepted


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(damaged=damaged_registries())
def test_column_checks_equal_whole_profile_validation(tmp_path_factory, damaged):
    _, rows = damaged
    folder = tmp_path_factory.mktemp("csv")
    db = DuckDatabase()
    loaded = load(db, write_csv(rows, folder))
    rejected, accepted = rowwise(rows)
    raw_codes = {line: r["credit_code"] for line, r in enumerate(rows["enterprises"], start=2)}
    by_code: dict[str, list[str]] = {}
    for error in loaded.errors:
        code = raw_codes[error.line] if error.table == "enterprises" else error.credit_code
        by_code.setdefault(code, []).extend(f.message for f in error.fields)
    enterprise_lines = {e.line for e in loaded.errors if e.table == "enterprises"}
    rejected_by_table = {raw_codes[line] for line in enterprise_lines}
    screened = {r[0] for r in db.rows("SELECT line FROM c_enterprises")}
    assert {raw_codes[line] for line in raw_codes if line not in screened} == set(rejected), (by_code, rejected)
    for code, messages in rejected.items():
        found = by_code.get(code, []) + by_code.get(code.strip().upper() if isinstance(code, str) else code, [])
        assert set(messages) <= set(found), (code, messages, found)
    assert rejected_by_table <= set(rejected) | {c for c in rejected_by_table if c in rejected}
    expected = canonical_tables(accepted)
    for name in ("enterprises", "sales", "recognitions", "projects"):
        columns = [f.name for f in expected[name].schema if f.name != "line"]
        got = db.arrow(f"SELECT {', '.join(columns)} FROM c_{name} ORDER BY ALL").to_pylist()
        want = sorted(expected[name].select(columns).to_pylist(), key=lambda r: tuple(
            (v is None, v) for v in r.values()))
        got = sorted(got, key=lambda r: tuple((v is None, v) for v in r.values()))
        assert got == want, name
    db.close()


@given(code=st.one_of(st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXYZIOSV ", min_size=16, max_size=19),
                      st.from_regex(CODE_PLAIN, fullmatch=True)))
@settings(max_examples=400, deadline=None)
def test_the_sql_credit_code_test_only_clears_codes_the_profile_accepts_unchanged(code):
    import duckdb
    con = duckdb.connect()
    con.execute("CREATE TABLE t (c VARCHAR)")
    con.execute("INSERT INTO t VALUES (?)", [code])
    plain, = con.execute(f"SELECT regexp_matches(c, '{CODE_PLAIN}') AND substr(c, 18, 1) = "
                         f"{_check_character_sql('c')} FROM t").fetchone()
    assert bool(plain) == (credit_code_problem(code) is None and code == code.strip().upper())


def _rows_of(profiles):
    return profile_rows(profiles)


def test_table_only_mistakes_are_reported_by_line(tmp_path):
    from strategies import credit_code
    base = {"name": "许昌某公司", "division_code": "411002"}
    profiles = [Profile.model_validate({**base, "credit_code": credit_code(i), "recognitions": []}) for i in range(3)]
    rows = _rows_of(profiles)
    rows["enterprises"].append(copy.deepcopy(rows["enterprises"][0]))  # the same code twice
    rows["sales"] += [{"credit_code": credit_code(1), "year": 2019, "sales_yuan": 5},
                      {"credit_code": credit_code(1), "year": 2019, "sales_yuan": 6},  # the same year twice
                      {"credit_code": credit_code(99), "year": 2019, "sales_yuan": 5}]  # no such enterprise
    rows["enterprises"][2]["projects_reported"] = False
    rows["projects"].append({"credit_code": credit_code(2), "name": "项目", "kind": "industrial_foundation",
                             "approved_on": "2019-01-01"})
    db = DuckDatabase()
    loaded = load(db, write_csv(rows, tmp_path))
    errors = {(e.table, e.line): [f.model_dump() for f in e.fields] for e in loaded.errors}
    assert errors[("enterprises", 2)][0]["field"] == "credit_code" and "第5行" in errors[("enterprises", 2)][0]["message"]
    assert errors[("enterprises", 5)][0]["message"].startswith("与本表第2行")
    assert errors[("sales", 2)] == errors[("sales", 3)] == [{"field": "year", "message": "同一企业的同一年度填报了多行"}]
    assert errors[("sales", 4)] == [{"field": "credit_code", "message": "企业表中没有这个统一社会信用代码"}]
    assert errors[("enterprises", 4)] == [{"field": "projects_reported", "message": "标为未填报,但项目表中有本企业的记录"}]
    assert loaded.enterprises == 0 and loaded.rejected_enterprises == 4
    json.dumps([e.json() for e in loaded.errors], ensure_ascii=False)


def test_list_caps_use_the_profile_message(tmp_path):
    from strategies import credit_code
    profile = Profile.model_validate({"name": "许昌某公司", "division_code": "411002", "credit_code": credit_code(1)})
    rows = _rows_of([profile])
    rows["sales"] = [{"credit_code": credit_code(1), "year": 1949 + i, "sales_yuan": 1} for i in range(70)]
    rows["recognitions"] = [{"credit_code": credit_code(1), "kind": "smart_factory", "level": "provincial",
                             "obtained_on": "2019-01-01"}] * 201
    loaded = load(DuckDatabase(), write_csv(rows, tmp_path))
    [error] = loaded.errors
    assert error.fields[0].field == "recognitions" and "最多200项" in error.fields[0].message
    assert pa  # Arrow is what the loaders hand to the database
