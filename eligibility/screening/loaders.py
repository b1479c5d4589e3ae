"""Registries in: JSON Lines of profiles, Parquet or CSV tables, an Excel workbook, or tables in the database.

Every loader ends in the same canonical tables (c_enterprises, c_sales, c_recognitions, c_projects) and a list of
rejected rows. JSON Lines are validated line by line exactly as POST /api/v1/evaluate validates a profile; tables
are staged as s_<table> (every published column, plus its line number) and checked by validate.Checker.
"""
import csv
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
from pydantic import ValidationError

from ..errors import MESSAGES, FieldError, chinese_errors
from ..profile import Profile
from .canonical import CanonicalBuilder
from .cells import cell_text
from .columns import TABLES, Table
from .database import Database, DuckDatabase
from .sql import ident, literal
from .validate import Checked, Checker, RegistryError, RowError

Progress = Callable[[int], None]
JSONL_SUFFIXES = (".jsonl", ".ndjson")
TABLE_SUFFIXES = (".parquet", ".csv")


@dataclass
class Loaded:
    """What a loader made: the canonical tables are in the database; these are the counts and rejected rows."""

    enterprises: int
    errors: list[RowError] = field(default_factory=list)
    rejected_enterprises: int = 0
    kind: str = ""

    @property
    def rejected_rows(self) -> int:
        return len(self.errors)


def _duplicate(line: int, first: int) -> FieldError:
    return FieldError(field="credit_code", message=f"与第{first}行的统一社会信用代码相同,无法确定以哪一行为准")


def load_profiles(db: Database, lines, progress: Progress | None = None) -> Loaded:
    """JSON Lines of profiles (an iterable of text lines, numbered from 1): each validated as the API does."""
    builder = CanonicalBuilder()
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    profiles: list[tuple[int, Profile]] = []
    for number, text in enumerate(lines, start=1):
        if progress:
            progress(len(text.encode("utf-8")) if isinstance(text, str) else len(text))
        if not text.strip():
            continue
        try:
            raw = json.loads(text)
        except (json.JSONDecodeError, UnicodeDecodeError):
            errors.append(RowError(number, [FieldError(field="", message=MESSAGES["json_invalid"])]))
            continue
        try:
            profile = Profile.model_validate(raw)
        except ValidationError as exc:
            code = raw.get("credit_code") if isinstance(raw, dict) and isinstance(raw.get("credit_code"), str) else None
            errors.append(RowError(number, chinese_errors(exc), credit_code=code))
            continue
        if profile.credit_code in seen:
            errors.append(RowError(number, [_duplicate(number, seen[profile.credit_code])],
                                   credit_code=profile.credit_code))
            continue
        seen[profile.credit_code] = number
        profiles.append((number, profile))
    for number, profile in profiles:
        builder.add(profile, number)
    for name, table in builder.tables().items():
        db.load(f"c_{name}", table)
    return Loaded(len(profiles), errors, 0, "jsonl")


def load_jsonl(db: Database, path: Path, progress: Progress | None = None) -> Loaded:
    """A JSON Lines file of profiles."""
    with open(path, encoding="utf-8", errors="surrogateescape") as handle:
        return load_profiles(db, handle, progress)


def _match_header(table: Table, header: str) -> str | None:
    text = str(header).strip()
    for column in table.columns:
        if text in (column.name, column.label, column.header) or text.endswith(f"({column.name})") \
                or text.endswith(f"({column.name})"):
            return column.name
    return None


def _columns_of(table: Table, headers: list[str], where: str) -> list[str | None]:
    names = [_match_header(table, h) if h not in (None, "") else None for h in headers]
    unknown = [str(h) for h, n in zip(headers, names, strict=False) if n is None and h not in (None, "")]
    if unknown:
        raise RegistryError(f"{where}有未知的列:{'、'.join(unknown)}(可用的列:"
                            f"{'、'.join(c.name for c in table.columns)})")
    doubled = sorted({n for n in names if n and names.count(n) > 1})
    if doubled:
        raise RegistryError(f"{where}的列重复:{'、'.join(doubled)}")
    missing = [c.header for c in table.columns if c.required and c.name not in names]
    if missing:
        raise RegistryError(f"{where}缺少必填的列:{'、'.join(missing)}")
    return names


def _stage_rows(db: Database, table: Table, names: list[str | None], rows: list[tuple[int, list]]) -> None:
    """Stage text cells (CSV, Excel) as s_<table>: every published column as text, blank cells as NULL."""
    data: dict[str, list] = {"line": [line for line, _ in rows]}
    positions = {name: i for i, name in enumerate(names) if name}
    for column in table.columns:
        i = positions.get(column.name)
        data[column.name] = [None if i is None or i >= len(cells) else cell_text(cells[i]) or None
                             for _, cells in rows]
    schema = pa.schema([("line", pa.int64())] + [(c.name, pa.string()) for c in table.columns])
    db.load(f"s_{table.name}", pa.table(data, schema=schema))


def _stage_empty(db: Database, table: Table) -> None:
    _stage_rows(db, table, [], [])


def stage_csv(db: Database, paths: dict[str, Path]) -> None:
    """CSV files (UTF-8, with or without BOM; header row first) as staged tables."""
    for name, table in TABLES.items():
        path = paths.get(name)
        if path is None:
            _stage_empty(db, table)
            continue
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            headers = next(reader, [])
            names = _columns_of(table, headers, f"{path.name} ")
            rows = [(reader.line_num, cells) for cells in reader if any(c.strip() for c in cells)]
        _stage_rows(db, table, names, rows)


def stage_excel(db: Database, path: Path) -> None:
    """An Excel workbook with one sheet per table (named as the table or its Chinese name)."""
    from openpyxl import load_workbook
    book = load_workbook(path, read_only=True, data_only=True)
    try:
        sheets = {}
        for sheet in book.worksheets:
            for name, table in TABLES.items():
                if sheet.title.strip() in (name, table.label):
                    sheets[name] = sheet
        if "enterprises" not in sheets:
            raise RegistryError(f"{path.name} 中没有“企业”(enterprises)工作表")
        for name, table in TABLES.items():
            sheet = sheets.get(name)
            if sheet is None:
                _stage_empty(db, table)
                continue
            rows = sheet.iter_rows(values_only=True)
            headers = list(next(rows, ()))
            names = _columns_of(table, headers, f"工作表“{sheet.title}”")
            staged = [(number, list(cells)) for number, cells in enumerate(rows, start=2)
                      if any(c is not None and str(c).strip() for c in cells)]
            _stage_rows(db, table, names, staged)
    finally:
        book.close()


def stage_parquet(db: Database, paths: dict[str, Path]) -> None:
    """Parquet files, typed as written (dates, integers, booleans, text); line = row number from 1."""
    for name, table in TABLES.items():
        path = paths.get(name)
        if path is None:
            _stage_empty(db, table)
            continue
        if isinstance(db, DuckDatabase):  # a view: each check reads only the columns it needs from the file
            source = f"read_parquet({literal(str(path))}, file_row_number = true)"
            present = {row[0] for row in db.rows(f"DESCRIBE SELECT * FROM {source}")} - {"file_row_number"}
            _stage_select(db, table, present, source, "file_row_number + 1", f"{path.name} ", view=True)
        else:  # the database is elsewhere: read the file here and send it over
            import pyarrow.parquet as pq
            data = pq.read_table(path)
            data = data.append_column("file_row_number", pa.array(range(data.num_rows), pa.int64()))
            db.load("_parquet", data)
            present = set(data.schema.names) - {"file_row_number"}
            _stage_select(db, table, present, "_parquet", "file_row_number + 1", f"{path.name} ")


def _stage_select(db: Database, table: Table, present: set[str], source: str, line: str, where: str,
                  view: bool = False) -> None:
    names = _columns_of(table, sorted(present), where)
    del names
    columns = [f'"{c.name}"' if c.name in present else f'CAST(NULL AS VARCHAR) AS "{c.name}"' for c in table.columns]
    select = f"SELECT {line} AS line, {', '.join(columns)} FROM {source}"
    if view:
        db.execute(f"CREATE OR REPLACE VIEW s_{table.name} AS {select}")
    else:
        db.create(f"s_{table.name}", select)


def stage_database(db: Database, schema: str) -> None:
    """Tables enterprises, sales, recognitions and projects of a schema in the screening's own database."""
    for name, table in TABLES.items():
        source = f"{ident(schema)}.{ident(name)}"
        try:
            present = set(db.column_types(source))
        except Exception as exc:
            if name == "enterprises":
                raise RegistryError(f"数据库中没有表 {schema}.{name}") from exc
            _stage_empty(db, table)
            continue
        _stage_select(db, table, present, source, "row_number() OVER ()", f"表 {schema}.{name} ")


def table_paths(registry: Path) -> tuple[str, dict[str, Path]]:
    """The table files of a registry named by a folder or by one of its files (enterprises.parquet …)."""
    folder = registry if registry.is_dir() else registry.parent
    suffix = registry.suffix.lower() if registry.is_file() else None
    for candidate in ([suffix] if suffix else list(TABLE_SUFFIXES)):
        found = {name: folder / f"{name}{candidate}" for name in TABLES if (folder / f"{name}{candidate}").exists()}
        if "enterprises" in found:
            return candidate, found
    raise RegistryError(f"{registry} 中没有 enterprises.parquet 或 enterprises.csv")


def load(db: Database, registry: str | Path, progress: Progress | None = None, schema: bool = False) -> Loaded:
    """Load a registry into the database's canonical tables: JSON Lines, Parquet/CSV tables, Excel, or a schema."""
    path = Path(registry)
    if schema and not path.exists():
        stage_database(db, str(registry))
        return _checked(db, "database")
    if not path.exists():
        raise RegistryError(f"找不到 {path}")
    if path.suffix.lower() in JSONL_SUFFIXES:
        return load_jsonl(db, path, progress)
    if path.suffix.lower() == ".xlsx":
        stage_excel(db, path)
        return _checked(db, "xlsx")
    kind, paths = table_paths(path)
    (stage_parquet if kind == ".parquet" else stage_csv)(db, paths)
    return _checked(db, kind.lstrip("."))


def _checked(db: Database, kind: str) -> Loaded:
    checked: Checked = Checker(db).run()
    return Loaded(checked.enterprises, checked.errors, checked.rejected_enterprises, kind)
