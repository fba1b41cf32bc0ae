"""The marks of the viewer: every span of a record, and the scorer's errors laid over them.

Errors come from :mod:`pipeline.scoring` (the same matching ``evaluate`` counts), never from a
second comparison here, so the page and the report cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .scoring import MISSING as NONE
from .scoring import shown

# field of the scorer → kind of mark
FIELD_KIND = {
    "items": "heading",
    "commitments": "commitment",
    "age_ranges": "age",
    "responsible_units": "unit",
    "attachment_rows": "row",
}
KINDS = ("heading", "commitment", "target", "age", "unit", "row")
ERROR_KINDS = ("miss", "false_hit", "wrong")


@dataclass
class Mark:
    """One highlighted span; ``key`` is unique on the page and is the anchor of its first piece."""

    start: int
    end: int
    kind: str
    key: str
    lines: list[str]
    flags: list[str] = field(default_factory=list)  # false_hit, wrong
    item: str | None = None  # item id shown as a badge before a heading


def _describe(kind: str, o: dict[str, Any]) -> list[str]:
    rule = [f"rule {o['rule']}"] if o.get("rule") else []
    if kind == "commitment":
        target = (o.get("target") or {}).get("text")
        return [
            f"commitment {o['text']}",
            f"value {shown(o.get('value'))} · unit {shown(o.get('unit'))} · {shown(o.get('comparator'))}",
            f"target {shown(target)}",
            *rule,
        ]
    if kind == "age":
        return [f"age range {o['text']}", f"min {shown(o.get('min'))} · max {shown(o.get('max'))} · {shown(o.get('unit'))}", *rule]
    if kind == "unit":
        return [f"unit {shown(o.get('name'))}", f"role {shown(o.get('role'))}", *rule]
    if kind == "row":
        units = "、".join(o.get("units") or []) or NONE
        return [f"attachment row {shown(o.get('number'))} {shown(o.get('name'))}", f"units {units}", *rule]
    return []


def record_marks(record: dict[str, Any], prefix: str) -> list[Mark]:
    """Headings, commitments with their targets, age ranges, units and attachment rows of one record."""
    marks: list[Mark] = []
    for item in record.get("items") or []:
        h = item["heading"]
        where = f"item {item['id']}"
        lines = [
            f"{item.get('kind', 'item')} {item['id']} · level {item.get('level')} · number {shown(item.get('number'))}",
            f"heading {h['text']}",
        ]
        if item.get("rule"):
            lines.append(f"rule {item['rule']}")
        marks.append(Mark(h["start"], h["end"], "heading", f"{prefix}-i{item['id']}", lines, item=item["id"]))
        for n, c in enumerate(item.get("commitments") or []):
            key = f"{prefix}-c{item['id']}-{n}"
            marks.append(Mark(c["start"], c["end"], "commitment", key, [*_describe("commitment", c), where]))
            t = c.get("target")
            if t:
                marks.append(Mark(t["start"], t["end"], "target", f"{key}t", [f"target of {c['text']}: {t['text']}", where]))
        for n, a in enumerate(item.get("age_ranges") or []):
            marks.append(Mark(a["start"], a["end"], "age", f"{prefix}-a{item['id']}-{n}", [*_describe("age", a), where]))
        for n, u in enumerate(item.get("responsible_units") or []):
            marks.append(Mark(u["start"], u["end"], "unit", f"{prefix}-u{item['id']}-{n}", [*_describe("unit", u), where]))
    for n, row in enumerate(record.get("attachment_rows") or []):
        marks.append(Mark(row["start"], row["end"], "row", f"{prefix}-r{n}", _describe("row", row)))
    return marks


@dataclass
class NoticeErrors:
    """The scorer's errors of one notice: those placed in the text and those listed above it."""

    placed: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (mark key, error)
    listed: list[dict[str, Any]] = field(default_factory=list)  # meta, or gold objects of another text


def _error_line(e: dict[str, Any]) -> str:
    if e["field"] == "meta":
        return f"{e['kind']} meta.{e['slot']}: {shown(e['value'])} (other side: {shown(e['other'])})"
    return f"{e['kind'].replace('_', ' ')} ({e['field']}): {e['detail']}"


def place_errors(marks: list[Mark], errs: list[dict[str, Any]], prefix: str, in_text: bool) -> NoticeErrors:
    """Flag predicted marks that are false hits or wrongly described; add a mark for every miss.

    ``in_text`` is False when the prediction's text is not gold's: gold offsets would point at the
    wrong characters, so misses are only listed.
    """
    by_span: dict[tuple[str, int, int], list[Mark]] = {}
    for m in marks:
        by_span.setdefault((m.kind, m.start, m.end), []).append(m)
    out = NoticeErrors()
    for n, e in enumerate(errs):
        if e["field"] == "meta" or not in_text:
            out.listed.append(e)
            continue
        kind = FIELD_KIND[e["field"]]
        if e["kind"] == "miss":
            key = f"{prefix}-m{n}"
            lines = [f"MISS: gold {e['field']} not found", e["detail"]]
            if e.get("item"):
                lines.append(f"gold item {e['item']}")
            marks.append(Mark(e["start"], e["end"], "miss", key, lines, item=None))
            out.placed.append((key, e))
            continue
        candidates = by_span.get((kind, e["start"], e["end"])) or []
        flag = "false_hit" if e["kind"] == "false_hit" else "wrong"
        target = next((m for m in candidates if flag not in m.flags), None)
        if target is None:
            out.listed.append(e)
            continue
        target.flags.append(flag)
        note = "FALSE HIT: no gold object matches" if flag == "false_hit" else f"WRONG: {e['detail']}"
        target.lines.insert(0, note)
        out.placed.append((target.key, e))
    return out


def error_label(e: dict[str, Any]) -> str:
    """One line of the jump list."""
    if e["field"] == "meta":
        return _error_line(e)
    return f"{e['kind'].replace('_', ' ')} · {e['field']} · {e['text']}"
