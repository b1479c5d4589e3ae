"""The policy pages read as a person would, in headless Chromium: the catalogue, a text beside its rules, on a desk
and on a phone, under a strict Content-Security-Policy, with axe-core."""
import pytest

from browser_support import (
    ARTIFACTS,
    axe_violations,
    fits,
    require_chromium,
    screenshot,
    serving,
    with_strict_csp,
)

pytestmark = pytest.mark.browser
require_chromium()


@pytest.fixture(scope="module")
def base_url(make_app):
    with serving(with_strict_csp(make_app())) as url:
        yield url


def test_reader_goes_from_the_catalogue_to_a_clause_and_its_rules(page, base_url):
    page.goto(base_url + "/")
    page.click("nav.site-nav >> text=政策原文与测算规则")
    page.wait_for_selector("h1:has-text('政策原文与测算规则')")
    assert page.locator(".document-card").count() == 5
    assert axe_violations(page) == [], "/policies"
    page.click("text=许昌市制造业转型发展实施方案")
    page.wait_for_selector("h1:has-text('许昌市制造业转型发展实施方案')")
    assert axe_violations(page) == [], "a document page"
    screenshot(page, "policy-document.png")

    # A marked sentence's reference leads to the rule beside it; the rule's notes and scenarios unfold.
    clause = page.locator('[id="clause-二(一)2"]')
    assert "对年销售收入首次突破10亿元" in clause.locator("mark.q-encoded").last.inner_text()
    clause.locator('a.ref[href="#rule-xuchang.sei_sales_milestone.rev_1bn"]').click()
    rule = page.locator(":target")
    assert rule.get_attribute("id") == "rule-xuchang.sei_sales_milestone.rev_1bn"
    assert "一次性10万元资金奖励" in rule.inner_text() and "本系统测算的条件" in rule.inner_text()
    rule.locator("summary:has-text('测试场景')").click()
    assert rule.locator(".scenarios li").first.is_visible()
    # The contents lead to a section.
    page.click(".toc >> text=三、保障措施")
    assert page.locator(":target").get_attribute("id") == "clause-三"
    # A passage left out says why, in Chinese.
    left_out = page.locator('[id="clause-二(一)3"] .left-out-note').first
    assert "原因:" in left_out.inner_text() and "县级政府" in left_out.inner_text()


def test_a_document_with_left_out_passages_passes_axe(page, base_url):
    page.goto(base_url + "/policies/tianshui-2017-18")
    assert page.locator(".left-out-note").count() >= 6
    assert axe_violations(page) == [], "tianshui"


def test_policy_pages_fit_a_phone(phone, base_url):
    phone.goto(base_url + "/policies")
    assert fits(phone)
    screenshot(phone, "phone-policies.png")
    phone.goto(base_url + "/policies/xuchang-2017-29#clause-二(三)10")
    assert fits(phone)
    assert phone.locator(":target .rule-note").count() >= 1
    phone.screenshot(path=str(ARTIFACTS / "phone-policy-clause.png"))
    assert axe_violations(phone) == [], "document page on a phone"
