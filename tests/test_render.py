"""Every output format, as a user reads or parses it."""
from __future__ import annotations

import csv
import io
import json

import pytest

from attrib.cli import cli
from attrib.render import plain, safe_cell

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


# ------------------------------------------------------- hostile article text

HOSTILE = """[bold red]Alarm[/] in Baghdad

“Rockets \x1b[31mhit\x1b[0m the [link=http://x]embassy[/link],” Yehia Rasool said.

U.S. officials blame [blink]Iran-backed militias[/blink] for the attacks.
"""


def test_table_shows_markup_and_escape_sequences_literally(runner, write_article):
    out = run(runner, str(write_article(HOSTILE)))
    assert out.startswith("[bold red]Alarm[/] in Baghdad\n")
    assert "Rockets \\x1b[31mhit\\x1b[0m the [link=http://x]embassy[/link]," in out
    assert "[blink]Iran-backed militias[/blink]" in out
    assert "\x1b" not in out


def test_table_on_a_colour_terminal_obeys_only_its_own_styles(write_article, registry):
    from rich.console import Console

    from attrib import analysis_record, analyze_text
    from attrib.render import table

    console = Console(file=io.StringIO(), force_terminal=True, color_system="standard", width=160)
    table(console, analysis_record(analyze_text(HOSTILE, registry)))
    out = console.file.getvalue()
    assert "[bold red]Alarm[/] in Baghdad" in out
    assert "\\x1b[31mhit\\x1b[0m" in out and "[link=http://x]embassy[/link]" in out
    assert "\x1b[31m" not in out and "\x1b]8;" not in out  # no red from the article, no hyperlink
    assert "\x1b[5m" not in out  # no blink


FORMULAS = """Spreadsheet test

“=HYPERLINK(1) is what the letter in the envelope said,” Yehia Rasool said.
"""


def test_csv_neutralises_formula_cells(runner, write_article):
    path = write_article(FORMULAS)
    rows = list(csv.DictReader(io.StringIO(run(runner, "--format", "csv", str(path)))))
    assert rows[0]["text"] == "'=HYPERLINK(1) is what the letter in the envelope said,"
    # Only the spreadsheet format is changed: JSON keeps the article's own words at their offsets.
    record = json.loads(run(runner, "--format", "jsonl", str(path)))
    assert record["claims"][0]["text"] == "=HYPERLINK(1) is what the letter in the envelope said,"


@pytest.mark.parametrize("cell", ["=1+2", "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_safe_cell_quotes_every_formula_start(cell):
    assert safe_cell(cell) == "'" + cell


@pytest.mark.parametrize("value", ["plain words", "a = b", "", None, 0.93, -1])
def test_safe_cell_leaves_other_values(value):
    assert safe_cell(value) == value


def test_plain_shows_control_characters_instead_of_obeying_them():
    assert plain("red \x1b[31mtext\x1b[0m, bell \x07, csi \x9b2J") == "red \\x1b[31mtext\\x1b[0m, bell \\x07, csi \\x9b2J"
    assert plain("two\nlines\u2028and more") == "two lines and more"
