"""What the browser tests share: Debian's Chromium through Playwright, the app served in a thread (under a strict
Content-Security-Policy), pages at desktop and phone sizes, axe-core and a console watch."""
import contextlib
import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
# What a deployment's headers will demand: scripts and styles only from files of the site, no inline code.
STRICT_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
              "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# Without the background-networking flags Chromium keeps dialling out, which this machine refuses.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


def chromium_path() -> str | None:
    """Debian's Chromium, if installed."""
    return shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)


def require_chromium() -> None:
    """Skip the calling test module when Chromium is missing; in CI that is a failure instead."""
    if chromium_path() is None:
        if os.environ.get("CI"):
            raise RuntimeError("chromium is not installed (apt-get install chromium fonts-noto-cjk)")
        pytest.skip("chromium is not installed", allow_module_level=True)
    pytest.importorskip("playwright.sync_api")


def with_strict_csp(app):
    """The app with a strict Content-Security-Policy on every response that does not set one itself."""
    inner = app.wsgi_app

    def wsgi(environ, start_response):
        def start(status, headers, exc_info=None):
            if not any(name.lower() == "content-security-policy" for name, _ in headers):
                headers = [*headers, ("Content-Security-Policy", STRICT_CSP)]
            return start_response(status, headers, exc_info)
        return inner(environ, start)

    app.wsgi_app = wsgi
    return app


@contextlib.contextmanager
def serving(app):
    """The application on a free loopback port, served from a thread; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)
        server.server_close()


@contextlib.contextmanager
def launched_browser():
    """Headless Chromium driven by Playwright."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextlib.contextmanager
def new_page(browser, **options):
    """A page in a context of its own (own cookies), Chinese locale, desktop size unless `viewport` says otherwise.

    The page records console errors and uncaught exceptions in `page.problems` (CSP refusals show there).
    """
    options.setdefault("viewport", DESKTOP)
    context = browser.new_context(locale="zh-CN", **options)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.problems = []

    def on_console(message):
        if message.type == "error" and not _expected(message.text):
            page.problems.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    try:
        yield page
    finally:
        context.close()


def _expected(text: str) -> bool:
    """Console errors a page causes on purpose: a 4xx answer to a form with mistakes in it."""
    return text.startswith("Failed to load resource: the server responded with a status of 4")


def axe_violations(page, **options) -> list[str]:
    """axe-core's violations on the page as it is now (every rule axe runs by default), one line each."""
    from axe_playwright_python.sync_playwright import Axe
    results = Axe().run(page, options={"resultTypes": ["violations"], **options})
    return [f"{v['id']} ({v['impact']}): {v['help']} — {', '.join(str(n['target']) for n in v['nodes'][:5])}"
            for v in results.response["violations"]]


def screenshot(page, name: str) -> None:
    """A full-page screenshot kept as a test artifact."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def fill_xuchang(page, base_url, credit_code="91350100M000100Y43"):
    """The self-check form for a Xuchang SEI enterprise: sales 9亿 → 12亿, provincial smart factory in 2019."""
    page.goto(base_url + "/")
    page.fill("#name", "许昌智造有限公司")
    page.fill("#credit_code", credit_code)
    page.select_option("#division_code", "411000")
    page.select_option("#strategic_emerging", "yes")
    page.fill("#as_of", "2020-12-31")
    page.fill("#sales-0-year", "2018")
    page.fill("#sales-0-amount", "90000")
    page.fill("#sales-1-year", "2019")
    page.fill("#sales-1-amount", "120000")
    page.select_option("#recognition_state", "yes")
    page.select_option("#recognitions-0-kind", "smart_factory")
    page.select_option("#recognitions-0-level", "provincial")
    page.fill("#recognitions-0-obtained_on", "2019-05-20")


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


# --- fixtures every browser test module shares (tests/conftest.py loads this module as a plugin) ---------------

@pytest.fixture(scope="module")
def browser():
    """One Chromium per test module."""
    with launched_browser() as browser:
        yield browser


@pytest.fixture
def page(browser):
    """A desktop page; it fails the test on any CSP refusal or script error."""
    with new_page(browser) as page:
        yield page
        assert page.problems == [], page.problems


@pytest.fixture
def phone(browser):
    """A 390 px touch page, watched alike."""
    with new_page(browser, viewport=PHONE, is_mobile=True, has_touch=True) as page:
        yield page
        assert page.problems == [], page.problems


def fits(page) -> bool:
    """Nothing sticks out sideways (no horizontal scrolling)."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
