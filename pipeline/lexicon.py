"""jieba's segmentation without loading jieba: a lexicon compiled once, cached on disk, read lazily.

Targets need words with their part of speech on a few dozen characters around each quantity.
Loading jieba's dictionary (350,000 words, plus every prefix) costs most of a second in every
process, more than extracting a long notice. The lexicon here holds the same words and
frequencies (jieba's dictionary plus the project's private words, added the way
``Tokenizer.add_word`` adds them), jieba's part-of-speech column and the HMM tables it uses for
unknown words, compiled once into one file in the user's cache folder and rebuilt when any
input changes. The file is split into shards by a word's first character; a process decodes a
shard the first time a window holds that character, so start-up reads one file and decodes
nothing. The cut itself is jieba's algorithm (prefix DAG, best route by log frequency, HMM over
runs of unknown single characters), so the words are the ones jieba gives, token for token
(a test checks this against jieba on the corpus).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import marshal
import mmap
import re
import struct
from collections.abc import Iterable, Iterator
from math import log
from pathlib import Path

from .cachefiles import cache_dir, forget_old, write_atomically

FORMAT = 3
_HEAD = struct.Struct("<Q")  # the index's length; the index (marshal) follows, then the shards
UserWord = tuple[str, int | None, str | None]

# jieba's block patterns (jieba/__init__.py and jieba/finalseg/__init__.py, 0.42).
_RE_HAN = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._%\\-]+)")
_RE_SKIP = re.compile("(\r\n|\\s)")
_RE_HMM_HAN = re.compile("([\u4e00-\u9fd5]+)")
_RE_HMM_SKIP = re.compile("([a-zA-Z0-9]+(?:\\.\\d+)?%?)")
_MIN_FLOAT = -3.14e100
_PREV_STATUS = {"B": "ES", "M": "MB", "S": "SE", "E": "BM"}


def _jieba_dir() -> Path:
    """jieba's package folder, found without importing jieba (its import alone costs 0.1-0.5 s)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("jieba is not installed: pip install jieba")
    return Path(next(iter(spec.submodule_search_locations)))


def _inputs_key(user_words: list[UserWord]) -> str:
    """Changes whenever jieba's dictionary or HMM tables, the private words or the format change."""
    folder = _jieba_dir()
    h = hashlib.sha256(f"{FORMAT}\n{folder}\n".encode())
    for name in ("dict.txt", "finalseg/prob_start.py", "finalseg/prob_trans.py", "finalseg/prob_emit.py"):
        st = (folder / name).stat()
        h.update(f"{name} {st.st_size} {st.st_mtime_ns}\n".encode())
    h.update(repr(user_words).encode())
    return h.hexdigest()[:20]


def _build(user_words: list[UserWord]) -> bytes:
    """The lexicon file, computed with jieba itself so that frequencies match it exactly."""
    import logging

    import jieba
    from jieba.finalseg import prob_emit, prob_start, prob_trans

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    tags: dict[str, str] = {}
    with open(tokenizer.get_dict_file().name, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3:
                tags[parts[0]] = parts[2]
    force_split = []
    for word, freq, tag in user_words:
        tokenizer.add_word(word, freq, tag)
        if tag:
            tags[word] = tag
        if freq == 0:
            force_split.append(word)
    # A word's log probability is stored as the cut uses it (log(freq) - log(total), the same
    # float jieba computes), so the cut takes no logarithm; a prefix that is no word stores 0.0.
    logtotal = log(tokenizer.total)
    shards: dict[str, tuple[dict[str, float], dict[str, str]]] = {}
    for word, freq in tokenizer.FREQ.items():
        shard = shards.setdefault(word[0], ({}, {}))
        shard[0][word] = log(freq) - logtotal if freq else 0.0
        if word in tags:
            shard[1][word] = tags[word]
    for word, tag in tags.items():  # tagged words the frequency table lacks keep their tag
        shards.setdefault(word[0], ({}, {}))[1].setdefault(word, tag)
    blobs = [marshal.dumps((prob_start.P, prob_trans.P, prob_emit.P))]
    index: dict[str, tuple[int, int]] = {}
    offset = len(blobs[0])
    for ch, shard in shards.items():
        blob = marshal.dumps(shard)
        index[ch] = (offset, len(blob))
        blobs.append(blob)
        offset += len(blob)
    head = marshal.dumps(
        {
            "format": FORMAT,
            "size": offset,
            "total": tokenizer.total,
            "hmm": (0, len(blobs[0])),
            "index": index,
            "force_split": force_split,
        }
    )
    return _HEAD.pack(len(head)) + head + b"".join(blobs)


def _open(payload: bytes | mmap.mmap) -> tuple[dict, memoryview] | None:
    """The index and the shards' bytes of a lexicon file; None when it is not one of this format."""
    with contextlib.suppress(ValueError, EOFError, TypeError, struct.error):
        (size,) = _HEAD.unpack_from(payload, 0)
        head = marshal.loads(payload[_HEAD.size : _HEAD.size + size])
        blobs = memoryview(payload)[_HEAD.size + size :]
        if isinstance(head, dict) and head.get("format") == FORMAT and head.get("size") == len(blobs):
            return head, blobs
    return None


def _load_or_build(user_words: list[UserWord]) -> tuple[dict, memoryview]:
    """The cached file, mapped (shared by every process, read only where a window needs it)."""
    path = cache_dir() / f"lexicon-{_inputs_key(user_words)}.marshal"
    with contextlib.suppress(OSError, ValueError), open(path, "rb") as fh:
        opened = _open(mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ))
        if opened is not None:
            return opened
    payload = _build(user_words)
    write_atomically(path, payload)
    forget_old(path.parent, keep=8, pattern="lexicon-*.marshal")
    opened = _open(payload)
    assert opened is not None
    return opened


class Lexicon:
    """Words, frequencies and tags of jieba's dictionary plus the private words; cuts like jieba."""

    def __init__(self, user_words: Iterable[UserWord] = ()) -> None:
        head, self._blobs = _load_or_build(list(user_words))
        self._index: dict[str, tuple[int, int]] = head["index"]
        self._unknown = 0.0 - log(head["total"])  # jieba's log(1) - log(total) for a character it lacks
        self._hmm_at: tuple[int, int] = head["hmm"]
        self._hmm: tuple[dict, dict, dict] | None = None
        self._force_split = frozenset(head["force_split"])
        # first character → (word or prefix → log probability, 0.0 for a prefix; word → tag), decoded on demand
        self._shards: dict[str, tuple[dict[str, float], dict[str, str]]] = {}

    def _shard(self, ch: str) -> tuple[dict[str, float], dict[str, str]]:
        shard = self._shards.get(ch)
        if shard is None:
            at = self._index.get(ch)
            shard = self._shards[ch] = marshal.loads(self._blobs[at[0] : at[0] + at[1]]) if at else ({}, {})
        return shard

    def is_word(self, word: str) -> bool:
        """Whether the dictionary holds ``word`` as a word (a mere prefix of words is none)."""
        return bool(self._shard(word[0])[0].get(word))

    def tag_of(self, word: str) -> str | None:
        return self._shard(word[0])[1].get(word)

    def cut(self, sentence: str) -> Iterator[str]:
        """``jieba.Tokenizer.cut(sentence, HMM=True)``, word for word."""
        return iter(self.words(sentence))

    def words(self, sentence: str) -> list[str]:
        """The words of :meth:`cut` as a list."""
        out: list[str] = []
        # a split on a capturing group alternates: text between runs, then a run (of Han, digits...)
        for j, blk in enumerate(_RE_HAN.split(sentence)):
            if j % 2:
                out.extend(self._cut_dag(blk))
            elif blk:
                # the same alternation: text between line ends and spaces (one word per character), then one
                for i, x in enumerate(_RE_SKIP.split(blk)):
                    if i % 2:
                        out.append(x)
                    else:
                        out.extend(x)
        return out

    def _cut_dag(self, sentence: str) -> list[str]:
        shards = self._shards
        n = len(sentence)
        # best route from each position to the end, as jieba's calc over its get_DAG: the best
        # (probability, end) pair, ties going to the longer word as in jieba's max over tuples
        unknown = self._unknown
        prob = [0.0] * (n + 1)
        ends = [0] * (n + 1)
        for k in range(n - 1, -1, -1):
            ch = sentence[k]
            words = (shards.get(ch) or self._shard(ch))[0]
            best = None
            end = k
            i = k
            frag = ch
            while (p := words.get(frag)) is not None:
                if p:
                    q = p + prob[i + 1]
                    if best is None or q >= best:
                        best, end = q, i
                i += 1
                if i == n:
                    break
                frag = sentence[k : i + 1]
            prob[k] = unknown + prob[k + 1] if best is None else best
            ends[k] = end
        out: list[str] = []
        x = 0
        buf = ""
        while x < n:
            y = ends[x] + 1
            if y - x == 1:
                buf += sentence[x]
            else:
                if buf:
                    self._flush(buf, out)
                    buf = ""
                out.append(sentence[x:y])
            x = y
        if buf:
            self._flush(buf, out)
        return out

    def _flush(self, buf: str, out: list[str]) -> None:
        if len(buf) == 1:
            out.append(buf)
        elif not self.is_word(buf):
            out.extend(self._hmm_cut(buf))
        else:
            out.extend(buf)

    def _hmm_cut(self, sentence: str) -> Iterator[str]:
        """jieba.finalseg.cut: the HMM over a run of characters the dictionary does not join."""
        for blk in _RE_HMM_HAN.split(sentence):
            if _RE_HMM_HAN.match(blk):
                for word in self._viterbi_words(blk):
                    if word in self._force_split:
                        yield from word
                    else:
                        yield word
            else:
                for x in _RE_HMM_SKIP.split(blk):
                    if x:
                        yield x

    def _viterbi_words(self, sentence: str) -> Iterator[str]:
        if self._hmm is None:
            at = self._hmm_at
            self._hmm = marshal.loads(self._blobs[at[0] : at[0] + at[1]])
        start_p, trans_p, emit_p = self._hmm
        v = [{y: start_p[y] + emit_p[y].get(sentence[0], _MIN_FLOAT) for y in "BMES"}]
        path = {y: [y] for y in "BMES"}
        for t in range(1, len(sentence)):
            v.append({})
            newpath = {}
            for y in "BMES":
                em_p = emit_p[y].get(sentence[t], _MIN_FLOAT)
                prob, state = max(
                    [(v[t - 1][y0] + trans_p[y0].get(y, _MIN_FLOAT) + em_p, y0) for y0 in _PREV_STATUS[y]]
                )
                v[t][y] = prob
                newpath[y] = [*path[state], y]
            path = newpath
        _, state = max((v[len(sentence) - 1][y], y) for y in "ES")
        pos_list = path[state]
        begin, nexti = 0, 0
        for i, char in enumerate(sentence):
            pos = pos_list[i]
            if pos == "B":
                begin = i
            elif pos == "E":
                yield sentence[begin : i + 1]
                nexti = i + 1
            elif pos == "S":
                yield char
                nexti = i + 1
        if nexti < len(sentence):
            yield sentence[nexti:]
