"""``policy-extract extract``: many notices in, one JSONL line per notice out, in input order.

A run never stops for one bad notice: its failure goes to the errors JSONL and the summary.
The output file only ever appears complete: lines go to ``OUTPUT.part`` and the finished
file replaces OUTPUT in one ``os.replace``. After a crash or Ctrl-C the ``.part`` file stays,
and ``--resume`` continues from it without redoing or duplicating a notice.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import signal
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import IO, Any, TextIO

from . import jsonl, paths
from .paths import RealPaths
from .reader import DEFAULT_MAX_BYTES

EXIT_OK, EXIT_FAILURES, EXIT_USAGE = 0, 1, 2
DEFAULT_GLOBS = ("*.txt", "*.docx", "*.html", "*.htm", "*.pdf")
PART_SUFFIX = ".part"
#: Seconds a notice may take on the local engine before its worker is stopped. Extraction is
#: linear in the text (a few µs a character), so this is far beyond any notice under --max-bytes;
#: it only stops what would otherwise hold a worker for good.
DEFAULT_TIMEOUT = 300.0

Outcome = tuple[str, Any]


class UsageError(Exception):
    """A command line that cannot run: exit status 2."""


# ---------------------------------------------------------------------------------------------
# Inputs.


def expand_inputs(
    inputs: Sequence[str], globs: Sequence[str] | None = None, stdin: TextIO | None = None
) -> tuple[list[str], list[dict[str, str]]]:
    """Files as given, folders walked recursively (sorted), ``-`` read as one path per line.

    A path met twice is kept once, where it first appears. A folder with no matching file is an
    error of its own, so that a typo in ``--glob`` does not pass for an empty corpus.
    """
    patterns = [g.lower() for g in (globs or DEFAULT_GLOBS)]
    paths: list[str] = []
    errors: list[dict[str, str]] = []
    seen: set[str] = set()
    real = RealPaths()

    def add(path: str) -> None:
        key = real(path)
        if key not in seen:
            seen.add(key)
            paths.append(path)

    for arg in _with_stdin(inputs, stdin):
        if os.path.isdir(arg):
            found = list(walk_folder(arg, patterns))
            if not found:
                shown = ", ".join(patterns)
                errors.append(_error(arg, "read", "NoNotices", f"folder holds no file matching {shown}"))
            for path in found:
                add(path)
        else:
            add(arg)  # a missing file fails at read, in its place, with a clear message
    return paths, errors


def _with_stdin(inputs: Sequence[str], stdin: TextIO | None) -> Iterator[str]:
    for arg in inputs:
        if arg == "-":
            stream = stdin if stdin is not None else sys.stdin
            if _isatty(stream):
                print(
                    "policy-extract: reading paths from standard input, one per line (Ctrl-D ends)",
                    file=sys.stderr,
                )
            for line in stream:
                line = line.rstrip("\r\n")
                if line.strip():
                    yield line
        else:
            yield arg


def walk_folder(folder: str, patterns: Sequence[str]) -> Iterator[str]:
    """Matching files under ``folder`` in a stable order; hidden files and folders are skipped."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and any(fnmatchcase(name.lower(), p) for p in patterns):
                yield os.path.join(root, name)


def _error(path: str, stage: str, error: str, message: str) -> dict[str, str]:
    return {"path": path, "stage": stage, "error": error, "message": message}


# ---------------------------------------------------------------------------------------------
# Outputs.


class StreamSink:
    """Records to a byte stream (stdout), one flushed line at a time."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.done: set[str] = set()
        self.target = "-"

    def write(self, path: str, line: str) -> None:
        self.stream.write(line.encode("utf-8") + b"\n")
        self.stream.flush()

    def finish(self) -> None:
        self.stream.flush()

    def abort(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.stream.flush()


class FileSink:
    """Records to ``target`` through ``target.part``, replaced into place only when complete.

    With ``resume`` the records of an earlier run (its ``.part``, else the finished file) are
    kept and their notices skipped. The finished file holds the inputs' records in input
    order, then any earlier record of a notice not among this run's inputs.
    """

    def __init__(self, target: str, inputs: Sequence[str], resume: bool = False) -> None:
        self.target = target
        self.part = target + PART_SUFFIX
        real = RealPaths()
        self.keys = {p: real(p) for p in inputs}  # each input's real path, resolved once
        self.order = {self.keys[p]: i for i, p in enumerate(inputs)}
        self.where: dict[str, tuple[int, int]] = {}  # notice key -> (offset, length) in .part
        self.sequence: list[str] = []  # keys in the order their lines sit in .part
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        self.fh = _open_locked(self.part, target)
        if resume:
            self._adopt_previous()
        else:
            self.fh.truncate(0)
        self.fh.seek(0, os.SEEK_END)
        self.done = {k for k in self.where if k in self.order}

    def _adopt_previous(self) -> None:
        if self.fh.seek(0, os.SEEK_END) == 0 and os.path.exists(self.target):
            with open(self.target, "rb") as src:
                shutil.copyfileobj(src, self.fh)
            self.fh.flush()
        self.fh.seek(0)
        good = 0
        for raw in self.fh:
            key = _record_key(raw)
            if key is None:  # the torn last line of a killed run, or garbage: cut from here
                break
            if key not in self.where:
                self.where[key] = (good, len(raw))
                self.sequence.append(key)
            good += len(raw)
        self.fh.truncate(good)

    def write(self, path: str, line: str) -> None:
        data = line.encode("utf-8") + b"\n"
        key = self.keys.get(path) or _key(path)
        offset = self.fh.tell()
        self.fh.write(data)
        self.fh.flush()  # in the OS's hands: a killed run keeps every finished line for --resume
        if key not in self.where:
            self.where[key] = (offset, len(data))
            self.sequence.append(key)

    def finish(self) -> None:
        """Replace the target while still holding the lock, so no other run can slip in between."""
        self.fh.flush()
        os.fsync(self.fh.fileno())
        try:
            wanted = sorted((k for k in self.where if k in self.order), key=self.order.__getitem__)
            wanted += [k for k in self.sequence if k not in self.order]
            if wanted == self.sequence and self._contiguous():
                os.replace(self.part, self.target)
                return
            tmp = self.part + ".tmp"
            with open(tmp, "wb") as dst:
                for key in wanted:
                    offset, length = self.where[key]
                    self.fh.seek(offset)
                    dst.write(self.fh.read(length))
                dst.flush()
                os.fsync(dst.fileno())
            os.replace(tmp, self.target)
            os.remove(self.part)
        finally:
            self.fh.close()

    def _contiguous(self) -> bool:
        pos = 0
        for key in self.sequence:
            offset, length = self.where[key]
            if offset != pos:
                return False
            pos += length
        return pos == os.fstat(self.fh.fileno()).st_size

    def abort(self) -> None:
        """Keep what is done for --resume; an empty ``.part`` would only be litter."""
        with contextlib.suppress(OSError, ValueError):
            self.fh.flush()
            if os.fstat(self.fh.fileno()).st_size == 0:
                os.remove(self.part)
        with contextlib.suppress(OSError, ValueError):
            self.fh.close()


class OutputBusy(UsageError):
    """Another run is writing the same output."""


def _open_locked(part: str, target: str) -> IO[bytes]:
    """``part`` opened for update without truncating it, under an exclusive lock.

    Two runs given the same ``-o`` would otherwise share one ``.part`` file and splice their
    lines; the second is refused instead. The lock goes with the process, so a killed run
    leaves none behind.
    """
    fh = open(part, "a+b")  # noqa: SIM115 - closed by finish/abort
    try:
        import fcntl
    except ImportError:  # not on a POSIX system: no lock
        return fh
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        fh.close()
        raise OutputBusy(
            f"another run is writing {target} (it holds {part}); wait for it to end or choose another -o"
        ) from None
    return fh


def _key(path: str) -> str:
    return os.path.realpath(path)


def _record_key(raw: bytes) -> str | None:
    if not raw.endswith(b"\n"):
        return None
    try:
        source = json.loads(raw)["source"]
        path, encoded = source["path"], source.get("path_bytes")
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    if not isinstance(path, str):
        return None
    return _key(paths.original(path, encoded if isinstance(encoded, str) else None))


class ErrorSink:
    """The errors JSONL, written through a ``.part`` file like the records.

    Opened at the first failure; a run without failures leaves no errors file (and removes
    the one an earlier run left, which would otherwise pass for this run's).
    """

    def __init__(self, path: str | None) -> None:
        self.path = path
        self.fh: IO[bytes] | None = None
        self.lines: Any = None

    def write(self, error: dict[str, str]) -> None:
        if not self.path:
            return
        if self.fh is None:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.fh = open(self.path + PART_SUFFIX, "wb")  # noqa: SIM115 - closed by finish/abort
            self.lines = jsonl.writer(self.fh)
        self.lines.write(paths.clean_error(error))

    def finish(self) -> None:
        if not self.path:
            return
        if self.fh is None:
            with contextlib.suppress(FileNotFoundError):
                os.remove(self.path)
            return
        self.fh.close()
        os.replace(self.path + PART_SUFFIX, self.path)

    def abort(self) -> None:
        if self.fh is not None:
            self.fh.close()


# ---------------------------------------------------------------------------------------------
# Progress and summary.


class Progress:
    """A bar on stderr (notices, notices/s, failures) only when stderr is a terminal; messages otherwise."""

    def __init__(self, total: int, quiet: bool, verbose: bool, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.verbose = verbose and not quiet
        self.failed = 0
        self.bar = None
        if not quiet and _isatty(self.stream) and total > 1:
            from tqdm import tqdm

            tqdm.monitor_interval = 0  # no monitor thread: workers may be forked later
            self.bar = tqdm(total=total, file=self.stream, unit="notice", dynamic_ncols=True, leave=False)

    def say(self, message: str) -> None:
        if self.bar is not None:
            self.bar.write(message, file=self.stream)
        else:
            print(message, file=self.stream, flush=True)

    def ok(self, path: str) -> None:
        if self.verbose:
            self.say(f"ok      {paths.shown(path)}")
        self._tick()

    def fail(self, error: dict[str, str]) -> None:
        self.failed += 1
        if not self.quiet:
            error = paths.clean_error(error)
            self.say(f"failed  {error['path']}: {error['message']} ({error['stage']}: {error['error']})")
        if self.bar is not None:
            self.bar.set_postfix(failed=self.failed)
        self._tick()

    def skip(self, path: str) -> None:
        if self.verbose:
            self.say(f"skipped {paths.shown(path)} (already in the output)")
        self._tick()

    def _tick(self) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


@dataclass
class Summary:
    notices: int = 0
    records: int = 0
    skipped: int = 0
    processed: int = 0  # notices read in this run: inputs that never became a notice are not among them
    failures: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    output: str = "-"
    errors_path: str | None = None

    @property
    def failed(self) -> int:
        return sum(self.failures.values())

    @property
    def exit_code(self) -> int:
        return EXIT_FAILURES if self.failed else EXIT_OK

    def text(self) -> str:
        parts = [f"{self.notices} notices: {self.records} records, {self.failed} failed"]
        if self.failures:
            parts[0] += " (" + ", ".join(f"{name} {n}" for name, n in self.failures.most_common()) + ")"
        if self.skipped:
            parts.append(f"{self.skipped} already done (--resume)")
        timing = f"{self.seconds:.1f} s"
        if self.processed and self.seconds > 0:  # no rate when no notice was read
            timing += f", {self.processed / self.seconds:.1f} notices/s"
        parts.append(timing)
        lines = ["policy-extract: " + "; ".join(parts)]
        if self.output != "-":
            lines.append(f"  records: {self.output}")
        if self.errors_path and self.failed:
            lines.append(f"  errors:  {self.errors_path}")
        return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# The run.


@dataclass
class Options:
    output: str = "-"
    errors_path: str | None = None
    workers: int | None = None
    engine: str = "local"
    scheduler: str | None = None
    resume: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    quiet: bool = False
    verbose: bool = False
    timeout: float | None = None


def outcomes(paths: Sequence[str], factory: Callable[[], Any], opts: Options) -> Iterator[Outcome]:
    """The engine chosen by ``opts``, yielding one outcome per path in input order."""
    from . import engines

    if not paths:
        return iter(())
    if opts.engine == "serial":
        return engines.run_serial(paths, factory, opts.max_bytes)
    if opts.engine == "dask":
        return engines.run_dask(paths, factory, opts.scheduler, opts.workers, opts.max_bytes)
    return engines.run_local(paths, factory, opts.workers, opts.max_bytes, opts.timeout)


def run(
    paths: Sequence[str],
    factory: Callable[[], Any],
    opts: Options,
    input_errors: Iterable[dict[str, str]] = (),
    stdout: IO[bytes] | None = None,
    stderr: TextIO | None = None,
) -> Summary:
    """Extract every path; return the summary. Raises EngineError when the run cannot start."""
    start = time.perf_counter()
    if opts.output == "-":
        sink: StreamSink | FileSink = StreamSink(stdout or sys.stdout.buffer)
    else:
        try:
            sink = FileSink(opts.output, paths, resume=opts.resume)
        except OSError as exc:
            raise UsageError(f"cannot write {exc.filename or opts.output}: {exc.strerror or exc}") from None
    errors = ErrorSink(opts.errors_path)
    summary = Summary(notices=len(paths), output=opts.output, errors_path=opts.errors_path)
    todo = [p for p in paths if _key(p) not in sink.done] if sink.done else list(paths)
    summary.skipped = len(paths) - len(todo)
    progress = Progress(len(todo), opts.quiet, opts.verbose, stderr)
    try:
        for error in input_errors:
            _record_failure(error, errors, progress, summary)
        for path, (kind, payload) in zip(todo, outcomes(todo, factory, opts), strict=True):
            summary.processed += 1
            if kind == "ok":
                sink.write(path, payload)
                summary.records += 1
                progress.ok(path)
            else:
                _record_failure(payload, errors, progress, summary)
    except BaseException:
        progress.close()
        sink.abort()
        errors.abort()
        raise
    progress.close()
    sink.finish()
    errors.finish()
    summary.seconds = time.perf_counter() - start
    return summary


def _record_failure(error: dict[str, str], errors: ErrorSink, progress: Progress, summary: Summary) -> None:
    errors.write(error)
    summary.failures[error["error"]] += 1
    progress.fail(error)


def options_from_args(args: Any) -> Options:
    """Check the command line's combinations; raise UsageError with the reason."""
    if args.workers is not None and args.workers < 1:
        raise UsageError(f"--workers must be 1 or more, not {args.workers}")
    if args.resume and args.output == "-":
        raise UsageError("--resume needs an output file (-o FILE): it continues that file")
    if args.scheduler and args.engine != "dask":
        raise UsageError("--scheduler is for --engine dask")
    if args.max_bytes is not None and args.max_bytes < 1:
        raise UsageError(f"--max-bytes must be positive, not {args.max_bytes}")
    timeout = getattr(args, "timeout", None)
    if timeout is not None and timeout <= 0:
        raise UsageError(f"--timeout must be positive, not {timeout:g}")
    if timeout is not None and args.engine != "local":
        raise UsageError("--timeout is for the local engine")
    if timeout is None and args.engine == "local":
        timeout = DEFAULT_TIMEOUT
    if args.quiet and args.verbose:
        raise UsageError("--quiet and --verbose exclude each other")
    if args.output != "-" and os.path.isdir(args.output):
        raise UsageError(
            f"--output {args.output} is a folder; name a file such as {os.path.join(args.output, 'out.jsonl')}"
        )
    errors_path = args.errors_path
    if errors_path is None and args.output != "-":
        errors_path = _default_errors_path(args.output)
    if (
        errors_path is not None
        and args.output != "-"
        and os.path.realpath(errors_path) == os.path.realpath(args.output)
    ):
        raise UsageError("--errors and --output name the same file")
    return Options(
        output=args.output,
        errors_path=errors_path,
        workers=args.workers,
        engine=args.engine,
        scheduler=args.scheduler,
        resume=args.resume,
        max_bytes=args.max_bytes or DEFAULT_MAX_BYTES,
        quiet=args.quiet,
        verbose=args.verbose,
        timeout=timeout,
    )


def _default_errors_path(output: str) -> str:
    stem = output[: -len(".jsonl")] if output.endswith(".jsonl") else output
    return stem + ".errors.jsonl"


def make_factory(args: Any) -> Callable[[], Any]:
    """The extractor recipe the workers build from; picklable so every engine can ship it."""
    from .engines import ExtractorSpec

    options: tuple[tuple[str, Any], ...] = (("use_spacy", True),) if getattr(args, "spacy", False) else ()
    rules = os.path.abspath(args.rules) if args.rules else None  # the same folder seen from any worker
    return ExtractorSpec(rules_dir=rules, options=options)


def main(args: Any) -> int:
    """Entry point of ``policy-extract extract``; returns the exit status."""
    from .engines import EngineError

    try:
        opts = options_from_args(args)
        paths, input_errors = expand_inputs(args.inputs, args.glob)
        if not paths and not input_errors:
            raise UsageError("no input files (an empty list on stdin?)")
    except UsageError as exc:
        print(f"policy-extract extract: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    with _sigterm_as_interrupt():
        try:
            summary = run(paths, make_factory(args), opts, input_errors)
        except (EngineError, UsageError) as exc:
            print(f"policy-extract extract: error: {exc}", file=sys.stderr)
            return EXIT_USAGE
        except OSError as exc:  # the output itself failed (disk full, removed folder): stop, say where
            print(f"policy-extract extract: error: {_write_failure(exc, opts.output)}", file=sys.stderr)
            return EXIT_FAILURES
        except KeyboardInterrupt:
            if opts.output != "-":
                print(
                    f"policy-extract: stopped; the records so far are in {opts.output}{PART_SUFFIX}, "
                    "run the same command with --resume to continue",
                    file=sys.stderr,
                )
            raise
    if not opts.quiet:
        print(summary.text(), file=sys.stderr)
    return summary.exit_code


def _write_failure(exc: OSError, output: str) -> str:
    """What went wrong writing the output, where, and how to go on from the records kept."""
    if output == "-":
        return f"writing to standard output: {exc.strerror or exc}"
    part = output + PART_SUFFIX
    where = exc.filename or part
    message = f"writing {where}: {exc.strerror or exc}"
    if os.path.exists(part):
        full = exc.errno in (errno.ENOSPC, errno.EDQUOT)
        fix = "free some space, then run" if full else "run"
        message += f"; the records so far are kept in {part}: {fix} the same command with --resume to continue"
    return message


class _sigterm_as_interrupt:
    """A TERM signal ends the run like Ctrl-C does: partial output kept for --resume, workers stopped."""

    def __enter__(self) -> None:
        self.previous = None
        with contextlib.suppress(ValueError):  # not the main thread: leave TERM alone
            self.previous = signal.signal(signal.SIGTERM, _raise_interrupt)

    def __exit__(self, *exc: object) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGTERM, self.previous)


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
