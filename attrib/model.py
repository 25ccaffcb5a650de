"""Frozen records passed between the stages of the data flow.

Every record that points into an article carries ``start``/``end`` offsets
into ``Article.text`` (Python ``str`` indices, end exclusive) rather than
copies, so that ``article.text[start:end]`` is always the reported text.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date as Date


@dataclass(frozen=True)
class Article:
    """One decoded article and what the loader learned about it."""

    text: str
    source: str = "<text>"
    title: str | None = None
    title_span: tuple[int, int] | None = None
    outlet: str | None = None
    date: Date | None = None
    url: str | None = None
    # Character ranges of the text worth mining for claims: the front matter,
    # link lists, captions and repeated lines are left out.
    body: tuple[tuple[int, int], ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int
    is_title: bool = False


@dataclass(frozen=True)
class Quote:
    """The inside of a pair of quotation marks (marks excluded)."""

    start: int
    end: int
    paragraph: int
    closed: bool = True


@dataclass(frozen=True)
class Segments:
    paragraphs: tuple[tuple[int, int], ...]
    sentences: tuple[Sentence, ...]
    quotes: tuple[Quote, ...]


@dataclass(frozen=True)
class Mention:
    """Words of the article that name a party: "Rasool", "he", "the premier"."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Role:
    title: str
    aliases: tuple[str, ...] = ()
    office: str | None = None
    start: Date | None = None
    end: Date | None = None

    def active(self, on: Date | None) -> bool:
        if on is None:
            return True
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    source: str = ""
    line: int = 0
    # A generic category ("militias"): "the same militias" after a named group means that group.
    generic: bool = False


@dataclass(frozen=True)
class Resolution:
    """How a mention was tied to a party, and how sure that tie is."""

    name: str
    entity: Entity | None = None
    method: str = "unresolved"  # alias, surname, fuzzy, role, pronoun, nominal, office, name, unresolved
    score: float = 0.0
    matched: str | None = None
    candidates: tuple[str, ...] = ()

    @property
    def entity_id(self) -> str | None:
        return self.entity.id if self.entity else None


@dataclass(frozen=True)
class Claim:
    """Content the article attributes to a source other than itself."""

    start: int
    end: int
    kind: str  # direct, indirect, mixed, headline
    cue: str | None
    mention: Mention | None
    rule: str
    speaker: Resolution | None = None
    confidence: float = 0.0
    hedged: bool = False


@dataclass(frozen=True)
class Blame:
    """A party holding another responsible for a harmful act."""

    accuser_mention: Mention | None
    accused_mention: Mention
    cue: str
    start: int
    end: int
    rule: str
    claim: int | None = None
    accuser: Resolution | None = None
    accused: Resolution | None = None
    hedge: str | None = None
    confidence: float = 0.0


@dataclass(frozen=True)
class Unresolved:
    mention: str
    role: str  # speaker, accuser, accused
    nearest: str | None = None
    score: float | None = None


@dataclass(frozen=True)
class Analysis:
    article: Article
    claims: tuple[Claim, ...] = ()
    blames: tuple[Blame, ...] = ()
    unresolved: tuple[Unresolved, ...] = field(default_factory=tuple)
