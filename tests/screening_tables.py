"""Registries as tables, for the screening tests: profiles → rows of cells, and rows → CSV, Parquet or Excel."""
import csv
from pathlib import Path

from eligibility.profile import Profile
from eligibility.screening.cells import cell_value
from eligibility.screening.columns import FLAG_OF, TABLES


def profile_rows(profiles: list[Profile]) -> dict[str, list[dict]]:
    """Each table's rows (column → JSON value) for validated profiles, children in list order."""
    rows = {name: [] for name in TABLES}
    for p in profiles:
        data = p.model_dump(mode="json")
        tags = data["sector_tags"]
        rows["enterprises"].append({
            **{c.name: data.get(c.name) for c in TABLES["enterprises"].columns if c.model is not None},
            "sector_tags": None if tags is None else (",".join(tags) if tags else "无"),
            "recognitions_reported": True if data["recognitions"] is not None else None,
            "projects_reported": True if data["projects"] is not None else None})
        for year, yuan in (data["sales_yuan_by_year"] or {}).items():
            rows["sales"].append({"credit_code": p.credit_code, "year": int(year), "sales_yuan": yuan})
        for item in data["recognitions"] or []:
            rows["recognitions"].append({"credit_code": p.credit_code, **item})
        for item in data["projects"] or []:
            rows["projects"].append({"credit_code": p.credit_code, **item})
    return rows


def as_profile_dicts(rows: dict[str, list[dict]]) -> list[tuple[int, dict]]:
    """The row-wise reading of tables: each enterprise row and its children as one profile dict (by line)."""
    def convert(table, row):
        return {c.name: cell_value(c, row.get(c.name)) for c in TABLES[table].columns}
    found = []
    for line, row in enumerate(rows["enterprises"], start=2):
        values = convert("enterprises", row)
        code = values["credit_code"]
        code = code.strip().upper() if isinstance(code, str) else code
        data = {k: v for k, v in values.items() if v is not None and k not in FLAG_OF.values()}
        mine = {t: [convert(t, r) for r in rows[t]
                    if isinstance(r.get("credit_code"), str) and r["credit_code"].strip().upper() == code]
                for t in ("sales", "recognitions", "projects")}
        if mine["sales"]:
            data["sales_yuan_by_year"] = {r["year"]: r["sales_yuan"] for r in mine["sales"]}
        for table, flag in FLAG_OF.items():
            if mine[table] or values[flag] is True:
                data[table] = [{k: v for k, v in r.items() if v is not None and k != "credit_code"}
                               for r in mine[table]]
        found.append((line, data))
    return found


def write_csv(rows: dict[str, list[dict]], folder: Path) -> Path:
    """One CSV per table (header = column names); returns the enterprises file."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, table in TABLES.items():
        with open(folder / f"{name}.csv", "w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow([c.name for c in table.columns])
            for row in rows[name]:
                writer.writerow(["" if row.get(c.name) is None else
                                 ("true" if row[c.name] is True else "false" if row[c.name] is False else row[c.name])
                                 for c in table.columns])
    return folder / "enterprises.csv"


def write_parquet(rows: dict[str, list[dict]], folder: Path) -> Path:
    """One typed Parquet file per table (dates as DATE, money as BIGINT); returns the enterprises file."""
    from datetime import date

    import pyarrow as pa
    import pyarrow.parquet as pq
    folder.mkdir(parents=True, exist_ok=True)
    types = {"bool": pa.bool_(), "flag": pa.bool_(), "date": pa.date32(), "yuan": pa.int64(), "year": pa.int32()}
    for name, table in TABLES.items():
        data = {}
        for c in table.columns:
            values = [r.get(c.name) for r in rows[name]]
            if c.kind == "date":
                values = [None if v is None else date.fromisoformat(v) for v in values]
            data[c.name] = pa.array(values, types.get(c.kind, pa.string()))
        pq.write_table(pa.table(data), folder / f"{name}.parquet")
    return folder / "enterprises.parquet"


def write_xlsx(rows: dict[str, list[dict]], path: Path) -> Path:
    """A workbook with one sheet per table, headers as the template writes them."""
    from openpyxl import Workbook
    book = Workbook()
    book.remove(book.active)
    for name, table in TABLES.items():
        sheet = book.create_sheet(table.label)
        sheet.append([c.header for c in table.columns])
        for row in rows[name]:
            sheet.append([row.get(c.name) for c in table.columns])
    book.save(path)
    return path
