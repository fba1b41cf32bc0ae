"""The extractors as spaCy components.

Add them to a Chinese pipeline with the jieba segmenter::

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    for name in ("policy_items", "policy_responsible_units", "policy_age_ranges", "policy_commitments"):
        nlp.add_pipe(name)
    doc = nlp(text)
    doc.spans["commitments"][0]._.value

Each component writes a span group (``items``, ``commitments``, ``age_ranges``,
``responsible_units``). Spans are token-aligned (``alignment_mode="expand"``: jieba cuts
``3.3万人`` as ``3.3|万人``), so the exact character offsets and the values live on extension
attributes: ``_.record`` holds the pydantic object, ``_.item_id`` the entry it belongs to, and
``_.value``, ``_.unit``, ``_.comparator``, ``_.target``, ``_.min``, ``_.max``, ``_.name``,
``_.canonical``, ``_.role``, ``_.rule``, ``_.char_start``, ``_.char_end`` read from it.
:func:`record_from_doc` turns the document back into the same record the lean path writes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from .assemble import (
    EntryParts,
    Structure,
    entry_ages,
    entry_commitments,
    entry_units,
    find_structure,
    make_item,
    make_record,
)
from .record import Record, Source, Warning
from .ruleset import RuleSet

SPAN_KEYS = ("items", "commitments", "age_ranges", "responsible_units")
_FIELDS = ("value", "unit", "comparator", "target", "min", "max", "name", "canonical", "role", "rule")


def _field_getter(name: str):
    def get(span: Span) -> Any:
        record = span._.record
        return getattr(record, name, None) if record is not None else None

    return get


def register_extensions() -> None:
    """Declare the extension attributes once; safe to call again."""
    if not Span.has_extension("record"):
        Span.set_extension("record", default=None)
        Span.set_extension("item_id", default=None)
        Span.set_extension("char_start", getter=lambda s: s._.record.start if s._.record is not None else None)
        Span.set_extension("char_end", getter=lambda s: s._.record.end if s._.record is not None else None)
        for name in _FIELDS:
            Span.set_extension(name, getter=_field_getter(name))
    if not Doc.has_extension("policy_structure"):
        Doc.set_extension("policy_structure", default=None)


def _span(doc: Doc, start: int, end: int, label: str, record: Any, item_id: str) -> Span:
    span = doc.char_span(start, end, label=label, alignment_mode="expand")
    if span is None:  # an empty or whitespace-only region: keep the object on the document anyway
        span = doc[0:0] if len(doc) else Span(doc, 0, 0, label=label)
    span._.record = record
    span._.item_id = item_id
    return span


class _Component:
    def __init__(self, nlp: Language, name: str, rules_dir: str | None) -> None:
        self.name = name
        self.rules = RuleSet.load(Path(rules_dir) if rules_dir else None)
        register_extensions()

    def _structure(self, doc: Doc) -> Structure:
        structure = doc._.policy_structure
        if structure is None:
            raise ValueError(f"'{self.name}' needs the 'policy_items' component earlier in the pipeline")
        return structure


class ItemsComponent(_Component):
    """Finds meta, entries and attachment rows; ``doc.spans["items"]`` holds one span per entry."""

    def __call__(self, doc: Doc) -> Doc:
        structure = find_structure(doc.text, self.rules)
        doc._.policy_structure = structure
        spans = []
        for p in structure.parts:
            item = make_item(doc.text, p.entry, [], [], [])
            spans.append(_span(doc, item.start, item.end, item.kind, item, item.id))
        doc.spans["items"] = spans
        return doc


class _EntryObjectsComponent(_Component):
    """Runs one finder over every entry's regions; the span group is named by ``key``."""

    key: str
    find: Callable[[str, EntryParts, RuleSet], list[Any]]

    def label(self, obj: Any) -> str:
        return self.key.upper()

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        rules = self.rules.for_notice()
        for p in self._structure(doc).parts:
            for obj in type(self).find(doc.text, p, rules):
                spans.append(_span(doc, obj.start, obj.end, self.label(obj), obj, p.entry.id))
        doc.spans[self.key] = spans
        return doc


class CommitmentsComponent(_EntryObjectsComponent):
    key, find = "commitments", entry_commitments


class AgeRangesComponent(_EntryObjectsComponent):
    key, find = "age_ranges", entry_ages


class ResponsibleUnitsComponent(_EntryObjectsComponent):
    key, find = "responsible_units", entry_units

    def label(self, obj: Any) -> str:
        return obj.role.upper()


_CONFIG = {"rules_dir": None}


@Language.factory("policy_items", default_config=_CONFIG)
def make_items(nlp: Language, name: str, rules_dir: str | None) -> ItemsComponent:
    return ItemsComponent(nlp, name, rules_dir)


@Language.factory("policy_commitments", default_config=_CONFIG, requires=["doc._.policy_structure"])
def make_commitments(nlp: Language, name: str, rules_dir: str | None) -> CommitmentsComponent:
    return CommitmentsComponent(nlp, name, rules_dir)


@Language.factory("policy_age_ranges", default_config=_CONFIG, requires=["doc._.policy_structure"])
def make_age_ranges(nlp: Language, name: str, rules_dir: str | None) -> AgeRangesComponent:
    return AgeRangesComponent(nlp, name, rules_dir)


@Language.factory("policy_responsible_units", default_config=_CONFIG, requires=["doc._.policy_structure"])
def make_responsible_units(nlp: Language, name: str, rules_dir: str | None) -> ResponsibleUnitsComponent:
    return ResponsibleUnitsComponent(nlp, name, rules_dir)


COMPONENTS = ("policy_items", "policy_responsible_units", "policy_age_ranges", "policy_commitments")


def make_nlp(rules_dir: str | None = None) -> Language:
    """A Chinese pipeline with the jieba segmenter and the four extractors."""
    import spacy

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    for name in COMPONENTS:
        nlp.add_pipe(name, config={"rules_dir": rules_dir})
    return nlp


def record_from_doc(doc: Doc, *, doc_id: str, source: Source, warnings: list[Warning]) -> Record:
    """The record of a processed document, built from its span groups alone."""
    structure = doc._.policy_structure
    if structure is None:
        raise ValueError("the document was not processed by 'policy_items'")
    by_item: dict[str, dict[str, list[Any]]] = {}
    for key in SPAN_KEYS[1:]:
        for span in doc.spans.get(key, []):
            by_item.setdefault(span._.item_id, {}).setdefault(key, []).append(span._.record)
    entries = {p.entry.id: p.entry for p in structure.parts}
    items = []
    for span in doc.spans["items"]:
        found = by_item.get(span._.item_id, {})
        items.append(
            make_item(
                doc.text,
                entries[span._.item_id],
                sorted(found.get("commitments", []), key=lambda c: c.start),
                found.get("age_ranges", []),
                found.get("responsible_units", []),
            )
        )
    return make_record(doc.text, structure, items, doc_id=doc_id, source=source, warnings=warnings)
