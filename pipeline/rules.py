"""Loading the rule files of ``rules/``: TOML validated by pydantic models at load time.

Each extractor owns the model of its file; this module only finds the folder, parses the
TOML and turns a validation failure into one message naming the file, the rule id and the
field, which is what a person editing a rules file needs.
"""

from __future__ import annotations

import tomllib
from functools import cached_property
from operator import attrgetter
from pathlib import Path
from typing import Any, TypeVar

import regex
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import RuleFileError

M = TypeVar("M", bound=BaseModel)

RULE_ID = r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$"


class Rule(BaseModel):
    """Base of every rule: an id that shows up in the output and a note for people."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    id: str = Field(pattern=RULE_ID)
    note: str = ""


class RuleFile(BaseModel):
    # (schemas are built when a file is first validated: a run whose rules come from the cache of
    # validated rules, pipeline.rulecache, never builds them)
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def compiled(path: str) -> cached_property:
    """A pattern of a rule file, compiled once on first use: ``x_re = compiled("structure.x")``."""
    read = attrgetter(path)

    def compile_(self: Any) -> regex.Pattern[str]:
        return regex.compile(read(self))

    prop = cached_property(compile_)
    prop.rule_path = path  # type: ignore[attr-defined]  # checked by load_rule_file
    return prop


def _compile_patterns(model: BaseModel, path: Path) -> list[str]:
    """Compile every ``compiled`` pattern of a loaded file now, so a bad one fails at load; one line each."""
    problems = []
    for name in dir(type(model)):
        prop = getattr(type(model), name, None)
        if isinstance(prop, cached_property) and hasattr(prop, "rule_path"):
            try:
                getattr(model, name)
            except regex.error as exc:
                problems.append(f"{path}: field {prop.rule_path!r}: not a valid pattern: {exc}")
    for name in type(model).model_fields:
        value = getattr(model, name)
        for child in value if isinstance(value, list) else [value]:
            if isinstance(child, BaseModel):
                problems.extend(_compile_patterns(child, path))
    return problems


def default_rules_dir() -> Path:
    """The rules shipped with the package (installed), or the checkout's ``rules/``."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "rules", here.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise RuleFileError(f"no rules folder next to {here}")


def _describe(exc: ValidationError, data: dict[str, Any], path: Path) -> str:
    lines = []
    for err in exc.errors():
        loc = list(err["loc"])
        where = ".".join(str(x) for x in loc)
        rule_id = None
        node: Any = data
        for part in loc:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                break
            if isinstance(node, dict) and "id" in node:
                rule_id = node["id"]
        field = loc[-1] if loc else "?"
        rid = f"rule {rule_id!r}" if rule_id else f"at {where}"
        lines.append(f"{path}: {rid}, field {field!r}: {err['msg']}")
    return "\n".join(lines)


def load_rule_file(name: str, model: type[M], rules_dir: Path | None = None) -> M:
    """Parse and validate ``rules_dir/name`` against ``model``; ids must be unique.

    Every problem of the file is found before it is refused, one line each.
    """
    path = (rules_dir or default_rules_dir()) / name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RuleFileError(f"{path}: rules file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise RuleFileError(f"{path}: not valid TOML: {exc}") from None
    try:
        loaded = model.model_validate(data)
    except ValidationError as exc:
        raise RuleFileError(_describe(exc, data, path)) from None
    problems = _compile_patterns(loaded, path)
    seen: set[str] = set()
    for rule in _iter_rules(loaded):
        if rule.id in seen:
            problems.append(f"{path}: rule {rule.id!r} is defined twice")
        seen.add(rule.id)
    if problems:
        raise RuleFileError("\n".join(dict.fromkeys(problems)))
    return loaded


def _iter_rules(obj: Any):
    if isinstance(obj, Rule):
        yield obj
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from _iter_rules(getattr(obj, name))
    elif isinstance(obj, (list, tuple)):
        for x in obj:
            yield from _iter_rules(x)
    elif isinstance(obj, dict):
        for x in obj.values():
            yield from _iter_rules(x)
