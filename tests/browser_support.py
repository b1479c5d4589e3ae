"""What the browser tests share: Debian's Chromium through Playwright, the app served in a thread, an a11y check."""
import contextlib
import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
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
    """A page in a context of its own (own cookies), Chinese locale, desktop size."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 1200, "height": 900}, **options)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        yield page
    finally:
        context.close()


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
    page.select_option("#amount_unit", "wan")
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
