"""Loading articles: front matter, outlet and date detection, debris left out of mining; analyses read back."""
from __future__ import annotations

import io
import json
from datetime import date

import pytest

import attrib
from attrib.cli import cli
from attrib.load import iter_sources
from conftest import claims_of


def test_front_matter_gives_outlet_date_title_and_url(registry):
    text = ("---\noutlet: Tigris Observer\ndate: 2020-12-21\ntitle: \"Iraqi official: rockets hit zone\"\n"
            "url: https://example.org/a\n---\n\n“We will respond,” Rasool said.\n")
    article = attrib.parse_article(text, registry=registry)
    assert (article.outlet, article.date, article.title, article.url) == (
        "Tigris Observer", date(2020, 12, 21), "Iraqi official: rockets hit zone", "https://example.org/a")
    assert all(start > text.index("---\n\n") for start, _ in article.body)


def test_outlet_from_a_dateline_marker_and_a_staff_line(registry):
    shafaq = attrib.parse_article("Shafaq News / The ministry said the road was open.\n", registry=registry)
    assert shafaq.outlet == "Shafaq News"
    staffed = attrib.parse_article("The ministry said the road was open.\n\nExample Daily staff contributed to this report.\n",
                                   registry=registry)
    assert staffed.outlet == "Example Daily"


def test_dateline_prefix_is_not_part_of_the_claims_source(registry):
    analysis = attrib.analyze_text("Shafaq News / The office of the Iraqi Prime Minister announced that the talks ended.\n",
                                   registry)
    [claim] = analysis.claims
    assert claim.mention.text == "The office of the Iraqi Prime Minister"


def test_city_and_outlet_dateline_is_left_out_of_the_body(registry):
    text = "Border closed\n\nPort Sahel / Gulf Ledger – The Ministry of Foreign Affairs closed the border.\n"
    article = attrib.parse_article(text, registry=registry)
    assert [text[start:end] for start, end in article.body][-1] == "The Ministry of Foreign Affairs closed the border."


def test_date_line_near_the_top_but_not_a_caption_date(registry):
    dated = attrib.parse_article("Title of the piece\n\nDecember 25, 2020 at 4:02 am\n\nBody text here.\n",
                                 registry=registry)
    assert dated.date == date(2020, 12, 25)
    caption = attrib.parse_article(
        "Title of the piece\n\nThe embassy as seen from across the river in this file photo taken on January 3, 2020, "
        "in Baghdad during the protests that followed the strike. (AP)\n\nBody text here.\n", registry=registry)
    assert caption.date is None


def test_option_overrides_detected_outlet_and_date(registry, runner, write_article):
    path = write_article("Shafaq News / “The talks ended,” the premier said.\n")
    result = runner.invoke(cli, ["analyze", "--format", "jsonl", "-q", "--outlet", "My Outlet", "--date", "2023-12-14",
                                 str(path)])
    assert result.exit_code == 0, result.output
    assert '"outlet": "My Outlet", "date": "2023-12-14"' in result.stdout


def test_debris_is_not_mined(registry):
    text = ("Iraq discusses security\n\n"
            "Iraqi President Barham Salih during a press conference in Baghdad [Murtadha Al-Sudani/Anadolu Agency]\n\n"
            "“The state will act,” Salih said.\n\n"
            "READ: Iraq says “the militias will be disarmed” by spring\n\n"
            "Read More:\n\n"
            "Iran condemns attack on convoy\n\n"
            "Iraq will not let outlaws threaten stability: Mustafa Al Kazemi\n")
    assert claims_of(attrib.analyze_text(text, registry)) == [("Barham Salih", "The state will act,")]


def test_repeated_title_line_is_read_once(registry):
    text = "Kadhimi meets ambassadors\n\nKadhimi meets ambassadors\n\nThe meeting was short.\n"
    article = attrib.parse_article(text, registry=registry)
    assert article.title == "Kadhimi meets ambassadors"
    assert [text[s:e] for s, e in article.body] == ["Kadhimi meets ambassadors", "The meeting was short."]


def test_markdown_heading_is_the_title(registry):
    text = "---\ntitle: Rockets hit zone\n---\n\n# Rockets hit zone\n\n“It was a warning,” Rasool said.\n"
    article = attrib.parse_article(text, registry=registry)
    assert text[slice(*article.title_span)] == "Rockets hit zone"


def test_directory_is_read_recursively_and_readme_is_not_an_article(runner, write_article):
    first = write_article("“One,” Rasool said.\n", "corpus/a.txt")
    write_article("“Two,” Rasool said.\n", "corpus/deeper/b.md")
    write_article("# How this corpus was built\n", "corpus/README.md")
    result = runner.invoke(cli, ["analyze", "--format", "jsonl", "-q", str(first.parent)])
    assert result.exit_code == 0, result.output
    files = [line.split('"file": "')[1].split('"')[0] for line in result.stdout.splitlines()]
    assert [f.rsplit("/", 1)[-1] for f in files] == ["a.txt", "b.md"]


def test_stdin_dash(runner):
    result = runner.invoke(cli, ["analyze", "--format", "jsonl", "-q", "-"], input="“We will act,” Rasool said.\n")
    assert result.exit_code == 0, result.output
    assert '"file": "-"' in result.stdout and '"speaker": "Yehia Rasool"' in result.stdout


# ------------------------------------------------- analyses read back for attrib diff

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
    assert [(s.name, s.line, s.error, s.record) for s in found] == [
        (str(path), 1, "record is a saved analysis, not an article (compare analyses with attrib diff)", None)]


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


def test_question_headline_is_the_title(registry):
    article = attrib.parse_article("Gaza hospital blast: Who is to blame?\n\nThe ministry said it was a strike.\n",
                                   registry=registry)
    assert article.title == "Gaza hospital blast: Who is to blame?"


def test_site_name_navigation_breadcrumbs_and_list_marks_are_not_mined(registry):
    text = ("The Brenmark Herald\nHome | World | Business | Sport\nEnvironment > Water\n"
            "UPDATED 14:32 GMT – adds statement from the prime minister's office\n\n"
            "Olander accuses Feldt of hiding deficit forecast\n\nBy Hana Whitcombe | 28 January 2026 | 5 min read\n\n"
            "• Opposition says the forecast was kept back\n\n“We will respond,” the minister said.\n")
    article = attrib.parse_article(text, registry=registry)
    assert article.title == "Olander accuses Feldt of hiding deficit forecast"
    assert [text[s:e] for s, e in article.body] == ["Olander accuses Feldt of hiding deficit forecast",
                                                    "Opposition says the forecast was kept back",
                                                    "“We will respond,” the minister said."]


def test_page_furniture_and_bylines_are_not_mined(registry):
    text = ("Skip to main content\nWorld\n\nRockets hit base in western Iraq\n\nBy Jane Doe and John Roe\n"
            "Share full article\n\n“We will respond,” the minister said.\nAdvertisement\n"
            "Photo: Air Force/Reuters\nStory continues below advertisement\n")
    article = attrib.parse_article(text, registry=registry)
    assert article.title == "Rockets hit base in western Iraq"
    assert [text[s:e] for s, e in article.body] == ["Rockets hit base in western Iraq",
                                                    "“We will respond,” the minister said."]
