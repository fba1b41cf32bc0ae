"""Errors a user sees: each names the file, the stage and the reason, never a traceback."""

from __future__ import annotations


class PolicyExtractError(Exception):
    """A failure tied to one input file.

    ``stage`` is one of the contract's stages (read, decode, parse, extract, write) and
    ``error`` a stable name such as ``EmptyFile``, written to the errors JSONL.
    """

    def __init__(self, path: str, stage: str, error: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.stage = stage
        self.error = error
        self.message = message

    def to_json_dict(self) -> dict[str, str]:
        return {"path": self.path, "stage": self.stage, "error": self.error, "message": self.message}


class RuleFileError(Exception):
    """A rules file that does not validate: names the file, the rule id and the field."""
