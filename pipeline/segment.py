"""Word segmentation for the rules that need words, on a private jieba dictionary.

jieba's module-level tokenizer is shared by every user of jieba in the process; adding the
project's organisation names and domain terms there would change a user's own segmentation.
A :class:`Segmenter` owns a ``jieba.Tokenizer`` of its own, built on first use, so that rule
extraction that never needs words never pays for loading the dictionary.
"""

from __future__ import annotations

import contextlib
import logging
import marshal
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Token:
    text: str
    pos: str
    start: int
    end: int


class Segmenter:
    """A private jieba tokenizer with the project's user words, and part of speech from its dictionary."""

    def __init__(self, user_words: Iterable[tuple[str, int | None, str | None]] = ()) -> None:
        self._user_words = list(user_words)
        self._tokenizer = None
        self._tags: dict[str, str] = {}

    def _load(self) -> None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        tags = dict(_dictionary_tags(tokenizer))
        for word, freq, tag in self._user_words:
            tokenizer.add_word(word, freq, tag)
            if tag:
                tags[word] = tag
        self._tags = tags
        self._tokenizer = tokenizer

    @property
    def tokenizer(self):
        if self._tokenizer is None:
            self._load()
        return self._tokenizer

    def cut(self, text: str) -> list[str]:
        return list(self.tokenizer.cut(text, HMM=True))

    def tag(self, text: str, offset: int = 0) -> list[Token]:
        """Words with part of speech (from jieba's dictionary) and character offsets (``offset`` added)."""
        tokens = []
        pos = offset
        for word in self.tokenizer.cut(text, HMM=True):
            flag = self._tags.get(word) or _guess_tag(word)
            tokens.append(Token(word, flag, pos, pos + len(word)))
            pos += len(word)
        return tokens


def _dictionary_tags(tokenizer) -> dict[str, str]:
    """word → part of speech from the dictionary's third column, cached beside jieba's own cache.

    This is the table ``jieba.posseg`` reads; reading it directly spares importing the
    part-of-speech HMM, and the cache spares parsing the dictionary in every process.
    """
    path = Path(tokenizer.get_dict_file().name)
    stat = path.stat()
    cache = Path(tempfile.gettempdir()) / f"policy-extract.tags.{stat.st_size}.{int(stat.st_mtime)}.marshal"
    with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
        return marshal.loads(cache.read_bytes())
    tags = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3:
                tags[parts[0]] = parts[2]
    with contextlib.suppress(OSError):
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(tags))
        os.replace(tmp, cache)
    return tags


def _guess_tag(word: str) -> str:
    """The tag of a word the dictionary does not know.

    jieba.posseg runs a second HMM over such words, which costs most of its time; the words
    it finds between known ones in these notices are nearly always compound nouns.
    """
    if word.isdigit():
        return "m"
    if word.isascii() and word.isalpha():
        return "eng"
    if not word.isalnum():
        return "x"
    return "n"
