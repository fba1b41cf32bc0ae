"""``policy-extract evaluate``, ``gold check`` and ``labelstudio`` as a user runs them."""

from __future__ import annotations

import copy
import json
import re

import pytest

from pipeline.cli import main

SHA = "c" * 64
TEXT = "一、建设行动。新建幼儿园7所，培训妇女2000人次。（责任单位：县教育局）\n二、健康行动。为𠀾户35—64岁妇女筛查。（责任单位：县卫健局）\n"


def at(sub: str) -> tuple[int, int]:
    s = TEXT.index(sub)
    return s, s + len(sub)


def span(sub: str) -> dict:
    s, e = at(sub)
    return {"text": sub, "start": s, "end": e}


def record(doc_id: str) -> dict:
    def entry(iid, heading, whole, **lists):
        return {"id": iid, "kind": "item", "level": 1, "parent": None, "number": None, "heading": span(heading),
                "start": at(whole)[0], "end": at(whole)[1], "commitments": lists.get("c", []),
                "age_ranges": lists.get("a", []), "responsible_units": lists.get("u", [])}

    return {
        "schema": "policy-extract/record/1",
        "doc_id": doc_id,
        "source": {"path": f"corpus/{doc_id}.txt", "format": "txt", "encoding": "utf-8", "sha256": SHA},
        "text": TEXT,
        "meta": {"title": None, "doc_number": None, "issuer": None, "date": None, "year": 2024},
        "items": [
            entry("1", "建设行动", "一、建设行动。新建幼儿园7所，培训妇女2000人次。（责任单位：县教育局）", c=[
                {**span("7所"), "value": 7, "unit": "所", "comparator": "eq", "target": span("幼儿园")},
                {**span("2000人次"), "value": 2000, "unit": "人次", "comparator": "eq", "target": span("妇女")},
            ], u=[{**span("县教育局"), "name": "县教育局", "role": "responsible"}]),
            entry("2", "健康行动", "二、健康行动。为𠀾户35—64岁妇女筛查。（责任单位：县卫健局）",
                  a=[{**span("35—64岁"), "min": 35, "max": 64, "unit": "year"}],
                  u=[{**span("县卫健局"), "name": "县卫健局", "role": "responsible"}]),
        ],
        "attachment_rows": [],
        "warnings": [],
    }


def predicted(doc_id: str) -> dict:
    r = copy.deepcopy(record(doc_id))
    r["items"][0]["commitments"] = [
        {**span("7所"), "value": 7, "unit": "所", "comparator": "eq", "target": span("幼儿园"), "rule": "qty.measure_word"},
        {**span("35"), "value": 35, "unit": "岁", "comparator": "eq", "target": None, "rule": "qty.bad"},
    ]
    for i in r["items"]:
        i["rule"] = "item.cn_dun"
    return r


@pytest.fixture
def files(tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    for d in ("a", "b"):
        (gold / f"{d}.json").write_text(json.dumps(record(d), ensure_ascii=False, indent=2), encoding="utf-8")
    (gold / "GUIDELINES.md").write_text("# not a gold file\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    lines = [predicted("a"), predicted("z")]  # b has no prediction; z has no gold
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), encoding="utf-8")
    return tmp_path, gold, out


def test_table_json_and_html(files, capsys):
    tmp, gold, out = files
    rj, rh = tmp / "report.json", tmp / "report.html"
    assert main(["evaluate", str(gold), str(out), "--json", str(rj), "--html", str(rh)]) == 0
    stdout = capsys.readouterr().out
    assert re.search(r"^commitments\s+1\s+1\s+3\s", stdout, re.M)  # a: 1 tp, 1 fp, 1 fn; b: 2 fn
    assert "gold without prediction (all gold counted as misses): b" in stdout
    assert "prediction without gold (ignored): z" in stdout
    data = json.loads(rj.read_text(encoding="utf-8"))
    for name in ("items", "commitments", "commitments_strict", "age_ranges", "age_ranges_strict",
                 "responsible_units", "meta", "attachment_rows"):
        assert set(data[name]) == {"tp", "fp", "fn", "precision", "recall", "f1", "ci95"}
    assert (data["commitments"]["tp"], data["commitments"]["fp"], data["commitments"]["fn"]) == (1, 1, 3)
    assert data["commitments"]["precision"] == 0.5 and data["commitments"]["recall"] == 0.25
    assert data["items"] == {**data["items"], "tp": 2, "fp": 0, "fn": 2}
    assert data["meta"]["tp"] == 1 and data["meta"]["fn"] == 1
    assert set(data["accuracy"]) == {"comparator", "target", "role"}
    assert data["notices"]["missing_predictions"] == ["b"]
    assert data["notices"]["missing_gold"] == ["z"]
    assert data["notices"]["per_notice"]["a"]["commitments"]["fp"] == 1
    assert data["rules"]["qty.bad"]["precision"] == 0.0
    assert data["rules"]["item.cn_dun"] == {"field": "items", "tp": 2, "fp": 0, "precision": 1.0}
    page = rh.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<mark>2000人次</mark>" in page
    assert not re.search(r"(src|href)=", page)  # self-contained
    assert "qty.bad" in page


def test_errors_listing(files, capsys):
    _, gold, out = files
    assert main(["evaluate", str(gold), str(out), "--errors"]) == 0
    lines = capsys.readouterr().out.splitlines()
    miss = next(line for line in lines if line.startswith("a  commitments  miss"))
    left, right = TEXT[at("2000人次")[0] - 15 : at("2000人次")[0]], TEXT[at("2000人次")[1] :][:15]
    assert f"{left}[2000人次]{right.replace(chr(10), '⏎')}" in miss
    assert "item 1" in miss
    hit = next(line for line in lines if line.startswith("a  commitments  false_hit"))
    assert "[35]" in hit and "rule=qty.bad" in hit
    assert any(line.startswith("b  age_ranges  miss") for line in lines)


def test_floors(files, tmp_path, capsys):
    _, gold, out = files
    floors = tmp_path / "floors.toml"
    floors.write_text("[floors]\nitems = 0.5\ncommitments = 0.9\n", encoding="utf-8")
    assert main(["evaluate", str(gold), str(out), "--floors", str(floors)]) == 1
    err = capsys.readouterr().err
    assert "commitments: F1 0.3333 is below the floor 0.9000" in err and "items:" not in err
    floors.write_text("[floors]\nitems = 0.5\n", encoding="utf-8")
    assert main(["evaluate", str(gold), str(out), "--floors", str(floors)]) == 0


@pytest.mark.parametrize(
    ("floors", "message"),
    [
        ("[floors]\nheadings = 0.9\n", "unknown field 'headings'"),
        ("[floors]\nitems = 2\n", "between 0 and 1"),
        ("items = 0.9\n", "needs a [floors] table"),
        ("[floors\n", "not valid TOML"),
    ],
)
def test_bad_floors_are_usage_errors(files, tmp_path, capsys, floors, message):
    _, gold, out = files
    path = tmp_path / "floors.toml"
    path.write_text(floors, encoding="utf-8")
    assert main(["evaluate", str(gold), str(out), "--floors", str(path)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and message in err


def test_shipped_floors_file_is_valid():
    from pathlib import Path

    from pipeline.evaluate import load_floors

    shipped = Path(__file__).resolve().parent.parent / "gold" / "floors.toml"
    floors = load_floors(shipped)
    assert set(floors) == {"items", "commitments", "age_ranges", "responsible_units", "meta", "attachment_rows"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json\n", "out.jsonl:1: not valid JSON"),
        ('{"doc_id": "a"}\n', "out.jsonl:1: not a valid record"),
        ("\n[1, 2]\n", "out.jsonl:2: expected a JSON object"),
    ],
)
def test_bad_predictions_are_named(files, capsys, content, message):
    _, gold, out = files
    out.write_text(content, encoding="utf-8")
    assert main(["evaluate", str(gold), str(out)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_span_that_breaks_the_text_is_refused(files, capsys):
    _, gold, out = files
    r = predicted("a")
    r["items"][0]["commitments"][0]["start"] += 1
    r["items"][0]["commitments"][0]["end"] += 1
    out.write_text(json.dumps(r, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["evaluate", str(gold), str(out)]) == 2
    assert "not a valid record" in capsys.readouterr().err


def test_missing_paths(tmp_path, capsys):
    assert main(["evaluate", str(tmp_path / "gold"), str(tmp_path / "out.jsonl")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert main(["evaluate", str(tmp_path / "empty"), str(tmp_path / "out.jsonl")]) == 2
    assert "no <doc_id>.json gold files" in capsys.readouterr().err


def test_per_notice_figures_in_the_terminal(files, capsys):
    _, gold, out = files
    main(["evaluate", str(gold), str(out)])
    lines = capsys.readouterr().out.splitlines()
    row_a = next(line for line in lines if line.startswith("a "))
    row_b = next(line for line in lines if line.startswith("b "))
    assert row_a.split()[1:3] == ["1.000", "0.500"]  # items; commitments of notice a: tp 1, fp 1, fn 1
    assert row_b.endswith("(missing prediction)") and row_b.split()[2] == "0.000"


def test_gold_as_jsonl_and_single_file(files, tmp_path):
    _, gold, _ = files
    jsonl = tmp_path / "gold.jsonl"
    jsonl.write_text("".join(json.dumps(json.loads(f.read_text(encoding="utf-8")), ensure_ascii=False) + "\n"
                             for f in sorted(gold.glob("*.json"))), encoding="utf-8")
    rj = tmp_path / "r.json"
    assert main(["evaluate", str(jsonl), str(gold / "a.json"), "--json", str(rj)]) == 0
    data = json.loads(rj.read_text(encoding="utf-8"))
    assert data["notices"]["missing_predictions"] == ["b"] and data["commitments"]["tp"] == 2


def test_two_gold_folders_give_agreement(files, tmp_path, capsys):
    _, gold, _ = files
    other = tmp_path / "gold2"
    other.mkdir()
    for f in gold.glob("*.json"):
        (other / f.name).write_bytes(f.read_bytes())
    rj = tmp_path / "agree.json"
    assert main(["evaluate", str(gold), str(other), "--json", str(rj)]) == 0
    data = json.loads(rj.read_text(encoding="utf-8"))
    assert all(data[f]["f1"] == 1.0 for f in ("items", "commitments", "age_ranges", "responsible_units", "meta"))


def test_gold_check_and_label_studio_commands(files, tmp_path, capsys):
    _, gold, _ = files
    assert main(["gold", "check", str(gold)]) == 0
    tasks = tmp_path / "tasks.json"
    assert main(["labelstudio", "export", str(gold), "-o", str(tasks), "--config", str(tmp_path / "c.xml")]) == 0
    back = tmp_path / "back"
    assert main(["labelstudio", "import", str(tasks), "-o", str(back)]) == 0
    for f in gold.glob("*.json"):
        assert json.loads((back / f.name).read_text(encoding="utf-8")) == json.loads(f.read_text(encoding="utf-8"))
    assert main(["gold", "check", str(back)]) == 0


def test_swapped_arguments_are_swapped_back_with_a_warning(files, tmp_path, capsys):
    _, gold, out = files
    right, wrong = tmp_path / "right.json", tmp_path / "wrong.json"
    assert main(["evaluate", str(gold), str(out), "--json", str(right)]) == 0
    assert "swapped" not in capsys.readouterr().err
    assert main(["evaluate", str(out), str(gold), "--json", str(wrong), "--html", str(tmp_path / "r.html")]) == 0
    err = capsys.readouterr().err
    assert f"{out} holds predictions" in err and "look swapped" in err
    assert json.loads(wrong.read_text(encoding="utf-8")) == json.loads(right.read_text(encoding="utf-8"))
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert f"gold: <code>{gold}</code>" in page


@pytest.mark.parametrize(
    ("gold_rules", "pred_rules", "swapped"),
    [(False, True, False), (True, False, True), (False, False, False), (True, True, False)],
)
def test_swap_needs_rules_on_the_gold_side_only(gold_rules, pred_rules, swapped):
    from pipeline.evaluate import swapped as looks_swapped

    def side(rules):
        return [predicted("a") if rules else record("a")]

    assert looks_swapped(side(gold_rules), side(pred_rules)) is swapped


def test_missing_values_are_shown_as_a_dash(files, capsys):
    _, gold, out = files
    r = predicted("a")
    r["meta"]["title"] = "错误标题"
    out.write_text(json.dumps(r, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["evaluate", str(gold), str(out), "--errors", "--html", str(gold.parent / "r.html")]) == 0
    stdout = capsys.readouterr().out
    hit = next(line for line in stdout.splitlines() if line.startswith("a  commitments  false_hit"))
    assert hit.endswith("target=—  rule=qty.bad") and "None" not in stdout
    assert "a  meta.title  false_hit: '错误标题' (other side: —)" in stdout
    page = (gold.parent / "r.html").read_text(encoding="utf-8")
    assert "None" not in page and "other side: —" in page


def test_html_notice_table_fits_its_box(files, tmp_path):
    _, gold, out = files
    rh = tmp_path / "r.html"
    assert main(["evaluate", str(gold), str(out), "--html", str(rh)]) == 0
    page = rh.read_text(encoding="utf-8")
    assert re.search(r"\.box\{[^}]*overflow-x:auto", page)
    notices = page.split("<h2>Notices</h2>")[1].split("</table>")[0]
    assert "<div class='box'><table>" in notices
    heads = re.findall(r"<th[^>]*>([^<]*)</th>", notices)
    assert len(heads) == 10 and max(len(h) for h in heads) <= 8  # short column heads, full names on hover
    assert "title='commitments_strict F1'" in notices
    errors = page.split("<h2>Errors")[1]
    assert errors.startswith(" (") and "<div class='box'><table>" in errors
