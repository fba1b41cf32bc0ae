"""Fuzzing the whole per-notice path: no input may raise inside, break a span or take superlinear time.

Inputs are drawn with a fixed seed from what notices are made of (pieces of the corpus,
numbers in every written form, units, cue words, headings, clause labels, tables) and from
what they should never be (runs of one character or piece thousands long, control characters,
stray Unicode, bytes in any encoding under odd file names). Each is extracted; the outcome
must be a record whose every span reproduces its text and that serialises to UTF-8 JSON, or,
for files, an error naming the file. CPU time is measured per character.

The default suite runs a few hundred inputs. The full run is opt-in::

    python -m pytest -m fuzz                                # 100,000 inputs, seed 20261206
    POLICY_EXTRACT_FUZZ_COUNT=500000 POLICY_EXTRACT_FUZZ_SEED=7 python -m pytest -m fuzz -s
"""

from __future__ import annotations

import json
import logging
import os
import random
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from pipeline.engines import warm_up
from pipeline.errors import PolicyExtractError
from pipeline.extract import Extractor
from pipeline.normalise import normalise_text
from pipeline.reader import Document, read_document
from pipeline.record import span_problems

ROOT = Path(__file__).resolve().parent.parent
SEED = int(os.environ.get("POLICY_EXTRACT_FUZZ_SEED", "20261206"))
FULL_COUNT = int(os.environ.get("POLICY_EXTRACT_FUZZ_COUNT", "100000"))
QUICK_COUNT = 300
#: The time bound, per character, for inputs long enough that the fixed cost does not count.
MAX_MICROSECONDS_PER_CHARACTER = 50.0
LONG_INPUT = 2000
#: Shorter inputs are held to the bound as if they had LONG_INPUT characters.
SHORT_BUDGET_SECONDS = MAX_MICROSECONDS_PER_CHARACTER * LONG_INPUT / 1e6

NUMBERS = [
    "3", "12", "900", "2000", "2,000", "2 000", "2\n000", "1 2\n00", "3.5", "0.3", "１２", "３．５", "1.2亿",
    "3.3万", "2千", "3万5千", "十", "十二", "二十", "一千二百", "两千", "三万余", "五千", "千", "万", "百分之九十",
    "百分之60", "三点五", "二〇二四", "十四五", "十十", "一二三四五六七", "9" * 30, "一" * 30, "99999999999999999999",
]
UNITS = ["所", "个", "人", "人次", "名", "场", "次", "户", "万元", "元", "亿元", "%", "％", "‰", "个百分点", "岁", "周岁",
         "月龄", "个月", "处", "支", "件", "盒", "张", "床", "家", "条", "平方米", "公里", "期", "班次"]
CUES = ["不少于", "达到", "提高到", "超过", "以上", "以下", "余", "约", "近", "至少", "最高可达", "每", "每人每月", "分别", "较上年提高"]
SEPARATORS = ["—", "-", "～", "~", "至", "到", "、", "和", "及"]
HEADINGS = ["一、", "二、", "十、", "十四五、", "1.", "2．", "3、", "（一）", "（十四五）", "(1)", "（1）", "①", "⑴", "⒈",
            "²", "一是", "二是", "第一条", "\n", "\n\n"]
CLAUSES = ["（责任单位：区教育局）", "（牵头单位：市卫健委；配合单位：市财政局、市妇联）", "（责任单位：", "责任单位：",
           "由区民政局牵头，区残联配合", "（", "）", "“", "”", "《", "》", "附件", "序号\t项目名称\t责任单位\n",
           "①\t实施教育工程\t区教育局\n", "⑴\t项目\t单位\n", "⒈\t项目\t单位\n", "²\t项目\t单位\n",
           "99999999999999999999\t项目\t单位\n", "关于2024年为全区妇女儿童办实事的通知\n", "2024年3月5日\n"]
ODD = ["\t", " ", "\u3000", "\u00a0", "\u00ad", "\u200b", "\ufeff", "\x00", "\x01", "\x1b", "\x7f", "\u2028", "\u0301",
       "\U0001f600", "\ufffd", "A", "z", "@", "/", "+", ".", "，", "。", "；", "：", "！", "？", "…"]
RUNS = ["千", "亿", "万", "一二三四五六七", "1", "1\n", "12\n", "1 2", "1,000", "0.", "（", "）", "、", "，", "一、",
        "1.", "（一）", "\n", " ", "岁", "人", "不少于", "百分之", "责任单位：", "“", "2024年", "\t", "①", "-"]

SOUPS = ["0123456789 \n", "0123456789,. \n", "12\n.、）", "一二三十百千万亿人个所", "0123456789万亿千人所%",
         "（）、，。责任单位：区局\n", "1234567890岁—-至"]


def _corpus_texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        try:
            texts.append(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            continue
    return texts


class Inputs:
    """A seeded stream of texts, and now and then of files, built from the pieces above."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.corpus = _corpus_texts()

    def piece(self) -> str:
        r = self.rng
        kind = r.random()
        if kind < 0.25:
            return r.choice(NUMBERS) + r.choice(["", "", " ", "\n"]) + r.choice(UNITS)
        if kind < 0.35:
            return r.choice(NUMBERS) + r.choice(SEPARATORS) + r.choice(NUMBERS) + r.choice(UNITS)
        if kind < 0.45:
            return r.choice(CUES)
        if kind < 0.55:
            return r.choice(HEADINGS)
        if kind < 0.65:
            return r.choice(CLAUSES)
        if kind < 0.75:
            return r.choice(ODD)
        if kind < 0.85 and self.corpus:
            text = r.choice(self.corpus)
            at = r.randrange(len(text))
            return text[at : at + r.randint(1, 400)]
        if kind < 0.92:
            return "".join(chr(r.randint(0x20, 0xD7FF)) for _ in range(r.randint(1, 8)))
        return r.choice(list("开展建设新建培训免费检查妇女儿童幼儿园学校活动服务"))

    def text(self) -> str:
        r = self.rng
        if r.random() < 0.02:  # one run of one piece, thousands of times over, inside a list item
            run = r.choice(RUNS) * r.randint(1000, 12000)
            return r.choice(["", "一、", "关于2024年办实事的通知\n一、开展"]) + run + self.piece() + "\n二、新建3所。"
        if r.random() < 0.01:  # a soup of number characters and units, a quantity every few characters
            soup = r.choice(SOUPS)
            return "一、" + "".join(r.choice(soup) for _ in range(r.randint(2000, 20000))) + "\n二、新建3所。"
        if r.random() < 0.01:  # a long notice-like text
            return "".join(self.piece() for _ in range(r.randint(400, 1500)))
        return "".join(self.piece() for _ in range(r.randint(1, 60)))

    def file(self, folder: Path, n: int) -> str:
        r = self.rng
        text = self.text()
        codec = r.choice(["utf-8", "utf-8-sig", "gb18030", "big5", "utf-16-le", "utf-16-be", "utf-16"])
        data = text.encode(codec, errors="replace")
        if r.random() < 0.2:  # scratches
            data = bytearray(data)
            for _ in range(r.randint(1, 20)):
                if data:
                    data[r.randrange(len(data))] = r.randrange(256)
            data = bytes(data)
        if r.random() < 0.1:
            data = data[: r.randrange(len(data) + 1)]
        if r.random() < 0.05:
            data = r.randbytes(r.randint(0, 3000))
        suffix = r.choice([b".txt", b".txt", b".html", b".docx", b".pdf", b".htm", b""])
        name = r.choice([b"n", "通知".encode(), "通知".encode("gbk"), b"\xd6\xd0\xff", b"a b"]) + str(n).encode() + suffix
        path = os.path.join(os.fsencode(folder), name)
        with open(path, "wb") as fh:
            fh.write(data)
        return os.fsdecode(path)


@dataclass
class Report:
    inputs: int = 0
    files: int = 0
    characters: int = 0
    file_errors: int = 0
    failures: list[str] = field(default_factory=list)
    slowest: tuple[float, int, str] = (0.0, 0, "")  # µs per character, length, the input's start
    started: float = field(default_factory=time.monotonic)

    def text(self) -> str:
        per_char, length, head = self.slowest
        return (
            f"fuzz seed {SEED}: {self.inputs} inputs ({self.files} as files, {self.file_errors} of them clear "
            f"file errors), {self.characters:,} characters; internal exceptions or broken records: "
            f"{len(self.failures)}; slowest {per_char:.1f} µs per character ({length} characters, {head!r}); "
            f"{time.monotonic() - self.started:.0f} s"
        )


def _check_record(record, text: str | None) -> None:
    problems = list(span_problems(record))
    if problems:
        raise AssertionError(f"span violations: {problems[:3]}")
    if text is not None and record.text != text:
        raise AssertionError("the record's text is not the input's")
    line = json.dumps(record.to_json_dict(), ensure_ascii=False)
    line.encode("utf-8")
    json.loads(line)


def _timed(extractor: Extractor, text: str) -> tuple[float, object]:
    doc = Document(doc_id="fuzz", path="fuzz.txt", format="txt", encoding="utf-8", sha256="0" * 64, text=text)
    start = time.process_time()  # CPU time: the machine's other work is not the input's cost
    record = extractor.extract(doc)
    return time.process_time() - start, record


def run_fuzz(count: int, seed: int, tmp_path: Path, extractor: Extractor) -> Report:
    warm_up(extractor)  # dictionaries load on first use: not a cost of any one input
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # its complaints about broken pages
    inputs = Inputs(seed)
    report = Report()
    for n in range(count):
        report.inputs += 1
        as_file = n % 10 == 9
        try:
            if as_file:
                report.files += 1
                path = inputs.file(tmp_path, n)
                try:
                    doc = read_document(path)
                except PolicyExtractError as exc:
                    report.file_errors += 1
                    json.dumps(exc.to_json_dict(), ensure_ascii=False)  # the errors JSONL line
                    continue
                finally:
                    os.remove(path)
                _check_record(extractor.extract(doc), None)
                continue
            text = normalise_text(inputs.text())
            seconds, record = _timed(extractor, text)
            _check_record(record, text)
        except Exception:
            report.failures.append(f"input {n}: {traceback.format_exc(limit=3)}")
            continue
        report.characters += len(text)
        per_char = seconds * 1e6 / max(len(text), LONG_INPUT)
        for _ in range(2):  # a busy machine: the best of three before counting an input as slow
            if per_char <= MAX_MICROSECONDS_PER_CHARACTER:
                break
            per_char = min(per_char, _timed(extractor, text)[0] * 1e6 / max(len(text), LONG_INPUT))
        if per_char > report.slowest[0]:
            report.slowest = (per_char, len(text), text[:20])
    return report


def _assert_clean(report: Report) -> None:
    print(report.text())
    assert not report.failures, "\n".join(report.failures[:5])
    assert report.slowest[0] <= MAX_MICROSECONDS_PER_CHARACTER, report.text()


def test_quick_fuzz(tmp_path: Path, extractor: Extractor) -> None:
    _assert_clean(run_fuzz(QUICK_COUNT, SEED, tmp_path, extractor))


@pytest.mark.fuzz
def test_full_fuzz(tmp_path: Path, extractor: Extractor) -> None:
    report = run_fuzz(FULL_COUNT, SEED, tmp_path, extractor)
    _assert_clean(report)
    assert report.inputs >= min(FULL_COUNT, 100_000)
