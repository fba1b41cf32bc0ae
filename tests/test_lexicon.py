"""The lexicon cuts and tags exactly as jieba does with the same private words, and caches safely."""

from __future__ import annotations

import logging
import os

import pytest
from conftest import CORPUS
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.cachefiles import cache_dir
from pipeline.lexicon import Lexicon
from pipeline.reader import read_document

# (text, words jieba 0.42 gives with the project's words): dictionary words, HMM runs, mixed scripts
CASES = [
    ("区教育和体育局负责", ["区", "教育", "和", "体育局", "负责"]),
    ("为全区35—64岁适龄妇女进行免费检查", ["为", "全区", "35", "—", "64", "岁", "适龄", "妇女", "进行", "免费", "检查"]),
    ("改扩建2所幼儿园，筛查率达到90%", ["改扩建", "2", "所", "幼儿园", "，", "筛查率", "达到", "90%"]),
    ("新增托位数不少于300个", ["新增", "托位数", "不少于", "300", "个"]),
    ("", []),
    ("   \n", [" ", " ", " ", "\n"]),
]
# What the private words must not do: join across their own boundaries.
NOT_WORDS = [("区教育和体育局负责", "教育和"), ("改扩建2所幼儿园", "2所")]


@pytest.fixture(scope="module")
def pair(ruleset):
    """The project's lexicon and a private jieba tokenizer given the same words."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    words = ruleset.segmenter._user_words
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word, freq, tag in words:
        tokenizer.add_word(word, freq, tag)
    return Lexicon(words), tokenizer


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_cases(pair, text, expected):
    lexicon, tokenizer = pair
    assert list(lexicon.cut(text)) == expected == list(tokenizer.cut(text, HMM=True))


@pytest.mark.parametrize(("text", "word"), NOT_WORDS)
def test_not_words(pair, text, word):
    assert word not in list(pair[0].cut(text))


def test_same_words_as_jieba_on_every_corpus_line(pair):
    lexicon, tokenizer = pair
    lines = 0
    for path in sorted(CORPUS.iterdir()):
        if path.suffix not in (".txt", ".docx", ".html", ".pdf"):
            continue
        for line in read_document(path).text.split("\n"):
            squeezed = "".join(ch for ch in line if not ch.isspace())
            assert list(lexicon.cut(squeezed)) == list(tokenizer.cut(squeezed, HMM=True)), (path.name, line)
            lines += 1
    assert lines > 1000


def test_tags_come_from_the_dictionary_and_the_private_words(pair):
    lexicon = pair[0]
    assert lexicon.tag_of("检查") == "vn" and lexicon.tag_of("筛查率") == "n" and lexicon.tag_of("不少于") == "d" and lexicon.tag_of("人次") == "q"
    assert lexicon.tag_of("不是一个词吧") is None


def test_cache_is_rebuilt_when_broken_and_keyed_by_the_words(tmp_path, monkeypatch):
    monkeypatch.setenv("POLICY_EXTRACT_CACHE", str(tmp_path))
    assert cache_dir() == tmp_path
    words = [("好品牌", 3000, "n")]
    assert list(Lexicon(words).cut("好品牌")) == ["好品牌"]
    (cached,) = tmp_path.glob("lexicon-*.marshal")
    cached.write_bytes(b"not a lexicon")
    assert list(Lexicon(words).cut("好品牌")) == ["好品牌"]
    assert cached.read_bytes() != b"not a lexicon"
    assert list(Lexicon([]).cut("好品牌")) != ["好品牌"]
    assert len(list(tmp_path.glob("lexicon-*.marshal"))) == 2


def test_unwritable_cache_still_cuts(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("")
    monkeypatch.setenv("POLICY_EXTRACT_CACHE", os.fspath(blocked / "sub"))
    assert list(Lexicon([]).cut("幼儿园")) == ["幼儿园"]


def test_lean_path_never_imports_jieba(tmp_path):
    """Start-up stays short: the lean path reads the cached lexicon, never jieba's dictionary."""
    import subprocess
    import sys

    from conftest import ROOT

    code = (
        "import sys\n"
        "from pipeline.extract import Extractor\n"
        f"record = Extractor().extract_path({str(CORPUS / '000_bb7a6b1f4e08e1f2.txt')!r})\n"
        "assert any(item.commitments for item in record.items)\n"
        "print('jieba' in sys.modules)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert first.stdout.split()[-1] in ("True", "False")  # a first run may build the cache with jieba
    assert second.stdout.split()[-1] == "False"


def test_remembered_windows_come_back_shifted_and_unshared(ruleset):
    seg = ruleset.segmenter
    base = seg.tag("改扩建2所幼儿园")
    shifted = seg.tag("改扩建2所幼儿园", 100)
    assert [(t.text, t.start + 100, t.end + 100) for t in base] == [(t.text, t.start, t.end) for t in shifted]
    base.clear()
    assert seg.tag("改扩建2所幼儿园") == [(t.text, t.pos, t.start - 100, t.end - 100) for t in shifted]


def test_a_notice_segmenter_shares_the_lexicon_but_not_the_memo(ruleset):
    seg = ruleset.segmenter
    first, second = seg.for_notice(), seg.for_notice()
    before = dict(seg._memo)
    first.tag("新增托位数不少于300个")
    assert first._memo and not second._memo and seg._memo == before
    assert first.lexicon is second.lexicon is seg.lexicon


# Han text drawn from the characters of the genre, so dictionary words, prefixes and unknown runs all occur
_GENRE_CHARS = "改扩建所幼儿园筛查率达到培训人次以上适龄妇女区教育和体育局负责新增托位数不少于免费检查两癌儿童服务中心"


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.sampled_from(_GENRE_CHARS + "0123456789，。、 \n%"), max_size=40))
def test_property_cut_is_jiebas(pair, text):
    lexicon, tokenizer = pair
    assert lexicon.words(text) == list(tokenizer.cut(text, HMM=True))


def test_truncated_cache_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("POLICY_EXTRACT_CACHE", str(tmp_path))
    Lexicon([])
    (cached,) = tmp_path.glob("lexicon-*.marshal")
    whole = cached.read_bytes()
    cached.write_bytes(whole[: len(whole) // 2])
    assert list(Lexicon([]).cut("为全区适龄妇女进行免费检查")) == ["为", "全区", "适龄", "妇女", "进行", "免费", "检查"]
    assert cached.read_bytes() == whole
