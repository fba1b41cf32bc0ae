from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = ROOT / "gold"


@pytest.fixture(scope="session")
def ruleset():
    from pipeline.ruleset import RuleSet

    return RuleSet.load()


@pytest.fixture(scope="session")
def extractor():
    from pipeline.extract import Extractor

    return Extractor()
