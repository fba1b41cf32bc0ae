"""Rule files are validated at load: a bad file names the file, the rule id and the field."""

from __future__ import annotations

import shutil

import pytest

from pipeline.errors import RuleFileError
from pipeline.rules import default_rules_dir
from pipeline.structure import load_item_rules
from pipeline.units import load_unit_rules


@pytest.fixture
def rules_copy(tmp_path):
    target = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), target)
    return target


def test_shipped_rules_load(ruleset):
    assert ruleset.items.heading and ruleset.units.label and ruleset.ages.unit


def test_unknown_field_names_file_rule_and_field(rules_copy):
    path = rules_copy / "units.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('role = "lead"', 'role = "lead"\ncolour = "red"', 1), encoding="utf-8")
    with pytest.raises(RuleFileError) as err:
        load_unit_rules(rules_copy)
    message = str(err.value)
    assert "units.toml" in message and "unit.label.lead" in message and "colour" in message


def test_bad_value_names_the_rule(rules_copy):
    path = rules_copy / "units.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('role = "lead"', 'role = "boss"', 1), encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"unit\.label\.lead.*role"):
        load_unit_rules(rules_copy)


def test_duplicate_ids_are_refused(rules_copy):
    path = rules_copy / "items.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('id = "item.cn_paren"', 'id = "item.cn_dun"'), encoding="utf-8")
    with pytest.raises(RuleFileError, match="defined twice"):
        load_item_rules(rules_copy)


def test_broken_toml_is_reported_with_the_file(rules_copy):
    (rules_copy / "items.toml").write_text("[[heading]\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"items\.toml.*not valid TOML"):
        load_item_rules(rules_copy)


def test_missing_file(tmp_path):
    with pytest.raises(RuleFileError, match="not found"):
        load_item_rules(tmp_path)


def test_private_jieba_dictionary_leaves_the_global_one_alone(ruleset):
    import jieba

    before = jieba.lcut("区教育和体育局负责")
    ruleset.segmenter.cut("区教育和体育局负责")
    assert jieba.lcut("区教育和体育局负责") == before


def test_a_broken_pattern_fails_at_load_naming_the_field(rules_copy):
    path = rules_copy / "items.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index("list_title = ")
    end = text.index("\n", start)
    path.write_text(text[:start] + "list_title = '(实事'" + text[end:], encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"items\.toml.*structure\.list_title.*not a valid pattern"):
        load_item_rules(rules_copy)
