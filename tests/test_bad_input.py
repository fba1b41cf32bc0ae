"""Broken files, made here in tmp_path: each gives an error naming the file, the stage and the reason."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.errors import PolicyExtractError
from pipeline.reader import read_document

NOTICE = "关于2024年为全区妇女儿童办实事的通知\n一、新建幼儿园3所，新增学位900个。（责任单位：区教育和体育局）\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + bytes(range(256)) * 4 + b"\xff\xd9"


def _pdf(path: Path, pages: list[list[str]]) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path))
    for lines in pages:
        c.setFont("STSong-Light", 11)
        if not lines:
            c.rect(60, 400, 300, 300, fill=1)  # a "scan": drawing only, no text
        for i, line in enumerate(lines):
            c.drawString(40, 800 - 18 * i, line)
        c.showPage()
    c.save()


def _zip(path: Path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)


def _undecodable(path: Path) -> None:
    """GBK text with every fifth character's bytes broken: too much to replace quietly."""
    parts = []
    for i, ch in enumerate(NOTICE * 5):
        parts.append(b"\xff" if i % 5 == 0 else ch.encode("gbk"))
    path.write_bytes(b"".join(parts))


def _random_binary(path: Path) -> None:
    path.write_bytes(random.Random(5).randbytes(4096))


def _control_chars(path: Path) -> None:
    path.write_bytes(("\x01\x02\x03\x04" + NOTICE).encode() * 3)


def _truncated_pdf(path: Path) -> None:
    _pdf(path, [["一、新建幼儿园3所。"]])
    path.write_bytes(path.read_bytes()[:300])


def _truncated_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph(NOTICE)
    document.save(str(path))
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _symlink_loop(path: Path) -> None:
    other = path.with_name("other.txt")
    path.symlink_to(other)
    other.symlink_to(path)


def _html_without_text(path: Path) -> None:
    path.write_bytes(b"<html><head><meta charset='utf-8'><title>x</title></head><body><script>var a=1;</script></body></html>")


# (file name, how to make it, stage, error, words the message must hold)
CASES: list[tuple[str, Callable[[Path], object] | None, str, str, list[str]]] = [
    ("missing.txt", None, "read", "FileNotFound", ["no such file"]),
    ("folder", lambda p: p.mkdir(), "read", "IsADirectory", ["folder"]),
    ("empty.txt", lambda p: p.write_bytes(b""), "read", "EmptyFile", ["empty"]),
    ("blank.txt", lambda p: p.write_text(" \n\u3000\r\n\t", "utf-8"), "read", "EmptyFile", ["white space"]),
    ("photo.txt", lambda p: p.write_bytes(JPEG), "decode", "BinaryFile", ["not a text file", "JPEG"]),
    ("report.txt", lambda p: _pdf(p, [["一、"]]), "decode", "BinaryFile", ["PDF"]),
    ("noise.txt", _random_binary, "decode", "BinaryFile", ["not a text file"]),
    ("controls.txt", _control_chars, "decode", "BinaryFile", ["control characters"]),
    ("broken.txt", _undecodable, "decode", "UndecodableBytes", ["bytes", "GB18030", "Big5"]),
    ("text.docx", lambda p: p.write_text(NOTICE, "utf-8"), "parse", "NotADocx", ["not a Word .docx", "zip"]),
    ("photo.docx", lambda p: p.write_bytes(JPEG), "parse", "NotADocx", ["JPEG"]),
    ("old.docx", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)), "parse", "NotADocx", ["save it as .docx"]),
    ("archive.docx", lambda p: _zip(p, {"readme.txt": b"hello"}), "parse", "BadDocx", ["damaged", ".docx"]),
    ("cut.docx", _truncated_docx, "parse", "BadDocx", ["damaged", "cut short"]),
    ("loop.txt", _symlink_loop, "read", "SymlinkLoop", ["loop"]),
    ("dangling.txt", lambda p: p.symlink_to(p.with_name("gone.txt")), "read", "FileNotFound", ["symbolic link", "does not exist"]),
    ("old.doc", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0" + bytes(600)), "parse", "UnsupportedFormat", [".doc", ".docx"]),
    ("scan.pdf", lambda p: _pdf(p, [[], []]), "parse", "NoTextLayer", ["no text layer", "OCR"]),
    ("text.pdf", lambda p: p.write_text(NOTICE, "utf-8"), "parse", "NotAPdf", ["not a PDF"]),
    ("cut.pdf", _truncated_pdf, "parse", "BadPdf", ["damaged"]),
    ("script.html", _html_without_text, "parse", "NoText", ["no main text"]),
]


@pytest.mark.parametrize(("name", "make", "stage", "error", "words"), CASES, ids=[c[0] for c in CASES])
def test_bad_file_gives_a_clear_error(tmp_path: Path, name, make, stage: str, error: str, words: list[str]) -> None:
    path = tmp_path / name
    if make is not None:
        make(path)
    with pytest.raises(PolicyExtractError) as caught:
        read_document(path)
    err = caught.value
    assert (err.stage, err.error) == (stage, error), err.message
    assert err.path == str(path)
    assert str(err).startswith(f"{path}: ")
    for word in words:
        assert word in err.message, (word, err.message)
    assert err.to_json_dict() == {"path": str(path), "stage": stage, "error": error, "message": err.message}


@pytest.mark.parametrize(
    ("size", "limit", "fails"),
    [(1000, 999, True), (1000, 1000, False), (1000, 20 * 1024 * 1024, False), (50, 10, True)],
)
def test_size_limit_is_configurable(tmp_path: Path, size: int, limit: int, fails: bool) -> None:
    data = (NOTICE.encode() * (size // len(NOTICE.encode()) + 1))[:size]
    data = data.decode("utf-8", errors="ignore").encode()  # whole characters only
    data += b"x" * (size - len(data))
    path = tmp_path / "big.txt"
    path.write_bytes(data)
    if not fails:
        assert read_document(path, max_bytes=limit).text
        return
    with pytest.raises(PolicyExtractError) as caught:
        read_document(path, max_bytes=limit)
    assert (caught.value.stage, caught.value.error) == ("read", "FileTooLarge")
    assert f"{limit:,}" in caught.value.message and f"{size:,}" in caught.value.message


def test_a_few_bad_bytes_are_a_warning_not_an_error(tmp_path: Path) -> None:
    path = tmp_path / "scratched.txt"
    path.write_bytes(NOTICE.encode("gbk") + b"\xff" + NOTICE.encode("gbk"))
    doc = read_document(path)
    assert [w.code for w in doc.warnings] == ["encoding.replaced"]
    assert "1 undecodable byte " in doc.warnings[0].message


@pytest.mark.parametrize(
    ("layer", "fails"),
    [("\ue000\ue001\ue002\ue003", True), ("\ufffd\ufffd\ufffd一", True), ("一、新建\ue000幼儿园", False)],
)
def test_pdf_text_layer_without_unicode_map_names_ocr(tmp_path: Path, monkeypatch, layer: str, fails: bool) -> None:
    """Fonts without a Unicode map give private-use or replacement characters: that is no text."""
    from pypdf import PageObject

    path = tmp_path / "glyphs.pdf"
    _pdf(path, [["一、新建幼儿园3所。"]])
    monkeypatch.setattr(PageObject, "extract_text", lambda self, *a, **k: layer)
    if not fails:
        assert read_document(path).text == layer
        return
    with pytest.raises(PolicyExtractError) as caught:
        read_document(path)
    assert caught.value.error == "NoTextLayer" and "OCR" in caught.value.message


# --- a run over a folder, as a new user would try it ------------------------------------------


def _new_user_folder(folder: Path) -> None:
    import docx

    folder.mkdir()
    document = docx.Document()
    for line in NOTICE.splitlines():
        document.add_paragraph(line)
    document.save(str(folder / "a.docx"))
    (folder / "b.txt").write_bytes(NOTICE.encode("gbk"))
    page = f"<html><head><meta charset='gb2312'></head><body><div><h1>关于做好工作的通知</h1>{''.join(f'<p>{x}</p>' for x in NOTICE.splitlines())}</div></body></html>"
    (folder / "c.html").write_bytes(page.encode("gbk"))
    _pdf(folder / "d.pdf", [NOTICE.splitlines()])
    (folder / "e.txt").write_bytes(b"")
    (folder / "f.txt").write_bytes(JPEG)


def test_new_user_folder_gives_four_records_two_errors_exit_1(tmp_path: Path) -> None:
    pytest.importorskip("pipeline.assemble", reason="the extractor (pipeline.assemble) cannot be imported")
    folder = tmp_path / "notices"
    _new_user_folder(folder)
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "extract", str(folder), "-o", str(out), "--errors", str(errors),
         "--workers", "1"],
        capture_output=True, text=True, env=env, timeout=600,
    )
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 1, done.stderr
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert sorted(r["source"]["format"] for r in records) == ["docx", "html", "pdf", "txt"]
    failures = {Path(e["path"]).name: e["error"] for e in map(json.loads, errors.read_text("utf-8").splitlines())}
    assert failures == {"e.txt": "EmptyFile", "f.txt": "BinaryFile"}
