"""Applying and casework driven as people would, in real headless Chromium: the enterprise submits from its
self-check result, a caseworker logs in, verifies the evidence, approves, and exports the disbursement list."""
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser_support import (
    A11Y_PROBLEMS,
    fill_xuchang,
    new_page,
    require_chromium,
    screenshot,
    serving,
)
from eligibility.casework.users import create_user

pytestmark = pytest.mark.browser
require_chromium()

CREDIT_CODE = "91350100M000100Y43"
USERNAME, PASSWORD = "clerk", "correct horse battery"


@pytest.fixture(scope="module")
def base_url(make_app):
    """The real application, CSRF on, over a fresh migrated SQLite database with one caseworker, in a thread."""
    app = make_app(TESTING=False)
    assert app.config.get("WTF_CSRF_ENABLED", True) is True
    with app.extensions["db_sessions"]() as s:
        create_user(s, USERNAME, PASSWORD, "caseworker", "王经办", city_code="411000")
        s.commit()
    with serving(app) as url:
        yield url


@pytest.fixture
def enterprise(browser):
    """The enterprise's browser (no desk session)."""
    with new_page(browser, accept_downloads=True) as page:
        yield page


@pytest.fixture
def caseworker(browser):
    """The caseworker's browser, a separate context (own cookies)."""
    with new_page(browser, accept_downloads=True) as page:
        yield page


def submit_xuchang_application(page, base_url, credit_code=CREDIT_CODE) -> tuple[str, str]:
    """Fill the self-check, see 30万元, apply with the pre-ticked awards; the reference and the private link."""
    fill_xuchang(page, base_url, credit_code)
    page.click("button.primary:has-text('测算')")
    page.wait_for_selector("h1:has-text('自查结果')")
    assert "合计 30万元" in page.inner_text("main")

    section = page.locator("section#apply")
    boxes = section.locator("input[type=checkbox][name=claim]")
    ticked = [boxes.nth(i) for i in range(boxes.count()) if boxes.nth(i).is_checked()]
    assert len(ticked) == 2, section.inner_text()
    labels = section.inner_text()
    assert "10万元" in labels and "20万元" in labels
    # The payee account: 户名 comes filled with the enterprise's name; a wrong account is refused beside the field,
    # with everything typed and ticked kept.
    assert section.get_by_label("户名", exact=True).input_value().strip()
    section.get_by_label("开户行", exact=True).fill("中国工商银行许昌分行营业部")
    section.get_by_label("账号", exact=True).fill("6222 02ab")
    with page.expect_navigation():
        section.locator("button:has-text('提交申请')").click()
    section = page.locator("section#apply")
    assert "账号只能含数字" in section.locator("#payee_account-error").inner_text()
    assert section.get_by_label("开户行", exact=True).input_value() == "中国工商银行许昌分行营业部"
    assert len([i for i in range(boxes.count()) if boxes.nth(i).is_checked()]) == 2
    section.get_by_label("账号", exact=True).fill("6222 0212 3456 7890 123")
    with page.expect_navigation():
        section.locator("button:has-text('提交申请')").click()
    page.wait_for_selector("h1:has-text('申请进度')")
    reference = page.inner_text("#reference").strip()
    assert re.fullmatch(r"SQ\d{14}", reference), reference
    assert page.inner_text("#status").strip() == "已提交"
    return reference, page.url


def log_in(page, base_url):
    """Open the desk, be sent to the login page, log in, land on the queue."""
    page.goto(base_url + "/desk/")
    assert "/desk/login" in page.url
    page.wait_for_selector("h1:has-text('经办人登录')")
    page.get_by_label("用户名").fill(USERNAME)
    page.get_by_label("密码").fill(PASSWORD)
    with page.expect_navigation():
        page.click("button.primary:has-text('登录')")
    page.wait_for_selector("h1:has-text('申请队列')")


def open_application(page, reference):
    page.click(f"table.queue a:text-is('{reference}')")
    page.wait_for_selector(f"h1:has-text('申请 {reference}')")


def sales_claim(page):
    """The section of the 10万元 sales-milestone claim."""
    section = page.locator("section[id^=claim-]").filter(has=page.locator("h2", has_text="申请 10万元"))
    assert section.count() == 1
    return section


def test_apply_verify_approve_and_export(enterprise, caseworker, base_url):
    # 1. The enterprise applies.
    reference, link = submit_xuchang_application(enterprise, base_url)

    # 2. The caseworker logs in and finds the application in the queue.
    log_in(caseworker, base_url)
    row = caseworker.locator("table.queue tbody tr", has_text=reference)
    assert row.count() == 1 and CREDIT_CODE in row.inner_text()
    open_application(caseworker, reference)

    claim = sales_claim(caseworker)
    claim_id = claim.get_attribute("id")
    assert "待审核" in claim.inner_text()
    selects = claim.locator("table.evidence-table tbody select")
    count = selects.count()
    assert count >= 1
    # The whole checklist is one form: each row marked, one button saves them all.
    for index in range(count):
        row = claim.locator("table.evidence-table tbody tr").nth(index)
        row.locator("select").select_option(label="已核验")
        row.locator("input[aria-label^='备注']").fill("原件已核")
    with caseworker.expect_navigation():
        claim.locator("button:has-text('保存核验结果')").click()
    assert caseworker.url.endswith(f"#{claim_id}")
    claim = caseworker.locator(f"section#{claim_id}")
    expect(claim.locator("p.notice")).to_contain_text(f"已保存材料核验结果,{count} 项有变化")  # in the card
    statuses = [t.strip() for t in claim.locator("table.evidence-table tbody td.ev-verified").all_inner_texts()]
    assert statuses == ["已核验"] * count, claim.inner_text()

    # No decision is preselected: the browser itself asks for one before anything is sent (the server refuses it
    # too, beside the field: tests/test_desk.py).
    decision = claim.get_by_label("决定")
    assert decision.input_value() == ""
    claim.locator("button:has-text('提交决定')").click()
    assert decision.evaluate("el => el.validity.valueMissing") and caseworker.url.endswith(f"#{claim_id}")
    claim.get_by_label("决定").select_option(label="批准")
    with caseworker.expect_navigation():
        claim.locator("button:has-text('提交决定')").click()
    claim = caseworker.locator(f"section#{claim_id}")
    expect(claim.locator("p.notice")).to_contain_text("已记录决定")
    assert "审核状态:已批准" in claim.inner_text()
    assert claim.locator("button:has-text('提交决定')").count() == 0
    screenshot(caseworker, "desk-application.png")
    trail = caseworker.locator("table.audit").inner_text()
    assert "核验材料" in trail and "作出决定" in trail and "状态:已核验" in trail
    assert "evidence_marked" not in trail and '{"' not in trail  # words, not codes or JSON
    caseworker.set_viewport_size({"width": 390, "height": 844})  # a phone: the page fits, the tables scroll
    caseworker.reload()
    wide = caseworker.evaluate("""Array.from(document.querySelectorAll('body *')).filter(e =>
        e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 8).map(e => e.tagName + '.' + e.className +
        '#' + e.id + ' ' + Math.round(e.getBoundingClientRect().right))""")
    assert caseworker.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), wide
    screenshot(caseworker, "desk-application-phone.png")
    caseworker.set_viewport_size({"width": 1366, "height": 768})

    # 3. The enterprise's private link shows the approval.
    enterprise.goto(link)
    award = enterprise.locator("article.award").filter(has=enterprise.locator("h3", has_text="10万元"))
    assert award.count() == 1
    assert "审核状态:已批准" in award.inner_text() and "批准金额:10万元" in award.inner_text()
    other = enterprise.locator("article.award").filter(has=enterprise.locator("h3", has_text="20万元"))
    assert "审核状态:待审核" in other.inner_text()

    # 4. The disbursement list, by the queue's 导出 CSV button (a download) and by the export URL.
    caseworker.click("a:has-text('返回队列')")
    caseworker.wait_for_selector("h1:has-text('申请队列')")
    with caseworker.expect_download() as download_info:
        caseworker.click("button:has-text('导出 CSV')")
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    csv_text = Path(download.path()).read_text(encoding="utf-8-sig")
    assert reference in csv_text and CREDIT_CODE in csv_text and "100000" in csv_text, csv_text
    response = caseworker.request.get(base_url + "/desk/export.csv?from=2000-01-01&to=2999-12-31")
    assert response.ok and response.headers["content-type"].startswith("text/csv")
    body = response.text()
    assert reference in body and CREDIT_CODE in body and "100000" in body
    response.dispose()

    # The enterprise's browser has no desk session.
    response = enterprise.request.get(base_url + "/desk/export.csv", max_redirects=0)
    assert response.status == 302 and "/desk/login" in response.headers["location"]
    response.dispose()


def test_accessibility_smoke_login_queue_application(enterprise, caseworker, base_url):
    # Another enterprise: the first test's awards are approved or open, and the form would say so.
    reference, _ = submit_xuchang_application(enterprise, base_url, "91350100M000200Y4T")
    caseworker.goto(base_url + "/desk/login")
    assert caseworker.evaluate(A11Y_PROBLEMS) == [], "login page"
    log_in(caseworker, base_url)
    assert caseworker.evaluate(A11Y_PROBLEMS) == [], "queue page"
    open_application(caseworker, reference)
    assert caseworker.evaluate(A11Y_PROBLEMS) == [], "application page"
    # The evidence controls of every row carry their item's name.
    for select in caseworker.locator("table.evidence-table select").all():
        assert select.get_attribute("aria-label").startswith("核验结果:")


def test_the_application_page_shows_the_link_takes_files_and_survives_back(enterprise, base_url, tmp_path):
    """After applying: the private link as text with a copy button, the materials uploaded and listed, Back to the
    result page works (it is a GET), and the page fits a phone."""
    _, link = submit_xuchang_application(enterprise, base_url, "91350100M000300Y4J")
    field = enterprise.locator("#private-link")
    assert field.input_value() == link
    enterprise.click("button[data-copy='private-link']")
    expect(enterprise.locator("#private-link-status")).to_contain_text("复制")  # said once the copy is done

    report = tmp_path / "2019年度审计报告.pdf"
    report.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    card = enterprise.locator("article[id^=claim-]").filter(has_text="首次突破10亿元").first
    card.locator("input[type=file]").first.set_input_files(str(report))
    with enterprise.expect_navigation():
        card.locator("button:has-text('上传所选文件')").click()
    card = enterprise.locator("article[id^=claim-]").filter(has_text="首次突破10亿元").first
    assert "已上传 1 个文件" in card.inner_text() and "2019年度审计报告.pdf" in card.inner_text()
    screenshot(enterprise, "application-status-uploaded.png")

    enterprise.go_back()  # the upload's redirect, then the application page's predecessor: the result
    enterprise.go_back()
    enterprise.wait_for_load_state()
    assert "ERR_CACHE_MISS" not in enterprise.content()

    enterprise.set_viewport_size({"width": 390, "height": 844})
    enterprise.goto(link)
    assert enterprise.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert enterprise.evaluate(A11Y_PROBLEMS) == []
