"""``policy-extract gold check``: find the mistakes annotators make before they cost a score.

Values are re-read from the span text by a small reader of its own, independent of the
extractor, so that a gold file and the extractor cannot agree on the same mistake.
"""

from __future__ import annotations

import datetime
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .normalise import compact, halfwidth_digits
from .record import Record

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}
_CN_CHARS = "".join(_CN_DIGITS) + "".join(_CN_SMALL) + "".join(_CN_BIG)
_ARABIC = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_CN_RUN = re.compile(f"[{_CN_CHARS}]+")
_CN_DECIMAL = re.compile(f"点([{''.join(_CN_DIGITS)}]+)")
_SUFFIXES = ("及以上", "以上", "以下", "以内", "左右", "余", "多")
_AGE_UNITS = {"岁": "year", "周岁": "year", "月": "month", "月龄": "month", "个月": "month"}
_AGE = re.compile(
    rf"(?P<a>\d+(?:\.\d+)?|[{_CN_CHARS}]+)(?P<u1>周岁|岁|个月|月龄|月)?"
    rf"(?:-(?P<b>\d+(?:\.\d+)?|[{_CN_CHARS}]+))?(?P<u>周岁|岁|个月|月龄|月)(?P<open>及以上|以上|以下|以内|内)?"
)
_RANGE = re.compile(r"[—–－~～\-至到]+[\d零〇一二两三四五六七八九十]")
_DASHES = re.compile(r"[—–－~～\-]+|至|到")


# ---------------------------------------------------------------------------- numbers


def chinese_number(s: str) -> float:
    """Read a Chinese numeral (三千五百, 十八, 一万, 两千, 一亿二千万, 二〇二三); ValueError otherwise."""
    if not s or any(c not in _CN_CHARS for c in s):
        raise ValueError(f"{s!r} is not a Chinese numeral")
    for big in ("亿", "万"):
        mult = _CN_BIG[big]
        if big in s:
            left, right = s.split(big, 1)
            return (chinese_number(left) if left else 1) * mult + (chinese_number(right) if right else 0)
    if all(c in _CN_DIGITS for c in s):
        return int("".join(str(_CN_DIGITS[c]) for c in s))
    total = 0
    digit: int | None = None
    for c in s:
        if c in _CN_DIGITS:
            digit = _CN_DIGITS[c]
        else:
            total += (1 if digit is None else digit) * _CN_SMALL[c]
            digit = None
    return total + (digit or 0)


def as_number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def read_quantity(span_text: str) -> tuple[float, str]:
    """Value and unit of a commitment span (``3.3万人次以上`` → 33000, ``人次``), as docs/annotation.md writes them."""
    s = halfwidth_digits(compact(span_text))
    percent = s.startswith("百分之")
    if percent:
        s = s[3:]
    m = _ARABIC.match(s)
    if m:
        value = float(m.group().replace(",", ""))
        rest = s[m.end() :]
        while rest and rest[0] in {**_CN_SMALL, **_CN_BIG}:
            value *= {**_CN_SMALL, **_CN_BIG}[rest[0]]
            rest = rest[1:]
    else:
        m = _CN_RUN.match(s)
        if not m:
            raise ValueError(f"no number at the start of {span_text!r}")
        value = chinese_number(m.group())
        rest = s[m.end() :]
        decimals = _CN_DECIMAL.match(rest)
        if decimals:  # 三点五个 → 3.5
            value += float("0." + "".join(str(_CN_DIGITS[c]) for c in decimals.group(1)))
            rest = rest[decimals.end() :]
            if rest[:1] in _CN_BIG:  # 一点五万人 → 15000
                value *= _CN_BIG[rest[0]]
                rest = rest[1:]
    if _RANGE.match(rest):
        raise ValueError(f"{span_text!r} is a range of quantities, which has no single value (mark it borderline)")
    rest = _strip_suffixes(rest.lstrip("余多") if rest[:1] in {"余", "多"} else rest)
    if percent:
        if rest and rest not in _SUFFIXES:
            raise ValueError(f"{span_text!r}: unexpected {rest!r} after 百分之…")
        rest = "%"
    if not rest:
        raise ValueError(f"no unit after the number in {span_text!r}")
    return value, rest


def _strip_suffixes(rest: str) -> str:
    for suffix in _SUFFIXES:
        if rest.endswith(suffix) and len(rest) > len(suffix):
            return rest[: -len(suffix)]
    return rest


def _num(s: str) -> float:
    return float(s) if s[0].isdigit() else chinese_number(s)


def read_age(span_text: str) -> tuple[float | None, float | None, str]:
    """``35—64岁`` → (35, 64, year); ``3岁以下`` → (None, 3, year); ``60周岁及以上`` → (60, None, year)."""
    s = _DASHES.sub("-", halfwidth_digits(compact(span_text)))
    m = _AGE.fullmatch(s)
    if not m:
        raise ValueError(f"cannot read an age from {span_text!r}")
    a = _num(m["a"])
    unit = _AGE_UNITS[m["u"]]
    if m["b"]:
        return a, _num(m["b"]), unit
    if m["open"] in ("以下", "以内", "内"):
        return None, a, unit
    if m["open"] in ("以上", "及以上"):
        return a, None, unit
    return a, a, unit


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a == b or abs(a - b) < 1e-9 * max(abs(a), abs(b))


# ---------------------------------------------------------------------------- checks


def schema_problems(data: Any) -> list[str]:
    """Pydantic's complaints, one per line; the offset check is reported by :func:`offset_problems`."""
    if not isinstance(data, dict):
        return [f"expected one JSON object (a record), found {type(data).__name__}"]
    try:
        Record.model_validate(data)
    except ValidationError as exc:
        out = []
        for e in exc.errors():
            if not e["loc"] and e["type"] == "value_error":
                continue  # spans that do not reproduce their text: listed one by one below
            loc = ".".join(str(x) for x in e["loc"]) or "record"
            out.append(f"{loc}: {e['msg']}")
        return out
    return []


def _spans(record: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any], dict[str, Any]]]:
    """(where, span, item) for every span-bearing object, targets included."""
    for item in record.get("items", []):
        where = f"item {item['id']}"
        yield f"{where} heading", item["heading"], item
        for i, c in enumerate(item.get("commitments", [])):
            yield f"{where} commitment {i} {c['text']!r}", c, item
            if c.get("target"):
                yield f"{where} commitment {i} target", c["target"], item
        for i, a in enumerate(item.get("age_ranges", [])):
            yield f"{where} age range {i} {a['text']!r}", a, item
        for i, u in enumerate(item.get("responsible_units", [])):
            yield f"{where} unit {i} {u['text']!r}", u, item


def offset_problems(record: dict[str, Any]) -> Iterator[str]:
    text = record["text"]
    n = len(text)
    for where, span, item in _spans(record):
        got = text[span["start"] : span["end"]]
        if span["end"] > n:
            yield f"{where}: end {span['end']} is past the end of the text ({n})"
        elif got != span["text"]:
            yield f"{where}: text[{span['start']}:{span['end']}] is {got!r}, not {span['text']!r}"
        if not (item["start"] <= span["start"] and span["end"] <= item["end"]):
            yield f"{where}: span {span['start']}:{span['end']} is outside its item {item['start']}:{item['end']}"
        if got and (got[0].isspace() or got[-1].isspace()):
            yield f"{where}: span starts or ends with whitespace ({got!r})"
    for item in record.get("items", []):
        if not (0 <= item["start"] <= item["end"] <= n):
            yield f"item {item['id']}: span {item['start']}:{item['end']} is outside the text (length {n})"
    for i, row in enumerate(record.get("attachment_rows", [])):
        if not (0 <= row["start"] <= row["end"] <= n):
            yield f"attachment row {i}: span {row['start']}:{row['end']} is outside the text (length {n})"


def structure_problems(record: dict[str, Any]) -> Iterator[str]:
    """Ids as paths, children inside parents, objects in the innermost entry that holds them."""
    items = record.get("items", [])
    by_id: dict[str, dict[str, Any]] = {}
    for item in items:
        if item["id"] in by_id:
            yield f"item {item['id']}: id used twice"
        by_id[item["id"]] = item
    for item in items:
        iid = item["id"]
        expected_parent = iid.rsplit(".", 1)[0] if "." in iid else None
        if item["parent"] != expected_parent:
            yield f"item {iid}: parent is {item['parent']!r}, but its id makes it {expected_parent!r}"
        if item["level"] != iid.count(".") + 1:
            yield f"item {iid}: level is {item['level']}, but its id makes it {iid.count('.') + 1}"
        parent = by_id.get(item["parent"]) if item["parent"] else None
        if item["parent"] and parent is None:
            yield f"item {iid}: parent {item['parent']} does not exist"
        if parent is not None:
            if not (parent["start"] <= item["start"] and item["end"] <= parent["end"]):
                yield (
                    f"item {iid}: span {item['start']}:{item['end']} is outside its parent "
                    f"{parent['id']} {parent['start']}:{parent['end']}"
                )
            if parent["kind"] != "section":
                yield f"item {iid}: its parent {parent['id']} holds entries, so it should be a section"
    yield from _innermost_problems(items)


def _innermost_problems(items: list[dict[str, Any]]) -> Iterator[str]:
    for item in items:
        for key in ("commitments", "age_ranges", "responsible_units"):
            for o in item.get(key, []):
                inner = [
                    c
                    for c in items
                    if c["id"].startswith(item["id"] + ".") and c["start"] <= o["start"] and o["end"] <= c["end"]
                ]
                if inner:
                    deepest = max(inner, key=lambda c: c["id"].count("."))
                    yield (
                        f"item {item['id']} {key} {o['text']!r}: lies inside item {deepest['id']}, "
                        "which should hold it"
                    )


def value_problems(record: dict[str, Any]) -> Iterator[str]:
    """Values, units, ages and names re-read from the spans' text."""
    for item in record.get("items", []):
        where = f"item {item['id']}"
        yield from _duplicates(where, item)
        for c in item.get("commitments", []):
            yield from _commitment_problems(f"{where} commitment {c['text']!r}", c)
        for a in item.get("age_ranges", []):
            yield from _age_problems(f"{where} age range {a['text']!r}", a)
        for u in item.get("responsible_units", []):
            if u["name"] != compact(u["text"]):
                yield f"{where} unit {u['text']!r}: name is {u['name']!r}, the span compacted is {compact(u['text'])!r}"


def _duplicates(where: str, item: dict[str, Any]) -> Iterator[str]:
    for key in ("commitments", "age_ranges", "responsible_units"):
        seen: set[tuple[int, int]] = set()
        for o in item.get(key, []):
            span = (o["start"], o["end"])
            if span in seen:
                yield f"{where} {key}: span {span[0]}:{span[1]} {o['text']!r} is annotated twice"
            seen.add(span)


def _commitment_problems(where: str, c: dict[str, Any]) -> Iterator[str]:
    if c.get("borderline"):
        return  # counts neither way; a range such as 3-5所 has no single value to check
    try:
        value, unit = read_quantity(c["text"])
    except ValueError as exc:
        yield f"{where}: {exc}"
        return
    if not _same(value, c["value"]):
        yield f"{where}: value is {c['value']}, the text says {as_number(value)}"
    if unit != c["unit"]:
        yield f"{where}: unit is {c['unit']!r}, the text gives {unit!r}"


def _age_problems(where: str, a: dict[str, Any]) -> Iterator[str]:
    if a.get("borderline"):
        return  # counts neither way; 6月龄至3岁 mixes units the record cannot hold
    try:
        lo, hi, unit = read_age(a["text"])
    except ValueError as exc:
        yield f"{where}: {exc}"
        return
    if not (_same(lo, a["min"]) and _same(hi, a["max"])):
        yield (
            f"{where}: min/max are {a['min']}/{a['max']}, the text says "
            f"{None if lo is None else as_number(lo)}/{None if hi is None else as_number(hi)}"
        )
    if unit != a["unit"]:
        yield f"{where}: unit is {a['unit']!r}, the text gives {unit!r}"
    if lo is not None and hi is not None and lo > hi:
        yield f"{where}: min {lo} is above max {hi}"


def meta_problems(record: dict[str, Any]) -> Iterator[str]:
    meta = record.get("meta") or {}
    flat = compact(record["text"])
    for slot in ("title", "doc_number", "issuer"):
        value = meta.get(slot)
        if value and compact(value) not in flat:
            yield f"meta.{slot}: {value!r} does not occur in the text"
    if meta.get("date"):
        try:
            datetime.date.fromisoformat(meta["date"])
        except ValueError:
            yield f"meta.date: {meta['date']!r} is not a calendar date"
    year = meta.get("year")
    if year is not None and not 1949 <= year <= 2100:
        yield f"meta.year: {year} is not a plausible year"


def row_problems(record: dict[str, Any]) -> Iterator[str]:
    text = record["text"]
    for i, row in enumerate(record.get("attachment_rows", [])):
        where = f"attachment row {i} (number {row['number']})"
        body = text[row["start"] : row["end"]]
        if not halfwidth_digits(body).startswith(str(row["number"])):
            yield f"{where}: its span {row['start']}:{row['end']} does not start with its number ({body[:10]!r})"
        if row["name"] != compact(row["name"]):
            yield f"{where}: name {row['name']!r} keeps spaces or line breaks"
        if compact(row["name"]) not in compact(body):
            yield f"{where}: name {row['name']!r} does not occur in the row's span"


def rule_keys(data: Any, where: str = "record") -> Iterator[str]:
    """Gold carries no ``rule``: one left over means a prediction was pasted in unreviewed."""
    if isinstance(data, dict):
        if "rule" in data:
            yield f"{where}: gold has no 'rule' key (found {data['rule']!r})"
        for k, v in data.items():
            yield from rule_keys(v, f"{where}.{k}" if where != "record" else k)
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from rule_keys(v, f"{where}.{i}")


def check_record(data: Any, stem: str | None = None) -> list[str]:
    """Every problem of one gold record, one line each, without the file name.

    A record that breaks the schema is still checked for everything else: each check that
    trips over the broken shape is skipped, since the schema lines already say where it is.
    """
    problems = schema_problems(data)
    if not isinstance(data, dict):
        return problems
    broken = bool(problems)
    problems.extend(rule_keys(data))
    if stem is not None and data.get("doc_id") != stem:
        problems.append(f"doc_id is {data.get('doc_id')!r}, but the file is named {stem}.json")
    for check in (offset_problems, structure_problems, value_problems, meta_problems, row_problems):
        try:
            found = list(check(data))
        except (KeyError, TypeError, ValueError, AttributeError, IndexError):
            if not broken:
                raise
            continue
        problems.extend(p for p in found if p not in problems)
    return problems


def check_file(path: Path) -> list[str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        return [f"cannot read: {exc}"]
    except json.JSONDecodeError as exc:
        return [f"not valid JSON: line {exc.lineno} column {exc.colno}: {exc.msg}"]
    return check_record(data, path.stem)


def gold_files(paths: list[str]) -> tuple[list[Path], list[str]]:
    files: list[Path] = []
    missing = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(p.glob("*.json")))
        elif p.is_file():
            files.append(p)
        else:
            missing.append(f"{p}: no such file or folder")
    return files, missing


def main(args: Any) -> int:
    """One line per problem as ``file: where: what``; exit 1 when there is any, 2 when a path is missing."""
    files, missing = gold_files(args.paths)
    for line in missing:
        print(f"policy-extract gold check: {line}", file=sys.stderr)
    if not files:
        if not missing:
            print(f"policy-extract gold check: {', '.join(args.paths)}: no gold files (*.json) found", file=sys.stderr)
        return EXIT_USAGE
    count = 0
    for f in files:
        for problem in check_file(f):
            print(f"{f}: {problem}")
            count += 1
    print(f"{len(files)} gold file(s) checked, {count} problem(s)", file=sys.stderr)
    if missing:
        return EXIT_USAGE
    return EXIT_PROBLEMS if count else EXIT_OK
