"""A notice run together on one line (a web copy that lost its line breaks), cut back into lines.

The outline reads a notice line by line; a copy that lost its breaks has one line holding the
header, the preamble, every item and the closing. The cuts are made where the breaks must have
been: before each heading of a numbered sequence, after each sentence end outside brackets, after
a bracket that closes a sentence of its own (a clause after a body) and at spaces after either.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

import regex

from .normalise import numeral_value

if TYPE_CHECKING:
    from .structure import ItemRules


@dataclass(slots=True)
class Line:
    start: int
    end: int  # exclusive, before the "\n" (or before the cut of a run-on line)


_HAN = regex.compile(r"\p{Han}")


def split_lines(
    text: str, rules: ItemRules | None = None, closed: Callable[[int, int], bool] | None = None
) -> list[Line]:
    """The lines of ``text``; with ``rules``, a line that is a notice run together is cut where its breaks were.

    ``closed(start, end)`` tells whether a span holds a responsibility clause.
    """
    lines, pos = [], 0
    parts = text.split("\n")
    run_together = False
    if rules is not None and max(map(len, parts)) >= rules.structure.run_on_length:
        filled = [len(p) for p in parts if p.strip()]
        # a notice run together keeps few line breaks: its lines are long on average, or one holds most of it
        run_together = bool(filled and sum(filled) / len(filled) >= rules.structure.run_on_mean)
    for part in parts:
        ln = Line(pos, pos + len(part))
        if rules is not None and len(part) >= rules.structure.run_on_length:
            lines.extend(run_on_lines(text, ln, rules, run_together or len(part) * 2 >= len(text), closed))
        elif rules is not None and _ITEM_AFTER_BRACKET.search(text, ln.start, ln.end):
            # 1、…（责任单位：区教育局）2、新建…: a shorter line that holds the next item too
            lines.extend(run_on_lines(text, ln, rules, False, closed))
        else:
            lines.append(ln)
        pos += len(part) + 1
    return lines


# a heading number right after a closing bracket: where run_on_lines may find a second entry
_ITEM_AFTER_BRACKET = regex.compile(r"[）)][0-9０-９一二三四五六七八九十]{1,2}[、.．]")


_BLANK = " \t\u3000\u00a0"
_OPEN, _CLOSE = "（(〔【[［", "）)〕】]］"


def run_on_lines(
    text: str, ln: Line, rules: ItemRules, whole: bool, closed: Callable[[int, int], bool] | None
) -> list[Line]:
    """A whole notice on one line (a web copy that lost its line breaks) as the lines it had.

    The line is one only when headings of one style follow each other in it (一、 then 二、)
    right after a sentence or clause ends, and it either holds most of the notice (``whole``)
    or two of those headings open entries closed by their own clause (a long item's inline
    sub-points share one clause at its end); it is then cut before every such heading, after
    every sentence end outside brackets and at spaces after a clause or sentence end, so that
    the preamble, each item, its clause and the closing are lines of their own again.
    """
    if not _has_sequence(text, ln, rules):
        return [ln]
    boundary, ends = rules.structure.run_on_boundary, rules.structure.sentence_end
    cuts: set[int] = set()
    heads: list[tuple[int, str, int]] = []
    depth, prev, own_bracket = 0, "", False
    for p in range(ln.start, ln.end):
        ch = text[p]
        # a copy that wrote its full stops as "." (…通知如下.1.推进…): after a Chinese character it ends a sentence
        han_stop = prev == "." and p - 2 >= ln.start and _HAN.match(text[p - 2]) is not None
        at_boundary = p == ln.start or prev in boundary or prev in _BLANK or han_stop
        if depth == 0 and at_boundary and ch not in _BLANK:
            for rule, pattern in rules.heading_res:
                m = pattern.match(text, p, ln.end)
                if m and (n := numeral_value(m["n"])) is not None:
                    heads.append((p, rule.key, n))
                    break
        if ch in _OPEN:
            if depth == 0:  # a bracket that opens a sentence (a clause after a body) ends one too
                own_bracket = p == ln.start or p in cuts or prev in ends
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
            if depth == 0 and own_bracket and p + 1 < ln.end:
                cuts.add(p + 1)
        ascii_stop = ch == "." and _HAN.match(prev or " ") is not None
        if depth == 0 and (ch in ends or ascii_stop) and p + 1 < ln.end and text[p + 1] not in _CLOSE + ends:
            cuts.add(p + 1)
        if depth == 0 and ch in _BLANK and prev in boundary:
            cuts.add(p)
        prev = ch
    by_style: dict[str, list[tuple[int, int]]] = {}
    for p, key, n in heads:
        by_style.setdefault(key, []).append((p, n))
    # a style whose numbers follow each other (一、 二、, or 四、 五、 on a later line of the copy)
    runs = [hs for hs in by_style.values() if any(b[1] == a[1] + 1 for a, b in pairwise(hs))]
    if not runs:
        return [ln]
    if not whole:
        starts = [p for p, _n in runs[0]] + [ln.end]
        if closed is None or sum(closed(a, b) for a, b in pairwise(starts)) < 2:
            return [ln]
    before_head = {p for p, _key, _n in heads}
    cuts.update(before_head)
    out, start = [], ln.start
    for c in sorted(cuts):
        if c <= start:
            continue
        end = c
        while end > start and text[end - 1] in _BLANK:
            end -= 1
        if c in before_head:  # entries run together with ； between them: the ； belongs to neither
            while end > start and text[end - 1] in "；;" + _BLANK:
                end -= 1
        if end > start:
            out.append(Line(start, end))
        start = c
        while start < ln.end and text[start] in _BLANK:
            start += 1
    if start < ln.end:
        out.append(Line(start, ln.end))
    return out or [ln]


def _has_sequence(text: str, ln: Line, rules: ItemRules) -> bool:
    """Whether two numbers of one heading style follow each other anywhere in the line (a quick test)."""
    for pattern in rules.number_res:
        prev = None
        for m in pattern.finditer(text, ln.start, ln.end):
            n = numeral_value(m["n"])
            if prev is not None and n == prev + 1:
                return True
            prev = n
    return False
