"""Canonical department names: the full official name behind a unit's short form.

Researchers group items by the department that leads them; notices write the same body as
区卫健局, 区卫生健康局 and 区卫健委. The alias table (``rules/names.toml``) maps short forms to
full names, some of them only for notices of certain years (the 2018 restructuring), and
keeps whatever stands before the short form (the level: 区, 博山区, 街道).
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from pydantic import Field, model_validator

from .errors import RuleFileError
from .rules import Rule, RuleFile, default_rules_dir, load_rule_file


class AliasRule(Rule):
    full: str = Field(min_length=2)
    short: list[str] = Field(min_length=1)
    since: int | None = Field(default=None, ge=1949, le=2100)
    until: int | None = Field(default=None, ge=1949, le=2100)

    @model_validator(mode="after")
    def _sane(self) -> AliasRule:
        if self.since is not None and self.until is not None and self.since > self.until:
            raise ValueError(f"since {self.since} is after until {self.until}")
        same = [s for s in self.short if s == self.full]
        if same:
            raise ValueError(f"short form {same[0]!r} is the full name itself")
        if any(not s for s in self.short):
            raise ValueError("empty short form")
        return self

    @property
    def dated(self) -> bool:
        return self.since is not None or self.until is not None

    def applies(self, year: int | None) -> bool:
        """Undated aliases apply to every notice; dated ones only to notices of a known year in range."""
        if not self.dated:
            return True
        if year is None:
            return False
        return (self.since is None or year >= self.since) and (self.until is None or year <= self.until)


class NameRules(RuleFile):
    levels: list[str] = Field(min_length=1)
    alias: list[AliasRule]

    @cached_property
    def _by_last_char(self) -> dict[str, list[tuple[str, AliasRule]]]:
        """Short forms by their last character, longest first: a name is compared with the few that can end it."""
        pairs = sorted(((s, r) for r in self.alias for s in r.short), key=lambda p: len(p[0]), reverse=True)
        table: dict[str, list[tuple[str, AliasRule]]] = {}
        for short, rule in pairs:
            table.setdefault(short[-1], []).append((short, rule))
        return table

    @cached_property
    def _canonical_memo(self) -> dict[tuple[str, int | None], str]:
        return {}

    def match(self, name: str, year: int | None) -> tuple[str, AliasRule] | None:
        """The longest short form that ends ``name`` after nothing or a level word, with its alias."""
        if not name:
            return None
        levels = tuple(self.levels)
        for short, rule in self._by_last_char.get(name[-1], ()):
            if not name.endswith(short) or not rule.applies(year):
                continue
            before = name[: len(name) - len(short)]
            if not before or before.endswith(levels):
                return before, rule
        return None

    def canonical(self, name: str, year: int | None) -> str:
        """The full official name of ``name`` for a notice of ``year``; ``name`` itself when no alias applies."""
        key = (name, year)
        memo = self._canonical_memo
        if key not in memo:
            if len(memo) >= 4096:  # names repeat across notices; the bound keeps odd input from growing it
                memo.clear()
            found = self.match(name, year)
            memo[key] = name if found is None else found[0] + found[1].full
        return memo[key]


def _overlap(a: AliasRule, b: AliasRule) -> bool:
    lo = max(a.since or -1, b.since or -1)
    hi = min(a.until or 10**4, b.until or 10**4)
    return lo <= hi


def _conflicts(rules: NameRules) -> list[str]:
    """Every short form that two aliases claim for the same years (each pair once)."""
    problems = []
    for i, a in enumerate(rules.alias):
        for b in rules.alias[i + 1 :]:
            for s in sorted(set(a.short) & set(b.short)):
                if _overlap(a, b):
                    problems.append(f"rule {b.id!r}, field 'short': {s!r} is already an alias in {a.id!r} for the same years")
    return problems


def load_name_rules(rules_dir: Path | None = None) -> NameRules:
    loaded = load_rule_file("names.toml", NameRules, rules_dir)
    problems = _conflicts(loaded)
    if problems:
        path = (rules_dir or default_rules_dir()) / "names.toml"
        raise RuleFileError("\n".join(f"{path}: {p}" for p in problems))
    return loaded
