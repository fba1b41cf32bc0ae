"""Gold check: every kind of problem is found, and a clean gold file passes."""

from __future__ import annotations

import argparse
import copy
import json

import pytest

from pipeline import goldcheck
from pipeline.goldcheck import check_record, chinese_number, read_age, read_quantity

SHA = "a" * 64
TEXT = (
    "关于2024年为全区妇女儿童办实事的通知\n博政办字〔2024〕12号\n"
    "一、民生类（2项）\n"
    "（一）实施教育工程。新改扩建幼儿园3.3万平方米，培训家政人员2000人次以上。（责任单位：区教育和体\n育局）\n"
    "（二）实施健康工程。为35—64岁妇女筛查，覆盖率达到百分之九十，3岁以下婴幼儿建档𠀾户1万余人。"
    "（责任单位：区卫健局）\n"
    "博山区人民政府办公室\n2024年3月1日\n"
    "附件\n1\t实施教育工程\t区教育和体育局\n"
)


def at(sub: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(sub, start + 1)
    return start, start + len(sub)


def span(sub: str) -> dict:
    s, e = at(sub)
    return {"text": sub, "start": s, "end": e}


def entry(iid, kind, heading, first, last, **lists):
    s, _ = at(first)
    _, e = at(last)
    return {
        "id": iid, "kind": kind, "level": iid.count(".") + 1,
        "parent": iid.rsplit(".", 1)[0] if "." in iid else None,
        "number": None, "heading": span(heading), "start": s, "end": e,
        "commitments": lists.get("commitments", []), "age_ranges": lists.get("age_ranges", []),
        "responsible_units": lists.get("responsible_units", []),
    }


def gold() -> dict:
    return {
        "schema": "policy-extract/record/1",
        "doc_id": "g1",
        "source": {"path": "corpus/g1.txt", "format": "txt", "encoding": "utf-8", "sha256": SHA},
        "text": TEXT,
        "meta": {"title": "关于2024年为全区妇女儿童办实事的通知", "doc_number": "博政办字〔2024〕12号",
                 "issuer": "博山区人民政府办公室", "date": "2024-03-01", "year": 2024},
        "items": [
            entry("1", "section", "民生类（2项）", "一、民生类", "区卫健局）"),
            entry("1.1", "item", "实施教育工程", "（一）实施教育", "育局）", commitments=[
                {**span("3.3万平方米"), "value": 33000, "unit": "平方米", "comparator": "eq",
                 "target": span("幼儿园")},
                {**span("2000人次以上"), "value": 2000, "unit": "人次", "comparator": "ge", "target": span("家政人员")},
            ], responsible_units=[
                {**span("区教育和体\n育局"), "name": "区教育和体育局", "role": "responsible"}]),
            entry("1.2", "item", "实施健康工程", "（二）实施健康", "区卫健局）", commitments=[
                {**span("百分之九十"), "value": 90, "unit": "%", "comparator": "ge", "target": span("覆盖率")},
                {**span("1万余人"), "value": 10000, "unit": "人", "comparator": "gt", "target": None},
            ], age_ranges=[
                {**span("35—64岁"), "min": 35, "max": 64, "unit": "year"},
                {**span("3岁以下"), "min": None, "max": 3, "unit": "year"},
            ], responsible_units=[{**span("区卫健局"), "name": "区卫健局", "role": "responsible"}]),
        ],
        "attachment_rows": [
            {"number": 1, "name": "实施教育工程", "units": ["区教育和体育局"], "cells": {},
             **dict(zip(("start", "end"), at("1\t实施教育工程\t区教育和体育局"), strict=True))}
        ],
        "warnings": [],
    }


def test_clean_gold_has_no_problems():
    assert check_record(gold(), "g1") == []


def _set(path: str, value):
    def change(g):
        obj = g
        keys = path.split(".")
        for k in keys[:-1]:
            obj = obj[int(k)] if k.isdigit() else obj[k]
        last = keys[-1]
        obj[int(last) if last.isdigit() else last] = value
    return change


def _shift(path: str, by: int):
    def change(g):
        obj = g
        for k in path.split("."):
            obj = obj[int(k)] if k.isdigit() else obj[k]
        obj["start"] += by
        obj["end"] += by
    return change


# (change, words the one problem line must contain)
BROKEN = [
    (_set("items.1.commitments.0.value", 3.3), ["value is 3.3", "33000"]),
    (_set("items.1.commitments.0.unit", "万平方米"), ["unit is '万平方米'", "'平方米'"]),
    (_set("items.2.commitments.0.unit", "百分之"), ["unit", "'%'"]),
    (_set("items.2.commitments.1.value", 1), ["value is 1", "10000"]),
    (_set("items.2.age_ranges.0.max", 46), ["min/max are 35/46", "35/64"]),
    (_set("items.2.age_ranges.1.min", 0), ["min/max are 0/3", "None/3"]),
    (_set("items.2.age_ranges.1.unit", "month"), ["unit is 'month'", "'year'"]),
    (_set("items.1.responsible_units.0.name", "区教育和体\n育局"), ["name is", "区教育和体育局"]),
    (_shift("items.1.commitments.1", 1), ["text[", "is '000人次以上"]),
    (_set("items.1.commitments.1.target", {**span("民生类"), }), ["outside its item"]),
    (_set("items.1.parent", "2"), ["parent is '2'"]),
    (_set("items.1.level", 1), ["level is 1", "makes it 2"]),
    (_set("items.0.kind", "item"), ["should be a section"]),
    (_set("items.2.start", 0), ["outside its parent"]),
    (_set("items.2.end", 10_000), ["outside the text"]),
    (_set("items.0.id", "1.1"), ["id used twice"]),
    (_set("meta.date", "2024-02-30"), ["not a calendar date"]),
    (_set("meta.issuer", "淄博市人民政府办公室"), ["meta.issuer", "does not occur"]),
    (_set("meta.year", 24), ["not a plausible year"]),
    (_set("attachment_rows.0.number", 2), ["does not start with its number"]),
    (_set("attachment_rows.0.name", "实施卫生工程"), ["does not occur in the row"]),
    (_set("doc_id", "other"), ["doc_id is 'other'", "g1.json"]),
    (_set("items.1.commitments.1.rule", "qty.x"), ["no 'rule' key", "items.1.commitments.1"]),
    (_set("items.1.commitments.0.comparator", "around"), ["items.1.commitments.0.comparator"]),
    (_set("items.1.commitments.0.value", "many"), ["items.1.commitments.0.value"]),
]


@pytest.mark.parametrize(("change", "words"), BROKEN)
def test_each_problem_is_reported_in_one_clear_line(change, words):
    g = gold()
    change(g)
    problems = check_record(g, "g1")
    assert problems, "the problem went unnoticed"
    assert any(all(w in p for w in words) for p in problems), problems


def test_commitment_inside_a_child_belongs_to_the_child():
    g = gold()
    moved = g["items"][1]["commitments"].pop(0)
    g["items"][0]["commitments"].append(moved)
    assert any("lies inside item 1.1" in p for p in check_record(g, "g1"))


def test_borderline_commitment_values_are_not_checked():
    g = gold()
    g["items"][1]["commitments"][0]["value"] = 3.3
    g["items"][1]["commitments"][0]["borderline"] = True
    assert check_record(g, "g1") == []


def test_duplicate_span_is_reported():
    g = gold()
    g["items"][1]["commitments"].append(copy.deepcopy(g["items"][1]["commitments"][0]))
    assert any("annotated twice" in p for p in check_record(g, "g1"))


def test_each_broken_span_gets_its_own_line():
    g = gold()
    for c in g["items"][2]["commitments"]:
        c["start"] += 1
        c["end"] += 1
    lines = [p for p in check_record(g, "g1") if "text[" in p]
    assert len(lines) == 2


def test_offsets_are_code_points():
    """𠀾 is one character: a span after it is checked at its code point offset."""
    g = gold()
    s, _ = at("1万余人")
    assert TEXT[s - 2] == "𠀾"
    assert len(TEXT[:s].encode("utf-16-le")) // 2 == s + 1  # a UTF-16 offset would be off by one
    assert check_record(g, "g1") == []
    g["items"][2]["commitments"][1]["start"] += 1
    g["items"][2]["commitments"][1]["end"] += 1
    assert check_record(g, "g1")


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("3.3万", None, None),
        ("3.3万人", 33000, "人"),
        ("2000人次以上", 2000, "人次"),
        ("两千名", 2000, "名"),
        ("1.2亿元", 120000000, "元"),
        ("百分之九十", 90, "%"),
        ("百分之九十以上", 90, "%"),
        ("90％", 90, "%"),
        ("一万余人", 10000, "人"),
        ("万元以上", 10000, "元"),
        ("千名", 1000, "名"),
        ("万人次", 10000, "人次"),
        ("10个班次", 10, "个班次"),
        ("0.5个百分点以上", 0.5, "个百分点"),
        ("500元/人", 500, "元/人"),
        ("３．５万人", 35000, "人"),
        ("2\n000人", 2000, "人"),
        ("2 000人", 2000, "人"),
        ("1,200户", 1200, "户"),
        ("十八个", 18, "个"),
        ("三点五个", 3.5, "个"),
        ("一点五万人", 15000, "人"),
    ],
)
def test_read_quantity(text, value, unit):
    if value is None:
        with pytest.raises(ValueError):
            read_quantity(text)
    else:
        got_value, got_unit = read_quantity(text)
        assert got_value == pytest.approx(value, rel=1e-12)
        assert got_unit == unit


@pytest.mark.parametrize("text", ["每千人口", "第三", "人次", "", "3-5所", "80—100人"])
def test_read_quantity_rejects(text):
    with pytest.raises(ValueError):
        read_quantity(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("35—64岁", (35, 64, "year")),
        ("35 - 64 岁", (35, 64, "year")),
        ("0～6岁", (0, 6, "year")),
        ("6至12岁", (6, 12, "year")),
        ("0——17周岁", (0, 17, "year")),
        ("6-36月龄", (6, 36, "month")),
        ("3岁以下", (None, 3, "year")),
        ("60岁及以上", (60, None, "year")),
        ("1岁以内", (None, 1, "year")),
        ("十八周岁以下", (None, 18, "year")),
        ("14岁", (14, 14, "year")),
        ("3岁-6岁", (3, 6, "year")),
    ],
)
def test_read_age(text, expected):
    assert read_age(text) == expected


@pytest.mark.parametrize("text", ["24小时", "适龄", "3年", "学龄前"])
def test_read_age_rejects(text):
    with pytest.raises(ValueError):
        read_age(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [("十", 10), ("十八", 18), ("二十五", 25), ("一百零五", 105), ("三千五百", 3500), ("两千", 2000),
     ("一万", 10000), ("一万五千", 15000), ("十万", 100000), ("一亿二千万", 120000000), ("二〇二三", 2023)],
)
def test_chinese_number(text, value):
    assert chinese_number(text) == value


def test_command_lists_problems_and_exits_1(tmp_path, capsys):
    good = tmp_path / "g1.json"
    good.write_text(json.dumps(gold(), ensure_ascii=False, indent=2), encoding="utf-8")
    assert goldcheck.main(argparse.Namespace(paths=[str(tmp_path)])) == 0
    bad = gold()
    bad["doc_id"] = "g2"
    bad["items"][1]["commitments"][0]["value"] = 3.3
    (tmp_path / "g2.json").write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "g3.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "floors.toml").write_text("[floors]\n", encoding="utf-8")  # not a gold file
    capsys.readouterr()
    assert goldcheck.main(argparse.Namespace(paths=[str(tmp_path)])) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2
    assert out[0].startswith(str(tmp_path / "g2.json")) and "33000" in out[0]
    assert out[1].startswith(str(tmp_path / "g3.json")) and "not valid JSON: line 1" in out[1]


def test_command_on_a_missing_path_is_a_usage_error(tmp_path, capsys):
    assert goldcheck.main(argparse.Namespace(paths=[str(tmp_path / "nope")])) == 2
    assert f"policy-extract gold check: {tmp_path / 'nope'}: no such file or folder" in capsys.readouterr().err
    (tmp_path / "g1.json").write_text(json.dumps(gold(), ensure_ascii=False), encoding="utf-8")
    assert goldcheck.main(argparse.Namespace(paths=[str(tmp_path / "nope"), str(tmp_path)])) == 2
    assert "1 gold file(s) checked" in capsys.readouterr().err  # the files that exist are still checked
    (tmp_path / "empty").mkdir()
    assert goldcheck.main(argparse.Namespace(paths=[str(tmp_path / "empty")])) == 2
    assert "no gold files" in capsys.readouterr().err


def test_cli_gold_check_exit_codes(tmp_path):
    from pipeline.cli import main

    assert main(["gold", "check", str(tmp_path / "nope")]) == 2


def test_a_schema_problem_does_not_hide_the_others():
    g = gold()
    g["items"][1]["commitments"][0]["comparator"] = "around"  # schema
    _shift("items.1.commitments.1", 1)(g)  # offsets
    _set("items.2.age_ranges.0.max", 46)(g)  # values
    _set("meta.date", "2024-02-30")(g)  # meta
    _set("attachment_rows.0.name", "实施卫生工程")(g)  # rows
    problems = check_record(g, "g1")
    for words in ("comparator", "is '000人次以上", "min/max are 35/46", "not a calendar date", "does not occur in the row"):
        assert sum(words in p for p in problems) == 1, (words, problems)
    assert len(problems) == 5, problems


def test_a_record_too_broken_to_walk_still_gets_its_schema_lines():
    g = gold()
    g["items"][1]["commitments"] = "none"
    g["meta"] = None
    problems = check_record(g, "g1")
    assert any(p.startswith("items.1.commitments") for p in problems)
    assert any(p.startswith("meta") for p in problems)
