"""A lossless dump of the whole database as JSON Lines (`citegraph export` / `citegraph import`).

Line 1 is a header (format, version, citegraph version, tables, row counts, export time); every other line
is one row, `{"table": ..., "row": {column: value}}`, grouped by table in foreign-key order and by primary
key within a table. The vocabularies' terms are rows like any (an import replaces the base vocabulary the schema
starts with by the dump's terms). API tokens are left out (credentials of one deployment) and so is the search index
(derived: rebuilt after an import). An import goes into an empty database only, in one transaction.
"""

import datetime as dt
import enum
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from importlib.metadata import version
from typing import IO, Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    Enum,
    Float,
    Integer,
    String,
    Table,
    TypeDecorator,
    bindparam,
    func,
    select,
    text,
    update,
)
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.types import TypeEngine
from sqlmodel import SQLModel

from db.engine import create_schema, refresh_statistics
from db.progress import EVERY, Progress
from db.search import rebuild_search_index
from db.snapshot import snapshot
from db.terms import Term
from db.tokens import ApiToken
from db.writes import write_connection

FORMAT = "citegraph-dump"
VERSION = 1
"""Bump when the meaning of a line changes; an import refuses any other version."""
BATCH = 1000
"""Rows fetched (export) and inserted (import) per round trip to the database."""
EXCLUDED = frozenset({str(ApiToken.__tablename__)})


class DumpError(ValueError):
    """A dump that cannot be imported, or a database that cannot take it; the message says where."""


ROWS_REFUSED = (IntegrityError, DataError)
"""What the database raises for rows it refuses (a key taken or missing, a value too long). Other failures of
an insert (no room left, a read-only database, a lost connection) are not the dump's fault and pass on."""


def dumped_tables() -> list[Table]:
    """The tables a dump holds, parents before the tables that refer to them."""
    return [table for table in SQLModel.metadata.sorted_tables if table.name not in EXCLUDED]


async def export_database(engine: AsyncEngine, out: IO[str], progress: Progress | None = None) -> dict[str, int]:
    """Write the whole database to `out` from one snapshot, streaming rows; the row count of each table. `progress`
    is told the rows written (step `exported`)."""
    async with snapshot(engine) as conn:
        return await conn.run_sync(_write, out, progress)


def _write(conn: Connection, out: IO[str], progress: Progress | None) -> dict[str, int]:
    tables = dumped_tables()
    counts = {table.name: int(conn.execute(select(func.count()).select_from(table)).scalar_one()) for table in tables}
    header = {
        "format": FORMAT,
        "version": VERSION,
        "citegraph": version("citegraph"),
        "exported_at": dt.datetime.now(dt.UTC).isoformat(),
        "tables": [table.name for table in tables],
        "counts": counts,
    }
    out.write(JSON_LINE.encode(header) + "\n")
    streaming = conn.execution_options(yield_per=BATCH)
    done, total = 0, sum(counts.values())
    for table in tables:
        result = streaming.execute(select(table).order_by(*table.primary_key.columns))
        names = list(result.keys())
        converted = [at for at, name in enumerate(names) if _needs_conversion(table.columns[name])]
        start = '{"table":' + JSON_LINE.encode(table.name) + ',"row":'
        for row in result:
            values = list(row)
            for at in converted:
                if values[at] is not None:
                    values[at] = _encoded(values[at])
            out.write(start + JSON_LINE.encode(dict(zip(names, values, strict=True))) + "}\n")
            done += 1
            if progress and done % EVERY == 0:
                progress("exported", done, total)
    if progress:
        progress("exported", done, total)
    return counts


JSON_LINE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
"""Compact JSON on one line, text kept as it is (dumps are UTF-8)."""


def _needs_conversion(column: Column[Any]) -> bool:
    return isinstance(base_type(column), Enum | Date | DateTime)


def _encoded(value: object) -> object:
    if isinstance(value, enum.Enum):
        return value.name
    if isinstance(value, dt.date):  # datetimes too: UTC, with their offset
        return value.isoformat()
    return value


def base_type(column: Column[Any]) -> TypeEngine[Any]:
    """The column's SQL type under any decorator (`UTCDateTime` is a `DateTime`)."""
    kind: TypeEngine[Any] = column.type
    while isinstance(kind, TypeDecorator):
        kind = kind.impl_instance
    return kind


async def import_database(engine: AsyncEngine, source: IO[str], progress: Progress | None = None) -> dict[str, int]:
    """Load a dump into the empty database of `engine` (tables created if missing), all or nothing, then
    rebuild the search index and the planner's statistics; the row count of each table. Raises DumpError
    naming the line at fault. `progress` is told the rows read (step `imported`, out of the header's counts)."""
    await create_schema(engine)
    async with write_connection(engine) as conn:
        counts = await conn.run_sync(_load, source, progress)
    await refresh_statistics(engine)
    return counts


def _load(conn: Connection, source: IO[str], progress: Progress | None) -> dict[str, int]:
    lines = _numbered(source)
    first = next(lines, None)
    if first is None:
        raise DumpError("the dump is empty: line 1 must be its header")
    listed, counts = _header(first[1])
    tables = {table.name: table for table in dumped_tables()}
    decoders = {name: {column.name: _decoder(column) for column in table.columns} for name, table in tables.items()}
    _refuse_rows(conn, tables.values())
    for name in SEEDED & set(listed):
        conn.execute(tables[name].delete())
    position = {name: at for at, name in enumerate(listed)}
    loaded: Counter[str] = Counter()
    current: _TableLoad | None = None
    for number, line in lines:
        name, row = _row(number, line, decoders, position)
        if current is None or current.table.name != name:
            if current is not None:
                current.finish()
                if position[name] < position[current.table.name] or name in loaded:
                    raise DumpError(
                        f"line {number}: a row of {name} after rows of {current.table.name}: "
                        "rows must come grouped by table, in the header's order"
                    )
            current = _TableLoad(conn, tables[name])
        current.add(number, row)
        loaded[name] += 1
        if progress and number % EVERY == 0:
            progress("imported", number - 1, sum(counts.values()))
    if current is not None:
        current.finish()
    if progress:
        progress("imported", sum(loaded.values()), sum(counts.values()))
    for name in listed:
        if loaded[name] != counts[name]:
            raise DumpError(
                f"table {name}: the header counts {counts[name]} row(s) but the dump holds {loaded[name]}: "
                "it is incomplete or was edited"
            )
    _advance_sequences(conn, tables.values())
    rebuild_search_index(conn)
    return {name: loaded[name] for name in listed}


def _numbered(source: IO[str]) -> Iterator[tuple[int, str]]:
    number = 1
    try:
        for line in source:
            yield number, line
            number += 1
    except UnicodeDecodeError as exc:
        raise DumpError(f"line {number}: not UTF-8 text ({exc.reason})") from exc


def _header(line: str) -> tuple[list[str], dict[str, int]]:
    try:
        header = json.loads(line)
    except json.JSONDecodeError as exc:
        raise DumpError(f"line 1: not a citegraph dump header (not JSON: {exc.msg})") from exc
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise DumpError(f"line 1: not a citegraph dump header (format must be {FORMAT!r})")
    if header.get("version") != VERSION:
        raise DumpError(
            f"line 1: dump format version {header.get('version')!r} is not supported (this citegraph reads {VERSION})"
        )
    listed, counts = header.get("tables"), header.get("counts")
    known = {table.name for table in dumped_tables()}
    if not isinstance(listed, list) or not all(isinstance(name, str) for name in listed):
        raise DumpError("line 1: `tables` must be a list of table names")
    if unknown := [name for name in listed if name not in known]:
        raise DumpError(f"line 1: unknown table(s) {', '.join(unknown)}")
    if (
        not isinstance(counts, dict)
        or set(counts) != set(listed)
        or len(set(listed)) != len(listed)
        or not all(type(n) is int and n >= 0 for n in counts.values())
    ):
        raise DumpError("line 1: `counts` must give a row count for each table of `tables`, once each")
    return listed, counts


SEEDED = frozenset({str(Term.__tablename__)})
"""Tables the schema's revisions fill (the base vocabulary): a dump that holds them replaces their rows."""


def _refuse_rows(conn: Connection, tables: Iterable[Table]) -> None:
    for table in tables:
        if table.name in SEEDED:
            continue
        if conn.execute(select(text("1")).select_from(table).limit(1)).first() is not None:
            raise DumpError(f"the database is not empty: table {table.name} has rows; import needs an empty database")


Decoder = Callable[[object], object]
"""Turns a dumped value of one column back into what the column stores; ValueError names what is wrong."""


def _row(
    number: int, line: str, decoders: dict[str, dict[str, Decoder]], position: dict[str, int]
) -> tuple[str, dict[str, Any]]:
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        raise DumpError(f"line {number}: not JSON ({exc.msg}, column {exc.colno})") from exc
    if not isinstance(value, dict) or set(value) != {"table", "row"} or not isinstance(value["row"], dict):
        raise DumpError(f'line {number}: a row line is {{"table": name, "row": {{column: value}}}}')
    name, row = value["table"], value["row"]
    if not isinstance(name, str) or name not in decoders:
        raise DumpError(f"line {number}: unknown table {name!r}")
    if name not in position:
        raise DumpError(f"line {number}: table {name} is not listed in the header")
    columns = decoders[name]
    if row.keys() != columns.keys():
        if unknown := sorted(set(row) - set(columns)):
            raise DumpError(f"line {number}: table {name} has no column {', '.join(unknown)}")
        missing = [column for column in columns if column not in row]
        raise DumpError(f"line {number}: the {name} row lacks column {', '.join(missing)}")
    decoded: dict[str, Any] = {}
    for column, decode in columns.items():
        try:
            decoded[column] = decode(row[column])
        except ValueError as exc:
            raise DumpError(f"line {number}: {name}.{column}: {exc}") from exc
    return name, decoded


def _decoder(column: Column[Any]) -> Decoder:
    typed = _typed(column)
    nullable = bool(column.nullable)

    def decode(value: object) -> object:
        if value is None:
            if nullable:
                return None
            raise ValueError("may not be null")
        return typed(value)

    return decode


def _typed(column: Column[Any]) -> Decoder:
    kind = base_type(column)
    if isinstance(kind, Enum) and kind.enum_class is not None:
        return _enum_member(kind.enum_class.__members__)
    if isinstance(kind, JSON):
        return lambda value: value
    if isinstance(kind, DateTime):
        return _datetime if kind.timezone else _naive_datetime
    if isinstance(kind, Date):
        return _date
    if isinstance(kind, Boolean):
        return _instance(bool, "true or false")
    if isinstance(kind, Integer):
        return _whole
    if isinstance(kind, Float):
        return _number
    if isinstance(kind, String):
        return _string(kind.length)
    raise TypeError(f"{column.table.name}.{column.name}: no dump encoding for {column.type!r}")


def _whole(value: object) -> int:
    if type(value) is not int:  # a JSON true is a bool, and bool is an int to Python
        raise ValueError(f"expected a whole number, got {json.dumps(value)}")
    return value


def _number(value: object) -> float:
    if type(value) not in (int, float):
        raise ValueError(f"expected a number, got {json.dumps(value)}")
    return float(value)  # type: ignore[arg-type]


def _instance(kind: type, expected: str) -> Decoder:
    def check(value: object) -> object:
        if not isinstance(value, kind):
            raise ValueError(f"expected {expected}, got {json.dumps(value)}")
        return value

    return check


def _string(length: int | None) -> Decoder:
    def check(value: object) -> object:
        if not isinstance(value, str):
            raise ValueError(f"expected a string, got {json.dumps(value)}")
        if length is not None and len(value) > length:
            raise ValueError(f"longer than {length} characters")
        return value

    return check


def _enum_member(members: Any) -> Decoder:
    def member(value: object) -> object:
        if not isinstance(value, str) or value not in members:
            raise ValueError(f"expected one of {', '.join(members)}, got {json.dumps(value)}")
        return members[value]

    return member


def _date(value: object) -> dt.date:
    if not isinstance(value, str):
        raise ValueError(f"expected an ISO 8601 date, got {json.dumps(value)}")
    return dt.date.fromisoformat(value)


def _naive_datetime(value: object) -> dt.datetime:
    if not isinstance(value, str):
        raise ValueError(f"expected an ISO 8601 date and time, got {json.dumps(value)}")
    return dt.datetime.fromisoformat(value)


def _datetime(value: object) -> dt.datetime:
    moment = _naive_datetime(value)
    if moment.utcoffset() is None:
        raise ValueError(f"{value!r} has no UTC offset")
    return moment


class _TableLoad:
    """Inserts one table's rows in batches. References to the same table (a place within a place) are set
    after all its rows are in, so the rows of a table may come in any order."""

    def __init__(self, conn: Connection, table: Table) -> None:
        self.conn, self.table = conn, table
        self.key = next(iter(table.primary_key.columns))
        self.self_references = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
        self.batch: list[dict[str, Any]] = []
        self.lines: list[int] = []
        self.later: dict[str, list[dict[str, Any]]] = {name: [] for name in self.self_references}

    def add(self, number: int, row: dict[str, Any]) -> None:
        for name in self.self_references:
            if row[name] is not None:
                self.later[name].append({"key": row[self.key.name], "target": row[name]})
                row[name] = None
        self.batch.append(row)
        self.lines.append(number)
        if len(self.batch) >= BATCH:
            self._flush()

    def _flush(self) -> None:
        if not self.batch:
            return
        try:
            self.conn.execute(self.table.insert(), self.batch)
        except ROWS_REFUSED as exc:
            where = f"line {self.lines[0]}" if len(self.lines) == 1 else f"lines {self.lines[0]}-{self.lines[-1]}"
            raise DumpError(f"{where}: the database refused these {self.table.name} rows: {exc.orig}") from exc
        self.batch, self.lines = [], []

    def finish(self) -> None:
        self._flush()
        for name, links in self.later.items():
            if not links:
                continue
            statement = update(self.table).where(self.key == bindparam("key")).values({name: bindparam("target")})
            try:
                self.conn.execute(statement, links)
            except ROWS_REFUSED as exc:
                raise DumpError(f"table {self.table.name}: a {name} names no row of it: {exc.orig}") from exc


def _advance_sequences(conn: Connection, tables: Iterable[Table]) -> None:
    """On PostgreSQL, move each autoincrement column's sequence past the imported ids (SQLite needs nothing:
    an integer primary key continues from its largest value)."""
    if conn.dialect.name != "postgresql":
        return
    for table in tables:
        column = table.autoincrement_column
        if column is None:
            continue
        quote = conn.dialect.identifier_preparer
        conn.execute(
            text(
                "SELECT setval(pg_get_serial_sequence(:table, :column), "
                f"coalesce((SELECT max({quote.quote(column.name)}) FROM {quote.format_table(table)}), 0) + 1, false)"
            ),
            {"table": table.name, "column": column.name},
        )
