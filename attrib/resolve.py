"""Tie mentions ("Kazemi", "the premier", "his office", "it") to registry entities.

Order of evidence, most specific first: exact aliases by normalised key; a
person's name inside a longer mention ("Iraqi Prime Minister al-Kazemi");
dated roles ("the premier" is al-Kadhimi in 2020, al-Sudani in 2023; without
a date, the holder the article names); possessive offices ("Sudani's office");
pronouns and role nouns by the preceding text ("he", "the spokesman", "the
statement"); rapidfuzz over transliteration skeletons for spellings the
registry lacks. Exact lookups come first; fuzzy matching runs over a prepared
choice list only when nothing exact is found.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from datetime import date as Date
from functools import lru_cache
from itertools import compress
from operator import attrgetter, itemgetter
from typing import Iterable, Iterator, NamedTuple, Sequence

from rapidfuzz import fuzz, process

from .compiled import mypyc_attr
from .errors import Problem
from .model import Entity, Mention, Resolution, Role
from .names import capitalised, demonym, key_of_parts, name_key, nationality_stem, word_parts
from .rules import AliasEntry, AliasSite, Registry
from .tokens import Token, tokenize

FUZZY_CUTOFF = 88.0  # on transliteration skeletons
FUZZY_MARGIN = 4.0  # a runner-up this close makes the match ambiguous
# The classes of cues.yaml nominals that name people, not bodies: "official", "spokesman", ...
PERSON_CLASSES = frozenset({"official", "people", "spokesman", "minister", "president", "premier"})
_GENDERS = {"female": "she", "male": "he"}  # cues.yaml given_names' keys, as the pronouns they go with
_QUALIFIERS = frozenset({"at", "of", "from", "in", "with", "for", "who", "which", "that"})
_POST_NOMINALS = frozenset({"KC", "QC", "MP", "MEP", "Jr", "Sr", "OBE", "MBE", "CBE", "PhD"})
_PATRONYMICS = frozenset({"bin", "ibn", "bint", "ben", "abu"})  # "son of", "father of": inside an Arabic name
_RECENT = 40  # earlier subjects and speakers a role noun's unregistered body is looked for among
_RECENT_SPEAKERS = 200  # earlier speakers and named parties a role noun ("the statement", "the embassy") may mean
_CACHE_SIZE = 16_384  # distinct words and mentions remembered per resolver
_text = attrgetter("text")
_position = itemgetter(0)
_DROPPED = frozenset({"the", "a", "an", "al", "el"})  # words a name key leaves out before a name
_FUZZY_TYPES = frozenset({"person", "group", "organization", "media"})  # governments and labels go by exact names
RUNNER_UP_CUTOFF = 60.0  # nearer names than this are worth showing in ``rules who``
_KIND_RANK = {"name": 0, "alias": 0, "role": 1, "surname": 2}
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
_THING_PRONOUNS = frozenset({"it", "its"})
_PLURAL_PRONOUNS = frozenset({"they", "their", "them"})
_TITLE_WORDS = frozenset({"prime", "minister", "president", "of", "the", "for", "spokesman", "spokesperson", "to",
                          "secretary", "state", "general", "ministry", "foreign", "interior", "defence", "defense",
                          "chief", "head", "leader", "commander", "in", "and", "affairs", "government", "office"})
_GENERIC_TITLE_WORDS = _TITLE_WORDS | frozenset({"premier", "spokesperson", "spokeswoman", "spokespeople", "military",
                                                 "army", "deputy", "acting", "top", "senior", "official", "envoy",
                                                 "ambassador", "press", "secretary", "pm", "fm", "caretaker",
                                                 "commander", "chief", "staff", "a", "an", "cabinet", "national"})
_ANAPHORIC = frozenset({"the", "these", "those", "such", "same", "this", "that"})
_POSSESSIVE_HEAD = re.compile(
    r"^(?P<owner>.+?)(?:['’]s?|\s+(?=his|her|its|their))\s+(?P<head>media office|press office|office|statement|spokesman|spokeswoman|spokesperson)$",
    re.IGNORECASE)
_OF_HEAD = re.compile(r"^(?:the |a |an )?(?P<head>media office|press office|office|statement|spokesman|spokeswoman|spokesperson) (?:of|from|for) (?P<owner>.+)$", re.IGNORECASE)
_BY = re.compile(r"^(?:the |a |an )?(?:\w+ )?(?:statement|communiqu[eé]|release|readout|announcement|report)(?: \w+)? (?:issued |released |published |put out |read out )?(?:by|from) (?P<owner>.+?)"
                 r"(?: (?:published|released|issued|seen|obtained|dated|sent|made public)\b.*)?$", re.IGNORECASE)
_PRONOUN_OWNER = re.compile(r"^(?P<owner>his|her|its|their) (?P<head>media office|press office|office|statement|spokesman|spokesperson)$", re.IGNORECASE)
_SKELETON = ((re.compile(r"dh|th|z|dd|tt"), "d"), (re.compile(r"kh|q|ck|gh"), "k"), (re.compile(r"ou|oo|w"), "u"),
             (re.compile(r"ee|ei|ey|ie|e|y"), "i"), (re.compile(r"aa|ah\b"), "a"), (re.compile(r"(.)\1"), r"\1"))


def skeleton(key: str) -> str:
    """A transliteration skeleton: Kazemi, Kadhimi and Kathimi meet on one form."""
    for pattern, repl in _SKELETON:
        key = pattern.sub(repl, key)
    return key


@dataclass
class Context:
    """What the article has said so far: entities named (by position) and speakers resolved."""

    date: Date | None = None
    named: list[tuple[int, Entity]] = field(default_factory=list)  # (offset, entity) from the text scan
    # Names outside quotations and claims: the article's own subjects, antecedents for "he" and "it".
    prominent: list[tuple[int, Entity]] = field(default_factory=list)
    text: str = ""  # the article in lower case, to weigh which country a title belongs to
    subjects: list[tuple[int, Resolution, str]] = field(default_factory=list)  # sentence subjects, resolved
    gender: dict[str, str] = field(default_factory=dict)  # name -> "he" or "she", learned from pronouns
    sentence_starts: list[int] = field(default_factory=list)

    def sentence_start(self, position: int) -> int:
        index = bisect.bisect_right(self.sentence_starts, position) - 1
        return self.sentence_starts[index] if index >= 0 else 0
    speakers: list[tuple[int, Resolution, str]] = field(default_factory=list)  # (offset, resolution, mention text)
    surface: dict[str, Entity] = field(default_factory=dict)  # surname key -> entity resolved in this article
    people: dict[str, str] = field(default_factory=dict)  # surname key -> unregistered person named in this article
    # "Rapid Support Forces (RSF)": an acronym the article defines -> the name it stands for.
    acronyms: dict[str, str] = field(default_factory=dict)
    # "sacked manager Carlos Mendes": (offset, role noun, name) of unregistered people introduced by their role.
    introduced: list[tuple[int, str, str]] = field(default_factory=list)
    # The entities the article names with a capital ("Baghdad", "Sudani"), which say what country it is about.
    named_by_name: set[str] = field(default_factory=set)
    # Unregistered names the article calls a body ("Prison Watch Oskaria, a rights group"): "it", not "he".
    bodies: set[str] = field(default_factory=set)

    # Derived from ``named`` and rebuilt when it grows: resolution asks for them again and again.
    _named_cache: tuple[int, set[str], dict[str, Entity]] | None = field(default=None, repr=False)
    _speakers_cache: tuple[int, set[str]] | None = field(default=None, repr=False)
    _subjects_cache: tuple[int, set[int]] | None = field(default=None, repr=False)
    _speakers_sorted: list[tuple[int, Resolution, str]] = field(default_factory=list, repr=False)
    _by_kind_cache: tuple[int, dict[tuple[str, bool], list[tuple[int, Entity]]]] | None = field(default=None, repr=False)
    _counts: dict[str, int] = field(default_factory=dict, repr=False)

    @property
    def named_ids(self) -> set[str]:
        return self._named_derived()[1]

    def named_entities(self) -> Iterable[Entity]:
        """Each entity named, once, in the order of its first mention."""
        return self._named_derived()[2].values()

    def named_before(self, position: int) -> Iterator[tuple[int, Entity]]:
        """The names before ``position``, nearest first (``named`` is in text order)."""
        for k in range(bisect.bisect_left(self.named, position, key=_position) - 1, -1, -1):
            yield self.named[k]

    def last_named(self, position: int, kinds: Iterable[str], generic: bool = True) -> Entity | None:
        """The entity of one of the types ``kinds`` named last before ``position`` (generic ones too if ``generic``)."""
        by_kind = self._named_by_kind()
        best: tuple[int, Entity] | None = None
        for key in [(kind, False) for kind in kinds] + ([(kind, True) for kind in kinds] if generic else []):
            names = by_kind.get(key, [])
            k = bisect.bisect_left(names, position, key=_position) - 1
            if k >= 0 and (best is None or names[k][0] > best[0]):
                best = names[k]
        return best[1] if best is not None else None

    def _named_by_kind(self) -> dict[tuple[str, bool], list[tuple[int, Entity]]]:
        if self._by_kind_cache is None or self._by_kind_cache[0] != len(self.named):
            by_kind: dict[tuple[str, bool], list[tuple[int, Entity]]] = {}
            for position, entity in self.named:
                by_kind.setdefault((entity.type, entity.generic), []).append((position, entity))
            self._by_kind_cache = (len(self.named), by_kind)
        return self._by_kind_cache[1]

    def speakers_between(self, start: int, end: int) -> list[tuple[int, Resolution, str]]:
        """The speakers resolved at positions in ``[start, end)``, by position (in the order met when equal)."""
        if len(self._speakers_sorted) > len(self.speakers):
            self._speakers_sorted = []
        for entry in self.speakers[len(self._speakers_sorted):]:
            bisect.insort_right(self._speakers_sorted, entry, key=_position)
        return _between(self._speakers_sorted, start, end)

    def named_around(self, position: int, most: int) -> list[Entity]:
        """The entities named before ``position``, nearest first, then those named after it: ``most`` of each."""
        cut = bisect.bisect_left(self.named, position, key=_position)  # named in text order
        before = [entity for _, entity in reversed(self.named[max(0, cut - most):cut])]
        return before + [entity for p, entity in self.named[cut:cut + most + 1] if p > position]

    def speakers_before(self, position: int, most: int) -> list[tuple[int, Resolution, str]]:
        """The last ``most`` speakers resolved at positions before ``position``, by position."""
        self.speakers_between(position, position)  # brings the sorted list up to date
        end = bisect.bisect_left(self._speakers_sorted, position, key=_position)
        return self._speakers_sorted[max(0, end - most):end]

    def sentence_windows(self, position: int) -> Iterator[int]:
        """Where to start looking back from ``position``: a few sentences back, more, then the whole article."""
        index = bisect.bisect_right(self.sentence_starts, position) - 1
        for back in (3, 30):
            if index - back <= 0:
                break
            yield self.sentence_starts[index - back]
        yield -1

    def subject_positions(self) -> set[int]:
        """Where the sentence subjects stand."""
        if self._subjects_cache is None or self._subjects_cache[0] != len(self.subjects):
            self._subjects_cache = (len(self.subjects), {c[0] for c in self.subjects})
        return self._subjects_cache[1]

    def speaker_ids(self) -> set[str]:
        """The entities resolved as speakers so far."""
        if self._speakers_cache is None or self._speakers_cache[0] != len(self.speakers):
            self._speakers_cache = (len(self.speakers), {r.entity.id for _, r, _ in self.speakers if r.entity is not None})
        return self._speakers_cache[1]

    def occurrences(self, word: str) -> int:
        """How often ``word`` occurs in ``text`` (counted once per word: the text is set before resolving)."""
        count = self._counts.get(word)
        if count is None:
            count = self._counts[word] = self.text.count(word)
        return count

    def _named_derived(self) -> tuple[int, set[str], dict[str, Entity]]:
        if self._named_cache is None or self._named_cache[0] != len(self.named):
            first: dict[str, Entity] = {}
            for _, entity in self.named:
                first.setdefault(entity.id, entity)
            self._named_cache = (len(self.named), set(first), first)
        return self._named_cache

    def remember(self, position: int, resolution: Resolution, mention: str) -> None:
        """A speaker resolved: an antecedent for pronouns, and its surname for later bare surnames."""
        self.speakers.append((position, resolution, mention))
        self.learn_surname(resolution, mention)

    def introduced_as(self, role: str, position: int) -> str | None:
        """The person the article last introduced with this role noun before ``position``, else the first after."""
        cut = bisect.bisect_left(self.introduced, position, key=_position)  # introduced in text order
        before = next((name for _, word, name in reversed(self.introduced[max(0, cut - 200):cut]) if word == role), None)
        return before or next((name for _, word, name in self.introduced[cut:cut + 200] if word == role), None)

    def know_person(self, name: str) -> None:
        """An unregistered person's full name, for a later bare surname: "Mira Castell" ... "Castell"."""
        self.people.setdefault(word_parts(name)[-1], name)

    def learn_surname(self, resolution: Resolution, mention: str) -> None:
        if resolution.entity is not None and resolution.method in ("alias", "fuzzy", "name", "surname"):
            parts = word_parts(mention)
            if parts:
                self.surface.setdefault(parts[-1], resolution.entity)
        elif resolution.entity is None and resolution.method == "unresolved" and " " in resolution.name \
                and looks_like_person(resolution.name):
            parts = word_parts(resolution.name)
            if parts:
                self.people.setdefault(parts[-1], resolution.name)


def _between(entries: list, start: int, end: int) -> list:
    """The entries (position first, sorted by it) at positions in ``[start, end)``."""
    return entries[bisect.bisect_left(entries, start, key=_position):bisect.bisect_left(entries, end, key=_position)]


class _Reading(NamedTuple):
    """A mention read without its context (see ``Resolver._read``)."""

    tokens: tuple[Token, ...]
    names: tuple[AliasEntry, ...]  # the entries of the longest registered name in it, or ()
    person: bool  # that name is a registered person's
    unknown: str | None  # an unregistered person's full name in it
    nominal: str | None  # the class of its role noun ("spokesman", "office", ...)
    cleaned: str  # the display name when nothing resolves
    # More words follow that name: "the UN refugee agency" is a body of the UN, not the UN itself.
    qualified: bool = False


# Candidate, Holder and Explanation stay plain classes in the compiled build, like the records of
# model.py: what ``explain`` and ``fuzzy_candidates`` hand out pickles and copies in both builds.
@mypyc_attr(native_class=False)
@dataclass(frozen=True)
class Candidate:
    """A registered entity near a name: rapidfuzz similarity (0-100) on transliteration skeletons."""

    entity: Entity
    score: float
    matched: str  # the registry spelling it comes closest to


@mypyc_attr(native_class=False)
@dataclass(frozen=True)
class Holder:
    """One holder of a title, and whether the title was theirs on the date asked about."""

    entity: Entity
    role: Role
    active: bool


@mypyc_attr(native_class=False)
@dataclass(frozen=True)
class Explanation:
    """Why a name resolves the way it does (``attrib rules who``)."""

    name: str
    key: str  # the normalised lookup key
    date: Date | None
    resolution: Resolution  # what an article of this date that names no one else gets
    method: str  # exact, surname, role, partial, fuzzy, ambiguous, unresolved
    matched: str | None  # the registry spelling that matched: a name, alias, surname or title
    role: Role | None  # the role, when a title matched
    score: float | None  # the rapidfuzz similarity, when the match is fuzzy
    runners_up: tuple[Candidate, ...]
    candidates: tuple[Entity, ...]  # when ambiguous: the entities it could be
    holders: tuple[Holder, ...]  # everyone who holds the matched title at some date, earliest first
    undated: Resolution | None  # the resolution without the date, when the date changed it


def explain(name: str, registry: Registry, date: Date | None = None) -> Explanation:
    """How ``name`` resolves against ``registry`` on ``date``, and why."""
    return Resolver(registry).explain(name, date)


class Resolver:
    """Resolution against one registry; the fuzzy choice lists are built on first need."""

    def __init__(self, registry: Registry):
        self.registry = registry
        self.aliases = registry.aliases
        self.first_words = {key.split(" ", 1)[0] for key in self.aliases}
        self.longest = max((key.count(" ") + 1 for key in self.aliases), default=1)
        # Every word-prefix of a registered key ("iran", "iran backed", "iran backed militias"):
        # a scan stops extending a candidate name as soon as no key starts with its words.
        self._prefixes = {" ".join(words[:n]) for key in self.aliases for words in [key.split(" ")]
                          for n in range(1, len(words) + 1)}
        # Mentions and words recur across articles ("the spokesman", "Iran", "the"); what they
        # mean apart from the article's context is worked out once per resolver.
        self._entity_words: dict[str, frozenset[str]] = {}  # entity id -> the words of its names
        self._starts_name = lru_cache(maxsize=_CACHE_SIZE)(self._may_start_name)
        self._extend = lru_cache(maxsize=_CACHE_SIZE)(self._extend_name)
        self._reading = lru_cache(maxsize=_CACHE_SIZE)(self._read)
        self._ownership = lru_cache(maxsize=_CACHE_SIZE)(self._read_ownership)
        self._fuzzy_ranked = lru_cache(maxsize=_CACHE_SIZE)(self._rank_fuzzy)
        self.clean_name = lru_cache(maxsize=_CACHE_SIZE)(self._clean_name)  # type: ignore[method-assign]
        self._choices: tuple[list[str], list[str], list[str]] | None = None
        self._lengths: list[int] = []
        self._titles = sorted((name_key(t) for t in registry.cues.titles if name_key(t)), key=len, reverse=True)
        self._title_keys = frozenset(self._titles) | {name_key(w) for t in registry.cues.titles for w in t.split()}
        self._roles: list[tuple[str, Entity, Role]] | None = None

    # ------------------------------------------------------------- scanning text

    def scan(self, tokens: Sequence[Token]) -> list[tuple[int, int, tuple[AliasEntry, ...]]]:
        """Registry names in a token sequence, longest first, as (first, last + 1, entries)."""
        found = []
        n = len(tokens)
        taken = 0  # the tokens before this one belong to a name found already
        # Which words may start a name, asked for all of them in one pass (map runs in C).
        starts = compress(range(n), map(self._starts_name, map(_text, tokens)))
        for i in starts:
            if i < taken:
                continue
            best = None
            parts: tuple[str, ...] = ()
            for j in range(i, min(n, i + self.longest + 2)):
                parts, entries, last = self._extend(parts, tokens[j].text)
                if entries:
                    best = (i, j + 1, entries)
                if last:
                    break
            if best and _plausible(tokens, best[0], best[1], best[2]) and not self._other_first_name(tokens, best[0], best[2]):
                found.append(best)
                taken = best[1]
        return found

    def _extend_name(self, parts: tuple[str, ...], word: str) -> tuple[tuple[str, ...], tuple[AliasEntry, ...] | None, bool]:
        """One more word of a candidate name: the words so far, the entries they name, and whether to stop."""
        if not word[0].isalnum():
            return parts, None, True
        parts += word_parts(word)
        key = key_of_parts(parts)
        entries = self.aliases.get(key) if key not in ("the", "a", "an") else None
        # A possessive ends the name ("Sudani’s office"); so does a key no registered key starts
        # with, unless all its words are articles or "al" (which key_of_parts drops once a real word follows).
        last = word.endswith(("’s", "'s")) or (key not in self._prefixes and not _DROPPED.issuperset(parts))
        return parts, entries, last

    def _may_start_name(self, word: str) -> bool:
        parts = word_parts(word)
        return bool(parts) and (parts[0] in self.first_words or parts[0] in _DROPPED
                                or key_of_parts(parts).split(" ", 1)[0] in self.first_words)

    # ---------------------------------------------------------------- resolving

    def resolve(self, mention: Mention | str, context: Context | None = None) -> Resolution:
        """The entity a mention names, how, and how sure; unresolved mentions keep a cleaned name."""
        context = context or Context()
        if isinstance(mention, str):
            mention = Mention(mention, 0, len(mention))
        text = " ".join(mention.text.replace("\u00a0", " ").split())
        position = mention.start
        head = text.split(",")[0].strip() or text
        lower = head.lower()
        words = lower.split()
        if len(words) == 1 and (words[0] in _PERSON_PRONOUNS or words[0] in _THING_PRONOUNS or words[0] in _PLURAL_PRONOUNS):
            return self._pronoun(words[0], position, context, head)
        if lower == "one":
            return self._one_of(position, context, head)
        if lower in ("the latter", "the former"):
            previous = next(context.named_before(position), None)
            if previous is not None:
                return Resolution(previous[1].name, previous[1], "pronoun", 0.7, head)
        owned = self._owned(head, position, context)
        if owned is not None:
            return owned
        return self._named(head, position, context)

    def specific(self, resolution: Resolution, mention: Mention, context: Context, before: str = "") -> Resolution:
        """"The same militias" after "Iran-backed militias": a generic category refers back to the named group.

        ``before`` is the text just before the mention, where "the same" or "these" may stand.
        """
        entity = resolution.entity
        words = (before.split()[-2:] + mention.text.split()[:1])
        headline = len(context.sentence_starts) > 1 and mention.start < context.sentence_starts[1]
        if entity is None or not entity.generic or not (headline or any(w.lower().strip("“\"") in _ANAPHORIC for w in words)):
            return resolution
        other = context.last_named(mention.start, (entity.type,), generic=False)
        if other is not None:
            return Resolution(other.name, other, "nominal", 0.8, mention.text, (entity.id,))
        if len(context.sentence_starts) > 1 and mention.start < context.sentence_starts[1]:
            # A headline's "militias" is the group the article goes on to name.
            for position, other in context.named:
                if position > mention.start and other.type == entity.type and not other.generic:
                    return Resolution(other.name, other, "nominal", 0.7, mention.text, (entity.id,))
        return resolution

    def _pronoun(self, word: str, position: int, context: Context, surface: str, skip: str | None = None) -> Resolution:
        def person(res: Resolution, mention: str) -> bool:
            if res.entity is not None:
                return res.entity.type == "person"
            if res.method == "ambiguous" and res.candidates:
                # "The interior minister ... he said": whoever holds the title, a person.
                return all(c in self.registry.entities and self.registry.entities[c].type == "person"
                           for c in res.candidates)
            if res.name in context.bodies:
                return False
            if mention[:4].lower() == "the " and " " not in res.name \
                    and self.registry.cues.nominals.get(res.name.lower()) not in PERSON_CLASSES:
                return False  # "the Minority", "the Assembly": one capitalised word after "the" names a body
            return (looks_like_person(res.name) and not self.institution_name(res.name)) or (
                self._people_noun(mention) and not _plural(mention, res))  # "she" is not "Twenty-six people"

        if word in _PERSON_PRONOUNS:
            want = person
        elif word in _THING_PRONOUNS:
            def want(res: Resolution, mention: str) -> bool:
                return not person(res, mention) and not _plural(mention, res)
        else:
            def want(res: Resolution, mention: str) -> bool:
                return _plural(mention, res) or (res.entity is not None and res.entity.type in ("government", "organization", "group", "label"))
        sex = word if word in ("he", "she") else {"his": "he", "him": "he", "her": "she"}.get(word)
        # The antecedent is most often a sentence or two back: look there first, then further. Every
        # candidate of a sentence sorts after those of the sentences before it, so the first that fits
        # among the last few sentences is the first that fits among all (and a miss changes nothing).
        for since in context.sentence_windows(position):
            for pos, res, mention in reversed(self._antecedents(position, context, since)):
                if res.method == "unresolved-pronoun" or not want(res, mention) or res.name == skip:
                    continue
                if sex and context.gender.get(res.name, sex) != sex:
                    continue  # "she" is not the man "he" referred to
                if sex and res.name and _GENDERS.get(self.registry.cues.given_names.get(res.name.split()[0].lower(), ""),
                                                    sex) != sex:
                    continue  # "she" is not Nathaniel Orrin
                if sex:
                    context.gender.setdefault(res.name, sex)
                if res.method == "ambiguous":
                    return Resolution(res.name, None, "ambiguous", res.score, surface, res.candidates)
                return Resolution(res.name, res.entity, "pronoun", 0.85 * max(res.score, 0.6), surface)
        kinds = ("person",) if word in _PERSON_PRONOUNS else ("organization", "government", "group", "media", "label")
        entity = context.last_named(position, kinds)
        if entity is not None:
            return Resolution(entity.name, entity, "pronoun", 0.6, surface)
        return Resolution(surface, None, "unresolved-pronoun", 0.2, surface)

    def _one_of(self, position: int, context: Context, surface: str) -> Resolution:
        """"Rival team managers were less charitable. One, who asked not to be named, said ...": one of the
        people the subject of the sentence before named."""
        start = context.sentence_start(position)
        before = bisect.bisect_left(context.subjects, start, key=_position)  # subjects come in text order
        if before:
            p, res, text = context.subjects[before - 1]
            if context.sentence_start(p) == context.sentence_start(start - 1) and _plural(text, res):
                if res.entity is not None:
                    return Resolution(res.entity.name, res.entity, "pronoun", 0.6 * res.score, surface)
                words = text.split()
                if len(words) > 1 and words[1].islower():
                    words[0] = words[0].lower()  # "Rival team managers" opened its sentence
                if words[0] not in ("the", "a", "an"):
                    words.insert(0, "the")
                return Resolution("one of " + " ".join(words), None, "pronoun", 0.5, surface)
        return Resolution(surface, None, "unresolved-pronoun", 0.2, surface)

    def _people_noun(self, mention: str) -> bool:
        """"One of the officials", "a senior official": a mention whose head noun is people, not a body."""
        words = mention.lower().split()
        cut = _head_end(words)
        head = words[cut - 1] if cut else ""
        return head == "one" or self.registry.cues.nominals.get(head) in PERSON_CLASSES

    def institution_name(self, name: str) -> bool:
        """"Ashbury Town", "Northline Rail", "Port Varden Police", "Ministry of Foreign Affairs": capitalised
        like a person, named like a body (by its last word, or the one before "of")."""
        head = name.split(" of ", 1)[0] if " of " in name else name
        return any(word in _ORGANISATION_WORDS or self.registry.cues.nominals.get(word) == "office"
                   for word in {head.rsplit(None, 1)[-1].lower() if head.strip() else "",
                                name.rsplit(None, 1)[-1].lower() if name.strip() else ""})

    def _antecedents(self, position: int, context: Context, since: int) -> list[tuple[int, Resolution, str]]:
        """What a pronoun at ``position`` may point back to, from ``since`` on, nearest last."""
        candidates: list[tuple[int, Resolution, str]] = context.speakers_between(since, position)
        candidates += [(p, Resolution(e.name, e, "name", 0.9, e.name), e.name)
                       for p, e in _between(context.prominent, since, position)]
        # An unregistered sentence subject counts only as a full name: "Tomas Reyne", not "Fourteen".
        candidates += [c for c in _between(context.subjects, since, position)
                       if c[1].method not in ("unresolved-pronoun", "ambiguous")
                       and (c[1].entity is not None or (" " in c[1].name and looks_like_person(c[1].name))
                            # "the ministry", read as the body named before; "The Ministry of Foreign Affairs"
                            or c[1].method == "nominal" or (" " in c[1].name and self.institution_name(c[1].name))
                            or c[1].name in context.bodies
                            # "Seven of the paper's nine authors ... they wrote"
                            or (" " in c[2] and _plural(c[2], c[1]) and self._people_noun(c[2])))]
        # Latest first; within one sentence, its subject before other names ("The prime minister ordered ...,
        # according to a statement read by his spokesman. He ..." is the prime minister).
        subjects = context.subject_positions()
        candidates.sort(key=lambda c: (context.sentence_start(c[0]), c[0] in subjects, c[0]))
        return candidates

    def object_pronoun(self, mention: Mention, context: Context, accuser: Resolution | None = None) -> Resolution | None:
        """"We hold them responsible": an accused pronoun is the party last named before it; "accused him of
        ..." the person last named other than the accuser."""
        word = mention.text.lower()
        if word not in _PLURAL_PRONOUNS | _THING_PRONOUNS | _PERSON_PRONOUNS:
            return None
        if word in ("him", "her"):
            found = self._pronoun(word, mention.start, context, mention.text, accuser.name if accuser else None)
            return found if found.method != "unresolved-pronoun" else None
        kinds = ("person",) if word in _PERSON_PRONOUNS else ("organization", "government", "group", "label")
        entity = context.last_named(mention.start, kinds)
        if entity is not None:
            return Resolution(entity.name, entity, "pronoun", 0.6, mention.text)
        return None

    def _owned(self, text: str, position: int, context: Context) -> Resolution | None:
        """"Sudani's office", "the office of the Iraqi Prime Minister", "a statement by his office"."""
        ownership = self._ownership(text)
        if ownership is None:
            return None
        owner_text, head = ownership
        if head is None:  # "a statement by X": X speaks
            inner = self.resolve(Mention(owner_text, position, position), context)
            return inner if inner.entity is not None or inner.method != "unresolved-pronoun" else None
        if name_key(text) in self.aliases:
            return None  # the registry names this office itself: "Prime Minister's Office"
        owner = self._sentence_person(position, context) if owner_text.lower() in ("his", "her") else None
        owner = owner or self.resolve(Mention(owner_text, position, position), context)
        if owner.entity is None:
            return None
        if head.endswith("office"):
            office = self._office_of(owner.entity, context.date)
            if office is not None:
                return Resolution(office.name, office, "office", min(0.95, owner.score), text)
            return Resolution(owner.name, owner.entity, "office", 0.8 * owner.score, text)
        if head == "statement":
            return Resolution(owner.name, owner.entity, owner.method, owner.score, text)
        if self._reading(owner_text).qualified:
            # "a spokesperson for the UN refugee agency": a body inside the party; not the party's own spokesman.
            return Resolution(owner.name, owner.entity, "nominal", 0.6 * owner.score, text)
        spokesman = self._holder_for(owner.entity, "spokes", context)
        if spokesman is not None:
            return spokesman
        return Resolution(owner.name, owner.entity, "nominal", 0.7 * owner.score, text)

    def _read_ownership(self, text: str) -> tuple[str, str | None] | None:
        """The owner a mention names, and the head owned (None for "a statement by X")."""
        m = _BY.match(text)
        if m:
            return m.group("owner"), None
        m = _PRONOUN_OWNER.match(text) or _POSSESSIVE_HEAD.match(text) or _OF_HEAD.match(text)
        return (m.group("owner"), m.group("head").lower()) if m else None

    def _sentence_person(self, position: int, context: Context) -> Resolution | None:
        """"The premier had told ..., his office said": "his" is the person the sentence is about."""
        start = context.sentence_start(position)
        for pos, res, _ in context.subjects:
            if start <= pos < position and res.entity is not None and res.entity.type == "person":
                return res
        return None

    def _office_of(self, entity: Entity, on: Date | None) -> Entity | None:
        if entity.type != "person":
            return None
        roles = [r for r in entity.roles if r.office and r.active(on)] or [r for r in entity.roles if r.office]
        roles.sort(key=lambda r: r.start or Date.min, reverse=True)
        for role in roles:
            office = self.registry.entities.get(role.office or "")
            if office is not None:
                return office
        return None

    def _named(self, text: str, position: int, context: Context) -> Resolution:
        key = name_key(text)
        entries = self.aliases.get(key)
        if entries:
            chosen = self._choose(entries, context, text)
            # A title in lower case the article gave to someone of its own is theirs, whatever the registry's
            # holders: "the spokesman" after "the spokesman of the Armed Forces, Brigadier Khalid al-Mansouri".
            # ("The spokesman" opening a sentence is as lower-case as the title gets.)
            if chosen is not None and (chosen.entity is None or (chosen.method == "role" and text[1:] == text[1:].lower())):
                # "the chairman" after "chairman Victor Stallard": the article's own holder of the role.
                own = _introduced_holder(key, position, context, text)
                if own is not None:
                    return own
            if chosen is not None:
                return chosen
        elif context.acronyms and _bare(text) in context.acronyms:
            expanded = self._named(context.acronyms[_bare(text)], position, context)
            return replace(expanded, matched=text)
        reading = self._reading(text)
        if reading.unknown:
            # A full name the registry lacks: a spelling variant of a registered one, or someone new.
            return self._fuzzy(reading.unknown, context) or Resolution(reading.unknown, None, "unresolved", 0.6, text)
        if not reading.names and key in context.people and context.people[key] not in context.bodies:
            # "Castell" after "Mira Castell": the unregistered person this article already named.
            return Resolution(context.people[key], None, "unresolved", 0.6, text)
        if reading.names:
            if not reading.person and reading.nominal in ("spokesman",) and not reading.qualified:
                org = self._choose(reading.names, context, text)
                if org is not None and org.entity is not None and org.entity.type != "person":
                    holder = self._holder_for(org.entity, "spokes", context)
                    if holder is not None:
                        return holder
            chosen = self._choose(reading.names, context, text, partial=True)
            if chosen is not None and chosen.entity is None:
                # A generic title with no holder in sight: "an embassy spokesperson" is the embassy's voice.
                chosen = self._institution_of_spokesman(reading.tokens, position, context) or chosen
            if chosen is not None:
                return chosen
        cleaned = reading.cleaned
        fuzzy = self._fuzzy(cleaned, context)
        if fuzzy is not None:
            return fuzzy
        if reading.nominal is not None:
            found = self._by_nominal(reading.nominal, position, context, text)
            if found is not None:
                return found
            own = _introduced_holder(key, position, context, text) if len(key.split()) <= 3 else None
            if own is not None:
                return own  # "the minister", "the city's fire chief": the one the article named
        institution = self._institution_of_spokesman(reading.tokens, position, context)
        if institution is not None:
            return institution
        return Resolution(cleaned or text, None, "unresolved", 0.6 if looks_like_person(cleaned) else 0.5, text)

    def _read(self, text: str) -> _Reading:
        """What a mention says apart from its article: the registered names in it, an unknown person's name."""
        tokens = tokenize(text)
        hits = self.scan(tokens)
        # A person's name inside a title-laden mention wins over the title and the institution,
        # unless the surname comes with a first name the registry does not know ("Layla Hamdan").
        people = [(s, e, en) for s, e, en in hits if any(
            x.kind in ("name", "alias", "surname") and self.registry.entities[x.entity_id].type == "person" for x in en)
            and not self._other_first_name(tokens, s, en)]
        hits = [h for h in hits if h in people or not any(x.kind == "surname" for x in h[2])]
        pool = people or hits
        best = max(pool, key=lambda h: (h[1] - h[0], -h[0])) if pool else None
        names = best[2] if best is not None else ()
        if best is not None and not people and best[0] > 0 and demonym(tokens[best[0] - 1].text) \
                and name_key(tokens[best[0] - 1].text) not in self.aliases:
            names = ()  # "Velorian security officials" are not the registry's (Iraqi) "security officials"
        if best is not None and not people and best[1] < len(tokens) and capitalised(tokens[best[1]].text) \
                and not tokens[best[1]].text.isupper() and name_key(tokens[best[1]].text) not in self._title_keys:
            names = ()  # "the National Cyber Defence Agency" is not the newspaper "The National"
        if best is not None and not people and best[1] - best[0] == 1 and best[0] > 0 \
                and capitalised(tokens[best[0] - 1].text) and tokens[best[0] - 1].lower not in ("the", "a", "an") \
                and name_key(tokens[best[0] - 1].text) not in self._title_keys \
                and name_key(tokens[best[0] - 1].text) not in self.aliases and not demonym(tokens[best[0] - 1].text):
            names = ()  # "Lomara People's Congress" is not the registry's (US) "Congress"
        qualified = best is not None and best[1] < len(tokens) and tokens[best[1]].text[:1].isalpha() \
            and tokens[best[1]].lower not in _AFTER_TITLE
        return _Reading(tuple(tokens), names, bool(people), self.person_name(text) if not people else None,
                        self._nominal_class(tokens), self.clean_name(text), qualified)

    def _institution_of_spokesman(self, tokens: Sequence[Token], position: int, context: Context) -> Resolution | None:
        """"An embassy spokesperson": unnamed, so the embassy the article is about speaks."""
        classes = [(t.lower, self.registry.cues.nominals.get(t.lower)) for t in tokens]
        if not any(c == "spokesman" for _, c in classes):
            return None
        for word, kind in classes:
            if kind == "office":
                found = self._by_nominal("office", position, context, f"the {word}")
                if found is not None and found.entity is not None:
                    return Resolution(found.name, found.entity, "nominal", 0.65, " ".join(t.text for t in tokens))
        return None

    def _other_first_name(self, tokens: Sequence[Token], start: int, entries: Sequence[AliasEntry]) -> bool:
        """A bare surname hit inside someone else's name: "Layla Hamdan", or "Hussein Falah" (a first name)."""
        if not all(x.kind == "surname" for x in entries):
            return False
        if start > 0:
            previous = tokens[start - 1]
            if previous.text[:1].isupper() and name_key(previous.text) not in self._title_keys:
                return True
            if previous.lower in _PATRONYMICS:
                return True  # "Saqr bin Hamdan al-Ghufaili": Hamdan is his father's name
        following = tokens[start + 1] if start + 1 < len(tokens) else None
        if following is not None and following.lower[:3] in ("al-", "el-") and following.text[3:4].isupper():
            return True  # "... Hamdan al-Ghufaili"
        return following is not None and following.text[:1].isupper() and not following.text.isupper() \
            and name_key(following.text) not in self._title_keys and name_key(following.text) not in self.aliases

    def person_name(self, text: str) -> str | None:
        """An unregistered person's name in a mention: "Council spokesperson Mira Castell" -> "Mira Castell",
        "Detective Inspector Ruth Kaminski of Port Varden Police" -> "Ruth Kaminski"."""
        if " of " in text:
            named = self.person_name(text.split(" of ", 1)[0])
            if named is not None:
                return named
        words = self.clean_name(text).split()
        while len(words) > 2 and words[-1].strip(".,") in _POST_NOMINALS:
            words = words[:-1]  # "Harriet Selwyn KC"
        run: list[str] = []
        best: list[str] = []
        nominals = self.registry.cues.nominals
        if words and words[-1].lower() in nominals:
            return None  # "Port Allery police": a place naming an institution, not a person
        for word in words + [""]:
            if capitalised(word) and name_key(word) not in self._title_keys and word not in ("The", "A", "An"):
                run.append(word)
                continue
            if word.lower() in ("al", "bin", "ibn", "abu") and run:
                run.append(word)
                continue
            if len(run) >= 2:
                best = run
            run = []
        if len(best) < 2 or name_key(" ".join(best)) in self.aliases or words[-1] != best[-1]:
            return None  # a name must end the mention: "Northern Alliance fighters" is not a person
        body = max((k for k in range(len(best) - 2) if best[k].lower() in _ORGANISATION_WORDS
                    or nominals.get(best[k].lower()) == "office"), default=None)
        if body is not None:
            best = best[body + 1:]  # "(Leader in the) Ghazirat Assembly Rana Bhattar": the person after the body
        if self.institution_name(" ".join(best)):
            return None  # "The Arab Republic (of Haddar)", "Northline Rail"
        if len(words) > len(best) and words[-len(best) - 1].lower() in _PLACE_PREPOSITIONS:
            return None  # "Residents of Riverside Lane in Carrow Bridge": a place
        if any(name_key(w) in self.aliases and self._kinds(name_key(w)) - {"surname"} for w in best):
            return None  # "Iraqi Prime Minister" or "Tigris Observer": registered words, not an unknown person
        return " ".join(best)

    def _kinds(self, key: str) -> set[str]:
        return {x.kind for x in self.aliases.get(key, ())}

    def _choose(self, entries: Iterable[AliasEntry], context: Context, surface: str,
                partial: bool = False) -> Resolution | None:
        """Pick among the entities a key names: explicit names, then dated roles, then surnames."""
        entries = list(entries)
        best_rank = min(_KIND_RANK[e.kind] for e in entries)
        top = [e for e in entries if _KIND_RANK[e.kind] == best_rank]
        penalty = 0.95 if partial else 1.0
        if best_rank == 2:
            # A bare surname: the person this article already named under it comes first,
            # registered ("Kazemi" after "Mustafa al-Kazemi") or not ("Hassan" after "Ali Hassan").
            last = name_key(surface).split(" ")[-1]
            known = context.surface.get(last)
            if known is not None:
                return Resolution(known.name, known, "surname", 0.9 * penalty, surface)
            if last in context.people:
                return Resolution(context.people[last], None, "unresolved", 0.6, surface)
        if top[0].kind == "role":
            return self._role_holder(top, context, surface, penalty)
        ids = list(dict.fromkeys(e.entity_id for e in top))
        if len(ids) > 1:
            named = [i for i in ids if i in context.named_ids]
            if len(named) == 1:
                entity = self.registry.entities[named[0]]
                return Resolution(entity.name, entity, top[0].kind, 0.75 * penalty, surface, tuple(ids))
            if best_rank == 2:
                # Two registered people share the surname and the article does not say which.
                fuzzy = self._fuzzy(surface, context)
                if fuzzy is not None:
                    return fuzzy
            return Resolution(self.clean_name(surface), None, "ambiguous", 0.3, surface, tuple(ids))
        entity = self.registry.entities[ids[0]]
        if best_rank == 2:
            rival = self._context_rival(surface, entity, context)
            if rival is not None:
                return rival
            return Resolution(entity.name, entity, "surname", 0.85 * penalty, surface)
        if context.text and not self._country_shown(entity, top, surface, context):
            return Resolution(self.clean_name(surface), None, "unresolved", 0.5, surface)
        return Resolution(entity.name, entity, top[0].kind, 0.97 * penalty, surface)

    def _country_shown(self, entity: Entity, entries: list[AliasEntry], surface: str, context: Context) -> bool:
        """"a security source" or "the Joint Operations Command" is the registry's Iraqi one only in an article
        about Iraq: the entity's name says which country it belongs to, and an alias without it names no country."""
        # The nationality in its name: "Iraqi security officials", "Office of the Iraqi Prime Minister".
        first = next((word for word in entity.name.split() if demonym(word)), "")
        if not first or entity.type not in ("government", "organization"):
            return True  # "Palestinian Islamic Jihad" is a group's own name, not a state's body
        stem = nationality_stem(first)
        # An alias that says the country ("Iraqi Joint Operations Command"), or a one-word proper name ("Baghdad",
        # "ISF"), names it anywhere; "Joint Operations Command" and "a security source" only where the article
        # is about that country.
        said = any(stem in e.surface.lower() or (" " not in e.surface.strip() and e.surface[:1].isupper())
                   for e in entries) and any(ch.isupper() for ch in surface.replace("The ", "", 1).replace("A ", "", 1))
        if said or context.occurrences(stem) > 0:
            return True
        # Or through a party the article names: "Baghdad" is the Iraqi government, Sudani Iraq's prime minister.
        entities = self.registry.entities
        return any(stem in other.name.lower() or any(stem in role.title.lower() for role in other.roles)
                   for other in map(entities.__getitem__, context.named_by_name) if other is not entity)

    def _role_holder(self, entries: list[AliasEntry], context: Context, surface: str, penalty: float) -> Resolution:
        """A title resolved by the article's date, else by who else the article names."""
        holders = entries
        if context.date is not None:
            holders = [e for e in entries if e.role is not None and e.role.active(context.date)]
        ids = list(dict.fromkeys(e.entity_id for e in holders))
        # "the premier", "spokesperson", "military spokesman": words every country's office shares, so the
        # date alone does not say whose; the article must name the holder or be about the office's country.
        # A title written all in lower case ("the chairman", "the finance minister") names no country either.
        generic = len({e.role.title for e in entries if e.role is not None}) > 1 or all(
            w in _GENERIC_TITLE_WORDS for w in name_key(entries[0].surface).lower().split()) or all(
            not any(ch.isupper() for ch in e.surface) for e in entries)
        if len(ids) == 1 and not generic:
            entity = self.registry.entities[ids[0]]
            return Resolution(entity.name, entity, "role", (0.92 if context.date else 0.75) * penalty, surface)
        pool = ids or list(dict.fromkeys(e.entity_id for e in entries))
        named = [i for i in pool if i in context.named_ids or i in context.speaker_ids()]
        if len(named) == 1:
            entity = self.registry.entities[named[0]]
            return Resolution(entity.name, entity, "role", 0.8 * penalty, surface, tuple(pool))
        country = self._by_country([e for e in holders or entries if e.entity_id in pool], context)
        if country is not None:
            entity = self.registry.entities[country]
            return Resolution(entity.name, entity, "role", 0.6 * penalty, surface, tuple(pool))
        # Still ambiguous: say so, with the candidates, rather than guess.
        return Resolution(self.clean_name(surface), None, "ambiguous", 0.3 * penalty, surface, tuple(pool))

    def _by_country(self, entries: list[AliasEntry], context: Context) -> str | None:
        """The office whose country the article is about: "the premier" in an article about Iraq."""
        if not context.text:
            return None
        scores: dict[str, int] = {}
        nominals = self.registry.cues.nominals
        for entry in entries:
            # The words that say whose office it is, not what kind: "Joint Chiefs of Staff" is "joint",
            # since "chiefs" and "staff" (role nouns of cues.yaml) occur in any article about a club.
            words = [w for w in name_key(entry.role.title if entry.role else "").split()
                     if w not in _TITLE_WORDS and w not in nominals and len(w) > 2]
            scores[entry.entity_id] = max(scores.get(entry.entity_id, 0), sum(context.occurrences(w) for w in words))
        ranked = sorted(scores.items(), key=lambda kv: -kv[1])
        if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
            return ranked[0][0]
        return None

    def _context_rival(self, surface: str, entity: Entity, context: Context) -> Resolution | None:
        """"Kazemi" exactly matches an unrelated registered Kazemi while the article is about Kadhimi."""
        key = skeleton(name_key(surface))
        for other in context.named_entities():
            if other.id == entity.id or other.type != "person":
                continue
            last = name_key(other.name).split(" ")[-1]
            if fuzz.ratio(key, skeleton(last)) >= FUZZY_CUTOFF:
                return Resolution(other.name, other, "fuzzy", 0.75, surface, (entity.id, other.id))
        return None

    def _fuzzy(self, name: str, context: Context) -> Resolution | None:
        """Transliteration variants of registered names, refused when two entities score alike."""
        if not name or not any(ch.isupper() for ch in name):
            return None
        key = name_key(name)
        if len(key) < 4 or (" " not in key and (len(key) < 6 or key.endswith("s"))):
            # "Vane" is not a misspelling of "Vance": one short word leaves too little to go on; and one word
            # in the plural is a common noun opening a sentence ("Riders had a right ..." is not Pat Ryder).
            return None
        ranked = self._fuzzy_ranked(key)
        if not ranked or ranked[0][1] < FUZZY_CUTOFF:
            return None
        if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < FUZZY_MARGIN:
            named = [eid for eid, s in ranked if eid in context.named_ids and s >= FUZZY_CUTOFF]
            if len(named) == 1:
                entity = self.registry.entities[named[0]]
                return Resolution(entity.name, entity, "fuzzy", 0.7, name, tuple(e for e, _ in ranked))
            return Resolution(name, None, "ambiguous", 0.3, name, tuple(e for e, _ in ranked))
        entity = self.registry.entities[ranked[0][0]]
        if " " not in key and context.text and entity.id not in context.named_ids and entity.id not in context.speaker_ids():
            return None  # one word like a registered name the article never gives ("Ritter" is not Pat Ryder)
        return Resolution(entity.name, entity, "fuzzy", round(0.9 * ranked[0][1] / 100, 3), name,
                          tuple(e for e, _ in ranked[1:]))

    def _fuzzy_choices(self) -> tuple[list[str], list[str], list[str]]:
        """Skeletons of the names fuzzy matching may reach, their entity ids and registry spellings.

        Sorted by length, so that a lookup with a score cutoff compares only
        the lengths that can reach it (see ``_extract``).
        """
        if self._choices is None:
            keys, owners, surfaces = [], [], []
            entities = self.registry.entities
            for key, entries in self.aliases.items():
                skel = None
                for entry in entries:
                    if entry.kind != "role" and entities[entry.entity_id].type in _FUZZY_TYPES:
                        skel = skeleton(key) if skel is None else skel
                        keys.append(skel)
                        owners.append(entry.entity_id)
                        surfaces.append(entry.surface)
            order = sorted(range(len(keys)), key=lambda i: len(keys[i]))
            self._choices = ([keys[i] for i in order], [owners[i] for i in order], [surfaces[i] for i in order])
            self._lengths = [len(k) for k in self._choices[0]]
        return self._choices

    def _extract(self, query: str, *, limit: int, cutoff: float) -> list[tuple[float, int]]:
        """(score, index) of the best choices scoring at least ``cutoff``, best first.

        Only choices within the length band of ``_stretch`` can reach the
        cutoff: the others are never compared.
        """
        keys, _, _ = self._fuzzy_choices()
        stretch = _stretch(cutoff)
        low = bisect.bisect_left(self._lengths, len(query) / stretch)
        high = bisect.bisect_right(self._lengths, len(query) * stretch)
        found = process.extract(query, keys[low:high], scorer=fuzz.ratio, limit=limit, score_cutoff=cutoff)
        return [(score, low + index) for _, score, index in found]

    def fuzzy_candidates(self, name: str, limit: int = 3) -> list[Candidate]:
        """The nearest registered entities to a name, best first, for ``rules who`` and ``rules suggest``."""
        keys, owners, surfaces = self._fuzzy_choices()
        out: dict[str, Candidate] = {}
        for _, score, index in process.extract(skeleton(name_key(name)), keys, scorer=fuzz.ratio, limit=limit * 4):
            owner = owners[index]
            if owner not in out or score > out[owner].score:
                out[owner] = Candidate(self.registry.entities[owner], round(score, 1), surfaces[index])
        return sorted(out.values(), key=lambda c: (-c.score, c.entity.name))[:limit]

    # ------------------------------------------------------------ explaining

    def explain(self, name: str, date: Date | None = None) -> Explanation:
        """How ``name`` resolves in an article of ``date`` that names no one else, and why."""
        resolution = self.resolve(name, Context(date=date))
        key = name_key(name)
        entity = resolution.entity
        entries = [e for e in self.aliases.get(key, ()) if entity is None or e.entity_id == entity.id]
        method, matched, score = resolution.method, None, None
        if resolution.method == "fuzzy" and entity is not None:
            best = next((c for c in self.fuzzy_candidates(resolution.matched or name, limit=8) if c.entity.id == entity.id), None)
            matched, score = (best.matched, best.score) if best else (None, None)
        elif entries:
            rank = min(_KIND_RANK[e.kind] for e in entries)
            entries = [e for e in entries if _KIND_RANK[e.kind] == rank]
            method = "exact" if entries[0].kind in ("name", "alias") else entries[0].kind
            if resolution.method == "ambiguous":
                method = "ambiguous"
            matched = entries[0].surface
        elif entity is not None:
            hits = [en for _, _, en in self.scan(tokenize(name))]
            inside = sorted((e for en in hits for e in en if e.entity_id == entity.id), key=lambda e: _KIND_RANK[e.kind])
            if inside:
                method, matched = "partial", inside[0].surface
        role_entries = [(e.entity_id, e.role) for e in self.aliases.get(key, ()) if e.kind == "role" and e.role is not None]
        titles = {e.role.title for e in entries if e.kind == "role" and e.role is not None}
        role = next(e.role for e in entries if e.role is not None) if len(titles) == 1 else None
        holders = tuple(sorted(
            {(eid, role): Holder(self.registry.entities[eid], role, role.active(date))
             for eid, role in role_entries}.values(), key=lambda h: (h.role.start or Date.min, h.entity.name)))
        contenders = tuple(self.registry.entities[eid] for eid in resolution.candidates if eid in self.registry.entities)
        runners: list[Candidate] = []
        if entity is not None and method != "fuzzy":  # a fuzzy match lists its rivals with their own scores below
            runners = [Candidate(e, 100.0, matched or name) for e in contenders if e.id != entity.id]
        if not titles and method != "partial":  # titles are never matched fuzzily, nor are names inside mentions
            seen = {e.id for e in contenders} | ({entity.id} if entity is not None else set())
            runners += [c for c in self.fuzzy_candidates(name, limit=4 + len(seen))
                        if c.entity.id not in seen and c.score >= RUNNER_UP_CUTOFF][:3]
        undated = None
        if date is not None:
            without = self.resolve(name, Context())
            if (without.entity_id, without.method, without.candidates) != (
                    resolution.entity_id, resolution.method, resolution.candidates):
                undated = without
        return Explanation(name, key, date, resolution, method, matched, role, score, tuple(runners),
                           contenders if entity is None else (), holders, undated)

    def _nominal_class(self, tokens: Sequence[Token]) -> str | None:
        index = self.registry.cues.nominal_index
        hits = list(index.find(tokens))
        return hits[-1][2] if hits else None

    def _by_nominal(self, nominal: str, position: int, context: Context, surface: str) -> Resolution | None:
        """"The spokesman", "the statement", "the ministry": the nearest fitting party in the article."""
        # Only the recent past is searched: an article of thousands of paragraphs asks this for each of them.
        speakers = context.speakers_before(position, _RECENT_SPEAKERS)
        if nominal == "statement":
            # "the statement": whoever issued the last statement the article cited, else the last institution.
            cited = [(res, mention) for p, res, mention in reversed(speakers) if res.entity]
            for res, mention in cited:
                if "statement" in mention.lower():
                    return Resolution(res.name, res.entity, "nominal", 0.75 * res.score, surface)
            for res, _ in cited:
                if res.entity is not None and res.entity.type in ("organization", "government", "group", "media"):
                    return Resolution(res.name, res.entity, "nominal", 0.65 * res.score, surface)
            # Or a body the registry lacks: "The ministry summoned ..., according to the statement."
            for p, res, _ in reversed(speakers):
                if res.entity is None and (res.method == "nominal" or res.name in context.bodies
                                           or self.institution_name(res.name)):
                    return Resolution(res.name, None, "nominal", 0.6 * res.score, surface)
            return None
        if nominal in ("spokesman", "premier", "president", "minister"):
            word = {"spokesman": "spokes", "premier": "prime minister", "president": "president", "minister": "minister"}[nominal]
            for entity in context.named_around(position, _RECENT_SPEAKERS):
                if entity.type == "person" and any(word in r.title.lower() and r.active(context.date) for r in entity.roles):
                    return Resolution(entity.name, entity, "nominal", 0.75, surface)
            for _, res, _ in reversed(context.speakers[-_RECENT_SPEAKERS:]):
                if res.entity is not None and any(word in r.title.lower() for r in res.entity.roles):
                    return Resolution(res.name, res.entity, "nominal", 0.7, surface)
        if nominal == "office" and surface.lower().startswith("the ") and len(surface.split()) <= 3:
            # "the embassy": the embassy the article named last; else the last institution that spoke.
            words = set(name_key(surface).split())
            for entity in context.named_around(position, _RECENT_SPEAKERS):
                # "the embassy" is the US Embassy; "the federal government" is not the Kurdistan Regional Government.
                if entity.type not in ("person", "label") and words <= self._name_words(entity):
                    return Resolution(entity.name, entity, "nominal", 0.75, surface)
            named = self._unregistered_body(words, position, context)
            if named is not None:
                return Resolution(named, None, "nominal", 0.6, surface)
            for p, res, _ in reversed(speakers):
                if res.entity is not None and res.entity.type in ("organization", "government"):
                    return Resolution(res.name, res.entity, "nominal", 0.6, surface)
        return None

    def _unregistered_body(self, words: set[str], position: int, context: Context) -> str | None:
        """"the ministry" after "The Ministry of Foreign Affairs held ...": the last body the article named
        by a name the registry lacks, among its sentence subjects and speakers, whose name holds the words."""
        # The last few dozen of each before the mention: an article of thousands of sentences asks this for
        # each of them.
        subjects_end = bisect.bisect_left(context.subjects, position, key=_position)  # subjects come in text order
        recent_entries = (context.subjects[max(0, subjects_end - _RECENT):subjects_end]
                          + context.speakers_before(position, _RECENT))
        named = sorted(((p, res.name) for p, res, _ in recent_entries
                        if res.entity is None and res.method not in ("ambiguous", "unresolved-pronoun")), reverse=True)
        for _, name in named:
            parts = name_key(name).split()
            if not parts:
                continue  # a name of no letters ("0")
            # The head noun must be one of the words: "the team" is no name for "Rival team managers".
            head = parts[parts.index("of") - 1] if "of" in parts[1:] else parts[-1]
            if len(parts) > 1 and name[:1].isupper() and head in words and words <= set(parts) \
                    and not looks_like_person(name):
                return name
        if len(words) == 1 and words <= _BODY_NOUNS:
            # "The ELF ... denied any involvement. The group said ...": the body named just before.
            start = context.sentence_start(position)
            previous = context.sentence_start(max(0, start - 1))
            recent = [name for p, name in named if context.sentence_start(p) >= previous]
            if recent and name_key(recent[0]) and self.institution_name(recent[0]):
                return recent[0]
        return None

    def _name_words(self, entity: Entity) -> frozenset[str]:
        words = self._entity_words.get(entity.id)
        if words is None:
            found = set(name_key(entity.name).split())
            for alias in entity.aliases:
                found.update(name_key(alias).split())
            words = self._entity_words[entity.id] = frozenset(found)
        return words

    def _holder_for(self, org: Entity, word: str, context: Context) -> Resolution | None:
        """The person whose role names this institution: the Joint Operations Command's spokesman."""
        keys = {name_key(org.name), *(name_key(a) for a in org.aliases)}
        keys = {k for k in keys if len(k) > 3}
        matches = []
        for title_key, entity, role in self._role_titles():
            if word in title_key and any(k in title_key for k in keys) and role.active(context.date):
                matches.append(entity)
        ids = list(dict.fromkeys(e.id for e in matches))
        if len(ids) == 1:
            return Resolution(matches[0].name, matches[0], "role", 0.85, org.name)
        named = [e for e in matches if e.id in context.named_ids]
        if named:
            return Resolution(named[0].name, named[0], "role", 0.8, org.name)
        return None

    def _rank_fuzzy(self, key: str) -> tuple[tuple[str, float], ...]:
        """Entities whose names come near a key, best first, with their scores."""
        keys, owners, _ = self._fuzzy_choices()
        query = skeleton(key)
        results = self._extract(query, limit=6, cutoff=FUZZY_CUTOFF - 10)
        best: dict[str, float] = {}
        for score, index in results:
            if not _distinct_parts_agree(query, keys[index]):
                continue
            owner = owners[index]
            best[owner] = max(best.get(owner, 0.0), score)
        return tuple(sorted(best.items(), key=lambda kv: -kv[1]))
    def _role_titles(self) -> list[tuple[str, Entity, Role]]:
        if self._roles is None:
            self._roles = [(" ".join([name_key(r.title)] + [name_key(a) for a in r.aliases]), e, r)
                           for e in self.registry.entities.values() for r in e.roles]
        return self._roles

    def _clean_name(self, text: str) -> str:
        """A display name for an unknown party: determiners, titles, appositions and a defined acronym stripped."""
        text = _ACRONYM_AFTER.sub("", text.split(",")[0]).strip()
        words = text.split()
        while words and words[0].lower() in ("the", "a", "an", "but", "and"):
            words = words[1:]
        # "the paramilitary Rapid Support Forces": the name, without the reporter's description.
        lower = 0
        while lower < len(words) and words[lower][:1].islower():
            lower += 1
        # "banned LeQ", "the cloud giant Vantor": a description before one name
        acronym = len(words) - lower == 1 and (sum(ch.isupper() for ch in words[-1]) >= 2 or (
            lower <= 3 and len(words[-1]) > 2 and not any(w in self.registry.cues.nominals for w in words[:lower])))
        if 0 < lower and (len(words) - lower >= 2 or acronym) and all(capitalised(w) or w in ("of", "for", "and", "al")
                                                                     for w in words[lower:]) \
                and (not any(w in ("at", "of", "in", "from", "near", "for") for w in words[:lower])
                     or self.institution_name(" ".join(words[lower:]))):
            words = words[lower:]  # ("officials at the National Cyber Defence Agency", but not "tenants at Linden Court")
        while len(words) > 1 and words[-1].lower() in ("himself", "herself", "itself", "themselves"):
            words = words[:-1]  # "Evelyn Marsh herself"
        changed = True
        while changed and len(words) > 1:
            changed = False
            for title in self._titles:
                n = title.count(" ") + 1
                if len(words) > n and name_key(" ".join(words[:n])) == title and words[n][:1].isupper() \
                        and not self.institution_name(" ".join(words)):  # "Justice Ministry" keeps "Justice"
                    words = words[n:]
                    changed = True
                    break
        return " ".join(words).strip(" .,:;\"“”'‘’")


# Words that may follow a title inside a mention without changing whose title it is.
_AFTER_TITLE = frozenset({"in", "at", "on", "to", "and", "who", "which", "said", "says", "told", "late", "early",
                          "also", "himself", "herself"})
_PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "from", "outside", "across", "around", "to", "into"})
# Last words that make a capitalised name an institution's, beyond the role nouns of cues.yaml ("office").
_ORGANISATION_WORDS = frozenset({"town", "city", "united", "rovers", "wanderers", "athletic", "fc", "inc", "ltd", "llc",
                                 "corp", "corporation", "plc", "ag", "gmbh", "sa", "holdings", "partners", "homes",
                                 "logistics", "rail", "railways", "airways", "airlines", "motors", "energy", "foods",
                                 "pharmaceuticals", "systems", "technologies", "media", "press", "times", "post",
                                 "trust", "foundation", "institute", "society", "alliance", "fund", "services",
                                 "guild", "agency", "bureau", "office", "ministry", "department", "police", "council",
                                 "front", "brigade", "brigades", "cycling", "resistance", "republic", "kingdom",
                                 "emirate", "emirates", "sultanate", "federation", "principality"})
# Nouns for any kind of body: "the group" can be the last body the article named, whatever its name.
_BODY_NOUNS = frozenset({"group", "organisation", "organization", "movement", "faction", "outfit"})
_ACRONYM_AFTER = re.compile(r"\s*\([A-Z][A-Z0-9&]{1,7}\)\s*$")
_ACRONYM_DEFINED = re.compile(r"((?:[A-Z][\w'’.-]*|of|for|and|al|de|the)(?:\s+(?:[A-Z][\w'’.-]*|of|for|and|al|de|the)){1,7})"
                              r"\s+\(([A-Z][A-Z0-9&]{1,7})\)")


def _introduced_holder(key: str, position: int, context: Context, text: str) -> Resolution | None:
    """The unregistered person the article introduced with the role noun that ends ``key``."""
    own = context.introduced_as(key.rsplit(" ", 1)[-1], position) if context.introduced else None
    return Resolution(own, None, "unresolved", 0.6, text) if own is not None else None


def _bare(text: str) -> str:
    return text[4:] if text[:4] in ("The ", "the ") else text


def defined_acronyms(text: str) -> dict[str, str]:
    """"Rapid Support Forces (RSF)" -> {"RSF": "Rapid Support Forces"}: the name must start with the acronym's
    letter ("Tuesday (AFP)" defines nothing)."""
    found: dict[str, str] = {}
    for m in _ACRONYM_DEFINED.finditer(text):
        words = m.group(1).split()
        while words and not words[0][:1].isupper():
            words = words[1:]
        if len(words) >= 2 and words[0][0] == m.group(2)[0] and words[-1][:1].isupper():
            found.setdefault(m.group(2), " ".join(words))
    return found


def _distinct_parts_agree(query: str, choice: str) -> bool:
    """Two spellings ending in the same words must also be near in the words before them:
    "Two officials" is no misspelling of "NATO officials", "Kazemi's office" is one of "Kadhimi's office"."""
    a, b = query.split(), choice.split()
    shared = 0
    while shared < min(len(a), len(b)) - 1 and a[-1 - shared] == b[-1 - shared]:
        shared += 1
    if not shared:
        return True
    return fuzz.ratio(" ".join(a[:len(a) - shared]), " ".join(b[:len(b) - shared])) >= FUZZY_CUTOFF - 10


def _plausible(tokens: Sequence[Token], start: int, end: int, entries: tuple[AliasEntry, ...]) -> bool:
    """Lower-case one-word aliases ("outlaws") match any case; names must be capitalised in text."""
    surface = tokens[start:end]
    if any(capitalised(t.text) or t.text[:1].isdigit() for t in surface):
        return True
    return any(not any(ch.isupper() for ch in e.surface) for e in entries)


def looks_like_person(name: str) -> bool:
    words = [w for w in name.split() if w[:1].isalpha()]
    return 1 <= len(words) <= 4 and all(w[0].isupper() or w.lower() in ("al", "el", "bin", "ibn", "de", "van", "von")
                                        or (w[:3].lower() in ("al-", "el-") and w[3:4].isupper()) for w in words)


def _head_end(words: list[str]) -> int:
    """Where a mention's head noun ends, before what qualifies it: "two officials at the ministry"; but "Seven of
    the paper's nine authors" is headed by its last word."""
    if len(words) > 2 and words[1].lower() == "of" and words[0].lower() in _COUNTS:
        return len(words)
    return next((k for k, w in enumerate(words) if k > 0 and w.lower() in _QUALIFIERS), len(words))


_PLURAL_NOUNS = frozenset({"people", "police", "staff", "personnel", "men", "women", "children", "crew", "clergy"})
_COUNTS = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several", "many",
                     "most", "some", "all", "both", "none"})


def _plural(mention: str, res: Resolution) -> bool:
    words = mention.split()
    # The head noun, before what qualifies it: "two officials at the ministry" are plural.
    cut = _head_end(words)
    last = words[cut - 1].lower() if words else ""
    return (last.endswith("s") and not last.endswith("ss") or last in _PLURAL_NOUNS) and not looks_like_person(mention)


# ------------------------------------------------------------- near duplicates


def near_duplicates(registry: Registry, *, from_layer: int = 0, cutoff: float = FUZZY_CUTOFF) -> list[Problem]:
    """Warnings for names and aliases of different entities that a misspelling could reach alike.

    Two spellings are near duplicates when their transliteration skeletons
    score at least ``cutoff`` (the fuzzy matcher's own threshold) and they
    differ only inside words: "Kadhimi" and "Kadhimy" do, "Iraq's foreign
    ministry" and "Iran's foreign ministry" do not (Iraq and Iran are different
    words, not different spellings). Only the types fuzzy matching reaches
    count: "Sudan" (a government, matched by its exact names only) and
    "Sudani" (a person) are no risk. Pairs are compared within blocks that
    share the skeleton's first letter and a length band the cutoff allows, so
    50,000 aliases take seconds rather than hours; a typo in the first letter
    goes unnoticed. Only pairs with a side in layer ``from_layer`` or later are
    compared (a user's directory against the shipped rules, not the shipped
    rules among themselves), and each is reported at the later of its two places.
    """
    seen: set[tuple[str, str]] = set()
    blocks: dict[str, tuple[list[_Spelling], list[_Spelling]]] = {}  # first letter -> (to check, to compare with)
    for order, site in enumerate(registry.sites):
        key = site.key.lower()
        if len(key) < 4 or (site.entity_id, key) in seen or registry.entities[site.entity_id].type not in _FUZZY_TYPES:
            continue
        seen.add((site.entity_id, key))
        skel = skeleton(key)
        checked, others = blocks.setdefault(skel[:1], ([], []))
        (checked if site.layer >= from_layer else others).append(_Spelling(skel, key, order, site))
    stretch = _stretch(cutoff)
    # One warning per spelling and rival entity: the rival's closest spelling, the first of equals.
    best: dict[tuple[int, str], tuple[float, int, _Spelling, _Spelling]] = {}
    for checked, others in blocks.values():
        checked.sort(key=lambda s: len(s.skeleton))
        others.sort(key=lambda s: len(s.skeleton))
        checked_skeletons = [s.skeleton for s in checked]
        other_skeletons = [s.skeleton for s in others]
        checked_lengths = [len(s) for s in checked_skeletons]
        other_lengths = [len(s) for s in other_skeletons]
        for i, spelling in enumerate(checked):
            size = len(spelling.skeleton)
            # Pairs within the checked layers once (with the longer or equal ones after it), and each
            # checked spelling against the earlier layers' ones of any length in the band.
            pools = [(checked, checked_skeletons, i + 1, bisect.bisect_right(checked_lengths, size * stretch)),
                     (others, other_skeletons, bisect.bisect_left(other_lengths, size / stretch),
                      bisect.bisect_right(other_lengths, size * stretch))]
            for pool, skeletons, low, high in pools:
                if high <= low:
                    continue
                for _, score, j in process.extract(spelling.skeleton, skeletons[low:high], scorer=fuzz.ratio,
                                                   score_cutoff=cutoff, limit=None):
                    other = pool[low + j]
                    if other.site.entity_id == spelling.site.entity_id or other.key == spelling.key:
                        continue
                    if spelling_variants(spelling.key, other.key, cutoff):
                        first, second = sorted((spelling, other), key=lambda s: s.order)
                        slot = (second.order, first.site.entity_id)
                        if slot not in best or (score, -first.order) > best[slot][:2]:
                            best[slot] = (score, -first.order, second, first)
    return sorted(_near_duplicate(later.site, earlier.site, score) for score, _, later, earlier in best.values())


def _stretch(cutoff: float) -> float:
    """How many times longer than the other a string can be and still score ``cutoff`` with fuzz.ratio.

    fuzz.ratio is 100 * (1 - distance / (len(a) + len(b))) and the distance is
    at least the difference in length.
    """
    return (200 - cutoff) / cutoff if cutoff > 0 else float("inf")


@dataclass(frozen=True)
class _Spelling:
    skeleton: str
    key: str
    order: int  # reading order: the later of a pair is where the warning goes
    site: AliasSite


def spelling_variants(a: str, b: str, cutoff: float) -> bool:
    """Whether two keys differ only in how their words are spelled, not in which words they hold."""
    words_a, words_b = a.split(), b.split()
    if len(words_a) != len(words_b):  # "Abdul Mahdi" and "Abdulmahdi"
        return skeleton("".join(words_a)) == skeleton("".join(words_b))
    return all(x == y or fuzz.ratio(skeleton(x), skeleton(y)) >= cutoff for x, y in zip(words_a, words_b))


def _near_duplicate(site: AliasSite, other: AliasSite, score: float) -> Problem:
    return Problem(site.path, site.line, site.column,
                   f'{site.kind} "{site.surface}" of "{site.entity_id}" is close to {other.kind} "{other.surface}" '
                   f'of "{other.entity_id}" ({other.place(site.path)}, similarity {score:.0f}): '
                   "a misspelling could match either", "warning")
