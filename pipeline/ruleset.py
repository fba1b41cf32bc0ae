"""All rule files of one rules folder, loaded and validated once, plus the segmenter built from them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .ages import AgeRules, load_age_rules
from .attachments import TableRules, load_table_rules
from .errors import RuleFileError
from .meta import MetaRules, load_meta_rules
from .names import NameRules, load_name_rules
from .numbers import CommitmentRules, load_commitment_rules, user_words
from .segment import Segmenter
from .structure import ItemRules, load_item_rules
from .units import UnitRules, load_unit_rules


@dataclass(frozen=True)
class RuleSet:
    items: ItemRules
    units: UnitRules
    ages: AgeRules
    commitments: CommitmentRules
    meta: MetaRules
    tables: TableRules
    names: NameRules
    segmenter: Segmenter

    @classmethod
    def load(cls, rules_dir: Path | None = None) -> RuleSet:
        """The rules of ``rules_dir`` (the shipped ones by default), kept between runs by :mod:`.rulecache`."""
        from . import rulecache
        from .rules import default_rules_dir

        loaded = rulecache.load(rules_dir or default_rules_dir(), lambda: cls._load_files(rules_dir))
        commitments, units = loaded["commitments"], loaded["units"]
        words = list(user_words(commitments))
        # clause labels and verbs stay whole words so that a target never swallows them
        words += [(w, None, "v") for r in units.label + units.verb for w in r.words]
        return cls(**loaded, segmenter=Segmenter(words))

    @staticmethod
    def _load_files(rules_dir: Path | None) -> dict[str, Any]:
        """Every rule file is loaded before any is refused, so one run lists every problem, one line each."""
        loaders = {
            "commitments": load_commitment_rules,
            "units": load_unit_rules,
            "items": load_item_rules,
            "ages": load_age_rules,
            "meta": load_meta_rules,
            "tables": load_table_rules,
            "names": load_name_rules,
        }
        loaded: dict[str, Any] = {}
        problems = []
        for name, load in loaders.items():
            try:
                loaded[name] = load(rules_dir)
            except RuleFileError as exc:
                problems.append(str(exc))
        if problems:
            raise RuleFileError("\n".join(problems))
        return loaded

    def for_notice(self) -> RuleSet:
        """These rules with a segmenter whose memo lives as long as one notice."""
        return replace(self, segmenter=self.segmenter.for_notice())
