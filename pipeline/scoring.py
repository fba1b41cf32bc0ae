"""Scoring predicted records against gold, exactly as docs/contract.md ("Scoring") defines it.

Everything here is a pure function over record dicts (pydantic records are dumped first), so
the figures can be recomputed independently and the same scorer compares two gold sets for
inter-annotator agreement.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

FIELDS = (
    "items",
    "commitments",
    "commitments_strict",
    "age_ranges",
    "age_ranges_strict",
    "responsible_units",
    "meta",
    "attachment_rows",
)
META_SLOTS = ("title", "doc_number", "issuer", "date", "year")
# Fields whose misses and false hits are listed; the strict variants repeat the same objects.
ERROR_FIELDS = ("items", "commitments", "age_ranges", "responsible_units", "meta", "attachment_rows")
CONTEXT = 15
BOOTSTRAP_RESAMPLES = 1000
BOOTSTRAP_SEED = 0

Obj = dict[str, Any]
_WS = re.compile(r"\s+")


# ---------------------------------------------------------------------------- figures


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def figures(self) -> dict[str, Any]:
        p, r, f = prf(self.tp, self.fp, self.fn)
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": p, "recall": r, "f1": f}


def ratio(num: int, den: int, *, empty: float) -> float:
    return num / den if den else empty


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall, F1; with nothing on either side every figure is 1.0, else a 0 denominator gives 0.0."""
    empty = 1.0 if tp == fp == fn == 0 else 0.0
    p = ratio(tp, tp + fp, empty=empty)
    r = ratio(tp, tp + fn, empty=empty)
    f = 2 * p * r / (p + r) if p + r else empty
    return p, r, f


def percentile(sorted_values: list[float], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default), so results are reproducible without numpy."""
    if not sorted_values:
        return 1.0
    pos = (len(sorted_values) - 1) * q / 100.0
    lo = int(pos)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


def bootstrap_ci(
    per_notice: list[Counts], *, resamples: int = BOOTSTRAP_RESAMPLES, seed: int = BOOTSTRAP_SEED
) -> tuple[float, float]:
    """95% interval of micro F1 over notices resampled with replacement."""
    if not per_notice:
        f = prf(0, 0, 0)[2]
        return f, f
    rng = random.Random(seed)
    n = len(per_notice)
    values = []
    for _ in range(resamples):
        tp = fp = fn = 0
        for _ in range(n):
            c = per_notice[rng.randrange(n)]
            tp, fp, fn = tp + c.tp, fp + c.fp, fn + c.fn
        values.append(prf(tp, fp, fn)[2])
    values.sort()
    return percentile(values, 2.5), percentile(values, 97.5)


# ---------------------------------------------------------------------------- comparisons


def squash(value: Any) -> str | None:
    """Strings are compared with whitespace removed; numbers (the year) as their text."""
    if value is None:
        return None
    return _WS.sub("", str(value))


def same_number(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if a == b:
        return True
    return abs(a - b) < 1e-9 * max(abs(a), abs(b))


def overlaps(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def overlap_len(a: Mapping[str, Any], b: Mapping[str, Any]) -> int:
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def same_span(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    return a["start"] == b["start"] and a["end"] == b["end"]


def _item_span(o: Obj) -> Obj:
    """Items are matched, and borderline items removed, by their headings."""
    return o["heading"]


def _own_span(o: Obj) -> Obj:
    return o


def _commitment_ok(p: Obj, g: Obj) -> bool:
    return overlaps(p, g) and same_number(p["value"], g["value"]) and p["unit"] == g["unit"]


def _commitment_strict_ok(p: Obj, g: Obj) -> bool:
    return same_span(p, g) and same_number(p["value"], g["value"]) and p["unit"] == g["unit"]


def _age_values(p: Obj, g: Obj) -> bool:
    return same_number(p["min"], g["min"]) and same_number(p["max"], g["max"]) and p["unit"] == g["unit"]


def _age_ok(p: Obj, g: Obj) -> bool:
    return overlaps(p, g) and _age_values(p, g)


def _age_strict_ok(p: Obj, g: Obj) -> bool:
    return same_span(p, g) and _age_values(p, g)


def _unit_ok(p: Obj, g: Obj) -> bool:
    return overlaps(p, g) and squash(p["name"]) == squash(g["name"])


def _item_ok(p: Obj, g: Obj) -> bool:
    return overlaps(p["heading"], g["heading"]) and p["level"] == g["level"]


def _row_ok(p: Obj, g: Obj) -> bool:
    return (
        p["number"] == g["number"]
        and squash(p["name"]) == squash(g["name"])
        and sorted(squash(u) or "" for u in p.get("units") or [])
        == sorted(squash(u) or "" for u in g.get("units") or [])
    )


@dataclass(frozen=True)
class FieldSpec:
    name: str
    collect: str  # which list of the record: items, commitments, age_ranges, responsible_units, attachment_rows
    span: Callable[[Obj], Obj]
    ok: Callable[[Obj, Obj], bool]


SPECS: dict[str, FieldSpec] = {
    s.name: s
    for s in (
        FieldSpec("items", "items", _item_span, _item_ok),
        FieldSpec("commitments", "commitments", _own_span, _commitment_ok),
        FieldSpec("commitments_strict", "commitments", _own_span, _commitment_strict_ok),
        FieldSpec("age_ranges", "age_ranges", _own_span, _age_ok),
        FieldSpec("age_ranges_strict", "age_ranges", _own_span, _age_strict_ok),
        FieldSpec("responsible_units", "responsible_units", _own_span, _unit_ok),
        FieldSpec("attachment_rows", "attachment_rows", _own_span, _row_ok),
    )
}


# ---------------------------------------------------------------------------- matching


def greedy_match(
    golds: list[Obj], preds: list[Obj], ok: Callable[[Obj, Obj], bool], span: Callable[[Obj], Obj] = _own_span
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """One-to-one matching: candidate pairs by largest overlap, ties by gold start, then prediction start.

    Returns the matched ``(gold index, prediction index)`` pairs, the unmatched gold indices and
    the unmatched prediction indices.
    """
    candidates = []
    for gi, g in enumerate(golds):
        gs = span(g)
        for pi, p in enumerate(preds):
            if ok(p, g):
                ps = span(p)
                candidates.append((-overlap_len(ps, gs), gs["start"], ps["start"], gi, pi))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, _, _, gi, pi in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    pairs.sort()
    return (
        pairs,
        [i for i in range(len(golds)) if i not in used_g],
        [i for i in range(len(preds)) if i not in used_p],
    )


def remove_borderline(golds: list[Obj], preds: list[Obj], span: Callable[[Obj], Obj]) -> tuple[list[Obj], list[Obj]]:
    """Borderline gold counts neither way: it goes, with every prediction overlapping it."""
    marked = [span(g) for g in golds if g.get("borderline")]
    if not marked:
        return golds, preds
    kept_g = [g for g in golds if not g.get("borderline")]
    kept_p = [p for p in preds if not any(overlaps(span(p), b) for b in marked)]
    return kept_g, kept_p


def collect(record: Mapping[str, Any], what: str) -> list[Obj]:
    """A field's objects over the whole notice, each tagged with the id of the entry that holds it."""
    if what == "attachment_rows":
        return [dict(r) for r in record.get("attachment_rows") or []]
    if what == "items":
        return [dict(i) for i in record.get("items") or []]
    out = []
    for item in record.get("items") or []:
        for o in item.get(what) or []:
            out.append({**o, "_item": item.get("id")})
    return out


@dataclass
class FieldResult:
    counts: Counts
    pairs: list[tuple[Obj, Obj]] = field(default_factory=list)  # (gold, prediction)
    misses: list[Obj] = field(default_factory=list)
    false_hits: list[Obj] = field(default_factory=list)


def score_field(name: str, gold: Mapping[str, Any], pred: Mapping[str, Any] | None) -> FieldResult:
    """One field of one notice; ``pred`` None means every gold object is missed."""
    if name == "meta":
        return score_meta(gold, pred)
    spec = SPECS[name]
    golds = collect(gold, spec.collect)
    preds = collect(pred, spec.collect) if pred is not None else []
    golds, preds = remove_borderline(golds, preds, spec.span)
    if name == "items":
        golds = [g for g in golds if g.get("kind") == "item"]
        preds = [p for p in preds if p.get("kind") == "item"]
    pairs, lone_g, lone_p = greedy_match(golds, preds, spec.ok, spec.span)
    return FieldResult(
        Counts(len(pairs), len(lone_p), len(lone_g)),
        [(golds[g], preds[p]) for g, p in pairs],
        [golds[i] for i in lone_g],
        [preds[i] for i in lone_p],
    )


def score_meta(gold: Mapping[str, Any], pred: Mapping[str, Any] | None) -> FieldResult:
    """Five slots: both set and equal is a hit; a wrong value is a false hit and a miss at once."""
    gm = gold.get("meta") or {}
    pm = (pred.get("meta") or {}) if pred is not None else {}
    result = FieldResult(Counts())
    for slot in META_SLOTS:
        g, p = squash(gm.get(slot)), squash(pm.get(slot))
        if g is not None and p is not None and g == p:
            result.counts.tp += 1
            result.pairs.append(({"slot": slot, "value": gm.get(slot)}, {"slot": slot, "value": pm.get(slot)}))
            continue
        if p is not None:
            result.counts.fp += 1
            result.false_hits.append({"slot": slot, "value": pm.get(slot), "gold": gm.get(slot)})
        if g is not None:
            result.counts.fn += 1
            result.misses.append({"slot": slot, "value": gm.get(slot), "predicted": pm.get(slot)})
    return result


# ---------------------------------------------------------------------------- notices and report


@dataclass
class NoticeScore:
    doc_id: str
    status: str  # ok | missing_prediction | text_mismatch
    fields: dict[str, FieldResult]
    gold_text: str
    pred_text: str | None


def as_dict(record: Any) -> dict[str, Any]:
    if hasattr(record, "model_dump"):
        return record.model_dump(by_alias=True, mode="json")
    return dict(record)


def score_notice(gold: Any, pred: Any | None) -> NoticeScore:
    g = as_dict(gold)
    p = as_dict(pred) if pred is not None else None
    status = "ok"
    if p is None:
        status = "missing_prediction"
    elif p.get("text") != g.get("text"):
        status = "text_mismatch"
    counted = p if status == "ok" else None
    fields = {name: score_field(name, g, counted) for name in FIELDS}
    return NoticeScore(g["doc_id"], status, fields, g.get("text") or "", p.get("text") if p else None)


@dataclass
class Report:
    notices: list[NoticeScore]
    missing_gold: list[str]
    totals: dict[str, Counts]
    ci95: dict[str, tuple[float, float]]
    accuracy: dict[str, dict[str, Any]]
    rules: dict[str, dict[str, Any]]

    @property
    def missing_predictions(self) -> list[str]:
        return [n.doc_id for n in self.notices if n.status == "missing_prediction"]

    @property
    def text_mismatch(self) -> list[str]:
        return [n.doc_id for n in self.notices if n.status == "text_mismatch"]


def _index(records: Iterable[Any]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for r in records:
        d = as_dict(r)
        out.setdefault(d["doc_id"], d)
    return out


def accuracy(notices: list[NoticeScore]) -> dict[str, dict[str, Any]]:
    """Comparator and target over matched commitments, role over matched units (the overlap variants)."""
    checks: dict[str, tuple[str, Callable[[Obj, Obj], bool]]] = {
        "comparator": ("commitments", lambda g, p: g.get("comparator") == p.get("comparator")),
        "target": ("commitments", _same_target),
        "role": ("responsible_units", lambda g, p: g.get("role") == p.get("role")),
    }
    out = {}
    for key, (fname, same) in checks.items():
        pairs = [pair for n in notices for pair in n.fields[fname].pairs]
        correct = sum(1 for g, p in pairs if same(g, p))
        out[key] = {"correct": correct, "total": len(pairs), "accuracy": ratio(correct, len(pairs), empty=1.0)}
    return out


def _same_target(g: Obj, p: Obj) -> bool:
    gt, pt = g.get("target"), p.get("target")
    if gt is None or pt is None:
        return gt is None and pt is None
    return squash(gt.get("text")) == squash(pt.get("text"))


def rule_precision(notices: list[NoticeScore]) -> dict[str, dict[str, Any]]:
    """Per rule id: its predictions that matched and that did not, over the overlap variants."""
    table: dict[str, dict[str, Any]] = {}
    for n in notices:
        for fname in ("items", "commitments", "age_ranges", "responsible_units", "attachment_rows"):
            res = n.fields[fname]
            hits = [(p, True) for _, p in res.pairs] + [(p, False) for p in res.false_hits]
            for p, hit in hits:
                rule = p.get("rule")
                if not rule:
                    continue
                row = table.setdefault(rule, {"field": fname, "tp": 0, "fp": 0})
                row["tp" if hit else "fp"] += 1
    for row in table.values():
        row["precision"] = ratio(row["tp"], row["tp"] + row["fp"], empty=1.0)
    return dict(sorted(table.items(), key=lambda kv: (kv[1]["precision"], kv[0])))


def score(gold_records: Iterable[Any], predicted_records: Iterable[Any]) -> Report:
    """Score every gold notice; predictions without gold are listed and otherwise ignored."""
    golds = _index(gold_records)
    preds = _index(predicted_records)
    notices = [score_notice(golds[d], preds.get(d)) for d in sorted(golds)]
    totals = {f: Counts() for f in FIELDS}
    for n in notices:
        for f in FIELDS:
            totals[f].add(n.fields[f].counts)
    ci = {f: bootstrap_ci([n.fields[f].counts for n in notices]) for f in FIELDS}
    return Report(
        notices=notices,
        missing_gold=sorted(d for d in preds if d not in golds),
        totals=totals,
        ci95=ci,
        accuracy=accuracy(notices),
        rules=rule_precision(notices),
    )


# ---------------------------------------------------------------------------- errors and JSON


def context(text: str, start: int, end: int, width: int = CONTEXT) -> tuple[str, str, str]:
    """The span with ``width`` characters either side (code points, so 𠀾 counts once)."""
    return text[max(0, start - width) : start], text[start:end], text[end : end + width]


MISSING = "—"


def shown(value: Any) -> str:
    """A value as reports show it: ``—`` where there is none (no target, an open age bound)."""
    return MISSING if value is None or value == "" else str(value)


def _describe(fname: str, o: Obj) -> str:
    g = o.get
    if fname == "items":
        return f"level {g('level')} {g('number') or ''}".strip()
    if fname == "commitments":
        target = (g("target") or {}).get("text")
        return f"value={shown(g('value'))} unit={shown(g('unit'))} {shown(g('comparator'))} target={shown(target)}"
    if fname == "age_ranges":
        return f"min={shown(g('min'))} max={shown(g('max'))} unit={shown(g('unit'))}"
    if fname == "responsible_units":
        return f"name={shown(g('name'))} role={shown(g('role'))}"
    if fname == "attachment_rows":
        return f"number={shown(g('number'))} name={shown(g('name'))} units={shown('、'.join(g('units') or []))}"
    return ""


def error_entry(doc_id: str, fname: str, kind: str, o: Obj, text: str) -> dict[str, Any]:
    if fname == "meta":
        other = o.get("gold") if kind == "false_hit" else o.get("predicted")
        return {
            "notice": doc_id,
            "field": "meta",
            "kind": kind,
            "item": None,
            "slot": o["slot"],
            "value": o["value"],
            "other": other,
        }
    span = o["heading"] if fname == "items" else o
    left, mid, right = context(text, span["start"], span["end"])
    item = o.get("id") if fname == "items" else o.get("_item")
    return {
        "notice": doc_id,
        "field": fname,
        "kind": kind,
        "item": item,
        "start": span["start"],
        "end": span["end"],
        "text": mid,
        "left": left,
        "right": right,
        "detail": _describe(fname, o),
        "rule": o.get("rule"),
    }


def errors(report: Report) -> list[dict[str, Any]]:
    """Every miss and every false hit, in notice order, with context from the side it comes from."""
    out = []
    for n in report.notices:
        for fname in ERROR_FIELDS:
            res = n.fields[fname]
            for g in res.misses:
                out.append({**error_entry(n.doc_id, fname, "miss", g, n.gold_text), "notice_status": n.status})
            for p in res.false_hits:
                out.append({**error_entry(n.doc_id, fname, "false_hit", p, n.gold_text), "notice_status": n.status})
    return out


def attribute_errors(report: Report) -> list[dict[str, Any]]:
    """Matched pairs whose comparator, target or role differ: found, but described wrongly."""
    out = []
    for n in report.notices:
        for g, p in n.fields["commitments"].pairs:
            for key, same in (("comparator", g.get("comparator") == p.get("comparator")), ("target", _same_target(g, p))):
                if not same:
                    entry = error_entry(n.doc_id, "commitments", f"wrong_{key}", p, n.gold_text)
                    entry["detail"] = f"gold {key}={shown(_attr(g, key))} predicted {key}={shown(_attr(p, key))}"
                    out.append(entry)
        for g, p in n.fields["responsible_units"].pairs:
            if g.get("role") != p.get("role"):
                entry = error_entry(n.doc_id, "responsible_units", "wrong_role", p, n.gold_text)
                entry["detail"] = f"gold role={shown(g.get('role'))} predicted role={shown(p.get('role'))}"
                out.append(entry)
    return out


def _attr(o: Obj, key: str) -> Any:
    if key == "target":
        return (o.get("target") or {}).get("text")
    return o.get(key)


def report_to_json(report: Report, *, with_errors: bool = True) -> dict[str, Any]:
    """The contract's JSON report: one entry per field, accuracy, notices; then rules and errors."""
    out: dict[str, Any] = {}
    for f in FIELDS:
        entry = report.totals[f].figures()
        entry["ci95"] = list(report.ci95[f])
        out[f] = entry
    out["accuracy"] = {k: v["accuracy"] for k, v in report.accuracy.items()}
    out["accuracy_counts"] = {k: {"correct": v["correct"], "total": v["total"]} for k, v in report.accuracy.items()}
    out["notices"] = {
        "scored": len(report.notices),
        "per_notice": {
            n.doc_id: {"status": n.status, **{f: n.fields[f].counts.figures() for f in FIELDS}} for n in report.notices
        },
        "missing_predictions": report.missing_predictions,
        "missing_gold": report.missing_gold,
        "text_mismatch": report.text_mismatch,
    }
    out["rules"] = report.rules
    if with_errors:
        out["errors"] = errors(report)
        out["attribute_errors"] = attribute_errors(report)
    return out
