"""Benchmark of ``policy-extract extract``: throughput, start-up, memory, against jieba.lcut.

    python bench/bench.py                      # 5 MB corpus, 1 and N workers, all figures
    python bench/bench.py --size 20MB --workers 4 --flat 0 --repeat 1

Builds a corpus of the requested size from ``corpus/`` into ``bench/data/`` (varied: every
notice recombines items from all source notices, renumbers them, renames the place and
changes years and quantities), then prints in one run: end-to-end throughput (MB/s and
notices/s, cold process included) for 1 and N workers, time to the first record of a
one-notice run from a cold process, ``--help`` time, peak memory, ``jieba.lcut``'s throughput
on the same text, both as a whole cold process (import, dictionary load, reading the files:
the ratio the targets use) and with the dictionary loaded beforehand, and the memory-flatness
check (a corpus 20x --size against one of --size, one worker each: the peak may grow by 1.2x
at most).

The package's bytecode is compiled first, as ``pip install`` compiles an installed package's and
as jieba's already is: a checkout run with PYTHONDONTWRITEBYTECODE=1 would otherwise compile
every module in every process (about 0.04 s of each start-up here).
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import itertools
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
OUT = ROOT / "bench" / "out"

ITEM_RE = re.compile(
    r"^[ \t\u3000]*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d{1,2}[、.．）)]|第[一二三四五六七八九十]+件：)"
)
NUMERALS = "一二三四五六七八九"
PLACES = [
    "临河", "东城", "青山", "西湖", "南岗", "北林", "安平", "永和", "长宁", "新华", "石门", "金川",
    "兴隆", "平阳", "丰泽", "玉泉", "清河", "桃源", "龙湖", "和平", "宝山", "云溪", "白塔", "鹤山",
]  # fmt: skip
SOURCE_SUFFIXES = {".txt", ".docx", ".html", ".htm", ".pdf"}
UNIT_AFTER = "所个处场人户名万件条次家支期批座项"


# --------------------------------------------------------------------------------------------
# Corpus


@dataclass
class Source:
    head: str  # up to the first item
    items: list[str]  # item paragraphs without their number
    tail: str  # closing paragraph, signature, attachment
    place: str  # the issuing place's name, e.g. 博山


def parse_source(text: str) -> Source | None:
    """Split a notice at its list of entries; None when it has fewer than two."""
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if ITEM_RE.match(line)]
    if len(starts) < 2:
        return None
    end = starts[-1] + 1
    while end < len(lines) and lines[end].strip():
        end += 1
    bounds = [*starts, end]
    items = [
        ITEM_RE.sub("", "\n".join(lines[a:b]).rstrip(), count=1).strip()
        for a, b in itertools.pairwise(bounds)
    ]
    head, tail = "\n".join(lines[: starts[0]]), "\n".join(lines[end:])
    match = re.search(
        r"(?m)^[ \t\u3000]*([\u4e00-\u9fff]{2})[区县市](?:人民政府|妇女儿童|妇儿工委|卫生健康)", head
    )
    return Source(head, [i for i in items if len(i) >= 30], tail, match.group(1) if match else "")


def chinese_number(n: int) -> str:
    if n < 10:
        return NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else NUMERALS[tens - 1]) + "十" + (NUMERALS[ones - 1] if ones else "")


def vary_numbers(text: str, rng: random.Random, year: int) -> str:
    """New years and quantities; ages, phone numbers and dates other than the year kept as they are."""
    text = re.sub(r"20[12]\d(?=年|〕|\)|）)", str(year), text)

    def quantity(m: re.Match) -> str:
        n = int(m.group(1))
        if m.group(2) == "%":
            return f"{rng.randint(max(1, n - 20), min(100, n + 10))}%"
        return f"{max(1, int(n * rng.uniform(0.5, 3.0)))}{m.group(2)}"

    return re.sub(rf"(?<![\d.])(\d{{1,5}})([%{UNIT_AFTER}])", quantity, text)


def make_notice(sources: list[Source], pool: list[str], rng: random.Random) -> str:
    base = rng.choice(sources)
    items = rng.sample(pool, k=min(len(pool), rng.randint(6, 14)))
    body = "\n".join(f"{chinese_number(i)}、{item}" for i, item in enumerate(items, 1))
    text = f"{base.head}\n{body}\n{base.tail}"
    if base.place:
        text = text.replace(base.place, rng.choice(PLACES))
    return vary_numbers(text, rng, rng.randint(2019, 2026))


def build_corpus(size: int, seed: int = 0, source_dir: Path = ROOT / "corpus") -> Path:
    """``bench/data/corpus-<size>-<seed>/``, built once and reused while the sources do not change."""
    from pipeline.errors import PolicyExtractError
    from pipeline.reader import read_document

    texts = []
    for path in sorted(p for p in source_dir.iterdir() if p.suffix.lower() in SOURCE_SUFFIXES):
        with contextlib.suppress(PolicyExtractError):
            texts.append(read_document(path).text)
    stamp = json.dumps({"size": size, "seed": seed, "sources": [len(t) for t in texts], "v": 2})
    folder = DATA / f"corpus-{size}-{seed}"
    if (folder / "STAMP").exists() and (folder / "STAMP").read_text() == stamp:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    sources = [s for s in map(parse_source, texts) if s is not None]
    pool = [item for s in sources for item in s.items]
    rng = random.Random(seed)
    total, n = 0, 0
    while total < size:
        data = make_notice(sources, pool, rng).encode("utf-8")
        (folder / f"n{n:06d}.txt").write_bytes(data)
        total += len(data)
        n += 1
    (folder / "STAMP").write_text(stamp)
    return folder


def corpus_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.txt"))


# --------------------------------------------------------------------------------------------
# Measurements


def command() -> list[str]:
    """The installed command as a user runs it; the module when the command runs another checkout.

    The script is taken from this interpreter's scripts folder, where pip put it: a version
    manager's wrapper found first on PATH (a pyenv shim is a shell script that runs
    ``pyenv exec``) would add its own start-up, about 0.06 s here, to every figure.
    """
    import importlib.util
    import sysconfig

    beside = Path(sysconfig.get_path("scripts")) / "policy-extract"
    script = str(beside) if beside.is_file() else shutil.which("policy-extract")
    spec = importlib.util.find_spec("pipeline")
    ours = spec is not None and spec.origin is not None and Path(spec.origin).resolve().is_relative_to(ROOT)
    return [script] if script and ours and _script_runs_here(script) else [sys.executable, "-m", "pipeline"]


def _script_runs_here(script: str) -> bool:
    """Whether the installed command imports this checkout's ``pipeline`` (not another install's)."""
    probe = subprocess.run(
        [sys.executable, "-c", "import pipeline, sys; print(pipeline.__file__)"],
        cwd="/",
        capture_output=True,
        text=True,
        check=False,
    )
    return probe.returncode == 0 and Path(probe.stdout.strip()).resolve().is_relative_to(ROOT)


_RUN_AND_MEASURE = """
import json, resource, sys, time
t0 = time.perf_counter()
from pipeline import cli, engines
engines.get_extractor(engines.ExtractorSpec())  # what the run does first: timed apart as start-up
t1 = time.perf_counter()
code = cli.main(sys.argv[2:])
t2 = time.perf_counter()
own = resource.getrusage(resource.RUSAGE_SELF)
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
# ru_maxrss keeps the peak of the process that spawned this one (Linux keeps it across exec);
# the high-water mark of this process's own memory is VmHWM
peak_kb = own.ru_maxrss
try:
    with open("/proc/self/status") as status:
        peak_kb = next(int(l.split()[1]) for l in status if l.startswith("VmHWM:"))
except (OSError, StopIteration, ValueError):
    pass
with open(sys.argv[1], "w") as fh:
    json.dump({"code": code, "startup": t1 - t0, "extract": t2 - t1,
               "parent_kb": peak_kb, "worker_kb": kids.ru_maxrss,
               "parent_cpu": own.ru_utime + own.ru_stime, "worker_cpu": kids.ru_utime + kids.ru_stime}, fh)
"""


@dataclass
class Run:
    seconds: float  # the whole cold process, as a user waits for it
    startup: float  # imports, rules, dictionary load and warm-up, before the first notice
    extract: float  # the rest: reading, extracting, writing
    parent_mb: float
    worker_mb: float
    parent_cpu: float
    worker_cpu: float
    records: int
    total_pss_mb: float | None = None  # all processes together, shared pages split among them (Linux)

    @property
    def peak_mb(self) -> float:
        return max(self.parent_mb, self.worker_mb)


def run_extract(folder: Path, workers: int, tag: str) -> Run:
    """One cold ``extract`` process over ``folder``: times, CPU and the largest process's peak RSS."""
    OUT.mkdir(parents=True, exist_ok=True)
    out, stats = OUT / f"{tag}.jsonl", OUT / f"{tag}.stats.json"
    argv = ["extract", str(folder), "-o", str(out), "--workers", str(workers), "-q"]
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", _RUN_AND_MEASURE, str(stats), *argv], cwd=ROOT)
    total_pss = 0.0
    while proc.poll() is None:
        total_pss = max(total_pss, tree_pss_mb(proc.pid))
        time.sleep(0.2)
    seconds = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"extract failed with status {proc.returncode}")
    info = json.loads(stats.read_text())
    with open(out, "rb") as fh:
        records = sum(1 for _ in fh)
    return Run(
        seconds=seconds,
        startup=info["startup"],
        extract=info["extract"],
        parent_mb=info["parent_kb"] / 1024,
        worker_mb=info["worker_kb"] / 1024,
        parent_cpu=info["parent_cpu"],
        worker_cpu=info["worker_cpu"],
        records=records,
        total_pss_mb=total_pss or None,
    )


def tree_pss_mb(pid: int) -> float:
    """Proportional set size of a process and its children, in MB; 0 where /proc cannot tell."""
    total = 0.0
    pids = [pid]
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            pids += [int(c) for c in (task / "children").read_text().split()]
    except OSError:
        return 0.0
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) / 1024
        except (OSError, ValueError):
            pass
    return total


def best_run(folder: Path, workers: int, tag: str, repeats: int) -> Run:
    """The fastest of ``repeats`` runs: other work on the machine only ever slows a run down."""
    return min((run_extract(folder, workers, tag) for _ in range(repeats)), key=lambda r: r.seconds)


def time_to_first_record(path: Path, repeats: int = 3) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        proc = subprocess.Popen(
            [*command(), "extract", str(path), "-o", "-", "-q"], cwd=ROOT, stdout=subprocess.PIPE
        )
        assert proc.stdout is not None
        proc.stdout.readline()
        times.append(time.perf_counter() - start)
        proc.stdout.read()
        proc.wait()
    return statistics.median(times)


def help_time(repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run([*command(), "--help"], cwd=ROOT, stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


_JIEBA_PROCESS = """
import sys, time
import jieba
jieba.setLogLevel(60)
if sys.argv[1] == "loaded":
    jieba.initialize()
paths = [p for p in sys.stdin.read().split("\\n") if p]
if sys.argv[1] == "loaded":
    texts = []
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            texts.append(fh.read())
    start = time.perf_counter()
    for text in texts:
        jieba.lcut(text)
    print(time.perf_counter() - start)
else:
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            jieba.lcut(fh.read())
"""


def jieba_process_rate(files: list[Path], repeats: int) -> tuple[float, float, float]:
    """jieba.lcut over the same notices as one cold process (import, dictionary, files), best run:
    (MB/s, seconds, CPU seconds)."""
    import resource

    size = sum(f.stat().st_size for f in files)
    listing = "\n".join(str(f) for f in files)
    times, cpus = [], []
    for _ in range(repeats):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", _JIEBA_PROCESS, "cold"], input=listing, text=True, check=True)
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return size / min(times) / 1e6, min(times), min(cpus)


def jieba_rate(files: list[Path]) -> tuple[float, float]:
    """jieba.lcut over the same notices, dictionary loaded and files read beforehand: (MB/s, seconds).

    In a process of its own: a child forked from a process that holds jieba's dictionary would
    report that process's memory as its own peak.
    """
    size = sum(f.stat().st_size for f in files)
    listing = "\n".join(str(f) for f in files)
    done = subprocess.run(
        [sys.executable, "-c", _JIEBA_PROCESS, "loaded"], input=listing, text=True, capture_output=True, check=True
    )
    seconds = float(done.stdout.split()[-1])
    return size / seconds / 1e6, seconds


def parse_size(text: str) -> int:
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([kKmMgG]?)[bB]?", text.strip())
    if not m:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 5MB, 500kB)")
    factor = {"": 1, "k": 10**3, "m": 10**6, "g": 10**9}[m.group(2).lower()]
    return int(float(m.group(1)) * factor)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--size", type=parse_size, default=parse_size("5MB"), help="corpus size (default 5MB)"
    )
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="N for the N-worker run")
    parser.add_argument(
        "--flat",
        type=parse_size,
        default=None,
        help="1x size of the memory check (default: --size), 0 to skip",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3, help="cold runs per figure, the best is shown")
    args = parser.parse_args(argv)
    if args.flat is None:
        args.flat = args.size

    compileall.compile_dir(ROOT / "pipeline", quiet=1)  # as an installed package has it
    folder = build_corpus(args.size, args.seed)
    files = corpus_files(folder)
    size = sum(f.stat().st_size for f in files)
    print(
        f"corpus: {len(files)} notices, {size / 1e6:.2f} MB in {folder.relative_to(ROOT)} (seed {args.seed})"
    )
    print(
        f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
        f"load average {os.getloadavg()[0]:.2f} before the runs"
    )

    jieba_mbs, jieba_s, jieba_cpu = jieba_process_rate(files, args.repeat)
    loaded_mbs, _ = jieba_rate(files)
    print(
        f"jieba.lcut: {jieba_mbs:.2f} MB/s, {jieba_s:.2f} s ({jieba_cpu:.2f} CPU s) as a cold process (best of {args.repeat}; "
        f"{loaded_mbs:.2f} MB/s with the dictionary loaded beforehand)"
    )
    print(f"extract (best of {args.repeat} cold runs each; ratios against the cold jieba.lcut process):")
    runs = {}
    for workers in sorted({1, args.workers}):
        run = runs[workers] = best_run(folder, workers, f"w{workers}", args.repeat)
        mbs = size / run.seconds / 1e6
        print(
            f"  {workers} worker{'s' if workers > 1 else ' '}: {mbs:5.2f} MB/s, {len(files) / run.seconds:6.1f} notices/s, "
            f"{run.seconds:5.2f} s = {mbs / jieba_mbs:.2f}x jieba.lcut; after start-up ({run.startup:.2f} s): "
            f"{size / run.extract / 1e6:5.2f} MB/s = {size / run.extract / 1e6 / loaded_mbs:.2f}x jieba.lcut loaded"
        )
        print(
            f"             peak RSS {run.peak_mb:.0f} MB (main {run.parent_mb:.0f}, largest worker {run.worker_mb:.0f}), "
            f"all processes {run.total_pss_mb or 0:.0f} MB PSS; "
            f"CPU main {run.parent_cpu:.2f} s, workers {run.worker_cpu:.2f} s "
            f"({size / run.worker_cpu / 1e6:.2f} MB per worker CPU-second); {run.records} records"
        )
        print(
            f"             CPU time, all processes: {run.parent_cpu + run.worker_cpu:.2f} s = "
            f"{jieba_cpu / (run.parent_cpu + run.worker_cpu):.2f}x jieba.lcut's cold process "
            "(less sensitive to other work on the machine than the wall clock)"
        )
    targets = [
        ("end to end, 1 worker >= 4x jieba.lcut", size / runs[1].seconds / 1e6 / jieba_mbs, 4.0, ">="),
        ("peak memory < 200 MB", max(r.peak_mb for r in runs.values()), 200.0, "<"),
        ("start-up, 1 worker < 0.25 s", runs[1].startup, 0.25, "<"),
    ]
    if args.workers > 1:
        one, many = runs[1], runs[args.workers]
        print(
            f"  {args.workers} workers vs 1: {one.seconds / many.seconds:.2f}x end to end, "
            f"{one.extract / many.extract:.2f}x after start-up"
        )
        per_notice = many.seconds / len(files)
        print(f"  10,000 notices with {args.workers} workers at this rate: {10_000 * per_notice:.1f} s")
        targets.append(
            (f"{args.workers} workers vs 1, end to end >= 1.8x", one.seconds / many.seconds, 1.8, ">=")
        )
        targets.append((f"10,000 notices with {args.workers} workers < 10 s", 10_000 * per_notice, 10.0, "<"))
    first = time_to_first_record(files[0])
    print(f"first record, one notice, cold process: {first:.2f} s")
    helptime = help_time()
    print(f"{' '.join(Path(c).name for c in command())} --help: {helptime:.3f} s")
    targets += [("first record < 0.4 s", first, 0.4, "<"), ("--help < 0.3 s", helptime, 0.3, "<")]
    print(
        f"load average after the runs: {os.getloadavg()[0]:.2f} (other work on the machine skews the figures)"
    )

    if args.flat:
        small, big = build_corpus(args.flat, args.seed), build_corpus(20 * args.flat, args.seed)
        one, twenty = run_extract(small, 1, "flat1"), run_extract(big, 1, "flat20")
        ratio = twenty.peak_mb / one.peak_mb
        print(
            f"memory, 1 worker: {args.flat / 1e6:g} MB corpus peak {one.peak_mb:.0f} MB, "
            f"{20 * args.flat / 1e6:g} MB (20x) peak {twenty.peak_mb:.0f} MB: {ratio:.2f}x"
        )
        targets.append(("memory 20x corpus <= 1.2x of 1x", ratio, 1.2, "<="))

    print("targets:")
    for name, value, limit, op in targets:
        met = {">=": value >= limit, "<": value < limit, "<=": value <= limit}[op]
        print(f"  {'met   ' if met else 'MISSED'} {name}: {value:.3g}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
