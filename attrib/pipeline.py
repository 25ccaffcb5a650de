"""The stages in order: article -> segments -> claims -> speakers -> blames -> confidence."""
from __future__ import annotations

import os
from collections import Counter
from itertools import compress
from operator import attrgetter
from dataclasses import dataclass, replace
from datetime import date as Date
from typing import IO, Any, Iterable, Iterator

from .blame import detect_blames
from .claims import extract_claims, name_end, sentence_subject
from .compiled import mypyc_attr
from .confidence import blame_confidence, claim_confidence, hedge_factor
from .errors import message
from .load import Source, iter_sources, parse_article
from .model import Analysis, Article, Blame, Claim, Mention, Resolution, Sentence, Unresolved
from .resolve import PERSON_CLASSES, Context, Resolver, defined_acronyms
from .names import NAME_PARTICLES, capitalised
from .rules import Cues, Registry
from .segment import SpanIndex, segment
from .tokens import ArticleTokens, Token

_PRONOUNS = frozenset({"he", "she", "it", "they", "them", "him", "her", "its", "their", "we", "us", "i", "me"})
_RESOLVERS: dict[int, tuple[Registry, Resolver]] = {}
_lower = attrgetter("lower")
# Cues whose reported "he"/"she" is most often the speaker ("she said she first saw ..."); not "suggested that he".
_SELF_REPORTS = frozenset({"says", "said", "say", "told", "tells", "added", "explained", "recalled", "insisted"})


def resolver_for(registry: Registry) -> Resolver:
    """One Resolver per registry, so that its prepared lookups are built once."""
    cached = _RESOLVERS.get(id(registry))
    if cached is None or cached[0] is not registry:
        if len(_RESOLVERS) > 8:
            _RESOLVERS.clear()
        cached = _RESOLVERS[id(registry)] = (registry, Resolver(registry))
    return cached[1]


def analyze(article: Article, registry: Registry) -> Analysis:
    """Run every stage over one article."""
    resolver = resolver_for(registry)
    cues = registry.cues
    text = article.text
    segments = segment(article)
    words = ArticleTokens(text, segments)
    context = Context(date=article.date, sentence_starts=[s.start for s in segments.sentences],
                      acronyms=defined_acronyms(text) if "(" in text else {})
    for tokens in words.paragraphs:
        for s, e, entries in resolver.scan(tokens):
            ids = {x.entity_id for x in entries if x.kind in ("name", "alias", "surname")}
            if len(ids) == 1:
                context.named.append((tokens[s].start, registry.entities[next(iter(ids))]))
                if any(capitalised(t.text) and t.lower not in ("a", "an", "the") for t in tokens[s:e]):
                    context.named_by_name.update(ids)

    found_claims = list(extract_claims(article, segments, cues=cues, words=words))
    # The people the claims name in full, known before any pronoun is read: "Castellanos accused ..." and a
    # later "she" point to the Mira Castellanos an "according to" named further down.
    for claim in found_claims:
        if claim.mention is not None and " " in claim.mention.text:
            name = resolver.person_name(claim.mention.text)
            if name is not None:
                context.know_person(name)
    covered = SpanIndex([(q.start, q.end) for q in segments.quotes] + [(c.start, c.end) for c in found_claims])
    context.prominent = [(pos, entity) for pos, entity in context.named if not covered.covers(pos)]
    context.text = text.lower()
    # Sentence subjects are the antecedents "he" and "it" most often point back to.
    for sentence in segments.sentences:
        tokens = words.sentence(sentence)
        for position, role, name in _introduced_people(tokens, cues, resolver):
            context.know_person(name)
            context.introduced.append((position, role, name))
        for name in _apposed_people(tokens, resolver):
            context.know_person(name)
        context.bodies.update(_apposed_bodies(tokens, cues))
        subject = sentence_subject(tokens, cues)
        if subject is not None and _no_party(tokens, subject, cues):
            subject = None  # "the former inspector's account drew ...": a thing, whoever owns it
        if subject is not None:
            s, e = subject
            mention = Mention(text[tokens[s].start:tokens[e - 1].end], tokens[s].start, tokens[e - 1].end)
            if mention.text.lower() not in _PRONOUNS:
                resolution = resolver.resolve(mention, context)
                context.subjects.append((mention.start, resolution, mention.text))
                context.learn_surname(resolution, mention.text)
                if resolution.entity is None and " " in resolution.name and resolver.institution_name(resolution.name):
                    context.bodies.add(resolution.name.split(" ", 1)[0])  # "Cardale Rail" ... "Cardale does not deny"
    claims: list[Claim] = []
    for claim in found_claims:
        speaker = resolver.resolve(claim.mention, context) if claim.mention is not None else None
        if speaker is not None and claim.mention is not None:
            context.remember(claim.mention.start, speaker, claim.mention.text)
            opening = text[claim.start:claim.start + 4].split(" ", 1)[0].lower()
            if claim.kind == "indirect" and opening in ("he", "she") and claim.mention.text.lower() not in _PRONOUNS \
                    and (claim.cue or "").lower() in _SELF_REPORTS:
                # "The former inspector says she first saw ...": reported speech about oneself tells the sex
                context.gender.setdefault(speaker.name, opening)
        hedge, _ = hedge_factor(words.span(claim.start, claim.end), cues)
        claims.append(replace(claim, speaker=speaker, hedged=hedge < 1.0,
                              confidence=claim_confidence(claim.rule, speaker, hedge)))
    claims = _headline_speakers(claims, registry)

    blames: list[Blame] = []
    seen: set[tuple] = set()
    hedges: dict[Sentence, tuple[float, str | None]] = {}  # blames from one sentence share its hedge
    for found in detect_blames(article, segments, claims, registry=registry, scan=resolver.scan, words=words):
        if found.claim is not None and found.accuser is claims[found.claim].mention:
            accuser = claims[found.claim].speaker
        else:
            accuser = resolver.resolve(found.accuser, context) if found.accuser else None
        if found.accused.text.lower() in ("it", "they") and blames and blames[-1].start == found.sentence.start \
                and blames[-1].accuser is not None and accuser is not None and blames[-1].accuser.name == accuser.name:
            continue  # "blamed the government ..., saying it had ignored warnings": the party blamed already
        accused = resolver.object_pronoun(found.accused, context, accuser) or resolver.specific(
            resolver.resolve(found.accused, context), found.accused, context,
            text[max(0, found.accused.start - 20):found.accused.start])
        before = blames[-1].accused if blames else None
        if accused.entity is None and before is not None \
                and found.accused.text.lower().startswith(("the same ", "these ", "those ")):
            # "everything points to the same people": the party accused just before.
            accused = replace(before, method="nominal", score=0.8 * before.score, matched=found.accused.text)
        same = accused.entity is not None and accuser is not None and accuser.entity is accused.entity
        same_unregistered = accused.entity is None and accuser is not None and accuser.entity is None \
            and accuser.name == accused.name
        if same or same_unregistered:
            continue  # a party does not blame itself; "it" resolved to the accused is a misreading
        if accused.method == "unresolved-pronoun" or (accused.entity is None and accused.name.lower() in _PRONOUNS):
            continue  # "we hold them responsible" with no party named before: nothing to report
        sentence = found.sentence
        if sentence not in hedges:
            hedges[sentence] = hedge_factor(words.sentence(sentence), cues)
        hedge, hedge_word = hedges[sentence]
        key = (accuser.entity_id if accuser else None, accuser.name if accuser else None,
               accused.entity_id, accused.name, found.claim, found.sentence.start)
        if key in seen:
            continue
        seen.add(key)
        start, end = sentence.start, sentence.end
        while end > start and text[end - 1].isspace():
            end -= 1
        distance = 0 if found.accuser is None or sentence.start <= found.accuser.start < sentence.end else 1
        blames.append(Blame(found.accuser, found.accused, found.cue, start, end, found.rule, found.claim,
                            accuser, accused, hedge_word,
                            blame_confidence(found.strength, accuser, accused, hedge, distance)))

    return Analysis(article, tuple(claims), tuple(blames), _unresolved(claims, blames))


_TIME_PREPOSITIONS = frozenset({"until", "since", "before", "after", "during", "by", "in", "on", "at", "from", "through"})


def _no_party(tokens: list[Token], subject: tuple[int, int], cues: Cues) -> bool:
    """The subject is no party: something a party owns ("the former inspector's account", "Tehran's response"),
    or a time ("Until March")."""
    s, e = subject
    head = tokens[e - 1].lower
    if tokens[s].lower in _TIME_PREPOSITIONS:
        return True  # "Until March 2022 she was ...": a time, not a party
    return e - s >= 2 and any(t.lower.endswith(("'s", "’s")) for t in tokens[s:e - 1]) \
        and head not in cues.nominals and not capitalised(tokens[e - 1].text)


_BREAKS_OF_NAMES = frozenset({",", ";", ":", ".", "(", "“", '"'})


def _introduced_people(tokens: list[Token], cues: Cues, resolver: Resolver) -> Iterator[tuple[int, str, str]]:
    """Unregistered people introduced by their role anywhere in a sentence, as (offset, role noun, name):
    "sacked manager Carlos Mendes" lets a later "Mendes" or "the manager" be Carlos Mendes."""
    nominals = cues.nominals
    n = len(tokens)
    for k in compress(range(n - 2), map(nominals.__contains__, map(_lower, tokens))):
        if nominals[tokens[k].lower] not in PERSON_CLASSES:
            continue
        named = _name_before(tokens, k)
        if named is not None:
            # "Brigadier General Fares al-Mandili, the spokesman for the Armed Forces, told ..."
            name = resolver.person_name(" ".join(t.text for t in tokens[named:k - 2]))
            if name is not None:
                yield tokens[k].start, tokens[k].lower, name
            continue
        comma = _apposed_name(tokens, k)
        if comma is not None:
            # "the official spokesman of the Nahrabadi Armed Forces, Brigadier General Khalid al-Mansouri,"
            name = resolver.person_name(" ".join(t.text for t in tokens[comma + 1:name_end(tokens, comma + 1)]))
            if name is not None:
                yield tokens[k].start, tokens[k].lower, name
            continue
        if not capitalised(tokens[k + 1].text):
            continue
        end = name_end(tokens, k + 1, 4)
        name = resolver.person_name(" ".join(t.text for t in tokens[k + 1:end])) if end - k > 2 else None
        if name is not None:
            yield tokens[k].start, tokens[k].lower, name


def _apposed_people(tokens: list[Token], resolver: Resolver) -> Iterator[str]:
    """Unregistered people named between commas after a description: "its leading climber, Mateo Ilundain,"
    lets a later "Ilundain" be Mateo Ilundain."""
    for k in range(1, len(tokens) - 3):
        if tokens[k - 1].text == "," and capitalised(tokens[k].text) and not tokens[k].quoted:
            end = name_end(tokens, k)
            if 2 <= end - k <= 3 and end < len(tokens) and tokens[end].text == ",":
                name = resolver.person_name(" ".join(t.text for t in tokens[k:end]))
                if name is not None:
                    yield name


def _apposed_bodies(tokens: list[Token], cues: Cues) -> Iterator[str]:
    """Names an apposition calls a body: "Prison Watch Oskaria, a Dravnik-based rights group, said ..." is
    no person, whatever its capitals suggest."""
    for k in range(2, len(tokens) - 2):
        if tokens[k].text == "," and tokens[k + 1].lower in ("a", "an", "the") and capitalised(tokens[k - 1].text):
            # The head noun ends the apposition or comes before its relative clause: "Esterland Air Navigation,
            # the state-owned company that runs the country's air traffic control, rejected ..."
            end = next((j for j in range(k + 2, min(len(tokens), k + 8))
                        if tokens[j].text in (",", ".") or tokens[j].lower in ("that", "which")), None)
            if end is not None and cues.nominals.get(tokens[end - 1].lower) == "office":
                start = k - 1
                while start > 0 and k - start < 8 and capitalised(tokens[start - 1].text):
                    start -= 1
                yield " ".join(t.text for t in tokens[start:k])


def _name_before(tokens: list[Token], k: int) -> int | None:
    """Where the name starts in "Fares al-Mandili, the spokesman ...", the role noun at ``k``; None otherwise."""
    if k < 4 or k + 1 >= len(tokens) or tokens[k - 1].lower not in ("the", "a", "an") or tokens[k - 2].text != ",":
        return None
    if tokens[k + 1].lower not in ("for", "of", "at", ",") or tokens[k].lower.endswith("s"):
        return None  # "Bojan Kral, the officials said": no apposition
    start = k - 2
    while start > 0 and k - 2 - start < 6 and (capitalised(tokens[start - 1].text)
                                               or tokens[start - 1].lower in NAME_PARTICLES):
        start -= 1
    return start if k - 2 - start >= 2 else None


def _apposed_name(tokens: list[Token], k: int) -> int | None:
    """The comma after "the spokesman of/for <body>," when a name follows it; None otherwise."""
    if k == 0 or tokens[k - 1].lower not in ("the", "official", "chief", "senior") or k + 2 >= len(tokens) \
            or tokens[k + 1].lower not in ("of", "for"):
        return None
    comma = next((j for j in range(k + 2, min(len(tokens), k + 10)) if tokens[j].text in _BREAKS_OF_NAMES), None)
    if comma is None or tokens[comma].text != "," or not all(capitalised(t.text) or t.lower in ("the", "of", "and")
                                                           for t in tokens[k + 2:comma]):
        return None
    end = name_end(tokens, comma + 1)
    return comma if end - comma > 2 and end < len(tokens) and tokens[end].text == "," else None


def _headline_speakers(claims: list[Claim], registry: Registry) -> list[Claim]:
    """"Iraqi official: ..." above an article quoting one official is that official, named in the body."""
    people = Counter(c.speaker.entity.id for c in claims
                     if c.kind != "headline" and c.speaker and c.speaker.entity and c.speaker.entity.type == "person")
    if not people:
        return claims
    (main, count), = people.most_common(1)
    out = []
    for claim in claims:
        speaker = claim.speaker
        if claim.kind == "headline" and speaker is not None and claim.mention is not None and count >= 2 and (
                speaker.entity is None or speaker.entity.type in ("people", "organization")) and not any(
                ch.isupper() for word in claim.mention.text.split()[1:] for ch in word[:1]):
            entity = registry.entities[main]
            resolution = Resolution(entity.name, entity, "nominal", 0.6, claim.mention.text, (speaker.entity_id or "",))
            claim = replace(claim, speaker=resolution, confidence=claim_confidence(claim.rule, resolution))
        out.append(claim)
    return out


def _unresolved(claims: list[Claim], blames: list[Blame]) -> tuple[Unresolved, ...]:
    out: dict[tuple[str, str], Unresolved] = {}

    def add(resolution: Resolution | None, mention: str | None, role: str) -> None:
        if resolution is None or resolution.entity is not None or resolution.method == "unresolved-pronoun":
            return
        nearest = resolution.candidates[0] if resolution.candidates else None
        out.setdefault((resolution.name, role), Unresolved(resolution.name, role, nearest))

    for claim in claims:
        add(claim.speaker, claim.mention.text if claim.mention else None, "speaker")
    for blame in blames:
        add(blame.accuser, None, "accuser")
        add(blame.accused, None, "accused")
    return tuple(out.values())


def analyze_text(text: str, registry: Registry, *, source: str = "<text>", outlet: str | None = None,
                 date: Date | None = None) -> Analysis:
    """Analyse article text given as a string (front matter and markers recognised)."""
    return analyze(parse_article(text, registry=registry, source=source, outlet=outlet, date=date), registry)


# A plain class in the compiled build too, like the records of model.py: picklable and copyable.
@mypyc_attr(native_class=False)
@dataclass(frozen=True)
class Outcome:
    """The result for one input: an analysis, or the reason there is none."""

    name: str
    analysis: Analysis | None = None
    error: str | None = None
    line: int | None = None
    warnings: tuple[str, ...] = ()
    # An analysis made earlier and read back as the output contract's object (``analyses=True``).
    record: dict[str, Any] | None = None
    where: str = ""  # where messages point: the file, or corpus.jsonl:LINE for a corpus record
    exception: BaseException | None = None  # an internal error met while analysing this input (keep_going)


def analyze_source(source: Source, registry: Registry, *, outlet: str | None = None,
                   date: Date | None = None) -> Outcome:
    """Parse and analyse one loaded source; never raises for bad input."""
    if source.record is not None:
        record = source.record if outlet is None else {**source.record, "outlet": outlet}
        return Outcome(source.name, line=source.line, record=record)
    if source.error is not None or source.text is None:
        return Outcome(source.name, error=source.error, line=source.line, where=source.where)
    article = parse_article(source.text, registry=registry, source=source.name, outlet=outlet, date=date,
                            meta=source.meta, warnings=[source.warning] if source.warning else [])
    return Outcome(source.name, analyze(article, registry), line=source.line, warnings=article.warnings,
                   where=source.where)


def analyze_paths(paths: Iterable[str | os.PathLike[str]], registry: Registry, *, outlet: str | None = None,
                  date: Date | None = None, stdin: IO[bytes] | None = None, analyses: bool = False,
                  keep_going: bool = False) -> Iterator[Outcome]:
    """Analyse files, directories, ``-`` and JSONL corpora (names or ``Path``s), yielding outcomes in input order.

    With ``analyses``, JSONL records written by ``attrib analyze --format jsonl`` come back as they are
    (``Outcome.record``; ``outlet`` still overrides theirs): only articles are analysed.
    With ``keep_going``, an unexpected exception (a bug in attrib) while analysing one input
    becomes that input's outcome, carrying the exception, and the other inputs are still analysed.
    """
    for source in iter_sources((os.fspath(path) for path in paths), stdin=stdin, analyses=analyses):
        try:
            outcome = analyze_source(source, registry, outlet=outlet, date=date)
        except Exception as exc:  # noqa: BLE001 - reported per input by the caller
            if not keep_going:
                raise
            error = message("internal", error=f"{type(exc).__name__}: {exc}")
            outcome = Outcome(source.name, error=error, line=source.line, where=source.where, exception=exc)
        yield outcome
