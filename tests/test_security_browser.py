"""The Content-Security-Policy in a real browser: the pages work under it without a single violation, and another
site cannot frame the desk (whose buttons approve payouts)."""
import pytest

from browser_support import fill_xuchang, launched_browser, new_page, require_chromium, serving

pytestmark = pytest.mark.browser
require_chromium()


@pytest.fixture(scope="module")
def base_url(make_app):
    with serving(make_app(TESTING=False)) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with launched_browser() as browser:
        yield browser


def violations(page) -> list[str]:
    found: list[str] = []
    page.on("console", lambda message: found.append(message.text)
            if message.type == "error" or "Content Security Policy" in message.text else None)
    page.on("pageerror", lambda error: found.append(str(error)))
    return found


def test_pages_and_their_script_run_under_the_policy(browser, base_url):
    with new_page(browser) as page:
        found = violations(page)
        fill_xuchang(page, base_url)
        rows = page.locator("[id^=projects-][id$=-name]").count()
        page.select_option("#project_state", "yes")
        page.click("button[data-add=projects]")  # the script adds a row without a reload
        assert page.locator("[id^=projects-][id$=-name]").count() == rows + 1
        page.goto(base_url + "/desk/login")
        assert page.locator("h1").inner_text() == "经办人登录"
        assert found == []


def test_another_site_cannot_frame_the_desk(browser, base_url):
    with new_page(browser) as page:
        found = violations(page)
        page.set_content(f'<iframe id="f" src="{base_url}/desk/login" width="600" height="400"></iframe>')
        page.wait_for_timeout(1000)
        # Chromium shows its error page ("127.0.0.1 is blocked") instead of the desk.
        assert [frame.url for frame in page.frames][1].startswith("chrome-error://")
        assert "经办人登录" not in " ".join(page.frame_locator("#f").locator("h1").all_inner_texts())
        assert any("frame-ancestors 'none'" in text for text in found), found
