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

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)

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
    """A quantified commitment; the cue words that set ``comparator`` are outside the span."""

    value: Number
    unit: str = Field(min_length=1)
    comparator: Comparator
    target: Span | None = None
    rule: str | None = RuleId()
    borderline: bool | None = Borderline()


class AgeRange(Span):
    """An age or span of ages; an open end is null."""

    min: Number | None
    max: Number | None
    unit: AgeUnit
    rule: str | None = RuleId()
    borderline: bool | None = Borderline()


class ResponsibleUnit(Span):
    """One organisation named in a responsibility clause; ``name`` has line breaks and spaces removed."""

    name: str = Field(min_length=1)
    role: Role
    rule: str | None = RuleId()
    borderline: bool | None = Borderline()


class Item(_Model):
    """An entry of the notice's list: an ``item`` carries content, a ``section`` only groups."""

    id: str = Field(pattern=r"^[1-9][0-9]*(\.[1-9][0-9]*)*$")
    kind: Kind
    level: int = Field(ge=1)
    parent: str | None
    number: str | None
    heading: Span
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    commitments: list[Commitment] = Field(default_factory=list)
    age_ranges: list[AgeRange] = Field(default_factory=list)
    responsible_units: list[ResponsibleUnit] = Field(default_factory=list)
    rule: str | None = RuleId()
    borderline: bool | None = Borderline()


class AttachmentRow(_Model):
    """One data row of the progress table that closes many notices."""

    number: int
    name: str
    units: list[str] = Field(default_factory=list)
    cells: dict[str, str] = Field(default_factory=dict)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    rule: str | None = RuleId()
    borderline: bool | None = Borderline()


class Meta(_Model):
    title: str | None = None
    doc_number: str | None = None
    issuer: str | None = None
    date: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    year: int | None = None


class Source(_Model):
    path: str
    format: str
    encoding: str | None = None
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


class Warning(_Model):
    """Something a user should know; ``code`` is stable, ``message`` is for people."""

    code: str
    message: str


class Record(_Model):
    """One notice: the contract's record (schema ``policy-extract/record/1``)."""

    schema_: Literal["policy-extract/record/1"] = Field(default=SCHEMA_ID, alias="schema")
    doc_id: str
    source: Source
    text: str
    meta: Meta = Field(default_factory=Meta)
    items: list[Item] = Field(default_factory=list)
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
