"""Canonical department names: (name, notice year, canonical) per case, and a must-not-change list."""

from __future__ import annotations

import pytest
from conftest import CORPUS

from pipeline.errors import RuleFileError
from pipeline.names import load_name_rules

RULES = load_name_rules()

CASES = [
    ("区卫健局", 2024, "区卫生健康局"),
    ("县人社局", 2024, "县人力资源和社会保障局"),
    ("县人力社保局", 2022, "县人力资源和社会保障局"),
    ("市人力资源社会保障局", 2021, "市人力资源和社会保障局"),
    ("省人社厅", 2023, "省人力资源和社会保障厅"),
    ("市卫健委", 2025, "市卫生健康委员会"),
    ("省卫生健康委", 2021, "省卫生健康委员会"),
    ("州住房城乡建设局", 2024, "州住房和城乡建设局"),
    ("旗医保局", 2023, "旗医疗保障局"),
    ("镇市场监管所", 2024, "镇市场监督管理所"),
    ("街道妇联", 2022, "街道妇女联合会"),
    ("乡妇联", 2022, "乡妇女联合会"),
    ("妇联", 2022, "妇女联合会"),
    ("县法院", 2020, "县人民法院"),
    ("区教体局", 2023, "区教育和体育局"),
    ("市发改委", 2021, "市发展和改革委员会"),
    ("博山区卫健局", 2024, "博山区卫生健康局"),  # a place and its level stay before the full name
    ("盟残联", 2024, "盟残疾人联合会"),
    # the 2018 restructuring: the same short form, by the notice's year
    ("区卫计委", 2017, "区卫生和计划生育委员会"),
    ("市卫计委", 2018, "市卫生和计划生育委员会"),
    ("市卫生计生委", 2016, "市卫生和计划生育委员会"),
    ("县卫计局", 2016, "县卫生和计划生育局"),
    ("区卫计委", 2019, "区卫生健康委员会"),
    ("县卫计局", 2021, "县卫生健康局"),
    ("县卫健局", 2016, "县卫生健康局"),  # an undated alias holds whatever the year
    ("县卫健局", None, "县卫生健康局"),
]

MUST_NOT_CHANGE = [
    ("团县委", 2024),  # an official short name
    ("团市委", 2024),
    ("县总工会", 2024),
    ("区卫生健康局", 2024),  # already full
    ("县人力资源和社会保障局", 2024),
    ("县人民法院", 2024),  # 法院 ends it, but 人民 is not a level
    ("州中级人民法院", 2024),
    ("区文旅局", 2024),  # full name differs from place to place
    ("市城管局", 2024),
    ("市卫生健康委妇幼健康科", 2024),  # a sub-unit: the short form does not end the name
    ("县妇幼保健计划生育服务中心", 2016),
    ("各县（区）卫生健康局", 2024),
    ("各县（区）卫健局", 2024),  # a bracket, not a level, before the short form
    ("区卫计委", None),  # a dated alias needs the notice's year
    ("新市水务有限公司", 2024),
    ("市场监管局的", 2024),
]


@pytest.mark.parametrize(("name", "year", "expected"), CASES)
def test_canonical_name(name, year, expected):
    assert RULES.canonical(name, year) == expected


@pytest.mark.parametrize(("name", "year"), MUST_NOT_CHANGE)
def test_must_not_change(name, year):
    assert RULES.canonical(name, year) == name


def test_every_alias_is_reachable():
    """Each short form of each alias gives that alias's full name for some year (no shadowed rule)."""
    for rule in RULES.alias:
        year = rule.since or rule.until or 2024
        for short in rule.short:
            assert RULES.canonical("县" + short, year) == "县" + rule.full, (rule.id, short)


def test_extracted_units_carry_the_canonical_name_by_the_notices_year(extractor):
    old = extractor.extract_path(CORPUS / "hj3_zhuzhou_2018.txt")
    units = {u.name: u.canonical for item in old.items for u in item.responsible_units}
    assert units["市卫计委"] == "市卫生和计划生育委员会"
    new = extractor.extract_path(CORPUS / "hf1_longhui_2025.txt")
    units = {u.name: u.canonical for item in new.items for u in item.responsible_units}
    assert units["县卫健局"] == "县卫生健康局"
    assert units["县卫健局妇幼健康股"] == "县卫健局妇幼健康股"
    assert all(u.canonical for item in new.items for u in item.responsible_units)


def _edit(rules_copy, old: str, new: str) -> None:
    path = rules_copy / "names.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


BAD_FILES = [
    ('until = 2018\n', 'until = 2018\nsince = 2020\n', r"name\.health\.family_planning_commission'.*since 2020 is after until 2018"),
    ('short = ["卫健局"]', 'short = ["卫生健康局"]', r"name\.health\.bureau'.*full name itself"),
    ('short = ["医保局"]', 'short = ["医保局", "卫健局"]', r"name\.medical_security\.bureau'.*'卫健局' is already an alias in 'name\.health\.bureau'"),
    ('full = "教育委员会"', 'fulll = "教育委员会"', r"name\.education\.commission'.*fulll"),
    ("since = 2019\n", "", r"卫计委.*already an alias"),  # an undated twin overlaps the dated one
]


@pytest.mark.parametrize(("old", "new", "message"), BAD_FILES)
def test_a_bad_alias_table_is_refused_at_load(rules_copy, old, new, message):
    _edit(rules_copy, old, new)
    with pytest.raises(RuleFileError, match=message) as err:
        load_name_rules(rules_copy)
    assert "names.toml" in str(err.value)


def test_every_conflict_is_one_line(rules_copy):
    _edit(rules_copy, 'short = ["医保局"]', 'short = ["医保局", "卫健局", "人社局"]')
    with pytest.raises(RuleFileError) as err:
        load_name_rules(rules_copy)
    lines = str(err.value).splitlines()
    assert len(lines) == 2 and all("names.toml" in line for line in lines)


@pytest.mark.parametrize(
    ("meta", "year"),
    [({"year": 2017, "date": "2019-01-05"}, 2017), ({"date": "2017-03-01"}, 2017), ({}, None)],
)
def test_the_notice_year_is_the_programmes_else_the_signatures(meta, year):
    from pipeline.assemble import notice_year
    from pipeline.record import Meta

    assert notice_year(Meta(**meta)) == year


def test_the_view_shows_a_canonical_name_that_differs():
    from pipeline.view_marks import _describe

    unit = {"text": "区卫健局", "name": "区卫健局", "canonical": "区卫生健康局", "role": "lead"}
    assert "canonical 区卫生健康局" in _describe("unit", unit)
    assert not any(line.startswith("canonical") for line in _describe("unit", {**unit, "canonical": "区卫健局"}))
