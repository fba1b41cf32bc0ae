"""All rule files of one rules folder, loaded and validated once, plus the segmenter built from them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .ages import AgeRules, load_age_rules
from .attachments import TableRules, load_table_rules
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
        commitments = load_commitment_rules(rules_dir)
        units = load_unit_rules(rules_dir)
        words = list(user_words(commitments))
        # clause labels and verbs stay whole words so that a target never swallows them
        words += [(w, None, "v") for r in units.label + units.verb for w in r.words]
        return cls(
            items=load_item_rules(rules_dir),
            units=units,
            ages=load_age_rules(rules_dir),
            commitments=commitments,
            meta=load_meta_rules(rules_dir),
            tables=load_table_rules(rules_dir),
            names=load_name_rules(rules_dir),
            segmenter=Segmenter(words),
        )
