"""The self-check driven as a person would, in real headless Chromium (Debian's package, through Playwright)."""
import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from app import create_app

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


def chromium_path() -> str | None:
    found = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    return found


if chromium_path() is None:
    if os.environ.get("CI"):
        raise RuntimeError("chromium is not installed (apt-get install chromium fonts-noto-cjk)")
    pytest.skip("chromium is not installed", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def base_url():
    """The real application on a free local port, served from a thread."""
    app = create_app({"TESTING": True})  # CSRF on, as in production
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def fill_xuchang(page, base_url, credit_code="91350100M000100Y43"):
    page.goto(base_url + "/")
    page.fill("#name", "许昌智造有限公司")
    page.fill("#credit_code", credit_code)
    page.select_option("#division_code", "411000")
    page.select_option("#strategic_emerging", "yes")
    page.fill("#as_of", "2021-06-30")
    page.select_option("#amount_unit", "wan")
    page.fill("#sales-0-year", "2018")
    page.fill("#sales-0-amount", "90000")
    page.fill("#sales-1-year", "2019")
    page.fill("#sales-1-amount", "120000")
    page.select_option("#recognition_state", "yes")
    page.select_option("#recognitions-0-kind", "smart_factory")
    page.select_option("#recognitions-0-level", "provincial")
    page.fill("#recognitions-0-obtained_on", "2019-05-20")


def test_xuchang_enterprise_sees_30_wan_with_both_clauses(page, base_url):
    page.goto(base_url + "/")
    # Questions no measure of the chosen city needs are hidden: no Ningbo rule asks about SEI status.
    page.select_option("#division_code", "330212")
    assert page.locator('[data-question="strategic_emerging"]').is_hidden()
    fill_xuchang(page, base_url)
    assert page.locator('[data-question="strategic_emerging"]').is_visible()
    # Rows are added and removed in the page.
    page.click('[data-add="recognitions"]')
    assert page.locator("#recognitions-1-kind").is_visible()
    page.click('[data-row="recognitions-1"] [data-remove]')
    assert page.locator("#recognitions-1-kind").count() == 0

    page.click("button.primary:has-text('测算')")
    page.wait_for_selector("h1:has-text('自查结果')")
    body = page.inner_text("main")
    assert "10万元" in body and "20万元" in body and "合计 30万元" in body
    assert "二(一)2" in body and "二(三)10" in body
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "selfcheck-result.png"), full_page=True)


def test_wrong_credit_code_error_beside_field_answers_kept(page, base_url):
    fill_xuchang(page, base_url, credit_code="91350100M000100Y44")
    page.click("button.primary:has-text('测算')")
    error = page.locator("#credit_code-error")
    error.wait_for()
    assert "校验位" in error.inner_text()
    assert "credit_code-error" in page.get_attribute("#credit_code", "aria-describedby")
    assert page.input_value("#name") == "许昌智造有限公司"
    assert page.input_value("#credit_code") == "91350100M000100Y44"
    assert page.input_value("#sales-1-amount") == "120000"
    assert page.input_value("#recognitions-0-kind") == "smart_factory"
    assert page.input_value("#recognitions-0-obtained_on") == "2019-05-20"
    assert page.input_value("#strategic_emerging") == "yes"


A11Y_PROBLEMS = """() => {
  const problems = [];
  if (document.documentElement.lang !== "zh-CN") problems.push("html lang is " + document.documentElement.lang);
  for (const el of document.querySelectorAll("input, select, textarea")) {
    if (el.type === "hidden" || !(el.offsetWidth || el.offsetHeight || el.getClientRects().length)) continue;
    const labelled = (el.labels && el.labels.length) || el.getAttribute("aria-label") || el.getAttribute("aria-labelledby");
    if (!labelled) problems.push("no label: " + (el.id || el.name));
  }
  let previous = 0;
  for (const h of document.querySelectorAll("h1, h2, h3, h4, h5, h6")) {
    const level = Number(h.tagName[1]);
    if (previous === 0 && level !== 1) problems.push("first heading is " + h.tagName);
    if (previous && level > previous + 1) problems.push("heading skips to " + h.tagName + ": " + h.textContent.trim());
    previous = level;
  }
  if (document.querySelectorAll("h1").length !== 1) problems.push("not exactly one h1");
  return problems;
}"""


def test_accessibility_smoke_form_and_result(page, base_url):
    page.goto(base_url + "/")
    assert page.evaluate(A11Y_PROBLEMS) == []
    fill_xuchang(page, base_url)
    page.click('[data-add="projects"]')
    assert page.evaluate(A11Y_PROBLEMS) == []
    page.click("button.primary:has-text('测算')")
    page.wait_for_selector("h1:has-text('自查结果')")
    assert page.evaluate(A11Y_PROBLEMS) == []
