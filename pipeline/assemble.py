"""Building the record of one notice, stage by stage.

The stages are plain functions over the text so that the lean path (:func:`build_record`) and
the spaCy components (:mod:`pipeline.components`) call exactly the same code:
structure (meta, entries, the regions each entry owns, attachment rows) → units → ages →
commitments → items → record.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .ages import find_age_ranges
from .attachments import find_attachment_rows
from .meta import find_meta
from .normalise import compact
from .numbers import find_commitments
from .record import (
    AgeRange,
    AttachmentRow,
    Commitment,
    Item,
    Meta,
    Record,
    ResponsibleUnit,
    Source,
    Span,
    Warning,
)
from .ruleset import RuleSet
from .structure import Entry, Outline, number_entries
from .units import Clause, units_of_clause

Piece = tuple[int, int]


@dataclass
class EntryParts:
    """One entry with the clauses it owns and the regions searched for quantities and ages."""

    entry: Entry
    clauses: list[Clause]
    regions: list[Piece]
    year: int | None = None  # the notice's year, which dated department names need
    pages: list[Piece] = field(default_factory=list)  # page-number lines inside the entry


@dataclass
class Structure:
    meta: Meta
    entries: list[Entry]
    parts: list[EntryParts]  # every entry, in document order
    rows: list[AttachmentRow]
    warnings: list[Warning]  # what the structure stage wants a user to know


def _subtract(pieces: list[Piece], holes: list[Piece]) -> list[Piece]:
    out = []
    for s, e in pieces:
        cur = s
        for hs, he in sorted(holes):
            if he <= cur or hs >= e:
                continue
            if hs > cur:
                out.append((cur, hs))
            cur = max(cur, he)
        if cur < e:
            out.append((cur, e))
    return out


def walk(entries: list[Entry]):
    for e in entries:
        yield e
        yield from walk(e.children)


def notice_year(meta: Meta) -> int | None:
    """The programme's year, else the signature date's year: what dated aliases are read against."""
    if meta.year is not None:
        return meta.year
    return int(meta.date[:4]) if meta.date else None


def entry_parts(text: str, entry: Entry, outline: Outline, rules: RuleSet, year: int | None = None) -> EntryParts:
    """Cut child entries, clauses and page-number lines out of an entry's span."""
    pieces = _subtract([(entry.start, entry.end)], [(c.start, c.end) for c in entry.children])
    clauses = [c for s, e in pieces for c in outline.clauses(s, e)]
    first, last = outline.line_of(entry.start), outline.line_of(entry.end)
    pages = [(outline.lines[i].start, outline.lines[i].end) for i in range(first, last + 1) if outline.is_page_number(i)]
    # the entry's own number is no quantity (8 对全区儿童…: a heading number before 对)
    number = [(entry.number_start, entry.number_start + len(entry.number))] if entry.number else []
    # a page number inside a sentence (…提高到社会散居⏎— 2 —⏎每人每月1100元) is read past, not cut at:
    # the finders see it as blank (see :func:`_past_pages`)
    regions = _subtract(pieces, [(c.start, c.end) for c in clauses] + number)
    return EntryParts(entry, clauses, regions, year, pages)


def find_structure(text: str, rules: RuleSet) -> Structure:
    meta, header_end = find_meta(text, rules.meta)
    outline = Outline(text, rules.items, rules.units, header_end)
    entries = outline.entries()
    year = notice_year(meta)
    after_list = max((e.end for e in entries), default=header_end)
    cells: list[tuple[Piece, Piece]] = []
    rows = find_attachment_rows(
        text, rules.tables, after_list, rules.units.looks_like_unit, rules.units.lead_marker_re, cells,
        rules.segmenter.word_across, frozenset(compact(text[e.heading_start : e.heading_end]) for e in walk(entries)),
    )
    notes = []
    # the list is the table: each row is an item too; paragraphs taken for want of a list give way
    # to a table with more rows (a preamble's figures are no list)
    if rows and (not entries or (outline.fell_back and len(entries) < len(rows))):
        outline.fell_back = False
        entries = table_entries(outline, rows, cells)
        notes.append(
            Warning(code="structure.table_rows", message=f"no list in the text; the {len(entries)} rows of its table were taken as the items")
        )
    parts = [entry_parts(text, e, outline, rules, year) for e in walk(entries)]
    if outline.fell_back:
        notes.append(
            Warning(
                code="structure.fallback",
                message=f"no list style fitted; {len(entries)} paragraphs holding clauses or figures were taken as the items",
            )
        )
    return Structure(meta, entries, parts, rows, notes)


def table_entries(outline: Outline, rows: list[AttachmentRow], cells: list[tuple[Piece, Piece]]) -> list[Entry]:
    """A notice whose only list is a table (序号 | 项目名称 | 内容 | …): one item per row, headed by its name cell.

    The row's unit columns stay the row's: a table names no responsibility clause.
    """
    rule = outline.rules.table_row.id
    entries = []
    for row, ((ns, ne), (hs, he)) in zip(rows, cells, strict=True):
        entry = Entry(rule, row.number, outline.text[ns:ne], ns, hs, he, outline.line_of(ns))
        entry.start, entry.end = row.start, row.end
        entries.append(entry)
    number_entries(entries)
    return entries


def entry_units(text: str, parts: EntryParts, rules: RuleSet) -> list[ResponsibleUnit]:
    first = rules.units.first_listed_in(text)
    units = [u for c in parts.clauses for u in units_of_clause(text, c, rules.units, first)]
    for u in units:
        u.canonical = rules.names.canonical(u.name, parts.year)
    return units


def _past_pages(text: str, parts: EntryParts) -> str:
    """The text the finders read: each page-number line inside the entry, with its line end, blanked
    (same length, so every offset holds), so that a sentence the page cut goes on across it."""
    if not parts.pages:
        return text
    out, pos = [], 0
    for a, b in parts.pages:
        b = min(len(text), b + 1)
        out += [text[pos:a], " " * (b - a)]
        pos = b
    out.append(text[pos:])
    return "".join(out)


def entry_ages(text: str, parts: EntryParts, rules: RuleSet) -> list[AgeRange]:
    view = _past_pages(text, parts)
    found = [a for s, e in parts.regions for a in find_age_ranges(view, s, e, rules.ages)]
    return found if view is text else [_as_written(text, a, parts.pages) for a in found]


def entry_commitments(text: str, parts: EntryParts, rules: RuleSet) -> list[Commitment]:
    view = _past_pages(text, parts)
    found = [c for s, e in parts.regions for c in find_commitments(view, s, e, rules.commitments, rules.segmenter)]
    if view is not text:
        found = [_as_written(text, c, parts.pages) for c in found]
    return sorted(found, key=lambda c: c.start)


def _as_written(text: str, obj, pages: list[Piece]):
    """An object read past a page line: its span ends before the page line (a page number is
    never part of an object: 98%⏎- 1 -⏎以上 → 98%, still ``ge``), its texts taken from the notice."""
    end = obj.end
    for a, _ in pages:
        if obj.start < a < end:
            end = a
            while end > obj.start and text[end - 1] in " \t\u3000\u00a0\n":
                end -= 1
    update: dict = {}
    if end != obj.end or obj.text != text[obj.start : end]:
        update.update(end=end, text=text[obj.start : end])
    target = getattr(obj, "target", None)
    if target is not None:
        start = target.start
        for _, b in pages:
            if start < b < target.end:
                start = b  # the words before a page line are another line's (a heading's): not the name
        while start < target.end and text[start] in " \t\u3000\u00a0\n":
            start += 1
        if start < target.end and (start != target.start or target.text != text[target.start : target.end]):
            update["target"] = target.model_copy(update={"start": start, "text": text[start : target.end]})
    return obj.model_copy(update=update) if update else obj


def make_item(
    text: str,
    entry: Entry,
    commitments: list[Commitment],
    ages: list[AgeRange],
    units: list[ResponsibleUnit],
) -> Item:
    return Item(
        id=entry.id,
        kind=entry.kind,
        level=entry.level,
        parent=entry.parent,
        number=entry.number,
        heading=Span(text=text[entry.heading_start : entry.heading_end], start=entry.heading_start, end=entry.heading_end),
        start=entry.start,
        end=entry.end,
        commitments=commitments,
        age_ranges=ages,
        responsible_units=units,
        rule=entry.rule,
    )


def make_record(
    text: str, structure: Structure, items: list[Item], *, doc_id: str, source: Source, warnings: list[Warning]
) -> Record:
    """The one place both paths (lean and spaCy) turn a structure and its items into a record."""
    warnings = [*warnings, *structure.warnings]
    if not items:
        warnings.append(Warning(code="items.none", message="no list of items was recognised in this notice"))
    return Record(
        doc_id=doc_id,
        source=source,
        text=text,
        meta=structure.meta,
        items=items,
        attachment_rows=structure.rows,
        warnings=warnings,
    )


def build_record(text: str, *, doc_id: str, source: Source, warnings: list[Warning], rules: RuleSet) -> Record:
    """The lean path: every stage called directly, no spaCy document."""
    rules = rules.for_notice()
    structure = find_structure(text, rules)
    items = [
        make_item(
            text,
            p.entry,
            entry_commitments(text, p, rules),
            entry_ages(text, p, rules),
            entry_units(text, p, rules),
        )
        for p in structure.parts
    ]
    return make_record(text, structure, items, doc_id=doc_id, source=source, warnings=warnings)
