"""Corpora: worker processes give the same output as one process, in input order, streamed."""
from __future__ import annotations

import gzip
import json
from itertools import islice
from pathlib import Path

import pytest

from attrib import batch
from attrib.batch import Result, analyze_corpus
from attrib.cli import cli
from attrib.load import Source, count_sources

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _corpus(tmp_path: Path, copies: int = 3) -> Path:
    """A JSON Lines corpus of the samples, with a broken line and a record without text among them."""
    lines = []
    for n in range(copies):
        for path in sorted(SAMPLES.glob("0*")):
            lines.append(json.dumps({"id": f"{path.stem}-{n}", "text": path.read_text(encoding="utf-8")}))
    lines.insert(4, "{not json")
    lines.insert(9, json.dumps({"id": "no-text", "title": "nothing here"}))
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return corpus


def test_jobs_give_the_same_output_byte_for_byte(runner, tmp_path):
    corpus = _corpus(tmp_path)
    one = runner.invoke(cli, ["analyze", "--format", "jsonl", "-q", "--jobs", "1", str(corpus)])
    two = runner.invoke(cli, ["analyze", "--format", "jsonl", "-q", "--jobs", "2", str(corpus)])
    assert one.exit_code == two.exit_code == 1  # the two bad lines
    assert one.stdout == two.stdout
    assert len(one.stdout.splitlines()) == 23


def test_bad_lines_are_reported_with_their_number_and_skipped(runner, tmp_path):
    corpus = _corpus(tmp_path)
    result = runner.invoke(cli, ["analyze", "--format", "jsonl", "--jobs", "2", str(corpus)])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    errors = [r for r in records if "error" in r]
    assert [(e["line"], e["error"]) for e in errors] == [
        (5, "not valid JSON: Expecting property name enclosed in double quotes (column 2)"),
        (10, 'record has no "text" field')]
    assert f"attrib: {corpus}:5: not valid JSON" in result.stderr
    assert f'attrib: {corpus}:10: record has no "text" field' in result.stderr
    assert [r["file"] for r in records if "error" not in r][:3] == [
        "01_tigris-observer_green-zone-rockets-0", "02_capital-dispatch_us-blames-militias-0",
        "03_euphrates-wire_trump-kazemi-0"]
    assert "21 articles analyzed" in result.stderr.splitlines()[-1]


def test_gzip_corpus_and_gzip_article(runner, tmp_path):
    corpus = _corpus(tmp_path, copies=1)
    packed = tmp_path / "corpus.jsonl.gz"
    packed.write_bytes(gzip.compress(corpus.read_bytes()))
    article = tmp_path / "article.txt.gz"
    article.write_bytes(gzip.compress((SAMPLES / "02_capital-dispatch_us-blames-militias.txt").read_bytes()))
    plain = runner.invoke(cli, ["analyze", "--format", "jsonl", "-q", str(corpus)])
    result = runner.invoke(cli, ["analyze", "--format", "jsonl", "-q", str(packed), str(article)])
    lines = result.stdout.splitlines()
    assert lines[:-1] == plain.stdout.replace(f'"{corpus}"', f'"{packed}"').splitlines()
    assert json.loads(lines[-1])["blames"]


def test_standard_input_corpus_streams_with_line_numbers(runner, tmp_path):
    corpus = _corpus(tmp_path, copies=1)
    from_file = runner.invoke(cli, ["analyze", "--format", "jsonl", "-q", str(corpus)])
    from_stdin = runner.invoke(cli, ["analyze", "--format", "jsonl", "-q", "-"], input=corpus.read_bytes())
    assert from_stdin.stdout == from_file.stdout.replace(f'"{corpus}"', '"-"')


def test_all_formats_agree_across_jobs(runner, tmp_path):
    corpus = _corpus(tmp_path, copies=2)
    for fmt in ("json", "csv", "markdown"):
        one = runner.invoke(cli, ["analyze", "--format", fmt, "-q", "--jobs", "1", str(corpus)])
        two = runner.invoke(cli, ["analyze", "--format", fmt, "-q", "--jobs", "2", str(corpus)])
        assert one.stdout == two.stdout, fmt


def test_parallel_run_keeps_only_a_few_chunks_in_flight(registry):
    """Results come back while most of the corpus is still unread: memory stays flat."""
    text = (SAMPLES / "02_capital-dispatch_us-blames-militias.txt").read_text(encoding="utf-8")
    taken = 0

    def sources():
        nonlocal taken
        for n in range(2000):
            taken += 1
            yield Source(f"a{n}", text=text)

    results = batch._parallel(sources(), 2, (), True, batch._Options())
    first = list(islice(results, 3))
    assert [r.name for r in first] == ["a0", "a1", "a2"]
    assert taken <= (2 * batch.IN_FLIGHT + 2) * batch.CHUNK
    results.close()


def test_library_results_carry_records_and_lines(registry, tmp_path):
    corpus = _corpus(tmp_path, copies=1)
    results = list(analyze_corpus([str(corpus)], registry, jobs=1))
    encoded = list(analyze_corpus([str(corpus)], registry, jobs=1, encode="jsonl"))
    assert all(isinstance(r, Result) for r in results)
    assert [r.line for r in results if r.failed] == [5, 9]
    assert [json.loads(r.encoded) for r in encoded] == [r.record for r in results]
    assert [(r.claims, r.blames) for r in encoded] == [(len(r.record.get("claims", ())), len(r.record.get("blames", ())))
                                                       for r in results]
    assert all(r.record is None for r in encoded)


def test_count_sources(tmp_path):
    corpus = _corpus(tmp_path, copies=1)
    assert count_sources([str(corpus), str(SAMPLES)]) == 9 + 7
    assert count_sources(["-"]) is None


def test_quiet_means_nothing_on_stderr(runner, tmp_path):
    result = runner.invoke(cli, ["analyze", "--format", "jsonl", "-q", "--jobs", "1", str(SAMPLES)])
    assert result.exit_code == 0
    assert result.stderr == ""


@pytest.mark.parametrize("jobs", ["0", "-1", "two"])
def test_bad_jobs_is_a_usage_error(runner, jobs):
    result = runner.invoke(cli, ["analyze", "--jobs", jobs, str(SAMPLES)])
    assert result.exit_code == 2
    assert "--jobs" in result.stderr


def test_progress_bar_prints_notes_on_stderr(capsys):
    from attrib.render import ProgressBar

    with ProgressBar(3) as bar:
        bar.note("attrib: a.txt: warning: not UTF-8; decoded as Windows-1252")
        for _ in range(3):
            bar.advance()
    captured = capsys.readouterr()
    assert "attrib: a.txt: warning: not UTF-8; decoded as Windows-1252" in captured.err
    assert captured.out == ""
