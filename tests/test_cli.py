"""cli.py: the ``attrib rules`` commands, end to end through click.

Exact stdout for the machine-readable parts (problem lists, YAML snippets),
exact stderr for errors; NO_COLOR and COLUMNS are fixed by the runner fixture.
"""
from __future__ import annotations

import hashlib
import json
import re
import textwrap
from pathlib import Path

import pytest

from attrib.cli import cli
from attrib.rules import _display, default_rules_dir

# The shipped entities file as messages show it: rules/ in a checkout, site-packages when installed.
SHIPPED = _display(default_rules_dir() / "entities.yaml")

ROOT = Path(__file__).resolve().parents[1]


def digest(directory: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(directory.glob("*.yaml"))}


def speakers(stdout: str) -> list[tuple[str, str | None]]:
    return [(c["speaker"], c["speaker_id"]) for line in stdout.splitlines() for c in json.loads(line)["claims"]]


@pytest.fixture
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


# ------------------------------------------------------------------ rules check


def test_check_clean_rules_exits_0_with_a_summary(runner):
    result = runner.invoke(cli, ["rules", "check"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert re.search(r"^attrib: rules OK: [\d,]+ entities, [\d,]+ names and aliases in 3 files, \d+ warnings?$",
                     result.stderr.splitlines()[-1])


def test_check_lists_every_problem_on_stdout_and_exits_1(runner, at_root):
    result = runner.invoke(cli, ["rules", "check", "--no-default-rules", "--rules", "tests/data/rules-many"])
    assert result.exit_code == 1
    assert result.stdout == textwrap.dedent("""\
        tests/data/rules-many/cues.yaml:4:3: speech: unknown key "objet" (did you mean "object"?)
        tests/data/rules-many/cues.yaml:8:13: hedge "factor" must be a number from 0 to 1
        tests/data/rules-many/entities.yaml:7:11: entity "hamid-jaber": role "Governor of Basra" ends (2020-01-01) before it starts (2021-03-01)
        tests/data/rules-many/entities.yaml:9:3: entity "salim-kareem" is missing "name"
        tests/data/rules-many/entities.yaml:10:3: entity: unknown key "nmae" (did you mean "name"?)
        tests/data/rules-many/entities.yaml:12:13: alias "Hamid Jaber" already belongs to "hamid-jaber" (line 2)
        """)
    assert result.stderr == "attrib: 6 problems in 2 files\n"


def test_check_near_duplicates_are_warnings_on_stderr(runner, at_root):
    result = runner.invoke(cli, ["rules", "check", "--rules", "tests/data/rules-near-duplicate"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    line = next(i for i, text in enumerate((default_rules_dir() / "entities.yaml").read_text().splitlines(), 1)
                if text.strip() == "name: Mustafa al-Kadhimi")
    warnings = [w for w in result.stderr.splitlines() if w.startswith("attrib: warning:")]
    assert warnings == [
        'attrib: warning: tests/data/rules-near-duplicate/entities.yaml:3:9: name "Mustafa al-Kadimy" of '
        f'"mustafa-kadimy" is close to name "Mustafa al-Kadhimi" of "mustafa-al-kadhimi" ({SHIPPED}:{line}, '
        "similarity 100): a misspelling could match either"]


def test_check_reports_a_missing_directory(runner, tmp_path):
    result = runner.invoke(cli, ["rules", "check", "--rules", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert result.stdout == f"{tmp_path / 'nowhere'}: rules directory not found (check --rules or ATTRIB_RULES)\n"


# -------------------------------------------------------------------- rules who


@pytest.mark.parametrize("args, first_line", [
    (["Kazemi", "--date", "2020-12-24"], "Kazemi  ->  Mustafa al-Kadhimi  (mustafa-al-kadhimi, person)"),
    (["Iraqi Prime Minister", "--date", "2023-12-14"],
     "Iraqi Prime Minister  ->  Mohammed Shia al-Sudani  (mohammed-shia-al-sudani, person)"),
    (["Iraqi Prime Minister", "--date", "2021-06-01"],
     "Iraqi Prime Minister  ->  Mustafa al-Kadhimi  (mustafa-al-kadhimi, person)"),
], ids=["alias", "title-2023", "title-2021"])
def test_who_answers_with_the_shipped_rules(runner, args, first_line):
    result = runner.invoke(cli, ["rules", "who", *args])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == first_line


def test_who_shows_the_title_holders_and_what_the_date_changed(runner, small_rules, monkeypatch):
    monkeypatch.chdir(small_rules.parent)
    result = runner.invoke(cli, ["rules", "who", "Iraqi Prime Minister", "--date", "2023-12-14",
                                 "--no-default-rules", "--rules", "small-rules"])
    assert result.exit_code == 0, result.output
    assert result.stdout == textwrap.dedent("""\
        Iraqi Prime Minister  ->  Mohammed Shia al-Sudani  (mohammed-shia-al-sudani, person)
          match:         role: "Iraqi Prime Minister", an alias of the title "Prime Minister of Iraq"
          confidence:    0.92
          entry:         small-rules/entities.yaml:14
          on 2023-12-14: Prime Minister of Iraq
          holders:
             2020-05-07 to 2022-10-27  Mustafa al-Kadhimi
           > 2022-10-27 to now         Mohammed Shia al-Sudani
          the date:      picked the holder on 2023-12-14; without a date: ambiguous between Mustafa al-Kadhimi, Mohammed Shia al-Sudani
          runners-up:    none
        """)


def test_who_shows_a_fuzzy_match_and_its_score(runner, small_rules):
    result = runner.invoke(cli, ["rules", "who", "Kadhimy", "--no-default-rules", "--rules", str(small_rules)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:3] == [
        "Kadhimy  ->  Mustafa al-Kadhimi  (mustafa-al-kadhimi, person)",
        '  match:         fuzzy, similarity 100.0 to "Kazemi" (on transliteration skeletons)',
        "  confidence:    0.90"]


def test_who_an_unknown_name(runner, small_rules):
    result = runner.invoke(cli, ["rules", "who", "Capt. Bill Urban", "--no-default-rules", "--rules", str(small_rules)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ("Capt. Bill Urban  ->  not in the registry\n"
                             "  (attrib rules suggest ARTICLE... prints an entry to add for names the articles use)\n")


def test_who_refuses_a_bad_date(runner):
    result = runner.invoke(cli, ["rules", "who", "the premier", "--date", "2021-13-01"])
    assert result.exit_code == 2
    assert 'date "2021-13-01" is not a date (use YYYY-MM-DD, e.g. --date 2020-12-24)' in result.stderr


# ---------------------------------------------------- layering: the user's rules


def test_an_alias_in_a_user_directory_resolves_in_the_next_analysis(runner, tmp_path, write_article):
    article = write_article("""
        Iraq vows to find rocket attackers

        BAGHDAD — Rockets struck near the US embassy on Sunday night.

        "Those who did this will be punished," Mustafa Mshatat said in a televised address on Monday.
    """)
    before = runner.invoke(cli, ["analyze", "-q", "--format", "jsonl", str(article)])
    assert speakers(before.stdout) == [("Mustafa Mshatat", None)]
    defaults = digest(default_rules_dir())

    mine = tmp_path / "my-rules"
    mine.mkdir()
    (mine / "entities.yaml").write_text("# My additions\n- id: mustafa-al-kadhimi\n  aliases: [Mustafa Mshatat]\n",
                                        encoding="utf-8")
    after = runner.invoke(cli, ["analyze", "-q", "--format", "jsonl", "--rules", str(mine), str(article)])
    assert after.exit_code == 0, after.output
    assert speakers(after.stdout) == [("Mustafa al-Kadhimi", "mustafa-al-kadhimi")]
    assert digest(default_rules_dir()) == defaults


# ----------------------------------------------------------------- rules suggest


SPOKESMAN_ARTICLE = """
    Fire destroys fuel depot in Basra

    BASRA — A fire destroyed a fuel depot near the port on Monday.

    "Nobody was hurt and the fire is under control," Basra police spokesman Karim Dawood told reporters.

    Dawood said the cause of the fire was not yet known.
"""


def test_suggest_prints_an_entry_and_its_evidence(runner, small_rules, write_article):
    article = write_article(SPOKESMAN_ARTICLE)
    result = runner.invoke(cli, ["rules", "suggest", "--no-default-rules", "--rules", str(small_rules), str(article)])
    assert result.exit_code == 0, result.output
    assert result.stdout == textwrap.dedent("""\
        # Karim Dawood: speaker; 2 mentions in 1 article; seen as "Basra police spokesman Karim Dawood", "Dawood"
        # nearest in the registry: Mustafa al-Kadhimi (mustafa-al-kadhimi), similarity 50.0
        # a new entry (type "person" is a guess: check it)
        - id: karim-dawood
          name: Karim Dawood
          type: person
        """)
    assert result.stderr == ("attrib: 1 unregistered name in 1 article; nothing written: paste what you keep into "
                             "your rules directory's entities.yaml and pass it with --rules\n")


def test_suggest_lists_an_unregistered_spokesman_with_a_snippet_that_works(runner, tmp_path, write_article):
    article = write_article(SPOKESMAN_ARTICLE)
    result = runner.invoke(cli, ["rules", "suggest", str(article)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith('# Karim Dawood: speaker; 2 mentions in 1 article; seen as '
                                    '"Basra police spokesman Karim Dawood", "Dawood"\n')
    assert "- id: karim-dawood\n  name: Karim Dawood\n  type: person\n" in result.stdout

    mine = tmp_path / "my-rules"
    mine.mkdir()
    (mine / "entities.yaml").write_text(result.stdout, encoding="utf-8")
    after = runner.invoke(cli, ["analyze", "-q", "--format", "jsonl", "--rules", str(mine), str(article)])
    assert after.exit_code == 0, after.output
    assert speakers(after.stdout) == [("Karim Dawood", "karim-dawood"), ("Karim Dawood", "karim-dawood")]
    assert json.loads(after.stdout)["unresolved"] == []


def test_suggest_never_writes_the_rules(runner, tmp_path, write_article):
    article = write_article(SPOKESMAN_ARTICLE)
    mine = tmp_path / "my-rules"
    mine.mkdir()
    text = "# Kept as the user wrote it.\n- id: mustafa-al-kadhimi   # the PM\n  aliases: [Mustafa Mshatat]\n"
    (mine / "entities.yaml").write_text(text, encoding="utf-8")
    defaults = digest(default_rules_dir())
    result = runner.invoke(cli, ["rules", "suggest", "--rules", str(mine), str(article)])
    assert result.exit_code == 0, result.output
    assert (mine / "entities.yaml").read_text(encoding="utf-8") == text
    assert sorted(p.name for p in mine.iterdir()) == ["entities.yaml"]
    assert digest(default_rules_dir()) == defaults


def test_suggest_reports_unreadable_inputs_and_exits_1(runner, tmp_path, write_article):
    article = write_article(SPOKESMAN_ARTICLE)
    result = runner.invoke(cli, ["rules", "suggest", str(article), str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    assert f"attrib: {tmp_path / 'missing.txt'}: no such file or directory\n" in result.stderr
    assert "- id: karim-dawood" in result.stdout


def test_the_readme_worked_example_works(runner, at_root):
    example = (ROOT / "tests/data/readme-example/entities.yaml").read_text(encoding="utf-8")
    assert f"```yaml\n{example}```" in (ROOT / "README.md").read_text(encoding="utf-8")
    mine = ["--rules", "tests/data/readme-example"]
    check = runner.invoke(cli, ["rules", "check", *mine])
    assert check.exit_code == 0, check.output
    assert check.stdout == ""
    cases = [(["Mustafa Mshatat"], "Mustafa al-Kadhimi"),
             (["Iraqi Defence Minister", "--date", "2030-03-01"], "Karim Haddad"),
             (["Iraqi Defence Minister", "--date", "2024-03-01"], "Thabet al-Abbasi")]
    for args, who in cases:
        result = runner.invoke(cli, ["rules", "who", *args, *mine])
        assert result.stdout.splitlines()[0].split("  ->  ")[1].startswith(who + "  ("), result.stdout


def test_who_an_alias_shared_on_purpose_stays_ambiguous(runner, at_root):
    result = runner.invoke(cli, ["rules", "who", "Abu Ali", "--no-default-rules", "--rules", "tests/data/rules-shared-alias"])
    assert result.exit_code == 0, result.output
    assert result.stdout == textwrap.dedent("""\
        Abu Ali  ->  ambiguous: Hamid Jaber, Hamid Jabir
          match:         "Abu Ali" names several entities
          confidence:    0.30 (an article naming one of them settles it)
        """)
