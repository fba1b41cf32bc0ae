"""Attachment rows in the three table shapes: one cell per line, tabs, and pipes."""

from __future__ import annotations

import pytest

from pipeline.attachments import find_attachment_rows, load_table_rules

RULES = load_table_rules()

ONE_CELL_PER_LINE = (
    "附件\n\n进展情况表\n\n\t序号\n\t实事名称\n\t责任单位\n\t进展情况\n\n"
    "\t1\n\t实施教育工程\n\t区教育局\n\t\n\n\t2\n\t实施健康行动\n\t区卫健局\n区妇联\n\t已完成\n"
)
TABS = "附件\n序号\t项目名称\t牵头单位\t配合单位\t完成时限\n1\t实施教育工程\t区教育局\t区财政局、区住建局\t12月底\n2\t实施健康行动\t区卫健局\t\t\n"
PIPES = "附件\n| 序号 | 实事名称 | 责任单位 | 备注 |\n| 1 | 实施教育工程 | 区教育局、区妇联 |  |\n| 2 | 实施健康行动 | 区卫健局 | 新增 |\n"

CASES = [
    (
        ONE_CELL_PER_LINE,
        [(1, "实施教育工程", ["区教育局"], {}), (2, "实施健康行动", ["区卫健局", "区妇联"], {"进展情况": "已完成"})],
    ),
    (
        TABS,
        [
            (1, "实施教育工程", ["区教育局", "区财政局", "区住建局"], {"完成时限": "12月底"}),
            (2, "实施健康行动", ["区卫健局"], {}),
        ],
    ),
    (
        PIPES,
        [(1, "实施教育工程", ["区教育局", "区妇联"], {}), (2, "实施健康行动", ["区卫健局"], {"备注": "新增"})],
    ),
    (
        "附件\n序号\t实事名称\t承办单位\t协同单位\t完成时限\n1\t实施教育工程\t县教育局\t县住建局\t9月底\n",
        [(1, "实施教育工程", ["县教育局", "县住建局"], {"完成时限": "9月底"})],
    ),
    ("正文里没有表格。", []),
    (  # a blank form to fill in: rows that hold nothing but their 序号 are not rows
        "附件\n| 序号 | 项目名称 | 年度目标 | 完成数 |\n| 1 |  |  |  |\n| 2 |  |  |  |\n",
        [],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_rows(text, expected):
    got = find_attachment_rows(text, RULES)
    assert [(r.number, r.name, r.units, r.cells) for r in got] == expected
    for r in got:
        assert 0 <= r.start < r.end <= len(text)
        assert text[r.start : r.end].lstrip("| ").startswith(str(r.number))


def test_a_row_that_lost_an_empty_cell_keeps_its_deadline_in_place():
    text = (
        "附件\n序号\n项目名称\n牵头单位\n配合单位\n完成时限\n"
        "1\n实施教育工程\n县教育局\n县财政局\n2025年12月底\n"
        "2\n实施健康行动\n县卫健局\n2025年12月底\n\n第 2 页 共 2 页\n"
    )
    rows = find_attachment_rows(text, RULES)
    assert [(r.number, r.units, r.cells) for r in rows] == [
        (1, ["县教育局", "县财政局"], {"完成时限": "2025年12月底"}),
        (2, ["县卫健局"], {"完成时限": "2025年12月底"}),
    ]
