"""Bad input never crashes attrib and never loses work (analyze, end to end through click).

Every test feeds one bad input between two good articles and checks the exact
line on stderr, the exit code at the end, the ``{"file", "error"}`` record and
that both good articles were still reported.
"""
from __future__ import annotations

import codecs
import gzip
import json
import os
from pathlib import Path

import pytest

import attrib.batch
from attrib.cli import cli

GOOD = """\
Rockets hit Baghdad's Green Zone

"This attack is a negative message to the world," Yehia Rasool said in a statement.
"""
GOOD_CLAIM = "This attack is a negative message to the world,"
# The same article in other encodings: curly quotes and an accent that UTF-8 would encode differently.
FOREIGN = "Café owners count the damage\n\n“We have lost everything in one night,” Yehia Rasool said in a statement.\n"
FOREIGN_CLAIM = "We have lost everything in one night,"
BAD_RULES = """\
- id: jonah-petrakis
  name: Jonah Petrakis
  type: persn
  alias: [Petrakis]
"""


@pytest.fixture
def goods(tmp_path: Path) -> tuple[Path, Path]:
    """Two good articles, analysed before and after the bad input."""
    first, last = tmp_path / "a_first.txt", tmp_path / "z_last.txt"
    for path in (first, last):
        path.write_text(GOOD, encoding="utf-8")
    return first, last


def run(runner, *args: str | Path, stdin: bytes | None = None):
    return runner.invoke(cli, ["analyze", "-q", *map(str, args)], input=stdin)


def records(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def assert_goods_reported(result, *names: str) -> None:
    reported = {r["file"]: r for r in records(result) if "error" not in r}
    for name in names:
        assert [c["text"] for c in reported[name]["claims"]] == [GOOD_CLAIM], name


def assert_one_bad(result, goods, bad: str, error: str, line: int | None = None) -> None:
    """Exit 1, one exact line on stderr, the error record between the two good ones."""
    where = f"{bad}:{line}" if line else bad
    assert result.exit_code == 1, result.output
    assert result.stderr == f"attrib: {where}: {error}\n"
    out = records(result)
    expected = {"file": bad, "error": error} | ({"line": line} if line else {})
    assert [r["file"] for r in out] == [str(goods[0]), bad, str(goods[1])]
    assert out[1] == expected
    assert_goods_reported(result, str(goods[0]), str(goods[1]))


# ------------------------------------------------------------------ per input


def test_missing_file(runner, goods, tmp_path):
    bad = str(tmp_path / "missing.txt")
    result = run(runner, "-f", "jsonl", goods[0], bad, goods[1])
    assert_one_bad(result, goods, bad, "no such file or directory")


def test_directory_without_articles(runner, goods, tmp_path):
    directory = tmp_path / "scraped"
    directory.mkdir()
    (directory / "page.pdf").write_bytes(b"%PDF-1.4")
    (directory / "README.md").write_text("not an article", encoding="utf-8")
    result = run(runner, "-f", "jsonl", goods[0], directory, goods[1])
    assert_one_bad(result, goods, str(directory), "no articles in this directory (looked for .txt, .md and .jsonl files)")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read a chmod 000 file")
def test_unreadable_file(runner, goods, tmp_path):
    bad = tmp_path / "locked.txt"
    bad.write_text(GOOD, encoding="utf-8")
    bad.chmod(0)
    try:
        result = run(runner, "-f", "jsonl", goods[0], bad, goods[1])
    finally:
        bad.chmod(0o644)
    assert_one_bad(result, goods, str(bad), "cannot be read: Permission denied")


def test_unreadable_file_simulated(runner, goods, tmp_path, monkeypatch):
    """The same failure where chmod cannot cause it (as root): reading raises PermissionError."""
    bad = tmp_path / "locked.txt"
    bad.write_text(GOOD, encoding="utf-8")
    read_bytes = Path.read_bytes

    def refuse(self):
        if self == bad:
            raise PermissionError(13, "Permission denied", str(self))
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    result = run(runner, "-f", "jsonl", goods[0], bad, goods[1])
    assert_one_bad(result, goods, str(bad), "cannot be read: Permission denied")


def test_unusable_path(runner, goods):
    """A path the system refuses to look at (too long) is one input's error, not a crash."""
    bad = "x" * 5000 + ".txt"
    result = run(runner, "-f", "jsonl", goods[0], bad, goods[1])
    assert_one_bad(result, goods, bad, "cannot be read: File name too long")


@pytest.mark.parametrize("content, kind", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
    (b"\x00" * 300, "NUL bytes"),
    (b"Title\x00\x00\x01\x02 text with NUL bytes inside", "NUL bytes"),
], ids=["pdf", "png", "only-nul", "nul-inside"])
def test_binary_file(runner, goods, tmp_path, content, kind):
    bad = tmp_path / "saved-as.txt"
    bad.write_bytes(content)
    result = run(runner, "-f", "jsonl", goods[0], bad, goods[1])
    assert_one_bad(result, goods, str(bad), f"looks like a binary file ({kind}), not an article")


@pytest.mark.parametrize("content, error", [
    (b"", "is empty"),
    (codecs.BOM_UTF8, "is empty"),
    (b"  \n\t\r\n   \n", "holds only whitespace"),
], ids=["empty", "bom-only", "whitespace"])
def test_empty_file(runner, goods, tmp_path, content, error):
    bad = tmp_path / "blank.txt"
    bad.write_bytes(content)
    result = run(runner, "-f", "jsonl", goods[0], bad, goods[1])
    assert_one_bad(result, goods, str(bad), error)


def test_broken_symlink(runner, goods, tmp_path):
    bad = tmp_path / "link.txt"
    bad.symlink_to(tmp_path / "gone.txt")
    result = run(runner, "-f", "jsonl", goods[0], bad, goods[1])
    assert_one_bad(result, goods, str(bad), f'is a broken symbolic link (its target "{tmp_path / "gone.txt"}" does not exist)')


def test_broken_symlink_inside_a_directory_is_reported(runner, tmp_path):
    directory = tmp_path / "corpus"
    directory.mkdir()
    (directory / "a.txt").write_text(GOOD, encoding="utf-8")
    (directory / "b.txt").symlink_to("nowhere.txt")
    result = run(runner, "-f", "jsonl", directory)
    assert result.exit_code == 1
    assert result.stderr == f'attrib: {directory / "b.txt"}: is a broken symbolic link (its target "nowhere.txt" does not exist)\n'
    assert_goods_reported(result, str(directory / "a.txt"))


def test_jsonl_line_that_is_not_json(runner, goods, tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    lines = [json.dumps({"id": "before", "text": GOOD}), '{"id": "broken", "text": "unterminated',
             json.dumps({"id": "after", "text": GOOD})]
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run(runner, "-f", "jsonl", goods[0], corpus, goods[1])
    assert result.exit_code == 1
    assert result.stderr == f"attrib: {corpus}:2: not valid JSON: Unterminated string starting at (column 26)\n"
    out = records(result)
    assert [r["file"] for r in out] == [str(goods[0]), "before", str(corpus), "after", str(goods[1])]
    assert out[2] == {"file": str(corpus), "error": "not valid JSON: Unterminated string starting at (column 26)",
                      "line": 2}
    assert_goods_reported(result, str(goods[0]), "before", "after", str(goods[1]))


@pytest.mark.parametrize("line, error", [
    ("[1, 2]", 'not a JSON object (a corpus line is {"text": "...", ...})'),
    ('{"id": "x"}', 'record has no "text" field'),
    ('{"text": 42}', '"text" is a number, not a string'),
    ('{"text": " \\n "}', "holds only whitespace"),
], ids=["array", "no-text", "number", "blank"])
def test_jsonl_record_without_text(runner, tmp_path, line, error):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join([json.dumps({"id": "before", "text": GOOD}), line,
                                 json.dumps({"id": "after", "text": GOOD})]) + "\n", encoding="utf-8")
    result = run(runner, "-f", "jsonl", corpus)
    assert result.exit_code == 1
    assert result.stderr == f"attrib: {corpus}:2: {error}\n"
    assert_goods_reported(result, "before", "after")


def test_jsonl_lines_are_counted_as_editors_count_them(runner, tmp_path):
    """A carriage return inside a line and a byte-order mark before the first do not shift line numbers."""
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_bytes(codecs.BOM_UTF8 + json.dumps({"id": "one", "text": GOOD}).encode() + b"\n"
                       + b'{"id": "two", "text": "a\rb\n'
                       + b"\n" + json.dumps({"id": "four", "text": GOOD}).encode() + b"\n")
    result = run(runner, "-f", "jsonl", corpus)
    assert result.stderr == f"attrib: {corpus}:2: not valid JSON: Invalid control character at (column 25)\n"
    assert_goods_reported(result, "one", "four")


def test_jsonl_record_in_windows_1252_is_decoded_with_a_warning(runner, tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_bytes(json.dumps({"id": "w", "text": FOREIGN}, ensure_ascii=False).encode("cp1252") + b"\n"
                       + json.dumps({"id": "u", "text": GOOD}).encode() + b"\n")
    result = run(runner, "-f", "jsonl", corpus)
    assert result.exit_code == 0
    assert result.stderr == f"attrib: {corpus}:1: warning: not UTF-8; decoded as Windows-1252\n"
    out = records(result)
    assert [c["text"] for c in out[0]["claims"]] == [FOREIGN_CLAIM]
    assert_goods_reported(result, "u")


def test_jsonl_record_with_lone_surrogates_is_repaired_with_a_warning(runner, tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "s", "text": "Odd \ud800 title\n\n" + GOOD.split("\n\n", 1)[1]}) + "\n"
                      + json.dumps({"id": "u", "text": GOOD}) + "\n", encoding="utf-8")
    result = run(runner, "-f", "jsonl", corpus)
    assert result.exit_code == 0
    assert result.stderr == f"attrib: {corpus}:1: warning: holds invalid Unicode (lone surrogates); replaced with U+FFFD\n"
    assert_goods_reported(result, "s", "u")


# --------------------------------------------------------------- encodings


def test_utf16_with_bom_is_decoded_with_a_warning_and_offsets_into_the_decoded_text(runner, goods, tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes(FOREIGN.encode("utf-16"))
    result = run(runner, "-f", "jsonl", goods[0], path, goods[1])
    assert result.exit_code == 0, "a warning is not a failure"
    assert result.stderr == f"attrib: {path}: warning: not UTF-8; decoded as UTF-16\n"
    record = records(result)[1]
    text = path.read_bytes().decode("utf-16")
    claim = record["claims"][0]
    assert text[claim["start"]:claim["end"]] == claim["text"] == FOREIGN_CLAIM
    assert text[claim["mention_start"]:claim["mention_end"]] == claim["mention"] == "Yehia Rasool"
    assert record["title"] == "Café owners count the damage"
    assert_goods_reported(result, str(goods[0]), str(goods[1]))


def test_utf16_without_bom_is_recognised(runner, tmp_path):
    path = tmp_path / "utf16le.txt"
    path.write_bytes(FOREIGN.encode("utf-16-le"))
    result = run(runner, "-f", "jsonl", path)
    assert result.exit_code == 0
    assert result.stderr == f"attrib: {path}: warning: not UTF-8; decoded as UTF-16LE (no byte-order mark)\n"
    assert [c["text"] for c in records(result)[0]["claims"]] == [FOREIGN_CLAIM]


def test_windows_1252_is_decoded_with_a_warning_naming_the_encoding(runner, goods, tmp_path):
    path = tmp_path / "cp1252.txt"
    path.write_bytes(FOREIGN.encode("cp1252"))
    result = run(runner, "-f", "jsonl", goods[0], path, goods[1])
    assert result.exit_code == 0
    assert result.stderr == f"attrib: {path}: warning: not UTF-8; decoded as Windows-1252\n"
    record = records(result)[1]
    text = path.read_bytes().decode("cp1252")
    claim = record["claims"][0]
    assert text[claim["start"]:claim["end"]] == claim["text"] == FOREIGN_CLAIM
    assert_goods_reported(result, str(goods[0]), str(goods[1]))


def test_gzip_data_under_a_txt_name_is_read(runner, tmp_path):
    path = tmp_path / "served-gzipped.txt"
    path.write_bytes(gzip.compress(GOOD.encode()))
    result = run(runner, "-f", "jsonl", path)
    assert result.exit_code == 0 and result.stderr == ""
    assert_goods_reported(result, str(path))


def test_corrupt_gzip_is_one_inputs_error(runner, goods, tmp_path):
    bad = tmp_path / "broken.txt.gz"
    data = gzip.compress(GOOD.encode() * 20)
    bad.write_bytes(data[:20] + b"\xff" * 16 + data[36:])
    result = run(runner, "-f", "jsonl", goods[0], bad, goods[1])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"attrib: {bad}: cannot be read: ") and result.stderr.count("\n") == 1
    assert_goods_reported(result, str(goods[0]), str(goods[1]))


# -------------------------------------------------------------------- stdin


def test_stdin_article(runner):
    result = run(runner, "-f", "jsonl", "-", stdin=GOOD.encode())
    assert result.exit_code == 0 and result.stderr == ""
    assert_goods_reported(result, "-")


def test_stdin_in_windows_1252(runner):
    result = run(runner, "-f", "jsonl", "-", stdin=FOREIGN.encode("cp1252"))
    assert result.exit_code == 0
    assert result.stderr == "attrib: -: warning: not UTF-8; decoded as Windows-1252\n"
    assert [c["text"] for c in records(result)[0]["claims"]] == [FOREIGN_CLAIM]


def test_stdin_empty(runner, goods):
    result = run(runner, "-f", "jsonl", goods[0], "-", goods[1], stdin=b"")
    assert_one_bad(result, goods, "-", "is empty")


def test_stdin_binary(runner, goods):
    result = run(runner, "-f", "jsonl", goods[0], "-", goods[1], stdin=b"%PDF-1.4\n")
    assert_one_bad(result, goods, "-", "looks like a binary file (PDF), not an article")


def test_stdin_jsonl_with_a_bad_line(runner):
    data = "\n".join([json.dumps({"id": "before", "text": GOOD}), "{oops", json.dumps({"id": "after", "text": GOOD})])
    result = run(runner, "-f", "jsonl", "-", stdin=data.encode())
    assert result.exit_code == 1
    assert result.stderr == "attrib: -:2: not valid JSON: Expecting property name enclosed in double quotes (column 2)\n"
    assert_goods_reported(result, "before", "after")


# ------------------------------------------------------------ the whole run


def test_every_bad_input_in_one_run(runner, goods, tmp_path):
    """All the failures together: one line each, in input order, the summary counts them, exit 1."""
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    pdf = tmp_path / "paper.txt"
    pdf.write_bytes(b"%PDF-1.4")
    cp1252 = tmp_path / "cp1252.txt"
    cp1252.write_bytes(FOREIGN.encode("cp1252"))
    result = runner.invoke(cli, ["analyze", "-f", "json", str(goods[0]), str(empty), str(pdf), str(cp1252),
                                 str(tmp_path / "nope.txt"), str(goods[1])])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[:4] == [f"attrib: {empty}: is empty",
                         f"attrib: {pdf}: looks like a binary file (PDF), not an article",
                         f"attrib: {cp1252}: warning: not UTF-8; decoded as Windows-1252",
                         f"attrib: {tmp_path / 'nope.txt'}: no such file or directory"]
    assert lines[4].startswith("attrib: 3 articles analyzed, 3 claims, 0 blames, 3 failed, in ")
    out = json.loads(result.stdout)
    assert [r.get("error") for r in out] == [None, "is empty", "looks like a binary file (PDF), not an article", None,
                                            "no such file or directory", None]


def test_csv_has_an_error_row(runner, goods, tmp_path):
    result = run(runner, "-f", "csv", goods[0], tmp_path / "nope.txt")
    assert result.exit_code == 1
    rows = result.stdout.splitlines()
    assert rows[-1] == f"{tmp_path / 'nope.txt'},,,error,,,,,,,,,,,,,,,no such file or directory"


def test_table_reports_good_articles_and_failures_on_stderr(runner, goods, tmp_path):
    result = run(runner, goods[0], tmp_path / "nope.txt", goods[1])
    assert result.exit_code == 1
    assert result.stderr == f"attrib: {tmp_path / 'nope.txt'}: no such file or directory\n"
    assert result.stdout.count("Yehia Rasool") == 2


def test_names_from_the_input_cannot_drive_the_terminal(runner):
    data = json.dumps({"id": "evil\x1b[2J\nname", "text": "Odd \ud800 title\n\n" + GOOD.split("\n\n", 1)[1]})
    result = run(runner, "-f", "jsonl", "-", stdin=data.encode())
    assert result.stderr == "attrib: -:1: warning: holds invalid Unicode (lone surrogates); replaced with U+FFFD\n"
    data = json.dumps({"id": "evil\x1b[2J\nname", "text": "Café"}).encode("utf-8") + b"\n{bad\n"
    result = run(runner, "-f", "jsonl", "-", stdin=data)
    assert "\x1b" not in result.stderr and result.stderr.count("\n") == 1


def test_usage_errors_keep_exit_code_2(runner, goods):
    result = runner.invoke(cli, ["analyze", "--format", "xml", str(goods[0])])
    assert result.exit_code == 2
    result = runner.invoke(cli, ["analyze", "--date", "21/12/2020", str(goods[0])])
    assert result.exit_code == 2
    assert 'date "21/12/2020" is not a date (use YYYY-MM-DD, e.g. --date 2020-12-24)' in result.stderr


# ----------------------------------------------------------- internal errors


@pytest.fixture
def crash_on_last(monkeypatch, goods):
    """A bug in the analysis that only the second good article triggers.

    Put where the batch layer calls the stages: in the compiled build (mypyc) the
    stages call one another directly, so a stage patched in its module is never reached.
    """
    analyze_source = attrib.batch.analyze_source

    def buggy(source, registry, **options):
        if source.name == str(goods[1]):
            raise KeyError("boom")
        return analyze_source(source, registry, **options)

    monkeypatch.setattr(attrib.batch, "analyze_source", buggy)


BUG = ("internal error: KeyError: 'boom' (please report it with the command that caused it; "
       "--debug shows details)")


def test_internal_error_is_one_line_for_its_input_and_the_run_goes_on(runner, goods, tmp_path, crash_on_last):
    other = tmp_path / "m_middle.txt"
    other.write_text(GOOD, encoding="utf-8")
    result = run(runner, "-f", "jsonl", goods[0], goods[1], other)
    assert result.exit_code == 1
    assert result.stderr == f"attrib: {goods[1]}: {BUG}\n"
    assert records(result)[1] == {"file": str(goods[1]), "error": BUG}
    assert_goods_reported(result, str(goods[0]), str(other))


def test_debug_shows_the_traceback_of_an_internal_error(runner, goods, crash_on_last):
    result = runner.invoke(cli, ["--debug", "analyze", "-q", "-f", "jsonl", str(goods[0]), str(goods[1])])
    assert result.exit_code == 1
    assert "Traceback (most recent call last)" in result.stderr
    assert result.stderr.endswith(f"attrib: {goods[1]}: {BUG}\n")


def test_internal_error_outside_an_input_asks_for_a_report(runner, goods, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("registry exploded")

    monkeypatch.setattr("attrib.cli.load_rules", broken)
    result = run(runner, goods[0])
    assert result.exit_code == 1
    assert result.stderr == ("attrib: internal error: RuntimeError: registry exploded (please report it with the "
                             "command that caused it; --debug shows details)\n")
    assert "Traceback" not in result.output


# -------------------------------------------------------------------- rules


def test_broken_rules_are_listed_by_line_without_a_traceback(runner, goods, tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "entities.yaml").write_text(BAD_RULES, encoding="utf-8")
    (rules / "cues.yaml").write_text("speech: !!python/object/apply:os.system [echo hacked]\n", encoding="utf-8")
    (rules / "outlets.yaml").write_text('outlets:\n  - name: "unclosed\n', encoding="utf-8")
    result = runner.invoke(cli, ["analyze", "--rules", str(rules), str(goods[0])])
    assert result.exit_code == 1
    shown = rules.resolve()  # outside the working directory, rules paths are shown absolute
    assert result.stderr.splitlines() == [
        f'attrib: {shown}/cues.yaml:1:9: tag "!!python/object/apply:os.system" is not allowed: '
        f"rules are read as plain YAML only",
        f'attrib: {shown}/entities.yaml:3:9: entity "jonah-petrakis": "type" must be one of person, organization, government, '
        f'group, label, people, media (got "persn") (did you mean "person"?)',
        f'attrib: {shown}/entities.yaml:4:3: entity: unknown key "alias" (did you mean "aliases"?)',
        f"attrib: {shown}/outlets.yaml:2:11: syntax error: unclosed quote",
    ]
    assert result.stdout == ""
    assert "Traceback" not in result.output


def test_missing_rules_directory(runner, goods, tmp_path):
    result = runner.invoke(cli, ["analyze", "--rules", str(tmp_path / "nope"), str(goods[0])])
    assert result.exit_code == 1
    assert result.stderr == (f"attrib: {(tmp_path / 'nope').resolve()}: rules directory not found "
                             f"(check --rules or ATTRIB_RULES)\n")


@pytest.mark.parametrize("content, error", [(b"", "is empty"), (b"\n \n", "holds only whitespace")],
                         ids=["empty", "blank"])
def test_corpus_without_records(runner, goods, tmp_path, content, error):
    bad = tmp_path / "corpus.jsonl"
    bad.write_bytes(content)
    result = run(runner, "-f", "jsonl", goods[0], bad, goods[1])
    assert_one_bad(result, goods, str(bad), error)
