"""Meta: (header and signature text, expected meta fields) per case."""

from __future__ import annotations

import pytest

from pipeline.meta import find_meta, load_meta_rules

RULES = load_meta_rules()

CASES = [
    (  # a trade union issues its own list of practical things for workers
        "关于2024年为职工办实事的通知\n各基层工会：\n正文。\n某县总工会\n2024年3月8日",
        dict(title="关于2024年为职工办实事的通知", doc_number=None, issuer="某县总工会", date="2024-03-08", year=2024),
    ),
    (  # the short name fused before 关于, the full name on the signature
        "某某蒙古族自治州人民政府办公室文件\n某某州人民政府办公室关于下达2015年全州为民办实事项目的通知\n各县：\n正文。\n"
        "某某蒙古族自治州人民政府办公室\n2015年4月2日",
        dict(title="关于下达2015年全州为民办实事项目的通知", doc_number=None,
             issuer="某某蒙古族自治州人民政府办公室", date="2015-04-02", year=2015),
    ),
    (  # a 联合会 heading a joint notice with a bureau
        "某市残疾人联合会\n某市民政局\n关于2019年为残疾人办实事的通知\n各区：\n正文。\n某市残疾人联合会　　某市民政局\n2019年3月18日",
        dict(title="关于2019年为残疾人办实事的通知", doc_number=None, issuer="某市残疾人联合会", date="2019-03-18", year=2019),
    ),
    (  # a joint notice: the first office named issues it, on the header and on the signature line
        "某市妇女儿童工作委员会\n某市妇女联合会\n某妇儿工委发〔2021〕3号\n关于2021年为全市妇女儿童办实事的通知\n各区：\n正文。\n"
        "某市妇女儿童工作委员会　　　　某市妇女联合会\n2021年3月5日",
        dict(title="关于2021年为全市妇女儿童办实事的通知", doc_number="某妇儿工委发〔2021〕3号",
             issuer="某市妇女儿童工作委员会", date="2021-03-05", year=2021),
    ),
    (
        "关于2021年为全市妇女儿童办实事的通知\n各区：\n正文。\n某市妇女儿童工作委员会　　　　某市妇女联合会\n2021年3月5日",
        dict(title="关于2021年为全市妇女儿童办实事的通知", doc_number=None,
             issuer="某市妇女儿童工作委员会", date="2021-03-05", year=2021),
    ),
    (
        "博政办字〔2024〕12号\n\n博山区人民政府办公室\n关于2024年为全区妇女儿童办实事的通知\n各镇：\n正文。\n博山区人民政府办公室\n（此件公开发布）",
        dict(title="关于2024年为全区妇女儿童办实事的通知", doc_number="博政办字〔2024〕12号",
             issuer="博山区人民政府办公室", date=None, year=2024),
    ),
    (
        "源政办字〔2023〕13号\n沂源县人民政府办公室\n\n关于2023年为全县妇女儿童办实事的通知\n\n正文。\n沂源县人民政府办公室\n\n      2023年4月21日\n",
        dict(title="关于2023年为全县妇女儿童办实事的通知", doc_number="源政办字〔2023〕13号",
             issuer="沂源县人民政府办公室", date="2023-04-21", year=2023),
    ),
    (  # a kind word inside the title (计划) at a line end, the title's own kind on the next line
        "安吉县人民政府办公室\n关于下达2025年县政府为民办实事项目计划\n的通知\n各乡镇：\n正文。\n",
        dict(title="关于下达2025年县政府为民办实事项目计划的通知", doc_number=None, issuer="安吉县人民政府办公室",
             date=None, year=2025),
    ),
    (  # a repost's lead sentence quotes the title: the issuer is the name after 《
        "近日，《某区人民政府办公室关于2024年为民办实事项目的通知》正式印发。今年，全区将聚焦“一老一小”、就业、住房等群众急难愁盼问题，集中力量办好12件为民办实事项目。一起来看。\n正文。\n",
        dict(title="关于2024年为民办实事项目的通知", doc_number=None, issuer="某区人民政府办公室", date=None, year=2024),
    ),
    (  # issuer fused before 关于, title over two lines, date in Chinese numerals
        "某市妇女儿童工作委员会关于印发《某市2024年民生实事\n项目实施方案》的通知\n各区：\n正文。\n某市妇女儿童工作委员会\n二〇二四年三月十日\n",
        dict(title="关于印发《某市2024年民生实事项目实施方案》的通知", doc_number=None,
             issuer="某市妇女儿童工作委员会", date="2024-03-10", year=2024),
    ),
    (  # the office heads the notice above its document number; the signature shortens it
        "某市某区某街道办事处\n\n某街办〔2016〕9号\n\n关于2016年为民办实事项目的通知\n各社区：\n正文。\n某街道办事处\n2016年3月15日\n",
        dict(title="关于2016年为民办实事项目的通知", doc_number="某街办〔2016〕9号", issuer="某市某区某街道办事处",
             date="2016-03-15", year=2016),
    ),
    (  # no doc number, issuer only in the signature
        "关于做好2021年妇女儿童实事工作的通知\n各乡镇：\n正文。\n某县民政局\n2021年5月8日\n",
        dict(title="关于做好2021年妇女儿童实事工作的通知", doc_number=None, issuer="某县民政局",
             date="2021-05-08", year=2021),
    ),
    (
        "某区某街道办事处\n关于2023年为辖区妇女儿童办实事的通知\n各社区：\n正文。\n2023年2月1日\n",
        dict(title="关于2023年为辖区妇女儿童办实事的通知", doc_number=None, issuer="某区某街道办事处",
             date="2023-02-01", year=2023),
    ),
    (  # full-width digits in the document number
        "甘政办发〔２０２２〕２１号\n关于2022年为全省妇女儿童办实事的通知\n各市：\n正文。\n",
        dict(title="关于2022年为全省妇女儿童办实事的通知", doc_number="甘政办发〔２０２２〕２１号", issuer=None,
             date=None, year=2022),
    ),
    ("没有标题的文字。", dict(title=None, doc_number=None, issuer=None, date=None, year=None)),
    (  # a whole notice on one line: the title inside it, the office after the doc number, office and date on one line
        "某政办〔2025〕9号 某市人民政府办公室关于2025年为全市妇女儿童办实事的通知 各县(区)人民政府: "
        + "为增进妇女儿童福祉,现将有关事项通知如下:一、扩大托育服务供给。新增托位1500个。" * 4
        + "\n某市人民政府办公室 2025年3月18日\n",
        dict(title="关于2025年为全市妇女儿童办实事的通知", doc_number="某政办〔2025〕9号",
             issuer="某市人民政府办公室", date="2025-03-18", year=2025),
    ),
    (  # the office and the date fused on the signature line
        "关于2026年为全区妇女儿童办实事的通知\n各街道:正文。\n某区人民政府办公室2026年2月28日\n",
        dict(title="关于2026年为全区妇女儿童办实事的通知", doc_number=None, issuer="某区人民政府办公室",
             date="2026-02-28", year=2026),
    ),
    (  # a scan: issuer and title set out with spaces, the title over two lines, the number at the foot
        "息 县 人 民 政 府 办 公 室\n\n关 于 做 好 ２０２３ 年 县 级 民 生 实 事\n项 目 实 施 工 作 的 通 知\n\n各乡镇：\n正文。\n\n"
        "息县人民政府办公室\n息政办发〔2023〕12号\n二〇二三年三月八日\n",
        dict(title="关于做好２０２３年县级民生实事项目实施工作的通知", doc_number="息政办发〔2023〕12号",
             issuer="息县人民政府办公室", date="2023-03-08", year=2023),
    ),
    (  # a number cited in a sentence at the foot is not the notice's
        "某县人民政府办公室\n关于2023年民生实事的通知\n各乡镇：\n" + "新建幼儿园2所，新增学位500个。\n" * 12
        + "按照《某市实施方案》（某政发〔2022〕3号）要求，做好工作。\n"
        "某县人民政府办公室\n2023年3月8日\n",
        dict(title="关于2023年民生实事的通知", doc_number=None, issuer="某县人民政府办公室", date="2023-03-08", year=2023),
    ),
    (  # a one-line copy: the office set apart from the text before it by a space
        "关于2019年民生实事的通知 各乡镇:" + "新建幼儿园2所,新增学位500个." * 6
        + "附件:2019年项目进度表 某区人民政府办公室 2019年3月18日\n",
        dict(title="关于2019年民生实事的通知", doc_number=None, issuer="某区人民政府办公室",
             date="2019-03-18", year=2019),
    ),
    (  # a document number with 第 before its number
        "高平市人民政府办公室\n高政办〔2023〕第5号\n\n关于下达2023年民生实事项目的通知\n各乡镇：\n正文。\n高平市人民政府办公室\n2023年3月\n",
        dict(title="关于下达2023年民生实事项目的通知", doc_number="高政办〔2023〕第5号",
             issuer="高平市人民政府办公室", date=None, year=2023),
    ),
    (  # a plan's title without 关于
        "石泉县人民政府办公室\n石政办发〔2022〕11号\n\n石泉县2022年民生实事项目实施方案\n\n一、指导思想\n以人民为中心。\n",
        dict(title="石泉县2022年民生实事项目实施方案", doc_number="石政办发〔2022〕11号",
             issuer="石泉县人民政府办公室", date=None, year=2022),
    ),
    (  # a signature date in full-width digits, after the 附件 line
        "某区妇女儿童工作委员会文件\n关于２０２５年为全区妇女儿童办实事的通知\n各街道：\n正文。\n附件：任务分解表\n"
        "某区妇女儿童工作委员会\n２０２５年３月１８日\n",
        dict(title="关于２０２５年为全区妇女儿童办实事的通知", doc_number=None, issuer="某区妇女儿童工作委员会",
             date="2025-03-18", year=2025),
    ),
    (  # a one-line copy signed with a note after the date
        "关于2023年为全区妇女儿童办实事的通知 各街道:" + "新建幼儿园2所,新增学位500个。" * 4
        + "某区人民政府办公室 2023年4月6日 （此件公开发布）\n",
        dict(title="关于2023年为全区妇女儿童办实事的通知", doc_number=None, issuer="某区人民政府办公室",
             date="2023-04-06", year=2023),
    ),
    (  # the place left out of the name fused before 关于: the full name of the header and signature
        "湖北省人民政府办公厅文件\n省人民政府办公厅关于印发2024年十件民生实事的通知\n各市、州人民政府：\n正文。\n"
        "湖北省人民政府办公厅\n2024年3月1日\n",
        dict(title="关于印发2024年十件民生实事的通知", doc_number=None, issuer="湖北省人民政府办公厅",
             date="2024-03-01", year=2024),
    ),
    (  # a scan's signature date with a letter O for 〇
        "关于2022年为妇女儿童办实事的通知\n各乡镇：\n正文。\n某县人民政府办公室\n二O二二年三月十八日\n",
        dict(title="关于2022年为妇女儿童办实事的通知", doc_number=None, issuer="某县人民政府办公室",
             date="2022-03-18", year=2022),
    ),
    (  # a run-on notice that signs after its last sentence
        "关于2024年民生实事的通知 各乡镇:" + "新建幼儿园2所,新增学位500个,覆盖率达到95%。" * 4
        + "请认真落实。某县人民政府办公室 二〇二四年三月一日\n",
        dict(title="关于2024年民生实事的通知", doc_number=None, issuer="某县人民政府办公室",
             date="2024-03-01", year=2024),
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_meta(text, expected):
    meta, _ = find_meta(text, RULES)
    assert meta.model_dump() == expected


def test_a_date_inside_a_sentence_is_not_the_signature_date():
    meta, _ = find_meta("关于2022年实事的通知\n请于2022年6月30日前报送。\n", RULES)
    assert meta.date is None
    meta, _ = find_meta("关于2022年实事的通知\n各单位要在2022年6月30日\n", RULES)  # no office, no sentence end before it
    assert meta.date is None
    meta, _ = find_meta("关于2022年实事的通知 各单位:" + "正文。" * 40 + "请抓好落实。 2022年6月30日\n", RULES)
    assert meta.date == "2022-06-30"  # a run-on notice's date right after its last sentence


def test_a_run_on_copy_signs_between_paragraphs_set_apart_by_ideographic_spaces():
    text = (
        "丛政办字〔2021〕7号\u3000\u3000关于2021年为全区妇女儿童办实事的通知\u3000\u3000各乡镇：" + "正文。" * 30
        + "\u3000\u3000附件：进展情况报送表\u3000\u3000邯郸市丛台区人民政府办公室\u3000\u30002021年3月18日\u3000\u3000附件\u3000\u3000报送表"
    )
    meta, _ = find_meta(text, RULES)
    assert meta.date == "2021-03-18"
    meta, _ = find_meta("关于2022年实事的通知\n请于2022年6月30日\u3000\u3000前报送。\n", RULES)
    assert meta.date is None  # no office before it
