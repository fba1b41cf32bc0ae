"""Reading a notice file into normalised text, with the facts a record keeps about its source.

The format comes from the file's suffix (or, for an unknown suffix, from its first bytes);
each format has its own module. Whatever goes wrong ends in a :class:`PolicyExtractError`
that names the file, the stage (read, decode, parse) and the reason.
"""

from __future__ import annotations

import errno
import hashlib
import stat
from dataclasses import dataclass, field
from pathlib import Path

from . import paths
from .encoding import decode_bytes
from .errors import PolicyExtractError
from .normalise import normalise_text
from .record import Warning

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

#: File suffixes read as notices, and the format each is read as.
SUFFIX_FORMATS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
}

_UNSUPPORTED = {
    ".doc": "an old Word .doc file; save it as .docx (libreoffice --headless --convert-to docx FILE)",
    ".wps": "a WPS file; save it as .docx",
    ".rtf": "an RTF file; save it as .docx or .txt",
    ".xls": "a spreadsheet, not a notice",
    ".xlsx": "a spreadsheet, not a notice",
}


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
    path_bytes: str | None = None  # the name's bytes (base64) when it is not valid UTF-8


def read_document(path: str | Path, *, doc_id: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one notice file; raise :class:`PolicyExtractError` naming the file and the reason."""
    p = Path(path)
    shown = str(path)
    data = _read_bytes(p, shown, max_bytes)
    fmt = detect_format(p, data, shown)
    text, encoding, warnings = _extract(fmt, data, shown)
    text = normalise_text(text)
    if not text.strip():
        raise _nothing_to_read(shown, fmt)
    return Document(
        doc_id=doc_id or paths.shown(p.stem),
        path=paths.shown(shown),
        path_bytes=paths.path_bytes(shown),
        format=fmt,
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        text=text,
        warnings=warnings,
    )


def _nothing_to_read(shown: str, fmt: str) -> PolicyExtractError:
    if fmt == "txt":
        return PolicyExtractError(shown, "read", "EmptyFile", "the file holds only white space")
    return PolicyExtractError(shown, "parse", "NoText", f"the {fmt} file holds no text")


def _read_bytes(p: Path, shown: str, max_bytes: int) -> bytes:
    """The file's bytes, after the checks that need no reading: exists, is a file, not too large."""
    try:
        st = p.stat()
    except FileNotFoundError:
        if p.is_symlink():
            raise PolicyExtractError(shown, "read", "FileNotFound", "a symbolic link to a file that does not exist") from None
        raise PolicyExtractError(shown, "read", "FileNotFound", "no such file") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise PolicyExtractError(
                shown, "read", "SymlinkLoop", "symbolic links that lead back to each other (a loop): no file at the end"
            ) from None
        raise PolicyExtractError(shown, "read", type(exc).__name__, exc.strerror or str(exc)) from None
    if stat.S_ISDIR(st.st_mode):
        raise PolicyExtractError(shown, "read", "IsADirectory", "is a folder, not a notice file")
    if st.st_size > max_bytes:
        raise PolicyExtractError(
            shown,
            "read",
            "FileTooLarge",
            f"{st.st_size:,} bytes is over the size limit of {max_bytes:,} bytes (raise it with --max-bytes)",
        )
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise PolicyExtractError(shown, "read", type(exc).__name__, exc.strerror or str(exc)) from None
    if len(data) > max_bytes:  # grew while being read
        raise PolicyExtractError(shown, "read", "FileTooLarge", f"over the size limit of {max_bytes:,} bytes")
    if not data:
        raise PolicyExtractError(shown, "read", "EmptyFile", "the file is empty (0 bytes)")
    return data


def detect_format(p: Path, data: bytes, shown: str) -> str:
    """txt, docx, html or pdf, from the suffix; an unknown suffix is judged by the first bytes."""
    suffix = p.suffix.lower()
    if suffix in SUFFIX_FORMATS:
        return SUFFIX_FORMATS[suffix]
    if suffix in _UNSUPPORTED:
        raise PolicyExtractError(shown, "parse", "UnsupportedFormat", f"cannot read {_UNSUPPORTED[suffix]}")
    head = data[:1024].lstrip().lower()
    if head.startswith(b"%pdf-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04") and b"word/" in data:
        return "docx"
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in head:
        return "html"
    return "txt"


def _extract(fmt: str, data: bytes, shown: str) -> tuple[str, str | None, list[Warning]]:
    """Text, encoding and warnings of one file in a known format."""
    if fmt == "docx":
        from .read_docx import docx_text

        return docx_text(data, shown), None, []
    if fmt == "pdf":
        from .read_pdf import pdf_text

        text, warnings = pdf_text(data, shown)
        return text, None, warnings
    if fmt == "html":
        from .read_html import html_text

        text, decoded = html_text(data, shown)
        return text, decoded.encoding, decoded.warnings
    decoded = decode_bytes(data, shown)
    return decoded.text, decoded.encoding, decoded.warnings
