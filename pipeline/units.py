"""Responsible units: find responsibility clauses, split them into unit names, give each a role.

A clause is found in one of three shapes: a label with a colon (``（责任单位：…）``, ``牵头单位：…；
配合单位：…`` or ``责任单位：…`` on its own line), names followed by a verb (``（区妇联牵头，区教体局
配合）``), or a bracket that closes an item and holds nothing but unit names (``（县教育局）``).
Names keep the brackets inside them (``各镇（街道）``) and are split only outside brackets.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import NamedTuple

import regex

from .normalise import compact, spelled_across_lines
from .record import ResponsibleUnit, Role
from .rules import Rule, RuleFile, compiled, load_rule_file

OPEN = "（(〔【[［"
CLOSE = "）)〕】]］"
_TRAILING_BRACKET = regex.compile(r"[（(](?P<inside>[^（()）]+)[）)]$")


class LabelRule(Rule):
    role: Role
    words: list[str]


class BareRule(Rule):
    suffixes: list[str]
    prefixes: list[str]
    trailing: list[str]
    separators: str
    lead_marker: str
    named_lead: str
    entry_number: str
    note_prefixes: list[str]
    mid_sentence_prefixes: list[str]
    seated_after: tuple[str, ...] = ()
    not_a_name: str
    other_field: str = "(?!)"
    joiners: list[str]


class SentenceRule(Rule):
    opening: str


class FirstListedRule(Rule):
    cue: str
    rest_cooperating: str
    notes: str


class PersonRule(Rule):
    posts: list[str]
    name: str


class UnitRules(RuleFile):
    label: list[LabelRule]
    verb: list[LabelRule]
    bare: BareRule
    sentence: SentenceRule
    first_listed: FirstListedRule
    person: PersonRule

    @cached_property
    def person_re(self) -> regex.Pattern[str]:
        """A post and a name closing the names before a verb (市卫健委主任张建华负责): a person, no unit."""
        posts = "|".join(regex.escape(p) for p in sorted(self.person.posts, key=len, reverse=True))
        return regex.compile(rf"(?:{posts})(?:{self.person.name})[ \u3000\u00a0]*$")

    @cached_property
    def label_re(self) -> regex.Pattern[str]:
        words = sorted(sorted({w for r in self.label for w in r.words}), key=len, reverse=True)
        # PDF text may break a line inside a label (配\n合单位): allow one break between characters
        # ... and a scan's text layer may set its characters apart with spaces (责 任 单 位：)
        spelled = "|".join(spelled_across_lines(w, spaced=True) for w in words)
        # 责任单位：… with a colon, 【责任单位】… with the label in black brackets, or the label as the
        # first cell of a table row (a table of two columns per item: 责任单位<TAB>县民政局、…)
        return regex.compile(
            r"(?:【(?P<boxed>" + spelled + r")】[ \u3000\u00a0]*[:：]?|(?P<label>" + spelled + r")[ \u3000\u00a0]*\n?[ \u3000\u00a0]*[:：]"
            r"|(?:(?<=^)|(?<=\n))[ \u3000\u00a0]*(?P<tabbed>" + "|".join(map(regex.escape, words)) + r")\t)"
            r"[ \u3000\u00a0]*"
        )

    @cached_property
    def verb_re(self) -> regex.Pattern[str]:
        words = sorted(sorted({w for r in self.verb for w in r.words}), key=len, reverse=True)
        # PDF text may break a line inside the verb too (牵⏎头)
        return regex.compile(r"(?:" + "|".join(map(spelled_across_lines, words)) + r")$")

    @cached_property
    def clause_start_re(self) -> regex.Pattern[str]:
        """A character a clause can start at (a bracket, a label's first): a text without one holds no clause."""
        firsts = {w[0] for r in self.label for w in r.words} | set(OPEN) | {"【"}
        return regex.compile("[" + regex.escape("".join(sorted(firsts))) + "]")

    @cached_property
    def trailing_longest_first(self) -> list[str]:
        return sorted(self.bare.trailing, key=len, reverse=True)

    @cached_property
    def joiners_longest_first(self) -> list[str]:
        return sorted(self.bare.joiners, key=len, reverse=True)

    lead_marker_re = compiled("bare.lead_marker")

    named_lead_re = compiled("bare.named_lead")

    entry_number_re = compiled("bare.entry_number")

    sentence_opening_re = compiled("sentence.opening")

    @cached_property
    def verb_last_chars(self) -> frozenset[str]:
        """The characters a verb ends with: a line ending otherwise holds no sentence clause."""
        return frozenset(w[-1] for r in self.verb for w in r.words)

    @cached_property
    def label_rule_of_word(self) -> dict[str, LabelRule]:
        """word → the first label rule listing it (asked once per clause: a table, not a search)."""
        return _first_rule_of_word(self.label)

    @cached_property
    def verb_rule_of_word(self) -> dict[str, LabelRule]:
        return _first_rule_of_word(self.verb)

    not_a_name_re = compiled("bare.not_a_name")

    other_field_re = compiled("bare.other_field")

    first_listed_re = compiled("first_listed.cue")

    rest_cooperating_re = compiled("first_listed.rest_cooperating")

    notes_re = compiled("first_listed.notes")

    @cached_property
    def parts_memo(self) -> PartsMemo:
        return PartsMemo()

    @cached_property
    def index_memo(self) -> list[ClauseIndex]:
        return []

    def clause_index(self, text: str) -> ClauseIndex:
        """The :class:`ClauseIndex` of ``text``, built on the first search of a new notice."""
        memo = self.index_memo
        if not memo or memo[0].text is not text:
            memo[:] = [ClauseIndex(text, self.label_re)]
        return memo[0]

    def first_listed_in(self, text: str) -> FirstListed | None:
        """What the notice says of the first-listed unit of a clause, read once per text."""
        return _first_listed(self, text)

    def label_rule(self, word: str) -> LabelRule:
        return self.label_rule_of_word[compact(word)]

    def verb_rule(self, word: str) -> LabelRule:
        return self.verb_rule_of_word[compact(word)]

    def looks_like_unit(self, name: str) -> bool:
        """A name ends with an organisation suffix, before or inside a closing bracket (各镇（街道）)."""
        name = compact(name)
        if not 2 <= len(name) <= 40:
            return False
        suffixes = tuple(self.bare.suffixes)
        if name.endswith(suffixes):
            return True
        inner = _TRAILING_BRACKET.search(name)
        return bool(inner) and (inner["inside"].endswith(suffixes) or name[: inner.start()].endswith(suffixes))


@dataclass(frozen=True)
class FirstListed:
    """The notice names the first unit of each clause as lead (and maybe the others as cooperating)."""

    rule_id: str
    rest: Role | None


_FIRST_LISTED: dict[tuple[int, str], FirstListed | None] = {}


def _first_listed(rules: UnitRules, text: str) -> FirstListed | None:
    key = (id(rules), text)
    if key not in _FIRST_LISTED:
        if len(_FIRST_LISTED) >= 8:
            _FIRST_LISTED.clear()
        flat = compact(text)
        m = rules.first_listed_re.search(flat)
        rest = m is not None and rules.rest_cooperating_re.match(flat, m.end())
        _FIRST_LISTED[key] = FirstListed(rules.first_listed.id, "cooperating" if rest else None) if m else None
    return _FIRST_LISTED[key]


def load_unit_rules(rules_dir: Path | None = None) -> UnitRules:
    return load_rule_file("units.toml", UnitRules, rules_dir)


class Clause(NamedTuple):
    """A responsibility clause: ``[start, end)`` is the whole clause, brackets included (a tuple: made often)."""

    start: int
    end: int
    parts: tuple[tuple[int, int, Role, str], ...]  # (start, end, role, rule id) of each list of names


def _closing_brackets(text: str, start: int, end: int) -> dict[int, int | None]:
    """For every opening bracket in ``text[start:end]``, the index of the bracket closing it.

    Brackets of any width nest and count alike; a blank line leaves every bracket still open
    unclosed (None). One pass over the text, however many brackets it holds.
    """
    closing: dict[int, int | None] = {}
    stack: list[int] = []
    for m in _BRACKET_OR_BLANK.finditer(text, start, end):
        j = m.start()
        c = text[j]
        if c in OPEN:
            stack.append(j)
            closing[j] = None
        elif c in CLOSE:
            if stack:
                closing[stack.pop()] = j
        elif stack and j + 1 < end and not _broken_across_blank(text, j, end):  # a blank line
            stack.clear()
    return closing


_HAN_CHAR = regex.compile(r"\p{Han}")


def _broken_across_blank(text: str, j: int, end: int) -> bool:
    """区卫生健⏎⏎康局、区妇联）: a copy that doubled its line breaks put a blank line inside a name.

    Only when a Chinese character stands on both sides and the next line closes the bracket
    before it opens another.
    """
    k = j
    while k < end and text[k] in "\n \t\u3000\u00a0":
        k += 1
    if j == 0 or k >= end or not _HAN_CHAR.match(text[j - 1]) or not _HAN_CHAR.match(text[k]):
        return False
    line_end = text.find("\n", k, end)
    line = text[k : end if line_end == -1 else line_end]
    m = _ANY_BRACKET.search(line)
    return m is not None and m.group() in CLOSE and m.start() <= MAX_BRACKET_CLAUSE


_OPENING_CHARS = "（(〔【"
_ANY_BRACKET = regex.compile(f"[{regex.escape(OPEN + CLOSE)}]")
_OPENING = regex.compile(f"[{_OPENING_CHARS}]")
_BRACKET_OR_BLANK = regex.compile(rf"[{regex.escape(OPEN + CLOSE)}]|\n(?=\n)")
#: A bracket of names longer than this is no responsibility clause; the cap keeps a text of
#: thousands of nested brackets from being read once per bracket.
MAX_BRACKET_CLAUSE = 600
_COUNT_END = regex.compile(r"[0-9０-９零〇一二两三四五六七八九十百千万][\p{Han}]?(?:以上|以下|以内|左右)?$")
_NUMBERED = regex.compile(r"\s*[（(][一二三四五六七八九十0-9]")
_NAME_LINE = regex.compile(r"[^\S\n]*[\p{Han}（）()、，,]+[^\S\n]*")


def _wrapped_end(text: str, le: int, end: int) -> int:
    """Extend a clause on its own line over lines that only continue its list of names.

    PDF text wraps a long list (``责任单位：区妇联、区财政局、各\n街道办事处``); a following line that
    holds nothing but names and separators, and does not open a new entry, continues it.
    """
    while le < end and text[le - 1] not in "。；;":
        nxt = text.find("\n", le + 1, end)
        nxt = end if nxt == -1 else nxt
        line = text[le + 1 : nxt]
        if not line.strip() or not _NAME_LINE.fullmatch(line) or _NUMBERED.match(line):
            break
        le = nxt
    return le


def _line_bounds(text: str, i: int, start: int, end: int) -> tuple[int, int]:
    ls = text.rfind("\n", start, i) + 1
    le = text.find("\n", i, end)
    return max(ls, start), (end if le == -1 else le)


Part = tuple[int, int, Role, str]
_MISSING = object()


class PartsMemo:
    """Parts of the clauses of one notice, by the clause's text, offsets from its start.

    The outline searches the same brackets again in every span around them (the heading line,
    each body line, the entry); a new notice starts afresh.
    """

    def __init__(self) -> None:
        self.text: str | None = None
        self.table: dict[tuple[str, str], tuple[Part, ...] | None] = {}

    def of(self, text: str) -> dict[tuple[str, str], tuple[Part, ...] | None]:
        if text is not self.text:
            self.text, self.table = text, {}
        return self.table


def _memo_parts(kind: str, find, text: str, s: int, e: int, rules: UnitRules) -> list[Part] | None:
    """``find(text, s, e, rules)`` remembered by the text of the span (it reads nothing outside it)."""
    memo = rules.parts_memo.of(text)
    key = (kind, text[s:e])
    rel = memo.get(key, _MISSING)
    if rel is _MISSING:
        found = find(text, s, e, rules)
        rel = None if found is None else tuple((a - s, b - s, role, rule) for a, b, role, rule in found)
        memo[key] = rel
    return None if rel is None else [(a + s, b + s, role, rule) for a, b, role, rule in rel]  # type: ignore[union-attr]


def _label_parts(text: str, s: int, e: int, rules: UnitRules) -> list[Part]:
    """Split ``牵头单位：A；配合单位：B`` into one part per label."""
    return _memo_parts("label", _find_label_parts, text, s, e, rules)  # type: ignore[return-value]


def _verb_parts(text: str, s: int, e: int, rules: UnitRules) -> list[Part] | None:
    """``区妇联牵头，区教体局配合`` → parts, or None when a piece has no verb or no unit."""
    return _memo_parts("verb", _find_verb_parts, text, s, e, rules)


def _find_label_parts(text: str, s: int, e: int, rules: UnitRules) -> list[Part]:
    labels = rules.clause_index(text).labels_in(s, e)
    parts = []
    for k, m in enumerate(labels):
        ps = m.end()
        pe = labels[k + 1].start() if k + 1 < len(labels) else e
        if m["boxed"] and (field := text.find("【", ps, pe)) != -1:
            pe = field  # 【责任单位】A、B【完成时间】…: the next field in black brackets ends the names
        rule = rules.label_rule(m["label"] or m["boxed"] or m["tabbed"])
        # 责任单位：A，B；C配合: a piece after ； that ends with a verb takes the verb's role
        split = "；" in text[ps:pe] or ";" in text[ps:pe]
        pieces = _split_top(text, ps, pe, "；;") if split else []
        tail = _find_verb_parts(text, pieces[-1][0], pieces[-1][1], rules) if len(pieces) > 1 else None
        if tail:
            parts.append((ps, pieces[-2][1], rule.role, rule.id))
            parts.extend(tail)
        else:
            parts.append((ps, pe, rule.role, rule.id))
    return parts


def _find_verb_parts(text: str, s: int, e: int, rules: UnitRules) -> list[Part] | None:
    """``区妇联牵头，区教体局配合`` → parts, or None when a piece has no verb or no unit.

    Names before the piece that holds the verb share it (``市卫健委牵头,市妇联,市医保局配合``: a
    comma where a list would have ``、``).
    """
    parts = []
    pending: int | None = None  # start of names still waiting for their verb
    for ps, pe in _split_top(text, s, e, "，,；;"):
        piece = text[ps:pe]
        m = rules.verb_re.search(piece.rstrip())
        if not m:
            if not rules.looks_like_unit(_strip_prefix(piece, rules)):
                return None
            pending = ps if pending is None else pending
            continue
        names_end = _before_trailing(text, ps, ps + m.start(), rules)  # 区妇联、团区委、区教委等配合
        if (person := rules.person_re.search(text, ps, names_end)) is not None:
            names_end = person.start()  # 市卫健委主任张建华负责: the unit the person heads
            if pending is None and not rules.looks_like_unit(_strip_prefix(text[ps:names_end], rules)):
                continue  # 分管副市长李红梅牵头: a person alone names no unit
        if not rules.looks_like_unit(_strip_prefix(text[ps:names_end], rules)):
            return None
        rule = rules.verb_rule(m.group())
        parts.append((ps if pending is None else pending, names_end, rule.role, rule.id))
        pending = None
    return parts if parts and pending is None else None


def _strip_prefix(s: str, rules: UnitRules) -> str:
    for p in rules.bare.prefixes:
        if s.startswith(p):
            return s[len(p) :]
    return s


@cache
def _split_marks(seps: str) -> regex.Pattern[str]:
    """The characters :func:`_split_top` acts on: brackets, ``seps`` and the spaces that may separate names."""
    return regex.compile("[" + regex.escape(OPEN + CLOSE + seps + " \u3000\u00a0\t") + "]")


def _split_top(text: str, s: int, e: int, seps: str, rules: UnitRules | None = None) -> list[tuple[int, int]]:
    """Pieces of ``text[s:e]`` between separators outside brackets, trimmed, empty ones dropped.

    A space separates two names only when the text before it is already a whole name: PDF and
    Word text put spaces (and ideographic spaces) inside names too (``市\u3000妇联``).
    """
    pieces, depth, cur = [], 0, s
    for m in _split_marks(seps).finditer(text, s, e):  # other characters change nothing
        j = m.start()
        c = text[j]
        if c in OPEN:
            depth += 1
        elif c in CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and (
            c in seps or (c in " \u3000\u00a0\t" and (rules is None or rules.looks_like_unit(text[cur:j])))
        ):
            pieces.append((cur, j))
            cur = j + 1
    pieces.append((cur, e))
    out = []
    for ps, pe in pieces:
        while ps < pe and text[ps] in " \u3000\u00a0\t\n":
            ps += 1
        while pe > ps and text[pe - 1] in " \u3000\u00a0\t\n。.":
            pe -= 1
        if pe > ps:
            out.append((ps, pe))
    return out


class ClauseIndex:
    """Where the labels and brackets of one notice are, found in one pass over the whole text.

    The outline searches a notice for clauses in many overlapping spans (each line, each
    heading, each entry); reading these from one index makes a search cost the brackets and
    labels of its span, not its length. Each answer is exactly what a search of the span alone gives.
    """

    def __init__(self, text: str, label_re: regex.Pattern[str]) -> None:
        self.text = text
        self.label_re = label_re
        self.closing = _closing_brackets(text, 0, len(text))
        # a label match at every position one starts at: a span's own scan picks among them
        self.labels = list(label_re.finditer(text, overlapped=True))
        self.label_starts = [m.start() for m in self.labels]
        self.openings = [m.start() for m in _OPENING.finditer(text)]

    def closing_in(self, j: int, end: int) -> int | None:
        """The bracket closing the one at ``j`` within a span ending at ``end`` (None when not closed there).

        Within a span brackets pair as in the whole text: a closing bracket the span has no
        opening for pairs, in the whole text, with one before the span, and leaves the rest alone.
        """
        close = self.closing.get(j)
        return close if close is not None and close < end else None

    def labels_in(self, start: int, end: int) -> list[regex.Match[str]]:
        """What ``label_re.finditer(text, start, end)`` finds.

        A match that runs past ``end`` is matched again inside the span (no label looks behind
        its start, so every other match is the same).
        """
        found = []
        pos = start
        k = bisect_left(self.label_starts, start)
        labels, starts = self.labels, self.label_starts
        while k < len(starts) and starts[k] < end:
            m = labels[k]
            k += 1
            if m.start() < pos:
                continue
            if m.end() > end:
                m = self.label_re.match(self.text, m.start(), end)
                if m is None:
                    continue
            found.append(m)
            pos = m.end()
        return found

    def openings_in(self, start: int, end: int) -> list[int]:
        return self.openings[bisect_left(self.openings, start) : bisect_left(self.openings, end)]


def most_clauses(text: str, start: int, end: int, rules: UnitRules) -> int:
    """An upper bound of ``len(find_clauses(text, start, end, rules))``, found without reading any clause.

    Every clause starts at its own opening bracket, or at a label not inside one; a bracketed
    label (``（责任单位：…``) shares its bracket's count.
    """
    index = rules.clause_index(text)
    n = len(index.openings_in(start, end))
    for m in index.labels_in(start, end):
        j = m.start() - 1
        while j >= start and text[j] in " \u3000\u00a0\n":
            j -= 1
        n += not (j >= start and text[j] in _OPENING_CHARS)
    return n


# Symbols and emoji a repost sets before a line or a name (📌, ▲, 👉): they open no sentence.
_MARKS = "\\p{So}\\p{Sk}\ufe0f\u200d"
_DECORATION = regex.compile(f"^[{_MARKS} \u3000\u00a0\t]+$")


def find_clauses(text: str, start: int, end: int, rules: UnitRules) -> list[Clause]:
    """Responsibility clauses inside ``text[start:end]``, in order."""
    clauses: list[Clause] = []
    taken_until = start
    index = rules.clause_index(text)
    # 1. Labelled clauses, bracketed or on their own line.
    for m in index.labels_in(start, end):
        if m.start() < taken_until:
            continue
        j = m.start() - 1
        while j >= start and text[j] in " \u3000\u00a0\n":
            j -= 1
        if j >= start and text[j] in OPEN:
            close = index.closing_in(j, end)
            if close is None:
                ls, le = _line_bounds(text, m.start(), start, end)
                cs, ce = j, le
            else:
                cs, ce = j, close + 1
            inner_end = close if close is not None else ce
        else:
            ls, le = _line_bounds(text, m.start(), start, end)
            raw_lead = _DECORATION.sub("", text[ls : m.start()])  # 📌责任单位：, ▲ 责任单位：
            lead_in = raw_lead.rstrip(" \u3000\u00a0\t")
            # after another field and a gap (责任领导：王建华　　责任单位：…) a label starts a clause too
            after_field = len(lead_in) < len(raw_lead) and (":" in lead_in or "：" in lead_in)
            if lead_in and lead_in[-1] not in "。；;！!—" and not after_field:
                continue  # a label inside a sentence ("明确责任单位：…") is not a clause; after —— it is
            stop = text.find("。", m.end(), le)
            # a clause in running text (one-line notices) ends with its sentence
            le = stop + 1 if stop != -1 else _wrapped_end(text, le, end)
            cs, ce, inner_end = m.start(), le, le
        parts = _label_parts(text, m.start(), inner_end, rules)
        if parts:
            clauses.append(Clause(cs, ce, tuple(parts)))
            taken_until = ce
    # 2. Brackets of names with a verb, or of bare names, that end a sentence or the item.
    taken = [(c.start, c.end) for c in clauses]  # labelled clauses, in order, apart
    k = 0
    for i in index.openings_in(start, end):
        while k < len(taken) and taken[k][1] <= i:
            k += 1
        if (k < len(taken) and taken[k][0] <= i) or (len(clauses) > len(taken) and i < clauses[-1].end):
            continue  # inside a labelled clause, or inside the last bracket clause found here
        close = index.closing_in(i, end)
        if close is None or close - i > MAX_BRACKET_CLAUSE:
            continue
        inner_s, inner_e = i + 1, close
        if index.labels_in(inner_s, inner_e):
            continue
        b = i
        while b > start and text[b - 1] in " \u3000\u00a0":
            b -= 1
        a = close + 1
        while a < end and text[a] in " \u3000\u00a0":
            a += 1
        # only the few characters either side are read: a text of thousands of brackets stays linear
        before = text[max(start, b - 8) : b]
        after = text[a : min(end, a + 2)]
        at_sentence_start = not before or before[-1] in "。；;！!.\n"
        # （一）【区教育局】新建…, 三、（市卫健委）加强…: names in brackets right after an entry's number
        at_entry_start = text[i] in "【（(" and bool(rules.entry_number_re.search(before))
        at_end = not after or after[0] in "\n" or (after[0] in "。；;." and (len(after) == 1 or after[1] == "\n"))
        # 开发岗位2000个（市人社局负责）；新建工坊100家（市妇联负责）；: a clause closing a sentence part
        mid = bool(after) and after[0] in "；;。，," and not at_end
        parts = _verb_parts(text, inner_s, inner_e, rules)
        # ...but a bracket right after a name is part of it (各乡镇人民政府（街道办事处）), after a count not (3所（…）)
        bare_mid = mid and after[0] in "；;。" and (_COUNT_END.search(before[-6:]) or not rules.looks_like_unit(before[-8:]))
        seated = b == i and before.endswith(rules.bare.seated_after)  # 工委办公室（县妇联）: where the office sits
        if parts is None and not seated and (at_end or bare_mid or at_entry_start):
            pieces = _split_top(text, inner_s, inner_e, rules.bare.separators, rules)
            # （区教育局，8月底前完成）: a deadline after the names is no name
            while len(pieces) > 1 and rules.not_a_name_re.search(text, *pieces[-1]):
                pieces.pop()
                inner_e = pieces[-1][1]
            names = [_trim_name(text, ps, pe, rules) for ps, pe in pieces]
            # after a sentence, or closing the line with names long enough not to be a place ("镇（街道）")
            if pieces and all(
                rules.looks_like_unit(text[a:b]) and (at_sentence_start or len(compact(text[a:b])) >= 3)
                and _bare_name(compact(text[a:b]), rules, mid_sentence=not at_end)
                for a, b in names
            ):
                parts = [(inner_s, inner_e, "responsible", rules.bare.id)]
        if parts is not None and (at_end or at_sentence_start or mid or at_entry_start):
            clauses.append(Clause(i, close + 1, tuple(parts)))
    clauses.extend(_dash_clauses(text, start, end, rules, clauses))
    clauses.extend(_sentence_clauses(text, start, end, rules, clauses))
    clauses.sort(key=lambda c: c.start)
    return clauses


_SENTENCE_BREAK = regex.compile(r"[。；;！!？?]")


_SYMBOL = regex.compile(f"[{_MARKS}]")
_SENTENCE_ENDS = frozenset("。.；;！!：:，,）)")
_WRAPPED_TAIL = 16  # the most of a wrapped sentence a printed line carries over


def _sentence_clauses(text: str, start: int, end: int, rules: UnitRules, found: list[Clause]) -> list[Clause]:
    """本项由A牵头，B配合。 ending a line: a sentence of nothing but names and their verbs is a clause."""
    out = []
    pos = start
    last_chars = rules.verb_last_chars
    while pos < end:
        line_end = text.find("\n", pos, end)
        line_end = end if line_end == -1 else line_end
        e = line_end
        while e > pos and text[e - 1] in " \t\u3000\u00a0":
            e -= 1
        if e > pos and text[e - 1] not in _SENTENCE_ENDS and line_end < end:
            # a printed page wraps the sentence anywhere (…各乡镇人民政府配⏎合。): a short next line
            # that ends it ends the sentence
            next_end = text.find("\n", line_end + 1, end)
            next_end = end if next_end == -1 else next_end
            ne = next_end
            while ne > line_end + 1 and text[ne - 1] in " \t\u3000\u00a0":
                ne -= 1
            if ne - line_end - 1 <= _WRAPPED_TAIL and ne > line_end + 1 and text[ne - 1] in "。.":
                line_end, e = next_end, ne
        close = e
        if e > pos and text[e - 1] in "。.":
            e -= 1
        if e > pos and text[e - 1] in last_chars:
            breaks = [m.end() for m in _SENTENCE_BREAK.finditer(text, pos, e)]
            s = breaks[-1] if breaks else pos
            while s < e and (text[s] in " \t\u3000\u00a0" or _SYMBOL.match(text, s)):
                s += 1  # 👉区民政局牵头，…配合: a repost's marks open no name
            opening = rules.sentence_opening_re.match(text, s, e)
            names_start = opening.end() if opening else s
            if not any(c.start < close and s < c.end for c in found) and 0 < e - s <= MAX_BRACKET_CLAUSE:
                parts = _verb_parts(text, names_start, e, rules)
                if parts:
                    out.append(Clause(s, close, tuple(parts)))
        pos = line_end + 1
    return out


def _dash_clauses(text: str, start: int, end: int, rules: UnitRules, found: list[Clause]) -> list[Clause]:
    """一、实施学前教育扩容工程——区教育局: names after a dash that end the line are its clause."""
    out = []
    pos = text.find("——", start, end)
    while pos != -1:
        s = pos
        while s < end and text[s] == "—":
            s += 1
        line_end = text.find("\n", s, end)
        e = end if line_end == -1 else line_end
        if not any(c.start <= pos < c.end for c in found) and 0 < e - s <= MAX_BRACKET_CLAUSE:
            pieces = _split_top(text, s, e, rules.bare.separators, rules)
            names = [_trim_name(text, ps, pe, rules) for ps, pe in pieces]
            if names and all(
                rules.looks_like_unit(text[a:b]) and _bare_name(compact(text[a:b]), rules, mid_sentence=True)
                for a, b in names
            ):
                out.append(Clause(pos, e, ((s, names[-1][1], "responsible", rules.bare.id),)))
            else:  # ——A、B负责: names with their verbs
                ve = e
                while ve > s and text[ve - 1] in " \t\u3000\u00a0。.":
                    ve -= 1
                parts = _verb_parts(text, s, ve, rules)
                if parts:
                    out.append(Clause(pos, e, tuple(parts)))
        pos = text.find("——", e, end)
    return out


_DIGIT = regex.compile(r"[0-9０-９]")


def _bare_name(name: str, rules: UnitRules, mid_sentence: bool) -> bool:
    """A name in a bracket without a label: no note (含…), no number, an office of a place mid-sentence."""
    if name.startswith(tuple(rules.bare.note_prefixes)) or _DIGIT.search(name) or ":" in name or "：" in name:
        return False
    return not mid_sentence or name.startswith(tuple(rules.bare.mid_sentence_prefixes))


_PAGE_MARK = regex.compile(r"\s*[—－\-–]{1,2}\s*[0-9０-９]{1,3}\s*[—－\-–]{1,2}\s*\n\s*")


def _before_trailing(text: str, s: int, e: int, rules: UnitRules) -> int:
    """Where the names of ``text[s:e]`` end before a trailing 等单位, 等部门 or 等, which closes the list."""
    for t in rules.trailing_longest_first:
        if text.endswith(t, s, e) and e - s > len(t) + 1:
            return e - len(t)
    return e


def _trim_name(text: str, s: int, e: int, rules: UnitRules) -> tuple[int, int]:
    page = _PAGE_MARK.match(text, s, e)  # 县公安局、⏎- 2 -⏎县人民法院: a PDF page number between two names
    if page:
        s = page.end()
    for p in rules.bare.prefixes:
        if text.startswith(p, s) and e - s > len(p) + 1:
            s += len(p)
    e = _before_trailing(text, s, e, rules)
    while e > s and text[e - 1] in " \u3000\u00a0\t\n":
        e -= 1
    return s, e


def units_of_clause(
    text: str, clause: Clause, rules: UnitRules, first_listed: FirstListed | None = None
) -> list[ResponsibleUnit]:
    """The units of one clause; ``first_listed`` when the notice says the first-listed unit leads."""
    units: list[ResponsibleUnit] = []
    for ps, pe, role, rule_id in clause.parts:
        field = rules.other_field_re.search(text, ps, pe)
        if field and field.start() > ps:
            pe = field.start()  # 责任单位：乡卫生院、乡妇联 责任人：吴秀英、罗敏: the people are another field's
        for k, (gs, ge) in enumerate(_split_top(text, ps, pe, "，,；;", rules)):
            group_role, group_rule = role, rule_id
            # 其中A牵头 after the list marks A; A、B牵头 opening the clause names the leads themselves
            marks = rules.named_lead_re.fullmatch(text, gs, ge) and (k > 0 or text.startswith("其中", gs))
            verb = None if marks else rules.verb_re.search(text, gs, ge)
            if verb and verb.start() > gs and rules.looks_like_unit(text[gs : verb.start()]):
                by_verb = rules.verb_rule(verb.group())  # 责任单位：A牵头，B、C配合
                ge, group_role, group_rule = verb.start(), by_verb.role, by_verb.id
            units = _piece_units(text, gs, ge, group_role, group_rule, units, rules)
    if first_listed is not None:
        units = _first_listed_roles(units, first_listed)
    return units


def _piece_units(text: str, gs: int, ge: int, role: Role, rule_id: str, units: list[ResponsibleUnit],
                 rules: UnitRules) -> list[ResponsibleUnit]:
    """``units`` with the names of ``text[gs:ge]`` (one comma-separated group of a clause) added."""
    for s, e in _split_top(text, gs, ge, rules.bare.separators, rules):
        unit_role = role
        marker = rules.lead_marker_re.search(text, s, e)
        if marker and marker.end() == e:
            e = marker.start()
            unit_role = "lead"
        s, e = _trim_name(text, s, e, rules)
        name = compact(text[s:e])
        if not name:
            continue
        if rules.notes_re.fullmatch(name) or rules.first_listed_re.search(name) or rules.not_a_name_re.search(name):
            continue  # （…，排在首位的为牵头单位，下同）, 完成时限：…: a note, not a unit
        verb_note = _TRAILING_BRACKET.search(text, s, e)
        if verb_note and rules.verb_re.fullmatch(verb_note["inside"]) and verb_note.start() > s:
            e = verb_note.start()  # 区妇联（按职责分工负责）: the bracket says what the list already says
            name = compact(text[s:e])
        elif verb_note and verb_note.start() > s and compact(text[s : verb_note.start()]).endswith(rules.bare.seated_after):
            e = verb_note.start()  # 市妇儿工委办公室（市妇联）: where the office sits is no part of its name
            name = compact(text[s:e])
        named_lead = rules.named_lead_re.fullmatch(text, s, e)
        if named_lead:  # 责任单位：A、B，其中A牵头: marks A, names nothing new
            lead = compact(named_lead["name"])
            if any(u.name == lead for u in units):
                units = [u.model_copy(update={"role": "lead"}) if u.name == lead else u for u in units]
                continue
            s, e, unit_role, name = named_lead.start("name"), named_lead.end("name"), "lead", lead
        for a, b in _joined_names(text, s, e, rules):
            units.append(
                ResponsibleUnit(text=text[a:b], start=a, end=b, name=compact(text[a:b]), role=unit_role, rule=rule_id)
            )
    return units


def _joined_names(text: str, s: int, e: int, rules: UnitRules) -> list[tuple[int, int]]:
    """``区人社局及各街道`` → two names when both sides of 及/和/与 are names; else the span itself."""
    for word in rules.joiners_longest_first:
        k = text.find(word, s, e)
        while k != -1:
            left, right = (s, k), (k + len(word), e)
            places = tuple(rules.bare.mid_sentence_prefixes)
            # 县农业农村和科技局: a right side without the place the left one names is the rest of one name
            one_name = text.startswith(places, s) and not text.startswith(places, right[0])
            if not one_name and rules.looks_like_unit(text[slice(*left)]) and rules.looks_like_unit(text[slice(*right)]):
                return [left, *_joined_names(text, *right, rules)]
            k = text.find(word, k + 1, e)
    return [(s, e)]


def _first_listed_roles(units: list[ResponsibleUnit], first: FirstListed) -> list[ResponsibleUnit]:
    """The first unit of a clause naming two or more, none marked lead, leads when the notice says so."""
    if len(units) < 2 or units[0].role != "responsible" or any(u.role == "lead" for u in units):
        return units
    out = [units[0].model_copy(update={"role": "lead", "rule": first.rule_id})]
    for u in units[1:]:
        if first.rest and u.role == "responsible":
            u = u.model_copy(update={"role": first.rest, "rule": first.rule_id})
        out.append(u)
    return out


def find_responsible_units(text: str, start: int, end: int, rules: UnitRules) -> list[ResponsibleUnit]:
    """Every unit named in a responsibility clause of ``text[start:end]``, offsets into ``text``."""
    first = rules.first_listed_in(text)
    return [u for c in find_clauses(text, start, end, rules) for u in units_of_clause(text, c, rules, first)]


def _first_rule_of_word(rules: list[LabelRule]) -> dict[str, LabelRule]:
    table: dict[str, LabelRule] = {}
    for r in rules:
        for w in r.words:
            table.setdefault(w, r)
    return table
