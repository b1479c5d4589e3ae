"""The profiles of chosen screened enterprises, read back from the registry as loaded: the line of a JSON Lines
file, or the staged rows of the tables. The desk evaluates them with the engine (traces, missing facts) and files
免申 applications with them, so they are the same profiles the screening decided."""
import json
from pathlib import Path

import pyarrow as pa

from ..profile import Profile
from .cells import cell_value
from .columns import FLAG_OF, TABLES
from .database import Database


def _normal_code(value: object) -> str:
    return str(value or "").strip().upper()


def jsonl_profiles(path: Path, lines: set[int]) -> dict[int, Profile]:
    """The profiles on the given lines (numbered from 1) of a JSON Lines registry."""
    found: dict[int, Profile] = {}
    with open(path, encoding="utf-8", errors="surrogateescape") as handle:
        for number, text in enumerate(handle, start=1):
            if number in lines:
                found[number] = Profile.model_validate(json.loads(text))
                if len(found) == len(lines):
                    break
    return found


def _rows(db: Database, table: str, codes: list[str]) -> dict[str, list[dict]]:
    db.load("_wanted_codes", pa.table({"code": codes}))
    rows = db.arrow(f"SELECT * FROM s_{table} WHERE upper(trim(CAST(credit_code AS VARCHAR))) IN "
                    f"(SELECT code FROM _wanted_codes) ORDER BY line").to_pylist()
    grouped: dict[str, list[dict]] = {}
    for row in rows:
        grouped.setdefault(_normal_code(row["credit_code"]), []).append(row)
    return grouped


def _item(table: str, row: dict) -> dict:
    return {c.field: value for c in TABLES[table].columns[1:]
            if c.field and (value := cell_value(c, row.get(c.name))) is not None}


def staged_profiles(db: Database, codes: list[str]) -> dict[str, Profile]:
    """The profiles of the given (normalised) credit codes from the staged tables s_<table> of a table registry."""
    codes = [_normal_code(c) for c in codes]
    children = {name: _rows(db, name, codes) for name in ("sales", "recognitions", "projects")}
    found: dict[str, Profile] = {}
    for code, [row, *_] in _rows(db, "enterprises", codes).items():
        data: dict = {c.field: value for c in TABLES["enterprises"].columns
                      if c.field and (value := cell_value(c, row.get(c.name))) is not None}
        data["credit_code"] = code
        sales = children["sales"].get(code, [])
        if sales:
            year, yuan = TABLES["sales"].columns[1], TABLES["sales"].columns[2]
            data["sales_yuan_by_year"] = {str(cell_value(year, s["year"])): cell_value(yuan, s["sales_yuan"])
                                          for s in sales}
        for table, flag in FLAG_OF.items():
            items = [_item(table, r) for r in children[table].get(code, [])]
            if items or cell_value(TABLES["enterprises"].column(flag), row.get(flag)) is True:
                data[table] = items
        found[code] = Profile.model_validate(data)
    return found
