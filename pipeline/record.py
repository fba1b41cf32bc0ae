"""The record: the single source of the JSONL contract, its JSON Schema and its validation.

Every model forbids unknown keys so that a typo in a gold file or a consumer's fixture is an
error, not a silently ignored field. ``rule`` is carried by predictions and absent from gold;
``borderline`` is carried by gold objects only; both are dropped from output when unset.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_ID = "policy-extract/record/1"

Comparator = Literal["eq", "ge", "gt", "le", "lt", "approx"]
AgeUnit = Literal["year", "month"]
Role = Literal["responsible", "lead", "cooperating", "supervising"]
Kind = Literal["item", "section"]
Number = int | float



def _unset(value: Any) -> bool:
    return value is None


def RuleId() -> Any:
    """The id of the rule behind a prediction; gold has none, so it is left out when unset."""
    return Field(default=None, exclude_if=_unset, description="id of the rule (from rules/) that produced the object")


def Borderline() -> Any:
    """Gold's mark for an object an annotator could not decide; it counts neither way."""
    return Field(default=None, exclude_if=_unset, description="gold only: ignored both ways in scoring")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """A piece of the notice's text: ``text == record.text[start:end]``."""

    text: str = Field(description="the characters as they stand in the record's text")
    start: int = Field(ge=0, description="offset of the first character (a code point index into the record's text)")
    end: int = Field(ge=0, description="offset after the last character (exclusive)")

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        if self.end - self.start != len(self.text):
            raise ValueError(
                f"span {self.start}:{self.end} is {self.end - self.start} characters "
                f"but its text {self.text!r} has {len(self.text)}"
            )
        return self


class Commitment(Span):
    """A quantified commitment (2所, 90%以上, 3.3万人次); cue words such as 不少于 are outside the span."""

    value: Number = Field(description="the number, multipliers applied: 3.3万 → 33000, 百分之九十 → 90")
    unit: str = Field(min_length=1, description="measure word or unit as written, without multipliers: 所, 人次, %, 元, 个百分点")
    comparator: Comparator = Field(description="eq, ge (以上, 不少于, 达到), gt (超过, 余), le (以下, 以内, 控制在), lt (不满, 低于), approx (约, 左右, 近)")
    target: Span | None = Field(default=None, description="the noun phrase naming what is counted, or null")
    rule: str | None = RuleId()
    borderline: bool | None = Borderline()


class AgeRange(Span):
    """An age or span of ages that defines who a measure is for (35—64岁, 3岁以下, 6-36月龄)."""

    min: Number | None = Field(description="lower bound, null for an open end (3岁以下)")
    max: Number | None = Field(description="upper bound, null for an open end (60岁及以上)")
    unit: AgeUnit = Field(description="year (岁, 周岁) or month (月龄, 个月)")
    rule: str | None = RuleId()
    borderline: bool | None = Borderline()


class ResponsibleUnit(Span):
    """One organisation named in a responsibility clause of an item."""

    name: str = Field(min_length=1, description="the span's text with line breaks and spaces removed")
    canonical: str | None = Field(
        default=None,
        exclude_if=_unset,
        description=(
            "the full official name from the alias table rules/names.toml, level kept (区卫健局 → 区卫生健康局; "
            "卫计委 by the notice's year); the name itself when no alias applies; not scored, absent from gold"
        ),
    )
    role: Role = Field(description="responsible (责任单位), lead (牵头), cooperating (配合, 协办), supervising (主管)")
    rule: str | None = RuleId()
    borderline: bool | None = Borderline()


class Item(_Model):
    """An entry of the notice's list: an ``item`` carries content, a ``section`` only groups entries."""

    id: str = Field(pattern=r"^[1-9][0-9]*(\.[1-9][0-9]*)*$", description="path in the list: 2, 2.1, 2.1.3")
    kind: Kind = Field(description="item, or section for an entry that only groups other entries")
    level: int = Field(ge=1, description="1 for the outermost entries of the list")
    parent: str | None = Field(description="id of the enclosing entry, null at level 1")
    number: str | None = Field(description="the numbering as written with its punctuation (一、 （一） 1. 第一件：), null when unnumbered")
    heading: Span = Field(description="the title, without number, up to the first 。：； or clause")
    start: int = Field(ge=0, description="first character of the number (or title)")
    end: int = Field(ge=0, description="after the last character of the body")
    commitments: list[Commitment] = Field(default_factory=list, description="quantities this entry (not a child) holds")
    age_ranges: list[AgeRange] = Field(default_factory=list, description="age ranges this entry holds")
    responsible_units: list[ResponsibleUnit] = Field(default_factory=list, description="units of its clauses")
    rule: str | None = RuleId()
    borderline: bool | None = Borderline()


class AttachmentRow(_Model):
    """One data row of the progress table that closes many notices."""

    number: int = Field(description="the 序号 cell")
    name: str = Field(description="the 实事名称 / 项目名称 cell, line breaks and spaces removed")
    units: list[str] = Field(default_factory=list, description="names in the unit columns (牵头, 责任, 配合, 主管)")
    cells: dict[str, str] = Field(default_factory=dict, description="other filled cells: column header → text")
    start: int = Field(ge=0, description="first character of the 序号 cell")
    end: int = Field(ge=0, description="after the last filled cell of the row")
    rule: str | None = RuleId()
    borderline: bool | None = Borderline()


class Meta(_Model):
    """The notice's own facts; each is null when the notice does not state it."""

    title: str | None = Field(default=None, description="关于…的通知, without the issuer")
    doc_number: str | None = Field(default=None, description="博政办字〔2024〕12号, brackets as written")
    issuer: str | None = Field(default=None, description="the office that heads or signs the notice")
    date: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="signature date, ISO 8601")
    year: int | None = Field(default=None, description="the year the programme covers, from the title")


class Source(_Model):
    """Where the text came from."""

    path: str = Field(description="the input path as given; a byte that is not UTF-8 is shown as \\xNN")
    path_bytes: str | None = Field(
        default=None,
        exclude_if=_unset,
        description="only when the path is not valid UTF-8 (a name from a GBK disk): its exact bytes, base64",
    )
    format: str = Field(description="txt, docx, html or pdf")
    encoding: str | None = Field(default=None, description="the encoding the bytes were decoded with (text formats)")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the source file's bytes")


class Warning(_Model):
    """Something a user should know about this notice."""

    code: str = Field(description="stable code: encoding.fallback, encoding.replaced, html.dropped, items.none, structure.fallback, structure.table_rows, …")
    message: str = Field(description="the same for people")


class Record(_Model):
    """One notice (schema ``policy-extract/record/1``): one JSON object per line of the output."""

    schema_: Literal["policy-extract/record/1"] = Field(
        default=SCHEMA_ID, alias="schema", description="format version; bumped by any change that breaks a reader"
    )
    doc_id: str = Field(description="the file stem, unless the caller names it")
    source: Source
    text: str = Field(description="the decoded text: BOM removed, line ends as \\n, NFC; every offset points into it")
    meta: Meta = Field(default_factory=Meta)
    items: list[Item] = Field(default_factory=list, description="every entry in document order, sections before their children")
    attachment_rows: list[AttachmentRow] = Field(default_factory=list)
    warnings: list[Warning] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    @model_validator(mode="after")
    def _spans_match_text(self) -> Record:
        problems = list(span_problems(self))
        if problems:
            raise ValueError("; ".join(problems[:5]))
        return self

    def to_json_dict(self) -> dict[str, Any]:
        return self.model_dump(by_alias=True, mode="json")

    def to_json_line(self) -> str:
        """The record as one compact JSON line, Chinese unescaped, keys in field order.

        Serialised in pydantic's compiled core: a third of the cost of ``json.dumps`` over
        :meth:`to_json_dict`, for the same object."""
        return self.model_dump_json(by_alias=True)


def iter_spans(record: Record):
    """Yield ``(where, span)`` for every object of the record that carries a text."""
    for item in record.items:
        where = f"item {item.id}"
        yield f"{where} heading", item.heading
        for i, c in enumerate(item.commitments):
            yield f"{where} commitment {i}", c
            if c.target is not None:
                yield f"{where} commitment {i} target", c.target
        for i, a in enumerate(item.age_ranges):
            yield f"{where} age range {i}", a
        for i, u in enumerate(item.responsible_units):
            yield f"{where} unit {i}", u


def span_problems(record: Record):
    """Describe every span whose offsets do not reproduce its text (the contract's invariant)."""
    n = len(record.text)
    for where, span in iter_spans(record):
        if span.end > n:
            yield f"{where}: end {span.end} is past the text's end {n}"
        elif record.text[span.start : span.end] != span.text:
            yield (
                f"{where}: text[{span.start}:{span.end}] is "
                f"{record.text[span.start:span.end]!r}, not {span.text!r}"
            )
    for item in record.items:
        if not (0 <= item.start <= item.end <= n):
            yield f"item {item.id}: span {item.start}:{item.end} is outside the text"
    for i, row in enumerate(record.attachment_rows):
        if not (0 <= row.start <= row.end <= n):
            yield f"attachment row {i}: span {row.start}:{row.end} is outside the text"


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a record, as written by ``policy-extract schema``."""
    schema = Record.model_json_schema(by_alias=True, mode="serialization")
    schema["$id"] = SCHEMA_ID
    return schema
