"""Word segmentation for the rules that need words, on a private jieba dictionary.

jieba's module-level tokenizer is shared by every user of jieba in the process; adding the
project's organisation names and domain terms there would change a user's own segmentation.
A :class:`Segmenter` owns a ``jieba.Tokenizer`` of its own, built on first use, so that rule
extraction that never needs words never pays for loading the dictionary.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Token:
    text: str
    pos: str
    start: int
    end: int


class Segmenter:
    """A private jieba tokenizer (and part-of-speech tagger) with the project's user words."""

    def __init__(self, user_words: Iterable[tuple[str, int | None, str | None]] = ()) -> None:
        self._user_words = list(user_words)
        self._tokenizer = None
        self._posseg = None

    def _load(self) -> None:
        import jieba
        import jieba.posseg

        jieba.setLogLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        for word, freq, tag in self._user_words:
            tokenizer.add_word(word, freq, tag)
        self._tokenizer = tokenizer
        self._posseg = jieba.posseg.POSTokenizer(tokenizer)

    @property
    def tokenizer(self):
        if self._tokenizer is None:
            self._load()
        return self._tokenizer

    def cut(self, text: str) -> list[str]:
        return list(self.tokenizer.cut(text, HMM=True))

    def tag(self, text: str, offset: int = 0) -> list[Token]:
        """Words with part of speech (from jieba's dictionary) and character offsets (``offset`` added)."""
        if self._posseg is None:
            self._load()
        tokens = []
        pos = offset
        tags = self._posseg.word_tag_tab
        for word in self._tokenizer.cut(text, HMM=True):
            flag = tags.get(word) or _guess_tag(word)
            tokens.append(Token(word, flag, pos, pos + len(word)))
            pos += len(word)
        return tokens


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
