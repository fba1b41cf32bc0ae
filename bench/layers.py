"""Where one worker's time goes, by layer: Python bytecode, the ``regex`` module, pydantic-core,
the interpreter's own C functions; and the bound that sets on any rewrite of the Python code.

    pip install py-spy
    python bench/layers.py                 # the bench corpus of bench.py (5 MB), built if missing
    python bench/layers.py --notices 300   # a faster look

The extractor runs over the bench corpus in one process, as a worker does after start-up,
sampled by ``py-spy --native`` (a sampling profiler: unlike cProfile it adds no cost per Python
call, so the layers keep their proportions; it pauses the process for each native stack, so the
sampled run takes longer than the plain one, whose time the shares are applied to). Each sample is filed under the layer of its
innermost frame below the last Python one. ``jieba.lcut`` runs over the same text as a cold
process, as bench.py measures it, so the bound is a ratio on the same footing as bench.py's.

The bound: were every Python line free, a worker would still spend the time of the C layers it
calls (the rules' regular expressions, the record's validation and serialisation, string and dict
operations). Those seconds against ``jieba.lcut``'s give the best ratio any compiled rewrite of
the Python code could reach while the rules stay the patterns they are.
"""

from __future__ import annotations

import argparse
import collections
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import build_corpus, corpus_files, jieba_process_rate, parse_size

ROOT = Path(__file__).resolve().parent.parent

_RUN = """
import sys, time
from pipeline.engines import ExtractorSpec, get_extractor, process_notice
paths = [p for p in sys.stdin.read().split("\\n") if p]
extractor = get_extractor(ExtractorSpec())
start = time.perf_counter()
for path in paths:
    process_notice(extractor, path)
print(time.perf_counter() - start)
"""

def layer_of(native: list[str]) -> str:
    """The layer of one sample from the native frames under its innermost Python frame."""
    if not native:
        return "Python bytecode"
    joined = ";".join(native)
    if "_regex" in joined:
        return "regex"
    if "pydantic" in joined or ".rs:" in joined:
        return "pydantic-core"
    return "interpreter's C functions"


def shares(raw: Path) -> tuple[collections.Counter[str], int]:
    """Samples per layer inside ``process_notice`` (start-up and reading the list left out)."""
    counts: collections.Counter[str] = collections.Counter()
    for line in raw.read_text(encoding="utf-8").splitlines():
        stack, _, n = line.rpartition(" ")
        if "process_notice" not in stack or not n.isdigit():
            continue
        frames = stack.split(";")
        python = [i for i, f in enumerate(frames) if ".py:" in f]
        counts[layer_of(frames[python[-1] + 1 :] if python else frames)] += int(n)
    return counts, sum(counts.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=parse_size, default=parse_size("5MB"), help="bench corpus size (default 5MB)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--notices", type=int, default=0, help="only the first N notices (default: all)")
    parser.add_argument("--rate", type=int, default=250, help="py-spy samples per second")
    args = parser.parse_args(argv)
    spy = shutil.which("py-spy")
    if spy is None:
        print("layers.py needs py-spy: pip install py-spy", file=sys.stderr)
        return 2
    files = corpus_files(build_corpus(args.size, args.seed))
    if args.notices:
        files = files[: args.notices]
    size = sum(f.stat().st_size for f in files)
    listing = "\n".join(str(f) for f in files)
    _, jieba_s, _ = jieba_process_rate(files, 1)
    plain = subprocess.run([sys.executable, "-c", _RUN], input=listing, text=True, capture_output=True, check=True)
    seconds = float(plain.stdout.split()[-1])
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "samples.txt"
        started = time.perf_counter()
        done = subprocess.run(
            [spy, "record", "--native", "-r", str(args.rate), "-f", "raw", "-o", str(raw),
             "--", sys.executable, "-c", _RUN],
            input=listing, text=True, capture_output=True, check=False, env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        sampled = time.perf_counter() - started
        if not raw.is_file():
            print(f"py-spy failed: {done.stderr.strip()}", file=sys.stderr)
            return 1
        counts, total = shares(raw)
    if not total:
        print("py-spy took no samples inside the extractor", file=sys.stderr)
        return 1
    print(f"{len(files)} notices, {size / 1e6:.2f} MB; extraction after start-up {seconds:.2f} s "
          f"({size / seconds / 1e6:.2f} MB/s); under py-spy {sampled:.1f} s, {total} samples")
    print(f"jieba.lcut, cold process, same files: {jieba_s:.2f} s; extraction = {jieba_s / seconds:.2f}x jieba.lcut")
    for name, n in counts.most_common():
        print(f"  {name:28} {n / total:6.1%}  {seconds * n / total:6.2f} s")
    c_layers = total - counts["Python bytecode"]
    floor = seconds * c_layers / total
    print(f"C layers alone: {floor:.2f} s; were every Python line free: {jieba_s / floor:.2f}x jieba.lcut at best")
    regex_s = seconds * counts["regex"] / total
    print(f"the rules' regular expressions alone: {regex_s:.2f} s = {jieba_s / regex_s:.2f}x jieba.lcut at best")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
