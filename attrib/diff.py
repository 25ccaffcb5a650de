"""Compare analyses across outlets: who reports which blame, whom they quote, which words name the accused.

The comparison reads the output contract's records (``attrib.render.analysis_record``, or one line of
``attrib analyze --format jsonl``), so that a corpus analysed once can be compared many times and fresh
analyses go through the same code. Parties are grouped by registry id, or by their name when the
registry does not know them. Nothing here reads files or prints.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, Iterable, Sequence

UNKNOWN_OUTLET = "unknown outlet"
OUTLET_FROM = ("filename", "dir")
# A blame with no accuser is the outlet's own report ("rockets were fired by an outlaw group").
OUTLET_ITSELF = "the outlet itself"
UNNAMED_SPEAKER = "unnamed speaker"
UNNAMED_PARTY = "unnamed party"


@dataclass(frozen=True)
class Party:
    """An accuser, accused or speaker: the registry's id and name, or only the name when it has no entry."""

    name: str
    id: str | None = None


@dataclass(frozen=True)
class Outlet:
    name: str
    files: tuple[str, ...]

    @property
    def articles(self) -> int:
        return len(self.files)


@dataclass(frozen=True)
class Cell:
    """How one outlet reports one (accuser, accused) pair."""

    articles: int
    blames: int
    confidence: float  # the best of its blames
    cues: tuple[str, ...]
    words: tuple[str, ...]  # the words naming the accused, most frequent first
    evidence: str  # the best blame's evidence
    files: tuple[str, ...]


@dataclass(frozen=True)
class Pair:
    """One (accuser, accused) row of the blame matrix; ``cells`` follow ``Comparison.outlets``, None where absent."""

    accuser: Party
    accused: Party
    cells: tuple[Cell | None, ...]

    @property
    def reported(self) -> int:
        return sum(cell is not None for cell in self.cells)

    @property
    def differs(self) -> bool:
        return 0 < self.reported < len(self.cells)


@dataclass(frozen=True)
class Voice:
    """A speaker and the number of claims each outlet attributes to them."""

    speaker: Party
    claims: tuple[int, ...]
    only: str | None = None  # the one outlet that quotes this speaker, when there are others to compare

    @property
    def quoted_by(self) -> int:
        return sum(count > 0 for count in self.claims)

    @property
    def differs(self) -> bool:
        return 0 < self.quoted_by < len(self.claims)


@dataclass(frozen=True)
class Naming:
    """The words each outlet uses for one accused party, most frequent first."""

    accused: Party
    words: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Comparison:
    outlets: tuple[Outlet, ...]
    pairs: tuple[Pair, ...]
    voices: tuple[Voice, ...]
    naming: tuple[Naming, ...]
    summary: tuple[str, ...]

    @property
    def differs(self) -> bool:
        """Some outlet reports a blame that another does not (voices and naming are not counted)."""
        return any(pair.differs for pair in self.pairs)


def outlet_of(record: dict[str, Any], outlet_from: str | None = None) -> str:
    """The column an analysis goes under: its outlet, or its file's name or directory with ``outlet_from``."""
    if outlet_from is None:
        return _words(record.get("outlet")) or UNKNOWN_OUTLET
    if outlet_from not in OUTLET_FROM:
        raise ValueError(outlet_from)
    file = record.get("file") or ""
    if file in ("", "-", "<text>"):
        return UNKNOWN_OUTLET
    path = PurePath(file)
    if outlet_from == "dir":
        return path.parent.name or UNKNOWN_OUTLET
    name = path.name[:-3] if path.name.lower().endswith(".gz") else path.name
    return PurePath(name).stem or UNKNOWN_OUTLET


def compare(records: Iterable[dict[str, Any]], *, outlet_from: str | None = None,
            min_confidence: float = 0.0) -> Comparison:
    """Compare analysis records by outlet; records holding an "error" are skipped (the caller reports them)."""
    files: dict[str, list[str]] = {}
    blames: dict[tuple, dict[str, list[tuple[int, str, dict[str, Any]]]]] = {}
    parties: dict[tuple, Party] = {}
    claims: dict[tuple, Counter[str]] = {}
    words: dict[tuple, dict[str, list[str]]] = {}
    for index, record in enumerate(records):
        if "error" in record:
            continue
        outlet = outlet_of(record, outlet_from)
        file = record.get("file") or ""
        files.setdefault(outlet, []).append(file)
        for blame in record.get("blames") or ():
            if blame["confidence"] < min_confidence:
                continue
            accuser = _party(parties, blame.get("accuser_id"), blame.get("accuser"), OUTLET_ITSELF)
            accused = _party(parties, blame.get("accused_id"), blame.get("accused"), UNNAMED_PARTY)
            blames.setdefault((accuser, accused), {}).setdefault(outlet, []).append((index, file, blame))
            words.setdefault(accused, {}).setdefault(outlet, []).append(_words(blame.get("accused_mention")))
        for claim in record.get("claims") or ():
            if claim["confidence"] >= min_confidence:
                speaker = _party(parties, claim.get("speaker_id"), claim.get("speaker"), UNNAMED_SPEAKER)
                claims.setdefault(speaker, Counter())[outlet] += 1

    outlets = tuple(Outlet(name, tuple(names)) for name, names in files.items())
    order = [outlet.name for outlet in outlets]
    pairs = sorted((Pair(parties[accuser], parties[accused], tuple(_cell(by.get(name, [])) for name in order))
                    for (accuser, accused), by in blames.items()),
                   key=lambda p: (not p.differs, -p.reported, -max(c.confidence for c in p.cells if c),
                                  p.accuser.name.casefold(), p.accused.name.casefold()))
    voices = sorted((Voice(parties[key], tuple(counts[name] for name in order),
                           _only(counts, order)) for key, counts in claims.items()),
                    key=lambda v: (not v.differs, -v.quoted_by, -sum(v.claims), v.speaker.name.casefold()))
    naming = sorted((Naming(parties[key], tuple(_distinct(by.get(name, [])) for name in order))
                     for key, by in words.items()),
                    key=lambda n: (-sum(bool(w) for w in n.words), n.accused.name.casefold()))
    return Comparison(outlets, tuple(pairs), tuple(voices), tuple(naming), summarize(outlets, pairs))


def summarize(outlets: Sequence[Outlet], pairs: Sequence[Pair]) -> tuple[str, ...]:
    """Plain sentences saying which outlets report the blames that not all of them report."""
    if not outlets:
        return ("No articles to compare.",)
    if len(outlets) == 1:
        return (f"Only one outlet ({outlets[0].name}): nothing to compare.",)
    sentences = []
    for pair in pairs:
        if not pair.differs:
            continue
        present = [o.name for o, cell in zip(outlets, pair.cells) if cell is not None]
        absent = [o.name for o, cell in zip(outlets, pair.cells) if cell is None]
        what = f"{pair.accuser.name} -> {pair.accused.name}"
        if len(present) <= len(absent):
            sentences.append(f"Only {_join(present)} report{'s' if len(present) == 1 else ''} {what}.")
        else:
            sentences.append(f"All outlets but {_join(absent)} report {what}.")
    if not sentences:
        sentences.append(f"All {len(outlets)} outlets report the same blames." if pairs
                         else "No outlet reports anyone blaming anyone.")
    return tuple(sentences)


def _party(parties: dict[tuple, Party], id: str | None, name: str | None, nobody: str) -> tuple:
    """The grouping key of a party, remembering the first name seen for it."""
    name = _words(name) or nobody
    key = ("id", id) if id else ("name", name.casefold())
    parties.setdefault(key, Party(name, id or None))
    return key


def _cell(found: list[tuple[int, str, dict[str, Any]]]) -> Cell | None:
    if not found:
        return None
    best = max((blame for _, _, blame in found), key=lambda blame: blame["confidence"])
    articles = dict.fromkeys((index, file) for index, file, _ in found)
    return Cell(articles=len(articles), blames=len(found), confidence=best["confidence"],
                cues=_distinct([blame.get("cue") or "" for _, _, blame in found]),
                words=_distinct([_words(blame.get("accused_mention")) for _, _, blame in found]),
                evidence=_words(best.get("evidence")), files=tuple(dict.fromkeys(file for _, file in articles)))


def _words(text: str | None) -> str:
    return " ".join((text or "").split())


def _distinct(items: list[str]) -> tuple[str, ...]:
    """Distinct non-empty strings, case-insensitively, most frequent first, then in order of appearance."""
    counts: Counter[str] = Counter()
    first: dict[str, str] = {}
    for item in items:
        if item:
            key = item.casefold()
            first.setdefault(key, item)
            counts[key] += 1
    return tuple(first[key] for key in sorted(first, key=lambda k: -counts[k]))


def _only(counts: Counter[str], order: list[str]) -> str | None:
    quoting = [name for name in order if counts[name]]
    return quoting[0] if len(quoting) == 1 and len(order) > 1 else None


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
