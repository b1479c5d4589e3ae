"""The self-check pages through Flask's test client: form, validation, result, JSON save and load."""
import io
import json
import re
from html import unescape as html_unescape
from urllib.parse import unquote

import pytest

from eligibility.money import AmountError, parse_amount
from eligibility.web.selfcheck import amount_readback

XUCHANG = {
    "name": "许昌智造有限公司", "credit_code": "91350100M000100Y43", "division_code": "411000",
    "entity_kind": "enterprise", "strategic_emerging": "yes",
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
    assert '<html lang="zh-CN"' in html
    for label in ("统一社会信用代码", "注册地", "是否为战略性新兴产业企业", "测算日期", "增加一项认定"):
        assert label in html
    assert "许昌市" in html and "长葛市" in html  # cities and counties
    assert "制造业创新中心" in html  # recognition kinds with Chinese labels


def test_why_text_derives_from_rules(client):
    html = client.get("/").get_data(as_text=True)
    why = html.split('data-why="strategic_emerging"')[1].split("</details>")[0]
    assert "战略性新兴产业企业年销售收入首次突破10亿元奖励" in why


def test_questions_no_rule_of_the_city_needs_are_hidden(client):
    html = client.post("/", follow_redirects=True, data={**XUCHANG, "edit_rows": "1"}).get_data(as_text=True)
    assert re.search(r'data-question="strategic_emerging"(?! hidden)', html)
    assert re.search(r'data-question="sales_yuan_by_year"(?! hidden)', html)
    ningbo = {k: v for k, v in XUCHANG.items() if k not in ("strategic_emerging",) and not k.startswith("sales")}
    html = client.post("/", follow_redirects=True, data={**ningbo, "division_code": "330212", "edit_rows": "1"}).get_data(as_text=True)
    assert 'data-question="strategic_emerging" hidden' in html  # no Ningbo rule tests it


def test_valid_xuchang_profile_gets_30_wan_with_both_clauses(client):
    response = client.post("/", follow_redirects=True, data=XUCHANG)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "合计 30万元" in html
    assert "10万元" in html and "20万元" in html
    assert "二(一)2" in html and "二(三)10" in html
    assert "许政[2017]29号" in html
    assert '<details class="expand">\n      <summary>条款原文</summary>' in html  # verbatim clause text expandable


def test_bad_credit_code_shows_error_beside_field_and_keeps_answers(client):
    response = client.post("/", follow_redirects=True, data={**XUCHANG, "credit_code": "91350100M000100Y44"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "校验位" in error_beside(html, "credit_code")
    described = re.search(r'aria-describedby="([^"]*)"[^>]*id="credit_code"', html).group(1).split()
    assert "credit_code-error" in described
    assert 'value="许昌智造有限公司"' in html and 'value="120000"' in html and 'value="2019-05-20"' in html
    assert 'selected value="smart_factory"' in html


def test_non_number_amount_gets_message_beside_it(client):
    response = client.post("/", follow_redirects=True, data={**XUCHANG, "sales-1-amount": "十二亿"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "数字" in error_beside(html, "sales-1-amount")
    assert 'value="十二亿"' in html


def test_future_recognition_date_error_beside_its_row(client):
    html = client.post("/", follow_redirects=True, data={**XUCHANG, "recognitions-0-obtained_on": "2999-01-01"}).get_data(as_text=True)
    assert "不能晚于今天" in error_beside(html, "recognitions-0-obtained_on")


def test_amounts_in_yuan_or_yi_when_the_text_says_so(client):
    data = {**XUCHANG, "sales-0-amount": "900000000元", "sales-1-amount": "12亿"}
    assert "合计 30万元" in client.post("/", follow_redirects=True, data=data).get_data(as_text=True)


def test_unanswered_sei_is_undetermined(client):
    data = {k: v for k, v in XUCHANG.items() if k != "strategic_emerging"}
    html = client.post("/", follow_redirects=True, data=data).get_data(as_text=True)
    assert "待确定" in html
    assert "请填报:是否为战略性新兴产业企业" in html
    assert "合计 20万元" in html


def test_add_and_remove_rows_without_javascript(client):
    html = client.post("/", follow_redirects=True, data={**XUCHANG, "edit_rows": "1"}).get_data(as_text=True)
    assert 'name="recognitions-1-kind"' in html and 'name="sales-2-year"' in html and "合计" not in html
    html = client.post("/", follow_redirects=True, data={**XUCHANG, "remove_row": "recognitions-0", "edit_rows": "1"}).get_data(as_text=True)
    assert 'selected value="smart_factory"' not in html and 'value="120000"' in html


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
    html = client.post("/", follow_redirects=True, data=XUCHANG).get_data(as_text=True)
    document = re.search(r'name="document" type="hidden" value="([^"]*)"', html)
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
    assert client.post("/", follow_redirects=True, data=XUCHANG).status_code == 400


def test_ownership_and_validity_round_trip_through_the_form(client):
    data = {**XUCHANG, "ownership": "private", "recognitions-0-valid_until": "2018-01-01"}
    html = client.post("/", follow_redirects=True, data=data).get_data(as_text=True)
    assert "有效期不能早于获得日期" in html and 'value="2018-01-01"' in html
    data["recognitions-0-valid_until"] = "2022-05-19"
    response = client.post("/", follow_redirects=True, data=data)
    assert response.status_code == 200 and "合计 30万元" in response.get_data(as_text=True)
    document = re.search(r'name="document" type="hidden" value="([^"]*)"',
                         response.get_data(as_text=True)).group(1)
    saved = json.loads(html_unescape(document))
    assert saved["profile"]["ownership"] == "private"
    assert saved["profile"]["recognitions"][0]["valid_until"] == "2022-05-19"


def test_a_renewal_is_told_apart_in_the_form_and_kept(client):
    data = {**XUCHANG, "recognitions-0-kind": "smart_factory", "recognitions-0-level": "provincial",
            "recognitions-0-obtained_on": "2019-05-20", "recognitions-0-renewal_of": "豫工信〔2016〕8号",
            "recognitions-0-document_number": "豫工信〔2019〕30号"}
    html = html_unescape(client.post("/", follow_redirects=True, data=data).get_data(as_text=True))
    assert "<strong>省级智能工厂(车间)一次性奖励</strong>(不符合)" in html
    reloaded = html_unescape(client.post("/selfcheck/load", data={"document": re.search(
        r'name="document" type="hidden" value="([^"]*)"', client.post("/", follow_redirects=True, data=data).get_data(as_text=True)
    ).group(1).replace("&#34;", '"').replace("&quot;", '"')}).get_data(as_text=True))
    assert 'value="豫工信〔2016〕8号"' in reloaded and 'value="豫工信〔2019〕30号"' in reloaded


def test_a_year_not_yet_ended_is_warned_beside_its_row(client):
    data = {**XUCHANG, "as_of": "2020-06-30", "sales-1-year": "2020", "edit_rows": "1"}
    html = client.post("/", follow_redirects=True, data=data).get_data(as_text=True)
    assert re.search(r'id="sales-1-year-warning"[^>]*>2020年度到2020-06-30尚未结束', html)
    assert "sales-0-year-warning" not in html


def test_controlling_owner_of_a_mixed_enterprise(client):
    data = {**XUCHANG, "ownership": "private", "controlled_by": "state"}
    assert "只有混合所有制企业填写控股方" in client.post("/", follow_redirects=True, data=data).get_data(as_text=True)


BAOTOU = {"name": "包头稀土材料有限公司", "credit_code": "91350100M000100Y43", "division_code": "150200",
          "industry_code": "C38", "sector_state": "yes", "sector_tags": ["rare_earth_materials", "new_materials"],
          "above_designated_size": "yes", "recognition_state": "yes", "project_state": "yes", "as_of": "2019-06-30"}
XINXIANG = {"name": "新乡电池科技有限公司", "credit_code": "91350100M000100Y43", "division_code": "410700",
            "sector_state": "yes", "sector_tags": ["batteries"], "as_of": "2026-11-22"}


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", html_unescape(re.sub(r"<[^>]+>", " ", html)))


def section(html: str, section_id: str) -> str:
    """The text of one section of the result page."""
    return text_of(html.split(f'id="{section_id}"')[1].split("</section>")[0])


# --- amounts: one exact reading, the unit in each field, read back, implausible ones warned ----------------------

@pytest.mark.parametrize("typed, yuan", [
    ("90000", 900_000_000), ("12.5", 125_000), ("1,200.5", 12_005_000), (" 1 200 ", 12_000_000),
    ("0.0001", 1), ("9亿", 900_000_000), ("9亿元", 900_000_000), ("90000万元", 900_000_000), ("12万", 120_000),
    ("900000000元", 900_000_000), ("123456789.0001", 1_234_567_890_001), ("", None), ("   ", None),
    (".5", 5_000), ("5.", 50_000), ("00012", 120_000), ("9" * 14 + "元", int("9" * 14))])
def test_amounts_are_read_exactly_in_wan_unless_they_say_otherwise(typed, yuan):
    assert parse_amount(typed) == yuan


@pytest.mark.parametrize("typed, message", [("十二亿", "数字"), ("0.00001", "精确到元"), ("1.5元", "精确到元"),
                                            ("NaN", "数字"), ("Infinity", "数字"), ("亿", "数字"), (".", "数字"),
                                            ("1e9999999", "数字"), ("9" * 16, "位数过多"), ("1.2.3", "数字"),
                                            ("-3", "不能为负数"), ("9" * 15 + "元", "金额过大")])
def test_unreadable_amounts_say_why(typed, message):
    with pytest.raises(AmountError, match=message):
        parse_amount(typed)


def test_amounts_are_read_back_and_implausible_ones_warned():
    assert amount_readback("90000") == {"text": "= 9亿元", "warning": None}
    assert amount_readback("12.5") == {"text": "= 12.5万元", "warning": None}
    huge = amount_readback("900000000")
    assert huge["text"] == "= 90000亿元"
    assert "本栏按万元填写" in huge["warning"] and "应填 90000" in huge["warning"]
    assert amount_readback("abc") is None and amount_readback("") is None


def test_each_amount_field_shows_its_unit_and_its_reading(client):
    html = client.post("/", follow_redirects=True, data={**XUCHANG, "credit_code": "x", "sales-1-amount": "900000000"}).get_data(as_text=True)
    assert '<label for="sales-0-amount">年销售收入(万元)</label>' in html
    assert 'id="sales-0-amount-unit" aria-hidden="true">万元</span>' in html
    assert re.search(r'aria-describedby="sales-0-amount-unit sales-0-amount-readback"', html)
    reading = html.split('id="sales-1-amount-readback"')[1].split("</div>")[0]
    assert "= 90000亿元" in reading and "本栏按万元填写" in reading and "hidden" not in reading
    assert "amount_unit" not in html  # no page-wide unit to forget


def test_result_echoes_the_entered_facts_and_warns_of_implausible_amounts(client):
    html = client.post("/", follow_redirects=True, data=XUCHANG).get_data(as_text=True)
    entered = section(html, "entered")
    assert "2018年:9亿元(90000万元)" in entered and "2019年:12亿元(120000万元)" in entered
    assert "省级智能工厂,2019-05-20获得" in entered and "许昌市(411000)" in entered
    assert "请先核对金额" not in html
    html = client.post("/", follow_redirects=True, data={**XUCHANG, "sales-1-amount": "1200000000"}).get_data(as_text=True)
    assert "请先核对金额" in html and "2019年年销售收入为120000亿元,明显偏大" in text_of(html)


# --- Enter never deletes data; rows without JavaScript ----------------------------------------------------------

def test_the_first_submit_button_of_the_form_is_evaluate(client):
    """Enter in a text field clicks the form's first submit button (HTML's implicit submission): 测算."""
    html = client.get("/").get_data(as_text=True)
    form = html.split('id="selfcheck-form"')[1].split("</form>")[0]
    buttons = re.findall(r"<button([^>]*)>", form)
    submits = [b for b in buttons if 'type="button"' not in b]
    assert 'id="evaluate"' in submits[0]
    assert all('type="button"' in b for b in buttons if "data-remove" in b or "data-add" in b)
    assert 'name="remove_row"' not in "".join(submits)


def test_rows_ticked_for_removal_go_on_any_submit(client):
    data = {**XUCHANG, "sales-2-year": "2017", "sales-2-amount": "50000", "remove_row": "sales-2"}
    html = client.post("/", follow_redirects=True, data=data).get_data(as_text=True)
    assert "合计 30万元" in html and "2017年" not in section(html, "entered")


# --- errors: a linked summary with a count, focus, 错误 in the title --------------------------------------------

def test_errors_are_summarised_at_the_top_with_links_and_the_title_says_so(client):
    html = client.post("/", follow_redirects=True, data={**XUCHANG, "credit_code": "91350100M000100Y44", "sales-1-amount": "十二亿"}
                       ).get_data(as_text=True)
    assert re.search(r"<title>错误:有 2 处需要修改 · ", html)
    summary = html.split('id="error-summary"')[1].split("</div>\n</div>")[0]
    assert re.search(r'class="error-summary" id="error-summary" tabindex="-1" autofocus', html)
    assert "有 2 处需要修改" in summary
    assert re.search(r'<a href="#credit_code" data-focus="credit_code">[^<]*校验位', summary)
    assert re.search(r'<a href="#sales-1-amount" data-focus="sales-1-amount">年销售收入第2行 · 年销售收入\(万元\):', summary)
    assert summary.index("#credit_code") < summary.index("#sales-1-amount")  # in the order of the form
    assert "<title>企业奖补政策自查</title>" in client.get("/").get_data(as_text=True)


def test_an_expired_page_is_an_error_in_the_summary(make_app):
    client = make_app().test_client()
    response = client.post("/", follow_redirects=True, data=XUCHANG)  # no CSRF token
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and "<title>错误:有 1 处需要修改" in html and "页面已过期" in html


# --- the result: why, 不定额, sections, plain words ---------------------------------------------------------------

def test_result_says_why_the_enterprise_qualifies(client):
    html = client.post("/", follow_redirects=True, data=XUCHANG).get_data(as_text=True)
    money = section(html, "money")
    assert "为什么符合:逐项核对条件(3/3 项满足)" in money
    assert "满足 年销售收入首次突破10亿元的年度在2017年至2020年之间 (您的情况:2019年)" in money
    assert "本系统对这一条的理解(口径" in money and "“突破”指严格大于" in money


def test_result_sorts_money_other_support_selective_and_elsewhere(client):
    html = client.post("/", follow_redirects=True, data=BAOTOU).get_data(as_text=True)
    assert "0万元" not in html  # non-quantified support is never 0万元
    other = section(html, "other")
    assert "不定额" in other and "优先" in other
    selective = section(html, "may_apply")
    assert "可申报·需评审" in selective and "是否给予、给予多少由主管部门评审或择优决定" in selective
    elsewhere = section(html, "elsewhere")
    assert "向主管税务机关申报享受" in elsewhere and "落实企业研发费用税前(加计)扣除" in elsewhere
    assert "落实企业研发费用税前(加计)扣除" not in section(html, "other")
    related = html.split('id="related"')[1].split("</section>")[0]
    assert '<details class="expand refused">' in related  # related support folded
    assert "本市已收录的政策没有规定奖补金额" in section(html, "summary") and 'id="money"' not in html


def test_no_money_due_is_said_plainly_and_points_only_at_what_exists(client):
    data = {k: v for k, v in XUCHANG.items() if not k.startswith(("sales", "recognition"))}
    html = client.post("/", follow_redirects=True, data={**data, "recognition_state": "yes", "project_state": "yes",
                                  "sales-0-year": "2018", "sales-0-amount": "1000", "sales-1-year": "2019",
                                  "sales-1-amount": "2000"}).get_data(as_text=True)
    money = section(html, "money")
    assert "暂无可确定申请的资金" in money and "暂无可确定金额的资金" in section(html, "summary")
    assert ("待确定" in money) == ('id="undetermined"' in html)
    assert "合计 0万元" not in html


def test_result_explains_the_ruleset_version_in_small_print(client):
    html = client.post("/", follow_redirects=True, data=XUCHANG).get_data(as_text=True)
    version = html.split('class="small version"')[1].split("</p>")[0]
    assert "规则版本" in version and "版本号就会改变" in version


def test_result_citations_link_to_their_clause(client):
    html = client.post("/", follow_redirects=True, data=XUCHANG).get_data(as_text=True)
    links = {unquote(h) for h in re.findall(r'href="(/policies/[^"]+)"', html)}
    assert "/policies/xuchang-2017-29#clause-二(一)2" in links and "/policies/xuchang-2017-29" in links
    page = client.get("/policies/xuchang-2017-29").get_data(as_text=True)
    for link in links:
        if "#" in link:
            assert f'id="{link.split("#")[1]}"' in page, link


# --- expired policies ----------------------------------------------------------------------------------------------

def test_an_ended_policy_says_so_at_the_top_and_offers_its_last_day(client):
    html = client.post("/", follow_redirects=True, data=XINXIANG).get_data(as_text=True)
    banner = html.split('class="card document-standing phase-ended"')[1].split("</section>")[0]
    text = text_of(banner)
    assert "已到期" in text and "本政策已于2025年12月31日到期" in text
    assert "计入期 2023-10-24 至 2025-12-31" in text and "申报期 文件未规定" in text
    assert "查看政策原文和各条的责任单位" in text and "政策文本未载明联系电话" in text
    assert re.search(r'<form method="post" action="/selfcheck/rerun" class="rerun no-print">', banner)
    assert '<input type="hidden" name="as_of" value="2025-12-31">' in banner
    assert "按到期日 2025-12-31 重新测算" in text
    assert "待确定" not in section(html, "summary")
    assert "请查看下方" not in html and "合计 0万元" not in html
    assert "不在本市已收录政策的施行期内" in text_of(html)
    assert '<details class="expand refused">' in html.split('id="not_in_force"')[1]


def test_rerun_on_the_last_day_keeps_the_profile(client):
    html = client.post("/", follow_redirects=True, data=XINXIANG).get_data(as_text=True)
    document = html_unescape(re.search(r'name="document" value="([^"]*)"', html).group(1))
    rerun = client.post("/selfcheck/rerun", follow_redirects=True, data={"document": document, "as_of": "2025-12-31"})
    page = rerun.get_data(as_text=True)
    assert rerun.status_code == 200 and "已按2025年12月31日重新测算" in page
    assert 'class="card document-standing phase-in_force"' in page and "测算日期 2025-12-31" in text_of(page)
    assert "新乡电池科技有限公司" in page and "电池(动力电池、储能电池)" in section(page, "entered")
    bad = client.post("/selfcheck/rerun", data={"document": document, "as_of": "2025-13-01"})
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.get_data(as_text=True)
    assert client.post("/selfcheck/rerun", data={"document": "{", "as_of": "2025-12-31"}).status_code == 400


# --- a strict Content-Security-Policy: no inline script, no handlers, no style attributes ---------------------------

INLINE = [re.compile(r"<script(?![^>]*\bsrc=)[^>]*>"), re.compile(r"\son[a-z]+\s*=", re.I), re.compile(r"\sstyle\s*=")]


@pytest.mark.parametrize("page", ["form", "errors", "result", "ended", "policies", "document"])
def test_pages_work_under_a_strict_content_security_policy(client, page):
    html = {
        "form": lambda: client.get("/"),
        "errors": lambda: client.post("/", follow_redirects=True, data={**XUCHANG, "credit_code": "x"}),
        "result": lambda: client.post("/", follow_redirects=True, data=XUCHANG),
        "ended": lambda: client.post("/", follow_redirects=True, data=XINXIANG),
        "policies": lambda: client.get("/policies"),
        "document": lambda: client.get("/policies/xuchang-2017-29"),
    }[page]().get_data(as_text=True)
    for pattern in INLINE:
        assert not pattern.search(html), pattern.search(html).group(0)
