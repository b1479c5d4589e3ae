"""`flask screen` on a JSON Lines registry gives, for every enterprise, exactly the statuses and amounts of
POST /api/v1/evaluate; bad lines go to RESULT.errors.jsonl in the API's words; Parquet and Excel outputs."""
import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
from hypothesis import HealthCheck, given, settings
from openpyxl import load_workbook

from strategies import as_of_dates, registries

ROOT = Path(__file__).resolve().parent.parent


def write_jsonl(profiles, path: Path, extra: list[str] = ()) -> Path:
    with open(path, "w", encoding="utf-8") as out:
        for p in profiles:
            out.write(p.model_dump_json(exclude_none=True) + "\n")
        for line in extra:
            out.write(line + "\n")
    return path


def api_outcomes(client, profile, as_of) -> tuple[int, dict]:
    body = {"profile": json.loads(profile.model_dump_json(exclude_none=True)), "as_of": as_of.isoformat()}
    result = client.post("/api/v1/evaluate?view=full", json=body).get_json()
    outcomes = {o["rule_id"]: (o["status"], o["amount_yuan"]) for o in (*result["outcomes"], *result["related_support"])}
    return result["total_yuan"], outcomes


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@given(profiles=registries(min_size=10, max_size=25), as_of=as_of_dates)
def test_screen_jsonl_equals_the_api_for_every_enterprise(app, tmp_path_factory, profiles, as_of):
    folder = tmp_path_factory.mktemp("screen")
    registry = write_jsonl(profiles, folder / "registry.jsonl")
    result = app.test_cli_runner().invoke(args=["screen", str(registry), "--as-of", as_of.isoformat(),
                                                "--out", str(folder / "result.jsonl")])
    assert result.exit_code == 0, result.output
    assert f"已测算企业 {len(profiles)} 家;有误的行 0 行" in result.output
    lines = [json.loads(line) for line in (folder / "result.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [line["credit_code"] for line in lines] == [p.credit_code for p in profiles]
    client = app.test_client()
    for line, profile in zip(lines, profiles, strict=False):
        total, expected = api_outcomes(client, profile, as_of)
        assert line["total_yuan"] == total
        assert {o["rule_id"]: (o["status"], o["amount_yuan"]) for o in line["outcomes"]} == expected
    assert (folder / "result.errors.jsonl").read_text(encoding="utf-8") == ""


def test_bad_lines_are_reported_in_the_api_words_and_the_rest_screened(app, client, tmp_path):
    from strategies import credit_code
    good = {"name": "许昌某公司", "credit_code": credit_code(1), "division_code": "411002",
            "recognitions": [{"kind": "mfg_innovation_center", "level": "national", "obtained_on": "2018-01-02"}]}
    bad = {"name": "许昌某公司", "credit_code": "123", "division_code": "411002", "sales_yuan_by_year": {"2019": 1.5}}
    path = tmp_path / "registry.jsonl"
    path.write_text("\n".join([json.dumps(good, ensure_ascii=False), json.dumps(bad, ensure_ascii=False), "{oops",
                               json.dumps(good, ensure_ascii=False)]) + "\n", encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["screen", str(path), "--as-of", "2020-12-31", "--out",
                                                str(tmp_path / "r.jsonl")])
    assert result.exit_code == 0 and "已测算企业 1 家;有误的行 3 行" in result.output
    assert "xuchang.mfg_innovation_center.national" in result.output and "100万元" in result.output
    errors = [json.loads(x) for x in (tmp_path / "r.errors.jsonl").read_text(encoding="utf-8").splitlines()]
    api = client.post("/api/v1/evaluate?view=full", json={"profile": bad}).get_json()["fields"]
    assert errors[0] == {"line": 2, "credit_code": "123",
                         "fields": [{"field": f["field"].removeprefix("profile."), "message": f["message"]}
                                    for f in api]}
    assert errors[1] == {"line": 3, "fields": [{"field": "", "message": "不是有效的 JSON"}]}
    assert errors[2]["line"] == 4 and "第1行" in errors[2]["fields"][0]["message"]
    [line] = [json.loads(x) for x in (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()]
    assert line["total_yuan"] == 1000000


def test_parquet_and_xlsx_outputs_are_long(app, tmp_path):
    from strategies import credit_code
    good = {"name": "=HYPERLINK(\"x\")", "credit_code": credit_code(1), "division_code": "411002",
            "recognitions": [{"kind": "mfg_innovation_center", "level": "national", "obtained_on": "2018-01-02"}]}
    path = tmp_path / "registry.jsonl"
    path.write_text(json.dumps(good, ensure_ascii=False) + "\n", encoding="utf-8")
    runner = app.test_cli_runner()
    assert runner.invoke(args=["screen", str(path), "--as-of", "2020-12-31", "--out", str(tmp_path / "r.parquet")]
                         ).exit_code == 0
    rows = pq.read_table(tmp_path / "r.parquet").to_pylist()
    assert {"credit_code": credit_code(1), "rule_id": "xuchang.mfg_innovation_center.national", "status": "eligible",
            "amount_yuan": 1000000} in rows
    assert all(r["status"] in ("eligible", "may_apply", "undetermined") for r in rows)
    totals = pq.read_table(tmp_path / "r.totals.parquet").to_pylist()
    assert totals[0]["total_yuan"] == 1000000
    assert runner.invoke(args=["screen", str(path), "--as-of", "2020-12-31", "--out", str(tmp_path / "r.xlsx"),
                               "--city", "许昌市"]).exit_code == 0
    book = load_workbook(tmp_path / "r.xlsx")
    assert book.sheetnames == ["汇总", "企业", "结果"]
    assert book["企业"]["B2"].value == "'=HYPERLINK(\"x\")"  # a formula-looking name is written as text
    assert ["xuchang.mfg_innovation_center.national", "国家级制造业创新中心一次性奖励", 1, 1000000, 0, 0] in [
        [c.value for c in row] for row in book["汇总"].iter_rows(min_row=2)]


def test_python_module_screen_and_unknown_city(tmp_path):
    from strategies import credit_code
    path = tmp_path / "registry.jsonl"
    path.write_text(json.dumps({"name": "x", "credit_code": credit_code(1), "division_code": "411002"}) + "\n",
                    encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "eligibility", "screen", str(path), "--as-of", "2020-12-31",
                           "--out", str(tmp_path / "r.jsonl")], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "已测算企业 1 家" in done.stdout
    done = subprocess.run([sys.executable, "-m", "eligibility", "screen", str(path), "--as-of", "2020-12-31",
                           "--out", str(tmp_path / "r.jsonl"), "--city", "北京市"], cwd=ROOT, capture_output=True,
                          text=True)
    assert done.returncode == 2 and "未知的城市" in done.stderr
