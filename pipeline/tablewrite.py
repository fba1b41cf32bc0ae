"""``policy-extract table``: write the tables of :mod:`pipeline.tables` as CSV, Parquet or DuckDB.

CSV needs nothing beyond the standard library; Parquet and DuckDB need the ``table`` extra
(pyarrow, duckdb), and without it the command says how to install it. Lists and the
``cells`` mapping are JSON text in CSV; in Parquet and DuckDB lists are lists of strings and
``cells`` stays JSON text, which DuckDB reads with ``cells->>'完成时限'``.

Records are read and written a batch at a time, so a large JSONL never sits in memory whole;
every file is written under a ``.part`` name and renamed only when all of them are complete.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .tables import TABLES, ColumnType, table_rows

EXIT_OK, EXIT_BAD_INPUT = 0, 2
FORMATS = ("csv", "parquet", "duckdb")
DUCKDB_FILE = "records.duckdb"
INSTALL = "pip install 'policy-extract[table]'  (from a checkout: pip install -e \".[table]\")"
BATCH = 256  # records per batch: bounded memory, few Parquet row groups
NEEDS = {"csv": (), "parquet": ("pyarrow",), "duckdb": ("duckdb", "pyarrow")}

Rows = dict[str, list[dict[str, Any]]]


class TableError(Exception):
    """Input that cannot be read, an output that cannot be written, or a missing extra."""


def _require(fmt: str) -> None:
    """Refuse a format whose packages are missing, naming them and the extra that brings them."""
    import importlib

    missing = []
    for module in NEEDS[fmt]:
        try:
            importlib.import_module(module)
        except ImportError:
            missing.append(module)
    if missing:
        raise TableError(
            f"--format {fmt} needs {' and '.join(NEEDS[fmt])}, not installed here: {', '.join(missing)}; {INSTALL}"
        )


def _part(path: Path) -> Path:
    return path.with_name(path.name + ".part")


class _Sink:
    """Receives the rows of one batch after another; ``finish`` renames, ``abort`` removes."""

    files: list[Path]

    def add(self, rows: Rows) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        self.close()
        for path in self.files:
            os.replace(_part(path), path)

    def abort(self) -> None:
        try:
            self.close()
        finally:
            for path in self.files:
                _part(path).unlink(missing_ok=True)


def _cell(value: Any, kind: ColumnType) -> Any:
    if value is None:
        return ""
    if kind in ("strings", "json"):
        return json.dumps(value, ensure_ascii=False)
    if kind == "bool":
        return "true" if value else "false"
    return value


class CsvSink(_Sink):
    def __init__(self, out: Path) -> None:
        self.files = [out / f"{name}.csv" for name in TABLES]
        self._handles = {}
        self._writers = {}
        for name, path in zip(TABLES, self.files, strict=True):
            fh = open(_part(path), "w", encoding="utf-8", newline="")  # noqa: SIM115  (closed in close())
            self._handles[name] = fh
            self._writers[name] = csv.writer(fh)
            self._writers[name].writerow([c for c, _ in TABLES[name]])

    def add(self, rows: Rows) -> None:
        for name, columns in TABLES.items():
            self._writers[name].writerows([_cell(row[c], kind) for c, kind in columns] for row in rows[name])

    def close(self) -> None:
        for fh in self._handles.values():
            fh.close()


def arrow_tables(rows: Rows) -> dict[str, Any]:
    """One pyarrow table per object kind, with the column types of :data:`TABLES`."""
    import pyarrow as pa

    types = {
        "string": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "bool": pa.bool_(),
        "strings": pa.list_(pa.string()),
        "json": pa.string(),
    }
    out = {}
    for name, columns in TABLES.items():
        schema = pa.schema([(c, types[kind]) for c, kind in columns])
        data = {
            c: [json.dumps(r[c], ensure_ascii=False) if kind == "json" and r[c] is not None else r[c] for r in rows[name]]
            for c, kind in columns
        }
        out[name] = pa.Table.from_pydict(data, schema=schema)
    return out


class ParquetSink(_Sink):
    def __init__(self, out: Path) -> None:
        import pyarrow.parquet as pq

        self.files = [out / f"{name}.parquet" for name in TABLES]
        schemas = {name: t.schema for name, t in arrow_tables({name: [] for name in TABLES}).items()}
        self._writers = {
            name: pq.ParquetWriter(_part(path), schemas[name]) for name, path in zip(TABLES, self.files, strict=True)
        }

    def add(self, rows: Rows) -> None:
        for name, table in arrow_tables(rows).items():
            if table.num_rows:
                self._writers[name].write_table(table)

    def close(self) -> None:
        for writer in self._writers.values():
            if writer.is_open:
                writer.close()  # with no batch written, still a readable file with the schema


class DuckdbSink(_Sink):
    def __init__(self, out: Path) -> None:
        import duckdb

        self.files = [out / DUCKDB_FILE]
        _part(self.files[0]).unlink(missing_ok=True)
        self._con = duckdb.connect(str(_part(self.files[0])))
        for name, table in arrow_tables({name: [] for name in TABLES}).items():
            self._insert(f'CREATE TABLE "{name}" AS SELECT * FROM incoming', table)

    def _insert(self, sql: str, table: Any) -> None:
        self._con.register("incoming", table)
        try:
            self._con.execute(sql)
        finally:
            self._con.unregister("incoming")

    def add(self, rows: Rows) -> None:
        for name, table in arrow_tables(rows).items():
            if table.num_rows:
                self._insert(f'INSERT INTO "{name}" SELECT * FROM incoming', table)

    def close(self) -> None:
        self._con.close()


SINKS = {"csv": CsvSink, "parquet": ParquetSink, "duckdb": DuckdbSink}


def _batches(records: Iterable[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    batch = []
    for rec in records:
        batch.append(rec)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def write_tables(records: Iterable[dict[str, Any]], out: Path, fmt: str) -> dict[str, int]:
    """Write every table into folder ``out``; returns the row count of each.

    Nothing is replaced unless every record was read: an error in the input leaves ``out`` as it was.
    """
    if fmt not in SINKS:
        raise TableError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    _require(fmt)
    if out.exists() and not out.is_dir():
        raise TableError(f"{out}: exists and is not a folder")
    counts = dict.fromkeys(TABLES, 0)
    try:
        out.mkdir(parents=True, exist_ok=True)
        sink = SINKS[fmt](out)
    except OSError as exc:
        raise TableError(f"{out}: cannot write: {exc}") from None
    try:
        for batch in _batches(records):
            rows = table_rows(batch)
            sink.add(rows)
            for name, r in rows.items():
                counts[name] += len(r)
    except OSError as exc:
        sink.abort()
        raise TableError(f"{out}: cannot write: {exc}") from None
    except BaseException:
        sink.abort()
        raise
    sink.finish()
    return counts


def read_records(path: str) -> Iterator[dict[str, Any]]:
    """Records one at a time from a JSONL; a gold folder or one record's JSON file at once."""
    from . import jsonl
    from .evaluate import InputError, _validate, load_records

    p = Path(path)
    if not p.exists() or p.is_dir() or p.suffix == ".json":
        yield from load_records(p)
        return
    try:
        for n, data in jsonl.read(p):
            yield _validate(data, f"{p}:{n}")
    except OSError as exc:
        raise InputError(f"{p}: cannot read: {exc}") from None
    except jsonl.InvalidLine as exc:
        raise InputError(str(exc)) from None


def _noting_duplicates(records: Iterable[dict[str, Any]], repeated: list[str]) -> Iterator[dict[str, Any]]:
    """Pass records on, noting in ``repeated`` each doc_id seen before (once per doc_id)."""
    seen: set[str] = set()
    for rec in records:
        doc_id = rec["doc_id"]
        if doc_id in seen and doc_id not in repeated:
            repeated.append(doc_id)
        seen.add(doc_id)
        yield rec


def main(args: Any) -> int:
    """Exit 0 when every table is written, 2 on unreadable input, an unwritable folder or a missing extra."""
    from .evaluate import InputError

    prog = "policy-extract table"
    out = Path(args.output)
    try:
        _require(args.format)  # before reading a large input
        if not Path(args.records).exists():
            raise InputError(f"{args.records}: no such file or folder")
        repeated: list[str] = []
        counts = write_tables(_noting_duplicates(read_records(args.records), repeated), out, args.format)
    except (InputError, TableError) as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if repeated:
        shown = ", ".join(repeated[:5]) + (", …" if len(repeated) > 5 else "")
        print(f"{prog}: {args.records}: {len(repeated)} notice(s) appear more than once, their rows repeat: {shown}", file=sys.stderr)
    where = out / DUCKDB_FILE if args.format == "duckdb" else out
    summary = ", ".join(f"{name} {n}" for name, n in counts.items())
    print(f"{prog}: {counts['notices']} notices to {where} ({args.format}): {summary}", file=sys.stderr)
    return EXIT_OK
