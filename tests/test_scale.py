"""Worst-case inputs take time in proportion to their size (a quadratic loop would take 8 times as long per MB)."""
from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from attrib.load import Source
from attrib.pipeline import analyze_source

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import corpus  # noqa: E402

SHAPES = {
    "unmatched-quotes": lambda n: "Head line\n\n" + "“He said " * (40 * n) + "\n",
    "long-line": lambda n: "Head line\n\n" + "Officials said the militias fired rockets at the embassy and " * (6 * n) + "\n",
    "repeated-cues": lambda n: "Head line\n\n" + "Officials said " * (25 * n) + "that.\n",
    "nested-quotes": lambda n: "Head line\n\n" + "“A said ‘B said " * (5 * n) + "it’” " * (5 * n) + "\n",
    "many-sentences": lambda n: "Head line\n\n" + "Mustafa al-Kadhimi said that militias fired. He said it again. " * (2 * n) + "\n",
    "quotes-and-cues": lambda n: "Head line\n\n" + "“The attack was a crime,” Kadhimi said, " * (2 * n) + "end.\n",
}


def _seconds_per_character(registry, text: str) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        outcome = analyze_source(Source("worst-case", text=text), registry)
        best = min(best, time.process_time() - started)
        assert outcome.analysis is not None
    return best / len(text)


@pytest.mark.parametrize("shape", SHAPES)
def test_time_grows_in_proportion_to_size(registry, shape):
    small = _seconds_per_character(registry, SHAPES[shape](200))
    large = _seconds_per_character(registry, SHAPES[shape](1600))
    assert large < 4 * small, f"{shape}: {large / small:.1f} times slower per character at 8 times the size"


def test_benchmark_inputs_are_analysed(registry):
    for name, text in corpus.adversarial(0.01).items():
        assert analyze_source(Source(name, text=text), registry).analysis is not None
