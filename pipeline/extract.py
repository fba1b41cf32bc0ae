"""One notice in, one validated record out: the per-notice function every engine calls.

read → normalise → split into entries → find spans → resolve values → record → validate.
An :class:`Extractor` holds what is loaded once per process (rules, the private jieba
dictionary) and nothing about any one notice, so it can be shared by a worker for a whole run.
"""

from __future__ import annotations

from pathlib import Path

from .reader import Document, read_document
from .record import Record, Source


class Extractor:
    def __init__(self, rules_dir: str | Path | None = None) -> None:
        from .ruleset import RuleSet

        self.rules = RuleSet.load(Path(rules_dir) if rules_dir else None)

    def extract(self, doc: Document) -> Record:
        from .assemble import build_record

        source = Source(path=doc.path, format=doc.format, encoding=doc.encoding, sha256=doc.sha256)
        return build_record(doc.text, doc_id=doc.doc_id, source=source, warnings=list(doc.warnings), rules=self.rules)

    def extract_path(self, path: str | Path, *, doc_id: str | None = None) -> Record:
        return self.extract(read_document(path, doc_id=doc_id))
