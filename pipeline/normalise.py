"""Text normalisation as the contract fixes it, and the compaction used for values.

The record's ``text`` keeps everything but the BOM, the line-end style and the Unicode
composition form, so that offsets stay meaningful to anyone holding the original file.
Values (unit names, numbers) are read from a *compacted* copy of a span instead.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_SPACE_RE = regex.compile(rf"[\s\u3000{_INVISIBLE}]+")
CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_MAX_SMALL_DIGITS = 9  # a heading, an age or a date never has more
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# Numbering glyphs Word and web pages use for (1) 1. (一): one character each, 1 to 20 (10)
ENCLOSED = (
    CIRCLED, "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇", "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛", "㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩",
    "❶❷❸❹❺❻❼❽❾❿", "➊➋➌➍➎➏➐➑➒➓", "➀➁➂➃➄➅➆➇➈➉", "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ", "ⅰⅱⅲⅳⅴⅵⅶⅷⅸⅹⅺⅻ",
)
_FULLWIDTH = str.maketrans(
    "０１２３４５６７８９．％＋－，",
    "0123456789.%+-,",
)


def normalise_text(text: str) -> str:
    """BOM removed, ``\\r\\n`` and ``\\r`` turned into ``\\n``, NFC; nothing else."""
    text = text.lstrip("\ufeff")  # a file saved twice with a BOM (an editor adding its own) has two
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


#: Values up to this length are remembered (names, headings, quantities repeat across notices);
#: longer text (a whole notice, its header) is not, or a run would keep every notice it read.
COMPACT_MEMO_CHARS = 100


def compact(text: str) -> str:
    """Remove line breaks, spaces (ASCII, ideographic) and invisible joiners from a value."""
    return _compact_value(text) if len(text) <= COMPACT_MEMO_CHARS else _SPACE_RE.sub("", text)


@lru_cache(maxsize=16384)
def _compact_value(text: str) -> str:
    return _SPACE_RE.sub("", text)


#: A line break a copy may leave inside a word (牵⏎头, 以⏎上), with the spaces around it (a regex piece).
LINE_BREAK_IN_WORD = r"(?:[ \u3000\u00a0]*\n[ \u3000\u00a0]*)?"


#: ... and the spaces a scan's text layer may set between any two characters (责 任 单 位).
SPACES_IN_WORD = r"[ \u3000\u00a0]*(?:\n[ \u3000\u00a0]*)?"


def spelled_across_lines(word: str, spaced: bool = False) -> str:
    """A regex matching ``word`` with a line break allowed between any two of its characters
    (``spaced``: spaces too, without a line break)."""
    return (SPACES_IN_WORD if spaced else LINE_BREAK_IN_WORD).join(map(regex.escape, word))


def printed_width(text: str) -> float:
    """How wide ``text`` prints: an ASCII character (a digit, a space) takes half a Chinese one's room."""
    return sum(0.5 if c.isascii() else 1.0 for c in text)


def halfwidth_digits(text: str) -> str:
    """Map full-width digits, point, percent and signs to ASCII, one character for one."""
    return text.translate(_FULLWIDTH)


def enclosed_value(s: str) -> int | None:
    """The number of one numbering glyph (``②`` ``⑵`` ``⒉`` ``㈡`` → 2), None for anything else."""
    if len(s) == 1:
        for glyphs in ENCLOSED:
            if s in glyphs:
                return glyphs.index(s) + 1
    return None


@lru_cache(maxsize=4096)
def numeral_value(s: str) -> int | None:
    """The integer of a small numeral (headings, ages, dates): ``十二`` → 12, ``３`` → 3, ``②`` ``⑵`` ``㈡`` → 2.

    Anything else is None, not an error: ``十四五`` (a plan's name), ``十十``, superscripts.
    """
    if (n := enclosed_value(s)) is not None:
        return n
    s = halfwidth_digits(s)
    if s.isascii() and s.isdigit():
        return int(s) if len(s) <= _MAX_SMALL_DIGITS else None
    if not s or any(c not in CN_DIGITS and c != "十" for c in s):
        return None
    if "十" in s:
        tens, _, ones = s.partition("十")
        if len(tens) > 1 or len(ones) > 1 or ones == "十":
            return None
        return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[ones] if ones else 0)
    return CN_DIGITS[s] if len(s) == 1 else None
