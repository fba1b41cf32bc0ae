"""Quantified commitments: find candidate spans with one regex, then resolve each one.

Finding is pure regex over the piece of text an item owns (fast, no words needed); the
lists it is built from live in ``rules/commitments.toml``. Resolving reads the value
(:func:`pipeline.numerals.parse_number`), the comparator (suffix, then cue words before the
number) and the target, for which part of speech is needed: only a short window on each side
of a candidate is segmented, because segmenting whole notices is orders of magnitude slower
than matching them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Literal, NamedTuple

import regex
from pydantic import Field, field_validator

from .normalise import compact, spelled_across_lines
from .numerals import parse_number
from .record import Commitment, Span
from .rules import Rule, RuleFile, load_rule_file
from .segment import Segmenter, Token

Kind = Literal["thing", "people", "event", "percent", "money", "change"]

DIGIT = "[0-9０-９]"
CN_DIGIT = "零〇一二两三四五六七八九"
MULT = "十百千万亿"
# PDF text breaks lines anywhere inside a number (2\n000, 1 2\n00), but a line that starts with
# an item number (2. 3、 4）) starts a new entry, not the rest of a number.
_LB = r"[ \u3000\u00a0]*\n[ \u3000\u00a0]*"
# Every repeat is bounded and a number starts only where a run of its characters starts, so a
# match attempt costs a bounded number of steps and no text makes matching slower than linear
# (a run of 4,000 亿 or of digits broken by line ends is read once, not once per character).
# No written quantity comes near the bounds: 24 digits, 8 thousands groups, 24 numeral characters.
_MAX_DIGITS = 24
_MAX_GROUPS = 8
_MAX_CN = 24
# A copy that doubled every line break leaves a blank line inside a number (2\n\n000人次): joined only
# where the rest starts with 0 and a digit, which no number does.
_LB2 = r"[ \u3000\u00a0]*\n[ \u3000\u00a0]*\n[ \u3000\u00a0]*(?=[0０][0-9０-９])"
_DIGITS = (
    rf"(?<!{DIGIT}{_LB}){DIGIT}(?:(?:{_LB}(?!{DIGIT}{{1,2}}[.．、）)](?!{DIGIT}))|{_LB2})?{DIGIT}){{0,{_MAX_DIGITS - 1}}}"
)
_GROUP3 = rf"{DIGIT}(?:{_LB})?{DIGIT}(?:{_LB})?{DIGIT}(?!{DIGIT})"
# Digit groups may be split by a thousands comma or a space (2 000, 8 000人).
# A line may also break before a decimal point or a multiplier (1\n.6万人, 1.2\n万名).
# OCR may set single digits apart with single spaces (2 0 0 0人, 9 5%): they are one number.
_SPACED = rf"(?<!{DIGIT}[ \u3000]?){DIGIT}(?:[ \u3000]{DIGIT}){{1,{_MAX_GROUPS}}}(?![ \u3000]?{DIGIT})"
ARABIC = (
    rf"(?:{_SPACED}|{_DIGITS}(?:(?:,|[ \u3000\u00a0\u00ad]{{1,4}}|{_LB}){_GROUP3}){{0,{_MAX_GROUPS}}})"
    rf"(?:(?:{_LB})?[.．](?:{_LB})?{DIGIT}{{1,{_MAX_DIGITS}}})?"
)
# A hard-wrapped copy may break a line inside a numeral too (百分之九⏎十五), but not before a line
# that starts with an item number (二、 三．).
_CN = f"[{CN_DIGIT}{MULT}]"
CHINESE = (
    rf"(?<!{_CN})(?<!{_CN}{_LB})(?<!{_CN}点){_CN}(?:(?:{_LB}(?!{_CN}{{1,3}}[、.．，,）)]))?{_CN}){{0,{_MAX_CN - 1}}}"
    rf"(?:点[{CN_DIGIT}]{{1,{_MAX_CN}}}[万亿]?)?"  # 一点五万人: a decimal, then its multiplier
)
NUMBER = rf"(?:{ARABIC}(?:(?:{_LB}|[ \u3000\u00a0]{{1,2}})?[{MULT}]{{1,4}})?|{CHINESE})"
GAP = r"(?:[ \u3000\u00a0\u00ad]*\n[ \u3000\u00a0\u00ad]*|[ \u3000\u00a0\u00ad]{0,2})"
CLAUSE_STOPS = "，,。；;：:！!？?…"
# A clause is read at most this far either side of a quantity: real clauses are far shorter,
# and a text of thousands of quantities without a stop must not be scanned once per quantity.
MAX_CLAUSE = 100
# More quantities than this within CROWD_REACH characters either side is a soup of numbers, not prose.
CROWD = 16
CROWD_REACH = 100
_WORD_CHAR = regex.compile(r"[\p{Han}0-9]")
# a wrapped line may also end after a closing quote or bracket (推荐“五好家庭”⏎20户), or the next
# begin with an opening one
_WRAP_END = regex.compile(r"[\p{Han}0-9”’）)》]")
_WRAP_START = regex.compile(r"[\p{Han}0-9“‘（(《]")
# A gap between a cue and its number holds no digit, percent sign, clause stop or 、.
_GAP_BREAK = regex.compile(rf"[0-9０-９%％{regex.escape(CLAUSE_STOPS)}、]")
_CN_NUMERAL = frozenset(CN_DIGIT + MULT)
_NAME_LIST = regex.compile(r"[\p{Han}、]+|[A-Za-z]{2,8}")  # another name in brackets: 社区卫生服务站, AED
_NUMERAL_CHAR = regex.compile(rf"[0-9０-９{CN_DIGIT}{MULT}]")
# 到/至 after a verb is a cue (提高到150元), not the second half of a range (3至5所).
_RANGE_WORD = r"(?<!提高|提升|增加|增长|降低|下降|扩大|减少|上浮|上调|达|增|降|升)(?:至|到)"
# Only whether it matches is asked, so it is matched right to left: from the end it fails at once.
RANGE_BEFORE = regex.compile(
    rf"{NUMBER}[\p{{Han}}%％]{{0,3}}?[ \u3000\u00a0]*(?:[-—–－~～〜]{{1,2}}|{_RANGE_WORD})[ \u3000\u00a0]*$",
    regex.REVERSE,
)
RANGE_AFTER = regex.compile(rf"[ \u3000\u00a0]*(?:[-—–－~～〜]{{1,2}}|至|到)[ \u3000\u00a0]*{NUMBER}")
LEADING_SKIP = regex.compile(
    rf"(?:[0-9０-９.．]+(?:升级)?版|{NUMBER}(?:[ \u3000]*(?:[-—–－~～〜]{{1,2}}|至|到)[ \u3000]*{NUMBER})?"
    rf"(?:周岁|岁|个月|月龄)(?:及以上|以上|以下|以内)?)"
)


def _compiles(pattern: str) -> str:
    try:
        regex.compile(pattern)
    except regex.error as exc:
        raise ValueError(f"not a valid regular expression: {exc}") from None
    return pattern


class NumberRules(RuleFile):
    cn_not_after: str
    bare_multiplier_units: list[str]
    bare_multiplier_after: str
    bare_multiplier_suffixes: list[str]


class MeasureWordRule(Rule):
    things: list[str]
    people: list[str]
    events: list[str]
    classifier: str
    fused: list[str]


class PercentRule(Rule):
    signs: list[str]
    words: list[str]


class MoneyRule(Rule):
    units: list[str]
    per: list[str]


class ChangeRule(Rule):
    units: list[str]
    verbs: list[str]
    nouns: list[str] = Field(default_factory=list)


class FrequencyRule(Rule):
    units: list[str]
    period: str
    per: list[str]

    _check = field_validator("period")(_compiles)


class Suffixes(RuleFile):
    inner: list[str]
    ge: list[str]
    le: list[str]
    approx: list[str]


class Cues(RuleFile):
    ge: list[str]
    gt: list[str]
    le: list[str]
    lt: list[str]
    approx: list[str]
    max_gap: int = Field(ge=0, le=12)
    far_verbs: list[str] = Field(default_factory=list)
    per_phrase: str
    pre_cue: list[str]
    per_age: str = "(?!)"
    per_unit: str
    single_not_after: dict[str, str] = Field(default_factory=dict)
    single_not_before: dict[str, str] = Field(default_factory=dict)

    _check = field_validator("per_phrase", "per_unit")(_compiles)


class FalseUnits(RuleFile):
    words: list[str]


class Quotes(RuleFile):
    pairs: list[str]
    max_length: int = Field(ge=1)

    @field_validator("pairs")
    @classmethod
    def _two_characters(cls, pairs: list[str]) -> list[str]:
        for p in pairs:
            if len(p) != 2:
                raise ValueError(f"a quote pair is an opening and a closing character, not {p!r}")
        return pairs


class TargetRules(RuleFile):
    stop_verbs: list[str]
    soft_verbs: list[str]
    scope_words: list[str]
    noun_tags: list[str]
    inner_tags: list[str]
    noun_suffixes: list[str]
    conjunctions: list[str]
    indicator_heads: list[str]
    amount_heads: list[str]
    people_verbs: list[str]
    people_lead_verbs: list[str] = Field(default_factory=list)
    after_stops: list[str]
    indicator_manner: list[str] = Field(default_factory=list)
    measure_nouns: list[str]
    action_verbs: list[str]
    people_heads: list[str]
    activity_heads: list[str]
    named_activities: list[str]
    service_nouns: list[str]
    dwellings: list[str]
    dwelling_work: list[str]
    made_verbs: list[str]
    place_suffixes: list[str]
    bare_places: list[str]
    event_verbs_named: list[str]
    amount_verbs: list[str]
    amount_links: list[str]
    lead_words: list[str]
    event_verbs: list[str]
    topic_verbs: list[str]
    per_classifiers: list[str]
    agent_heads: list[str]
    whole_person_ends: list[str]
    work_verbs: list[str]
    work_manner: list[str] = Field(default_factory=list)
    work_housing: list[str] = Field(default_factory=list)
    project_heads: list[str]
    people_topic_verbs: list[str]
    group_verbs: list[str]
    unit_heads: dict[str, list[str]]
    rate_words: list[str]
    counted_places: list[str]
    counted_place_stops: list[str]
    free_words: list[str]
    bracket_name_max: int
    bracket_inclusions: list[str]
    user_words: list[tuple[str, int | None, str | None]]


class Exclusion(Rule):
    pattern: str

    _check = field_validator("pattern")(_compiles)


class CommitmentRules(RuleFile):
    """The model of ``rules/commitments.toml``."""

    numbers: NumberRules
    measure_words: MeasureWordRule
    percent: PercentRule
    money: MoneyRule
    change: ChangeRule
    frequency: FrequencyRule
    suffixes: Suffixes
    cues: Cues
    false_units: FalseUnits
    quotes: Quotes
    target: TargetRules
    exclusions: list[Exclusion]

    @cached_property
    def unit_kinds(self) -> dict[str, Kind]:
        mw = self.measure_words
        kinds: dict[str, Kind] = {}
        for words, kind in ((mw.things, "thing"), (mw.people, "people"), (mw.events, "event")):
            for w in words:
                kinds[w] = kind
        for noun in mw.fused:
            kinds[mw.classifier + noun] = kinds.get(noun, "thing")
        for w in self.change.units:
            kinds[w] = "change"
        return kinds

    @cached_property
    def pattern(self) -> regex.Pattern[str]:
        units = sorted(self.unit_kinds, key=len, reverse=True)
        pieces = [_unit_piece(u, self.false_units.words) for u in units]
        per = "|".join(regex.escape(p) for p in sorted(self.money.per, key=len, reverse=True))
        rate = rf"(?:[/／](?:{per})(?:[/／·](?:{per}))?)?"
        for u in sorted(self.money.units, key=len, reverse=True):
            pieces.insert(0, rf"{regex.escape(u)}{rate}(?!{_tails(u, self.false_units.words)})")
        # 2次/学期, 4次/年: an event's rate after a slash is part of its unit
        periods = "|".join(regex.escape(p) for p in sorted(self.frequency.per, key=len, reverse=True))
        for u in sorted(self.frequency.units, key=len, reverse=True):
            pieces.insert(0, rf"{regex.escape(u)}[/／](?:{periods})")
        signs = "|".join(regex.escape(s) for s in self.percent.signs)
        # PDF text may break a line inside 百分之 or after it (百分⏎之百, 百分之⏎九十)
        words = "|".join(spelled_across_lines(w) for w in sorted(self.percent.words, key=len, reverse=True))
        inner = "|".join(regex.escape(w) for w in self.suffixes.inner)
        outer = self.suffixes.ge + self.suffixes.le + self.suffixes.approx
        # PDF text may break a line inside a suffix too (92%以⏎上)
        suffix = "|".join(spelled_across_lines(w) for w in sorted(outer, key=len, reverse=True))
        return regex.compile(
            rf"(?<![0-9０-９.．A-Za-z_@/＋+])"
            rf"(?:(?P<pct>{words})(?:{_LB})?(?P<pnum>{NUMBER})"
            rf"|(?P<num>{NUMBER}){GAP}(?:(?P<inner>{inner}){GAP})?(?:(?P<sign>{signs})|(?P<unit>{'|'.join(pieces)})))"
            rf"(?:{GAP}(?P<suffix>{suffix}))?"
        )

    @cached_property
    def cue_far_verbs(self) -> tuple[str, ...]:
        return tuple(self.cues.far_verbs)

    @cached_property
    def money_units(self) -> tuple[str, ...]:
        return tuple(self.money.units)

    @cached_property
    def pattern_groups(self) -> tuple[int, ...]:
        """Numbers of the groups of :attr:`pattern` a candidate is read from, in the order read."""
        index = self.pattern.groupindex
        return tuple(index[g] for g in ("pct", "pnum", "num", "inner", "sign", "unit", "suffix"))

    @cached_property
    def words(self) -> _Words:
        return _Words(self)

    @cached_property
    def exclusion_pattern(self) -> regex.Pattern[str]:
        return regex.compile("|".join(f"(?:{e.pattern})" for e in self.exclusions), regex.MULTILINE)

    @cached_property
    def quote_pattern(self) -> regex.Pattern[str]:
        n = self.quotes.max_length
        alts = [
            rf"{regex.escape(o)}[^{regex.escape(o)}{regex.escape(c)}]{{0,{n}}}{regex.escape(c)}"
            for o, c in self.quotes.pairs
        ]
        return regex.compile("|".join(alts))

    @cached_property
    def cue_words(self) -> dict[str, str]:
        c = self.cues
        out: dict[str, str] = {}
        for comparator in ("approx", "lt", "le", "gt", "ge"):
            for w in getattr(c, comparator):
                out[w] = comparator
        return out

    @cached_property
    def cue_pattern(self) -> regex.Pattern[str]:
        """Cue words, allowing a PDF line break between their characters (提\n高到)."""
        words = sorted(self.cue_words, key=len, reverse=True)
        return regex.compile("|".join(spelled_across_lines(w) for w in words))

    @cached_property
    def cue_initials(self) -> frozenset[str]:
        """The first characters of the cue words: a window holding none of them holds no cue."""
        return frozenset(w[0] for w in self.cue_words)

    def cue_comparator(self, matched: str) -> str:
        return self.cue_words[compact(matched)]

    @cached_property
    def per_pattern(self) -> regex.Pattern[str]:
        return regex.compile(rf"^(?:{self.cues.per_age})?(?:{self.cues.per_phrase})$")

    @cached_property
    def left_strip(self) -> regex.Pattern[str]:
        """Words between a topic and its number that belong to neither (均, 分别, 每人, 较上年提高, 等)."""
        # PDF text may break a line inside any of these words (稳⏎定在)
        verbs = "|".join(spelled_across_lines(v) for v in sorted(self.change.verbs, key=len, reverse=True))
        pre = "|".join(spelled_across_lines(w) for w in sorted([*self.cues.pre_cue, *self.cue_words], key=len, reverse=True))
        per = f"(?:{self.cues.per_unit})+"
        compare = rf"(?:较|比|与)(?:上年|去年|上一年|上届|[0-9０-９]{{4}}年)(?:相比)?(?:{verbs})?|较(?:{verbs})"
        return regex.compile(rf"(?:{pre}|{per}|{compare}|{verbs}|等|[\s\u3000\u00a0])+$")

    @cached_property
    def period_pattern(self) -> regex.Pattern[str]:
        return regex.compile(self.frequency.period)

    @cached_property
    def raise_to(self) -> regex.Pattern[str]:
        """提高到, 降至, 调整为: what stands between an old level and the new one."""
        verbs = "|".join(regex.escape(v) for v in sorted([*self.change.verbs, "调整", "上调", "降"], key=len, reverse=True))
        return regex.compile(rf"(?:{verbs})(?:到|至|为)(?:{self.cues.per_unit})*")

    @cached_property
    def change_before(self) -> regex.Pattern[str]:
        verbs = "|".join(regex.escape(v) for v in sorted([*self.change.verbs, *self.change.nouns], key=len, reverse=True))
        return regex.compile(rf"(?:{verbs})[ \u3000\u00a0]*$")


def _tails(unit: str, false_words: list[str]) -> str:
    tails = sorted(sorted({w[len(unit) :] for w in false_words if w.startswith(unit) and len(w) > len(unit)}), key=len, reverse=True)
    return "|".join(regex.escape(t) for t in tails) or "(?!)"


def _unit_piece(unit: str, false_words: list[str]) -> str:
    word = spelled_across_lines(unit)
    return f"{word}(?!{_tails(unit, false_words)})"


def load_commitment_rules(rules_dir: Path | None = None) -> CommitmentRules:
    return load_rule_file("commitments.toml", CommitmentRules, rules_dir)


def user_words(rules: CommitmentRules) -> list[tuple[str, int | None, str | None]]:
    """Domain terms the private jieba dictionary needs so that targets end where they should."""
    return list(rules.target.user_words)


# --------------------------------------------------------------------------- find


class Candidate(NamedTuple):
    """A found span before resolution: where the number, unit and suffix are (a tuple: cheap to make)."""

    start: int
    end: int
    num_start: int
    num_end: int
    number: str
    unit: str
    inner: str | None
    suffix: str | None
    kind: Kind


def _bare_multiplier(number: str) -> bool:
    # a number never starts with a space, so one that starts with a digit is no bare multiplier
    return number[0] in "百千万亿" and not compact(number).strip("百千万亿")


def _in_any(pos: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return bool(spans) and any(a < end and pos < b for a, b in spans)  # mostly none: no generator then


def _spans_before(found: Iterator[regex.Match[str]], limit: int) -> list[tuple[int, int]]:
    """The non-empty spans of ``found`` that start before ``limit``."""
    spans = []
    for m in found:
        a, b = m.span()
        if a >= limit:
            break
        if b > a:
            spans.append((a, b))
    return spans


def find_candidates(text: str, start: int, end: int, rules: CommitmentRules) -> list[Candidate]:
    """Every span the regex finds in ``text[start:end]`` that no exclusion removes."""
    cands = [c for m in rules.pattern.finditer(text, start, end) if (c := _candidate(m, text, rules)) is not None]
    if not cands:
        return []
    lo, hi = max(0, start - 12), min(len(text), end + 12)
    # Exclusions and quotes are read in one left-to-right chain each, and only as far as the last
    # match could still reach: one starting after every candidate's number touches none of them.
    last_num = max(c.num_end for c in cands)
    excluded = _spans_before(rules.exclusion_pattern.finditer(text, lo, hi), last_num)
    quoted = [(a + 1, b - 1) for a, b in _spans_before(rules.quote_pattern.finditer(text, start, end), cands[-1].end)]
    found = []
    for cand in cands:
        if _in_any(cand.num_start, cand.num_end, excluded) or _in_any(cand.start, cand.end, quoted):
            continue
        if RANGE_BEFORE.search(text[max(start, cand.start - 16) : cand.start]):
            continue
        if RANGE_AFTER.match(text, cand.end, min(end, cand.end + 16)):
            continue
        found.append(cand)
    return found


def _candidate(m: regex.Match[str], text: str, rules: CommitmentRules) -> Candidate | None:
    pct, pnum, num, inner, sign, unit_text, suffix = m.group(*rules.pattern_groups)
    if pct:
        number, num_start, num_end = pnum, m.start("pct"), m.end("pnum")
        unit, kind = "%", "percent"
    else:
        number, (num_start, num_end) = num, m.span("num")
        if sign:
            unit, kind = ("‰" if sign == "‰" else "%"), "percent"
        else:
            unit = compact(unit_text)
            kind = "money" if unit.startswith(rules.money_units) else rules.unit_kinds.get(_base_unit(unit), "thing")
        first = number[0]
        if first in _CN_NUMERAL and num_start > 0 and text[num_start - 1] in rules.numbers.cn_not_after:
            return None
        if _bare_multiplier(number):
            head = inner or unit
            after_cue = num_start > 0 and text[num_start - 1] in rules.numbers.bare_multiplier_after
            after_cue = after_cue or (bool(suffix) and compact(suffix) in rules.numbers.bare_multiplier_suffixes)
            if not after_cue and head not in rules.numbers.bare_multiplier_units and (
                unit not in rules.numbers.bare_multiplier_units
            ):
                return None
            if num_start > 0 and text[num_start - 1] in "上成":
                return None  # 上万人, 成千: vague amounts
        if first in _CN_NUMERAL and num_start > 0 and text[num_start - 1] in "数几":
            return None  # 数十个, 几百人: vague amounts
    try:
        parse_number(number)
    except ValueError:
        return None
    return Candidate._make((m.start(), m.end(), num_start, num_end, number, unit, inner, suffix, kind))


# --------------------------------------------------------------------------- resolve


def _is_boundary(text: str, i: int) -> bool:
    ch = text[i]
    if ch in CLAUSE_STOPS or ch == "\t":  # a tab sets table cells apart
        return True
    if ch != "\n":
        return False
    # an e-mail or PDF wrap may leave spaces at the end of the line or the start of the next
    b = i
    while b > 0 and text[b - 1] in " \u3000\u00a0\t":
        b -= 1
    a = i + 1
    while a < len(text) and text[a] in " \u3000\u00a0\t":
        a += 1
    before = text[b - 1] if b > 0 else ""
    after = text[a] if a < len(text) else ""
    line_start = text.rfind("\n", 0, i) + 1
    if (after == "、" and _WORD_CHAR.match(before)) or (before == "、" and _WORD_CHAR.match(after)):
        return False  # 婚前辅导\n、离婚冷静期调解服务, 宫颈癌、\n乳腺癌检查: no line ends or begins with 、 but a wrapped one
    if "\u3000\u3000" in text[i + 1 : a]:
        return True  # a paragraph's indent: the line before ended (a heading over its body); a PDF's
        # text layer may start a wrapped line with plain spaces, never with two ideographic ones
    wrapped = bool(_WRAP_END.match(before)) and bool(_WRAP_START.match(after))
    if not wrapped:
        return True
    width = i - line_start
    if width >= 20:
        return False
    # a narrow column (a table cell from a PDF) wraps its lines short: a line as wide as the lines
    # around it, none of them longer than a cell, goes on below; so does a shorter one before a
    # figure that did not fit on it (报销比例不低于⏎80%)
    if width < 2:
        return True
    prev_start = text.rfind("\n", 0, max(0, line_start - 1)) + 1
    next_end = text.find("\n", a)
    next_end = len(text) if next_end == -1 else next_end
    if "\t" in text[line_start:i] or "\t" in text[a:next_end]:
        return True  # rows of a table set apart by tabs
    around = max(line_start - 1 - prev_start, next_end - a)
    if around >= 20:
        return True
    return not (width >= 0.8 * around or (after.isdigit() and width >= 0.5 * around))


_STOP = regex.compile(rf"[{regex.escape(CLAUSE_STOPS)}\n\t]")
_STOP_BEFORE = regex.compile(rf"[{regex.escape(CLAUSE_STOPS)}\n\t]", regex.REVERSE)


def _clause_start(text: str, pos: int, limit: int) -> int:
    limit = max(limit, pos - MAX_CLAUSE)
    while m := _STOP_BEFORE.search(text, limit, pos):
        if _is_boundary(text, m.start()):
            return m.start() + 1
        pos = m.start()
    return limit


def _clause_end(text: str, pos: int, limit: int) -> int:
    limit = min(limit, pos + MAX_CLAUSE)
    while m := _STOP.search(text, pos, limit):
        if _is_boundary(text, m.start()):
            return m.start()
        pos = m.start() + 1
    return limit


_QUOTED_NAME = regex.compile(r"“[^”“]{1,20}”")


class Cue(NamedTuple):
    start: int
    end: int
    comparator: str
    gap: str


def _find_cue(text: str, lo: int, num_start: int, rules: CommitmentRules) -> Cue | None:
    """The nearest cue word before the number whose gap to it is empty, short or a 每-phrase."""
    best: Cue | None = None
    if rules.cue_initials.isdisjoint(text[lo:num_start]):
        return None
    for m in rules.cue_pattern.finditer(text, lo, num_start, overlapped=True):
        gap = compact(text[m.end() : num_start])
        if _GAP_BREAK.search(gap) and not rules.per_pattern.match(gap):
            continue  # a figure between (but 提高到80—89周岁每人每月100元: an age band names whom it is for)
        # 不低于全区适龄农村妇女的30%: a denominator ending in 的 may be longer than other gaps
        # ... and so may the activity a verb after the cue opens (至少开展家庭教育指导活动2次)
        reach = rules.cues.max_gap * (2 if gap.endswith("的") or gap.startswith(rules.cue_far_verbs) else 1)
        word = compact(m.group())
        # 至少开展“法治进校园”宣讲2次: a quoted name counts as one word of the gap
        short = len(_QUOTED_NAME.sub("名", gap) if "“" in gap else gap) <= reach and len(word) > 1
        if gap and not (short or rules.per_pattern.match(gap)):
            continue
        blocked_after = rules.cues.single_not_after.get(word, "")
        if m.start() > 0 and text[m.start() - 1] in blocked_after:
            continue  # 就近, 下达: the character belongs to another word
        if m.end() < len(text) and text[m.end()] in rules.cues.single_not_before.get(word, ""):
            continue  # 近视, 近期: the character opens another word
        cue = Cue(m.start(), m.end(), rules.cue_words[word], gap)
        if best is None or cue.end > best.end or (cue.end == best.end and cue.start < best.start):
            best = cue
    if best is not None and best.comparator in ("ge", "gt"):
        # 最高可达20万元, 最多达到: a cap before a reaching verb sets the comparator.
        for m in rules.cue_pattern.finditer(text, max(lo, best.start - 4), best.start):
            cap = rules.cue_comparator(m.group())
            if cap in ("le", "lt") and not any(ch in CLAUSE_STOPS + "、" for ch in text[m.end() : best.start]):
                return Cue(m.start(), best.end, cap, best.gap)
    return best


def _comparator(cand: Candidate, cue: Cue | None, rules: CommitmentRules) -> str:
    s = rules.suffixes
    if cand.suffix:
        suffix = compact(cand.suffix)
        if suffix in s.ge:
            return "ge"
        if suffix in s.le:
            return "le"
        return "approx"
    if cand.inner:
        return "gt"
    return cue.comparator if cue else "eq"


def _base_unit(unit: str) -> str:
    """次 of 次/学期: the measure word before a rate's slash."""
    return unit.split("/", 1)[0].split("／", 1)[0]


def _rule_id(text: str, cand: Candidate, clause_lo: int, rules: CommitmentRules) -> str:
    if cand.kind == "change":
        return rules.change.id
    if cand.kind == "percent":
        if rules.change_before.search(text, clause_lo, cand.num_start):
            return rules.change.id
        return rules.percent.id
    if cand.kind == "money":
        return rules.money.id
    if _base_unit(cand.unit) != cand.unit or (
        cand.unit in rules.frequency.units and rules.period_pattern.search(text, clause_lo, cand.num_start)
    ):
        return rules.frequency.id  # 每学期不少于2次, 2次/学期
    return rules.measure_words.id


# What _tokens leaves out: every character str.isspace() calls a space (none lies above U+3000),
# a soft hyphen, a zero-width space.
_SQUEEZED = regex.compile(
    "[" + "".join(regex.escape(chr(c)) for c in range(0x3001) if chr(c).isspace()) + "\u00ad\u200b]"
)


def _tokens(text: str, lo: int, hi: int, segmenter: Segmenter) -> list[Token]:
    """Part of speech for ``text[lo:hi]`` with spaces and line breaks removed, offsets into ``text``."""
    piece = text[lo:hi]
    if not _SQUEEZED.search(piece):
        return segmenter.tag(piece, lo)  # nothing to squeeze: the usual case
    keep = [i for i in range(lo, hi) if not text[i].isspace() and text[i] not in "\u00ad\u200b"]
    if not keep:
        return []
    squeezed = "".join(text[i] for i in keep)
    out = []
    for t in segmenter.tag(squeezed, 0):
        out.append(Token(t.text, t.pos, keep[t.start], keep[t.end - 1] + 1))
    return out


class _Words:
    """Word classes for target boundaries, from the rules."""

    STRICT_NOUN = frozenset({"n", "nr", "ns", "nt", "nz", "ng", "nrt", "nrfg", "j", "l", "eng", "zg"})

    def __init__(self, rules: CommitmentRules) -> None:
        t = rules.target
        # 新创建, 新认定: a clause verb with 新 before it, one word in the dictionary, opens a clause too
        self.stop = set(t.stop_verbs) | {"新" + v for v in t.stop_verbs if len(v) == 2} | set(rules.cue_words)
        self.cues = set(rules.cue_words)
        self.rate_words = set(t.rate_words)
        self.bracket_max = t.bracket_name_max
        self.counted_places = tuple(t.counted_places)
        self.place_stops = frozenset(t.counted_place_stops)
        self.free = frozenset(t.free_words)
        self.inclusions = tuple(t.bracket_inclusions)
        self.soft = set(t.soft_verbs)
        self.scope = set(t.scope_words)
        self.noun_tags = set(t.noun_tags)
        self.inner_tags = set(t.inner_tags)
        self.suffixes = set(t.noun_suffixes)
        self.indicators = tuple(t.indicator_heads)
        self.amounts = tuple(t.amount_heads)
        self.people_verbs = set(t.people_verbs)
        self.people_lead = self.people_verbs | set(t.people_lead_verbs)
        self.after_stops = set(t.after_stops)
        self.manner = frozenset(t.indicator_manner)
        self.measures = set(t.measure_nouns)
        self.conj = set(t.conjunctions)
        self.action = set(t.action_verbs)
        self.people = tuple(t.people_heads)
        self.activities = tuple(t.activity_heads)
        self.named_activities = set(t.named_activities)
        self.service_nouns = frozenset(t.service_nouns)
        self.dwellings = tuple(t.dwellings)
        self.dwelling_work = tuple(t.dwelling_work)
        self.made = frozenset(t.made_verbs)
        self.place_suffixes = tuple(t.place_suffixes)
        # 其中：洮阳镇180个、八里铺镇100个: places, each with its share of the total
        suffix = "|".join(regex.escape(x) for x in sorted(self.place_suffixes, key=len, reverse=True))
        share = rf"\p{{Han}}{{1,8}}?(?:{suffix})[ \u3000]*(?:{NUMBER})[ \u3000]*\p{{Han}}{{0,2}}?"
        # (the place's name may begin before the topic: 八里|铺镇, a numeral word cut off the front)
        sep = "[、，,和及]"
        self.breakdown = regex.compile(rf"其中[：:，,]?[ \u3000]*(?P<shares>(?:{share}{sep}[ \u3000]*)*)\p{{Han}}{{0,4}}$")
        self.place_share = regex.compile(rf"{sep}[ \u3000]*{share}(?=[、，,和及；;。]|$)")
        self.bare_places = frozenset(t.bare_places)
        self.event_nouns_after = frozenset(t.event_verbs_named)
        self.amount_verbs = set(t.amount_verbs)
        self.amount_links = set(t.amount_links)
        self.event_verbs = set(t.event_verbs)
        self.lead = set(t.lead_words)
        self.change_verbs = set(rules.change.verbs) | set(t.topic_verbs)
        self.changes = frozenset(rules.change.verbs)  # 提高标准到…: the verb changes the rate, it names none
        self.per_classifiers = set(t.per_classifiers)
        self.agents = tuple(t.agent_heads)
        self.whole_person = tuple(t.whole_person_ends)
        self.work = set(t.work_verbs)
        self.work_manner = frozenset(t.work_manner)
        self.work_housing = frozenset(t.work_housing)
        self.projects = tuple(t.project_heads)
        self.people_topic_verbs = set(t.people_topic_verbs)
        self.group = set(t.group_verbs)
        self.unit_heads = {u: tuple(ends) for u, ends in t.unit_heads.items()}
        # 毛入园率和覆盖率分别达到…, 城市和农村低保标准分别提高到…: what each figure of 分别 names
        self.respective_heads = self.indicators + self.amounts
        self.facilities = tuple(x for x in t.noun_suffixes if x not in t.indicator_heads and x not in t.amount_heads
                                and not any(x.endswith(a) for a in t.amount_heads))
        self.quotes = {o: c for o, c in rules.quotes.pairs}
        self.closing = {c: o for o, c in rules.quotes.pairs}
        self.blocking = frozenset(self.scope | self.stop | set(self.quotes) | set(self.closing))
        self._nounish: dict[tuple[str, str], bool] = {}

    def blocked(self, tok: Token) -> bool:
        return tok.text in self.blocking

    def nounish(self, tok: Token) -> bool:
        """Whether a word can stand in a noun phrase (remembered per word and tag: asked ever again)."""
        key = (tok.text, tok.pos)
        known = self._nounish.get(key)
        if known is None:
            if len(self._nounish) >= 50_000:
                self._nounish.clear()
            known = self._nounish[key] = self._nounish_word(tok)
        return known

    def _nounish_word(self, tok: Token) -> bool:
        if self.blocked(tok) or tok.pos in ("x", "uj", "w"):
            return False
        if tok.pos in self.noun_tags or tok.text.endswith(self.amounts):
            return True
        if tok.pos == "q" and tok.text not in self.measures:
            return True  # 充电桩: the dictionary tags 桩 as a classifier; only the rules' units count as such
        return tok.text[-1] in self.suffixes and not _NUMERAL_CHAR.match(tok.text[-1])

    def strict_noun(self, tok: Token) -> bool:
        return self.nounish(tok) and (tok.pos in self.STRICT_NOUN or tok.pos.startswith("n"))

    def verbish(self, tok: Token) -> bool:
        return tok.pos.startswith("v") and not self.blocked(tok)

    def person(self, tok: Token) -> bool:
        """A word naming people or households (妇女, 留守儿童, 志愿者, 困难家庭)."""
        return tok.text.endswith(self.people) and not self.blocked(tok) and tok.text not in self.people_verbs

    def activity(self, tok: Token) -> bool:
        return tok.text.endswith(self.activities) and tok.text not in self.stop

    def per(self, tok: Token) -> bool:
        """每所, 每名, 每个, 每学期: the opening of a per-phrase, never part of a target."""
        return tok.text.startswith("每")


def _head_ok(tok: Token, kind: Kind, w: _Words) -> bool:
    if kind == "people":
        if w.activity(tok) and not w.blocked(tok):
            return True  # 职业技能培训1.2万人次: the activity, if a noun names it (checked in _topic)
        return w.nounish(tok) and tok.pos not in ("vn", "an") and tok.text not in w.soft
    if tok.text in w.soft and kind != "event":
        return False
    if kind == "event":
        return w.nounish(tok) or w.verbish(tok)
    return w.nounish(tok)


def _other_name(inside: str, w: _Words) -> bool:
    """A bracket's text that names the thing again (社区卫生服务站, 街道), not one that says what it
    takes in (含灵活就业人员)."""
    return 0 < len(inside) <= w.bracket_max and bool(_NAME_LIST.fullmatch(inside)) and not inside.startswith(
        w.inclusions
    )


def _bracket_back(toks: list[Token], i: int, text: str, w: _Words) -> int | None:
    """Index of the ``（`` that opens a short bracket closing at ``toks[i]`` (镇（街道）), else None;
    a bracket holding a clause verb (新建（改建）) is not part of a name."""
    j = i - 1
    while j >= 0 and i - j <= 5:
        if toks[j].text in ("（", "("):
            inside = text[toks[j].end : toks[i].start]
            # 新建（改建）, 新建（规范）: a bracket holding a clause verb, or right after one, names no thing
            verb = any(t.text in w.stop for t in toks[j + 1 : i]) or (j > 0 and toks[j - 1].text in w.stop)
            return j if _other_name(inside, w) and not verb else None
        j -= 1
    return None


def _bracket_forward(toks: list[Token], i: int, text: str, w: _Words) -> int | None:
    j = i + 1
    while j < len(toks) and j - i <= 5:
        if toks[j].text in ("）", ")"):
            inside = text[toks[i].end : toks[j].start]
            return j if _other_name(inside, w) else None
        j += 1
    return None


def _link_ok(tok: Token, left: Token | None, right: Token | None, w: _Words) -> bool:
    """、 and 和 join two parts of one target only between words that can stand in it."""
    return bool(left and right and (w.nounish(left) or w.verbish(left)))


# How a topic's head shapes what may stand before it.
Mode = Literal["", "measure", "amount", "person", "activity"]


def _mode(head: Token, kind: Kind, w: _Words) -> Mode:
    if head.text.endswith(w.indicators):
        return "measure"
    if kind == "people":
        return "person" if w.person(head) else "activity" if w.activity(head) else ""
    if head.text.endswith(w.amounts):
        return "amount"
    return ""


def _keep_back(toks: list[Token], i: int, right: Token, kind: Kind, mode: Mode, w: _Words) -> bool:
    """Whether ``toks[i]`` belongs to a topic that already holds ``right`` (walking leftwards)."""
    tok = toks[i]
    word, tag = tok.text, tok.pos
    left = toks[i - 1] if i > 0 else None
    indicator = mode in ("measure", "amount")
    if w.per(tok):
        return False  # 每所, 每学期: a per-phrase is never part of a target
    if word in w.group and mode == "measure":
        return True  # 参与学生比例, 受益人数: the verb names the group an indicator counts
    if word in w.group and mode == "person" and (left is None or not w.nounish(left)):
        return True  # 参与家庭3000余户: before the people counted, the verb names the group
    if word in w.work and right.text.endswith(w.projects):
        return True  # 提质改造项目, 整治工程: the work a project does is part of its name
    if word in w.work and right.text in w.work_housing and left is not None and w.nounish(left):
        return True  # 棚户区改造安置房: housing named by the work its people move for
    if (tag.startswith("v") and i == len(toks) - 2 and len(right.text) == 1 and right.text in w.suffixes
            and not w.blocked(right) and word not in w.scope and word not in w.cues):
        return True  # 垃圾分类投放点: a one-character head split off the verb it forms a word with
    if word in w.conj or word == "、":
        return _link_ok(tok, left, right, w)
    if mode == "person" and (word in w.people_verbs or word in w.soft) and (
        not right.text.endswith(w.agents)
        or (right.text.endswith(w.whole_person) and (left is None or not w.nounish(left)))  # 儿童关爱志愿者 stays
    ):
        return False  # 心理辅导服务妇女儿童 → 妇女儿童, 集中培训教师 → 教师 (but 家政服务人员, 家庭教育指导师)
    if word in w.stop and mode == "amount" and (
        tag == "n" or (left is not None and (left.text in w.stop or (w.per(left) and word in w.work)))
    ):
        return True  # 资助标准, 投入改造资金, 每户改造费用: the verb names the amount's purpose
    if word in w.stop and mode == "amount" and right.text in w.rate_words and left is not None and w.nounish(left):
        return True  # 高龄津贴发放标准: the verb between a benefit and its rate names what the rate is for
    if mode == "amount" and (left is None or left.text in CLAUSE_STOPS) and tag.startswith("v") and (
        toks[-1].text in w.rate_words
    ) and word not in w.cues and word not in w.scope and word not in w.changes:
        return True  # ，代缴标准为每人每年200元: a verb opening the clause names whose rate it is
    if word in w.stop and mode == "measure" and right.text.endswith(w.indicators) and word not in w.made and (
        left is None or not (w.nounish(left) or w.verbish(left))
    ):
        return True  # 参与人数, 受益人数: a verb that names the counted group (not 新增绿地面积: what is made)
    if word in w.stop and mode == "measure" and left is not None and left.pos == "d" and len(left.text) > 1 and (
        not w.blocked(left)
    ):
        return True  # 经常参加体育锻炼人数比例: an adverb and a verb that say who is counted
    if word in w.stop:
        # 学生资助覆盖率 (jieba tags this 资助 a noun): a verb between nouns names what the indicator counts
        return mode == "measure" and tag[0] in "vn" and left is not None and w.strict_noun(left)
    if indicator and word in w.manner and right.pos.startswith("v") and right.start == tok.end:
        return True  # 按时足额发放率: how the indicator's verb is done
    if w.blocked(tok) or word in ("的", "等") or (len(word) > 1 and word.endswith("等")):
        return False
    if word in w.lead:
        # 宫颈癌、乳腺癌免费检查人数 and …免费检查5000人; but 儿童免费体检 → 体检 (the people it is for)
        return mode == "measure" or (
            mode == "activity" and left is not None and w.nounish(left) and not w.person(left) and not w.blocked(left)
        )
    if word in w.soft:
        if indicator or kind == "event" or mode == "activity":
            return True
        if word not in w.action and left is not None and (
            w.nounish(left) or left.text in w.stop or (left.pos in ("a", "b") and not w.blocked(left))
        ):
            return True  # 家庭教育指导服务站, 发放宣传资料, 健康宣传资料: the verb is part of the name
        if mode == "person" and right.text.endswith(w.agents):
            return True  # 救助对象, 服务人员: people named by what is done for them or by them
        # 公共场所建设母婴室: before a counted thing, the verb takes it as its object
        return left is not None and left.text == "、" and i >= 2 and w.nounish(toks[i - 2])
    if indicator and (tag in ("m", "q") or (tag in ("d", "ad") and len(word) > 1)):
        return not _NUMERAL_CHAR.search(word)
    return w.nounish(tok) or tag in w.inner_tags


def _modifier(tok: Token) -> bool:
    return tok.pos in ("a", "b", "z") or tok.text.endswith(("性", "级", "型", "式", "类", "化"))


def _keep_forward(tok: Token, left: Token, right: Token | None, kind: Kind, w: _Words) -> bool:
    if tok.text in w.conj:
        return _link_ok(tok, left, right, w)
    if tok.text == "、":
        # 事实无人抚养儿童、困境儿童; 家政、电商培训: a list of people or of activities
        return kind in ("people", "event") and right is not None and not w.blocked(right) and (
            w.nounish(right) or w.verbish(right) or right.pos == "a"
        )
    if tok.text in w.work and right is not None and right.text.endswith(w.projects):
        return True  # 2个城中村改造项目: the work a project does is part of its name
    if w.blocked(tok) or tok.text in ("的", "等") or tok.text in w.after_stops or w.per(tok) or tok.text in w.action:
        return False
    if kind == "event" and w.verbish(tok):
        return True  # 1次走访探视, 1次集中关爱活动
    if kind == "thing" and tok.pos == "v" and tok.text not in w.soft and not w.nounish(tok) and (
        right is None or not w.nounish(right)
    ):
        return False  # 3个社区卫生服务中心提档升级: the verb that follows
    if tok.text in w.soft:
        # 1个家庭教育指导服务中心: a soft verb between two nouns is part of the name
        return w.nounish(left) and tok.text not in w.action and right is not None and w.nounish(right)
    return w.nounish(tok) or tok.pos in w.inner_tags


_LEAD_BAD = frozenset({"f", "d", "p", "c", "u", "uj", "ul", "m", "q", "r", "x", "y", "ad"})


def _trim_lead(toks: list[Token], w: _Words, indicator: bool = False) -> list[Token]:
    """Drop leading tokens that cannot begin a target (以下, 和, a one-character verb, 月底前)."""
    while toks and (toks[0].pos in _LEAD_BAD or toks[0].text in w.conj or toks[0].text in ("、", "的") or toks[0].text in w.lead
                    or (toks[0].pos == "t" and len(toks) > 1 and toks[1].pos == "f")):  # a time before 前, 内, 后
        if indicator and toks[0].pos == "d" and len(toks[0].text) > 1 and not w.blocked(toks[0]):
            break  # 按期办结率, 异常病例随访率: an adverb that names how the indicator is counted
        toks = toks[1:]
    if len(toks) > 2 and toks[0].pos.startswith("v") and toks[1].text in ("期间", "期"):
        return _trim_lead(toks[2:], w, indicator)  # 供热期间居民室温达标率: the period is no part of the name
    return toks


def _span(text: str, a: int, b: int) -> Span | None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return Span(text=text[a:b], start=a, end=b) if b > a else None


def _quoted(text: str, toks: list[Token], close_idx: int, w: _Words) -> Span | None:
    """The inside of the quotes that close at ``toks[close_idx]``."""
    opener = w.closing[toks[close_idx].text]
    for j in range(close_idx - 1, -1, -1):
        if toks[j].text == opener:
            return _span(text, toks[j].end, toks[close_idx].start)
    return None


def _drop_per_noun(words: list[Token], stopper: Token | None, w: _Words, mode: Mode = "") -> list[Token]:
    """每个托育点托位 → 托位: after 每 + classifier, the first noun (or the place or facility
    named last) is what the figure is per; 每所补助资金 names none, and keeps 补助资金."""
    if stopper is None or not (stopper.text == "每" or (
        len(stopper.text) == 2 and w.per(stopper) and stopper.text[1] in w.per_classifiers
    )):
        return words
    if words and words[0].text in w.per_classifiers:
        words = words[1:]
    if not words:
        return words
    person = next((k for k, t in enumerate(words[:3]) if w.person(t)), None)
    place = max((k for k, t in enumerate(words[:-1]) if t.text.endswith(w.facilities) and w.nounish(t)), default=None)
    if person is not None and person + 1 < len(words):
        words = words[person + 1 :]
    elif place is not None:
        words = words[place + 1 :]  # 每个城市社区居家养老服务中心建设面积 → 建设面积
    elif not ((len(words) > 1 and (words[0].pos.startswith("v") or words[0].text in w.amount_verbs))
              or (len(words) == 1 and mode in ("amount", "measure"))):
        words = words[1:]  # 每处建筑面积: a measured name alone is not what the figure is per
    if words and words[0].text in ("（", "("):
        close = next((k for k, t in enumerate(words) if t.text in ("）", ")")), None)
        words = words[close + 1 :] if close is not None else words
    verb = max((k for k, t in enumerate(words[:-1]) if t.text in w.stop), default=None)
    if verb is not None and not (verb == len(words) - 2 and words[verb].text in w.work and words[-1].text.endswith(w.amounts)):
        words = words[verb + 1 :]  # 每个示范社区配备儿童活动场地面积 → 儿童活动场地面积 (but 每户改造费用: the work the money is for)
    while words and (words[0].text in w.stop or (
        (words[0].pos == "v" or words[0].text in w.amount_verbs) and (mode not in ("amount", "measure") or len(words) > 2)
    )):
        words = words[1:]  # 每所补助建设经费 → 建设经费; but 每所补助资金: a verb before a bare amount names it
    return words


def _after_numeral(words: list[Token], w: _Words) -> list[Token]:
    """二级以上公共场所母婴室配置率 → 公共场所母婴室配置率: a target starts after a numeral inside it."""
    cut = None
    for k, t in enumerate(words[:-1]):
        if _numeral(t) or _numeral_measure(t, w):
            cut = k
    if cut is None:
        return words
    return _past_numeral(words[cut + 1 :], w) or words


_NUMERAL_WORD = regex.compile(rf"(?:[0-9０-９.．]+|[{CN_DIGIT}十百千]+)[级类星AＡ]?")


_NUMERAL_LEAD = regex.compile(rf"[0-9０-９{CN_DIGIT}十百千]+")
_ANY_DIGIT = regex.compile(r"[0-9０-９]")
# Every character the three patterns above can start or find: a word without one is no numeral.
_NUMERALISH = frozenset(f"0123456789０１２３４５６７８９.．{CN_DIGIT}{MULT}")


def _numeral_measure(tok: Token, w: _Words) -> bool:
    """九年, 十二年, 3岁: a numeral and what counts with it, as one word."""
    if _NUMERALISH.isdisjoint(tok.text):
        return False
    m = _NUMERAL_LEAD.match(tok.text)
    return bool(m) and tok.text[m.end() :] in w.measures


def _numeral(tok: Token) -> bool:
    """3.0, 二级, 3A, 24: a number standing inside a name."""
    if _NUMERALISH.isdisjoint(tok.text):
        return False
    return bool((tok.pos == "m" and _NUMERAL_CHAR.search(tok.text)) or _NUMERAL_WORD.fullmatch(tok.text)
                or _ANY_DIGIT.search(tok.text))


def _past_numeral(words: list[Token], w: _Words) -> list[Token]:
    """The words after a numeral, without what counts with it (小时, 版, 以上, 月龄内)."""
    while words and (words[0].text in w.measures or words[0].text in ("以上", "以下", "及以上", "以内", "内")
                     or words[0].pos in ("f", "q", "x")
                     or (words[0].text == "及" and len(words) > 1 and words[1].text in ("以上", "以下"))):
        words = words[1:]  # 二级及以上幼儿园 → 幼儿园
    return words


def _named(words: list[Token], w: _Words) -> bool:
    """An activity phrase names something besides its verb (宫颈癌筛查, 咨询服务; not 免费筛查)."""
    if not any(words[-1].text == a for a in w.activities) or words[-1].text in w.named_activities:
        return True
    if words[-1].text in w.service_nouns and len(words) > 1:
        return True  # 关爱服务, 结对帮扶活动: a service or an activity named by what it does
    return any(t.pos[0] in "nbjlza" or t.pos in ("vn", "eng") for t in words[:-1] if t.text not in w.conj)


def _topic(text: str, toks: list[Token], kind: Kind, w: _Words) -> Span | None:
    """The noun phrase right before the number (or its cue): 培训家政从业人员2000人次 → 家政从业人员."""
    if not toks:
        return None
    if toks[-1].text in w.closing:
        return _quoted(text, toks, len(toks) - 1, w)
    if toks[-1].text in ("）", ")"):
        j = _bracket_back(toks, len(toks) - 1, text, w)
        if j is None or j == 0:
            return None
        inner = _topic(text, toks[:j], kind, w)  # 妇女手工艺合作社（车间）20个: the bracket explains the head
        return _span(text, inner.start, toks[-1].end) if inner is not None and inner.end == toks[j - 1].end else None
    head = toks[-1]
    if w.per(head):
        return None  # 每学期不少于1次 (每 ⏎学期 in a wrapped copy): a per-phrase names no target
    if not (_head_ok(head, kind, w) or _object_head(toks, kind, w) or _named_event(toks, kind, w)):
        return None
    mode = _mode(head, kind, w)
    if kind == "people" and not mode:
        return None  # 接种二价HPV疫苗约2.8万人: the noun is not who is counted
    if kind == "money" and w.person(head):
        # 补助标准为小学每生每年1000元: the amount's name before 为, past the people it is for;
        # without it, 100周岁以上老人每人每月600元: the people an amount is for name none
        return _amount_before_group(text, toks, w, reach=3)
    words, stopper = _walk_back(text, toks, kind, mode, w)
    return _finish_topic(text, words, stopper, kind, mode, w)


def _named_event(toks: list[Token], kind: Kind, w: _Words) -> bool:
    """公益电影放映1500场: a clause verb after the noun it acts on names the event counted."""
    return (kind == "event" and len(toks) > 1 and toks[-1].text in w.event_nouns_after
            and toks[-2].pos.startswith("n") and not w.blocked(toks[-2]) and not w.per(toks[-2]))


def _object_head(toks: list[Token], kind: Kind, w: _Words) -> bool:
    """新增高清视频监控探头180个: after the clause's verb and a run of nouns, a word the dictionary
    tags as a verb is the last word of the object, not a second verb."""
    head = toks[-1]
    if kind != "thing" or not w.verbish(head) or head.text in w.soft or head.text in w.change_verbs or head.text in w.work:
        return False
    i = len(toks) - 2
    while i >= 0 and w.nounish(toks[i]):
        i -= 1
    return i < len(toks) - 2 and i >= 0 and toks[i].text in w.stop and toks[i].text not in w.cues


def _walk_back(text: str, toks: list[Token], kind: Kind, mode: Mode, w: _Words) -> tuple[list[Token], Token | None]:
    """The words of a topic ending at ``toks[-1]``, and the token that stopped the walk."""
    acc = [toks[-1]]
    i = len(toks) - 2
    while i >= 0:
        tok = toks[i]
        if tok.text in ("）", ")"):
            j = _bracket_back(toks, i, text, w)
            if j is None:
                break
            acc.extend(reversed(toks[j : i + 1]))
            i = j - 1
            continue
        if not _keep_back(toks, i, acc[-1], kind, mode, w):
            break
        acc.append(tok)
        i -= 1
    if (len(acc) > 1 and i >= 1 and toks[i].text in w.conj and toks[i - 1].text in w.stop
            and acc[-1].pos == "v" and acc[-1].text not in w.cues):
        acc.pop()  # 新增和改善农村供水人口: the second of two joined verbs opens no target either
        i += 1
    return acc[::-1], (toks[i] if i >= 0 else None)


def _finish_topic(text: str, words: list[Token], stopper: Token | None, kind: Kind, mode: Mode,
                  w: _Words) -> Span | None:
    """Trim what a topic may not begin with: numerals, per-phrases, serving verbs, a bare verb."""
    indicator = mode in ("measure", "amount")
    words = _trim_lead(words, w, indicator=indicator)
    words = _trim_lead(_past_stray_close(words), w, indicator=indicator)
    if stopper is not None and _numeral(stopper):
        words = _past_numeral(words, w)  # 24小时自助图书馆 → 自助图书馆: a target starts after a numeral
    words = _after_numeral(words, w)
    words = _drop_per_noun(words, stopper, w, mode)
    if kind == "thing" and len(words) > 1 and words[0].text in w.work and not words[-1].text.endswith(w.projects) and (
        mode != "measure"
    ):
        words = words[1:]  # 完成整治院落25个 → 院落: the work done is not the thing counted (but 改造面积 is measured)
    while words and kind == "people" and mode != "measure" and words[0].text in w.people_lead and not (
        len(words) == 1 or (len(words) == 2 and words[-1].text.endswith(w.agents) and not words[-1].text.endswith(w.whole_person)
                            and len(words[-1].text) <= 2)  # 服务人员, 救助对象; but 培训幼儿教师 → 幼儿教师
        or words[-1].text in w.service_nouns
    ):
        words = words[1:]  # 服务儿童 → 儿童, 接待读者 → 读者; but 服务对象, 救助对象, 关爱服务
    if not words:
        return None
    if mode == "activity" and not _named(words, w):
        return None  # 免费检查2万人, “两癌”检查: only a verb names the activity
    if kind == "people" and stopper is not None and _NUMERAL_CHAR.match(stopper.text) and stopper.pos == "m":
        return None  # 帮助零就业家庭实现至少1人: the people word belongs to a numbered term
    if words[0].text.startswith("等") and len(words[0].text) > 1 and stopper is not None and (
        stopper.text in w.closing or w.nounish(stopper)
    ):
        return _span(text, words[0].start + 1, words[-1].end)  # “巾帼电商”等线上线下…: 等 glued to the next word
    if kind == "money" and words[0].text in w.amount_verbs and (
        stopper is None or w.per(stopper) or stopper.text in w.scope or stopper.text in w.lead
    ):
        if len(words) == 1:
            return None  # 每人补助500元, 计划投资12万元: the amount word is the clause's verb
        if words[0].pos.startswith("v") and stopper is not None and w.per(stopper) and (
            len(words) > 2 or words[1].text not in w.amounts
        ):
            # 每生每年补助保教费1000元: the verb pays what follows it (but 补助标准, 补助资金 are names)
            words = words[1:]
    return _span(text, words[0].start, words[-1].end)


def _past_stray_close(words: list[Token]) -> list[Token]:
    """新（改）建社区儿童活动场地 → 社区儿童活动场地: a target never starts inside a bracket it does
    not open; it starts after the last bracket closing one opened before the target."""
    depth, cut = 0, None
    for k, t in enumerate(words):
        if t.text in ("（", "("):
            depth += 1
        elif t.text in ("）", ")"):
            if depth:
                depth -= 1
            else:
                cut = k
    if cut is None:
        return words
    words = words[cut + 1 :]
    if words and len(words[0].text) == 1 and words[0].pos == "v":
        words = words[1:]  # the rest of the verb the bracket stood in (新（改）|建)
    return words


def _people_cut(acc: list[Token], w: _Words) -> list[Token] | None:
    """为1.2万名农村留守儿童每季度…, 200名妇女居家就业: people end with the last word naming them,
    before any verb that follows such a word (困难群众代缴城乡居民…保险 → 困难群众)."""
    last = None
    for k, t in enumerate(acc):
        if last is not None and last == k - 1 and t.pos.startswith("v") and (
            t.pos != "vn" or (k + 1 < len(acc) and acc[k + 1].pos.startswith("v"))
        ):
            break  # 妇女就业, 渔民统一投保: a verb (two verbal nouns in a row are one) after the people
        if w.person(t):
            last = k
    return acc[: last + 1] if last is not None else None


def _counted_end(text: str, acc: list[Token], ends: tuple[str, ...]) -> int | None:
    """Where the first word of the kind a unit counts ends in ``acc`` (a list of them, 中小学、幼儿园,
    ends at its last), inside a longer word too (学校食堂 → 学校), when more follows it; None when it
    is the whole phrase or absent. The first, as what comes after it is a part of it (学校厕所)."""
    best = None
    depth = 0
    for k, t in enumerate(acc):
        if best is not None and not depth and t.text not in ("、", "（", "(") and acc[k - 1].text != "、":
            break
        depth += t.text in ("（", "(")
        depth -= depth > 0 and t.text in ("）", ")")
        if t.text.endswith(ends):
            best = t.end
        elif len(t.text) > 2 and text[t.start : t.end] == t.text:
            cut = max((p for p in range(2, len(t.text)) if t.text[:p].endswith(ends)), default=None)
            if cut is not None:
                best = t.start + cut
    if best is not None and best < len(text) and text[best] in "）)":
        opened = text[acc[0].start : best]
        if opened.count("（") + opened.count("(") > opened.count("）") + opened.count(")"):
            best += 1  # 学校（幼儿园）食堂 → 学校（幼儿园）: a bracket the counted word stands in is closed
    return best if best is not None and best < acc[-1].end else None


def _verbs_to_facility(toks: list[Token], i: int, w: _Words) -> int | None:
    """Index of the facility noun that ends a short run of verbs starting at ``toks[i]``
    (救助保护中心, 维权服务站), else None: such verbs name what the facility does."""
    k = i
    while k < len(toks) and k - i < 3 and toks[k].pos in ("v", "vn") and not w.blocked(toks[k]) and (
        toks[k].text not in w.action
    ):
        k += 1
    if i < k < len(toks) and w.nounish(toks[k]) and toks[k].text.endswith(w.facilities):
        return k
    return None


def _after(text: str, toks: list[Token], kind: Kind, w: _Words, unit: str = "") -> Span | None:
    """The noun phrase right after the unit: 改扩建2所幼儿园 → 幼儿园."""
    if not toks:
        return None
    if kind == "money" and toks[0].text in w.amount_links:
        # 每人每月200元的护理补贴, 1万元给予一次性建设补助: only an amount's name follows
        k = 0
        while k < len(toks) and toks[k].text in w.amount_links:
            k += 1
        for j in range(k, min(len(toks), k + 4)):
            if w.blocked(toks[j]) or toks[j].pos in ("x", "w", "uj"):
                return None
            if toks[j].text.endswith(w.amounts):
                return _span(text, toks[k].start, toks[j].end)
        return None
    if kind == "event" and (toks[0].text in w.event_verbs or toks[0].text == "的") and len(toks) > 1:
        toks = toks[1:]  # 每年不少于2次组织“亲子共读”活动, 每月不少于2次的上门探访服务
    if toks[0].text in w.quotes:
        close = w.quotes[toks[0].text]
        for j in range(1, len(toks)):
            if toks[j].text == close:
                rest = _after(text, toks[j + 1 :], kind, w, unit) if j + 1 < len(toks) else None
                return rest or _span(text, toks[0].end, toks[j].start)
        return None
    first = toks[0]
    opener = first.pos in ("a", "b", "an", "t", "h", "z", "s", "nz") and not w.blocked(first)
    if kind in ("event", "people") and w.verbish(first):
        opener = True  # 1次集中探访, 200名留守、困境儿童
    elif kind == "thing" and w.verbish(first) and first.text not in w.soft and len(toks) > 1 and w.nounish(toks[1]):
        opener = True  # 1套救生器材: a verb right after the unit modifies the noun after it
    if not (w.nounish(first) or opener) or (first.text in w.soft and kind != "event"):
        return None
    ends = w.unit_heads.get(unit, ()) if kind == "thing" else ()
    acc = [first]
    i = 1
    while i < len(toks):
        tok = toks[i]
        if tok.text in ("（", "("):
            j = _bracket_forward(toks, i, text, w)
            if j is None:
                break
            acc.extend(toks[i : j + 1])
            i = j + 1
            continue
        if tok.text in w.quotes:
            if _modifier(acc[-1]):  # 示范性“儿童之家”: the quoted name is the thing counted
                quoted = _after(text, toks[i:], kind, w, unit)
                if quoted is not None:
                    return quoted
            break
        right = toks[i + 1] if i + 1 < len(toks) else None
        if tok.text == "、" and ends and acc[-1].text.endswith(ends) and right is not None and right.text.endswith(ends):
            acc.append(tok)  # 11所中小学、幼儿园: a list of what the unit counts
            i += 1
            continue
        if not _keep_forward(tok, acc[-1], right, kind, w):
            j = _verbs_to_facility(toks, i, w) if kind == "thing" and not acc[-1].text.endswith(w.facilities) else None
            if j is None:
                break
            acc.extend(toks[i : j + 1])  # 1个未成年人救助保护中心: verbs inside a facility's name
            i = j + 1
            continue
        acc.append(tok)
        i += 1
    if kind == "thing" and not ends and i < len(toks) and (toks[i].pos.startswith("v") or toks[i].text in w.place_stops):
        place = next((k for k, t in enumerate(acc[:-1]) if t.text.endswith(w.counted_places)), None)
        if place is not None and place + 3 < len(acc) and acc[place + 1].text in ("（", "(") and (
            acc[place + 2].text.endswith(w.counted_places) and acc[place + 3].text in ("）", ")")
        ):
            place += 3  # 30个村（社区）生活污水治理 → 村（社区）: the place and its other name
        if place is not None and not any(
            (t.text.endswith(w.facilities) and not t.text.endswith(w.counted_places)) or t.text in ("（", "(", "）", ")")
            for t in acc[place + 1 :]
        ):
            acc = acc[: place + 1]  # 50个行政村生活污水治理 → 行政村: the places counted, then what is done there
    counted = _counted_end(text, acc, ends) if ends else None
    if counted is not None:
        return _span(text, acc[0].start, counted)  # 3所农村寄宿制学校食堂改造 → 农村寄宿制学校: the unit counts schools
    if kind == "people":
        cut = _people_cut(acc, w)
        if cut is None:
            return None  # 解决1.5万人饮水安全问题: what follows a count of people names no people
        acc = cut
    while acc and (
        not (_head_ok(acc[-1], kind, w) or acc[-1].text in ("）", ")")) or (len(acc) > 1 and acc[-1].text.endswith("化"))
    ):
        acc.pop()  # …便民服务中心标准化: a trailing 化 word is the change made to the thing
    if not acc:
        return None
    if kind == "money" and not (acc[-1].text.endswith(w.amounts) or w.strict_noun(acc[-1])):
        return None  # 从每生每天4元调整为5元: a verb after an amount does not name it
    if kind == "money" and len(acc) == 1 and acc[0].text in w.rate_words:
        return None  # 按每人每年12元标准落实: the amount is the rate of a name before it
    acc = _after_numeral(acc, w)  # 两所九年一贯制学校 → 一贯制学校, as before the number
    if len(acc) > 1 and acc[0].text in w.free:
        acc = acc[1:]  # 12次免费托育服务 → 托育服务, as 免费法律援助案件 → 法律援助案件
    return _span(text, acc[0].start, acc[-1].end)


@dataclass(slots=True)
class _Resolved:
    commitment: Commitment
    cue: Cue | None
    topic: bool
    parts: list[Span] | None = None
    index: int = 0
    kind: Kind = "thing"


_LIST_JOIN = regex.compile(r"[和、及]")
_AGE_TAIL = regex.compile(r"(?:周岁|岁|个月|月龄)(?:及以上|以上|以下|以内)?")  # what a target past an age's number starts with
_AGE_IN_LIST = regex.compile(
    rf"(?P<name>\p{{Han}}{{2,12}}?)[和、及]{NUMBER}(?:周岁|岁|个月|月龄)(?:及以上|以上|以下|以内|内)?\s*"
)  # the age may end a printed line (5岁以下⏎儿童死亡率)


def _respectively(text: str, target: Span, num_start: int, w: _Words) -> list[Span] | None:
    """毛入园率和普惠性幼儿园覆盖率分别达到93%和90%: with 分别, each figure takes its own indicator."""
    between = text[target.end : num_start]
    if "别" not in between or "分别" not in compact(between):
        return None
    before = _AGE_IN_LIST.search(text, max(0, target.start - 24), target.start)
    if before is not None and before.end() == target.start:
        # 婴儿死亡率和5岁以下儿童死亡率分别…: the age cut the list short; the name before it is the first
        tail = _AGE_TAIL.match(text, before.start("name"), before.end("name"))  # 3岁以下儿童…和7岁以下…
        first = _span(text, tail.end() if tail else before.start("name"), before.end("name"))
        if first is not None and compact(first.text).endswith(w.indicators):
            return [first, target]
    bounds, a = [], target.start
    for m in _LIST_JOIN.finditer(text, target.start, target.end):
        bounds.append((a, m.start()))
        a = m.end()
    bounds.append((a, target.end))
    spans = []
    for a, b in bounds:
        skip = LEADING_SKIP.match(text, a, b) or _AGE_TAIL.match(text, a, b)  # 5岁以下儿童死亡率 → 儿童死亡率
        span = _span(text, skip.end() if skip else a, b)
        if span is None or not compact(span.text).endswith(w.respective_heads):
            return None
        spans.append(span)
    return spans if len(spans) > 1 else None


def _resolve(text: str, start: int, end: int, cand: Candidate, prev: _Resolved | None,
             rules: CommitmentRules, segmenter: Segmenter, words: _Words) -> _Resolved:
    clause_lo = _clause_start(text, cand.num_start, start)
    clause_hi = _clause_end(text, cand.end, end)
    left_lo = max(clause_lo, prev.commitment.end if prev else start, cand.num_start - 40)
    cue = _find_cue(text, left_lo, cand.num_start, rules)
    comparator = _comparator(cand, cue, rules)
    sibling = None
    if prev is not None and prev.commitment.end >= clause_lo:
        between = compact(text[prev.commitment.end : cand.num_start])
        if between and between[0] in "和、及与或" and (
            len(between) == 1 or rules.per_pattern.match(between[1:]) or between[1:] in ("分别",)
            or between[1:] in rules.cue_words  # 城市道路25条、约38公里
        ):
            sibling = prev
    if prev is not None and sibling is None and prev.topic and prev.commitment.end >= clause_lo:
        between = compact(text[prev.commitment.end : cand.num_start])
        if between and rules.raise_to.fullmatch(between):
            sibling = prev  # 标准由每人每月120元提高到150元: the new level has the same name
    if sibling and cue is None and not cand.suffix and not cand.inner and sibling.cue:
        comparator = sibling.cue.comparator
        cue = sibling.cue
    target, topic = _target(text, cand, cue, left_lo, clause_hi, rules, segmenter, words)
    parts, index = None, 0
    if sibling and sibling.topic and (target is None or topic) and (sibling.kind == "people") == (cand.kind == "people"):
        # 老旧小区137个、2.9万户: households are not the thing the first figure counts
        target, topic = sibling.commitment.target, True
        if sibling.parts and sibling.index + 1 < len(sibling.parts):
            parts, index = sibling.parts, sibling.index + 1
            target = parts[index]
    elif topic and target is not None:
        parts = _respectively(text, target, cand.num_start, words)
        if parts:
            target = parts[0]
    value = parse_number(cand.number)
    c = Commitment(
        text=text[cand.start : cand.end], start=cand.start, end=cand.end, value=value, unit=cand.unit,
        comparator=comparator, target=target, rule=_rule_id(text, cand, clause_lo, rules),
    )
    return _Resolved(c, cue if cue and cue.end <= cand.num_start else None, topic, parts, index, cand.kind)


def _target(text: str, cand: Candidate, cue: Cue | None, left_lo: int, right_hi: int, rules: CommitmentRules,
            segmenter: Segmenter, words: _Words) -> tuple[Span | None, bool]:
    right_lo = cand.end
    skip = LEADING_SKIP.match(text, right_lo, right_hi)
    if skip:
        right_lo = skip.end()
    if cand.kind == "percent" and cue is None and text.startswith("的", right_lo) and (
        compact(text[left_lo : cand.num_start]) in ("", *words.scope)
    ):
        # 80%以上的村卫生室能够…: a share opening its clause is a share of what follows 的
        shares = _tokens(text, right_lo + 1, min(right_hi, right_lo + 31), segmenter)
        found = _after(text, shares, "thing", words)
        if found is not None:
            return found, False
    right_toks = _tokens(text, right_lo, min(right_hi, right_lo + 30), segmenter)
    after = _after(text, right_toks, cand.kind, words, cand.unit)
    if after is not None and not _stray_letter(after.text):
        return after, False
    anchor = cand.num_start
    if cue is not None and cue.end <= cand.num_start:
        gap = cue.gap
        per = rules.per_pattern.match(gap) if gap else None
        named_before = cand.kind == "event" and gap in words.event_verbs
        if gap and not named_before and not per:
            inside = _tokens(text, cue.end, cand.num_start, segmenter)
            opener = inside[0].text if inside else ""
            verb = opener in words.stop or opener in words.event_verbs or (
                cand.kind != "event" and (opener in words.soft or opener in words.people_verbs)
            )
            if len(inside) > 1 and verb:
                found = _topic(text, inside[1:], cand.kind, words)
                return found, found is not None  # 每季度至少举办专场招聘会1场, 每处至少安排值守人员2名
        if (cand.kind == "percent" or cand.unit in rules.change.units) and gap.endswith("的"):
            pass  # 覆盖率不低于全区适龄妇女的30%, 标准不低于当地低保标准的1.3倍: what follows the cue is the base
        elif gap and not per and not named_before and not gap.endswith(("到", "至", "为", "在")):
            return None, False  # 每季度至少走访一次: only a verb names the activity
        anchor = cue.start
    anchor = _strip_left(text, left_lo, anchor, rules)
    left_toks = _tokens(text, max(left_lo, anchor - 30), anchor, segmenter)
    topic = _topic(text, left_toks, cand.kind, words)
    if topic is None and cand.kind == "money":
        topic = _amount_before_group(text, left_toks, words)
    households = cand.kind == "people" and cand.unit in ("户", "套")
    if topic is None and cand.kind == "people" and left_toks and (
        (len(left_toks[-1].text) > len(cand.unit) and left_toks[-1].text.startswith(cand.unit))
        or (households and left_toks[-1].text.endswith(words.dwellings))
    ):
        topic = _topic(text, left_toks, "thing", words)  # 改造农村户厕800户, 改造农村危房2100户: the unit counts what the word names
    if topic is None and households and left_toks:
        topic = _dwelling_work(text, left_toks, words)
    if topic is None:
        topic = _topic_before_verb(text, left_toks, cand.kind, words)
    if topic is not None and (
        topic.text in words.bare_places or _place_names(left_toks, topic, words) or _breakdown_place(text, topic, cand, words)
    ):
        return None, True  # 其中城区3所, 其中桃城区3所: the place the count falls in
    return topic, True


def _strip_left(text: str, lo: int, anchor: int, rules: CommitmentRules) -> int:
    """Where a topic ends before ``anchor``: past the per-phrases and cue words that belong to neither.
    A printed page breaks lines anywhere (补贴标准为每⏎人每月600元), so line breaks are read through."""
    left = text[lo:anchor]
    m = rules.left_strip.search(left)
    at = lo + m.start() if m else anchor
    if "\n" in left:
        keep = [lo + i for i, ch in enumerate(left) if not ch.isspace()]
        m = rules.left_strip.search("".join(text[i] for i in keep))
        if m and m.start() < len(keep):
            at = min(at, keep[m.start()])
    return at


def _amount_before_group(text: str, toks: list[Token], w: _Words, reach: int = 5) -> Span | None:
    """孤儿基本生活费标准为集中供养每人每月1000元, 资助标准为高中（中职）每人每年2000元: the amount's name
    stands before 为 (within ``reach`` words of the number), and what follows it says whom (or how)
    the amount is for."""
    for j in range(len(toks) - 1, max(0, len(toks) - 1 - reach), -1):
        if toks[j].text in ("为", "是") and j > 0 and toks[j - 1].text.endswith(w.amounts):
            if any(t.text in CLAUSE_STOPS for t in toks[j + 1 :]):
                return None
            return _topic(text, toks[:j], "money", w)
    return None


def _stray_letter(name: str) -> bool:
    """One Latin letter alone names nothing: in text read by OCR it is a misread stop (``90%以上o(``)."""
    return len(name) == 1 and name.isascii() and name.isalpha()


def _dwelling_work(text: str, toks: list[Token], w: _Words) -> Span | None:
    """完成农村危房改造4500户, 农村改厕5000户: the work on the dwellings the households live in names them."""
    last = toks[-1].text
    if not (last in w.work or last.endswith(w.dwelling_work)):
        return None
    found = _topic(text, toks, "thing", w)
    if found is None and last in w.work and len(toks) > 1:
        dwelling = _topic(text, toks[:-1], "thing", w)  # 农村户厕 | 改造
        if dwelling is not None and dwelling.end == toks[-2].end:
            found = _span(text, dwelling.start, toks[-1].end)
    return found if found is not None and any(d in found.text for d in w.dwellings) else None


def _breakdown_place(text: str, topic: Span, cand: Candidate, w: _Words) -> bool:
    """其中：洮阳镇180个、八里铺镇100个: after 其中, a list of places each with its share names where
    the counts fall, whether or not the dictionary knows the places (two shares at least)."""
    if not topic.text.endswith(w.place_suffixes) or len(topic.text) > 10:
        return False
    k = text.rfind("其中", max(0, topic.start - 80), topic.start)
    listed = w.breakdown.match(text, k, topic.start) if k != -1 else None
    # a share before this one, or one after it
    return listed is not None and (bool(listed["shares"]) or bool(w.place_share.match(text, cand.end)))


def _place_names(toks: list[Token], topic: Span, w: _Words) -> bool:
    """桃城区3所, 都匀市、福泉市各300个: a topic of nothing but place names is where a count falls."""
    inside = [t for t in toks if topic.start <= t.start and t.end <= topic.end]
    places = 0
    for k, t in enumerate(inside):
        if t.text in ("、", "和", "及"):
            continue
        after = inside[k + 1].text if k + 1 < len(inside) else ""
        if t.pos == "ns" and (t.text.endswith(w.place_suffixes) or after in w.place_suffixes):
            places += 1  # 桃城区, 冀州|区 (but the dictionary tags 满意度 a place too)
        elif not (t.text in w.place_suffixes and k and inside[k - 1].pos == "ns"):
            return False
    return places > 0


def _how_work_is_done(tok: Token, w: _Words) -> bool:
    """提升(改造), 综合(整治), 标准化(改造), 硬化(改造): a word before a work verb that says how the work is done."""
    word = tok.text
    return word in w.work or word in w.work_manner or (word.endswith("化") and (len(word) > 2 or tok.pos.startswith("v")))


def _topic_before_verb(text: str, toks: list[Token], kind: Kind, w: _Words) -> Span | None:
    """老旧院落改造42个, 主题活动全年开展不少于12次: the topic stands before the clause's verb."""
    j = len(toks)
    if j and toks[-1].text in ("到", "至"):
        j -= 1  # 病种扩大到不少于40种
    verb = toks[j - 1] if j else None
    if verb is None or not (
        (kind != "people" and verb.text in w.change_verbs)
        or (kind == "thing" and verb.text in w.work)  # 城市易涝点整治12处: the thing the work is done on
        or (kind == "event" and verb.text in w.event_verbs)
        or (kind == "people" and verb.text in w.people_topic_verbs)
    ):
        return None  # 城区建成3个: a verb after a place or an office has it as subject
    j -= 1
    if kind == "thing" and verb.text in w.work:
        while j > 1 and _how_work_is_done(toks[j - 1], w):
            j -= 1  # 老旧小区提升改造12个, 农贸市场标准化改造8家, 中小河道综合整治15条
    while j > 0 and (w.per(toks[j - 1]) or toks[j - 1].text in w.scope or toks[j - 1].pos == "t"):
        if toks[j - 1].text == "各":
            return None  # 交通场站、商业综合体各建设10个: the places each gets some, not the thing counted
        j -= 1  # 视力筛查每学期开展1次
    found = _topic(text, toks[:j], kind, w)
    if found is None:
        return None
    k = next((k for k, t in enumerate(toks) if t.start == found.start), 0)
    if k > 0 and toks[k - 1].pos == "p":
        return None  # 在农村地区新建8所: a place, not the thing counted
    return found


class _NoWords:
    """A segmenter that finds no words: a quantity read with it gets no target."""

    def tag(self, text: str, offset: int = 0) -> list[Token]:
        return []


_NO_WORDS: Segmenter = _NoWords()  # type: ignore[assignment]


def _crowded(cands: list[Candidate]) -> list[bool]:
    """Whether each quantity stands among more than CROWD others within CROWD_REACH characters.

    No notice comes near (its densest items hold ten quantities in 200 characters); a text that
    does is a soup of numbers, whose quantities are kept without targets rather than having
    words segmented around each of them, which would cost a notice's time per few characters.
    """
    out = []
    lo = hi = 0
    for cand in cands:
        while cands[lo].start < cand.start - CROWD_REACH:
            lo += 1
        while hi < len(cands) and cands[hi].start <= cand.start + CROWD_REACH:
            hi += 1
        out.append(hi - lo > CROWD)
    return out


def find_commitments(text: str, start: int, end: int, rules: CommitmentRules,
                     segmenter: Segmenter) -> list[Commitment]:
    """The commitments in ``text[start:end]``, offsets absolute into ``text``, sorted by start."""
    start, end = max(0, start), min(len(text), end)
    cands = find_candidates(text, start, end, rules)
    if not cands:
        return []
    w = rules.words
    out: list[Commitment] = []
    prev: _Resolved | None = None
    crowded = _crowded(cands)
    for cand, busy in zip(cands, crowded, strict=True):
        resolved = _resolve(text, start, end, cand, prev, rules, _NO_WORDS if busy else segmenter, w)
        out.append(resolved.commitment)
        prev = resolved
    return sorted(out, key=lambda c: c.start)
