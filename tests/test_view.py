"""``policy-extract view``: the page, its escaping, every span in it, and the scorer's errors marked."""

from __future__ import annotations

import copy
import itertools
import json
import re
from html.parser import HTMLParser

import pytest

from pipeline.cli import main
from pipeline.view_html import render_text
from pipeline.view_marks import Mark

SHA = "d" * 64
TEXT = (
    "一、<script>alert('x')</script>建设行动。新建幼儿园7所，培训妇女2000人次。（责任单位：县教育局）\n"
    "二、健康行动。为𠀾户35—64岁妇女筛查&体检。（责任单位：县卫健局）\n"
    "附件\n1\t建设行动\t县教育局\n"
)


def span(sub: str, nth: int = 0) -> dict:
    s = -1
    for _ in range(nth + 1):
        s = TEXT.index(sub, s + 1)
    return {"text": sub, "start": s, "end": s + len(sub)}


def whole(sub: str) -> tuple[int, int]:
    s = TEXT.index(sub)
    return s, s + len(sub)


def record(doc_id: str = "a", rules: bool = False) -> dict:
    def entry(iid, heading, body, **lists):
        start, end = whole(body)
        out = {"id": iid, "kind": "item", "level": 1, "parent": None, "number": None, "heading": span(heading),
               "start": start, "end": end, "commitments": lists.get("c", []),
               "age_ranges": lists.get("a", []), "responsible_units": lists.get("u", [])}
        return out

    first = "一、<script>alert('x')</script>建设行动。新建幼儿园7所，培训妇女2000人次。（责任单位：县教育局）"
    second = "二、健康行动。为𠀾户35—64岁妇女筛查&体检。（责任单位：县卫健局）"
    rec = {
        "schema": "policy-extract/record/1",
        "doc_id": doc_id,
        "source": {"path": f"corpus/{doc_id}.txt", "format": "txt", "encoding": "utf-8", "sha256": SHA},
        "text": TEXT,
        "meta": {"title": "<b>标题</b>", "doc_number": None, "issuer": None, "date": None, "year": 2024},
        "items": [
            entry("1", "<script>alert('x')</script>建设行动", first, c=[
                {**span("7所"), "value": 7, "unit": "所", "comparator": "eq", "target": span("幼儿园")},
                {**span("2000人次"), "value": 2000, "unit": "人次", "comparator": "eq", "target": None},
            ], u=[{**span("县教育局"), "name": "县教育局", "role": "responsible"}]),
            entry("2", "健康行动", second,
                  a=[{**span("35—64岁"), "min": 35, "max": 64, "unit": "year"}],
                  u=[{**span("县卫健局"), "name": "县卫健局", "role": "responsible"}]),
        ],
        "attachment_rows": [{"number": 1, "name": "建设行动", "units": ["县教育局"], "cells": {},
                             "start": whole("1\t建设行动\t县教育局")[0], "end": whole("1\t建设行动\t县教育局")[1]}],
        "warnings": [],
    }
    if rules:
        for item in rec["items"]:
            item["rule"] = "item.cn_dun"
            for key in ("commitments", "age_ranges", "responsible_units"):
                for o in item[key]:
                    o["rule"] = f"test.{key}"
        rec["attachment_rows"][0]["rule"] = "row.test"
    return rec


def expected_spans(rec: dict) -> set[tuple[str, int, int]]:
    out = set()
    for item in rec["items"]:
        out.add(("heading", item["heading"]["start"], item["heading"]["end"]))
        for c in item["commitments"]:
            out.add(("commitment", c["start"], c["end"]))
            if c["target"]:
                out.add(("target", c["target"]["start"], c["target"]["end"]))
        out |= {("age", a["start"], a["end"]) for a in item["age_ranges"]}
        out |= {("unit", u["start"], u["end"]) for u in item["responsible_units"]}
    out |= {("row", r["start"], r["end"]) for r in rec["attachment_rows"]}
    return out


VOID = {"meta", "input", "br", "hr", "img", "link"}


class Marks(HTMLParser):
    """Reads the page back: the text of every notice and each mark's kind, flags, offsets and title."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.marks: dict[str, dict] = {}  # data-m key → {kind, flags, pieces: [(start, end)], title}
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.scripts = 0
        self._stack: list[tuple[str, str | None]] = []  # (tag, mark key or "TEXT")

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])
        if tag == "script":
            self.scripts += 1
        key = None
        if tag == "div" and a.get("class") == "text":
            self.texts.append("")
            key = "TEXT"
        elif tag == "span" and "data-m" in a and self._in_text():
            classes = a["class"].split()
            kind = next(c[2:] for c in classes if c.startswith("k-"))
            flags = {c[2:] for c in classes if c.startswith("f-")}
            m = self.marks.setdefault(a["data-m"], {"kind": kind, "flags": flags, "pieces": [], "title": a["title"]})
            m["pieces"].append([len(self.texts[-1]), None])
            key = a["data-m"]
        if tag not in VOID:
            self._stack.append((tag, key))

    def handle_endtag(self, tag):
        open_tag, key = self._stack.pop()
        assert open_tag == tag, f"</{tag}> closes <{open_tag}>"
        if key not in (None, "TEXT"):
            self.marks[key]["pieces"][-1][1] = len(self.texts[-1])

    def handle_data(self, data):
        if self._in_text():
            self.texts[-1] += data

    def _in_text(self) -> bool:
        return any(k == "TEXT" for _, k in self._stack)

    def spans(self) -> dict[str, tuple[str, int, int, set]]:
        """Key → (kind, start, end, flags); the pieces of one mark must be contiguous."""
        out = {}
        for key, m in self.marks.items():
            pieces = m["pieces"]
            for (_, e1), (s2, _) in itertools.pairwise(pieces):
                assert e1 == s2, f"mark {key} has a gap"
            out[key] = (m["kind"], pieces[0][0], pieces[-1][1], m["flags"])
        return out


def parse(page: str) -> Marks:
    p = Marks()
    p.feed(page)
    p.close()
    return p


@pytest.fixture
def files(tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "a.json").write_text(json.dumps(record("a"), ensure_ascii=False), encoding="utf-8")
    pred = record("a", rules=True)
    first = pred["items"][0]["commitments"]
    first.pop(1)  # 2000人次 is missed
    first.append({**span("35"), "value": 35, "unit": "岁", "comparator": "eq", "target": None, "rule": "qty.bad"})
    # a false hit in another item's span
    out = tmp_path / "out.jsonl"
    out.write_text(json.dumps(pred, ensure_ascii=False) + "\n", encoding="utf-8")
    return tmp_path, gold, out, pred


def test_page_is_self_contained_and_holds_every_span(files, capsys):
    tmp, _, out, pred = files
    page_path = tmp / "view.html"
    assert main(["view", str(out), "-o", str(page_path)]) == 0
    assert "1 notice(s)" in capsys.readouterr().err
    page = page_path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    p = parse(page)
    assert p.texts == [TEXT]  # the notice, character for character
    got = {(kind, s, e) for kind, s, e, _ in p.spans().values()}
    assert got == expected_spans(pred)
    assert all(h.startswith("#") and h[1:] in p.ids for h in p.hrefs)  # no network, every link lands
    assert 'src=' not in page and "http" not in page
    assert "k-miss" not in page.split("<main")[1]  # nothing scored without --gold


def test_notice_text_is_escaped(files):
    tmp, _, out, _ = files
    page_path = tmp / "view.html"
    assert main(["view", str(out), "-o", str(page_path)]) == 0
    page = page_path.read_text(encoding="utf-8")
    p = parse(page)
    assert p.scripts == 1  # the page's own script, not the notice's
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "<b>标题</b>" not in page and "&lt;b&gt;标题&lt;/b&gt;" in page
    assert "筛查&amp;体检" in page


def test_gold_marks_a_miss_and_a_false_hit(files, capsys):
    tmp, gold, out, _ = files
    page_path = tmp / "view.html"
    assert main(["view", str(out), "--gold", str(gold), "-o", str(page_path)]) == 0
    assert "2 error(s) marked" in capsys.readouterr().err
    page = page_path.read_text(encoding="utf-8")
    p = parse(page)
    spans = p.spans()
    miss = span("2000人次")
    hit = span("35")
    misses = [(k, s, e) for k, s, e, _ in spans.values() if k == "miss"]
    assert misses == [("miss", miss["start"], miss["end"])]
    flagged = [(k, s, e) for k, s, e, f in spans.values() if "false_hit" in f]
    assert flagged == [("commitment", hit["start"], hit["end"])]
    unflagged = [(k, s) for k, s, _, f in spans.values() if not f and k != "miss"]
    assert ("commitment", span("7所")["start"]) in unflagged
    error_list = page[page.index("<details id='errors'") :].split("</details>")[0]
    jumps = re.findall(r'href="#([^"]+)"', error_list)
    assert sorted(jumps) == sorted(k for k, (kind, _, _, f) in spans.items() if kind == "miss" or f)
    miss_key = next(k for k, v in spans.items() if v[0] == "miss")
    assert "value=2000 unit=人次 eq target=—" in p.marks[miss_key]["title"]


def test_crossing_marks_are_split_into_pieces():
    text = "甲乙丙丁戊"
    marks = [Mark(0, 3, "commitment", "a", ["a"]), Mark(2, 5, "miss", "b", ["b"]), Mark(1, 2, "target", "c", ["c"])]
    html = render_text(text, marks)
    p = parse(f"<div class='text'>{html}</div>")
    assert p.texts == [text]
    assert {k: v[:3] for k, v in p.spans().items()} == {
        "a": ("commitment", 0, 3), "b": ("miss", 2, 5), "c": ("target", 1, 2)}
    assert len(p.marks["b"]["pieces"]) == 2  # closed and reopened around the end of a
    assert html.count('id="b"') == 1


@pytest.mark.parametrize(
    ("marks", "expected"),
    [
        ([], "甲&lt;乙"),
        ([Mark(0, 1, "unit", "u", ["x\"y"])], '<span id="u" class="m k-unit" data-m="u" title="x&quot;y">甲</span>&lt;乙'),
        ([Mark(1, 1, "unit", "u", ["empty"])], "甲&lt;乙"),  # an empty span has nothing to show
        ([Mark(2, 9, "unit", "u", ["past"])], "甲&lt;乙"),  # nor one past the end
    ],
)
def test_render_text_table(marks, expected):
    assert render_text("甲<乙", marks) == expected


def test_swapped_gold_and_predictions_are_swapped_back(files, capsys):
    tmp, gold, out, _ = files
    page_path = tmp / "view.html"
    assert main(["view", str(gold), "--gold", str(out), "-o", str(page_path)]) == 0
    err = capsys.readouterr().err
    assert "look swapped" in err and "2 error(s) marked" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["view", "{tmp}/nothing.jsonl", "-o", "{tmp}/v.html"], "nothing.jsonl: no such file or folder"),
        (["view", "{out}", "--gold", "{tmp}/nogold", "-o", "{tmp}/v.html"], "nogold: no such file or folder"),
        (["view", "{out}", "-o", "{tmp}/no/such/dir/v.html"], "cannot write"),
        (["view", "{tmp}/bad.jsonl", "-o", "{tmp}/v.html"], "bad.jsonl:2: not valid JSON"),
        (["view", "{tmp}/bad.jsonl", "--gold", "{out}", "-o", "{tmp}/v.html"], "bad.jsonl:2: not valid JSON"),
    ],
)
def test_bad_input_is_a_usage_error(files, capsys, args, message):
    tmp, _, out, _ = files
    (tmp / "bad.jsonl").write_text(out.read_text(encoding="utf-8") + "{not json\n", encoding="utf-8")
    argv = [a.format(tmp=tmp, out=out) for a in args]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not (tmp / "v.html").exists()


def test_missing_prediction_is_shown_from_gold(files, tmp_path, capsys):
    _, gold, out, _ = files
    other = copy.deepcopy(record("b"))
    (gold / "b.json").write_text(json.dumps(other, ensure_ascii=False), encoding="utf-8")
    page_path = tmp_path / "view.html"
    assert main(["view", str(out), "--gold", str(gold), "-o", str(page_path)]) == 0
    p = parse(page_path.read_text(encoding="utf-8"))
    assert p.texts == [TEXT, TEXT]
    misses = sorted((s, e) for k, s, e, _ in p.spans().values() if k == "miss")
    # a's one miss, then every span-bearing gold object of b (targets are not scored)
    in_b = sorted((s, e) for k, s, e in expected_spans(other) if k != "target")
    assert misses == sorted([(span("2000人次")["start"], span("2000人次")["end"]), *in_b])
    assert "meta.title" in page_path.read_text(encoding="utf-8")  # meta misses are listed above the text


def test_every_span_of_every_corpus_gold_notice_is_on_the_page(tmp_path):
    """Real notices: nested and crossing spans, 𠀾-style characters, line breaks inside spans."""
    from conftest import GOLD

    from pipeline.evaluate import load_records
    from pipeline.view import build_page

    records = load_records(GOLD)
    page, count = build_page(records, None, "gold")
    assert count == 0
    p = parse(page)
    assert p.texts == [r["text"] for r in records]
    got: dict[int, set] = {}
    for key, (kind, s, e, _) in p.spans().items():
        got.setdefault(int(key[1:].split("-")[0]), set()).add((kind, s, e))
    for n, r in enumerate(records):
        assert got.get(n, set()) == expected_spans(r), r["doc_id"]


def test_text_mismatch_lists_gold_objects_instead_of_placing_them(files, tmp_path):
    _, gold, out, pred = files
    other = copy.deepcopy(pred)
    other["text"] = TEXT.replace("附件", "附表")
    out.write_text(json.dumps(other, ensure_ascii=False) + "\n", encoding="utf-8")
    page_path = tmp_path / "view.html"
    assert main(["view", str(out), "--gold", str(gold), "-o", str(page_path)]) == 0
    page = page_path.read_text(encoding="utf-8")
    p = parse(page)
    assert p.texts == [other["text"]]
    assert not [k for k, *_ in p.spans().values() if k == "miss"]
    assert "the prediction&#x27;s text differs from gold&#x27;s" in page
    listed = page.split("<ul class='listed'>")[1].split("</ul>")[0]
    spans_of_gold = {(k, s, e) for k, s, e in expected_spans(record("a")) if k != "target"}
    assert listed.count("<li") == len(spans_of_gold) + 2  # and the two meta slots gold sets (title, year)
    assert "miss meta.year: 2024 (other side: —)" in listed
