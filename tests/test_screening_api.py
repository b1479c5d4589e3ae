"""POST /api/v1/screen: JSON Lines in, one JSON line per input line out, equal to POST /api/v1/evaluate; bounded."""
import json

from eligibility.web import screen_api
from strategies import credit_code

NDJSON = "application/x-ndjson"
PROFILE = {"name": "许昌某公司", "credit_code": credit_code(1), "division_code": "411002", "strategic_emerging": True,
           "sales_yuan_by_year": {"2018": 900000000, "2019": 1200000000},
           "projects": [{"name": "强基", "kind": "industrial_foundation", "approved_on": "2018-05-01",
                         "national_grant_yuan": 3000001}]}


def test_lines_out_equal_evaluate(client):
    other = {**PROFILE, "credit_code": credit_code(2), "division_code": "150203"}
    body = "\n".join([json.dumps(PROFILE), json.dumps({"name": "坏"}), json.dumps(other)]) + "\n"
    response = client.post("/api/v1/screen?as_of=2020-12-31", data=body.encode(), content_type=NDJSON)
    assert response.status_code == 200 and response.mimetype == NDJSON
    lines = [json.loads(x) for x in response.get_data(as_text=True).splitlines()]
    assert [x["line"] for x in lines] == [1, 2, 3]
    assert lines[1]["error"] == "invalid_profile" and {f["field"] for f in lines[1]["fields"]} == {
        "credit_code", "division_code"}
    for line, profile in ((lines[0], PROFILE), (lines[2], other)):
        result = client.post("/api/v1/evaluate?view=full", json={"profile": profile, "as_of": "2020-12-31"}).get_json()
        assert line["total_yuan"] == result["total_yuan"]
        assert {o["rule_id"]: (o["status"], o["amount_yuan"]) for o in line["outcomes"]} == {
            o["rule_id"]: (o["status"], o["amount_yuan"]) for o in (*result["outcomes"], *result["related_support"])}
    assert lines[0]["total_yuan"] == 100000 + 1500001  # 10亿 milestone + half of 3,000,001 rounded half up


def test_limits_answer_json_errors_naming_the_limit(client, monkeypatch):
    response = client.post("/api/v1/screen", data=b"{}", content_type="application/json")
    assert response.status_code == 415 and response.get_json()["error"] == "unsupported_media_type"
    monkeypatch.setattr(screen_api, "MAX_LINES", 2)
    response = client.post("/api/v1/screen", data=b"{}\n{}\n{}\n", content_type=NDJSON)
    assert response.status_code == 413 and "最多测算2行" in response.get_json()["message"]
    monkeypatch.setattr(screen_api, "MAX_BYTES", 10)
    response = client.post("/api/v1/screen", data=b"x" * 11, content_type=NDJSON)
    assert response.status_code == 413 and response.get_json()["error"] == "payload_too_large"
    monkeypatch.setattr(screen_api, "MAX_BYTES", 1000)
    response = client.post("/api/v1/screen?as_of=2020-13-01", data=b"{}", content_type=NDJSON)
    assert response.status_code == 400 and response.get_json()["error"] == "invalid_as_of"


def test_template_workbook_download(client):
    response = client.get("/api/v1/screen/template.xlsx")
    assert response.status_code == 200 and response.data[:2] == b"PK"
