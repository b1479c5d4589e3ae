"""JSON API v1: evaluate, rules, documents, OpenAPI; bad input answers 4xx JSON naming the field, never 500."""
import json

import pytest

from eligibility.web import create_app
from eligibility.rulebook import RuleFileError

PROFILE = {
    "name": "许昌某电气公司", "credit_code": "91350100M000100Y43", "division_code": "411003",
    "strategic_emerging": True, "sales_yuan_by_year": {"2018": 900000000, "2019": 1200000000},
    "recognitions": [{"kind": "smart_factory", "level": "provincial", "obtained_on": "2019-05-20"}], "projects": [],
}


@pytest.fixture(scope="module")
def app(make_app):
    return make_app()


def test_evaluate_returns_awards_with_citations(client):
    response = client.post("/api/v1/evaluate", json={"profile": PROFILE, "as_of": "2020-12-31"})
    assert response.status_code == 200
    body = response.get_json()
    assert body["total_yuan"] == 300000 and body["as_of"] == "2020-12-31" and body["ruleset_version"]
    due = {o["rule_id"]: o for o in body["outcomes"] if o["status"] == "eligible"}
    assert set(due) == {"xuchang.sei_sales_milestone.rev_1bn", "xuchang.smart_mfg.provincial_smart_factory"}
    citation = due["xuchang.sei_sales_milestone.rev_1bn"]["citation"]
    assert citation["document_number"] == "许政[2017]29号" and citation["clause_path"] == "二(一)2"
    assert "首次突破10亿元" in citation["clause_text"]
    assert due["xuchang.sei_sales_milestone.rev_1bn"]["notes"] and due["xuchang.sei_sales_milestone.rev_1bn"]["trace"]


@pytest.mark.parametrize("body, status, field", [
    ({"profile": {**PROFILE, "credit_code": "91350100M000100Y44"}}, 422, "profile.credit_code"),
    ({"profile": {**PROFILE, "sales_yuan_by_year": {"2019": -5}}}, 422, "profile.sales_yuan_by_year.2019"),
    ({"profile": {**PROFILE, "sales_yuan_by_year": {"2019": "很多"}}}, 422, "profile.sales_yuan_by_year.2019"),
    ({"profile": PROFILE, "as_of": "昨天"}, 422, "as_of"),
    ({"profile": {k: v for k, v in PROFILE.items() if k != "name"}}, 422, "profile.name"),
    ({"profil": PROFILE}, 422, "profil"),
    ([1, 2], 422, ""),
])
def test_bad_profile_answers_422_naming_the_field(client, body, status, field):
    response = client.post("/api/v1/evaluate", json=body)
    assert response.status_code == status and response.is_json
    fields = [f["field"] for f in response.get_json()["fields"]]
    assert field in fields or (field == "" and fields)


def test_not_json_answers_400_json(client):
    response = client.post("/api/v1/evaluate", data="{oops", content_type="application/json")
    assert response.status_code == 400 and response.get_json()["error"] == "invalid_json"
    response = client.post("/api/v1/evaluate", data="name=x")
    assert response.status_code == 400 and response.is_json


def test_unknown_paths_and_methods_answer_json(client):
    assert client.get("/api/v1/nothing").get_json()["error"] == "not_found"
    assert client.get("/api/v1/evaluate").status_code == 405
    assert client.get("/api/v1/evaluate").is_json


def test_rules_listing_filters_and_detail(client):
    listing = client.get("/api/v1/rules?city=许昌市&award_kind=fixed").get_json()
    assert listing["count"] >= 21 and all(r["city"] == "许昌市" for r in listing["rules"])
    assert client.get("/api/v1/rules?city=411000&award_kind=ratio").get_json()["count"] == 1
    detail = client.get("/api/v1/rules/xuchang.mfg_innovation_center.national").get_json()
    assert detail["rule"]["clause"]["text"].startswith("启动制造业创新中心培育工作")
    assert detail["rule"]["award"]["amount_yuan"] == 1000000 and detail["document"]["number"] == "许政[2017]29号"
    assert client.get("/api/v1/rules/no.such").status_code == 404


def test_documents_listing(client):
    docs = client.get("/api/v1/documents").get_json()["documents"]
    assert any(d["id"] == "xuchang-2017-29" for d in docs)
    one = client.get("/api/v1/documents/xuchang-2017-29").get_json()
    assert one["document"]["city"] == "许昌市" and len(one["measures"]) == one["document"]["measure_count"]
    assert client.get("/api/v1/documents/nope").status_code == 404


def test_openapi_document_is_generated_from_models(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.1")
    schemas = spec["components"]["schemas"]
    assert {"EvaluateRequest", "EvaluationResult", "Profile", "RuleOutcome", "ErrorBody"} <= set(schemas)
    refs = json.dumps(spec)
    for name in set(__import__("re").findall(r"#/components/schemas/(\w+)", refs)):
        assert name in schemas


def test_broken_rule_file_stops_start_up_naming_file_and_field(tmp_path):
    (tmp_path / "broken.yaml").write_text("document: {id: x}\nrules: []\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"broken.yaml.*field document\."):
        create_app({"TESTING": True, "SECRET_KEY": "t", "RULES_DIR": str(tmp_path)}, instance_path=str(tmp_path / "instance"))
