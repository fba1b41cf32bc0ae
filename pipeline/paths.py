"""File names that are not valid UTF-8, shown and recorded without losing a byte.

Python reads such names (common on disks copied from Windows, where they are GBK) with
``surrogateescape``: each undecodable byte becomes a lone surrogate, which no UTF-8 output can
hold. A record therefore shows the name with each such byte as ``\\xNN`` and keeps the exact
bytes, base64-encoded, in ``path_bytes``; valid names are left as they are, with no such field.
"""

from __future__ import annotations

import base64
import binascii
import os


def is_clean(path: str) -> bool:
    """Whether ``path`` can be written as UTF-8 as it is."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown(path: str) -> str:
    """``path`` as UTF-8 text: undecodable bytes as ``\\xNN``, a valid name unchanged."""
    return path if is_clean(path) else _text(path)


def path_bytes(path: str) -> str | None:
    """The name's exact bytes in base64 when it is not valid UTF-8; None when it is."""
    if is_clean(path):
        return None
    return base64.b64encode(os.fsencode(path)).decode("ascii")


def original(path: str, encoded: str | None) -> str:
    """The path as the file system names it, from a record's ``path`` and ``path_bytes``."""
    if not encoded:
        return path
    try:
        return os.fsdecode(base64.b64decode(encoded, validate=True))
    except (binascii.Error, ValueError):
        return path


def _text(value: str) -> str:
    try:
        return value.encode("utf-8", errors="surrogateescape").decode("utf-8", errors="backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate that no file system byte stands for
        return value.encode("utf-8", errors="backslashreplace").decode("utf-8")


def clean_error(error: dict[str, str]) -> dict[str, str]:
    """An errors-JSONL line with its texts made writable and the path's bytes kept, when needed."""
    if all(is_clean(v) for v in error.values()):
        return error
    out = {k: v if is_clean(v) else _text(v) for k, v in error.items()}
    encoded = path_bytes(error.get("path", ""))
    if encoded:
        out["path_bytes"] = encoded
    return out


class RealPaths:
    """``os.path.realpath`` for many files in few folders: each folder is resolved once.

    A file that is itself a symbolic link, or a name such as ``..``, takes the full resolution.
    """

    def __init__(self) -> None:
        self._folders: dict[str, str] = {}

    def __call__(self, path: str) -> str:
        folder, name = os.path.split(path)
        if name in ("", ".", "..") or os.path.islink(path):
            return os.path.realpath(path)
        real = self._folders.get(folder)
        if real is None:
            real = self._folders[folder] = os.path.realpath(folder)
        return os.path.join(real, name)
