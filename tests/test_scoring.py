"""The scorer against hand-computed figures and against nervaluate on the same spans."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import scoring
from pipeline.record import Record
from pipeline.scoring import Counts, bootstrap_ci, greedy_match, percentile, prf, score, score_notice

SHA = "0" * 64
TEXT = (
    "一、实施教育行动。新改扩建幼儿园7所，培训家政从业人员2000人次以上。（责任单位：县教育局、县妇联）\n"
    "二、健康行动。为35—64岁妇女免费筛查，覆盖率达到90%。（责任单位：县卫 健局）\n"
    "附件\n1\t实施教育行动\t县教育局、县妇联\n"
)


def at(text: str, sub: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return start, start + len(sub)


def span(text: str, sub: str, nth: int = 0) -> dict:
    s, e = at(text, sub, nth)
    return {"text": sub, "start": s, "end": e}


def commitment(text, sub, value, unit, comparator="eq", target=None, nth=0, **extra) -> dict:
    return {
        **span(text, sub, nth),
        "value": value,
        "unit": unit,
        "comparator": comparator,
        "target": span(text, target) if target else None,
        **extra,
    }


def age(text, sub, lo, hi, unit="year", **extra) -> dict:
    return {**span(text, sub), "min": lo, "max": hi, "unit": unit, **extra}


def unit(text, sub, name=None, role="responsible", nth=0, **extra) -> dict:
    return {**span(text, sub, nth), "name": name or sub.replace(" ", ""), "role": role, **extra}


def item(text, iid, heading, whole, *, kind="item", number=None, commitments=(), ages=(), units=(), **extra) -> dict:
    s, e = at(text, whole)
    return {
        "id": iid,
        "kind": kind,
        "level": iid.count(".") + 1,
        "parent": iid.rsplit(".", 1)[0] if "." in iid else None,
        "number": number,
        "heading": span(text, heading),
        "start": s,
        "end": e,
        "commitments": list(commitments),
        "age_ranges": list(ages),
        "responsible_units": list(units),
        **extra,
    }


def rec(doc_id="n1", text=TEXT, items=(), rows=(), meta=None) -> dict:
    return {
        "schema": "policy-extract/record/1",
        "doc_id": doc_id,
        "source": {"path": f"corpus/{doc_id}.txt", "format": "txt", "encoding": "utf-8", "sha256": SHA},
        "text": text,
        "meta": meta or {},
        "items": list(items),
        "attachment_rows": list(rows),
        "warnings": [],
    }


ITEM1 = "一、实施教育行动。新改扩建幼儿园7所，培训家政从业人员2000人次以上。（责任单位：县教育局、县妇联）"
ITEM2 = "二、健康行动。为35—64岁妇女免费筛查，覆盖率达到90%。（责任单位：县卫 健局）"


def gold_record() -> dict:
    t = TEXT
    return rec(
        items=[
            item(
                t, "1", "实施教育行动", ITEM1, number="一、",
                commitments=[
                    commitment(t, "7所", 7, "所", target="幼儿园"),
                    commitment(t, "2000人次以上", 2000, "人次", "ge", target="家政从业人员"),
                ],
                units=[unit(t, "县教育局"), unit(t, "县妇联")],
            ),
            item(
                t, "2", "健康行动", ITEM2, number="二、",
                commitments=[commitment(t, "90%", 90, "%", "ge", target="覆盖率")],
                ages=[age(t, "35—64岁", 35, 64)],
                units=[unit(t, "县卫 健局", name="县卫健局")],
            ),
        ],
        rows=[{"number": 1, "name": "实施教育行动", "units": ["县教育局", "县妇联"], "cells": {},
               **dict(zip(("start", "end"), at(t, "1\t实施教育行动\t县教育局、县妇联"), strict=True))}],
        meta={"title": "关于办实事的通知", "doc_number": "源政办字〔2023〕13号", "issuer": "县政府办公室",
              "date": "2023-04-21", "year": 2023},
    )


def figures(report, name):
    c = report.totals[name]
    return (c.tp, c.fp, c.fn)


# ---------------------------------------------------------------------------- figures


@pytest.mark.parametrize(
    ("tp", "fp", "fn", "expected"),
    [
        (0, 0, 0, (1.0, 1.0, 1.0)),  # nothing on either side
        (0, 1, 0, (0.0, 0.0, 0.0)),  # a false hit and no gold
        (0, 0, 2, (0.0, 0.0, 0.0)),  # gold and no prediction
        (1, 1, 0, (0.5, 1.0, 2 / 3)),
        (3, 1, 2, (0.75, 0.6, 2 * 0.75 * 0.6 / 1.35)),
    ],
)
def test_prf(tp, fp, fn, expected):
    assert prf(tp, fp, fn) == pytest.approx(expected)


def test_gold_fixture_is_a_valid_record():
    Record.model_validate(gold_record())


def test_identical_records_score_perfectly():
    r = score([gold_record()], [gold_record()])
    for name in scoring.FIELDS:
        assert r.totals[name].figures()["f1"] == 1.0, name
    assert figures(r, "commitments") == (3, 0, 0)
    assert figures(r, "meta") == (5, 0, 0)
    assert r.ci95["commitments"] == (1.0, 1.0)


# ---------------------------------------------------------------------------- commitments: overlap, strict


def _with_commitments(preds: list[dict]) -> dict:
    p = gold_record()
    p["items"][0]["commitments"] = preds
    return p


T = TEXT
COMMITMENT_CASES = [
    # (predicted commitments of item 1, expected (tp, fp, fn) overlap, expected strict)
    ("same", [commitment(T, "7所", 7, "所"), commitment(T, "2000人次以上", 2000, "人次")], (3, 0, 0), (3, 0, 0)),
    ("shorter span", [commitment(T, "7所", 7, "所"), commitment(T, "2000人次", 2000, "人次")], (3, 0, 0), (2, 1, 1)),
    ("wrong value", [commitment(T, "7所", 8, "所"), commitment(T, "2000人次以上", 2000, "人次")], (2, 1, 1), (2, 1, 1)),
    ("wrong unit", [commitment(T, "7所", 7, "个"), commitment(T, "2000人次以上", 2000, "人次")], (2, 1, 1), (2, 1, 1)),
    ("float value", [commitment(T, "7所", 7.0000000001, "所"), commitment(T, "2000人次以上", 2000, "人次")], (3, 0, 0), (3, 0, 0)),
    ("missed one", [commitment(T, "7所", 7, "所")], (2, 0, 1), (2, 0, 1)),
    ("nothing", [], (1, 0, 2), (1, 0, 2)),
    ("duplicate prediction", [commitment(T, "7所", 7, "所"), commitment(T, "7所", 7, "所"),
                              commitment(T, "2000人次以上", 2000, "人次")], (3, 1, 0), (3, 1, 0)),
    ("touching, no overlap", [commitment(T, "，", 7, "所"), commitment(T, "2000人次以上", 2000, "人次")], (2, 1, 1), (2, 1, 1)),
]


@pytest.mark.parametrize(("name", "preds", "overlap", "strict"), COMMITMENT_CASES, ids=[c[0] for c in COMMITMENT_CASES])
def test_commitments(name, preds, overlap, strict):
    r = score([gold_record()], [_with_commitments(preds)])
    assert figures(r, "commitments") == overlap
    assert figures(r, "commitments_strict") == strict


def test_duplicate_gold_counts_twice():
    g = gold_record()
    g["items"][0]["commitments"].append(commitment(T, "7所", 7, "所"))
    r = score([g], [gold_record()])
    assert figures(r, "commitments") == (3, 0, 1)


def test_objects_match_across_items():
    """A commitment found under the wrong item still matches: item errors are not counted twice."""
    p = gold_record()
    moved = p["items"][0]["commitments"].pop()
    p["items"][1]["commitments"].append(moved)
    r = score([gold_record()], [p])
    assert figures(r, "commitments") == (3, 0, 0)


# ---------------------------------------------------------------------------- borderline


def test_borderline_is_ignored_both_ways():
    g = gold_record()
    g["items"][0]["commitments"][1]["borderline"] = True
    # prediction overlapping the borderline object: removed; prediction elsewhere: a false hit
    p = _with_commitments([commitment(T, "7所", 7, "所"), commitment(T, "2000人次", 2000, "人次"),
                           commitment(T, "35", 35, "岁")])
    r = score([g], [p])
    assert figures(r, "commitments") == (2, 1, 0)
    # a borderline gold object nobody predicted is not a miss
    r = score([g], [_with_commitments([commitment(T, "7所", 7, "所")])])
    assert figures(r, "commitments") == (2, 0, 0)


def test_borderline_removal_is_per_field():
    g = gold_record()
    g["items"][1]["ages"] = []
    g["items"][1]["age_ranges"][0]["borderline"] = True
    p = gold_record()
    p["items"][1]["commitments"].append(commitment(T, "35—64岁", 35, "岁"))
    r = score([g], [p])
    assert figures(r, "age_ranges") == (0, 0, 0)
    assert figures(r, "commitments") == (3, 1, 0)


def test_borderline_item_removes_overlapping_predicted_section():
    g = gold_record()
    g["items"][1]["borderline"] = True
    p = gold_record()
    p["items"][1]["kind"] = "section"
    r = score([g], [p])
    assert figures(r, "items") == (1, 0, 0)


# ---------------------------------------------------------------------------- greedy matching


def _spans(*pairs):
    return [{"start": s, "end": e} for s, e in pairs]


@pytest.mark.parametrize(
    ("golds", "preds", "pairs", "lone_g", "lone_p"),
    [
        # largest overlap first: P[2,8) takes B (4) before A (2); Q takes A
        (_spans((0, 4), (4, 8)), _spans((2, 8), (0, 3)), [(0, 1), (1, 0)], [], []),
        # equal overlap: the prediction that starts first wins
        (_spans((0, 4)), _spans((2, 4), (0, 2)), [(0, 1)], [], [0]),
        # equal overlap: the gold that starts first wins
        (_spans((2, 4), (0, 2)), _spans((1, 3)), [(1, 0)], [0], []),
        # greedy, not maximum: P takes A (3) and Q is left although Q-A and P-B would pair both
        (_spans((0, 4), (4, 6)), _spans((1, 5), (0, 2)), [(0, 0)], [1], [1]),
        # empty on either side
        ([], _spans((0, 1)), [], [], [0]),
        (_spans((0, 1)), [], [], [0], []),
        ([], [], [], [], []),
    ],
)
def test_greedy_match(golds, preds, pairs, lone_g, lone_p):
    assert greedy_match(golds, preds, lambda p, g: scoring.overlaps(p, g)) == (pairs, lone_g, lone_p)


# ---------------------------------------------------------------------------- items, units, rows, meta


def test_items_need_equal_level_and_kind():
    p = gold_record()
    p["items"][0]["level"] = 2
    p["items"][1]["kind"] = "section"
    r = score([gold_record()], [p])
    assert figures(r, "items") == (0, 1, 2)


def test_item_heading_overlap_suffices():
    p = gold_record()
    p["items"][0]["heading"] = span(T, "实施教育行动。新改扩建")
    r = score([gold_record()], [p])
    assert figures(r, "items") == (2, 0, 0)


def test_units_by_name_without_whitespace_and_role_accuracy():
    p = gold_record()
    p["items"][1]["responsible_units"][0]["name"] = "县卫 健局"  # whitespace is ignored
    p["items"][0]["responsible_units"][1]["role"] = "lead"
    p["items"][0]["responsible_units"][0]["name"] = "县教育和体育局"
    r = score([gold_record()], [p])
    assert figures(r, "responsible_units") == (2, 1, 1)
    assert r.accuracy["role"] == {"correct": 1, "total": 2, "accuracy": 0.5}


def test_comparator_and_target_accuracy():
    p = gold_record()
    p["items"][0]["commitments"][0]["comparator"] = "ge"
    p["items"][0]["commitments"][1]["target"] = None
    r = score([gold_record()], [p])
    assert r.accuracy["comparator"] == {"correct": 2, "total": 3, "accuracy": 2 / 3}
    assert r.accuracy["target"] == {"correct": 2, "total": 3, "accuracy": 2 / 3}
    kinds = sorted(e["kind"] for e in scoring.attribute_errors(r))
    assert kinds == ["wrong_comparator", "wrong_target"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"units": ["县妇联", "县教育局"]}, (1, 0, 0)),  # a multiset: order does not matter
        ({"units": ["县教育局"]}, (0, 1, 1)),
        ({"units": ["县教育局", "县妇联", "县妇联"]}, (0, 1, 1)),
        ({"number": 2}, (0, 1, 1)),
        ({"name": "实施 教育行动"}, (1, 0, 0)),
    ],
)
def test_attachment_rows(change, expected):
    p = gold_record()
    p["attachment_rows"][0].update(change)
    assert figures(score([gold_record()], [p]), "attachment_rows") == expected


@pytest.mark.parametrize(
    ("pred_meta", "expected"),
    [
        ({"title": "关于办实事的 通知", "doc_number": "源政办字〔2023〕13号", "issuer": "县政府办公室",
          "date": "2023-04-21", "year": 2023}, (5, 0, 0)),
        ({}, (0, 0, 5)),
        ({"title": "关于办实事的通知", "issuer": "县政府", "year": 2024}, (1, 2, 4)),
    ],
)
def test_meta_slots(pred_meta, expected):
    p = gold_record()
    p["meta"] = pred_meta
    assert figures(score([gold_record()], [p]), "meta") == expected


def test_meta_prediction_where_gold_is_null_is_a_false_hit():
    g = gold_record()
    g["meta"]["date"] = None
    assert figures(score([g], [gold_record()]), "meta") == (4, 1, 0)


# ---------------------------------------------------------------------------- notices


def test_missing_mismatched_and_extra_notices():
    g1, g2, g3 = gold_record(), gold_record(), gold_record()
    g2["doc_id"], g3["doc_id"] = "n2", "n3"
    p1 = gold_record()
    p3 = gold_record()
    p3["doc_id"] = "n3"
    p3["text"] = TEXT + "多余"
    extra = gold_record()
    extra["doc_id"] = "n9"
    r = score([g1, g2, g3], [p1, p3, extra])
    assert r.missing_predictions == ["n2"]
    assert r.text_mismatch == ["n3"]
    assert r.missing_gold == ["n9"]
    assert figures(r, "commitments") == (3, 0, 6)
    assert figures(r, "meta") == (5, 0, 10)
    per = scoring.report_to_json(r)["notices"]["per_notice"]
    assert per["n2"]["status"] == "missing_prediction"
    assert per["n3"]["commitments"]["fn"] == 3 and per["n3"]["commitments"]["fp"] == 0
    assert "n9" not in per


def test_prediction_from_crlf_text_is_a_text_mismatch():
    """A record whose text kept \r\n has other offsets than gold: reported, never matched."""
    g = gold_record()
    p = gold_record()
    p["text"] = TEXT.replace("\n", "\r\n")
    r = score([g], [p])
    assert r.text_mismatch == ["n1"]
    assert figures(r, "commitments") == (0, 0, 3)


def test_no_notices_at_all():
    r = score([], [])
    assert figures(r, "items") == (0, 0, 0)
    assert r.ci95["items"] == (1.0, 1.0)


def test_pydantic_records_are_accepted():
    g = Record.model_validate(gold_record())
    assert score_notice(g, g).fields["commitments"].counts.tp == 3


# ---------------------------------------------------------------------------- rules, errors, context


def test_rule_precision():
    p = _with_commitments([
        commitment(T, "7所", 7, "所", rule="qty.measure_word"),
        commitment(T, "2000人次以上", 2000, "人次", rule="qty.measure_word"),
        commitment(T, "35", 35, "岁", rule="qty.bad"),
    ])
    rules = score([gold_record()], [p]).rules
    assert rules["qty.measure_word"] == {"field": "commitments", "tp": 2, "fp": 0, "precision": 1.0}
    assert rules["qty.bad"] == {"field": "commitments", "tp": 0, "fp": 1, "precision": 0.0}
    assert next(iter(rules)) == "qty.bad"  # worst first


def test_errors_carry_notice_item_and_context():
    p = _with_commitments([commitment(T, "7所", 7, "所"), commitment(T, "35", 35, "岁")])
    errs = [e for e in scoring.errors(score([gold_record()], [p])) if e["field"] == "commitments"]
    miss = next(e for e in errs if e["kind"] == "miss")
    hit = next(e for e in errs if e["kind"] == "false_hit")
    assert (miss["notice"], miss["item"], miss["text"]) == ("n1", "1", "2000人次以上")
    s = miss["start"]
    assert miss["left"] == T[s - 15 : s] and len(miss["left"]) == 15
    assert miss["right"] == T[miss["end"] : miss["end"] + 15]
    assert hit["text"] == "35"


def test_context_counts_code_points_outside_the_bmp():
    text = "𠀾" * 20 + "建成7所" + "𠀾" * 20
    s, e = at(text, "7所")
    left, mid, right = scoring.context(text, s, e)
    assert (left, mid, right) == ("𠀾" * 13 + "建成", "7所", "𠀾" * 15)


def test_offsets_past_the_bmp_match_like_any_other():
    text = "𠀾𠀾为𠀾家庭建成7所，资助𠀾户2000元。"
    g = rec(text=text, items=[item(text, "1", "为𠀾家庭建成7所", text[:-1], commitments=[
        commitment(text, "7所", 7, "所"), commitment(text, "2000元", 2000, "元")])])
    Record.model_validate(g)
    p = rec(text=text, items=[item(text, "1", "为𠀾家庭建成7所", text[:-1], commitments=[
        commitment(text, "2000元", 2000, "元")])])
    r = score([g], [p])
    assert figures(r, "commitments_strict") == (1, 0, 1)
    miss = next(e for e in scoring.errors(r) if e["field"] == "commitments")
    assert miss["text"] == "7所" and miss["left"] == "𠀾𠀾为𠀾家庭建成"


# ---------------------------------------------------------------------------- bootstrap


def test_percentile_matches_numpy():
    np = pytest.importorskip("numpy")
    rng = random.Random(1)
    values = sorted(rng.random() for _ in range(57))
    for q in (0, 2.5, 50, 97.5, 100):
        assert percentile(values, q) == pytest.approx(float(np.percentile(values, q)))


def test_bootstrap_interval():
    one = [Counts(3, 1, 1)]
    f = prf(3, 1, 1)[2]
    assert bootstrap_ci(one) == pytest.approx((f, f))  # a single notice: no spread
    mixed = [Counts(10, 0, 0), Counts(0, 5, 5), Counts(4, 1, 2), Counts(7, 2, 0)]
    lo, hi = bootstrap_ci(mixed)
    total = Counts()
    for c in mixed:
        total.add(c)
    assert lo < prf(total.tp, total.fp, total.fn)[2] < hi
    assert bootstrap_ci(mixed) == (lo, hi)  # seeded: the same every run


def test_bootstrap_independent_recomputation():
    """The interval is the 2.5th/97.5th percentile of F1 over 1000 resamples drawn with random.Random(0)."""
    np = pytest.importorskip("numpy")
    notices = [Counts(10, 0, 0), Counts(0, 5, 5), Counts(4, 1, 2)]
    rng = random.Random(0)
    f1s = []
    for _ in range(1000):
        draw = [notices[rng.randrange(3)] for _ in range(3)]
        tp, fp, fn = (sum(getattr(c, k) for c in draw) for k in ("tp", "fp", "fn"))
        f1s.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    expected = (np.percentile(f1s, 2.5), np.percentile(f1s, 97.5))
    assert bootstrap_ci(notices) == pytest.approx(expected)


# ---------------------------------------------------------------------------- nervaluate cross-check


def _nervaluate_counts(gold_spans, pred_spans, strategy):
    """nervaluate's correct/spurious/missed on our spans, ``end`` made inclusive."""
    nervaluate = pytest.importorskip("nervaluate")
    true = [[{"label": "C", "start": s, "end": e - 1} for s, e in gold_spans]]
    pred = [[{"label": "C", "start": s, "end": e - 1} for s, e in pred_spans]]
    out = nervaluate.Evaluator(true, pred, tags=["C"], loader="dict").evaluate()
    res = out[0][strategy] if isinstance(out, tuple) else out["overall"][strategy]
    get = (lambda k: res[k]) if isinstance(res, dict) else (lambda k: getattr(res, k))
    return get("correct"), get("spurious") + get("incorrect") + get("partial"), get("missed") + get("incorrect") + get("partial")


def _commitment_records(gold_spans, pred_spans, length):
    text = "x" * length

    def objs(spans):
        return [{"text": text[s:e], "start": s, "end": e, "value": 1, "unit": "个", "comparator": "eq", "target": None}
                for s, e in spans]

    def record(spans):
        return rec(text=text, items=[{**item(text, "1", "x", text), "commitments": objs(spans)}])

    return record(gold_spans), record(pred_spans)


def _disjoint_spans(draw, length, n):
    cuts = sorted(draw(st.lists(st.integers(0, length), min_size=2 * n, max_size=2 * n, unique=True)))
    return [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts), 2)]


@st.composite
def span_sets(draw):
    length = 60
    gold = _disjoint_spans(draw, length, draw(st.integers(0, 6)))
    pred = _disjoint_spans(draw, length, draw(st.integers(0, 6)))
    return length, gold, pred


@settings(max_examples=300, deadline=None)
@given(span_sets())
def test_strict_matching_agrees_with_nervaluate(case):
    length, gold, pred = case
    g, p = _commitment_records(gold, pred, length)
    ours = score_notice(g, p).fields["commitments_strict"].counts
    correct = len(set(gold) & set(pred))
    ner_correct, _, _ = _nervaluate_counts(gold, pred, "strict")
    assert ours.tp == correct == ner_correct
    assert (ours.fp, ours.fn) == (len(pred) - correct, len(gold) - correct)


@settings(max_examples=300, deadline=None)
@given(span_sets())
def test_overlap_matching_agrees_with_nervaluate_when_unambiguous(case):
    """Where every span overlaps at most one span of the other side, there is one right answer."""
    length, gold, pred = case
    for s in gold:
        if sum(scoring.overlaps(dict(start=s[0], end=s[1]), dict(start=q[0], end=q[1])) for q in pred) > 1:
            return
    for q in pred:
        if sum(scoring.overlaps(dict(start=s[0], end=s[1]), dict(start=q[0], end=q[1])) for s in gold) > 1:
            return
    g, p = _commitment_records(gold, pred, length)
    ours = score_notice(g, p).fields["commitments"].counts
    ner_correct, ner_fp, ner_fn = _nervaluate_counts(gold, pred, "ent_type")
    assert (ours.tp, ours.fp, ours.fn) == (ner_correct, ner_fp, ner_fn)


def test_touching_spans_need_the_inclusive_end():
    """[0,3) and [3,5) touch without overlapping; given exclusive ends nervaluate would count them a match."""
    nervaluate = pytest.importorskip("nervaluate")
    g, p = _commitment_records([(0, 3)], [(3, 5)], 10)
    assert score_notice(g, p).fields["commitments"].counts.tp == 0
    assert _nervaluate_counts([(0, 3)], [(3, 5)], "ent_type")[0] == 0
    raw = nervaluate.Evaluator([[{"label": "C", "start": 0, "end": 3}]], [[{"label": "C", "start": 3, "end": 5}]],
                               tags=["C"], loader="dict").evaluate()
    res = raw[0]["ent_type"] if isinstance(raw, tuple) else raw["overall"]["ent_type"]
    assert (res["correct"] if isinstance(res, dict) else res.correct) == 1
