"""What must never lose a run: odd file names, two runs on one output, a full disk, BOM-less UTF-16."""

from __future__ import annotations

import base64
import errno
import io
import json
import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from pipeline import batch, cli, paths
from pipeline.encoding import decode_bytes
from pipeline.engines import ExtractorSpec

NOTICE = "关于2024年为全区妇女儿童办实事的通知\n一、新建幼儿园3所，新增学位900个。（责任单位：区教育和体育局）\n"
GBK_NAME = b"gbk_\xd6\xd0.txt"  # 中 in GBK: not UTF-8, as on disks copied from Windows


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_bytes().splitlines()]


# --------------------------------------------------------------------------------------------
# File names that are not UTF-8


PATH_CASES = [
    ("d/ok.txt", "d/ok.txt", None),
    ("d/中文.txt", "d/中文.txt", None),
    (os.fsdecode(b"d/" + GBK_NAME), "d/gbk_\\xd6\\xd0.txt", b"d/" + GBK_NAME),
]


@pytest.mark.parametrize(("path", "shown", "raw"), PATH_CASES)
def test_paths_are_shown_as_utf8_and_kept_exactly(path: str, shown: str, raw: bytes | None) -> None:
    assert paths.shown(path) == shown
    encoded = paths.path_bytes(path)
    assert (encoded is None) == (raw is None)
    if raw is not None:
        assert base64.b64decode(encoded) == raw
    assert paths.original(paths.shown(path), encoded) == path


def test_a_non_utf8_name_gives_a_record_and_an_error_line_not_a_traceback(tmp_path: Path, capfd) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    good = os.path.join(os.fsencode(folder), GBK_NAME)
    with open(good, "wb") as fh:
        fh.write(NOTICE.encode("utf-8"))
    empty = os.path.join(os.fsencode(folder), b"empty_\xd6\xd0.txt")
    open(empty, "wb").close()
    (folder / "plain.txt").write_text(NOTICE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    opts = batch.Options(output=str(out), engine="serial", quiet=True, errors_path=str(tmp_path / "e.jsonl"))
    found, _ = batch.expand_inputs([str(folder)])
    summary = batch.run(found, ExtractorSpec(), opts)
    assert (summary.records, summary.failed) == (2, 1)
    records = _lines(out)
    odd = next(r for r in records if "path_bytes" in r["source"])
    assert base64.b64decode(odd["source"]["path_bytes"]) == good
    assert odd["source"]["path"].endswith("gbk_\\xd6\\xd0.txt")
    assert odd["doc_id"] == "gbk_\\xd6\\xd0"
    assert odd["items"][0]["commitments"][0]["text"] == "3所"
    plain = next(r for r in records if r["source"]["path"].endswith("plain.txt"))
    assert "path_bytes" not in plain["source"]
    (error,) = _lines(tmp_path / "e.jsonl")
    assert base64.b64decode(error["path_bytes"]) == empty and error["error"] == "EmptyFile"
    # --resume finds the odd name's record again through its bytes
    opts.resume = True
    again = batch.run(found, ExtractorSpec(), opts)
    assert (again.skipped, again.records) == (2, 0)
    assert [r["source"] for r in _lines(out)] == [r["source"] for r in records]
    assert "Traceback" not in capfd.readouterr().err


# --------------------------------------------------------------------------------------------
# One writer per output


def test_a_second_run_on_the_same_output_is_refused_and_the_first_is_untouched(tmp_path: Path, capfd) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(NOTICE, encoding="utf-8")
    b.write_text(NOTICE.replace("3所", "4所"), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    first = batch.FileSink(str(out), [str(a), str(b)])
    first.write(str(a), '{"first": 1}')
    code = cli.main(["extract", str(b), "-o", str(out), "--workers", "1"])
    assert code == batch.EXIT_USAGE
    err = capfd.readouterr().err
    assert "another run is writing" in err and f"{out}.part" in err and "Traceback" not in err
    first.write(str(b), '{"first": 2}')
    first.finish()
    assert out.read_bytes() == b'{"first": 1}\n{"first": 2}\n'
    assert not Path(f"{out}.part").exists()
    # once the first run is over, the output is free again
    assert cli.main(["extract", str(b), "-o", str(out), "--workers", "1", "-q"]) == 0
    assert _lines(out)[0]["items"][0]["commitments"][0]["text"] == "4所"


def test_the_lock_goes_with_a_run_that_ends(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    sink = batch.FileSink(str(out), ["x"])
    sink.abort()
    batch.FileSink(str(out), ["x"]).finish()  # no stale lock after abort
    assert out.read_bytes() == b""


# --------------------------------------------------------------------------------------------
# A write that fails


def test_a_full_disk_names_the_part_file_and_suggests_resume(tmp_path: Path, monkeypatch, capfd) -> None:
    files = []
    for i in range(3):
        p = tmp_path / f"{i}.txt"
        p.write_text(NOTICE, encoding="utf-8")
        files.append(str(p))
    real_write = batch.FileSink.write
    calls = []

    def write(self, path, line):
        calls.append(path)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write(self, path, line)

    monkeypatch.setattr(batch.FileSink, "write", write)
    out = tmp_path / "o.jsonl"
    assert cli.main(["extract", *files, "-o", str(out), "--workers", "1", "-q"]) == batch.EXIT_FAILURES
    err = capfd.readouterr().err
    assert f"{out}.part" in err and "No space left on device" in err
    assert "free some space" in err and "--resume" in err
    assert "Traceback" not in err
    assert len(Path(f"{out}.part").read_bytes().splitlines()) == 1


# --------------------------------------------------------------------------------------------
# Per-notice timeout


@pytest.mark.parametrize(
    ("engine", "given", "expected"),
    [("local", None, batch.DEFAULT_TIMEOUT), ("local", 7.0, 7.0), ("dask", None, None), ("serial", None, None)],
)
def test_the_local_engine_has_a_default_timeout(engine: str, given: float | None, expected: float | None) -> None:
    args = SimpleNamespace(
        workers=None, resume=False, output="o.jsonl", scheduler=None, engine=engine, max_bytes=None,
        quiet=False, verbose=False, errors_path=None, timeout=given,
    )  # fmt: skip
    assert batch.options_from_args(args).timeout == expected


# --------------------------------------------------------------------------------------------
# UTF-16 without a byte-order mark


UTF16_CASES = [
    (NOTICE * 3, "utf-16-le"),
    (NOTICE * 3, "utf-16-be"),
    ("一、新建幼儿园3所，新增学位900个。\n" * 20, "utf-16-le"),  # 一 is U+4E00: NUL bytes on both sides
    ("Notice of 2024\n" * 5, "utf-16-le"),
]


@pytest.mark.parametrize(("text", "codec"), UTF16_CASES)
def test_utf16_without_bom_is_read(text: str, codec: str) -> None:
    decoded = decode_bytes(text.encode(codec), "n.txt")
    assert (decoded.text, decoded.encoding) == (text, codec)
    assert decoded.warnings[0].code == "encoding.detected"


@pytest.mark.parametrize(
    "data",
    [bytes(range(256)) * 8, b"\x00\x01\x02\x03" * 300, io.BytesIO(b"PK\x03\x04" + bytes(500)).getvalue()],
)
def test_binary_with_nul_bytes_is_still_binary(data: bytes) -> None:
    from pipeline.errors import PolicyExtractError

    with pytest.raises(PolicyExtractError) as caught:
        decode_bytes(data, "b.txt")
    assert caught.value.error == "BinaryFile"


# --------------------------------------------------------------------------------------------
# Texts that raised inside the extractor


ODD_TEXTS = [
    "（十四五）开展宣传",
    "（一）十十岁1",
    "一、新建幼儿园" + "9" * 4400 + "所。\n二、新建3所学校。",
    "一、新建幼儿园" + "一二三四五六七" * 500 + "所。\n",
    "附件\n序号\t项目名称\t责任单位\n①\t实施教育工程\t区教育局\n⑴\t实施健康行动\t区卫健局\n⒈\t项目\t单位\n²\t项目\t单位\n",
]


@pytest.mark.parametrize("text", ODD_TEXTS, ids=[t[:8] for t in ODD_TEXTS])
def test_odd_texts_give_a_record(extractor, text: str) -> None:
    from pipeline.reader import Document
    from pipeline.record import span_problems

    doc = Document(doc_id="odd", path="odd.txt", format="txt", encoding="utf-8", sha256="0" * 64, text=text)
    record = extractor.extract(doc)
    assert not list(span_problems(record))
    line = json.dumps(record.to_json_dict(), ensure_ascii=False)
    assert json.loads(line)["text"] == text
    values = [c.value for item in record.items for c in item.commitments]
    assert all(abs(v) < 10**18 for v in values)


# Whole notices made of one run: the outline (run-on lines, headings, the list test) must be
# linear too, not only the finding of quantities.
RUN_NOTICES = [
    "关于2024年办实事的通知\n一、开展" + "千" * 8000,
    "关于2024年办实事的通知\n一、开展" + "一二三四五六七" * 1200,
    "关于2024年办实事的通知\n一、开展" + " " * 16000 + "二、新建3所",
    "关于2024年办实事的通知\n一、开展" + "\u3000" * 16000 + "二、新建3所",
    "关于2024年办实事的通知\n" + "  1、 2、" * 2000,
    "关于2024年办实事的通知\n" + "（一）" * 3000,
]
MAX_NOTICE_MICROSECONDS_PER_CHARACTER = 50  # CPU time; a run of 千 took 1,300 when the list test backtracked


@pytest.mark.parametrize("text", RUN_NOTICES, ids=[f"{t[14:20]!r}x{len(t)}" for t in RUN_NOTICES])
def test_a_notice_of_one_run_is_read_in_linear_time(extractor, text: str) -> None:
    import time

    from pipeline.reader import Document

    doc = Document(doc_id="run", path="run.txt", format="txt", encoding="utf-8", sha256="0" * 64, text=text)
    best = float("inf")
    for _ in range(2):  # CPU time, the better of two, against a busy machine
        t0 = time.process_time()
        extractor.extract(doc)
        best = min(best, time.process_time() - t0)
    assert best / len(text) * 1e6 < MAX_NOTICE_MICROSECONDS_PER_CHARACTER


# --------------------------------------------------------------------------------------------
# Memory over a long run


def test_a_run_keeps_nothing_of_the_notices_it_has_read(extractor) -> None:
    """Ten thousand notices in one process must not cost ten thousand notices of memory.

    The same notices are read again and again, each time under a new first line: a later pass
    finds every memo of words and values already filled, so whatever it adds to the memory still
    in use is what the process keeps of each notice (a memo keyed by a notice's whole text did).
    """
    import gc
    import itertools
    import tracemalloc

    from pipeline.reader import Document, read_document

    corpus = Path(__file__).parent.parent / "corpus"
    texts = [read_document(p).text for p in sorted(corpus.glob("*.txt"))[:24]]

    def read_all(tag: str) -> None:
        for i, text in enumerate(texts):
            doc = Document(doc_id=f"{tag}{i}", path="n.txt", format="txt", encoding="utf-8", sha256="0" * 64,
                           text=f"【{tag}{i:03}】{text}")
            extractor.extract(doc).to_json_dict()

    read_all("a")  # the memos of these notices' words and values, filled before tracing
    tracemalloc.start()
    try:
        read_all("b")
        used = []
        for tag in ("c", "d"):
            gc.collect()
            used.append(tracemalloc.get_traced_memory()[0])
            read_all(tag)
        gc.collect()
        used.append(tracemalloc.get_traced_memory()[0])
    finally:
        tracemalloc.stop()
    # A bounded memo may empty itself and fill again in one pass (after earlier tests filled it);
    # what a run keeps of each notice grows in every pass.
    grown = min(b - a for a, b in itertools.pairwise(used))
    one_copy = sum(len(t.encode("utf-8")) for t in texts)
    assert grown < one_copy / 4, f"{grown} bytes kept after reading {one_copy} bytes of notices"
