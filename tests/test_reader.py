"""Reading notices in every format and encoding users have: .txt, .docx, .html, .pdf."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from pipeline.encoding import MAGIC, common_hanzi, control_share, decode_bytes, hanzi_score
from pipeline.errors import PolicyExtractError
from pipeline.normalise import normalise_text
from pipeline.read_html import is_page_furniture
from pipeline.reader import Document, read_document

TITLE = "关于2024年为全区妇女儿童办实事的通知"
NOTICE_LINES = [
    "某政办字〔2024〕5号",
    TITLE,
    "各街道办事处，区政府各部门：",
    "经区政府同意，现将2024年为全区妇女儿童办实事有关事项通知如下。",
    "一、新建改扩建幼儿园3所，新增学位900个。（责任单位：区教育和体育局）",
    "二、为全区0—6岁儿童免费体检2万人次以上，适龄妇女“两癌”筛查率达到85%以上。（责任单位：区卫生健康局、区妇联）",
    "三、建设“妈妈小屋”示范点10个。（牵头单位：区总工会；配合单位：区妇联）",
    "附件：进度表",
]
TABLE = [["序号", "实事名称", "责任单位"], ["1", "新建幼儿园", "区教育和体育局"], ["2", "儿童体检", "区卫生健康局"]]
SIGNATURE = ["某某区人民政府办公室", "2024年3月1日"]

# A real paragraph in traditional characters, for Big5 bytes.
BIG5_TEXT = (
    "關於2024年為全區婦女兒童辦實事的通知\n"
    "各鄉鎮公所、區政府各部門：\n"
    "一、新建幼兒園三所，新增學位九百個。（責任單位：區教育局）\n"
    "二、為全區兒童免費健康檢查兩萬人次以上。（責任單位：區衛生局、區婦聯會）\n"
)
GB_TEXT = "\n".join(NOTICE_LINES) + "\n"
GB2312_TEXT = GB_TEXT.replace("—", "至")  # the em dash is GBK, not GB2312


def notice_txt() -> str:
    rows = ["\t".join(row) for row in TABLE]
    return "\n".join([*NOTICE_LINES, *rows, *SIGNATURE]) + "\n"


def notice_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    for line in NOTICE_LINES:
        document.add_paragraph(line)
    table = document.add_table(rows=len(TABLE), cols=len(TABLE[0]))
    for i, row in enumerate(TABLE):
        for j, cell in enumerate(row):
            table.cell(i, j).text = cell
    for line in SIGNATURE:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def gov_page(body_lines: list[str], *, charset: str = "utf-8", table: list[list[str]] | None = None) -> str:
    """A page as saved from a government site: navigation, breadcrumbs, info line, tools, footer."""
    paragraphs = "\n".join(f"<p>{html.escape(line)}</p>" for line in body_lines)
    rows = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in table or [])
    table_html = f"<table border='1'>{rows}</table>" if table else ""
    signature = "".join(f"<p style='text-align:right'>{line}</p>" for line in SIGNATURE)
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{TITLE}_通知公告_某某区人民政府门户网站</title></head>
<body>
<div class="top"><a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="/hdjl/">互动交流</a> <a href="/bsfw/">办事服务</a></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/tzgg/">通知公告</a></div>
<div class="article">
<h1 class="title">{TITLE}</h1>
<div class="info">发布时间：2024-03-01 09:30　浏览次数：1024　来源：区政府办公室</div>
<div class="content" id="zoom">
{paragraphs}
{table_html}
{signature}
</div>
<div class="tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<div class="footer"><p>主办单位：某某区人民政府办公室 版权所有</p><p>网站标识码：3701000001 鲁ICP备00000000号</p></div>
</body></html>
"""


def make_pdf(path: Path, pages: list[list[str]]) -> Path:
    """A PDF with a real text layer in a CJK font (an empty page list item gives an image-only page)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path))
    for lines in pages:
        if not lines:
            c.rect(50, 500, 200, 200, fill=1)
        c.setFont("STSong-Light", 11)
        y = 800
        for line in lines:
            c.drawString(40, y, line)
            y -= 18
        c.showPage()
    c.save()
    return path


def nonempty_lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- .txt encodings -------------------------------------------------------------------------

ENCODINGS = [
    # (how the file was saved, text, bytes, encoding reported, warning codes)
    ("utf-8", GB_TEXT, GB_TEXT.encode("utf-8"), "utf-8", []),
    ("utf-8 with BOM", GB_TEXT, GB_TEXT.encode("utf-8-sig"), "utf-8-sig", []),
    ("utf-16 LE with BOM", GB_TEXT, b"\xff\xfe" + GB_TEXT.encode("utf-16-le"), "utf-16", []),
    ("utf-16 BE with BOM", GB_TEXT, b"\xfe\xff" + GB_TEXT.encode("utf-16-be"), "utf-16", []),
    ("gb18030", GB_TEXT, GB_TEXT.encode("gb18030"), "gb18030", ["encoding.fallback"]),
    ("gbk", GB_TEXT, GB_TEXT.encode("gbk"), "gb18030", ["encoding.fallback"]),
    ("gb2312", GB2312_TEXT, GB2312_TEXT.encode("gb2312"), "gb18030", ["encoding.fallback"]),
    ("gbk-only characters", "朱镕基、王喆、李堃", "朱镕基、王喆、李堃".encode("gbk"), "gb18030", ["encoding.fallback"]),
    ("short gbk clause", "责任单位：县教育局", "责任单位：县教育局".encode("gbk"), "gb18030", ["encoding.fallback"]),
    ("big5", BIG5_TEXT, BIG5_TEXT.encode("big5"), "big5", ["encoding.fallback"]),
    ("big5 short", "臺灣省政府公告", "臺灣省政府公告".encode("big5"), "big5", ["encoding.fallback"]),
    ("cp950", "臺北市政府：兒童福利", "臺北市政府：兒童福利".encode("cp950"), "big5", ["encoding.fallback"]),
    ("utf-16 LE without BOM", "notice 通知 2024", "notice 通知 2024".encode("utf-16-le"), "utf-16-le", ["encoding.detected"]),
]


@pytest.mark.parametrize(("label", "text", "data", "encoding", "codes"), ENCODINGS, ids=[e[0] for e in ENCODINGS])
def test_txt_encodings(tmp_path: Path, label: str, text: str, data: bytes, encoding: str, codes: list[str]) -> None:
    doc = read_document(write(tmp_path, "notice.txt", data))
    assert doc.text == normalise_text(text)
    assert (doc.format, doc.encoding) == ("txt", encoding)
    assert [w.code for w in doc.warnings] == codes
    assert all(encoding in w.message for w in doc.warnings if w.code == "encoding.fallback")


def test_big5_bytes_also_decode_as_gb18030_yet_are_read_as_big5() -> None:
    """The case the order must handle: strict GB18030 succeeds on Big5 bytes, as nonsense."""
    data = BIG5_TEXT.encode("big5")
    mojibake = data.decode("gb18030")
    assert mojibake != BIG5_TEXT
    assert hanzi_score(BIG5_TEXT) > hanzi_score(mojibake) + 0.3
    decoded = decode_bytes(data, "x.txt")
    assert decoded.text == BIG5_TEXT


# Simplified text whose bytes also decode strictly as Big5: it must stay GB18030.
GB_NOT_BIG5 = ["各部门", "区政府", "儿童", "关于做好工作的通知", "省卫生健康委员会"]


@pytest.mark.parametrize("text", GB_NOT_BIG5)
def test_simplified_text_is_not_read_as_big5(text: str) -> None:
    decoded = decode_bytes(text.encode("gbk"), "x.txt")
    assert (decoded.text, decoded.encoding) == (text, "gb18030")


def test_undecodable_bytes_are_replaced_and_counted(tmp_path: Path) -> None:
    head, middle, tail = (part.encode("gbk") for part in (GB_TEXT[:20], GB_TEXT[20:90], GB_TEXT[90:]))
    data = head + b"\xff\xff" + middle + b"\xff" + tail
    doc = read_document(write(tmp_path, "damaged.txt", data))
    assert doc.encoding == "gb18030"
    [warning] = doc.warnings
    assert warning.code == "encoding.replaced"
    assert re.search(r"\b3 undecodable bytes\b", warning.message), warning.message
    assert doc.text.count("\ufffd") == 2
    assert doc.text.replace("\ufffd", "") == GB_TEXT


def test_txt_line_ends_and_bom_normalised(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "crlf.txt", "\ufeff第一行\r\n第二行\r第三行\n".encode()))
    assert doc.text == "第一行\n第二行\n第三行\n"
    assert doc.encoding == "utf-8-sig"


def test_document_facts(tmp_path: Path) -> None:
    import hashlib

    data = GB_TEXT.encode("utf-8")
    path = write(tmp_path, "004_abc.txt", data)
    doc = read_document(path)
    assert isinstance(doc, Document)
    assert (doc.doc_id, doc.path, doc.sha256) == ("004_abc", str(path), hashlib.sha256(data).hexdigest())
    assert read_document(path, doc_id="named").doc_id == "named"


# --- .docx ------------------------------------------------------------------------------------


def test_docx_paragraphs_and_tables_in_document_order(tmp_path: Path) -> None:
    doc = read_document(notice_docx(tmp_path / "n.docx"))
    assert (doc.format, doc.encoding, doc.warnings) == ("docx", None, [])
    expected = [*NOTICE_LINES, *("\t".join(row) for row in TABLE), *SIGNATURE]
    assert doc.text.split("\n") == expected


def test_docx_merged_cells_are_written_once(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).text, table.cell(0, 1).text, table.cell(0, 2).text = "序号", "名称", "单位"
    table.cell(1, 0).text, table.cell(1, 1).text = "1", "跨两列"
    table.cell(1, 1).merge(table.cell(1, 2))
    table.cell(1, 0).merge(table.cell(2, 0))
    table.cell(2, 1).text, table.cell(2, 2).text = "乙", "区妇联"
    cell = table.cell(0, 2)
    cell.add_paragraph("（牵头）")
    document.save(str(tmp_path / "m.docx"))
    lines = read_document(tmp_path / "m.docx").text.split("\n")
    assert lines == ["序号\t名称\t单位 （牵头）", "1\t跨两列\t", "\t乙\t区妇联"]
    assert "\n".join(lines).count("跨两列") == 1


def test_docx_without_text_is_an_error(tmp_path: Path) -> None:
    import docx

    docx.Document().save(str(tmp_path / "blank.docx"))
    with pytest.raises(PolicyExtractError) as err:
        read_document(tmp_path / "blank.docx")
    assert (err.value.stage, err.value.error) == ("parse", "NoText")


# --- .html ------------------------------------------------------------------------------------

FURNITURE = ["首页", "当前位置", "发布时间", "浏览次数", "打印本页", "关闭窗口", "版权所有", "ICP备", "互动交流"]


def test_html_main_text_without_page_furniture(tmp_path: Path) -> None:
    page = gov_page(NOTICE_LINES[2:], table=TABLE)
    doc = read_document(write(tmp_path, "page.html", page.encode("utf-8")))
    assert (doc.format, doc.encoding) == ("html", "utf-8")
    for word in FURNITURE:
        assert word not in doc.text, word
    lines = doc.text.split("\n")
    assert lines[0] == TITLE
    assert lines[1:] == [*NOTICE_LINES[2:], *("\t".join(row) for row in TABLE), *SIGNATURE]


def test_html_item_headings_set_as_h3_stay_in_the_text(tmp_path: Path) -> None:
    # trafilatura's precision drops short <h3> blocks; inside the article box they are the items' titles
    page = (
        '<html><head><meta charset="utf-8"><title>关于2025年民生实事的通知</title></head><body>'
        '<div class="nav">首页 > 政务公开</div><div id="zoom">'
        "<p>关于2025年民生实事的通知</p><p>各县（市、区）人民政府，市政府各部门：</p>"
        "<p>经市政府研究，确定2025年民生实事项目3件，现通知如下。</p>"
        "<h3>第一件 新增普惠托育服务供给</h3><p>新增普惠托位1200个。〔责任单位：市卫生健康委〕</p>"
        "<h3>第二件 扩大优质教育资源</h3><p>新建、改扩建中小学8所。〔责任单位：市教育局〕</p>"
        "<h4>第三件 提升养老服务</h4><p>新建老年食堂20个。〔责任单位：市民政局〕</p>"
        "</div></body></html>"
    )
    doc = read_document(write(tmp_path, "h3.html", page.encode("utf-8")))
    lines = doc.text.split("\n")
    assert {"第一件 新增普惠托育服务供给", "第二件 扩大优质教育资源", "第三件 提升养老服务"} <= set(lines)
    assert not [w for w in doc.warnings if w.code == "html.dropped"]


FURNITURE_LINES = [
    "发布时间：2024-03-01 09:30　浏览次数：1024　来源：区政府办公室",
    "发布日期：2024-04-21　　点击数：356　　【字体：大 中 小】",
    "2024-03-01 10:00 来源：区妇联 阅读次数：88",
    "当前位置：首页 > 政务公开 > 通知公告",
    "您现在的位置：首页 >> 通知公告",
    "【打印本页】 【关闭窗口】",
    "[打印本页] [关闭窗口]",
    "【大 中 小】",
    "上一篇：关于开展2023年妇女儿童工作的通知",
    "版权所有：某某区人民政府 地址：某某路1号",
    "鲁ICP备05000000号-1 网站标识码：3701000001",
    "网站首页 | 机构设置 | 政务公开 | 公众参与",
]
NOTICE_LINES_KEPT = [
    *NOTICE_LINES,
    "2024年3月1日",
    "（此件公开发布）",
    "附件：1.2024年为全区妇女儿童办实事任务分解表",
    "四、开展“巾帼家政”培训500人次，发布就业信息1000条。（责任单位：区人社局）",
    "联系人：张某，联系电话：0531-12345678",
    "序号\t实事名称\t责任单位",
    "打印店从业人员免费培训200人次。",
]


@pytest.mark.parametrize("line", FURNITURE_LINES)
def test_page_furniture_lines_are_dropped(line: str) -> None:
    assert is_page_furniture(line)


@pytest.mark.parametrize("line", NOTICE_LINES_KEPT)
def test_notice_lines_are_not_furniture(line: str) -> None:
    assert not is_page_furniture(line)


def table_layout_page(body_lines: list[str], container: str) -> str:
    """An older county site: the whole page laid out in tables, the notice as lines split by <br>."""
    body = "<br>\n".join([*body_lines, "", *SIGNATURE])
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>{TITLE}</title></head>
<body>
<table width="1000"><tr><td><a href="/">网站首页</a> | <a href="/a">机构设置</a> | <a href="/b">政务公开</a> | <a href="/c">公众参与</a></td></tr></table>
<table width="1000"><tr><td width="200"><ul><li><a href="/x">通知公告</a></li><li><a href="/y">政策文件</a></li></ul></td>
<td width="800"><table width="100%">
<tr><td>您现在的位置：<a href="/">首页</a> &gt;&gt; 通知公告</td></tr>
<tr><td align="center"><font size="4"><b>{TITLE}</b></font></td></tr>
<tr><td align="center">发布日期：2024-04-21　　点击数：356　　【字体：大 中 小】</td></tr>
<tr><td {container}><div>{body}</div></td></tr>
<tr><td align="right"><a href="javascript:window.print()">[打印本页]</a> <a href="javascript:window.close()">[关闭窗口]</a></td></tr>
</table></td></tr></table>
<table width="1000"><tr><td>版权所有：某某区人民政府 地址：某某路1号<br>鲁ICP备05000000号</td></tr></table>
</body></html>
"""


@pytest.mark.parametrize("container", ['id="zoom"', 'class="TRS_Editor"', ""])
def test_html_table_layout_page_keeps_lines_and_drops_furniture(tmp_path: Path, container: str) -> None:
    data = table_layout_page(NOTICE_LINES[2:], container).encode("gbk")
    doc = read_document(write(tmp_path, "layout.html", data))
    assert nonempty_lines(doc.text) == [TITLE, *NOTICE_LINES[2:], *SIGNATURE]
    for word in [*FURNITURE, "机构设置", "发布日期", "点击数"]:
        assert word not in doc.text, word


def test_html_declared_gb2312_with_gbk_only_characters(tmp_path: Path) -> None:
    body = ["根据朱镕基同志讲话精神，王喆、李堃同志负责。", *NOTICE_LINES[2:5]]
    data = gov_page(body, charset="gb2312").encode("gbk")
    with pytest.raises(UnicodeEncodeError):
        body[0].encode("gb2312")
    doc = read_document(write(tmp_path, "gb.htm", data))
    assert doc.encoding == "gb18030"
    assert body[0] in doc.text.split("\n")
    assert doc.warnings == []


def test_html_declared_charset_that_does_not_fit_is_overruled(tmp_path: Path) -> None:
    data = gov_page(NOTICE_LINES[2:5], charset="utf-8").encode("gbk")
    doc = read_document(write(tmp_path, "wrong.html", data))
    assert doc.encoding == "gb18030"
    assert [w.code for w in doc.warnings] == ["encoding.declared_wrong", "encoding.fallback"]
    assert "'utf-8'" in doc.warnings[0].message
    assert NOTICE_LINES[4] in doc.text


HTML_CHARSETS = [
    # (declared, how the bytes were saved, encoding reported, warning codes)
    ("gb2312", "gbk", "gb18030", []),
    ("GBK", "gbk", "gb18030", []),
    ("gb18030", "gb18030", "gb18030", []),
    ("big5", "big5", "big5", []),
    ("utf-8", "utf-8", "utf-8", []),
    ("utf-16", "utf-8", "utf-8", ["encoding.declared_wrong"]),
    ("iso-8859-1", "utf-8", "utf-8", ["encoding.declared_wrong"]),
    ("utf-8", "gbk", "gb18030", ["encoding.declared_wrong", "encoding.fallback"]),
    ("gb2312", "utf-8", "utf-8", ["encoding.declared_wrong"]),
    ("x-unknown-charset", "gbk", "gb18030", ["encoding.declared_wrong", "encoding.fallback"]),
]


@pytest.mark.parametrize(("declared", "saved", "encoding", "codes"), HTML_CHARSETS)
def test_html_declared_charsets(tmp_path: Path, declared: str, saved: str, encoding: str, codes: list[str]) -> None:
    lines = BIG5_TEXT.strip().split("\n") if saved == "big5" else NOTICE_LINES[2:6]
    data = gov_page(lines, charset=declared).encode(saved, errors="xmlcharrefreplace")
    doc = read_document(write(tmp_path, "p.html", data))
    assert (doc.encoding, [w.code for w in doc.warnings]) == (encoding, codes)
    assert all(line in doc.text.split("\n") for line in lines)


def test_html_merged_table_cell_not_repeated(tmp_path: Path) -> None:
    table = (
        "<table><tr><td>1</td><td colspan='2'>跨列内容</td></tr>"
        "<tr><td>2</td><td><p>区教育局</p><p>区财政局</p></td><td>x</td></tr></table>"
    )
    page = gov_page(NOTICE_LINES[2:6]).replace("<p style='text-align:right'>", table + "<p style='text-align:right'>", 1)
    lines = read_document(write(tmp_path, "t.html", page.encode())).text.split("\n")
    assert lines[-4:] == ["1\t跨列内容\t", "2\t区教育局 区财政局\tx", *SIGNATURE]
    assert "\n".join(lines).count("跨列内容") == 1


# --- .pdf -------------------------------------------------------------------------------------


def test_pdf_text_layer_keeps_line_breaks(tmp_path: Path) -> None:
    lines = [TITLE, "一、新建幼儿园3所，新增学位900个。（责任单位：区教育和体", "育局）"]
    doc = read_document(make_pdf(tmp_path / "n.pdf", [lines, ["二、为0—6岁儿童免费体检2", "000人次。"]]))
    assert (doc.format, doc.encoding, doc.warnings) == ("pdf", None, [])
    assert "区教育和体\n育局" in doc.text
    assert "体检2\n000人次" in doc.text
    assert nonempty_lines(doc.text) == [*lines, "二、为0—6岁儿童免费体检2", "000人次。"]


def test_pdf_page_without_text_is_a_warning(tmp_path: Path) -> None:
    doc = read_document(make_pdf(tmp_path / "mixed.pdf", [[TITLE], []]))
    assert [w.code for w in doc.warnings] == ["pdf.page_without_text"]
    assert "2" in doc.warnings[0].message and "OCR" in doc.warnings[0].message


# --- the same notice in three formats ---------------------------------------------------------


def three_formats(tmp_path: Path) -> dict[str, Path]:
    html_page = gov_page(NOTICE_LINES[:1] + NOTICE_LINES[2:], table=TABLE)
    # The title sits in the page's <h1>; the doc number line is above it in the text file.
    html_page = html_page.replace(f"<h1 class=\"title\">{TITLE}</h1>", "").replace(
        "<p>各街道办事处", f"<p>{TITLE}</p>\n<p>各街道办事处", 1
    )
    return {
        "txt": write(tmp_path, "n.txt", notice_txt().encode("gbk")),
        "docx": notice_docx(tmp_path / "n.docx"),
        "html": write(tmp_path, "n.html", html_page.encode("gbk").replace(b"charset=utf-8", b"charset=gb2312")),
    }


def test_same_notice_same_lines_in_txt_docx_html(tmp_path: Path) -> None:
    docs = {fmt: read_document(path) for fmt, path in three_formats(tmp_path).items()}
    assert {fmt: d.format for fmt, d in docs.items()} == {"txt": "txt", "docx": "docx", "html": "html"}
    lines = {fmt: nonempty_lines(d.text) for fmt, d in docs.items()}
    assert lines["txt"]
    assert lines["docx"] == lines["txt"]
    assert lines["html"] == lines["txt"]


def test_same_notice_same_items_and_values_in_txt_docx_html(tmp_path: Path) -> None:
    pytest.importorskip("pipeline.assemble", reason="the extractor (pipeline.assemble) cannot be imported")
    from pipeline.extract import Extractor

    extractor = Extractor()
    records = {fmt: extractor.extract(read_document(path)) for fmt, path in three_formats(tmp_path).items()}

    def values(record) -> list[tuple]:
        out = []
        for item in record.items:
            out.append(("item", item.id, item.kind, item.number, item.heading.text))
            out += [("commitment", item.id, c.value, c.unit, c.comparator) for c in item.commitments]
            out += [("age", item.id, a.min, a.max, a.unit) for a in item.age_ranges]
            out += [("unit", item.id, u.name, u.role) for u in item.responsible_units]
        return out

    assert values(records["txt"]), "the notice has items with values"
    assert values(records["docx"]) == values(records["txt"])
    assert values(records["html"]) == values(records["txt"])


# --- format detection --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "make", "fmt"),
    [
        ("notice", lambda p: p.write_bytes(GB_TEXT.encode()), "txt"),
        ("notice.md", lambda p: p.write_bytes(GB_TEXT.encode()), "txt"),
        ("page.asp", lambda p: p.write_bytes(gov_page(NOTICE_LINES[2:5]).encode()), "html"),
        ("scan.bin", lambda p: make_pdf(p, [[TITLE]]), "pdf"),
        ("word.dat", lambda p: notice_docx(p), "docx"),
    ],
)
def test_unknown_suffix_judged_by_content(tmp_path: Path, name: str, make, fmt: str) -> None:
    path = tmp_path / name
    make(path)
    assert read_document(path).format == fmt


# --- properties over arbitrary Unicode --------------------------------------------------------

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=300)
LONG_LINES = st.builds(lambda s, n: s * n, st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=5), st.integers(1000, 5000))
CJK = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=200)
CONTROLS = st.text(st.characters(categories=["Cc"]), min_size=1, max_size=20)
ANY_TEXT = st.one_of(TEXT, LONG_LINES, CJK, st.builds(str.__add__, CJK, CONTROLS))
SAVED = [("utf-8", lambda t: t.encode("utf-8")), ("utf-8-sig", lambda t: t.encode("utf-8-sig")), ("utf-16", lambda t: t.encode("utf-16"))]


def _read_text(tmp_path: Path, data: bytes, name: str = "p.txt") -> Document | PolicyExtractError:
    path = write(tmp_path, name, data)
    try:
        return read_document(path)
    except PolicyExtractError as exc:
        assert str(path) in str(exc)
        return exc


@PROPERTY
@given(text=ANY_TEXT, saved=st.sampled_from(SAVED))
@example(text="\ufeff关于", saved=SAVED[[name for name, _ in SAVED].index("utf-8-sig")])  # a BOM saved with a BOM
def test_property_unicode_round_trips_or_fails_cleanly(tmp_path: Path, text: str, saved) -> None:
    _, encode = saved
    data = encode(text)
    result = _read_text(tmp_path, data)
    if isinstance(result, Document):
        if result.text != normalise_text(text):
            # NUL characters saved without a byte-order mark are the bytes of UTF-16 too ("0\x00" is
            # "0" in UTF-16 LE): the reader may take that reading, but says so and changes nothing
            assert "\x00" in text and result.encoding in ("utf-16-le", "utf-16-be")
            assert [w.code for w in result.warnings] == ["encoding.detected"]
            assert result.text == normalise_text(data.decode(result.encoding))
            return
        assert result.text == normalise_text(result.text)
        assert result.text.strip()
        return
    if result.error == "EmptyFile":
        assert not normalise_text(text).strip()
    else:
        assert result.error == "BinaryFile", result
        assert control_share(text) > 0 or any(data.startswith(m) for m, _ in MAGIC)


def _common_text() -> st.SearchStrategy[str]:
    alphabet = sorted(common_hanzi() & {ch for ch in map(chr, range(0x4E00, 0xA000)) if _in_gb2312(ch)})
    return st.text(st.sampled_from([*alphabet, *"，。：；、（）0123456789%\n"]), min_size=1, max_size=200)


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


@PROPERTY
@given(text=_common_text())
def test_property_gb_text_is_read_as_gb18030(tmp_path: Path, text: str) -> None:
    data = text.encode("gb18030")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        assume(False)  # also valid UTF-8: strict UTF-8 rightly comes first
    assume(text.strip())
    doc = read_document(write(tmp_path, "gb.txt", data))
    assert (doc.text, doc.encoding) == (text, "gb18030")


@PROPERTY
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".txt", ".docx", ".html", ".pdf", ".xyz"]))
def test_property_arbitrary_bytes_never_raise_anything_else(tmp_path: Path, data: bytes, suffix: str) -> None:
    result = _read_text(tmp_path, data, "b" + suffix)
    if isinstance(result, Document):
        assert result.text.strip() and result.text == normalise_text(result.text)
    else:
        assert result.stage in {"read", "decode", "parse"}
        assert result.message


@PROPERTY
@given(text=TEXT)
def test_property_html_of_any_text_never_raises_anything_else(tmp_path: Path, text: str) -> None:
    page = gov_page(text.split("\n"))
    result = _read_text(tmp_path, page.encode("utf-8"), "p.html")
    if isinstance(result, Document):
        assert result.text == normalise_text(result.text) and result.text.strip()
    else:
        assert result.stage in {"decode", "parse"}


XML_SAFE = st.text(
    st.characters(exclude_categories=["Cs", "Cc"], exclude_characters="\ufffe\uffff"), min_size=1, max_size=200
)


@PROPERTY
@given(paragraphs=st.lists(XML_SAFE, min_size=1, max_size=5))
def test_property_docx_paragraphs_round_trip(tmp_path: Path, paragraphs: list[str]) -> None:
    import docx

    # a notice is text once normalised: a byte-order mark alone is no text, and the reader says so
    assume(normalise_text("\n".join(paragraphs)).strip())
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    document.save(str(tmp_path / "p.docx"))
    doc = read_document(tmp_path / "p.docx")
    assert doc.text == normalise_text("\n".join(paragraphs))


def test_gbk_fallback_warning_is_the_contracts() -> None:
    from pipeline.record import Warning

    decoded = decode_bytes(GB_TEXT.encode("gbk"), "x.txt")
    assert decoded.warnings == [Warning(code="encoding.fallback", message="decoded as gb18030")]


def _sample_files(folder: Path) -> dict[str, bytes]:
    folder.mkdir(exist_ok=True)
    return {
        ".docx": notice_docx(folder / "s.docx").read_bytes(),
        ".pdf": make_pdf(folder / "s.pdf", [NOTICE_LINES[:4]]).read_bytes(),
        ".html": gov_page(NOTICE_LINES[2:5], charset="gb2312").encode("gbk"),
        ".txt": GB_TEXT.encode("gbk"),
    }


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    suffix=st.sampled_from([".docx", ".pdf", ".html", ".txt"]),
    cuts=st.lists(st.tuples(st.floats(0, 1), st.binary(min_size=0, max_size=8)), min_size=1, max_size=6),
    truncate=st.one_of(st.none(), st.floats(0, 1)),
)
def test_property_damaged_real_files_fail_cleanly(tmp_path: Path, suffix: str, cuts, truncate) -> None:
    """Real files with bytes overwritten or cut short: a record or a clean error, nothing else."""
    data = bytearray(_sample_files(tmp_path / "samples")[suffix])
    for where, junk in cuts:
        at = int(where * (len(data) - 1))
        data[at : at + len(junk)] = junk
    if truncate is not None:
        data = data[: max(1, int(truncate * len(data)))]
    result = _read_text(tmp_path, bytes(data), "damaged" + suffix)
    if isinstance(result, PolicyExtractError):
        assert result.stage in {"read", "decode", "parse"} and result.message
    else:
        assert result.text.strip() and result.text == normalise_text(result.text)


# UTF-8 notices with a scratch: strict GB18030 may read them, but as nonsense.
SCRATCHED_UTF8 = [
    ("title cut", TITLE.encode()[:-2]),
    ("salutation cut", NOTICE_LINES[2].encode()[:-2]),
    ("attachment line cut", "附件：进度表".encode()[:-2]),
    ("one byte overwritten", NOTICE_LINES[5].encode()[:30] + b"\xff" + NOTICE_LINES[5].encode()[31:]),
]


def test_scratched_utf8_cases_do_decode_strictly_as_gb18030() -> None:
    """The cases above are the hard ones: GB18030 alone would accept most of them."""
    from pipeline.encoding import _chinese_strict

    assert sum(_chinese_strict(data) is not None for _, data in SCRATCHED_UTF8) >= 3


@pytest.mark.parametrize(("label", "data"), SCRATCHED_UTF8, ids=[s[0] for s in SCRATCHED_UTF8])
def test_scratched_utf8_stays_utf8(label: str, data: bytes) -> None:
    decoded = decode_bytes(data, "x.txt")
    assert decoded.encoding == "utf-8"
    assert [w.code for w in decoded.warnings] == ["encoding.replaced"]
    assert decoded.text.count("\ufffd") == 1
    original = data.decode("utf-8", errors="ignore")
    assert decoded.text.replace("\ufffd", "") == original


def _numbered_docx(path: Path, paragraphs: list[tuple[int | None, str]], levels: list[tuple[str, str]]) -> Path:
    """A .docx whose list numbers are Word's own: ``levels`` are (numFmt, lvlText) per level."""
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    numbering = document.part.numbering_part.element
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
        f'<w:suff w:val="nothing"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    numbering.append(parse_xml(f'<w:abstractNum {w} w:abstractNumId="90">{lvls}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for level, text in paragraphs:
        paragraph = document.add_paragraph(text)
        if level is not None:
            ppr = paragraph._p.get_or_add_pPr()
            ppr.append(parse_xml(f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
    document.save(str(path))
    return path


def test_docx_automatic_list_numbers_are_written(tmp_path: Path) -> None:
    paragraphs = [
        (None, TITLE),
        (0, "教育类"),
        (1, "新建幼儿园3所。"),
        (1, "新增学位900个。"),
        (0, "健康类"),
        (1, "免费体检2万人次。"),
        (None, "某某区人民政府办公室"),
    ]
    levels = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）")]
    doc = read_document(_numbered_docx(tmp_path / "auto.docx", paragraphs, levels))
    assert doc.text.split("\n") == [
        TITLE,
        "一、教育类",
        "（一）新建幼儿园3所。",
        "（二）新增学位900个。",
        "二、健康类",
        "（一）免费体检2万人次。",
        "某某区人民政府办公室",
    ]


@pytest.mark.parametrize(
    ("n", "fmt", "expected"),
    [
        (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCounting", "十一"),
        (20, "chineseCounting", "二十"), (35, "chineseCountingThousand", "三十五"), (101, "chineseCounting", "一百零一"),
        (110, "chineseCounting", "一百一十"), (3, "decimal", "3"), (3, "decimalEnclosedCircle", "③"),
        (2, "ideographTraditional", "乙"), (4, "upperRoman", "IV"), (28, "lowerLetter", "bb"),
        (12, "decimalFullWidth", "１２"), (7, "someFutureFormat", "7"),
    ],
)
def test_word_number_formats(n: int, fmt: str, expected: str) -> None:
    from pipeline.docx_numbering import format_number

    assert format_number(n, fmt) == expected


def test_docx_list_styles_number_and_bullets_stay_out(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph(TITLE)
    for text in ("新建幼儿园3所。", "新增学位900个。"):
        document.add_paragraph(text, style="List Number")
    document.add_paragraph("要点", style="List Bullet")
    document.save(str(tmp_path / "styles.docx"))
    lines = read_document(tmp_path / "styles.docx").text.split("\n")
    assert lines == [TITLE, "1.新建幼儿园3所。", "2.新增学位900个。", "要点"]


def test_html_title_shown_outside_the_content_box_is_kept(tmp_path):
    """<title> carries the site name; the page shows the title in a heading above the text box."""
    title = "关于做好2021年全省为妇女儿童办实事工作的通知"
    body = "".join(f"<p>{line}</p>" for line in ["各市妇儿工委：", "一、新建儿童之家100个。（省民政厅负责）", "二、开展筛查10万人。（省卫健委负责）"])
    page = (
        f"<html><head><meta charset='utf-8'><title>{title}-某省妇女联合会</title></head><body>"
        f"<div class='nav'>首页 | 政务公开</div><h2>{title}</h2><div class='TRS_Editor'>{body}</div>"
        "<div class='footer'>版权所有：某省妇女联合会</div></body></html>"
    )
    path = tmp_path / "notice.html"
    path.write_text(page, encoding="utf-8")
    doc = read_document(path)
    assert doc.text.splitlines()[0] == title


def test_text_of_the_article_box_left_out_of_the_main_text_is_reported():
    from pipeline.read_html import dropped_paragraphs

    box = (
        '<div id="zoom"><p>关于2022年民生实事的通知</p><ol><li><strong>开展两癌筛查。</strong><br>'
        "为全县妇女免费筛查一万人。</li></ol><p>打印本页</p><p>2022年</p></div>"
    )
    everything = ["关于2022年民生实事的通知", "开展两癌筛查。", "为全县妇女免费筛查一万人。"]
    assert dropped_paragraphs(box, everything) == []
    assert dropped_paragraphs(box, everything[:2]) == ["为全县妇女免费筛查一万人。"]  # short pieces and tool links are not counted


def test_a_paragraph_the_article_box_holds_twice_is_reported_when_kept_once():
    from pipeline.read_html import dropped_paragraphs

    box = (
        '<div id="zoom"><p>新建幼儿园两所。</p><p>牵头单位：市卫生健康委员会</p>'
        "<p>开展两癌筛查一万人。</p><p>牵头单位：市卫生健康委员会</p></div>"
    )
    lines = ["新建幼儿园两所。", "牵头单位：市卫生健康委员会", "开展两癌筛查一万人。"]
    assert dropped_paragraphs(box, lines) == ["牵头单位：市卫生健康委员会"]
    assert dropped_paragraphs(box, [*lines, "牵头单位：市卫生健康委员会"]) == []
