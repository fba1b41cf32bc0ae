"""JSON Lines as the contract writes them: UTF-8, Chinese unescaped, one object per ``\\n``-ended line."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jsonlines

dumps = functools.partial(json.dumps, ensure_ascii=False)


def writer(fh: IO[bytes] | IO[str]) -> jsonlines.Writer:
    """A writer that flushes every line, so a killed run keeps each finished one."""
    import jsonlines  # imported here: a run without failures never needs it (start-up)

    return jsonlines.Writer(fh, dumps=dumps, flush=True)


class InvalidLine(ValueError):
    def __init__(self, path: Path, lineno: int, reason: str) -> None:
        super().__init__(f"{path}:{lineno}: {reason}")


def read(path: Path) -> Iterator[tuple[int, Any]]:
    """``(line number, object)`` for every non-empty line; a bad line raises :class:`InvalidLine`."""
    import jsonlines

    with open(path, "rb") as fh:
        for lineno, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                yield lineno, jsonlines.Reader([raw]).read()
            except jsonlines.InvalidLineError as exc:
                cause = exc.__cause__
                reason = f"not valid JSON: {cause}" if cause else str(exc)
                raise InvalidLine(path, lineno, reason) from None
