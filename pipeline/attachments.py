"""Attachment rows: the progress table at the end of a notice, one record row per data row.

Tables reach us in three shapes: one cell per line with a leading tab (Word tables saved as
text, a cell's extra lines following without a tab), one row per line with tabs between
cells, and one row per line with ``|`` between cells. All become rows of (start, end) cells.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, cached_property
from itertools import accumulate, pairwise
from pathlib import Path

import regex
from pydantic import Field

from .normalise import compact, enclosed_value, halfwidth_digits, printed_width, spelled_across_lines
from .record import AttachmentRow
from .rules import Rule, RuleFile, compiled, load_rule_file
from .units import CLOSE, OPEN

Cell = tuple[int, int]
_MAX_LINES = 40  # lines of one row worth re-joining
_MAX_CELL_LINES = 6  # lines one cell may wrap over (blank lines included)
_EXTRA_BLANK = 0.6  # the cost of a blank line that is no cell of its own
_TEXT_AFTER = 1.5  # the cost of leaving a line after the last row out of the table
_TEXT_AFTER_BLANK = 0.3  # ... when a blank line stands between


class HeaderRule(Rule):
    headers: list[str]


class CellRules(RuleFile):
    skip: str
    date: str
    date_headers: list[str]
    date_cell: str
    blank_headers: list[str] = Field(default_factory=list)
    status: str = "(?!)"
    category_headers: list[str] = Field(default_factory=list)
    end: str = "(?!)"

    def is_date(self, header: str) -> bool:
        """A deadline column (完成时限)."""
        return any(d in header for d in self.date_headers)

    def is_blank(self, header: str) -> bool:
        """A column a progress table leaves to be filled in (进展情况, 备注)."""
        return any(b in header for b in self.blank_headers)


class WrapRules(RuleFile):
    after: str
    before: str
    joiners: str = ""
    name_openers: str = ""
    after_digit: str = ""
    full_line: float = Field(gt=0, le=1)
    headers: list[str]


class NameRule(HeaderRule):
    # a header right after 序号 that holds one of these words names the item (项目, 实事项目), even
    # where a later header also holds a name word (目标任务)
    after_number: list[str] = Field(default_factory=list)


class TableRules(RuleFile):
    cells: CellRules
    wrap: WrapRules
    number: HeaderRule
    name: NameRule
    units: list[HeaderRule]

    skip_re = compiled("cells.skip")

    end_re = compiled("cells.end")

    date_re = compiled("cells.date")

    date_cell_re = compiled("cells.date_cell")

    status_re = compiled("cells.status")

    @cached_property
    def known_headers(self) -> frozenset[str]:
        rules = [self.number, self.name, *self.units]
        return frozenset(self.wrap.headers) | {h for r in rules for h in r.headers}

    @cached_property
    def header_re(self) -> regex.Pattern[str]:
        """The first cell of a header row: a 序号 column."""
        # a short category cell may come first (类别 | 序号 | …: the category merged over its rows)
        # a PDF's narrow first column may wrap it (序⏎号)
        spelled = "|".join(map(spelled_across_lines, self.number.headers))
        return regex.compile(r"(?m)^[ \t\u3000\u00a0|]*(?:[^\t|\n]{1,6}[\t|][ \t\u3000\u00a0|]*)?(?:" + spelled + ")")


def load_table_rules(rules_dir: Path | None = None) -> TableRules:
    return load_rule_file("attachments.toml", TableRules, rules_dir)


def _trim(text: str, s: int, e: int) -> Cell:
    while s < e and text[s] in " \t\u3000\u00a0\n":
        s += 1
    while e > s and text[e - 1] in " \t\u3000\u00a0\n":
        e -= 1
    return s, e


def _lines(text: str, start: int, end_re: regex.Pattern[str] | None = None) -> list[tuple[int, int]]:
    """The lines from ``start`` on, up to a line ``end_re`` matches (the distribution block under a
    printed notice: 抄送：…, …印发), which no table runs into."""
    out, pos = [], start
    for part in text[start:].split("\n"):
        if out and end_re is not None and end_re.match(part):
            break
        out.append((pos, pos + len(part)))
        pos += len(part) + 1
    return out


def _cells_one_per_line(text: str, lines: list[tuple[int, int]], rules: TableRules) -> list[Cell]:
    """Cells start with a tab, and lines without one continue the previous cell; when no line
    starts with a tab, every line is a cell (an empty line an empty cell)."""
    tabbed = text.startswith("\t", lines[0][0])
    cells: list[list[int]] = []
    for s, e in lines:
        if rules.skip_re.match(text, s, e):
            continue
        if not tabbed or text.startswith("\t", s):
            cells.append([s + 1 if tabbed else s, e])
        elif cells and text[s:e].strip():
            cells[-1][1] = e
    while cells and not text[cells[-1][0] : cells[-1][1]].strip():
        cells.pop()
    return [_trim(text, s, e) for s, e in cells]


def _without_repeated_header(text: str, cells: list[Cell], header_text: str) -> list[Cell]:
    """A table over several pages prints its header again at the top of each (序⏎号⏎项目名称…):
    those lines belong to no row."""
    out: list[Cell] = []
    k = 0
    while k < len(cells):
        j, seen = k, ""
        while j < len(cells) and len(seen) < len(header_text) and header_text.startswith(
            seen + (piece := compact(text[slice(*cells[j])]))
        ):
            seen += piece
            j += 1
        if seen == header_text and seen:
            k = j
            continue
        out.append(cells[k])
        k += 1
    return out


def _is_number(text: str, cell: Cell, n: int) -> bool:
    return halfwidth_digits(compact(text[cell[0] : cell[1]])) == str(n)


@dataclass
class _Columns:
    """What the header says of each column, and how wide each runs, for re-joining wrapped lines."""

    dates: frozenset[int]
    units: frozenset[int]
    longest: int
    widths: dict[int, int] = field(default_factory=dict)  # the longest line seen in each column
    # columns a progress table leaves to be filled in (进展情况, 备注): their cells are mostly empty,
    # and an empty cell prints no line
    blanks: frozenset[int] = frozenset()
    # columns a row may leave empty at a price (配合单位 after 牵头单位): an empty cell prints no line
    optional: frozenset[int] = frozenset()
    # pieces of a span that are no unit name: the cut search prices the same spans again and again
    not_units: dict[Cell, float] = field(default_factory=dict)
    # the printed width of each line, asked again for every grouping the cut tries
    line_widths: dict[Cell, float] = field(default_factory=dict)

    def line_width(self, text: str, line: Cell) -> float:
        width = self.line_widths.get(line)
        if width is None:
            width = self.line_widths[line] = printed_width(text[line[0] : line[1]])
        return width


def _goes_on_number(text: str, a: Cell, b: Cell, rules: TableRules) -> bool:
    """Whether line ``b`` starts with what counts the number (or ends the date) line ``a`` ends with."""
    return a[0] < a[1] and b[0] < b[1] and (text[a[1] - 1].isdigit() or text[a[1] - 1] in "年月") and (
        text[b[0]] in rules.wrap.after_digit
    )


def _join_cost(text: str, a: Cell, b: Cell, width: int, cols: _Columns, rules: TableRules) -> float:
    """How unlikely it is that line ``b`` continues line ``a`` inside one cell (0 = surely does)."""
    first, second = text[a[0] : a[1]], text[b[0] : b[1]]
    if not first or not second:
        return 5.0  # an empty line is an empty cell, never half of a wrapped one
    if first[-1] in rules.wrap.after or second[0] in rules.wrap.before:
        return 0.2
    if _goes_on_number(text, a, b, rules):
        return 0.2  # 2018年12⏎月底, 2018年6月⏎底: a number and the word that counts it are one cell
    if len(first) > 1 and first[-2] in rules.wrap.after and first[-1] in rules.wrap.name_openers:
        return 0.2  # 市卫生计生委、市⏎妇联: the line broke inside the next unit's name
    if sum(map(first.count, OPEN)) > sum(map(first.count, CLOSE)) or first.count("“") > first.count("”"):
        return 0.2  # an open bracket or quote (建设村（社区）“妇女儿⏎童之家”): the cell goes on
    if len(first) >= rules.wrap.full_line * width:
        return 0.5  # the line was full: the cell went on below
    if len(second) > len(first) // 2 and cols.line_width(text, b) > cols.line_width(text, a) + 1:
        return 1.5  # a wrapped cell's later lines are never wider than its first: the line began a cell
    return 1.0


def _cell_cost(text: str, group: list[Cell], column: int, cols: _Columns, rules: TableRules,
               is_unit: Callable[[str], bool] | None, after: int) -> tuple[float, Cell]:
    """The cost of reading ``group`` (consecutive lines, ``after`` more lines after them) as one cell."""
    filled = [k for k, (s, e) in enumerate(group) if e > s]
    if not filled:  # an empty cell, and maybe extra blank lines (the later the cheaper, as lines go missing late)
        return sum(_EXTRA_BLANK + 0.001 * (after + len(group) - k) for k in range(1, len(group))), (group[0][0], group[0][0])
    lo, hi = filled[0], filled[-1]
    cost = sum(_EXTRA_BLANK + 0.001 * (after + len(group) - k) for k in (*range(lo), *range(hi + 1, len(group))))
    inner = group[lo : hi + 1]
    width = cols.widths.get(column, cols.longest)
    cost += sum(_join_cost(text, a, b, width, cols, rules) for a, b in pairwise(inner))
    s, e = inner[0][0], inner[-1][1]
    if column in cols.blanks:
        cost += _BLANK_FILLED
    if column in cols.dates:  # a deadline cell reads as a date on each of its lines (or goes on one: 6月⏎底)
        cost += 2.0 * sum(
            a < b and not rules.date_re.search(text, a, b) and not (k and _goes_on_number(text, inner[k - 1], (a, b), rules))
            for k, (a, b) in enumerate(inner)
        )
    if column in cols.units and is_unit is not None:
        if (s, e) not in cols.not_units:
            # a figure or a sentence's end is never part of a unit name: the target cell's last line
            cols.not_units[s, e] = sum(_not_a_unit(n, rules, is_unit) for n in split_units(text, s, e, wrapped=True))
        cost += cols.not_units[s, e]
    return cost, (s, e)


def _join_header(text: str, header: list[Cell], rules: TableRules) -> list[Cell]:
    """Header cells broken over two lines (完成⏎时限): joined when only together they make a known header."""
    known = rules.known_headers
    out: list[Cell] = []
    for cell in header:
        if out:
            prev = compact(text[slice(*out[-1])])
            if prev not in known and prev + compact(text[slice(*cell)]) in known:
                out[-1] = (out[-1][0], cell[1])
                continue
        out.append(cell)
    return out


def _unit_columns(names: list[str], rules: TableRules) -> list[int]:
    # each column once, though its name may hold two unit headers (责任单位 over 牵头单位: 责任单位牵头单位)
    return list(dict.fromkeys(k for r in rules.units for k, h in enumerate(names) if _column(h, r)))


def _columns(names: list[str], cells: list[Cell], rules: TableRules) -> _Columns:
    dates = frozenset(k for k, h in enumerate(names) if rules.cells.is_date(h))
    blanks = frozenset(k for k, h in enumerate(names) if k and rules.cells.is_blank(h))
    units = frozenset(_unit_columns(names, rules))
    # a cooperating units column after another units column: a row may leave it empty (no line)
    cooperating = [r for r in rules.units if r.id.endswith("cooperating")]
    optional = frozenset(k for k in units if k - 1 in units and any(_column(names[k], r) for r in cooperating))
    return _Columns(dates, units, max((e - s for s, e in cells), default=1), blanks=blanks, optional=optional)


def _rejoin(text: str, row: list[Cell], width: int, cols: _Columns, rules: TableRules,
            is_unit: Callable[[str], bool] | None, last: bool = False) -> list[Cell]:
    """Fit a row holding more lines than cells to ``width``: the cheapest way to join wrapped lines
    and to drop extra blank lines; the table's last row may also leave the text after it."""
    best: tuple[float, list[Cell]] | None = None
    for drop in range(len(row) - width + 1 if last else 1):
        lines = row[1 : len(row) - drop]
        after_blank = drop and lines[-1][0] == lines[-1][1]  # a blank line and then text: the table ended
        cost = drop * (_TEXT_AFTER_BLANK if after_blank else _TEXT_AFTER)
        best = _best_split(text, lines, width, cols, rules, is_unit, cost, best)
    return [row[0], *best[1]] if best else row[:width]


def _best_split(text: str, lines: list[Cell], width: int, cols: _Columns, rules: TableRules,
                is_unit: Callable[[str], bool] | None, base: float,
                best: tuple[float, list[Cell]] | None) -> tuple[float, list[Cell]] | None:
    """The cheapest cut of ``lines`` into ``width - 1`` cells (dynamic programming over cut points)."""
    n, cells_wanted = len(lines), width - 1
    if not cells_wanted - len(cols.blanks) - len(cols.optional) <= n <= cells_wanted * _MAX_CELL_LINES:
        return best
    inf = float("inf")
    cost = [[inf] * (n + 1) for _ in range(cells_wanted + 1)]  # cost[k][j]: k cells over lines[:j]
    back: list[list[tuple[int, Cell] | None]] = [[None] * (n + 1) for _ in range(cells_wanted + 1)]
    cost[0][0] = base
    for k in range(1, cells_wanted + 1):
        blank = k in cols.blanks or k in cols.optional  # a column that may print no line at all
        empty_cost = 0.0 if k in cols.blanks else _EMPTY_OPTIONAL
        for j in range(n + 1):
            for i in range(max(0, j - _MAX_CELL_LINES), j + blank):
                if cost[k - 1][i] == inf:
                    continue
                if i == j:
                    at = lines[j][0] if j < n else lines[-1][1]
                    c, cell = empty_cost, (at, at)
                else:
                    c, cell = _cell_cost(text, lines[i:j], k, cols, rules, is_unit, n - j)
                if cost[k - 1][i] + c < cost[k][j]:
                    cost[k][j], back[k][j] = cost[k - 1][i] + c, (i, cell)
    total = cost[cells_wanted][n]
    if total == inf or (best is not None and total >= best[0]):
        return best
    cells, j = [], n
    for k in range(cells_wanted, 0, -1):
        i, cell = back[k][j]  # type: ignore[misc]
        cells.append(cell)
        j = i
    return total, cells[::-1]


def _without_category_column(text: str, header: list[Cell], cells: list[Cell], rules: TableRules,
                             is_unit: Callable[[str], bool] | None) -> tuple[list[Cell], list[Cell], int]:
    """A table of one cell per line whose first column is a category merged over its rows
    (类别 | 序号 | …): the category prints once, on the line or two before the first 序号 of its
    group, so it is no column of the rows; those lines are left out, and so is the first category,
    which the header would otherwise take for one more column name (… 完成时限 教育优先 1 …)."""
    names = [compact(text[s:e]) for s, e in header]
    if not names:
        return header, cells, len(header)
    categories = tuple(rules.cells.category_headers)
    above = text[text.rfind("\n", 0, max(0, header[0][0] - 1)) + 1 : header[0][0]]
    first = int(len(names) >= 4 and names[0] in categories and _column(names[1], rules.number))
    if not first and compact(above) not in categories:
        return header, cells, len(header)
    known = rules.known_headers
    width = len(header)
    while width - first > 3 and names[width - 1] not in known and not rules.cells.is_date(names[width - 1]) and not any(
        _column(names[width - 1], r) for r in (rules.name, *rules.units)
    ):
        width -= 1  # the first group's category, read as one more column name
    rest = cells[width:]
    drop: set[int] = set()
    n = 1
    for k, cell in enumerate(rest):
        if not _is_number(text, cell, n):
            continue
        n += 1
        for j in (k - 1, k - 2):  # a category of one or two lines, after the row before's last cell
            if j < 0 or not _is_category(text, rest[j], is_unit):
                break
            before = rest[j - 1] if j else None
            if before is None or any(c.isdigit() for c in text[before[0] : before[1]]):
                drop.update(range(j, k))
                break
    kept = [c for k, c in enumerate(rest) if k not in drop]
    return header[first:width], [*cells[first:width], *kept], width - first


def _is_category(text: str, cell: Cell, is_unit: Callable[[str], bool] | None) -> bool:
    value = compact(text[cell[0] : cell[1]])
    return 0 < len(value) <= 8 and not any(c.isdigit() for c in value) and not (is_unit is not None and is_unit(value))


def _rows_by_number(text: str, cells: list[Cell], width: int, date_last: bool, rules: TableRules,
                    cols: _Columns | None = None, is_unit: Callable[[str], bool] | None = None) -> list[list[Cell]]:
    """Split cells into rows where the next 序号 (1, 2, 3, …) stands; fit each row to the width.

    Empty cells may be missing (or extra blank lines present), so rows are found by their
    numbers rather than by counting; a short row is padded at the end, a long one loses its
    empty cells from the end first. With ``cols`` (one cell per line, no tabs), a row with more
    lines than cells holds wrapped lines or extra blank lines, which the likeliest reading joins
    back or drops (see :func:`_rejoin`).
    """
    starts = []
    n = 1
    for k in range(width, len(cells)):
        if _is_number(text, cells[k], n):
            starts.append(k)
            n += 1
    spans = [cells[k : starts[i + 1] if i + 1 < len(starts) else len(cells)] for i, k in enumerate(starts)]
    if cols is not None:
        for row in spans:  # rows that fit show how wide each column runs
            if len(row) == width:
                for j, (s, e) in enumerate(row):
                    cols.widths[j] = max(cols.widths.get(j, 0), e - s)
    rows = []
    for i, row in enumerate(spans):
        if cols is not None and width > 2 and (width < len(row) or ((cols.blanks or cols.optional) and width == len(row))) and (
            len(row) <= _MAX_LINES
        ):
            rows.append(_rejoin(text, row, width, cols, rules, is_unit, last=i == len(spans) - 1))
            continue
        while len(row) > width and (empty := [j for j, c in enumerate(row) if c[0] == c[1]]):
            del row[empty[-1]]
        missing = width - len(row)
        if missing > 0 and date_last and rules.date_re.search(text, *row[-1]):
            row = row[:-1] + [(row[-1][0], row[-1][0])] * missing + row[-1:]  # the lost cell is before the deadline
        row = row[:width] + [(row[-1][1], row[-1][1])] * (width - len(row))
        rows.append(row)
    return rows


_SPACE_RUN = regex.compile(r"[ \u3000\u00a0]{2,}|\u3000")


def _delimiter(header_line: str) -> str | regex.Pattern[str] | None:
    """What sets a table's cells apart, read off its header line; None for one cell per line."""
    if "|" in header_line.strip("| \t"):
        return "|"
    if "\t" in header_line.strip("\t "):
        return "\t"
    if header_line.count("/") >= 2 and "//" not in header_line:
        return "/"  # 序号/项目名称/责任单位: a plain-text copy
    if len(_SPACE_RUN.findall(header_line.strip())) >= 2:
        return _SPACE_RUN  # 序号  项目名称  责任单位: PDF and plain-text tables
    return None


def _rows_delimited(text: str, lines: list[tuple[int, int]], sep: str | regex.Pattern[str],
                    below: dict[tuple[int, int], list[Cell]] | None = None) -> list[list[Cell]]:
    """Rows of cells between ``sep``; a data row shorter than the header goes on over the next
    lines until it is whole (a cell holding a line break: 新建道路12条；⏎维修路面3.5万平方米).

    A line that goes on a row holds ``sep`` and does not start with a 序号; its first piece ends
    the row's last cell. Lines without ``sep`` never go on a row: after a table's last row they are
    the notice's next paragraphs. In a table set out with runs of spaces (``pdftotext -layout``), a
    line of fewer pieces under a whole row holds the wrapped ends of its cells, each below its
    column: ``below``, when given, receives them by (row index, column).
    """
    rows: list[list[Cell]] = []
    columns: list[float] = []  # where each header cell starts, as printed
    for s, e in lines:
        line = text[s:e]
        if below is not None and columns and len(rows) > 1 and line.strip():
            pieces = [m.span() for m in _FLOW_TOKEN.finditer(text, s, e)]
            first = compact(text[slice(*pieces[0])])
            if len(pieces) < len(rows[0]) and serial_number(first) is None and not first.startswith(_SERIAL_LEAD):
                at = [_printed_width(text, s, a) * 2 for a, _ in pieces]
                if all(x >= columns[1] - 1 for x in at):  # under the columns after 序号, not a paragraph
                    for (a, b), x in zip(pieces, at, strict=True):
                        k = max(j for j, c in enumerate(columns) if c <= x + 1)
                        below.setdefault((len(rows) - 2, k), []).append((a, b))
                    continue
        if isinstance(sep, str):
            if sep not in line:
                continue  # a cell's middle line is inside the span the row's next piece closes
            bounds, pos = [], s
            for part in line.split(sep):
                bounds.append((pos, pos + len(part)))
                pos += len(part) + len(sep)
        else:
            inner = line.strip(" \t\u3000\u00a0")
            lead = s + len(line) - len(line.lstrip(" \t\u3000\u00a0"))
            gaps = [(lead + m.start(), lead + m.end()) for m in sep.finditer(inner)]
            if not gaps:
                continue
            cuts = [lead, *[x for g in gaps for x in g], lead + len(inner)]
            bounds = list(zip(cuts[::2], cuts[1::2], strict=True))
        row = [_trim(text, a, b) for a, b in bounds]
        if below is not None and not rows:
            columns = [_printed_width(text, s, a) * 2 for a, _ in row]
        if sep == "|":
            row = [c for k, c in enumerate(row) if not (c[0] == c[1] and k in (0, len(row) - 1))]
        prev = rows[-1] if len(rows) > 1 else None
        if prev is not None and len(prev) < len(rows[0]) and serial_number(compact(text[slice(*row[0])])) is None:
            if row[0][1] > row[0][0]:
                prev[-1] = (prev[-1][0] if prev[-1][1] > prev[-1][0] else row[0][0], row[0][1])
            prev.extend(row[1:])
            continue
        rows.append(row)
    return rows


# A PDF's text layer (pypdf) gives a table cell after cell: each cell's wrapped lines in turn, the
# last line of one cell and the first of the next joined by a space where they share a baseline,
# an empty cell not at all, and the header as one line of names set apart by single spaces.
_FLOW_TOKEN = regex.compile(r"[^\s\u3000\u00a0]+")
_SERIAL_LEAD = tuple("0123456789０１２３４５６７８９")
_FLOW_PIECES = 16  # pieces (lines and space-separated parts of lines) one cell may hold
_FIGURE = regex.compile(r"[0-9０-９]+(?:\.[0-9]+)?\s*[%％]?")
_SENTENCE_END = regex.compile(r"[。！？!?]")  # never inside a unit's name: a target's sentence ends there
# A line in a column left to be filled in costs a little: joining it to the cell before needs a
# wrap mark (、 at the line's end) to be likelier.
_BLANK_FILLED = 0.3
_EMPTY_OPTIONAL = 1.0  # a cooperating units cell left empty: rarer than one filled
_FLOW_EMPTY = {"name": 5.0, "units": 0.8, "date": 0.8, "blank": 0.0, "other": 0.3}


def _not_a_unit(piece: str, rules: TableRules, is_unit: Callable[[str], bool]) -> float:
    """How little ``piece`` reads as a unit's name: a figure, a sentence's end or how far the work
    got (已完成) never belongs to one, a piece the unit rules do not know is doubtful."""
    if _FIGURE.search(piece) or _SENTENCE_END.search(piece) or rules.status_re.match(piece):
        return 3.0
    return float(not is_unit(piece))


def _flowed_header(text: str, lines: list[tuple[int, int]], rules: TableRules) -> tuple[list[Cell], int] | None:
    """序号 项目名称 责任单位 完成时限: known header names set apart by single spaces, the names maybe
    going on over the next lines (完成时⏎限); the cells and the index of the first line after them."""
    known = rules.known_headers
    tokens: list[Cell] = []
    k = 0
    widest = 0
    while k < len(lines) and k < 8:  # a narrow header wraps its names over several lines (序⏎号 …, 推进⏎情况)
        s, e = lines[k]
        found = [m.span() for m in _FLOW_TOKEN.finditer(text, s, e)]
        if k and (not found or serial_number(compact(text[slice(*found[0])])) is not None):
            break
        tokens.extend(found)
        widest = max(widest, len(found))
        k += 1
    if widest < 3:
        return None  # one header name per line: a table of one cell per line
    header = _join_header(text, tokens, rules)
    names = [compact(text[a:b]) for a, b in header]
    if len(names) < 3 or not _column(names[0], rules.number) or any(len(n) > 8 for n in names):
        return None
    if sum(n in known or any(_column(n, r) for r in (rules.name, *rules.units)) for n in names) < len(names) - 1:
        return None
    return header, k


@dataclass
class _Piece:
    start: int
    end: int
    line_start: int  # where its line starts
    line_end: bool  # whether a line break (not a space) follows it


def _flowed_rows(text: str, lines: list[tuple[int, int]], header: list[Cell], first: int, names: list[str],
                 rules: TableRules, is_unit: Callable[[str], bool] | None,
                 word_across: Callable[[str, str], bool] | None, headings: frozenset[str],
                 parts: list[list[list[Cell]]]) -> list[list[Cell]]:
    """Rows of a table given cell after cell (see above): a row starts at a line opening with the
    next 序号; its pieces are cut into the header's columns at the cheapest places (:func:`_flow_cost`).
    ``parts`` receives, for each row, each cell's pieces of text: two where a row went on to the next page."""
    if is_unit is not None:  # asked of the same names again and again by the cut
        is_unit = cache(is_unit)
    kinds = ["other"] * len(names)
    units = set(_unit_columns(names, rules))
    for j, n in enumerate(names):
        if j in units:
            kinds[j] = "units"
        elif rules.cells.is_blank(n):
            kinds[j] = "blank"
        elif rules.cells.is_date(n):
            kinds[j] = "date"
        elif "name" not in kinds and j and (_column(n, rules.name) or any(w in n for w in rules.name.after_number)):
            kinds[j] = "name"
    header_text = "".join(names)
    starts: list[tuple[int, Cell]] = []  # (line index, the 序号's span)
    n = 1
    for k in range(first, len(lines)):
        m = _FLOW_TOKEN.search(text, *lines[k])
        if m and serial_number(m.group()) == n:
            starts.append((k, m.span()))
            n += 1
    rows = []
    widest = 0.0  # the widest piece of the rows before the last
    for r, (k, number) in enumerate(starts):
        last = r + 1 == len(starts)
        stop = starts[r + 1][0] if not last else min(len(lines), k + _MAX_LINES)
        pieces: list[_Piece] = []
        ends = []  # how many pieces the row holds after each of its lines
        rest = ""  # what a repeated header broken over lines has still to come
        page_break = None  # where in the pieces the row went on to the next page
        for i in range(k, stop):
            s, e = lines[i]
            if s == e or rules.skip_re.match(text, s, e):
                if last:
                    break  # a blank line or a page number: the table ended
                page_break = page_break or (len(pieces) or None)
                continue
            flat = compact(text[s:e])
            following = compact(text[slice(*lines[i + 1])]) if i + 1 < len(lines) else ""
            # (a short start of the header counts when the next line goes on with it: 序⏎号 项目名称 …)
            opens = header_text.startswith(flat) and (len(flat) >= 4 or header_text.startswith(flat + following[:3]))
            if opens or (rest and rest.startswith(flat)):
                rest = header_text[len(flat) :] if header_text.startswith(flat) else rest[len(flat) :]
                page_break = page_break or (len(pieces) or None)
                continue  # the header again at the top of the next page, maybe over two lines (完成时⏎间)
            rest = ""
            found = [m.span() for m in _FLOW_TOKEN.finditer(text, number[1] if i == k else s, e)]
            piece = max((_printed_width(text, a, b) for a, b in found), default=0.0)
            if last and widest and piece > 1.5 * widest:
                break  # a line wider than any cell's: the paragraph after the table
            if not last:
                widest = max(widest, piece)
            for j, (a, b) in enumerate(found):
                pieces.append(_Piece(a, b, s, j == len(found) - 1))
            ends.append(len(pieces))
        inside = _inside_word(text, pieces, word_across, is_unit, rules.wrap.name_openers)
        if page_break is not None and page_break < len(pieces):
            # a row split over two pages: each page holds the first lines of its cells, then the rest
            # of them, in column order; each part is cut on its own and the parts join per column
            before = _flow_cut(text, pieces[:page_break], kinds[1:], rules, is_unit, inside[:page_break], headings)
            after = _flow_cut(text, pieces[page_break:], kinds[1:], rules, is_unit, inside[page_break:],
                              continued=True)
            if before is not None and after is not None:
                rows.append([number, *before[1]])
                parts.append([[number], *([c for c in pair if c[1] > c[0]] for pair in zip(before[1], after[1], strict=True))])
                continue
        # the last row may run on into the text after the table (抄送：…): leaving a line out costs
        # what a poor cut costs, so the cheaper reading decides
        stops = [(ends[-1 - drop] if drop else len(pieces), _TEXT_AFTER * drop) for drop in range(len(ends) if last else 1)]
        best = _flow_cut(text, pieces, kinds[1:], rules, is_unit, inside, headings, stops=stops)
        if best is not None:
            rows.append([number, *best[1]])
            parts.append([[c] for c in rows[-1]])
    return rows


def _inside_word(text: str, pieces: list[_Piece], word_across: Callable[[str, str], bool] | None,
                 is_unit: Callable[[str], bool] | None = None, openers: str = "") -> list[bool]:
    """For each piece, whether the break before it (a line break, or a space joining two lines of
    a cell) falls inside a word (改扩⏎建, 城乡居⏎民, 关爱服 务): then the cell wrapped there, no
    cell ends there; but a unit's name may start after a word that its first character would
    lengthen."""
    inside = [False] * len(pieces)
    if word_across is None:
        return inside
    for i in range(1, len(pieces)):
        a = text[max(pieces[i - 1].start, pieces[i - 1].end - 4) : pieces[i - 1].end]
        b = text[pieces[i].start : min(pieces[i].end, pieces[i].start + 4)]
        inside[i] = word_across(a, b) and not (
            # 服务|区妇联: a word of the dictionary (服务区) across the start of a unit's name is none
            is_unit is not None and b[:1] in openers and is_unit(_name_from(text, pieces[i].start, pieces[-1].end))
        )
    return inside


def _flow_cut(text: str, pieces: list[_Piece], kinds: list[str], rules: TableRules,
              is_unit: Callable[[str], bool] | None, inside: list[bool],
              headings: frozenset[str] = frozenset(), continued: bool = False,
              stops: list[tuple[int, float]] | None = None) -> tuple[float, list[Cell]] | None:
    """The cheapest cut of ``pieces`` into one cell per column, in order (dynamic programming), and its cost.

    ``stops`` are the prefixes the row may end at, each with what leaving the rest out costs (the
    last row and the text after the table); one pass prices every prefix at once.
    """
    n, width = len(pieces), len(kinds)
    stops = stops or [(n, 0.0)]
    inf = float("inf")
    cost = [[inf] * (n + 1) for _ in range(width + 1)]
    back = [[0] * (n + 1) for _ in range(width + 1)]
    cost[0][0] = 0.0
    row = _RowIndex(text, pieces)
    memo: dict[tuple[int, int, str], float] = {}  # a cell's cost depends on its pieces and its kind only
    for c in range(1, width + 1):
        for j in range(n + 1):
            for i in range(max(0, j - _FLOW_PIECES), j + 1):
                if cost[c - 1][i] == inf:
                    continue
                if continued and i == j:
                    step = 0.1  # the rest of a row on the next page: most cells ended on the page before
                else:
                    key = (i, j, kinds[c - 1])
                    step = memo.get(key)
                    if step is None:
                        step = memo[key] = _flow_cost(text, pieces, i, j, kinds[c - 1], rules, is_unit, row, headings, inside)
                total = cost[c - 1][i] + step
                if i < j and inside[i]:
                    total += 1.0  # a cell starting inside a word
                if total < cost[c][j]:
                    cost[c][j], back[c][j] = total, i
    best = min(((cost[width][m] + penalty, m) for m, penalty in stops if cost[width][m] < inf), default=None)
    if best is None:
        return None
    total, m = best
    cells: list[Cell] = []
    j = m
    for c in range(width, 0, -1):
        i = back[c][j]
        at = pieces[i].start if i < m else (pieces[m - 1].end if m else 0)
        cells.append((pieces[i].start, pieces[j - 1].end) if j > i else (at, at))
        j = i
    return total, cells[::-1]


class _RowIndex:
    """Running sums over one row's text, built once per cut: the cut asks each of these of
    hundreds of spans (every way of grouping the row's pieces), each in constant time."""

    def __init__(self, text: str, pieces: list[_Piece]) -> None:
        self.base = base = min(pieces[0].line_start, pieces[0].start) if pieces else 0
        row = text[base : pieces[-1].end] if pieces else ""
        self._width = [0.0, *accumulate(0.5 if c.isascii() else 1.0 for c in row)]
        # brackets and quotes: +1 opening, -1 closing; a span is balanced where the sums agree
        self._brackets = [0, *accumulate((c in OPEN) - (c in CLOSE) for c in row)]
        self._quotes = [0, *accumulate((c == "“") - (c == "”") for c in row)]
        n = len(row)
        self._prev_sep = prev = [-1] * (n + 1)  # the last separator before each offset, absolute
        for k, c in enumerate(row):
            prev[k + 1] = base + k if c in _NAME_SEPARATORS else prev[k]
        self._next_sep = nxt = [n + base + 1] * (n + 1)  # the first separator at or after each offset
        for k in range(n - 1, -1, -1):
            nxt[k] = base + k if row[k] in _NAME_SEPARATORS else nxt[k + 1]

    def width(self, s: int, e: int) -> float:
        """:func:`_printed_width` of ``text[s:e]``."""
        return self._width[e - self.base] - self._width[s - self.base]

    def balanced(self, s: int, e: int) -> bool:
        """Whether ``text[s:e]`` closes as many brackets and quotes as it opens."""
        b = self.base
        return self._brackets[e - b] == self._brackets[s - b] and self._quotes[e - b] == self._quotes[s - b]

    def name_start(self, s: int, pos: int) -> int:
        """Where the unit name holding ``pos`` starts in a cell starting at ``s``."""
        return max(s, self._prev_sep[pos - self.base] + 1)

    def name_end(self, pos: int, e: int) -> int:
        """Where the unit name starting at ``pos`` ends in a cell ending at ``e``."""
        return min(self._next_sep[pos - self.base], e)


_NAME_SEPARATORS = "、，,；;"


def _name_from(text: str, pos: int, e: int) -> str:
    """The rest of the unit name starting at ``pos`` in a cell ending at ``e``, whitespace removed."""
    ends = [k for k in (text.find(c, pos, e) for c in _NAME_SEPARATORS) if k != -1]
    return compact(text[pos : min(ends, default=e)])


def _printed_width(text: str, s: int, e: int) -> float:
    return printed_width(text[s:e])


def _flow_cost(text: str, pieces: list[_Piece], i: int, j: int, kind: str, rules: TableRules,
               is_unit: Callable[[str], bool] | None, row: _RowIndex, headings: frozenset[str] = frozenset(),
               inside: list[bool] | None = None) -> float:
    """How unlikely pieces ``i:j`` make one cell of a column of ``kind``."""
    if i == j:
        return _FLOW_EMPTY[kind]
    cost = 0.0
    first, last = pieces[i], pieces[j - 1]
    if i > 0:  # a cell never ends with 、 or an open bracket, nor starts with a closing mark
        before = text[pieces[i - 1].end - 1]
        if before in rules.wrap.after or before in rules.wrap.joiners or text[first.start] in rules.wrap.before:
            cost += 2.0
        if not pieces[i - 1].line_end and (before.isdigit() or (
            text[first.start].isdigit() and not (is_unit is not None and is_unit(text[pieces[i - 1].start : pieces[i - 1].end]))
        )):
            cost += 1.0  # 2019 年, 达到 90%: a PDF's spaces around a number are inside the cell (not 县财政局 2020年)
    s, e = first.start, last.end
    cell = text[s:e]
    if not row.balanced(s, e):
        cost += 2.0  # a bracket or a quote left open or closed alone: the cell goes on or began earlier
    # every line of a wrapped cell but its last runs the cell's full width (as printed: a digit or a
    # space takes half the room of a Chinese character)
    # (a browser's PDF joins a cell's lines with spaces: a space between two Chinese characters ends
    # a line too; one beside a figure is a PDF's spacing of numbers, 2019 年)
    ends, widths, seg = [], [], s
    for k in range(i, j):
        p = pieces[k]
        if p.line_end or k == j - 1 or (not text[p.end - 1].isascii() and not text[pieces[k + 1].start].isascii()):
            ends.append(k)
            widths.append(row.width(max(seg, p.line_start) if p.line_end else seg, p.end))
            seg = pieces[k + 1].start if k + 1 < j else p.end
    # a line is short before a figure that did not fit on it (覆盖率达到⏎75%以上): figures do not break
    short = rules.wrap.full_line * max(widths)
    cost += sum(1 for w, k in zip(widths[:-1], ends[:-1], strict=True)
                if w < short and not text[pieces[k + 1].start].isascii())
    if kind == "units" and is_unit is not None:
        # a figure is never part of a unit name: 2700个 ⏎县教育体育局 is a target's end and a name
        # nor is how far the work got (已完成 ⏎县民政局: the 完成情况 cell and a name)
        cost += sum(_not_a_unit(u, rules, is_unit) for u in split_units(text, s, e, wrapped=True, is_unit=is_unit))
        # a name whose wrap falls between words, a whole unit name after it and none before it
        # (工程 区卫健局: the end of the cell before and a name)
        for k in range(i + 1, j):
            if inside is not None and not inside[k] and text[pieces[k - 1].end - 1] not in _NAME_SEPARATORS:
                start = pieces[k].start
                before = text[row.name_start(s, start) : pieces[k - 1].end]
                after = compact(text[start : row.name_end(start, e)])
                opened = compact(before)[:1]
                if len(after) >= 3 and is_unit(after) and not is_unit(before) and opened not in rules.wrap.name_openers:
                    cost += 1.0
    elif kind == "name":
        cost += 0.5 * len(_FIGURE.findall(cell))  # a figure belongs to a target column more than to a name
        if headings and compact(cell) in headings:
            cost -= 1.0  # the name of one of the notice's items
    elif kind == "date" and not (rules.date_re.search(cell) and rules.date_cell_re.fullmatch(cell)):
        cost += 2.0 * (j - i)
    elif kind == "blank" and not rules.status_re.match(cell):
        cost += 1.0  # a column left to be filled in, unless the cell says how far the work got (已完成)
    return cost


def _column(header: str, rule: HeaderRule) -> bool:
    return any(h in header for h in rule.headers)


def split_units(text: str, s: int, e: int, wrapped: bool = False,
                is_unit: Callable[[str], bool] | None = None,
                lead_marker: regex.Pattern[str] | None = None, openers: str = "") -> list[str]:
    """Unit names in a table cell: split at 、，,；; and line ends, never inside brackets.

    In a ``wrapped`` cell (lines joined back) a line end is where the line was full, not a separator;
    with ``is_unit``, so is a line end after a piece that is no unit name yet (市农\n业农村局), and a
    space after a whole name is a separator (市卫生健康局 市教育局: a web cell's line break). A line
    end between a whole name and a line that is one too, opening as names do (``openers``: 县卫健委\n
    县妇联, one name per line of the cell), is a separator as well.
    ``lead_marker`` (（牵头）) is dropped from the end of a name.
    """
    seps = "、，,；;" if wrapped else "、，,；;\n"
    names, depth, cur = [], 0, s

    def add(j: int) -> None:
        name = compact(text[cur:j])
        if lead_marker is not None:
            name = lead_marker.sub("", name)
        if name:
            names.append(name)

    for m in _CELL_MARK.finditer(text, s, e):  # other characters change nothing
        j = m.start()
        c = text[j]
        if c in OPEN:
            depth += 1
        elif c in CLOSE:
            depth = max(0, depth - 1)
        elif c in " \u3000":
            if depth == 0 and is_unit is not None and text[cur:j].strip() and is_unit(text[cur:j]):
                add(j)
                cur = j + 1
        elif c == "\n" and is_unit is not None and not is_unit(text[cur:j]):
            continue
        elif depth == 0 and (c in seps or (
            c == "\n" and wrapped and is_unit is not None and _name_per_line(text, j + 1, e, openers, is_unit)
        )):
            add(j)
            cur = j + 1
    if depth == 0:
        add(e)
    return names


def _name_per_line(text: str, pos: int, e: int, openers: str, is_unit: Callable[[str], bool]) -> bool:
    """Whether the line at ``pos`` of a cell is a whole unit name of its own, opening as names do."""
    if not openers or pos >= e or text[pos] not in openers:
        return False
    stop = min((k for k in (text.find(c, pos, e) for c in "\n、，,；;") if k != -1), default=e)
    return is_unit(text[pos:stop])


_CELL_MARK = regex.compile("[" + regex.escape(OPEN + CLOSE + "、，,；;\n \u3000") + "]")


def serial_number(cell: str) -> int | None:
    """A 序号 cell's number: digits (half or full width) or a numbering glyph (① ⑴ ⒈); None for anything else.

    ``str.isdigit`` also accepts ``²``, ``⑴`` and ``⒈``, which ``int`` then refuses.
    """
    cell = halfwidth_digits(cell)
    if cell.isascii() and cell.isdigit() and len(cell) <= 9:
        return int(cell)
    return enclosed_value(cell)


def _sub_header(text: str, header: list[Cell], data: list[list[Cell]]
                ) -> tuple[list[str] | None, list[Cell], list[list[Cell]]]:
    """A second header line under merged cells (责任单位 over 牵头 | 配合): the column names it
    makes, each name it adds put under the nearest header cell to its left; None when there is none."""
    if not data or len(data[0]) < len(header) or data[0][0][0] != data[0][0][1]:
        return None, header, data
    above_names = [compact(text[a:b]) for a, b in header]
    names, above = [], ""
    for k, (a, b) in enumerate(data[0]):
        own = above_names[k] if k < len(above_names) else ""
        above = own or above
        names.append(above + compact(text[a:b]) if b > a else own)
    return names, data[0], data[1:]


def _spanned_sub_header(text: str, header: list[Cell], data: list[list[Cell]], rules: TableRules
                        ) -> tuple[list[str] | None, list[Cell], list[list[Cell]]]:
    """A header whose unit cell spans two columns, named on a second line that holds only their
    names (a web table's colspan and rowspan: 责任单位 over 牵头 | 配合, the other cells spanning both
    lines): the column names it makes; None when there is none."""
    if len(data) < 2 or not 2 <= len(data[0]) < len(header):
        return None, header, data
    sub = [compact(text[a:b]) for a, b in data[0]]
    unit_words = [h for r in rules.units for h in r.headers]
    if any(not 0 < len(n) <= 6 or not any(n in h for h in unit_words) for n in sub):
        return None, header, data  # 牵头 | 配合 name kinds of unit; 完成⏎时限 goes on a header's name
    width = len(header) + len(sub) - 1
    if sum(len(row) == width for row in data[1:]) * 2 < len(data) - 1:
        return None, header, data  # the rows do not have the room the spanned names take
    names = [compact(text[a:b]) for a, b in header]
    spanning = [k for k, n in enumerate(names) if any(_column(n, r) for r in rules.units)]
    if len(spanning) != 1:
        return None, header, data
    j = spanning[0]
    return ([*names[:j], *(names[j] + n for n in sub), *names[j + 1 :]],
            [*header[:j], *data[0], *header[j + 1 :]], data[1:])


def find_attachment_rows(text: str, rules: TableRules, search_from: int = 0,
                         is_unit: Callable[[str], bool] | None = None,
                         lead_marker: regex.Pattern[str] | None = None,
                         cell_spans: list[tuple[Cell, Cell]] | None = None,
                         word_across: Callable[[str, str], bool] | None = None,
                         headings: frozenset[str] = frozenset()) -> list[AttachmentRow]:
    """Rows of the last table whose header holds a 序号 column, in order.

    ``is_unit`` (a unit-name test) helps to tell where a wrapped unit list was broken;
    ``lead_marker`` is the mark after a leading unit's name (（牵头）), not part of the name.
    ``cell_spans``, when given, receives each row's 序号 and name cells (a list read from a table);
    ``word_across`` (whether a dictionary word runs across the join of two strings) tells a line
    wrapped inside a word from one ending a cell, in a table given cell after cell; so do the
    notice's item ``headings`` (whitespace removed), which a progress table's names often repeat.
    """
    headers = [m.start() for m in rules.header_re.finditer(text, pos=search_from)]
    for header_at in reversed(headers):  # the last table with rows: a blank form after it has none
        spans: list[tuple[Cell, Cell]] = []
        rows = _table_rows(text, header_at, rules, is_unit, lead_marker, spans, word_across, headings)
        if rows:
            if cell_spans is not None:
                cell_spans.extend(spans)
            return rows
    return []


def _table_rows(text: str, header_at: int, rules: TableRules, is_unit: Callable[[str], bool] | None,
                lead_marker: regex.Pattern[str] | None, cell_spans: list[tuple[Cell, Cell]],
                word_across: Callable[[str, str], bool] | None = None,
                headings: frozenset[str] = frozenset()) -> list[AttachmentRow]:
    """The rows of the table whose header starts at ``header_at``."""
    lines = _lines(text, header_at, rules.end_re)
    first = text[lines[0][0] : lines[0][1]]
    wrapped = False  # whether a cell's line ends are wraps (one cell per line without tabs)
    sub_names: list[str] | None = None
    sep = _delimiter(first)
    parts: list[list[list[Cell]]] = []  # a flowed table's cells in pieces (a row over a page break)
    flowed = _flowed_header(text, lines, rules) if sep is None else None
    if flowed is not None:
        header, after_header = flowed
        wrapped = True
        names_ = [compact(text[s:e]) for s, e in header]
        data = _flowed_rows(text, lines, header, after_header, names_, rules, is_unit, word_across, headings, parts)
    elif sep is not None:
        below: dict[tuple[int, int], list[Cell]] = {}
        grid = _rows_delimited(text, lines, sep, below if sep is _SPACE_RUN else None)
        sub_names, header, data = _sub_header(text, grid[0], grid[1:])
        if sub_names is None:
            sub_names, header, data = _spanned_sub_header(text, header, data, rules)
        if below and data is not None and len(data) == len(grid) - 1:
            wrapped = True  # a cell's lines below it are wraps of one cell, not a list
            parts = [[[c, *below.get((r, k), [])] for k, c in enumerate(row)] for r, row in enumerate(data)]
    else:
        cells = _cells_one_per_line(text, lines, rules)
        width = 0
        for s, e in cells:
            if width and halfwidth_digits(text[s:e]).isdigit():
                break
            width += 1
        header = _join_header(text, cells[:width], rules)
        cells, width = cells[width - len(header) :], len(header)
        header, cells, width = _without_category_column(text, header, cells, rules, is_unit)
        header_text = "".join(compact(text[s:e]) for s, e in header)
        cells = cells[:width] + _without_repeated_header(text, cells[width:], header_text)
        last = compact(text[slice(*header[-1])]) if header else ""
        date_last = rules.cells.is_date(last)
        cols = None
        if not text.startswith("\t", lines[0][0]):
            wrapped = True
            cols = _columns([compact(text[s:e]) for s, e in header], cells, rules)
        data = _rows_by_number(text, cells, width, date_last, rules, cols, is_unit) if width else []
    names = sub_names or [compact(text[s:e]) for s, e in header]
    cols_number = next((k for k, h in enumerate(names) if _column(h, rules.number)), None)
    cols_name = next((k for k, h in enumerate(names) if _column(h, rules.name) and k != cols_number), None)
    unit_cols = _unit_columns(names, rules)
    after = cols_number + 1 if cols_number is not None else len(names)
    if after < len(names) and after not in unit_cols and (
        any(w in names[after] for w in rules.name.after_number) or (cols_name is None and unit_cols)
    ):
        # 序号 | 项目 | 目标任务 | …, and 序号 | 年度目标 | … | 责任单位 in a table that names units:
        # the column after 序号 names the item
        cols_name = after
    if cols_number is None or cols_name is None:
        return []
    rows = []
    for r, row in enumerate(data):
        if len(row) <= max(cols_number, cols_name):
            continue
        pieces = parts[r] if parts else [[c] for c in row]

        def value(k: int, pieces: list[list[Cell]] = pieces) -> str:
            return "\n".join(text[a:b] for a, b in pieces[k])

        number = serial_number(compact(value(cols_number)))
        if number is None:
            continue
        name = compact(value(cols_name))
        units = []
        for k in unit_cols:
            if k < len(row):
                v = value(k)
                units += split_units(v, 0, len(v), wrapped=wrapped, is_unit=is_unit, lead_marker=lead_marker,
                                     openers=rules.wrap.name_openers)
        if not units and rows and rows[-1].units and unit_cols and all(
            k < len(row) and not value(k).strip() for k in unit_cols
        ):
            units = list(rows[-1].units)  # a unit cell merged over several rows prints in the first of them only
        others = (k for k in range(min(len(row), len(names))) if k not in (cols_number, cols_name, *unit_cols) and names[k])
        cells = {names[k]: v for k in others if (v := compact(value(k)))}
        filled = [c for cells_k in pieces for c in cells_k if c[1] > c[0]]
        if not (name or units or cells):
            continue  # a blank form row: only its 序号 is printed
        rows.append(
            AttachmentRow(
                number=number,
                name=name,
                units=units,
                cells=cells,
                start=row[cols_number][0],
                end=filled[-1][1],
                rule=rules.number.id,
            )
        )
        cell_spans.append((row[cols_number], row[cols_name]))
    return rows
