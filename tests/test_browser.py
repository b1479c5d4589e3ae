"""The self-check driven as a person would, in real headless Chromium (Debian's package, through Playwright)."""
import pytest

from browser_support import (A11Y_PROBLEMS, fill_xuchang, launched_browser, new_page, require_chromium, screenshot,
                             serving)

pytestmark = pytest.mark.browser
require_chromium()


@pytest.fixture(scope="module")
def base_url(make_app):
    """The real application (CSRF on, as in production) served from a thread."""
    with serving(make_app()) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with launched_browser() as browser:
        yield browser


@pytest.fixture
def page(browser):
    with new_page(browser) as page:
        yield page


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
    screenshot(page, "selfcheck-result.png")


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


def test_accessibility_smoke_form_and_result(page, base_url):
    page.goto(base_url + "/")
    assert page.evaluate(A11Y_PROBLEMS) == []
    fill_xuchang(page, base_url)
    page.click('[data-add="projects"]')
    assert page.evaluate(A11Y_PROBLEMS) == []
    page.click("button.primary:has-text('测算')")
    page.wait_for_selector("h1:has-text('自查结果')")
    assert page.evaluate(A11Y_PROBLEMS) == []
