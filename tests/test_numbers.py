"""Quantified commitments: each case is (text, [(span, value, unit, comparator, target), ...])."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.numbers import find_candidates, find_commitments, load_commitment_rules, user_words
from pipeline.segment import Segmenter

RULES = load_commitment_rules()
SEG = Segmenter(user_words(RULES))

CASES = [
    # measure words, target after the unit
    ("改扩建2所幼儿园，打造5个智慧教育应用场景。", [("2所", 2, "所", "eq", "幼儿园"), ("5个", 5, "个", "eq", "智慧教育应用场景")]),
    ("今年新建3所公办幼儿园。", [("3所", 3, "所", "eq", "公办幼儿园")]),
    ("开通8条“定制公交”助学专线，", [("8条", 8, "条", "eq", "助学专线")]),
    ("为200名困境儿童购买意外伤害保险。", [("200名", 200, "名", "eq", "困境儿童")]),
    ("对1400余名农村留守儿童和困境儿童开展结对关爱。", [("1400余名", 1400, "名", "gt", "农村留守儿童和困境儿童")]),
    ("在全区15个乡镇（街道）建成维权服务站。", [("15个", 15, "个", "eq", "乡镇（街道）")]),
    ("每所中小学校至少配备1名专（兼）职心理健康教师。", [("1名", 1, "名", "ge", "专（兼）职心理健康教师")]),
    ("每个县至少建成1个示范性“儿童之家”；", [("1个", 1, "个", "ge", "儿童之家")]),
    ("建设提升50处3.0版妇女儿童家园。", [("50处", 50, "处", "eq", "妇女儿童家园")]),
    ("年内举办不少于6场青年婚恋联谊活动。", [("6场", 6, "场", "ge", "青年婚恋联谊活动")]),
    # measure words, target before the unit (topic)
    ("新改扩建中小学、幼儿园7所，回购1所并举办为公办幼儿园。", [("7所", 7, "所", "eq", "中小学、幼儿园"), ("1所", 1, "所", "eq", None)]),
    ("全区培训家政从业人员2000人次以上。", [("2000人次以上", 2000, "人次", "ge", "家政从业人员")]),
    ("年内培训家庭教育骨干不少于200人。", [("200人", 200, "人", "ge", "家庭教育骨干")]),
    ("寻找巾帼好品100件，", [("100件", 100, "件", "eq", "巾帼好品")]),
    ("打造新型儿童公共阅读空间4处，", [("4处", 4, "处", "eq", "新型儿童公共阅读空间")]),
    ("培育巾帼创业示范基地10个。", [("10个", 10, "个", "eq", "巾帼创业示范基地")]),
    ("新增普惠性托位1500个，", [("1500个", 1500, "个", "eq", "普惠性托位")]),
    ("建设儿童友好社区2个、儿童友好村1个，", [("2个", 2, "个", "eq", "儿童友好社区"), ("1个", 1, "个", "eq", "儿童友好村")]),
    ("开展寒暑假职工子女托管班不少于10个班次。", [("10个班次", 10, "个班次", "ge", "寒暑假职工子女托管班")]),
    ("组建“巾帼志愿服务队”300支，", [("300支", 300, "支", "eq", "巾帼志愿服务队")]),
    ("调处婚姻家庭纠纷不少于1500件。", [("1500件", 1500, "件", "ge", "婚姻家庭纠纷")]),
    ("为农村留守儿童发放营养包三万余盒。", [("三万余盒", 30000, "盒", "gt", "营养包")]),
    # quoted names
    ("寻找各类“最美家庭”100户。", [("100户", 100, "户", "eq", "最美家庭")]),
    ("评选“五好家庭”50户；", [("50户", 50, "户", "eq", "五好家庭")]),
    ("推进建设“希望小屋”不少于30处，", [("30处", 30, "处", "ge", "希望小屋")]),
    ("建设“工会妈妈小屋”示范点2个，", [("2个", 2, "个", "eq", "示范点")]),
    ("开展青少年“蒲公英”科普大讲堂3场次。", [("3场次", 3, "场次", "eq", "科普大讲堂")]),
    ("开展“法律进万家”普法宣传活动三十场，", [("三十场", 30, "场", "eq", "普法宣传活动")]),
    # 等 and lists
    ("开展亲子阅读、经典诵读等活动200场。", [("200场", 200, "场", "eq", "活动")]),
    ("开展家长课堂、模拟法庭等家庭教育活动不少于7次。", [("7次", 7, "次", "ge", "家庭教育活动")]),
    ("开展知识讲座、培训、辅导活动10场。", [("10场", 10, "场", "eq", "知识讲座、培训、辅导活动")]),
    ("开展防溺水、防性侵安全教育宣传活动300余场，", [("300余场", 300, "场", "gt", "防溺水、防性侵安全教育宣传活动")]),
    # people counts: named people or null
    ("免费检查2万人，", [("2万人", 20000, "人", "eq", None)]),
    ("实施适老化改造300户。", [("300户", 300, "户", "eq", None)]),
    ("培训城乡妇女1200人次。", [("1200人次", 1200, "人次", "eq", "城乡妇女")]),
    ("惠及妇女1万人次以上。", [("1万人次以上", 10000, "人次", "ge", "妇女")]),
    ("覆盖学生4.2万人。", [("4.2万人", 42000, "人", "eq", "学生")]),
    ("全年服务儿童五千人次以上。", [("五千人次以上", 5000, "人次", "ge", "儿童")]),
    ("帮助千名妇女实现就业。", [("千名", 1000, "名", "eq", "妇女")]),
    ("救助人数不少于150人。", [("150人", 150, "人", "ge", "救助人数")]),
    ("参保人数不少于10万人，", [("10万人", 100000, "人", "ge", "参保人数")]),
    ("受益群众近万人次。", [("万人次", 10000, "人次", "approx", "受益群众")]),
    ("受益妇女约3000人。", [("3000人", 3000, "人", "approx", "受益妇女")]),
    ("为全县300名妇女儿童开展体质监测。", [("300名", 300, "名", "eq", "妇女儿童")]),
    # percentages and rates
    ("筛查率达到90%。", [("90%", 90, "%", "ge", "筛查率")]),
    ("公办园在园幼儿占比达到60%以上。", [("60%以上", 60, "%", "ge", "公办园在园幼儿占比")]),
    ("目标人群筛查率达到百分之九十以上，", [("百分之九十以上", 90, "%", "ge", "目标人群筛查率")]),
    ("儿童之家覆盖率达到百分之百，", [("百分之百", 100, "%", "ge", "儿童之家覆盖率")]),
    ("3岁以下儿童系统管理率达到92%以上，", [("92%以上", 92, "%", "ge", "儿童系统管理率")]),
    ("全区学前三年毛入园率保持在95%以上，", [("95%以上", 95, "%", "ge", "毛入园率")]),
    ("新生儿疾病筛查率稳定在98％以上。", [("98％以上", 98, "%", "ge", "新生儿疾病筛查率")]),
    ("其中农村妇女占比不低于60%。", [("60%", 60, "%", "ge", "农村妇女占比")]),
    ("城镇调查失业率控制在5.5%以内。", [("5.5%以内", 5.5, "%", "le", "城镇调查失业率")]),
    ("普惠托育机构收费标准降低10%左右。", [("10%左右", 10, "%", "approx", "普惠托育机构收费标准")]),
    ("群众满意度超过95%。", [("95%", 95, "%", "gt", "群众满意度")]),
    ("宫颈癌、乳腺癌检查人数各达到八千人，", [("八千人", 8000, "人", "ge", "宫颈癌、乳腺癌检查人数")]),
    ("早诊早治率分别达到100%和85%以上。", [("100%", 100, "%", "ge", "早诊早治率"), ("85%以上", 85, "%", "ge", "早诊早治率")]),
    ("免费检查人数分别达到5.5万人和5万人，", [("5.5万人", 55000, "人", "ge", "免费检查人数"), ("5万人", 50000, "人", "ge", "免费检查人数")]),
    # changes
    ("公办园在园幼儿占比较上年提高2个百分点。", [("2个百分点", 2, "个百分点", "eq", "公办园在园幼儿占比")]),
    ("儿童青少年总体近视率下降0.5个百分点以上。", [("0.5个百分点以上", 0.5, "个百分点", "ge", "儿童青少年总体近视率")]),
    # money
    ("孤儿基本生活保障标准提高到每人每月1900元，", [("1900元", 1900, "元", "ge", "孤儿基本生活保障标准")]),
    ("给予救助金每人5000元。", [("5000元", 5000, "元", "eq", "救助金")]),
    ("每人发放救助金一万元。", [("一万元", 10000, "元", "eq", "救助金")]),
    ("妇女创业担保贷款发放额度达到1.5亿元，", [("1.5亿元", 150000000, "元", "ge", "妇女创业担保贷款发放额度")]),
    ("按规定给予培训补贴500元/人。", [("500元/人", 500, "元/人", "eq", "培训补贴")]),
    ("帮助千名妇女实现年增收万元以上；", [("千名", 1000, "名", "eq", "妇女"), ("万元以上", 10000, "元", "ge", None)]),
    ("个人创业担保贷款额度最高可达20万元，", [("20万元", 200000, "元", "le", "个人创业担保贷款额度")]),
    ("住房公积金可贷额度最高可上浮到20%；", [("20%", 20, "%", "le", "住房公积金可贷额度")]),
    # frequencies
    ("每学期对中小学生开展视力筛查不少于1次，", [("1次", 1, "次", "ge", "视力筛查")]),
    ("每个儿童之家每月至少开展一次活动，", [("一次", 1, "次", "ge", "活动")]),
    ("儿童主任每季度至少走访一次。", [("一次", 1, "次", "ge", None)]),
    ("每学期不少于2次。", [("2次", 2, "次", "ge", None)]),
    # PDF and full-width text
    ("全区培训家政从业人员2 000人次以上。", [("2 000人次以上", 2000, "人次", "ge", "家政从业人员")]),
    ("培训城乡妇女2\n000人次，", [("2\n000人次", 2000, "人次", "eq", "城乡妇女")]),
    ("为全市1 2\n00名困境儿童购买保险，", [("1 2\n00名", 1200, "名", "eq", "困境儿童")]),
    ("优化学前教育资源布局，扩大普惠性资源供给，公办园在园幼儿占比提\n高到55%。", [("55%", 55, "%", "ge", "公办园在园幼儿占比")]),
    ("加强心理健康教育，全市中小学心理健康教育专职教师配备率达\n到100%，", [("100%", 100, "%", "ge", "中小学心理健康教育专职教师配备率")]),
    ("为0—3岁婴幼儿免费发放营养包近千份，", [("千份", 1000, "份", "approx", "营养包")]),
    ("改造危桥两座，新增村道路灯300盏，", [("两座", 2, "座", "eq", "危桥"), ("300盏", 300, "盏", "eq", "村道路灯")]),
    ("推动20家乡镇卫生院达标，", [("20家", 20, "家", "eq", "乡镇卫生院")]),
    ("为200名单亲困难母亲发放救助金，", [("200名", 200, "名", "eq", "单亲困难母亲")]),
    ("新增公办学位４２００个，", [("４２００个", 4200, "个", "eq", "公办学位")]),
    ("免费“两癌”检查３．２万人，", [("３．２万人", 32000, "人", "eq", None)]),
    ("惠及妇女1万人\n次以上。", [("1万人\n次以上", 10000, "人次", "ge", "妇女")]),
    ("新增公办学位一千二百个以上，", [("一千二百个以上", 1200, "个", "ge", "公办学位")]),
    ("开展宣传活动二十场次，", [("二十场次", 20, "场次", "eq", "宣传活动")]),
    ("建设“妇女儿童之家”示范点二十个。", [("二十个", 20, "个", "eq", "示范点")]),
    # comparators from cue words and suffixes
    ("救助困难妇女2000余人。", [("2000余人", 2000, "人", "gt", "困难妇女")]),
    ("建设10多个服务站。", [("10多个", 10, "个", "gt", "服务站")]),
    ("惠及约1.5万人。", [("1.5万人", 15000, "人", "approx", None)]),
    ("接种人数接近3000人。", [("3000人", 3000, "人", "approx", "接种人数")]),
    ("贫困发生率降至不足1%。", [("1%", 1, "%", "lt", "贫困发生率")]),
    ("孕产妇死亡率低于10%。", [("10%", 10, "%", "lt", "孕产妇死亡率")]),
    ("婴儿死亡率控制在5‰以下。", [("5‰以下", 5, "‰", "le", "婴儿死亡率")]),
    ("每户补助最多不超过3000元。", [("3000元", 3000, "元", "le", "补助")]),
    ("参与人数增至3000人左右。", [("3000人左右", 3000, "人", "approx", "参与人数")]),
    ("就近安置300人。", [("300人", 300, "人", "eq", None)]),
    ("下达3000万元补助资金。", [("3000万元", 30000000, "元", "eq", "补助资金")]),
    # amounts per person, read across 每X每Y
    ("营养膳食补助标准提高到每生每天5元。", [("5元", 5, "元", "ge", "营养膳食补助标准")]),
    ("托育补贴提高到每孩每月500元、每个托位每年3000元。", [("500元", 500, "元", "ge", "托育补贴"), ("3000元", 3000, "元", "ge", "托育补贴")]),
    ("按标准发放补贴500元/人/月。", [("500元/人/月", 500, "元/人/月", "eq", "补贴")]),
    ("完成农村妇女宫颈癌筛查1.2万例。", [("1.2万例", 12000, "例", "eq", None)]),
    # a unit character that starts another word only when that word is not a unit's noun
    ("在10家乡镇卫生院设立妇幼门诊。", [("10家", 10, "家", "eq", "乡镇卫生院")]),
    ("为1000名单亲困难母亲提供帮扶。", [("1000名", 1000, "名", "eq", "单亲困难母亲")]),
    ("办理案件30起，新增床位500张。", [("30起", 30, "起", "eq", "案件"), ("500张", 500, "张", "eq", "床位")]),
    # 各 and cumulative totals
    ("在涪城区、游仙区各打造儿童友好社区示范点3个，", [("3个", 3, "个", "eq", "儿童友好社区示范点")]),
    ("累计达到52个。", [("52个", 52, "个", "ge", None)]),
]

MUST_NOT_MATCH = [
    "实行清单化管理，每季度通报一次项目进展情况。",
    "镇党政办每两个月调度一次进度。",
    "落实“一人\n一档”动态管理。",
    "确保中小学幼儿园安全防范建设“4个100%”稳定达标。",
    "组织开展心理健康服务“五进”活动。",
    "启动“1+2+5”反家暴双向联动处置机制。",
    "符合救助条件的“5+2”类困难妇女。",
    "实施“巾帼共富十百千万”工程。",
    "开展家庭教育“百场巡讲”活动。",
    "聚焦“5分钟儿童友好生活圈”建设。",
    "建设提升3.0版妇女儿童家园。",
    "落实二孩、三孩托育费补贴。",
    "构筑“筛查+救助+关爱”四位一体的保障服务体系。",
    "提供家庭教育一站式综合服务。",
    "打通儿童友好服务最后一公里。",
    "建立县、镇、村三级服务网络。",
    "实现二级以上医院母婴室全覆盖。",
    "推进适龄女孩接种二价HPV疫苗。",
    "对初二年级学生开展心理筛查。",
    "依托区第三幼儿园开展示范。",
    "举办第十届妇女儿童运动会。",
    "为困境儿童建立一生一档。",
    "做到不漏一人。",
    "发放一次性生育补贴。",
    "优先帮扶零就业家庭。",
    "关爱抗疫一线医务人员家庭。",
    "一是扩大供给；二是提升质量。",
    "集中办好十件妇女儿童实事。",
    "一、教育类（3项）",
    "现将2024年实事项目通知如下。",
    "各责任单位要于每季度末报送进展情况。",
    "年内完成建设任务。",
    "开通24小时心理援助公益热线。",
    "博政办字〔2024〕12号",
    "联系电话：2343785，邮箱：yyxfl@zb.shandong.cn",
    "邮编：256100",
    "为全区35—64岁适龄妇女进行免费检查。",
    "为3岁以下婴幼儿提供照护服务。",
    "为6-36月龄婴幼儿免费发放营养包。",
    "每千人口3岁以下婴幼儿托位数持续增加。",
    "每万人拥有儿童之家数量。",
    "新改扩建幼儿园3-5所。",
    "招聘专职社工80—100人。",
    "— 2 —",
    "2024年4月21日",
    "对困境儿童建立一人一档，落实一户一策。",
    "统一名称标识。",
    "连续3年开展专项行动。",
    "师生比达到1:5。",
    "为全市六一儿童节活动做准备。",
    "进一步扩大覆盖面。",
    "千家万户共建共享。",
    "确保不让一个孩子因贫失学。",
    "推动服务走进千村万户。",
    "争创全省前三名。",
    "重点抓好三个方面工作。",
    "培训数十个班次。",
    "投入资金数百万元。",
    "依据《妇女权益保障法》第二十条。",
    "拨打12338妇女维权热线。",
    "实施六个一工程。",
    "开展一对一帮扶。",
    "实施“十四五”儿童发展规划。",
    "组织开展“三八”维权周活动。",
    "新建3—5个服务站。",
    "比例提高10%-20%。",
    "新建三至五所。",
    "按1∶1比例配套资金。",
    "全面落实“三孩”生育政策。",
    "项目于12月底前完成。",
    "开局之年，也是新一轮妇女儿童发展规划实施的起步之年。",
]


def _found(text: str) -> list[tuple]:
    out = []
    for c in find_commitments(text, 0, len(text), RULES, SEG):
        out.append((c.text, c.value, c.unit, c.comparator, c.target.text if c.target else None))
    return out


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:16] for c in CASES])
def test_commitments(text: str, expected: list[tuple]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize("text", MUST_NOT_MATCH)
def test_must_not_match(text: str) -> None:
    assert _found(text) == []


def test_offsets_and_types() -> None:
    text = "一、实施工程。新改扩建中小学、幼儿园7所，筛查率达到90%。"
    found = find_commitments(text, 7, len(text), RULES, SEG)
    assert [c.text for c in found] == ["7所", "90%"]
    for c in found:
        assert text[c.start : c.end] == c.text
        assert c.target is not None and text[c.target.start : c.target.end] == c.target.text
        assert isinstance(c.value, int)


def test_only_the_given_piece_is_read() -> None:
    text = "改扩建2所幼儿园，打造5个智慧教育应用场景。"
    assert [c.text for c in find_commitments(text, 0, 9, RULES, SEG)] == ["2所"]
    assert [c.text for c in find_commitments(text, 9, len(text), RULES, SEG)] == ["5个"]


def test_rule_ids() -> None:
    text = "培训妇女200人，筛查率达到90%，补贴500元，下降2个百分点，每学期开展活动不少于2次。"
    rules = [c.rule for c in find_commitments(text, 0, len(text), RULES, SEG)]
    assert rules == ["qty.measure_word", "qty.percent", "qty.money", "qty.change", "qty.frequency"]


def test_span_never_ends_with_a_line_break() -> None:
    text = "新建母婴室15个\n以上"
    (c,) = find_commitments(text, 0, len(text), RULES, SEG)
    assert not c.text.endswith("\n") and c.text.startswith("15")


def test_no_segmentation_without_candidates() -> None:
    class Refusing(Segmenter):
        def tag(self, text: str, offset: int = 0):  # pragma: no cover - must not run
            raise AssertionError("segmented a piece without candidates")

    text = "各有关部门和单位要结合实际，尽快制定实施方案，确保实事项目高标准完成。" * 20
    assert find_commitments(text, 0, len(text), RULES, Refusing()) == []


def test_candidates_are_found_without_words() -> None:
    text = "改扩建2所幼儿园，筛查率达到90%"
    assert [(c.number, c.unit) for c in find_candidates(text, 0, len(text), RULES)] == [("2", "所"), ("90", "%")]


ALPHABET = st.sampled_from(list("0123456789０１２．.%％一二两三十百千万亿余多以上下内左右个所名人次场元/每不少于达到约近“”，。、\n （）—-第年岁"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=ALPHABET, max_size=40), st.integers(0, 40), st.integers(0, 40))
def test_any_text_gives_valid_objects(text: str, a: int, b: int) -> None:
    start, end = min(a, b), max(a, b)
    found = find_commitments(text, start, end, RULES, SEG)
    assert [c.start for c in found] == sorted(c.start for c in found)
    for c in found:
        assert start <= c.start < c.end <= min(end, len(text))
        assert text[c.start : c.end] == c.text and not c.text.endswith("\n")
        if c.target is not None:
            assert text[c.target.start : c.target.end] == c.target.text


def test_bad_rules_file_names_file_and_rule(tmp_path) -> None:
    from pipeline.errors import RuleFileError
    from pipeline.rules import default_rules_dir

    source = (default_rules_dir() / "commitments.toml").read_text(encoding="utf-8")
    broken = source.replace("pattern = '第[", "pattern = '第([", 1)
    assert broken != source
    (tmp_path / "commitments.toml").write_text(broken, encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"commitments\.toml.*skip\.ordinal.*pattern.*regular expression"):
        load_commitment_rules(tmp_path)


def test_unknown_key_in_rules_file_is_an_error(tmp_path) -> None:
    from pipeline.errors import RuleFileError
    from pipeline.rules import default_rules_dir

    source = (default_rules_dir() / "commitments.toml").read_text(encoding="utf-8")
    (tmp_path / "commitments.toml").write_text(source.replace("[suffixes]", "[suffixes]\nbogus = 1", 1), encoding="utf-8")
    with pytest.raises(RuleFileError, match="bogus"):
        load_commitment_rules(tmp_path)


# Spans and values only (targets aside): 到 after a verb is a cue, not a range.
VALUE_CASES = [
    ("补助标准由每人每月120元提高到150元，", [("120元", 120, "元", "eq"), ("150元", 150, "元", "ge")]),
    ("出生缺陷发生率较2023年下降0.5个千分点。", [("0.5个千分点", 0.5, "个千分点", "eq")]),
    ("新建幼儿园3至5所。", []),
]


@pytest.mark.parametrize(("text", "expected"), VALUE_CASES)
def test_spans_and_values(text, expected):
    got = find_commitments(text, 0, len(text), RULES, SEG)
    assert [(c.text, c.value, c.unit, c.comparator) for c in got] == expected


# Inputs that took seconds to minutes when a number could start at every character of a run
# and its repeats were unbounded; each must now be read in time linear in its length.
PATHOLOGICAL = [
    "千" * 4000,
    "亿" * 4000,
    "一二三四五六七" * 1000,
    "1\n2" * 5000,
    "12\n" * 5000,
    "1 2" * 5000,
    "1,000" * 4000,
    "0." * 10000,
    "9" * 20000 + "人",
    "1" + " " * 20000 + "000人",
    "百分之" * 3000,
    # with a quantity, so that the exclusions are searched too
    "3所" + "1." * 10000,
    "3所" + "1" * 20000,
    "3所" + "a" * 20000,
    "3所" + "1:" * 10000,
    "3所" + "一" * 20000,
]
MAX_MICROSECONDS_PER_CHARACTER = 25  # CPU time; before, these took 100 to 12,000


@pytest.mark.parametrize("text", PATHOLOGICAL, ids=[f"{t[:6]!r}x{len(t)}" for t in PATHOLOGICAL])
def test_finding_is_linear_on_runs(text: str) -> None:
    import time

    best = float("inf")
    for _ in range(3):  # CPU time, the best of three, against a busy machine
        t0 = time.process_time()
        find_candidates(text, 0, len(text), RULES)
        best = min(best, time.process_time() - t0)
    assert best / len(text) * 1e6 < MAX_MICROSECONDS_PER_CHARACTER


# A run longer than any written quantity is no quantity, wherever inside it a match might start.
TOO_LONG = ["9" * 30 + "人", "一" * 30 + "人", "1\n" * 30 + "人", "1." + "5" * 30 + "人", "3" + "万" * 8 + "人"]


@pytest.mark.parametrize("text", TOO_LONG)
def test_runs_longer_than_any_quantity_are_not_found(text: str) -> None:
    assert find_candidates(text, 0, len(text), RULES) == []
