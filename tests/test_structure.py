"""Entries: (notice text, [(id, kind, level, number, heading), ...]) per case."""

from __future__ import annotations

import pytest

from pipeline.structure import Outline, load_item_rules
from pipeline.units import load_unit_rules

ITEM_RULES = load_item_rules()
UNIT_RULES = load_unit_rules()

HEAD = "关于2024年为全县妇女儿童办实事的通知\n各镇人民政府：\n现将有关事项通知如下。\n"
TAIL = "\n各有关部门要高度重视，确保按期完成。\n\n某县人民政府办公室\n2024年3月1日\n"


def entries(text: str):
    outline = Outline(text, ITEM_RULES, UNIT_RULES, body_start=text.index("\n"))
    found, stack = [], list(outline.entries())
    while stack:
        e = stack.pop(0)
        found.append(e)
        stack[:0] = e.children
    return found


def rows(text: str):
    return [(e.id, e.kind, e.level, e.number, text[e.heading_start : e.heading_end]) for e in entries(text)]


CASES = [
    (
        "一、实施教育工程。新建幼儿园2所。（责任单位：县教育局）\n二、实施健康行动。筛查率达到90%。（责任单位：县卫健局）",
        [("1", "item", 1, "一、", "实施教育工程"), ("2", "item", 1, "二、", "实施健康行动")],
    ),
    (
        "（一）实施教育工程\n新建幼儿园2所。\n（责任单位：县教育局）\n（二）实施健康行动\n筛查率达到90%。\n（责任单位：县卫健局）",
        [("1", "item", 1, "（一）", "实施教育工程"), ("2", "item", 1, "（二）", "实施健康行动")],
    ),
    (
        "1.新改扩建中小学7所；\n2.培训家政从业人员2000人次以上。",
        [("1", "item", 1, "1.", "新改扩建中小学7所"), ("2", "item", 1, "2.", "培训家政从业人员2000人次以上")],
    ),
    (
        "1、建设儿童之家10个。（责任单位：县民政局）\n2、开展讲座20场。（责任单位：县妇联）",
        [("1", "item", 1, "1、", "建设儿童之家10个"), ("2", "item", 1, "2、", "开展讲座20场")],
    ),
    (
        "1）建设儿童之家10个（县民政局）\n2）开展讲座20场（县妇联）",
        [("1", "item", 1, "1）", "建设儿童之家10个"), ("2", "item", 1, "2）", "开展讲座20场")],
    ),
    (
        "第一件：实施教育工程。新建幼儿园2所。\n第二件：实施健康行动。筛查率达到90%。",
        [("1", "item", 1, "第一件：", "实施教育工程"), ("2", "item", 1, "第二件：", "实施健康行动")],
    ),
    (
        "①实施教育工程。新建幼儿园2所。（责任单位：县教育局）\n②实施健康行动。筛查率达到90%。（责任单位：县卫健局）",
        [("1", "item", 1, "①", "实施教育工程"), ("2", "item", 1, "②", "实施健康行动")],
    ),
    (
        "一、实施…工程（责任单位：区教育局）\n扩大学位供给。\n二、实施…行动（责任单位：区卫健局）\n开展筛查。",
        [("1", "item", 1, "一、", "实施…工程"), ("2", "item", 1, "二、", "实施…行动")],
    ),
    (
        "1.【巾帼就业】深化家政培训模式。培训1000人次。\n2.【儿童健康】开展筛查。筛查率90%。",
        [("1", "item", 1, "1.", "【巾帼就业】深化家政培训模式"), ("2", "item", 1, "2.", "【儿童健康】开展筛查")],
    ),
    (  # sections that group items, general sections left out with their content
        "一、总体要求\n（一）指导思想。坚持以人民为中心。\n二、重点任务\n（一）教育类（2项）\n"
        "1.新建幼儿园。新建3所。（责任单位：县教育局）\n2.建设课后服务。覆盖100%学校。（责任单位：县教育局）\n"
        "（二）健康类（1项）\n1.开展筛查。筛查2万人。（责任单位：县卫健局）\n三、保障措施\n（一）加强领导。建立机制。",
        [
            ("1", "section", 1, "二、", "重点任务"),
            ("1.1", "section", 2, "（一）", "教育类（2项）"),
            ("1.1.1", "item", 3, "1.", "新建幼儿园"),
            ("1.1.2", "item", 3, "2.", "建设课后服务"),
            ("1.2", "section", 2, "（二）", "健康类（1项）"),
            ("1.2.1", "item", 3, "1.", "开展筛查"),
        ],
    ),
    (  # numbered sub-points followed by one clause belong to the item's body
        "一、实施健康行动。\n（1）开展筛查2万人；\n（2）建设母婴室10个。\n（责任单位：县卫健局）\n"
        "二、实施教育工程。新建幼儿园2所。（责任单位：县教育局）",
        [("1", "item", 1, "一、", "实施健康行动"), ("2", "item", 1, "二、", "实施教育工程")],
    ),
    (  # a decimal is never a heading number
        "一、实施健康行动。\n3.5万名妇女受益。（责任单位：县卫健局）\n二、实施教育工程。新建幼儿园2所。（责任单位：县教育局）",
        [("1", "item", 1, "一、", "实施健康行动"), ("2", "item", 1, "二、", "实施教育工程")],
    ),
    (  # a number out of sequence is body text
        "一、实施健康行动。开展筛查。\n三、是指本行动的第三阶段。（责任单位：县卫健局）\n二、实施教育工程。新建幼儿园2所。",
        [("1", "item", 1, "一、", "实施健康行动"), ("2", "item", 1, "二、", "实施教育工程")],
    ),
    (
        "一是实施教育工程，新建幼儿园2所（责任单位：县教育局）；二是实施健康行动，筛查率达到90%（责任单位：县卫健局）；"
        "三是开展关爱活动，走访1000户（责任单位：县民政局）。",
        [
            ("1", "item", 1, "一是", "实施教育工程，新建幼儿园2所"),
            ("2", "item", 1, "二是", "实施健康行动，筛查率达到90%"),
            ("3", "item", 1, "三是", "开展关爱活动，走访1000户"),
        ],
    ),
    (  # unnumbered title paragraphs
        "实施教育工程。新建幼儿园2所。（县教育局）\n实施健康行动。筛查率达到90%。（县卫健局）\n",
        [("1", "item", 1, None, "实施教育工程"), ("2", "item", 1, None, "实施健康行动")],
    ),
    (  # numbering that runs on across groups: 1–2 under 一、, 3–4 under 二、
        "一、妇女发展类（2项）\n1.开展筛查。筛查2万人。（责任单位：县卫健局）\n2.开展培训。培训500人次。（责任单位：县人社局）\n"
        "二、儿童发展类（2项）\n3.新建幼儿园。新建3所。（责任单位：县教育局）\n4.建设儿童之家。建设10个。（责任单位：县民政局）",
        [
            ("1", "section", 1, "一、", "妇女发展类（2项）"),
            ("1.1", "item", 2, "1.", "开展筛查"),
            ("1.2", "item", 2, "2.", "开展培训"),
            ("2", "section", 1, "二、", "儿童发展类（2项）"),
            ("2.1", "item", 2, "3.", "新建幼儿园"),
            ("2.2", "item", 2, "4.", "建设儿童之家"),
        ],
    ),
    (  # last year's report is a general section: neither it nor its numbers are entries
        "一、2023年实事完成情况\n去年新建幼儿园18所，培训1.3万人次。\n二、2024年民生实事项目\n"
        "（一）新建幼儿园。新建3所。（区教育局负责）\n（二）开展培训。培训500人次。（区人社局负责）\n三、工作要求\n（一）加强领导。",
        [
            ("1", "section", 1, "二、", "2024年民生实事项目"),
            ("1.1", "item", 2, "（一）", "新建幼儿园"),
            ("1.2", "item", 2, "（二）", "开展培训"),
        ],
    ),
    (  # the number alone on its line, the title on the next
        "一、\n实施教育工程。新建幼儿园2所。（责任单位：县教育局）\n二、\n实施健康行动。筛查率达到90%。（责任单位：县卫健局）",
        [("1", "item", 1, "一、", "实施教育工程"), ("2", "item", 1, "二、", "实施健康行动")],
    ),
    (
        "第1项：实施教育工程。新建幼儿园2所。\n第2项：实施健康行动。筛查率达到90%。",
        [("1", "item", 1, "第1项：", "实施教育工程"), ("2", "item", 1, "第2项：", "实施健康行动")],
    ),
    (  # indentation by ideographic and no-break spaces, as Word and web pages leave it
        "\u3000\u3000一、实施教育工程。新建幼儿园2所。（责任单位：县教育局）\n\u00a0\u00a0二、实施健康行动。筛查90%。（责任单位：县卫健局）",
        [("1", "item", 1, "一、", "实施教育工程"), ("2", "item", 1, "二、", "实施健康行动")],
    ),
    (  # 1、 and 1. mixed in one list by mistake continue each other
        "1、实施教育工程。新建幼儿园2所。（责任单位：县教育局）\n2.实施健康行动。筛查90%。（责任单位：县卫健局）\n"
        "3、开展关爱活动。走访1000户。（责任单位：县民政局）",
        [("1", "item", 1, "1、", "实施教育工程"), ("2", "item", 1, "2.", "实施健康行动"), ("3", "item", 1, "3、", "开展关爱活动")],
    ),
    (  # a group holding one titled point is a section like its sibling groups
        "一、教育\n1.新建幼儿园。新建3所。（责任单位：县教育局）\n2.建设课后服务。覆盖100%学校。（责任单位：县教育局）\n"
        "二、保障\n1.提高生活保障标准。提高到每人每月1500元。（责任单位：县民政局）",
        [
            ("1", "section", 1, "一、", "教育"),
            ("1.1", "item", 2, "1.", "新建幼儿园"),
            ("1.2", "item", 2, "2.", "建设课后服务"),
            ("2", "section", 1, "二、", "保障"),
            ("2.1", "item", 2, "1.", "提高生活保障标准"),
        ],
    ),
    (  # parts of one sentence, each closed by a clause: one item
        "一、稳岗扩就业行动\n开发岗位2000个以上（县人社局负责）；新建工坊100家（县妇联负责）；培训妇女3000人次（县妇联负责）。\n"
        "二、托育服务扩容\n新增托位300个（县卫健局负责）；建成托育点5个（县卫健局负责）。",
        [("1", "item", 1, "一、", "稳岗扩就业行动"), ("2", "item", 1, "二、", "托育服务扩容")],
    ),
    (  # ；-separated entries that each open with their own title: a section holding them
        "一、关爱妇女健康（2项）\n两癌筛查：免费检查1万人（责任单位：县卫健局）；孕产妇保健：管理率达到90%（责任单位：县卫健局）。\n"
        "二、守护儿童健康（2项）\n视力筛查：筛查2万人（责任单位：县卫健局）；营养改善：发放营养包1万盒（责任单位：县卫健局）。",
        [
            ("1", "section", 1, "一、", "关爱妇女健康（2项）"),
            ("1.1", "item", 2, None, "两癌筛查"),
            ("1.2", "item", 2, None, "孕产妇保健"),
            ("2", "section", 1, "二、", "守护儿童健康（2项）"),
            ("2.1", "item", 2, None, "视力筛查"),
            ("2.2", "item", 2, None, "营养改善"),
        ],
    ),
    ("今年要进一步做好妇女儿童工作，各单位请于3月底前报送材料。", []),
    (  # a meeting notice: numbered sections, but not a list of practical things
        "一、会议时间\n3月5日上午9:00。\n二、会议地点\n市政府3楼会议室。\n三、参会人员\n各单位负责同志1人。",
        [],
    ),
]


@pytest.mark.parametrize(("body", "expected"), CASES)
def test_entries(body, expected):
    assert rows(HEAD + body + TAIL) == expected


def test_item_span_ends_before_closing_and_signature():
    text = HEAD + "一、实施教育工程。新建幼儿园2所。（责任单位：县教育局）\n二、实施健康行动。筛查90%。" + TAIL
    last = entries(text)[-1]
    assert text[last.start : last.end] == "二、实施健康行动。筛查90%。"


def test_an_attached_document_after_the_list_is_not_part_of_it():
    text = HEAD + (
        "一、实施教育工程。新建幼儿园2所。（责任单位：县教育局）\n二、实施健康行动。筛查90%。（责任单位：县卫健局）\n"
        "附件：2024年实施方案\n一、总体要求\n（一）落实责任。建立台账10本。（责任单位：县政府办）\n"
        "（二）加强督查。每月通报1次。（责任单位：县督查室）\n"
    )
    assert [(e.id, e.kind, text[e.heading_start : e.heading_end]) for e in entries(text)] == [
        ("1", "item", "实施教育工程"),
        ("2", "item", "实施健康行动"),
    ]
    assert text[entries(text)[-1].end - 1] == "）"


def test_clause_on_its_own_line_belongs_to_the_item():
    text = HEAD + "一、实施教育工程。新建幼儿园2所。\n责任单位：县教育局\n二、实施健康行动。筛查90%。" + TAIL
    first = entries(text)[0]
    assert text[first.start : first.end].endswith("责任单位：县教育局")


def test_page_number_lines_stay_inside_but_do_not_end_items():
    text = HEAD + "1.实施教育工程。新建幼儿\n— 2 —\n园2所。\n2.实施健康行动。筛查90%。\n-3-\n" + TAIL
    first, second = entries(text)
    assert text[first.start : first.end] == "1.实施教育工程。新建幼儿\n— 2 —\n园2所。"
    assert text[second.start : second.end] == "2.实施健康行动。筛查90%。"
