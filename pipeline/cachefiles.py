"""The user's cache folder and the two file operations every cache of the package needs.

The lexicon, the compiled patterns and the validated rules each keep one file there; all three
write it atomically (a reader never sees half a file) and on a best-effort basis (an unwritable
folder only means building again next time).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def cache_dir() -> Path:
    """``$POLICY_EXTRACT_CACHE``, else ``$XDG_CACHE_HOME/policy-extract``, else ``~/.cache/policy-extract``."""
    explicit = os.environ.get("POLICY_EXTRACT_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "policy-extract"


def write_atomically(path: Path, payload: bytes) -> None:
    """Best effort: an unwritable cache folder only means building again next time."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def forget_old(folder: Path, keep: int, pattern: str) -> None:
    """Only the ``keep`` newest files matching ``pattern`` stay: every edit of the inputs makes a new one."""
    with contextlib.suppress(OSError):
        files = sorted(folder.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in files[keep:]:
            old.unlink()
