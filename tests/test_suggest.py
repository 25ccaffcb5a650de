"""suggest.py: registry entries for the parties the articles name and the rules lack."""
from __future__ import annotations

import textwrap

import pytest

import attrib
from attrib.suggest import suggest


def analyses(registry, *texts):
    return [attrib.analyze_text(textwrap.dedent(t).lstrip(), registry, source=f"a{i}.txt") for i, t in enumerate(texts)]


def test_an_unregistered_speaker_gets_a_new_entry(small_registry):
    [s] = suggest(analyses(small_registry, """
        Fire at the port

        "Nobody was hurt," Basra police spokesman Karim Dawood told reporters on Monday.
    """), small_registry)
    assert (s.name, s.roles, s.mentions, s.articles, s.type, s.extends) == (
        "Karim Dawood", ("speaker",), 1, 1, "person", None)
    assert s.seen_as == ("Basra police spokesman Karim Dawood",)
    assert s.snippet == "- id: karim-dawood\n  name: Karim Dawood\n  type: person\n"


def test_counts_mentions_across_articles_and_folds_a_bare_surname_in(small_registry):
    found = suggest(analyses(small_registry, """
        Fire at the port

        "Nobody was hurt," Basra police spokesman Karim Dawood told reporters on Monday.

        Dawood said the cause was not known.
    """, """
        Depot fire: cause unknown

        "We are still investigating," Dawood said on Tuesday.
    """), small_registry)
    assert [(s.name, s.mentions, s.articles) for s in found] == [("Karim Dawood", 3, 2)]


def test_a_spelling_of_a_registered_name_extends_that_entry(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "entities.yaml").write_text(
        "- id: hamid-jaber\n  name: Hamid Jaber\n  type: person\n"
        "- id: hamid-jabir\n  name: Hamid Jabir\n  type: person\n", encoding="utf-8")
    registry = attrib.load_rules([rules])
    # Both registered spellings are this close: the resolver refuses to choose, the user can.
    [s] = suggest(analyses(registry, """
        Port fire

        "We will rebuild," Hamid Jabeer said.
    """), registry)
    assert s.extends in ("hamid-jaber", "hamid-jabir")
    assert s.snippet == f"- id: {s.extends}\n  aliases: [Hamid Jabeer]\n"


@pytest.mark.parametrize("text", [
    '"The attack was cowardly," officials said.',  # a class of speaker, not a name
    '"The attack was cowardly," the premier said.',  # a title: ambiguous, not unregistered
    '"The attack was cowardly," Kazemi said.',  # registered
], ids=["nominal", "ambiguous-title", "registered"])
def test_nothing_to_suggest(small_registry, text):
    assert suggest(analyses(small_registry, "Rockets hit Baghdad\n\n" + text + "\n"), small_registry) == []


@pytest.mark.parametrize("name, seen, roles, kind", [
    ("Karim Dawood", "Karim Dawood", "speaker", "person"),
    ("Dockside Front", "the Dockside Front", "accused", "group"),
    ("Port Allery police", "Port Allery police", "speaker", "organization"),
    ("saboteurs", "saboteurs", "accused", "label"),
    ("dock workers", "dock workers", "speaker", "people"),
], ids=["person", "named-group", "institution", "accused-category", "speaker-category"])
def test_type_guesses(registry, name, seen, roles, kind):
    from attrib.pipeline import resolver_for
    from attrib.suggest import _guess_type

    assert _guess_type(name, (roles,), (seen,), registry, resolver_for(registry)) == kind


def test_new_ids_do_not_collide(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "entities.yaml").write_text("- id: karim-dawood\n  name: Karim Dawud Salman\n  type: person\n",
                                         encoding="utf-8")
    registry = attrib.load_rules([rules])
    [s] = suggest(analyses(registry, """
        Fire at the port

        "Nobody was hurt," police spokesman Karim Dawood told reporters.
    """), registry)
    assert s.snippet.startswith("- id: karim-dawood-2\n")
