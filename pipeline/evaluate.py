"""``policy-extract evaluate``: score predictions against gold and show where they differ.

The second argument may be a second gold folder, which makes the same figures an
inter-annotator agreement.
"""

from __future__ import annotations

import html
import json
import sys
import tomllib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .record import Record
from .scoring import FIELDS, MISSING, Report, attribute_errors, errors, report_to_json, score, shown

EXIT_OK, EXIT_BELOW_FLOOR, EXIT_BAD_INPUT = 0, 1, 2


class InputError(Exception):
    """Unreadable or invalid input: the message names the file (and line) and the reason."""


# ---------------------------------------------------------------------------- loading


def _validate(data: Any, where: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise InputError(f"{where}: expected a JSON object (one record), found {type(data).__name__}")
    try:
        return Record.model_validate(data).to_json_dict()
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(x) for x in first["loc"]) or "record"
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise InputError(f"{where}: not a valid record: {loc}: {first['msg']}{more}") from None


def _read_json_file(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read: {exc}") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON: line {exc.lineno} column {exc.colno}: {exc.msg}") from None


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    from . import jsonl

    try:
        return [_validate(data, f"{path}:{n}") for n, data in jsonl.read(path)]
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc}") from None
    except jsonl.InvalidLine as exc:
        raise InputError(str(exc)) from None


def load_records(path: str | Path) -> list[dict[str, Any]]:
    """A gold folder (``<doc_id>.json`` files), a JSONL of records, or one record's JSON file."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file or folder")
    if p.is_dir():
        files = sorted(p.glob("*.json"))
        if not files:
            raise InputError(f"{p}: no <doc_id>.json gold files in this folder")
        return [_validate(_read_json_file(f), str(f)) for f in files]
    if p.suffix == ".json":
        return [_validate(_read_json_file(p), str(p))]
    return load_jsonl(p)


def carries_rules(records: list[dict[str, Any]]) -> bool:
    """Predictions name the rule behind every object; gold never does."""
    for r in records:
        for item in r.get("items") or []:
            objects = [item, *(o for key in ("commitments", "age_ranges", "responsible_units") for o in item.get(key) or [])]
            if any(o.get("rule") for o in objects):
                return True
        if any(row.get("rule") for row in r.get("attachment_rows") or []):
            return True
    return False


def swapped(gold: list[dict[str, Any]], preds: list[dict[str, Any]]) -> bool:
    """True when the gold side carries rule ids and the prediction side none: the arguments were swapped."""
    return carries_rules(gold) and not carries_rules(preds)


def duplicates(records: list[dict[str, Any]]) -> list[str]:
    seen: set[str] = set()
    dup = []
    for r in records:
        if r["doc_id"] in seen:
            dup.append(r["doc_id"])
        seen.add(r["doc_id"])
    return dup


# ---------------------------------------------------------------------------- floors


def load_floors(path: str | Path) -> dict[str, float]:
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{p}: cannot read: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{p}: not valid TOML: {exc}") from None
    floors = data.get("floors")
    if not isinstance(floors, dict):
        raise InputError(f"{p}: needs a [floors] table of field = minimum F1")
    out = {}
    for name, value in floors.items():
        if name not in FIELDS:
            raise InputError(f"{p}: unknown field {name!r} in [floors] (known: {', '.join(FIELDS)})")
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            raise InputError(f"{p}: floor for {name} must be a number between 0 and 1, not {value!r}")
        out[name] = float(value)
    return out


def below_floors(report_json: dict[str, Any], floors: dict[str, float]) -> list[str]:
    return [
        f"{name}: F1 {report_json[name]['f1']:.4f} is below the floor {floor:.4f}"
        for name, floor in floors.items()
        if report_json[name]["f1"] < floor
    ]


# ---------------------------------------------------------------------------- terminal


def table(report_json: dict[str, Any]) -> str:
    head = f"{'field':<20}{'tp':>6}{'fp':>6}{'fn':>6}{'precision':>11}{'recall':>8}{'F1':>8}   95% CI"
    lines = [head, "-" * len(head)]
    for f in FIELDS:
        e = report_json[f]
        lo, hi = e["ci95"]
        lines.append(
            f"{f:<20}{e['tp']:>6}{e['fp']:>6}{e['fn']:>6}{e['precision']:>11.3f}{e['recall']:>8.3f}"
            f"{e['f1']:>8.3f}   [{lo:.3f}, {hi:.3f}]"
        )
    lines.append("")
    counts = report_json["accuracy_counts"]
    acc = ", ".join(
        f"{k} {v:.3f} ({counts[k]['correct']}/{counts[k]['total']})" for k, v in report_json["accuracy"].items()
    )
    lines.append(f"accuracy over matched pairs: {acc}")
    notices = report_json["notices"]
    lines.append(f"notices scored: {notices['scored']}")
    for key, label in (
        ("missing_predictions", "gold without prediction (all gold counted as misses)"),
        ("text_mismatch", "prediction text differs from gold (all gold counted as misses)"),
        ("missing_gold", "prediction without gold (ignored)"),
    ):
        if notices[key]:
            lines.append(f"{label}: {', '.join(notices[key])}")
    lines.extend(_per_notice_lines(notices["per_notice"]))
    if report_json["rules"]:
        lines.append("")
        lines.append(f"{'rule':<36}{'field':<20}{'tp':>6}{'fp':>6}{'precision':>11}")
        for rule, row in report_json["rules"].items():
            lines.append(f"{rule:<36}{row['field']:<20}{row['tp']:>6}{row['fp']:>6}{row['precision']:>11.3f}")
    return "\n".join(lines)


_SHORT = {
    "items": "items",
    "commitments": "commit",
    "commitments_strict": "c.strict",
    "age_ranges": "ages",
    "age_ranges_strict": "a.strict",
    "responsible_units": "units",
    "meta": "meta",
    "attachment_rows": "rows",
}


def _per_notice_lines(per_notice: dict[str, Any]) -> list[str]:
    """F1 per notice and field, so one bad notice stands out from the micro average."""
    if not per_notice:
        return []
    width = max(len("notice"), *(len(d) for d in per_notice)) + 2
    lines = ["", "F1 per notice:", f"{'notice':<{width}}" + "".join(f"{_SHORT[f]:>10}" for f in FIELDS)]
    for doc_id, row in per_notice.items():
        status = "" if row["status"] == "ok" else f"  ({row['status'].replace('_', ' ')})"
        lines.append(f"{doc_id:<{width}}" + "".join(f"{row[f]['f1']:>10.3f}" for f in FIELDS) + status)
    return lines


def _repr(value: Any) -> str:
    return MISSING if value is None else repr(value)


def _one_line(s: str) -> str:
    return s.replace("\n", "⏎")


def error_lines(errs: list[dict[str, Any]]) -> list[str]:
    out = []
    for e in errs:
        if e.get("notice_status", "ok") != "ok":
            e = {**e, "kind": f"{e['kind']} ({e['notice_status'].replace('_', ' ')})"}
        if e["field"] == "meta":
            out.append(
                f"{e['notice']}  meta.{e['slot']}  {e['kind']}: {_repr(e['value'])} (other side: {_repr(e['other'])})"
            )
            continue
        where = f"item {e['item']}" if e.get("item") else "-"
        ctx = f"{_one_line(e['left'])}[{_one_line(e['text'])}]{_one_line(e['right'])}"
        rule = f"  rule={e['rule']}" if e.get("rule") else ""
        out.append(
            f"{e['notice']}  {e['field']}  {e['kind']}  {where}  {e['start']}:{e['end']}  {ctx}  {e['detail']}{rule}"
        )
    return out


# ---------------------------------------------------------------------------- html

_CSS = """
body{font-family:system-ui,sans-serif;margin:2em;color:#222}
.box{max-width:100%;overflow-x:auto;margin:1em 0}
table{border-collapse:collapse}
td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}
td.l,th.l{text-align:left}
th{font-size:.9em}
td.ctx{min-width:16em;white-space:pre-wrap;overflow-wrap:anywhere}
td.detail{overflow-wrap:anywhere}
mark{background:#ffd54f}
.miss{color:#b00020}.false_hit{color:#1565c0}
.low{background:#fde0e0}
"""


def _e(value: Any) -> str:
    return html.escape(str(value))


def render_html(report_json: dict[str, Any], gold_path: str, pred_path: str) -> str:
    """One page with inline CSS: figures, accuracy, notices, rules and every error with context."""
    parts = [
        "<!DOCTYPE html><html lang='zh'><head><meta charset='utf-8'>",
        f"<title>policy-extract evaluation</title><style>{_CSS}</style></head><body>",
        "<h1>policy-extract evaluation</h1>",
        f"<p>gold: <code>{_e(gold_path)}</code> · predictions: <code>{_e(pred_path)}</code></p>",
        "<h2>Fields</h2><table><tr><th class='l'>field</th><th>tp</th><th>fp</th><th>fn</th>"
        "<th>precision</th><th>recall</th><th>F1</th><th>95% CI</th></tr>",
    ]
    for f in FIELDS:
        e = report_json[f]
        lo, hi = e["ci95"]
        parts.append(
            f"<tr><td class='l'>{f}</td><td>{e['tp']}</td><td>{e['fp']}</td><td>{e['fn']}</td>"
            f"<td>{e['precision']:.3f}</td><td>{e['recall']:.3f}</td><td>{e['f1']:.3f}</td>"
            f"<td>[{lo:.3f}, {hi:.3f}]</td></tr>"
        )
    parts.append("</table><h2>Accuracy over matched pairs</h2><table>")
    for k, v in report_json["accuracy"].items():
        c = report_json["accuracy_counts"][k]
        parts.append(f"<tr><td class='l'>{k}</td><td>{v:.3f}</td><td>{c['correct']}/{c['total']}</td></tr>")
    parts.append("</table>")
    parts.append(_notices_html(report_json["notices"]))
    if report_json["rules"]:
        parts.append("<h2>Precision per rule</h2><table><tr><th class='l'>rule</th><th class='l'>field</th>")
        parts.append("<th>tp</th><th>fp</th><th>precision</th></tr>")
        for rule, row in report_json["rules"].items():
            parts.append(
                f"<tr><td class='l'>{_e(rule)}</td><td class='l'>{row['field']}</td><td>{row['tp']}</td>"
                f"<td>{row['fp']}</td><td>{row['precision']:.3f}</td></tr>"
            )
        parts.append("</table>")
    parts.append(_errors_html(report_json.get("errors", []) + report_json.get("attribute_errors", [])))
    parts.append("</body></html>\n")
    return "".join(parts)


def _notices_html(notices: dict[str, Any]) -> str:
    parts = ["<h2>Notices</h2>"]
    for key in ("missing_predictions", "text_mismatch", "missing_gold"):
        if notices[key]:
            parts.append(f"<p>{key.replace('_', ' ')}: {_e(', '.join(notices[key]))}</p>")
    legend = ", ".join(f"{_SHORT[f]} = {f}" for f in FIELDS if _SHORT[f] != f)
    parts.append(f"<p>F1 per notice and field ({_e(legend)}); below 0.9 in red.</p>")
    parts.append("<div class='box'><table><tr><th class='l'>notice</th><th class='l'>status</th>")
    parts.extend(f"<th title='{f} F1'>{_SHORT[f]}</th>" for f in FIELDS)
    parts.append("</tr>")
    for doc_id, row in notices["per_notice"].items():
        cells = "".join(
            f"<td class='{'low' if row[f]['f1'] < 0.9 else ''}'>{row[f]['f1']:.3f}</td>" for f in FIELDS
        )
        parts.append(f"<tr><td class='l'>{_e(doc_id)}</td><td class='l'>{row['status']}</td>{cells}</tr>")
    parts.append("</table></div>")
    return "".join(parts)


def _errors_html(errs: list[dict[str, Any]]) -> str:
    parts = [f"<h2>Errors ({len(errs)})</h2><div class='box'><table><tr><th class='l'>notice</th><th class='l'>field</th>"]
    parts.append("<th class='l'>kind</th><th class='l'>item</th><th class='l'>context</th><th class='l'>detail</th></tr>")
    for e in errs:
        status = e.get("notice_status", "ok")
        kind = e["kind"] if status == "ok" else f"{e['kind']} ({status.replace('_', ' ')})"
        if e["field"] == "meta":
            ctx = f"{_e(e['slot'])}: {_e(shown(e['value']))}"
            detail = f"other side: {_e(shown(e['other']))}"
        else:
            ctx = f"{_e(e['left'])}<mark>{_e(e['text'])}</mark>{_e(e['right'])}"
            rule = f" · rule {_e(e['rule'])}" if e.get("rule") else ""
            detail = f"{e['start']}:{e['end']} {_e(e['detail'])}{rule}"
        parts.append(
            f"<tr class='{_e(e['kind'])}'><td class='l'>{_e(e['notice'])}</td><td class='l'>{e['field']}</td>"
            f"<td class='l'>{_e(kind)}</td><td class='l'>{_e(e.get('item') or '')}</td>"
            f"<td class='l ctx'>{ctx}</td><td class='l detail'>{detail}</td></tr>"
        )
    parts.append("</table></div>")
    return "".join(parts)


# ---------------------------------------------------------------------------- command


def run(gold_path: str, pred_path: str) -> tuple[Report, list[str], tuple[str, str]]:
    """Score; arguments given the wrong way round are swapped back, with a note saying so."""
    gold = load_records(gold_path)
    preds = load_records(pred_path)
    notes = []
    if swapped(gold, preds):
        notes.append(
            f"{gold_path} holds predictions (its objects carry rule ids) and {pred_path} does not: "
            f"the arguments look swapped, so {pred_path} is scored as gold (write GOLD first, then PREDICTIONS)"
        )
        gold, preds = preds, gold
        gold_path, pred_path = pred_path, gold_path
    notes += [f"{gold_path}: notice {d} appears more than once; the first is scored" for d in duplicates(gold)]
    notes += [f"{pred_path}: notice {d} appears more than once; the first is scored" for d in duplicates(preds)]
    return score(gold, preds), notes, (gold_path, pred_path)


def main(args: Any) -> int:
    """Exit 0 when scored, 1 when a field falls below its floor, 2 on unreadable input."""
    try:
        floors = load_floors(args.floors) if getattr(args, "floors", None) else {}
        report, notes, (gold_path, pred_path) = run(args.gold, args.predictions)
    except InputError as exc:
        print(f"policy-extract evaluate: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    for note in notes:
        print(f"policy-extract evaluate: {note}", file=sys.stderr)
    data = report_to_json(report)
    print(table(data))
    if getattr(args, "errors", False):
        errs = errors(report) + attribute_errors(report)
        print(f"\nerrors ({len(errs)}):")
        for line in error_lines(errs):
            print(line)
    try:
        if getattr(args, "json_path", None):
            Path(args.json_path).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        if getattr(args, "html_path", None):
            Path(args.html_path).write_text(render_html(data, gold_path, pred_path), encoding="utf-8")
    except OSError as exc:
        print(f"policy-extract evaluate: cannot write report: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    failed = below_floors(data, floors)
    for line in failed:
        print(f"policy-extract evaluate: {line}", file=sys.stderr)
    return EXIT_BELOW_FLOOR if failed else EXIT_OK
