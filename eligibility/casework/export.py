"""The disbursement list (拨付清单) for finance: approved awards of a period, as Excel or CSV, streamed.

Rows come from one query, a thousand at a time, and go straight into a file (constant memory for any number of
rows). Text is cleaned of characters XML cannot carry, in both formats. A cell that begins with = + - @, a tab or
a carriage return would be a live formula in a spreadsheet: the workbook writes every text as a plain string
(never a formula), and the CSV gets a leading ' (OWASP's advice for CSV injection).
"""
import csv
import io
from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from typing import IO, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from ..clock import day_end, day_start, local_time
from ..vocabulary import division_name
from .frozen import ITEM_WORDS
from .models import Application, Claim, Enterprise, LedgerEntry, User
from .xlsx import AMOUNT, HEADER, TITLE, TOTAL, SheetWriter, clean

COLUMNS = [("序号", 6), ("城市/区县", 14), ("企业名称", 30), ("统一社会信用代码", 22), ("户名", 30), ("开户行", 28),
           ("账号", 24), ("奖励项目", 40), ("文号", 18), ("条款", 10), ("资金用途", 28), ("责任单位", 30),
           ("金额(元)", 14), ("批准人", 16), ("批准日期", 12), ("说明", 30), ("申请编号", 18), ("规则编号", 44)]
HEADERS = [title for title, _ in COLUMNS]
AMOUNT_COLUMN = HEADERS.index("金额(元)")
DATE_COLUMN = HEADERS.index("批准日期")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
BATCH = 1000


class DisbursementRow(NamedTuple):
    """One line of the 拨付清单, in column order (the serial number is added when writing)."""

    division: str
    enterprise: str
    credit_code: str
    payee_name: str
    payee_bank: str
    payee_account: str
    award: str
    document_number: str
    clause_path: str
    earmark: str
    responsible: str
    amount_yuan: int | None
    approver: str
    approved_on: date
    note: str
    reference: str
    rule_id: str


@lru_cache(maxsize=512)
def _division(code: str) -> str:
    return division_name(code)


def disbursements(session: Session, date_from: date, date_to: date, city: str | None = None
                  ) -> Iterator[DisbursementRow]:
    """Approved awards whose approval falls within the bureau days, oldest first; only `city`'s when given."""
    approver, confirmer = aliased(User), aliased(User)
    query = (select(LedgerEntry.amount_yuan, LedgerEntry.approved_at, LedgerEntry.reason, LedgerEntry.rule_id,
                    LedgerEntry.credit_code, Claim.title, Claim.item_kind, Claim.item_name, Claim.document_number,
                    Claim.clause_path, Claim.earmark, Claim.responsible, Application.reference,
                    Application.division_code, Application.payee_name, Application.payee_bank,
                    Application.payee_account, Enterprise.name, Enterprise.division_code,
                    approver.display_name, confirmer.display_name)
             .join(Claim, LedgerEntry.claim_id == Claim.id)
             .join(Application, Claim.application_id == Application.id)
             .join(Enterprise, Application.enterprise_id == Enterprise.id)
             .join(approver, LedgerEntry.approved_by == approver.id)
             .outerjoin(confirmer, LedgerEntry.confirmed_by == confirmer.id)
             .where(LedgerEntry.approved_at >= day_start(date_from), LedgerEntry.approved_at <= day_end(date_to),
                    Claim.status == "approved")  # not a row a crash left on an undecided claim (service.py)
             .order_by(LedgerEntry.id))
    if city is not None:
        query = query.where(Application.city_code == city)
    for (amount, approved_at, reason, rule_id, credit_code, title, item_kind, item_name, document_number, clause_path,
         earmark, responsible, reference, app_division, payee_name, payee_bank, payee_account, enterprise,
         enterprise_division, approver_name, confirmer_name) in session.connection().execute(
            query.execution_options(yield_per=BATCH)):  # Core rows, a batch at a time: no ORM per row
        yield DisbursementRow(
            division=_division(app_division or enterprise_division), enterprise=enterprise, credit_code=credit_code,
            payee_name=payee_name or "", payee_bank=payee_bank or "", payee_account=payee_account or "",
            award=f"{title}({ITEM_WORDS[item_kind or 'project']}:{item_name})" if item_name else title,
            document_number=document_number or "", clause_path=clause_path or "", earmark=earmark or "",
            responsible=responsible or "", amount_yuan=amount,
            approver=f"{approver_name};复核:{confirmer_name}" if confirmer_name else approver_name,
            approved_on=local_time(approved_at).date(), note=reason or "", reference=reference, rule_id=rule_id)


def neutralise(text: str) -> str:
    """A CSV cell that a spreadsheet would run as a formula, made plain text with a leading quote."""
    text = clean(text)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def write_csv(rows: Iterator[DisbursementRow], target: IO[bytes]) -> int:
    """The list as CSV (UTF-8 with BOM, so spreadsheet programs read the Chinese) with a 合计 line; the row count."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(HEADERS)
    count = total = 0
    for count, row in enumerate(rows, 1):
        cells = [count, *(neutralise(v) if isinstance(v, str) else v for v in row)]
        cells[DATE_COLUMN] = row.approved_on.isoformat()
        writer.writerow(cells)
        total += row.amount_yuan or 0
        if count % BATCH == 0:
            target.write(buffer.getvalue().encode("utf-8"))
            buffer.seek(0)
            buffer.truncate()
    total_line: list[str | int] = [""] * len(HEADERS)
    total_line[0], total_line[1], total_line[AMOUNT_COLUMN] = "合计", f"{count}项", total
    writer.writerow(total_line)
    target.write(buffer.getvalue().encode("utf-8"))
    return count


def write_xlsx(rows: Iterator[DisbursementRow], target: IO[bytes], title: str) -> int:
    """The list as an Excel workbook: a title, a bold frozen header with filters, a 合计 line; the row count."""
    sheet = SheetWriter(target, "拨付清单", [width for _, width in COLUMNS], freeze_below=2)
    sheet.row([title], sheet.styles({0: TITLE}))
    sheet.row(HEADERS, sheet.styles(dict.fromkeys(range(len(HEADERS)), HEADER)))
    sheet.autofilter_here()
    amount_style = sheet.styles({AMOUNT_COLUMN: AMOUNT})
    count = total = 0
    for count, row in enumerate(rows, 1):
        sheet.row([count, *row], amount_style)
        total += row.amount_yuan or 0
    total_line: list = [None] * len(HEADERS)
    total_line[0], total_line[1], total_line[AMOUNT_COLUMN] = "合计", f"{count}项", total
    sheet.row(total_line, sheet.styles({0: HEADER, 1: HEADER, AMOUNT_COLUMN: TOTAL}))
    sheet.close(filter_to_row=count + 2)
    return count
