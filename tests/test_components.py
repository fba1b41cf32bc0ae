"""The spaCy components: span groups with values on extensions, and the same records as the lean path."""

from __future__ import annotations

import json

import pytest
from conftest import CORPUS, GOLD

spacy = pytest.importorskip("spacy")


@pytest.fixture(scope="module")
def nlp():
    from pipeline.components import make_nlp

    return make_nlp()


def test_span_groups_and_extensions(nlp):
    text = "关于2024年实事的通知\n一、实施健康行动。为35—64岁妇女检查3.3万人以上。（责任单位：区卫健局、区妇联）\n"
    doc = nlp(text)
    assert [s._.item_id for s in doc.spans["items"]] == ["1"]
    (c,) = doc.spans["commitments"]
    assert (c._.value, c._.unit, c._.comparator) == (33000, "人", "ge")
    assert text[c._.char_start : c._.char_end] == "3.3万人以上"
    assert c.start_char <= c._.char_start and c.end_char >= c._.char_end  # token-aligned, expanded
    (a,) = doc.spans["age_ranges"]
    assert (a._.min, a._.max, a._.unit) == (35, 64, "year")
    assert [(u._.name, u._.role) for u in doc.spans["responsible_units"]] == [("区卫健局", "responsible"), ("区妇联", "responsible")]
    assert [u._.canonical for u in doc.spans["responsible_units"]] == ["区卫生健康局", "区妇女联合会"]


def test_components_can_be_added_by_name_to_a_users_pipeline():
    import pipeline.components  # noqa: F401  (registers the factories)

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("policy_items")
    nlp.add_pipe("policy_commitments")
    doc = nlp("关于实事的通知\n一、新建幼儿园2所。\n二、培训妇女100人次。\n")
    assert [s._.value for s in doc.spans["commitments"]] == [2, 100]


def test_a_component_without_items_says_what_is_missing():
    import pipeline.components  # noqa: F401

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("policy_commitments")
    with pytest.raises(ValueError, match="policy_items"):
        nlp("新建幼儿园2所")


@pytest.mark.parametrize("gold", sorted(GOLD.glob("*.json")), ids=lambda p: p.stem)
def test_spacy_path_gives_identical_records(gold, extractor):
    from pipeline.extract import Extractor

    source = CORPUS.parent / json.loads(gold.read_text(encoding="utf-8"))["source"]["path"]
    lean = extractor.extract_path(source).to_json_dict()
    via_spacy = _spacy_extractor(Extractor).extract_path(source).to_json_dict()
    assert json.dumps(via_spacy, ensure_ascii=False) == json.dumps(lean, ensure_ascii=False)


_CACHE: dict = {}


def _spacy_extractor(cls):
    if "x" not in _CACHE:
        _CACHE["x"] = cls(use_spacy=True)
    return _CACHE["x"]
