"""免申即享 driven as people would, in real headless Chromium: a caseworker uploads a registry, the background worker
screens it while the page follows, she files 免申 applications for the enterprises due money, hands out the links,
and the enterprise confirms its account; the claim then waits in the queue like any application."""
import json
import re

import pytest
from playwright.sync_api import expect

from browser_support import A11Y_PROBLEMS, fits, new_page, require_chromium, screenshot, serving
from casework_support import PROFILE
from eligibility.casework.users import create_user

pytestmark = pytest.mark.browser
require_chromium()

USERNAME, PASSWORD = "clerk", "correct horse battery"
OTHER = {**PROFILE, "name": "许昌某小公司", "credit_code": "91411000MA44XXXX0R",
         "sales_yuan_by_year": {"2018": 100, "2019": 200}, "recognitions": [], "projects": []}


@pytest.fixture(scope="module")
def base_url(make_app):
    """The real application (CSRF on) with its screening worker running in a thread, as `dev.py serve` runs it."""
    app = make_app(TESTING=False, SCREENING_WORKER="thread", SCREENING_POLL_SECONDS=0.2)
    with app.extensions["db_sessions"]() as s:
        create_user(s, USERNAME, PASSWORD, "caseworker", "王经办", city_code="411000")
        s.commit()
    with serving(app) as url:
        yield url
    worker = app.extensions.get("screening_worker", {})
    if worker.get("stop"):
        worker["stop"].set()
        worker["thread"].join(timeout=10)


@pytest.fixture
def caseworker(browser):
    with new_page(browser, accept_downloads=True) as page:
        yield page
        assert page.problems == [], page.problems


@pytest.fixture
def enterprise(browser):
    with new_page(browser) as page:
        yield page
        assert page.problems == [], page.problems


def test_from_a_registry_upload_to_confirmed_applications(caseworker, enterprise, base_url, tmp_path):
    registry = tmp_path / "许昌名录.jsonl"
    registry.write_text("\n".join(json.dumps(p, ensure_ascii=False) for p in (OTHER, PROFILE)) + "\n",
                        encoding="utf-8")
    page = caseworker
    page.goto(base_url + "/desk/")
    page.get_by_label("用户名").fill(USERNAME)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_label("密码").press("Enter")
    page.wait_for_selector("h1:has-text('申请队列')")
    page.click("a:text-is('免申即享筛查')")
    page.wait_for_selector("h1:has-text('免申即享筛查')")

    # Playwright guesses no type for .jsonl: the file is handed over with the type a desktop would give it.
    page.get_by_label("企业名录文件").set_input_files({"name": registry.name, "mimeType": "application/x-ndjson",
                                                   "buffer": registry.read_bytes()})
    as_of = page.get_by_label("测算日期")
    as_of.fill("2020-12-31")
    with page.expect_navigation():
        page.click("button:has-text('开始筛查')")
    page.wait_for_selector("h1:has-text('免申即享筛查')")
    # The page refreshes itself while the worker screens; it ends on the result.
    expect(page.locator("#screening-status")).to_have_text("已完成", timeout=60_000)
    expect(page.locator("#totals")).to_contain_text("已测算企业 2 家")
    assert page.locator("svg.chart rect").count() == 1
    assert page.evaluate(A11Y_PROBLEMS) == []
    rows = page.locator("#hits tbody tr")
    assert rows.count() == 1 and PROFILE["name"] in rows.inner_text()
    screenshot(page, "screening-result.png")

    rows.first.locator("input[name=hit]").check()
    with page.expect_navigation():
        page.click("button:has-text('建立免申申请')")
    expect(page.locator("p.notice").first).to_contain_text("已建立免申申请 1 件")
    reference = page.locator("#hits tbody tr a").first.inner_text().strip()
    assert re.fullmatch(r"MS\d{14}", reference), reference
    with page.expect_download() as download:
        page.click("a:has-text('确认链接')")
    text = download.value.path().read_text(encoding="utf-8-sig")
    link = re.search(r"(http://\S+/confirm)", text).group(1)

    # The enterprise opens its link: a wrong account is refused beside the field with the input kept.
    enterprise.goto(link)
    enterprise.wait_for_selector("h1:has-text('确认免申申请')")
    assert reference in enterprise.inner_text("#reference")
    enterprise.get_by_label("开户行").fill("中国工商银行许昌分行营业部")
    enterprise.get_by_label("账号").fill("6222 02ab")
    with enterprise.expect_navigation():
        enterprise.click("button:has-text('确认并提交审核')")
    assert "账号只能含数字" in enterprise.inner_text("#payee_account-error")
    assert "请勾选承诺" in enterprise.inner_text("#declaration-error")
    assert enterprise.get_by_label("开户行").input_value() == "中国工商银行许昌分行营业部"
    enterprise.get_by_label("账号").fill("6222 0212 3456 7890 123")
    enterprise.get_by_label("本单位承诺", exact=False).check()
    with enterprise.expect_navigation():
        enterprise.get_by_label("账号").press("Enter")
    enterprise.wait_for_selector("h1:has-text('申请进度')")
    assert enterprise.inner_text("#status").strip() == "已提交"

    # Back on the desk: the application is in the queue, marked 主动发现, ready for evidence and approval.
    page.goto(base_url + "/desk/")
    row = page.locator("table.queue tbody tr", has_text=reference)
    assert "主动发现" in row.inner_text() and "已提交" in row.inner_text()
    page.click(f"table.queue a:text-is('{reference}')")
    expect(page.locator("#origin")).to_contain_text("企业已于")


def test_the_screening_pages_fit_a_phone(browser, base_url):
    with new_page(browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True) as phone:
        phone.goto(base_url + "/desk/")
        phone.get_by_label("用户名").fill(USERNAME)
        phone.get_by_label("密码").fill(PASSWORD)
        with phone.expect_navigation():
            phone.get_by_label("密码").press("Enter")
        phone.goto(base_url + "/desk/screenings/")
        assert fits(phone)
        phone.click("table.queue a >> nth=0")
        expect(phone.locator("#screening-status")).to_have_text("已完成", timeout=60_000)
        assert fits(phone)
