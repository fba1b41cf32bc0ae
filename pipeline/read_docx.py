"""The text of a Word .docx: paragraphs and tables in document order.

A table becomes one line per row with its cells separated by tabs, so that a row reads the
same as the progress tables of notices copied from a web page. A merged cell's text is
written once: the other grid positions it covers stay empty, which keeps the columns in
place. Paragraphs inside one cell are joined by a space to keep the row on one line. Word's
automatic list numbers are written before their paragraphs (see :mod:`pipeline.docx_numbering`).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from .docx_numbering import Numbering
from .encoding import sniff_magic
from .errors import PolicyExtractError

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_text(data: bytes, path: str) -> str:
    """Return the document's text, one paragraph or table row per line."""
    document = _open(data, path)
    try:
        return "\n".join(_block_lines(document.element.body, document, Numbering(document)))
    except (ValueError, KeyError, AttributeError, TypeError) as exc:  # malformed parts python-docx let through
        raise PolicyExtractError(path, "parse", "BadDocx", f"a damaged .docx: {exc}") from None


def _open(data: bytes, path: str):
    import docx

    if not zipfile.is_zipfile(io.BytesIO(data)):
        if data.startswith(b"PK\x03\x04"):  # a zip's first entry, but no directory at the end
            raise PolicyExtractError(
                path, "parse", "BadDocx", "a damaged .docx: the file is cut short (its zip directory is missing)"
            )
        kind = sniff_magic(data)
        hint = f": it is {kind}" if kind else " (not a zip archive)"
        if data.startswith(b"\xd0\xcf\x11\xe0"):
            hint += "; save it as .docx in Word or LibreOffice (libreoffice --headless --convert-to docx FILE)"
        raise PolicyExtractError(path, "parse", "NotADocx", f"not a Word .docx file{hint}")
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors for broken packages
        reason = str(exc).strip() or type(exc).__name__
        raise PolicyExtractError(path, "parse", "BadDocx", f"a damaged or non-Word .docx: {reason}") from None


def _block_lines(container, document, numbering: Numbering) -> Iterator[str]:
    """Lines of the paragraphs and tables directly in ``container``, content controls opened."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in container.iterchildren():
        if child.tag == f"{_W}p":
            yield numbering.label(child) + Paragraph(child, document).text
        elif child.tag == f"{_W}tbl":
            yield from _table_lines(Table(child, document), document, numbering)
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _block_lines(content, document, numbering)


def _table_lines(table, document, numbering: Numbering) -> Iterator[str]:
    for tr in table._tbl.tr_lst:
        cells: list[str] = []
        for tc in tr.tc_lst:
            cells.append("" if _continues_vertical_merge(tc) else _cell_text(tc, document, numbering))
            cells.extend("" for _ in range(tc.grid_span - 1))
        yield "\t".join(cells)


def _continues_vertical_merge(tc) -> bool:
    """A cell under the first of a vertical merge: its text belongs to the cell above."""
    tc_pr = tc.tcPr
    if tc_pr is None:
        return False
    v_merge = tc_pr.find(f"{_W}vMerge")
    return v_merge is not None and v_merge.get(f"{_W}val", "continue") == "continue"


def _cell_text(tc, document, numbering: Numbering) -> str:
    """A cell's paragraphs (and nested tables) on one line."""
    parts = [line.replace("\t", " ").replace("\n", " ").strip() for line in _block_lines(tc, document, numbering)]
    return " ".join(part for part in parts if part)
