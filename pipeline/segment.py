"""Word segmentation for the rules that need words, on a private dictionary.

jieba's module-level tokenizer is shared by every user of jieba in the process; adding the
project's organisation names and domain terms there would change a user's own segmentation.
A :class:`Segmenter` cuts with a lexicon of its own (:mod:`pipeline.lexicon`), opened on first
use, so that rule extraction that never needs words never pays for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from .lexicon import Lexicon


class Token(NamedTuple):
    """A word, its part of speech and its character offsets (a tuple: cheap to make by the thousand)."""

    text: str
    pos: str
    start: int
    end: int


class Segmenter:
    """The project's words on top of jieba's, with part of speech, cut as jieba cuts them.

    The words come from a :class:`~pipeline.lexicon.Lexicon` (jieba's dictionary and the private
    words, compiled once and cached on disk), so jieba's module-level tokenizer is never touched
    and its dictionary is never loaded. A notice repeats its phrases, so the words of each window
    are remembered for the notice being read: :meth:`for_notice` gives a segmenter on the same
    lexicon with an empty memo. (Kept across notices, the memo would make a run's cost depend on
    how much its notices resemble one another; within one notice about half the windows repeat.)
    """

    def __init__(self, user_words: Iterable[tuple[str, int | None, str | None]] = ()) -> None:
        self._user_words = list(user_words)
        self._lexicon: Lexicon | None = None
        self._memo: dict[str, list[Token]] = {}

    def for_notice(self) -> Segmenter:
        """A segmenter for one notice: this one's lexicon (opened once), a memo of its own."""
        view = Segmenter.__new__(Segmenter)
        view._user_words = self._user_words
        view._lexicon = self._lexicon
        view._memo = {}
        view._parent = self
        return view

    _parent: Segmenter | None = None

    @property
    def lexicon(self) -> Lexicon:
        if self._lexicon is None:
            # a notice's segmenter opens the lexicon on its parent, so the next notice finds it open
            self._lexicon = self._parent.lexicon if self._parent is not None else Lexicon(self._user_words)
        return self._lexicon

    def cut(self, text: str) -> list[str]:
        return self.lexicon.words(text)

    def word_across(self, before: str, after: str) -> bool:
        """Whether a dictionary word of ``before + after``, as cut, runs across the join (改扩|建)."""
        pos, at = 0, len(before)
        for word in self.lexicon.words(before + after):
            if pos < at < pos + len(word):
                return self.lexicon.is_word(word)
            pos += len(word)
            if pos >= at:
                return False
        return False

    def tag(self, text: str, offset: int = 0) -> list[Token]:
        """Words with part of speech (from jieba's dictionary) and character offsets (``offset`` added)."""
        tokens = self._memo.get(text)
        if tokens is None:
            lexicon = self.lexicon
            tokens = []
            pos = 0
            for word in lexicon.words(text):
                flag = lexicon.tag_of(word) or _guess_tag(word)
                tokens.append(Token(word, flag, pos, pos + len(word)))
                pos += len(word)
            self._memo[text] = tokens
        if offset:
            return [Token._make((w, p, a + offset, b + offset)) for w, p, a, b in tokens]
        return list(tokens)


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
