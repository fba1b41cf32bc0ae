"""Reading a written number: Arabic, full-width, Chinese or mixed (``3.3万``, ``一千二百``, ``百分之九十``).

Values are computed with :class:`decimal.Decimal` so that ``3.3万`` is exactly 33000, and
returned as ``int`` when whole, as the record wants JSON integers for whole numbers.
Only the leading number of the string is read: ``千名`` → 1000, ``万元以上`` → 10000,
``一万余`` → 10000, which lets callers pass a span without cutting its unit off first.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import lru_cache

import regex

CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
MULTIPLIERS = {**SMALL_UNITS, **BIG_UNITS}

_IGNORED = regex.compile(r"[\s\u3000\u00ad\u200b\u200c\u200d\u2060\ufeff]+")
_WIDE = str.maketrans("０１２３４５６７８９．", "0123456789.")
_ARABIC = regex.compile(r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?")
_CN_CHARS = "".join(CN_DIGITS) + "".join(MULTIPLIERS) + "点"
_LEAD = regex.compile(rf"(?:[0-9]+(?:,[0-9]{{3}})*(?:\.[0-9]+)?|[{_CN_CHARS}])+")


def _as_number(value: Decimal) -> int | float:
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _digit_string(s: str) -> Decimal:
    """``二〇二四`` → 2024, ``三点五`` → 3.5: digits read one by one."""
    whole, _, frac = s.partition("点")
    digits = "".join(str(CN_DIGITS[c]) for c in whole) or "0"
    if frac:
        digits += "." + "".join(str(CN_DIGITS[c]) for c in frac)
    return Decimal(digits)


def _positional(tokens: list[Decimal | str]) -> Decimal:
    """Combine digits and multipliers: ``一千二百`` → 1200, ``3.3万`` → 33000, ``一万二千`` → 12000."""
    total = Decimal(0)  # everything above the current 亿 section
    section = Decimal(0)  # the current section below 亿, 万 already applied
    current: Decimal | None = None  # the digit waiting for its multiplier
    for tok in tokens:
        if isinstance(tok, Decimal):
            current = tok
        elif tok in SMALL_UNITS:
            section += (current if current is not None else Decimal(1)) * SMALL_UNITS[tok]
            current = None
        elif tok == "万":
            base = section + (current or 0)
            section = (base if base else Decimal(1)) * BIG_UNITS[tok]
            current = None
        else:  # 亿
            base = total + section + (current or 0)
            total = (base if base else Decimal(1)) * BIG_UNITS[tok]
            section = Decimal(0)
            current = None
    return total + section + (current or 0)


def _tokens(s: str) -> list[Decimal | str]:
    tokens: list[Decimal | str] = []
    i = 0
    while i < len(s):
        m = _ARABIC.match(s, i)
        if m:
            tokens.append(Decimal(m.group().replace(",", "")))
            i = m.end()
            continue
        c = s[i]
        if c in CN_DIGITS:
            j = i
            while j < len(s) and (s[j] in CN_DIGITS or (s[j] == "点" and j + 1 < len(s) and s[j + 1] in CN_DIGITS)):
                j += 1
            tokens.append(_digit_string(s[i:j]))
            i = j
        elif c in MULTIPLIERS:
            tokens.append(c)
            i += 1
        else:
            raise ValueError(f"not a number: {s!r}")
    return tokens


@lru_cache(maxsize=65536)
def parse_number(s: str) -> int | float:
    """The value of the number that ``s`` starts with; ``ValueError`` when it starts with none.

    Remembered: notices repeat the same few hundred quantities, each read twice (find, resolve).
    """
    text = _IGNORED.sub("", s).translate(_WIDE)
    if text.startswith("百分之"):
        text = text[3:]
    m = _LEAD.match(text)
    lead = m.group() if m else ""
    if lead.endswith("点"):
        lead = lead[:-1]
    if not lead:
        raise ValueError(f"not a number: {s!r}")
    has_multiplier = any(c in MULTIPLIERS for c in lead)
    try:
        if not has_multiplier and not any(c.isdigit() for c in lead):
            return _as_number(_digit_string(lead))
        return _as_number(_positional(_tokens(lead)))
    except (InvalidOperation, KeyError) as exc:
        raise ValueError(f"not a number: {s!r}") from exc
