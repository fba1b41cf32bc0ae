"""The Label Studio round trip: lossless for gold, careful with offsets Label Studio users lose."""

from __future__ import annotations

import argparse
import copy
import json
import xml.etree.ElementTree as ET

import pytest

from pipeline import labelstudio
from pipeline.labelstudio import import_tasks, labelling_config, normalise_with_map, record_to_task
from pipeline.record import Record

TEXT = (
    "𠀾县人民政府办公室\n"
    "一、教育类\n"
    "（一）新建幼儿园𠀾所。新改扩建幼儿园3.3万平方米，培训家政人员2000人次以上。（责任单位：县教育和体\n育局、县妇联）\n"
    "（二）为35—64岁妇女筛查，覆盖率达到90%，资助1.5万元。（县卫健局牵头）\n"
    "附件\n1\t新建幼儿园\t县教育和体育局\t12月底\n"
)


def at(sub: str, text: str = TEXT) -> tuple[int, int]:
    s = text.index(sub)
    return s, s + len(sub)


def span(sub: str) -> dict:
    s, e = at(sub)
    return {"text": sub, "start": s, "end": e}


def gold() -> dict:
    def entry(iid, kind, number, heading, first, last, **lists):
        return {
            "id": iid, "kind": kind, "level": iid.count(".") + 1,
            "parent": iid.rsplit(".", 1)[0] if "." in iid else None, "number": number,
            "heading": span(heading), "start": at(first)[0], "end": at(last)[1],
            "commitments": lists.get("c", []), "age_ranges": lists.get("a", []),
            "responsible_units": lists.get("u", []), **lists.get("extra", {}),
        }

    return {
        "schema": "policy-extract/record/1",
        "doc_id": "ls1",
        "source": {"path": "corpus/ls1.txt", "format": "txt", "encoding": "gb18030", "sha256": "b" * 64},
        "text": TEXT,
        "meta": {"title": None, "doc_number": None, "issuer": "𠀾县人民政府办公室", "date": None, "year": 2024},
        "items": [
            entry("1", "section", "一、", "教育类", "一、教育类", "县卫健局牵头）"),
            entry("1.1", "item", "（一）", "新建幼儿园𠀾所", "（一）新建", "育局、县妇联）", c=[
                {**span("3.3万平方米"), "value": 33000, "unit": "平方米", "comparator": "eq", "target": span("幼儿园")},
                {**span("2000人次以上"), "value": 2000, "unit": "人次", "comparator": "ge", "target": None,
                 "borderline": True},
            ], u=[
                {**span("县教育和体\n育局"), "name": "县教育和体育局", "role": "responsible"},
                {**span("县妇联"), "name": "县妇联", "role": "responsible", "borderline": False},
            ]),
            entry("1.2", "item", None, "为35—64岁妇女筛查", "（二）为", "县卫健局牵头）", c=[
                {**span("90%"), "value": 90, "unit": "%", "comparator": "ge", "target": span("覆盖率")},
                {**span("1.5万元"), "value": 15000.0, "unit": "元", "comparator": "eq", "target": None},
            ], a=[{**span("35—64岁"), "min": 35, "max": 64, "unit": "year"}],
                u=[{**span("县卫健局"), "name": "县卫健局", "role": "lead"}], extra={"borderline": True}),
        ],
        "attachment_rows": [
            {"number": 1, "name": "新建幼儿园", "units": ["县教育和体育局"], "cells": {"完成时限": "12月底"},
             **dict(zip(("start", "end"), at("1\t新建幼儿园\t县教育和体育局\t12月底"), strict=True))},
        ],
        "warnings": [{"code": "encoding.fallback", "message": "decoded as gb18030"}],
    }


def run_import(tasks):
    warnings: list[str] = []
    records, problems = import_tasks(tasks, lambda label, msg: warnings.append(f"{label}: {msg}"))
    return records, problems, warnings


def as_annotation(task: dict) -> dict:
    """What Label Studio exports after an annotator submits the pre-annotation unchanged."""
    t = copy.deepcopy(task)
    t["id"] = 7
    t["annotations"] = [{"id": 1, "result": t.pop("predictions")[0]["result"], "was_cancelled": False}]
    return t


def regions(task: dict) -> list[dict]:
    return [r for r in task["predictions"][0]["result"] if r.get("type") == "labels"]


# ---------------------------------------------------------------------------- export


def test_gold_fixture_is_valid():
    Record.model_validate(gold())


def test_export_is_label_studio_task_format():
    task = record_to_task(gold())
    assert task["data"]["text"] == TEXT and task["data"]["doc_id"] == "ls1"
    result = task["predictions"][0]["result"]
    labels = {r["value"]["labels"][0] for r in regions(task)}
    assert labels == {"Section", "Item", "Heading", "Commitment", "Target", "AgeRange", "Unit", "AttachmentRow"}
    for r in regions(task):
        assert (r["from_name"], r["to_name"]) == ("label", "text")
        assert TEXT[r["value"]["start"] : r["value"]["end"]] == r["value"]["text"]
    ids = {r["id"] for r in regions(task)}
    per_region = [r for r in result if r.get("type") in ("textarea", "choices") and "start" in r["value"]]
    assert per_region and all(r["id"] in ids for r in per_region)
    value = next(r for r in per_region if r["from_name"] == "value" and r["value"]["text"] == ["33000"])
    region = next(r for r in regions(task) if r["id"] == value["id"])
    assert region["value"]["text"] == "3.3万平方米"
    assert (value["value"]["start"], value["value"]["end"]) == (region["value"]["start"], region["value"]["end"])
    rel = [r for r in result if r.get("type") == "relation"]
    assert len(rel) == 2


def test_config_names_every_control_the_tasks_use():
    root = ET.fromstring(labelling_config())
    names = {el.get("name") for el in root.iter() if el.get("name")}
    label_values = {el.get("value") for el in root.iter("Label")}
    task = record_to_task(gold())
    for r in task["predictions"][0]["result"]:
        if r.get("type") == "relation":
            continue
        assert r["from_name"] in names and r["to_name"] in names
        if r["type"] == "labels":
            assert r["value"]["labels"][0] in label_values
    per_region = {el.get("name") for el in root.iter() if el.get("perRegion") == "true"}
    assert {"value", "unit", "comparator", "min", "max", "name", "role", "item_id", "borderline"} <= per_region


# ---------------------------------------------------------------------------- round trip


def test_round_trip_is_lossless():
    original = Record.model_validate(gold())
    tasks = json.loads(json.dumps([record_to_task(original)], ensure_ascii=False))
    records, problems, warnings = run_import(tasks)
    assert problems == []
    assert records[0].to_json_dict() == original.to_json_dict()
    assert any("pre-annotation" in w for w in warnings)
    records, problems, warnings = run_import([as_annotation(tasks[0])])
    assert problems == [] and warnings == []
    assert records[0].to_json_dict() == original.to_json_dict()
    assert labelstudio.gold_json(records[0]) == labelstudio.gold_json(original)


def test_round_trip_drops_rule_ids_of_predictions():
    g = gold()
    g["items"][1]["commitments"][0]["rule"] = "qty.measure_word"
    records, _, _ = run_import([record_to_task(g)])
    assert "rule" not in json.dumps(records[0].to_json_dict())


def test_latest_submitted_annotation_wins():
    task = as_annotation(record_to_task(gold()))
    later = copy.deepcopy(task["annotations"][0])
    later["result"] = [r for r in later["result"] if not (r.get("type") == "labels" and r["value"]["labels"] == ["Unit"])]
    later.update(id=2, updated_at="2026-01-02T00:00:00Z")
    cancelled = {"id": 3, "result": [], "was_cancelled": True, "updated_at": "2026-02-01T00:00:00Z"}
    task["annotations"][0]["updated_at"] = "2026-01-01T00:00:00Z"
    task["annotations"] += [later, cancelled]
    records, problems, _ = run_import([task])
    assert problems == []
    assert all(not i["responsible_units"] for i in records[0].to_json_dict()["items"])


# ---------------------------------------------------------------------------- offsets


def _edit_region(task: dict, label: str, **value) -> dict:
    for r in task["annotations"][0]["result"]:
        if r.get("type") == "labels" and r["value"]["labels"] == [label]:
            r["value"].update(value)
            return r
    raise AssertionError(label)


def test_literal_backslash_n_in_region_text_is_accepted():
    task = as_annotation(record_to_task(gold()))
    region = next(
        r for r in task["annotations"][0]["result"]
        if r.get("type") == "labels" and r["value"]["text"] == "县教育和体\n育局"
    )
    region["value"]["text"] = "县教育和体\\n育局"  # as the editor writes it
    records, problems, warnings = run_import([task])
    assert problems == [] and warnings == []
    unit = records[0].items[1].responsible_units[0]
    assert unit.text == "县教育和体\n育局" and unit.name == "县教育和体育局"


def test_region_text_that_differs_is_reported_and_text_is_resliced():
    task = as_annotation(record_to_task(gold()))
    _edit_region(task, "AgeRange", text="36—64岁")
    records, problems, warnings = run_import([task])
    assert problems == []
    assert any("'36—64岁' differs" in w for w in warnings)
    assert records[0].items[2].age_ranges[0].text == "35—64岁"


def test_utf16_offsets_are_detected_and_converted():
    """Tools counting UTF-16 units put every span after 𠀾 one character too far."""
    task = as_annotation(record_to_task(gold()))
    for r in task["annotations"][0]["result"]:
        v = r.get("value") or {}
        if "start" in v:
            v["start"] += len(TEXT[: v["start"]].encode("utf-16-le")) // 2 - v["start"]
            v["end"] += len(TEXT[: v["end"]].encode("utf-16-le")) // 2 - v["end"]
    records, problems, warnings = run_import([task])
    assert problems == []
    assert any("UTF-16" in w for w in warnings)
    assert records[0].to_json_dict() == Record.model_validate(gold()).to_json_dict()


def test_crlf_task_text_maps_offsets_to_the_normalised_text():
    raw = TEXT.replace("\n", "\r\n")
    task = as_annotation(record_to_task(gold()))
    task["data"]["text"] = raw
    for r in task["annotations"][0]["result"]:
        v = r.get("value") or {}
        if "start" in v:
            v["start"] += TEXT[: v["start"]].count("\n")
            v["end"] += TEXT[: v["end"]].count("\n")
            if "text" in v and isinstance(v["text"], str):
                v["text"] = raw[v["start"] : v["end"]]
    records, problems, warnings = run_import([task])
    assert problems == [] and warnings == []
    assert records[0].text == TEXT
    assert records[0].to_json_dict() == Record.model_validate(gold()).to_json_dict()


@pytest.mark.parametrize(
    ("raw", "text", "where"),
    [
        ("a\r\nb", "a\nb", [0, 1, 2, 2, 3]),  # the \n of \r\n maps past the line break
        ("a\rb", "a\nb", [0, 1, 2, 3]),
        ("\ufeffab", "ab", [0, 0, 1, 2]),
        ("𠀾\r\n", "𠀾\n", [0, 1, 2, 2]),
    ],
)
def test_normalise_with_map(raw, text, where):
    assert normalise_with_map(raw) == (text, where)


# ---------------------------------------------------------------------------- annotator's input


def test_values_left_empty_are_read_from_the_text():
    task = as_annotation(record_to_task(gold()))
    drop = {"value", "unit", "min", "max", "age_unit", "name"}
    task["annotations"][0]["result"] = [r for r in task["annotations"][0]["result"] if r.get("from_name") not in drop]
    records, problems, warnings = run_import([task])
    assert problems == []
    c = records[0].items[1].commitments[0]
    assert (c.value, c.unit) == (33000, "平方米")
    a = records[0].items[2].age_ranges[0]
    assert (a.min, a.max, a.unit) == (35, 64, "year")
    assert records[0].items[1].responsible_units[0].name == "县教育和体育局"
    assert any("read from the text" in w for w in warnings)


@pytest.mark.parametrize(
    ("drop", "message"),
    [
        ({"item_id"}, "has no item_id"),
        ({"row_number"}, "needs row_number"),
    ],
)
def test_missing_required_attributes_fail_the_task(drop, message):
    task = as_annotation(record_to_task(gold()))
    task["annotations"][0]["result"] = [r for r in task["annotations"][0]["result"] if r.get("from_name") not in drop]
    records, problems, _ = run_import([task])
    assert records == []
    assert len(problems) == 1 and message in problems[0] and problems[0].startswith("task 7 (ls1)")


def test_item_without_heading_fails_the_task():
    task = as_annotation(record_to_task(gold()))
    task["annotations"][0]["result"] = [
        r for r in task["annotations"][0]["result"] if not (r.get("type") == "labels" and r["value"]["labels"] == ["Heading"])
    ]
    _, problems, _ = run_import([task])
    assert "has no Heading region" in problems[0]


def test_task_not_from_export_is_refused():
    _, problems, _ = run_import([{"id": 3, "data": {"text": "x"}}])
    assert "lacks text, doc_id or source" in problems[0]


# ---------------------------------------------------------------------------- commands


def test_export_and_import_commands(tmp_path):
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    src = Record.model_validate(gold())
    (gold_dir / "ls1.json").write_text(labelstudio.gold_json(src), encoding="utf-8")
    tasks, config = tmp_path / "tasks.json", tmp_path / "config.xml"
    args = argparse.Namespace(records=str(gold_dir), output=str(tasks), config_path=str(config))
    assert labelstudio.export_main(args) == 0
    ET.fromstring(config.read_text(encoding="utf-8"))
    out = tmp_path / "back"
    assert labelstudio.import_main(argparse.Namespace(export=str(tasks), output=str(out))) == 0
    assert (out / "ls1.json").read_bytes() == (gold_dir / "ls1.json").read_bytes()


def test_import_command_on_bad_input(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("[{", encoding="utf-8")
    assert labelstudio.import_main(argparse.Namespace(export=str(bad), output=str(tmp_path / "o"))) == 2
    assert "not valid JSON" in capsys.readouterr().err


def _corpus_gold():
    from conftest import GOLD

    return sorted(GOLD.glob("*.json"))


@pytest.mark.parametrize("path", _corpus_gold(), ids=lambda p: p.stem)
def test_every_corpus_gold_file_survives_the_round_trip(path):
    original = Record.model_validate_json(path.read_text(encoding="utf-8"))
    tasks = json.loads(json.dumps([as_annotation(record_to_task(original))], ensure_ascii=False))
    records, problems, _ = run_import(tasks)
    assert problems == []
    assert labelstudio.gold_json(records[0]) == path.read_text(encoding="utf-8")


def _json_min(task: dict) -> dict:
    """A task as Label Studio's JSON_MIN export writes it: data and labels flattened, no ids or relations."""
    ann = as_annotation(task)
    out = {**ann["data"], "id": ann["id"], "annotator": "a@example.org", "annotation_id": 1, "lead_time": 3.2}
    out["label"] = [
        {"start": r["value"]["start"], "end": r["value"]["end"], "text": r["value"]["text"], "labels": r["value"]["labels"]}
        for r in ann["annotations"][0]["result"] if r.get("type") == "labels"
    ]
    return out


def test_json_min_export_is_refused_with_the_fix(tmp_path, capsys):
    export = tmp_path / "min.json"
    export.write_text(json.dumps([_json_min(record_to_task(gold()))], ensure_ascii=False), encoding="utf-8")
    assert labelstudio.import_main(argparse.Namespace(export=str(export), output=str(tmp_path / "o"))) == 2
    err = capsys.readouterr().err
    assert "export as JSON, not JSON_MIN" in err and str(export) in err
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize(
    ("tasks", "is_min"),
    [
        ([{"text": "x", "doc_id": "a", "label": []}], True),
        ([{"id": 1, "annotator": "a", "annotation_id": 2}], True),
        ([{"id": 1, "data": {"text": "x"}, "annotations": []}], False),
        ([{"id": 1, "data": {"text": "x"}}], False),
        ([], False),
    ],
)
def test_is_json_min(tasks, is_min):
    assert labelstudio.is_json_min(tasks) is is_min


@pytest.mark.parametrize("order", ["reversed", "shuffled", "by_label"])
def test_objects_are_ordered_by_offset_whatever_the_result_order(order):
    import random

    task = as_annotation(record_to_task(gold()))
    result = task["annotations"][0]["result"]
    if order == "reversed":
        result.reverse()
    elif order == "shuffled":
        random.Random(3).shuffle(result)
    else:
        result.sort(key=lambda r: (json.dumps(r.get("value", {}).get("labels")), -r.get("value", {}).get("start", 0)))
    records, problems, _ = run_import([task])
    assert problems == []
    assert labelstudio.gold_json(records[0]) == labelstudio.gold_json(Record.model_validate(gold()))


@pytest.mark.parametrize("path", _corpus_gold()[::8], ids=lambda p: p.stem)
def test_corpus_gold_survives_a_shuffled_export(path):
    import random

    original = Record.model_validate_json(path.read_text(encoding="utf-8"))
    task = as_annotation(record_to_task(original))
    random.Random(path.stem).shuffle(task["annotations"][0]["result"])
    records, problems, _ = run_import([task])
    assert problems == []
    assert labelstudio.gold_json(records[0]) == path.read_text(encoding="utf-8")
