"""Attachment rows in the three table shapes: one cell per line, tabs, and pipes."""

from __future__ import annotations

import pytest

from pipeline.attachments import find_attachment_rows, load_table_rules, serial_number
from pipeline.units import load_unit_rules

RULES = load_table_rules()
IS_UNIT = load_unit_rules().looks_like_unit

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
    (  # a name column under a header no rule lists: the column after 序号
        "附件\n| 序号 | 项目 | 年度目标 | 责任单位 |\n| 1 | 实施教育工程 | 新建幼儿园3所 | 区教育局 |\n",
        [(1, "实施教育工程", ["区教育局"], {"年度目标": "新建幼儿园3所"})],
    ),
    (  # a TAB row whose cells hold line breaks goes on over the next lines
        "附件\n序号\t项目名称\t目标\t责任单位\t完成时限\n"
        "1\t实施道路工程\t新建道路12条；\n维修路面3.5万平方米\t市住建局\t10月底\n"
        "2\t开展免费体检和\n“两癌”检查\t体检8万人\t市卫健委、\n市妇联\t11月底\n",
        [
            (1, "实施道路工程", ["市住建局"], {"目标": "新建道路12条；维修路面3.5万平方米", "完成时限": "10月底"}),
            (2, "开展免费体检和“两癌”检查", ["市卫健委", "市妇联"], {"目标": "体检8万人", "完成时限": "11月底"}),
        ],
    ),
    (  # a last row without its empty last cell does not take in the paragraphs after the table
        "附件\n序号\t项目名称\t责任单位\t进展\n1\t实施道路工程\t市住建局\n二、工作要求\n各单位要抓好落实。\n",
        [(1, "实施道路工程", ["市住建局"], {})],
    ),
    (  # 主责单位 and 协同单位 columns, one cell per line
        "附件\n序号\n项目\n主责单位\n协同单位\n完成时限\n1\n筛查服务\n区卫健委\n区妇联、区医保局\n11月底\n",
        [(1, "筛查服务", ["区卫健委", "区妇联", "区医保局"], {"完成时限": "11月底"})],
    ),
    (  # cells set apart by runs of spaces
        "附件\n序号    项目名称        责任单位            完成时限\n1       实施教育工程    区教育局、区妇联    11月底\n2       实施健康行动    区卫健委\n",
        [(1, "实施教育工程", ["区教育局", "区妇联"], {"完成时限": "11月底"}), (2, "实施健康行动", ["区卫健委"], {})],
    ),
    (  # a second header line under a merged cell; the name column right after 序号
        "附件\n序号\t项目\t目标任务\t责任单位\n\t\t\t牵头\t配合\n1\t扩大学前教育资源\t新建幼儿园3所\t县教育局\t县发改局、县财政局\n",
        [(1, "扩大学前教育资源", ["县教育局", "县发改局", "县财政局"], {"目标任务": "新建幼儿园3所"})],
    ),
    (  # cells set apart by slashes
        "附件\n序号/项目名称/责任单位/完成时限\n1/实施教育工程/县教育局、县财政局/10月底\n2/实施健康行动/县卫健局/\n",
        [(1, "实施教育工程", ["县教育局", "县财政局"], {"完成时限": "10月底"}), (2, "实施健康行动", ["县卫健局"], {})],
    ),
    ("正文里没有表格。", []),
    (  # a blank form to fill in: rows that hold nothing but their 序号 are not rows
        "附件\n| 序号 | 项目名称 | 年度目标 | 完成数 |\n| 1 |  |  |  |\n| 2 |  |  |  |\n",
        [],
    ),
]


CELL_UNITS = [  # a web cell's line break left as a space, and a lead mark after a name
    ("附件\n序号\t项目名称\t责任单位\n1\t普惠托育\t市卫生健康局 市教育局\n", [["市卫生健康局", "市教育局"]]),
    ("附件\n序号\t项目名称\t责任单位\n1\t健康筛查\t区卫生健康委（牵头）、区妇联\n", [["区卫生健康委", "区妇联"]]),
    ("附件\n序号\t项目名称\t责任单位\n1\t健康筛查\t区 卫生健康委\n", [["区卫生健康委"]]),  # a space inside a name
    # a unit cell merged over several rows prints in the first of them only
    ("附件\n序号\t项目名称\t责任单位\t完成时限\n1\t两癌检查\t县卫健局、县妇联\t12月底\n2\t新生儿筛查\t\t12月底\n"
     "3\t新建幼儿园\t县教育局\t9月底\n", [["县卫健局", "县妇联"], ["县卫健局", "县妇联"], ["县教育局"]]),
]


def test_a_cell_of_one_unit_name_per_line_gives_each_name():
    text = (
        "附件\n序号\n项目名称\n责任单位\n完成时限\n"
        "1\n实施两癌检查\n县卫健委\n县妇联\n2021年12月底\n"
        "2\n建设公办幼儿园\n县住房和城乡建\n设局\n2021年9月底\n"
    )
    units = load_unit_rules()
    got = find_attachment_rows(text, RULES, 0, units.looks_like_unit, units.lead_marker_re)
    assert [(r.number, r.units) for r in got] == [(1, ["县卫健委", "县妇联"]), (2, ["县住房和城乡建设局"])]


def test_a_category_merged_over_its_rows_is_no_column_of_them():
    # one cell per line, 类别 above the 序号 header: each category prints once, before the first row
    # of its group (on one line or two), and the first would pass for one more column name
    text = (
        "附件\n 2023年民生实事项目清单\n 类别\n序号\n 项目名称\n 目标任务\n 责任单位\n 完成时限\n 教育优先\n"
        " 1\n新建幼儿园\n新建幼儿园2所\n县教育局\n 2023年9月底\n"
        " 2\n改造薄弱学校\n改造学校9所\n县教育局、县财政局\n 2023年10月底\n"
        " 健康\n守护类\n 3\n两癌筛查\n筛查1.5万人\n县卫生健康局\n 2023年12月底\n"
    )
    units = load_unit_rules()
    got = find_attachment_rows(text, RULES, 0, units.looks_like_unit, units.lead_marker_re)
    assert [(r.number, r.name, r.units, r.cells) for r in got] == [
        (1, "新建幼儿园", ["县教育局"], {"目标任务": "新建幼儿园2所", "完成时限": "2023年9月底"}),
        (2, "改造薄弱学校", ["县教育局", "县财政局"], {"目标任务": "改造学校9所", "完成时限": "2023年10月底"}),
        (3, "两癌筛查", ["县卫生健康局"], {"目标任务": "筛查1.5万人", "完成时限": "2023年12月底"}),
    ]


def test_a_blank_form_after_the_table_does_not_hide_its_rows():
    text = TABS + "\n附件2\n进度报送表\n序号\t项目名称\t进展情况\t存在问题\n"
    assert [(r.number, r.name) for r in find_attachment_rows(text, RULES)] == [(1, "实施教育工程"), (2, "实施健康行动")]


@pytest.mark.parametrize(("text", "expected"), CELL_UNITS)
def test_unit_cells_split_at_spaces_after_whole_names_and_drop_lead_marks(text, expected):
    units = load_unit_rules()
    got = find_attachment_rows(text, RULES, 0, units.looks_like_unit, units.lead_marker_re)
    assert [r.units for r in got] == expected


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


SERIAL_CELLS = [("1", 1), ("１２", 12), ("①", 1), ("⑳", 20), ("²", None), ("⑴", 1), ("⒈", 1), ("一", None), ("", None), ("1" * 40, None)]


@pytest.mark.parametrize(("cell", "expected"), SERIAL_CELLS)
def test_serial_number_cells(cell, expected):
    assert serial_number(cell) == expected


@pytest.mark.parametrize("cell", ["①", "⑴", "⒈", "²", "9" * 5000])
def test_an_odd_serial_cell_never_raises(cell):
    text = f"附件\n序号\t项目名称\t牵头单位\n{cell}\t实施教育工程\t区教育局\n2\t实施健康行动\t区卫健局\n"
    rows = find_attachment_rows(text, RULES)
    assert [r.number for r in rows] == ([1, 2] if cell in "①⑴⒈" else [2])


# One cell per line without tabs, long cells wrapped onto the next line: a row ends at the next
# 序号, the wrapped lines are joined back (name and units), short rows keep their empty cells.
WRAPPED = (
    "附件\n序号\n项目名称\n责任单位\n年度目标\n完成时限\n"
    "1\n公共就业服务提升\n区人社局、区农业农村水\n利局、区财政局\n新增就业1.2万人\n12月底\n"
    "2\n婴幼儿照护服务\n区卫健委、区妇联\n新增托位360个\n12月底\n"
    "3\n中小学生课后服务\n区教体局、区科协、团区\n委\n覆盖率100%\n9月底\n"
    "4\n公共文化服务（城市阅读\n空间和社区文化艺术节）\n区文旅体局、各街道办事\n处\n新建阅读空间5处\n10月底\n"
    "5\n稳定岗位扩大就业专项\n行动\n区人社局\n新增岗位500个\n12月底\n"
    "6\n困境儿童关爱行动\n区民政局\n\n11月底\n"
    "7\n老年助餐服务\n区民政局、区商务局\n新增助餐点15个，覆盖全部\n社区\n12月底\n"
    "注：责任单位中排在第一位的为牵头单位。\n"
)
WRAPPED_ROWS = [
    (1, "公共就业服务提升", ["区人社局", "区农业农村水利局", "区财政局"], {"年度目标": "新增就业1.2万人", "完成时限": "12月底"}),
    (2, "婴幼儿照护服务", ["区卫健委", "区妇联"], {"年度目标": "新增托位360个", "完成时限": "12月底"}),
    (3, "中小学生课后服务", ["区教体局", "区科协", "团区委"], {"年度目标": "覆盖率100%", "完成时限": "9月底"}),
    (4, "公共文化服务（城市阅读空间和社区文化艺术节）", ["区文旅体局", "各街道办事处"], {"年度目标": "新建阅读空间5处", "完成时限": "10月底"}),
    (5, "稳定岗位扩大就业专项行动", ["区人社局"], {"年度目标": "新增岗位500个", "完成时限": "12月底"}),
    (6, "困境儿童关爱行动", ["区民政局"], {"完成时限": "11月底"}),
    (7, "老年助餐服务", ["区民政局", "区商务局"], {"年度目标": "新增助餐点15个，覆盖全部社区", "完成时限": "12月底"}),
]


def test_wrapped_cells_are_joined_back():
    got = find_attachment_rows(WRAPPED, RULES, is_unit=IS_UNIT)
    assert [(r.number, r.name, r.units, r.cells) for r in got] == WRAPPED_ROWS
    for r in got:
        assert WRAPPED[r.start : r.end].startswith(str(r.number)) and WRAPPED[r.end - 1] == "底"


# A PDF table with one line per printed line: the target's last line ends its sentence and is no
# unit's, a target wraps over five lines, and the header comes again after a page number.
PAGED = (
    "附件\n 序\n号\n 项目名称\n 目标任务\n 责任单位\n完成时限\n"
    " 1\n实施学前教育\n扩容提质工程\n新建公办幼儿园3所、改扩建农村幼儿园5所\n，新增学前教育学位900个以上；全县学前三\n"
    "年毛入园率达到93%以上，普惠性幼儿园覆盖\n率达到90%以上。\n县教育局、县发展\n和改革局、县财政\n局\n2022年11\n 月底\n"
    " 2\n实施孕产妇和\n新生儿免费筛\n查\n为孕妇免费开展产前筛查4500人，为新生儿\n免费开展遗传代谢性疾病和听力筛查4200人\n"
    "，新生儿疾病筛查率保持在98%以上；孕产妇\n系统管理率、3岁以下儿童系统管理率均达到\n92%以上。\n县卫生健康局、县\n妇幼保健院\n2022年12\n 月底\n"
    "— 1 —\n序\n号\n 项目名称\n 目标任务\n 责任单位\n完成时限\n"
    " 3\n建设普惠托育\n机构\n新建普惠性托育机构2个，新增托位120个。\n县卫生健康局\n2022年12\n 月底\n"
)
PAGED_ROWS = [
    (1, "实施学前教育扩容提质工程", ["县教育局", "县发展和改革局", "县财政局"]),
    (2, "实施孕产妇和新生儿免费筛查", ["县卫生健康局", "县妇幼保健院"]),
    (3, "建设普惠托育机构", ["县卫生健康局"]),
]


def test_a_paged_table_of_one_printed_line_per_line_is_cut_into_its_columns():
    got = find_attachment_rows(PAGED, RULES, is_unit=IS_UNIT)
    assert [(r.number, r.name, r.units) for r in got] == PAGED_ROWS
    assert got[0].cells["目标任务"].endswith("率达到90%以上。")
    assert got[1].cells["完成时限"] == "2022年12月底"


# Rows that must come out as they are: a tab-led cell's extra lines are more names, not wraps,
# unless a line ends inside a name; rows that fit the header are never re-joined.
UNCHANGED = [
    (ONE_CELL_PER_LINE, [["区教育局"], ["区卫健局", "区妇联"]]),
    # a tab-led cell broken inside a name goes on below
    ("附件\n\t序号\n\t实事名称\n\t责任单位\n\t1\n\t实施就业行动\n\t市人社局、市农\n业农村局\n", [["市人社局", "市农业农村局"]]),
    ("附件\n序号\n实事名称\n责任单位\n完成时限\n1\n实施教育工程\n区教育局、区财政局\n6月底\n2\n实施健康行动\n区卫健局\n12月底\n",
     [["区教育局", "区财政局"], ["区卫健局"]]),
]


@pytest.mark.parametrize(("text", "units"), UNCHANGED)
def test_rows_without_wraps_stay_as_they_are(text, units):
    assert [r.units for r in find_attachment_rows(text, RULES, is_unit=IS_UNIT)] == units


def test_header_cells_broken_over_two_lines_are_joined():
    text = (
        "附件\n序号\n项目\n名称\n牵头\n单位\n配合单位\n完成\n时限\n"
        "1\n城乡妇女“两癌”免费检\n查项目\n市卫健委\n市妇联、市医保局、市财\n政局\n2025年12月\n"
        "2\n儿童友好城市建设\n市发改委\n市住建局\n2025年11月\n"
    )
    rows = find_attachment_rows(text, RULES, is_unit=IS_UNIT)
    assert [(r.number, r.name, r.units, r.cells) for r in rows] == [
        (1, "城乡妇女“两癌”免费检查项目", ["市卫健委", "市妇联", "市医保局", "市财政局"], {"完成时限": "2025年12月"}),
        (2, "儿童友好城市建设", ["市发改委", "市住建局"], {"完成时限": "2025年11月"}),
    ]


def test_a_wrapped_row_keeps_its_empty_cell_and_the_text_after_the_table_stays_out():
    text = (
        "附件\n序号\n项目名称\n责任单位\n完成时限\n进展情况\n"
        "1\n城乡妇女两癌免费检查\n项目\n区卫健局\n12月底\n\n"
        "2\n儿童友好社区建设\n区民政局、区妇联、各\n街道办事处\n11月底\n\n"
        "3\n书香伴成长\n区文旅局、区教育局\n12月底\n\n某某区人民政府办公室\n2025年3月10日印发\n"
    )
    rows = find_attachment_rows(text, RULES, is_unit=IS_UNIT)
    assert [(r.number, r.name, r.units, r.cells) for r in rows] == [
        (1, "城乡妇女两癌免费检查项目", ["区卫健局"], {"完成时限": "12月底"}),
        (2, "儿童友好社区建设", ["区民政局", "区妇联", "各街道办事处"], {"完成时限": "11月底"}),
        (3, "书香伴成长", ["区文旅局", "区教育局"], {"完成时限": "12月底"}),
    ]


def test_a_progress_column_printed_empty_takes_no_line_from_a_wrapped_cell():
    # an empty 进展情况 cell prints no line: a row may hold as many lines as the header has columns
    # while a unit cell wrapped after 、, or more lines than that without any in the empty column
    text = (
        "附件\n序号\n实事项目\n责任单位\n进展情况\n"
        "1\n新建城区幼儿园\n区教育局、区财政局、\n各街道办事处\n"
        "2\n推进老旧小区改造提\n升工程\n区住房和城乡建设局、区财\n政局、各街道办事处\n"
        "3\n建设口袋公园\n区城管局\n已完成选址\n"
    )
    rows = find_attachment_rows(text, RULES, is_unit=IS_UNIT)
    assert [(r.number, r.name, r.units, r.cells) for r in rows] == [
        (1, "新建城区幼儿园", ["区教育局", "区财政局", "各街道办事处"], {}),
        (2, "推进老旧小区改造提升工程", ["区住房和城乡建设局", "区财政局", "各街道办事处"], {}),
        (3, "建设口袋公园", ["区城管局"], {"进展情况": "已完成选址"}),
    ]


# Texts that hold no progress-table rows, wrapped lines or not.
MUST_NOT_MATCH = [
    "正文里没有表格。\n城乡妇女两癌免费检\n查项目\n12月底\n",
    "附件\n序号\n联系人\n联系电话\n1\n张某\n1234567\n",  # no name column
    "注：责任单位中排在第一位的为牵头单位。\n1\n实施教育工程\n区教育局\n",  # no header row
]


@pytest.mark.parametrize("text", MUST_NOT_MATCH)
def test_must_not_match(text):
    assert find_attachment_rows(text, RULES, is_unit=IS_UNIT) == []


# A PDF's text layer gives a table cell after cell: each cell's wrapped lines in turn, two cells that
# share a baseline joined by a space, an empty cell not at all, the header names on one line.
WORD_ACROSS = None


def _word_across():
    global WORD_ACROSS
    if WORD_ACROSS is None:
        from pipeline.ruleset import RuleSet

        WORD_ACROSS = RuleSet.load().segmenter.word_across
    return WORD_ACROSS


FLOWED = [
    (  # name | units | deadline | a progress column left blank; a date spaced out, a page mark after
        "附件\n序号 项目名称 责任单位 完成时限 进展情况\n"
        "1 实施妇女“两\n癌”免费检查\n项目\n市卫生健康\n委、市妇联\n2019 年 12 月\n底\n"
        "2 加强孕产妇和\n儿童健康保障\n市卫生健康委 2019 年 12 月\n底\n"
        "3 关爱农村留守\n儿童和困境儿\n童\n市民政局、市\n妇联、团市\n委、市教育体\n育局\n2019 年 9 月底\n— 4 —\n",
        [
            (1, "实施妇女“两癌”免费检查项目", ["市卫生健康委", "市妇联"], {"完成时限": "2019年12月底"}),
            (2, "加强孕产妇和儿童健康保障", ["市卫生健康委"], {"完成时限": "2019年12月底"}),
            (3, "关爱农村留守儿童和困境儿童", ["市民政局", "市妇联", "团市委", "市教育体育局"], {"完成时限": "2019年9月底"}),
        ],
    ),
    (  # name | target | lead | cooperating | deadline; an empty cooperating cell; 抄送 after the table
        "序号 项目名称 目标任务 牵头单位 配合单位 完成时限\n"
        "1 新建和改扩\n建中小学校\n新建小学2\n所、改扩建\n初中3 所，\n新增学位\n2700 个\n县教育体育\n局\n"
        "县发展改革\n委、县财政\n局\n2024 年9\n月\n"
        "2 城镇老旧小\n区改造\n改造老旧小\n区23 个，\n惠及居民\n4100 户\n县住房城乡\n建设局\n各乡镇人民\n政府\n2024 年11\n月底\n"
        "3 农村公路提\n质\n新改建农村\n公路85 公\n里\n县交通运输\n局\n2024 年10\n月底\n"
        "抄送：县委办公室，县人大常委会办公室，县政协办公室。\n",
        [
            (1, "新建和改扩建中小学校", ["县教育体育局", "县发展改革委", "县财政局"],
             {"目标任务": "新建小学2所、改扩建初中3所，新增学位2700个", "完成时限": "2024年9月"}),
            (2, "城镇老旧小区改造", ["县住房城乡建设局", "各乡镇人民政府"],
             {"目标任务": "改造老旧小区23个，惠及居民4100户", "完成时限": "2024年11月底"}),
            (3, "农村公路提质", ["县交通运输局"], {"目标任务": "新改建农村公路85公里", "完成时限": "2024年10月底"}),
        ],
    ),
    (  # a header name broken over two lines (完成时⏎限), cells of one row sharing a line
        "序号 实事项目 责任单位 完成时\n限\n"
        "1 实施城乡居民免费\n健康体检\n县卫生健康委、县\n民政局、县医保局\n2024 年12 月底前\n"
        "2 农村公路提质 县交通运输局 2024 年10 月底\n",
        [
            (1, "实施城乡居民免费健康体检", ["县卫生健康委", "县民政局", "县医保局"], {"完成时限": "2024年12月底前"}),
            (2, "农村公路提质", ["县交通运输局"], {"完成时限": "2024年10月底"}),
        ],
    ),
]


FLOWED += [
    (  # a browser's PDF: each row on one line, the wrapped lines of a cell joined by spaces
        "序号 项目名称 责任单位 完成时限\n"
        "1 妇女“两癌”免费检查提质 工程 区卫健局、区妇联、区财 政局 2024年11月底\n"
        "2 普惠托育服务扩容 区卫健局、区发改局、区 财政局 2024年12月底\n"
        "3 家庭教育指导服务 区妇联、区教育局、区关 工委 2024年11月底\n"
        "4 困境儿童和留守儿童关爱服 务 区民政局、团区委 2024年12月底\n",
        [
            (1, "妇女“两癌”免费检查提质工程", ["区卫健局", "区妇联", "区财政局"], {"完成时限": "2024年11月底"}),
            (2, "普惠托育服务扩容", ["区卫健局", "区发改局", "区财政局"], {"完成时限": "2024年12月底"}),
            (3, "家庭教育指导服务", ["区妇联", "区教育局", "区关工委"], {"完成时限": "2024年11月底"}),
            (4, "困境儿童和留守儿童关爱服务", ["区民政局", "团区委"], {"完成时限": "2024年12月底"}),
        ],
    ),
    (  # a row split over a page break: the first lines of its cells, the page, the header again, the rest
        "序号 项目 年度目标 牵头单位 配合单位 完成时\n间\n"
        "1 救助提标 城市低保标准提高到每人每 县民政局 县财政局 2020\n— 5 —\n"
        "序号 项目 年度目标 牵头单位 配合单位 完成时\n间\n"
        "月620元，农村低保标准提\n高到每人每年4560元。\n年6月\n底\n"
        "2 困难群体养老\n保险代缴\n为1200余名困难群体代缴\n养老保险费。\n县人社局 县民政\n局、县残\n联\n2020\n年9月\n底\n",
        [
            (1, "救助提标", ["县民政局", "县财政局"],
             {"年度目标": "城市低保标准提高到每人每月620元，农村低保标准提高到每人每年4560元。", "完成时间": "2020年6月底"}),
            (2, "困难群体养老保险代缴", ["县人社局", "县民政局", "县残联"],
             {"年度目标": "为1200余名困难群体代缴养老保险费。", "完成时间": "2020年9月底"}),
        ],
    ),
]


FLOWED += [
    (  # 序 wrapped in a narrow first column; a browser's rows with a cell's lines joined by spaces,
       # one of them one cell per line; the header again on the next page
        "序\n号 实事项目 目标任务 责任单位\n"
        "1 妇女“两癌” 免费检查 为全区35—64岁农村妇女和城镇低保妇女 免费开展宫颈癌、乳腺癌检查8000人，检 "
        "查结果异常者随访率达到95%以上。 区卫生健康局、区妇 联\n"
        "2 儿童之家建设\n在全区9个镇（街道）新建示范性“儿童之\n家”18个。\n区民政局、区妇联、\n各镇（街道）\n"
        "序\n号 实事项目 目标任务 责任单位\n"
        "3 家庭教育指导 服务 举办“家长学堂”公益讲座200场，受益家 长3万人次以上。 区妇联、区教育局、 区关工委\n",
        [
            (1, "妇女“两癌”免费检查", ["区卫生健康局", "区妇联"],
             {"目标任务": "为全区35—64岁农村妇女和城镇低保妇女免费开展宫颈癌、乳腺癌检查8000人，检查结果异常者随访率达到95%以上。"}),
            (2, "儿童之家建设", ["区民政局", "区妇联", "各镇（街道）"], {"目标任务": "在全区9个镇（街道）新建示范性“儿童之家”18个。"}),
            (3, "家庭教育指导服务", ["区妇联", "区教育局", "区关工委"], {"目标任务": "举办“家长学堂”公益讲座200场，受益家长3万人次以上。"}),
        ],
    ),
]


FLOWED += [
    (  # a header wrapped over six lines in narrow columns
        "序\n号\n项目名称 主要目标任务 责任单位 完成时\n限\n推进\n情况\n"
        "1 促进困难群\n体就业增收\n开发公益性岗位300个。\n县人力资源和\n社会保障局\n2025年\n11月底\n",
        [(1, "促进困难群体就业增收", ["县人力资源和社会保障局"], {"主要目标任务": "开发公益性岗位300个。", "完成时限": "2025年11月底"})],
    ),
    (  # last year's results: the 完成情况 column filled, a bare 已完成 over the unit cell
        "序号 项目名称 目标任务 完成情况 责任单位\n"
        "1\n城乡居民健\n康体检\n体检老年人1.2\n万人次\n已完成。体检1.3\n万人次\n区卫生健康局\n"
        "2\n儿童之家建\n设\n新建儿童之家\n10个\n已完成\n区妇联\n",
        [
            (1, "城乡居民健康体检", ["区卫生健康局"], {"目标任务": "体检老年人1.2万人次", "完成情况": "已完成。体检1.3万人次"}),
            (2, "儿童之家建设", ["区妇联"], {"目标任务": "新建儿童之家10个", "完成情况": "已完成"}),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), FLOWED)
def test_a_table_given_cell_after_cell_is_cut_into_its_columns(text, expected):
    units = load_unit_rules()
    got = find_attachment_rows(text, RULES, 0, units.looks_like_unit, units.lead_marker_re, None, _word_across())
    assert [(r.number, r.name, r.units, r.cells) for r in got] == expected
    for r in got:
        assert text[r.start : r.end].startswith(str(r.number))


FLOWED_NOT_A_HEADER = [
    "序号 项目名称\n1 实施教育工程 区教育局\n",  # two names: no table header to read columns from
    "序号 联系人 联系电话\n1 张某 1234567\n",  # no name column
    "序号 本通知所列十项实事的任务分解 责任单位\n1 实施教育工程 区教育局\n",  # a sentence, not a header name
]


@pytest.mark.parametrize("text", FLOWED_NOT_A_HEADER)
def test_a_line_of_words_after_a_serial_header_is_no_flowed_table(text):
    assert find_attachment_rows(text, RULES, 0, IS_UNIT, None, None, _word_across()) == []


def test_a_unit_header_spanning_two_columns_takes_the_names_on_the_line_below():
    # a web table's colspan and rowspan: 责任单位 over 牵头 | 配合, the other header cells span both lines
    text = (
        "序号\t项目名称\t责任单位\t完成时限\t推进情况\n牵头\t配合\n"
        "1\t社区养老服务提质\t社会事务科\t\t2024年10月\t\n"
        "2\t助餐圈扩面\t社会事务科\t各社区居委会\t2024年9月\t\n"
    )
    rows = find_attachment_rows(text, RULES)
    assert [(r.number, r.name, r.units, r.cells) for r in rows] == [
        (1, "社区养老服务提质", ["社会事务科"], {"完成时限": "2024年10月"}),
        (2, "助餐圈扩面", ["社会事务科", "各社区居委会"], {"完成时限": "2024年9月"}),
    ]


def test_a_header_name_going_on_below_is_no_spanned_header():
    text = "序号\t项目名称\t责任单位\t年度目标\t完成\n时限\t备注\n1\t两癌免费检查\t省卫生计生委、省妇联\t检查6万人\t11月底\t\n"
    rows = find_attachment_rows(text, RULES)
    assert [(r.name, r.units) for r in rows] == [("两癌免费检查", ["省卫生计生委", "省妇联"])]


def test_a_category_column_before_the_serial_column():
    # 类别 merged over its rows by rowspan: later rows of a category start with an empty cell
    text = (
        "类别\t序号\t项目名称\t建设内容及目标\t责任单位\t完成时间\n"
        "教育文化类\t1\t扩充城乡学位供给\t新建城区小学1所\t县教育局\t2023年12月底\n"
        "\t2\t开展文化惠民活动\t送戏下乡150场次\t县文体广电旅游局\t2023年11月底\n"
    )
    rows = find_attachment_rows(text, RULES)
    assert [(r.number, r.name, r.units) for r in rows] == [(1, "扩充城乡学位供给", ["县教育局"]), (2, "开展文化惠民活动", ["县文体广电旅游局"])]


def test_a_column_named_by_two_unit_headers_is_read_once():
    # 责任单位 over 牵头单位 | 配合单位 in a Word table: the names join as 责任单位牵头单位, 责任单位配合单位
    text = (
        "序号\t项目名称\t目标任务\t责任单位\t\t完成时限\n\t\t\t牵头单位\t配合单位\t\n"
        "1\t新建改扩建中小学幼儿园\t新建中小学5所\t区教育局\t区发改局、区财政局\t2019年9月底\n"
    )
    rows = find_attachment_rows(text, RULES)
    assert [r.units for r in rows] == [["区教育局", "区发改局", "区财政局"]]


def test_a_flowed_name_cell_keeps_its_quotes_and_the_notice_s_headings_help():
    text = (
        "序号 项目名称 责任单位 完成时限 进展情况\n"
        "1 实施妇\n女“两\n癌”免费检\n查\n市卫生健康\n委、市妇\n联、市财政\n局\n2021 年 12\n月底\n"
        "2 实施妇女儿\n童文化体育\n惠民工程\n市文化和旅\n游局、市体\n育局\n2021 年 12\n月底\n"
    )
    units = load_unit_rules()
    got = find_attachment_rows(text, RULES, 0, units.looks_like_unit, None, None, _word_across(),
                               frozenset({"实施妇女“两癌”免费检查", "实施妇女儿童文化体育惠民工程"}))
    assert [(r.name, r.units) for r in got] == [
        ("实施妇女“两癌”免费检查", ["市卫生健康委", "市妇联", "市财政局"]),
        ("实施妇女儿童文化体育惠民工程", ["市文化和旅游局", "市体育局"]),
    ]


def test_a_table_set_out_with_spaces_keeps_the_wrapped_ends_of_its_cells_below_them():
    # pdftotext -layout: a cell too long for its column goes on below it on the next line
    text = (
        "  序号   项目名称                         牵头单位           配合单位               完成时限\n"
        "  1      新建改扩建中小学校和幼儿园       区教育体育局       区住房城乡建设局、区   2024年9月\n"
        "                                                             财政局\n"
        "  2      促进高质量充分就业               区人力资源社会保   区财政局、区妇联、团   2024年12月\n"
        "                                          障局               区委\n"
        "\n  各责任单位要按时报送进展情况。\n"
    )
    rows = find_attachment_rows(text, RULES, 0, IS_UNIT)
    assert [(r.number, r.name, r.units, r.cells) for r in rows] == [
        (1, "新建改扩建中小学校和幼儿园", ["区教育体育局", "区住房城乡建设局", "区财政局"], {"完成时限": "2024年9月"}),
        (2, "促进高质量充分就业", ["区人力资源社会保障局", "区财政局", "区妇联", "团区委"], {"完成时限": "2024年12月"}),
    ]


def test_the_distribution_block_ends_the_table_and_an_open_quote_keeps_a_name_cell_going():
    text = (
        "附件\n序号\n实事项目\n牵头单位\n配合单位\n完成时\n限\n"
        "1\n农村妇女“两癌”免费检\n查\n市卫生局\n市妇联\n10月底\n"
        "2\n建设村（社区）“妇女儿\n童之家”\n市妇联\n市财政局、各乡（镇）\n人民政府\n10月底\n"
        "抄送：市委办公室，市人大常委会办公室，市政协办公室。\n某某市人民政府办公室 2014年4月22日印发\n"
    )
    rows = find_attachment_rows(text, RULES, is_unit=IS_UNIT)
    assert [(r.number, r.name, r.units, r.cells) for r in rows] == [
        (1, "农村妇女“两癌”免费检查", ["市卫生局", "市妇联"], {"完成时限": "10月底"}),
        (2, "建设村（社区）“妇女儿童之家”", ["市妇联", "市财政局", "各乡（镇）人民政府"], {"完成时限": "10月底"}),
    ]
    assert text[rows[-1].start : rows[-1].end].endswith("10月底")


def test_a_date_or_a_unit_name_wrapped_in_its_cell_stays_out_of_the_empty_progress_column():
    text = (
        "附件\n序号\n项目名称\n目标任务\n责任单位\n完成时限\n进展情况\n"
        "1\n扩充城区教育资源\n新建中小学校6所\n市教育局\n2018年12\n月底\n"
        "2\n实施健康惠民工程\n“两癌”检查2.4万人\n市卫生计生委、市\n妇联\n2018年6月\n底\n"
    )
    rows = find_attachment_rows(text, RULES, is_unit=IS_UNIT)
    assert [(r.number, r.units, r.cells) for r in rows] == [
        (1, ["市教育局"], {"目标任务": "新建中小学校6所", "完成时限": "2018年12月底"}),
        (2, ["市卫生计生委", "市妇联"], {"目标任务": "“两癌”检查2.4万人", "完成时限": "2018年6月底"}),
    ]


def test_a_row_may_leave_its_cooperating_units_cell_empty_while_its_date_wraps():
    text = (
        "附件\n序\n号\n项目名称\n主要目标任务\n牵头单位\n配合单位\n完成时限\n"
        "1\n普惠托育扩容\n新增普惠性托位320个\n区卫健局\n区教体局、区财政局\n2024年11\n月底\n"
        "2\n农村供水保障\n农村供水提质改造项目6个\n区水利局\n2024年10\n月底\n"
        "3\n稳岗就业促进\n城镇新增就业8500人以上，\n技能培训4000人次\n区人社局\n2024年12\n月底\n"
    )
    rows = find_attachment_rows(text, RULES, is_unit=IS_UNIT)
    assert [(r.number, r.units, r.cells) for r in rows] == [
        (1, ["区卫健局", "区教体局", "区财政局"], {"主要目标任务": "新增普惠性托位320个", "完成时限": "2024年11月底"}),
        (2, ["区水利局"], {"主要目标任务": "农村供水提质改造项目6个", "完成时限": "2024年10月底"}),
        (3, ["区人社局"], {"主要目标任务": "城镇新增就业8500人以上，技能培训4000人次", "完成时限": "2024年12月底"}),
    ]
