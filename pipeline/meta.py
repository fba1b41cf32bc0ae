"""Meta: title, document number, issuer, signature date and the programme's year."""

from __future__ import annotations

from itertools import chain
from pathlib import Path

import regex

from .normalise import CN_DIGITS, compact, halfwidth_digits, numeral_value
from .record import Meta
from .rules import Rule, RuleFile, compiled, load_rule_file


class PatternRule(Rule):
    pattern: str


class TitleRule(PatternRule):
    kinds: list[str]


class IssuerRule(Rule):
    suffixes: list[str]


class MetaRules(RuleFile):
    doc_number: PatternRule
    title: TitleRule
    issuer: IssuerRule

    doc_number_re = compiled("doc_number.pattern")

    title_re = compiled("title.pattern")


def load_meta_rules(rules_dir: Path | None = None) -> MetaRules:
    return load_rule_file("meta.toml", MetaRules, rules_dir)


# 2025年3月18日, ２０２５年３月１８日, 二〇二五年三月十八日 (二O二二: a scan's letter O), maybe with a note after
# it on its line (（此件公开发布）)
_DATE = (
    r"(?P<y>[0-9０-９]{4}|[〇○零OＯ0０一二三四五六七八九]{4})[ \t\u3000\u00a0]*年[ \t\u3000\u00a0]*"
    r"(?P<m>[0-9０-９]{1,2}|[一二三四五六七八九十]{1,2})[ \t\u3000\u00a0]*月[ \t\u3000\u00a0]*"
    r"(?P<d>[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})[ \t\u3000\u00a0]*日[ \t\u3000\u00a0]*"
    r"(?:[（(][^（）()\n]{2,10}[）)][ \t\u3000\u00a0]*)?(?:$|(?<=\u3000\u3000))"  # a run-on copy sets paragraphs apart by two U+3000
)
DATE_RE = regex.compile(r"^[ \t\u3000\u00a0]*" + _DATE, regex.M)
# A signature with the office and the date on one line (web copies that lost their line breaks)
SIGNED_DATE_RE = regex.compile(_DATE, regex.M)
# A line this long holding 关于 is a whole notice run together, not a title broken over lines
RUN_ON = 80
_PLAIN_TITLE_LINES = 8
_SENTENCE_MARK = regex.compile(r"[。；;：:，,]")
_SPACED_GUANYU = regex.compile(r"关[ \u3000]+于")
# A short line of its own that may hold a document number (matched against the number pattern).
_NUMBER_LINE_RE = regex.compile(r"(?m)^[ \t\u3000]*(?P<line>[^\n]{6,30}号)[ \t\u3000]*$")
YEAR_RE = regex.compile(r"(?<![0-9])((?:19|20)\d{2})\s*年|([〇○零一二三四五六七八九]{4})年")


_OCR_ZEROS = frozenset("OＯ0")


def _year(s: str) -> int | None:
    s = halfwidth_digits(s)
    if s.isdigit():
        return int(s)
    digits = [0 if c in _OCR_ZEROS else CN_DIGITS.get(c) for c in s]  # 二O二二: a scan's letter O for 〇
    return None if None in digits else int("".join(str(d) for d in digits))


def _header_lines(text: str, limit: int = 30) -> list[tuple[int, str]]:
    lines, pos = [], 0
    for part in text.split("\n", limit)[:limit]:  # the header only: the rest is not split
        lines.append((pos, part))
        pos += len(part) + 1
    return lines


def find_title(text: str, rules: MetaRules) -> tuple[str | None, int | None, int]:
    """The title, the index of the line holding its start, and where the header ends."""
    lines = _header_lines(text)
    for k, (_pos, line) in enumerate(lines):
        t = line.strip()
        i = t.find("关于")
        if i < 0:
            spaced = _SPACED_GUANYU.search(t)  # 关 于 做 好 …: a title set out with spaces
            if spaced is None:
                continue
            i = spaced.start()
        title = t[i:]
        end_line = k
        if len(t) > RUN_ON:
            m = rules.title_re.search(t, i)
            if m is None or m.start() != i:
                continue
            lead = len(line) - len(line.lstrip())
            return compact(m.group()), k, lines[k][0] + lead + m.end()
        # A title broken over two lines: join while it does not end with a document kind.
        kinds = tuple(rules.title.kinds)
        while end_line + 1 < len(lines):
            nxt = lines[end_line + 1][1].strip()
            if compact(title).endswith(kinds) and not (nxt.startswith("的") and compact(nxt).endswith(kinds)):
                break  # …项目计划 ⏎的通知: a kind word inside the title, the title's own kind below
            if not nxt or len(compact(title + nxt)) > 80:
                break
            title += nxt
            end_line += 1
        if not compact(title).endswith(kinds):
            continue
        return compact(title), k, lines[end_line][0] + len(lines[end_line][1].rstrip())
    return _plain_title(lines, rules)


def _plain_title(lines: list[tuple[int, str]], rules: MetaRules) -> tuple[str | None, int | None, int]:
    """A title without 关于 (某县2022年民生实事项目实施方案, 2024年政府工作报告): a short line of the
    header, before the first sentence, that ends with a document kind and names a year."""
    kinds = tuple(rules.title.kinds)
    for k, (pos, line) in enumerate(lines[:_PLAIN_TITLE_LINES]):
        t = compact(line)
        if _SENTENCE_MARK.search(t):
            break  # the body has begun
        if 4 <= len(t) <= RUN_ON // 2 and t.endswith(kinds) and YEAR_RE.search(halfwidth_digits(t)):
            return t, k, pos + len(line.rstrip())
    return None, None, 0


_NAME_BREAK = regex.compile(r"[\s，,。：:；;《》“”「」]+")


def find_issuer(text: str, title_line: int | None, rules: MetaRules) -> str | None:
    lines = _header_lines(text)
    suffixes = tuple(rules.issuer.suffixes)
    if title_line is not None:
        t = lines[title_line][1].strip()
        i = t.find("关于")
        # the office fused before 关于, after a document number on the same line
        # (近日，《某区人民政府办公室关于…》正式印发: a name never holds a punctuation mark)
        before = _NAME_BREAK.split(rules.doc_number_re.sub(" ", t[:i]))
        before = [b for b in before if b]
        if i > 0 and before and before[-1].endswith(suffixes):
            fused = compact(before[-1])
            signed = _signature_office(text, suffixes)
            # 海西州人民政府办公室 fused before 关于, 海西蒙古族藏族自治州人民政府办公室 signing: the full name
            return signed if signed and len(signed) > len(fused) and _abbreviates(fused, signed) else fused
        for k in range(title_line - 1, max(-1, title_line - 6), -1):  # blank and number lines skipped
            cand = compact(lines[k][1])  # 息 县 人 民 政 府 办 公 室: set out with spaces
            if not cand or rules.doc_number_re.fullmatch(cand):
                continue  # the document number often stands between the office and the title
            if cand.endswith(suffixes) and len(cand) <= 40 and not rules.doc_number_re.search(cand):
                # a joint notice heads with one office per line: the first named issues it
                while k > 0 and _is_office(compact(lines[k - 1][1]), suffixes):
                    k -= 1
                return _first_office(lines[k][1], suffixes)
            break
    return _signature_office(text, suffixes)


def _signature_office(text: str, suffixes: tuple[str, ...]) -> str | None:
    """The office on the line above the signature date (or before the date on its line)."""
    for m in DATE_RE.finditer(text):
        before = _last_line_before(text, m.start())
        if before.endswith(suffixes) and len(before) <= 40:
            return _first_office(before, suffixes)
    for m in _signed_dates(text, suffixes):
        if _line_before(text, m.start()):
            return compact(_line_before(text, m.start()))
    return None


def _abbreviates(short: str, full: str) -> bool:
    """Whether ``short`` is ``full`` with characters left out, from the same first character
    (海西州人民政府办公室 of 海西蒙古族藏族自治州人民政府办公室), or ``full`` without its place
    (省人民政府办公厅 of 湖北省人民政府办公厅)."""
    if short and len(short) < len(full) and full.endswith(short):
        return True
    if not short or short[0] != full[0]:
        return False
    it = iter(full)
    return all(ch in it for ch in short)


def _is_office(line: str, suffixes: tuple[str, ...]) -> bool:
    return bool(_OFFICE_NAME.fullmatch(line)) and line.endswith(suffixes) and len(line) <= 40


def _first_office(line: str, suffixes: tuple[str, ...]) -> str:
    """The first of several offices set apart by spaces on one line (a joint notice's signature:
    某县妇女儿童工作委员会　　某县妇女联合会); a name spaced out letter by letter stays one name."""
    parts = [p for p in _OFFICE_GAP.split(line.strip()) if p]
    if len(parts) > 1 and all(compact(p).endswith(suffixes) for p in parts):
        return compact(parts[0])
    return compact(line)


_OFFICE_NAME = regex.compile(r"[\p{Han}（）()]+")
_OFFICE_GAP = regex.compile(r"[ \u3000\u00a0]{2,}|\u3000")


def _last_line_before(text: str, pos: int) -> str:
    """The last line with text before ``pos`` (blank lines and trailing blanks skipped), stripped."""
    end = pos
    while end > 0 and text[end - 1] in "\n \t\u3000\u00a0":
        end -= 1
    return text[text.rfind("\n", 0, end) + 1 : end].strip()


def _line_before(text: str, pos: int) -> str:
    """The text before ``pos`` on its line, from the last sentence end (a run-on notice signs after one)."""
    line = text[text.rfind("\n", 0, pos) + 1 : pos]
    cut = max(line.rfind(c) for c in "。！!？?")
    piece = line[cut + 1 :].strip()
    if len(piece) > 40 and len(words := piece.split()) > 1:
        return words[-1]  # …进度表 某区人民政府办公室 2019年3月18日: the office is set apart by a space
    return piece


def _signed_dates(text: str, suffixes: tuple[str, ...]):
    """Dates that end a short line opened by an office name: ``某市人民政府办公室 2025年3月18日``."""
    for m in SIGNED_DATE_RE.finditer(text):
        if not text[text.rfind("\n", 0, m.start()) + 1 : m.start()].strip():
            continue  # a date alone on its line is DATE_RE's
        before = _line_before(text, m.start())
        if (before.endswith(suffixes) and len(before) <= 40) or not before:  # or right after the last sentence
            yield m


def find_date(text: str, suffixes: tuple[str, ...] = ()) -> str | None:
    """The signature date: the first line that is a date and nothing else, else one after an office name."""
    for m in chain(DATE_RE.finditer(text), _signed_dates(text, suffixes)):
        y = _year(m["y"])
        mo = numeral_value(m["m"])
        d = numeral_value(m["d"])
        if y and mo and d and 1 <= mo <= 12 and 1 <= d <= 31:
            return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def find_meta(text: str, rules: MetaRules) -> tuple[Meta, int]:
    """The notice's meta, and the offset where its header (through the title) ends."""
    title, title_line, header_end = find_title(text, rules)
    doc_number = None
    m = rules.doc_number_re.search(text[: max(header_end, 0) + 200] if title else text[:600])
    if m is None:  # printed at the foot, above or below the date: a line of its own
        m = next((n for n in _NUMBER_LINE_RE.finditer(text) if rules.doc_number_re.fullmatch(n["line"])), None)
    if m:
        doc_number = compact(m.group("line") if "line" in m.re.groupindex else m.group())
    year = None
    if title:
        y = YEAR_RE.search(halfwidth_digits(title))
        if y:
            year = _year(y.group(1) or y.group(2))
    meta = Meta(
        title=title,
        doc_number=doc_number,
        issuer=find_issuer(text, title_line, rules),
        date=find_date(text, tuple(rules.issuer.suffixes)),
        year=year,
    )
    return meta, header_end
