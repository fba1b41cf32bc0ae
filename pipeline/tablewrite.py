"""``policy-extract table``: write the tables of :mod:`pipeline.tables` as CSV, Parquet or DuckDB.

CSV needs nothing beyond the standard library; Parquet and DuckDB need the ``table`` extra
(pyarrow, duckdb), and without it the command says how to install it. Lists and the
``cells`` mapping are JSON text in CSV; in Parquet and DuckDB lists are lists of strings and
``cells`` stays JSON text, which DuckDB reads with ``cells->>'完成时限'``.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from pathlib import Path
from typing import Any

from .tables import TABLES, ColumnType, table_rows

EXIT_OK, EXIT_BAD_INPUT = 0, 2
FORMATS = ("csv", "parquet", "duckdb")
DUCKDB_FILE = "records.duckdb"
INSTALL = "pip install 'policy-extract[table]'  (from a checkout: pip install -e \".[table]\")"


class TableError(Exception):
    """Input that cannot be read, an output that cannot be written, or a missing extra."""


def _cell(value: Any, kind: ColumnType) -> Any:
    if value is None:
        return ""
    if kind in ("strings", "json"):
        return json.dumps(value, ensure_ascii=False)
    if kind == "bool":
        return "true" if value else "false"
    return value


def write_csv(rows: dict[str, list[dict[str, Any]]], out: Path) -> list[Path]:
    paths = []
    for name, columns in TABLES.items():
        path = out / f"{name}.csv"
        tmp = path.with_name(path.name + ".part")
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow([c for c, _ in columns])
            for row in rows[name]:
                w.writerow([_cell(row[c], kind) for c, kind in columns])
        os.replace(tmp, path)
        paths.append(path)
    return paths


NEEDS = {"csv": (), "parquet": ("pyarrow",), "duckdb": ("duckdb", "pyarrow")}


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


def arrow_tables(rows: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
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


def write_parquet(rows: dict[str, list[dict[str, Any]]], out: Path) -> list[Path]:
    import pyarrow.parquet as pq

    tables = arrow_tables(rows)
    paths = []
    for name, table in tables.items():
        path = out / f"{name}.parquet"
        tmp = path.with_name(path.name + ".part")
        pq.write_table(table, tmp)
        os.replace(tmp, path)
        paths.append(path)
    return paths


def write_duckdb(rows: dict[str, list[dict[str, Any]]], out: Path) -> list[Path]:
    import duckdb

    tables = arrow_tables(rows)
    path = out / DUCKDB_FILE
    tmp = path.with_name(path.name + ".part")
    tmp.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    try:
        for name, table in tables.items():
            con.register("incoming", table)
            con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM incoming')
            con.unregister("incoming")
    finally:
        con.close()
    os.replace(tmp, path)
    return [path]


WRITERS = {"csv": write_csv, "parquet": write_parquet, "duckdb": write_duckdb}


def write_tables(records: list[dict[str, Any]], out: Path, fmt: str) -> dict[str, int]:
    """Write every table into folder ``out``; returns the row count of each."""
    if fmt not in WRITERS:
        raise TableError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    _require(fmt)
    if out.exists() and not out.is_dir():
        raise TableError(f"{out}: exists and is not a folder")
    rows = table_rows(records)
    try:
        out.mkdir(parents=True, exist_ok=True)
        WRITERS[fmt](rows, out)
    except OSError as exc:
        raise TableError(f"{out}: cannot write: {exc}") from None
    return {name: len(r) for name, r in rows.items()}


def main(args: Any) -> int:
    """Exit 0 when every table is written, 2 on unreadable input, an unwritable folder or a missing extra."""
    from .evaluate import InputError, duplicates, load_records

    prog = "policy-extract table"
    try:
        _require(args.format)  # before reading a large input
        records = load_records(args.records)
        for doc_id in duplicates(records):
            print(f"{prog}: {args.records}: notice {doc_id} appears more than once; its rows repeat", file=sys.stderr)
        counts = write_tables(records, Path(args.output), args.format)
    except (InputError, TableError) as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    where = Path(args.output) / DUCKDB_FILE if args.format == "duckdb" else Path(args.output)
    summary = ", ".join(f"{name} {n}" for name, n in counts.items())
    print(f"{prog}: {len(records)} notices to {where} ({args.format}): {summary}", file=sys.stderr)
    return EXIT_OK
