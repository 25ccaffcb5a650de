"""Shared fixtures: the shipped registry, a small registry built in code, a CliRunner, an article factory."""
from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import settings

import attrib
from attrib.rules import default_rules_dir

# Property tests: 300 examples per property in every run (CI included); HYPOTHESIS_PROFILE=deep for a long hunt.
settings.register_profile("attrib", max_examples=300)
settings.register_profile("deep", max_examples=20_000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "attrib"))

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV = SHARED / "dev"

# A registry small enough to read in a test, with the shapes the resolver must handle.
SMALL_ENTITIES = [
    {"id": "mustafa-al-kadhimi", "name": "Mustafa al-Kadhimi", "type": "person", "aliases": ["Kazemi"],
     "roles": [{"title": "Prime Minister of Iraq", "aliases": ["Iraqi Prime Minister", "the premier"],
                "office": "iraq-pm-office", "from": "2020-05-07", "to": "2022-10-27"}]},
    {"id": "mohammed-shia-al-sudani", "name": "Mohammed Shia al-Sudani", "type": "person",
     "roles": [{"title": "Prime Minister of Iraq", "aliases": ["Iraqi Prime Minister", "the premier"],
                "office": "iraq-pm-office", "from": "2022-10-27"}]},
    {"id": "iraq-pm-office", "name": "Office of the Iraqi Prime Minister", "type": "organization",
     "aliases": ["Prime Minister's Office"]},
    {"id": "us-government", "name": "United States government", "type": "government",
     "aliases": ["Washington", "US officials", "U.S. officials", "United States"]},
    {"id": "iran", "name": "Iran", "type": "government", "aliases": ["Tehran"]},
    {"id": "iran-backed-militias", "name": "Iran-backed militias", "type": "group",
     "aliases": ["Iran-aligned militias", "Iranian-backed militias", "Iran-backed militia"]},
    {"id": "unidentified-perpetrators", "name": "unidentified perpetrators", "type": "label",
     "aliases": ["perpetrators", "outlaws", "outlaw group", "crime gangs", "attackers", "terrorists"]},
]


def pytest_terminal_summary(terminalreporter) -> None:
    """Say which attrib the tests ran: the compiled build and the pure-Python one must both pass."""
    from attrib.compiled import compiled_modules

    modules = compiled_modules()
    build = f"compiled with mypyc ({len(modules)} modules)" if modules else "pure Python"
    terminalreporter.write_line(f"attrib from {Path(attrib.__file__).parent}: {build}")


@pytest.fixture(scope="session")
def registry() -> attrib.Registry:
    """The rules shipped with attrib."""
    return attrib.load_rules()


@pytest.fixture
def small_rules(tmp_path: Path) -> Path:
    """A rules directory holding SMALL_ENTITIES and the shipped cue and outlet files."""
    directory = tmp_path / "small-rules"
    directory.mkdir()
    (directory / "entities.yaml").write_text(yaml.safe_dump(SMALL_ENTITIES, sort_keys=False), encoding="utf-8")
    for name in ("cues.yaml", "outlets.yaml"):
        shutil.copy(default_rules_dir() / name, directory / name)
    return directory


@pytest.fixture
def small_registry(small_rules: Path) -> attrib.Registry:
    return attrib.load_rules([small_rules], defaults=False)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(env={"NO_COLOR": "1", "COLUMNS": "120", "ATTRIB_RULES": None})


@pytest.fixture
def write_article(tmp_path: Path):
    """Write an article (dedented) to a file and return its path."""
    def write(text: str, name: str = "article.txt") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path
    return write


def claims_of(analysis: attrib.Analysis) -> list[tuple[str | None, str]]:
    """(speaker, text) pairs of an analysis, for compact assertions."""
    text = analysis.article.text
    return [(c.speaker.name if c.speaker else None, text[c.start:c.end]) for c in analysis.claims]


def speakers_of(analysis: attrib.Analysis) -> list[str | None]:
    """The speakers of an analysis's claims, in order."""
    return [speaker for speaker, _ in claims_of(analysis)]


def blames_of(analysis: attrib.Analysis) -> set[tuple[str | None, str | None]]:
    return {(b.accuser.name if b.accuser else None, b.accused.name if b.accused else None) for b in analysis.blames}
