"""Every output format, as a user reads or parses it."""
from __future__ import annotations

import csv
import io
import json

import pytest

from attrib.cli import cli

ARTICLE = """---
outlet: Test Wire
date: 2020-12-21
title: Rockets hit the Green Zone
---

U.S. officials blame Iran-backed militias for the attacks.

“This attack is a negative message to the world,” Yehia Rasool said.
"""


@pytest.fixture
def article(write_article):
    return write_article(ARTICLE)


def run(runner, *args):
    result = runner.invoke(cli, ["analyze", "-q", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_jsonl_is_exactly_the_contract(runner, article):
    record = json.loads(run(runner, "--format", "jsonl", str(article)))
    assert list(record) == ["file", "outlet", "date", "title", "claims", "blames", "unresolved"]
    assert (record["file"], record["outlet"], record["date"], record["title"]) == (
        str(article), "Test Wire", "2020-12-21", "Rockets hit the Green Zone")
    [claim] = record["claims"]
    assert claim == {
        "speaker": "Yehia Rasool", "speaker_id": "yehia-rasool", "mention": "Yehia Rasool",
        "mention_start": ARTICLE.index("Yehia"), "mention_end": ARTICLE.index(" said."),
        "kind": "direct", "cue": "said", "text": "This attack is a negative message to the world,",
        "start": ARTICLE.index("This attack"), "end": ARTICLE.index("”"),
        "confidence": claim["confidence"], "resolution": "name", "rule": "postposed", "hedged": False,
    }
    [blame] = record["blames"]
    assert (blame["accuser"], blame["accuser_id"], blame["accuser_mention"]) == (
        "United States government", "us-government", "U.S. officials")
    assert (blame["accused"], blame["accused_id"], blame["accused_mention"], blame["cue"], blame["claim"]) == (
        "Iran-backed militias", "iran-backed-militias", "Iran-backed militias", "blame", None)
    assert blame["evidence"] == "U.S. officials blame Iran-backed militias for the attacks."
    assert record["unresolved"] == []


def test_json_is_an_array_of_the_same_objects(runner, article, write_article):
    other = write_article("“We will act,” Rasool said.\n", "other.txt")
    lines = run(runner, "--format", "jsonl", str(article), str(other)).splitlines()
    array = json.loads(run(runner, "--format", "json", str(article), str(other)))
    assert array == [json.loads(line) for line in lines]


def test_csv_has_one_row_per_claim_and_blame(runner, article):
    rows = list(csv.DictReader(io.StringIO(run(runner, "--format", "csv", str(article)))))
    assert [(r["record"], r["speaker"], r["kind"]) for r in rows] == [
        ("claim", "Yehia Rasool", "direct"), ("blame", "United States government", "blame")]
    assert rows[1]["accused"] == "Iran-backed militias"


def test_markdown_report(runner, article):
    out = run(runner, "--format", "markdown", str(article))
    assert out.startswith("## Rockets hit the Green Zone\n")
    assert "| United States government | Iran-backed militias | blame |" in out
    assert "| Yehia Rasool | direct | This attack is a negative message to the world, |" in out


def test_table_shows_blames_before_claims(runner, article):
    out = run(runner, str(article))
    assert out.index("Who blamed whom") < out.index("Claims")
    assert "United States government →" in out and "Iran-backed militias (blame)" in out
    assert "\x1b[" not in out  # plain when not a terminal


def test_min_confidence_filters_both_lists(runner, article):
    record = json.loads(run(runner, "--format", "jsonl", "--min-confidence", "0.99", str(article)))
    assert record["claims"] == [] and record["blames"] == []


def test_summary_line_reports_counts_and_time(runner, article):
    result = runner.invoke(cli, ["analyze", "--format", "jsonl", str(article)])
    assert result.exit_code == 0
    assert result.stderr.startswith("attrib: 1 article analyzed, 1 claims, 1 blames, 0 failed, in ")
