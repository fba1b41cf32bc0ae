"""Compiled patterns kept between runs, so that a process does not parse the rules' patterns again.

The ``regex`` module parses and optimises a pattern in Python (about 1 ms per pattern of the
rules, a third of start-up) before handing a list of opcodes to its C core. This module keeps
those opcodes in one file of the cache folder, keyed by the pattern's text, its flags and the
``regex`` and Python versions, and builds a later process's patterns from them directly. The
pattern behaves the same either way: the opcodes are exactly what ``regex`` computes.

Within a process the built patterns are kept by text too, which also makes a module-level call
with a string pattern (``regex.search(PATTERN, s)``) a dictionary look-up instead of ``regex``'s
slower one (flag arithmetic on enums, locale checks): ~1 µs instead of ~4 µs, tens of thousands
of calls a run. Only plain string patterns are kept (no named lists, no locale): everything
else, and every pattern that does not compile, goes through ``regex`` unchanged.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
import threading
from pathlib import Path
from typing import Any

import regex

from .cachefiles import cache_dir, write_atomically

try:
    import regex._main as _main
except ImportError:  # another layout of the package: no cache (see install)
    _main = None

_UNCACHED = int(regex.LOCALE | regex.DEBUG)
_KEEP_AT_MOST = 2000  # patterns made up at run time past this go to regex's own (bounded) cache

_real_compile = getattr(_main, "_compile", None)
_core = getattr(_main, "_regex", None)
_lock = threading.RLock()
_built: dict[tuple[str, int, int], Any] = {}  # key -> pattern object, this process
_opcodes: dict[tuple[str, int, int], tuple] = {}  # key -> arguments of the C core's compile
_loaded = False
_unsaved = False


class _Recorder:
    """Stands in for ``regex``'s C core while a pattern is compiled, to keep the core's arguments."""

    def __init__(self) -> None:
        self.thread = threading.get_ident()
        self.args: tuple | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(_core, name)

    def compile(self, *args: Any) -> Any:
        if threading.get_ident() == self.thread:  # not another thread's pattern compiled meanwhile
            self.args = args
        return _core.compile(*args)


def cache_file() -> Path:
    version = f"{regex.__version__}-py{sys.version_info[0]}.{sys.version_info[1]}"
    return cache_dir() / f"patterns-{version}.marshal"


def _load() -> None:
    global _loaded
    _loaded = True
    with contextlib.suppress(Exception):  # a missing or damaged file only means compiling again
        data = marshal.loads(cache_file().read_bytes())
        if isinstance(data, dict):
            _opcodes.update(data)


def _compile(pattern: Any, flags: Any, ignore_unused: Any, kwargs: Any, cache_it: Any) -> Any:
    """``regex``'s own compile step, with the opcodes of plain string patterns remembered."""
    if kwargs or type(pattern) is not str or flags & _UNCACHED:
        return _real_compile(pattern, flags, ignore_unused, kwargs, cache_it)
    key = (pattern, int(flags), int(regex.DEFAULT_VERSION))
    found = _built.get(key)
    if found is not None:
        return found
    if len(_built) >= _KEEP_AT_MOST:
        return _real_compile(pattern, flags, ignore_unused, kwargs, cache_it)
    with _lock:
        if not _loaded:
            _load()
        args = _opcodes.get(key)
        if args is not None:
            with contextlib.suppress(Exception):  # opcodes the core refuses: compile as usual
                found = _built[key] = _core.compile(*args)
                return found
            del _opcodes[key]
        recorder = _Recorder()
        _main._regex = recorder
        try:
            found = _real_compile(pattern, flags, ignore_unused, kwargs, cache_it)
        finally:
            _main._regex = _core
        args = recorder.args
        if args is not None and not int(args[1]) & _UNCACHED:
            _opcodes[key] = (args[0], int(args[1]), *args[2:])
            _built[key] = found
            global _unsaved
            _unsaved = True
        return found


_EXPECTED = ("pattern", "flags", "ignore_unused", "kwargs", "cache_it")


def install() -> None:
    """Route ``regex``'s compile step through this cache (idempotent).

    Only where ``regex``'s compile step looks as this module expects; another version of it
    keeps compiling every pattern itself. The step is the process's, so patterns of other code in
    the process go through the cache too; ``POLICY_EXTRACT_PATTERN_CACHE=0`` leaves ``regex`` as it is.
    """
    if os.environ.get("POLICY_EXTRACT_PATTERN_CACHE", "").strip().lower() in {"0", "no", "off", "false"}:
        return  # the user asked for regex untouched
    code = getattr(_real_compile, "__code__", None)
    if code is not None and _core is not None and code.co_argcount == len(_EXPECTED) and code.co_varnames[:5] == _EXPECTED:
        _main._compile = _compile


def save() -> None:
    """Write the patterns compiled so far, if any are new; best effort, atomic."""
    global _unsaved
    if not _unsaved:
        return
    with _lock:
        # what this process used: a pattern whose text changes from run to run (words from a set)
        # would otherwise pile up in the file, which every process reads
        data = {k: _opcodes[k] for k in _built if k in _opcodes}
        _unsaved = False
    with contextlib.suppress(ValueError):  # a pattern of other code whose opcodes marshal refuses
        write_atomically(cache_file(), marshal.dumps(data))
