"""Materials handed in on the private link: checked by content, kept with a checksum, served only as downloads to
that link and to the desk, never left half-written; answers to 需补充材料; the date an application is evaluated as of."""
import hashlib
import re
from datetime import date

import pytest
from test_desk import FACTORY, SALES, apply, claim_of, filed, login, reference_of

from eligibility import clock
from eligibility.casework import attachments, service
from eligibility.casework.errors import CaseworkError
from eligibility.casework.models import Application, AuditEntry
from eligibility.casework.users import create_user

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PASSWORD = "correct horse battery"


@pytest.fixture
def app(make_app, tmp_path):
    app = make_app(WTF_CSRF_ENABLED=False, ATTACHMENTS_DIR=str(tmp_path / "files"))
    with app.extensions["db_sessions"]() as s:
        create_user(s, "clerk", PASSWORD, "caseworker", "王经办", city_code="411000")
        create_user(s, "baotou", PASSWORD, "caseworker", "包头经办", city_code="150200")
        s.commit()
    return app


def upload(client, link, claim_id, files):
    """files: field → (bytes, name); the page answers 303 back to the claim."""
    token = link.rsplit("/", 1)[1]
    data = {field: (__import__("io").BytesIO(content), name) for field, (content, name) in files.items()}
    return client.post(f"/applications/{token}/claims/{claim_id}/files", data=data,
                       content_type="multipart/form-data")


def stored(app):
    folder = app.config["ATTACHMENTS_DIR"]
    import os
    return sorted(os.listdir(folder)) if os.path.isdir(folder) else []


# --- the date an application is evaluated as of -----------------------------------------------------------------

def test_today_needs_no_reason_an_earlier_day_does_a_later_day_is_refused():
    today = clock.today()
    assert service.evaluation_date(None, None) == (today, None)
    assert service.evaluation_date(today, "  ") == (today, None)
    with pytest.raises(CaseworkError) as refused:
        service.evaluation_date(date(2020, 12, 31), " ")
    assert refused.value.field == "as_of_reason" and "2020-12-31" in str(refused.value)
    assert service.evaluation_date(date(2020, 12, 31), "申报 2020 年度\n奖励") == (date(2020, 12, 31), "申报 2020 年度 奖励")
    with pytest.raises(CaseworkError) as later:
        service.evaluation_date(date(today.year + 1, 1, 1), "理由")
    assert later.value.field == "as_of"
    with pytest.raises(CaseworkError):
        service.evaluation_date(date(2020, 12, 31), "长" * (service.MAX_AS_OF_REASON + 1))


def test_an_application_as_of_an_earlier_day_needs_its_reason_beside_the_field(client):
    page = apply(client, [SALES], expect=422, as_of_basis="")
    assert re.search(r'id="as_of_basis-error"[^>]*>[^<]*不是提交当天', page) or "请选择按该日期测算的理由" in page
    page = apply(client, [SALES], expect=422, as_of_basis="other", as_of_note="")
    assert "请写明按该日期测算的理由" in page


def test_the_desk_shows_and_flags_the_reason_for_another_day(app, client):
    app_id, _, _ = filed(client, app, [SALES], as_of_basis="other", as_of_note="年度申报通知要求按12月31日测算")
    page = client.get(f"/desk/applications/{app_id}").get_data(as_text=True)
    assert 'id="as-of-flag"' in page and "年度申报通知要求按12月31日测算" in page and "测算日期 2020-12-31" in page
    queue = client.get("/desk/").get_data(as_text=True)
    assert "非提交当日" in queue and "许昌市" in queue
    with app.extensions["db_sessions"]() as s:
        entry = s.query(AuditEntry).filter_by(action="submitted").one()
        assert entry.after["as_of"] == "2020-12-31" and "年度申报通知" in entry.after["as_of_reason"]


# --- uploads -------------------------------------------------------------------------------------------------------

def test_a_listed_material_is_uploaded_kept_with_its_checksum_and_downloaded_by_link_and_desk(app, client):
    link = apply(client, [SALES])
    app_id = next(a.id for a in app.extensions["db_sessions"]().query(Application))
    claim_id, items = claim_of(app, app_id, SALES)
    response = upload(client, link, claim_id, {f"file-{items[0]}": (PDF, "审计报告.pdf")})
    assert response.status_code == 303 and response.headers["Location"].endswith(f"#claim-{claim_id}")
    page = client.get(link).get_data(as_text=True)
    assert "已上传 1 个文件" in page and "审计报告.pdf" in page
    with app.extensions["db_sessions"]() as s:
        [kept] = attachments.live(s, app_id)
        assert kept.sha256 == hashlib.sha256(PDF).hexdigest() and kept.size_bytes == len(PDF) and kept.kind == "pdf"
        attachment_id = kept.id
    assert len(stored(app)) == 1
    token = link.rsplit("/", 1)[1]
    with client.get(f"/applications/{token}/files/{attachment_id}") as got:  # a file response: closed after
        assert got.status_code == 200 and got.data == PDF
        assert got.headers["Content-Disposition"].startswith("attachment")
        assert got.headers["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in got.headers["Content-Security-Policy"]
    other = apply(client, [FACTORY])
    assert client.get(f"/applications/{other.rsplit('/', 1)[1]}/files/{attachment_id}").status_code == 404
    assert client.get(f"/desk/files/{attachment_id}").status_code in (302, 401)  # not logged in
    login(client)
    desk = client.get(f"/desk/applications/{app_id}").get_data(as_text=True)
    assert f"/desk/files/{attachment_id}" in desk and "审计报告.pdf" in desk
    with client.get(f"/desk/files/{attachment_id}") as got:
        assert got.data == PDF
    login(client, "baotou")
    assert client.get(f"/desk/files/{attachment_id}").status_code == 404  # another city's caseworker


@pytest.mark.parametrize("content, name, message", [
    (b"<html><script>alert(1)</script></html>", "报告.pdf", "PDF、JPG、PNG、OFD"),
    (PNG, "照片.exe", "PDF、JPG、PNG、OFD"),
    (b"", "空.pdf", ""),
])
def test_files_are_judged_by_their_content_and_refused_in_the_claims_card(app, client, content, name, message):
    link = apply(client, [SALES])
    app_id = next(a.id for a in app.extensions["db_sessions"]().query(Application))
    claim_id, items = claim_of(app, app_id, SALES)
    assert upload(client, link, claim_id, {f"file-{items[0]}": (content, name)}).status_code == 303
    page = client.get(link).get_data(as_text=True)
    card = page.split(f'id="claim-{claim_id}"')[1]
    assert "未上传" in card and message in card
    assert stored(app) == [] and attachments.live(app.extensions["db_sessions"](), app_id) == []


def test_a_file_over_the_limit_is_refused_and_nothing_is_kept(app, client):
    app.config["MAX_ATTACHMENT_LENGTH"] = 1024
    link = apply(client, [SALES])
    app_id = next(a.id for a in app.extensions["db_sessions"]().query(Application))
    claim_id, items = claim_of(app, app_id, SALES)
    assert upload(client, link, claim_id, {f"file-{items[0]}": (PDF + b"0" * 2048, "大.pdf")}).status_code == 303
    assert "未上传" in client.get(link).get_data(as_text=True) and stored(app) == []


def test_a_failure_inside_the_transaction_leaves_neither_row_nor_file(app, client, monkeypatch):
    link = apply(client, [SALES])
    app_id = next(a.id for a in app.extensions["db_sessions"]().query(Application))
    claim_id, items = claim_of(app, app_id, SALES)

    def power_cut(*_args, **_kwargs):
        raise RuntimeError("injected failure after the row was written")

    monkeypatch.setattr(attachments, "audit", power_cut)
    with pytest.raises(RuntimeError):
        upload(client, link, claim_id, {f"file-{items[0]}": (PDF, "审计报告.pdf")})
    assert stored(app) == [] and attachments.live(app.extensions["db_sessions"](), app_id) == []


# --- answering 需补充材料 ----------------------------------------------------------------------------------------------

def test_the_enterprise_answers_a_request_for_more_and_the_claim_returns_to_review(app, client):
    app_id, reference, link = filed(client, app, [SALES])
    claim_id, _ = claim_of(app, app_id, SALES)
    asked = client.post(f"/desk/claims/{claim_id}/decide", data={"outcome": "more_info", "amount_wan": "",
                                                                "reason": "请补充2019年度审计报告"})
    assert asked.status_code == 303
    client.post("/desk/logout")
    token = link.rsplit("/", 1)[1]
    empty = client.post(f"/applications/{token}/claims/{claim_id}/answer", data={"answer": " "},
                        content_type="multipart/form-data")
    assert empty.status_code in (303, 422)
    assert "请写明补充的内容或说明" in client.get(link).get_data(as_text=True) or empty.status_code == 422
    data = {"answer": "已补充审计报告", "file-other": (__import__("io").BytesIO(PDF), "补充审计报告.pdf")}
    answered = client.post(f"/applications/{token}/claims/{claim_id}/answer", data=data,
                           content_type="multipart/form-data")
    assert answered.status_code == 303
    assert "已提交答复" in client.get(link).get_data(as_text=True)
    with app.extensions["db_sessions"]() as s:
        application = s.get(Application, app_id)
        assert application.claims[0].status == "pending"
        assert [a.original_name for a in attachments.live(s, app_id)] == ["补充审计报告.pdf"]
    login(client)
    desk = client.get(f"/desk/applications/{app_id}").get_data(as_text=True)
    assert "企业的答复" in desk and "已补充审计报告" in desk and "补充审计报告.pdf" in desk
    assert reference_of(client, link) == reference


# --- the result by its own address ---------------------------------------------------------------------------------

def test_the_result_is_a_get_only_for_the_browser_that_made_it(app, client):
    from test_desk import PROFILE

    from eligibility.profile import Profile
    from eligibility.web.selfcheck import profile_formdata
    posted = client.post("/", data=profile_formdata(Profile.model_validate(PROFILE), date(2020, 12, 31)))
    assert posted.status_code == 303 and "/result/" in posted.headers["Location"]
    first = client.get(posted.headers["Location"])
    assert first.status_code == 200 and first.headers["Cache-Control"] == "no-store"
    assert client.get(posted.headers["Location"]).status_code == 200  # Back and reload
    stranger = app.test_client()
    assert stranger.get(posted.headers["Location"]).status_code == 404
