"""One SQL source, several dialects: queries are written once (DuckDB dialect) and transpiled by sqlglot."""
from functools import lru_cache

import sqlglot
from sqlglot import exp

SOURCE = "duckdb"
DIALECTS = {"duckdb": "duckdb", "postgresql": "postgres"}


def literal(value: object) -> str:
    """A Python value as an SQL literal (strings quoted and escaped by sqlglot)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return exp.Literal.string(value).sql(SOURCE)
    raise TypeError(f"no SQL literal for {value!r}")


def ident(name: str) -> str:
    """A quoted identifier."""
    return exp.to_identifier(name, quoted=True).sql(SOURCE)


@lru_cache(maxsize=64)
def transpile(sql: str, dialect: str) -> str:
    """The query in the dialect of the database that runs it."""
    if dialect == "duckdb":
        return sql
    return sqlglot.transpile(sql, read=SOURCE, write=DIALECTS[dialect])[0]
