"""Word's automatic list numbers, which python-docx leaves out of a paragraph's text.

A notice whose items are numbered by Word (一、 二、 or （一） （二）) would otherwise lose the
numbers the extractors split items on. The number is rebuilt from ``numbering.xml`` the way
Word counts: one counter per list and level, deeper levels restarting when a level above
moves on. Bullets give nothing: a bullet glyph is not part of the notice's words.
"""

from __future__ import annotations

import regex

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DIGITS = "零一二三四五六七八九"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_PLACEHOLDER = regex.compile(r"%([1-9])")
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def chinese_number(n: int) -> str:
    """一 … 九百九十九 as notices write list numbers (十一, 二十, 一百零一, 一百一十)."""
    if n < 10:
        return _DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        if rest == 0:
            tail = ""
        elif rest < 10:
            tail = "零" + _DIGITS[rest]
        else:
            tail = _DIGITS[rest // 10] + "十" + (_DIGITS[rest % 10] if rest % 10 else "")
        return _DIGITS[hundreds] + "百" + tail
    return str(n)


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    """a … z, then aa, bb as Word does."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """One counter in one of Word's number formats; unknown formats fall back to digits."""
    if fmt in {"chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "japaneseCounting", "taiwaneseCounting"}:
        return chinese_number(n)
    if fmt == "ideographTraditional":
        return _STEMS[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _BRANCHES[(n - 1) % 12]
    if fmt in {"decimalEnclosedCircle", "decimalEnclosedCircleChinese"} and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalFullWidth":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    return str(n)


class Numbering:
    """Counts the numbered paragraphs of one document in order and gives each its label."""

    def __init__(self, document) -> None:
        self._levels: dict[str, dict[int, dict[str, str]]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        self._styles = document.styles.element if document is not None else None
        try:
            numbering = document.part.numbering_part.element
        except (AttributeError, KeyError, NotImplementedError):
            return
        abstract = {a.get(f"{_W}abstractNumId"): a for a in numbering.iterchildren(f"{_W}abstractNum")}
        for num in numbering.iterchildren(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            levels = _levels(abstract.get(ref.get(f"{_W}val")) if ref is not None else None)
            for override in num.iterchildren(f"{_W}lvlOverride"):
                start = override.find(f"{_W}startOverride")
                ilvl = int(override.get(f"{_W}ilvl", "0"))
                if start is not None and ilvl in levels:
                    levels[ilvl] = {**levels[ilvl], "start": start.get(f"{_W}val", "1")}
            self._levels[num.get(f"{_W}numId")] = levels

    def label(self, p) -> str:
        """The list number to put before paragraph ``p`` (a ``w:p`` element), or ``""``."""
        num_id, ilvl = self._num_pr(p)
        levels = self._levels.get(num_id or "")
        if not levels or ilvl not in levels:
            return ""
        counters = self._counters.setdefault(num_id, {})
        level = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, int(level.get("start", "1")) - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.get("fmt") in {"bullet", "none"}:
            return ""

        def fill(match: regex.Match) -> str:
            k = int(match.group(1)) - 1
            lvl = levels.get(k, {})
            value = counters.get(k, int(lvl.get("start", "1")))
            return format_number(value, lvl.get("fmt", "decimal"))

        text = _PLACEHOLDER.sub(fill, level.get("text", ""))
        if not text:
            return ""
        if level.get("suff") == "space" or (level.get("suff", "tab") == "tab" and text[-1].isalnum()):
            text += " "
        return text

    def _num_pr(self, p) -> tuple[str | None, int]:
        ppr = p.find(f"{_W}pPr")
        num_pr = ppr.find(f"{_W}numPr") if ppr is not None else None
        if num_pr is None and ppr is not None:
            num_pr = self._style_num_pr(ppr.find(f"{_W}pStyle"))
        if num_pr is None:
            return None, 0
        num_id = num_pr.find(f"{_W}numId")
        ilvl = num_pr.find(f"{_W}ilvl")
        return (
            num_id.get(f"{_W}val") if num_id is not None else None,
            int(ilvl.get(f"{_W}val", "0")) if ilvl is not None else 0,
        )

    def _style_num_pr(self, p_style):
        """numPr set by the paragraph's style or a style it is based on."""
        style_id = p_style.get(f"{_W}val") if p_style is not None else None
        seen: set[str] = set()
        while style_id and self._styles is not None and style_id not in seen:
            seen.add(style_id)
            style = next((s for s in self._styles.iterchildren(f"{_W}style") if s.get(f"{_W}styleId") == style_id), None)
            if style is None:
                return None
            ppr = style.find(f"{_W}pPr")
            num_pr = ppr.find(f"{_W}numPr") if ppr is not None else None
            if num_pr is not None:
                return num_pr
            based = style.find(f"{_W}basedOn")
            style_id = based.get(f"{_W}val") if based is not None else None
        return None


def _levels(abstract) -> dict[int, dict[str, str]]:
    levels: dict[int, dict[str, str]] = {}
    if abstract is None:
        return levels
    for lvl in abstract.iterchildren(f"{_W}lvl"):
        level: dict[str, str] = {}
        for key, tag in (("start", "start"), ("fmt", "numFmt"), ("text", "lvlText"), ("suff", "suff")):
            el = lvl.find(f"{_W}{tag}")
            if el is not None and el.get(f"{_W}val") is not None:
                level[key] = el.get(f"{_W}val")
        levels[int(lvl.get(f"{_W}ilvl", "0"))] = level
    return levels
