"""Responsible units: (item text, [(span, name, role), ...]) per case, and a must-not-match list."""

from __future__ import annotations

import pytest

from pipeline.units import find_responsible_units, load_unit_rules

RULES = load_unit_rules()

CASES = [
    ("改扩建2所幼儿园。（责任单位：区教育和体育局）", [("区教育和体育局", "区教育和体育局", "responsible")]),
    ("新建公园2个。由区城管局具体实施，区财政局、各街道协助。",
     [("区城管局", "区城管局", "responsible"), ("区财政局", "区财政局", "cooperating"), ("各街道", "各街道", "cooperating")]),
    ("新建公园2个。区城管局负责组织实施。", [("区城管局", "区城管局", "responsible")]),
    ("救助困难女童300名。（县妇联牵头，县慈善会配合）", [("县妇联", "县妇联", "lead"), ("县慈善会", "县慈善会", "cooperating")]),
    ("时限：2025年11月底前完成。\n责任：区卫生健康局（牵头）、区妇联\n", [("区卫生健康局", "区卫生健康局", "lead"), ("区妇联", "区妇联", "responsible")]),
    ("做到应保尽保、应救尽救。责成县民政局负责。\n", [("县民政局", "县民政局", "responsible")]),
    ("享受优质文化服务。该项任务由县文化广电和旅游局负责完成，县图书馆协助。\n",
     [("县文化广电和旅游局", "县文化广电和旅游局", "responsible"), ("县图书馆", "县图书馆", "cooperating")]),
    ("提升救治能力。县卫生健康委牵头抓好落实，县妇联、县医保局协助。\n",
     [("县卫生健康委", "县卫生健康委", "lead"), ("县妇联", "县妇联", "cooperating"), ("县医保局", "县医保局", "cooperating")]),
    ("三、（市卫生健康委）加强出生缺陷综合防治。免费筛查1万人。", [("市卫生健康委", "市卫生健康委", "responsible")]),
    # a scan's text layer sets the label's characters apart
    ("增强自我保健意识。\n责 任 单 位：县卫生健康和体育局、县妇联\n", [("县卫生健康和体育局", "县卫生健康和体育局", "responsible"), ("县妇联", "县妇联", "responsible")]),
    # a person between a unit and its verb is no part of it; a person alone names none
    ("保障母婴安全。（市卫健委主任张建华负责，市妇联配合）", [("市卫健委", "市卫健委", "responsible"), ("市妇联", "市妇联", "cooperating")]),
    ("落实救助。（分管副市长李红梅牵头，市民政局局长吴斌负责，市残联配合）",
     [("市民政局", "市民政局", "responsible"), ("市残联", "市残联", "cooperating")]),
    ("新建爱心驿站3个。（由区总工会负责，区红十字会、区慈善分会配合）",
     [("区总工会", "区总工会", "responsible"), ("区红十字会", "区红十字会", "cooperating"),
      ("区慈善分会", "区慈善分会", "cooperating")]),
    ("新建中小学4所。\n📌责任单位：区教育局", [("区教育局", "区教育局", "responsible")]),  # a repost's mark first
    # a bureau's own sections (股室) lead and cooperate
    ("开展近视筛查。（牵头股室：基础教育股；配合股室：体卫艺股；责任单位：各中小学校）",
     [("基础教育股", "基础教育股", "lead"), ("体卫艺股", "体卫艺股", "cooperating"), ("各中小学校", "各中小学校", "responsible")]),
    # a table of two columns per item: the label as the first cell of a row
    ("项目名称\t新建幼儿园\n目标任务\t新建幼儿园2所。\n责任单位\t县教育局、县财政局\n完成时限\t2025年9月底前\n",
     [("县教育局", "县教育局", "responsible"), ("县财政局", "县财政局", "responsible")]),
    # another field after the names in the same bracket: the people are no units
    ("新建农家书屋3个。（责任单位：镇文化站、镇妇联  责任人：王丽、张强）",
     [("镇文化站", "镇文化站", "responsible"), ("镇妇联", "镇妇联", "responsible")]),
    # where an office sits, in a bracket after its name, is no part of the name
    ("打造儿童友好街区2条。（责任单位：区住建局、区妇儿工委办公室（设在区妇联））",
     [("区住建局", "区住建局", "responsible"), ("区妇儿工委办公室", "区妇儿工委办公室", "responsible")]),
    (  # a PDF's line break inside the verb
        "建成帮扶基地5个。（区人力社保局牵\n头，区残联、区就业和人才中心配合）",
        [("区人力社保局", "区人力社保局", "lead"), ("区残联", "区残联", "cooperating"),
         ("区就业和人才中心", "区就业和人才中心", "cooperating")],
    ),
    ("新建中小学4所。\n▲ 牵头单位：区教育局", [("区教育局", "区教育局", "lead")]),
    (
        "开展培训。（责任单位：区人力资源和社会保障局、区妇联、区商务局）",
        [
            ("区人力资源和社会保障局", "区人力资源和社会保障局", "responsible"),
            ("区妇联", "区妇联", "responsible"),
            ("区商务局", "区商务局", "responsible"),
        ],
    ),
    (
        "提升水平。〔责任单位：区妇儿工委各成员（特邀）单位，各镇（街道）〕",
        [
            ("区妇儿工委各成员（特邀）单位", "区妇儿工委各成员（特邀）单位", "responsible"),
            ("各镇（街道）", "各镇（街道）", "responsible"),
        ],
    ),
    ("建设基地。(责任单位:县妇联,县教育局)", [("县妇联", "县妇联", "responsible"), ("县教育局", "县教育局", "responsible")]),
    ("建设基地。【责任单位：县妇联】", [("县妇联", "县妇联", "responsible")]),
    (
        "开展筛查。\n牵头单位：市卫健委；配合单位：市妇联、市医保局",
        [("市卫健委", "市卫健委", "lead"), ("市妇联", "市妇联", "cooperating"), ("市医保局", "市医保局", "cooperating")],
    ),
    (
        "开展筛查。（牵头单位：市卫健委；配合单位：市妇联）",
        [("市卫健委", "市卫健委", "lead"), ("市妇联", "市妇联", "cooperating")],
    ),
    ("发放补贴。\n责任单位：市民政局", [("市民政局", "市民政局", "responsible")]),
    ("发放补贴。主管部门：市民政局", [("市民政局", "市民政局", "supervising")]),
    ("建设托育机构。（区卫生健康局负责）", [("区卫生健康局", "区卫生健康局", "responsible")]),
    (  # a copy that doubled its line breaks: a blank line inside a name the next line closes
        "检查1.2万人。（责任单位：区卫生健\n\n康局、区妇联）",
        [("区卫生健\n\n康局", "区卫生健康局", "responsible"), ("区妇联", "区妇联", "responsible")],
    ),
    (  # a PDF page number between two names of a clause
        "开展宣传。（责任单位：县公安局、\n- 2 -\n县人民法院）",
        [("县公安局", "县公安局", "responsible"), ("县人民法院", "县人民法院", "responsible")],
    ),
    (  # 和 inside one name: the right side does not name the place the left one does
        "开展培训。（责任单位：县妇联、县农业农村和科技局）",
        [("县妇联", "县妇联", "responsible"), ("县农业农村和科技局", "县农业农村和科技局", "responsible")],
    ),
    ("开展筛查。（责任单位：县卫健局和县妇联）", [("县卫健局", "县卫健局", "responsible"), ("县妇联", "县妇联", "responsible")]),
    ("认领微心愿500个（县妇联、县慈善总会负责）。", [("县妇联", "县妇联", "responsible"), ("县慈善总会", "县慈善总会", "responsible")]),
    (
        "开展活动。（区妇联牵头，区教体局配合）",
        [("区妇联", "区妇联", "lead"), ("区教体局", "区教体局", "cooperating")],
    ),
    ("新建幼儿园3所。（县教育局）", [("县教育局", "县教育局", "responsible")]),
    (
        "免费检查。（县卫健局、县医保局）",
        [("县卫健局", "县卫健局", "responsible"), ("县医保局", "县医保局", "responsible")],
    ),
    (
        "开展救助。（责任单位：县民政局（牵头）、县妇联）",
        [("县民政局", "县民政局", "lead"), ("县妇联", "县妇联", "responsible")],
    ),
    ("开展培训。（责任单位：区教育和体\n育局）", [("区教育和体\n育局", "区教育和体育局", "responsible")]),
    (
        "开展救助。（责任单位：市住房公积金管理中心沂源分中心、县民政局）",
        [
            ("市住房公积金管理中心沂源分中心", "市住房公积金管理中心沂源分中心", "responsible"),
            ("县民政局", "县民政局", "responsible"),
        ],
    ),
    (
        "开展宣传。（责任单位：各镇人民政府、街道办事处）",
        [("各镇人民政府", "各镇人民政府", "responsible"), ("街道办事处", "街道办事处", "responsible")],
    ),
    ("开展宣传。（责任单位：区妇联等）", [("区妇联", "区妇联", "responsible")]),
    ("开展宣传。（责任单位 ： 区妇联 区团委）", [("区妇联", "区妇联", "responsible"), ("区团委", "区团委", "responsible")]),
    ("开展宣传。（责任部门：县委宣传部）", [("县委宣传部", "县委宣传部", "responsible")]),
    ("开展宣传。（协办单位：县文明办）", [("县文明办", "县文明办", "cooperating")]),
    (
        "开通接警通道。（责任单位：县妇联、县司法局，其中县妇联牵头）",
        [("县妇联", "县妇联", "lead"), ("县司法局", "县司法局", "responsible")],
    ),
    ("惠及中小学生1万人次以上。（区科协）", [("区科协", "区科协", "responsible")]),
    (
        "带好身份证和医保卡。（镇卫生院负责，各村配合）",
        [("镇卫生院", "镇卫生院", "responsible"), ("各村", "各村", "cooperating")],
    ),
    (
        "给予贴息。（市人社局、人民银行某市中心支行）",
        [("市人社局", "市人社局", "responsible"), ("人民银行某市中心支行", "人民银行某市中心支行", "responsible")],
    ),
    (
        "培训照护人员300人次。（市卫生健康局人口监测与家庭发展科牵头，各镇乡（街道）配合）",
        [
            ("市卫生健康局人口监测与家庭发展科", "市卫生健康局人口监测与家庭发展科", "lead"),
            ("各镇乡（街道）", "各镇乡（街道）", "cooperating"),
        ],
    ),
    (
        "配备1名专职儿童主任。（区住房城乡建委、区民政局按职责分工负责）",
        [("区住房城乡建委", "区住房城乡建委", "responsible"), ("区民政局", "区民政局", "responsible")],
    ),
    ("别光念材料。（镇妇联、镇中心校）", [("镇妇联", "镇妇联", "responsible"), ("镇中心校", "镇中心校", "responsible")]),
    # clauses closing the parts of one sentence, several per item
    (
        "开发岗位2000个以上（市人社局负责）；新建工坊100家（市妇联、市农业农村局负责）；培训妇女3000人次（市妇联负责）。",
        [
            ("市人社局", "市人社局", "responsible"),
            ("市妇联", "市妇联", "responsible"),
            ("市农业农村局", "市农业农村局", "responsible"),
            ("市妇联", "市妇联", "responsible"),
        ],
    ),
    (
        "新建幼儿园3所（县教育局）；新增托位200个以上（县卫健局）；建成托育点5个(县卫健局、县发改局)。",
        [
            ("县教育局", "县教育局", "responsible"),
            ("县卫健局", "县卫健局", "responsible"),
            ("县卫健局", "县卫健局", "responsible"),
            ("县发改局", "县发改局", "responsible"),
        ],
    ),
    ("开展筛查(区卫健局牵头,区妇联配合);发放救助金。", [("区卫健局", "区卫健局", "lead"), ("区妇联", "区妇联", "cooperating")]),
    # half-width clause punctuation (NFKC copies)
    (
        "开展筛查。(牵头单位:市卫健委,责任单位:市妇联、市医保局)",
        [("市卫健委", "市卫健委", "lead"), ("市妇联", "市妇联", "responsible"), ("市医保局", "市医保局", "responsible")],
    ),
    (
        "开展筛查。(责任单位:县教育局;配合单位:县财政局,县住建局)",
        [("县教育局", "县教育局", "responsible"), ("县财政局", "县财政局", "cooperating"), ("县住建局", "县住建局", "cooperating")],
    ),
    ("开展培训(市人社局牵头,市妇联、市财政局配合)", [("市人社局", "市人社局", "lead"), ("市妇联", "市妇联", "cooperating"), ("市财政局", "市财政局", "cooperating")]),
    ("开展培训。（责任单位：县妇联、县司法局，县妇联为牵头单位）", [("县妇联", "县妇联", "lead"), ("县司法局", "县司法局", "responsible")]),
    ("开展培训。（责任单位：县妇联（牵头单位）、县司法局）", [("县妇联", "县妇联", "lead"), ("县司法局", "县司法局", "responsible")]),
    (
        "开展培训。（责任单位：区妇联牵头，区教体局、区民政局配合）",
        [("区妇联", "区妇联", "lead"), ("区教体局", "区教体局", "cooperating"), ("区民政局", "区民政局", "cooperating")],
    ),
    # less common labels and verbs
    ("开展培训。（牵头责任单位：区人社局；配合单位：区妇联）", [("区人社局", "区人社局", "lead"), ("区妇联", "区妇联", "cooperating")]),
    ("开展培训。（区人社局牵头负责，区妇联配合）", [("区人社局", "区人社局", "lead"), ("区妇联", "区妇联", "cooperating")]),
    ("开展培训。（区教育局牵头实施，各街道配合落实）", [("区教育局", "区教育局", "lead"), ("各街道", "各街道", "cooperating")]),
    ("开展培训。（协办部门：区妇联）", [("区妇联", "区妇联", "cooperating")]),
    ("开展培训（区人社局负责实施）；新建站点（区妇联负责落实）。", [("区人社局", "区人社局", "responsible"), ("区妇联", "区妇联", "responsible")]),
    # notes and other fields inside a clause are not names; names joined by 及/和 are two
    ("开展培训。\n责任单位：区人社局、区妇联（按职责分工负责）", [("区人社局", "区人社局", "responsible"), ("区妇联", "区妇联", "responsible")]),
    ("开展培训。（责任单位：区人社局、区妇联；完成时限：2024年12月）", [("区人社局", "区人社局", "responsible"), ("区妇联", "区妇联", "responsible")]),
    ("开展培训。（责任单位：区人社局，2024年12月底前完成）", [("区人社局", "区人社局", "responsible")]),
    ("开展培训。（责任单位：区人社局及各街道）", [("区人社局", "区人社局", "responsible"), ("各街道", "各街道", "responsible")]),
    (
        "开展培训。（责任单位：区人力资源和社会保障局、市卫生健康委和市妇联）",
        [
            ("区人力资源和社会保障局", "区人力资源和社会保障局", "responsible"),
            ("市卫生健康委", "市卫生健康委", "responsible"),
            ("市妇联", "市妇联", "responsible"),
        ],
    ),
    (
        "开展培训(市卫健委牵头,市妇联,市医保局配合)。",
        [("市卫健委", "市卫健委", "lead"), ("市妇联", "市妇联", "cooperating"), ("市医保局", "市医保局", "cooperating")],
    ),
    ("开展培训。\n【牵头单位】区人社局【配合单位】区妇联", [("区人社局", "区人社局", "lead"), ("区妇联", "区妇联", "cooperating")]),
    ("开展培训。\n【责任单位】区人社局、区妇联", [("区人社局", "区人社局", "responsible"), ("区妇联", "区妇联", "responsible")]),
    # a deadline after the names in a bare bracket; names after a dash at the end of the line
    ("新建幼儿园3所。（区教育局、区卫健委，12月底前完成）", [("区教育局", "区教育局", "responsible"), ("区卫健委", "区卫健委", "responsible")]),
    ("一、实施学前教育扩容工程——区教育局、区妇联\n新建幼儿园3所。", [("区教育局", "区教育局", "responsible"), ("区妇联", "区妇联", "responsible")]),
    # names in black brackets right after an entry's number
    ("（一）【区教育局】新建幼儿园3所。", [("区教育局", "区教育局", "responsible")]),
    ("（二）【区卫计局、区妇联】开展筛查2万人。", [("区卫计局", "区卫计局", "responsible"), ("区妇联", "区妇联", "responsible")]),
    ("开展培训。（主办：市水利局；协办：市财政局）", [("市水利局", "市水利局", "lead"), ("市财政局", "市财政局", "cooperating")]),
    # short labels, and a label after a dash
    ("开展筛查。（牵头：市卫健委；配合：市妇联、市财政局）", [("市卫健委", "市卫健委", "lead"), ("市妇联", "市妇联", "cooperating"), ("市财政局", "市财政局", "cooperating")]),
    ("新建幼儿园3所。——责任单位：区教育局、区住建局", [("区教育局", "区教育局", "responsible"), ("区住建局", "区住建局", "responsible")]),
    # roles said of the names with 为…单位
    (
        "开展筛查。（区卫健委为牵头单位，区妇幼保健所、区总工会为配合单位）",
        [("区卫健委", "区卫健委", "lead"), ("区妇幼保健所", "区妇幼保健所", "cooperating"), ("区总工会", "区总工会", "cooperating")],
    ),
    # a label after another field of the line and a gap
    ("整治小巷5条。\n责任领导：王建华　　责任部门：城建科、综治办", [("城建科", "城建科", "responsible"), ("综治办", "综治办", "responsible")]),
    ("整治小巷5条。\n完成时限：2024年底\t牵头单位：县住建局", [("县住建局", "县住建局", "lead")]),
    # a clause in running text ends with its sentence
    (
        "开发岗位。责任单位:县人社局、县财政局。完成时限:2024年12月底。",
        [("县人社局", "县人社局", "responsible"), ("县财政局", "县财政局", "responsible")],
    ),
]

SENTENCE_CLAUSES = [  # a line's last sentence of nothing but names and their verbs
    (
        "免费筛查1万人。本项由区卫生健康局牵头，区妇联、区财政局配合。\n",
        [("区卫生健康局", "lead"), ("区妇联", "cooperating"), ("区财政局", "cooperating")],
    ),
    ("新增受益群众1500余人。由镇农业服务中心负责。", [("镇农业服务中心", "responsible")]),
    ("接种率达到90%以上。【责任单位】区卫生健康局、区教育局【完成时间】2025年11月底前\n",
     [("区卫生健康局", "responsible"), ("区教育局", "responsible")]),
    ("补助设备资金5万元左右。\n该项工作由县文化广电新闻出版局负责组织实施。\n", [("县文化广电新闻出版局", "responsible")]),
    ("举办公益讲座24场。以上项目由区卫健局牵头，区教育局、区妇联配合。", [("区卫健局", "lead"), ("区教育局", "cooperating"), ("区妇联", "cooperating")]),
    ("送教上门每周1次。市残联负责，市教育局、市卫计委配合。", [("市残联", "responsible"), ("市教育局", "cooperating"), ("市卫计委", "cooperating")]),
    ("补装路灯30盏。由街道城建管理科牵头实施，各村（居）委会配合。", [("街道城建管理科", "lead"), ("各村（居）委会", "cooperating")]),
    ("每月开展宣传活动1次。——综合执法中队、城市管理办负责", [("综合执法中队", "responsible"), ("城市管理办", "responsible")]),
    ("发放救助金每人1万元。\n主要责任单位：市卫计委；协办单位：市妇联", [("市卫计委", "responsible"), ("市妇联", "cooperating")]),
    ("投诉处置率达到100%。（市供热管理办公室牵头，各供热企业配合）\n", [("市供热管理办公室", "lead"), ("各供热企业", "cooperating")]),
    ("覆盖率达到90%。（牵头：区卫生健康局；参与：区妇联、各街道办事处）\n",
     [("区卫生健康局", "lead"), ("区妇联", "cooperating"), ("各街道办事处", "cooperating")]),
    ("购买意外伤害保险。（区民政局牵头，区妇联、团区委、区教委等配合）\n",
     [("区民政局", "lead"), ("区妇联", "cooperating"), ("团区委", "cooperating"), ("区教委", "cooperating")]),
    # a printed page wraps the sentence: its end on the next line
    ("改造危桥8座。\n本项由区交通运输局牵头，区财政局、各乡镇人民政府配\n合。\n",
     [("区交通运输局", "lead"), ("区财政局", "cooperating"), ("各乡镇人民政府", "cooperating")]),
    ("新建篮球场2个。\n本项由区文化体育局负责，各乡镇人民\n政府配合。\n", [("区文化体育局", "responsible"), ("各乡镇人民政府", "cooperating")]),
]

SENTENCE_NOT_A_CLAUSE = [
    "由区妇联牵头，区教育局配合，新建儿童之家10个。",  # the sentence carries the targets
    "此项工作由街道民政办负责，街道残联协助实施。各社区要建立台账。",  # more text follows on the line
    "项目由区民政局负责组织实施，各镇（街道）配合做好场地保障。",  # words beyond names and verbs
    "家长学校全覆盖。",
    "开展培训，妇女创业者负责。",  # a name that is no organisation
    "本项由区民政局负责，各乡镇\n要在年底前完成建档工作，确保应保尽保。",  # the next line is no short end of it
]


@pytest.mark.parametrize(("text", "expected"), SENTENCE_CLAUSES)
def test_a_sentence_of_names_and_verbs_ending_a_line_is_a_clause(text, expected):
    got = find_responsible_units(text, 0, len(text), RULES)
    assert [(u.name, u.role) for u in got] == expected
    for u in got:
        assert text[u.start : u.end] == u.text


@pytest.mark.parametrize("text", SENTENCE_NOT_A_CLAUSE)
def test_a_sentence_with_more_than_names_and_verbs_is_no_clause(text):
    assert find_responsible_units(text, 0, len(text), RULES) == []


LABEL_THEN_VERB = [
    (  # two names before 牵头 opening the clause both lead
        "走访。\n责任单位：县卫生健康局、县民政局牵头，县妇联、团县委配合\n",
        [("县卫生健康局", "lead"), ("县民政局", "lead"), ("县妇联", "cooperating"), ("团县委", "cooperating")],
    ),
    (  # 其中A牵头 after the list marks A in it
        "通道。（责任单位：县妇联、县司法局，其中县妇联牵头）", [("县妇联", "lead"), ("县司法局", "responsible")],
    ),
    (  # 责任单位：A，B；C配合 — the piece after ； names its own role
        "开展筛查。(责任单位:区卫健局,区妇联;区民政局配合)",
        [("区卫健局", "responsible"), ("区妇联", "responsible"), ("区民政局", "cooperating")],
    ),
    ("开展筛查。（责任单位：县卫健局；县妇联、县医保局协助）", [("县卫健局", "responsible"), ("县妇联", "cooperating"), ("县医保局", "cooperating")]),
    (  # two labels: no verb piece, nothing changes
        "开展筛查。（牵头单位：县卫健局；配合单位：县妇联）", [("县卫健局", "lead"), ("县妇联", "cooperating")],
    ),
    (  # a piece after ； without a verb stays in the label's list
        "开展筛查。（责任单位：县卫健局；各乡镇人民政府）", [("县卫健局", "responsible"), ("各乡镇人民政府", "responsible")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), LABEL_THEN_VERB)
def test_a_verb_piece_after_a_label_list(text, expected):
    got = find_responsible_units(text, 0, len(text), RULES)
    assert [(u.name, u.role) for u in got] == expected
    for u in got:
        assert text[u.start : u.end] == u.text


MUST_NOT_MATCH = [
    "依托博山区家庭教育指导工作站，开展家长课堂。",
    "各责任单位将推进情况书面报送县妇儿工委办公室（县妇联）。\n",  # where the office sits
    "工作情况报区妇儿工委办公室（设在区妇联）。\n",
    "1.【巾帼就业】开展培训2000人次。",
    "一、实施“两癌”筛查项目——守护女性健康\n筛查4万人。",
    "职工医保参保人员（含灵活就业人员）住院分娩",
    "覆盖各镇（街道）的服务网络。",
    "明确责任单位、责任人，建立工作台账。",
    "各单位要“明确责任单位：谁主管谁负责”。",  # a label inside a sentence stays none, quote or not
    "要求：明确责任单位：…，建立台账。",
    "各镇人民政府、街道办事处，区政府有关部门：",
    "建设社区（村）家长学校。",
    "在城乡社区（村）开展活动10场。",
    "在各乡镇人民政府（街道办事处）；设立服务窗口。",
    "覆盖15个乡镇（街道）；新建站点。",
    "落实补贴（每人500元）；开展培训。",
    "依托县妇联（县妇女儿童活动中心），开展活动。",
    "新建幼儿园3所（含民办园1所）；新增托位200个（其中普惠托位150个）；开展培训。",
    "新建幼儿园3所（含民办园1所）\n",
    "建成示范校5所（城区学校）；开展培训。",
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_finds_units(text, expected):
    got = find_responsible_units(text, 0, len(text), RULES)
    assert [(u.text, u.name, u.role) for u in got] == expected
    for u in got:
        assert text[u.start : u.end] == u.text


@pytest.mark.parametrize("text", MUST_NOT_MATCH)
def test_must_not_match(text):
    assert find_responsible_units(text, 0, len(text), RULES) == []


def test_a_space_inside_a_name_does_not_split_it():
    text = "提高质量。〔责任单位：市卫健委、市\u3000妇联、市总工会〕"
    got = find_responsible_units(text, 0, len(text), RULES)
    assert [u.name for u in got] == ["市卫健委", "市妇联", "市总工会"]
    assert got[1].text == "市\u3000妇联"


def test_a_label_broken_across_lines_is_still_a_label():
    text = "开展筛查。（牵头单位：区卫健委；配\n合单位：区妇联、区教育和体\n育局）"
    got = find_responsible_units(text, 0, len(text), RULES)
    assert [(u.name, u.role) for u in got] == [("区卫健委", "lead"), ("区妇联", "cooperating"), ("区教育和体育局", "cooperating")]


def test_a_clause_line_wrapped_by_pdf_extraction_goes_on_over_the_next_line():
    text = "开展宣传。\n责任单位：区妇联、区财政局、各\n街道办事处\n（二）建设母婴室"
    got = find_responsible_units(text, 0, len(text), RULES)
    assert [u.name for u in got] == ["区妇联", "区财政局", "各街道办事处"]


def test_a_bracket_left_on_the_line_above_its_label():
    text = "覆盖全部13个县（市、区）。（\n责任单位：市司法局、市妇联）"
    got = find_responsible_units(text, 0, len(text), RULES)
    assert [u.text for u in got] == ["市司法局", "市妇联"]


def test_a_label_broken_after_trailing_spaces_and_a_no_break_space_inside_a_name():
    text = "随访闭环管理。(责任 \n单位：市卫生健康局、市妇联）\n服务近万人次。（责任部门：街道社会\u00a0事务办、各社区）"
    got = find_responsible_units(text, 0, len(text), RULES)
    assert [u.name for u in got] == ["市卫生健康局", "市妇联", "街道社会事务办", "各社区"]


# The notice says the first-listed unit leads: (text, [(name, role), ...]).
FIRST_LISTED = [
    (
        "各项目责任单位排在第一位的为牵头单位。\n开展培训。（责任单位：市人社局、市妇联、市财政局）",
        [("市人社局", "lead"), ("市妇联", "responsible"), ("市财政局", "responsible")],
    ),
    ("第一个单位为牵头单位,其余为配合单位。\n开展培训。(责任单位:县人社局,县妇联)", [("县人社局", "lead"), ("县妇联", "cooperating")]),
    ("列第一位的为牵头单位。\n开展培训。（县人社局、县妇联负责）", [("县人社局", "lead"), ("县妇联", "responsible")]),
    ("下列项目中列\n第一位的为牵头单位。\n开展培训。（县人社局、县妇联）", [("县人社局", "lead"), ("县妇联", "responsible")]),
    ("牵头单位为排在首位的单位。\n开展培训。（县人社局负责，县妇联配合）", [("县人社局", "lead"), ("县妇联", "cooperating")]),
    (
        "开展培训。（责任单位：县教育局、县财政局，排在首位的为牵头单位，下同）",
        [("县教育局", "lead"), ("县财政局", "responsible")],
    ),
    (
        "由排在第一位的单位牵头，其他单位按职责分工做好配合。\n开展培训。（县人社局、县妇联、县财政局）",
        [("县人社局", "lead"), ("县妇联", "cooperating"), ("县财政局", "cooperating")],
    ),
    (  # the others' part after a semicolon, in a sentence of its own words
        "各项目责任单位中，排在第一位的为牵头单位，负责制定实施方案；其他责任单位要按照职责分工，主动配合。\n"
        "开展培训。（责任单位：县人社局、县妇联）",
        [("县人社局", "lead"), ("县妇联", "cooperating")],
    ),
    ("排在首位的单位要主动牵头，其他单位积极配合。\n开展培训。（责任单位：县人社局、县妇联）",
     [("县人社局", "lead"), ("县妇联", "cooperating")]),
    # one unit, a lead already named, a (牵头) marker, no such sentence: roles as written
    ("排在第一位的为牵头单位。\n开展培训。（责任单位：县人社局）", [("县人社局", "responsible")]),
    (
        "排在第一位的为牵头单位。\n开展培训。（牵头单位：县人社局；配合单位：县妇联、县财政局）",
        [("县人社局", "lead"), ("县妇联", "cooperating"), ("县财政局", "cooperating")],
    ),
    ("排在第一位的为牵头单位。\n开展培训。（责任单位：县人社局、县妇联（牵头））", [("县人社局", "responsible"), ("县妇联", "lead")]),
    ("争创全省排名第一。\n开展培训。（责任单位：市人社局、市妇联）", [("市人社局", "responsible"), ("市妇联", "responsible")]),
    ("由第一书记牵头。\n开展培训。（责任单位：市人社局、市妇联）", [("市人社局", "responsible"), ("市妇联", "responsible")]),
]


@pytest.mark.parametrize(("text", "expected"), FIRST_LISTED)
def test_first_listed_unit_leads_when_the_notice_says_so(text, expected):
    got = find_responsible_units(text, 0, len(text), RULES)
    assert [(u.name, u.role) for u in got] == expected
    assert all(u.rule == "unit.first_listed_lead" for u in got if u.role == "lead" and "牵头单位：" not in text and "（牵头）" not in text)


INDEX_TEXTS = [
    "开展筛查。（牵头单位：市卫健委；配合单位：市妇联）\n具体负责单位：区妇联\n【责任单位】县教育局",
    "（A（B）C）\n\n（责任\n单位：区妇联）（区教体局负责）)）（",
    "发放补贴。\n责任单位   \n：市民政局（县妇联【配合单位：区财政局】）",
]


@pytest.mark.parametrize("text", INDEX_TEXTS)
def test_the_clause_index_answers_every_span_as_a_search_of_the_span_alone(text):
    from pipeline.units import _closing_brackets

    index = RULES.clause_index(text)
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            labels = [(m.span(), m["label"], m["boxed"]) for m in RULES.label_re.finditer(text, start, end)]
            assert [(m.span(), m["label"], m["boxed"]) for m in index.labels_in(start, end)] == labels
            closing = _closing_brackets(text, start, end)
            openers = [j for j in range(start, end) if text[j] in "（(〔【[［"]
            assert [index.closing_in(j, end) for j in openers] == [closing.get(j) for j in openers]
