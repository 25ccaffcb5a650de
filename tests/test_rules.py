"""rules.py: reading, layering and validating the rules directories.

Each broken rules directory in tests/data/ holds one kind of mistake; the
expected report is the exact ``path:line:col: message`` list, paths relative
to the checkout (the tests run from its root).
"""
from __future__ import annotations

import datetime
import hashlib
import time
import textwrap
from pathlib import Path

import pytest

import attrib
from attrib.rules import _display, MAX_DEPTH, default_rules_dir, load_rules

# The shipped entities file as messages show it: rules/ in a checkout, site-packages when installed.
SHIPPED = _display(default_rules_dir() / "entities.yaml")

ROOT = Path(__file__).resolve().parents[1]
DATA = "tests/data"


@pytest.fixture(autouse=True)
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def default_line(fragment: str, after: str = "") -> int:
    """The line of the shipped entities.yaml holding ``fragment`` (first after ``after``)."""
    lines = (default_rules_dir() / "entities.yaml").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line)
    return next(i for i, line in enumerate(lines[start:], start) if fragment in line) + 1


def problems(*dirs: str, defaults: bool = False) -> list[str]:
    with pytest.raises(attrib.RulesError) as caught:
        load_rules([f"{DATA}/{d}" for d in dirs], defaults=defaults)
    return str(caught.value).splitlines()


# (rules directories, layered over the defaults?, the report)
PROBLEM_CASES = {
    "tab": (["rules-tab"], False, [
        "tests/data/rules-tab/entities.yaml:3:1: syntax error: tab character (indent with spaces)"]),
    "bad-indentation": (["rules-indentation"], False, [
        "tests/data/rules-indentation/entities.yaml:6:6: syntax error: bad indentation"]),
    "unclosed-quote": (["rules-unclosed-quote"], False, [
        "tests/data/rules-unclosed-quote/entities.yaml:2:9: syntax error: unclosed quote"]),
    "unclosed-bracket": (["rules-unclosed-bracket"], False, [
        'tests/data/rules-unclosed-bracket/entities.yaml:3:12: syntax error: unclosed "["']),
    "colon-in-value": (["rules-colon-in-value"], False, [
        'tests/data/rules-colon-in-value/entities.yaml:4:18: syntax error: a value containing ": " must be quoted']),
    "python-tag": (["rules-python-tag"], False, [
        'tests/data/rules-python-tag/entities.yaml:2:9: tag "!!python/object/apply:os.system" is not allowed: '
        "rules are read as plain YAML only"]),
    "unknown-key": (["rules-unknown-key"], False, [
        'tests/data/rules-unknown-key/entities.yaml:4:3: entity: unknown key "alias" (did you mean "aliases"?)',
        'tests/data/rules-unknown-key/entities.yaml:7:7: entity "hamid-jaber": role: unknown key "form" '
        '(did you mean "from"?)']),
    "missing-id": (["rules-missing-id"], False, [
        'tests/data/rules-missing-id/entities.yaml:5:3: entity is missing "id"']),
    "missing-name": (["rules-missing-name"], False, [
        'tests/data/rules-missing-name/entities.yaml:1:3: entity "hamid-jaber" is missing "name"']),
    "extension-with-misspelled-id": (["rules-extend-typo"], True, [
        'tests/data/rules-extend-typo/entities.yaml:2:3: entity "mustafa-al-kadimi": no earlier entity has this id '
        '(did you mean "mustafa-al-kadhimi"?); a new entity needs "name" and "type"']),
    "wrong-types": (["rules-wrong-types"], False, [
        'tests/data/rules-wrong-types/entities.yaml:2:9: entity "hamid-jaber": "name" must be a non-empty string',
        'tests/data/rules-wrong-types/entities.yaml:3:9: entity "hamid-jaber": "type" must be one of person, '
        'organization, government, group, label, people, media (got "persn") (did you mean "person"?)',
        'tests/data/rules-wrong-types/entities.yaml:4:12: entity "hamid-jaber": "aliases" must be a list',
        'tests/data/rules-wrong-types/entities.yaml:5:12: entity "hamid-jaber": "generic" must be true or false',
        'tests/data/rules-wrong-types/entities.yaml:8:17: entity "hamid-jaber": role "multiple" must be true or false']),
    "bad-dates": (["rules-bad-date"], False, [
        'tests/data/rules-bad-date/entities.yaml:6:13: entity "hamid-jaber": role "Governor of Basra": '
        '"2021-02-30" is not a date (use YYYY-MM-DD)',
        'tests/data/rules-bad-date/entities.yaml:7:11: entity "hamid-jaber": role "Governor of Basra": '
        "dates must be written YYYY-MM-DD"]),
    "role-ends-before-it-starts": (["rules-role-ends-before-start"], False, [
        'tests/data/rules-role-ends-before-start/entities.yaml:7:11: entity "hamid-jaber": role "Governor of Basra" '
        "ends (2021-03-01) before it starts (2023-06-01)"]),
    "overlapping-holders": (["rules-overlap"], False, [
        'tests/data/rules-overlap/entities.yaml:13:7: role "Governor of Basra" of "salim-kareem" (2023-01-15 to now) '
        'overlaps that of "hamid-jaber" (2021-03-01 to 2023-06-01, line 5)']),
    "alias-clash-in-one-file": (["rules-alias-clash"], False, [
        'tests/data/rules-alias-clash/entities.yaml:9:13: alias "Abu Ali" already belongs to "hamid-jaber" (line 4)']),
    "alias-clash-across-files": (["rules-clash-base", "rules-clash-user"], False, [
        'tests/data/rules-clash-user/entities.yaml:5:35: alias "Hamed Jaber" already belongs to "hamid-jaber" '
        "(tests/data/rules-clash-base/entities.yaml:4)"]),
    "clash-with-the-defaults": (["rules-clash-default"], True, [
        'tests/data/rules-clash-default/entities.yaml:2:9: name "Mustafa Kazemi" already belongs to '
        f'"mustafa-al-kadhimi" as "Mustafa al-Kazemi" ({SHIPPED}:{default_line("Mustafa al-Kazemi")})',
        'tests/data/rules-clash-default/entities.yaml:4:13: alias "Kazemi" already belongs to "mustafa-al-kadhimi" '
        f"({SHIPPED}:{default_line('Kazemi')})"]),
    "cues-and-outlets": (["rules-cues-outlets"], False, [
        'tests/data/rules-cues-outlets/cues.yaml:3:13: hedge "factor" must be a number from 0 to 1',
        'tests/data/rules-cues-outlets/outlets.yaml:4:16: outlet "Basra Times": "patterns": invalid regular '
        "expression: missing ), unterminated subpattern at position 0",
        'tests/data/rules-cues-outlets/outlets.yaml:5:5: outlet is missing "name"']),
    "given-names": (["rules-given-names"], False, [
        'tests/data/rules-given-names/cues.yaml:3:3: "given_names" has "femal": the keys are female and male']),
    "all-at-once-sorted": (["rules-many"], False, [
        'tests/data/rules-many/cues.yaml:4:3: speech: unknown key "objet" (did you mean "object"?)',
        'tests/data/rules-many/cues.yaml:8:13: hedge "factor" must be a number from 0 to 1',
        'tests/data/rules-many/entities.yaml:7:11: entity "hamid-jaber": role "Governor of Basra" ends (2020-01-01) '
        "before it starts (2021-03-01)",
        'tests/data/rules-many/entities.yaml:9:3: entity "salim-kareem" is missing "name"',
        'tests/data/rules-many/entities.yaml:10:3: entity: unknown key "nmae" (did you mean "name"?)',
        'tests/data/rules-many/entities.yaml:12:13: alias "Hamid Jaber" already belongs to "hamid-jaber" (line 2)']),
}


@pytest.mark.parametrize("dirs, defaults, expected", PROBLEM_CASES.values(), ids=PROBLEM_CASES.keys())
def test_every_problem_is_reported_where_it_is(dirs, defaults, expected):
    assert problems(*dirs, defaults=defaults) == expected


def test_problems_are_also_available_as_records():
    with pytest.raises(attrib.RulesError) as caught:
        load_rules([f"{DATA}/rules-overlap"], defaults=False)
    [problem] = caught.value.problems
    assert (problem.path, problem.line, problem.column) == ("tests/data/rules-overlap/entities.yaml", 13, 7)


@pytest.mark.parametrize("name", ["rules-shared-alias", "rules-multiple-holders", "rules-clash-base"])
def test_intended_sharing_is_clean(name):
    registry = load_rules([f"{DATA}/{name}"], defaults=False)
    assert registry.warnings == ()


def test_a_shared_alias_names_both_entities(tmp_path):
    registry = load_rules([f"{DATA}/rules-shared-alias"], defaults=False)
    assert sorted(e.entity_id for e in registry.entries("Abu Ali")) == ["hamid-jaber", "hamid-jabir"]


def test_missing_directory_names_the_option(tmp_path):
    missing = tmp_path / "nowhere"
    with pytest.raises(attrib.RulesError) as caught:
        load_rules([missing], defaults=False)
    assert str(caught.value).endswith("nowhere: rules directory not found (check --rules or ATTRIB_RULES)")


def test_unknown_rules_file_is_a_warning(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "entity.yaml").write_text("- id: x\n", encoding="utf-8")
    registry = load_rules(["mine"], defaults=False)
    assert [str(w) for w in registry.warnings] == [
        'mine/entity.yaml:1:1: unknown rules file (expected one of entities.yaml, cues.yaml, outlets.yaml) '
        '(did you mean "entities.yaml"?)']


# ------------------------------------------------------------------ layering


def write_rules(directory: Path, entities: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "entities.yaml").write_text(textwrap.dedent(entities).lstrip(), encoding="utf-8")
    return directory


def test_a_layer_adds_aliases_to_an_existing_id(tmp_path):
    mine = write_rules(tmp_path / "mine", """
        - id: mustafa-al-kadhimi
          aliases: [Mustafa al-Kadimi]
    """)
    registry = load_rules([mine])
    assert [e.entity_id for e in registry.entries("Mustafa al-Kadimi")] == ["mustafa-al-kadhimi"]
    kadhimi = registry.entities["mustafa-al-kadhimi"]
    assert kadhimi.name == "Mustafa al-Kadhimi" and "Kazemi" in kadhimi.aliases  # the defaults are kept


def test_a_layer_ends_a_term_and_adds_the_successor(tmp_path):
    mine = write_rules(tmp_path / "mine", """
        - id: thabet-al-abbasi
          roles:
            - title: Minister of Defence of Iraq
              to: 2030-01-15
        - id: karim-haddad
          name: Karim Haddad
          type: person
          roles:
            - title: Minister of Defence of Iraq
              aliases: [Iraqi Defence Minister, the defence minister]
              office: iraq-defence-ministry
              from: 2030-01-15
    """)
    registry = load_rules([mine])
    [role] = [r for r in registry.entities["thabet-al-abbasi"].roles if r.title == "Minister of Defence of Iraq"]
    assert (role.start, role.end) == (datetime.date(2022, 10, 27), datetime.date(2030, 1, 15))
    assert "Iraqi Defense Minister" in role.aliases  # the shipped aliases stay


def test_an_overlapping_successor_without_the_end_of_term_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_rules(tmp_path / "mine", """
        - id: karim-haddad
          name: Karim Haddad
          type: person
          roles:
            - title: Minister of Defence of Iraq
              from: 2030-01-15
    """)
    with pytest.raises(attrib.RulesError) as caught:
        load_rules(["mine"])
    [message] = str(caught.value).splitlines()
    assert message == (f'mine/entities.yaml:5:7: role "Minister of Defence of Iraq" of "karim-haddad" '
                              '(2030-01-15 to now) overlaps that of "thabet-al-abbasi" (2022-10-27 to now, '
                       f'{default_rules_dir() / "entities.yaml"}:{default_line("- title: Minister of Defence", "id: thabet-al-abbasi")})')


def test_a_renamed_entity_keeps_its_old_name_as_an_alias(tmp_path):
    base = write_rules(tmp_path / "base", """
        - id: basra-brigade
          name: Basra Brigade
          type: group
    """)
    mine = write_rules(tmp_path / "mine", """
        - id: basra-brigade
          name: Southern Resistance Front
    """)
    registry = load_rules([base, mine], defaults=False)
    assert registry.entities["basra-brigade"].name == "Southern Resistance Front"
    assert [e.entity_id for e in registry.entries("Basra Brigade")] == ["basra-brigade"]


def test_sites_record_where_each_name_is_written():
    registry = load_rules([f"{DATA}/rules-clash-base"], defaults=False)
    assert [(s.surface, s.kind, s.line, s.column, s.layer) for s in registry.sites] == [
        ("Hamid Jaber", "name", 2, 9, 0), ("Hamed Jaber", "alias", 4, 13, 0)]


def test_loading_never_writes_the_rules(tmp_path):
    def digest() -> dict[str, str]:
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(default_rules_dir().glob("*.yaml"))}

    before = digest()
    mine = write_rules(tmp_path / "mine", "- id: mustafa-al-kadhimi\n  aliases: [Mustafa al-Kadimi]\n")
    text = (mine / "entities.yaml").read_text(encoding="utf-8")
    load_rules([mine])
    assert digest() == before
    assert (mine / "entities.yaml").read_text(encoding="utf-8") == text

# ------------------------------------------------ hostile YAML (safe semantics)
# A bomb, a cycle, absurd nesting or a forbidden character gives a problem at its line,
# never a hang, a crash or a second line.


def hostile(tmp_path, name: str, text: str) -> list[str]:
    rules = tmp_path / "rules"
    rules.mkdir(exist_ok=True)
    (rules / name).write_text(text, encoding="utf-8")
    with pytest.raises(attrib.RulesError) as caught:
        attrib.load_rules([rules], defaults=False)
    return [line[line.index(name):] for line in str(caught.value).splitlines()]  # paths shown from the file name


def test_python_tags_are_refused(tmp_path):
    assert hostile(tmp_path, "cues.yaml", "speech: !!python/object/apply:os.system [echo hacked]\n") == [
        'cues.yaml:1:9: tag "!!python/object/apply:os.system" is not allowed: rules are read as plain YAML only']


def test_a_recursive_alias_is_a_problem_not_a_hang(tmp_path):
    assert hostile(tmp_path, "entities.yaml", "- &a [*a]\n") == ["entities.yaml:1:3: entity must be a mapping"]


def test_billion_laughs_is_read_in_linear_time(tmp_path):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for level in "bcdefghijk":
        lines.append(f"{level}: &{level} [{', '.join(['*' + chr(ord(level) - 1)] * 9)}]")
    lines.append("speech: {clause: *k, object: [*k, *k]}")
    started = time.perf_counter()
    found = hostile(tmp_path, "cues.yaml", "\n".join(lines) + "\n")
    assert time.perf_counter() - started < 5
    assert found[0] == 'cues.yaml:1:1: cues: unknown key "a"'
    assert len(found) == len(set(found)), "a node reached through many aliases is reported once"


def test_nesting_deeper_than_libyaml_can_compose_is_refused(tmp_path):
    depth = 50_000  # composing this overflows libyaml's C stack: a segmentation fault, not an exception
    assert hostile(tmp_path, "entities.yaml", "[" * depth + "]" * depth) == [
        f"entities.yaml:1:1: syntax error: nested more than {MAX_DEPTH} levels deep"]


def test_a_regular_expression_nested_too_deeply_is_a_problem(tmp_path):
    pattern = "(" * 5000 + ")" * 5000
    assert hostile(tmp_path, "outlets.yaml", f'boilerplate: ["{pattern}"]\n') == [
        'outlets.yaml:1:15: "boilerplate": invalid regular expression: nested too deeply']


def test_binary_rules_file_is_a_problem(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "cues.yaml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(attrib.RulesError) as caught:
        attrib.load_rules([rules], defaults=False)
    assert str(caught.value).endswith("cues.yaml:1:1: cannot be read: not UTF-8 text")


def test_a_forbidden_character_is_pointed_at_in_one_line(tmp_path):
    assert hostile(tmp_path, "cues.yaml", "speech:\n  clause: [say\x00]\n") == [
        "cues.yaml:2:15: syntax error: character U+0000 is not allowed in YAML"]


def test_a_value_with_a_line_break_stays_on_its_problem_line(tmp_path):
    assert hostile(tmp_path, "entities.yaml", '- {id: a, name: A, type: "per\\nson"}\n') == [
        'entities.yaml:1:26: entity "a": "type" must be one of person, organization, government, group, label, '
        'people, media (got "per\\nson") (did you mean "person"?)']
