"""attrib diff: comparing analyses across outlets, from records and from the command line."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from attrib.cli import cli
from attrib.diff import UNKNOWN_OUTLET, compare, outlet_of
from conftest import DEV

US_MILITIAS = ("us-government", "iran-backed-militias")
KADHIMI_PERPETRATORS = ("mustafa-al-kadhimi", "unidentified-perpetrators")

# Four short reports of one attack, shaped like the December 2020 development articles: two outlets
# carry Washington's blame of Iran-backed militias, the other two only the premier's unnamed perpetrators.
ARTICLES = {
    "tigris.txt": """
        ---
        outlet: Tigris Observer
        date: 2020-12-24
        ---
        Iraqi premier meets envoys after rocket attacks

        Iraqi Prime Minister Mustafa al-Kadhimi said on Thursday that the perpetrators of the attacks on diplomatic missions were trying to destabilise Iraq.
    """,
    "capital.txt": """
        ---
        outlet: Capital Dispatch
        date: 2020-12-25
        ---
        Rockets target the US embassy in Baghdad

        Washington accuses Iran-backed militias of carrying out the attacks on its embassy in Baghdad.
    """,
    "euphrates.txt": """
        ---
        outlet: Euphrates Wire
        date: 2020-12-23
        ---
        Al-Kadhimi receives ambassadors of 25 countries

        Al-Kadhimi told the ambassadors that the perpetrators of the attacks seek to harm Iraq and its relations with the world.
    """,
    "ledger.txt": """
        ---
        outlet: Gulf Ledger
        date: 2020-12-21
        ---
        Rockets hit Baghdad's Green Zone

        U.S. officials blame Iran-backed militias for regular rocket attacks on the embassy.

        The Iraqi military said an outlaw group fired the rockets.
    """,
}


@pytest.fixture
def coverage(write_article) -> list[str]:
    return [str(write_article(text, name)) for name, text in ARTICLES.items()]


def reported_by(result: dict, accuser_id: str, accused_id: str) -> list[str]:
    pairs = [p for p in result["pairs"] if (p["accuser_id"], p["accused_id"]) == (accuser_id, accused_id)]
    assert len(pairs) == 1, result["pairs"]
    return pairs[0]["reported_by"]


def diff_json(runner, rules: Path, *args: str) -> dict:
    result = runner.invoke(cli, ["diff", "-q", "--format", "json", "--no-default-rules", "--rules", str(rules), *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# ------------------------------------------------------------------ acceptance


def test_outlets_that_carry_washingtons_blame_and_those_that_carry_the_premiers(runner, small_rules, coverage):
    result = diff_json(runner, small_rules, *coverage)
    assert [o["name"] for o in result["outlets"]] == ["Tigris Observer", "Capital Dispatch", "Euphrates Wire",
                                                      "Gulf Ledger"]
    assert reported_by(result, *US_MILITIAS) == ["Capital Dispatch", "Gulf Ledger"]
    assert reported_by(result, *KADHIMI_PERPETRATORS) == ["Tigris Observer", "Euphrates Wire"]
    assert result["differs"] is True
    assert result["summary"][:2] == [
        "Only Capital Dispatch and Gulf Ledger report United States government -> Iran-backed militias.",
        "Only Tigris Observer and Euphrates Wire report Mustafa al-Kadhimi -> unidentified perpetrators.",
    ]
    naming = {n["accused_id"]: n["words"] for n in result["naming"]}
    assert naming["unidentified-perpetrators"]["Gulf Ledger"] == ["an outlaw group"]
    assert naming["iran-backed-militias"]["Tigris Observer"] == []


def test_diff_of_saved_analyses_equals_diff_of_the_articles(runner, small_rules, coverage, tmp_path):
    rules = ["--no-default-rules", "--rules", str(small_rules)]
    analyses = runner.invoke(cli, ["analyze", "-q", "--format", "jsonl", *rules, *coverage])
    assert analyses.exit_code == 0, analyses.output
    saved = tmp_path / "analyses.jsonl"
    saved.write_text(analyses.stdout, encoding="utf-8")
    for fmt in ("json", "markdown", "csv", "table"):
        direct = runner.invoke(cli, ["diff", "-q", "--format", fmt, *rules, *coverage])
        again = runner.invoke(cli, ["diff", "-q", "--format", fmt, *rules, str(saved)])
        assert (again.exit_code, again.stdout) == (direct.exit_code, direct.stdout), fmt
    mixed = runner.invoke(cli, ["diff", "-q", "--format", "json", *rules, coverage[0], "-"],
                          input="".join(analyses.stdout.splitlines(keepends=True)[1:]))
    assert mixed.stdout == runner.invoke(cli, ["diff", "-q", "--format", "json", *rules, *coverage]).stdout


@pytest.mark.skipif(not (DEV / "articles").exists(), reason="the development set (../shared) is not beside the project")
def test_dev_december_2020_coverage(runner):
    paths = [str(p) for p in sorted((DEV / "articles").glob("00[0124]_*.txt"))]
    result = runner.invoke(cli, ["diff", "-q", "--format", "json", *paths])
    assert result.exit_code == 0, result.output
    result = json.loads(result.stdout)
    assert [o["name"] for o in result["outlets"]] == ["Iran Press", "Middle East Monitor", "Shafaq News",
                                                      "Baghdad Post"]
    assert reported_by(result, *US_MILITIAS) == ["Middle East Monitor", "Baghdad Post"]
    assert reported_by(result, *KADHIMI_PERPETRATORS) == ["Iran Press", "Shafaq News"]
    assert ("Only Middle East Monitor and Baghdad Post report United States government -> Iran-backed militias."
            in result["summary"])


# --------------------------------------------------------------------- compare


def blame(accuser, accused, *, accuser_id=None, accused_id=None, mention=None, confidence=0.9, cue="blame"):
    return {"accuser": accuser, "accuser_id": accuser_id, "accused": accused, "accused_id": accused_id,
            "accused_mention": mention or accused, "cue": cue, "evidence": f"{accuser} {cue} {mention or accused}.",
            "confidence": confidence}


def claim(speaker, speaker_id=None, confidence=0.9):
    return {"speaker": speaker, "speaker_id": speaker_id, "confidence": confidence}


def record(file, outlet, blames=(), claims=()):
    return {"file": file, "outlet": outlet, "blames": list(blames), "claims": list(claims)}


def test_pairs_group_by_entity_id_and_fall_back_to_the_name():
    comparison = compare([
        record("a.txt", "A", [blame("US officials", "militias", accuser_id="us", accused_id="ibm", mention="militia"),
                              blame("Hale", "Tehran", confidence=0.5)]),
        record("b.txt", "B", [blame("Washington", "Iran-backed militias", accuser_id="us", accused_id="ibm"),
                              blame("hale", "tehran", confidence=0.7)]),
    ])
    assert [(p.accuser.name, p.accused.name, p.accuser.id) for p in comparison.pairs] == [
        ("US officials", "militias", "us"), ("Hale", "Tehran", None)]
    cells = comparison.pairs[1].cells
    assert [(c.confidence, c.articles) for c in cells] == [(0.5, 1), (0.7, 1)]
    assert not comparison.differs
    assert comparison.summary == ("All 2 outlets report the same blames.",)


def test_cells_count_articles_keep_the_best_confidence_and_the_words():
    comparison = compare([
        record("a1.txt", "A", [blame("US", "IBM", mention="militias", confidence=0.6),
                               blame("US", "IBM", mention="Iran-backed militia", confidence=0.8, cue="accuse")]),
        record("a2.txt", "A", [blame("US", "IBM", mention="Militias", confidence=0.7)]),
        record("b1.txt", "B"),
    ])
    (pair,) = comparison.pairs
    cell, absent = pair.cells
    assert absent is None
    assert (cell.articles, cell.blames, cell.confidence) == (2, 3, 0.8)
    assert cell.words == ("militias", "Iran-backed militia")
    assert cell.cues == ("blame", "accuse")
    assert cell.evidence == "US accuse Iran-backed militia."
    assert cell.files == ("a1.txt", "a2.txt")
    assert [(o.name, o.articles) for o in comparison.outlets] == [("A", 2), ("B", 1)]


def test_pairs_some_outlets_report_and_others_do_not_come_first():
    comparison = compare([
        record("a.txt", "A", [blame("X", "Y", confidence=0.99), blame("P", "Q", confidence=0.5),
                              blame("R", "S", confidence=0.6)]),
        record("b.txt", "B", [blame("X", "Y"), blame("R", "S", confidence=0.4)]),
        record("c.txt", "C", [blame("X", "Y"), blame("R", "S", confidence=0.3)]),
    ])
    assert [(p.accuser.name, p.differs) for p in comparison.pairs] == [("P", True), ("X", False), ("R", False)]


SUMMARY_CASES = [
    ("one of two", [["X"], []], "Only A reports X -> Y."),
    ("two of four", [["X"], [], ["X"], []], "Only A and C report X -> Y."),
    ("three of seven", [["X"], ["X"], ["X"], [], [], [], []], "Only A, B and C report X -> Y."),
    ("all but one", [["X"], [], ["X"], ["X"]], "All outlets but B report X -> Y."),
    ("all but two", [["X"], [], ["X"], ["X"], [], ["X"], ["X"]], "All outlets but B and E report X -> Y."),
]


@pytest.mark.parametrize("reports, sentence", [c[1:] for c in SUMMARY_CASES], ids=[c[0] for c in SUMMARY_CASES])
def test_summary_names_the_outlets_on_the_smaller_side(reports, sentence):
    records = [record(f"{name}.txt", name, [blame(a, "Y") for a in accusers])
               for name, accusers in zip("ABCDEFG", reports)]
    assert compare(records).summary == (sentence,)


def test_summary_without_anything_to_compare():
    assert compare([]).summary == ("No articles to compare.",)
    assert compare([record("a.txt", "A", [blame("X", "Y")])]).summary == ("Only one outlet (A): nothing to compare.",)
    assert compare([record("a.txt", "A"), record("b.txt", "B")]).summary == ("No outlet reports anyone blaming anyone.",)


def test_voices_count_claims_per_outlet_and_name_the_only_outlet():
    comparison = compare([
        record("a.txt", "A", claims=[claim("Rasool", "rasool"), claim("Rasool", "rasool"), claim("Hale")]),
        record("b.txt", "B", claims=[claim("Yehia Rasool", "rasool"), claim(None)]),
    ])
    assert [(v.speaker.name, v.claims, v.only) for v in comparison.voices] == [
        ("Hale", (1, 0), "A"), ("unnamed speaker", (0, 1), "B"), ("Rasool", (2, 1), None)]


def test_naming_lists_each_outlets_words_for_the_accused_most_frequent_first():
    comparison = compare([
        record("a.txt", "A", [blame("US", "IBM", accused_id="ibm", mention="Iran-backed militia"),
                              blame("Pompeo", "IBM", accused_id="ibm", mention="militias"),
                              blame("Sadr", "IBM", accused_id="ibm", mention="the militias"),
                              blame("Hale", "IBM", accused_id="ibm", mention="the  Militias")]),
        record("b.txt", "B", [blame("US", "IBM", accused_id="ibm", mention="armed factions linked with Iran")]),
        record("c.txt", "C"),
    ])
    (naming,) = comparison.naming
    assert naming.words == (("the militias", "Iran-backed militia", "militias"),
                            ("armed factions linked with Iran",), ())


def test_min_confidence_leaves_out_weak_blames_and_claims():
    comparison = compare([
        record("a.txt", "A", [blame("X", "Y", confidence=0.4)], [claim("X", confidence=0.4)]),
        record("b.txt", "B", [blame("X", "Y", confidence=0.6)], [claim("X", confidence=0.6)]),
    ], min_confidence=0.5)
    assert [p.cells[0] is None for p in comparison.pairs] == [True]
    assert [v.claims for v in comparison.voices] == [(0, 1)]
    assert comparison.differs


def test_records_with_an_error_are_left_out():
    comparison = compare([{"file": "gone.txt", "error": "no such file or directory"}, record("a.txt", "A")])
    assert [o.name for o in comparison.outlets] == ["A"]


OUTLET_CASES = [
    ("outlet", {"file": "x/a.txt", "outlet": " Gulf  Ledger "}, None, "Gulf Ledger"),
    ("no outlet", {"file": "x/a.txt", "outlet": None}, None, UNKNOWN_OUTLET),
    ("dir", {"file": "corpus/tigris/a.txt", "outlet": "Other"}, "dir", "tigris"),
    ("dir of a bare name", {"file": "a.txt"}, "dir", UNKNOWN_OUTLET),
    ("filename", {"file": "corpus/capital-dispatch.md", "outlet": None}, "filename", "capital-dispatch"),
    ("compressed filename", {"file": "corpus/ledger.txt.gz"}, "filename", "ledger"),
    ("stdin", {"file": "-"}, "filename", UNKNOWN_OUTLET),
]


@pytest.mark.parametrize("rec, outlet_from, expected", [c[1:] for c in OUTLET_CASES], ids=[c[0] for c in OUTLET_CASES])
def test_outlet_of(rec, outlet_from, expected):
    assert outlet_of(rec, outlet_from) == expected


# ------------------------------------------------------------------------- CLI

ANALYSES = [
    record("a/tigris.txt", "Tigris Observer", [blame("Yehia Rasool", "outlaws", accuser_id="rasool", confidence=0.8)],
           [claim("Yehia Rasool", "rasool")]),
    record("b/capital.txt", "Capital Dispatch", [blame("US", "militias", accuser_id="us", confidence=0.9)],
           [claim("Yehia Rasool", "rasool"), claim("Mike Pompeo", "pompeo")]),
]


def write_analyses(tmp_path: Path, records: list[dict], name: str = "analyses.jsonl") -> str:
    path = tmp_path / name
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def test_csv_is_one_row_per_outlet_for_each_pair_voice_and_naming(runner, tmp_path):
    result = runner.invoke(cli, ["diff", "-q", "--format", "csv", write_analyses(tmp_path, ANALYSES)])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "record,outlet,accuser,accuser_id,accused,accused_id,speaker,speaker_id,reported,articles,count,confidence,"
        "words,cues,evidence,differs\n"
        "pair,Tigris Observer,US,us,militias,,,,false,,,,,,,true\n"
        "pair,Capital Dispatch,US,us,militias,,,,true,1,1,0.9,militias,blame,US blame militias.,true\n"
        "pair,Tigris Observer,Yehia Rasool,rasool,outlaws,,,,true,1,1,0.8,outlaws,blame,Yehia Rasool blame outlaws.,true\n"
        "pair,Capital Dispatch,Yehia Rasool,rasool,outlaws,,,,false,,,,,,,true\n"
        "voice,Tigris Observer,,,,,Mike Pompeo,pompeo,false,,0,,,,,true\n"
        "voice,Capital Dispatch,,,,,Mike Pompeo,pompeo,true,,1,,,,,true\n"
        "voice,Tigris Observer,,,,,Yehia Rasool,rasool,true,,1,,,,,false\n"
        "voice,Capital Dispatch,,,,,Yehia Rasool,rasool,true,,1,,,,,false\n"
        "naming,Tigris Observer,,,militias,,,,false,,,,,,,\n"
        "naming,Capital Dispatch,,,militias,,,,true,,,,militias,,,\n"
        "naming,Tigris Observer,,,outlaws,,,,true,,,,outlaws,,,\n"
        "naming,Capital Dispatch,,,outlaws,,,,false,,,,,,,\n"
    )


def test_exit_code_3_when_outlets_differ_and_0_when_they_agree(runner, tmp_path):
    differ = write_analyses(tmp_path, ANALYSES)
    agree = write_analyses(tmp_path, [record("a.txt", "A", [blame("X", "Y")]), record("b.txt", "B", [blame("X", "Y")])],
                           "agree.jsonl")
    assert runner.invoke(cli, ["diff", "-q", "--format", "json", differ]).exit_code == 0
    assert runner.invoke(cli, ["diff", "-q", "--format", "json", "--exit-code", differ]).exit_code == 3
    assert runner.invoke(cli, ["diff", "-q", "--format", "json", "--exit-code", agree]).exit_code == 0


def test_unreadable_inputs_are_reported_and_exit_1_before_differences(runner, tmp_path):
    analyses = write_analyses(tmp_path, ANALYSES + [{"file": "corpus.jsonl", "error": "line is not valid JSON: x",
                                                     "line": 7}])
    result = runner.invoke(cli, ["diff", "-q", "--format", "json", "--exit-code", analyses, str(tmp_path / "gone.txt")])
    assert result.exit_code == 1
    assert result.stderr == (f"attrib: corpus.jsonl:7: line is not valid JSON: x\n"
                             f"attrib: {tmp_path / 'gone.txt'}: no such file or directory\n")
    assert [o["name"] for o in json.loads(result.stdout)["outlets"]] == ["Tigris Observer", "Capital Dispatch"]


def test_a_record_that_is_not_an_analysis_is_reported_with_its_line(runner, tmp_path):
    broken = dict(ANALYSES[0], blames={"accuser": "X"})
    analyses = write_analyses(tmp_path, [ANALYSES[1], broken])
    result = runner.invoke(cli, ["diff", "-q", "--format", "json", analyses])
    assert result.exit_code == 1
    assert result.stderr == (f"attrib: {analyses}:2: record is not an analysis from attrib analyze: "
                             f'"blames" must be a list of objects\n')


def test_outlet_from_directory_and_filename(runner, tmp_path):
    analyses = write_analyses(tmp_path, ANALYSES)
    by_dir = runner.invoke(cli, ["diff", "-q", "--format", "json", "--outlet-from", "dir", analyses])
    by_name = runner.invoke(cli, ["diff", "-q", "--format", "json", "--outlet-from", "filename", analyses])
    assert [o["name"] for o in json.loads(by_dir.stdout)["outlets"]] == ["a", "b"]
    assert [o["name"] for o in json.loads(by_name.stdout)["outlets"]] == ["tigris", "capital"]


def test_outlet_and_outlet_from_together_are_a_usage_error(runner, tmp_path):
    result = runner.invoke(cli, ["diff", "--outlet", "X", "--outlet-from", "dir", write_analyses(tmp_path, ANALYSES)])
    assert result.exit_code == 2
    assert "Error: --outlet and --outlet-from both choose the outlet; use one of them." in result.stderr


def test_summary_line_on_stderr(runner, tmp_path):
    result = runner.invoke(cli, ["diff", "--format", "json", write_analyses(tmp_path, ANALYSES)])
    assert result.exit_code == 0
    assert result.stderr.startswith("attrib: 2 articles from 2 outlets compared, 2 blame pairs (2 differ), 0 failed, in ")


def test_table_shows_article_text_as_text_not_markup(runner, tmp_path):
    analyses = write_analyses(tmp_path, [
        record("a.txt", "[bold]Ledger[/bold]", [blame("[red]X[/red]", "Y\x1b[2J")], [claim("[link=x]Z[/link]")]),
        record("b.txt", "B"),
    ])
    result = runner.invoke(cli, ["diff", "-q", analyses])
    assert result.exit_code == 0, result.output
    assert "[bold]Ledger[/bold]" in result.stdout
    assert "[red]X[/red]" in result.stdout and "Y\\x1b[2J" in result.stdout
    assert "[link=x]Z[/link]" in result.stdout
    assert "\x1b" not in result.stdout
    assert "Only [bold]Ledger[/bold] reports [red]X[/red] -> Y\\x1b[2J." in result.stdout


def test_outlet_overrides_saved_analyses_too(runner, tmp_path):
    result = runner.invoke(cli, ["diff", "-q", "--format", "json", "--outlet", "Wire", write_analyses(tmp_path, ANALYSES)])
    assert result.exit_code == 0, result.output
    result = json.loads(result.stdout)
    assert [(o["name"], o["articles"]) for o in result["outlets"]] == [("Wire", 2)]
    assert result["summary"] == ["Only one outlet (Wire): nothing to compare."]


def test_articles_of_a_jsonl_corpus_are_analysed(runner, small_rules, tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"id": name, "outlet": outlet, "text": text}) + "\n" for name, outlet, text in [
        ("a", "Capital Dispatch", "Washington accuses Iran-backed militias of carrying out the attacks."),
        ("b", "Gulf Ledger", "The Iraqi military said an outlaw group fired the rockets."),
    ]), encoding="utf-8")
    result = diff_json(runner, small_rules, str(corpus))
    assert reported_by(result, *US_MILITIAS) == ["Capital Dispatch"]
    assert [o["files"] for o in result["outlets"]] == [["a"], ["b"]]
