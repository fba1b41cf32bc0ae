"""The text layer of a PDF, page after page, with its line breaks kept.

Lines are not joined: a break inside a unit name or a number (``区教育和体\\n育局``) stays in
the record's text, and the extractors read values across it (docs/annotation.md, "Text as
found"), so offsets always point into the text a user can see. A PDF without a text layer
is a scan; the error says so and names OCR as the way out.
"""

from __future__ import annotations

import io
import logging

from .errors import PolicyExtractError
from .record import Warning

OCR_HINT = "run OCR on it first (e.g. ocrmypdf -l chi_sim IN.pdf OUT.pdf) and read the OCR'd PDF"
#: A page whose text is mostly private-use or replacement characters has fonts without a Unicode map.
MAX_UNMAPPED_SHARE = 0.5

# pypdf reports the damage it repairs through logging; unless the user routes those records
# somewhere, they should not be printed over a batch run's progress.
logging.getLogger("pypdf").addHandler(logging.NullHandler())


def pdf_text(data: bytes, path: str) -> tuple[str, list[Warning]]:
    """The text of every page, pages separated by a line break, and warnings about pages without text."""
    reader = _open(data, path)
    pages: list[str] = []
    empty: list[int] = []
    for number, page in enumerate(reader.pages, start=1):
        text = _page_text(page, path, number)
        if not text.strip():
            empty.append(number)
        pages.append(text)
    if len(empty) == len(pages):
        raise PolicyExtractError(
            path, "parse", "NoTextLayer", f"the PDF has no text layer (a scanned image?); {OCR_HINT}"
        )
    text = "\n".join(pages)
    if _unmapped_share(text) > MAX_UNMAPPED_SHARE:
        raise PolicyExtractError(
            path, "parse", "NoTextLayer", f"the PDF's text layer cannot be read as Unicode text; {OCR_HINT}"
        )
    return text, _empty_page_warnings(empty)


def _open(data: bytes, path: str):
    from pypdf import PdfReader

    if b"%PDF-" not in data[:1024]:
        raise PolicyExtractError(path, "parse", "NotAPdf", "not a PDF file (no %PDF- header)")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise PolicyExtractError(path, "parse", "EncryptedPdf", "the PDF is password-protected")
        count = len(reader.pages)
    except PolicyExtractError:
        raise
    except Exception as exc:  # pypdf raises its own errors and plain ValueError/KeyError on damage
        raise PolicyExtractError(path, "parse", "BadPdf", f"a damaged PDF: {exc}") from None
    if not count:
        raise PolicyExtractError(path, "parse", "BadPdf", "the PDF has no pages")
    return reader


def _page_text(page, path: str, number: int) -> str:
    try:
        text = page.extract_text() or ""
    except Exception as exc:  # one damaged content stream
        raise PolicyExtractError(path, "parse", "BadPdf", f"page {number} cannot be read: {exc}") from None
    return text[:-1] if text.endswith("\n") else text


def _unmapped_share(text: str) -> float:
    chars = [ch for ch in text if not ch.isspace()]
    if not chars:
        return 1.0
    unmapped = sum(1 for ch in chars if ch == "\ufffd" or 0xE000 <= ord(ch) <= 0xF8FF)
    return unmapped / len(chars)


def _empty_page_warnings(empty: list[int]) -> list[Warning]:
    if not empty:
        return []
    pages = ", ".join(str(n) for n in empty)
    return [Warning(code="pdf.page_without_text", message=f"page(s) {pages} have no text layer; {OCR_HINT}")]
