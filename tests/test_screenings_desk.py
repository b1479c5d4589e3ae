"""免申即享 through the desk's pages: upload a registry, follow the screening, file 免申 applications, hand out the
links, and the enterprise's confirmation page (errors beside the fields, input kept)."""
import io
import json
import re
from pathlib import Path

import pytest

from casework_support import PROFILE
from eligibility.casework import screenings
from eligibility.casework.models import Application, Screening
from eligibility.casework.users import create_user

PASSWORD = "correct horse battery"
PAYEE = {"payee_name": PROFILE["name"], "payee_bank": "中国工商银行许昌分行营业部", "payee_account": "6222 0212 3456 7890 123"}


@pytest.fixture
def app(make_app):
    app = make_app(WTF_CSRF_ENABLED=False)
    with app.extensions["db_sessions"]() as s:
        create_user(s, "clerk", PASSWORD, "caseworker", "王经办", city_code="411000")
        create_user(s, "baotou", PASSWORD, "caseworker", "包头经办", city_code="150200")
        s.commit()
    return app


def login(client, username="clerk"):
    client.post("/desk/logout")
    return client.post("/desk/login", data={"username": username, "password": PASSWORD})


def upload(client, text: str, name="registry.jsonl", as_of="2020-12-31"):
    return client.post("/desk/screenings/", data={"registry": (io.BytesIO(text.encode("utf-8")), name),
                                                  "as_of": as_of}, content_type="multipart/form-data")


def work(app):
    return screenings.work_once(app.extensions["db_sessions"], app.extensions["eligibility_engine"],
                                screenings.folder_of(app.instance_path))


def registry() -> str:
    return json.dumps(PROFILE, ensure_ascii=False) + "\n" + "{not json\n"


def test_the_desk_needs_a_login(client):
    assert client.get("/desk/screenings/").status_code in (302, 401)


def test_from_upload_to_a_confirmed_application(app, client):
    login(client)
    answer = upload(client, registry())
    assert answer.status_code == 303
    page = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "排队中" in page and 'http-equiv="refresh"' in page  # follows its progress until done
    assert work(app) is not None
    page = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "已完成" in page and 'http-equiv="refresh"' not in page
    assert PROFILE["name"] in page and "有误的行" in page and "第2行" in page
    assert "<svg" in page and "许昌" in page  # per county, with a chart
    hit = re.search(r'name="hit" value="(\d+)"', page).group(1)
    screening_id = int(answer.headers["Location"].rstrip("/").split("/")[-1])
    filed = client.post(f"/desk/screenings/{screening_id}/applications", data={"hit": [hit]})
    assert filed.status_code == 303
    page = client.get(filed.headers["Location"]).get_data(as_text=True)
    assert "已建立免申申请 1 件" in page and "待企业确认" in page
    links = client.get(f"/desk/screenings/{screening_id}/links.csv").get_data(as_text=True)
    link = re.search(r"(http://\S+/confirm)", links).group(1)
    token = link.split("/")[-2]
    with app.extensions["db_sessions"]() as s:
        application = s.query(Application).filter_by(access_token=token).one()
        assert (application.origin, application.status) == ("screening", "unconfirmed")
        desk_page = client.get(f"/desk/applications/{application.id}").get_data(as_text=True)
        assert "主动发现" in desk_page and "企业尚未确认" in desk_page
    enterprise = app.test_client()
    status = enterprise.get(f"/applications/{token}").get_data(as_text=True)
    assert "待您确认" in status
    wrong = enterprise.post(f"/applications/{token}/confirm", data={**PAYEE, "payee_name": "别的公司"})
    body = wrong.get_data(as_text=True)
    assert wrong.status_code == 400 and "户名应与单位名称" in body and "请勾选承诺" in body
    assert 'value="6222 0212 3456 7890 123"' in body  # input kept
    done = enterprise.post(f"/applications/{token}/confirm", data={**PAYEE, "declaration": "y"})
    assert done.status_code == 303
    assert "已确认" in enterprise.get(done.headers["Location"]).get_data(as_text=True)
    with app.extensions["db_sessions"]() as s:
        assert s.query(Application).filter_by(access_token=token).one().status == "submitted"
    assert enterprise.get(f"/applications/{token}/confirm").status_code == 303  # confirmed once


def test_bad_uploads_are_refused_beside_the_field(app, client):
    login(client)
    wrong = upload(client, "a,b\n", name="registry.csv")
    assert wrong.status_code == 400 and "名录应为" in wrong.get_data(as_text=True)
    missing = client.post("/desk/screenings/", data={"as_of": "2020-12-31"}, content_type="multipart/form-data")
    assert missing.status_code == 400 and "请选择名录文件" in missing.get_data(as_text=True)
    bad_date = upload(client, registry(), as_of="2020-13-45")
    assert bad_date.status_code == 400 and "测算日期" in bad_date.get_data(as_text=True)
    assert list(Path(screenings.folder_of(app.instance_path)).iterdir()) == []  # nothing kept of refused uploads


def test_other_cities_screenings_are_not_found(app, client):
    login(client)
    answer = upload(client, registry())
    login(client, "baotou")
    assert client.get(answer.headers["Location"]).status_code == 404
    assert client.get("/desk/screenings/99999999").status_code == 404


def test_result_files_download_and_nothing_else(app, client):
    login(client)
    location = upload(client, registry()).headers["Location"]
    work(app)
    with app.extensions["db_sessions"]() as s:
        screening = s.query(Screening).one()
        files = screening.summary["files"]
    for name in files:
        with client.get(f"{location}/files/{name}") as got:
            assert got.status_code == 200 and "attachment" in got.headers["Content-Disposition"]
    assert client.get(f"{location}/files/..%2Feligibility.db").status_code == 404
    assert client.get(f"{location}/files/other.xlsx").status_code == 404


def test_a_schema_of_the_screening_database_instead_of_a_file(make_app, tmp_path):
    app = make_app(WTF_CSRF_ENABLED=False, SCREENING_DATABASE_URL=f"duckdb:///{tmp_path / 'bureau.duckdb'}")
    with app.extensions["db_sessions"]() as s:
        create_user(s, "clerk", PASSWORD, "caseworker", "王经办", city_code="411000")
        s.commit()
    client = app.test_client()
    login(client)
    assert "筛查数据库中的名录" in client.get("/desk/screenings/").get_data(as_text=True)
    both = client.post("/desk/screenings/", data={"registry": (io.BytesIO(registry().encode()), "r.jsonl"),
                                                  "schema": "bureau", "as_of": "2020-12-31"},
                       content_type="multipart/form-data")
    assert both.status_code == 400 and "只能选一个" in both.get_data(as_text=True)
    bad = client.post("/desk/screenings/", data={"schema": "x;drop", "as_of": "2020-12-31"})
    assert bad.status_code == 400 and "schema 名只能含" in bad.get_data(as_text=True)
    assert 'value="x;drop"' in bad.get_data(as_text=True)  # input kept
    queued = client.post("/desk/screenings/", data={"schema": "bureau", "as_of": "2020-12-31"})
    assert queued.status_code == 303
    with app.extensions["db_sessions"]() as s:
        assert (s.query(Screening).one().source_kind, s.query(Screening).one().source_name) == ("database", "bureau")


def test_without_a_screening_database_there_is_no_schema_field(app, client):
    login(client)
    assert "筛查数据库中的名录" not in client.get("/desk/screenings/").get_data(as_text=True)
    answer = client.post("/desk/screenings/", data={"schema": "bureau", "as_of": "2020-12-31"})
    assert answer.status_code == 400 and "请选择名录文件" in answer.get_data(as_text=True)


def _filed(app, client) -> tuple[int, str]:
    """A screening run and one 免申 application filed from it: its id and the enterprise's token."""
    login(client)
    location = upload(client, registry()).headers["Location"]
    work(app)
    hit = re.search(r'name="hit" value="(\d+)"', client.get(location).get_data(as_text=True)).group(1)
    client.post(f"{location}/applications", data={"hit": [hit]})
    with app.extensions["db_sessions"]() as s:
        application = s.query(Application).one()
        return application.id, application.access_token


def test_the_enterprise_declines_with_its_reason(app, client):
    _, token = _filed(app, client)
    enterprise = app.test_client()
    empty = enterprise.post(f"/applications/{token}/decline", data={"reason": ""})
    assert empty.status_code == 400 and "请简要说明不申请的原因" in empty.get_data(as_text=True)
    done = enterprise.post(f"/applications/{token}/decline", data={"reason": "本年度已另行申报"})
    assert done.status_code == 303
    assert "已撤回" in enterprise.get(done.headers["Location"]).get_data(as_text=True)
    with app.extensions["db_sessions"]() as s:
        assert s.query(Application).one().status == "withdrawn"


def test_the_caseworker_withdraws_with_a_reason_kept_when_refused(app, client):
    application_id, _ = _filed(app, client)
    page = client.get(f"/desk/applications/{application_id}").get_data(as_text=True)
    assert "撤回免申申请" in page
    refused = client.post(f"/desk/applications/{application_id}/withdraw", data={"reason": ""})
    assert refused.status_code == 422 and "请写明撤回的理由" in refused.get_data(as_text=True)
    done = client.post(f"/desk/applications/{application_id}/withdraw", data={"reason": "筛查所用销售收入有误"})
    assert done.status_code == 303
    page = client.get(f"/desk/applications/{application_id}").get_data(as_text=True)
    assert "已撤回" in page and "筛查所用销售收入有误" in page and "撤回免申申请" in page  # the audit trail says so


def test_the_sweep_command_removes_old_files_and_the_page_says_so(app, client):
    from datetime import timedelta

    from sqlalchemy import update

    from eligibility.casework import db
    from eligibility.clock import utcnow
    login(client)
    location = upload(client, registry()).headers["Location"]
    work(app)
    with app.extensions["db_sessions"]() as s, db.transaction(s):
        s.execute(update(Screening).values(finished_at=utcnow() - timedelta(days=10)))
    result = app.test_cli_runner().invoke(args=["screenings-sweep", "--keep-days", "7"])
    assert result.exit_code == 0 and "已删除 3 个文件" in result.output, result.output
    page = client.get(location).get_data(as_text=True)
    assert "已按保存期限删除" in page and "下载全部结果" not in page and PROFILE["name"] in page
