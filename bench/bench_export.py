"""Benchmark: the 拨付清单 of 100,000 approved awards, as Excel and as CSV, through the desk's export route.

Generates the awards in a temporary SQLite database (migrated, like production), then, each format in a fresh
process, logs in as an admin and downloads /desk/export.xlsx and /desk/export.csv through the app, reading the whole
response. Reports seconds (wall clock of the request), the process's peak resident memory (ru_maxrss, the
interpreter and the app included) and the bytes produced. --compare adds the same rows written by XlsxWriter
(constant_memory) and openpyxl (write-only) when they are installed, side by side. Target: < 10 s and < 500 MB.

Run: .venv/bin/python bench/bench_export.py [--rows 100000] [--compare]
"""
import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert

from eligibility.casework import db
from eligibility.casework.models import Application, Claim, Enterprise, LedgerEntry, User
from eligibility.creditcode import check_character

PASSWORD = "benchmark password"  # noqa: S105 (a throwaway account in a temporary database)
AWARDS = [  # (rule id, title, document number, clause, earmark, responsible, amount)
    ("xuchang.sei_sales_milestone.rev_1bn", "战略性新兴产业企业年销售收入首次突破10亿元奖励",
     "许政〔2017〕29号", "二(一)2",
     None, "市发改委、市工信委、市统计局、市财政局", 100000),
    ("xuchang.smart_mfg.provincial_smart_factory", "省级智能工厂一次性奖励", "许政〔2017〕29号", "二(二)1",
     "用于智能化改造", "市工信委、市财政局", 200000),
    ("xuchang.industrial_foundation.national_matching", "国家工业强基工程项目配套资金", "许政〔2017〕29号", "二(三)2",
     "用于项目建设", "市工信委、市发改委、市财政局", 4000000),
]
BANKS = ["中国工商银行许昌分行营业部", "中国建设银行许昌魏都支行", "中国农业银行长葛市支行", "许昌农村商业银行建安支行"]
COUNTIES = ["411002", "411003", "411024", "411025", "411081", "411082"]


def credit_code(n: int) -> str:
    first17 = f"91411000{n:09d}"
    return first17 + check_character(first17)


def generate(url: str, rows: int) -> None:
    """`rows` approved awards: one enterprise, application, claim and ledger row each, inserted in bulk."""
    db.upgrade(url)
    engine = db.make_engine(url)
    rng = random.Random(8)
    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    from werkzeug.security import generate_password_hash
    with engine.begin() as conn:
        conn.execute(insert(User), [{"id": 1, "username": "boss", "display_name": "局长", "role": "admin",
                                     "password_hash": generate_password_hash(PASSWORD), "active": True,
                                     "created_at": start}])
        for first in range(0, rows, 10_000):
            batch = range(first, min(rows, first + 10_000))
            when = [start + timedelta(minutes=3 * n) for n in batch]
            conn.execute(insert(Enterprise), [
                {"id": n + 1, "credit_code": credit_code(n), "name": f"许昌第{n}号智能装备制造有限公司",
                 "division_code": COUNTIES[n % 6], "created_at": when[i]} for i, n in enumerate(batch)])
            conn.execute(insert(Application), [
                {"id": n + 1, "reference": f"SQ20260101{n:06d}", "access_token": f"t{n:020d}",
                 "submission_key": f"k{n:020d}", "enterprise_id": n + 1, "city_code": "411000",
                 "division_code": COUNTIES[n % 6], "status": "decided", "submitted_at": when[i], "profile": {},
                 "payee_name": f"许昌第{n}号智能装备制造有限公司", "payee_bank": BANKS[n % 4],
                 "payee_account": f"6222{rng.randrange(10**14, 10**15)}"} for i, n in enumerate(batch)])
            conn.execute(insert(Claim), [
                {"id": n + 1, "application_id": n + 1, "rule_id": AWARDS[n % 3][0], "title": AWARDS[n % 3][1],
                 "document_number": AWARDS[n % 3][2], "clause_path": AWARDS[n % 3][3], "earmark": AWARDS[n % 3][4],
                 "responsible": AWARDS[n % 3][5], "claimed_yuan": AWARDS[n % 3][6], "one_off": True,
                 "award_kind": "fixed", "status": "approved",
                 "ledger_key": "enterprise" if n % 3 < 2 else f"project:industrial_foundation:工信部规〔2018〕{n}",
                 "project_name": "强基一号" if n % 3 == 2 else None} for n in batch])
            conn.execute(insert(LedgerEntry), [
                {"id": n + 1, "credit_code": credit_code(n), "rule_id": AWARDS[n % 3][0], "claim_id": n + 1,
                 "ledger_key": "enterprise" if n % 3 < 2 else f"project:industrial_foundation:工信部规〔2018〕{n}",
                 "amount_yuan": AWARDS[n % 3][6] - (10000 if n % 50 == 0 else 0), "approved_by": 1,
                 "approved_at": when[i] + timedelta(days=3),
                 "reason": "核减:部分材料不符" if n % 50 == 0 else None} for i, n in enumerate(batch)])
    engine.dispose()


def measure(url: str, kind: str) -> dict:
    """In this (fresh) process: log in, download the export through the app, time it; peak memory."""
    from eligibility.web import create_app
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False},
                     instance_path=tempfile.mkdtemp(prefix="bench-export-"))
    client = app.test_client()
    client.post("/desk/login", data={"username": "boss", "password": PASSWORD})
    started = time.perf_counter()
    response = client.get(f"/desk/export.{kind}?from=2026-01-01&to=2999-12-31", buffered=False)
    size = sum(len(chunk) for chunk in response.response)
    seconds = time.perf_counter() - started
    assert response.status_code == 200, response.status_code
    return {"format": kind, "seconds": round(seconds, 2), "bytes": size,
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def measure_library(url: str, library: str) -> dict:
    """The same rows written by XlsxWriter (constant_memory) or openpyxl (write-only), for comparison."""
    from datetime import date as date_type

    from eligibility.casework import export
    sessions = db.session_factory(db.make_engine(url))
    target = tempfile.TemporaryFile()
    started = time.perf_counter()
    with sessions() as s:
        rows = export.disbursements(s, date_type(2026, 1, 1), date_type(2999, 12, 31))
        if library == "xlsxwriter":
            import xlsxwriter
            book = xlsxwriter.Workbook(target, {"constant_memory": True})
            sheet = book.add_worksheet("拨付清单")
            for r, row in enumerate(rows, 2):
                for c, value in enumerate([r - 1, *row]):
                    if isinstance(value, str):
                        sheet.write_string(r, c, value)
                    elif isinstance(value, int):
                        sheet.write_number(r, c, value)
                    elif value is not None:
                        sheet.write_datetime(r, c, datetime.combine(value, datetime.min.time()))
            book.close()
        else:
            from openpyxl import Workbook
            book = Workbook(write_only=True)
            sheet = book.create_sheet("拨付清单")
            for r, row in enumerate(rows, 1):
                sheet.append([r, *row])
            book.save(target)
    seconds = time.perf_counter() - started
    return {"format": f"xlsx via {library}", "seconds": round(seconds, 2), "bytes": target.tell(),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--compare", action="store_true", help="also XlsxWriter and openpyxl, when installed")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:  # a child process measuring one format
        found = (measure(args.url, args.measure) if args.measure in ("xlsx", "csv")
                 else measure_library(args.url, args.measure))
        print(json.dumps(found, ensure_ascii=False))
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-export-") as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        started = time.perf_counter()
        generate(url, args.rows)
        print(f"generated {args.rows} approved awards in {time.perf_counter() - started:.1f} s", flush=True)
        kinds = ["xlsx", "csv"]
        if args.compare:
            for library in ("xlsxwriter", "openpyxl"):
                try:
                    __import__(library)
                    kinds.append(library)
                except ImportError:
                    print(f"{library} is not installed: skipped")
        results = []
        for kind in kinds:
            out = subprocess.run([sys.executable, __file__, "--measure", kind, "--url", url], check=True,
                                 capture_output=True, text=True).stdout
            results.append(json.loads(out.strip().splitlines()[-1]))
            print(json.dumps(results[-1], ensure_ascii=False), flush=True)
        print(f"\n{'format':<22}{'rows':>8}{'seconds':>9}{'peak MB':>9}{'MB out':>8}")
        for r in results:
            print(f"{r['format']:<22}{args.rows:>8}{r['seconds']:>9}{r['peak_rss_mb']:>9}{r['bytes'] / 2**20:>8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
