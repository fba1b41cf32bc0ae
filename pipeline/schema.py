"""``policy-extract schema``: the record's JSON Schema, generated from the pydantic models."""

from __future__ import annotations

import json
import sys
from pathlib import Path

SCHEMA_FILE = Path(__file__).resolve().parent / "schema" / "record.schema.json"


def schema_text() -> str:
    from .record import json_schema

    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


def main(args=None) -> int:
    sys.stdout.write(schema_text())
    return 0
