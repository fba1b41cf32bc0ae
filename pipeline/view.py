"""``policy-extract view``: every notice of a JSONL as one self-contained HTML page.

Spans are highlighted by kind with their values on hover, items are outlined in a side bar,
and with ``--gold`` the scorer's misses and false hits are marked in the text and listed, so
a person reads the errors where they happen rather than as lines of a report.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from .evaluate import InputError, load_records, swapped
from .scoring import attribute_errors, errors, score
from .view_html import CSS, JS, esc, render_text
from .view_marks import ERROR_KINDS, KINDS, error_label, place_errors, record_marks, shown

EXIT_OK, EXIT_BAD_INPUT = 0, 2

KIND_LABELS = {
    "heading": "item heading",
    "commitment": "commitment",
    "target": "target",
    "age": "age range",
    "unit": "responsible unit",
    "row": "attachment row",
    "miss": "miss (gold only)",
}


def _outline(items: list[dict[str, Any]], prefix: str) -> str:
    """Items nested by their parent ids, each a link to its heading."""
    children: dict[str | None, list[dict[str, Any]]] = {}
    ids = {i["id"] for i in items}
    for item in items:
        parent = item.get("parent") if item.get("parent") in ids else None
        children.setdefault(parent, []).append(item)

    def branch(parent: str | None) -> str:
        rows = children.get(parent) or []
        if not rows:
            return ""
        lis = []
        for item in rows:
            label = f"{item.get('number') or item['id']} {item['heading']['text']}"
            lis.append(f'<li><a href="#{esc(prefix)}-i{esc(item["id"])}">{esc(label)}</a>{branch(item["id"])}</li>')
        return f"<ul>{''.join(lis)}</ul>"

    return branch(None)


def _meta_table(record: dict[str, Any]) -> str:
    meta = record.get("meta") or {}
    cells = "".join(f"<tr><td>{slot}</td><td>{esc(shown(meta.get(slot)))}</td></tr>" for slot in meta)
    source = (record.get("source") or {}).get("path")
    return f"<table class='meta'><tr><td>source</td><td>{esc(shown(source))}</td></tr>{cells}</table>"


def _notice(n: int, record: dict[str, Any], status: str | None, errs: list[dict[str, Any]]) -> tuple[str, str, list]:
    """The notice's section, its side-bar entry and its (anchor, error) pairs for the jump list."""
    prefix = f"n{n}"
    marks = record_marks(record, prefix) if status != "missing_prediction" else []
    placed = place_errors(marks, errs, prefix, in_text=status in ("ok", "missing_prediction"))
    jumps = list(placed.placed)
    listed_html = ""
    if placed.listed:
        lis = []
        for k, e in enumerate(placed.listed):
            key = f"{prefix}-l{k}"
            jumps.append((key, e))
            lis.append(f'<li id="{key}" class="e-{esc(e["kind"])}">{esc(error_label(e))}</li>')
        listed_html = f"<ul class='listed'>{''.join(lis)}</ul>"
    notes = {
        "missing_prediction": "no prediction for this notice: gold's text, every gold object a miss",
        "text_mismatch": "the prediction's text differs from gold's: gold objects are listed, not placed",
        "no_gold": "no gold for this notice: predictions shown, nothing scored",
    }
    banner = f"<p class='status'>{esc(notes[status])}</p>" if status in notes else ""
    warnings = "".join(f"<li>{esc(w)}</li>" for w in record.get("warnings") or [])
    title = (record.get("meta") or {}).get("title") or ""
    clean = "" if jumps else " clean"
    section = (
        f'<section class="notice{clean}" id="{prefix}"><h2>{esc(record["doc_id"])} · {esc(title)}</h2>'
        f"{_meta_table(record)}{banner}"
        + (f"<ul class='listed'>{warnings}</ul>" if warnings else "")
        + listed_html
        + f"<div class='text'>{render_text(record['text'], marks)}</div></section>"
    )
    badge = f" ({len(jumps)})" if jumps else ""
    side = (
        f'<li><details><summary><a href="#{prefix}">{esc(record["doc_id"])}</a>{badge}</summary>'
        f"{_outline(record.get('items') or [], prefix)}</details></li>"
    )
    return section, side, jumps


def build_page(records: list[dict[str, Any]], gold: list[dict[str, Any]] | None, title: str) -> tuple[str, int]:
    """The page and the number of errors marked (0 without gold)."""
    plan: list[tuple[dict[str, Any], str | None, list[dict[str, Any]]]] = []
    if gold is None:
        plan = [(r, None, []) for r in records]
    else:
        report = score(gold, records)
        status = {s.doc_id: s.status for s in report.notices}
        by_notice: dict[str, list[dict[str, Any]]] = {}
        for e in errors(report) + attribute_errors(report):
            by_notice.setdefault(e["notice"], []).append(e)
        seen = set()
        for r in records:
            if r["doc_id"] in seen:
                continue
            seen.add(r["doc_id"])
            plan.append((r, status.get(r["doc_id"], "no_gold"), by_notice.get(r["doc_id"], [])))
        gold_by_id = {g["doc_id"]: g for g in gold}
        for doc_id in report.missing_predictions:
            plan.append((gold_by_id[doc_id], "missing_prediction", by_notice.get(doc_id, [])))
    sections, sides, jumps = [], [], []
    for n, (record, status, errs) in enumerate(plan):
        section, side, notice_jumps = _notice(n, record, status, errs)
        sections.append(section)
        sides.append(side)
        jumps.extend((key, record["doc_id"], e) for key, e in notice_jumps)
    page = _page(title, sections, sides, jumps, with_gold=gold is not None)
    return page, len(jumps)


def _page(title: str, sections: list[str], sides: list[str], jumps: list[tuple], with_gold: bool) -> str:
    kinds = [*KINDS, "miss"] if with_gold else list(KINDS)
    boxes = "".join(
        f'<label><input type="checkbox" data-kind="{k}" checked><span class="sw m k-{k}"></span>{KIND_LABELS[k]}</label>'
        for k in kinds
    )
    gold_bar = ""
    error_list = ""
    if with_gold:
        gold_bar = (
            "<label><span class='m f-false_hit k-commitment'>5个</span> false hit</label>"
            "<label><span class='m f-wrong k-commitment'>5个</span> wrong target, comparator or role</label>"
            f"<button id='prev' title='previous error (p)'>◀</button><span id='errpos'>{len(jumps)} errors</span>"
            "<button id='next' title='next error (n)'>▶</button>"
            "<label><input type='checkbox' id='only-errors'>only notices with errors</label>"
        )
        lis = "".join(
            f'<li class="e-{esc(e["kind"])}"><a href="#{esc(key)}">{esc(doc_id)}: {esc(error_label(e))}</a></li>'
            for key, doc_id, e in jumps
        )
        counts = {k: sum(1 for _, _, e in jumps if e["kind"] == k or (k == "wrong" and e["kind"].startswith("wrong")))
                  for k in ERROR_KINDS}
        summary = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items())
        error_list = (
            f"<details id='errors' open><summary><b>Errors ({len(jumps)})</b>: {summary}</summary>"
            f"<ul>{lis}</ul></details>"
        )
    return (
        "<!DOCTYPE html><html lang='zh'><head><meta charset='utf-8'>"
        f"<title>{esc(title)}</title><style>{CSS}</style></head><body>"
        f"<nav id='side'><b>{len(sections)} notices</b>{error_list}<h2>Notices and items</h2>"
        f"<ul>{''.join(sides)}</ul></nav>"
        f"<main id='main'><div id='bar'>{boxes}{gold_bar}</div>{''.join(sections)}</main>"
        f"<div id='tip'></div><script>{JS}</script></body></html>\n"
    )


def main(args: Any) -> int:
    """Exit 0 when the page is written, 2 on unreadable input or an unwritable output."""
    name = "policy-extract view"
    try:
        records = load_records(args.records)
        gold = load_records(args.gold) if getattr(args, "gold", None) else None
    except InputError as exc:
        print(f"{name}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if gold is not None and swapped(gold, records):
        print(f"{name}: {args.gold} holds predictions (its objects carry rule ids) and {args.records} does not: "
              f"the arguments look swapped, so {args.records} is read as gold", file=sys.stderr)
        gold, records = records, gold
    page, count = build_page(records, gold, f"policy-extract view: {Path(args.records).name}")
    try:
        Path(args.output).write_text(page, encoding="utf-8")
    except OSError as exc:
        print(f"{name}: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    marked = f", {count} error(s) marked" if gold is not None else ""
    print(f"{len(records)} notice(s){marked}: {args.output}", file=sys.stderr)
    return EXIT_OK
