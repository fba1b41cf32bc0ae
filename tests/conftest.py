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


@pytest.fixture
def rules_copy(tmp_path):
    """A copy of the shipped rules folder, for tests that edit a rule file."""
    import shutil

    from pipeline.rules import default_rules_dir

    target = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), target)
    return target
