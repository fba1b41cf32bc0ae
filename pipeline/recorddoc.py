"""``docs/record.md``, written from the pydantic models so the page cannot drift from the record.

Run ``python -m pipeline.recorddoc > docs/record.md`` after changing a model or a rule that
changes the example; a test compares the committed page with this output.
"""

from __future__ import annotations

import hashlib
import json
import typing
from typing import Any

from pydantic import BaseModel

from .record import (
    SCHEMA_ID,
    AgeRange,
    AttachmentRow,
    Commitment,
    Item,
    Meta,
    Record,
    ResponsibleUnit,
    Source,
    Span,
    Warning,
)

EXAMPLE = """示政办字〔2025〕3号
示例县人民政府办公室
关于2025年为全县妇女儿童办实事的通知

各镇人民政府，县政府各部门：
现将有关事项通知如下。
一、实施妇女健康行动。为全县35—64岁适龄妇女免费检查3.3万人，筛查率达到90%以上。（责任单位：县卫生健康局、县妇联）
二、建设儿童之家。新建儿童之家12个。（县民政局牵头，县妇联配合）

示例县人民政府办公室
2025年3月1日
"""

MODELS: list[type[BaseModel]] = [Record, Source, Meta, Item, Span, Commitment, AgeRange, ResponsibleUnit, AttachmentRow, Warning]


def _type_name(annotation: Any) -> str:
    if typing.get_origin(annotation) is typing.Literal:
        return " or ".join(json.dumps(a) for a in typing.get_args(annotation))
    text = str(annotation).replace("typing.", "").replace("pipeline.record.", "")
    text = text.replace("<class '", "").replace("'>", "").replace("NoneType", "null").replace("None", "null")
    return text.replace(" | ", " or ")  # a bare | would split the Markdown table


def field_table(model: type[BaseModel]) -> str:
    rows = ["| key | type | meaning |", "|---|---|---|"]
    for name, info in model.model_fields.items():
        key = info.alias or name
        rows.append(f"| `{key}` | `{_type_name(info.annotation)}` | {info.description or ''} |")
    return "\n".join(rows)


def example_record() -> dict[str, Any]:
    from .extract import Extractor
    from .normalise import normalise_text
    from .reader import Document

    data = EXAMPLE.encode("utf-8")
    doc = Document("example", "example.txt", "txt", "utf-8", hashlib.sha256(data).hexdigest(), normalise_text(EXAMPLE))
    return Extractor().extract(doc).to_json_dict()


def render() -> str:
    record = example_record()
    parts = [
        "# The record",
        "",
        f"`policy-extract extract` writes one JSON object per notice, one per line (JSONL, UTF-8, Chinese "
        f"unescaped, keys in the order below). The format is named by its `schema` key (`{SCHEMA_ID}`); "
        "a change that breaks a reader bumps the number. `policy-extract schema` prints the JSON Schema.",
        "",
        "Every `start`/`end` is a code-point index into the record's `text` (Python string indexing, not "
        "bytes, not UTF-16 units); `end` is exclusive and `text[start:end]` equals the object's `text`. A "
        "record that breaks this is never written. `rule` names the rule in `rules/` that produced an "
        "object; gold files have no `rule` and may mark an object `\"borderline\": true`.",
        "",
        "This page is generated from the models (`python -m pipeline.recorddoc > docs/record.md`).",
        "",
        "## Example",
        "",
        "The notice",
        "",
        "```text",
        EXAMPLE.rstrip("\n"),
        "```",
        "",
        "gives (pretty-printed here; the output has one line per record):",
        "",
        "```json",
        json.dumps(record, ensure_ascii=False, indent=2),
        "```",
        "",
        "Read it like this: item `1` holds the commitment `3.3万人` (value 33000, unit `人`, comparator `eq`; "
        "the people are not named, so its target is null) and `90%以上` (`ge` from `以上`, target `筛查率`); "
        "the age range `35—64岁`; and the two units of its `（责任单位：…）` clause. Item `2`'s clause "
        "`（县民政局牵头，县妇联配合）` gives a `lead` and a `cooperating` unit.",
        "",
        "## Department names",
        "",
        "Each unit's `canonical` is the full official name from the alias table `rules/names.toml` "
        "(`县妇联` → `县妇女联合会`, `区卫健局` → `区卫生健康局`, `县人社局` → `县人力资源和社会保障局`): a short "
        "form is matched at the end of the name, and what stands before it (the level 省 市 州 盟 县 区 旗 镇 乡 "
        "街道, or a place and its level: `博山区`) is kept. Some aliases hold only for notices of certain years, "
        "read from `meta.year` (else the signature date's year): `卫计委` is `卫生和计划生育委员会` in a notice "
        "for 2018 or earlier and `卫生健康委员会` after the 2018 restructuring; with no year, a dated alias "
        "does not apply. A name that no alias applies to keeps its own name as `canonical`, never null, so "
        "a table can always be grouped by it: official short names (`团县委`, `总工会`), bodies whose full "
        "name differs from place to place (`文旅局`, `城管局`), sub-units (`市卫生健康委妇幼健康科`) and names "
        "the table does not know. `canonical` is not scored, and gold files do not carry it.",
        "",
    ]
    for model in MODELS:
        title = "Record" if model is Record else model.__name__
        parts += [f"## {title}", "", (model.__doc__ or "").strip(), "", field_table(model), ""]
    return "\n".join(parts)


if __name__ == "__main__":
    print(render(), end="")
