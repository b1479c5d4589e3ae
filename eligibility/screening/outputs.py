"""Screening results out: JSON Lines (one line per enterprise, every rule of its jurisdiction), Parquet and Excel
(long: enterprise, rule, status, amount), the rejected rows, and the closing summary per rule."""
import json
from dataclasses import dataclass
from pathlib import Path

from ..money import format_yuan
from ..result import STATUS_LABELS
from .database import DuckDatabase
from .rules_sql import LISTED_FROM, STATUS_CODES
from .run import Screening
from .sql import literal

STATUS_NAME = "CASE {} " + " ".join(f"WHEN {c} THEN '{s}'" for s, c in STATUS_CODES.items()) + " END"
XLSX_MAX_ROWS = 1_048_575
# zstd: as fast to write as the default snappy for a million enterprises' outcomes (1.6–2.1 s either way on the
# 2-core machine) and a third smaller (35 MB against 53 MB); pyarrow, pandas and Spark all read it.
PARQUET = "FORMAT PARQUET, COMPRESSION zstd"
# Spreadsheet programs run a cell that starts with these as a formula: such text is written with a leading '.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _all_outcomes(all_statuses: bool) -> str:
    """Every (enterprise, rule of its jurisdiction) with its status and amount; or only those listed."""
    if not all_statuses:
        return ("SELECT r.eid, r.rule_index, r.status, r.amount_yuan FROM r_outcomes r")
    return ("SELECT e.eid, d.rule_index, COALESCE(r.status, d.default_status) AS status, r.amount_yuan "
            "FROM c_enterprises e JOIN d_rules d ON d.city_code = e.city_code "
            "AND (d.county_code IS NULL OR d.county_code = e.division_code) "
            "LEFT JOIN r_outcomes r ON r.eid = e.eid AND r.rule_index = d.rule_index")


def _per_enterprise(line: bool = False) -> str:
    """One row per screened enterprise: credit_code, total_yuan and every rule of its jurisdiction, in order."""
    return f"""
        SELECT {'e.line, ' if line else ''}e.credit_code, COALESCE(o.total_yuan, 0) AS total_yuan,
               COALESCE(o.outcomes, []) AS outcomes
        FROM c_enterprises e LEFT JOIN (
            SELECT a.eid,
                   CAST(COALESCE(sum(a.amount_yuan)
                                 FILTER (WHERE a.status = {STATUS_CODES['eligible']} AND d.explicit), 0)
                        AS BIGINT) AS total_yuan,
                   list({{'rule_id': d.rule_id, 'status': {STATUS_NAME.format('a.status')},
                          'amount_yuan': a.amount_yuan}} ORDER BY a.rule_index) AS outcomes
            FROM ({_all_outcomes(True)}) a JOIN d_rules d ON d.rule_index = a.rule_index GROUP BY a.eid) o
        ON o.eid = e.eid ORDER BY e.eid"""


def write_jsonl(screening: Screening, path: Path) -> None:
    """One line per screened enterprise: {"credit_code", "total_yuan", "outcomes": [{rule_id, status, amount_yuan}]}."""
    screening.local().execute(f"COPY ({_per_enterprise()}) TO {literal(str(path))} (FORMAT JSON)")


def jsonl_rows(screening: Screening) -> list[dict]:
    """The JSON Lines result as dicts, each with the line its profile was read from."""
    return screening.local().arrow(_per_enterprise(line=True)).to_pylist()


def _labels(db: DuckDatabase) -> str:
    """A table o_labels: (rule_index, status) → rule_id and status name, both as ENUM types. Joined once per outcome
    instead of spelling each status out: the Parquet writer writes an ENUM column from its codes, where it hashes
    text row by row to dictionary-encode it (16 million outcomes: 3.1 s of CPU → 1.7 s). Readers see text."""
    ids = list(dict.fromkeys(row[0] for row in db.rows("SELECT rule_id FROM d_rules ORDER BY rule_index")))
    rule_type = f"ENUM({', '.join(literal(i) for i in ids)})" if ids else "VARCHAR"
    status_type = f"ENUM({', '.join(literal(s) for s in STATUS_CODES)})"
    statuses = ", ".join(f"({code}, {literal(name)})" for name, code in STATUS_CODES.items())
    db.create("o_labels", f"SELECT d.rule_index, CAST(c.status AS SMALLINT) AS status, "
                          f"CAST(d.rule_id AS {rule_type}) AS rule_id, CAST(c.name AS {status_type}) AS name "
                          f"FROM d_rules d, (VALUES {statuses}) AS c(status, name)")
    return "o_labels"


def _long(db: DuckDatabase, all_statuses: bool, ordered: bool = False) -> str:
    return (f"SELECT e.credit_code, l.rule_id, l.name AS status, a.amount_yuan "
            f"FROM ({_all_outcomes(all_statuses)}) a JOIN c_enterprises e ON e.eid = a.eid "
            f"JOIN {_labels(db)} l ON l.rule_index = a.rule_index AND l.status = a.status"
            + (" ORDER BY a.eid, a.rule_index" if ordered else ""))


def _totals() -> str:
    # r_totals: made with the statuses (run.run_queries), one row per enterprise, so no grouping of the outcomes.
    return ("SELECT e.credit_code, e.name, e.division_code, CAST(COALESCE(t.total_yuan, 0) AS BIGINT) AS total_yuan, "
            "CAST(COALESCE(t.eligible, 0) AS BIGINT) AS eligible, "
            "CAST(COALESCE(t.may_apply, 0) AS BIGINT) AS may_apply, "
            "CAST(COALESCE(t.undetermined, 0) AS BIGINT) AS undetermined "
            "FROM c_enterprises e LEFT JOIN r_totals t ON t.eid = e.eid ORDER BY e.eid")


def write_parquet(screening: Screening, path: Path, all_statuses: bool = False) -> Path:
    """Outcomes long (credit_code, name, rule_id, status, amount_yuan) and, beside them, totals per enterprise."""
    db = screening.local()
    db.execute(f"COPY ({_long(db, all_statuses)}) TO {literal(str(path))} ({PARQUET})")
    totals = path.with_name(path.stem + ".totals.parquet")
    db.execute(f"COPY ({_totals()}) TO {literal(str(totals))} ({PARQUET})")
    return totals


def _safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_xlsx(screening: Screening, path: Path, all_statuses: bool = False) -> None:
    """A workbook: 汇总 (per rule), 企业 (per enterprise), 结果 (long outcomes)."""
    from openpyxl import Workbook
    db = screening.local()
    rows, = db.rows(f"SELECT count(*) FROM ({_all_outcomes(all_statuses)}) a")[0]
    if rows > XLSX_MAX_ROWS:
        raise ValueError(f"结果有{rows}行,超过 Excel 的行数上限;请改用 .parquet 或 .jsonl 输出")
    book = Workbook(write_only=True)
    sheet = book.create_sheet("汇总")
    sheet.append(["规则编号", "措施", "符合(家)", "奖励金额(元)", "可申报·需评审(家)", "待确定(家)"])
    for line in summary(screening).rules:
        sheet.append([line.rule_id, line.title, line.eligible, line.amount_yuan, line.may_apply, line.undetermined])
    sheet = book.create_sheet("企业")
    sheet.append(["统一社会信用代码", "单位名称", "注册地代码", "合计奖励(元)", "符合(项)", "可申报·需评审(项)",
                  "待确定(项)"])
    for row in db.rows(_totals()):
        sheet.append([_safe(v) for v in row])
    sheet = book.create_sheet("结果")
    sheet.append(["统一社会信用代码", "规则编号", "状态", "状态说明", "金额(元)"])
    for code, rule_id, status, amount in db.rows(_long(db, all_statuses, ordered=True)):
        sheet.append([code, rule_id, status, STATUS_LABELS[status], amount])
    book.save(path)


def write_errors(screening: Screening, path: Path) -> None:
    """Every rejected row, one JSON object a line: {"line", "table"?, "credit_code"?, "fields": [...]}."""
    with open(path, "w", encoding="utf-8") as out:
        for error in screening.loaded.errors:
            out.write(json.dumps(error.json(), ensure_ascii=False) + "\n")


def write(screening: Screening, path: Path, all_statuses: bool = False) -> list[Path]:
    """Write the result in the format its suffix names (.jsonl, .parquet, .xlsx) and the rejected rows beside it."""
    path = Path(path)
    suffix = path.suffix.lower()
    written = [path]
    if suffix in (".jsonl", ".ndjson"):
        write_jsonl(screening, path)
    elif suffix == ".parquet":
        written.append(write_parquet(screening, path, all_statuses))
    elif suffix == ".xlsx":
        write_xlsx(screening, path, all_statuses)
    else:
        raise ValueError(f"不支持的输出格式 {suffix}:请用 .jsonl、.parquet 或 .xlsx")
    errors = path.with_name(path.stem + ".errors.jsonl")
    write_errors(screening, errors)
    return [*written, errors]


@dataclass
class RuleLine:
    """One rule in the closing summary."""

    rule_id: str
    title: str
    eligible: int
    amount_yuan: int
    may_apply: int
    undetermined: int


@dataclass
class Summary:
    """The closing summary: enterprises screened, rejected rows and enterprises, awards and money per rule."""

    screened: int
    rejected_rows: int
    rejected_enterprises: int
    total_yuan: int
    eligible_awards: int
    rules: list[RuleLine]

    def lines(self) -> list[str]:
        """The summary as the command line prints it."""
        out = [f"已测算企业 {self.screened} 家;有误的行 {self.rejected_rows} 行"
               + (f"(涉及企业 {self.rejected_enterprises} 家未测算)" if self.rejected_enterprises else ""),
               f"符合的奖励 {self.eligible_awards} 项,合计 {format_yuan(self.total_yuan)}({self.total_yuan} 元)"]
        for line in self.rules:
            if line.eligible or line.may_apply:
                money = f",{format_yuan(line.amount_yuan)}" if line.amount_yuan else ""
                out.append(f"  {line.rule_id} {line.title}:符合 {line.eligible} 家{money};"
                           f"可申报·需评审 {line.may_apply} 家;待确定 {line.undetermined} 家")
        pending = sum(line.undetermined for line in self.rules)
        out.append(f"待确定(缺少信息)共 {pending} 项,见结果文件")
        return out


def summary(screening: Screening) -> Summary:
    """Counts and money per rule (explicit and related rules alike; totals count explicit rules only)."""
    db: DuckDatabase = screening.local()
    per_rule = {row[0]: row[1:] for row in db.rows(
        f"SELECT rule_index, count(*) FILTER (WHERE status = {STATUS_CODES['eligible']}), "
        f"CAST(COALESCE(sum(amount_yuan) FILTER (WHERE status = {STATUS_CODES['eligible']}), 0) AS BIGINT), "
        f"count(*) FILTER (WHERE status = {STATUS_CODES['may_apply']}), "
        f"count(*) FILTER (WHERE status = {STATUS_CODES['undetermined']}) "
        f"FROM r_outcomes WHERE status >= {LISTED_FROM} GROUP BY rule_index")}
    lines, total, awards = [], 0, 0
    for index, rule in enumerate(screening.plan.rules):
        eligible, amount, may_apply, undetermined = per_rule.get(index, (0, 0, 0, 0))
        lines.append(RuleLine(rule.id, rule.rule.title, eligible, amount, may_apply, undetermined))
        if rule.rule.strength == "explicit":
            total += amount
            awards += eligible
    loaded = screening.loaded
    return Summary(loaded.enterprises if screening.city is None else
                   db.rows("SELECT count(*) FROM c_enterprises")[0][0],
                   loaded.rejected_rows, loaded.rejected_enterprises, total, awards, lines)
