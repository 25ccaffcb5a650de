"""Rules files are read with safe semantics: hostile YAML gives problems by line, never a hang or a crash."""
from __future__ import annotations

import os
import time

import pytest

import attrib
from attrib.rules import MAX_DEPTH


def problems(tmp_path, name: str, text: str) -> list[str]:
    rules = tmp_path / "rules"
    rules.mkdir(exist_ok=True)
    (rules / name).write_text(text, encoding="utf-8")
    with pytest.raises(attrib.RulesError) as caught:
        attrib.load_rules([rules], defaults=False)
    shown = os.path.relpath(rules / name)
    return [line.replace(shown, name) for line in str(caught.value).splitlines()]


def test_python_tags_are_refused(tmp_path):
    assert problems(tmp_path, "cues.yaml", "speech: !!python/object/apply:os.system [echo hacked]\n") == [
        'cues.yaml:1:9: tag "!!python/object/apply:os.system" is not allowed: rules are read as plain YAML only']


def test_a_recursive_alias_is_a_problem_not_a_hang(tmp_path):
    assert problems(tmp_path, "entities.yaml", "- &a [*a]\n") == ["entities.yaml:1:3: entity must be a mapping"]


def test_billion_laughs_is_read_in_linear_time(tmp_path):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for level in "bcdefghijk":
        lines.append(f"{level}: &{level} [{', '.join(['*' + chr(ord(level) - 1)] * 9)}]")
    lines.append("speech: {clause: *k, object: [*k, *k]}")
    started = time.perf_counter()
    found = problems(tmp_path, "cues.yaml", "\n".join(lines) + "\n")
    assert time.perf_counter() - started < 5
    assert found[0] == 'cues.yaml:1:1: cues: unknown key "a"'
    assert len(found) == len(set(found)), "a node reached through many aliases is reported once"


def test_nesting_deeper_than_libyaml_can_compose_is_refused(tmp_path):
    depth = 50_000  # composing this overflows libyaml's C stack: a segmentation fault, not an exception
    assert problems(tmp_path, "entities.yaml", "[" * depth + "]" * depth) == [
        f"entities.yaml:1:1: syntax error: nested more than {MAX_DEPTH} levels deep"]


def test_a_regular_expression_nested_too_deeply_is_a_problem(tmp_path):
    pattern = "(" * 5000 + ")" * 5000
    assert problems(tmp_path, "outlets.yaml", f'boilerplate: ["{pattern}"]\n') == [
        'outlets.yaml:1:15: "boilerplate": invalid regular expression: nested too deeply']


def test_binary_rules_file_is_a_problem(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "cues.yaml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(attrib.RulesError) as caught:
        attrib.load_rules([rules], defaults=False)
    assert str(caught.value) == f"{os.path.relpath(rules / 'cues.yaml')}:1:1: cannot be read: not UTF-8 text"


def test_a_forbidden_character_is_pointed_at_in_one_line(tmp_path):
    assert problems(tmp_path, "cues.yaml", "speech:\n  clause: [say\x00]\n") == [
        "cues.yaml:2:15: syntax error: character U+0000 is not allowed in YAML"]


def test_a_value_with_a_line_break_stays_on_its_problem_line(tmp_path):
    assert problems(tmp_path, "entities.yaml", '- {id: a, name: A, type: "per\\nson"}\n') == [
        'entities.yaml:1:26: entity "a": "type" must be one of person, organization, government, group, label, '
        'people, media (got "per\\nson") (did you mean "person"?)']
