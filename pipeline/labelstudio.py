"""The Label Studio round trip: records out as pre-annotated tasks, annotations back in as gold.

Each object is a ``labels`` region over the task's text (one label per kind of object); its
values are per-region ``textarea``/``choices`` results sharing the region's id; a commitment's
target is a ``Target`` region joined to it by a relation; meta values are task-level text
areas. Label Studio counts offsets in code points, as the record does, but writes a literal
``\\n`` into a region's text where a span crosses a line break, so imported spans are always
re-sliced from the text and the region's own text only checked.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from pydantic import ValidationError

from . import __version__
from .goldcheck import as_number, read_age, read_quantity
from .normalise import compact
from .record import SCHEMA_ID, Record

FROM, TO = "label", "text"
ENTRY_LABELS = {"item": "Item", "section": "Section"}
HEADING, COMMITMENT, TARGET, AGE, UNIT, ROW = "Heading", "Commitment", "Target", "AgeRange", "Unit", "AttachmentRow"
META_SLOTS = ("title", "doc_number", "issuer", "date", "year")
COMPARATORS = ("eq", "ge", "gt", "le", "lt", "approx")
ROLES = ("responsible", "lead", "cooperating", "supervising")
NULL = "null"

Warn = Callable[[str], None]


class ImportProblem(Exception):
    """A task that cannot become a gold record; the message says which region and why."""


# ---------------------------------------------------------------------------- export


def _fmt(value: int | float) -> str:
    return str(value) if isinstance(value, int) else repr(value)


class _Results:
    """Collects one task's result list in Label Studio's JSON format."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.items: list[dict[str, Any]] = []

    def region(self, rid: str, label: str, start: int, end: int) -> None:
        value = {"start": start, "end": end, "text": self.text[start:end], "labels": [label]}
        self.items.append({"id": rid, "from_name": FROM, "to_name": TO, "type": "labels", "value": value})

    def textarea(self, rid: str, name: str, span: tuple[int, int] | None, texts: list[str]) -> None:
        value: dict[str, Any] = {"start": span[0], "end": span[1]} if span else {}
        value["text"] = texts
        self.items.append({"id": rid, "from_name": name, "to_name": TO, "type": "textarea", "value": value})

    def choice(self, rid: str, name: str, span: tuple[int, int], choice: str) -> None:
        value = {"start": span[0], "end": span[1], "choices": [choice]}
        self.items.append({"id": rid, "from_name": name, "to_name": TO, "type": "choices", "value": value})

    def relation(self, from_id: str, to_id: str) -> None:
        self.items.append(
            {"from_id": from_id, "to_id": to_id, "type": "relation", "direction": "right", "labels": ["target"]}
        )

    def borderline(self, rid: str, span: tuple[int, int], obj: dict[str, Any]) -> None:
        if obj.get("borderline") is not None:
            self.choice(rid, "borderline", span, "yes" if obj["borderline"] else "no")


def _export_item(res: _Results, i: int, item: dict[str, Any]) -> None:
    rid = f"e{i}"
    span = (item["start"], item["end"])
    res.region(rid, ENTRY_LABELS[item["kind"]], *span)
    res.textarea(rid, "item_id", span, [item["id"]])
    if item["number"] is not None:
        res.textarea(rid, "number", span, [item["number"]])
    res.borderline(rid, span, item)
    h = item["heading"]
    res.region(f"{rid}h", HEADING, h["start"], h["end"])
    for j, c in enumerate(item["commitments"]):
        cid, cspan = f"{rid}c{j}", (c["start"], c["end"])
        res.region(cid, COMMITMENT, *cspan)
        res.textarea(cid, "value", cspan, [_fmt(c["value"])])
        res.textarea(cid, "unit", cspan, [c["unit"]])
        res.choice(cid, "comparator", cspan, c["comparator"])
        res.borderline(cid, cspan, c)
        if c.get("target"):
            t = c["target"]
            res.region(f"{cid}t", TARGET, t["start"], t["end"])
            res.relation(cid, f"{cid}t")
    for j, a in enumerate(item["age_ranges"]):
        aid, aspan = f"{rid}a{j}", (a["start"], a["end"])
        res.region(aid, AGE, *aspan)
        res.textarea(aid, "min", aspan, [NULL if a["min"] is None else _fmt(a["min"])])
        res.textarea(aid, "max", aspan, [NULL if a["max"] is None else _fmt(a["max"])])
        res.choice(aid, "age_unit", aspan, a["unit"])
        res.borderline(aid, aspan, a)
    for j, u in enumerate(item["responsible_units"]):
        uid, uspan = f"{rid}u{j}", (u["start"], u["end"])
        res.region(uid, UNIT, *uspan)
        res.textarea(uid, "name", uspan, [u["name"]])
        res.choice(uid, "role", uspan, u["role"])
        res.borderline(uid, uspan, u)


def _export_row(res: _Results, k: int, row: dict[str, Any]) -> None:
    rid, span = f"r{k}", (row["start"], row["end"])
    res.region(rid, ROW, *span)
    res.textarea(rid, "row_number", span, [str(row["number"])])
    res.textarea(rid, "row_name", span, [row["name"]])
    if row["units"]:
        res.textarea(rid, "row_units", span, list(row["units"]))
    if row["cells"]:
        res.textarea(rid, "cells", span, [json.dumps(row["cells"], ensure_ascii=False)])
    res.borderline(rid, span, row)


def record_to_task(record: Any) -> dict[str, Any]:
    """One Label Studio task: the text and the record's own facts as data, its objects as a prediction."""
    r = record.model_dump(by_alias=True, mode="json") if hasattr(record, "model_dump") else dict(record)
    res = _Results(r["text"])
    for slot in META_SLOTS:
        value = (r.get("meta") or {}).get(slot)
        if value is not None:
            res.textarea(f"meta-{slot}", slot, None, [str(value)])
    for i, item in enumerate(r.get("items") or []):
        _export_item(res, i, item)
    for k, row in enumerate(r.get("attachment_rows") or []):
        _export_row(res, k, row)
    data = {
        "text": r["text"],
        "doc_id": r["doc_id"],
        "schema": r.get("schema", SCHEMA_ID),
        "source": r["source"],
        "warnings": r.get("warnings") or [],
    }
    return {"data": data, "predictions": [{"model_version": f"policy-extract {__version__}", "result": res.items}]}


def labelling_config() -> str:
    """The labelling interface XML matching :func:`record_to_task`'s names."""
    labels = [*ENTRY_LABELS.values(), HEADING, COMMITMENT, TARGET, AGE, UNIT, ROW]
    colours = ["#66bb6a", "#26a69a", "#ffca28", "#ef5350", "#ffa726", "#42a5f5", "#ab47bc", "#8d6e63"]

    def area(name: str, hint: str, many: bool = False) -> str:
        subs = "" if many else ' maxSubmissions="1"'
        return (
            f'    <TextArea name="{name}" toName="text" perRegion="true" editable="true"{subs} '
            f"placeholder={quoteattr(hint)}/>\n"
        )

    def choices(name: str, values: tuple[str, ...]) -> str:
        opts = "".join(f'<Choice value="{v}"/>' for v in values)
        return f'    <Choices name="{name}" toName="text" perRegion="true" choice="single">{opts}</Choices>\n'

    def group(when: str, body: str) -> str:
        return f'  <View visibleWhen="region-selected" whenTagName="label" whenLabelValue="{when}">\n{body}  </View>\n'

    label_tags = "".join(f'    <Label value="{v}" background="{c}"/>\n' for v, c in zip(labels, colours, strict=True))
    doc_areas = "".join(
        f'  <TextArea name="{s}" toName="text" editable="true" maxSubmissions="1" placeholder="meta: {s}"/>\n'
        for s in META_SLOTS
    )
    return (
        "<View>\n"
        "  <Style>.htx-text { white-space: pre-wrap; }</Style>\n"
        '  <Header value="$doc_id"/>\n'
        f'  <Labels name="label" toName="text">\n{label_tags}  </Labels>\n'
        '  <Relations><Relation value="target"/></Relations>\n'
        '  <Text name="text" value="$text" granularity="symbol"/>\n'
        + '  <View visibleWhen="region-selected">\n'
        + area("item_id", "Item/Section only: id 1, 2.1")
        + area("number", "Item/Section only: number as written, 一、")
        + "  </View>\n"
        + group(
            COMMITMENT,
            area("value", "value: 33000") + area("unit", "unit: 人次") + choices("comparator", COMPARATORS),
        )
        + group(AGE, area("min", "min or null") + area("max", "max or null") + choices("age_unit", ("year", "month")))
        + group(UNIT, area("name", "name without line breaks") + choices("role", ROLES))
        + group(
            ROW,
            area("row_number", "序号")
            + area("row_name", "name")
            + area("row_units", "one unit per entry", many=True)
            + area("cells", 'other cells as JSON: {"完成时限": "12月底"}'),
        )
        + '  <View visibleWhen="region-selected">\n'
        + choices("borderline", ("yes", "no"))
        + "  </View>\n"
        + doc_areas
        + "</View>\n"
    )


# ---------------------------------------------------------------------------- import


def normalise_with_map(raw: str) -> tuple[str, list[int]]:
    """The contract's text normalisation, with each raw offset mapped to the normalised text."""
    out: list[str] = []
    where: list[int] = []
    i = 0
    if raw.startswith("\ufeff"):
        where.append(0)
        i = 1
    while i < len(raw):
        c = raw[i]
        where.append(len(out))
        if c == "\r":
            out.append("\n")
            if raw[i + 1 : i + 2] == "\n":
                where.append(len(out))
                i += 1
        else:
            out.append(c)
        i += 1
    where.append(len(out))
    text = "".join(out)
    if unicodedata.normalize("NFC", text) != text:
        raise ImportProblem("the task's text changes under Unicode NFC; create tasks from the normalised text")
    return text, where


def _utf16_to_codepoints(text: str, offset: int) -> int | None:
    units = 0
    for i, c in enumerate(text):
        if units == offset:
            return i
        units += 2 if ord(c) > 0xFFFF else 1
    return len(text) if units == offset else None


def _utf16_slice(text: str, start: int, end: int) -> str | None:
    data = text.encode("utf-16-le")
    try:
        return data[2 * start : 2 * end].decode("utf-16-le")
    except UnicodeDecodeError:
        return None


def check_offsets(raw: str, value: dict[str, Any], rid: str, warn: Warn) -> tuple[int, int]:
    """Code point offsets of a region in the raw text; its repeated text is checked, never trusted."""
    try:
        start, end = int(value["start"]), int(value["end"])
    except (KeyError, TypeError, ValueError):
        raise ImportProblem(f"region {rid}: no integer start/end") from None
    inside = 0 <= start <= end <= len(raw)
    given = value.get("text")
    got = raw[start:end] if inside else None
    if inside and (given is None or given == got or given.replace("\\n", "\n") == got.replace("\r\n", "\n")):
        return start, end
    if given is not None and 0 <= start <= end and _utf16_slice(raw, start, end) == given:
        s16, e16 = _utf16_to_codepoints(raw, start), _utf16_to_codepoints(raw, end)
        if s16 is not None and e16 is not None:
            warn(f"region {rid}: offsets {start}:{end} count UTF-16 units; read as code points {s16}:{e16}")
            return s16, e16
    if not inside:
        raise ImportProblem(f"region {rid}: {start}:{end} is outside the text (length {len(raw)})")
    warn(f"region {rid}: its text {given!r} differs from text[{start}:{end}] = {got!r}; the offsets are kept")
    return start, end


def _choose_result(task: dict[str, Any], warn: Warn) -> list[dict[str, Any]]:
    annotations = [a for a in task.get("annotations") or [] if not a.get("was_cancelled")]
    if annotations:
        latest = max(annotations, key=lambda a: (a.get("updated_at") or a.get("created_at") or "", a.get("id") or 0))
        return latest.get("result") or []
    predictions = task.get("predictions") or []
    if predictions:
        warn("no annotation; the pre-annotation is imported as it is")
        return predictions[0].get("result") or []
    warn("no annotation and no pre-annotation; the record has no objects")
    return []


class _Task:
    """The regions, attributes and relations of one task's result, offsets into the normalised text."""

    def __init__(self, raw: str, result: list[dict[str, Any]], warn: Warn) -> None:
        self.text, where = normalise_with_map(raw)
        self.regions: dict[str, dict[str, Any]] = {}
        self.attrs: dict[str, dict[str, list[str]]] = {}
        self.doc: dict[str, str] = {}
        self.relations: list[tuple[str, str]] = []
        for r in result:
            kind = r.get("type")
            if kind == "relation":
                self.relations.append((r.get("from_id"), r.get("to_id")))
                continue
            rid, value = str(r.get("id")), r.get("value") or {}
            if kind == "labels":
                start, end = check_offsets(raw, value, rid, warn)
                labels = value.get("labels") or []
                if len(labels) != 1:
                    raise ImportProblem(f"region {rid} at {start}:{end} needs exactly one label, has {labels}")
                self.regions[rid] = {"id": rid, "label": labels[0], "start": where[start], "end": where[end]}
            elif kind in ("textarea", "choices"):
                texts = value.get("text") if kind == "textarea" else value.get("choices")
                texts = [texts] if isinstance(texts, str) else list(texts or [])
                if "start" in value or rid in self.regions:
                    self.attrs.setdefault(rid, {})[r.get("from_name")] = texts
                elif texts:
                    self.doc[r.get("from_name")] = texts[0]

    def attr(self, rid: str, name: str) -> str | None:
        values = self.attrs.get(rid, {}).get(name)
        return values[0] if values else None

    def span(self, rid: str) -> dict[str, Any]:
        reg = self.regions[rid]
        return {"text": self.text[reg["start"] : reg["end"]], "start": reg["start"], "end": reg["end"]}

    def labelled(self, *labels: str) -> list[dict[str, Any]]:
        return [r for r in self.regions.values() if r["label"] in labels]


def _number(text: str, what: str) -> int | float:
    text = text.strip()
    try:
        return int(text) if re.fullmatch(r"-?\d+", text) else float(text)
    except ValueError:
        raise ImportProblem(f"{what}: {text!r} is not a number") from None


def _borderline(t: _Task, rid: str, obj: dict[str, Any]) -> dict[str, Any]:
    mark = t.attr(rid, "borderline")
    if mark is not None:
        obj["borderline"] = mark == "yes"
    return obj


def _entries(t: _Task) -> list[dict[str, Any]]:
    entries = []
    for reg in t.labelled(*ENTRY_LABELS.values()):
        iid = t.attr(reg["id"], "item_id")
        if not iid:
            raise ImportProblem(f"{reg['label']} region {reg['id']} at {reg['start']}:{reg['end']} has no item_id")
        iid = iid.strip()
        entry = {
            "id": iid,
            "kind": "item" if reg["label"] == "Item" else "section",
            "level": iid.count(".") + 1,
            "parent": iid.rsplit(".", 1)[0] if "." in iid else None,
            "number": t.attr(reg["id"], "number"),
            "heading": None,
            "start": reg["start"],
            "end": reg["end"],
            "commitments": [],
            "age_ranges": [],
            "responsible_units": [],
        }
        entries.append(_borderline(t, reg["id"], entry))
    return entries


def _innermost(entries: list[dict[str, Any]], start: int, end: int) -> dict[str, Any] | None:
    holders = [e for e in entries if e["start"] <= start and end <= e["end"]]
    return max(holders, key=lambda e: (e["id"].count("."), e["start"])) if holders else None


def _commitment(t: _Task, rid: str, targets: dict[str, dict[str, Any]], warn: Warn) -> dict[str, Any]:
    span = t.span(rid)
    value, unit = t.attr(rid, "value"), t.attr(rid, "unit")
    if value is None or unit is None:
        read_value, read_unit = read_quantity(span["text"])
        warn(f"commitment {rid} {span['text']!r}: value or unit not filled in; read from the text")
        value = value if value is not None else _fmt(as_number(read_value))
        unit = unit if unit is not None else read_unit
    comparator = t.attr(rid, "comparator")
    if comparator is None:
        warn(f"commitment {rid} {span['text']!r}: no comparator chosen; eq assumed")
        comparator = "eq"
    number = _number(value, f"commitment {rid} value")
    if isinstance(number, float) and number.is_integer() and "." not in value.strip():
        number = int(number)
    obj = {**span, "value": number, "unit": unit, "comparator": comparator, "target": targets.get(rid)}
    return _borderline(t, rid, obj)


def _age(t: _Task, rid: str, warn: Warn) -> dict[str, Any]:
    span = t.span(rid)
    lo, hi, unit = t.attr(rid, "min"), t.attr(rid, "max"), t.attr(rid, "age_unit")
    if (lo is None and hi is None) or unit is None:
        read_lo, read_hi, read_unit = read_age(span["text"])
        warn(f"age range {rid} {span['text']!r}: values not filled in; read from the text")
        if lo is None and hi is None:
            lo = NULL if read_lo is None else _fmt(as_number(read_lo))
            hi = NULL if read_hi is None else _fmt(as_number(read_hi))
        unit = unit or read_unit

    def bound(v: str | None, what: str) -> int | float | None:
        if v is None or v.strip() in ("", NULL):
            return None
        n = _number(v, f"age range {rid} {what}")
        return int(n) if isinstance(n, float) and n.is_integer() and "." not in v else n

    obj = {**span, "min": bound(lo, "min"), "max": bound(hi, "max"), "unit": unit}
    return _borderline(t, rid, obj)


def _unit(t: _Task, rid: str, warn: Warn) -> dict[str, Any]:
    span = t.span(rid)
    role = t.attr(rid, "role")
    if role is None:
        warn(f"unit {rid} {span['text']!r}: no role chosen; responsible assumed")
        role = "responsible"
    obj = {**span, "name": t.attr(rid, "name") or compact(span["text"]), "role": role}
    return _borderline(t, rid, obj)


def _row(t: _Task, rid: str) -> dict[str, Any]:
    reg = t.regions[rid]
    number = t.attr(rid, "row_number")
    name = t.attr(rid, "row_name")
    if number is None or name is None:
        raise ImportProblem(f"attachment row {rid} at {reg['start']}:{reg['end']} needs row_number and row_name")
    cells_text = t.attr(rid, "cells")
    try:
        cells = json.loads(cells_text) if cells_text else {}
    except json.JSONDecodeError as exc:
        raise ImportProblem(f"attachment row {rid}: cells are not JSON ({exc.msg})") from None
    obj = {
        "number": _number(number, f"attachment row {rid} number"),
        "name": name,
        "units": t.attrs.get(rid, {}).get("row_units", []),
        "cells": cells,
        "start": reg["start"],
        "end": reg["end"],
    }
    return _borderline(t, rid, obj)


def _targets(t: _Task, warn: Warn) -> dict[str, dict[str, Any]]:
    """Commitment region id → its target span, from relations in either direction."""
    out: dict[str, dict[str, Any]] = {}
    linked = set()
    for a, b in t.relations:
        ra, rb = t.regions.get(a), t.regions.get(b)
        if not ra or not rb:
            continue
        if ra["label"] == TARGET and rb["label"] == COMMITMENT:
            a, b = b, a
            ra, rb = rb, ra
        if ra["label"] == COMMITMENT and rb["label"] == TARGET:
            out[a] = t.span(b)
            linked.add(b)
    for reg in t.labelled(TARGET):
        if reg["id"] not in linked:
            warn(f"target {reg['id']} {t.span(reg['id'])['text']!r} is not related to a commitment; ignored")
    return out


def _by_offset(regions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Regions in text order: Label Studio keeps results in the order annotators drew them."""
    return sorted(regions, key=lambda r: (r["start"], r["end"], r["id"]))


def task_to_record(task: dict[str, Any], warn: Warn) -> dict[str, Any]:
    """A gold record from one exported task; raises :class:`ImportProblem` naming the region at fault."""
    data = task.get("data") or {}
    if not isinstance(data.get("text"), str) or "doc_id" not in data or "source" not in data:
        raise ImportProblem("task data lacks text, doc_id or source; export tasks with `policy-extract labelstudio export`")
    t = _Task(data["text"], _choose_result(task, warn), warn)
    entries = sorted(_entries(t), key=lambda e: (e["start"], -e["end"], e["level"]))
    for reg in _by_offset(t.labelled(HEADING)):
        holder = _innermost([e for e in entries if e["heading"] is None], reg["start"], reg["end"])
        if holder is None:
            warn(f"heading {reg['id']} {t.span(reg['id'])['text']!r} lies in no item without a heading; ignored")
            continue
        holder["heading"] = t.span(reg["id"])
    for e in entries:
        if e["heading"] is None:
            raise ImportProblem(f"item {e['id']} at {e['start']}:{e['end']} has no Heading region inside it")
    targets = _targets(t, warn)
    builders: dict[str, tuple[str, Callable[[str], dict[str, Any]]]] = {
        COMMITMENT: ("commitments", lambda rid: _commitment(t, rid, targets, warn)),
        AGE: ("age_ranges", lambda rid: _age(t, rid, warn)),
        UNIT: ("responsible_units", lambda rid: _unit(t, rid, warn)),
    }
    for reg in _by_offset(t.labelled(*builders)):
        key, build = builders[reg["label"]]
        holder = _innermost(entries, reg["start"], reg["end"])
        if holder is None:
            warn(f"{reg['label']} {reg['id']} {t.span(reg['id'])['text']!r} lies in no item; ignored")
            continue
        try:
            holder[key].append(build(reg["id"]))
        except ValueError as exc:
            raise ImportProblem(f"{reg['label']} {reg['id']}: {exc}") from None
    meta = {slot: t.doc.get(slot) for slot in META_SLOTS}
    if meta["year"] is not None:
        meta["year"] = _number(meta["year"], "meta year")
    return {
        "schema": data.get("schema", SCHEMA_ID),
        "doc_id": data["doc_id"],
        "source": data["source"],
        "text": t.text,
        "meta": meta,
        "items": entries,
        "attachment_rows": [_row(t, reg["id"]) for reg in _by_offset(t.labelled(ROW))],
        "warnings": data.get("warnings") or [],
    }


def import_tasks(tasks: list[dict[str, Any]], warn: Callable[[str, str], None]) -> tuple[list[Record], list[str]]:
    """Validated records and one problem line per task that failed, labelled ``task <id> (<doc_id>)``."""
    records, problems = [], []
    for n, task in enumerate(tasks):
        label = f"task {task.get('id', n)} ({(task.get('data') or {}).get('doc_id', '?')})"
        try:
            data = task_to_record(task, lambda msg, label=label: warn(label, msg))
            records.append(Record.model_validate(data))
        except ImportProblem as exc:
            problems.append(f"{label}: {exc}")
        except ValidationError as exc:
            first = exc.errors()[0]
            loc = ".".join(str(x) for x in first["loc"]) or "record"
            problems.append(f"{label}: not a valid record: {loc}: {first['msg']}")
    return records, problems


def gold_json(record: Record) -> str:
    """A gold file: indent 2, Chinese unescaped, model field order, no rule ids."""
    data = record.to_json_dict()
    _drop_rules(data)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _drop_rules(obj: Any) -> None:
    if isinstance(obj, dict):
        obj.pop("rule", None)
        for v in obj.values():
            _drop_rules(v)
    elif isinstance(obj, list):
        for v in obj:
            _drop_rules(v)


# ---------------------------------------------------------------------------- commands


def export_main(args: Any) -> int:
    from .evaluate import InputError, load_records

    try:
        records = load_records(args.records)
    except InputError as exc:
        print(f"policy-extract labelstudio export: {exc}", file=sys.stderr)
        return 2
    tasks = [record_to_task(r) for r in records]
    try:
        Path(args.output).write_text(json.dumps(tasks, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        if getattr(args, "config_path", None):
            Path(args.config_path).write_text(labelling_config(), encoding="utf-8")
    except OSError as exc:
        print(f"policy-extract labelstudio export: cannot write: {exc}", file=sys.stderr)
        return 2
    print(f"{len(tasks)} task(s) written to {args.output}", file=sys.stderr)
    return 0


_JSON_MIN_KEYS = frozenset({"annotator", "annotation_id", "lead_time"})


def is_json_min(tasks: list[dict[str, Any]]) -> bool:
    """JSON_MIN flattens each task: data fields and labels at the top, no ``data``, no ``annotations``."""
    if not tasks or any("data" in t or "annotations" in t or "predictions" in t for t in tasks):
        return False
    return any(_JSON_MIN_KEYS & t.keys() or ("text" in t and "doc_id" in t) for t in tasks)


def import_main(args: Any) -> int:
    """Write ``<doc_id>.json`` per task; exit 1 when a task could not be imported."""
    path = Path(args.export)
    try:
        tasks = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        print(f"policy-extract labelstudio import: {path}: cannot read: {exc}", file=sys.stderr)
        return 2
    except json.JSONDecodeError as exc:
        print(
            f"policy-extract labelstudio import: {path}: not valid JSON: line {exc.lineno}: {exc.msg} "
            "(export the project as JSON)",
            file=sys.stderr,
        )
        return 2
    if isinstance(tasks, dict):
        tasks = [tasks]
    if not isinstance(tasks, list) or not all(isinstance(t, dict) for t in tasks):
        print(f"policy-extract labelstudio import: {path}: expected Label Studio's JSON export (a list of tasks)", file=sys.stderr)
        return 2
    if is_json_min(tasks):
        print(
            f"policy-extract labelstudio import: {path}: this is Label Studio's JSON_MIN export, which drops the "
            "region ids, relations and per-region values the import needs: export as JSON, not JSON_MIN",
            file=sys.stderr,
        )
        return 2

    def warn(label: str, msg: str) -> None:
        print(f"{path}: {label}: {msg}", file=sys.stderr)

    records, problems = import_tasks(tasks, warn)
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    for record in records:
        (out / f"{record.doc_id}.json").write_text(gold_json(record), encoding="utf-8")
    for line in problems:
        print(f"{path}: {line}", file=sys.stderr)
    print(f"{len(records)} gold record(s) written to {out}", file=sys.stderr)
    return 1 if problems else 0
