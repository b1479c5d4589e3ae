"""Where a screening runs: DuckDB embedded (the default), or the PostgreSQL database that holds the registry."""
import re
from contextlib import suppress

import duckdb
import pyarrow as pa

from .sql import transpile

PG_TYPES = {pa.int64(): "BIGINT", pa.int32(): "INTEGER", pa.int8(): "SMALLINT", pa.string(): "TEXT",
            pa.bool_(): "BOOLEAN", pa.date32(): "DATE", pa.float64(): "DOUBLE PRECISION"}


class Database:
    """A connection that runs the screening's SQL, written once in DuckDB's dialect and transpiled."""

    dialect = "duckdb"

    def execute(self, sql: str) -> None:
        raise NotImplementedError

    def rows(self, sql: str) -> list[tuple]:
        raise NotImplementedError

    def arrow(self, sql: str) -> pa.Table:
        raise NotImplementedError

    def load(self, name: str, table: pa.Table) -> None:
        """Create (or replace) a table from Arrow data."""
        raise NotImplementedError

    def create(self, name: str, select: str) -> None:
        """Create (or replace) a working table from a query."""
        raise NotImplementedError

    def column_types(self, table: str) -> dict[str, str]:
        """Column name → SQL type name (upper case) of a table or view."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


# DuckDB's own default is 80% of the machine's memory; a screening shares its server with the web workers, so its
# buffers are held to 3 GB (a million enterprises peak at about 1.8 GB) and a larger registry spills to disk
# (DuckDB's temporary folder) instead of pushing the process past 4 GB. Threads: DuckDB's default, one per core.
MEMORY_LIMIT = "3GB"


class DuckDatabase(Database):
    """An in-process DuckDB database (in memory, spilling to a temporary folder when it must)."""

    dialect = "duckdb"

    def __init__(self, path: str = ":memory:", threads: int | None = None, memory_limit: str | None = MEMORY_LIMIT):
        self.con = duckdb.connect(path)
        # Every query that needs an order says so (ORDER BY); without this DuckDB keeps the order of scans through
        # joins and COPY, which serialises writing and holds rows back.
        self.con.execute("SET preserve_insertion_order = false")
        # The rules' one_of lists (industry codes, levels) are short: evaluated in place they are cheaper than the
        # hash join DuckDB's in_clause rewrite makes of each, which set up dozens of joins per city query (measured:
        # the fixed cost of screening a handful of profiles 0.68 s → 0.29 s, a million enterprises' rules 0.6 s less).
        self.con.execute("SET disabled_optimizers = 'in_clause'")
        if threads:
            self.con.execute(f"SET threads = {int(threads)}")
        if memory_limit:
            self.con.execute(f"SET memory_limit = '{memory_limit}'")

    def execute(self, sql: str) -> None:
        self.con.execute(sql)

    def rows(self, sql: str) -> list[tuple]:
        return self.con.execute(sql).fetchall()

    def arrow(self, sql: str) -> pa.Table:
        return self.con.sql(sql).to_arrow_table()

    def load(self, name: str, table: pa.Table) -> None:
        self.con.register("_incoming", table)
        try:
            self.con.execute(f'CREATE OR REPLACE TABLE "{name}" AS SELECT * FROM _incoming')
        finally:
            self.con.unregister("_incoming")

    def create(self, name: str, select: str) -> None:
        self.con.execute(f'CREATE OR REPLACE TABLE "{name}" AS {select}')

    def column_types(self, table: str) -> dict[str, str]:
        return {row[0]: row[1].upper() for row in self.con.execute(f"DESCRIBE {table}").fetchall()}

    def close(self) -> None:
        self.con.close()


class PostgresDatabase(Database):
    """A PostgreSQL database (psycopg 3): working tables are TEMPORARY, the registry's own tables are only read."""

    dialect = "postgresql"

    def __init__(self, url: str):
        import psycopg
        self.con = psycopg.connect(re.sub(r"^postgresql\+\w+://", "postgresql://", url), autocommit=True)

    def execute(self, sql: str) -> None:
        self.con.execute(transpile(sql, self.dialect))

    def rows(self, sql: str) -> list[tuple]:
        return self.con.execute(transpile(sql, self.dialect)).fetchall()

    def arrow(self, sql: str) -> pa.Table:
        cursor = self.con.execute(transpile(sql, self.dialect))
        names = [d.name for d in cursor.description or ()]
        rows = cursor.fetchall()
        return pa.table({name: [row[i] for row in rows] for i, name in enumerate(names)})

    def load(self, name: str, table: pa.Table) -> None:
        columns = ", ".join(f'"{f.name}" {PG_TYPES.get(f.type, "TEXT")}' for f in table.schema)
        self.con.execute(f'DROP TABLE IF EXISTS "{name}"')
        self.con.execute(f'CREATE TEMPORARY TABLE "{name}" ({columns})')
        names = ", ".join(f'"{n}"' for n in table.schema.names)
        with self.con.cursor().copy(f'COPY "{name}" ({names}) FROM STDIN') as copy:
            for batch in table.to_batches():
                for row in zip(*(column.to_pylist() for column in batch.columns), strict=False):
                    copy.write_row(row)

    def create(self, name: str, select: str) -> None:
        self.con.execute(f'DROP TABLE IF EXISTS "{name}"')
        self.con.execute(f'CREATE TEMPORARY TABLE "{name}" AS {transpile(select, self.dialect)}')

    def column_types(self, table: str) -> dict[str, str]:
        cursor = self.con.execute(f"SELECT * FROM {table} LIMIT 0")
        types = {}
        for d in cursor.description or ():
            info = self.con.adapters.types.get(d.type_code)
            types[d.name] = {"text": "VARCHAR", "varchar": "VARCHAR", "int8": "BIGINT", "int4": "INTEGER",
                             "int2": "SMALLINT", "bool": "BOOLEAN", "date": "DATE", "numeric": "DECIMAL"}.get(
                                 info.name if info else "", (info.name if info else "UNKNOWN").upper())
        return types

    def close(self) -> None:
        with suppress(Exception):
            self.con.close()


def connect(url: str | None) -> Database:
    """DuckDB in memory without a URL; PostgreSQL for postgresql://… (or postgresql+psycopg://…)."""
    if not url:
        return DuckDatabase()
    if url.startswith(("postgresql", "postgres://")):
        return PostgresDatabase(url)
    if url.startswith("duckdb:///"):
        return DuckDatabase(url[len("duckdb:///"):])
    raise ValueError(f"unsupported database URL {url!r}: use postgresql://… or duckdb:///path")
