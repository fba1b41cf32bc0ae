"""Validated rules kept between runs: the same objects as loading the files, never stale, never required."""

from __future__ import annotations

import os

import pytest

from pipeline import rulecache
from pipeline.errors import RuleFileError
from pipeline.ruleset import RuleSet


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("POLICY_EXTRACT_CACHE", str(folder))
    return folder


def counting(rules_dir):
    calls = []

    def build():
        calls.append(1)
        return RuleSet._load_files(rules_dir)

    return build, calls


def test_a_second_load_reads_the_kept_rules_and_they_equal_the_files(cache, rules_copy):
    build, calls = counting(rules_copy)
    first = rulecache.load(rules_copy, build)
    second = rulecache.load(rules_copy, build)
    assert len(calls) == 1
    assert list(cache.glob("rules-*.pickle"))
    assert second.keys() == first.keys()
    for name in first:
        assert second[name].model_dump() == first[name].model_dump()
    # the kept patterns behave as the loaded ones
    assert second["units"].lead_marker_re.pattern == first["units"].lead_marker_re.pattern


def test_an_edited_rule_file_is_read_again(cache, rules_copy):
    build, calls = counting(rules_copy)
    rulecache.load(rules_copy, build)
    path = rules_copy / "commitments.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("max_gap = 8", "max_gap = 5", 1), encoding="utf-8")
    again = rulecache.load(rules_copy, build)
    assert len(calls) == 2
    assert again["commitments"].cues.max_gap == 5
    assert RuleSet.load(rules_copy).commitments.cues.max_gap == 5


def test_a_damaged_file_is_loaded_as_usual_and_replaced(cache, rules_copy):
    build, calls = counting(rules_copy)
    rulecache.load(rules_copy, build)
    (kept,) = cache.glob("rules-*.pickle")
    kept.write_bytes(b"not a pickle")
    rulecache.load(rules_copy, build)
    rulecache.load(rules_copy, build)
    assert len(calls) == 2


def test_rules_that_fail_are_never_kept(cache, rules_copy):
    path = rules_copy / "units.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('role = "lead"', 'role = "boss"', 1), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(RuleFileError, match=r"unit\.label\.lead.*role"):
            RuleSet.load(rules_copy)
    assert not list(cache.glob("rules-*.pickle"))


def test_an_unwritable_cache_folder_still_loads(tmp_path, monkeypatch, rules_copy):
    blocked = tmp_path / "file"
    blocked.write_text("")
    monkeypatch.setenv("POLICY_EXTRACT_CACHE", os.fspath(blocked / "sub"))
    assert RuleSet.load(rules_copy).units.label
