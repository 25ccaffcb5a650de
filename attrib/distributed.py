"""Beyond one machine: the same analysis over a Dask cluster, written as JSON Lines partitions.

Needs the ``dask`` extra (``pip install 'attrib[dask]'``); attrib imports this
module only when it is asked for, so nothing of Dask loads otherwise::

    from dask.distributed import Client
    from attrib.distributed import analyze_bag

    client = Client("tcp://scheduler:8786")  # or Client(LocalCluster()) on one machine
    files = analyze_bag(["corpus/2020.jsonl.gz", "corpus/2021.jsonl.gz"], out_dir="analyses/")

Each input path (a JSON Lines corpus, an article, a directory) becomes one
partition, read by the worker that analyses it, so the paths must be readable
from the workers. A Dask bag of records (dicts with "text" and optionally
"id", "outlet", "date", "url", "title") works too. Each worker loads the rules
once. The partitions are written in input order as ``part-00000.jsonl``, ...
and their concatenation is, byte for byte, what ``attrib analyze --format
jsonl`` prints for the same inputs (error records included).
"""
from __future__ import annotations

import json
import os
import threading
from datetime import date as Date
from typing import Any, Iterable, Sequence

import dask.bag as db

from .batch import _Options, _result
from .load import corpus_lines, iter_sources
from .rules import Registry, load_rules

_registries: dict[tuple[tuple[str, ...], bool], Registry] = {}
_lock = threading.Lock()


def analyze_bag(inputs: Sequence[str | os.PathLike[str]] | db.Bag | Iterable[dict[str, Any]],
                rules_dirs: Sequence[str | os.PathLike[str]] = (), out_dir: str | os.PathLike[str] = "attrib-out",
                *, defaults: bool = True, outlet: str | None = None, date: Date | None = None,
                min_confidence: float = 0.0, partitions: int | None = None, **compute: Any) -> list[str]:
    """Analyse ``inputs`` on the current Dask scheduler and write one JSON Lines file per partition.

    ``inputs`` are paths (one partition each), a Dask bag of records, or an
    iterable of records (split into ``partitions``). ``rules_dirs`` are read by
    every worker, after the shipped rules unless ``defaults`` is false.
    ``compute`` goes to Dask's ``compute`` (``scheduler=...``). Returns the
    paths written, in order.
    """
    options = _Options(outlet, date, min_confidence, "jsonl")
    rules = (tuple(str(d) for d in rules_dirs), defaults)
    if isinstance(inputs, db.Bag):
        bag = inputs.map_partitions(_records_partition, rules, options)
    else:
        items = list(inputs)
        if all(isinstance(item, (str, os.PathLike)) for item in items):
            paths = [str(item) for item in items]
            bag = db.from_sequence(paths, npartitions=max(1, len(paths))).map_partitions(_paths_partition, rules,
                                                                                        options)
        else:
            count = partitions or max(1, min(len(items) // 1000, 256))
            bag = db.from_sequence(items, npartitions=count).map_partitions(_records_partition, rules, options)
    # A local path or any URL fsspec can write ("s3://..."); its directory is made if need be.
    return bag.to_textfiles(str(out_dir).rstrip("/") + "/part-*.jsonl", name_function=lambda i: f"{i:05d}", **compute)


def _registry(rules: tuple[tuple[str, ...], bool]) -> Registry:
    """The rules, loaded once per worker process (threads of a worker share them)."""
    with _lock:
        registry = _registries.get(rules)
        if registry is None:
            registry = _registries[rules] = load_rules(rules[0], defaults=rules[1])
    return registry


def _paths_partition(paths: Iterable[str], rules: tuple[tuple[str, ...], bool], options: _Options) -> list[str]:
    registry = _registry(rules)
    # One string per partition: written as it is, so the files hold exactly the lines attrib prints.
    return ["".join(_result(source, registry, options).encoded or "" for source in iter_sources(list(paths)))]


def _records_partition(records: Iterable[dict[str, Any]], rules: tuple[tuple[str, ...], bool],
                       options: _Options) -> list[str]:
    lines = [json.dumps(record, ensure_ascii=False) for record in records]
    if not lines:
        return [""]  # an empty partition: not an empty corpus to report
    registry = _registry(rules)
    return ["".join(_result(source, registry, options).encoded or "" for source in corpus_lines("records", lines))]
