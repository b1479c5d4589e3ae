"""The self-check pages through Flask's test client: form, validation, result, JSON save and load."""
import io
import json
import re
from html import unescape as html_unescape

import pytest


XUCHANG = {
    "name": "许昌智造有限公司", "credit_code": "91350100M000100Y43", "division_code": "411000",
    "entity_kind": "enterprise", "strategic_emerging": "yes", "amount_unit": "wan",
    "sales-0-year": "2018", "sales-0-amount": "90000", "sales-1-year": "2019", "sales-1-amount": "120000",
    "recognition_state": "yes", "recognitions-0-kind": "smart_factory", "recognitions-0-level": "provincial",
    "recognitions-0-obtained_on": "2019-05-20", "as_of": "2020-12-31",
}


def error_beside(html: str, field_id: str) -> str | None:
    """The error message rendered for a field, if any."""
    found = re.search(rf'<p class="error" id="{re.escape(field_id)}-error">([^<]*)</p>', html)
    return found.group(1) if found else None


def test_form_page(client):
    response = client.get("/")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<html lang="zh-CN">' in html
    for label in ("统一社会信用代码", "注册地", "是否为战略性新兴产业企业", "测算日期", "增加一项认定"):
        assert label in html
    assert "许昌市" in html and "长葛市" in html  # cities and counties
    assert "制造业创新中心" in html  # recognition kinds with Chinese labels


def test_why_text_derives_from_rules(client):
    html = client.get("/").get_data(as_text=True)
    why = html.split('data-why="strategic_emerging"')[1].split("</details>")[0]
    assert "战略性新兴产业企业年销售收入首次突破10亿元奖励" in why


def test_questions_no_rule_of_the_city_needs_are_hidden(client):
    html = client.post("/", data={**XUCHANG, "add_row": "sales"}).get_data(as_text=True)
    assert re.search(r'data-question="strategic_emerging"(?! hidden)', html)
    assert re.search(r'data-question="sales_yuan_by_year"(?! hidden)', html)
    ningbo = {k: v for k, v in XUCHANG.items() if k not in ("strategic_emerging",) and not k.startswith("sales")}
    html = client.post("/", data={**ningbo, "division_code": "330212", "add_row": "recognitions"}).get_data(as_text=True)
    assert 'data-question="strategic_emerging" hidden' in html  # no Ningbo rule tests it


def test_valid_xuchang_profile_gets_30_wan_with_both_clauses(client):
    response = client.post("/", data=XUCHANG)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "合计 30万元" in html
    assert "10万元" in html and "20万元" in html
    assert "二(一)2" in html and "二(三)10" in html
    assert "许政[2017]29号" in html
    assert "<details>" in html  # verbatim clause text expandable


def test_bad_credit_code_shows_error_beside_field_and_keeps_answers(client):
    response = client.post("/", data={**XUCHANG, "credit_code": "91350100M000100Y44"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "校验位" in error_beside(html, "credit_code")
    described = re.search(r'aria-describedby="([^"]*)"[^>]*id="credit_code"', html).group(1).split()
    assert "credit_code-error" in described
    assert 'value="许昌智造有限公司"' in html and 'value="120000"' in html and 'value="2019-05-20"' in html
    assert 'selected value="smart_factory"' in html


def test_non_number_amount_gets_message_beside_it(client):
    response = client.post("/", data={**XUCHANG, "sales-1-amount": "十二亿"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "数字" in error_beside(html, "sales-1-amount")
    assert 'value="十二亿"' in html


def test_future_recognition_date_error_beside_its_row(client):
    html = client.post("/", data={**XUCHANG, "recognitions-0-obtained_on": "2999-01-01"}).get_data(as_text=True)
    assert "不能晚于今天" in error_beside(html, "recognitions-0-obtained_on")


def test_amounts_in_yuan(client):
    data = {**XUCHANG, "amount_unit": "yuan", "sales-0-amount": "900000000", "sales-1-amount": "1200000000"}
    assert "合计 30万元" in client.post("/", data=data).get_data(as_text=True)


def test_unanswered_sei_is_undetermined(client):
    data = {k: v for k, v in XUCHANG.items() if k != "strategic_emerging"}
    html = client.post("/", data=data).get_data(as_text=True)
    assert "待确定" in html
    assert "请填报:是否为战略性新兴产业企业" in html
    assert "合计 20万元" in html


def test_add_and_remove_rows_without_javascript(client):
    html = client.post("/", data={**XUCHANG, "add_row": "recognitions"}).get_data(as_text=True)
    assert 'name="recognitions-1-kind"' in html and "合计" not in html
    html = client.post("/", data={**XUCHANG, "remove_row": "recognitions-0"}).get_data(as_text=True)
    assert 'selected value="smart_factory"' not in html


def test_json_download_and_upload_round_trip(client):
    response = client.post("/selfcheck.json", data=XUCHANG)
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    saved = json.loads(response.get_data(as_text=True))
    assert saved["as_of"] == "2020-12-31"
    assert saved["profile"]["strategic_emerging"] is True
    assert saved["profile"]["sales_yuan_by_year"] == {"2018": 900000000, "2019": 1200000000}
    assert saved["result"]["total_yuan"] == 300000

    upload = {"file": (io.BytesIO(response.get_data()), "selfcheck.json")}
    html = client.post("/selfcheck/load", data=upload, content_type="multipart/form-data").get_data(as_text=True)
    assert 'value="91350100M000100Y43"' in html and 'value="120000"' in html  # amounts back in 万元
    assert 'value="2019-05-20"' in html and 'value="2020-12-31"' in html


def test_result_page_carries_document_for_download_and_edit(client):
    html = client.post("/", data=XUCHANG).get_data(as_text=True)
    document = re.search(r'id="document" name="document" type="hidden" value="([^"]*)"', html)
    assert document
    import html as htmllib
    value = htmllib.unescape(document.group(1))
    response = client.post("/selfcheck.json", data={"document": value})
    assert json.loads(response.get_data(as_text=True))["result"]["total_text"] == "30万元"
    edit = client.post("/selfcheck/load", data={"document": value}).get_data(as_text=True)
    assert 'value="许昌智造有限公司"' in edit


@pytest.mark.parametrize("content", [b"{not json", b'{"profile": {"name": "x"}}', b"\xff\xfe"])
def test_invalid_upload_shows_message(client, content):
    response = client.post("/selfcheck/load", data={"file": (io.BytesIO(content), "x.json")},
                           content_type="multipart/form-data")
    assert response.status_code == 400
    assert "文件内容有误" in response.get_data(as_text=True)


def test_empty_upload_shows_message(client):
    response = client.post("/selfcheck/load", data={}, content_type="multipart/form-data")
    assert response.status_code == 400
    assert "请选择" in response.get_data(as_text=True)


def test_csrf_is_on_by_default(make_app):
    app = make_app()
    client = app.test_client()
    assert 'name="csrf_token"' in client.get("/").get_data(as_text=True)
    assert client.post("/", data=XUCHANG).status_code == 400


def test_ownership_and_validity_round_trip_through_the_form(client):
    data = {**XUCHANG, "ownership": "private", "recognitions-0-valid_until": "2018-01-01"}
    html = client.post("/", data=data).get_data(as_text=True)
    assert "有效期不能早于获得日期" in html and 'value="2018-01-01"' in html
    data["recognitions-0-valid_until"] = "2022-05-19"
    response = client.post("/", data=data)
    assert response.status_code == 200 and "合计 30万元" in response.get_data(as_text=True)
    document = re.search(r'id="document" name="document" type="hidden" value="([^"]*)"',
                         response.get_data(as_text=True)).group(1)
    saved = json.loads(html_unescape(document))
    assert saved["profile"]["ownership"] == "private"
    assert saved["profile"]["recognitions"][0]["valid_until"] == "2022-05-19"


def test_a_renewal_is_told_apart_in_the_form_and_kept(client):
    data = {**XUCHANG, "recognitions-0-kind": "smart_factory", "recognitions-0-level": "provincial",
            "recognitions-0-obtained_on": "2019-05-20", "recognitions-0-renewal_of": "豫工信〔2016〕8号",
            "recognitions-0-document_number": "豫工信〔2019〕30号"}
    html = html_unescape(client.post("/", data=data).get_data(as_text=True))
    assert "<strong>省级智能工厂(车间)一次性奖励</strong>(不符合)" in html
    reloaded = html_unescape(client.post("/selfcheck/load", data={"document": re.search(
        r'name="document" type="hidden" value="([^"]*)"', client.post("/", data=data).get_data(as_text=True)
    ).group(1).replace("&#34;", '"').replace("&quot;", '"')}).get_data(as_text=True))
    assert 'value="豫工信〔2016〕8号"' in reloaded and 'value="豫工信〔2019〕30号"' in reloaded


def test_a_year_not_yet_ended_is_warned_beside_its_row(client):
    data = {**XUCHANG, "as_of": "2020-06-30", "sales-1-year": "2020", "add_row": "sales"}
    html = client.post("/", data=data).get_data(as_text=True)
    assert re.search(r'id="sales-1-year-warning"[^>]*>2020年度到2020-06-30尚未结束', html)
    assert "sales-0-year-warning" not in html


def test_controlling_owner_of_a_mixed_enterprise(client):
    data = {**XUCHANG, "ownership": "private", "controlled_by": "state"}
    assert "只有混合所有制企业填写控股方" in client.post("/", data=data).get_data(as_text=True)
