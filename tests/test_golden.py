"""The corpus against its hand-made gold, with the contract's scorer.

Each field's micro F1 over the corpus must reach the floor recorded in gold/floors.toml, the
same floor CI holds the command-line run to; every gold file must describe its source.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from pathlib import PurePosixPath

import pytest
from conftest import CORPUS, GOLD

GOLD_FILES = sorted(GOLD.glob("*.json"))


def _source(gold: dict):
    """The gold's source file, which must be a file of corpus/ named relative to the repository:
    a clone elsewhere has no other files."""
    path = PurePosixPath(gold["source"]["path"])
    assert not path.is_absolute() and path.parent == PurePosixPath(CORPUS.name), path
    return CORPUS.parent / path


@pytest.fixture(scope="module")
def predictions(extractor):
    out = {}
    for path in GOLD_FILES:
        gold = json.loads(path.read_text(encoding="utf-8"))
        out[gold["doc_id"]] = extractor.extract_path(_source(gold)).to_json_dict()
    return out


def test_every_corpus_notice_has_gold():
    stems = {p.stem for p in CORPUS.iterdir() if p.suffix in {".txt", ".docx", ".html", ".pdf"}}
    assert stems and stems == {p.stem for p in GOLD_FILES}


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_matches_its_source(path, predictions):
    gold = json.loads(path.read_text(encoding="utf-8"))
    source = _source(gold)
    assert hashlib.sha256(source.read_bytes()).hexdigest() == gold["source"]["sha256"]
    assert predictions[gold["doc_id"]]["text"] == gold["text"]


def test_corpus_scores_reach_the_floors(predictions):
    from pipeline.scoring import score

    golds = [json.loads(p.read_text(encoding="utf-8")) for p in GOLD_FILES]
    report = score(golds, list(predictions.values()))
    floors = tomllib.loads((GOLD / "floors.toml").read_text(encoding="utf-8"))["floors"]
    figures = {name: report.totals[name].figures()["f1"] for name in floors}
    low = {name: round(f1, 4) for name, f1 in figures.items() if f1 < floors[name]}
    assert not low, f"below the floor: {low}"
