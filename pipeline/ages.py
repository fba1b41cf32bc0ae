"""Age ranges: find ``35—64岁``, ``0～6岁``, ``3岁以下``, ``6-36月龄``; resolve bounds and unit."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Literal, NamedTuple

import regex

from .normalise import compact, halfwidth_digits, numeral_value
from .record import AgeRange
from .rules import Rule, RuleFile, load_rule_file


class AgeUnitRule(Rule):
    words: list[str]
    unit: Literal["year", "month"]
    needs_range_or_open_end: bool = False
    # words after which the number is how long something lasts, not an age (经营6个月以上)
    not_after: tuple[str, ...] = ()
    # when set, an age only where one of these words follows, 的 maybe between (6—24月婴幼儿)
    followed_by: tuple[str, ...] = ()


class OpenEnd(RuleFile):
    word: str
    side: Literal["min", "max"]
    note: str = ""
    after_units: tuple[str, ...] = ()  # when set, only after these unit words


class AgeRules(RuleFile):
    number: str
    range_separators: list[str]
    unit: list[AgeUnitRule]
    open_end: list[OpenEnd]

    @cached_property
    def pattern(self) -> regex.Pattern[str]:
        # PDF text may break a line anywhere inside an age (35—64\n岁, 3岁以\n下).
        ws = r"[ \u3000\u00a0]*(?:\n[ \u3000\u00a0]*)?"

        def spelled(words: list[str]) -> str:
            return "|".join(ws.join(map(regex.escape, w)) for w in sorted(words, key=len, reverse=True))

        units = spelled([w for u in self.unit for w in u.words])
        seps = spelled(self.range_separators)
        opens = spelled([o.word for o in self.open_end])
        num = self.number
        # A bound is not part of a longer number, a decimal, a date or an item number (but it may follow
        # the number of a heading: 1．7岁以下…).
        return regex.compile(
            rf"(?<![0-9０-９年月第])(?<![.．](?<!(?:^|\n)[ \t\u3000]*[0-9０-９]{{1,2}}[.．]))(?P<lo>{num}){ws}(?:(?P<lo_unit>{units}){ws})?"
            rf"(?:(?P<sep>{seps}){ws}(?P<hi>{num}){ws})?"
            rf"(?P<unit>{units})(?:{ws}(?P<open>{opens}))?"
        )

    @cached_property
    def unit_marks(self) -> tuple[str, ...]:
        """The last character of every unit word: a text holding none of them holds no age."""
        return tuple({w[-1] for u in self.unit for w in u.words})

    def unit_rule(self, word: str) -> AgeUnitRule:
        word = compact(word)
        return next(u for u in self.unit if word in u.words)


def load_age_rules(rules_dir: Path | None = None) -> AgeRules:
    return load_rule_file("ages.toml", AgeRules, rules_dir)


class AgeMatch(NamedTuple):
    """A found age span, before its bounds are read."""

    start: int
    end: int
    lo: str
    hi: str | None
    open_end: str | None
    rule: AgeUnitRule


def find_age_spans(text: str, start: int, end: int, rules: AgeRules) -> list[AgeMatch]:
    found: list[AgeMatch] = []
    if not any(text.find(c, start, end) != -1 for c in rules.unit_marks):
        return found
    for m in rules.pattern.finditer(text, start, end, overlapped=False):
        rule = rules.unit_rule(m["unit"])
        if m["lo_unit"] and not m["hi"]:
            continue  # "6岁岁" cannot happen; a lone first unit means the match is malformed
        opener = next((o for o in rules.open_end if m["open"] and o.word == compact(m["open"])), None)
        if opener and opener.after_units and compact(m["unit"]) not in opener.after_units:
            continue  # 三个月内 is a period of time, 6月龄内 an age
        if rule.needs_range_or_open_end and not (m["hi"] or m["open"]):
            continue
        if rule.not_after and compact(text[max(start, m.start() - 6) : m.start()]).endswith(rule.not_after):
            continue  # 正常经营6个月以上, 连续居住6个月以上: a duration
        if rule.followed_by and not compact(text[m.end() : m.end() + 8]).removeprefix("的").startswith(rule.followed_by):
            continue  # 4月至10月: months of the calendar
        found.append(AgeMatch(m.start(), m.end(), m["lo"], m["hi"], m["open"], rule))
    return found


def age_number(s: str) -> int | float | None:
    """Ages are small: digits (half or full width, maybe one decimal) or 一…九十九."""
    s = halfwidth_digits(compact(s)).replace("．", ".")
    try:
        v = float(s)
    except ValueError:
        return numeral_value(s)
    return int(v) if v.is_integer() else v


def resolve_age(match: AgeMatch, text: str, rules: AgeRules) -> AgeRange | None:
    lo = age_number(match.lo)
    hi = age_number(match.hi) if match.hi else None
    if lo is None or (match.hi and hi is None):
        return None
    if hi is not None:
        lo_v, hi_v = lo, hi
        if hi_v < lo_v:
            return None
    else:
        lo_v = hi_v = lo
    if match.open_end:
        side = next(o.side for o in rules.open_end if o.word == compact(match.open_end))
        if side == "min":
            hi_v = None
        else:
            lo_v = None if match.hi is None else lo_v
    return AgeRange(
        text=text[match.start : match.end],
        start=match.start,
        end=match.end,
        min=lo_v,
        max=hi_v,
        unit=match.rule.unit,
        rule=match.rule.id,
    )


def find_age_ranges(text: str, start: int, end: int, rules: AgeRules) -> list[AgeRange]:
    """Age ranges in ``text[start:end]``, offsets into ``text``."""
    out = []
    for m in find_age_spans(text, start, end, rules):
        age = resolve_age(m, text, rules)
        if age is not None:
            out.append(age)
    return out
