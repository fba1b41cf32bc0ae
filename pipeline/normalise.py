"""Text normalisation as the contract fixes it, and the compaction used for values.

The record's ``text`` keeps everything but the BOM, the line-end style and the Unicode
composition form, so that offsets stay meaningful to anyone holding the original file.
Values (unit names, numbers) are read from a *compacted* copy of a span instead.
"""

from __future__ import annotations

import unicodedata

import regex

_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_SPACE_RE = regex.compile(rf"[\s\u3000{_INVISIBLE}]+")
_FULLWIDTH = str.maketrans(
    "０１２３４５６７８９．％＋－，",
    "0123456789.%+-,",
)


def normalise_text(text: str) -> str:
    """BOM removed, ``\\r\\n`` and ``\\r`` turned into ``\\n``, NFC; nothing else."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def compact(text: str) -> str:
    """Remove line breaks, spaces (ASCII, ideographic) and invisible joiners from a value."""
    return _SPACE_RE.sub("", text)


def halfwidth_digits(text: str) -> str:
    """Map full-width digits, point, percent and signs to ASCII, one character for one."""
    return text.translate(_FULLWIDTH)
