"""The held-out set: every gold file is well-formed and describes its source.

Only the annotation is checked here, never how the pipeline scores on it: the set measures
notices the rules were not written from, and a score floor would invite fitting to it.
"""

from __future__ import annotations

import argparse
import hashlib
import json

import pytest
from conftest import ROOT

from pipeline import goldcheck
from pipeline.goldcheck import check_record
from pipeline.reader import read_document

HELDOUT = ROOT / "heldout"
GOLD_FILES = sorted((HELDOUT / "gold").glob("*.json"))
SUFFIXES = {".txt", ".docx", ".html", ".htm", ".pdf"}


def test_every_heldout_notice_has_gold():
    stems = {p.stem for p in (HELDOUT / "corpus").iterdir() if p.suffix in SUFFIXES}
    assert len(stems) >= 8
    assert stems == {p.stem for p in GOLD_FILES}


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_heldout_gold_passes_gold_check(path):
    gold = json.loads(path.read_text(encoding="utf-8"))
    assert gold["doc_id"] == path.stem
    assert check_record(gold, path.stem) == []


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_heldout_gold_describes_its_source(path):
    gold = json.loads(path.read_text(encoding="utf-8"))
    source = ROOT / gold["source"]["path"]
    assert source.parent == HELDOUT / "corpus"
    assert hashlib.sha256(source.read_bytes()).hexdigest() == gold["source"]["sha256"]
    assert read_document(source).text == gold["text"]


def test_gold_check_command_accepts_the_heldout_folder(capsys):
    assert goldcheck.main(argparse.Namespace(paths=[str(HELDOUT / "gold")])) == 0
    assert f"{len(GOLD_FILES)} gold file(s) checked, 0 problem(s)" in capsys.readouterr().err


def test_second_batch_covers_its_layouts():
    """The blind `hy` batch keeps its promised shape: a .docx, an .html, a non-list, a one-line copy.

    A notice that led to a rule moved to corpus/ with its gold; the batch is read from both.
    """
    batch = sorted(p for p in (HELDOUT / "corpus").iterdir() if p.name.startswith("hy"))
    assert len(batch) >= 7
    assert {p.suffix for p in batch} >= {".txt", ".docx", ".html"}
    golds = [json.loads((HELDOUT / "gold" / f"{p.stem}.json").read_text(encoding="utf-8")) for p in batch]
    assert any(g["items"] == [] for g in golds)
    moved = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "gold").glob("hy*.json"))]
    assert any("\n" not in g["text"].strip() for g in golds + moved)
    readme = (HELDOUT / "README.md").read_text(encoding="utf-8")
    assert all(p.name in readme for p in batch)
