"""JSON API v1: evaluate, rules, documents, OpenAPI; bad input answers 4xx JSON naming the field, never 500."""
import json

import pytest

from eligibility.rulebook import RuleFileError
from eligibility.web import create_app

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


FULL_PROFILE = {**PROFILE, "sales_yuan_by_year": {"2018": 900000000, "2019": 1200000000},
                "recognitions": [{"kind": "single_champion_product", "level": "national", "obtained_on": "2018-11-01"},
                                 {"kind": "smart_factory", "level": "provincial", "obtained_on": "2019-05-20"}],
                "projects": None}


def _views(client, profile=FULL_PROFILE, as_of="2020-12-31") -> dict:
    return {view: client.post(f"/api/v1/evaluate?view={view}", json={"profile": profile, "as_of": as_of})
            for view in ("default", "full", "summary")}


def test_each_view_agrees_with_the_full_result(client, engine):
    from datetime import date

    from eligibility.profile import Profile
    answers = _views(client)
    assert all(a.status_code == 200 and a.is_json for a in answers.values())
    body = {view: a.get_json() for view, a in answers.items()}
    expected = engine.evaluate(Profile.model_validate(FULL_PROFILE), date(2020, 12, 31)).model_dump(mode="json")
    assert body["full"].pop("view") == "full" and body["full"] == expected
    assert client.post("/api/v1/evaluate", json={"profile": FULL_PROFILE, "as_of": "2020-12-31"}).get_json() == \
        body["default"]
    for view in ("default", "summary"):
        got = body[view]
        assert got["view"] == view and got["total_yuan"] == expected["total_yuan"] and got["counts"] == expected["counts"]
        assert got["as_of"] == "2020-12-31" and got["ruleset_version"] == expected["ruleset_version"]
        for section in ("outcomes", "related_support"):
            assert [(o["rule_id"], o["status"]) for o in got[section]] == [
                (o["rule_id"], o["status"]) for o in expected[section]]
    full_by_id = {o["rule_id"]: o for o in expected["outcomes"]}
    for o in body["default"]["outcomes"]:
        if o["status"] in ("eligible", "may_apply", "undetermined"):
            assert o == full_by_id[o["rule_id"]]
        else:
            assert set(o) == {"rule_id", "title", "status", "status_label", "reason"}
            assert o["reason"] == full_by_id[o["rule_id"]]["reason"]
    assert all(set(o) == {"rule_id", "title", "status", "status_label"} for o in body["default"]["related_support"])
    assert body["default"]["documents"] == expected["documents"]
    for o in body["summary"]["outcomes"]:
        assert o == {"rule_id": o["rule_id"], "status": full_by_id[o["rule_id"]]["status"],
                     "amount_yuan": full_by_id[o["rule_id"]]["amount_yuan"],
                     "clause_path": full_by_id[o["rule_id"]]["citation"]["clause_path"]}
    sizes = {view: len(a.get_data()) for view, a in answers.items()}
    assert sizes["summary"] < sizes["default"] < sizes["full"] / 2


def test_unknown_view_and_view_in_the_body_answer_422_naming_view(client):
    bad = client.post("/api/v1/evaluate?view=everything", json={"profile": PROFILE})
    assert bad.status_code == 422 and bad.get_json()["error"] == "invalid_view"
    assert [f["field"] for f in bad.get_json()["fields"]] == ["view"]
    in_body = client.post("/api/v1/evaluate", json={"profile": PROFILE, "view": "summary"})
    assert in_body.status_code == 422 and [f["field"] for f in in_body.get_json()["fields"]] == ["view"]
    assert "?view=summary" in in_body.get_json()["fields"][0]["message"]


def test_answers_are_gzipped_when_the_client_accepts_gzip(client):
    import gzip
    body = {"profile": FULL_PROFILE, "as_of": "2020-12-31"}
    plain = client.post("/api/v1/evaluate?view=full", json=body)
    packed = client.post("/api/v1/evaluate?view=full", json=body, headers={"Accept-Encoding": "gzip, br"})
    assert "Content-Encoding" not in plain.headers and "Accept-Encoding" in plain.headers["Vary"]
    assert packed.headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed.headers["Vary"]
    raw = packed.get_data()
    assert int(packed.headers["Content-Length"]) == len(raw) < len(plain.get_data()) / 5
    assert gzip.decompress(raw) == plain.get_data()
    refused = client.post("/api/v1/evaluate", json=body, headers={"Accept-Encoding": "gzip;q=0, identity"})
    assert "Content-Encoding" not in refused.headers and refused.is_json
    wildcard = client.get("/api/v1/documents", headers={"Accept-Encoding": "*"})
    assert wildcard.headers["Content-Encoding"] == "gzip"


def test_tiny_answers_are_not_compressed(client):
    tiny = client.post("/api/v1/evaluate?view=nope", json={"profile": PROFILE}, headers={"Accept-Encoding": "gzip"})
    assert tiny.status_code == 422 and "Content-Encoding" not in tiny.headers
    assert "Accept-Encoding" in tiny.headers["Vary"] and tiny.get_json()["error"] == "invalid_view"


def test_openapi_describes_each_view(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    schemas = spec["components"]["schemas"]
    evaluate = spec["paths"]["/api/v1/evaluate"]["post"]
    [view] = [p for p in evaluate["parameters"] if p["name"] == "view"]
    assert view["in"] == "query" and view["schema"]["enum"] == ["default", "full", "summary"]
    assert view["schema"]["default"] == "default" and "summary" in view["description"]
    answer = evaluate["responses"]["200"]["content"]["application/json"]["schema"]
    assert answer["discriminator"]["propertyName"] == "view"
    mapping = answer["discriminator"]["mapping"]
    assert set(mapping) == {"default", "full", "summary"}
    for name, ref in mapping.items():
        model = schemas[ref.rsplit("/", 1)[1]]
        assert model["properties"]["view"]["const"] == name and "view" in model["required"]
        assert {"$ref": ref} in answer["oneOf"]
    default = schemas[mapping["default"].rsplit("/", 1)[1]]
    items = default["properties"]["outcomes"]["items"]
    assert {"OutcomeInFull", "OutcomeInBrief"} == {ref.rsplit("/", 1)[1] for ref in items["discriminator"]["mapping"].values()}
    assert "citation" in schemas["OutcomeInFull"]["properties"] and "citation" not in schemas["OutcomeInBrief"]["properties"]
    assert "gzip" in evaluate["responses"]["200"]["description"]


def test_every_ref_of_the_openapi_document_resolves(client):
    spec = client.get("/api/v1/openapi.json").get_json()

    def refs(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "$ref" or (key == "mapping" and isinstance(value, dict)):
                    yield from ([value] if key == "$ref" else value.values())
                else:
                    yield from refs(value)
        elif isinstance(node, list):
            for value in node:
                yield from refs(value)

    found = list(refs(spec))
    assert found
    for ref in found:
        target = spec
        for part in ref.removeprefix("#/").split("/"):
            target = target[part]
        assert isinstance(target, dict) and target, ref
