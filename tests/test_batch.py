"""Batch runs: inputs, input-order output, streaming, failure isolation, errors, exit codes, atomic output, resume.

The extractor here is a stand-in that builds a minimal valid record from the document, and
misbehaves on command: a notice containing CRASH ends its worker process, KILL has it killed
by SIGKILL, BOOM raises, SLOW takes a while (so parallel workers finish out of order).
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest

from pipeline import batch, cli, engines
from pipeline.paths import RealPaths
from pipeline.record import Record, Source

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


class StandInExtractor:
    """Picklable by reference; the class itself is the factory."""

    events: list[str] = []  # noqa: RUF012 - a log shared by the serial-engine tests

    def extract(self, doc):
        text = doc.text
        if "CRASH" in text:
            os._exit(3)
        if "KILL" in text:
            os.kill(os.getpid(), signal.SIGKILL)
        if "BOOM" in text:
            raise RuntimeError("boom in the extractor")
        if "SLOW" in text:
            time.sleep(0.3)
        if "HANG" in text:
            time.sleep(600)
        StandInExtractor.events.append(f"extract {doc.path}")
        source = Source(path=doc.path, format=doc.format, encoding=doc.encoding, sha256=doc.sha256)
        return Record(doc_id=doc.doc_id, source=source, text=text, warnings=list(doc.warnings))


def notice(i: int, extra: str = "") -> str:
    return f"关于2024年为全区妇女儿童办实事的通知{i}\n一、改扩建{i}所幼儿园。{extra}\n"


def make_corpus(folder: Path, specs: list[tuple[str, str]]) -> list[str]:
    """Write ``(name, text)`` files; return their paths as strings, in the given order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in specs:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def lines_of(path: str | Path) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]


def paths_in(path: str | Path) -> list[str]:
    return [rec["source"]["path"] for rec in lines_of(path)]


@pytest.fixture(autouse=True)
def stand_in(monkeypatch):
    """Every run through the CLI uses the stand-in extractor."""
    monkeypatch.setattr(batch, "make_factory", lambda args: StandInExtractor)
    StandInExtractor.events = []


def run_cli(argv: list[str], stdin: str | None = None, monkeypatch=None) -> int:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return cli.main(["extract", *argv])


# --------------------------------------------------------------------------------------------
# Inputs


def test_expand_inputs_folders_recursive_sorted_with_globs(tmp_path):
    make_corpus(
        tmp_path / "c",
        [
            ("b.txt", "x"),
            ("a.TXT", "x"),
            ("sub/z.txt", "x"),
            ("sub/y.docx", "x"),
            ("notes.md", "x"),
            (".hidden.txt", "x"),
            (".git/h.txt", "x"),
        ],
    )
    cases = [
        (None, ["a.TXT", "b.txt", "sub/y.docx", "sub/z.txt"]),
        (["*.txt"], ["a.TXT", "b.txt", "sub/z.txt"]),
        (["*.docx", "*.md"], ["notes.md", "sub/y.docx"]),
    ]
    for globs, expected in cases:
        paths, errors = batch.expand_inputs([str(tmp_path / "c")], globs)
        assert [os.path.relpath(p, tmp_path / "c") for p in paths] == expected, globs
        assert errors == []


def test_expand_inputs_keeps_given_order_and_drops_repeats(tmp_path):
    a, b = make_corpus(tmp_path, [("a.txt", "x"), ("b.txt", "x")])
    paths, _ = batch.expand_inputs([b, a, str(tmp_path), "./" + os.path.relpath(b)])
    assert paths == [b, a]


REAL_PATH_CASES = [
    "a/b/f.txt", "link/f.txt", "a/file-link.txt", "link/../b/f.txt", "link/../../a/b/f.txt",
    "a/b/missing.txt", "a/b/..", "link/.", "a//b/./f.txt", "a/b/", "f.txt",
]  # fmt: skip


@pytest.mark.parametrize("relative", REAL_PATH_CASES)
def test_real_paths_agree_with_os_realpath(tmp_path, monkeypatch, relative):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "f.txt").write_text("x", encoding="utf-8")
    (tmp_path / "link").symlink_to(tmp_path / "a" / "b")
    (tmp_path / "a" / "file-link.txt").symlink_to(tmp_path / "a" / "b" / "f.txt")
    monkeypatch.chdir(tmp_path)
    real = RealPaths()
    for path in (relative, str(tmp_path / relative)):
        assert real(path) == os.path.realpath(path)
        assert real(path) == os.path.realpath(path)  # the second time from the folder cache


def test_a_notice_reached_through_a_linked_folder_is_kept_once(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "n.txt").write_text("x", encoding="utf-8")
    (tmp_path / "link").symlink_to(tmp_path / "a")
    paths, _ = batch.expand_inputs([str(tmp_path / "a" / "n.txt"), str(tmp_path / "link" / "n.txt")])
    assert paths == [str(tmp_path / "a" / "n.txt")]


def test_expand_inputs_reads_paths_from_stdin(tmp_path):
    a, b, c = make_corpus(tmp_path, [("a.txt", "x"), ("b.txt", "x"), ("c.txt", "x")])
    stdin = io.StringIO(f"{b}\n\n{a}\r\n")
    paths, _ = batch.expand_inputs([c, "-"], stdin=stdin)
    assert paths == [c, b, a]


def test_folder_without_notices_is_an_error_not_silence(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "readme.md").write_text("x")
    paths, errors = batch.expand_inputs([str(tmp_path / "empty")])
    assert paths == []
    assert [(e["stage"], e["error"]) for e in errors] == [("read", "NoNotices")]
    assert str(tmp_path / "empty") in errors[0]["path"]


# --------------------------------------------------------------------------------------------
# Order and engines


def serial_bytes(paths: list[str]) -> bytes:
    out = io.BytesIO()
    batch.run(paths, StandInExtractor, batch.Options(engine="serial", quiet=True), stdout=out)
    return out.getvalue()


def test_output_is_in_input_order_whatever_the_workers(tmp_path):
    # early notices are slow, so two workers finish them after later ones
    specs = [(f"n{i:02d}.txt", notice(i, "SLOW" if i in (0, 1, 4) else "")) for i in range(12)]
    paths = make_corpus(tmp_path / "c", specs)
    paths = paths[::-1]  # an order that is neither sorted nor completion order
    reference = serial_bytes(paths)
    assert [json.loads(x)["source"]["path"] for x in reference.decode().splitlines()] == paths
    for workers in (1, 2, 3):
        out = tmp_path / f"out{workers}.jsonl"
        assert run_cli([*paths, "-o", str(out), "--workers", str(workers), "-q"]) == 0
        assert out.read_bytes() == reference, workers


def test_workers_started_by_spawn_build_their_own_extractor(tmp_path, monkeypatch):
    # the platforms that do not fork: each worker builds the extractor in its initializer
    monkeypatch.setattr(engines, "_start_method", lambda: "spawn")
    specs = [(f"{i}.txt", notice(i, "CRASH" if i == 2 else "")) for i in range(6)]
    paths = make_corpus(tmp_path, specs)
    got = list(engines.run_local(paths, StandInExtractor, workers=2))
    assert [kind for kind, _ in got] == ["ok", "ok", "error", "ok", "ok", "ok"]
    assert got[2][1]["error"] == "WorkerCrashed"
    reference = serial_bytes(paths[:2] + paths[3:])
    assert "".join(line + "\n" for kind, line in got if kind == "ok").encode() == reference


def test_lines_are_the_records_as_compact_json(tmp_path):
    """One ``\\n``-ended line per record: the record's own object, keys in field order, Chinese unescaped."""
    paths = make_corpus(tmp_path, [("a.txt", notice(1)), ("b.txt", notice(2).replace("\n", "\r\n"))])
    data = serial_bytes(paths)
    assert data.endswith(b"\n") and data.count(b"\n") == len(paths)
    for path, raw in zip(paths, data.decode("utf-8").splitlines(), strict=True):
        expected = StandInExtractor().extract(engines.read_document(path)).to_json_dict()
        assert list(json.loads(raw)) == list(expected)  # field order
        assert json.loads(raw) == expected
        assert raw == json.dumps(expected, ensure_ascii=False, separators=(",", ":"))


def test_paths_on_stdin_through_the_cli(tmp_path, monkeypatch):
    paths = make_corpus(tmp_path, [("b.txt", notice(1)), ("a.txt", notice(2))])
    out = tmp_path / "out.jsonl"
    code = run_cli(["-", "-o", str(out), "-q"], stdin="\n".join(paths) + "\n", monkeypatch=monkeypatch)
    assert code == 0
    assert paths_in(out) == paths


def test_stdout_streams_each_record_as_it_is_done(tmp_path):
    paths = make_corpus(tmp_path, [(f"{i}.txt", notice(i)) for i in range(3)])

    class Recorder(io.BytesIO):
        def write(self, data):
            StandInExtractor.events.append("write " + json.loads(data)["source"]["path"])
            return super().write(data)

    out = Recorder()
    batch.run(paths, StandInExtractor, batch.Options(engine="serial", quiet=True), stdout=out)
    expected = [x for p in paths for x in (f"extract {p}", f"write {p}")]
    assert StandInExtractor.events[-len(expected) :] == expected
    assert out.getvalue().count(b"\n") == 3
    assert b"\r\n" not in out.getvalue()


def test_dash_o_dash_writes_jsonl_to_stdout(tmp_path, capfdbinary):
    paths = make_corpus(tmp_path, [("a.txt", notice(1)), ("b.txt", notice(2))])
    assert run_cli([*paths, "-o", "-", "--workers", "2"]) == 0
    captured = capfdbinary.readouterr()
    got = [json.loads(x)["source"]["path"] for x in captured.out.decode("utf-8").splitlines()]
    assert got == paths
    assert b"2 records" in captured.err
    assert not list(tmp_path.glob("*.errors.jsonl"))


# --------------------------------------------------------------------------------------------
# Failures


def test_a_notice_that_kills_its_worker_fails_alone(tmp_path):
    specs = [
        ("00.txt", notice(0)),
        ("01.txt", notice(1, "CRASH")),
        ("02.txt", notice(2)),
        ("03.txt", notice(3, "KILL")),
        ("04.txt", notice(4, "BOOM")),
        ("05.txt", notice(5)),
        ("06.txt", notice(6)),
    ]
    paths = make_corpus(tmp_path / "c", specs)
    out = tmp_path / "out.jsonl"
    for workers in (1, 2):
        assert run_cli([*paths, "-o", str(out), "--workers", str(workers), "-q"]) == 1
        assert paths_in(out) == [paths[i] for i in (0, 2, 5, 6)]
        errors = lines_of(tmp_path / "out.errors.jsonl")
        got = [(e["path"], e["stage"], e["error"]) for e in errors]
        assert got == [
            (paths[1], "extract", "WorkerCrashed"),
            (paths[3], "extract", "WorkerCrashed"),
            (paths[4], "extract", "RuntimeError"),
        ]
        assert "status 3" in errors[0]["message"]
        assert "SIGKILL" in errors[1]["message"]
        assert errors[2]["message"] == "boom in the extractor"


def test_a_notice_over_the_timeout_is_stopped_and_the_run_goes_on(tmp_path):
    specs = [(f"{i}.txt", notice(i, "HANG" if i == 1 else "")) for i in range(5)]
    paths = make_corpus(tmp_path / "c", specs)
    out = tmp_path / "out.jsonl"
    start = time.monotonic()
    assert run_cli([*paths, "-o", str(out), "--workers", "2", "--timeout", "1", "-q"]) == 1
    assert time.monotonic() - start < 30
    assert paths_in(out) == [paths[i] for i in (0, 2, 3, 4)]
    (error,) = lines_of(tmp_path / "out.errors.jsonl")
    assert (error["path"], error["stage"], error["error"]) == (paths[1], "extract", "Timeout")
    assert "1 s" in error["message"]


def test_errors_jsonl_names_file_stage_error_and_reason(tmp_path, capfd):
    good = make_corpus(tmp_path, [("good.txt", notice(1))])[0]
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x81\x81\xff\xfe" * 20)
    missing = str(tmp_path / "missing.txt")
    out = tmp_path / "run.jsonl"
    errors_path = tmp_path / "errs" / "e.jsonl"
    code = run_cli([str(empty), good, str(binary), missing, "-o", str(out), "--errors", str(errors_path)])
    assert code == 1
    errors = lines_of(errors_path)
    assert all(list(e) == ["path", "stage", "error", "message"] for e in errors)
    assert [e["path"] for e in errors] == [str(empty), str(binary), missing]
    assert [e["error"] for e in errors][::2] == ["EmptyFile", "FileNotFound"]
    assert errors[1]["stage"] in {"read", "decode"} and errors[1]["error"]
    assert all(e["message"] for e in errors)
    assert paths_in(out) == [good]
    err = capfd.readouterr().err
    assert "Traceback" not in err
    assert f"{missing}: no such file" in err
    assert "1 records, 3 failed" in err


def test_default_errors_file_sits_next_to_the_output(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    for output, expected in [("o.jsonl", "o.errors.jsonl"), ("o.out", "o.out.errors.jsonl")]:
        assert run_cli([str(bad), "-o", str(tmp_path / output), "-q"]) == 1
        assert lines_of(tmp_path / expected)[0]["error"] == "EmptyFile"


def test_a_run_without_failures_leaves_no_errors_file(tmp_path):
    good = make_corpus(tmp_path, [("good.txt", notice(1))])[0]
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    out, errors_path = tmp_path / "o.jsonl", tmp_path / "o.errors.jsonl"
    assert run_cli([good, str(bad), "-o", str(out), "-q"]) == 1
    assert errors_path.exists()
    assert run_cli([good, "-o", str(out), "-q"]) == 0  # the stale errors file must not pass for this run's
    assert not errors_path.exists()
    assert not list(tmp_path.glob("*.part"))


@pytest.mark.parametrize(
    ("argv", "stdin", "expected"),
    [
        (["{good}", "-o", "{out}"], None, 0),
        (["{good}", "{bad}", "-o", "{out}"], None, 1),
        (["{tmp}/nothing-here", "-o", "{out}"], None, 1),
        (["{good}", "-o", "{out}", "--workers", "0"], None, 2),
        (["{good}", "-o", "-", "--resume"], None, 2),
        (["{good}", "-o", "{out}", "--scheduler", "tcp://x:8786"], None, 2),
        (["{good}", "-o", "{out}", "--engine", "spark"], None, 2),
        (["{good}", "-o", "{out}", "-q", "-v"], None, 2),
        (["{good}", "-o", "{out}", "--timeout", "0"], None, 2),
        (["{good}", "-o", "{tmp}"], None, 2),
        (["{good}", "-o", "{good}/o.jsonl"], None, 2),
        (["{good}", "-o", "{out}", "--timeout", "5", "--engine", "dask"], None, 2),
        (["-", "-o", "{out}"], "\n\n", 2),
    ],
)
def test_exit_status(tmp_path, monkeypatch, argv, stdin, expected):
    good = make_corpus(tmp_path, [("good.txt", notice(1))])[0]
    (tmp_path / "bad.txt").write_bytes(b"")
    fill = {
        "good": good,
        "bad": str(tmp_path / "bad.txt"),
        "out": str(tmp_path / "o.jsonl"),
        "tmp": str(tmp_path),
    }
    argv = [a.format(**fill) for a in argv]
    try:
        code = run_cli(argv, stdin=stdin, monkeypatch=monkeypatch)
    except SystemExit as exc:  # argparse's own usage errors
        code = exc.code
    assert code == expected


def test_an_extractor_that_cannot_load_is_a_clear_error(tmp_path, monkeypatch, capfd):
    def broken():
        raise ModuleNotFoundError("No module named 'pipeline.nothing'")

    monkeypatch.setattr(batch, "make_factory", lambda args: broken)
    good = make_corpus(tmp_path, [("good.txt", notice(1))])[0]
    assert run_cli([good, "-o", str(tmp_path / "o.jsonl")]) == 2
    err = capfd.readouterr().err
    assert "cannot load the extractor" in err and "pipeline.nothing" in err
    assert "Traceback" not in err
    assert not (tmp_path / "o.jsonl").exists()
    assert not (tmp_path / "o.jsonl.part").exists()


# --------------------------------------------------------------------------------------------
# Progress


def test_progress_is_silent_when_not_a_terminal_and_verbose_names_files(tmp_path, capfd):
    paths = make_corpus(tmp_path, [("a.txt", notice(1)), ("b.txt", notice(2))])
    out = str(tmp_path / "o.jsonl")
    cases = [
        (["-q"], []),
        ([], ["2 notices: 2 records"]),
        (["-v"], ["ok      " + paths[0], "ok      " + paths[1]]),
    ]
    for flags, expected in cases:
        assert run_cli([*paths, "-o", out, *flags]) == 0
        err = capfd.readouterr().err
        assert "\r" not in err  # no bar
        for text in expected:
            assert text in err
        if not expected:
            assert err == ""


def test_progress_bar_when_stderr_is_a_terminal():
    class Tty(io.StringIO):
        def isatty(self):
            return True

    stream = Tty()
    progress = batch.Progress(3, quiet=False, verbose=False, stream=stream)
    progress.ok("a")
    progress.fail({"path": "b", "stage": "read", "error": "EmptyFile", "message": "the file is empty"})
    progress.close()
    text = stream.getvalue()
    assert "b: the file is empty" in text
    assert "failed=1" in text
    assert batch.Progress(3, quiet=True, verbose=False, stream=Tty()).bar is None


# --------------------------------------------------------------------------------------------
# Atomic output and resume


def test_an_interrupted_run_leaves_the_old_output_untouched(tmp_path):
    paths = make_corpus(tmp_path / "c", [(f"{i}.txt", notice(i)) for i in range(4)])
    out = tmp_path / "o.jsonl"
    out.write_bytes(b"previous complete output\n")

    class Interrupting(StandInExtractor):
        def extract(self, doc):
            if doc.path == paths[2]:
                raise KeyboardInterrupt
            return super().extract(doc)

    with pytest.raises(KeyboardInterrupt):
        batch.run(paths, Interrupting, batch.Options(output=str(out), engine="serial", quiet=True))
    assert out.read_bytes() == b"previous complete output\n"
    assert paths_in(str(out) + ".part") == paths[:2]


def _child_command(paths: list[str], out: Path, *extra: str) -> list[str]:
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import test_batch; "
        "from pipeline import batch, cli; "
        "batch.make_factory = lambda args: test_batch.StandInExtractor; "
        "raise SystemExit(cli.main(sys.argv[2:]))"
    )
    return [sys.executable, "-c", code, str(HERE), "extract", *paths, "-o", str(out), *extra]


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:  # no /proc: nothing to check
        return []


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except (OSError, IndexError):
        return False


def _kill_after_first_records(cmd: list[str], part: Path, sig: int) -> tuple[subprocess.Popen, list[int]]:
    proc = subprocess.Popen(cmd, cwd=ROOT, stderr=subprocess.PIPE)
    deadline = time.time() + 30
    while time.time() < deadline and (not part.exists() or part.read_bytes().count(b"\n") < 2):
        assert proc.poll() is None, "the run ended before it could be interrupted"
        time.sleep(0.02)
    workers = _children(proc.pid)
    proc.send_signal(sig)
    proc.wait(timeout=30)
    return proc, workers


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT, signal.SIGTERM])
def test_killed_run_leaves_no_half_output_and_resume_finishes_it(tmp_path, sig):
    # 24 slow notices on 2 workers take 3.6 s: time enough to interrupt the run on a busy machine
    specs = [(f"{i:02d}.txt", notice(i, "SLOW")) for i in range(24)]
    paths = make_corpus(tmp_path / "c", specs)
    clean = tmp_path / "clean.jsonl"
    assert run_cli([*paths, "-o", str(clean), "-q", "--workers", "2"]) == 0

    out = tmp_path / "out.jsonl"
    part = tmp_path / "out.jsonl.part"
    proc, workers = _kill_after_first_records(_child_command(paths, out, "-q", "--workers", "2"), part, sig)
    assert proc.returncode != 0
    deadline = time.time() + 10  # workers never outlive the main process, even after kill -9
    while time.time() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.1)
    assert not [w for w in workers if _alive(w)]
    assert not out.exists()  # never a half-written output
    assert part.exists()
    done_before = paths_in(part)
    assert 2 <= len(done_before) < len(paths)
    if sig != signal.SIGKILL:
        assert proc.returncode == 130
        assert b"--resume" in proc.stderr.read()

    resumed = subprocess.run(
        _child_command(paths, out, "--resume", "--workers", "2"), cwd=ROOT, capture_output=True
    )
    assert resumed.returncode == 0, resumed.stderr
    assert f"{len(done_before)} already done".encode() in resumed.stderr
    assert out.read_bytes() == clean.read_bytes()
    assert not part.exists()


def test_resume_cuts_a_torn_last_line_and_redoes_only_what_is_missing(tmp_path):
    paths = make_corpus(tmp_path / "c", [(f"{i}.txt", notice(i)) for i in range(5)])
    out = tmp_path / "o.jsonl"
    clean = serial_bytes(paths)
    lines = clean.splitlines(keepends=True)
    # an earlier run died while writing its third record
    (tmp_path / "o.jsonl.part").write_bytes(lines[0] + lines[1] + lines[2][: len(lines[2]) // 2])
    StandInExtractor.events = []
    summary = batch.run(
        paths, StandInExtractor, batch.Options(output=str(out), engine="serial", resume=True, quiet=True)
    )
    assert out.read_bytes() == clean
    assert (summary.skipped, summary.records) == (2, 3)
    assert [e for e in StandInExtractor.events if e.startswith("extract /")] == [
        f"extract {p}" for p in paths[2:]
    ]


def test_resume_from_a_finished_output_adds_new_notices_in_input_order(tmp_path):
    paths = make_corpus(tmp_path / "c", [(f"{i}.txt", notice(i)) for i in range(4)])
    out = tmp_path / "o.jsonl"
    opts = batch.Options(output=str(out), engine="serial", quiet=True)
    batch.run([paths[1], paths[3]], StandInExtractor, opts)
    opts.resume = True
    summary = batch.run(paths, StandInExtractor, opts)
    assert summary.skipped == 2
    assert out.read_bytes() == serial_bytes(paths)
    # a failed notice is retried on resume and lands in its place once it succeeds
    bad = Path(paths[2])
    bad.write_bytes(b"")
    batch.run(paths, StandInExtractor, batch.Options(output=str(out), engine="serial", quiet=True))
    assert paths_in(out) == [paths[0], paths[1], paths[3]]
    bad.write_text(notice(2), encoding="utf-8")
    summary = batch.run(paths, StandInExtractor, opts)
    assert (summary.skipped, summary.records, summary.failed) == (3, 1, 0)
    assert out.read_bytes() == serial_bytes(paths)


def test_without_resume_a_stale_part_file_is_not_reused(tmp_path):
    paths = make_corpus(tmp_path / "c", [("a.txt", notice(1))])
    out = tmp_path / "o.jsonl"
    (tmp_path / "o.jsonl.part").write_bytes(b'{"junk": 1}\n')
    batch.run(paths, StandInExtractor, batch.Options(output=str(out), engine="serial", quiet=True))
    assert out.read_bytes() == serial_bytes(paths)


def test_process_notice_is_pure_and_returns_outcomes(tmp_path):
    good, boom = make_corpus(tmp_path, [("g.txt", notice(1)), ("b.txt", notice(2, "BOOM"))])
    extractor = StandInExtractor()
    kind, line = engines.process_notice(extractor, good)
    assert kind == "ok" and json.loads(line)["source"]["path"] == good
    assert engines.process_notice(extractor, good) == (kind, line)
    assert engines.process_notice(extractor, boom)[0] == "error"
    big = engines.process_notice(extractor, good, max_bytes=10)
    assert big[0] == "error" and big[1]["error"] == "FileTooLarge"


def test_cli_args_map_to_options():
    args = SimpleNamespace(
        workers=None, resume=False, output="x/out.jsonl", scheduler=None, engine="local",
        max_bytes=None, quiet=False, verbose=False, errors_path=None,
    )  # fmt: skip
    opts = batch.options_from_args(args)
    assert (opts.errors_path, opts.max_bytes) == ("x/out.errors.jsonl", batch.DEFAULT_MAX_BYTES)


def test_missing_dask_is_a_clear_error(tmp_path, monkeypatch, capfd):
    import builtins

    real_import = builtins.__import__

    def no_distributed(name, *args, **kwargs):
        if name.split(".")[0] in {"distributed", "dask"}:
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_distributed)
    monkeypatch.setattr(batch, "make_factory", lambda args: StandInExtractor)
    path = make_corpus(tmp_path, [("a.txt", notice(1))])[0]
    assert cli.main(["extract", path, "-o", str(tmp_path / "o.jsonl"), "--engine", "dask"]) == 2
    err = capfd.readouterr().err
    assert "pip install 'policy-extract[dask]'" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("summary", "shown", "hidden"),
    [
        (batch.Summary(notices=0, failures=Counter({"NoNotices": 1}), seconds=0.003), "0.0 s", "notices/s"),
        (batch.Summary(notices=3, skipped=3, records=0, seconds=0.01), "3 already done", "notices/s"),
        (batch.Summary(notices=4, records=3, processed=4, failures=Counter({"EmptyFile": 1}), seconds=2.0), "2.0 notices/s", None),
    ],
)
def test_summary_gives_a_rate_only_for_notices_read(summary, shown, hidden):
    text = summary.text()
    assert shown in text
    if hidden:
        assert hidden not in text


def test_empty_folder_run_has_no_rate(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert run_cli([str(tmp_path / "empty"), "-o", str(tmp_path / "out.jsonl")]) == 1
    err = capsys.readouterr().err
    assert "0 notices: 0 records, 1 failed (NoNotices 1)" in err and "notices/s" not in err
