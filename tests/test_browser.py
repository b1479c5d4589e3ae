"""The self-check driven as a person would, in real headless Chromium (Debian's package, through Playwright): typing,
Enter, phones, keyboards, printing to PDF, with JavaScript off, under a strict Content-Security-Policy, with axe-core."""
import io
import re
import unicodedata

import pytest

from browser_support import (
    ARTIFACTS,
    PHONE,
    axe_violations,
    fill_xuchang,
    fits,
    new_page,
    require_chromium,
    screenshot,
    serving,
    with_strict_csp,
)

pytestmark = pytest.mark.browser
require_chromium()

# Chromium's PDF text maps some ideographs to radicals of the same glyph; NFKC folds most, these the rest.
RADICALS = str.maketrans("⺠⻔⻚⻅⻓⻋⻜⻛⻢⻥⻦⻉⻆⻄⻘⻝⻩⻬⻰", "民门页见长车飞风马鱼鸟贝角西青食黄齐龙")


@pytest.fixture(scope="module")
def base_url(make_app):
    """The real application (CSRF on, as in production, and a strict CSP) served from a thread."""
    with serving(with_strict_csp(make_app())) as url:
        yield url


@pytest.fixture
def no_js(browser):
    with new_page(browser, java_script_enabled=False) as page:
        yield page


def evaluate(page):
    page.click("#evaluate")
    page.wait_for_selector("h1:has-text('自查结果')")


def pdf_text(page) -> list[str]:
    """The page printed to PDF (A4, as the print button does), each page's text, normalised."""
    import pypdf
    reader = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
    return [re.sub(r"\s+", "", unicodedata.normalize("NFKC", p.extract_text()).translate(RADICALS))
            for p in reader.pages]


def folded(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def fill_xinxiang(page, base_url):
    """A Xinxiang battery maker checking on a day after the plan ended (2025-12-31)."""
    page.goto(base_url + "/")
    page.fill("#name", "新乡电池科技有限公司")
    page.fill("#credit_code", "91350100M000100Y43")
    page.select_option("#division_code", "410700")
    page.fill("#as_of", "2026-06-30")
    page.select_option("#sector_state", "yes")
    page.click("details.sectors > summary")
    page.fill("#sector-filter", "电池")
    page.get_by_label("电池(动力电池、储能电池)").check()


# --- 1, 7, 11: the result in force, why it qualifies, the clause on the policy page -------------------------------

def test_xuchang_enterprise_sees_30_wan_why_and_the_clauses(page, base_url):
    page.goto(base_url + "/")
    # Questions no measure of the chosen city needs are hidden: no Ningbo rule asks about SEI status.
    page.select_option("#division_code", "330212")
    assert page.locator('[data-question="strategic_emerging"]').is_hidden()
    fill_xuchang(page, base_url)
    assert page.locator('[data-question="strategic_emerging"]').is_visible()
    assert axe_violations(page) == [], "form"
    # Rows are added and removed in the page.
    page.click('[data-add="recognitions"]')
    assert page.locator("#recognitions-1-kind").is_visible()
    assert page.evaluate("document.activeElement.id") == "recognitions-1-kind"
    page.click('[data-row="recognitions-1"] [data-remove]')
    assert page.locator("#recognitions-1-kind").count() == 0

    evaluate(page)
    body = page.inner_text("main")
    assert "合计 30万元" in body and "10万元" in body and "20万元" in body
    assert "二(一)2" in body and "二(三)10" in body
    why = page.locator("#money details.why-result").first
    assert why.is_visible() and "为什么符合" in why.inner_text() and "您的情况:2019年" in why.inner_text()
    assert "2019年:12亿元(120000万元)" in page.inner_text("#entered")
    assert axe_violations(page) == [], "result in force"
    screenshot(page, "selfcheck-result-in-force.png")

    # The citation leads to its clause on the policy page, beside the rule that encodes it.
    page.locator("#money a:has-text('在政策原文中查看')").first.click()
    page.wait_for_selector("h1:has-text('许昌市制造业转型发展实施方案')")
    assert page.url.endswith("#clause-%E4%BA%8C(%E4%B8%80)2")
    target = page.locator(":target")
    assert "对年销售收入首次突破10亿元" in target.inner_text()
    assert "战略性新兴产业企业年销售收入首次突破10亿元奖励" in target.inner_text()


# --- 2: Enter never deletes data ----------------------------------------------------------------------------------

def test_enter_in_a_text_field_evaluates_and_keeps_every_row(page, base_url):
    fill_xuchang(page, base_url)
    page.click("#name")
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.wait_for_selector("h1:has-text('自查结果')")
    entered = page.inner_text("#entered")
    assert "2018年:9亿元" in entered and "2019年:12亿元" in entered  # the first sales row is still there
    assert "合计 30万元" in page.inner_text("main")


def test_enter_in_the_sector_filter_filters_and_does_not_submit(page, base_url):
    page.goto(base_url + "/")
    page.click("details.sectors > summary")
    page.fill("#sector-filter", "新材料")
    page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "企业奖补政策自查"
    visible = page.locator(".checks li:visible")
    assert visible.count() == 2 and "找到 2 个领域" in page.inner_text("[data-sector-status]")
    visible.first.locator("input").check()
    assert "已选 1 个" in page.inner_text("[data-sector-count]")


def test_without_javascript_rows_are_edited_by_ticking_and_enter_evaluates(no_js, base_url):
    page = no_js
    fill_xuchang(page, base_url)
    assert page.locator("[data-remove]").first.is_hidden() and page.locator("[data-add]").first.is_hidden()
    page.click("button[name=edit_rows]")  # 更新表格: every list gets a blank row, nothing typed is lost
    page.wait_for_selector("#sales-2-year")
    assert page.input_value("#sales-1-amount") == "120000" and page.input_value("#recognitions-0-kind") == "smart_factory"
    assert "= 12亿元" in page.inner_text("#sales-1-amount-readback")  # read back by the server, as no script can
    page.check("#remove-recognitions-1")
    page.check("#remove-projects-1")
    page.click("button[name=edit_rows]")
    page.wait_for_selector("#sales-3-year")
    assert page.locator("#recognitions-1-kind").count() == 0 or page.input_value("#recognitions-1-kind") == ""
    assert page.input_value("#recognitions-0-kind") == "smart_factory"
    page.fill("#sales-2-year", "2017")  # a wrong row, ticked for removal: it goes when the form is sent
    page.fill("#sales-2-amount", "80000")
    page.check("#remove-sales-2")
    page.locator("#name").press("Enter")  # Enter means 测算, whatever else is on the page
    page.wait_for_selector("h1:has-text('自查结果')")
    entered = page.inner_text("#entered")
    assert "2018年:9亿元" in entered and "2019年:12亿元" in entered and "2017年" not in entered
    assert "合计 30万元" in page.inner_text("main")


# --- 3: 元 and 万元 --------------------------------------------------------------------------------------------------

def test_amounts_are_read_back_as_typed_and_implausible_ones_warned(page, base_url):
    fill_xuchang(page, base_url)
    field = page.locator("#sales-1-amount")
    assert page.inner_text("#sales-1-amount-unit") == "万元"
    field.fill("")
    field.press_sequentially("900000000")
    reading = page.locator("#sales-1-amount-readback")
    assert "= 90000亿元" in reading.inner_text()
    warning = reading.locator(".amount-warning")
    assert warning.is_visible() and "应填 90000" in warning.inner_text()
    field.fill("")
    field.press_sequentially("90000")
    assert reading.locator(".readback-value").inner_text() == "= 9亿元" and warning.is_hidden()
    field.fill("12亿")
    assert reading.locator(".readback-value").inner_text() == "= 12亿元"
    field.fill("1200000000元")
    assert reading.locator(".readback-value").inner_text() == "= 12亿元"
    field.fill("12.00001")
    assert "精确到元" in reading.inner_text()
    field.fill("120000")
    evaluate(page)
    assert "2019年:12亿元(120000万元)" in page.inner_text("#entered")


def test_an_implausible_amount_submitted_is_questioned_on_the_result(page, base_url):
    fill_xuchang(page, base_url)
    page.fill("#sales-1-amount", "1200000000")
    evaluate(page)
    alert = page.locator(".notice-error[role=alert]")
    assert "请先核对金额" in alert.inner_text() and "120000亿元" in alert.inner_text()


# --- 9: errors ------------------------------------------------------------------------------------------------------

def test_errors_are_summarised_focused_and_linked(page, base_url):
    fill_xuchang(page, base_url, credit_code="91350100M000100Y44")
    page.fill("#sales-1-amount", "十二亿")
    page.locator("#name").press("Enter")
    page.wait_for_selector("#error-summary")
    assert page.title().startswith("错误:有 2 处需要修改")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    summary = page.locator("#error-summary")
    assert "有 2 处需要修改" in summary.inner_text()
    # Answers kept, messages beside the fields.
    assert page.input_value("#name") == "许昌智造有限公司" and page.input_value("#sales-1-amount") == "十二亿"
    assert "校验位" in page.inner_text("#credit_code-error")
    assert axe_violations(page) == [], "form with errors"
    screenshot(page, "selfcheck-form-errors.png")
    summary.locator("a[href='#sales-1-amount']").click()
    assert page.evaluate("document.activeElement.id") == "sales-1-amount"
    summary.locator("a[href='#credit_code']").click()
    assert page.evaluate("document.activeElement.id") == "credit_code"


# --- 1: expired policies --------------------------------------------------------------------------------------------

def test_an_ended_policy_is_told_at_the_top_and_rerun_on_its_last_day(page, base_url):
    fill_xinxiang(page, base_url)
    evaluate(page)
    banner = page.locator(".document-standing").first
    text = banner.inner_text()
    assert "已到期" in text and "2025年12月31日到期" in text and "计入期" in text and "申报期" in text
    assert "政策文本未载明联系电话" in text
    summary = page.inner_text("#summary")
    assert "不在本市已收录政策的施行期内" in summary and "待确定" not in summary
    assert "请查看下方" not in page.inner_text("main")
    assert page.locator("#related details").get_attribute("open") is None  # related support folded
    assert axe_violations(page) == [], "result, policy ended"
    screenshot(page, "selfcheck-result-expired.png")

    banner.locator("button:has-text('按到期日 2025-12-31 重新测算')").click()
    page.wait_for_selector(".notice:has-text('已按2025年12月31日重新测算')")
    assert page.locator(".document-standing.phase-in_force").count() == 1
    assert "2025-12-31" in page.inner_text("#summary")
    assert "电池(动力电池、储能电池)" in page.inner_text("#entered")
    screenshot(page, "selfcheck-result-rerun-last-day.png")


# --- 5: print -------------------------------------------------------------------------------------------------------

def test_print_shows_everything_folded_on_screen(page, base_url, engine):
    fill_xuchang(page, base_url)
    evaluate(page)
    clause = engine.rulebook.by_id["xuchang.sei_sales_milestone.rev_1bn"].clause.text
    refused = page.locator("#not_eligible li").first.inner_text()
    assert not page.locator("#money blockquote").first.is_visible()  # folded on screen …
    page.emulate_media(media="print")
    assert page.locator("#money blockquote").first.is_visible()  # … open in print
    assert page.locator("#not_eligible li").first.is_visible()
    assert axe_violations(page) == [], "result, print media"
    pages = pdf_text(page)
    printed = "".join(pages)
    assert folded(clause) in printed  # the verbatim clause
    assert folded(refused.split(":")[0]) in printed  # the not-eligible list
    assert "91350100M000100Y43" in printed and folded("2019年:12亿元(120000万元)") in printed  # entered facts
    assert folded("“突破”指严格大于") in printed  # notes (口径)
    assert "提交申请" not in printed and "打印本页" not in printed  # no buttons or forms
    assert len(pages[0]) > 600, "page 1 is mostly blank"
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "selfcheck-result.pdf").write_bytes(page.pdf(format="A4"))


# --- 10: phones and keyboards -----------------------------------------------------------------------------------------

def test_the_form_and_result_fit_a_phone(phone, base_url):
    fill_xuchang(phone, base_url)
    phone.click('[data-add="recognitions"]')
    phone.select_option("#recognitions-1-kind", index=1)
    phone.click('[data-add="projects"]')
    assert fits(phone), "form at 390 px"
    for select in phone.locator("select:visible").all():
        box = select.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], select.get_attribute("id")
    screenshot(phone, "phone-form.png")
    phone.click('[data-row="recognitions-1"] [data-remove]')
    phone.click('[data-row="projects-1"] [data-remove]')
    evaluate(phone)
    assert fits(phone), "result at 390 px"
    assert axe_violations(phone) == [], "result on a phone"
    screenshot(phone, "phone-result.png")


def test_reaching_evaluate_by_keyboard_skips_the_folded_sectors(page, base_url):
    page.goto(base_url + "/")
    page.select_option("#division_code", "411000")
    page.focus("#name")
    stops, seen = 0, []
    while page.evaluate("document.activeElement.id") != "evaluate" and stops < 120:
        page.keyboard.press("Tab")
        stops += 1
        seen.append(page.evaluate("document.activeElement.name || document.activeElement.id"))
    assert page.evaluate("document.activeElement.id") == "evaluate"
    assert "sector_tags" not in seen  # 40 checkboxes, folded until wanted
    # What is left is the questions themselves (Chromium gives a date field four stops), the "为什么问这个?" notes
    # and the row buttons; and Enter in any field runs 测算 at once.
    assert stops <= 60, f"{stops} tab stops to 测算: {seen}"


def test_without_javascript_the_error_summary_still_takes_the_focus(no_js, base_url):
    fill_xuchang(no_js, base_url, credit_code="91350100M000100Y44")
    no_js.locator("#name").press("Enter")
    no_js.wait_for_selector("#error-summary")
    assert no_js.title().startswith("错误:有 1 处需要修改")
    assert no_js.evaluate("document.activeElement.id") == "error-summary"  # autofocus, no script needed
    no_js.click("#error-summary a[href='#credit_code']")
    assert no_js.url.endswith("#credit_code")
