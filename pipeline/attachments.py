"""Attachment rows: the progress table at the end of a notice, one record row per data row.

Tables reach us in three shapes: one cell per line with a leading tab (Word tables saved as
text, a cell's extra lines following without a tab), one row per line with tabs between
cells, and one row per line with ``|`` between cells. All become rows of (start, end) cells.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

import regex

from .normalise import compact, halfwidth_digits
from .record import AttachmentRow
from .rules import Rule, RuleFile, compiled, load_rule_file
from .units import CLOSE, OPEN

Cell = tuple[int, int]


class HeaderRule(Rule):
    headers: list[str]


class CellRules(RuleFile):
    skip: str
    date: str
    date_headers: list[str]


class TableRules(RuleFile):
    cells: CellRules
    number: HeaderRule
    name: HeaderRule
    units: list[HeaderRule]

    skip_re = compiled("cells.skip")

    date_re = compiled("cells.date")

    @cached_property
    def header_re(self) -> regex.Pattern[str]:
        """The first cell of a header row: a 序号 column."""
        return regex.compile(r"(?m)^[ \t\u3000\u00a0|]*(?:" + "|".join(map(regex.escape, self.number.headers)) + ")")


def load_table_rules(rules_dir: Path | None = None) -> TableRules:
    return load_rule_file("attachments.toml", TableRules, rules_dir)


def _trim(text: str, s: int, e: int) -> Cell:
    while s < e and text[s] in " \t\u3000\u00a0\n":
        s += 1
    while e > s and text[e - 1] in " \t\u3000\u00a0\n":
        e -= 1
    return s, e


def _lines(text: str, start: int) -> list[tuple[int, int]]:
    out, pos = [], start
    for part in text[start:].split("\n"):
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


def _is_number(text: str, cell: Cell, n: int) -> bool:
    return halfwidth_digits(compact(text[cell[0] : cell[1]])) == str(n)


def _rows_by_number(text: str, cells: list[Cell], width: int, date_last: bool, rules: TableRules) -> list[list[Cell]]:
    """Split cells into rows where the next 序号 (1, 2, 3, …) stands; fit each row to the width.

    Empty cells may be missing (or extra blank lines present), so rows are found by their
    numbers rather than by counting; a short row is padded at the end, a long one loses its
    empty cells from the end first.
    """
    starts = []
    n = 1
    for k in range(width, len(cells)):
        if _is_number(text, cells[k], n):
            starts.append(k)
            n += 1
    rows = []
    for i, k in enumerate(starts):
        row = cells[k : starts[i + 1] if i + 1 < len(starts) else len(cells)]
        while len(row) > width and (empty := [j for j, c in enumerate(row) if c[0] == c[1]]):
            del row[empty[-1]]
        missing = width - len(row)
        if missing > 0 and date_last and rules.date_re.search(text, *row[-1]):
            row = row[:-1] + [(row[-1][0], row[-1][0])] * missing + row[-1:]  # the lost cell is before the deadline
        row = row[:width] + [(row[-1][1], row[-1][1])] * (width - len(row))
        rows.append(row)
    return rows


def _rows_delimited(text: str, lines: list[tuple[int, int]], sep: str) -> list[list[Cell]]:
    rows = []
    for s, e in lines:
        if sep not in text[s:e]:
            continue
        row, pos = [], s
        for part in text[s:e].split(sep):
            row.append(_trim(text, pos, pos + len(part)))
            pos += len(part) + len(sep)
        if sep == "|":
            row = [c for k, c in enumerate(row) if not (c[0] == c[1] and k in (0, len(row) - 1))]
        rows.append(row)
    return rows


def _column(header: str, rule: HeaderRule) -> bool:
    return any(h in header for h in rule.headers)


def split_units(text: str, s: int, e: int) -> list[str]:
    """Unit names in a table cell: split at 、，,；; and line ends, never inside brackets."""
    names, depth, cur = [], 0, s
    for j in range(s, e + 1):
        c = text[j] if j < e else "\n"
        if c in OPEN:
            depth += 1
        elif c in CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and c in "、，,；;\n":
            name = compact(text[cur:j])
            if name:
                names.append(name)
            cur = j + 1
    return names


def find_attachment_rows(text: str, rules: TableRules, search_from: int = 0) -> list[AttachmentRow]:
    """Rows of the last table whose header holds a 序号 column, in order."""
    header_at = None
    for m in rules.header_re.finditer(text, pos=search_from):
        header_at = m.start()
    if header_at is None:
        return []
    lines = _lines(text, header_at)
    first = text[lines[0][0] : lines[0][1]]
    if "|" in first.strip("| \t"):
        grid = _rows_delimited(text, lines, "|")
        header, data = grid[0], grid[1:]
    elif "\t" in first.strip("\t "):
        grid = _rows_delimited(text, lines, "\t")
        header, data = grid[0], grid[1:]
    else:
        cells = _cells_one_per_line(text, lines, rules)
        width = 0
        for s, e in cells:
            if width and halfwidth_digits(text[s:e]).isdigit():
                break
            width += 1
        header = cells[:width]
        last = compact(text[slice(*header[-1])]) if header else ""
        date_last = any(h in last for h in rules.cells.date_headers)
        data = _rows_by_number(text, cells, width, date_last, rules) if width else []
    names = [compact(text[s:e]) for s, e in header]
    cols_number = next((k for k, h in enumerate(names) if _column(h, rules.number)), None)
    cols_name = next((k for k, h in enumerate(names) if _column(h, rules.name) and k != cols_number), None)
    unit_cols = [k for r in rules.units for k, h in enumerate(names) if _column(h, r)]
    if cols_number is None or cols_name is None:
        return []
    rows = []
    for row in data:
        if len(row) <= max(cols_number, cols_name):
            continue
        num = halfwidth_digits(compact(text[slice(*row[cols_number])]))
        if not num.isdigit():
            continue
        name = compact(text[slice(*row[cols_name])])
        units = [u for k in unit_cols if k < len(row) for u in split_units(text, *row[k])]
        cells = {
            names[k]: compact(text[s:e])
            for k, (s, e) in enumerate(row)
            if k < len(names) and k not in (cols_number, cols_name, *unit_cols) and e > s and names[k]
        }
        filled = [c for c in row if c[1] > c[0]]
        if not (name or units or cells):
            continue  # a blank form row: only its 序号 is printed
        rows.append(
            AttachmentRow(
                number=int(num),
                name=name,
                units=units,
                cells=cells,
                start=row[cols_number][0],
                end=filled[-1][1],
                rule=rules.number.id,
            )
        )
    return rows
