"""Turning a text file's bytes into characters without guessing silently.

Detectors misread short GBK text (a 20-byte clause came back as UTF-16 mojibake), so the
order is fixed: a byte-order mark, strict UTF-8, strict GB18030 (weighed against strict Big5,
since Big5 bytes usually decode as GB18030 too, as nonsense), charset-normalizer, and only
then a decode that replaces what it cannot read. Every step after UTF-8 leaves a warning.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from .errors import PolicyExtractError
from .record import Warning

#: More undecodable bytes than this share of the file make it an error, not a warning.
MAX_REPLACED_SHARE = 0.05
#: More control characters than this share of the text make the file binary.
MAX_CONTROL_SHARE = 0.01

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)

#: Signatures of files that are not text, with the name a user knows them by.
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a zip archive (a .docx, .xlsx or .zip)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (.doc, .xls, .wps)"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable program"),
    (b"{\\rtf", "an RTF document"),
)

_ESCAPE = "policy_extract.escape"
_ESCAPED_RUN = re.compile("[\udc00-\udcff]+")
_SCORE_SAMPLE = 200_000
_SAMPLE_BYTES = 64 * 1024
#: UTF-8 with at most this many (or this share of) bad bytes counts as damaged UTF-8.
_NEARLY_BAD = 3
_NEARLY_SHARE = 0.002
_UTF16_MIN_HANZI = 0.5
_UTF16_MIN_NULS = 4  # NUL bytes on the high side before a file without a byte-order mark is read as UTF-16
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x19\x1b-\x1f\x7f-\x9f]")  # Cc less \t \n \v \f \r and \x1a


def _escape_bytes(exc: UnicodeError) -> tuple[str, int]:
    """Turn each undecodable byte into a lone surrogate, so the bytes can be counted afterwards."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return "".join(chr(0xDC00 + b) for b in bad), exc.end


codecs.register_error(_ESCAPE, _escape_bytes)


@dataclass
class Decoded:
    """Characters, the codec that produced them, and what a user should know about it."""

    text: str
    encoding: str
    warnings: list[Warning] = field(default_factory=list)


def sniff_magic(data: bytes) -> str | None:
    """Name the kind of binary file ``data`` starts like, if any."""
    for magic, name in MAGIC:
        if data.startswith(magic):
            return name
    return None


@lru_cache(maxsize=1)
def common_hanzi() -> frozenset[str]:
    """The level-1 characters of GB2312 and the frequent characters of Big5, built from the codecs."""
    gb = (bytes((lead, trail)) for lead in range(0xB0, 0xD8) for trail in range(0xA1, 0xFF))
    big5 = (code.to_bytes(2, "big") for code in range(0xA440, 0xC67F))
    chars = {_strict(pair, "gb2312") for pair in gb} | {_strict(pair, "big5") for pair in big5}
    return frozenset(ch for ch in chars if ch)


def hanzi_score(text: str) -> float:
    """Share of common Chinese characters among the text's non-ASCII letters and symbols.

    A wrong CJK codec turns text into rare characters, kana, Greek, box drawing or
    bopomofo; the right one gives mostly common characters. Punctuation and spaces are left
    out, since both readings produce some.
    """
    common = common_hanzi()
    counted = hits = 0
    for ch in text[:_SCORE_SAMPLE]:
        if ch.isascii() or ch == "\ufffd" or unicodedata.category(ch)[0] in "PZ":
            continue
        counted += 1
        hits += ch in common
    return hits / counted if counted else 0.0


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _from_bom(data: bytes) -> Decoded | None:
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            text = _strict(data, codec)
            if text is not None:
                return Decoded(text, name)
    return None


def _guess_utf16(data: bytes) -> Decoded | None:
    """UTF-16 without a byte-order mark, told by where its NUL bytes fall.

    ASCII characters (line ends, digits) put a NUL in the high byte of their pair, so the NULs
    of UTF-16 gather on one side: the odd bytes for little-endian, the even ones for big-endian.
    Chinese text has few of them (a tenth of its pairs, say), and some on the other side too
    (一 is U+4E00), so it is the imbalance that counts, not the share; the reading must then
    decode strictly and read as text: few control characters and, if not ASCII, common hanzi.
    """
    if len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    for codec, high, low in sorted((("utf-16-le", odd, even), ("utf-16-be", even, odd)), key=lambda c: -c[1]):
        if high < _UTF16_MIN_NULS or high < 2 * low:
            continue  # a few bytes are no evidence: b"0\x00" is as likely UTF-8 with a NUL
        text = _strict(data, codec)
        if text is None or control_share(text) > MAX_CONTROL_SHARE:
            continue
        if not text.isascii() and hanzi_score(text) < _UTF16_MIN_HANZI:
            continue
        return Decoded(text, codec, [_warn("encoding.detected", f"no byte-order mark; read as {codec}")])
    return None


def _warn(code: str, message: str) -> Warning:
    return Warning(code=code, message=message)


def _chinese_strict(data: bytes) -> Decoded | None:
    """Strict GB18030, unless strict Big5 also works and reads as more common characters."""
    gb = _strict(data, "gb18030")
    big5_codec = "big5"
    big5 = _strict(data, big5_codec)
    if big5 is None:
        big5_codec = "cp950"
        big5 = _strict(data, big5_codec)
    if big5 is not None and (gb is None or hanzi_score(big5) > hanzi_score(gb)):
        why = "" if gb is None else "; it also decodes as gb18030, but as rarer characters"
        return Decoded(big5, big5_codec, [_warn("encoding.fallback", f"decoded as {big5_codec}{why}")])
    if gb is not None:
        return Decoded(gb, "gb18030", [_warn("encoding.fallback", "decoded as gb18030")])
    return None


def _replacing(data: bytes) -> tuple[str, str, int]:
    """The codec among UTF-8, GB18030 and Big5 that leaves the fewest bytes undecoded.

    They are ranked on the file's first 64 KiB: a wrong codec's error handler runs for
    every other byte, which costs seconds on a large file.
    """
    sample = data[:_SAMPLE_BYTES]
    codec = min(("utf-8", "gb18030", "cp950"), key=lambda c: _count_escapes(sample.decode(c, errors=_ESCAPE)))
    escaped = data.decode(codec, errors=_ESCAPE)
    return codec, _collapse_escapes(escaped), _count_escapes(escaped)


def _collapse_escapes(escaped: str) -> str:
    """One U+FFFD for each run of undecodable bytes, as Python's own ``replace`` does."""
    return _ESCAPED_RUN.sub("\ufffd", escaped)


def _count_escapes(escaped: str) -> int:
    return sum(len(run) for run in _ESCAPED_RUN.findall(escaped))


def _detected(data: bytes, rival_score: float) -> Decoded | None:
    """charset-normalizer's best guess, when its reading is at least as Chinese as the rival's."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding.startswith(("utf_16", "utf_32")):
        return None
    text = _strict(data, best.encoding)
    if text is None or control_share(text) > MAX_CONTROL_SHARE or hanzi_score(text) < rival_score:
        return None
    return Decoded(text, best.encoding, [_warn("encoding.detected", f"not UTF-8, GB18030 or Big5; detected as {best.encoding}")])


def control_share(text: str) -> float:
    """Share of control characters other than tab, line ends, form feed and DOS end-of-file."""
    if not text:
        return 0.0
    return len(_CONTROL_RE.findall(text)) / len(text)


def _check_text(decoded: Decoded, path: str) -> Decoded:
    share = control_share(decoded.text)
    if share > MAX_CONTROL_SHARE:
        raise PolicyExtractError(
            path, "decode", "BinaryFile", f"not a text file: {share:.0%} of it are control characters"
        )
    return decoded


def decode_bytes(data: bytes, path: str) -> Decoded:
    """Decode a text file's bytes in the fixed order; raise when it is binary or mostly undecodable."""
    kind = sniff_magic(data)
    if kind:
        raise PolicyExtractError(path, "decode", "BinaryFile", f"not a text file: it is {kind}")
    decoded = _from_bom(data)
    if decoded is None and b"\x00" in data:  # before UTF-8, which ASCII in UTF-16 also is
        decoded = _guess_utf16(data)
    if decoded is None:
        text = _strict(data, "utf-8")
        decoded = Decoded(text, "utf-8") if text is not None else None
    if decoded is None and b"\x00" in data:
        raise PolicyExtractError(path, "decode", "BinaryFile", "not a text file: it holds NUL bytes")
    if decoded is None:
        decoded = _nearly_utf8(data, _chinese_strict(data))
    if decoded is None:
        decoded = decode_replacing(data, path)
    return _check_text(decoded, path)


def _nearly_utf8(data: bytes, strict: Decoded | None) -> Decoded | None:
    """UTF-8 with a scratch or a cut-off last character beats a strict CJK reading that reads worse.

    Short UTF-8 text with one damaged byte often decodes strictly as GB18030, as nonsense.
    """
    limit = max(_NEARLY_BAD, _NEARLY_SHARE * len(data))
    if _count_escapes(data[:_SAMPLE_BYTES].decode("utf-8", errors=_ESCAPE)) > limit:
        return strict  # far from UTF-8: no need to run the error handler over the whole file
    escaped = data.decode("utf-8", errors=_ESCAPE)
    bad = _count_escapes(escaped)
    if bad > limit:
        return strict
    text = _collapse_escapes(escaped)
    if strict is not None and hanzi_score(text) <= hanzi_score(strict.text):
        return strict
    return _replaced("utf-8", text, bad)


def decode_replacing(data: bytes, path: str) -> Decoded:
    """The last two steps: the detector, then replacement with U+FFFD, counted in a warning."""
    codec, text, bad = _replacing(data)
    detected = _detected(data, hanzi_score(text))
    if detected is not None:
        return detected
    if bad > MAX_REPLACED_SHARE * len(data):
        raise PolicyExtractError(
            path,
            "decode",
            "UndecodableBytes",
            f"not readable text: {bad} of {len(data)} bytes fit none of UTF-8, GB18030, Big5 "
            "or charset-normalizer's guess",
        )
    return _replaced(codec, text, bad)


def _replaced(codec: str, text: str, bad: int) -> Decoded:
    message = f"decoded as {codec} with {bad} undecodable byte{'s' if bad != 1 else ''} replaced by U+FFFD"
    return Decoded(text, codec, [_warn("encoding.replaced", message)])


def decode_declared(data: bytes, declared: str, path: str) -> Decoded:
    """Decode with a charset a file declares (an HTML page's), checked against its bytes.

    gb2312 and gbk pages routinely hold characters outside those sets, so the whole GB
    family is read as its superset GB18030. A declaration that does not fit the bytes is
    overruled by :func:`decode_bytes`, with a warning naming both.
    """
    name = declared.strip().lower()
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        codec = None
    if codec in {"gb2312", "gbk", "gb18030"} or name in {"cp936", "ms936", "x-gbk", "euc-cn"}:
        codec = "gb18030"
    # Browsers ignore these on a page without a byte-order mark, and so does this reader.
    ignored = codec is None or codec in {"ascii", "latin-1", "iso8859-1"} or codec.startswith(("cp125", "utf-16", "utf-32"))
    for candidate in ([] if ignored else ["big5", "cp950"] if codec == "big5" else [codec]):
        text = _strict(data, candidate)
        if text is not None:
            return _check_text(Decoded(text, candidate), path)
    decoded = decode_bytes(data, path)
    if decoded.encoding != codec and not data.isascii() and not (codec == "big5" and decoded.encoding == "cp950"):
        decoded.warnings.insert(
            0, _warn("encoding.declared_wrong", f"declared charset {declared!r} does not fit; read as {decoded.encoding}")
        )
    return decoded
