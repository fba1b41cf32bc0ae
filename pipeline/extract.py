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
    """Loads the rules once; ``use_spacy`` runs the spaCy components instead of the lean path.

    Both paths call the same find/resolve functions and give identical records; the lean one
    skips segmenting whole notices, which spaCy's tokenizer cannot avoid.
    """

    def __init__(self, rules_dir: str | Path | None = None, *, use_spacy: bool = False) -> None:
        from .ruleset import RuleSet

        self.rules_dir = str(rules_dir) if rules_dir else None
        self.rules = RuleSet.load(Path(rules_dir) if rules_dir else None)
        self.use_spacy = use_spacy
        self._nlp = None

    def extract(self, doc: Document) -> Record:
        source = Source(
            path=doc.path, path_bytes=doc.path_bytes, format=doc.format, encoding=doc.encoding, sha256=doc.sha256
        )
        warnings = list(doc.warnings)
        if self.use_spacy:
            from .components import make_nlp, record_from_doc

            if self._nlp is None:
                self._nlp = make_nlp(self.rules_dir)
            return record_from_doc(self._nlp(doc.text), doc_id=doc.doc_id, source=source, warnings=warnings)
        from .assemble import build_record

        return build_record(doc.text, doc_id=doc.doc_id, source=source, warnings=warnings, rules=self.rules)

    def extract_path(self, path: str | Path, *, doc_id: str | None = None) -> Record:
        return self.extract(read_document(path, doc_id=doc_id))
