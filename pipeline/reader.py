"""Reading a notice file into normalised text, with the facts a record keeps about its source."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import PolicyExtractError
from .normalise import normalise_text
from .record import Warning

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass
class Document:
    """A decoded notice, ready for extraction."""

    doc_id: str
    path: str
    format: str
    encoding: str | None
    sha256: str
    text: str
    warnings: list[Warning] = field(default_factory=list)


def decode_text_bytes(data: bytes, path: str) -> tuple[str, str, list[Warning]]:
    """Decode strictly as UTF-8 (BOM or not), then strictly as GB18030."""
    warnings: list[Warning] = []
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig", warnings
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8", warnings
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise PolicyExtractError(
            path, "decode", "UndecodableBytes", f"not UTF-8 or GB18030 text ({exc.reason} at byte {exc.start})"
        ) from None
    warnings.append(Warning(code="encoding.fallback", message="decoded as gb18030"))
    return text, "gb18030", warnings


def read_document(path: str | Path, *, doc_id: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one notice file; raise :class:`PolicyExtractError` naming the file and the reason."""
    p = Path(path)
    shown = str(path)
    if not p.exists():
        raise PolicyExtractError(shown, "read", "FileNotFound", "no such file")
    if p.is_dir():
        raise PolicyExtractError(shown, "read", "IsADirectory", "is a directory, not a notice file")
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise PolicyExtractError(shown, "read", "FileTooLarge", f"{size} bytes is over the limit of {max_bytes}")
        data = p.read_bytes()
    except OSError as exc:
        raise PolicyExtractError(shown, "read", type(exc).__name__, exc.strerror or str(exc)) from None
    if not data.strip():
        raise PolicyExtractError(shown, "read", "EmptyFile", "the file is empty")
    fmt = p.suffix.lower().lstrip(".") or "txt"
    text, encoding, warnings = decode_text_bytes(data, shown)
    return Document(
        doc_id=doc_id or p.stem,
        path=shown,
        format="txt" if fmt not in {"txt"} else fmt,
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        text=normalise_text(text),
        warnings=warnings,
    )
