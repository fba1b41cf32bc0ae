"""The main text of a notice saved from a government web page.

The page's bytes are decoded here, not by the HTML parser: a page declared gb2312 often holds
GBK-only characters, which some parsers silently cut off, so the GB family is read as
GB18030 and a declaration that does not fit the bytes is overruled (with a warning).
trafilatura then finds the main text; navigation, breadcrumbs and footer fall away. Lines
are kept: one paragraph per line, a table as one line per row of tab-separated cells.
"""

from __future__ import annotations

import re
from collections import Counter

import regex

from .encoding import Decoded, decode_bytes, decode_declared
from .errors import PolicyExtractError
from .record import Warning

_CHARSET_RE = regex.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", regex.I)
_XML_DECL_RE = regex.compile(r"^\s*<\?xml[^>]*\?>")
_BLOCKS = frozenset({"p", "head", "list", "item", "quote", "code", "row", "cell", "div", "table"})
_MAX_CELL = 300

#: Lines of page furniture that trafilatura may leave inside the article's box.
_FURNITURE_RE = regex.compile(
    r"""^\s*(?:
        (?:发布时间|发布日期|发表时间|更新时间|浏览次数|浏览量|阅读次数|阅读量|访问次数|访问量|点击数|点击量|点击率
          |信息来源|来源|作者|责任编辑|编辑|字号|字体|分享到|当前位置|您现在的位置|您的位置|上一篇|下一篇|相关链接|相关文章)\s*[:：]
      | .{0,60}(?:浏览次数|阅读次数|访问次数|点击数|点击量|浏览量)\s*[:：]
      | (?:[【\[]?\s*(?:打印本页|打印|关闭窗口|关闭本页|关闭|收藏|返回顶部|返回|保存|分享|纠错|上一篇|下一篇|字号\s*[:：]?\s*大\s*中\s*小|大\s*中\s*小)\s*[】\]]?\s*[|｜]?\s*)+$
    )""",
    regex.X,
)


_CONTAINER_XPATH = " | ".join(
    [
        '//*[@id="zoom" or @id="Zoom" or @id="ZOOM" or @id="UCAP-CONTENT" or @id="BodyLabel"]',
        '//*[contains(@class, "TRS_Editor") or contains(@class, "TRS_UEDITOR") or contains(@class, "trs_editor_view")]',
        '//*[contains(@class, "Custom_UnionStyle") or contains(@class, "pages_content") or contains(@class, "art_con")]',
    ]
)
_MIN_CONTAINER = 30
_MAX_FURNITURE = 120
_FOOTER_RE = regex.compile(r"版权所有|ICP备|网站标识码|技术支持[:：]|主办单位[:：]|承办单位[:：]|网站地图|^(?:\S{2,8}\s*[|｜]\s*){2,}\S{2,8}$")


def declared_charset(data: bytes) -> str | None:
    """The charset named by the page's ``<meta>`` (either form), if any."""
    match = _CHARSET_RE.search(data[:8192])
    return match.group(1).decode("ascii") if match else None


def decode_html(data: bytes, path: str) -> Decoded:
    """Bytes to characters: a byte-order mark, else the declared charset checked, else the text chain."""
    declared = declared_charset(data)
    if declared is None or data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode_bytes(data, path)
    return decode_declared(data, declared, path)


def html_text(data: bytes, path: str) -> tuple[str, Decoded]:
    """The notice's main text and how its bytes were decoded."""
    decoded = decode_html(data, path)
    markup = _XML_DECL_RE.sub("", decoded.text, count=1)
    dropped: list[str] = []
    lines = main_text_lines(markup, dropped)
    if not lines:
        raise PolicyExtractError(path, "parse", "NoText", "the page holds no main text that could be found")
    if dropped:
        decoded.warnings.append(
            Warning(
                code="html.dropped",
                message=f"{len(dropped)} paragraph(s) of the article box are not in the main text, the first: {dropped[0][:40]}",
            )
        )
    return "\n".join(lines), decoded


_DROP_MIN_HAN = 6  # a piece of the article box this long must reach the main text
_HAN_RUN = regex.compile(r"\p{Han}")


def dropped_paragraphs(container, lines: list[str]) -> list[str]:
    """Pieces of the article box's text (one per line break or block) missing from ``lines``.

    trafilatura decides what is boilerplate; inside the box a government site puts its notice,
    so whatever it left out is reported rather than lost without a word.
    """
    import lxml.html

    kept = "".join("".join(line.split()) for line in lines)
    try:
        box = lxml.html.fromstring(container)
    except Exception:  # lxml's parser errors: nothing to compare with
        return []
    missing = []
    seen: Counter[str] = Counter()
    for piece in _box_text(box).split("\n"):
        flat = "".join(piece.split())
        if len(_HAN_RUN.findall(flat)) < _DROP_MIN_HAN or is_page_furniture(piece.strip()):
            continue
        seen[flat] += 1
        # a paragraph the box holds twice (牵头单位：市卫生健康委员会 under two items) must be kept twice
        if seen[flat] > kept.count(flat):
            missing.append(flat)
    return missing


def _box_text(element) -> str:
    """The text of an lxml element, a line break at every ``<br>`` and around every block."""
    parts = [element.text or ""] if isinstance(element.tag, str) else []
    for child in element:
        if child.tag == "br":
            parts.append("\n")
        elif isinstance(child.tag, str) and child.tag in _HTML_BLOCKS:
            parts.append("\n" + _box_text(child) + "\n")
        elif isinstance(child.tag, str) and child.tag not in ("script", "style"):
            parts.append(_box_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


_HTML_BLOCKS = frozenset({"p", "div", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "section", "article"})


def main_text_lines(markup: str, dropped: list[str] | None = None) -> list[str]:
    """trafilatura's main text rendered line by line, the page title first when it is shown on the page.

    ``dropped``, when given, receives the pieces of the article box the main text left out.
    """
    tree = _parse(markup)
    container = _content_container(tree) if tree is not None else None
    doc = None
    if container is not None:
        doc = _trafilatura(f"<html><body>{container}</body></html>")
    if doc is None:
        doc = _trafilatura(markup)
    if doc is None:
        return []
    title = _title(tree, markup)
    lines = _lines(doc, title)
    missing = dropped_paragraphs(container, lines) if container is not None else []
    if missing:
        # trafilatura's precision drops short blocks such as <h3> item headings; inside the site's
        # article box the notice is all there is, so its recall setting reads the box again
        again = _trafilatura(f"<html><body>{container}</body></html>", favor_recall=True)
        if again is not None:
            more = _lines(again, title)
            still = dropped_paragraphs(container, more)
            if len(still) < len(missing):
                lines, missing = more, still
    if dropped is not None:
        dropped.extend(missing)
    return lines


def _lines(doc, title: str | None) -> list[str]:
    lines = [line.strip(" ") for line in _render(doc.body).split("\n")]
    lines = [line for line in lines if line.strip() and not is_page_furniture(line)]
    if title and not any(title in line for line in lines):
        lines.insert(0, title)
    return lines


def _trafilatura(markup: str, favor_recall: bool = False):
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            markup, include_tables=True, include_comments=False, include_images=False, with_metadata=False,
            favor_recall=favor_recall,
        )
    except Exception:  # a page trafilatura cannot parse at all has no main text to offer
        return None
    if doc is None or doc.body is None or not "".join(doc.body.itertext()).strip():
        return None
    return doc


def _parse(markup: str):
    import lxml.html

    try:
        return lxml.html.fromstring(markup)
    except Exception:  # lxml's parser errors: no tree to look in
        return None


def _content_container(tree) -> str | None:
    """The article box of the content systems government sites run on, when the page has one."""
    import lxml.html

    found = [el for el in tree.xpath(_CONTAINER_XPATH) if len("".join(el.text_content().split())) >= _MIN_CONTAINER]
    if not found:
        return None
    best = max(found, key=lambda el: len(el.text_content()))
    return lxml.html.tostring(best, encoding="unicode")


def is_page_furniture(line: str) -> bool:
    """A line of the site around the notice: info line, tool links, breadcrumbs, footer."""
    return bool(_FURNITURE_RE.match(line) or (len(line) <= _MAX_FURNITURE and _FOOTER_RE.search(line)))


_TITLE_SEPARATORS = re.compile(r"\s[-_|—–]\s|[-_|—–]{1,2}(?=[^-_|—–]*$)")


def _title(tree, markup: str) -> str | None:
    """trafilatura's title of the page, when it is shown on the page itself (not only in ``<title>``)."""
    from trafilatura.metadata import extract_metadata

    if tree is None:
        return None
    try:
        title = (extract_metadata(markup).title or "").strip()
    except Exception:  # metadata is a nicety: a page without it still has its text
        return None
    if not title:
        return None
    body = tree.find(".//body")
    root = body if body is not None else tree
    texts = {" ".join(el.text_content().split()) for el in root.iter() if isinstance(el.tag, str)}
    # <title> often carries the site name too ("…的通知-甘肃省妇女联合会"): try its parts, longest first
    parts = sorted({title, *(p.strip() for p in _TITLE_SEPARATORS.split(title))}, key=len, reverse=True)
    return next((p for p in parts if len(p) >= 6 and p in texts), None)


def _render(element) -> str:
    """Text of a trafilatura body element, blocks and ``<lb/>`` as line breaks, tables as rows."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag == "table" and _is_data_table(child):
            parts.append("\n" + "\n".join(_rows(child)) + "\n")
        elif child.tag in _BLOCKS:
            parts.append("\n" + _render(child) + "\n")
        else:
            parts.append(_render(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _is_data_table(table) -> bool:
    """A table of short cells; a page laid out with tables has cells holding whole paragraphs."""
    for cell in table.iter("cell"):
        if cell.find(".//lb") is not None or len(_render(cell)) > _MAX_CELL:
            return False
    return True


def _rows(table) -> list[str]:
    rows = []
    for row in table.iter("row"):
        cells = [" ".join(_render(cell).replace("\t", " ").split()) for cell in row.iterchildren("cell")]
        rows.append("\t".join(cells))
    return rows
