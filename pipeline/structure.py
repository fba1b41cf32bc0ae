"""Splitting a notice into entries: items, sections, their headings and spans.

Numbered headings are found line by line from the heading styles in ``rules/items.toml``; the
order in which styles first appear gives their nesting, as in any outline, and a number that
does not continue its style's sequence is body text, not a heading (a draft's number one off or
repeated is not, when both lines are items closed by a clause). Entries inside a general section
(总体要求, 保障措施) are dropped with it; numbered points inside an item that do not each carry
their own clause are sub-points of its body. Unnumbered category lines (``教育类``) between groups
of items end the item above them but are no entries; a part headed as the list (``三、十件民生实事``)
leaves the parts beside it without a clause out. Notices without numbered headings are
read as an inline ``一是…；二是…`` list, or as unnumbered title paragraphs (a title line above
its body counts). A notice run together on one line (a web copy) is first cut where its line
breaks were. A notice about the list (督查, 会议, 培训班) is not one. When no style fits, the
fallback takes the paragraphs holding clauses or figures, so that their objects are not lost.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise
from pathlib import Path

import regex

from .normalise import compact, numeral_value, printed_width
from .rules import Rule, RuleFile, compiled, load_rule_file
from .runon import split_lines
from .units import Clause, UnitRules, find_clauses, most_clauses

_SENTENCE_MARK = regex.compile(r"[。，；：,;:）)]")
_BARE_NUMERAL = regex.compile(r"[0-9０-９一二三四五六七八九十]+")  # 3, 十二: a cell; 民生实事项目一 alone on its line is a heading
_SENTENCE_END = regex.compile(r"[。；;]")
_DIGIT = regex.compile(r"[0-9０-９]")
_HAN = regex.compile(r"\p{Han}")
_TITLE_MARK = regex.compile(r"[。，；：,;:]")
_SENTENCE_ENDS = "。；;！!？?：:）)】〕」”"
_PIECE_TRIM = "；;，,。 \t\u3000\u00a0"
_DASHES = "—－-─"


class HeadingRule(Rule):
    number: str
    family: str = ""  # styles of one family continue each other's numbering (1、 then 3. by mistake)
    counted: bool = False  # a mark with no numeral (● ■): the n-th mark of the style counts as n

    @property
    def key(self) -> str:
        return self.family or self.id


class PatternRule(Rule):
    pattern: str


class StructureSettings(RuleFile):
    subpoint_rules: list[str]
    switch_excluded: list[str]
    general_sections: list[str]
    list_sections: list[str]
    heading_stops: str
    heading_label: str
    task_heading: str = "(?!)"
    table_header: str
    general_heading: str
    signature: str
    preamble_end: str
    list_end: str
    list_title: str
    group_heading: str
    line_noise: str
    activity_title: str
    figure: str
    intro_end: str
    admin_heading: str
    title_line_length: int
    run_on_length: int
    run_on_mean: int
    run_on_boundary: str
    sentence_end: str
    final_closing: list[str]
    line_markup: str


class UnnumberedRule(Rule):
    entry_title: str


class CategoryRule(Rule):
    line: str


class ItemRules(RuleFile):
    heading: list[HeadingRule]
    inline: HeadingRule
    unnumbered: UnnumberedRule
    category: CategoryRule
    table_row: Rule
    fallback: Rule
    structure: StructureSettings
    closing: list[PatternRule]
    page_number: list[PatternRule]

    @cached_property
    def heading_res(self) -> list[tuple[HeadingRule, regex.Pattern[str]]]:
        return [(h, regex.compile(r"[ \t\u3000\u00a0]*(?:" + h.number + r")[ \t\u3000\u00a0]*")) for h in self.heading]

    @cached_property
    def number_res(self) -> list[regex.Pattern[str]]:
        """The heading numbers alone: searched along a line, a leading run of blanks would be rescanned at every blank."""
        return [regex.compile(h.number) for h in self.heading]

    @cached_property
    def any_heading_re(self) -> regex.Pattern[str] | None:
        """Matches where some heading style does: most lines are no heading, one match rules them out."""
        try:
            return regex.compile(r"[ \t\u3000\u00a0]*(?:" + "|".join(f"(?:{h.number})" for h in self.heading) + ")")
        except regex.error:  # styles that cannot share one pattern are tried one by one
            return None

    @cached_property
    def inline_re(self) -> regex.Pattern[str]:
        return regex.compile(r"(?:^|(?<=[；;。，,：:\n]))[ \t\u3000\u00a0]*(?:" + self.inline.number + ")")

    @cached_property
    def closing_res(self) -> list[tuple[PatternRule, regex.Pattern[str]]]:
        return [(c, regex.compile(c.pattern)) for c in self.closing]

    @cached_property
    def closing_any_re(self) -> regex.Pattern[str] | None:
        """Every closing pattern in one, in order (the first that matches wins, as one by one)."""
        try:
            return regex.compile("|".join(f"(?P<closing{k}>{c.pattern})" for k, c in enumerate(self.closing)))
        except regex.error:  # patterns that cannot share one are tried one by one
            return None

    signature_re = compiled("structure.signature")

    entry_title_re = compiled("unnumbered.entry_title")

    category_re = compiled("category.line")

    preamble_end_re = compiled("structure.preamble_end")

    general_heading_re = compiled("structure.general_heading")

    group_heading_re = compiled("structure.group_heading")

    list_title_re = compiled("structure.list_title")

    activity_title_re = compiled("structure.activity_title")

    figure_re = compiled("structure.figure")

    intro_end_re = compiled("structure.intro_end")

    admin_heading_re = compiled("structure.admin_heading")

    table_header_re = compiled("structure.table_header")

    noise_re = compiled("structure.line_noise")

    markup_re = compiled("structure.line_markup")

    @cached_property
    def markup_end_re(self) -> regex.Pattern[str]:
        """The same markup closing a heading at its end (**)."""
        return regex.compile(r"(?:\*\*|__)[ \t\u3000\u00a0]*$")

    list_end_re = compiled("structure.list_end")

    task_heading_re = compiled("structure.task_heading")

    @cached_property
    def general_prefixes(self) -> tuple[str, ...]:
        return tuple(self.structure.general_sections)

    @cached_property
    def heading_stop_re(self) -> regex.Pattern[str]:
        return regex.compile("[" + regex.escape(self.structure.heading_stops) + "]")

    @cached_property
    def heading_label_re(self) -> regex.Pattern[str]:
        return regex.compile(self.structure.heading_label)

    @cached_property
    def page_res(self) -> list[regex.Pattern[str]]:
        return [regex.compile(p.pattern) for p in self.page_number]

    def is_page_line(self, line: str) -> bool:
        """Whether a line's text is a page number (— 2 —, 第3页)."""
        return any(p.match(line) for p in self.page_res)


def load_item_rules(rules_dir: Path | None = None) -> ItemRules:
    return load_rule_file("items.toml", ItemRules, rules_dir)


@dataclass
class Entry:
    """An entry of the list before ids are given: a node of the outline."""

    rule: str
    n: int
    number: str | None
    number_start: int  # first character of the number, or of the title when unnumbered
    heading_start: int
    heading_end: int
    line: int
    start: int = 0
    end: int = 0
    kind: str = "item"
    children: list[Entry] = field(default_factory=list)
    id: str = ""
    parent: str | None = None
    level: int = 1
    style: str = ""  # the numbering family the sequence checks follow


def _header_words(line: str) -> bool:
    """序号 项目名称 责任单位 完成时限: three or more short names set apart by spaces (a PDF's table header)."""
    words = line.split()
    return len(words) >= 3 and all(len(w) <= 8 for w in words)


class Outline:
    """Finds the entries of one notice; holds the per-notice line index."""

    def __init__(self, text: str, rules: ItemRules, unit_rules: UnitRules, body_start: int = 0) -> None:
        self.text = text
        self.rules = rules
        self.unit_rules = unit_rules
        self._clauses: dict[tuple[int, int], list[Clause]] = {}
        self._closing: dict[int, str | None] = {}
        self.lines = split_lines(text, rules, lambda s, e: bool(self.clauses(s, e)))
        self._line_starts = [ln.start for ln in self.lines]
        self._page: dict[int, bool] = {}
        self.body_start = body_start
        self.fell_back = False  # set when no list style fitted and the fallback found the entries

    def clauses(self, start: int, end: int) -> list[Clause]:
        """Responsibility clauses of ``text[start:end]``; the outline asks for the same spans often."""
        key = (start, end)
        if key not in self._clauses:
            self._clauses[key] = find_clauses(self.clause_text, start, end, self.unit_rules)
        return self._clauses[key]

    @cached_property
    def clause_text(self) -> str:
        """The text clauses are read in: each page-number line blanked with its line end (same length,
        every offset holds), as a clause the page cut goes on across it (配合单位⏎— 4 —⏎：市民政局)."""
        if "\n" not in self.text:
            return self.text
        page = self.rules.is_page_line
        out = [" " * (len(ln) + 1) if ln.strip() and page(ln) else ln + "\n" for ln in self.text.split("\n")]
        return "".join(out)[: len(self.text)]

    # -- line classification -------------------------------------------------------------
    def line_text(self, i: int) -> str:
        ln = self.lines[i]
        return self.text[ln.start : ln.end]

    def is_page_number(self, i: int) -> bool:
        """Whether line ``i`` is a page number; asked of the same lines by every entry, so remembered."""
        if i not in self._page:
            t = self.line_text(i)
            self._page[i] = self.rules.is_page_line(t)
        return self._page[i]

    def content_start(self, i: int) -> int:
        """Offset of the first character of line ``i`` after its indentation and any converter markup (**, #, >)."""
        t = self.line_text(i)
        start = self.lines[i].start + len(t) - len(t.lstrip(" \t\u3000\u00a0"))
        markup = self.rules.markup_re.match(self.text, start, self.lines[i].end)
        return markup.end() if markup else start

    def is_blank(self, i: int) -> bool:
        return not self.line_text(i).strip()

    def closing_rule(self, i: int) -> str | None:
        """The closing rule line ``i`` matches; asked again for the same lines by every entry above them."""
        if i not in self._closing:
            t = self.rules.noise_re.sub("", self.line_text(i)).strip()
            one = self.rules.closing_any_re
            if one is None:
                self._closing[i] = next((rule.id for rule, pattern in self.rules.closing_res if pattern.match(t)), None)
            else:
                m = one.match(t)
                self._closing[i] = None if m is None else self.rules.closing[int(m.lastgroup[len("closing") :])].id
        return self._closing[i]

    def table_start(self) -> int:
        """Index of the first line of a closing table (its header row), or len(lines)."""
        header = self.rules.table_header_re
        for i in range(len(self.lines)):
            t = self.line_text(i).strip()
            if len(t) == 1 and i + 1 < len(self.lines):
                t += self.line_text(i + 1).strip()  # 序⏎号 项目名称 …: a PDF's narrow first column wrapped
            # a whole match is a match: most lines fail the one test
            if header.match(t) and (header.fullmatch(t) or "\t" in t or "|" in t or _header_words(t)):
                return i
        return len(self.lines)

    # -- candidates ----------------------------------------------------------------------
    def candidates(self, first: int, last: int) -> list[Entry]:
        found = []
        marks_seen: dict[str, int] = {}  # counted styles: how many of their marks came before
        any_heading = self.rules.any_heading_re
        for i in range(first, last):
            ln = self.lines[i]
            at = ln.start
            if self.rules.markup_re.match(self.text, ln.start, ln.end):  # **一、…**, ## 一、…, ✅ 一、…: markup
                at = self.content_start(i)
            if any_heading is not None and not any_heading.match(self.text, at, ln.end):
                continue
            for rule, pattern in self.rules.heading_res:
                m = pattern.match(self.text, at, ln.end)
                if not m:
                    continue
                if rule.counted:
                    n = marks_seen[rule.key] = marks_seen.get(rule.key, 0) + 1
                else:
                    n = numeral_value(m["n"])
                if n is None:
                    break
                num_start = self.content_start(i)
                number = self.text[num_start : m.end()].rstrip(" \t\u3000\u00a0")
                if m.end() < ln.end:
                    hs, he = self.heading_span(m.end(), ln.end)
                elif _BARE_NUMERAL.fullmatch(number) or i + 1 >= last or self.is_blank(i + 1) or self.closing_rule(i + 1):
                    break  # a bare number alone on its line is a table cell, not a heading; 附件： is no title
                else:  # "一、" alone on its line, the title on the next (PDF and Word text)
                    hs, he = self.heading_span(self.content_start(i + 1), self.lines[i + 1].end)
                found.append(Entry(rule.id, n, number, num_start, hs, he, i, style=rule.key))
                break
        return found

    def heading_span(self, s: int, line_end: int) -> tuple[int, int]:
        label = self.rules.heading_label_re.match(self.text, s, line_end)
        if label:
            s = label.end()  # （一）项目名称：农村饮水工程: the name, not its field label
        if self.text.startswith(("【", "（", "("), s):
            lead = self.clauses(s, line_end)
            if lead and lead[0].start == s and lead[0].end < line_end:
                s = lead[0].end  # 四、【牵头单位：市人社局】促进…, 三、（市卫健委）加强…: the title after the clause
        stop = self.rules.heading_stop_re.search(self.text, s, line_end)
        e = stop.start() if stop else line_end
        # the heading ends at the first stop, or before a clause that starts earlier
        if self.unit_rules.clause_start_re.search(self.text, s, e):
            clauses = self.clauses(s, line_end)
            if clauses and clauses[0].start < e:
                e = clauses[0].start
        while e > s and self.text[e - 1] in " \t\u3000\u00a0":
            e -= 1
        markup = self.rules.markup_end_re.search(self.text, s, e)
        if markup:
            e = markup.start()  # 实施…工程**: the closing of a converter's bold mark
        if e - 1 > s and self.text[e - 1] == "." and _HAN.match(self.text[e - 2]):
            e -= 1  # 推进学前教育普惠发展.: a full stop written as "."
        return s, e

    # -- outline -------------------------------------------------------------------------
    def build_tree(self, cands: list[Entry], last_seen: dict[str, int] | None = None) -> list[Entry]:
        roots: list[Entry] = []
        stack: list[Entry] = []  # the last entry of each open style, outermost first
        last_seen = {} if last_seen is None else last_seen  # numbering may run on across groups (1–5, then 6–10)
        for idx, c in enumerate(cands):
            styles = [e.style for e in stack]
            if c.style in styles:
                k = styles.index(c.style)
                if c.n != stack[k].n + 1 and not self.numbering_slip(c, stack[k]):
                    continue
                del stack[k:]
            elif c.n != 1 and c.n != last_seen.get(c.style, -1) + 1:
                if not _switched_mark(c, stack, cands[idx + 1 :], self.rules.structure):
                    continue
                stack.clear()  # 二. then 3、 4、: a careless draft changed its numbering mark, not its level
            (stack[-1].children if stack else roots).append(c)
            stack.append(c)
            last_seen[c.style] = c.n
        return roots

    def beside_the_list(self, roots: list[Entry]) -> list[Entry]:
        """A part headed as the list (三、扎实办好十件民生实事) beside other parts: those without a clause are no items.

        A work report or a plan sets its list among parts of figures (二、2024年工作安排) that are not practical things.
        """
        def names_list(e: Entry) -> bool:
            return e.kind == "section" and self.names_a_list(e)

        if not any(names_list(e) for e in roots):
            return roots
        # 一、候选项目 (1. … 15., no clause) beside 二、确定项目: a part with no clause anywhere is no list
        return [e for e in roots if names_list(e) or self.has_clause(e)]

    def end_last_at_clause(self, roots: list[Entry]) -> None:
        """The last item ends with its clause when the items before it all do: paragraphs after it are the closing.

        A closing that opens with no cue (为妇女儿童办实事是…) would otherwise run on in the last item.
        """
        leaves = [e for e in _walk(roots) if not e.children and e.kind == "item"]
        if len(leaves) < 3:
            return
        for e in leaves[:-1]:
            tail = max(e.start, self.lines[self.line_of(e.end - 1)].start)  # the last line: its search is remembered
            found = self.clauses(tail, e.end)
            if not found or found[-1].end < e.end - 1:
                return
        last = leaves[-1]
        found = self.clauses(last.start, last.end)
        if not found or found[-1].end >= last.end - 1:
            return
        line = self.line_of(found[-1].end - 1)
        if self.text[found[-1].end : self.lines[line].end].strip(" \t\u3000\u00a0。；;"):
            return  # the clause closes a sentence part, the body goes on
        old_end, new_end = last.end, self.trim_end(line, line + 1)
        for e in _walk(roots):
            if e.end == old_end:
                e.end = new_end

    def numbering_slip(self, c: Entry, prev: Entry) -> bool:
        """1. 2. 4. or 6. 6.: a draft's skipped or repeated number, where both lines are items closed by a clause."""
        if c.n not in (prev.n, prev.n + 2) or c.line <= prev.line:
            return False
        lines = (self.lines[prev.line], self.lines[c.line])
        return all(self.clauses(ln.start, ln.end) for ln in lines)

    def assign_spans(self, entries: list[Entry], limit_line: int) -> None:
        """Each entry runs to the next entry that is not its descendant, or to the closing."""
        flat = list(_walk(entries))
        order = sorted(flat, key=lambda e: e.number_start)
        for idx, e in enumerate(order):
            below = {id(d) for d in _walk(e.children)}
            nxt = next((o for o in order[idx + 1 :] if id(o) not in below), None)
            stop_line = nxt.line if nxt else self.closing_line(e.line, limit_line)
            e.end = self.trim_end(e.line, stop_line)
            e.start = e.number_start
        for e in flat:  # numbering after the closing (an attached document's own list) is not the list's
            e.children = [c for c in e.children if c.number_start < e.end]

    def closing_line(self, from_line: int, limit_line: int) -> int:
        for i in range(from_line + 1, limit_line):
            if self.closing_rule(i) and not self.clause_closes(i, limit_line):
                # a signature above a date is closing too
                j = i
                while j - 1 > from_line and (self.is_blank(j - 1) or self._is_signature(j - 1)):
                    j -= 1
                return j
        return limit_line

    def clause_closes(self, i: int, limit_line: int) -> bool:
        """各地要…。 then （主管部门：…）, or 以上项目由A牵头…: a sentence that is or is followed by a clause is an item's."""
        if self.closing_rule(i) in self.rules.structure.final_closing:
            return False
        if self.is_clause_line(i):
            return True  # 以上项目由区民政局牵头，区残联配合。: the line is the clause itself
        j = i + 1
        while j < limit_line and self.is_blank(j):
            j += 1
        return j < limit_line and j == i + 1 and self.is_clause_line(j)

    def _is_signature(self, i: int) -> bool:
        t = self.line_text(i).strip()
        return (
            0 < len(t) <= 30
            and not _SENTENCE_MARK.search(t)
            and self.rules.signature_re.search(t) is not None
            and not self.is_clause_line(i)  # 【责任单位】县公安局 ends like an office but is a clause
            and not (i > 0 and self.line_text(i - 1).rstrip()[-1:] in ("、", "，"))  # …区卫生健康局、⏎区总工会、区妇联
        )

    def trim_end(self, first_line: int, stop_line: int) -> int:
        j = stop_line - 1
        while j > first_line and (self.is_blank(j) or self.is_page_number(j)):
            j -= 1
        ln = self.lines[j]
        end = ln.end
        while end > ln.start and self.text[end - 1] in " \t\u3000\u00a0":
            end -= 1
        return end

    def own_text(self, e: Entry, skip_heading: bool = False) -> str:
        pieces, pos = [], e.heading_end if skip_heading else e.start
        for c in e.children:
            pieces.append(self.text[pos : c.start])
            pos = c.end
        pieces.append(self.text[pos : e.end])
        return "".join(pieces)

    def has_clause(self, e: Entry) -> bool:
        return bool(self.clauses(e.start, e.end))

    def is_general(self, e: Entry) -> bool:
        return self.is_general_text(compact(self.text[e.heading_start : e.heading_end]))

    def is_general_text(self, heading: str) -> bool:
        return (
            heading.startswith(self.rules.general_prefixes)
            or bool(self.rules.general_heading_re.search(heading))
            or bool(self.rules.admin_heading_re.fullmatch(heading))
        )

    def names_tasks(self, e: Entry) -> bool:
        """目标任务, 主要目标: a general heading's words that may also head the list (not 职责分工)."""
        return bool(self.rules.task_heading_re.search(compact(self.text[e.heading_start : e.heading_end])))

    def holds_items(self, e: Entry) -> bool:
        """二、目标任务 over （一）–（十） that each close with their own clause: a general heading's
        words, but the list itself."""
        return len(e.children) >= 2 and self.count_clauses(e.children) * 2 >= len(e.children)

    def classify(self, entries: list[Entry], depth: int = 0, deep: frozenset[int] | None = None) -> list[Entry]:
        """Drop general sections, fold sub-points into their item, mark sections."""
        kept = [e for e in entries if not self.is_general(e) or (self.names_tasks(e) and self.holds_items(e))]
        sections = {id(e) for e in kept if e.children and (e.kind == "section" or self.is_section(e))}
        if deep is None:
            deep = self.section_depths(kept)
        for e in kept:
            # a group with a single titled point is a section when its sibling groups are, or groups of
            # its depth elsewhere (一、…类 → （一） → 1.), or when the point's number runs on from the
            # groups before (4. under the second group of 一、 1.–3.)
            if e.children and id(e) not in sections and (sections or depth in deep or e.children[0].n > 1) and (
                self.is_lone_point_group(e)
            ):
                sections.add(id(e))
        for e in kept:
            if id(e) in sections:
                e.kind = "section"
                e.children = self.classify(e.children, depth + 1, deep)
                if not e.children:
                    e.kind = "item"
            else:
                e.children = []
        return kept

    def section_depths(self, entries: list[Entry], depth: int = 0) -> frozenset[int]:
        """The depths at which some entry below a section is itself a section of several points."""
        found: set[int] = set()
        for e in entries:
            if e.children and not self.is_general(e) and (e.kind == "section" or self.is_section(e)):
                if depth:
                    found.add(depth)
                found |= self.section_depths(e.children, depth + 1)
        return frozenset(found)

    def is_lone_point_group(self, e: Entry) -> bool:
        kids = [c for c in e.children if not self.is_general(c)]
        return (
            len(kids) == 1
            and self.has_clause(kids[0])
            and not self.clauses(e.heading_end, kids[0].start)
            and len(_SENTENCE_END.findall(self.intro(e, kids[0]))) <= 1
        )

    def intro(self, e: Entry, first: Entry) -> str:
        """What stands between an entry's heading and its first child, past the mark that ends the heading."""
        return self.text[e.heading_end : first.start].strip().lstrip("。.：:").strip()

    def is_section(self, e: Entry) -> bool:
        kids = [c for c in e.children if not self.is_general(c)]
        if not kids:
            return False
        heading = compact(self.text[e.heading_start : e.heading_end])
        if any(w in heading for w in self.rules.structure.list_sections):
            return True
        if self.rules.group_heading_re.search(heading):
            return True
        intro_short = len(_SENTENCE_END.findall(self.intro(e, kids[0]))) <= 1 and not self.clauses(e.heading_end, kids[0].start)
        with_clause = [self.has_clause(c) for c in kids]
        if all(with_clause) and len(kids) > 1:
            return intro_short
        if kids[0].rule in self.rules.structure.subpoint_rules:
            return False
        if with_clause[-1] and not any(with_clause[:-1]):
            return False  # one clause after the points: it is the item's clause
        return intro_short and all(_DIGIT.search(self.own_text(c)) for c in kids) and len(kids) > 1

    # -- the other list forms --------------------------------------------------------------
    def inline_entries(self, first: int, last: int) -> list[Entry]:
        """``一是…；二是…`` as the notice's list: the longest sequence from 一是."""
        if first >= last:
            return []
        s, e = self.lines[first].start, self.lines[last - 1].end
        marks = [(m, numeral_value(m["n"])) for m in self.rules.inline_re.finditer(self.text, s, e)]
        seq: list[regex.Match[str]] = []
        for m, n in marks:
            if n == 1 and len(seq) < 2:
                seq = [m]
            elif seq and n == len(seq) + 1:
                seq.append(m)
        if len(seq) < 2:
            return []
        entries = []
        for k, m in enumerate(seq):
            num_start = m.start("n")
            line_idx = self.line_of(num_start)
            line_end = self.lines[line_idx].end
            if k + 1 < len(seq):
                stop = seq[k + 1].start("n")
                end = stop
                while end > num_start and self.text[end - 1] in "；;，,。 \t\u3000\u00a0\n":
                    if self.text[end - 1] == "。":
                        break
                    end -= 1
            else:
                end = self.close_before_closing(m.end(), self.trim_end(line_idx, line_idx + 1))
            hs, he = self.heading_span(m.end(), min(line_end, end))
            entry = Entry(self.rules.inline.id, k + 1, self.text[num_start : m.end()], num_start, hs, he, line_idx)
            entry.start, entry.end = num_start, end
            entries.append(entry)
        return entries

    def close_before_closing(self, pos: int, end: int) -> int:
        """The end of the sentence from ``pos`` when the closing runs on after it on the same line."""
        for m in _SENTENCE_END.finditer(self.text, pos, end):
            rest = self.text[m.end() : end].strip()
            if m.group() == "。" and rest and any(p.match(rest) for _r, p in self.rules.closing_res):
                return m.end()
        return end

    def line_of(self, pos: int) -> int:
        """The last line starting at or before ``pos`` (the first line when none does)."""
        return max(0, bisect_right(self._line_starts, pos) - 1)

    def paragraph_entries(self, first: int, last: int) -> list[Entry]:
        """Unnumbered title paragraphs (or ；-separated entries), each closed by its own clause.

        A paragraph is a line with the clause lines that follow it; only paragraphs holding a
        clause are entries, and fewer than two such paragraphs is no list at all.
        """
        entries: list[Entry] = []
        i, floor = first, first - 1
        while i < last:
            if self.is_blank(i) or self.is_page_number(i):
                i += 1
                continue
            j = self.clause_lines_after(i, last)
            ln = self.lines[i]
            s = self.content_start(i)
            e = self.lines[j - 1].end
            clauses = self.clauses(s, e)
            if clauses:
                pieces = self.split_semicolon_entries(s, e, clauses)
                title = None
                if len(pieces) == 1:  # a title on its own line above the body, or a body that opens points with a colon
                    title = self.title_line_above(i, floor)
                    title = self.lead_in_above(i, floor) if title is None else title
                if title is not None:  # the title on its own line, the body below it
                    ts = self.content_start(title)
                    hs, he = self.heading_span(ts, self.lines[title].end)
                    entry = Entry(self.rules.unnumbered.id, len(entries) + 1, None, ts, hs, he, title)
                    entry.start, entry.end = ts, pieces[0][1]
                    entries.append(entry)
                    pieces = []
                for ps, pe in pieces:
                    hs, he = self.heading_span(ps, min(pe, ln.end))
                    entry = Entry(self.rules.unnumbered.id, len(entries) + 1, None, ps, hs, he, i)
                    entry.start, entry.end = ps, pe
                    entries.append(entry)
                floor = j - 1
            i = j
        if len(entries) < 2:
            return []
        self.extend_titled_clauses(entries, last)
        return entries

    def extend_titled_clauses(self, entries: list[Entry], last: int) -> None:
        """Title lines that carry the clause (``标题（责任单位：…）``) with the body below: each runs to the next."""
        for e in entries:
            ln = self.lines[e.line]
            clauses = self.clauses(e.start, ln.end)
            title = self.text[e.start : clauses[0].start].strip() if clauses else ""
            if not (clauses and e.end == ln.end and title and len(title) <= self.rules.structure.title_line_length):
                return
            if _TITLE_MARK.search(title.rstrip("。")):
                return
        for e, nxt in zip(entries, [*entries[1:], None], strict=True):
            stop = nxt.line if nxt else self.closing_line(e.line, last)
            e.end = max(e.end, self.trim_end(e.line, stop))

    def clause_lines_after(self, i: int, last: int) -> int:
        """The line after paragraph ``i`` and the clause lines that close it (blank lines between allowed)."""
        j = k = i + 1
        while k < last:
            if self.is_blank(k) or self.is_page_number(k):
                k += 1
            elif self.is_clause_line(k) and (
                k == j or self.is_clause_line(j - 1) or not self.clauses(self.content_start(i), self.lines[j - 1].end)
            ):
                j = k = k + 1
            elif k == j and j - 1 > i and self.is_clause_line(j - 1) and self.clause_goes_on(j - 1, k):
                j = k = k + 1  # 责任单位：A、B、⏎C, …国网茶陵县⏎供电公司: a wrapped clause line goes on
            else:
                break
        return j

    def title_line_above(self, i: int, floor: int) -> int | None:
        """The line naming the item whose body starts at line ``i``: short, no sentence marks, no clause.

        Word numbering lost on paste leaves the title alone on its line, the body below it
        (blank lines and a body paragraph or two may come between).
        """
        # the first line after the entry above, when it can be a title: the item's title comes first
        top = self.first_text_line(floor + 1, i)
        if top < i and i - top <= 12 and self.could_be_title(top) and not any("\t" in self.line_text(k) for k in range(top + 1, i)):
            return top  # (a table's caption over its header row names no item)
        k, seen = i, 0
        while k - 1 > floor and seen < 12:
            k -= 1
            if self.is_blank(k) or self.is_page_number(k):
                continue
            if self.is_clause_line(k) or "\t" in self.line_text(k):
                return None  # (a table's header row: the line above it is the table's caption)
            seen += 1
            if self.could_be_title(k) and self.ends_a_sentence(k - 1, floor):
                # (only a line after a finished sentence: a PDF wraps a body over many lines, and a
                # wrapped line without a mark is no title)
                return k
        return None

    def lead_in_above(self, i: int, floor: int) -> int | None:
        """The paragraph that opens the points down to line ``i`` with a colon (保障母婴安全。…重点做好以下工作：):
        the points and the clause below them are its body."""
        top = self.first_text_line(floor + 1, i)
        if top >= i or i - top > 12 or not self.line_text(top).rstrip().endswith(("：", ":")):
            return None
        if any(self.is_blank(k) or self.is_clause_line(k) for k in range(top + 1, i)):
            return None
        return top

    def first_text_line(self, k: int, stop: int) -> int:
        """The first line from ``k`` on that is neither blank nor a page number (``stop`` if none before it)."""
        while k < stop and (self.is_blank(k) or self.is_page_number(k)):
            k += 1
        return k

    def could_be_title(self, k: int) -> bool:
        """Short, no mark (a title may end as a sentence: 实施…检查项目。), no clause, not as wide as the
        wrapped body lines below it."""
        if self.is_clause_line(k):
            return False
        t = self.line_text(k).strip().rstrip("：:")
        t = t[:-1] if t.endswith("。") else t
        if "\t" in t:
            return False  # 实事项目	责任单位: a table's header or row, cells set apart, names no item
        return len(_HAN.findall(t)) >= 2 and len(t) <= self.rules.structure.title_line_length and not _TITLE_MARK.search(t) and (
            not self.full_wrapped_line(k)
        )

    def ends_a_sentence(self, k: int, floor: int) -> bool:
        """Whether the text before line ``k + 1`` ends a sentence, a clause or the part above the list."""
        while k > floor and (self.is_blank(k) or self.is_page_number(k)):
            k -= 1
        if k <= floor:
            return True
        t = self.line_text(k).strip()
        return not t or t[-1] in _SENTENCE_ENDS or (len(t) <= 4 and not _HAN.search(t))  # 02: a number alone

    def full_wrapped_line(self, k: int) -> bool:
        """A line as wide as the wrapped body lines below it (20 characters or more): a paragraph's
        first line, not a title."""
        width = printed_width(self.line_text(k).strip())
        below = [printed_width(self.line_text(j).strip()) for j in range(k + 1, min(k + 3, len(self.lines)))]
        return width >= 20 and bool(below) and width >= 0.9 * max(below)

    def split_into_entries(self, e: Entry) -> None:
        """A body paragraph of ``；``-separated entries, each closed by its clause, makes ``e`` a section."""
        kids: list[Entry] = []
        for i in range(e.line + 1, self.line_of(e.end) + 1):
            ln = self.lines[i]
            s = self.content_start(i)
            end = min(ln.end, e.end)
            if (s, end) not in self._clauses and most_clauses(self.text, s, end, self.unit_rules) < 2:
                continue  # most lines hold one clause at most: no search needed to tell
            clauses = self.clauses(s, end)
            pieces = self.split_semicolon_entries(s, end, clauses) if len(clauses) >= 2 else []
            if len(pieces) < 2:
                continue
            marked = self.inline_marked(pieces)
            for ps, pe in pieces:
                rule, number, title = self.rules.unnumbered.id, None, ps
                if marked:  # 一是…: the mark is the entry's number, the title follows it
                    m = self.rules.inline_re.match(self.text, ps, pe)
                    rule, title = self.rules.inline.id, m.end()
                    number = self.text[ps:title].strip(" \t\u3000\u00a0")
                hs, he = self.heading_span(title, pe)
                kid = Entry(rule, len(kids) + 1, number, ps, hs, he, i)
                kid.start, kid.end = ps, pe
                kids.append(kid)
        if len(kids) >= 2:
            e.kind, e.children = "section", kids

    def names_a_list(self, e: Entry) -> bool:
        heading = compact(self.text[e.heading_start : e.heading_end])
        return any(w in heading for w in self.rules.structure.list_sections)

    def split_into_paragraphs(self, e: Entry) -> None:
        """``二、民生实事项目`` over unnumbered paragraphs each closed by a clause: they are its items."""
        kids = self.paragraph_entries(e.line + 1, self.line_of(e.end) + 1)
        if len(kids) >= 2 and not self.clauses(e.start, kids[0].start):
            e.kind, e.children = "section", kids

    def is_list(self, roots: list[Entry]) -> bool:
        """A list of practical things: a title that says so, or items that carry clauses."""
        items = [e for e in _walk(roots) if e.kind == "item"]
        if not items:
            return False
        if self.is_activity_notice():  # about the list (督查, 会议, 培训班), not the list: clauses must say otherwise
            return len(items) >= 2 and sum(self.has_clause(e) for e in items) * 2 >= len(items)
        with_figure = sum(bool(self.rules.figure_re.search(self.own_text(e))) for e in items)
        if self.rules.list_title_re.search(self.text[: self.body_start]):  # announced: some practical content is enough
            return with_figure * 3 >= len(items) or (with_figure + self.count_clauses(items)) * 3 >= len(items)
        return with_figure * 2 >= len(items) or self.count_clauses(items) * 3 >= len(items)

    def count_clauses(self, items: list[Entry]) -> int:
        return sum(self.has_clause(e) for e in items)

    def is_activity_notice(self) -> bool:
        """A notice that organises something about the list (an inspection, a meeting, a report), from its title."""
        return bool(self.rules.activity_title_re.search(compact(self.text[: self.body_start])))

    def clause_goes_on(self, i: int, k: int) -> bool:
        """Whether line ``k`` ends the clause line ``i`` wrapped above it: after a separator, or the end
        of a unit name the line broke (国网茶陵县⏎供电公司), never a title of its own."""
        above = self.line_text(i).rstrip()
        if above[-1:] in ("、", "，") or above.count("（") + above.count("(") > above.count("）") + above.count(")"):
            return True  # after a separator, or inside a bracket still open
        last = regex.split(r"[、，,；;：:]", above)[-1].strip()
        line = self.line_text(k).strip()
        looks = self.unit_rules.looks_like_unit
        return bool(last and line) and len(line) <= 12 and not looks(last) and looks(last + line)

    def is_clause_line(self, i: int) -> bool:
        s = self.content_start(i)
        clauses = self.clauses(s, self.lines[i].end)
        if not clauses:
            return False
        while s < clauses[0].start and self.text[s] in _DASHES:  # ——责任部门：…
            s += 1
        return clauses[0].start == s

    def split_semicolon_entries(self, s: int, e: int, clauses) -> list[tuple[int, int]]:
        """A paragraph whose ``；``-separated pieces each end with a clause is several entries."""
        end = e
        while end > s and self.text[end - 1] in " \t\u3000\u00a0":
            end -= 1
        if len(clauses) < 2:
            return [(s, end)]
        pieces, pos = [], s
        for c in clauses[:-1]:
            k = c.end
            while k < end and self.text[k] in " \t\u3000\u00a0":
                k += 1
            if k < end and self.text[k] in "；;":
                pieces.append((pos, c.end))
                pos = k + 1
            else:
                return [(s, end)]
        pieces.append((pos, end))
        if not (all(self.rules.entry_title_re.match(self.text, ps, pe) for ps, pe in pieces) or self.inline_marked(pieces)):
            return [(s, end)]  # clauses closing the parts of one sentence: one entry
        return pieces

    def inline_marked(self, pieces: list[tuple[int, int]]) -> bool:
        """一是…（A负责）；二是…（B负责）: pieces that open with 一是, 二是, … in turn are entries; a
        paragraph may go on with a list the one before began (六是…；七是…)."""
        marks = [self.rules.inline_re.match(self.text, ps, pe) for ps, pe in pieces]
        if any(m is None for m in marks):
            return False
        first = numeral_value(marks[0]["n"])
        return first is not None and all(numeral_value(m["n"]) == first + k for k, m in enumerate(marks))

    # -- entry point -----------------------------------------------------------------------
    def entries(self) -> list[Entry]:
        first = self.line_of(self.body_start) if self.body_start else 0
        last = min(self.table_start(), self.list_end(first))
        cands = self.candidates(first, last)
        categories = self.category_sections(cands, first)
        roots = categories or self.build_tree(cands)
        numbered = bool(roots)
        if roots:
            roots = self.shape(roots, last, lift_categories=bool(categories))
            if not self.is_list(roots):
                roots = self.attached_list(roots, last)
            elif not categories:
                roots = self.whole_attached_list(roots, first, last)
        list_first = self.list_start(first, last)
        list_last = self.closing_line(list_first, last) if list_first < last else last
        if roots:
            self.end_last_at_clause(roots)
        if roots and not categories and self.points_under_titles(cands):
            paragraphs = self.paragraph_entries(list_first, list_last)
            if self.holds_points(paragraphs, cands):
                roots = paragraphs
        if not roots and numbered:
            roots = self.list_after_closing(self.closing_line(first, last), last)
        if not roots:
            inline = self.inline_entries(first, list_last)
            paragraphs = self.paragraph_entries(list_first, list_last)
            roots = paragraphs if self.nested(inline, paragraphs) else inline or paragraphs
            if not roots and list_last < last:
                # a covering notice over its list, attached after the signature as unnumbered
                # paragraphs each closed by its clause (an HTML <ol> shows its numbers, not its text)
                roots = self.paragraph_entries(self.attachment_start(list_last, last), last)
            if not roots and not numbered and not self.is_activity_notice():
                roots = self.fallback_entries(list_first, list_last)
                self.fell_back = bool(roots)
        number_entries(roots)
        return roots

    def shape(self, roots: list[Entry], last: int, lift_categories: bool = False) -> list[Entry]:
        """A tree of numbered entries made into the list's entries: spans, kinds, the parts beside
        the list left out, and leaves holding ；-separated entries or paragraphs split."""
        self.assign_spans(roots, last)
        roots = self.classify(roots)
        if lift_categories:  # a category line ends the item above it but is no entry: levels count numbered entries
            roots = [c for e in roots for c in (e.children if e.rule == self.rules.category.id else [e])]
        roots = self.beside_the_list(roots)
        for leaf in [e for e in _walk(roots) if not e.children]:
            self.split_into_entries(leaf)
            if not leaf.children and self.names_a_list(leaf):
                self.split_into_paragraphs(leaf)
        return roots

    def attached_list(self, roots: list[Entry], last: int) -> list[Entry]:
        """A covering notice's own numbered points (一、提高思想认识…) are no list; the list may stand
        after its signature (附件, a title, 1．…): the entries after the closing, when they make one."""
        if not roots:
            return []
        stop = self.closing_line(roots[0].line, last)
        cands = self.candidates(stop + 1, last) if stop < last else []
        if not cands:
            return []
        tail = self.shape(self.build_tree(cands), last)
        return tail if self.is_list(tail) else []

    def whole_attached_list(self, roots: list[Entry], first: int, last: int) -> list[Entry]:
        """A covering notice numbered as its list is (一、…四、 then, after the signature, 一、…六、):
        when what was kept stands wholly after the covering notice's closing, the list is the one
        read from there on, numbered from its own start, when it holds more items."""
        stop = self.closing_line(first, last)
        if stop >= last or roots[0].line <= stop:
            return roots
        tail = self.list_after_closing(stop, last)
        return tail if _item_count(tail) > _item_count(roots) else roots

    def list_after_closing(self, stop: int, last: int) -> list[Entry]:
        """The numbered list below the covering notice's closing (signature, date, 附件; its first line
        ``stop``), read on its own: the covering notice's points (一、提高思想认识 … 五、注重宣传引导)
        would otherwise take its items (1．…12．) for their sub-points."""
        cands = self.candidates(stop + 1, last) if stop < last else []
        if not cands:
            return []
        tail = self.shape(self.build_tree(cands), last)
        return tail if self.is_list(tail) else []

    def category_sections(self, cands: list[Entry], floor: int) -> list[Entry]:
        """Unnumbered category lines (``教育类``) above groups of the outermost entries, as sections holding them.

        Each group is a tree of its own, its numbering running on from the group before or
        starting again at 1. The sections only end the item above each line: :meth:`entries`
        lifts their items back to the outermost level, as ``level`` counts numbered entries.
        """
        if not cands:
            return []
        heads = {c.line for c in cands}
        lines: list[tuple[int, int]] = []  # (category line, index of the first entry under it)
        for idx, c in enumerate(cands):
            if c.style != cands[0].style:
                continue
            k = c.line - 1
            while k > floor and (self.is_blank(k) or self.is_page_number(k)):
                k -= 1
            if k <= floor or k in heads or (lines and lines[-1][0] == k):
                continue
            t = self.line_text(k).strip()
            if self.rules.category_re.fullmatch(t) and not self.closing_rule(k) and not self.is_general_text(t):
                lines.append((k, idx))
        if len(lines) < 2 or lines[0][1] != 0 or self.one_clause_after_points(cands, lines):
            return []
        sections, last_seen = [], {}
        for g, (k, a) in enumerate(lines):
            b = lines[g + 1][1] if g + 1 < len(lines) else len(cands)
            s = self.content_start(k)
            hs, he = self.heading_span(s, self.lines[k].end)
            section = Entry(self.rules.category.id, g + 1, None, s, hs, he, k, kind="section", style="category")
            section.children = self.build_tree(cands[a:b], last_seen)
            sections.append(section)
        return sections

    def one_clause_after_points(self, cands: list[Entry], lines: list[tuple[int, int]]) -> bool:
        """A title line over points of which only the last is followed by a clause: one item whose numbers were lost."""
        ends = [k for k, _ in lines[1:]] + [len(self.lines)]
        for (_, a), stop in zip(lines, ends, strict=True):
            group = [c.line for c in cands[a:] if c.style == cands[0].style and c.line < stop] + [stop]
            if len(group) < 3:
                continue
            starts = [self.lines[i].start if i < len(self.lines) else len(self.text) for i in group]
            with_clause = [bool(self.clauses(s, e)) for s, e in pairwise(starts)]
            if with_clause[-1] and not any(with_clause[:-1]):
                return True
        return False

    def points_under_titles(self, cands: list[Entry]) -> bool:
        """Two points numbered 1 right under an unnumbered title line (a quick test before :meth:`holds_points`)."""
        heads = {c.line for c in cands}
        under = 0
        for c in cands:
            if c.n != 1:
                continue
            k = c.line - 1
            while k >= 0 and self.is_blank(k):
                k -= 1
            t = self.line_text(k).strip() if k >= 0 else ""
            under += k not in heads and 0 < len(t) <= self.rules.structure.title_line_length and not _TITLE_MARK.search(t)
        return under >= 2

    @staticmethod
    def holds_points(paragraphs: list[Entry], cands: list[Entry]) -> bool:
        """Points numbered from 1 again under each title line: the titled paragraphs are the list.

        Word numbering lost on paste takes the items' numbers and leaves their typed sub-points'.
        """
        restarts = 0
        for p in paragraphs:
            held = [c for c in cands if p.start <= c.number_start < p.end]
            restarts += len(held) >= 2 and held[0].n == 1 and p.start < held[0].number_start
        return restarts >= 2

    def nested(self, inner: list[Entry], outer: list[Entry]) -> bool:
        """``一是…二是…`` inside one paragraph that closes with the one clause: a sub-list of its body."""
        for o in outer:
            held = [e for e in inner if o.start <= e.start and e.end <= o.end]
            if len(held) >= 2 and sum(self.has_clause(e) for e in held) <= 1:
                return True
        return False

    def fallback_entries(self, first: int, last: int) -> list[Entry]:
        """No list style fits: each paragraph of the list's place that holds a clause or a figure.

        The commitments, ages and units of a list in an unknown layout are then still found,
        under the paragraphs that hold them. Only a notice that announces a list in its title,
        or whose paragraphs carry clauses, is read this way.
        """
        entries: list[Entry] = []
        titled: set[int] = set()  # entries that begin at a title line: later bodies without one join them
        i, floor = first, first - 1
        while i < last:
            intro = self.line_text(i).rstrip().endswith(("：", ":")) or self.lines[i].end <= self.body_start
            if self.is_blank(i) or self.is_page_number(i) or self.closing_rule(i) or intro:
                i += 1
                continue
            j = i + 1
            while j < last and not self.is_blank(j) and self.is_clause_line(j):
                j += 1
            s, e = self.content_start(i), self.trim_end(i, j)
            spans = self.clause_closed_spans(s, e)
            if len(spans) >= 2:  # entries run together in one paragraph, each closed by its clause
                for ps, pe in spans:
                    hs, he = self.heading_span(ps, pe)
                    entry = Entry(self.rules.fallback.id, len(entries) + 1, None, ps, hs, he, i)
                    entry.start, entry.end = ps, pe
                    entries.append(entry)
            elif s < e and (self.clauses(s, e) or _DIGIT.search(self.text, s, e)):
                title = self.title_line_above(i, floor)
                if title is None and entries and id(entries[-1]) in titled:
                    entries[-1].end = e
                else:
                    line = i if title is None else title
                    s = self.content_start(line)
                    hs, he = self.heading_span(s, self.lines[line].end)
                    entry = Entry(self.rules.fallback.id, len(entries) + 1, None, s, hs, he, line)
                    entry.start, entry.end = s, e
                    entries.append(entry)
                    if title is not None:
                        titled.add(id(entry))
                floor = j - 1
            i = j
        announced = bool(self.rules.list_title_re.search(self.text[: self.body_start]))
        with_clause = sum(self.has_clause(e) for e in entries)
        return entries if len(entries) >= 2 and (announced or with_clause >= 2) else []

    def clause_closed_spans(self, s: int, e: int) -> list[tuple[int, int]]:
        """``text[s:e]`` cut after each clause: the spans that hold figures, each up to its clause.

        The first span starts after the words that end a preamble run on before it (``如下：``);
        text after the last clause is a span of its own when it holds a figure.
        """
        clauses = self.clauses(s, e)
        if len(clauses) < 2:
            return []
        intro = [m.end() for m in self.rules.intro_end_re.finditer(self.text, s, clauses[0].start)]
        spans, pos = [], intro[-1] if intro else s
        for c in clauses:
            start = pos
            while start < c.start and self.text[start] in _PIECE_TRIM:
                start += 1
            if _DIGIT.search(self.text, start, c.start):
                spans.append((start, c.end))
            pos = c.end
        while pos < e and self.text[pos] in _PIECE_TRIM:
            pos += 1
        if _DIGIT.search(self.text, pos, e) and spans:
            spans.append((pos, e))
        return spans

    def list_end(self, first: int) -> int:
        """The line that introduces the closing requirements, or the end of the text."""
        pattern = self.rules.list_end_re
        for i in range(first, len(self.lines)):
            if pattern.match(self.line_text(i).strip()):
                return i
        return len(self.lines)

    def attachment_start(self, closing: int, last: int) -> int:
        """The first line of what is attached below the closing (signature, date, 附件, its title):
        after the line that introduces the list (…办好以下10件实事：), else after the closing lines."""
        start = closing + 1
        for i in range(closing, last):
            if self.clauses(self.lines[i].start, self.lines[i].end):
                break
            if self.closing_rule(i) or self._is_signature(i):
                start = i + 1
        intro = self.list_start(start, last)
        return intro if intro > start else start

    def list_start(self, first: int, last: int) -> int:
        """The line after the preamble: after ``…通知如下`` or the addressee line's paragraph."""
        for i in range(first, last):
            t = self.line_text(i).strip()
            if self.rules.preamble_end_re.search(t):
                return i + 1
        for i in range(first, last):
            t = self.line_text(i).strip()
            if t.endswith(("：", ":")) and t.startswith("各"):
                return i + 2
        return first


def _switched_mark(c: Entry, stack: list[Entry], rest: list[Entry], settings: StructureSettings) -> bool:
    """Whether ``c`` goes on the outermost numbering under another mark (一、 二. then 3、 4、): its own
    mark goes on after it and the list's does not. Sub-point marks (②, (2)) never take over a list,
    nor marks as often a table's row (9 婴幼儿照护服务)."""
    if not stack or stack[0].n + 1 != c.n:
        return False
    if stack[0].rule in settings.subpoint_rules or c.rule in settings.subpoint_rules or c.rule in settings.switch_excluded:
        return False
    if any(o.style == stack[0].style and o.n == c.n for o in rest):
        return False  # 三、 (四)…(九) 四、: the list's own mark goes on below, so (四) is no item of it
    return any(o.style == c.style and o.n == c.n + 1 for o in rest)


def _item_count(entries: list[Entry]) -> int:
    return sum(1 for e in _walk(entries) if e.kind == "item")


def _walk(entries: list[Entry]):
    for e in entries:
        yield e
        yield from _walk(e.children)


def number_entries(roots: list[Entry], parent: Entry | None = None, level: int = 1) -> None:
    for k, e in enumerate(roots, 1):
        e.id = f"{parent.id}.{k}" if parent else str(k)
        e.parent = parent.id if parent else None
        e.level = level
        number_entries(e.children, e, level + 1)
