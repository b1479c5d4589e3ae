"""Registry tables checked with the profile's own validation, column by column, then made canonical.

Validating a million rows one profile at a time would take minutes, so each column is checked once per DISTINCT
value (or per distinct combination for the fields the profile checks together, such as kind and level), by the
same pydantic models as the API (`Profile`, `Recognition`, `Project`) and in the same Chinese messages
(`errors.chinese_errors`). Columns whose values are nearly all different (credit codes, names, amounts) first
pass a plain-value test in SQL that only clears values the profile accepts unchanged (a 18-character code with
the GB 32100 check character of creditcode.py, a name with no surrounding white space, a whole number of yuan
within Yuan's bounds); every other value goes to the profile. tests/test_screening_validate.py proves the result
equal to validating each enterprise as a whole profile.
"""
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import pyarrow as pa
from pydantic import BaseModel, ValidationError

from ..creditcode import ALPHABET, WEIGHTS
from ..errors import MESSAGES, FieldError, chinese_errors
from ..facts import date_number
from ..profile import MAX_PROJECTS, MAX_RECOGNITIONS, MAX_SALES_YEARS, Profile, Project, Recognition
from .canonical import tags_text
from .cells import cell_value
from .columns import FLAG_OF, TABLES, Column
from .database import Database
from .rules_sql import MAX_YUAN
from .sql import literal

NULL_KEY = "\x01null\x02"  # the key of a blank cell (PostgreSQL text cannot hold NUL)
PROBE_CODE = "91350100M000100Y43"
BASES: dict[type[BaseModel], dict] = {
    Profile: {"name": "核对", "credit_code": PROBE_CODE, "division_code": "411000"},
    Recognition: {"kind": "smart_factory", "level": "provincial", "obtained_on": "2019-01-01"},
    Project: {"name": "核对", "kind": "industrial_foundation", "approved_on": "2019-01-01"},
}
# Fields the models check together (a model validator or one field's validator reading another).
TOGETHER = {"enterprises": [("ownership", "controlled_by")],
            "recognitions": [("kind", "level"), ("obtained_on", "valid_until")]}
CAPS = {"sales": MAX_SALES_YEARS, "recognitions": MAX_RECOGNITIONS, "projects": MAX_PROJECTS}
WHITE_SPACE = "".join(chr(c) for c in range(0x3000 + 1) if chr(c).isspace())
TEXT_PLAIN = f"^[^{WHITE_SPACE}].{{0,198}}[^{WHITE_SPACE}]$|^[^{WHITE_SPACE}]$"
CODE_PLAIN = f"^[{ALPHABET}]{{2}}[0-9]{{6}}[{ALPHABET}]{{10}}$"
YUAN_DIGITS = f"^[0-9]{{1,{len(str(MAX_YUAN)) - 1}}}$"
INTEGER_TYPES = {"BIGINT", "INTEGER", "SMALLINT", "TINYINT", "UBIGINT", "UINTEGER", "USMALLINT", "UTINYINT",
                 "HUGEINT"}
CANONICAL_TYPE = {"text": "VARCHAR", "code": "VARCHAR", "bool": "BOOLEAN", "flag": "BOOLEAN", "date": "INTEGER",
                  "yuan": "BIGINT", "year": "INTEGER", "tags": "VARCHAR"}
ARROW = {"VARCHAR": pa.string(), "BOOLEAN": pa.bool_(), "INTEGER": pa.int32(), "BIGINT": pa.int64()}


class RegistryError(ValueError):
    """A registry that cannot be read at all (a missing table or column); the message is in Chinese."""


@dataclass
class RowError:
    """A rejected row: where it is (table, line), whose it is, and every bad field with a Chinese message."""

    line: int
    fields: list[FieldError]
    table: str | None = None
    credit_code: str | None = None

    def json(self) -> dict:
        found: dict = {"line": self.line}
        if self.table:
            found["table"] = self.table
        if self.credit_code:
            found["credit_code"] = self.credit_code
        found["fields"] = [f.model_dump() for f in self.fields]
        return found


def _check_character_sql(code: str) -> str:
    terms = " + ".join(f"(strpos({literal(ALPHABET)}, substr({code}, {i + 1}, 1)) - 1) * {w}"
                       for i, w in enumerate(WEIGHTS))
    return f"substr({literal(ALPHABET)}, 1 + (31 - ({terms}) % 31) % 31, 1)"


def plain_sql(column: Column, raw_type: str, ref: str) -> str | None:
    """An SQL test that only holds for values the profile accepts unchanged, or None: check every value."""
    if column.name == "credit_code" and raw_type == "VARCHAR":
        return (f"(regexp_matches({ref}, {literal(CODE_PLAIN)}) AND "
                f"substr({ref}, 18, 1) = {_check_character_sql(ref)})")
    if column.kind == "text" and raw_type == "VARCHAR":
        return f"regexp_matches({ref}, {literal(TEXT_PLAIN)})"
    if column.kind == "yuan" and raw_type in INTEGER_TYPES:
        return f"({ref} BETWEEN 0 AND {MAX_YUAN})"
    if column.kind == "yuan" and raw_type == "VARCHAR":
        return f"(regexp_matches({ref}, {literal(YUAN_DIGITS)}))"
    return None


def _normal(column: Column, value: Any) -> object:
    if value is None:
        return None
    if column.kind == "date":
        return date_number(value)
    if column.kind == "tags":
        return tags_text(value)
    return value


def probe(table: str, columns: tuple[Column, ...], values: tuple) -> tuple[dict[str, object], list[FieldError]]:
    """Validate one combination of cell values with the model the columns belong to: (normal values, errors)."""
    cells = {c.name: cell_value(c, v) for c, v in zip(columns, values, strict=False)}
    if table == "sales" and columns[0].name != "credit_code":
        return _probe_sales(cells)
    errors: list[FieldError] = []
    model = columns[0].model
    if model is None:  # a flag of ours
        [column] = columns
        value = cells[column.name]
        if value is not None and not isinstance(value, bool):
            return {}, [FieldError(field=column.name, message=MESSAGES["bool_type"])]
        return {column.name: value}, []
    data = dict(BASES[model])
    for column in columns:
        data.pop(column.field, None)
        if cells[column.name] is not None:
            data[column.field] = cells[column.name]
    try:
        made = model.model_validate(data)
    except ValidationError as exc:
        by_field = {c.field: c.name for c in columns}
        for error in chinese_errors(exc):
            top = error.field.split(".")[0]
            # A model-level check (no field) is about the combination: it is named by the last column.
            name = by_field.get(top) or (columns[-1].name if top == "" or top not in model.model_fields else None)
            if name is not None:
                errors.append(FieldError(field=name, message=error.message))
        if not errors:
            raise RuntimeError(f"probe of {table}.{[c.name for c in columns]} failed outside them: {exc}") from exc
        return {}, errors
    return {c.name: _normal(c, getattr(made, c.field or c.name)) for c in columns}, []


def _probe_sales(cells: dict) -> tuple[dict[str, object], list[FieldError]]:
    name, value = next(iter(cells.items()))
    if value is None:
        return {}, [FieldError(field=name, message=MESSAGES["missing"])]
    sales = {value: 0} if name == "year" else {2019: value}
    try:
        made = Profile.model_validate({**BASES[Profile], "sales_yuan_by_year": sales})
    except ValidationError as exc:
        return {}, [FieldError(field=name, message=e.message) for e in chinese_errors(exc)]
    (year, yuan), = (made.sales_yuan_by_year or {}).items()
    return {name: year if name == "year" else yuan}, []


def _cap_message(table: str) -> str:
    item = {"sales": ("sales_yuan_by_year", lambda i: (1950 + i, 0)),
            "recognitions": ("recognitions", lambda i: BASES[Recognition]),
            "projects": ("projects", lambda i: BASES[Project])}[table]
    many: list = [item[1](i) for i in range(CAPS[table] + 1)]
    try:
        Profile.model_validate({**BASES[Profile], item[0]: dict(many) if table == "sales" else many})
    except ValidationError as exc:
        return chinese_errors(exc)[0].message
    raise RuntimeError(f"the profile accepted {len(many)} {table}")


@dataclass
class Checked:
    """The outcome of checking a registry: canonical tables made in the database, and every rejected row."""

    errors: list[RowError] = field(default_factory=list)
    enterprises: int = 0
    rejected_enterprises: int = 0


def _same_value(value: object, made: object) -> bool:
    return type(value) is type(made) and value == made


def _same_day(value: object, made: object) -> bool:
    return isinstance(value, date) and not isinstance(value, datetime) and date_number(value) == made


def _groups(table: str) -> list[tuple[Column, ...]]:
    """The columns of a table in the groups they are checked in (alone, or together with the fields they go with)."""
    spec = TABLES[table]
    together = TOGETHER.get(table, [])
    grouped = {name for group in together for name in group}
    return [tuple(spec.column(n) for n in group) for group in together] + [
        (c,) for c in spec.columns if c.name not in grouped]


class Checker:
    """Checks staged registry tables s_<table> (every published column, plus `line`) and builds c_<table>."""

    def __init__(self, db: Database):
        self.db = db
        self.types = {t: db.column_types(f"s_{t}") for t in TABLES}
        self.errors: dict[tuple[str, int], RowError] = {}
        self.messages: dict[tuple[str, int, tuple], list[FieldError]] = {}
        # Per child table: how many distinct codes it holds that the enterprises table does not (as written).
        self.strangers: dict[str, int] = {}

    def _add(self, table: str, line: int, code: str | None, errors: list[FieldError]) -> None:
        found = self.errors.setdefault((table, line), RowError(line, [], table, code))
        found.fields.extend(errors)

    def run(self) -> "Checked":
        """Check every table, then build the canonical tables of the enterprises that pass."""
        for table in TABLES:
            self._check_table(table)
        self._table_rules()
        return self._canonical()

    def _check_table(self, table: str) -> None:
        """k_<table>: line, the normal value of every column (n_<col>) and whether the row has a bad cell."""
        selects, joins, bad_terms = ["s.line", "s.credit_code AS raw_credit_code"], [], []
        for g, group in enumerate(_groups(table)):
            refs = [f's."{c.name}"' for c in group]
            plain = plain_sql(group[0], self.types[table][group[0].name], refs[0]) if len(group) == 1 else None
            if table != "enterprises" and group[0].name == "credit_code":
                # A row of an enterprise listed in the enterprises table: the code is that enterprise's, checked
                # there (and its rows share its fate); any other code is checked and then looked up normalised.
                plain = f"{refs[0]} IN (SELECT raw_credit_code FROM k_enterprises)"
            keys = [f"COALESCE(CAST({r} AS VARCHAR), {literal(NULL_KEY)})" for r in refs]
            where = f" WHERE {refs[0]} IS NULL OR NOT {plain}" if plain else ""
            distinct = self.db.rows(f"SELECT DISTINCT {', '.join(refs + keys)} FROM s_{table} s{where}")
            rows: dict[str, list] = ({f"k{i}": [] for i in range(len(group))} | {f"n_{c.name}": [] for c in group}
                                     | {"bad": []})
            probed = []
            if table != "enterprises" and group[0].name == "credit_code":
                self.strangers[table] = sum(1 for found in distinct if found[0] is not None)
            for found in distinct:
                values, key = found[:len(group)], tuple(found[len(group):])
                normal, errors = probe(table, group, values)
                probed.append((values, normal, errors))
                if errors:
                    self.messages[(table, g, key)] = errors
                for i, k in enumerate(key):
                    rows[f"k{i}"].append(k)
                for c in group:
                    rows[f"n_{c.name}"].append(normal.get(c.name))
                rows["bad"].append(bool(errors))
            straight = self._straight(table, group, refs, probed)
            if straight is not None:  # every cell's normal value is the cell's own: no join, no bad cell
                selects += [f"{expr} AS n_{c.name}" for c, expr in zip(group, straight, strict=True)]
                continue
            schema = [(f"k{i}", pa.string()) for i in range(len(group))]
            schema += [(f"n_{c.name}", ARROW[CANONICAL_TYPE[c.kind]]) for c in group] + [("bad", pa.bool_())]
            self.db.load(f"m_{table}_{g}", pa.table(rows, schema=pa.schema(schema)))
            on = " AND ".join(f"m{g}.k{i} = {k}" for i, k in enumerate(keys))
            join = f"LEFT JOIN m_{table}_{g} m{g} ON {on}"
            joins.append(join)
            for c, r in zip(group, refs, strict=False):
                direct = "NULL"
                if plain:
                    direct = r if self.types[table][c.name] == CANONICAL_TYPE[c.kind] else \
                        f"CAST({r} AS {CANONICAL_TYPE[c.kind]})"
                selects.append(f"CASE WHEN m{g}.k0 IS NOT NULL THEN m{g}.n_{c.name} ELSE {direct} END AS n_{c.name}")
            bad_terms.append(f"COALESCE(m{g}.bad, FALSE)")
            if self.messages and any(k[0] == table and k[1] == g for k in self.messages):
                self._report(table, g, group, join)
        checked = (f"SELECT {', '.join(selects)}, {' OR '.join(bad_terms or ['FALSE'])} AS bad "
                   f"FROM s_{table} s {' '.join(joins)}")
        if table == "enterprises":
            # Each normalised code once, with the first line that has it (its owner) and how many lines do.
            self.db.create(f"k_{table}", checked)
            self.db.create("owners", "SELECT n_credit_code AS code, min(line) AS owner, count(*) AS lines "
                                     "FROM k_enterprises WHERE n_credit_code IS NOT NULL GROUP BY n_credit_code")
        else:
            # A child row's owner: the line of the enterprise with its code, so that the checks and the canonical
            # tables that follow join and group on integers, not on the text of codes.
            self.db.create(f"k_{table}", f"SELECT q.*, o.owner FROM ({checked}) q "
                                         f"LEFT JOIN owners o ON o.code = q.n_credit_code")

    def _straight(self, table: str, group: tuple[Column, ...], refs: list[str],
                  probed: list[tuple[tuple, dict[str, object], list[FieldError]]]) -> list[str] | None:
        """SQL giving each column's normal value straight from its cell, when every value checked (the distinct
        values that the plain-value test did not clear) is sound and normal is the cell itself (cast to the
        canonical type, a date as YYYYMMDD), a blank cell always the same value; else None (join the checked values).
        A million rows then cost one expression per column instead of a hash join on every column's text."""
        if any(errors for _, _, errors in probed):
            return None
        exprs = []
        for i, (column, ref) in enumerate(zip(group, refs, strict=True)):
            raw_type, canonical = self.types[table][column.name], CANONICAL_TYPE[column.kind]
            if raw_type == canonical or (raw_type in INTEGER_TYPES and canonical in ("INTEGER", "BIGINT")):
                expr, same = (ref if raw_type == canonical else f"CAST({ref} AS {canonical})"), _same_value
            elif raw_type == "DATE" and column.kind == "date":
                expr = (f"CAST(EXTRACT(year FROM {ref}) * 10000 + EXTRACT(month FROM {ref}) * 100 + "
                        f"EXTRACT(day FROM {ref}) AS INTEGER)")
                same = _same_day
            else:
                return None
            blank: set = set()
            for values, normal, _ in probed:
                value, made = values[i], normal.get(column.name)
                if value is None:
                    blank.add(made)
                elif not same(value, made):
                    return None
            if len(blank) > 1:
                return None
            fixed = next(iter(blank), None)
            exprs.append(expr if fixed is None else f"COALESCE({expr}, {literal(fixed)})")
        return exprs

    def _report(self, table: str, g: int, group: tuple[Column, ...], join: str) -> None:
        keys = ", ".join(f"m{g}.k{i}" for i in range(len(group)))
        for found in self.db.rows(f"SELECT s.line, CAST(s.credit_code AS VARCHAR), {keys} FROM s_{table} s {join} "
                                  f"WHERE m{g}.bad ORDER BY s.line"):
            line, code, key = found[0], found[1], tuple(found[2:])
            self._add(table, line, code, self.messages[(table, g, key)])

    def _table_rules(self) -> None:
        """What only tables can get wrong: duplicates, rows of no enterprise, flags, list caps."""
        duplicate = "与本表第{lines}行的统一社会信用代码相同,无法确定以哪一行为准"
        for code, lines in self.db.rows(
                "SELECT n_credit_code, list(line ORDER BY line) FROM k_enterprises WHERE n_credit_code IN "
                "(SELECT code FROM owners WHERE lines > 1) GROUP BY n_credit_code"):
            for line in lines:
                others = "、".join(str(x) for x in lines if x != line)
                self._add("enterprises", line, code, [FieldError(field="credit_code",
                                                                 message=duplicate.format(lines=others))])
        for table in ("sales", "recognitions", "projects"):
            if not self.strangers.get(table, 1):  # every code is one the enterprises table has, as written
                continue
            for line, code in self.db.rows(
                    f"SELECT line, n_credit_code FROM k_{table} WHERE NOT bad AND n_credit_code NOT IN "
                    f"(SELECT n_credit_code FROM k_enterprises WHERE n_credit_code IS NOT NULL) AND raw_credit_code "
                    f"NOT IN (SELECT raw_credit_code FROM k_enterprises WHERE raw_credit_code IS NOT NULL) "
                    f"ORDER BY line"):
                self._add(table, line, code,
                          [FieldError(field="credit_code", message="企业表中没有这个统一社会信用代码")])
        # Two rows of one year share a code, so they share an owner (or, without one, the code): grouped on integers
        # first, and the rows named only when there are any.
        doubled = self.db.rows(
            "SELECT (SELECT count(*) FROM (SELECT 1 FROM k_sales WHERE NOT bad AND owner IS NOT NULL "
            "GROUP BY owner, n_year HAVING count(*) > 1) d) + (SELECT count(*) FROM (SELECT 1 FROM k_sales "
            "WHERE NOT bad AND owner IS NULL GROUP BY n_credit_code, n_year HAVING count(*) > 1) d)")[0][0]
        for line, code in [] if not doubled else self.db.rows(
                "SELECT k.line, k.n_credit_code FROM k_sales k JOIN (SELECT n_credit_code, n_year FROM k_sales "
                "WHERE NOT bad GROUP BY 1, 2 HAVING count(*) > 1) d USING (n_credit_code, n_year) WHERE NOT k.bad "
                "ORDER BY k.line"):
            self._add("sales", line, code, [FieldError(field="year", message="同一企业的同一年度填报了多行")])
        for table, flag in FLAG_OF.items():
            for line, code in self.db.rows(
                    f"SELECT line, n_credit_code FROM k_enterprises WHERE n_{flag} = FALSE AND n_credit_code IN "
                    f"(SELECT n_credit_code FROM k_{table}) ORDER BY line"):
                label = TABLES[table].label
                self._add("enterprises", line, code, [FieldError(
                    field=flag, message=f"标为未填报,但{label}表中有本企业的记录")])
        for table, cap in CAPS.items():
            for owner, count in self.db.rows(f"SELECT owner, count(*) FROM k_{table} WHERE owner IS NOT NULL "
                                             f"GROUP BY owner HAVING count(*) > {cap}"):
                code = self.db.rows(f"SELECT n_credit_code FROM k_enterprises WHERE line = {int(owner)}")[0][0]
                lines = self.db.rows(f"SELECT line FROM k_enterprises WHERE n_credit_code = {literal(code)}")
                for (line,) in lines:
                    field_name = {"sales": "sales", "recognitions": "recognitions", "projects": "projects"}[table]
                    self._add("enterprises", line, code, [FieldError(
                        field=field_name, message=f"{TABLES[table].label}表中有{count}行:{_cap_message(table)}")])

    def _canonical(self) -> Checked:
        db = self.db
        errors = sorted(self.errors.values(), key=lambda e: (list(TABLES).index(e.table or ""), e.line))
        rejected_lines = {t: [e.line for e in errors if e.table == t] for t in TABLES}
        db.load("rejected_lines", pa.table({"tbl": [t for t, ls in rejected_lines.items() for _ in ls],
                                            "line": [x for ls in rejected_lines.values() for x in ls]},
                                           schema=pa.schema([("tbl", pa.string()), ("line", pa.int64())])))
        # An enterprise is screened only when its row and every row of its own in the other tables are sound.
        db.create("rejected_codes", """
            SELECT DISTINCT n_credit_code FROM (
              SELECT k.n_credit_code FROM k_enterprises k
                JOIN rejected_lines r ON r.tbl = 'enterprises' AND r.line = k.line
              UNION ALL SELECT k.n_credit_code FROM k_sales k
                JOIN rejected_lines r ON r.tbl = 'sales' AND r.line = k.line
              UNION ALL SELECT k.n_credit_code FROM k_recognitions k
                JOIN rejected_lines r ON r.tbl = 'recognitions' AND r.line = k.line
              UNION ALL SELECT k.n_credit_code FROM k_projects k
                JOIN rejected_lines r ON r.tbl = 'projects' AND r.line = k.line) x
            WHERE n_credit_code IS NOT NULL""")
        flags = {t: f"k.n_{flag}" for t, flag in FLAG_OF.items()}
        kept = "NOT k.bad AND k.n_credit_code NOT IN (SELECT n_credit_code FROM rejected_codes)"
        # eid: the rank of the row's line among the screened rows. Sorting the whole rows for it was the load's
        # costliest step: lines without a gap (a Parquet file with no rejected row) give it by subtraction, and
        # otherwise only the lines are ranked.
        first, last, count = db.rows(f"SELECT min(k.line), max(k.line), count(*) FROM k_enterprises k "
                                     f"WHERE {kept}")[0]
        eid, ranked = f"k.line - {first or 0}", ""
        if count and last - first + 1 != count:
            db.create("screened_lines", f"SELECT k.line, row_number() OVER (ORDER BY k.line) - 1 AS eid "
                                        f"FROM k_enterprises k WHERE {kept}")
            eid, ranked = "x.eid", "JOIN screened_lines x ON x.line = k.line"
        # known: reported, or with rows of its own in the table (k.line is their owner: the screened enterprises'
        # codes are unique); a row with no code at all makes IN unknown for the others, as comparing codes did.
        db.create("c_enterprises", f""" SELECT
            CAST({eid} AS BIGINT) AS eid, k.n_credit_code AS credit_code,
            k.n_name AS name, substr(k.n_division_code, 1, 4) || '00' AS city_code,
            k.n_division_code AS division_code, COALESCE(k.n_entity_kind, 'enterprise') AS entity_kind,
            k.n_strategic_emerging AS strategic_emerging, k.n_industry_code AS industry_code,
            k.n_sector_tags AS sector_tags, k.n_above_designated_size AS above_designated_size,
            k.n_scale AS scale, k.n_ownership AS ownership, k.n_controlled_by AS controlled_by,
            COALESCE({flags['recognitions']}, FALSE) OR k.line IN (SELECT owner FROM k_recognitions
              WHERE owner IS NOT NULL OR n_credit_code IS NULL)
              AS recognitions_known,
            COALESCE({flags['projects']}, FALSE) OR k.line IN (SELECT owner FROM k_projects
              WHERE owner IS NOT NULL OR n_credit_code IS NULL)
              AS projects_known, k.line AS line
            FROM k_enterprises k {ranked}
            WHERE {kept}""")
        db.create("c_sales", """ SELECT e.eid, CAST(k.n_year AS INTEGER) AS year,
            CAST(k.n_sales_yuan AS BIGINT) AS sales_yuan FROM k_sales k JOIN c_enterprises e
            ON e.line = k.owner""")
        db.create("c_recognitions", """ SELECT e.eid,
            CAST(row_number() OVER (PARTITION BY e.eid ORDER BY k.line) - 1 AS INTEGER) AS item,
            k.n_kind AS kind, k.n_level AS level, k.n_obtained_on AS obtained_on,
            k.n_valid_until AS valid_until,
            k.n_renewal_of IS NULL AS is_new
            FROM k_recognitions k JOIN c_enterprises e ON e.line = k.owner""")
        db.create("c_projects", """ SELECT e.eid,
            CAST(row_number() OVER (PARTITION BY e.eid ORDER BY k.line) - 1 AS INTEGER) AS item,
            k.n_kind AS kind, k.n_approved_on AS approved_on,
            k.n_new_investment_yuan AS new_investment_yuan,
            k.n_national_grant_yuan AS national_grant_yuan,
            k.n_provincial_grant_yuan AS provincial_grant_yuan
            FROM k_projects k JOIN c_enterprises e ON e.line = k.owner""")
        total, = db.rows("SELECT count(*) FROM k_enterprises")[0]
        screened, = db.rows("SELECT count(*) FROM c_enterprises")[0]
        return Checked(errors, screened, total - screened)
