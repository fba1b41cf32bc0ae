"""Any string gives a valid record with valid offsets, and never an exception."""

from __future__ import annotations

import hashlib

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pipeline.normalise import normalise_text
from pipeline.reader import Document
from pipeline.record import Record, span_problems

# Pieces of the genre, so that random strings reach every rule, not only the no-match path.
FRAGMENTS = [
    "一、", "（二）", "(3)", "1.", "2、", "3）", "①", "第一件：", "一是", "二是", "；", "。", "：", "\n", "\n\n",
    "（责任单位：", "区教育局", "、", "县妇联（牵头）", "）", "〔", "〕", "牵头单位:", "配合单位：", "负责",
    "35—64岁", "3岁以下", "6-36月龄", "十八周岁以下", "2所", "3.3万人", "百分之九十", "90%以上", "不少于",
    "达到", "近万人次", "2\n000人", "500元/人", "“4个100%”", "〔2024〕12号", "— 2 —", "序号", "\t",
    "实事名称", "| ", "附件：", "2024年3月1日", "关于2024年为全区妇女儿童办实事的通知", "各有关部门要",
    "\u3000", "\ufeff", "\r\n", "𠀾", "３．５万", "二〇二四年三月十日",
]
texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=60).map("".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=texts)
@example(raw="第一件：\r\n附件：")  # a number alone on its line before 附件：, which is no title
def test_any_text_gives_a_valid_record(raw, extractor):
    text = normalise_text(raw)
    doc = Document("x", "x.txt", "txt", "utf-8", hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest(), text)
    record = extractor.extract(doc)
    assert record.text == text
    assert list(span_problems(record)) == []
    for item in record.items:
        assert item.start <= item.heading.start <= item.heading.end <= item.end
        for obj in (*item.commitments, *item.age_ranges, *item.responsible_units):
            assert item.start <= obj.start < obj.end <= item.end
            assert not text[obj.start : obj.end].endswith("\n")
    Record.model_validate_json(record.model_dump_json(by_alias=True))
