"""The README's promise in one test: an article in, attributions out."""
from __future__ import annotations

import json

from attrib.cli import cli


def test_analyze_prints_speaker_and_claim_as_jsonl(runner, write_article):
    path = write_article("""
        Rockets hit Baghdad's Green Zone

        "This attack is a negative message to the world," Yehia Rasool said in a statement.
    """)
    result = runner.invoke(cli, ["analyze", "--format", "jsonl", "-q", str(path)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    claim = record["claims"][0]
    assert claim["speaker"] == "Yehia Rasool"
    assert claim["text"] == "This attack is a negative message to the world,"
    text = path.read_text(encoding="utf-8")
    assert text[claim["start"]:claim["end"]] == claim["text"]
    assert text[claim["mention_start"]:claim["mention_end"]] == claim["mention"] == "Yehia Rasool"
