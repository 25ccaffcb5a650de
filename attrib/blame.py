"""Who holds whom responsible: blame relations with their evidence.

Two sources of blame, both driven by ``rules/cues.yaml``:

- explicit blame verbs anywhere in the article ("U.S. officials blame
  Iran-backed militia for ...", "Y was blamed by X", "X holds Y responsible");
  outside any claim the outlet reports them itself (``claim`` is None);
- inside a claim, its speaker blames the party named as the doer: "the attack
  was initiated by Y", "Y fired the rockets", "some of them are connected to
  Y", or a label for unnamed perpetrators ("outlaws", "crime gangs").

Denials, negations, questions and conditionals block a blame; an act
condemned with no perpetrator named yields none.
"""
from __future__ import annotations

import operator
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Iterator, Sequence

from .claims import noun_phrase_after, sentence_subject, source_before
from .model import Article, Claim, Mention, Segments, Sentence
from .rules import BlameVerb, Cues, Registry
from .segment import SpanIndex
from .tokens import ArticleTokens, Token

_OBJECT_STOPS = frozenset({"of", "for", "over", "after", "in", "on", "at", "with", "by", "that", "which", "who",
                           "as", "since", "because", "during", "amid", "following", "and", "to", "from", "through",
                           "via", "without", "despite", "against"})
_AGENT_TYPES = frozenset({"group", "label", "government", "person"})
_WINDOW = 7  # words between a party and its act
_ACT_NOUNS = frozenset({"attack", "attacks", "bombing", "bombings", "strike", "strikes", "crime", "crimes", "incident",
                        "act", "acts", "violence", "shelling", "assault", "assaults", "killing", "killings"})
_DETERMINERS = frozenset({"the", "a", "an", "these", "those", "this", "that", "such", "some", "all", "any", "unknown",
                          "same", "its", "their"})
_CLAUSE_OPENERS = frozenset({"that", ",", ";", ":", "and", "but", "because", "as", "while", "when", "whereas", "hence",
                             "therefore", "thus", "so"})
# "was quick to blame": words before "to" that make the verb after it a deed, not a demand
_READY = frozenset({"quick", "swift", "fast", "first", "quicker", "rushed", "hastened", "moved", "careful"})
_PASSIVE_AUXILIARIES = frozenset({"was", "were", "is", "are", "be", "been", "being"})
_INNER_CAPITAL = re.compile(r"\b[a-z]+ ([A-Z][A-Za-z]+)\b")  # "by Corbishley": a capital inside a sentence
_WEAPONS = frozenset({"jets", "drones", "artillery"})
_VIOLENCE = frozenset({"fired", "shelled", "attacked", "killed", "bombed", "struck", "shot", "beat", "opened fire",
                       "hit"})
_FAULT_PREDICATES = frozenset({"responsible", "culpable", "to blame", "at fault", "behind"})
_NAMED_ACTS = frozenset({"aggression", "attack", "attacks", "crime", "crimes", "shelling", "bombardment", "massacre",
                         "terrorism", "occupation", "provocation", "sabotage"})  # "the Korsian aggression"
_TRAILING_ADVERBS = frozenset({"outright", "again", "too", "also", "instead", "squarely", "alone", "itself", "themselves",
                               "himself", "herself"})
_QUANTITIES = frozenset({"at", "least", "about", "around", "nearly", "almost", "more", "over", "up", "to", "several",
                         "many", "dozens", "hundreds", "thousands", "two", "three", "four", "five", "six", "seven",
                         "eight", "nine", "ten", "both", "most", "armed", "unidentified"})
_OBJECT_PRONOUNS = frozenset({"him", "her", "them", "it", "us", "me", "you", "himself", "herself", "themselves"})
_PRONOUN_OBJECTS = frozenset({"the", "a", "an", "this", "that", "those", "these"})
_PARTICIPLES = frozenset({"hit", "struck", "shot", "fired", "killed", "targeted", "attacked", "bombed", "shelled"})
_DEMANDS = frozenset({"to", "must", "should", "shall", "will", "would", "could", "may", "might", "can"})
_FORCES = frozenset({"troops", "forces", "soldiers", "army", "militants", "fighters", "gunmen", "rebels", "militia",
                     "militias", "police", "units", "jets", "drones", "artillery", "navy", "military", "insurgents",
                     "guerrillas", "paramilitaries", "forces'", "group", "groups", "faction", "factions"})
_BE = frozenset({"is", "are", "was", "were", "be", "been", "being"})
_PREDICATE = frozenset({"is", "are", "was", "were", "be", "been", "called", "branded", "labelled", "labeled",
                        "described", "as", "either", "neither", "mere", "just", "simply"})
_NEGATION_REACH = 4
_CLAUSE_ENDS = frozenset({",", ".", ";", ":", "!", "?", "(", ")"})
_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
_PLAIN = BlameVerb("", ())  # an object with no conditions, for the party after "on"
_start = operator.attrgetter("start")
_end = operator.attrgetter("end")


@dataclass(frozen=True)
class _Found:
    accuser: Mention | None
    accused: Mention
    cue: str
    rule: str
    strength: float
    claim: int | None
    sentence: Sentence


def detect_blames(article: Article, segments: Segments, claims: Sequence[Claim], *, registry: Registry,
                  scan, words: ArticleTokens | None = None) -> Iterator[_Found]:
    """Yield blame findings in document order (resolution happens in the pipeline).

    ``scan`` finds registry names in tokens (``Resolver.scan``); ``words`` are
    the article's tokens if an earlier stage has them already.
    """
    text = article.text
    cues = registry.cues
    words = words or ArticleTokens(text, segments)
    spans = SpanIndex([(c.start, c.end) for c in claims])
    names = _InnerNames(text)
    for sentence in segments.sentences:
        tokens = words.sentence(sentence)
        if not tokens or _question(tokens):
            continue
        inside = [(n, claims[n]) for n in spans.overlapping(sentence.start, sentence.end)]
        yield from _verb_blames(text, tokens, sentence, inside, cues, scan)
        for number, claim in inside:
            yield from _claim_blames(text, tokens, sentence, number, claim, registry, scan, names)


def _question(tokens: Sequence[Token]) -> bool:
    return any(t.text == "?" and not t.quoted for t in tokens[-2:])


def _verb_blames(text: str, tokens: list[Token], sentence: Sentence, inside: list[tuple[int, Claim]],
                 cues: Cues, scan) -> Iterator[_Found]:
    """"X blamed Y for ...", "X accuses Y of ...", "Y was blamed by X", "X holds Y responsible"."""
    spans: SpanIndex | None = None  # the claims' spans, indexed at the first blame verb
    for i, length, verb in cues.blame_index.find(tokens):
        if _negated(tokens, i, cues) or _denied(tokens, i, cues) or _conditional(tokens, i, cues):
            continue
        verb_start = i  # where the verb group starts: "was quick to point the finger at"
        if i >= 2 and tokens[i - 1].lower == "to" and tokens[i - 2].lower in _READY:
            verb_start = i - 2
            while verb_start > 0 and tokens[verb_start - 1].lower in _BE:
                verb_start -= 1
        elif i > 0 and tokens[i - 1].lower in _DEMANDS:
            continue  # "urged leaders to hold those responsible", "must hold them accountable": a demand
        elif (i > 0 and tokens[i - 1].lower in ("the", "a", "any", "no", "some", "of", "its", "their", "trade", "traded",
                                                  "trading", "share", "shift", "deflect", "every", "each", "his", "her",
                                                  "our", "my", "your")) \
                or (i + 1 < len(tokens) and tokens[i + 1].lower == "game"):
            continue  # "should share the blame", "trade blame", "the blame game": a noun
        after = i + length
        spans = spans or SpanIndex([(c.start, c.end) for _, c in inside])
        claim_no, claim = _claim_at(inside, spans, tokens[i].start)
        passive = i > 0 and tokens[i - 1].lower in _PASSIVE_AUXILIARIES and not tokens[i].lower.endswith("ing")
        if passive and after < len(tokens) and tokens[after].lower == "on" and verb.or_after:
            # "The deaths were blamed on Y(, the officials said)", "... were blamed on Y by X".
            by = next((k for k in range(after + 1, min(len(tokens), after + 14))
                       if tokens[k].lower == "by" or tokens[k].text in _CLAUSE_ENDS), len(tokens))
            agent = by < len(tokens) and tokens[by].lower == "by"
            accused_mention = _party_or_owner(text, tokens, after + 1, scan, cues, by if agent else None)  # Y, by X
            if accused_mention is None:
                continue
            accuser: Mention | None = claim.mention if claim is not None else None
            if agent:
                accuser_end = noun_phrase_after(tokens, by + 1, cues)
                if accuser_end > by + 1:
                    accuser = _mention(text, tokens, by + 1, accuser_end)
            if accuser is not None:
                yield _Found(accuser, accused_mention, verb.lemma, "blame-passive", verb.strength, claim_no, sentence)
            continue
        if after < len(tokens) and tokens[after].lower == "by":
            # Passive: "Y was blamed by X"; "... was blamed by X on Y".
            accuser_end = noun_phrase_after(tokens, after + 1, cues)
            accused = _passive_subject(tokens, i, cues)
            accused_mention = _mention(text, tokens, *accused) if accused is not None else None
            if accuser_end + 1 < len(tokens) and tokens[accuser_end].lower == "on" and verb.or_after:
                # "The collapse was blamed by X on the government's decision": the act's owner is accused.
                accused_mention = _party_or_owner(text, tokens, accuser_end + 1, scan, cues)
            # "was criticised by X for ...", but "held by X" (not "held responsible") blames no one.
            completed = not verb.then
            for k in range(after + 1, min(len(tokens), accuser_end + 2)) if verb.then else ():
                if tokens[k].lower in verb.then:
                    completed, accuser_end = True, min(accuser_end, k)
                    break
            if accuser_end > after + 1 and accused_mention is not None and completed:
                yield _Found(_mention(text, tokens, after + 1, accuser_end), accused_mention,
                             verb.lemma, "blame-passive", verb.strength, claim_no, sentence)
            continue
        if passive:
            # What follows a passive is not the accused ("Ritter was charged Monday with robbery"); inside a
            # claim, its source accuses the subject: "The driver was cited for failure to maintain lane, deputies said".
            if claim is not None and claim.mention is not None and after < len(tokens) and (
                    tokens[after].lower in verb.until or tokens[after].lower in verb.then):
                accused = _passive_subject(tokens, i, cues)
                if accused is not None:
                    yield _Found(claim.mention, _mention(text, tokens, *accused), verb.lemma, "blame-passive",
                                 verb.strength, claim_no, sentence)
            continue
        obj = _object(tokens, after, verb, scan, cues, phrase=length > 1)
        if obj is None and not verb.object_after:
            # "blamed the weather and the coastguard": the second of two, when only it names a party
            conj = next((m for m in range(after + 1, min(len(tokens), after + 6)) if tokens[m].lower == "and"
                         or tokens[m].text in _CLAUSE_ENDS), None)
            if conj is not None and tokens[conj].lower == "and":
                obj = _object(tokens, conj + 1, verb, scan, cues)
                obj = obj if obj is not None and _no_clause(tokens, obj, cues) else None
        if obj is None:
            continue
        subject = source_before(tokens, verb_start, cues)
        if subject is not None and subject[0] > 0 and (cues.blame_index.match(tokens, subject[0] - 1)
                                                       or cues.speech_index.match(tokens, subject[0] - 1)):
            # "the government blamed a drug gang and a rights group accused Y": after another verb's object,
            # only the words after "and" are this verb's subject.
            last_and = max((k for k in range(subject[0], subject[1]) if tokens[k].lower == "and"), default=None)
            if last_and is not None:
                subject = (last_and + 1, subject[1]) if last_and + 1 < subject[1] else None
        if subject is not None and tokens[subject[0]].lower in ("to", "at", "in", "on", "for", "with", "from") \
                and tokens[i].lower.endswith("ing") and not tokens[i].quoted:
            # "X wrote to the company's board last week accusing the directors of ...": X accuses
            main = sentence_subject(tokens, cues)
            subject = main if main is not None and main[1] < i else None
        elif i > 0 and tokens[i - 1].text == "," and tokens[i].lower.endswith("ing") and not tokens[i].quoted:
            # "Baraka, a spokesman for the group, went further, accusing Y": the sentence's subject accuses.
            main = sentence_subject(tokens, cues)
            subject = main if main is not None and main[1] < i else subject
        joined = i > 0 and tokens[i - 1].lower in ("and", "but") or (  # "... and sharply criticised Y"
            i > 1 and tokens[i - 2].lower == "and" and tokens[i - 1].lower.endswith("ly")
            and tokens[i - 1].text.islower())
        if subject is None and joined and not tokens[i].quoted:
            subject = sentence_subject(tokens, cues)  # "Frost has denied wrongdoing and blamed his rivals"
            subject = subject if subject is not None and subject[1] < i else None
        accuser = _mention(text, tokens, *subject) if subject else None
        if claim is not None and (accuser is None or accuser.text.lower() in ("we", "i", "us")):
            accuser = claim.mention
        if accuser is None:
            continue
        if obj[1] - obj[0] == 1 and tokens[obj[0]].lower in ("it", "them") and verb_start > 2 \
                and tokens[verb_start - 1].text == ",":
            obj = _object_before(tokens, verb_start - 1, cues) or obj
        objects = [_named_in_apposition(tokens, obj)]
        if obj[1] + 1 < len(tokens) and tokens[obj[1]].lower == "and" and not verb.object_after:
            also = _object(tokens, obj[1] + 1, verb, scan, cues)  # "blamed both Greenmont and the chain"
            if also is not None and _no_clause(tokens, also, cues):
                objects.append(_named_in_apposition(tokens, also))
        for s, e in objects:
            yield _Found(accuser, _mention(text, tokens, s, e), verb.lemma, "blame-verb", verb.strength,
                         claim_no if claim is not None and claim.start <= tokens[i].start else None, sentence)


def _no_clause(tokens: list[Token], span: tuple[int, int], cues: Cues) -> bool:
    """The words after "and" are a second party, not another clause ("blamed the gangs and a rights group accused
    the authorities of ...")."""
    return not any(t.text.islower() and t.lower.endswith("ed") or t.lower in _BE or cues.blame_index.match(tokens, k)
                   or cues.speech_index.match(tokens, k) for k, t in enumerate(tokens[span[0]:span[1]], span[0]))


def _object_before(tokens: list[Token], comma: int, cues: Cues) -> tuple[int, int] | None:
    """The party a verb before the comma acts on, which "it" after the comma points back to: "lambasted the
    provincial government, holding it responsible for ..."; None when no such party ends there."""
    k = comma
    while k > 0 and comma - k < 8 and not (tokens[k - 1].text.islower() and tokens[k - 1].lower.endswith("ed")) \
            and tokens[k - 1].text not in _CLAUSE_ENDS and tokens[k - 1].lower not in _OBJECT_STOPS:
        k -= 1
    if k == comma or k == 0 or not tokens[k - 1].lower.endswith("ed") or tokens[k].lower not in _DETERMINERS:
        return None
    return (k, comma) if _party_like(tokens[k:comma], cues) else None


def _named_in_apposition(tokens: list[Token], party: tuple[int, int]) -> tuple[int, int]:
    """The name a description of the accused is followed by, between commas: "faulted the railroad's track
    contractor, Stellwood Track Services, saying ..." accuses Stellwood Track Services."""
    s, e = party
    if e + 1 >= len(tokens) or tokens[e].text != "," or all(t.text[:1].isupper() for t in tokens[s:e]):
        return party
    end = _name_after(tokens, e + 1)
    if end > e + 1 and (end == len(tokens) or tokens[end].text in _CLAUSE_ENDS) \
            and tokens[e + 1].lower not in _DETERMINERS:
        return e + 1, end
    return party


def _object(tokens: list[Token], j: int, verb: BlameVerb, scan, cues: Cues,
            end: int | None = None, phrase: bool = False) -> tuple[int, int] | None:
    """The accused after a blame verb, before ``end``: a registry name if one starts there, else the noun phrase.
    ``phrase``: the verb is several words ("laid the blame"), which its preposition may follow at once."""
    n = len(tokens) if end is None else min(end, len(tokens))
    if verb.object_after:
        # "linked the attackers to Y": the accused follows the preposition, after an object.
        k = j  # within the clause: "pinned the blame for a blackout that cut power to ... on Y"
        while k < n and k - j < 20 and tokens[k].lower not in verb.object_after and tokens[k].text not in _CLAUSE_ENDS:
            k += 1
        if k >= n or (k == j and not phrase) or tokens[k].lower not in verb.object_after:
            return None  # "factions linked with Iran": an adjective, not a verb
        j = k + 1
        if j < n and tokens[j].lower == "of":
            j += 1  # "laid the blame at the feet of Y"
        owner = next((m for m in range(j, min(n, j + 4)) if tokens[m].lower.endswith(("'s", "’s"))), None)
        if owner is not None and owner + 1 < n and tokens[owner + 1].text.islower() and not scan(tokens[j:owner + 1]) \
                and (tokens[owner].text[:1].isupper() or cues.nominals.get(tokens[owner].lower[:-2]) == "office"):
            return j, owner + 1  # "laid the blame on the airline's schedules": the airline
    while j < n and (tokens[j].text in ("“", '"', "‘") or tokens[j].lower in ("both", "either")):
        j += 1
    if j < n and tokens[j].lower in ("whoever", "whomever"):
        return None  # "I blame whoever decided that ...": no one named
    if verb.or_after:
        # "blamed the flooding on Y": an act, then the accused; "blamed Iran on Tuesday for ..." is not one.
        # "blamed the outages that have hit homes across the country for three weeks on Y": the act may be
        # long, and "for" a duration inside it.
        k = next((k for k in range(j + 1, min(n, j + 20)) if tokens[k].lower in verb.or_after
                  or (tokens[k].lower in verb.until and not _duration(tokens, k + 1))
                  or tokens[k].text in _CLAUSE_ENDS), n)
        if k + 1 < n and tokens[k].lower in verb.or_after and tokens[k + 1].lower not in _WEEKDAYS \
                and not scan(tokens[j:k]):  # "blamed Iran on state TV for ...": Iran is the object
            found = _object(tokens, k + 1, _PLAIN, scan, cues)
            # The words before "on" are the act; the party after it must be one ("on years of neglect" is none).
            if found is not None and _party_like(tokens[found[0]:found[1]], cues):
                return found
            # "on agreements signed by the previous administration": the party that made the cause
            by = next((m for m in range(k + 2, min(n, k + 10)) if tokens[m].lower == "by"
                       or tokens[m].text in _CLAUSE_ENDS), n)
            if by < n and tokens[by].lower == "by" and tokens[by - 1].lower.endswith("ed"):
                agent_end = _agent_after(tokens, by + 1, cues)
                if agent_end > by + 1:
                    return by + 1, agent_end
            return None
    limit = next((k for k in range(j + 1, min(n, j + 14)) if tokens[k].text in _CLAUSE_ENDS), min(n, j + 14))
    if verb.until:
        # "accused a protest group opposed to the plan of ...": the object runs to "of"; to the "of" before what
        # they did when the party's name has one ("accused the intelligence services of the occupation of staging").
        stops = [k for k in range(j + 1, limit) if tokens[k].lower in verb.until]
        acting = [k for k in stops
                  if k + 1 < n and tokens[k + 1].lower.endswith("ing") and tokens[k + 1].text.islower()]
        stop = acting[0] if acting else (stops[0] if stops else None)
        if stop is not None and not any(t.text in (".", ";") for t in tokens[j:stop]):
            limit = stop
    # "blamed the commission rather than the Civic Union": the party after "rather than" is cleared.
    limit = next((k for k in range(j + 1, limit) if tokens[k].lower in ("rather", "instead", "not")
                  and not tokens[k].quoted), limit)
    hits = scan(tokens[j:limit])
    if hits:
        s, e, entries = hits[0]
        if all(x.kind == "role" for x in entries):
            # "accused Finance Minister Jonas Feldt of ...": a title before a name is part of the name.
            while j + e < limit and tokens[j + e].text[:1].isupper() and tokens[j + e].lower not in _WEEKDAYS:
                e += 1
        while s > 0 and tokens[j + s - 1].text[:1].isupper() and not tokens[j + s - 1].quoted:
            s -= 1  # "Velorian security services": the nationality belongs to the party's name
        if not verb.then or any(t.lower in verb.then for t in tokens[j + e:j + e + 2]):
            return j + s, j + e
    if verb.until and limit < n and tokens[limit].lower in verb.until:
        while limit > j and tokens[limit - 1].text in ("”", '"', "’"):
            limit -= 1  # 'accused "foreign intelligence services" of ...'
        if not any(t.text[:1].isalnum() for t in tokens[j:limit]):
            return None  # "faulted, for ...": punctuation names no one
        if all(t.lower in _PRONOUN_OBJECTS for t in tokens[j:limit]) and limit - j > 1:
            return None
        return (j, limit) if _party_like(tokens[j:limit], cues) else None
    # "blamed years of underfunding by ministers": the cause's doer is the accused; so is the doer of a
    # condemned act ("condemned the shelling by the Korsian occupation forces").
    by = next((k for k in range(j + 1, min(n, j + 8)) if tokens[k].lower == "by" or tokens[k].text in _CLAUSE_ENDS), n)
    act = by < n and by > j and tokens[by - 1].lower in _ACT_NOUNS
    # "condemned the heinous crime perpetrated by Y": the act, then the words that say who did it.
    done = next((m for m in (by - 1, by - 2) if m > j and (hit := cues.by_agent_index.match(tokens, m)) is not None
                 and m + hit[0] == by), by) if by < n else by
    act = act or done < by
    # One noun phrase up to "by" ("years of underfunding"), not a party and then more ("Y through an official
    # quoted by news agencies").
    if (not verb.then or act) and by < n and tokens[by].lower == "by" and not any(
            t.lower in _OBJECT_STOPS and t.lower != "of" or t.lower.endswith("ed") for t in tokens[j:done]):
        agent_end = _agent_after(tokens, by + 1, cues)
        if agent_end > by + 1:
            return by + 1, agent_end
    named = _named_as(tokens, j, n)
    if named is not None:
        return named  # "attributed the intrusion to a group they track as Copper Vole": the name
    k = j
    if verb.then:
        # "held the Republic of Tiraz fully responsible": the object runs to the word that completes the verb.
        while k < min(n, j + 12) and tokens[k].lower not in verb.then:
            if tokens[k].text == "(" and k + 2 < n and tokens[k + 2].text == ")":
                k += 3  # "the opposition People's Justice Front (PJF) for ...": the acronym is part of it
                continue
            if tokens[k].text in _CLAUSE_ENDS:
                return None
            k += 1
        if k >= n or tokens[k].lower not in verb.then:
            return None
        if k - j > 3 and tokens[k - 1].text == ")":
            k -= 3
        while k > j + 1 and tokens[k - 1].lower.endswith("ly"):
            k -= 1  # "fully", "directly", "solely"
    while not verb.then and k < n and k - j < 10:
        tok = tokens[k]
        if tok.text in _CLAUSE_ENDS or (tok.lower in _OBJECT_STOPS and k > j) \
                or tok.lower in ("rather", "instead"):
            break
        k += 1
    while k > j and tokens[k - 1].text in ("”", '"', "’"):
        k -= 1
    while k > j + 1 and (tokens[k - 1].lower in _TRAILING_ADVERBS or tokens[k - 1].lower.endswith("ly")):
        k -= 1  # "blamed the supplier outright"
    if k <= j or all(t.lower in ("the", "a", "an", "this", "that", "those", "these") for t in tokens[j:k]):
        return None
    if " ".join(t.lower for t in tokens[j:k]) in ("the others", "the other", "each other", "one another"):
        return None  # "pointed the finger at each other": no party named
    if tokens[k - 1].lower in _ACT_NOUNS:
        return None  # the act itself, not a party: "condemned the attack"
    return (j, k) if _party_like(tokens[j:k], cues) else None


_NAMING_AS = frozenset({"known", "track", "tracks", "tracked", "designated", "identified", "described"})
_NAMING = frozenset({"dubbed", "called", "calling", "named", "nicknamed"})


_COLLECTIVES = frozenset({"number", "handful", "group", "gang", "band", "couple", "few", "dozen", "dozens", "hundreds",
                          "thousands", "minority", "section", "core"})
_NUMBER_WORDS = frozenset({"a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                           "several", "many", "the", "months", "years", "weeks", "days", "hours", "decades"})


def _duration(tokens: Sequence[Token], k: int) -> bool:
    """A span of time starts at ``k``: "for three weeks", "for 10 days", "for months"."""
    return k < len(tokens) and (tokens[k].lower[:1].isdigit() or tokens[k].lower in _NUMBER_WORDS) and any(
        t.lower in ("months", "years", "weeks", "days", "hours", "decades", "month", "year", "week", "day", "hour")
        for t in tokens[k:k + 3])


def _named_as(tokens: Sequence[Token], j: int, n: int) -> tuple[int, int] | None:
    """The name a party goes by, after a few words describing it: "a group known as Grey Lantern", "a crew
    researchers have dubbed Copper Vole"; None when the words do not name one."""
    for k in range(j + 1, min(n - 1, j + 8)):
        word = tokens[k].lower
        if tokens[k].text in _CLAUSE_ENDS:
            return None
        naming = word in _NAMING or (word == "as" and tokens[k - 1].lower in _NAMING_AS)
        name = k + 2 if k + 2 < n and tokens[k + 1].text in ("“", '"', "‘", "'") else k + 1  # 'as "Ashen Heron"'
        if naming and tokens[name].text[:1].isupper():
            end = _name_after(tokens, name, n)
            return (name, end) if end > name else None
    return None


def _body_noun(word: str, nominals: dict[str, str]) -> str:
    """The role noun a plural stands for when only its singular is listed as a body: "services" -> "service"."""
    if word not in nominals and word.endswith("s") and nominals.get(word[:-1]) == "office":
        return word[:-1]
    return word


def _party_like(words: Sequence[Token], cues: Cues) -> bool:
    """An unregistered object names a party: a name, a pronoun, or a noun for people or an institution.
    "blamed staff shortages for the disruption" holds no one responsible."""
    if any(t.text[:1].isupper() for t in words):
        return True
    core = 0  # the noun phrase before a participle or preposition: "a protest group opposed to the plan"
    while core < len(words) and not (core > 0 and (words[core].lower in _OBJECT_STOPS or (
            len(words[core].lower) > 4 and words[core].lower.endswith("ed")
            and (core + 1 == len(words) or words[core + 1].lower in _OBJECT_STOPS)))):
        core += 1  # ("two hundred masked individuals": "masked" describes them)
    head = words[core - 1].lower if core else ""
    if head in _COLLECTIVES and core < len(words) and words[core].lower == "of":
        head = words[-1].lower  # "a small number of individuals"
    head = _body_noun(head, cues.nominals)  # "foreign intelligence services"
    return ((head in cues.nominals and cues.nominals[head] != "document") or head in _FORCES
            or head in cues.pejoratives or head in _OBJECT_PRONOUNS
            or head.endswith(("ers", "ists", "ants", "ents")))


def _passive_subject(tokens: list[Token], i: int, cues: Cues) -> tuple[int, int] | None:
    j = i
    while j > 0 and tokens[j - 1].lower in ("was", "were", "is", "are", "been", "be", "being", "has", "have", "had", "widely", "also"):
        j -= 1
    return source_before(tokens, j, cues) if j < i else None


def _claim_blames(text: str, tokens: list[Token], sentence: Sentence, number: int, claim: Claim,
                  registry: Registry, scan, names: _InnerNames | None = None) -> Iterator[_Found]:
    """The claim's speaker blames the doer its content names."""
    cues = registry.cues
    # The tokens inside the claim: those starting at or after its start, up to the last ending by its end.
    lo = bisect_left(tokens, claim.start, key=_start)
    hi = bisect_right(tokens, claim.end, lo, key=_end)
    if hi <= lo or claim.mention is None:
        return
    sub = tokens[lo:hi]
    if cues.denial_index.occurs_in(sub):
        return
    specific: list[_Found] = []
    labels: list[_Found] = []
    # "... initiated by Y": the party after "by".
    for k, length, phrase in cues.by_agent_index.find(sub):
        by = k + length
        if by + 1 < len(sub) and sub[by].text in ("”", '"', "’") and sub[by + 1].lower == "by":
            by += 1  # 'the violence "was planned" by members of ...'
        if by < len(sub) and sub[by].lower == "by" and not _negated(sub, k, cues):
            hits = [h for h in scan(sub[by + 1:by + 8]) if h[0] <= 2]
            if hits:
                s, e, _ = hits[0]
                specific.append(_Found(claim.mention, _mention(text, sub, by + 1 + s, by + 1 + e), f"{phrase} by",
                                       "claim-by-agent", 0.93, number, sentence))
            else:
                start, end = by + 1, _agent_after(sub, by + 1, cues)
                if end == start:
                    # "caused by a faulty update from its supplier, Sorrel Financial Technologies": the thing's
                    # maker is the doer.
                    source = next((m for m in range(by + 2, min(len(sub), by + 7)) if sub[m].lower == "from"
                                   or sub[m].text in _CLAUSE_ENDS), None)
                    if source is not None and sub[source].lower == "from":
                        start, end = source + 1, _agent_after(sub, source + 1, cues)
                if end > start:
                    start, end = _named_in_apposition(sub, (start, end))
                    if sub[start].lower.endswith(("'s", "’s")) and sub[start].text[:1].isupper() and end > start + 1:
                        end = start + 1  # "caused by DSR's decision to cancel ...": the decision's owner
                    party = _mention(text, sub, start, end)
                    specific.append(_Found(claim.mention, party, f"{phrase} by", "claim-by-agent", 0.88, number,
                                           sentence))
    # "... connected to Y".
    for k, length, phrase in cues.connections_index.find(sub):
        hits = [h for h in scan(sub[k + length:k + length + 6]) if h[0] <= 2]
        if hits and not _negated(sub, k, cues):
            s, e, _ = hits[0]
            specific.append(_Found(claim.mention, _mention(text, sub, k + length + s, k + length + e), phrase,
                                   "claim-connection", 0.85, number, sentence))
        elif not hits and not _negated(sub, k, cues):
            # "... were the responsibility of local election officials": a party the registry lacks.
            end = _agent_after(sub, k + length, cues)
            if end > k + length:
                specific.append(_Found(claim.mention, _mention(text, sub, k + length, end), phrase,
                                       "claim-connection", 0.8, number, sentence))
    for s, e, cue in _faults(sub, cues):  # ("Northway's negligence": ``_mention`` leaves the "'s" out)
        specific.append(_Found(claim.mention, _mention(text, sub, s, e), cue, "claim-fault", 0.85, number, sentence))
    # Parties named in the content: the doers of an act, or called by a label for perpetrators.
    headline = claim.kind == "headline"
    accused = {f.accused.start for f in specific}  # where a party is accused already
    for s, e, entries in scan(sub):
        kinds = {registry.entities[x.entity_id].type for x in entries}
        if sub[s].start in accused:
            continue
        if _conditional(sub, s, cues) or _negated(sub, s, cues):
            continue
        act = _act_after(sub, e, cues) if kinds & _AGENT_TYPES else None
        if act is not None:
            found = _Found(claim.mention, _mention(text, sub, s, e), act, "claim-agent", 0.88, number, sentence)
            if kinds == {"label"}:
                labels.append(found)
            else:
                specific.append(found)
                accused.add(found.accused.start)
        elif "label" in kinds and (_predicate_before(sub, s) or _act_by(sub, s)
                                   or (_subject_position(sub, s) and _damning(sub, s, e, cues))):
            label = _mention(text, sub, s, e)
            cue = "calls them " + _label_words(label.text)
            end = _name_after(sub, e + 1) if e < len(sub) and sub[e].lower == "of" else e
            if end > e + 1:
                # "The criminals of the so-called Liberation Front": the label names the party after "of".
                specific.append(_Found(claim.mention, _mention(text, sub, e + 1, end), cue, "claim-label", 0.85,
                                       number, sentence))
            else:
                labels.append(_Found(claim.mention, label, cue, "claim-label", 0.85, number, sentence))
    # A party the registry does not know, opening the claim as the doer: "Ukrainian troops had fired on the plant".
    if not specific and not labels:
        doer = _leading_doer(sub, cues, names)
        if doer is not None:
            s, e, act = doer
            specific.append(_Found(claim.mention, _mention(text, sub, s, e), act, "claim-agent", 0.75, number, sentence))
    # A name given to an act that names its doer: 'condemned what it called "the Korsian aggression"'.
    naming = cues.speech.get((claim.cue or "").lower())
    if not specific and not labels and naming is not None and naming[1] == "naming":
        for k in range(len(sub) - 1):
            word = sub[k].text.removesuffix("'s").removesuffix("’s")
            if word[:1].isupper() and (k > 0 or sub[k].quoted) and sub[k + 1].lower in _NAMED_ACTS:
                start, end = sub[k].start, sub[k].start + len(word)  # "Israel's aggression": without the "'s"
                cue = "calls it " + _label_words(" ".join(t.text for t in sub[k:k + 2]))
                specific.append(_Found(claim.mention, Mention(text[start:end], start, end), cue, "claim-label", 0.8,
                                       number, sentence))
                break
    # A named party outweighs a generic label in the same claim: "attackers ... linked to Y" blames Y.
    # A headline's "Iraqi official: perpetrators arrested" adds no accusation to the body's.
    yield from specific or ([] if headline else labels[:1])


_RESTING = frozenset({"rests", "rest", "rested", "lies", "lie", "lay"})
_FAULT_NOUNS = frozenset({"blame", "responsibility", "fault", "accountability", "culpability"})


def _faults(tokens: Sequence[Token], cues: Cues) -> Iterator[tuple[int, int, str]]:
    """Parties a claim puts the fault on by a noun, as (start, end, cue): "Northway's negligence caused this",
    "the council's failure", "Responsibility for this rests with the regulators"."""
    lowers = [t.lower for t in tokens]
    if cues.failings.isdisjoint(lowers) and _RESTING.isdisjoint(lowers):
        return
    for k in range(len(tokens) - 1):
        word = lowers[k]
        if word in _RESTING and any(w in _FAULT_NOUNS for w in lowers[max(0, k - 6):k]):
            w = k + 1
            while w < len(tokens) and lowers[w].endswith("ly") and tokens[w].text.islower():
                w += 1  # "lies squarely with"
            if w + 1 < len(tokens) and lowers[w] == "with" and not _negated(tokens, k, cues):
                end = _agent_after(tokens, w + 1, cues)
                if end > w + 1:
                    yield w + 1, end, f"{word} with"
                    # "... with the regulators as much as with the company": both
                    more = end
                    while more < len(tokens) and more - end < 4 and lowers[more] in ("as", "much", "well", "and"):
                        more += 1
                    if more > end and more + 1 < len(tokens) and lowers[more] == "with":
                        also = _agent_after(tokens, more + 1, cues)
                        if also > more + 1:
                            yield more + 1, also, f"{word} with"
        elif word.endswith(("'s", "’s")) and lowers[k + 1] in cues.failings and not _negated(tokens, k, cues):
            owner = word[:-2]
            start = k
            if tokens[k].text[:1].isupper():
                while start > 0 and k - start < 5 and tokens[start - 1].text[:1].isupper():
                    start -= 1  # "Bright Arc's failures"
            elif owner in cues.nominals or owner in _FORCES:
                start = k - 1 if k > 0 and lowers[k - 1] in _DETERMINERS else k  # "the council's failure"
                if k > 0 and lowers[k - 1] in ("another", "other", "any", "some", "every"):
                    continue  # "a scapegoat for another company's failings": no one named
            else:
                continue
            yield start, k + 1, lowers[k + 1]


def _leading_doer(tokens: Sequence[Token], cues: Cues,
                  names: _InnerNames | None = None) -> tuple[int, int, str] | None:
    """The noun phrase opening a claim, when it names a party (a capitalised name or a force) doing an act.
    One capitalised word is a name only if the article writes it so inside a sentence too ("... by
    Corbishley Civil" makes "Corbishley cut corners" a party's act; "Fourteen died" stays no one's)."""
    start = 1 if tokens and tokens[0].lower == "that" else 0
    k = start
    while k < len(tokens) and k - start < 6 and tokens[k].text[:1].isalnum() and tokens[k].lower not in _BE \
            and tokens[k].lower not in ("had", "has", "have", "will", "would", "were", "was") \
            and not cues.acts_index.match(tokens, k):
        k += 1
    if k == start or cues.conditional_index.match(tokens, start) or cues.negation_index.match(tokens, start):
        return None
    words = tokens[start:k]
    # A force ("Ukrainian troops"), or a proper name the registry lacks ("Grey Lantern was behind ...").
    proper = all(t.text[:1].isupper() for t in words) and (
        len(words) >= 2 or (words[0].text.isupper() and len(words[0].text) > 1)
        or (names is not None and words[0].text in names))
    # A capital that only opens the sentence names no one: "At least three drones hit ...", "Explosive-laden
    # drones struck ..." (unless the article writes the word so inside a sentence too).
    named = words[-1].lower in _FORCES and any(
        t.text[:1].isupper() and not (at == 0 and (t.lower in _DETERMINERS or t.lower in _QUANTITIES
                                                   or (names is not None and t.text not in names)))
        for at, t in enumerate(words))
    if named or proper:
        act = _act_after(tokens, k, cues) or _motive(tokens, k, cues)
        return (start, k, act) if act is not None else None
    # A body or people named by their role (or "it", "they"), held to be at fault or doing a wrong: "the
    # utility was responsible for the blackout", "management is to blame", "the trust had lied to us"; any
    # act is too loose a test for such words ("the army launched an operation").
    nominals = cues.nominals
    if words[-1].lower not in nominals:  # "the transport board deserves a share of the blame": the role noun ends it
        stop = next((m + 1 for m in range(start, min(k, start + 3)) if nominals.get(tokens[m].lower, "document")
                     != "document" and m + 1 < len(tokens) and tokens[m + 1].text.islower()), None)
        if stop is not None and stop < k:
            k, words = stop, tokens[start:stop]
    if words[0].lower in ("any", "every", "no", "each", "both"):
        return None  # "any company that cut corners": a kind of party, not one
    head = _body_noun(words[-1].lower, nominals)  # "the security services"
    if len(words) <= 3 and (head in nominals and nominals[head] != "document"
                            or (head in _FORCES and head not in _WEAPONS)
                            or (len(words) == 1 and head in ("it", "they", "he", "she"))) \
            and all(t.text.islower() for t in words[1:]):
        act = _act_after(tokens, k, cues)
        if act is not None and k + 1 < len(tokens) and tokens[k].lower.endswith("ed") and tokens[k + 1].lower in _BE:
            return None  # "the two soldiers killed were a sergeant and a conscript": a passive participle
        # "the police fired tear gas at women", "he shot a man in the back": violence by people is a wrong
        violent = act in _VIOLENCE and head not in ("it", "they")
        if act is None or not (act in _FAULT_PREDICATES or act.endswith("responsibility") or act in cues.wrongs
                               or violent):
            act = _motive(tokens, k, cues)
            return (start, k, act) if act is not None else None
        at = next(m for m in range(k, len(tokens)) if tokens[m].lower == act.split()[-1])
        if at + 2 < len(tokens) and tokens[at + 1].lower == "for" and tokens[at + 2].lower.endswith("ing"):
            return None  # "the council is responsible for maintaining the bridge": a duty, not a fault
        return start, k, act
    return None


def _motive(tokens: Sequence[Token], k: int, cues: Cues) -> str | None:
    """A motive that makes the clause's act a wrong: "ran it wet for three years to save on pumping costs"."""
    end = next((m for m in range(k, len(tokens)) if tokens[m].text in (".", ";", "?", "!")), len(tokens))
    found = next(iter(cues.motives_index.find(tokens, k, end)), None)
    if found is None or _negated(tokens, found[0], cues):
        return None
    return found[2]


class _InnerNames:
    """The words an article writes with a capital after a lower-case word (names, not sentence openers),
    found in one pass over the text on first need."""

    def __init__(self, text: str):
        self.text = text
        self._words: frozenset[str] | None = None

    def __contains__(self, word: str) -> bool:
        if self._words is None:
            self._words = frozenset(m.group(1) for m in _INNER_CAPITAL.finditer(self.text))
        return word in self._words


def _act_after(tokens: Sequence[Token], j: int, cues: Cues) -> str | None:
    """The harmful act a party is the doer of: "crime gangs had renewed their rocket attacks"."""
    n = len(tokens)
    k = j
    while k < n and k - j < _WINDOW:
        tok = tokens[k]
        hit = cues.acts_index.match(tokens, k)
        if hit:
            previous = tokens[k - 1].lower if k > j else ""
            if previous in _BE and (tok.lower.endswith(("ed", "en")) or tok.lower in _PARTICIPLES):
                return None  # "the embassy had been attacked": the party is the target
            return " ".join(t.lower for t in tokens[k:k + hit[0]])
        predicate = cues.predicates_index.match(tokens, k)
        if predicate and any(t.lower in _BE for t in tokens[j:k]):
            return " ".join(t.lower for t in tokens[k:k + predicate[0]])
        if tok.text in (".", ";", "!", "?", ",", "(", ")") or tok.lower in cues.act_stops:
            return None
        if cues.negation_index.match(tokens, k) or tok.lower.endswith("n't"):
            return None
        k += 1
    return None


def _damning(tokens: Sequence[Token], s: int, e: int, cues: Cues) -> bool:
    """A label that accuses by itself ("outlaws", "crime gangs") or names the act ("the perpetrators of the
    attacks"); "those responsible would face justice" accuses no one."""
    words = tokens[s:e]
    return any(t.lower in cues.pejoratives for t in words) or any(cues.acts_index.match(words, k) for k in range(len(words)))


def _party_or_owner(text: str, tokens: list[Token], j: int, scan, cues: Cues, end: int | None = None) -> Mention | None:
    """The party a blame lands on, after "blamed on": the object if it is one, else the owner of the act it
    names ("on the government's decision to cut the budget" lands on the government); None for neither."""
    n = len(tokens) if end is None else min(end, len(tokens))
    found = _object(tokens, j, _PLAIN, scan, cues, n)
    if found is not None and _party_like(tokens[found[0]:found[1]], cues):
        stop = found[1]
        name_end = _name_after(tokens, stop + 1, n) if stop + 1 < n and tokens[stop].text == "," else stop
        if name_end > stop + 2 and (name_end >= n or tokens[name_end].text in _CLAUSE_ENDS):
            return _mention(text, tokens, stop + 1, name_end)  # "the gang's leader, Bojan Kral,": the person named
        return _mention(text, tokens, *found)
    owner = next((k for k in range(j, min(n, j + 4)) if tokens[k].lower.endswith("'s")), None)
    if owner is None:
        return None
    word = tokens[owner].lower[:-2]
    if not (tokens[owner].text[:1].isupper() or word in cues.nominals or word in _FORCES):
        return None
    start, stop = tokens[j].start, tokens[owner].end - 2  # "the government's" without its "'s"
    return Mention(text[start:stop], start, stop)


def _agent_after(tokens: Sequence[Token], j: int, cues: Cues) -> int:
    """The end of the party after "carried out by", when it names one: "ELF fighters using a drone" ends
    before "using"; "a faulty cable" names no one (``j`` is returned)."""
    given = j
    while j < len(tokens) and tokens[j].text in ("“", '"', "‘"):
        j += 1  # 'caused by "a small number of individuals"'
    k = j
    while k < len(tokens) and k - j < 10:
        tok = tokens[k]
        if tok.lower == "of" and k > j and tokens[k - 1].lower in _COLLECTIVES:
            k += 1  # "a small number of individuals"
            continue
        if tok.lower in ("known", "calling") and k + 1 < len(tokens) and tokens[k + 1].lower in ("as", "itself"):
            k += 2  # "a ransomware group known as Grey Lantern": the name is the party's
            continue
        if tok.lower == "of" and k > j and k + 1 < len(tokens) and (tokens[k + 1].text[:1].isupper() or (
                tokens[k + 1].lower == "the" and k + 2 < len(tokens) and tokens[k + 2].text[:1].isupper())):
            k += 1  # "leaders of the Red Scorpions"
            continue
        if tok.text in _CLAUSE_ENDS or tok.text in ("“", "”", '"') or (k > j and (
                tok.lower in _OBJECT_STOPS or tok.lower in ("who", "which", "that", "using")
                or (tok.lower.endswith("ing") and tok.text.islower()))):
            break
        k += 1
    return k if k > j and _party_like(tokens[j:k], cues) else given


def _name_after(tokens: Sequence[Token], j: int, stop: int | None = None) -> int:
    """The end of a name at ``j``, after its article: "the so-called Liberation Front"; ``j`` when there is none."""
    n = len(tokens) if stop is None else stop
    k = j
    while k < n and (tokens[k].lower in _DETERMINERS or tokens[k].lower == "so-called"):
        k += 1
    end = k
    while end < n and end - k < 8 and tokens[end].text[:1].isupper():
        end += 1
    return end if end > k else j


def _label_words(mention: str) -> str:
    words = mention.split()
    while words and words[0].lower() in _DETERMINERS:
        words = words[1:]
    return " ".join(words).lower().strip("“”\"") or mention.lower()


def _act_by(tokens: Sequence[Token], s: int) -> bool:
    """The label is the doer of a named act: "a cowardly act by outlaw gangs", "the attack by militants"."""
    act = tokens[s - 2].lower if s >= 2 else ""
    return tokens[s - 1].lower == "by" and (act in _ACT_NOUNS or act in _NAMED_ACTS) if s >= 2 else False


def _subject_position(tokens: Sequence[Token], s: int) -> bool:
    """The label opens its clause: "the perpetrators of the attacks were aimed at destabilizing Iraq"."""
    k = s - 1
    while k >= 0 and (tokens[k].lower in _DETERMINERS or tokens[k].text in ("“", "”", '"', "‘")):
        k -= 1
    return k < 0 or tokens[k].lower in _CLAUSE_OPENERS


def _predicate_before(tokens: Sequence[Token], s: int) -> bool:
    """"... is either a terrorist", "called them outlaws": the speaker names the doers."""
    window = [t.lower for t in tokens[max(0, s - 3):s] if t.text not in ("“", "”", '"')]
    return any(w in _PREDICATE for w in window) and "them" in window or any(w in _BE for w in window[-3:])


def _negated(tokens: Sequence[Token], i: int, cues: Cues) -> bool:
    """A negation in the same clause just before: "did not blame", "No known Iran-backed groups"."""
    for k in range(i - 1, max(-1, i - 1 - 2 * _NEGATION_REACH), -1):
        tok = tokens[k]
        if tok.text in (",", ";", ".", ":") or tok.lower in ("that", "which", "who", "because", "but"):
            return False  # "there was no doubt that Iran was responsible": the negation is another clause's
        if cues.negation_index.match(tokens, k) or tok.lower.endswith("n't"):
            # further back only over an infinitive it governs: "I'm not going to stand here and blame people"
            return i - k <= _NEGATION_REACH or any(tokens[m].lower == "to" for m in range(k + 1, i))
    return False


def _denied(tokens: Sequence[Token], i: int, cues: Cues) -> bool:
    """A denial just before, in the same predicate: "has denied wrongdoing and blamed his rivals" blames them."""
    for k in range(i - 1, max(-1, i - 7), -1):
        if tokens[k].lower in ("and", "but", ";"):
            return False
        if cues.denial_index.match(tokens, k):
            return True
    return False


def _conditional(tokens: Sequence[Token], i: int, cues: Cues) -> bool:
    for k in range(i - 1, max(-1, i - 10), -1):
        if tokens[k].text in (",", ";", ".", "“", "”"):
            return False
        if cues.conditional_index.match(tokens, k):
            return True
    return False


def _claim_at(inside: list[tuple[int, Claim]], spans: SpanIndex, offset: int) -> tuple[int | None, Claim | None]:
    found = spans.overlapping(offset, offset + 1)
    return inside[found[0]] if found else (None, None)


def _mention(text: str, tokens: Sequence[Token], start: int, end: int) -> Mention:
    s, e = tokens[start].start, tokens[end - 1].end
    while e > s and text[e - 1] in "”\"’,.;:":
        e -= 1
    if e - s > 2 and text[e - 2:e] in ("'s", "’s"):
        e -= 2  # "the airline's" names the airline
    while s < e and text[s] in "“\"‘":
        s += 1
    return Mention(text[s:e], s, e)
