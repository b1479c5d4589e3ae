"""Applications through the web: submit from the self-check with the payee account, the private link, login, the
desk (cities, amounts, duplicates, four-eyes, races, bad input), the disbursement list."""
import io
import json
import re
import threading
import time
from datetime import timedelta
from urllib.parse import unquote

import pytest
from openpyxl import load_workbook

from eligibility.casework.models import Application, Claim, LedgerEntry
from eligibility.casework.users import create_user

CREDIT_CODE = "91350100M000100Y43"
PROFILE = {
    "name": "许昌智造有限公司", "credit_code": CREDIT_CODE, "division_code": "411003",
    "strategic_emerging": True, "sales_yuan_by_year": {"2018": 900000000, "2019": 1200000000},
    "recognitions": [{"kind": "smart_factory", "level": "provincial", "obtained_on": "2019-05-20"}],
    "projects": [{"name": "强基一号", "kind": "industrial_foundation", "approved_on": "2018-05-01",
                  "national_grant_yuan": 8000000},
                 {"name": "技改一号", "kind": "technology_renovation", "approved_on": "2019-03-01"}],
}
DOCUMENT = json.dumps({"profile": PROFILE, "as_of": "2020-12-31"}, ensure_ascii=False)
SALES = "xuchang.sei_sales_milestone.rev_1bn"
FACTORY = "xuchang.smart_mfg.provincial_smart_factory"
FOUNDATION = "xuchang.industrial_foundation.national_matching@0"
RENOVATION = "xuchang.tech_renovation.key_project_support@1"  # non-quantified: the caseworker sets the amount
PASSWORD = "correct horse battery"
PAYEE = {"payee_name": "许昌智造有限公司", "payee_bank": "中国工商银行许昌分行营业部",
         "payee_account": "6222 0212 3456 7890 123"}
APPROVALS = {"approval-0": "工信部规〔2018〕12号", "approval-1": "许工信技改〔2019〕3号"}


@pytest.fixture
def app(make_app):
    app = make_app(WTF_CSRF_ENABLED=False)
    with app.extensions["db_sessions"]() as s:
        create_user(s, "clerk", PASSWORD, "caseworker", "王经办", city_code="411000")
        create_user(s, "baotou", PASSWORD, "caseworker", "包头经办", city_code="150200")
        create_user(s, "boss", PASSWORD, "admin", "局长")
        create_user(s, "deputy", PASSWORD, "admin", "副局长")
        s.commit()
    return app


def apply(client, claims=(SALES, FACTORY), key=None, expect=303, **fields):
    # DOCUMENT is as of Xuchang's last day in force (every policy has ended): the reason is that date's.
    data = {"document": DOCUMENT, "submission_key": key or f"k{time.time_ns()}", "claim": list(claims),
            "as_of_basis": "policy_end", **PAYEE, **APPROVALS, **fields}
    response = client.post("/apply", data=data)
    # Post-redirect-get: filed → the application's page; refused → the result page again, messages beside fields.
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    location = response.headers["Location"]
    if expect == 303:
        assert "/applications/" in location, location
        return location
    assert "/result/" in location, location
    return client.get(location).get_data(as_text=True)


def login(client, username="clerk", password=PASSWORD):
    client.post("/desk/logout")
    return client.post("/desk/login", data={"username": username, "password": password})


def reference_of(client, link):
    return re.search(r'id="reference">(\w+)<', client.get(link).get_data(as_text=True)).group(1)


def application_id(app, reference):
    with app.extensions["db_sessions"]() as s:
        return next(a.id for a in s.query(Application) if a.reference == reference)


def claim_of(app, app_id, rule):
    rule_id, _, index = rule.partition("@")
    with app.extensions["db_sessions"]() as s:
        claim = next(c for c in s.get(Application, app_id).claims
                     if c.rule_id == rule_id and (not index or c.item_index == int(index)))
        return claim.id, [e.id for e in claim.evidence]


def verify(client, app, app_id, rule):
    claim_id, items = claim_of(app, app_id, rule)
    for item in items:
        assert client.post(f"/desk/evidence/{item}", data={"status": "verified", "note": "原件已核"}).status_code == 303
    return claim_id


def decide(client, claim_id, **fields):
    return client.post(f"/desk/claims/{claim_id}/decide", data={"outcome": "approve", "amount_wan": "",
                                                                "reason": "", **fields})


def error_beside(html, field_id):
    found = re.search(rf'id="{field_id}-error">([^<]*)<', html)
    return found.group(1) if found else ""


def filed(client, app, claims=(SALES, FACTORY), **fields):
    """Apply as the enterprise, log in as the clerk: the application's id and reference."""
    link = apply(client, claims, **fields)
    reference = reference_of(client, link)
    login(client)
    return application_id(app, reference), reference, link


# --- applying -----------------------------------------------------------------------------------------------------

def test_saved_self_check_loads_back_into_the_form(client):
    page = client.post("/selfcheck/load", data={"document": DOCUMENT}).get_data(as_text=True)
    assert "已载入" in page


def test_result_page_asks_for_payee_and_each_claimed_projects_approval_number(client):
    from datetime import date

    from eligibility.profile import Profile
    from eligibility.web.selfcheck import profile_formdata
    profile = Profile.model_validate({**PROFILE, "projects": [{**PROFILE["projects"][0],
                                                                "approval_number": "工信部规〔2018〕12号"}]})
    html = client.post("/", follow_redirects=True, data=profile_formdata(profile, date(2020, 12, 31))).get_data(as_text=True)
    assert 'name="payee_account"' in html and 'name="payee_bank"' in html
    assert 'name="payee_name" value="许昌智造有限公司"' in html or 'value="许昌智造有限公司" ' in html
    assert 'id="approval-0"' in html and "“强基一号”" in html


def test_submit_gives_reference_and_private_link_idempotently(client):
    link = apply(client, key="same-key-123")
    assert apply(client, key="same-key-123") == link
    page = client.get(link).get_data(as_text=True)
    assert re.search(r'id="reference">SQ\d{14}<', page) and "已提交" in page and "战略性新兴产业企业年销售收入" in page
    assert "6222 **** **** 0123" in page and "6222021234567890123" not in page
    assert client.get("/applications/not-a-real-token").status_code == 404


def test_private_link_shows_only_its_own_application(client):
    first, second = apply(client), apply(client, claims=[FACTORY])
    one, two = client.get(first).get_data(as_text=True), client.get(second).get_data(as_text=True)
    ref = lambda page: re.search(r'id="reference">(\w+)<', page).group(1)  # noqa: E731
    assert ref(one) != ref(two) and ref(two) not in one and SALES not in two


def test_claim_of_award_not_due_rerenders_result_with_message(client):
    html = apply(client, ["xuchang.mfg_innovation_center.national"], expect=422)
    assert "不在可申请的奖励之中" in html
    response = client.post("/apply", data={"document": "{broken", "submission_key": "kkkkkkkk"})
    assert response.status_code == 400


def test_payee_errors_beside_their_fields_and_input_kept(client):
    html = apply(client, expect=422, payee_name="别家公司", payee_bank="", payee_account="6222-abc")
    assert "单位名称“许昌智造有限公司”一致" in error_beside(html, "payee_name")
    assert "开户行" in error_beside(html, "payee_bank")
    assert "只能含数字" in error_beside(html, "payee_account")
    assert 'value="别家公司"' in html and 'value="6222-abc"' in html
    assert f'value="{SALES}"' in html and "checked" in html
    html = apply(client, expect=422, payee_account="1234 567")
    assert "8—32位数字,现为7位" in error_beside(html, "payee_account")


def test_project_claims_need_an_approval_number_beside_the_project(client):
    html = apply(client, [FOUNDATION], expect=422, **{"approval-0": "  "})
    assert "请填写项目的立项文号" in error_beside(html, "approval-0")
    assert "“强基一号”(工业强基工程项目" in html or "“强基一号”" in html
    link = apply(client, [FOUNDATION], **{"approval-0": "工信部规 [2018] 第12號"})
    assert "工信部规 [2018] 第12號" in client.get(link).get_data(as_text=True)


def test_too_many_claims_are_refused_with_a_message(client):
    html = apply(client, [f"rule.{i}" for i in range(60)], expect=422)
    assert "一次最多申请50项" in html


# --- the desk -----------------------------------------------------------------------------------------------------

def test_wrong_password_is_refused(client):
    response = login(client, password="wrong password")
    assert response.status_code == 401 and "用户名或密码不正确" in response.get_data(as_text=True)
    assert client.get("/desk/").status_code == 302


def test_every_desk_route_requires_login(app, client):
    apply(client)
    checked = 0
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/desk") or rule.endpoint == "auth.login":
            continue
        url = re.sub(r"<[^>]+>", "1", rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            response = client.open(url, method=method)
            assert response.status_code in (302, 401), (method, url, response.status_code)
            if response.status_code == 302:
                assert "/desk/login" in response.headers["Location"]
            checked += 1
    assert checked >= 10


def test_session_expires(app, client):
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(seconds=1)
    login(client)
    assert client.get("/desk/").status_code == 200
    time.sleep(2.1)
    assert client.get("/desk/").status_code == 302


def test_full_flow_to_export_and_double_claim_refused(app, client):
    app_id, reference, link = filed(client, app)
    page = client.get(f"/desk/applications/{app_id}").get_data(as_text=True)
    assert "逐项条件" in page and "二(一)2" in page and "统计部门报送的年度销售收入" in page
    assert "6222 **** **** 0123" in page and "6222021234567890123" not in page
    claim_id, _ = claim_of(app, app_id, SALES)
    refused = decide(client, claim_id)
    assert refused.status_code == 409 and "尚未全部核验" in refused.get_data(as_text=True)
    verify(client, app, app_id, SALES)
    approved = decide(client, claim_id)
    assert approved.status_code == 303
    assert "已记录决定" in client.get(approved.headers["Location"]).get_data(as_text=True)
    assert "已批准" in client.get(link).get_data(as_text=True)

    second_id, _, _ = filed(client, app, [SALES])
    page = client.get(f"/desk/applications/{second_id}").get_data(as_text=True)
    assert "重复申请" in page and reference in page
    second_claim = verify(client, app, second_id, SALES)
    again = decide(client, second_claim)
    assert again.status_code == 409 and "不能重复拨付" in again.get_data(as_text=True)

    workbook = client.get("/desk/export.xlsx?from=2000-01-01&to=2999-12-31")
    sheet = load_workbook(io.BytesIO(workbook.data)).active
    header = [c.value for c in sheet[2]]
    rows = [dict(zip(header, (c.value for c in row), strict=False)) for row in sheet.iter_rows(min_row=3)]
    assert rows[0]["申请编号"] == reference and rows[0]["统一社会信用代码"] == CREDIT_CODE
    assert rows[0]["金额(元)"] == 100000 and rows[0]["账号"] == "6222021234567890123"
    assert rows[0]["批准人"] == "王经办" and rows[0]["文号"] == "许政[2017]29号"
    assert len(rows) == 2 and rows[1]["序号"] == "合计" and rows[1]["金额(元)"] == 100000
    csv_text = client.get("/desk/export.csv?from=2000-01-01&to=2999-12-31").get_data(as_text=True)
    assert reference in csv_text and "许政[2017]29号" in csv_text and "6222021234567890123" in csv_text


def test_export_names_the_file_in_chinese_with_an_ascii_fallback(app, client):
    login(client)
    response = client.get("/desk/export.xlsx?from=2021-01-01&to=2021-12-31")
    disposition = response.headers["Content-Disposition"]
    assert 'filename="disbursements-2021-01-01-2021-12-31.xlsx"' in disposition
    name = unquote(disposition.split("filename*=UTF-8''")[1])
    assert name == "拨付清单_许昌市_2021-01-01_2021-12-31.xlsx"
    assert int(response.headers["Content-Length"]) == len(response.data)


def test_reevaluate_and_audit_trail_on_the_desk(app, client):
    app_id, _, _ = filed(client, app)
    response = client.post(f"/desk/applications/{app_id}/reevaluate")
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "结果没有变化" in page and "按现行规则重新测算" in page and "提交申请" in page


def test_queue_filters_and_json(app, client):
    filed(client, app)
    assert "共 1 件申请" in client.get("/desk/?city=411000").get_data(as_text=True)
    assert "共 0 件申请" in client.get("/desk/?city=150200").get_data(as_text=True)
    assert "已忽略" in client.get("/desk/?from=yesterday").get_data(as_text=True)
    body = client.get(f"/desk/api/applications?rule_id={SALES}").get_json()
    assert body["total"] == 1 and body["applications"][0]["claims"] == [SALES, FACTORY]


# --- bad input and races: 4xx or a message, never 500 ---------------------------------------------------------------

def test_out_of_range_ids_pages_and_dates(app, client):
    filed(client, app)
    for url in ("/desk/applications/9223372036854775808", "/desk/applications/0",
                f"/desk/applications/{10**30}"):
        assert client.get(url).status_code == 404, url
    for url in ("/desk/claims/9223372036854775808/decide", "/desk/evidence/18446744073709551616",
                "/desk/claims/9223372036854775807/confirm", "/desk/applications/99999999999999999999/reevaluate"):
        assert client.post(url, data={"outcome": "approve"}).status_code in (403, 404), url
    page = client.get("/desk/?page=9223372036854775808")
    assert page.status_code == 200 and "页码“9223372036854775808”无效" in page.get_data(as_text=True)
    assert "第 1 / 1 页" in client.get("/desk/?page=99999999").get_data(as_text=True)  # past the end: the last
    assert "页码“²”无效" in client.get("/desk/?page=²").get_data(as_text=True)
    page = client.get("/desk/?from=0001-01-01&to=9999-12-31")
    assert page.status_code == 200 and "超出范围" in page.get_data(as_text=True)
    response = client.get("/desk/export.xlsx?from=0001-01-01")
    assert response.status_code == 303
    assert "超出范围" in client.get(response.headers["Location"]).get_data(as_text=True)
    body = client.get("/desk/api/applications?page=9223372036854775808&from=0001-01-01")
    assert body.status_code == 400
    assert {f["field"] for f in body.get_json()["fields"]} == {"page", "from"}


@pytest.mark.parametrize("typed, message", [("inf", "请填写数字金额"), ("1e300", "请填写数字金额"), ("十万", "请填写数字金额"),
                                            ("-5", "不能为负数"), ("0.00001", "最多精确到元"),
                                            ("999999990000", "金额过大"), ("99999999", "超过规则测算的10万元")])
def test_bad_and_excessive_amounts_are_refused_beside_the_field(app, client, typed, message):
    app_id, _, _ = filed(client, app, [SALES])
    claim_id = verify(client, app, app_id, SALES)
    response = decide(client, claim_id, amount_wan=typed, reason="说明")
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and message in error_beside(html, f"amount-{claim_id}"), html[:300]
    assert f'value="{typed}"' in html  # the input is kept
    with app.extensions["db_sessions"]() as s:
        assert s.query(LedgerEntry).count() == 0


def test_a_lower_amount_needs_a_reason_shown_in_the_export(app, client):
    app_id, _, _ = filed(client, app, [SALES])
    claim_id = verify(client, app, app_id, SALES)
    response = decide(client, claim_id, amount_wan="8")
    assert response.status_code == 422 and "写明原因" in error_beside(response.get_data(as_text=True),
                                                                  f"reason-{claim_id}")
    assert decide(client, claim_id, amount_wan="8", reason="2018年数据经统计局核减").status_code == 303
    sheet = load_workbook(io.BytesIO(client.get("/desk/export.xlsx?from=2000-01-01&to=2999-12-31").data)).active
    header = [c.value for c in sheet[2]]
    row = dict(zip(header, (c.value for c in sheet[3]), strict=False))
    assert row["金额(元)"] == 80000 and row["说明"] == "2018年数据经统计局核减"


def test_losing_concurrent_approvals_are_told_already_approved(app, make_app):
    """Twelve caseworkers' browsers approve the same claim at the same moment: one payout; every other request
    answers 409 "已批准,编号 BF…" (before: an unhandled IntegrityError, 500)."""
    client = app.test_client()
    app_id, _, _ = filed(client, app, [SALES])
    claim_id = verify(client, app, app_id, SALES)
    clients = [app.test_client() for _ in range(12)]
    for c in clients:
        login(c)
    barrier, statuses, bodies = threading.Barrier(len(clients)), [], []

    def run(c):
        barrier.wait()
        response = decide(c, claim_id)
        statuses.append(response.status_code)
        bodies.append(response.get_data(as_text=True))

    threads = [threading.Thread(target=run, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    with app.extensions["db_sessions"]() as s:
        entry = s.query(LedgerEntry).one()
    assert sorted(statuses) == [303] + [409] * 11, statuses
    assert all(f"已批准,编号 {entry.number}" in body for body, code in zip(bodies, statuses, strict=False) if code == 409)


# --- project identity and duplicates -------------------------------------------------------------------------------

def test_one_project_is_paid_once_under_any_spelling(app, client):
    """The 强基 project approved and paid; then claimed again under other names and spellings of its number."""
    app_id, _, _ = filed(client, app, [FOUNDATION])
    assert decide(client, verify(client, app, app_id, FOUNDATION)).status_code == 303
    for name, number in (("强基一号(续)", "工信部规[2018]12号"), ("强基 一号", "工信部规(2018)第012号"),
                         ("强基一號", "工信部规〔2018〕12號")):
        profile = {**PROFILE, "projects": [{**PROFILE["projects"][0], "name": name}, PROFILE["projects"][1]]}
        document = json.dumps({"profile": profile, "as_of": "2020-12-31"}, ensure_ascii=False)
        other_id, _, _ = filed(client, app, [FOUNDATION], document=document, **{"approval-0": number})
        response = decide(client, verify(client, app, other_id, FOUNDATION), not_duplicate="y",
                          not_duplicate_reason="企业称是另一项目")
        assert response.status_code == 409 and "不能重复拨付" in response.get_data(as_text=True), name
    with app.extensions["db_sessions"]() as s:
        assert s.query(LedgerEntry).count() == 1


def test_possible_duplicates_are_shown_and_need_a_confirmed_reason(app, client):
    """A second number typed for the same project (same kind and approval date): flagged on the desk; approving
    it needs the box ticked and a reason, recorded in the audit trail."""
    first_id, first_ref, _ = filed(client, app, [FOUNDATION])
    second_id, _, _ = filed(client, app, [FOUNDATION], **{"approval-0": "工信部规〔2018〕99号"})
    page = client.get(f"/desk/applications/{second_id}").get_data(as_text=True)
    assert "可能重复" in page and first_ref in page and "同一立项日期" in page and "同一国家资助金额" in page
    claim_id = verify(client, app, second_id, FOUNDATION)
    response = decide(client, claim_id)
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and first_ref in error_beside(html, f"not-duplicate-reason-{claim_id}")
    response = decide(client, claim_id, not_duplicate_reason="两个项目")
    assert response.status_code == 422 and "请勾选确认" in response.get_data(as_text=True)
    reason = "立项文件核对:99号为二期项目,与12号不同"
    assert decide(client, claim_id, not_duplicate="y", not_duplicate_reason=reason).status_code == 303
    page = client.get(f"/desk/applications/{second_id}").get_data(as_text=True)
    assert "确认不重复的理由" in page and reason in page
    first_page = client.get(f"/desk/applications/{first_id}").get_data(as_text=True)
    assert "可能重复" in first_page  # the first application now sees the approved one


# --- four-eyes ------------------------------------------------------------------------------------------------------

def test_a_large_non_quantified_award_needs_a_second_admin(app, client):
    app_id, _, _ = filed(client, app, [RENOVATION])
    claim_id = verify(client, app, app_id, RENOVATION)
    response = decide(client, claim_id, reason="技改投资的5%")
    assert response.status_code == 422 and "须填写批准金额" in response.get_data(as_text=True)
    response = decide(client, claim_id, amount_wan="80")
    assert response.status_code == 422 and "写明批准金额的依据" in response.get_data(as_text=True)
    assert decide(client, claim_id, amount_wan="80", reason="按技改投资1600万元的5%").status_code == 303
    page = client.get(f"/desk/applications/{app_id}").get_data(as_text=True)
    assert "已批准,待复核" in page and "须由另一位管理员复核" in page
    assert client.post(f"/desk/claims/{claim_id}/confirm").status_code == 403  # a caseworker cannot confirm
    with app.extensions["db_sessions"]() as s:
        assert s.query(LedgerEntry).count() == 0

    login(client, "boss")
    assert client.post(f"/desk/claims/{claim_id}/confirm").status_code == 303
    with app.extensions["db_sessions"]() as s:
        entry = s.query(LedgerEntry).one()
        assert (entry.amount_yuan, entry.confirmed_by is not None) == (800000, True)
    sheet = load_workbook(io.BytesIO(client.get("/desk/export.xlsx?from=2000-01-01&to=2999-12-31").data)).active
    header = [c.value for c in sheet[2]]
    row = dict(zip(header, (c.value for c in sheet[3]), strict=False))
    assert row["批准人"] == "王经办;复核:局长" and row["说明"] == "按技改投资1600万元的5%"


def test_the_second_approver_is_not_the_first(app, client):
    link = apply(client, [RENOVATION])
    login(client, "boss")
    app_id = application_id(app, reference_of(client, link))
    claim_id = verify(client, app, app_id, RENOVATION)
    assert decide(client, claim_id, amount_wan="60", reason="按投资额核定").status_code == 303
    response = client.post(f"/desk/claims/{claim_id}/confirm")
    assert response.status_code == 409 and "复核人不能是批准人本人" in response.get_data(as_text=True)
    login(client, "deputy")
    assert client.post(f"/desk/claims/{claim_id}/confirm").status_code == 303


def test_a_small_non_quantified_award_needs_no_second_approver(app, client):
    app_id, _, _ = filed(client, app, [RENOVATION])
    claim_id = verify(client, app, app_id, RENOVATION)
    assert decide(client, claim_id, amount_wan="50", reason="市级技改补助标准").status_code == 303
    with app.extensions["db_sessions"]() as s:
        assert s.get(Claim, claim_id).status == "approved" and s.query(LedgerEntry).count() == 1


# --- cities -------------------------------------------------------------------------------------------------------

def test_caseworkers_see_only_their_city(app, client):
    """A Baotou caseworker walks the desk: the Xuchang application is not in the queue, its pages and actions are
    not found, the JSON queue and the export are empty; the Xuchang caseworker and the admin see it."""
    app_id, reference, _ = filed(client, app)
    claim_id, items = claim_of(app, app_id, SALES)
    assert decide(client, verify(client, app, app_id, SALES)).status_code == 303

    login(client, "baotou")
    queue = client.get("/desk/").get_data(as_text=True)
    assert "共 0 件申请" in queue and reference not in queue and "许昌市" not in queue.split("申请队列")[1][:200]
    assert "共 0 件申请" in client.get("/desk/?city=411000").get_data(as_text=True)
    assert client.get(f"/desk/applications/{app_id}").status_code == 404
    assert client.post(f"/desk/evidence/{items[0]}", data={"status": "rejected"}).status_code == 404
    assert client.post(f"/desk/claims/{claim_id}/decide", data={"outcome": "reject", "reason": "x"}).status_code == 404
    assert client.post(f"/desk/applications/{app_id}/reevaluate").status_code == 404
    assert client.get("/desk/api/applications").get_json()["total"] == 0
    assert reference not in client.get("/desk/export.csv?from=2000-01-01&to=2999-12-31").get_data(as_text=True)

    login(client, "clerk")
    assert client.get(f"/desk/applications/{app_id}").status_code == 200
    assert client.get("/desk/api/applications").get_json()["total"] == 1
    assert reference in client.get("/desk/export.csv?from=2000-01-01&to=2999-12-31").get_data(as_text=True)
    login(client, "boss")
    assert "共 1 件申请" in client.get("/desk/").get_data(as_text=True)
    assert reference in client.get("/desk/export.csv?from=2000-01-01&to=2999-12-31").get_data(as_text=True)


def test_a_caseworker_without_a_city_sees_nothing(app, client):
    filed(client, app)
    with app.extensions["db_sessions"]() as s:
        create_user(s, "nocity", PASSWORD, "caseworker")
        s.commit()
    login(client, "nocity")
    page = client.get("/desk/").get_data(as_text=True)
    assert "共 0 件申请" in page and "尚未分配所属城市" in page
    assert client.get("/desk/export.csv").status_code == 403


# --- accounts -----------------------------------------------------------------------------------------------------

def test_users_create_command(app):
    runner = app.test_cli_runner()
    secret = "another long secret\nanother long secret\n"
    result = runner.invoke(args=["users", "create", "admin2", "--role", "admin"], input=secret)
    assert result.exit_code == 0 and "已创建用户 admin2" in result.output
    result = runner.invoke(args=["users", "create", "admin2"], input=secret)
    assert result.exit_code != 0
    result = runner.invoke(args=["users", "create", "nb", "--role", "caseworker"], input=secret)
    assert result.exit_code != 0 and "--city" in result.output
    result = runner.invoke(args=["users", "create", "nb", "--role", "caseworker", "--city", "330200"], input=secret)
    assert result.exit_code == 0 and "330200" in result.output
    result = runner.invoke(args=["users", "set-city", "nb", "410700"])
    assert result.exit_code == 0 and "410700" in result.output


def test_account_administration_is_for_admins_only(app, client):
    login(client)
    assert client.get("/desk/users").status_code == 403
    login(client, "boss")
    page = client.get("/desk/users").get_data(as_text=True)
    assert "clerk" in page and "boss" in page and "包头市" in page
    response = client.post("/desk/users/1/active")
    assert response.status_code == 303
    assert "已停用账号 clerk" in client.get(response.headers["Location"]).get_data(as_text=True)
    response = client.post("/desk/users/3/active")
    assert "不能停用自己的账号" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert login(client).status_code == 401  # a disabled account cannot log in


def test_desk_pages_have_no_duplicate_ids(app, client):
    app_id, _, _ = filed(client, app, [SALES, FOUNDATION])
    app.config["WTF_CSRF_ENABLED"] = True
    page = client.get(f"/desk/applications/{app_id}").get_data(as_text=True)
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert 'name="csrf_token"' in page and len(ids) == len(set(ids))


def test_no_decision_is_preselected_and_an_unchosen_one_is_refused_in_the_claims_card(app, client):
    app_id, _, _ = filed(client, app, [SALES])
    claim_id = verify(client, app, app_id, SALES)
    page = client.get(f"/desk/applications/{app_id}").get_data(as_text=True)
    assert re.search(rf'<select[^>]*id="outcome-{claim_id}"[^>]*required', page)
    select = re.search(rf'<select[^>]*id="outcome-{claim_id}".*?</select>', page, re.S).group(0)
    assert re.search(r'<option[^>]*value=""[^>]*>请选择</option>', select) and "selected" not in select.split("请选择")[1]
    refused = decide(client, claim_id, outcome="")
    card = refused.get_data(as_text=True).split(f'id="claim-{claim_id}"')[1]
    assert refused.status_code == 422 and "请选择决定" in card.split("</section>")[0]


def test_the_whole_checklist_is_saved_at_once_and_said_in_the_card(app, client):
    app_id, _, _ = filed(client, app, [SALES])
    claim_id, items = claim_of(app, app_id, SALES)
    form = {f"ev{item}-status": "verified" for item in items} | {f"ev{item}-note": "原件已核" for item in items}
    saved = client.post(f"/desk/claims/{claim_id}/evidence", data=form)
    assert saved.status_code == 303 and saved.headers["Location"].endswith(f"#claim-{claim_id}")
    page = client.get(saved.headers["Location"]).get_data(as_text=True)
    card = page.split(f'id="claim-{claim_id}"')[1].split("</section>")[0]
    assert f"已保存材料核验结果,{len(items)} 项有变化" in card and card.count('class="ev-verified"') == len(items)
    again = client.get(client.post(f"/desk/claims/{claim_id}/evidence", data=form).headers["Location"])
    assert "核验结果没有变化" in again.get_data(as_text=True)
    bad = client.post(f"/desk/claims/{claim_id}/evidence", data={f"ev{items[0]}-status": "maybe"})
    assert bad.status_code in (409, 422) and "核验结果应为" in bad.get_data(as_text=True)


def test_the_queue_flags_an_award_claimed_twice_and_the_desk_links_the_clause_and_its_policys_rules(app, client):
    first, _, _ = filed(client, app, [SALES])
    client.post("/desk/logout")
    second, _, _ = filed(client, app, [SALES])
    client.post("/desk/logout")
    alone, _, _ = filed(client, app, [FACTORY], payee_name="许昌智造有限公司")
    queue = client.get("/desk/").get_data(as_text=True)
    rows = {m.group(1): m.group(0) for m in re.finditer(r"<tr>\s*<td><a href=\"/desk/applications/(\d+)\".*?</tr>",
                                                       queue, re.S)}
    assert "同一奖补另有申请" in rows[str(first)] and "同一奖补另有申请" in rows[str(second)]
    assert "同一奖补另有申请" not in rows[str(alone)]
    page = client.get(f"/desk/applications/{first}").get_data(as_text=True)
    assert re.search(r'<a href="/policies/[^"#]+#[^"]+">第 二\(一\)2 条</a>', page), "clause link"
    assert "本政策的口径" in page
