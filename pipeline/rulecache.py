"""Validated rules kept between runs, so that a process does not parse and check them again.

Reading the rule files (TOML), validating them against their models and compiling every
pattern to check it costs about 40 ms, a sixth of a process's start-up, and gives the same
objects every time the files and the code are the same. This module keeps those objects in
one file of the cache folder, keyed by the rule files' bytes, the package's modules (size and
modification time) and the Python and pydantic versions; a later process with the same key
loads them in about 2 ms. A missing, stale or damaged file only means loading the rules as
usual and writing the file again; rules that fail to load are never kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .cachefiles import cache_dir, forget_old, write_atomically

FORMAT = 1
_PACKAGE = Path(__file__).resolve().parent


def _key(rules_dir: Path) -> str | None:
    """Changes whenever a rule file, a module of the package or a version that shapes the objects changes."""
    import pydantic

    h = hashlib.sha256(f"{FORMAT}\n{sys.version}\n{pydantic.VERSION}\n{rules_dir.resolve()}\n".encode())
    try:
        for path in sorted(rules_dir.glob("*.toml")):
            h.update(f"{path.name}\n".encode())
            h.update(path.read_bytes())
        for path in sorted(_PACKAGE.glob("*.py")):
            st = path.stat()
            h.update(f"{path.name} {st.st_size} {st.st_mtime_ns}\n".encode())
    except OSError:
        return None  # the loader reports what it cannot read
    return h.hexdigest()[:20]


def load(rules_dir: Path, build: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """The rule objects of ``rules_dir``: kept ones when their key matches, else ``build()`` (and keep them)."""
    key = _key(rules_dir)
    if key is None:
        return build()
    path = cache_dir() / f"rules-{key}.pickle"
    with contextlib.suppress(Exception), open(path, "rb") as fh:  # damaged or foreign: load as usual
        kept = pickle.load(fh)
        if isinstance(kept, dict) and kept.get("format") == FORMAT and isinstance(kept.get("rules"), dict):
            return kept["rules"]
    rules = build()
    write_atomically(path, pickle.dumps({"format": FORMAT, "rules": rules}, protocol=pickle.HIGHEST_PROTOCOL))
    forget_old(path.parent, keep=8, pattern="rules-*.pickle")
    return rules
