"""Rule files are validated at load: a bad file names the file, the rule id and the field."""

from __future__ import annotations

import pytest

from pipeline.errors import RuleFileError
from pipeline.ruleset import RuleSet
from pipeline.structure import load_item_rules
from pipeline.units import load_unit_rules


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


def _replace_value(path, key, value):
    text = path.read_text(encoding="utf-8")
    start = text.index(f"{key} = ")
    end = text.index("\n", start)
    path.write_text(text[:start] + f"{key} = {value}" + text[end:], encoding="utf-8")


def test_every_problem_of_a_file_is_one_line(rules_copy):
    path = rules_copy / "items.toml"
    _replace_value(path, "list_title", "'(实事'")
    _replace_value(path, "general_heading", "'[完成'")
    path.write_text(path.read_text(encoding="utf-8").replace('id = "item.cn_paren"', 'id = "item.cn_dun"'), encoding="utf-8")
    with pytest.raises(RuleFileError) as err:
        load_item_rules(rules_copy)
    lines = str(err.value).splitlines()
    assert len(lines) == 3, lines
    assert all(line.startswith(str(path)) for line in lines)
    assert sum("not a valid pattern" in line for line in lines) == 2
    assert sum("defined twice" in line for line in lines) == 1


def test_problems_in_several_files_are_all_reported(rules_copy, capsys):
    from pipeline.cli import main

    units = rules_copy / "units.toml"
    units.write_text(units.read_text(encoding="utf-8").replace('role = "lead"', 'role = "boss"', 1), encoding="utf-8")
    (rules_copy / "items.toml").write_text("[[heading]\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as err:
        RuleSet.load(rules_copy)
    lines = str(err.value).splitlines()
    assert len(lines) == 2
    assert "units.toml: rule 'unit.label.lead', field 'role'" in lines[0]
    assert "items.toml: not valid TOML" in lines[1]
    notice = rules_copy.parent / "n.txt"
    notice.write_text("关于2024年为全区妇女儿童办实事的通知\n一、新建幼儿园2所。\n", encoding="utf-8")
    assert main(["extract", str(notice), "-o", str(rules_copy.parent / "o.jsonl"), "--rules", str(rules_copy)]) == 2
    err_lines = capsys.readouterr().err.splitlines()
    assert any(line.endswith("one line per problem:") for line in err_lines)
    assert sum(str(rules_copy) in line for line in err_lines) == 2
