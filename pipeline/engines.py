"""Engines that run the per-notice function over many paths and yield outcomes in input order.

The per-notice function (:func:`process_notice`) knows nothing of engines: it takes an
extractor and a path and returns ``("ok", line)`` or ``("error", error_dict)``. An engine only
decides where it runs: in this process (serial), in a pool of worker processes (local), or on
a Dask cluster (dask). Every engine yields exactly one outcome per path, in the order of the
paths, so the output is the same bytes whatever the engine and the number of workers.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import multiprocessing
import os
import selectors
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from . import regex_cache
from .errors import PolicyExtractError, RuleFileError
from .reader import DEFAULT_MAX_BYTES, Document, read_document

Outcome = tuple[str, Any]
Factory = Callable[[], Any]

# How many notices a worker holds at once: one being extracted, one waiting, so it never idles.
_PER_WORKER = 2
# How far ahead of the next line to write a pool may run; bounds the reorder buffer (memory).
_WINDOW_PER_WORKER = 16


class EngineError(Exception):
    """The run cannot start or go on (extractor does not load, engine missing): not one notice's fault."""


@dataclass(frozen=True)
class ExtractorSpec:
    """A picklable, hashable recipe for the extractor, so workers and cluster nodes can build their own."""

    rules_dir: str | None = None
    options: tuple[tuple[str, Any], ...] = field(default_factory=tuple)

    def __call__(self) -> Any:
        from .extract import Extractor

        return Extractor(rules_dir=self.rules_dir, **dict(self.options))


def error_outcome(path: str, stage: str, error: str, message: str) -> Outcome:
    return ("error", {"path": path, "stage": stage, "error": error, "message": message})


def process_notice(extractor: Any, path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Outcome:
    """One notice to one JSONL line, or to the error that stopped it; never raises for bad input."""
    try:
        doc = read_document(path, max_bytes=max_bytes)
    except PolicyExtractError as exc:
        return ("error", exc.to_json_dict())
    except Exception as exc:  # a reader bug must not stop the run either
        return error_outcome(path, "read", type(exc).__name__, _describe(exc))
    try:
        record = extractor.extract(doc)
    except PolicyExtractError as exc:
        return ("error", exc.to_json_dict())
    except Exception as exc:
        return error_outcome(path, "extract", type(exc).__name__, _describe(exc))
    try:
        line = record.to_json_line()
    except Exception as exc:
        return error_outcome(path, "write", type(exc).__name__, _describe(exc))
    return ("ok", line)


def _describe(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


# ---------------------------------------------------------------------------------------------
# Per-process extractor: built once, reused for every notice the process handles.

_EXTRACTORS: dict[Any, Any] = {}

_WARM_UP_TEXT = (
    "关于2024年为全区妇女儿童办实事的通知\n"
    "一、实施适龄妇女“两癌”免费检查行动。为全区35—64岁适龄妇女进行免费检查，筛查率达到90%，"
    "改扩建2所幼儿园。（责任单位：区卫生健康局、区妇联）\n"
)


def get_extractor(factory: Factory) -> Any:
    """The process's extractor for ``factory``, built and warmed on first use."""
    extractor = _EXTRACTORS.get(factory)
    if extractor is None:
        _quiet_jieba()
        extractor = factory()
        warm_up(extractor)
        regex_cache.save()  # the rules' patterns, for the next process
        _EXTRACTORS[factory] = extractor
    return extractor


def _quiet_jieba() -> None:
    """No dictionary-loading chatter on stderr; a filter, because importing jieba resets its level."""
    logger = logging.getLogger("jieba")
    if not any(isinstance(f, _BelowWarning) for f in logger.filters):
        logger.addFilter(_BelowWarning())


class _BelowWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.WARNING


def warm_up(extractor: Any) -> None:
    """Load what the extractor loads lazily (dictionaries, models) now, not on the first notice.

    Done in the parent before forking, the loaded state is shared by every worker.
    """
    hook = getattr(extractor, "warm_up", None)
    if callable(hook):
        hook()
        return
    doc = Document(
        doc_id="warm-up",
        path="<warm-up>",
        format="txt",
        encoding="utf-8",
        sha256="0" * 64,
        text=_WARM_UP_TEXT,
    )
    with contextlib.suppress(Exception):  # best effort: a real notice reports its own error
        extractor.extract(doc)


# ---------------------------------------------------------------------------------------------
# Serial engine.


def run_serial(
    paths: Sequence[str], factory: Factory, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Outcome]:
    """In this process: the reference every other engine must reproduce byte for byte."""
    extractor = _build_or_fail(factory)
    for path in paths:
        yield process_notice(extractor, path, max_bytes)
    regex_cache.save()


def _build_or_fail(factory: Factory) -> Any:
    try:
        return get_extractor(factory)
    except RuleFileError as exc:
        raise EngineError(f"cannot load the extractor: the rules do not validate, one line per problem:\n{exc}") from None
    except Exception as exc:
        raise EngineError(f"cannot load the extractor: {type(exc).__name__}: {_describe(exc)}") from None


# ---------------------------------------------------------------------------------------------
# Local engine: a process pool that survives a worker's death.


def _worker_main(conn: Any, factory: Factory, max_bytes: int) -> None:
    """A worker: build (or inherit) the extractor, then answer ``(index, path)`` until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        extractor = get_extractor(factory)
    except Exception as exc:
        conn.send(("init-error", f"{type(exc).__name__}: {_describe(exc)}"))
        return
    conn.send(("ready", None))
    parent = os.getppid()
    while True:
        try:
            if not conn.poll(1.0):
                if os.getppid() != parent:  # the main process died without telling us (kill -9)
                    return
                continue
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            regex_cache.save()  # patterns first met in a notice, for the next run
            return
        index, path = task
        conn.send((index, process_notice(extractor, path, max_bytes)))


@dataclass
class _Worker:
    process: Any
    conn: Any
    tasks: deque = field(default_factory=deque)  # indices sent, oldest first
    ready: bool = False
    since: float = 0.0  # when the oldest task began: its result arrives before the next one starts


def _start_method() -> str:
    """Fork where the platform forks by default (the extractor is then built once, before forking)."""
    return multiprocessing.get_start_method(allow_none=False)


class LocalPool:
    """N worker processes fed one notice at a time; a worker that dies costs only the notice it held."""

    def __init__(
        self, factory: Factory, workers: int, max_bytes: int = DEFAULT_MAX_BYTES, timeout: float | None = None
    ) -> None:
        self.factory = factory
        self.n = max(1, workers)
        self.max_bytes = max_bytes
        self.timeout = timeout
        self.ctx = multiprocessing.get_context(_start_method())
        self.workers: list[_Worker] = []
        self.selector = selectors.DefaultSelector()

    def _spawn(self) -> _Worker:
        parent, child = self.ctx.Pipe(duplex=True)
        proc = self.ctx.Process(target=_worker_main, args=(child, self.factory, self.max_bytes), daemon=True)
        proc.start()
        child.close()
        worker = _Worker(proc, parent)
        # one selector for the run: the worker's pipe (a result) and its sentinel (its death)
        self.selector.register(parent, selectors.EVENT_READ, worker)
        self.selector.register(proc.sentinel, selectors.EVENT_READ, worker)
        return worker

    def run(self, paths: Sequence[str]) -> Iterator[Outcome]:
        if self.ctx.get_start_method() == "fork":
            _build_or_fail(self.factory)  # before forking: every worker inherits it
            gc.freeze()  # keep the collector off the inherited objects, so their pages stay shared
        try:
            self.workers = [self._spawn() for _ in range(min(self.n, max(1, len(paths))))]
            yield from self._loop(paths)
        finally:
            self.close()

    def _loop(self, paths: Sequence[str]) -> Iterator[Outcome]:
        todo: deque[int] = deque(range(len(paths)))
        done: dict[int, Outcome] = {}
        next_out = 0
        window = _WINDOW_PER_WORKER * self.n + 8
        while next_out < len(paths):
            self._dispatch(paths, todo, next_out + window)
            for key, _ in self.selector.select(self._wait_for()):
                worker = key.data
                if worker not in self.workers:
                    continue
                self._drain(worker, done)
                if not worker.process.is_alive() and worker in self.workers:
                    self._bury(worker, paths, todo, done)
            self._stop_overdue(paths, todo, done)
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1

    def _dispatch(self, paths: Sequence[str], todo: deque[int], limit: int) -> None:
        for worker in self.workers:
            while worker.ready and todo and len(worker.tasks) < _PER_WORKER and todo[0] < limit:
                index = todo.popleft()
                worker.conn.send((index, paths[index]))
                if not worker.tasks:
                    worker.since = time.monotonic()
                worker.tasks.append(index)

    def _drain(self, worker: _Worker, done: dict[int, Outcome]) -> None:
        while True:
            try:
                if not worker.conn.poll():
                    return
                kind, payload = worker.conn.recv()
            except (EOFError, OSError):
                return
            if kind == "ready":
                worker.ready = True
            elif kind == "init-error":
                raise EngineError(f"cannot load the extractor in a worker: {payload}")
            else:
                worker.tasks.remove(kind)
                worker.since = time.monotonic()
                done[kind] = payload

    def _wait_for(self) -> float | None:
        """Seconds until the first notice runs over ``timeout``; None to wait without limit."""
        if self.timeout is None:
            return None
        started = [w.since for w in self.workers if w.tasks]
        if not started:
            return None
        return max(0.0, min(started) + self.timeout - time.monotonic())

    def _stop_overdue(self, paths: Sequence[str], todo: deque[int], done: dict[int, Outcome]) -> None:
        if self.timeout is None:
            return
        now = time.monotonic()
        for worker in list(self.workers):
            if worker.tasks and now - worker.since > self.timeout:
                worker.process.kill()
                reason = f"extracting this notice took over {self.timeout:g} s; its worker was stopped"
                self._bury(worker, paths, todo, done, ("Timeout", reason))

    def _bury(
        self,
        worker: _Worker,
        paths: Sequence[str],
        todo: deque[int],
        done: dict[int, Outcome],
        cause: tuple[str, str] | None = None,
    ) -> None:
        """Charge the dead worker's current notice, give back the ones it had not started, replace it."""
        worker.process.join()
        code = worker.process.exitcode
        if worker.tasks:
            culprit = worker.tasks.popleft()
            error, message = cause or ("WorkerCrashed", _death(code))
            done[culprit] = error_outcome(paths[culprit], "extract", error, message)
            again = sorted([*worker.tasks, *todo])  # keep todo ascending: the window relies on it
            todo.clear()
            todo.extend(again)
        elif not worker.ready:
            raise EngineError(f"a worker died while loading the extractor ({_death(code)})")
        self._forget(worker)
        worker.conn.close()
        self.workers.remove(worker)
        if todo:
            self.workers.append(self._spawn())

    def close(self) -> None:
        for worker in self.workers:
            with contextlib.suppress(OSError, ValueError):
                worker.conn.send(None)
        for worker in self.workers:
            worker.process.join(timeout=2)
            if worker.process.is_alive():
                worker.process.terminate()
                worker.process.join(timeout=2)
            self._forget(worker)
            worker.conn.close()
        self.workers = []
        self.selector.close()

    def _forget(self, worker: _Worker) -> None:
        with contextlib.suppress(KeyError, ValueError):
            self.selector.unregister(worker.conn)
        with contextlib.suppress(KeyError, ValueError):
            self.selector.unregister(worker.process.sentinel)


def _death(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"the worker process was killed by {name} while extracting this notice"
    return f"the worker process exited with status {code} while extracting this notice"


def run_local(
    paths: Sequence[str],
    factory: Factory,
    workers: int | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float | None = None,
) -> Iterator[Outcome]:
    return LocalPool(factory, workers or default_workers(), max_bytes, timeout).run(paths)


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# ---------------------------------------------------------------------------------------------
# Dask engine.

DASK_MISSING = (
    "--engine dask needs Dask, which is not installed; install the extra with: "
    "pip install 'policy-extract[dask]'  (or pip install \"dask[distributed]\")"
)


def dask_task(path: str, factory: Factory, max_bytes: int) -> Outcome:
    """The task a Dask worker runs: the same per-notice function, extractor cached per worker process."""
    return process_notice(get_extractor(factory), path, max_bytes)


def run_dask(
    paths: Sequence[str],
    factory: Factory,
    scheduler: str | None = None,
    workers: int | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Outcome]:
    """On a Dask cluster at ``scheduler``, or on a local cluster of ``workers`` processes."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise EngineError(DASK_MISSING) from None
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout="30s")
        else:
            cluster = LocalCluster(
                n_workers=workers or default_workers(),
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",
                silence_logs=logging.ERROR,
            )
            client = Client(cluster)
    except OSError as exc:
        if cluster is not None:
            cluster.close()
        raise EngineError(f"cannot reach the Dask scheduler {scheduler or '(local)'}: {exc}") from None
    try:
        yield from _dask_loop(client, paths, factory, max_bytes)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _dask_loop(client: Any, paths: Sequence[str], factory: Factory, max_bytes: int) -> Iterator[Outcome]:
    from distributed import KilledWorker

    nthreads = max(1, sum(client.nthreads().values()))
    window = _WINDOW_PER_WORKER * nthreads + 8
    pending: deque = deque()
    submitted = 0
    for index in range(len(paths)):
        while submitted < len(paths) and submitted < index + window:
            fut = client.submit(dask_task, paths[submitted], factory, max_bytes, pure=False)
            pending.append(fut)
            submitted += 1
        fut = pending.popleft()
        try:
            yield fut.result()
        except KilledWorker:
            yield error_outcome(
                paths[index], "extract", "WorkerCrashed", "the Dask worker died while extracting this notice"
            )
        except Exception as exc:
            yield error_outcome(paths[index], "extract", type(exc).__name__, _describe(exc))
        finally:
            fut.release()
