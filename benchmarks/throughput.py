#!/usr/bin/env python3
"""How fast attrib is, how it scales over cores, and how its memory and worst cases behave.

    python benchmarks/throughput.py              # everything (about 10 minutes on 2 cores)
    python benchmarks/throughput.py --quick      # smaller corpora, about a minute
    python benchmarks/throughput.py --corpus my.jsonl   # your own corpus for the throughput figures
    python benchmarks/throughput.py --write-corpus corpus.jsonl --articles 10000 [--from DIR]

The corpus is made of sentence-shuffled variants of ``samples/`` (see
benchmarks/corpus.py), or of the articles in ``--from DIR``. It prints:

1. start-up: ``attrib analyze`` on one short file, wall time;
2. one process: articles/s and MB/s with the rules loaded (start-up excluded);
3. ``--jobs 1`` against ``--jobs N`` on one corpus through the CLI, and whether
   their outputs are identical;
4. peak memory of ``attrib analyze`` streaming 1,000 and 100,000 articles;
5. the adversarial inputs' time per MB next to ordinary text's.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

import attrib  # noqa: E402
from attrib.batch import default_jobs  # noqa: E402
from attrib.compiled import compiled_modules  # noqa: E402
from attrib.load import Source, iter_sources  # noqa: E402
from attrib.pipeline import analyze_source  # noqa: E402
from attrib.render import analysis_record, jsonl_line  # noqa: E402

# The installed command, as users run it: "python -m attrib" from a checkout's root would import the
# sources there (pure Python) instead of the installed, compiled package.
_SCRIPT = Path(sys.executable).with_name("attrib")
ATTRIB = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "attrib"]
SHORT = corpus.SAMPLES / "06_capital-dispatch_embassy-rockets-2023.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller corpora and inputs")
    parser.add_argument("--corpus", type=Path, help="a JSON Lines corpus for the throughput and scaling figures")
    parser.add_argument("--from", dest="source", type=Path, help="build the corpus from the articles in DIR")
    parser.add_argument("--jobs", type=int, default=default_jobs(), help="N for --jobs N (default: the cores)")
    parser.add_argument("--write-corpus", type=Path, help="only write a synthetic corpus here, and stop")
    parser.add_argument("--articles", type=int, default=10_000, help="articles in the scaling corpus")
    parser.add_argument("--skip", nargs="*", default=[], choices=["startup", "single", "scaling", "memory",
                                                                   "adversarial"], help="parts to leave out")
    args = parser.parse_args()
    sources = corpus.read_sources(args.source) if args.source else corpus.read_sources()
    if args.write_corpus:
        size = corpus.write_jsonl(args.write_corpus, args.articles, sources)
        print(f"{args.articles:,} articles, {size / 1e6:.1f} MB of text -> {args.write_corpus}")
        return
    quick = args.quick
    with tempfile.TemporaryDirectory(prefix="attrib-bench-") as tmp:
        work = Path(tmp)
        scaling = args.corpus or _corpus(work, "scaling.jsonl", 1_000 if quick else args.articles, sources)
        compiled = compiled_modules()
        print(f"attrib {attrib.__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} cores, "
              f"compiled with mypyc: {f'yes ({len(compiled)} modules)' if compiled else 'no'}, "
              f"corpus {scaling} ({_count(scaling):,} articles)\n")
        ordinary = None
        if "startup" not in args.skip:
            startup()
        if "single" not in args.skip:
            ordinary = single(scaling, 500 if quick else 3_000)
        if "scaling" not in args.skip:
            jobs_scaling(scaling, args.jobs)
        if "memory" not in args.skip:
            small, large = (1_000, 10_000) if quick else (1_000, 100_000)
            memory(work, sources, small, large)
        if "adversarial" not in args.skip:
            adversarial(sources, 0.1 if quick else 1.0, ordinary)


def _corpus(work: Path, name: str, n: int, sources: list[corpus.Source]) -> Path:
    path = work / name
    corpus.write_jsonl(path, n, sources)
    return path


def _count(path: Path) -> int:
    with open(path, "rb") as f:
        return sum(1 for line in f if line.strip())


def startup() -> None:
    times = []
    for _ in range(7):
        started = time.perf_counter()
        subprocess.run([*ATTRIB, "analyze", "--format", "jsonl", "-q", str(SHORT)], check=True,
                       stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    print(f"1. start-up: attrib analyze on one short file: {statistics.median(times):.2f} s (median of 7, "
          f"best {min(times):.2f} s)\n")


def single(path: Path, limit: int) -> float:
    """Articles/s in this process, the rules loaded; returns seconds per MB.

    One pass over articles it has not seen, after a warm-up on others: what a
    long run sees, with caches neither cold nor primed by the very same text.
    """
    registry = attrib.load_rules()
    sources = [s for s, _ in zip(iter_sources([str(path)]), range(limit + 100))]
    warm, sources = sources[:100], sources[100:]
    for source in warm:
        analyze_source(source, registry)
    megabytes = sum(len(s.text.encode("utf-8")) for s in sources if s.text) / 1e6
    wall, cpu = time.perf_counter(), time.process_time()
    for source in sources:
        jsonl_line(analysis_record(_analysis(source, registry)))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"2. one process, start-up excluded, {len(sources):,} articles of {megabytes * 1e6 / len(sources):,.0f} "
          f"bytes on average, one pass:")
    print(f"   {len(sources) / wall:,.0f} articles/s, {megabytes / wall:.2f} MB/s "
          f"(CPU time: {len(sources) / cpu:,.0f} articles/s, {megabytes / cpu:.2f} MB/s)\n")
    return wall / megabytes


def _analysis(source: Source, registry):
    outcome = analyze_source(source, registry)
    assert outcome.analysis is not None, outcome.error
    return outcome.analysis


def jobs_scaling(path: Path, jobs: int) -> None:
    results = {}
    for n in sorted({1, jobs}):
        started = time.perf_counter()
        done = subprocess.run([*ATTRIB, "analyze", "--format", "jsonl", "-q", "--jobs", str(n), str(path)],
                              check=False, capture_output=True)
        elapsed = time.perf_counter() - started
        results[n] = (elapsed, hashlib.sha256(done.stdout).hexdigest(), done.stdout.count(b"\n"))
    base = results[1][0]
    print(f"3. the CLI on {path.name} ({results[1][2]:,} articles), wall time including start-up:")
    for n, (elapsed, digest, lines) in results.items():
        print(f"   --jobs {n}: {elapsed:6.1f} s, {lines / elapsed:,.0f} articles/s, "
              f"{base / elapsed:.2f}x --jobs 1, output sha256 {digest[:16]}")
    same = len({digest for _, digest, _ in results.values()}) == 1
    print(f"   outputs identical: {'yes' if same else 'NO'}\n")


def memory(work: Path, sources: list[corpus.Source], small: int, large: int) -> None:
    print("4. peak memory (maximum resident set) of attrib analyze --format jsonl streaming a JSON Lines corpus:")
    for jobs in (1, default_jobs()):
        peaks = {}
        for n in (small, large):
            path = _corpus(work, f"memory-{n}.jsonl", n, sources)
            peaks[n] = _peak_rss([*ATTRIB, "analyze", "--format", "jsonl", "-q", "--jobs", str(jobs), str(path)])
            path.unlink()
        print(f"   --jobs {jobs}: {small:,} articles {peaks[small] / 1024:.0f} MB, {large:,} articles "
              f"{peaks[large] / 1024:.0f} MB ({peaks[large] / peaks[small]:.2f}x)")
        if jobs == default_jobs():
            break
    print()


# Run by a fresh, small interpreter: a child forked from this (large) process would report this
# process's memory as its own peak, since the peak survives exec.
_MEASURE = """
import os, subprocess, sys
process = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(process.pid, 0)
print(usage.ru_maxrss)
sys.exit(os.waitstatus_to_exitcode(status))
"""


def _peak_rss(command: list[str]) -> int:
    """Peak RSS in KB of a command, or of the largest of the processes it waited for (its workers)."""
    done = subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True)
    return int(done.stdout.split()[-1])


def adversarial(sources: list[corpus.Source], scale: float, ordinary: float | None) -> None:
    registry = attrib.load_rules()
    if ordinary is None:
        ordinary = single_ordinary(registry, sources)
    print(f"5. worst cases, in one process (ordinary text: {ordinary:.2f} s/MB):")
    for name, text in corpus.adversarial(scale, sources).items():
        size = len(text.encode("utf-8")) / 1e6
        started = time.perf_counter()
        _analysis(Source(name, text=text), registry)
        elapsed = time.perf_counter() - started
        print(f"   {name:17s} {size:5.2f} MB {elapsed:6.2f} s  {elapsed / size:5.2f} s/MB  "
              f"{elapsed / size / ordinary:4.1f}x ordinary text")


def single_ordinary(registry, sources: list[corpus.Source]) -> float:
    records = list(corpus.records(300, sources))
    text = [Source(r["id"], text=r["text"]) for r in records]
    started = time.perf_counter()
    for source in text:
        _analysis(source, registry)
    return (time.perf_counter() - started) / (sum(len(r["text"].encode()) for r in records) / 1e6)


if __name__ == "__main__":
    main()
