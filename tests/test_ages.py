"""Age ranges: each case is one line, (text, [(span, min, max, unit), ...])."""

from __future__ import annotations

import pytest

from pipeline.ages import find_age_ranges, load_age_rules

RULES = load_age_rules()

CASES = [
    ("三、提升儿童健康水平\n1．7岁以下儿童健康管理率达到90%以上。", [("7岁以下", None, 7, "year")]),  # 1． is the point's number
    ("为全区35—64岁适龄妇女进行免费检查", [("35—64岁", 35, 64, "year")]),
    ("为35-64岁农村妇女", [("35-64岁", 35, 64, "year")]),
    ("0～6岁儿童眼保健覆盖率", [("0～6岁", 0, 6, "year")]),
    ("0~6岁儿童", [("0~6岁", 0, 6, "year")]),
    ("6至12岁儿童", [("6至12岁", 6, 12, "year")]),
    ("3到6岁幼儿", [("3到6岁", 3, 6, "year")]),
    ("为0—17周岁残疾儿童", [("0—17周岁", 0, 17, "year")]),
    ("6-36月龄婴幼儿营养包", [("6-36月龄", 6, 36, "month")]),
    ("3岁以下婴幼儿托位", [("3岁以下", None, 3, "year")]),
    ("60岁及以上老年妇女", [("60岁及以上", 60, None, "year")]),
    ("16岁以上妇女", [("16岁以上", 16, None, "year")]),
    ("1岁以内婴儿", [("1岁以内", None, 1, "year")]),
    ("6月龄内婴儿纯母乳喂养率", [("6月龄内", None, 6, "month")]),
    ("为全市35—64\n岁农村妇女", [("35—64\n岁", 35, 64, "year")]),
    ("孕产妇和3岁以\n下儿童系统管理率", [("3岁以\n下", None, 3, "year")]),
    ("每千人口拥有3岁\n以下婴幼儿托位数", [("3岁\n以下", None, 3, "year")]),  # a break before the open end
    ("12周岁以下儿童", [("12周岁以下", None, 12, "year")]),
    ("十八周岁以下未成年人", [("十八周岁以下", None, 18, "year")]),
    ("年满14岁的学生", [("14岁", 14, 14, "year")]),
    ("35——64岁妇女", [("35——64岁", 35, 64, "year")]),
    ("35 — 64 岁妇女", [("35 — 64 岁", 35, 64, "year")]),
    ("6岁至12岁儿童", [("6岁至12岁", 6, 12, "year")]),
    ("０—６岁儿童", [("０—６岁", 0, 6, "year")]),
    ("0-6个月婴儿", [("0-6个月", 0, 6, "month")]),
    ("6个月以下婴儿", [("6个月以下", None, 6, "month")]),
    ("为2 8 0名1 8周岁以下困境儿童购买保险", [("1 8周岁以下", None, 18, "year")]),  # a scan's digits set apart
    ("为6—24月婴幼儿发放营养包", [("6—24月", 6, 24, "month")]),
    ("0-6月的婴儿", [("0-6月", 0, 6, "month")]),
    ("7岁以下儿童健康管理率达到95%", [("7岁以下", None, 7, "year")]),
    ("每千人口拥有3岁以下婴幼儿托位数", [("3岁以下", None, 3, "year")]),
    ("35—64岁妇女和60岁以上老人", [("35—64岁", 35, 64, "year"), ("60岁以上", 60, None, "year")]),
]

MUST_NOT_MATCH = [
    "对正常经营6个月以上的创业实体给予补贴",  # how long a business has run, not an age
    "在本地连续居住12个月以上的",
    "开通24小时心理援助热线",
    "打造5分钟生活圈",
    "连续3年开展",
    "培训3个月",
    "项目实施后三个月内组织复查",
    "4月21日前完成",
    "3—5月份开展",
    "4月至10月，各镇街分批组织适龄妇女到定点医院检查",  # months of the calendar
    "4月起按新标准发放并补发1—3月差额",
    "2月至3月开展需求摸底调查",
    "适龄妇女",
    "学龄前儿童",
    "任职满5年的干部",
    "新建幼儿园3所",
    "〔2024〕12号",
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_finds_and_resolves(text, expected):
    got = find_age_ranges(text, 0, len(text), RULES)
    assert [(a.text, a.min, a.max, a.unit) for a in got] == expected
    for a in got:
        assert text[a.start : a.end] == a.text


@pytest.mark.parametrize("text", MUST_NOT_MATCH)
def test_must_not_match(text):
    assert find_age_ranges(text, 0, len(text), RULES) == []


def test_offsets_are_into_the_whole_text():
    text = "前言。为35—64岁妇女检查。"
    got = find_age_ranges(text, 3, len(text), RULES)
    assert [(a.start, a.end) for a in got] == [(4, 10)]
