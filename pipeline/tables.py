"""Records as flat tables, one per object kind, for researchers' SQL and data frames.

Every table starts with the keys that join it to the others (``doc_id``, ``item_id``, the
object's ``position`` in its item) and the notice's ``issuer`` and ``year``, the two facts
almost every comparison groups by; then every field of the object, spans flattened to
``<field>``, ``<field>_start``, ``<field>_end``. Column types are fixed here so that an empty
table and a full one have the same schema in every format.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

ColumnType = Literal["string", "int", "float", "bool", "strings", "json"]
Columns = list[tuple[str, ColumnType]]

NOTICE_KEYS: Columns = [("doc_id", "string"), ("issuer", "string"), ("year", "int")]
ITEM_KEYS: Columns = [("doc_id", "string"), ("item_id", "string"), ("issuer", "string"), ("year", "int")]
OBJECT_KEYS: Columns = [
    ("doc_id", "string"),
    ("item_id", "string"),
    ("position", "int"),
    ("issuer", "string"),
    ("year", "int"),
]
SPAN: Columns = [("text", "string"), ("start", "int"), ("end", "int")]
GOLD_ONLY: Columns = [("rule", "string"), ("borderline", "bool")]

TABLES: dict[str, Columns] = {
    "notices": [
        *NOTICE_KEYS,
        ("title", "string"),
        ("doc_number", "string"),
        ("date", "string"),
        ("schema", "string"),
        ("source_path", "string"),
        ("source_path_bytes", "string"),
        ("source_format", "string"),
        ("source_encoding", "string"),
        ("source_sha256", "string"),
        ("text", "string"),
        ("warnings", "strings"),
        ("warning_messages", "strings"),
    ],
    "items": [
        *ITEM_KEYS,
        ("kind", "string"),
        ("level", "int"),
        ("parent", "string"),
        ("number", "string"),
        ("heading", "string"),
        ("heading_start", "int"),
        ("heading_end", "int"),
        ("start", "int"),
        ("end", "int"),
        *GOLD_ONLY,
    ],
    "commitments": [
        *OBJECT_KEYS,
        *SPAN,
        ("value", "float"),
        ("unit", "string"),
        ("comparator", "string"),
        ("target", "string"),
        ("target_start", "int"),
        ("target_end", "int"),
        *GOLD_ONLY,
    ],
    "age_ranges": [
        *OBJECT_KEYS,
        *SPAN,
        ("min", "float"),
        ("max", "float"),
        ("unit", "string"),
        *GOLD_ONLY,
    ],
    "responsible_units": [
        *OBJECT_KEYS,
        *SPAN,
        ("name", "string"),
        ("canonical", "string"),
        ("role", "string"),
        *GOLD_ONLY,
    ],
    "attachment_rows": [
        ("doc_id", "string"),
        ("position", "int"),
        ("issuer", "string"),
        ("year", "int"),
        ("number", "int"),
        ("name", "string"),
        ("units", "strings"),
        ("cells", "json"),
        ("start", "int"),
        ("end", "int"),
        *GOLD_ONLY,
    ],
}

ITEM_OBJECTS = ("commitments", "age_ranges", "responsible_units")


def _flat(obj: dict[str, Any], span_keys: Iterable[str] = ()) -> dict[str, Any]:
    """An object's fields with its sub-spans as ``key``, ``key_start``, ``key_end``."""
    row = dict(obj)
    for key in span_keys:
        span = row.pop(key, None)
        row[key] = span["text"] if span else None
        row[f"{key}_start"] = span["start"] if span else None
        row[f"{key}_end"] = span["end"] if span else None
    return row


def table_rows(records: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The rows of every table (``{table: [row, …]}``) from records as JSON objects."""
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for rec in records:
        meta = rec.get("meta") or {}
        notice = {"doc_id": rec["doc_id"], "issuer": meta.get("issuer"), "year": meta.get("year")}
        source = rec.get("source") or {}
        warnings = rec.get("warnings") or []
        out["notices"].append(
            {
                **notice,
                **{k: meta.get(k) for k in ("title", "doc_number", "date")},
                "schema": rec.get("schema"),
                **{f"source_{k}": source.get(k) for k in ("path", "path_bytes", "format", "encoding", "sha256")},
                "text": rec.get("text"),
                "warnings": [w["code"] for w in warnings],
                "warning_messages": [w["message"] for w in warnings],
            }
        )
        for item in rec.get("items") or []:
            head = {k: v for k, v in item.items() if k not in ITEM_OBJECTS and k != "id"}
            out["items"].append({**notice, "item_id": item["id"], **_flat(head, ["heading"])})
            for kind in ITEM_OBJECTS:
                for i, obj in enumerate(item.get(kind) or []):
                    row = _flat(obj, ["target"] if kind == "commitments" else [])
                    out[kind].append({**notice, "item_id": item["id"], "position": i, **row})
        for i, row in enumerate(rec.get("attachment_rows") or []):
            out["attachment_rows"].append({**notice, "position": i, **row})
    return {name: [_ordered(row, TABLES[name]) for row in rows] for name, rows in out.items()}


def _ordered(row: dict[str, Any], columns: Columns) -> dict[str, Any]:
    unknown = set(row) - {c for c, _ in columns}
    if unknown:  # a field the tables do not know would be lost silently
        raise ValueError(f"no column for {sorted(unknown)}")
    return {c: row.get(c) for c, _ in columns}
