"""Applications through the web: submit from the self-check, the private link, login, the desk, export."""
import io
import json
import re
import time
from datetime import timedelta

import pytest
from openpyxl import load_workbook

from eligibility.casework.models import Application
from eligibility.casework.users import create_user

PROFILE = {
    "name": "许昌智造有限公司", "credit_code": "91350100M000100Y43", "division_code": "411003",
    "strategic_emerging": True, "sales_yuan_by_year": {"2018": 900000000, "2019": 1200000000},
    "recognitions": [{"kind": "smart_factory", "level": "provincial", "obtained_on": "2019-05-20"}], "projects": [],
}
DOCUMENT = json.dumps({"profile": PROFILE, "as_of": "2020-12-31"}, ensure_ascii=False)
SALES = "xuchang.sei_sales_milestone.rev_1bn"
FACTORY = "xuchang.smart_mfg.provincial_smart_factory"
PASSWORD = "correct horse battery"


@pytest.fixture
def app(make_app):
    app = make_app(WTF_CSRF_ENABLED=False)
    with app.extensions["db_sessions"]() as s:
        create_user(s, "clerk", PASSWORD, "caseworker", "王经办")
        s.commit()
    return app


def apply(client, claims=(SALES, FACTORY), key=None):
    response = client.post("/apply", data={"document": DOCUMENT, "submission_key": key or f"k{time.time_ns()}",
                                           "claim": list(claims)})
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    return response.headers["Location"]


def login(client, password=PASSWORD):
    return client.post("/desk/login", data={"username": "clerk", "password": password})


def application_id(client, link):
    reference = re.search(r'id="reference">(\w+)<', client.get(link).get_data(as_text=True)).group(1)
    page = client.get("/desk/").get_data(as_text=True)
    return int(re.search(rf'/desk/applications/(\d+)">{reference}<', page).group(1)), reference


def verify_and_approve(client, app, app_id, rule_id):
    with app.extensions["db_sessions"]() as s:
        claim = next(c for c in s.get(Application, app_id).claims if c.rule_id == rule_id)
        items, claim_id = [e.id for e in claim.evidence], claim.id
    for item in items:
        client.post(f"/desk/evidence/{item}", data={"status": "verified", "note": "原件已核"})
    return client.post(f"/desk/claims/{claim_id}/decide", data={"outcome": "approve", "amount_wan": "", "reason": ""},
                       follow_redirects=True)


def test_saved_self_check_loads_back_into_the_form(client):
    form = {"document": DOCUMENT}
    page = client.post("/selfcheck/load", data=form).get_data(as_text=True)
    assert "已载入" in page


def test_submit_gives_reference_and_private_link_idempotently(client):
    link = apply(client, key="same-key-123")
    assert apply(client, key="same-key-123") == link
    page = client.get(link).get_data(as_text=True)
    assert re.search(r'id="reference">SQ\d{14}<', page) and "已提交" in page and "战略性新兴产业企业年销售收入" in page
    assert client.get("/applications/not-a-real-token").status_code == 404


def test_private_link_shows_only_its_own_application(client):
    first, second = apply(client), apply(client, claims=[FACTORY])
    one, two = client.get(first).get_data(as_text=True), client.get(second).get_data(as_text=True)
    ref = lambda page: re.search(r'id="reference">(\w+)<', page).group(1)  # noqa: E731
    assert ref(one) != ref(two) and ref(two) not in one and SALES not in two


def test_claim_of_award_not_due_rerenders_result_with_message(client):
    response = client.post("/apply", data={"document": DOCUMENT, "submission_key": "kkkkkkkk",
                                           "claim": ["xuchang.mfg_innovation_center.national"]})
    assert response.status_code == 422
    assert "不在可申请的奖励之中" in response.get_data(as_text=True)
    response = client.post("/apply", data={"document": "{broken", "submission_key": "kkkkkkkk"})
    assert response.status_code == 400


def test_wrong_password_is_refused(client):
    response = login(client, "wrong password")
    assert response.status_code == 401 and "用户名或密码不正确" in response.get_data(as_text=True)
    assert client.get("/desk/").status_code == 302


def test_every_desk_route_requires_login(app, client):
    apply(client)
    checked = 0
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/desk") or rule.endpoint == "auth.login":
            continue
        url = re.sub(r"<(?:int:)?\w+>", "1", rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            response = client.open(url, method=method)
            assert response.status_code in (302, 401), (method, url, response.status_code)
            if response.status_code == 302:
                assert "/desk/login" in response.headers["Location"]
            checked += 1
    assert checked >= 9


def test_session_expires(app, client):
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(seconds=1)
    login(client)
    assert client.get("/desk/").status_code == 200
    time.sleep(2.1)
    assert client.get("/desk/").status_code == 302


def test_full_flow_to_export_and_double_claim_refused(app, client):
    link = apply(client)
    login(client)
    app_id, reference = application_id(client, link)
    page = client.get(f"/desk/applications/{app_id}").get_data(as_text=True)
    assert "逐项条件" in page and "二(一)2" in page and "统计部门报送的年度销售收入" in page
    refused = client.post("/desk/claims/1/decide", data={"outcome": "approve"}, follow_redirects=True)
    assert "尚未全部核验" in refused.get_data(as_text=True)
    approved = verify_and_approve(client, app, app_id, SALES)
    assert "已记录决定" in approved.get_data(as_text=True)
    assert "已批准" in client.get(link).get_data(as_text=True)

    second = apply(client, claims=[SALES])
    second_id, _ = application_id(client, second)
    page = client.get(f"/desk/applications/{second_id}").get_data(as_text=True)
    assert "重复申请" in page and reference in page
    again = verify_and_approve(client, app, second_id, SALES).get_data(as_text=True)
    assert "不能重复拨付" in again and reference in again

    workbook = client.get("/desk/export.xlsx?from=2000-01-01&to=2999-12-31")
    sheet = load_workbook(io.BytesIO(workbook.data)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert rows[0][1] == reference and rows[0][3] == PROFILE["credit_code"] and rows[0][8] == 100000
    assert len(rows) == 2  # one award and the total line
    csv_text = client.get("/desk/export.csv?from=2000-01-01&to=2999-12-31").get_data(as_text=True)
    assert reference in csv_text and "许政[2017]29号" in csv_text


def test_reevaluate_and_audit_trail_on_the_desk(app, client):
    link = apply(client)
    login(client)
    app_id, _ = application_id(client, link)
    page = client.post(f"/desk/applications/{app_id}/reevaluate", follow_redirects=True).get_data(as_text=True)
    assert "结果没有变化" in page and "reevaluated" in page and "submitted" in page


def test_queue_filters_and_json(app, client):
    apply(client)
    login(client)
    assert "共 1 件申请" in client.get("/desk/?city=411000").get_data(as_text=True)
    assert "共 0 件申请" in client.get("/desk/?city=150200").get_data(as_text=True)
    assert "已忽略" in client.get("/desk/?from=yesterday", follow_redirects=True).get_data(as_text=True)
    body = client.get(f"/desk/api/applications?rule_id={SALES}").get_json()
    assert body["total"] == 1 and body["applications"][0]["claims"] == [SALES, FACTORY]


def test_users_create_command(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["users", "create", "admin2", "--role", "admin"],
                           input="another long secret\nanother long secret\n")
    assert result.exit_code == 0 and "已创建用户 admin2" in result.output
    result = runner.invoke(args=["users", "create", "admin2"], input="another long secret\nanother long secret\n")
    assert result.exit_code != 0 and "已存在" in result.output


def test_account_administration_is_for_admins_only(app, client):
    with app.extensions["db_sessions"]() as s:
        create_user(s, "boss", PASSWORD, "admin")
        s.commit()
    login(client)
    assert client.get("/desk/users").status_code == 403
    client.post("/desk/logout")
    client.post("/desk/login", data={"username": "boss", "password": PASSWORD})
    page = client.get("/desk/users").get_data(as_text=True)
    assert "clerk" in page and "boss" in page
    assert "已停用账号 clerk" in client.post("/desk/users/1/active", follow_redirects=True).get_data(as_text=True)
    assert "不能停用自己的账号" in client.post("/desk/users/2/active", follow_redirects=True).get_data(as_text=True)
    client.post("/desk/logout")
    assert login(client).status_code == 401  # a disabled account cannot log in


def test_desk_pages_have_no_duplicate_ids(app, client):
    apply(client)
    login(client)
    app_id = int(re.search(r"/desk/applications/(\d+)", client.get("/desk/").get_data(as_text=True)).group(1))
    app.config["WTF_CSRF_ENABLED"] = True
    page = client.get(f"/desk/applications/{app_id}").get_data(as_text=True)
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert 'name="csrf_token"' in page and len(ids) == len(set(ids))
