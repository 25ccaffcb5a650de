"""Loading inputs: JSON Lines of analyses read back for attrib diff."""
from __future__ import annotations

import io
import json

import pytest

from attrib.load import iter_sources

ANALYSIS = {"file": "a/tigris.txt", "outlet": "Tigris Observer", "claims": [], "blames": []}
ARTICLE = {"id": "art-1", "outlet": "Gulf Ledger", "text": "Rasool said the rockets hit homes."}
FAILURE = {"file": "gone.txt", "error": "no such file or directory"}


def sources(tmp_path, lines: list[str], **options):
    path = tmp_path / "mixed.jsonl"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path, list(iter_sources([str(path)], **options))


def test_analyses_articles_and_failures_are_told_apart_line_by_line(tmp_path):
    path, found = sources(tmp_path, [json.dumps(ANALYSIS), json.dumps(ARTICLE), json.dumps(FAILURE),
                                     json.dumps(dict(FAILURE, file="corpus.jsonl", line=4))], analyses=True)
    assert [(s.name, s.line, s.record, s.text is not None, s.error) for s in found] == [
        ("a/tigris.txt", 1, ANALYSIS, False, None),
        ("art-1", 2, None, True, None),
        ("gone.txt", None, None, False, "no such file or directory"),
        ("corpus.jsonl", 4, None, False, "no such file or directory"),
    ]


def test_analyses_are_read_from_standard_input_too():
    stdin = io.BytesIO((json.dumps(ANALYSIS) + "\n").encode("utf-8"))
    (source,) = iter_sources(["-"], stdin=stdin, analyses=True)
    assert source.record == ANALYSIS


def test_without_analyses_a_record_without_text_stays_an_error(tmp_path):
    path, found = sources(tmp_path, [json.dumps(ANALYSIS)])
    assert [(s.name, s.line, s.error, s.record) for s in found] == [(str(path), 1, 'record has no "text" field', None)]


MALFORMED = [
    ("blames not a list", {"blames": {}}, '"blames" must be a list of objects'),
    ("claims hold strings", {"claims": ["Rasool"]}, '"claims" must be a list of objects'),
    ("accused not a string", {"blames": [{"accuser": "X", "accused": 3, "confidence": 0.5}]},
     'blames[0]: "accused" must be a string or null'),
    ("confidence missing", {"claims": [{"speaker": "X"}]}, 'claims[0]: "confidence" must be a number'),
    ("confidence a boolean", {"claims": [{"speaker": "X", "confidence": True}]}, 'claims[0]: "confidence" must be a number'),
    ("outlet a list", {"outlet": ["A"]}, '"outlet" must be a string or null'),
]


@pytest.mark.parametrize("change, problem", [c[1:] for c in MALFORMED], ids=[c[0] for c in MALFORMED])
def test_malformed_analyses_are_reported_with_the_corpus_line(tmp_path, change, problem):
    path, found = sources(tmp_path, [json.dumps(dict(ANALYSIS, **change))], analyses=True)
    assert [(s.name, s.line, s.error) for s in found] == [
        (str(path), 1, f"record is not an analysis from attrib analyze: {problem}")]
