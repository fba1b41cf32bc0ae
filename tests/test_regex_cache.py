"""Patterns rebuilt from the cached opcodes behave exactly as freshly compiled ones."""

from __future__ import annotations

import marshal

import pytest
import regex

from pipeline import regex_cache

PATTERN = r"(?P<n>[0-9０-９]+(?:\.[0-9]+)?)(?P<mul>万|亿)?(?P<unit>所|个|人次|%)(?:以上|左右)?"
TEXTS = ["新建3所幼儿园", "服务3.3万人次以上", "达到90%左右", "没有数字", "１２个"]


def _spans(pattern: regex.Pattern[str]) -> list:
    return [(m.span(), m.groupdict()) for t in TEXTS for m in pattern.finditer(t)]


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch, tmp_path):
    """An empty cache in a folder of its own; the process's memory of patterns set aside."""
    monkeypatch.setenv("POLICY_EXTRACT_CACHE", str(tmp_path))
    monkeypatch.setattr(regex_cache, "_built", {})
    monkeypatch.setattr(regex_cache, "_opcodes", {})
    monkeypatch.setattr(regex_cache, "_loaded", False)
    return tmp_path


def test_the_compile_step_goes_through_the_cache() -> None:
    import regex._main

    assert regex._main._compile is regex_cache._compile


def test_opcodes_round_trip_through_the_file(fresh) -> None:
    reference = _spans(regex_cache._real_compile(PATTERN, 0, False, {}, False))
    first = regex.compile(PATTERN)
    assert _spans(first) == reference
    regex_cache.save()
    stored = marshal.loads(regex_cache.cache_file().read_bytes())
    assert any(key[0] == PATTERN for key in stored)
    # a new process: nothing in memory, the file on disk
    regex_cache._built.clear()
    regex_cache._opcodes.clear()
    regex_cache._loaded = False
    again = regex.compile(PATTERN)
    assert again is not first
    assert _spans(again) == reference
    assert again.groupindex == first.groupindex and again.flags == first.flags


def test_a_damaged_file_only_means_compiling_again(fresh) -> None:
    regex_cache.cache_file().parent.mkdir(parents=True, exist_ok=True)
    regex_cache.cache_file().write_bytes(b"\x00not marshal")
    assert regex.compile(PATTERN).search("新建3所")[0] == "3所"


def test_named_lists_and_bad_patterns_go_through_regex_unchanged(fresh) -> None:
    p = regex.compile(r"\L<words>岁", words=["三", "六"])
    assert p.search("六岁")[0] == "六岁"
    assert not any(key[0].startswith(r"\L<words>") for key in regex_cache._opcodes)
    with pytest.raises(regex.error):
        regex.compile("(unbalanced")


def test_patterns_made_up_at_run_time_do_not_grow_the_cache_without_bound(fresh, monkeypatch) -> None:
    monkeypatch.setattr(regex_cache, "_KEEP_AT_MOST", 3)
    for i in range(10):
        assert regex.search(f"{i}所", f"新建{i}所")[0] == f"{i}所"
    assert len(regex_cache._built) == 3



def test_the_cache_can_be_switched_off_and_records_stay_the_same(tmp_path) -> None:
    import os
    import subprocess
    import sys
    from pathlib import Path

    notice = sorted((Path(__file__).resolve().parent.parent / "corpus").glob("*.txt"))[0]
    probe = (
        "import sys, regex._main, pipeline.regex_cache as c\n"
        "from pipeline.engines import ExtractorSpec, get_extractor, process_notice\n"
        "print(regex._main._compile is c._compile)\n"
        "print(process_notice(get_extractor(ExtractorSpec()), sys.argv[1])[1])\n"
    )
    seen = {}
    for value in ("0", "off", "1", ""):
        env = {**os.environ, "POLICY_EXTRACT_PATTERN_CACHE": value, "POLICY_EXTRACT_CACHE": str(tmp_path)}
        done = subprocess.run(
            [sys.executable, "-c", probe, str(notice)], env=env, capture_output=True, text=True, encoding="utf-8"
        )
        assert done.returncode == 0, done.stderr
        routed, record = done.stdout.split("\n", 1)
        seen[value] = record
        assert routed == str(value not in {"0", "off"})
    assert len(set(seen.values())) == 1
