"""The samples' full analyses, compared with reviewed golden files.

Regenerate on purpose with ``ATTRIB_REGEN_GOLDEN=1 pytest tests/test_golden.py`` and review the diff.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from attrib.cli import cli

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden"
SAMPLES = sorted(p for p in (ROOT / "samples").iterdir() if p.suffix in (".txt", ".md") and p.stem.lower() != "readme")


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_sample_matches_golden(runner, monkeypatch, path):
    monkeypatch.chdir(ROOT)
    result = runner.invoke(cli, ["analyze", "--format", "jsonl", "-q", f"samples/{path.name}"])
    assert result.exit_code == 0, result.output
    pretty = json.dumps(json.loads(result.stdout), indent=2, ensure_ascii=False) + "\n"
    golden = GOLDEN / f"{path.stem}.json"
    if os.environ.get("ATTRIB_REGEN_GOLDEN"):
        golden.write_text(pretty, encoding="utf-8")
    assert pretty == golden.read_text(encoding="utf-8")


def test_diff_of_the_2020_samples_matches_golden_markdown(runner, monkeypatch):
    monkeypatch.chdir(ROOT)
    december_2020 = [f"samples/{p.name}" for p in SAMPLES if p.name[:2] in ("01", "02", "03", "04")]
    result = runner.invoke(cli, ["diff", "--format", "markdown", "-q", *december_2020])
    assert result.exit_code == 0, result.output
    golden = GOLDEN / "diff_samples_01-04.md"
    if os.environ.get("ATTRIB_REGEN_GOLDEN"):
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")
