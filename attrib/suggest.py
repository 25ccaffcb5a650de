"""Registry entries for the parties articles name but the registry lacks (``attrib rules suggest``).

Nothing here writes a rules file: the suggestions are YAML text for the user
to read, correct and paste into their own rules directory, whose comments and
layout stay theirs.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from .model import Analysis, Resolution
from .names import fold, name_key
from .pipeline import resolver_for
from .resolve import Candidate, Resolver, looks_like_person, spelling_variants
from .rules import Registry, entry_yaml

ALIAS_CUTOFF = 80.0  # a registered name this close, word by word, suggests a new spelling of it
_DETERMINERS = frozenset({"the", "a", "an", "some", "several", "many", "other", "these", "those", "its", "their"})
_MAX_WORDS = 6  # longer mentions are descriptions ("correspondents in the eastern districts"), not names


@dataclass(frozen=True)
class Suggestion:
    """One unregistered party, how often the articles name it, and the YAML that would register it."""

    name: str
    roles: tuple[str, ...]  # speaker, accuser, accused: how the articles use it
    mentions: int
    articles: int
    seen_as: tuple[str, ...]  # the article's own words, a few of them
    type: str  # the guessed entity type (for a new entity)
    nearest: Candidate | None
    extends: str | None  # the id of the registered entity this is likely a spelling of
    snippet: str  # YAML for a user's entities.yaml


def suggest(analyses: Iterable[Analysis], registry: Registry) -> list[Suggestion]:
    """Suggestions for the unresolved speakers, accusers and accused, most mentioned first."""
    resolver = resolver_for(registry)
    counts: Counter[str] = Counter()
    roles: dict[str, dict[str, None]] = {}
    seen_as: dict[str, dict[str, None]] = {}
    articles: dict[str, set[str]] = {}
    for analysis in analyses:
        source = analysis.article.source
        parties = [(c.speaker, c.mention.text if c.mention else None, "speaker") for c in analysis.claims]
        for blame in analysis.blames:
            if blame.claim is None:  # the accuser of a blame drawn from a claim is that claim's speaker
                parties.append((blame.accuser, blame.accuser_mention.text if blame.accuser_mention else None, "accuser"))
            parties.append((blame.accused, blame.accused_mention.text, "accused"))
        for resolution, words, role in parties:
            if not _wanted(resolution, resolver):
                continue
            name = resolution.name  # type: ignore[union-attr]
            counts[name] += 1
            roles.setdefault(name, {})[role] = None
            seen_as.setdefault(name, {})[" ".join((words or name).split())] = None
            articles.setdefault(name, set()).add(source)
    # "Hale" after "Martin Hale": the surname is his, and registering the full name covers it.
    people = {name_key(n).lower().split()[-1]: n for n in counts if len(n.split()) > 1 and looks_like_person(n)}
    for name in [n for n in counts if len(n.split()) == 1]:
        full = people.get(name_key(name).lower())
        if full is not None:
            counts[full] += counts.pop(name)
            roles[full].update(roles.pop(name))
            seen_as[full].update(seen_as.pop(name))
            articles[full] |= articles.pop(name)
    taken = set(registry.entities)
    out = []
    for name, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].lower())):
        nearest = next(iter(resolver.fuzzy_candidates(name, limit=1)), None)
        kind = _guess_type(name, tuple(roles[name]), tuple(seen_as[name]), registry, resolver)
        extends = None
        if nearest is not None and nearest.score >= ALIAS_CUTOFF and spelling_variants(
                name_key(name).lower(), name_key(nearest.matched).lower(), ALIAS_CUTOFF):
            extends = nearest.entity.id
        if extends is not None:
            snippet = entry_yaml({"id": extends, "aliases": [name]})
        else:
            new_id = _new_id(name, taken)
            taken.add(new_id)
            snippet = entry_yaml({"id": new_id, "name": name, "type": kind})
        out.append(Suggestion(name, tuple(roles[name]), count, len(articles[name]), tuple(seen_as[name])[:3],
                              kind, nearest, extends, snippet))
    return out


def _wanted(resolution: Resolution | None, resolver: Resolver) -> bool:
    """A name worth registering: not a pronoun, a bare common noun or a registered name the article leaves ambiguous.

    An ambiguous new spelling ("Hamid Jabeer" between "Hamid Jaber" and "Hamid
    Jabir") is worth an alias; an ambiguous title or shared name ("the premier")
    is not: only the article can say whose it is.
    """
    if resolution is None or resolution.entity is not None:
        return False
    if resolution.method == "ambiguous":
        if resolver.registry.entries(resolution.name):
            return False
    elif resolution.method != "unresolved":
        return False
    words = resolution.name.split()
    if not words or len(words) > _MAX_WORDS:
        return False
    nominals = resolver.registry.cues.nominals
    content = [w for w in words if w.lower() not in _DETERMINERS]
    # "officials", "the embassy", "Supporters": a class of party the article leaves unnamed.
    return any(w.lower().strip(".,'’") not in nominals for w in content)


def _guess_type(name: str, roles: tuple[str, ...], seen_as: tuple[str, ...], registry: Registry,
                resolver: Resolver) -> str:
    """The entity type a name most likely has; the snippet is the user's to correct."""
    words = name_key(name).lower().split()
    last = words[-1] if words else ""
    by_type = Counter(e.type for e in registry.entities.values()
                      if e.type != "person" and len(name_key(e.name).split()) > 1
                      and name_key(e.name).lower().split()[-1] == last)
    if by_type:
        kind, count = by_type.most_common(1)[0]
        if count >= 2 and count == sum(by_type.values()):
            return kind  # "... News Agency" is media, "... Council" an organization
    if registry.cues.nominals.get(last) == "office":
        return "organization"
    if not any(ch.isupper() for ch in name):
        return "label" if "accused" in roles else "people"
    # "the Dockside Front": a capitalised name after "the" is not a person's.
    after_the = any(w.lower().endswith("the " + name.lower()) for w in seen_as)
    if not after_the and len(words) >= 2 and looks_like_person(name) and resolver.person_name(name) is not None:
        return "person"
    return "group" if after_the and "accused" in roles else "organization"


def _new_id(name: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", fold(name).lower()).strip("-") or "entity"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate
