"""Offsets are sacred: every reported span is the article's own text at those offsets."""
from __future__ import annotations

from pathlib import Path

import pytest

import attrib
from conftest import DEV

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted(p for p in (ROOT / "samples").iterdir() if p.suffix in (".txt", ".md") and p.stem.lower() != "readme")
DEV_ARTICLES = sorted((DEV / "articles").glob("*.txt")) if DEV.exists() else []


def check_offsets(path: Path, registry) -> int:
    text = path.read_text(encoding="utf-8")
    record = attrib.analysis_record(attrib.analyze(attrib.load_article(path, registry=registry), registry))
    for claim in record["claims"]:
        assert text[claim["start"]:claim["end"]] == claim["text"]
        if claim["mention"] is not None:
            assert text[claim["mention_start"]:claim["mention_end"]] == claim["mention"]
        assert 0.0 <= claim["confidence"] <= 1.0
    for blame in record["blames"]:
        assert text[blame["start"]:blame["end"]] == blame["evidence"]
        assert text[blame["accused_mention_start"]:blame["accused_mention_end"]] == blame["accused_mention"]
        if blame["accuser_mention"] is not None:
            assert text[blame["accuser_mention_start"]:blame["accuser_mention_end"]] == blame["accuser_mention"]
        assert 0.0 <= blame["confidence"] <= 1.0
    return len(record["claims"])


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_sample_offsets(registry, path):
    assert check_offsets(path, registry) > 0


@pytest.mark.skipif(not DEV_ARTICLES, reason="the development set (../shared) is not beside the project")
@pytest.mark.parametrize("path", DEV_ARTICLES, ids=lambda p: p.name)
def test_dev_offsets(registry, path):
    assert check_offsets(path, registry) > 0


def test_offsets_survive_bom_crlf_and_non_breaking_spaces(registry, tmp_path):
    path = tmp_path / "windows.txt"
    path.write_bytes("\ufeffRockets hit the zone\r\n\r\n“It was a\u00a0warning,” Rasool said.\r\n".encode("utf-8"))
    assert check_offsets(path, registry) == 1
