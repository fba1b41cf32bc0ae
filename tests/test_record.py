"""The record models: offsets are checked, the committed schema matches the models."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from pipeline.record import Record, json_schema
from pipeline.schema import SCHEMA_FILE

SOURCE = {"path": "x.txt", "format": "txt", "encoding": "utf-8", "sha256": "0" * 64}


def record(**items):
    return {"doc_id": "x", "source": SOURCE, "text": "一、建设幼儿园2所。", **items}


def item(**over):
    base = {
        "id": "1", "kind": "item", "level": 1, "parent": None, "number": "一、",
        "heading": {"text": "建设幼儿园2所", "start": 2, "end": 9}, "start": 0, "end": 10,
    }
    base.update(over)
    return base


def test_a_valid_record_round_trips():
    r = Record.model_validate(record(items=[item(commitments=[
        {"text": "2所", "start": 7, "end": 9, "value": 2, "unit": "所", "comparator": "eq", "target": None, "rule": "qty.x"}
    ])]))
    dumped = r.to_json_dict()
    assert dumped["schema"] == "policy-extract/record/1"
    assert list(dumped) == ["schema", "doc_id", "source", "text", "meta", "items", "attachment_rows", "warnings"]
    assert Record.model_validate(dumped) == r
    assert "borderline" not in dumped["items"][0] and dumped["items"][0]["commitments"][0]["rule"] == "qty.x"


@pytest.mark.parametrize(
    "bad",
    [
        item(heading={"text": "建设幼儿园", "start": 3, "end": 8}),  # offsets do not reproduce the text
        item(end=99),  # item outside the text
        item(kind="chapter"),
        item(id="1.0"),
        item(extra_key=1),
    ],
)
def test_broken_records_are_refused(bad):
    with pytest.raises(ValidationError):
        Record.model_validate(record(items=[bad]))


def test_committed_schema_matches_the_models():
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == json_schema()


def test_schema_command_prints_it(capsys):
    from pipeline.cli import main

    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["$id"] == "policy-extract/record/1"


def test_record_page_is_generated_from_the_models():
    from conftest import ROOT

    from pipeline.recorddoc import render

    committed = (ROOT / "docs" / "record.md").read_text(encoding="utf-8")
    assert committed == render(), "docs/record.md is stale: python -m pipeline.recorddoc > docs/record.md"
