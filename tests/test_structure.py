"""Entries: (notice text, [(id, kind, level, number, heading), ...]) per case."""

from __future__ import annotations

import pytest

from pipeline.normalise import compact
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
    (  # a careless draft changes its mark halfway (二. then 3、 4、): the numbering goes on, the level stays
        "一、新建幼儿园。新建幼儿园2所。（责任单位：县教育局）\n二.改造道路。改造道路5条。（责任单位：县交通局）\n"
        "3、免费体检。体检2000人次。（责任单位：县卫健局）\n4、送戏下乡。演出30场。（责任单位：县文旅局）",
        [("1", "item", 1, "一、", "新建幼儿园"), ("2", "item", 1, "二.", "改造道路"), ("3", "item", 1, "3、", "免费体检"),
         ("4", "item", 1, "4、", "送戏下乡")],
    ),
    (  # items numbered within sections that carry no mark after their number
        "1 健康服务\n1.1 免费体检。为老人体检2000人次。责任单位：县卫健局\n1.2 送医下乡。开展义诊20场。责任单位：县卫健局\n"
        "2 教育服务\n2.1 新建幼儿园。新建幼儿园2所。责任单位：县教育局",
        [("1", "section", 1, "1", "健康服务"), ("1.1", "item", 2, "1.1", "免费体检"), ("1.2", "item", 2, "1.2", "送医下乡"),
         ("2", "section", 1, "2", "教育服务"), ("2.1", "item", 2, "2.1", "新建幼儿园")],
    ),
    (  # a bracketed tag is the number, the title after it the heading
        "【惠民项目1】托育服务扩容\n目标任务：新增托位300个。\n责任单位：区卫健局\n"
        "【惠民项目2】老旧小区改造\n目标任务：改造小区12个。\n责任单位：区住建局",
        [("1", "item", 1, "【惠民项目1】", "托育服务扩容"), ("2", "item", 1, "【惠民项目2】", "老旧小区改造")],
    ),
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
        "项目一：老旧小区改造\n粉刷楼道200户。\n项目二：居家养老服务\n开展讲座12场。",
        [("1", "item", 1, "项目一：", "老旧小区改造"), ("2", "item", 1, "项目二：", "居家养老服务")],
    ),
    (  # the next item run onto the line after the clause of the one before
        "1、新建幼儿园2所。（责任单位：区教育局）2、新建养老服务设施4个。（责任单位：区民政局）\n3、改造小区5个。（责任单位：区住建局）",
        [("1", "item", 1, "1、", "新建幼儿园2所"), ("2", "item", 1, "2、", "新建养老服务设施4个"), ("3", "item", 1, "3、", "改造小区5个")],
    ),
    (  # a scan's spaces inside the numbers
        "一 、实施教育工程。新建幼儿园2所。\n二 、实施健康行动。筛查率达到90%。",
        [("1", "item", 1, "一 、", "实施教育工程"), ("2", "item", 1, "二 、", "实施健康行动")],
    ),
    (  # a number and a space, the mark after it lost; never 1 200人
        "1 新建幼儿园3所（区教育局）\n2 改造小区5个（区住建局）\n",
        [("1", "item", 1, "1", "新建幼儿园3所"), ("2", "item", 1, "2", "改造小区5个")],
    ),
    (  # parts group the items; a part that carries no clause is a section
        "第一部分 健康\n1.开展筛查。筛查4万人。（责任单位：区卫健委）\n2.近视防控。筛查2次。（责任单位：区教育局）\n"
        "第二部分 教育\n1.扩大学位。新建幼儿园3所。（责任单位：区教育局）\n2.家庭教育。举办讲座60场。（责任单位：区妇联）",
        [("1", "section", 1, "第一部分", "健康"), ("1.1", "item", 2, "1.", "开展筛查"), ("1.2", "item", 2, "2.", "近视防控"),
         ("2", "section", 1, "第二部分", "教育"), ("2.1", "item", 2, "1.", "扩大学位"), ("2.2", "item", 2, "2.", "家庭教育")],
    ),
    (  # unnumbered category lines end the item above them but are no entries: the items stay at level 1
        "教育类\n1.新建幼儿园2所。（责任单位：县教育局）\n2.新增学位540个。（责任单位：县教育局）\n\n"
        "卫生健康类\n3.开展两癌筛查1万人。（责任单位：县卫健局）\n4.新建村卫生室10个。（责任单位：县卫健局）",
        [("1", "item", 1, "1.", "新建幼儿园2所"), ("2", "item", 1, "2.", "新增学位540个"),
         ("3", "item", 1, "3.", "开展两癌筛查1万人"), ("4", "item", 1, "4.", "新建村卫生室10个")],
    ),
    (  # ... and numbering that starts again under each of them is not lost
        "教育发展\n1.新建幼儿园2所。（责任单位：县教育局）\n2.新增学位540个。（责任单位：县教育局）\n"
        "社会保障（2项）\n1.低保标准提高到每人每月800元。（责任单位：县民政局）\n2.新建养老服务站5个。（责任单位：县民政局）",
        [("1", "item", 1, "1.", "新建幼儿园2所"), ("2", "item", 1, "2.", "新增学位540个"),
         ("3", "item", 1, "1.", "低保标准提高到每人每月800元"), ("4", "item", 1, "2.", "新建养老服务站5个")],
    ),
    (  # sections holding one paragraph of 一是…；二是… entries, each closed by its clause
        "一、关爱妇女\n一是实施两癌检查，免费检查6000人（县卫健局负责）；二是开展技能培训：培训1500人次（县妇联负责）。\n"
        "二、关爱儿童\n一是建设儿童之家，新建25个（县民政局负责）；二是开展假期关爱：托管班20个（县妇联负责）。",
        [("1", "section", 1, "一、", "关爱妇女"), ("1.1", "item", 2, "一是", "实施两癌检查，免费检查6000人"),
         ("1.2", "item", 2, "二是", "开展技能培训"), ("2", "section", 1, "二、", "关爱儿童"),
         ("2.1", "item", 2, "一是", "建设儿童之家，新建25个"), ("2.2", "item", 2, "二是", "开展假期关爱")],
    ),
    (  # 一是…二是… inside one item that closes with the one clause stay its body
        "一、关爱妇女\n一是实施两癌检查，免费检查6000人；二是开展技能培训，培训1500人次。（县妇联负责）\n"
        "二、关爱儿童\n新建儿童之家25个。（县民政局负责）",
        [("1", "item", 1, "一、", "关爱妇女"), ("2", "item", 1, "二、", "关爱儿童")],
    ),
    (  # Markdown left by a converter: bold marks around a heading, a quote mark before a clause line
        "**一、实施教育资源扩容工程**\n\n新建中小学6所。\n\n> （责任单位：县教育体育局）\n\n"
        "**二、实施农贸市场提档升级工程。**完成8个农贸市场改造。\n\n> （县市场监管局牵头，县商务局配合）",
        [("1", "item", 1, "一、", "实施教育资源扩容工程"), ("2", "item", 1, "二、", "实施农贸市场提档升级工程")],
    ),
    (
        "第一件事：扩充教育资源。新建幼儿园2所。责任单位：县教育局。\n第二件事：开展健康关爱。筛查1万人。责任单位：县卫健局。",
        [("1", "item", 1, "第一件事：", "扩充教育资源"), ("2", "item", 1, "第二件事：", "开展健康关爱")],
    ),
    (  # Roman numeral sections over 1. items that start again in each
        "Ⅰ、教育惠民（2项）\n1.新建幼儿园3所。（责任单位：区教育局）\n2.新增学位500个。（责任单位：区教育局）\n"
        "Ⅱ、健康守护（2项）\n1.筛查1万人。（责任单位：区卫健局）\n2.体检2万人次。（责任单位：区卫健局）",
        [("1", "section", 1, "Ⅰ、", "教育惠民（2项）"), ("1.1", "item", 2, "1.", "新建幼儿园3所"), ("1.2", "item", 2, "2.", "新增学位500个"),
         ("2", "section", 1, "Ⅱ、", "健康守护（2项）"), ("2.1", "item", 2, "1.", "筛查1万人"), ("2.2", "item", 2, "2.", "体检2万人次")],
    ),
    (  # dingbat numbers
        "❶实施托育工程。新增托位300个。（责任单位：区卫健局）\n❷实施助餐工程。新建助餐点20个。（责任单位：区民政局）",
        [("1", "item", 1, "❶", "实施托育工程"), ("2", "item", 1, "❷", "实施助餐工程")],
    ),
    (  # a draft's numbering: 3 skipped, 4 repeated; each line an item closed by its clause
        "1.新建幼儿园3所。（责任单位：县教育局）\n2.筛查1万人。（责任单位：县卫健局）\n"
        "4.新建养老站5个。（责任单位：县民政局）\n4.改造小区12个。（责任单位：县住建局）",
        [("1", "item", 1, "1.", "新建幼儿园3所"), ("2", "item", 1, "2.", "筛查1万人"), ("3", "item", 1, "4.", "新建养老站5个"),
         ("4", "item", 1, "4.", "改造小区12个")],
    ),
    (  # ... but a number out of turn inside an item without its own clause stays body text
        "1.新建幼儿园。新建3所，其中：\n3.城区新建2所；\n2.新增托位500个。（责任单位：县卫健局）",
        [("1", "item", 1, "1.", "新建幼儿园"), ("2", "item", 1, "2.", "新增托位500个")],
    ),
    (  # one short line above the list is no grouping: the items stay at level 1
        "具体项目\n1.新建幼儿园2所。（责任单位：县教育局）\n2.新增学位540个。（责任单位：县教育局）",
        [("1", "item", 1, "1.", "新建幼儿园2所"), ("2", "item", 1, "2.", "新增学位540个")],
    ),
    (  # a short line inside the list but not above its first item groups nothing
        "1.新建幼儿园2所。（责任单位：县教育局）\n卫生健康类\n2.开展两癌筛查1万人。（责任单位：县卫健局）\n"
        "社会保障类\n3.新建养老服务站5个。（责任单位：县民政局）",
        [("1", "item", 1, "1.", "新建幼儿园2所"), ("2", "item", 1, "2.", "开展两癌筛查1万人"),
         ("3", "item", 1, "3.", "新建养老服务站5个")],
    ),
    (
        "一 妇女创业就业\n开展培训2000人次。\n二 儿童安全防护\n开展讲座12场。",
        [("1", "item", 1, "一", "妇女创业就业"), ("2", "item", 1, "二", "儿童安全防护")],
    ),
    (
        "实事一——妇女两癌筛查。筛查4万人。\n实事二:托育服务扩容。新增托位1500个。\n实事三 儿童近视防控。筛查2次。",
        [("1", "item", 1, "实事一——", "妇女两癌筛查"), ("2", "item", 1, "实事二:", "托育服务扩容"),
         ("3", "item", 1, "实事三", "儿童近视防控")],
    ),
    (
        "第1件：实施教育工程。新建幼儿园2所。\n第2件 实施健康行动。筛查率达到90%。",
        [("1", "item", 1, "第1件：", "实施教育工程"), ("2", "item", 1, "第2件", "实施健康行动")],
    ),
    (
        "（一）项目名称：农村饮水工程\n建设内容：新建水厂2座。\n\n（二）项目名称：学前教育扩容\n建设内容：新建幼儿园2所。",
        [("1", "item", 1, "（一）", "农村饮水工程"), ("2", "item", 1, "（二）", "学前教育扩容")],
    ),
    (
        "● 城乡教育扩容提质。\n新建小学1所。\n● 群众健康服务提升。\n开展筛查1.5万人。",
        [("1", "item", 1, "●", "城乡教育扩容提质"), ("2", "item", 1, "●", "群众健康服务提升")],
    ),
    (
        "民生实事一：新建幼儿园2所。\n民生实事二：开展讲座12场。",
        [("1", "item", 1, "民生实事一：", "新建幼儿园2所"), ("2", "item", 1, "民生实事二：", "开展讲座12场")],
    ),
    (
        "实事1：新建幼儿园2所。\n实事2：开展讲座12场。",
        [("1", "item", 1, "实事1：", "新建幼儿园2所"), ("2", "item", 1, "实事2：", "开展讲座12场")],
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
    (  # three levels: areas over groups with an introductory sentence over points numbered on across them
        "一、教育领域（3项）\n（一）扩大教育资源供给。坚持教育优先发展。\n1.新增公办学位。新建中小学20所。（牵头单位：省教育厅）\n"
        "2.改善寄宿制学校条件。改造宿舍1200所。（牵头单位：省教育厅）\n（二）丰富文化生活。推进公共文化服务。\n"
        "3.建设文化空间。新建书吧500个。（牵头单位：省文化和旅游厅）\n二、医疗领域（1项）\n（一）提升基层医疗能力。推动资源下沉。\n"
        "4.建设医疗次中心。建成次中心80个。（牵头单位：省卫生健康委）",
        [("1", "section", 1, "一、", "教育领域（3项）"), ("1.1", "section", 2, "（一）", "扩大教育资源供给"),
         ("1.1.1", "item", 3, "1.", "新增公办学位"), ("1.1.2", "item", 3, "2.", "改善寄宿制学校条件"),
         ("1.2", "section", 2, "（二）", "丰富文化生活"), ("1.2.1", "item", 3, "3.", "建设文化空间"),
         ("2", "section", 1, "二、", "医疗领域（1项）"), ("2.1", "section", 2, "（一）", "提升基层医疗能力"),
         ("2.1.1", "item", 3, "4.", "建设医疗次中心")],
    ),
    (  # a labelled clause in black brackets before the title: the heading is the title after it
        "一、【牵头单位：市人社局；配合单位：市妇联】促进妇女创业就业。培训妇女2000人次。\n"
        "二、【责任单位：市卫健委】发展托育服务。新增托位800个。",
        [("1", "item", 1, "一、", "促进妇女创业就业"), ("2", "item", 1, "二、", "发展托育服务")],
    ),
    (  # 第一件实事： and 民生实事项目一 alone on its line, the title below
        "第一件实事：新建幼儿园。新建幼儿园2所。（责任单位：县教育局）\n第二件实事：改造道路。改造道路5条。（责任单位：县交通局）",
        [("1", "item", 1, "第一件实事：", "新建幼儿园"), ("2", "item", 1, "第二件实事：", "改造道路")],
    ),
    (
        "民生实事项目一\n新建扩建公办幼儿园\n新建幼儿园2所。\n责任单位：市教育局\n\n民生实事项目二\n实施两癌筛查\n筛查1万人。\n责任单位：市卫健委",
        [("1", "item", 1, "民生实事项目一", "新建扩建公办幼儿园"), ("2", "item", 1, "民生实事项目二", "实施两癌筛查")],
    ),
    (  # a stroke OCR read from a scan's margin before a heading
        "一、新建幼儿园。新建幼儿园2所。（责任单位：县教育局）\n丨二、改造道路。改造道路5条。（责任单位：县交通局）\n"
        "三、免费体检。体检2000人次。（责任单位：县卫健局）",
        [("1", "item", 1, "一、", "新建幼儿园"), ("2", "item", 1, "二、", "改造道路"), ("3", "item", 1, "三、", "免费体检")],
    ),
    (  # an unnumbered paragraph that opens points with a colon: the points and the clause are its body
        "实施教育工程。新建幼儿园2所。（县教育局）\n保障母婴安全。重点做好以下工作：\n孕产妇系统管理率达到90%以上；\n"
        "对农村孕产妇住院分娩给予补助，每人补助500元。\n（责任单位：县卫健局）\n实施健康行动。筛查率达到90%。（县卫健局）\n",
        [("1", "item", 1, None, "实施教育工程"), ("2", "item", 1, None, "保障母婴安全"), ("3", "item", 1, None, "实施健康行动")],
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
    (  # a repost's headings: a bar after the number (01 ｜, 2丨)
        "01 ｜ 扩增优质教育资源\n新建中小学4所。\n📌责任单位：区教育局\n\n02 ｜ 提升基层医疗服务\n新建卫生服务站5个。\n",
        [("1", "item", 1, "01 ｜", "扩增优质教育资源"), ("2", "item", 1, "02 ｜", "提升基层医疗服务")],
    ),
    ("1丨实施教育工程\n新建幼儿园2所。\n2丨实施健康行动\n筛查率达到90%。", [("1", "item", 1, "1丨", "实施教育工程"), ("2", "item", 1, "2丨", "实施健康行动")]),
    (  # unnumbered titles ending as sentences, two body paragraphs, then the clause
        "实施城乡适龄妇女“两癌”免费检查项目。\n为全县农村妇女免费开展宫颈癌检查1.2万人。\n对患病的困难妇女给予救助。\n"
        "（牵头单位：县卫健局；配合单位：县妇联）\n加强孕产妇和儿童健康管理。\n孕产妇系统管理率保持在90%以上。\n"
        "为婴幼儿免费开展贫血筛查4000人。（县卫健局负责）\n",
        [("1", "item", 1, None, "实施城乡适龄妇女“两癌”免费检查项目"), ("2", "item", 1, None, "加强孕产妇和儿童健康管理")],
    ),
    (  # the same in a PDF: bodies wrapped over lines of one width, a clause wrapped inside a name and a bracket
        "普惠托育服务扩容工程\n新建（改建）乡镇（街道）公办托育园4 所，新增普惠\n性托位600 个，每千人口拥有3 岁以下婴幼儿托位数达到\n"
        "4.5 个。\n对普惠性托育机构按每个托位1 万元给予一次性建设补\n助，为0—3 岁婴幼儿家庭发放育儿补贴每孩每年3600 元。\n"
        "主管部门：县卫健局；责任单位：县发改局、县城管局、国网茶陵县\n供电公司\n"
        "推进优质教育资源扩容。\n新建城区小学1 所、初中1 所，改扩建农村中小学5\n所，新增学位两千个以上。\n"
        "（责任单位：县人社局（牵头）、县财政局、县农业农村\n局、县总工会）\n",
        [("1", "item", 1, None, "普惠托育服务扩容工程"), ("2", "item", 1, None, "推进优质教育资源扩容")],
    ),
    ("今年要进一步做好妇女儿童工作，各单位请于3月底前报送材料。", []),
    (  # a meeting notice: numbered sections, but not a list of practical things
        "一、会议时间\n3月5日上午9:00。\n二、会议地点\n市政府3楼会议室。\n三、参会人员\n各单位负责同志1人。",
        [],
    ),
    (  # a repost's emoji before the numbers and before category lines: no part of the line
        "🔹 健康篇\n✅ 一、免费体检。为老人体检2000人次。（责任单位：县卫健局）\n"
        "✅ 二、送医下乡。开展义诊20场。（责任单位：县卫健局）\n🔹 教育篇\n✅ 三、新建幼儿园。新建幼儿园2所。（责任单位：县教育局）",
        [("1", "item", 1, "一、", "免费体检"), ("2", "item", 1, "二、", "送医下乡"), ("3", "item", 1, "三、", "新建幼儿园")],
    ),
    (  # 第一件 alone on its line over a table of two columns per item: the title in its 项目名称 row
        "第一件\n项目名称\t提高困难群众救助标准\n目标任务\t城市低保标准提高到每人每月750元。\n责任单位\t县民政局、县财政局\n"
        "第二件\n项目名称\t扩大普惠托育服务\n目标任务\t新增普惠托位200个。\n责任单位\t县卫生健康局",
        [("1", "item", 1, "第一件", "提高困难群众救助标准"), ("2", "item", 1, "第二件", "扩大普惠托育服务")],
    ),
    (  # a sentence about all the items at once ends the last of them
        "一、新建幼儿园。新建幼儿园2所。\n二、改造道路。改造道路5条。\n"
        "为确保各项实事按期完成，现将责任分工明确如下：县教育局负责第一项，县交通局负责第二项。",
        [("1", "item", 1, "一、", "新建幼儿园"), ("2", "item", 1, "二、", "改造道路")],
    ),
    (  # the requirements closing a plan under a verb of their own are no item
        "一、总体要求\n坚持以人民为中心。\n二、实事项目\n（一）新建幼儿园。新建幼儿园2所。（责任单位：县教育局）\n"
        "（二）改造道路。改造道路5条。（责任单位：县交通局）\n三、严格督查考核\n县政府督查室每季度督查一次。",
        [("1", "section", 1, "二、", "实事项目"), ("1.1", "item", 2, "（一）", "新建幼儿园"),
         ("1.2", "item", 2, "（二）", "改造道路")],
    ),
]


@pytest.mark.parametrize(("body", "expected"), CASES)
def test_entries(body, expected):
    assert rows(HEAD + body + TAIL) == expected


def test_candidates_voted_on_beside_the_chosen_list_are_no_items():
    text = (
        "关于2022年县政府民生实事项目的通知\n各乡镇：\n"
        "一、候选项目及票决结果\n1.新建幼儿园（得票220）\n2.改造老旧小区（得票190）\n3.新建公园（得票120）\n"
        "二、2022年县政府民生实事项目（2项）\n（一）新建幼儿园。新建幼儿园3所。（责任单位：县教育局）\n"
        "（二）改造老旧小区。改造小区12个。（责任单位：县住建局）\n"
    )
    assert [(e.number, e.kind) for e in entries(text)] == [("二、", "section"), ("（一）", "item"), ("（二）", "item")]


def test_a_layout_table_of_items_without_serial_numbers_reads_each_row():
    text = (
        "关于下达2019年重点民生实事项目的通知\n各街道：\n现将项目下达，请抓好落实。\n实事项目\t责任单位\n"
        "学前教育扩容。新建幼儿园4所。\t区教育局\n两癌筛查。筛查妇女1.5万人。\t区卫健局\n"
        "老旧小区改造。改造小区32个。\t区住建局\n"
    )
    got = [text[e.heading_start : e.heading_end] for e in entries(text)]
    assert got == ["学前教育扩容", "两癌筛查", "老旧小区改造"]


def test_a_list_attached_after_a_covering_notice_s_own_points():
    text = (
        "关于做好2021年为妇女儿童办实事工作的通知\n各市：\n　　2021年继续办好实事（见附件）。现就有关事项通知如下：\n"
        "　　一、提高认识。各地要高度重视。\n　　二、加强督查。将适时开展督查。\n"
        "　　附件：2021年为妇女儿童办实事项目\n\n某省妇女儿童工作委员会\n2021年3月1日\n\n附件\n\n2021年为妇女儿童办实事项目\n\n"
        "　　1．实施两癌检查。检查10万人。（牵头单位：省卫健委）\n"
        "　　2．新建儿童之家。新建儿童之家100个。（牵头单位：省民政厅）\n"
        "　　3．开展技能培训。培训妇女2万人次。（牵头单位：省妇联）\n"
    )
    got = [(e.number, text[e.heading_start : e.heading_end]) for e in entries(text)]
    assert got == [("1．", "实施两癌检查"), ("2．", "新建儿童之家"), ("3．", "开展技能培训")]


def test_unnumbered_paragraphs_attached_after_the_signature_are_the_list():
    # a web page's <ol>: the browser draws the numbers, the text holds none
    text = (
        "关于印发2023年为妇女儿童办实事项目的通知\n各乡镇：\n　　现将项目印发给你们，请认真组织实施。\n"
        "　　附件：2023年为妇女儿童办实事项目\n某县妇女儿童工作委员会\n2023年3月1日\n附件\n2023年为妇女儿童办实事项目\n"
        "今年为妇女儿童办好以下3件实事：\n实施两癌检查。检查妇女8000人。（责任单位：县卫健局）\n"
        "新增学位。新建幼儿园4所。（责任单位：县教育局）\n关爱留守儿童。开展关爱活动200场。（责任单位：县民政局）\n"
    )
    got = [(e.number, text[e.heading_start : e.heading_end]) for e in entries(text)]
    assert got == [(None, "实施两癌检查"), (None, "新增学位"), (None, "关爱留守儿童")]


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


# -- layouts the outline must read whatever their wording --------------------------------------


def whole(text: str):
    """Entries of a whole notice, its header ending where meta says (no HEAD/TAIL added)."""
    from pipeline.meta import find_meta, load_meta_rules

    _, header_end = find_meta(text, load_meta_rules())
    outline = Outline(text, ITEM_RULES, UNIT_RULES, body_start=header_end)
    found, stack = [], list(outline.entries())
    while stack:
        e = stack.pop(0)
        found.append(e)
        stack[:0] = e.children
    return outline, found


def spans(text: str):
    return [(e.id, e.kind, e.number, text[e.heading_start : e.heading_end], text[e.start : e.end]) for e in whole(text)[1]]


ONE_LINE = [
    (  # full stops written as "." after Chinese characters, a 各地要… sentence inside the last item before its clause
        "关于2019年为全区妇女儿童办实事的通知 各乡镇人民政府,区级各部门:经研究,决定办好以下实事.现将有关事项通知如下."
        "1.推进学前教育普惠发展.新建幼儿园4所,新增学位1080个.(责任单位:区教体局)"
        "2.实施两癌免费检查.为35-64岁妇女免费检查1.2万人.各地要结合实际抓好落实.(责任单位:区卫健局)"
        "各责任单位要于6月30日前报送进展情况.\n某区人民政府办公室 2019年3月18日\n",
        [
            ("1", "item", "1.", "推进学前教育普惠发展", "区教体局)"),
            ("2", "item", "2.", "实施两癌免费检查", "区卫健局)"),
        ],
    ),
    (  # 一、 items in running text, half-width clauses with two labels, signature on a second line
        "某政办〔2025〕3号 某市人民政府办公室关于2025年为全市妇女儿童办实事的通知 各县(区)人民政府,市直有关单位: "
        "为增进妇女儿童福祉,经市政府研究,决定办好以下实事。现将有关事项通知如下: "
        "一、扩大托育服务供给。新增普惠托位1500个,培训保育人员800人次。(牵头单位:市卫健委,责任单位:各县(区)人民政府) "
        "二、实施“两癌”免费检查。为35-64岁妇女免费检查6万人,随访率达到95%以上。(牵头单位:市卫健委,责任单位:市妇联) "
        "三、建设儿童友好空间。改造儿童游乐场地30处,建成儿童之家50个,每个县(区)至少建成1个儿童图书馆。(牵头单位:市住建局,责任单位:市民政局) "
        "各县(区)、各有关单位要把实事纳入年度重点工作,于12月10日前报送完成情况。"
        "\n某市人民政府办公室 2025年3月18日\n",
        [
            ("1", "item", "一、", "扩大托育服务供给", ")人民政府)"),
            ("2", "item", "二、", "实施“两癌”免费检查", "单位:市妇联)"),
            ("3", "item", "三、", "建设儿童友好空间", "位:市民政局)"),
        ],
    ),
    (  # (一) items with no space between them, clauses with verbs, the title on a line of its own
        "某县人民政府办公室关于印发2023年民生实事项目的通知\n"
        "各乡镇人民政府,县直各单位:经县人民政府同意,现将2023年民生实事项目通知如下,请认真组织实施。"
        "(一)农村公路提质改造。完成农村公路提质改造85公里,实施危桥改造8座,新建产业路30公里。(县交通运输局牵头,各乡镇人民政府配合)"
        "(二)城镇老旧小区改造。改造城镇老旧小区12个,加装电梯10部,新增停车位400个。(县住建局负责)"
        "(三)文化惠民。送戏下乡100场,放映公益电影2400场次,新建村级综合文化服务中心10个。(责任单位:县文旅广体局)"
        "各牵头单位要会同配合单位制定实施方案,每季度末报送工作进展。"
        "\n某县人民政府办公室 2023年4月6日\n",
        [
            ("1", "item", "(一)", "农村公路提质改造", "政府配合)"),
            ("2", "item", "(二)", "城镇老旧小区改造", "住建局负责)"),
            ("3", "item", "(三)", "文化惠民", "文旅广体局)"),
        ],
    ),
    (  # 1. items right after the preamble's colon, a requirements list after them that is not the list
        "关于2026年为全区妇女儿童办实事的通知\n"
        "各街道办事处,区直各单位:经区政府研究,2026年为全区妇女儿童办好以下实事:"
        "1.实施妇女健康守护行动。免费开展宫颈癌筛查8000人、乳腺癌筛查7000人,孕产妇系统管理率达到92%以上。(责任单位:区卫健局,区妇联)"
        "2.建设托育服务示范点。新建社区托育服务示范点5个,新增普惠托位250个,服务婴幼儿家庭2000人次。(区卫健局负责,各街道配合)"
        "3.扩充优质学位供给。新建公办幼儿园2所,新增学位2160个,课后服务覆盖率保持100%。(责任单位:区教育局)"
        "现提出以下工作要求:(一)加强领导,每月调度1次。(二)强化保障,安排资金500万元。"
        "\n某区人民政府办公室2026年2月28日\n",
        [
            ("1", "item", "1.", "实施妇女健康守护行动", "区妇联)"),
            ("2", "item", "2.", "建设托育服务示范点", "街道配合)"),
            ("3", "item", "3.", "扩充优质学位供给", ":区教育局)"),
        ],
    ),
    (  # items joined by ；, the signature run on after the closing sentence
        "关于2024年为全县妇女儿童办实事的通知 各乡镇:现将有关事项通知如下:"
        "一、实施托育扩容工程,新增托位300个,培训保育人员200人次(责任单位:县卫健局);"
        "二、实施两癌筛查,免费筛查5000人,随访率达到95%(责任单位:县卫健局,县妇联);"
        "三、建设儿童之家,新建儿童之家20个,每月开展活动1次(县民政局负责)。"
        "请各乡镇抓好落实。某县人民政府办公室 2024年3月1日\n",
        [
            ("1", "item", "一、", "实施托育扩容工程,新增托位300个,培训保育人员200人次", "县卫健局)"),
            ("2", "item", "二、", "实施两癌筛查,免费筛查5000人,随访率达到95%", "县妇联)"),
            ("3", "item", "三、", "建设儿童之家,新建儿童之家20个,每月开展活动1次", "民政局负责)。"),
        ],
    ),
    (  # a copy that kept two of its breaks: neither line holds half the notice
        "关于2024年为全区妇女儿童办实事的通知\n各街道:现将有关事项通知如下:"
        "一、新建幼儿园。新建公办幼儿园3所,新增学位900个,普惠园覆盖率达到90%。(责任单位:区教育局)"
        "二、开展两癌筛查。为35-64岁妇女免费筛查8000人,随访率达到95%以上。(责任单位:区卫健局)"
        "三、建设儿童之家。新建儿童之家20个,每月开展活动不少于2次,为儿童之家配备专兼职工作人员各2名。(责任单位:区民政局)\n"
        "四、提供法律援助。办理妇女儿童法律援助案件200件,开展宣传活动50场。(责任单位:区司法局)"
        "五、关爱困境儿童。为困境儿童发放生活补贴每人每月1200元,走访困境儿童家庭300户。(责任单位:区民政局)"
        "六、促进妇女就业。开展技能培训1500人次,提供就业岗位2000个以上,扶持妇女创业项目30个。(责任单位:区人社局)"
        "请各街道、各有关单位抓好落实,每季度末报送进展情况。某区人民政府办公室 2024年3月1日\n",
        [
            ("1", "item", "一、", "新建幼儿园", "区教育局)"),
            ("2", "item", "二、", "开展两癌筛查", "区卫健局)"),
            ("3", "item", "三、", "建设儿童之家", "区民政局)"),
            ("4", "item", "四、", "提供法律援助", "区司法局)"),
            ("5", "item", "五、", "关爱困境儿童", "区民政局)"),
            ("6", "item", "六、", "促进妇女就业", "区人社局)"),
        ],
    ),
    (  # the list inline (一是…二是…) in a run-on notice: the last entry ends before the closing
        "关于2023年为全区妇女儿童办实事的通知 各镇街:经区政府同意,2023年为全区妇女儿童办好以下实事:"
        "一是实施托育扩容,新增普惠托位500个(责任单位:区卫健局);二是开展两癌筛查,免费筛查1万人(责任单位:区妇联);"
        "三是建设儿童之家,新建儿童之家30个(责任单位:区民政局)。各镇街、各有关单位要高度重视,确保年底前全部完成。"
        "\n某区人民政府办公室 2023年3月1日\n",
        [
            ("1", "item", "一是", "实施托育扩容,新增普惠托位500个", "区卫健局)"),
            ("2", "item", "二是", "开展两癌筛查,免费筛查1万人", "区妇联)"),
            ("3", "item", "三是", "建设儿童之家,新建儿童之家30个", "区民政局)。"),
        ],
    ),
]

NUMBERING_LOST = [
    (  # the title alone on its line, the body below, then a 责任单位 line
        "关于2024年区级妇女儿童实事项目的通知\n各街道：\n现将有关事项通知如下：\n"
        "扩大婴幼儿照护服务供给\n新建社区托育点6个，新增普惠托位300个。\n责任单位：区卫健局、区教育局\n"
        "守护妇女儿童健康\n免费筛查宫颈癌1.2万人，产前筛查不少于4500人。\n责任单位：区卫健局、区妇联\n"
        "各责任单位要于每季度末报送进展情况。\n",
        [("1", "item", None, "扩大婴幼儿照护服务供给", "、区教育局"), ("2", "item", None, "守护妇女儿童健康", "局、区妇联")],
    ),
    (  # blank lines between title, body paragraphs and the clause; labels on two lines
        "关于2023年民生实事项目的通知\n各乡镇：\n具体项目如下：\n\n"
        "改善农村饮水条件\n\n新建集中供水工程15处，维修小型供水工程60处。\n\n农村自来水普及率达到92%以上。\n\n"
        "牵头单位：县水利局\n配合单位：各乡镇人民政府\n\n"
        "提升养老服务水平\n\n新建互助养老服务点20个，改造敬老院3所。\n\n牵头单位：县民政局\n配合单位：县财政局\n\n"
        "各牵头单位要抓好落实。\n",
        [("1", "item", None, "改善农村饮水条件", "乡镇人民政府"), ("2", "item", None, "提升养老服务水平", "位：县财政局")],
    ),
]

NUMBERING_LOST.append(
    (  # the items' numbers lost, their typed sub-points' kept: the titled paragraphs are the list
        "关于2024年区级民生实事项目的通知\n各街道：\n现将有关事项通知如下：\n"
        "扩大婴幼儿照护服务供给\n1.新建社区托育点6个；\n2.新增普惠托位300个。\n责任单位：区卫健局\n"
        "守护妇女儿童健康\n1.免费筛查宫颈癌1.2万人；\n2.产前筛查不少于4500人。\n责任单位：区卫健局、区妇联\n"
        "各责任单位要于每季度末报送进展情况。\n",
        [("1", "item", None, "扩大婴幼儿照护服务供给", "单位：区卫健局"), ("2", "item", None, "守护妇女儿童健康", "局、区妇联")],
    )
)

NUMBERING_LOST.append(
    (  # the clause on the title line, the body below it
        "关于2024年区级民生实事项目的通知\n各街道：\n现将有关事项通知如下：\n"
        "扩大婴幼儿照护服务供给（责任单位：区卫健局）\n新建社区托育点6个，新增普惠托位300个。\n"
        "守护妇女儿童健康（责任单位：区卫健局、区妇联）\n免费筛查宫颈癌1.2万人。\n产前筛查不少于4500人。\n"
        "各责任单位要于每季度末报送进展情况。\n",
        [("1", "item", None, "扩大婴幼儿照护服务供给", "普惠托位300个。"), ("2", "item", None, "守护妇女儿童健康", "不少于4500人。")],
    )
)

NUMBERING_LOST.append(
    (  # the outer numbering kept, the items' lost: the list section holds the titled paragraphs
        "关于2024年为全县妇女儿童办实事的通知\n各乡镇：\n"
        "一、总体要求\n坚持儿童优先，全年投入资金3000万元。\n二、民生实事项目\n"
        "实施托育扩容工程。新增托位300个。（责任单位：县卫健局）\n"
        "开展两癌筛查。免费筛查5000人。（责任单位：县卫健局、县妇联）\n"
        "三、保障措施\n各乡镇要加强领导，每季度调度1次。\n",
        [
            ("1", "section", "二、", "民生实事项目", "县妇联）"),
            ("1.1", "item", None, "实施托育扩容工程", "县卫健局）"),
            ("1.2", "item", None, "开展两癌筛查", "县妇联）"),
        ],
    )
)

NUMBERING_LOST.append(
    (  # every paragraph separated by a blank line, the two labels too
        "关于下达2024年县级为民办实事项目计划的通知\n各乡镇：\n现将项目计划下达如下：\n\n"
        "改善城乡供水条件\n\n新建改造农村供水工程20处，受益群众1.5万人。\n\n牵头单位：县水利局\n\n配合单位：各乡镇人民政府\n\n"
        "提升基层医疗服务\n\n为65岁以上老年人免费体检2万人。\n\n牵头单位：县卫健局\n\n配合单位：县医保局\n\n"
        "各项目牵头单位要会同配合单位制定实施方案。\n",
        [("1", "item", None, "改善城乡供水条件", "各乡镇人民政府"), ("2", "item", None, "提升基层医疗服务", "位：县医保局")],
    )
)

NUMBERING_LOST.append(
    (  # a dash before the label of the clause line that closes a paragraph
        "关于2021年街道民生实事项目的通知\n各社区：\n现通知如下：\n\n"
        "建设养老服务综合体。建成综合体1个。【责任科室：社会事务办】\n\n"
        "打造便民生活圈。新建便民服务网点6个。\n——责任部门：城市管理办、经济发展办\n\n"
        "实施老旧院落改造。综合整治老旧院落8个。\n——责任部门：城市管理办\n\n"
        "各责任科室要高度重视。\n",
        [("1", "item", None, "建设养老服务综合体", "社会事务办】"), ("2", "item", None, "打造便民生活圈", "经济发展办"),
         ("3", "item", None, "实施老旧院落改造", "城市管理办")],
    )
)

NUMBERING_LOST.append(
    (  # the last item's clause line ends like an office's name but is no signature
        "关于2025年民生实事项目的通知\n各乡镇：\n现通知如下：\n"
        "第一件：扩大学位\n新建幼儿园2所。\n【责任单位】县教育体育局\n\n"
        "第二件：护学岗\n设立护学岗20个。\n【责任单位】县公安局、县教育体育局\n\n"
        "以上实事项目由县政府督查室跟踪督办。\n\n某县人民政府办公室\n2025年3月1日\n",
        [("1", "item", "第一件：", "扩大学位", "县教育体育局"), ("2", "item", "第二件：", "护学岗", "县公安局、县教育体育局")],
    )
)

NUMBERING_LOST.append(
    (  # a closing paragraph that counts the items (以上十件实事…) is not the last item's
        "关于2025年十件实事的通知\n各镇：\n现通知如下：\n"
        "1.新建10所幼儿园\n新增学位3000个。\n责任单位：区教育局\n"
        "2.新建养老服务站5个\n覆盖老人2000人。\n责任单位：区民政局\n\n"
        "以上十件实事总投资9.6亿元，其中争取上级资金5.2亿元。\n",
        [("1", "item", "1.", "新建10所幼儿园", "区教育局"), ("2", "item", "2.", "新建养老服务站5个", "区民政局")],
    )
)

NUMBERING_LOST.append(
    (  # the last item's clause is a line of its own that opens like the closing (以上项目…)
        "关于2024年民生实事的通知\n各街道：\n现通知如下：\n"
        "一、“幼有善育”行动。新增托位300个。以上项目由区卫健局牵头，区妇联配合。\n"
        "二、“弱有众扶”行动。救助困难群众1200人。\n以上项目由区民政局牵头，区残联配合。\n\n"
        "各责任单位要切实提高认识。\n",
        [("1", "item", "一、", "“幼有善育”行动", "区妇联配合。"), ("2", "item", "二、", "“弱有众扶”行动", "区残联配合。")],
    )
)

NUMBERING_LOST.append(
    (  # a 职责分工 section that repeats the items with their units holds no entries
        "关于2024年民生实事的通知\n各乡镇：\n现通知如下：\n一、主要内容\n"
        "（一）新建幼儿园。新建幼儿园3所。（责任单位：县教育局）\n（二）两癌筛查。筛查1万人。（责任单位：县卫健委）\n"
        "二、职责分工\n1.新建幼儿园：由县教育局负责，县财政局配合。\n2.两癌筛查：由县卫健委负责，县妇联配合。\n"
        "三、工作要求\n各单位要抓好落实。\n",
        [("1", "section", "一、", "主要内容", "县卫健委）"), ("1.1", "item", "（一）", "新建幼儿园", "县教育局）"),
         ("1.2", "item", "（二）", "两癌筛查", "县卫健委）")],
    )
)

NUMBERING_LOST.append(
    (  # a closing paragraph that opens with no cue ends the last item at its clause
        "关于2023年为妇女儿童办实事的通知\n各乡镇：\n现通知如下：\n"
        "一、两癌筛查。筛查1万人。（责任单位：县卫健委）\n二、托育扩容。新增托位300个。（责任单位：县卫健委）\n"
        "三、儿童之家。新建20个。（责任单位：县民政局）\n\n"
        "为妇女儿童办实事是践行发展思想的具体举措，各单位每季度开展1次督查。\n",
        [("1", "item", "一、", "两癌筛查", "县卫健委）"), ("2", "item", "二、", "托育扩容", "县卫健委）"),
         ("3", "item", "三、", "儿童之家", "县民政局）")],
    )
)

NUMBERING_LOST.append(
    (  # a work report: the part headed as the list holds the items, the parts of figures beside it none
        "2024年政府工作报告\n各位代表：\n现在报告如下：\n"
        "一、2024年工作安排\n地区生产总值增长6%左右，新开工项目60个。\n"
        "二、扎实办好十件民生实事\n1.新建幼儿园3所。（责任单位：县教育局）\n2.新增托位300个。（责任单位：县卫健委）\n"
        "三、全面加强政府自身建设\n一般性支出压减10%以上。\n",
        [("1", "section", "二、", "扎实办好十件民生实事", "县卫健委）"), ("1.1", "item", "1.", "新建幼儿园3所", "县教育局）"),
         ("1.2", "item", "2.", "新增托位300个", "县卫健委）")],
    )
)

NESTED_INLINE = [
    (  # paragraphs that each close with a clause win over the 一是…二是… inside one of them
        "关于2022年为辖区妇女儿童办实事的通知\n各社区：\n具体如下：\n"
        "实施巾帼就业工程。重点做好三方面工作：一是开展技能培训6期，培训妇女300人次；二是举办招聘会4场，提供岗位不少于500个；"
        "三是建设手工坊3个。（责任单位：街道社会事务办、街道妇联）\n"
        "开展妇女“两癌”筛查。为35—64周岁妇女免费筛查1500人。（责任单位：社区卫生服务中心）\n"
        "建设社区“儿童之家”。建成儿童之家8个，每月至少开展2次活动。（责任单位：街道妇联）\n"
        "各责任单位要确保年底前全部完成。\n",
        [
            ("1", "item", None, "实施巾帼就业工程", "街道妇联）"),
            ("2", "item", None, "开展妇女“两癌”筛查", "务中心）"),
            ("3", "item", None, "建设社区“儿童之家”", "街道妇联）"),
        ],
    ),
]

NESTED_INLINE.append(
    (  # must not match: numbering that runs on under unnumbered group titles is the list itself
        "关于2024年为全县妇女儿童办实事的通知\n各乡镇：\n现将有关事项通知如下：\n"
        "妇女发展类\n1.开展两癌筛查，免费筛查5000人；\n2.开展技能培训，培训妇女800人次。\n（责任单位：县卫健局、县妇联）\n"
        "儿童发展类\n3.新建儿童之家20个；\n4.新增托位300个。\n（责任单位：县民政局、县卫健局）\n各乡镇要抓好落实。\n",
        [
            ("1", "item", "1.", "开展两癌筛查，免费筛查5000人", "5000人；"),
            ("2", "item", "2.", "开展技能培训，培训妇女800人次", ""),  # where it ends is not the point here
            ("3", "item", "3.", "新建儿童之家20个", "之家20个；"),
            ("4", "item", "4.", "新增托位300个", "县卫健局）"),
        ],
    )
)

NOT_A_LIST = [
    (  # an inspection notice about the practical things: numbered sections full of figures
        "关于开展2024年为妇女儿童办实事项目落实情况督查的通知\n各市州：\n现将有关事项通知如下：\n"
        "一、督查时间\n2024年9月10日至9月30日，每个市州2天。\n二、督查内容\n"
        "（一）项目推进情况。重点督查新增托位1.5万个、“两癌”检查60万人的完成进度。\n"
        "（二）资金保障情况。省级专项资金2.3亿元的拨付使用情况。\n三、督查方式\n（一）听取汇报，时间控制在20分钟以内。\n"
        "（二）实地查看，每个县查看项目点不少于3个。\n四、有关要求\n请于9月5日前报送自查报告。\n",
        [],
    ),
    (  # a training course: 培训对象 / 培训内容 / 培训时间 are not items
        "关于举办2024年全市家庭教育指导师培训班的通知\n各区妇联：\n现将有关事项通知如下：\n"
        "一、培训对象\n各区家庭教育指导骨干，每区推荐5名，共60人。\n二、培训时间和地点\n5月20日至22日，市妇女儿童活动中心。\n"
        "三、培训内容\n（一）家庭教育促进法解读，4学时。\n（二）家庭教育指导实务，8学时。\n四、有关事项\n培训费用由市妇联承担。\n",
        [],
    ),
    (  # a request for figures on the practical things
        "关于报送2024年民生实事项目进展情况的通知\n各单位：\n"
        "一、报送内容\n1.项目完成情况，包括新增托位数、培训人次等指标。\n2.资金使用情况，已拨付资金2000万元以上的列明用途。\n"
        "二、报送时间\n请于每月5日前报送，逾期1次通报1次。\n",
        [],
    ),
    (  # statistics: the title names the activity, the sections its practical parts
        "关于做好2024年民生实事项目统计监测工作的通知\n各县区：\n一、统计范围\n纳入年度计划的12件民生实事。\n"
        "二、统计内容\n（一）新增托位数，目标1.5万个。\n（二）筛查人数，目标60万人。\n三、报送时间\n每月5日前。\n",
        [],
    ),
    (  # requirements about the practical things: dates, no figures, no clauses
        "关于做好2024年民生实事项目推进工作的通知\n各区县：\n"
        "一、进一步压实工作责任\n各牵头单位主要负责同志要亲自部署，于2024年3月底前制定实施方案。\n"
        "二、加快项目建设进度\n各区县要倒排工期，于每月5日前报送上月进展情况。\n"
        "三、强化宣传引导\n要及时总结推广好经验好做法，营造良好氛围。\n",
        [],
    ),
    (  # a general title, but the sections are the practical parts of an inspection: no fallback either
        "关于做好2024年为妇女儿童办实事有关工作的通知\n各县区：\n"
        "一、检查对象\n10个县区，每个县区抽查3个项目点。\n二、检查内容\n新增托位1.5万个、筛查60万人的完成进度。\n"
        "三、检查方式\n听取汇报、查阅资料、实地查看。\n",
        [],
    ),
]


@pytest.mark.parametrize(("text", "expected"), ONE_LINE + NUMBERING_LOST + NESTED_INLINE + NOT_A_LIST)
def test_layouts(text, expected):
    outline, _ = whole(text)
    got = spans(text)
    assert [g[:4] for g in got] == [x[:4] for x in expected]
    for (*_, span), (*_, tail) in zip(got, expected, strict=True):
        assert span.endswith(tail), span  # the item ends with its clause, before the next one or the closing
    assert not outline.fell_back


def test_a_long_item_body_with_inline_numbers_is_not_a_run_on_notice():
    points = "；".join(f"{k}.在{k}个社区开展宣传服务活动，为妇女儿童提供健康咨询和心理疏导服务不少于{k}0场次" for k in range(1, 8))
    others = "".join(
        f"{n}实施第{k}项工程。新建幼儿园{k}所，新增学位{k}00个。（责任单位：县教育局）\n"
        for k, n in enumerate(["二、", "三、", "四、", "五、", "六、", "七、", "八、"], 2)
    )
    text = HEAD + f"一、实施健康行动：{points}。\n" + others + TAIL
    assert [(e.id, e.kind, e.number) for e in entries(text)] == [
        (str(k), "item", n) for k, n in enumerate(["一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、"], 1)
    ]


FALLBACK = [
    (  # a list announced by its title whose paragraphs carry no number and no clause
        "关于公布2021年县政府民生实事项目的通知\n各乡镇：\n项目如下：\n\n"
        "新建幼儿园2所，新增学位540个，覆盖率达到100%。\n\n实施饮水提标工程，新建供水工程28处，受益人口1.2万人。\n\n"
        "为35—64周岁妇女免费检查5000人。\n\n附件：责任分工表\n",
        ["新建幼儿园2所，新增学位540个，覆盖率达到100%", "实施饮水提标工程，新建供水工程28处，受益人口1.2万人", "为35—64周岁妇女免费检查5000人"],
    ),
]

FALLBACK.append(
    (  # titles on their own lines, bodies with figures below, no clause anywhere: the titles lead
        "关于2024年区级民生实事项目的通知\n各街道：\n具体项目如下：\n"
        "扩大婴幼儿照护服务供给\n新建社区托育点6个，新增普惠托位300个。\n托育机构保育人员持证率达到100%。\n"
        "守护妇女儿童健康\n免费筛查宫颈癌1.2万人。\n"
        "以上项目由各有关单位抓好落实。\n",
        ["扩大婴幼儿照护服务供给", "守护妇女儿童健康"],
    )
)

FALLBACK.append(
    (  # a run-on notice whose entries carry no number of any style: the clause-closed spans
        "关于2024年为全县妇女儿童办实事的通知 各乡镇:经县政府研究,2024年办好以下实事:"
        "★实施托育扩容,新增普惠托位500个(责任单位:县卫健局)★开展两癌筛查,免费筛查1万人(责任单位:县妇联)"
        "★建设儿童之家,新建儿童之家30个(责任单位:县民政局)。请各乡镇抓好落实。\n",
        ["★实施托育扩容,新增普惠托位500个", "★开展两癌筛查,免费筛查1万人", "★建设儿童之家,新建儿童之家30个"],
    )
)

NO_FALLBACK = [
    "关于2024年民生实事项目推进情况的通知\n各单位：\n上半年新增托位3000个。\n\n完成筛查5万人。\n",  # a report on the list
    "关于2024年妇女儿童工作情况的通知\n各单位：\n今年完成筛查5万人。\n\n培训妇女3000人次。\n",  # no list announced, no clauses
    "关于召开2024年民生实事项目推进会的通知\n各单位：\n会议定于3月5日召开。\n\n请各单位1名负责同志参会。\n",  # a meeting
    "关于2024年民生实事项目的通知\n各单位：\n全年实事项目10件。\n",  # one paragraph is not a list
]


@pytest.mark.parametrize(("text", "headings"), FALLBACK)
def test_fallback_takes_the_paragraphs_that_hold_figures(text, headings):
    outline, found = whole(text)
    assert outline.fell_back
    assert [text[e.heading_start : e.heading_end] for e in found] == headings
    assert {e.rule for e in found} == {"item.fallback"} and {e.number for e in found} == {None}


@pytest.mark.parametrize("text", NO_FALLBACK)
def test_no_fallback_where_the_text_has_no_list(text):
    outline, found = whole(text)
    assert found == [] and not outline.fell_back


def test_numbering_glyphs_are_heading_numbers():
    text = HEAD + "⒈实施教育工程。新建幼儿园2所。（责任单位：县教育局）\n⒉实施健康行动。筛查90%。（责任单位：县卫健局）" + TAIL
    assert [(e.number, text[e.heading_start : e.heading_end]) for e in entries(text)] == [
        ("⒈", "实施教育工程"),
        ("⒉", "实施健康行动"),
    ]
    text = HEAD + "㈠实施教育工程。新建幼儿园2所。（责任单位：县教育局）\n㈡实施健康行动。筛查90%。（责任单位：县卫健局）" + TAIL
    assert [e.number for e in entries(text)] == ["㈠", "㈡"]


def test_a_fallback_record_keeps_its_figures_and_says_so(tmp_path):
    from pipeline.extract import Extractor

    path = tmp_path / "notice.txt"
    path.write_text(FALLBACK[0][0], encoding="utf-8")
    record = Extractor().extract_path(path)
    assert [w.code for w in record.warnings] == ["structure.fallback"]
    assert [c.text for i in record.items for c in i.commitments] == ["2所", "540个", "100%", "28处", "1.2万人", "5000人"]
    assert [a.text for i in record.items for a in i.age_ranges] == ["35—64周岁"]
    path.write_text(NO_FALLBACK[0], encoding="utf-8")
    assert [w.code for w in Extractor().extract_path(path).warnings] == ["items.none"]


def test_a_category_line_ends_the_item_above_it():
    text = HEAD + (
        "教育类\n1.新建幼儿园2所。（责任单位：县教育局）\n\n卫生健康类\n2.开展两癌筛查1万人。（责任单位：县卫健局）\n"
        "社会保障类\n3.新建养老服务站5个。（责任单位：县民政局）"
    ) + TAIL
    first, second, third = entries(text)
    assert text[first.start : first.end].endswith("县教育局）")
    assert text[second.start : second.end].endswith("县卫健局）")
    assert "类" not in text[third.start : third.end]


def test_a_notice_whose_list_is_only_a_table_reads_each_row_as_an_item(extractor, tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text(
        "某市人民政府办公室关于下达2023年民生实事项目的通知\n各乡镇：\n现将项目下达如下。\n"
        "序号\t项目名称\t建设内容及目标\t责任单位\t完成时间\n"
        "1\t普惠托育\t新增3岁以下婴幼儿托位600个。\t市卫生健康局 市教育局\t2023年12月底\n"
        "2\t低保提标\t城乡低保标准分别提高到每人每月580元、400元\t市民政局（牵头）、市财政局\t2023年6月底\n"
        "各责任单位要抓好落实。\n某市人民政府办公室\n2023年2月20日\n",
        encoding="utf-8",
    )
    record = extractor.extract_path(path)
    assert [w.code for w in record.warnings] == ["structure.table_rows"]
    assert [(i.number, i.heading.text, i.rule) for i in record.items] == [("1", "普惠托育", "item.table_row"), ("2", "低保提标", "item.table_row")]
    assert [[(c.text, c.target.text if c.target else None) for c in i.commitments] for i in record.items] == [
        [("600个", "婴幼儿托位")], [("580元", "城乡低保标准"), ("400元", "城乡低保标准")]
    ]
    assert [a.text for a in record.items[0].age_ranges] == ["3岁以下"]
    assert all(not i.responsible_units for i in record.items)  # a table names no clause
    assert [r.units for r in record.attachment_rows] == [["市卫生健康局", "市教育局"], ["市民政局", "市财政局"]]


@pytest.mark.parametrize(
    "table",
    [
        # a category column merged over its rows, before 序号
        "类别\t序号\t项目名称\t建设内容及目标\t责任单位\n教育类\t1\t普惠托育\t新增托位600个。\t市卫生健康局\n"
        "\t2\t学位扩容\t新建小学2所。\t市教育局\n",
        # a PDF's text layer: the header's names set apart by single spaces, cells one after another
        "序号 项目名称 建设内容及目标 责任单位\n1 普惠托育 新增托位\n600个。\n市卫生健康局\n2 学位扩容 新建小学2\n所。\n市教育局\n",
        # a preamble paragraph of figures (no list) before a table whose 序 wrapped: the table is the list
        "去年全市投入资金1.2亿元，民生实事全部完成。\n"
        "序\n号 项目名称 建设内容及目标 责任单位\n1 普惠托育 新增托位\n600个。\n市卫生健康局\n2 学位扩容 新建小学2\n所。\n市教育局\n",
    ],
)
def test_a_table_only_list_in_other_shapes_reads_each_row_as_an_item(extractor, tmp_path, table):
    path = tmp_path / "notice.txt"
    path.write_text(
        "某市人民政府办公室关于下达2023年民生实事项目的通知\n各乡镇：\n现将项目下达如下。\n" + table
        + "\n各责任单位要抓好落实。\n某市人民政府办公室\n2023年2月20日\n",
        encoding="utf-8",
    )
    record = extractor.extract_path(path)
    assert [(i.number, compact(i.heading.text), i.rule) for i in record.items] == [
        ("1", "普惠托育", "item.table_row"), ("2", "学位扩容", "item.table_row")
    ]
    assert [[c.value for c in i.commitments] for i in record.items] == [[600], [2]]
    assert [r.units for r in record.attachment_rows] == [["市卫生健康局"], ["市教育局"]]


def test_a_page_number_inside_a_sentence_is_read_past_but_never_part_of_an_object(extractor, tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text(
        "关于2019年为妇女儿童办实事的通知\n各乡镇：\n"
        "一、提高困境儿童保障水平。孤儿、事实无人抚养儿童\n基本生活保障标准提高到集中养育每人每月1500 元、社会散居\n— 2 —\n"
        "每人每月1100 元；新生儿疾病筛查率达到98%\n- 3 -\n以上。（责任单位：县民政局）\n",
        encoding="utf-8",
    )
    record = extractor.extract_path(path)
    got = [(c.text, c.comparator) for c in record.items[0].commitments]
    assert got == [("1500 元", "ge"), ("1100 元", "ge"), ("98%", "ge")]
    assert [c.target.text if c.target else None for c in record.items[0].commitments][:2] == ["孤儿、事实无人抚养儿童\n基本生活保障标准"] * 2
