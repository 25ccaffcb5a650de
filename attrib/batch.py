"""Many articles at once: worker processes, results in input order, memory that stays flat.

``analyze_corpus`` maps the inputs of ``attrib analyze`` (files, directories,
JSON Lines corpora, ``-``) to one :class:`Result` each, in input order, as soon
as each is ready. With ``jobs`` > 1 the articles go in small chunks to a pool
of worker processes, each of which loads the rules once and sends back the
rendered record (and, if asked, its JSON line), so the parent does little
more than read and write. At most a few chunks per worker are in flight, so a
corpus of millions of articles never sits in memory; ``jobs=1`` runs in this
process. The output is the same, byte for byte, whatever ``jobs`` is: every
article is analysed on its own, with nothing carried over from the others.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import traceback
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date as Date
from itertools import chain, islice
from typing import IO, Any, Iterable, Iterator, Sequence

from .errors import message
from .load import Source, iter_sources
from .pipeline import analyze_source
from .render import analysis_record, error_record, jsonl_line
from .rules import Registry, load_rules

CHUNK = 16  # articles per task: large enough to amortise the hand-over, small enough to stream
IN_FLIGHT = 4  # chunks per worker handed out ahead of the one being written
SMALL = 8  # this few articles are done faster in this process than by starting workers


@dataclass(frozen=True)
class Result:
    """One input, analysed and rendered: what ``attrib analyze`` writes and reports."""

    name: str
    # The output contract's object, or an error record; None when ``encode="jsonl"`` asked for
    # the line instead (worker processes then send the parent only the line and the counts).
    record: dict[str, Any] | None
    line: int | None = None  # the input's line in a JSON Lines corpus
    error: str | None = None  # why there is no analysis
    warnings: tuple[str, ...] = ()
    encoded: str | None = None  # the record as a JSON line, when ``encode="jsonl"`` asked for it
    claims: int = 0
    blames: int = 0
    where: str = ""  # where messages point: the file, or corpus.jsonl:LINE for a corpus record
    trace: str | None = None  # the traceback of an internal error met while analysing this input

    @property
    def failed(self) -> bool:
        return self.error is not None


@dataclass(frozen=True)
class _Options:
    outlet: str | None = None
    date: Date | None = None
    min_confidence: float = 0.0
    encode: str | None = None


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def analyze_corpus(paths: Iterable[str], registry: Registry, *, rules_dirs: Sequence[str] = (),
                   defaults: bool = True, jobs: int = 1, outlet: str | None = None, date: Date | None = None,
                   min_confidence: float = 0.0, encode: str | None = None,
                   stdin: IO[bytes] | None = None) -> Iterator[Result]:
    """Analyse every input, yielding results in input order as they are ready.

    ``registry`` is used in this process; worker processes load their own from
    ``rules_dirs`` (and the shipped rules unless ``defaults`` is false), which
    must be the directories ``registry`` came from. ``encode="jsonl"``
    renders each record as its JSON line (``Result.encoded``) in its place.
    """
    options = _Options(outlet, date, min_confidence, encode)
    sources = iter_sources(paths, stdin=stdin)
    if jobs > 1:
        head = list(islice(sources, SMALL))
        sources = chain(head, sources)
        if len(head) < SMALL:
            jobs = 1
    if jobs <= 1:
        for source in sources:
            yield _result(source, registry, options)
        return
    yield from _parallel(sources, jobs, tuple(str(d) for d in rules_dirs), defaults, options)


def _parallel(sources: Iterator[Source], jobs: int, rules_dirs: tuple[str, ...], defaults: bool,
              options: _Options) -> Iterator[Result]:
    # Fresh interpreters rather than forks: the parent may be running a progress bar's thread.
    # An executor rather than a Pool: a worker that dies (killed for memory, say) fails the run
    # with BrokenProcessPool instead of leaving it waiting for ever.
    executor = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_start_worker, initargs=(rules_dirs, defaults, options))
    pending: deque[Future[list[Result]]] = deque()
    try:
        while True:
            chunk = list(islice(sources, CHUNK))
            if chunk:
                pending.append(executor.submit(_work, chunk))
            # Wait for the oldest chunk only when enough are queued, or when nothing is left to send.
            while pending and (len(pending) > jobs * IN_FLIGHT or not chunk):
                yield from pending.popleft().result()
            if not chunk:
                return
    finally:
        # Stopped early (an error, a closed pipe, Ctrl-C): drop the chunks not started.
        executor.shutdown(wait=True, cancel_futures=True)


def _result(source: Source, registry: Registry, options: _Options) -> Result:
    warnings: tuple[str, ...] = ()
    trace = None
    try:
        outcome = analyze_source(source, registry, outlet=options.outlet, date=options.date)
    except Exception as exc:  # noqa: BLE001 - a bug in attrib: reported for this input, the others go on
        error: str | None = message("internal", error=f"{type(exc).__name__}: {exc}")
        trace = traceback.format_exc()
    else:
        error = None if outcome.analysis is not None else outcome.error or "failed"
        warnings = outcome.warnings
    if error is None and outcome.analysis is not None:
        record = analysis_record(outcome.analysis, min_confidence=options.min_confidence)
        counts = (len(record["claims"]), len(record["blames"]))
    else:
        record = error_record(source.name, error or "failed", source.line)
        counts = (0, 0)
    encoded = jsonl_line(record) if options.encode == "jsonl" else None
    return Result(source.name, None if encoded else record, source.line, error, warnings, encoded, *counts,
                  where=source.where, trace=trace)


# ----------------------------------------------------------------- in a worker

_worker: tuple[Registry, _Options] | None = None


def _start_worker(rules_dirs: tuple[str, ...], defaults: bool, options: _Options) -> None:
    global _worker
    # Ctrl-C is the parent's to handle: it stops the workers, which should not print tracebacks.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker = (load_rules(rules_dirs, defaults=defaults), options)


def _work(chunk: list[Source]) -> list[Result]:
    assert _worker is not None, "the pool's initializer loads the rules"
    registry, options = _worker
    return [_result(source, registry, options) for source in chunk]
