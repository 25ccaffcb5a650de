"""Find the claims an article attributes to someone: who, which cue, which words.

The method is the reporting-verb approach of quotation extractors (textacy's
``direct_quotations``, Pareti's attribution relations): a cue from
``rules/cues.yaml`` anchors an attribution; its source is the noun phrase on
one side and its content the clause or quotation on the other. Patterns:

- preposed   ``X said (that) ...``, ``X noted: "..."``, ``X stressed the need ...``
- postposed  ``"...," X said.``, ``..., said a military spokesman.``
- participle ``..., saying ...``, ``..., adding that ...`` (the main clause's source)
- coordinated ``X reported ... and said that ...``
- according  ``According to X, ...``, ``..., according to X.``
- headline   ``Iraqi official: ...``, ``...: Mustafa al-Kadhimi``, ``... – spokesman``
- quotes without a cue in their sentence take the speaker of the neighbouring
  attributed quote (same paragraph, or a quote continued across paragraphs);
  short or title-cased ones are scare quotes or titles and are left out.

Claims are yielded in document order with the ``rule`` that produced them.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import compress, islice
from operator import attrgetter
from typing import Iterator, Sequence

from .model import Article, Claim, Mention, Quote, Segments, Sentence
from .names import NAME_PARTICLES, capitalised, demonym
from .rules import Cues
from .segment import SpanIndex
from .tokens import ArticleTokens, Token, tokenize

PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "latter", "former"})
_DETERMINERS = frozenset({"a", "an", "the", "no", "any", "this", "these", "those", "his", "her", "its", "their",
                          "our", "my", "your", "such", "every", "each", "some", "of", "immediate", "initial",
                          "first", "latest", "new", "previous", "widespread"})
_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
                       "yesterday", "tonight", "overnight"})
_TIME_NOUNS = frozenset({"week", "month", "year", "night", "morning", "evening", "afternoon", "weekend"})
_NUMBER_WORDS = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "a", "an",
                           "several", "few", "some", "many"})
_LEADS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "several", "many", "most", "some", "all",
                    "both"})  # words that may open a subject before a role noun
_TIME_WORDS = frozenset({"day", "days", "weeks", "months", "years", "earlier", "later", "ago", "hours", "minutes"})
_MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                     "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
                     "sept", "oct", "nov", "dec"})
_ADVERBS = frozenset({"also", "further", "long", "then", "later", "earlier", "again", "previously", "recently", "publicly",
                      "instead", "since", "now", "still", "even",
                      "repeatedly", "reportedly", "separately", "subsequently", "once", "had", "has", "have", "was",
                      "is", "were", "are", "did", "does", "will", "would", "had", "already", "similarly",
                      "likewise", "too", "however", "meanwhile", "additionally", "moreover", "immediately",
                      "privately", "openly", "angrily", "flatly", "firmly", "clearly", "simply", "briefly",
                      "shortly", "afterward", "afterwards", "initially", "first", "finally", "last", "late", "early"})
_PP_STARTS = frozenset({"in", "on", "at", "during", "to", "via", "through", "after", "before", "from", "outside"})
_BREAKS = frozenset({",", ";", ":", "(", ")", "—", "–", "[", "]", "“", "”", '"', "‘", "’", "«", "»", "!", "?"})
_CONJUNCTIONS = frozenset({"but", "and", "or", "so", "yet", "while", "whereas", "although", "though", "because",
                           "as", "since", "when", "if", "however", "meanwhile", "moreover", "also", "still",
                           "instead", "indeed", "then", "thus", "hence", "therefore"})
_CLAUSE_STOPS = frozenset({"that", "which", "who", "whom", "whose", "where", "when", "while", "because", "after",
                           "before", "if", "unless", "although", "though", "whether", "what", "how", "why"})
_VERBISH = frozenset({"is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will", "would",
                      "can", "could", "should", "may", "might", "must", "shall", "did", "does", "do", "won't",
                      "can't", "cannot", "spoke", "took", "made", "came", "went", "saw", "knew", "gave", "found",
                      "began", "left", "held", "met", "led", "brought", "fell", "hit", "struck", "fought", "won",
                      "lost", "sent", "kept", "ran", "stood", "broke", "chose", "flew", "grew", "rose", "sought",
                      "wrote", "became", "meant", "paid", "put", "set", "cut", "let", "shot", "fled", "built",
                      "caught", "told", "said", "thought", "got", "needs", "wants", "seeks", "remains", "continues",
                      "plans", "aims", "means", "faces", "poses", "represents", "belongs", "lies", "stands",
                      # more irregular past tenses: "Special police units retook the block, it said."
                      "retook", "overtook", "undertook", "bought", "sold", "drove", "threw", "wore", "tore", "beat",
                      "hid", "spread", "shut", "hurt", "burst", "cost", "dealt", "drew", "ate", "fed", "felt",
                      "forgot", "froze", "hung", "heard", "laid", "lit", "rode", "rang", "sank", "shook", "slept",
                      "spent", "stole", "stuck", "swept", "taught", "understood", "upheld", "withdrew", "woke",
                      "blew", "bled", "fled", "overran", "oversaw", "overcame", "rebuilt", "sped", "withheld",
                      "arose", "bore", "bent", "bound", "lent", "meant", "dug", "swore", "ground", "forbade"})
_NOT_PAST = frozenset({"red", "bed", "need", "speed", "seed", "feed", "hundred", "united", "armed", "based",
                       "backed", "linked", "aligned", "related", "so-called", "led", "allied", "affiliated",
                       "unidentified", "unnamed", "alleged", "detailed", "advanced", "concerned", "interested",
                       "experienced", "fortified", "heavily-fortified", "sacred", "wicked", "naked", "ragged"})
_RELATIVES = frozenset({"who", "which", "that", "whom", "whose"})
_MODALS = frozenset({"may", "might", "could", "would", "will", "can", "should", "must", "shall", "not", "never"})
_INTRO_WORDS = frozenset({"for", "with", "amid", "despite", "following", "meanwhile", "however", "but", "and", "also",
                          "earlier", "later", "separately", "elsewhere", "then", "now", "still", "yet", "instead"})
_NOT_SOURCES = frozenset({"another", "this", "that", "these", "those", "some", "many", "most", "one", "all", "both",
                          "none", "no", "neither", "nor", "either", "any", "anyone", "anybody", "nothing", "everyone",
                          "each", "such", "it's", "there", "here", "what", "which", "who", "nobody", "none", "few",
                          "several", "others", "other",
                          # abstractions that "suggest" and "indicate" without being anyone: "Experience suggests ..."
                          "experience", "evidence", "history", "research", "data", "science", "logic", "reason",
                          "everything", "something", "anything", "time", "analysis", "precedent", "practice"})
_NEGATIVE_SOURCES = frozenset({"none", "no", "neither", "nor", "nothing", "nobody", "anyone", "anybody", "any", "either",
                               "there", "here", "what", "which", "it's"})
_PLURAL_SUBJECTS = frozenset({"they", "we", "i", "you", "who", "that", "people", "police", "staff", "military", "army",
                              "government", "media", "press", "public", "leadership"})
_CHARGE_NOUNS = frozenset({"accusation", "allegation", "claim", "charge", "assertion", "assessment", "account", "version"})
_OPENING = frozenset({"“", '"', "‘", "'", "«", "„"})
_CLOSING = frozenset({"”", '"', "’", "'", "»"})
_AFTER_QUOTE = _CLOSING | {",", "—", "–"}
_ADDRESSEES = frozenset({"me", "him", "her", "us", "them", "you", "reporters", "journalists", "lawmakers", "parliament"})
# "“...,” the fire chief told a news conference.": words of an audience standing after the cue.
_AUDIENCES = frozenset({"a", "an", "the", "news", "press", "conference", "briefing", "court", "jury", "hearing",
                        "trial", "inquiry", "inquest", "tribunal", "reporters", "journalists",
                        "committee", "rally", "crowd", "audience", "supporters", "media", "television", "radio",
                        "newspaper", "broadcaster", "podcast", "state", "local", "parliament", "lawmakers", "senators",
                        "colleagues", "staff", "delegates", "students", "residents", "workers", "investors", "analysts"})
_TRAILING_PHRASES = frozenset({"but", "without", "after", "before", "as", "when", "while", "shortly", "following", "amid",
                               "during", "since", "in", "on", "at", "which", "who", "although", "though", "because",
                               "just", "hours", "days", "minutes", "moments", "late", "early", "according", "where",
                               "alongside", "accompanied", "beside", "under"})
_CLOSING_PREPOSITIONS = frozenset({"after", "before", "following", "amid", "during", "at", "in", "on", "from", "to",
                                   "outside", "inside", "ahead", "by", "via"})
_MAX_SUBJECT = 14
_NOT_NOUNS = frozenset({"who", "which", "that", "was", "were", "is", "are", "be", "been", "has", "have", "had", "not",
                        "never", "also", "and", "or", "to"})  # words a participle modifying a noun does not follow
_HEADLINE_LABELS = frozenset({"live", "watch", "video", "photos", "explainer", "analysis", "exclusive", "opinion",
                              "breaking", "breaking news", "update", "updated", "updates", "timeline", "factbox",
                              "fact check", "q&a", "interview", "editorial", "comment", "review", "latest", "listen",
                              "podcast", "in pictures", "live updates", "read", "correction"})
_VIEWS = frozenset({"view", "opinion", "assessment", "judgment", "judgement", "words", "analysis"})
_ANSWER_MARKS = ("A:", "A.\t")  # an interview's answers, after "Q:" questions
_ADDRESSEE_REACH = 14  # words between "told" and the "that" opening what was told
_lower = attrgetter("lower")
_SCARE_WORDS = 3  # quotes of this many words or fewer, with no cue, are scare quotes or titles


@dataclass
class _Attribution:
    """An attribution being assembled: source words, cue and content, as token indices."""

    cue: int
    cue_len: int
    lemma: str
    kind: str  # clause, object, addressee, request, according, headline, continuation
    subject: tuple[int, int] | None  # token range
    content: tuple[int, int] | None  # token range, None when only quotes inside count
    rule: str
    inherited: Mention | None = None


def extract_claims(article: Article, segments: Segments, *, cues: Cues,
                   words: ArticleTokens | None = None) -> Iterator[Claim]:
    """Yield the article's claims in document order (``words``: the article's tokens, if already found)."""
    text = article.text
    words = words or ArticleTokens(text, segments)
    quotes_by_paragraph: dict[int, list[Quote]] = {}
    for quote in segments.quotes:
        quotes_by_paragraph.setdefault(quote.paragraph, []).append(quote)
    by_paragraph: dict[int, list[Sentence]] = {}
    for sentence in segments.sentences:
        by_paragraph.setdefault(sentence.paragraph, []).append(sentence)

    claims: list[Claim] = []
    # Speaker of the last attributed quote of each paragraph, for quotes carried over.
    last_speaker: dict[int, Claim] = {}
    pending_quotes: list[tuple[Quote, Sentence]] = []
    interviewee: Mention | None = None
    for index in range(len(segments.paragraphs)):
        start, end = segments.paragraphs[index]
        if text.startswith(_ANSWER_MARKS, start) and by_paragraph.get(index):
            # An interview's answer ("A: The National Renewal Party's. ..."): all of it the interviewee's words.
            interviewee = interviewee or _interviewee(text, segments, by_paragraph, words, cues)
            if interviewee is not None:
                answer = start + 2
                while answer < end and text[answer].isspace():
                    answer += 1
                if answer < end:
                    claims.append(Claim(answer, end, "direct", None, interviewee, "interview-answer"))
                continue
        speaker = _transcript_speaker(text, start, end, by_paragraph.get(index, []), cues)
        if speaker is not None:
            # A transcript's turn ("Adaeze Folarin, chief executive: Honestly? Rates. ..."): the speaker's words.
            answer = text.index(":", speaker.end) + 1
            stop = end
            while answer < stop and text[answer].isspace():
                answer += 1
            while stop > answer and text[stop - 1].isspace():
                stop -= 1
            if answer < stop:
                claims.append(Claim(answer, stop, "direct", None, speaker, "transcript"))
                continue
        quotes = quotes_by_paragraph.get(index, [])
        paragraph_claims: list[Claim] = []
        loose: list[tuple[Quote, Sentence]] = []
        for sentence in by_paragraph.get(index, []):
            quotes_here = [q for q in quotes if sentence.start <= q.start < sentence.end]
            found, unattributed = _sentence_claims(text, sentence, words.sentence(sentence), quotes_here, cues,
                                                   paragraph_claims or claims[-1:])
            paragraph_claims.extend(found)
            loose.extend((q, sentence) for q in unattributed)
        # A quote with no cue in its sentence: the speaker of its paragraph's attributed quotes.
        for quote, sentence in loose:
            donor = _donor(quote, paragraph_claims, last_speaker.get(index - 1), text)
            if donor is not None:
                paragraph_claims.append(_claim_from_quote(quote, donor, "neighbour-quote", sentence.is_title))
        paragraph_claims.sort(key=lambda c: c.start)
        # A quote left open at the end of the previous paragraph belongs to this one's speaker.
        if pending_quotes and paragraph_claims:
            first = next((c for c in paragraph_claims if c.kind == "direct"), paragraph_claims[0])
            for quote, sentence in pending_quotes:
                claims.append(_claim_from_quote(quote, first, "continued-quote", sentence.is_title))
        pending_quotes = []
        if quotes and not quotes[-1].closed and not any(c.start <= quotes[-1].start < c.end or c.start == quotes[-1].start
                                                         for c in paragraph_claims):
            last_sentence = next(s for s in reversed(by_paragraph.get(index, [])) if s.start <= quotes[-1].start)
            pending_quotes.append((quotes[-1], last_sentence))
        if paragraph_claims:
            last_speaker[index] = paragraph_claims[-1]
        else:
            lead_in = _lead_in(text, by_paragraph.get(index, []), quotes, cues)
            if lead_in is not None:
                last_speaker[index] = lead_in
        claims.extend(paragraph_claims)
    claims.sort(key=lambda c: (c.start, c.end))
    seen: set[tuple[int, int]] = set()
    for claim in claims:
        if (claim.start, claim.end) in seen:
            continue
        seen.add((claim.start, claim.end))
        yield claim


_LABEL_REACH = 80  # characters before the colon of a transcript's turn


def _transcript_speaker(text: str, start: int, end: int, sentences: list[Sentence], cues: Cues) -> Mention | None:
    """The person a paragraph opens with as a transcript's speaker label: "Ruben Achterberg, chief financial
    officer: We expect ..." or, once named in full elsewhere, "Folarin: I'm not going to promise that."
    Labels that are not people ("Update:", "BAGHDAD:", "Q:") are none."""
    colon = text.find(":", start, min(end, start + _LABEL_REACH))
    if colon < 0 or not sentences or sentences[0].is_title or colon + 1 >= end or not text[colon + 1].isspace():
        return None
    label = text[start:colon]
    if text[colon + 1:colon + 3].lstrip()[:1] in ("“", '"', "‘", "'") or any(w in cues.speech for w in label.split()):
        return None  # "Rana Jaber, a political scientist, noted: “...”": a cue and its quote
    name = label.split(",", 1)[0].strip()
    words = name.split()
    if not 1 <= len(words) <= 4 or any(ch in label for ch in ".?!;“”\"()") or name.isupper() \
            or not all(capitalised(w) or w.lower() in NAME_PARTICLES for w in words) \
            or name.lower() in _HEADLINE_LABELS:
        return None
    if len(words) == 1 and re.search(r"[A-Z][\w'’-]+ " + re.escape(name) + r"\b", text) is None:
        return None  # one word is a label unless the article names someone so in full ("Adaeze Folarin")
    at = start + label.index(name)
    return Mention(name, at, at + len(name))


def _interviewee(text: str, segments: Segments, by_paragraph: dict[int, list[Sentence]], words: ArticleTokens,
                 cues: Cues) -> Mention | None:
    """Who answers in a question-and-answer interview: the person the first paragraph of the body opens with
    ("Corinna Hallerup was Valmora's energy minister ...")."""
    for index in range(len(segments.paragraphs)):
        sentences = by_paragraph.get(index, [])
        if not sentences or sentences[0].is_title:
            continue
        tokens = words.sentence(sentences[0])
        subject = sentence_subject(tokens, cues)
        if subject is None:
            return None
        s, e = subject
        while s < e and not _capitalised(tokens[s]):
            s += 1
        if e - s < 2 or not all(_capitalised(t) or t.lower in NAME_PARTICLES for t in tokens[s:e]):
            return None
        return Mention(text[tokens[s].start:tokens[e - 1].end], tokens[s].start, tokens[e - 1].end)
    return None


def _lead_in(text: str, sentences: list[Sentence], quotes: list[Quote], cues: Cues) -> Claim | None:
    """"The ministry later issued a statement:" ends a paragraph: its subject speaks the quote that follows."""
    if not sentences or not text[sentences[-1].start:sentences[-1].end].rstrip().endswith(":"):
        return None
    sentence = sentences[-1]
    tokens = tokenize(text, sentence.start, sentence.end, quotes)
    subject = sentence_subject(tokens, cues)
    if subject is None:
        return None
    s, e = subject
    mention = Mention(text[tokens[s].start:tokens[e - 1].end], tokens[s].start, tokens[e - 1].end)
    return Claim(sentence.end, sentence.end, "direct", ":", mention, "lead-in")


def _donor(quote: Quote, paragraph_claims: list[Claim], previous: Claim | None, text: str) -> Claim | None:
    inner = text[quote.start:quote.end]
    words = inner.split()
    # A short quote is a scare quote ("the “truce”"), unless it is a sentence of its own: "We will appeal."
    sentence = len(words) >= 2 and inner[:1].isupper() and inner.rstrip()[-1:] in (".", "!", "?")
    if (len(words) <= _SCARE_WORDS and not sentence) or _title_case(words):
        return None
    attributed = [c for c in paragraph_claims if c.mention is not None]
    before = [c for c in attributed if c.end <= quote.start]
    after = [c for c in attributed if c.start >= quote.end]
    if before:
        return before[-1]
    if after:
        return after[0]
    # A paragraph that is one quotation continues the previous paragraph's speaker.
    if previous is not None and previous.kind in ("direct", "mixed"):
        return previous
    return None


def _title_case(words: list[str]) -> bool:
    letters = [w for w in words if w[:1].isalpha()]
    small = {"a", "an", "the", "of", "and", "in", "on", "for", "to", "at", "by", "with", "or"}
    return bool(letters) and all(w[0].isupper() or w.lower() in small for w in letters) and not words[-1].endswith((".", ",", "!", "?"))


def _claim_from_quote(quote: Quote, donor: Claim, rule: str, headline: bool) -> Claim:
    return Claim(quote.start, quote.end, "headline" if headline else "direct", donor.cue, donor.mention, rule)


# --------------------------------------------------------------------- sentences


def _sentence_claims(text: str, sentence: Sentence, tokens: list[Token], quotes: list[Quote], cues: Cues,
                     previous: Sequence[Claim]) -> tuple[list[Claim], list[Quote]]:
    if not tokens:
        return [], quotes
    attributions = _attributions(tokens, cues, sentence.is_title)
    claims: list[Claim] = []
    covered: list[tuple[int, int]] = []
    # Quotations never overlap, so those inside a span are a run of them, found by bisection
    # (a sentence can hold thousands).
    quote_starts = [q.start for q in quotes]
    quote_ends = [q.end for q in quotes]
    for att in attributions:
        mention = att.inherited
        if att.subject is not None:
            s, e = att.subject
            mention = Mention(text[tokens[s].start:tokens[e - 1].end], tokens[s].start, tokens[e - 1].end)
        cue_text = " ".join(t.text for t in tokens[att.cue:att.cue + att.cue_len]) if att.cue >= 0 else None
        kind_headline = sentence.is_title
        if att.content is not None:
            c0, c1 = att.content
            start, end = _trim(text, tokens[c0].start, tokens[c1 - 1].end)
            if end <= start:
                continue
            first = bisect_left(quote_starts, start)
            inside = quotes[first:max(first, bisect_right(quote_ends, end))]
            kind = "indirect"
            if len(inside) == 1 and _only_quote(text, start, end, inside[0]):
                start, end, kind = inside[0].start, inside[0].end, "direct"
            elif inside:
                kind = "mixed"
            if kind_headline:
                kind = "headline"
            claims.append(Claim(start, end, kind, cue_text, mention, att.rule))
            covered.append((start, end))
        else:
            # A request or an infinitive: only the words quoted inside are the source's.
            lo = tokens[att.cue].start if att.cue >= 0 else sentence.start
            for q in quotes:
                if q.start >= lo and not _covered(q, covered):
                    claims.append(Claim(q.start, q.end, "headline" if kind_headline else "direct", cue_text, mention, att.rule))
                    covered.append((q.start, q.end))
    spans = SpanIndex(covered)
    unattributed = [q for q in quotes if not spans.contains(q.start, q.end)]
    # A postposed cue attributes every quote of its sentence: "“A,” he said. “B,” ..." is split by sentence.
    post = next((c for c in claims if c.mention is not None and c.kind in ("direct", "headline")), None)
    if post is not None or (unattributed and claims):
        left = []
        for q in unattributed:
            if post is not None and (len(text[q.start:q.end].split()) > _SCARE_WORDS or _resumes(text, post, q)):
                claims.append(Claim(q.start, q.end, post.kind, post.cue, post.mention, "split-quote"))
                continue
            # "The talks failed, he said, “and nobody cares.”": a quote right after any claim's attribution.
            resumed = next((c for c in claims if c.mention is not None and _resumes(text, c, q)), None)
            if resumed is not None:
                kind = "headline" if resumed.kind == "headline" else "direct"
                claims.append(Claim(q.start, q.end, kind, resumed.cue, resumed.mention, "split-quote"))
            else:
                left.append(q)
        unattributed = left
    return claims, unattributed


def _resumes(text: str, claim: Claim, quote: Quote) -> bool:
    """"“Prices rose,” he said, “and wages fell.”": a quote picking up right after the attribution of the
    one before, however short, is the rest of it."""
    if not 0 <= quote.start - claim.end <= 200:
        return False
    between = text[claim.end:quote.start]
    mention = claim.mention
    return (mention is not None and claim.end <= mention.start and mention.end <= quote.start
            and len(between.split()) <= 6 and between.rstrip("“\"‘'«„ ").endswith(","))


def _covered(quote: Quote, covered: list[tuple[int, int]]) -> bool:
    return any(s <= quote.start and quote.end <= e for s, e in covered)


def _only_quote(text: str, start: int, end: int, quote: Quote) -> bool:
    """The content is the quotation and nothing else but marks and punctuation."""
    before = text[start:quote.start].strip(" “\"‘'«„:,")
    after = text[quote.end:end].strip(" ”\"’'».,;:")
    return not before and not after


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",:;—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:—–-"):
        end -= 1
    # A lone closing mark whose opening mark lies outside the content is not part of it.
    if end > start and text[end - 1] in "”\"" and not any(ch in "“\"" for ch in text[start:end - 1]):
        end -= 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:"):
            end -= 1
    return start, end


# ------------------------------------------------------------------- attributions


def _attributions(tokens: list[Token], cues: Cues, is_title: bool) -> list[_Attribution]:
    found: list[_Attribution] = []
    consumed_until = -1  # tokens inside an earlier content are nested reports, not new claims
    if is_title:
        opening = _headline_quote(tokens, cues)  # 'Olsen: "The people have spoken" as rival alleges ...'
        if opening is not None:
            found.append(opening)
    else:
        opinion = _for_opinion(tokens, cues)  # "For Tarek Boustani, a security analyst, the question misses the point."
        if opinion is not None:
            found.append(opinion)
            return found
    i = 0  # the next token not yet read as part of a cue
    # Only words that can start a cue are looked at; finding them is one pass that runs in C.
    starts = _cue_words(cues)
    for k in compress(range(len(tokens)), map(starts.__contains__, map(_lower, tokens))):
        if k < i:
            continue
        i = k
        if tokens[i].quoted or i < consumed_until:
            i += 1
            continue
        according = cues.according_index.match(tokens, i)
        if according:
            att = _according(tokens, i, according[0], found)
            if att:
                found.append(att)
            i += according[0]
            continue
        hit = cues.speech_index.match(tokens, i)
        if hit is None or not _is_verb_use(tokens, i, hit[0], cues):
            i += 1
            continue
        length, (lemma, kind) = hit
        if kind == "request" and [t.lower for t in tokens[i + length:i + length + 2]] == ["not", "to"]:
            i += length  # "who asked not to be named": anonymity, not a request
            continue
        att = _cue_attribution(tokens, i, length, lemma, kind, cues, found)
        if att is not None:
            found.append(att)
            if att.content is not None and att.content[0] > i:
                consumed_until = att.content[1]
        i += length
    if is_title and not found:
        headline = _headline(tokens, cues)
        if headline:
            found.append(headline)
    # "The premier had told Blinken that ..., his office said": the inner report is the claim; what the
    # outer source adds is only the words before it ("He spoke with Blinken and stressed that ...").
    kept = []
    by_cue = sorted(found, key=lambda b: b.cue)
    cues_at = [b.cue for b in by_cue]
    for a in found:
        # The first attribution whose cue lies inside this one's content (looked up: sentences can be huge).
        first = None
        if a.rule.startswith("postposed") and a.content:
            lo, hi = bisect_left(cues_at, a.content[0]), bisect_left(cues_at, a.content[1])
            first = next((by_cue[k] for k in range(lo, hi) if by_cue[k] is not a and by_cue[k].content), None)
        if first is not None and a.content is not None:
            subject = first.subject
            own = subject is not None and first.rule == "preposed" and a.content[0] <= subject[0] < first.cue
            stop = subject[0] if own and subject is not None else first.cue
            while stop > a.content[0] and tokens[stop - 1].lower in ("and", "but", ",", "that"):
                stop -= 1
            if stop - a.content[0] < 3 or not _has_verb(tokens, a.content[0], stop):
                continue
            a.content = (a.content[0], stop)
        kept.append(a)
    found = kept
    # "According to X, Y said ...": the inner cue names the source; the according phrase only cites it.
    inner = [a for a in found if a.kind != "according" and a.content]
    found = [a for a in found if not (a.kind == "according" and a.content and any(
        b.content is not None and b.content[0] >= a.content[0] and b.cue >= a.content[0] for b in inner))]
    return found


_CUE_WORDS: dict[int, tuple[Cues, frozenset[str]]] = {}


def _cue_words(cues: Cues) -> frozenset[str]:
    """The words a speech cue or an "according to" starts with, gathered once per rules."""
    cached = _CUE_WORDS.get(id(cues))
    if cached is None or cached[0] is not cues:
        if len(_CUE_WORDS) > 8:
            _CUE_WORDS.clear()
        cached = _CUE_WORDS[id(cues)] = (cues, cues.according_index.first_words | cues.speech_index.first_words)
    return cached[1]


def _is_verb_use(tokens: list[Token], i: int, length: int, cues: Cues) -> bool:
    """Tell "X claimed" from "no immediate claim" and "the reported arrests"."""
    tok = tokens[i]
    prev = tokens[i - 1].lower if i > 0 else ""
    nxt = tokens[i + length].lower if i + length < len(tokens) else ""
    word = tokens[i + length - 1].lower if length == 1 else tok.lower
    if tok.lower.endswith("ing"):
        if i == 0:
            return False
        if prev in (",", "and", "while", "before", "after", "also", "further", "—", "–") or prev in cues.participle_links:
            return True
        return False
    if prev in _DETERMINERS:
        return False
    entry = cues.speech.get(tok.lower)
    if nxt in ("off", "up", "back") and entry is not None and entry[0] == "call":
        return False  # "the festival was called off": no naming
    if prev.endswith(("'s", "’s")) and tok.lower.endswith("s") and not tok.lower.endswith("ss"):
        return False  # "Asked about Harkaway's comments, ...": a noun
    if prev in ("not", "never") or prev.endswith("n't"):
        return False  # "He did not say who was responsible": nothing was said
    for k in range(i - 1, max(-1, i - 6), -1):
        if tokens[k].text in (",", ";", ":") or tokens[k].quoted:
            break
        if tokens[k].lower in ("whether", "if"):
            return False  # "Asked whether Washington believed ...": a question, not a report
    if i > 0 and tok.text[:1].isupper() and tokens[i - 1].text not in ("“", '"', ":"):
        return False  # "The United States", "Sunday Times": a name, not a verb
    if nxt == "of":
        return False  # "a central promise of", "claims of"
    lemma_form = length == 1 and entry is not None and entry[0] == tok.lower
    if lemma_form and not (prev in _PLURAL_SUBJECTS or prev in _MODALS or prev in ("did", "do", "does", "to", "also")
                           or (prev.endswith("s") and not prev.endswith(("ss", "'s")))):
        return False  # a bare base form needs a plural subject: "officials say", not "a central promise"
    if prev == "to" and not tok.lower.endswith("ed"):
        return False  # "refused to comment", "is expected to announce"
    if nxt == "by" and word.endswith(("ed", "en")):
        return False  # passive: "the plan announced by ..."
    if nxt in ("of", "that's") and tok.lower.endswith("s") and not tok.lower.endswith("ss"):
        return False  # "claims of", "reports of"
    return True


def _cue_attribution(tokens: list[Token], i: int, length: int, lemma: str, kind: str, cues: Cues,
                     found: list[_Attribution]) -> _Attribution | None:
    n = len(tokens)
    after = i + length
    participle = tokens[i].lower.endswith("ing")
    if participle or (i > 0 and tokens[i - 1].lower in ("and", "but")):
        start = _skip_adverbials(tokens, after, cues)
        if kind == "addressee":  # "telling cheering supporters that ...": past the addressee
            start = _after_addressee(tokens, start) or start
        content = _content_from(tokens, start, kind, cues)
        inherited = found[-1] if found else None
        rule = "participle" if participle else "coordinated"
        if inherited is not None:
            return _Attribution(i, length, lemma, kind, inherited.subject, content, rule, inherited.inherited)
        subject = sentence_subject(tokens, cues)
        if subject is None and i > 0 and tokens[i - 1].lower == "and":
            subject = source_before(tokens, i - 1, cues)
        if subject is None:
            return None
        return _Attribution(i, length, lemma, kind, subject, content, rule)

    rest = _skip_adverbials(tokens, after, cues)
    left = i - 1
    while left >= 0 and tokens[left].text in ",":
        left -= 1
    after_break = i == 0 or tokens[i - 1].text in _AFTER_QUOTE or (i >= 2 and tokens[i - 1].text == "," and tokens[i - 2].text in _CLOSING)
    if kind == "addressee":
        # "“...,” a ministry spokesman told reporters.": the addressee stands before the end.
        k = _audience_end(tokens, rest, 5)
        beyond = _skip_adverbials(tokens, k, cues)
        if k > rest and (_ends_clause(tokens, beyond, cues) or _closing_phrase(tokens, beyond)):
            rest = beyond  # "“...,” he told reporters after the match."
    # Postposed and inverted: "..., said a military spokesman late on Sunday."
    if after_break and i > 0 and kind != "addressee":  # "told the Evening Post": an addressee, not the source
        np_end = noun_phrase_after(tokens, after, cues)
        if np_end > after and (_ends_clause(tokens, _skip_adverbials(tokens, np_end, cues), cues)
                               or _trailing_apposition(tokens, np_end, cues)):
            content = _content_before(tokens, i)
            if content is not None:
                return _Attribution(i, length, lemma, kind, (after, np_end), content, "postposed-inverted")
    # "A, he told the Ledger, and B": a cue between the two clauses it reports; both are the claim.
    between = _between_clauses(tokens, i, length, lemma, rest, kind, cues)
    if between is not None:
        return between
    # Postposed: "..., Israeli officials say."  "“...,” Rasool said in a statement."
    # "“...,” the defence team said after the verdict.": a closing phrase is no content either.
    closing_phrase = _closing_phrase(tokens, rest)
    if closing_phrase or _ends_clause(tokens, rest, cues):
        subject = source_before(tokens, i, cues) or _described_source(tokens, i)
        if subject is not None:
            s0 = subject[0]
            if s0 > 1 and tokens[s0 - 1].text == "," and i > subject[1] and tokens[subject[1]].text == ",":
                # "“...,” the group's chair, Rafael Quint, told ...": the description before the name is the source's too.
                described = _segment_back(tokens, s0 - 1)
                if described is not None and described[0] > 0 and tokens[described[0] - 1].text in _AFTER_QUOTE:
                    s0 = described[0]
            # "In a speech ..., al-Sahwani said, “our sons were taken ...”": with no quote before the source
            # and one right after the cue, the quote is what was said (preposed, below).
            quote_follows = rest + 1 < n and tokens[rest].text == "," and tokens[rest + 1].text in _OPENING
            opening_phrase = tokens[0].lower in _PP_STARTS and not (s0 > 1 and tokens[s0 - 2].text in _CLOSING)
            if s0 > 0 and tokens[s0 - 1].text in _AFTER_QUOTE and not (quote_follows and opening_phrase):
                content = _content_before(tokens, s0)
                if content is not None:
                    return _Attribution(i, length, lemma, kind, subject, content, "postposed")
        # Not after a quotation, a closing phrase reads on below ("He said after the meeting." reports nothing).
        if not closing_phrase and (rest >= n or tokens[rest].text != ","):
            return None
        # "X said, “...”": a preposed cue followed by a comma and a quotation.
    # Preposed: "X said (that) ...".
    subject = source_before(tokens, i, cues)
    if subject is None:
        return None
    start = rest
    if kind == "addressee":
        after_addressee = _after_addressee(tokens, rest)
        if after_addressee is None:
            return None
        start = after_addressee
    content = _content_from(tokens, start, kind, cues)
    opening = _parenthetical_opening(tokens, subject[0], rest)
    if opening is not None and content is not None:
        # "The same groups, he said, were draining ...": the report is the whole clause around the cue.
        return _Attribution(i, length, lemma, kind, subject, (opening, content[1]), "parenthetical")
    return _Attribution(i, length, lemma, kind, subject, content, "preposed")


def _between_clauses(tokens: list[Token], i: int, length: int, lemma: str, rest: int, kind: str,
                     cues: Cues) -> _Attribution | None:
    """"The party had not moved a voter, he told the Ledger, and any problems were the officials'": the cue
    stands between commas, a clause before it, "and"/"but" and a clause with no cue of its own after it."""
    n = len(tokens)
    k = _audience_end(tokens, rest, 4) if kind == "addressee" else rest
    if k + 2 >= n or tokens[k].text != "," or tokens[k + 1].lower not in ("and", "but"):
        return None
    subject = source_before(tokens, i, cues)
    if subject is None or subject[0] < 3 or tokens[subject[0] - 1].text != "," or subject[1] != i:
        return None
    end = _sentence_end(tokens)
    start = _strip_leading(tokens, 0, subject[0] - 1)
    if any(t.quoted for t in tokens[start:k + 2]) or not _has_verb(tokens, start, subject[0] - 1) \
            or not _has_verb(tokens, k + 2, end) or cues.speech_index.occurs_in(tokens[k + 2:end]):
        return None
    return _Attribution(i, length, lemma, kind, subject, (start, end), "parenthetical")


def _audience_end(tokens: list[Token], j: int, most: int) -> int:
    """The end of at most ``most`` words naming whom a cue addresses: "told a news conference", "told Reuters"."""
    n = len(tokens)
    k = j
    while k < n and k - j < most and (_capitalised(tokens[k]) or tokens[k].lower in _ADDRESSEES
                                      or tokens[k].lower in _AUDIENCES
                                      or (k > j and tokens[k].text.isdigit() and _capitalised(tokens[k - 1]))) \
            and not tokens[k].quoted:
        k += 1  # ("told News 8", "told Channel 4 News": a station's number is part of its name)
    return k


def _sentence_end(tokens: list[Token]) -> int:
    """The index after the sentence's last word: its final full stop, "!" or "?" left out."""
    n = len(tokens)
    return n - 1 if n and tokens[-1].text in (".", "!", "?") else n


def _parenthetical_opening(tokens: list[Token], source: int, rest: int) -> int | None:
    """Where the clause starts when "SOURCE said" stands between commas inside it: a subject with no verb
    opens the sentence, then the comma."""
    if source < 2 or tokens[source - 1].text != "," or rest >= len(tokens) or tokens[rest].text != ",":
        return None
    start = _strip_leading(tokens, 0, source - 1)
    while start < source - 1 and tokens[start].text in ("“", '"', "‘"):
        start += 1
    words = tokens[start:source - 1]
    if not words or words[0].lower in _PP_STARTS or words[0].lower in _INTRO_WORDS or words[0].lower in _WEEKDAYS:
        return None  # "On Monday, officials said, the talks resumed": an adverbial, not the clause's subject
    if len(words) > 12 or _has_verb(tokens, start, source - 1) or any(
            t.quoted or t.text in _BREAKS or t.lower in _CLAUSE_STOPS for t in words):
        return None
    return start


def _content_from(tokens: list[Token], start: int, kind: str, cues: Cues) -> tuple[int, int] | None:
    """Content after a cue and its adverbials: "that" and a colon open it."""
    n = len(tokens)
    if start < n and tokens[start].lower == "that":
        start += 1
        while start < n and tokens[start].text in (",", ":"):
            start += 1
        return _content_after(tokens, start, "object", cues)  # "that" always opens a clause
    while start < n and tokens[start].text in (",", ":"):
        start += 1
    return _content_after(tokens, start, kind, cues)


def _content_after(tokens: list[Token], start: int, kind: str, cues: Cues) -> tuple[int, int] | None:
    """The reported words after a cue, up to the sentence end or the next attribution."""
    n = len(tokens)
    if start >= n:
        return None
    end = start
    while end < n:
        tok = tokens[end]
        if not tok.quoted:
            if tok.text == "," and end + 1 < n and _starts_attribution(tokens, end + 1, cues):
                break
            if tok.lower in ("and", "but") and end + 1 < n and _coordinated_cue(tokens, end + 1, cues):
                break
            if tok.text in (",", ";") and end + 1 < n and tokens[end + 1].lower == "but":
                break  # ", but ...": the reporter's own contrast
            if tok.text == "," and end + 2 < n and tokens[end + 1].lower in ("a", "an") \
                    and tokens[end + 2].lower in _CHARGE_NOUNS:
                break  # "..., an accusation Kyiv rejected": the reporter's comment on it
            if tok.text in (",", ";") and end > start and _attribution_follows(tokens, end + 1, cues):
                break  # "..., it said, ..." or "...; opponents say ...": another attribution starts
            if tok.text == "," and end > start and _contrasting_report(tokens, end + 1, cues):
                break  # "..., while one investor, who asked not to be named, told Wire ...": another source
        end += 1
    if end <= start:
        return None
    first = tokens[start].lower
    if kind == "request":
        return None
    if first in ("nothing", "little") and (end - start < 3 or tokens[start + 1].lower in ("about", "on", "of", "else")):
        return None  # "Police said nothing about the motive": no statement
    if first == "to" or (first in ("not", "never") and start + 1 < n and tokens[start + 1].lower == "to"):
        return None  # "vowed to pursue ...": a commitment, not a report; quotes inside still count
    infinitive = next((k for k in range(start, min(end, start + 8)) if tokens[k].lower == "to" and not tokens[k].quoted
                       and k + 1 < end and tokens[k + 1].text.isalpha() and tokens[k + 1].text.islower()), None)
    quantity = first == "at" and start + 1 < n and tokens[start + 1].lower in ("least", "most")  # "at least two ..."
    if infinitive is not None and not quantity and (first in _PP_STARTS or first in ("since", "until", "once", "repeatedly", "again")) \
            and not _has_verb(tokens, start, infinitive) and not any(t.text == "," for t in tokens[start:infinitive]):
        return None  # "promised since taking office to bring ...": an adverbial, then a commitment
    if first in ("for", "on", "upon") and kind == "object":
        return None  # "called for calm", "called on the government to ..."
    opens_quote = tokens[start].text in ("“", '"', "‘", "«", "„")
    if kind == "naming":
        # "called it a “shameful terrorist crime”", "described them as an “outlaw group”": the name given.
        for k in range(start, min(end, start + 14)):
            if tokens[k].text in ("”", '"', "’", "»") and k > start and tokens[k - 1].quoted:
                opening = k - 1
                while opening > start and tokens[opening].quoted:
                    opening -= 1
                return opening, k + 1  # the quoted name is the speaker's words
            if tokens[k].text in (",", ";"):
                return (start, k) if k > start else None
        return start, end
    if kind == "report" and not opens_quote and (not _has_verb(tokens, start, end)
                                                 or tokens[start].lower in ("responsibility", "credit")):
        return None  # "reported several arrests", "claimed responsibility for ...": a noun phrase, not a clause
    return start, end


def _starts_attribution(tokens: list[Token], j: int, cues: Cues) -> bool:
    """", saying ...", ", while warning ...", ", according to ..." end the content before them."""
    if tokens[j].quoted:
        return False
    if tokens[j].lower in cues.participle_links and j + 1 < len(tokens):
        j += 1
    if cues.according_index.match(tokens, j):
        return True
    hit = cues.speech_index.match(tokens, j)
    return bool(hit) and tokens[j].lower.endswith("ing")


def _attribution_follows(tokens: list[Token], j: int, cues: Cues) -> bool:
    """A short source and a cue follow: "it said", "opponents say", "the ministry added"."""
    n = len(tokens)
    for k in range(j, min(n, j + 8)):
        tok = tokens[k]
        if tok.quoted or tok.text in _BREAKS:
            return False
        if tok.lower in ("that", "which", "who"):
            return False  # "..., the company that maintains the network, ...": a relative clause, no source
        hit = cues.speech_index.match(tokens, k)
        if hit and k > j and not tok.lower.endswith("ing") and _is_verb_use(tokens, k, hit[0], cues):
            return _valid_source(tokens, j, k, cues) is not None
    return False


def _contrasting_report(tokens: list[Token], j: int, cues: Cues) -> bool:
    """"while"/"whereas" opening a clause with its own speech cue."""
    n = len(tokens)
    if j >= n or tokens[j].lower not in ("while", "whereas"):
        return False
    for k in range(j + 2, min(n, j + 16)):
        tok = tokens[k]
        if tok.text in (";", ".", "!", "?"):
            return False
        hit = None if tok.quoted else cues.speech_index.match(tokens, k)
        if hit and not tok.lower.endswith("ing") and _is_verb_use(tokens, k, hit[0], cues):
            return True
    return False


def _coordinated_cue(tokens: list[Token], j: int, cues: Cues) -> bool:
    if tokens[j].quoted:
        return False
    if tokens[j].lower in _ADVERBS and j + 1 < len(tokens):
        j += 1
    hit = cues.speech_index.match(tokens, j)
    if hit is None:
        # "... told the Daily that A and accused the team of B": the source's own accusation, not part of A.
        blame = cues.blame_index.match(tokens, j)
        return blame is not None and blame[1].lemma in ("accuse", "blame") and tokens[j].lower.endswith("ed")
    return not tokens[j].lower.endswith("ing")


def _has_verb(tokens: list[Token], start: int, end: int) -> bool:
    for tok in tokens[start:end]:
        word = tok.lower
        if word in _VERBISH or word.endswith("n't") or word.endswith("'ll"):
            return True
        if len(word) > 4 and word.endswith("ed") and word not in _NOT_PAST and not word[0].isdigit():
            return True
    return False


def _content_before(tokens: list[Token], stop: int, long_enough: int = 0) -> tuple[int, int] | None:
    """Content of a postposed cue: from the sentence start to the comma or quote before the source.

    Without a word the verb test knows, ``long_enough`` words still make a clause ("Fragments of rubber ...
    account for most of the pollution, according to a study"); 0 asks for the verb."""
    end = stop
    while end > 0 and tokens[end - 1].text in (",", "—", "–"):
        end -= 1
    start = 0
    # Leading connectives belong to the reporter: "But a rocket strike ..." -> "a rocket strike ...".
    while start < end and tokens[start].lower in _CONJUNCTIONS and not tokens[start].quoted:
        start += 1
        if start < end and tokens[start].text == ",":
            start += 1
    # A quotation right before the cue is the claim; the words before its opening mark are the reporter's.
    if end > start and tokens[end - 1].text in _CLOSING:
        j = end - 2
        while j >= start and tokens[j].quoted:
            j -= 1
        if j >= start and tokens[j].text in _OPENING:
            start = j
    if end <= start:
        return None
    if tokens[start].text not in ("“", '"', "‘", "«", "„") and not _has_verb(tokens, start, end) \
            and not (long_enough and end - start >= long_enough):
        return None  # "For their part, the ambassadors said": an opening phrase is not a claim
    if tokens[start].lower == "asked" and start + 1 < end and tokens[start + 1].lower in ("whether", "if", "about", "why",
                                                                                         "what", "how", "who"):
        return None  # "Asked whether Cobalt Ridge bore any responsibility, he said, “...”": the question
    return start, end


def _ends_clause(tokens: list[Token], j: int, cues: Cues) -> bool:
    """Nothing reported follows: the sentence ends, or another attribution or quote starts."""
    n = len(tokens)
    if j >= n:
        return True
    tok = tokens[j]
    if tok.text in (".", "!", "?", "…") and j >= n - 2:
        return True
    if tok.text == "," and j + 1 < n:
        nxt = tokens[j + 1]
        if nxt.text in ("“", '"', "‘"):
            return True  # "“A,” he said, “B.”"
        if _starts_attribution(tokens, j + 1, cues):
            return True
        if nxt.lower in _TRAILING_PHRASES or (nxt.lower.endswith("ing") and len(nxt.lower) > 4 and not nxt.quoted):
            return True  # "..., the embassy said, without naming ...", "..., officials said, which may explain"
        if j + 2 < n and (nxt.lower in _NUMBER_WORDS or nxt.text.isdigit()) and (
                tokens[j + 2].lower in _TIME_WORDS or tokens[j + 2].lower in _TIME_NOUNS):
            return True  # "..., his office said, three days after the attack."
        end = _sentence_end(tokens)
        if j + 1 < end <= j + 5 and all(_capitalised(t) and not t.quoted for t in tokens[j + 1:end]):
            return True  # "... said in the capital, Porto Valente.": the place's name ends it
    if tok.text in ("“", '"') and j + 1 < n and tokens[j + 1].quoted:
        return False
    return False


def _closing_phrase(tokens: list[Token], j: int) -> bool:
    """A short phrase with no verb ends the sentence: "after the verdict.", "following the ruling."."""
    n = len(tokens)
    if j >= n or tokens[j].lower not in _CLOSING_PREPOSITIONS or tokens[j].quoted:
        return False
    end = _sentence_end(tokens)
    # ("..., where she was accompanying an injured teenager.": a relative clause about the place ends it.)
    end = next((k for k in range(j + 1, end - 1) if tokens[k].text == "," and tokens[k + 1].lower in
                ("where", "which", "when")), end)
    # ("... to the press in the capital, Porto Valente.": a comma before a name is still the phrase.)
    return end - j <= 12 and not any(
        t.quoted or (t.text in _BREAKS and not (t.text == "," and k + 1 < end and _capitalised(tokens[k + 1])))
        or t.lower in _VERBISH or t.lower == "that" for k, t in enumerate(tokens[j + 1:end], j + 1))


def _trailing_apposition(tokens: list[Token], j: int, cues: Cues) -> bool:
    """"said Martin Hale, a senior fellow at ...": only a description of the source follows."""
    n = len(tokens)
    if j >= n or tokens[j].text != ",":
        return False
    for k in range(j + 1, n):
        tok = tokens[k]
        if tok.quoted or tok.text in ("“", '"', ";"):
            return False
        hit = cues.speech_index.match(tokens, k)
        if hit and not tok.lower.endswith("ing") and _is_verb_use(tokens, k, hit[0], cues):
            return False
    return True


def _skip_adverbials(tokens: list[Token], j: int, cues: Cues) -> int:
    """Step over "on Thursday", "late on Sunday", "in a statement", "to reporters" after a cue."""
    n = len(tokens)
    while j < n:
        word = tokens[j].lower
        if tokens[j].quoted:
            return j
        if tokens[j].text == "," and j + 1 < n and tokens[j + 1].lower in _PP_STARTS:
            # ", in separate statements, “...”": an adverbial between commas.
            close = next((k for k in range(j + 2, min(n, j + 9)) if tokens[k].text in _BREAKS or tokens[k].lower == "that"), None)
            if close is not None and tokens[close].text == ",":
                j = close
                continue
        if word in _WEEKDAYS or word in ("also", "further", "again", "then", "later", "earlier", "late", "early",
                                         "previously", "separately", "publicly", "repeatedly", "privately"):
            j += 1
            continue
        if word in ("last", "this", "next") and j + 1 < n and (tokens[j + 1].lower in _TIME_NOUNS or tokens[j + 1].lower in _WEEKDAYS):
            j += 2
            continue
        if word in _TIME_NOUNS and j > 0 and tokens[j - 1].lower in _WEEKDAYS:
            j += 1
            continue
        if word in _PP_STARTS:
            k = j + 1
            limit = min(n, j + 9)
            while k < limit and not tokens[k].quoted and tokens[k].text not in _BREAKS and tokens[k].lower != "that":
                if cues.speech_index.match(tokens, k) and tokens[k].lower.endswith("ing"):
                    break
                k += 1
            if k >= n or (k < limit and (tokens[k].text in (",", ":", ".") or tokens[k].lower == "that" or tokens[k].text in ("“", '"'))):
                if word == "on" or word == "in" or word == "to" or word == "at" or word == "during" or word == "via" or word == "through":
                    j = k
                    continue
                if k < n and tokens[k].lower == "that":  # "said after the meeting that ..."
                    j = k
                    continue
            if word == "on" and j + 1 < n and (tokens[j + 1].lower in _WEEKDAYS or tokens[j + 1].lower in _MONTHS):
                j += 2
                while j < n and (tokens[j].text.isdigit() or tokens[j].lower in _TIME_NOUNS or tokens[j].text == "."):
                    j += 1
                continue
        return j
    return j


def _after_addressee(tokens: list[Token], j: int) -> int | None:
    """Skip the addressee of "told reporters (that) ...": after "that", a colon, a quote, or a short addressee."""
    n = len(tokens)
    # "told a news conference in the capital, Dar Kalim, that ...": the addressee can run to a dozen words.
    that = next((k for k in range(j, min(n, j + _ADDRESSEE_REACH)) if tokens[k].lower == "that" and not tokens[k].quoted), None)
    # "told Reuters the group was not behind the attack": a name or a pronoun, then the clause ("the BBC" too).
    k = j + 1 if j + 1 < n and tokens[j].lower == "the" and _capitalised(tokens[j + 1]) else j
    while k < n and k - j < 4 and (_capitalised(tokens[k]) or tokens[k].lower in _ADDRESSEES) and not tokens[k].quoted:
        k += 1
    if that is None and j < k < n and _has_verb(tokens, k, min(n, k + 8)):
        return k
    for k in range(j, min(n, j + _ADDRESSEE_REACH)):
        tok = tokens[k]
        if tok.lower == "that" and not tok.quoted:
            return k
        if tok.text in (":", ",") and k + 1 < n and tokens[k + 1].text in ("“", '"'):
            return k + 1
        if tok.text in ("“", '"'):
            return k
        if tok.text in (".", ";"):
            return None
    return None


def noun_phrase_after(tokens: list[Token], j: int, cues: Cues) -> int:
    """End of the source named after an inverted cue: "said a military spokesman late on Sunday"."""
    n = len(tokens)
    k = j
    while k < n and k - j < _MAX_SUBJECT:
        tok = tokens[k]
        if tok.quoted or tok.text in _BREAKS or tok.text in (".", "!", "?"):
            break
        if tok.lower in ("in", "on", "at", "during", "late", "early", "last", "while", "when", "after", "before",
                         "that", "and", "but") or tok.lower in _WEEKDAYS:
            break
        if k > j and cues.speech_index.match(tokens, k):
            return j  # another cue: this is not "said SOURCE"
        if tok.lower in _VERBISH or (k > j and len(tok.lower) > 4 and tok.lower.endswith("ed") and tok.text.islower()
                                     and tok.lower not in _NOT_PAST):
            return j  # "said the rockets were launched ...": a clause, not a source
        k += 1
    if k == j:
        return j
    return k if _speaker_like(tokens, j, k, cues) else j


def source_before(tokens: list[Token], i: int, cues: Cues) -> tuple[int, int] | None:
    """The source named before a cue, stepping over adverbials, appositions and relative pronouns."""
    end = i
    # Auxiliaries and time words between the source and its verb: "X on Thursday has also said".
    while end > 0:
        word = tokens[end - 1].lower
        if word in _ADVERBS or word in _MODALS or word in _WEEKDAYS or word in _TIME_NOUNS \
                or (word.endswith("ly") and len(word) > 4 and tokens[end - 1].text.islower()):  # "strongly condemned"
            end -= 1
        elif end >= 2 and word in _MONTHS or (word.isdigit() and end >= 2 and tokens[end - 2].lower in _MONTHS):
            end -= 1
        elif word in ("on", "late", "early") and end < i:
            end -= 1
        elif word in _TIME_WORDS and end >= 2 and tokens[end - 2].lower in ("for", "in", "over"):
            end -= 2  # "has for months pointed to ..."
        else:
            break
    # "The Kurdistan Regional Government (KRG) blamed": an acronym in brackets belongs to the name.
    if end > 1 and tokens[end - 1].text == ")":
        opening = next((k for k in range(end - 2, max(-1, end - 8), -1) if tokens[k].text == "("), None)
        if opening is not None and opening > 0:
            end = opening
    # "X, spokesman of ..., said": the comma closes an apposition to the source.
    if end > 0 and tokens[end - 1].text == ",":
        return _before_apposition(tokens, end - 1, cues)
    if end == 0:
        return None
    if tokens[end - 1].lower in _RELATIVES:
        # "Kadhimi, who has promised ...", "factions that declared ...", "Washington, which has ...":
        # the antecedent speaks; "which" only for a name, never for a fact ("..., which may explain").
        found = _antecedent(tokens, end - 1, cues)
        if found is not None and tokens[end - 1].lower == "which" and not _capitalised(tokens[found[0]]):
            return None
        return found
    segment = _segment_back(tokens, end)
    if segment is not None and segment[0] >= 2 and tokens[segment[0] - 1].lower == "whose":
        # "Neil Osterhaus, whose office said ...": the office's owner, named before
        owner = _antecedent(tokens, segment[0] - 1, cues)
        if owner is not None:
            return owner
    if segment is not None and segment[0] >= 2 and tokens[segment[0]].lower in ("of", "with", "by", "for") \
            and tokens[segment[0] - 1].lower.endswith("ed") and tokens[segment[0] - 1].text.islower():
        # "A former property developer accused of swindling 200 investors has told a jury": the noun before
        # the participle speaks.
        segment = _segment_back(tokens, segment[0] - 1)
    found = _valid_source(tokens, *segment, cues) if segment is not None else None
    if found is not None and tokens[found[0]].text[:1].isdigit():
        # "The owner of the tanker that spilled an estimated 1,200 tonnes ... has blamed": the relative
        # clause's antecedent, not the quantity inside it
        relative = next((k for k in range(found[0] - 1, max(0, found[0] - 8), -1)
                         if tokens[k].lower in ("that", "which", "who")), None)
        if relative is not None and relative > 0:
            found = _antecedent(tokens, relative, cues)
    if found is not None and found[1] - found[0] > 1 and tokens[found[1] - 1].lower in PRONOUNS \
            and tokens[found[1] - 2].text.lower() not in ("and", "or"):
        return found[1] - 1, found[1]  # "In a separate post on LinkedIn she said": the pronoun
    return found if found is not None else _before_relative(tokens, end)


def _described_source(tokens: list[Token], i: int) -> tuple[int, int] | None:
    """"..., the carmaker said": after a comma, "the" and a noun before a postposed cue name the source,
    whatever the noun; before a cue elsewhere, only the nouns of ``nominals`` do."""
    start = i
    while start > 0 and i - start < 4 and tokens[start - 1].text.isalpha() and tokens[start - 1].text.islower() \
            and tokens[start - 1].lower not in _VERBISH and tokens[start - 1].lower not in _CLAUSE_STOPS:
        start -= 1
    if start >= i - 1 or tokens[start].lower not in ("the", "its", "their") or start == 0 \
            or tokens[start - 1].text not in _AFTER_QUOTE:
        return None
    return start, i


def _before_relative(tokens: list[Token], end: int) -> tuple[int, int] | None:
    """"a businessman who declined to give his name said": "who" tells that the phrase before it is a person."""
    who = next((k for k in range(end - 1, max(0, end - 12), -1)
                if tokens[k].lower == "who" or tokens[k].quoted or tokens[k].text in _BREAKS
                or tokens[k].text in (".", "!", "?")), None)
    if who is None or tokens[who].lower != "who" or who - 1 < 0:
        return None
    start = who
    while start > 0 and who - start < 5 and tokens[start - 1].text[:1].isalpha() and not tokens[start - 1].quoted \
            and tokens[start - 1].lower not in _CLAUSE_STOPS and tokens[start - 1].lower not in _VERBISH:
        start -= 1
    start = _strip_leading(tokens, start, who)
    if start >= who or not (tokens[start].lower in ("a", "an", "the", "one") or _capitalised(tokens[start])):
        return None
    return start, who


def _party_and_state(word: str) -> bool:
    """A US legislator's party and state: "Sen. Ray Okafor, D-Tamarack, said"."""
    return len(word) > 3 and word[0] in "DRI" and word[1] == "-" and word[2].isupper()


def _before_apposition(tokens: list[Token], comma: int, cues: Cues, depth: int = 0) -> tuple[int, int] | None:
    """The source of "A, B, said": B when B is a name ("Its spokesman, Jonah Petrakis, said"),
    else A, B describing it ("Yehia Rasool, spokesman of ..., said", "officials, who spoke anonymously, said",
    and "Brenda Mallory, 67, who has lived on the lane for 40 years, said": two of them)."""
    close = comma
    if comma >= 4 and tokens[comma - 1].text == ")" and tokens[comma - 3].text == "(":
        close = comma - 3  # "the Inter-Services Information Directorate (ISID), alleged": without the acronym
    opening = close - 1
    while opening >= 0 and close - opening <= 24:
        tok = tokens[opening]
        if tok.text == ",":
            break
        if tok.quoted or tok.text in _BREAKS or tok.text in (".", "!", "?"):
            return None
        opening -= 1
    if opening < 0 or tokens[opening].text != ",":
        return None  # "..., in Baghdad, said": no source before the comma
    inner = (opening + 1, close)
    first = tokens[inner[0]]
    words = tokens[inner[0]:inner[1]]
    described = len(words) == 1 and (first.text.isdigit() or _party_and_state(first.text))
    if not described and all(_capitalised(t) or t.lower in ("al", "bin", "ibn", "abu", "de", "van", "von") for t in words):
        # "Its spokesman, Jonah Petrakis, said": the name between the commas is the source.
        named = _valid_source(tokens, *inner, cues)
        if named is not None and _names_someone(tokens, comma):
            return named
    elif not (first.lower.endswith(("ing", "ed")) or first.lower in _RELATIVES or first.text[:1].islower()
              or any(t.text[:1].islower() for t in words) or described):  # an age, "D-Ohio"
        return None
    before = opening
    if before > 2 and tokens[before - 1].text == ")":
        # "The State Water Quality Board (SWQB), the regulator, said": the acronym belongs to the name.
        bracket = next((k for k in range(before - 2, max(0, before - 5), -1) if tokens[k].text == "("), None)
        before = bracket if bracket is not None else before
    segment = _segment_back(tokens, before)
    found = _valid_source(tokens, *segment, cues) if segment is not None else None
    if found is None and depth == 0 and (segment is None or (segment[0] > 0 and tokens[segment[0] - 1].text == ",")):
        # A second apposition before this one: the age of "Brenda Mallory, 67, who has lived ...".
        found = _before_apposition(tokens, opening, cues, depth + 1)
    if found is None and len(words) >= 3 and first.lower == "the" and all(_capitalised(t) or t.lower in ("of", "for", "and")
                                                                          for t in words[1:]):
        # "the military's media wing, the Inter-Services Information Directorate (ISID), alleged": the name.
        found = _valid_source(tokens, *inner, cues)
    return found


def _valid_source(tokens: list[Token], start: int, stop: int, cues: Cues) -> tuple[int, int] | None:
    start = _strip_leading(tokens, start, stop)
    if start >= stop or tokens[start].lower in _NEGATIVE_SOURCES or not _speaker_like(tokens, start, stop, cues):
        return None
    return start, stop


def _antecedent(tokens: list[Token], relative: int, cues: Cues) -> tuple[int, int] | None:
    end = relative
    if end > 0 and tokens[end - 1].text == ",":
        end -= 1
    segment = _segment_back(tokens, end)
    if segment is None:
        return None
    start, stop = segment
    comma = next((c for c in range(start - 1, max(0, start - 5), -1) if tokens[c].text == ","), None)
    if comma is not None and tokens[comma + 1].lower in ("a", "an") and stop - comma <= 9 \
            and any(t.lower in ("from", "in", "of", "at") for t in tokens[start:stop]):
        # "Brian Sowerby, 74, a retired postman from Hatchley, who said": the person the appositions describe
        earlier = _before_apposition(tokens, end, cues)
        if earlier is not None:
            first = earlier[0] + 1 if tokens[earlier[0]].lower in ("from", "by", "with", "to") else earlier[0]
            return first, earlier[1]
    # Keep the name at the end: "an early test for Prime Minister Mustafa al-Kadhimi, who ..."
    k = stop
    while k > start and (_capitalised(tokens[k - 1]) or tokens[k - 1].lower in ("al", "of", "the")):
        k -= 1
    while k < stop and not _capitalised(tokens[k]):
        k += 1
    if k < stop:
        start = k
    return _valid_source(tokens, start, stop, cues)


def _capitalised(token: Token) -> bool:
    return capitalised(token.text)


def _names_someone(tokens: list[Token], end: int) -> bool:
    """The segment before a comma is a name an apposition can follow: not "In a separate statement"."""
    previous = _segment_back(tokens, end)
    if previous is None:
        return False
    words = tokens[previous[0]:previous[1]]
    return words[0].lower not in _PP_STARTS and words[0].lower not in _INTRO_WORDS and any(
        t.text[:1].isupper() for t in words)


def _segment_back(tokens: list[Token], end: int) -> tuple[int, int] | None:
    """The words before ``end`` back to a comma, a clause word or a verb: a candidate source."""
    start = end
    while start > 0 and end - start < _MAX_SUBJECT:
        tok = tokens[start - 1]
        if tok.quoted or tok.text in _BREAKS or tok.text in (".", "!", "?"):
            break
        if tok.lower in _CLAUSE_STOPS or tok.lower in _VERBISH or tok.lower in _MODALS:
            break
        if tok.lower in ("and", "but", "or") and start == end:
            break
        if tok.lower == "as" and start < end:
            break  # "... hit record as union blames minister"
        if start < end and len(tok.lower) > 4 and tok.lower.endswith("ed") and tok.text[:1].islower() \
                and tok.lower not in _NOT_PAST:
            if start >= 2 and tokens[start - 2].text == ",":
                start -= 1  # a participle apposition: "The statement, issued on Sunday, said"
            break  # a verb: "Rocket fire had slowed after several armed factions announced"
        start -= 1
    if end - start >= _MAX_SUBJECT:
        return None
    return (start, end) if start < end else None


def _strip_leading(tokens: list[Token], start: int, stop: int) -> int:
    while start < stop and tokens[start].lower in _CONJUNCTIONS:
        start += 1
    return start


def _speaker_like(tokens: list[Token], start: int, stop: int, cues: Cues) -> bool:
    """A source is a pronoun, a name, or a noun naming a role ("the spokesman", "officials")."""
    span = tokens[start:stop]
    if len(span) == 1 and span[0].lower in PRONOUNS:
        return True
    if len(span) == 1 and span[0].text == "One" and start == 0:
        return True  # "One, who asked not to be named, said ...": one of the people the sentence before named
    if len(span) == 1 and span[0].lower in _NOT_SOURCES:
        return False
    if span[-1].lower in ("latter", "former"):
        return True
    if any(t.lower in cues.nominals for t in span):
        return True
    for k, t in enumerate(span):
        if not _capitalised(t) or t.lower in _CONJUNCTIONS or t.lower in ("the", "a", "an", "in", "on", "for", "at"):
            continue
        # The capital of a sentence's first word proves nothing when a lower-case noun follows it:
        # "Preliminary information suggested ..." names no one, "Rasool said ..." does.
        first_word = start + k == 0 or tokens[start + k - 1].text in (",", ":", "“", '"', "—", "–")
        if first_word and k + 1 < len(span) and not _capitalised(span[k + 1]):
            continue
        return True
    return False


def sentence_subject(tokens: list[Token], cues: Cues) -> tuple[int, int] | None:
    """The first noun phrase of the sentence, after an introductory phrase: its grammatical subject."""
    n = len(tokens)
    start = 0
    # "In this regard, ...", "For their part, ...": an opening phrase up to a comma.
    # "In a statement carried by the official Nahrabad News Agency (NNA), ...": a phrase opened by a
    # preposition may run longer than other openings.
    reach = 20 if n and tokens[0].lower in _PP_STARTS else 12
    first_comma = next((k for k in range(min(n, reach)) if tokens[k].text == ","), None)
    if first_comma is not None and (
            tokens[0].lower in _PP_STARTS or tokens[0].lower in _INTRO_WORDS or tokens[0].lower == "according"
            # "A day earlier, ...", "Last week, ...": a time phrase
            or (first_comma <= 5 and any(t.lower in _WEEKDAYS or t.lower in _TIME_NOUNS or t.lower in _TIME_WORDS
                                         for t in tokens[:first_comma]))):
        start = first_comma + 1
    start = _strip_leading(tokens, start, n)
    k = start
    while k < n and k - start < _MAX_SUBJECT:
        tok = tokens[k]
        if tok.quoted or tok.text in _BREAKS or tok.text in (".", "!", "?"):
            break
        word = tok.lower
        if _capitalised(tok) or word in ("of", "for", "the", "'s", "al", "'", "-", "bin", "ibn") or word in cues.nominals \
                or word in PRONOUNS or (k > start and tokens[k - 1].lower in ("the", "a", "an", "of", "for")):
            k += 1
            continue
        # "The Iraqi prime minister": lower-case words leading to a role noun belong to the phrase.
        # Not past a verb that follows the role noun: "The regulator fined the bank".
        verb = tokens[k - 1].lower in cues.nominals and (word.endswith("ed") or word in _VERBISH) if k > start else False
        ahead = None if verb else next((j for j in range(k + 1, min(n, k + 3)) if tokens[j].lower in cues.nominals), None)
        # ... and so do they after a nationality or an owner: "Velorian security officials", "Veloria's foreign ministry".
        # ("Chatterly's chief technology officer": role words may come between the owner and the head.)
        owner = (k == start + 1 and demonym(tokens[start].text)) or (
            _capitalised(tokens[start]) and tokens[start].lower.endswith(("'s", "’s"))
            and all(t.text.islower() for t in tokens[start + 1:k]))
        # ... after an article, an owner or a count: "the Iraqi prime minister", "Seven of the paper's nine authors";
        # not past a speech verb: "the Minority said the Minister ..."
        if ahead is not None and (tokens[start].lower in _LEADS or owner or tokens[start].lower in _NUMBER_WORDS) \
                and all(t.text.isalpha() and t.text.islower() for t in tokens[k:ahead]) \
                and not any(cues.speech_index.match(tokens, m) for m in range(k, ahead)):
            k = ahead + 1
            continue
        break
    if k > start and _speaker_like(tokens, start, k, cues):
        # "The company's chief executive, Laura Chen, defended ...": the name in apposition is the subject;
        # "The first witness, shop assistant Janine Corrow, told ...": after its role words.
        if k + 2 < n and tokens[k].text == ",":
            first = k + 1
            if tokens[k - 1].text.islower():  # a role before the comma, not a name
                while first < n and first - k <= 3 and tokens[first].text.islower() and tokens[first].text.isalpha() \
                        and tokens[first].lower not in ("of", "the", "a", "an", "for", "at", "and"):
                    first += 1
            end = first
            while end < n and end - first <= 5 and _capitalised(tokens[end]):
                end += 1
            if end > first + 1 and end < n and tokens[end].text == "," and not any(t.quoted for t in tokens[k:end]) \
                    and (first == k + 1 or tokens[first - 1].lower in cues.nominals or first - k >= 2):
                return first, end
        return start, k
    return None


def _according(tokens: list[Token], i: int, length: int, found: list[_Attribution]) -> _Attribution | None:
    """"According to X, ..." (content after the comma) or "..., according to X." (content before)."""
    n = len(tokens)
    src = i + length
    k = src
    while k < n and tokens[k].text not in (",", ".", ";", "!", "?") and not tokens[k].quoted and k - src < _MAX_SUBJECT:
        k += 1
    if k == src:
        return None
    src, k = _issuer(tokens, src, k)
    # Up to nine words before the cue tell all that is asked of them (so a long sentence is not re-read).
    preceding = list(islice((t for t in islice(tokens, i) if t.text not in ("“", "”", '"')), 9))
    # "On Sunday evening, according to X, ...": an opening adverbial does not make it postposed.
    intro = len(preceding) <= 8 and preceding and preceding[-1].text == "," and (
        preceding[0].lower in _PP_STARTS or preceding[0].lower in _INTRO_WORDS or preceding[0].lower in _WEEKDAYS)
    if i == 0 or intro or all(t.lower in _CONJUNCTIONS for t in islice(tokens, i) if t.text not in ("“", "”", '"')):
        if k < n and tokens[k].text == ",":
            c0 = k + 1
            c1 = n
            while c1 > c0 and tokens[c1 - 1].text in (".", "!", "?"):
                c1 -= 1
            if c1 > c0:
                return _Attribution(i, length, "according to", "according", (src, k), (c0, c1), "according-to")
        return None
    content = _content_before(tokens, i, long_enough=10)
    if content is None:
        return None
    end = _sentence_end(tokens)
    if k < n and tokens[k].text == "," and 0 < end - k - 1 <= 4 and all(_capitalised(t) for t in tokens[k + 1:end]):
        # "..., according to Halvard's head of threat intelligence, Mira Castellanos.": the name speaks.
        return _Attribution(i, length, "according to", "according", (k + 1, end), content, "according-to-post")
    return _Attribution(i, length, "according to", "according", (src, k), content, "according-to-post")


def _for_opinion(tokens: list[Token], cues: Cues) -> _Attribution | None:
    """A named person's view that no speech verb reports: "For Tarek Boustani, a security analyst who has
    followed the factions, the question misses the point" (the sentence after the name and its description),
    and "In his view the faction fired the rockets" (the person just named)."""
    n = len(tokens)
    if n < 6 or cues.speech_index.occurs_in(tokens):
        return None  # a sentence with a cue of its own is read by it
    if tokens[0].lower == "in" and tokens[1].lower in ("his", "her", "their") and tokens[2].lower in _VIEWS:
        # "In his view the faction fired the rockets": the view of the person just named.
        start = 4 if tokens[3].text == "," else 3
        stop = _sentence_end(tokens)
        if stop - start >= 4 and _has_verb(tokens, start, stop) and not any(t.quoted for t in tokens[start:stop]):
            return _Attribution(0, 3, "in view", "clause", (1, 2), (start, stop), "for-opinion")
        return None
    if tokens[0].lower != "for" or not _capitalised(tokens[1]):
        return None
    end = name_end(tokens, 1, 5)
    if end - 1 < 2 or end >= n or tokens[end].text != ",":
        return None  # "For Iraq, ...", "For its part, ...": no one's view
    start = end + 1
    if start < n and tokens[start].lower in ("a", "an", "the"):
        # The description of the person runs to the next comma.
        close = next((k for k in range(start + 1, min(n, start + 30)) if tokens[k].text == ","), None)
        if close is None:
            return None
        start = close + 1
    stop = _sentence_end(tokens)
    if stop - start < 4 or any(t.quoted for t in tokens[start:stop]) or not _has_verb(tokens, start, stop) \
            and not any(t.lower.endswith("s") and t.text.islower() for t in tokens[start + 1:stop]):
        return None
    return _Attribution(0, 1, "for", "clause", (1, end), (start, stop), "for-opinion")


def name_end(tokens: Sequence[Token], start: int, most: int = 6) -> int:
    """The end of the name starting at ``start``: its capitalised words and particles, at most ``most``."""
    end = start
    while end < len(tokens) and end - start < most and (_capitalised(tokens[end])
                                                        or tokens[end].lower in NAME_PARTICLES):
        end += 1
    return end


def _issuer(tokens: list[Token], start: int, end: int) -> tuple[int, int]:
    """Who stands behind "according to a statement issued by the Interior Ministry" (the ministry) or "a study
    published on Tuesday in the journal ..." (the study): a participle ends the source, or its agent is it."""
    participle = next((k for k in range(start + 1, end) if tokens[k - 1].text.islower() and tokens[k].text.islower()
                       and len(tokens[k].lower) > 4 and tokens[k].lower.endswith("ed")
                       and tokens[k].lower not in _NOT_PAST and tokens[k - 1].lower not in _NOT_NOUNS), None)
    if participle is None:
        return start, end
    by = next((k for k in range(participle + 1, end - 1) if tokens[k].lower == "by"), None)
    return (by + 1, end) if by is not None else (start, participle)


def _headline_quote(tokens: list[Token], cues: Cues) -> _Attribution | None:
    """"Olsen: “The people have spoken” as ...": a name, a colon and a quotation open the headline."""
    n = len(tokens)
    colon = next((j for j in range(1, min(n, 6)) if tokens[j].text == ":"), None)
    if colon is None or colon + 2 >= n or not tokens[colon + 1].quoted and tokens[colon + 1].text not in _OPENING:
        return None
    close = next((k for k in range(colon + 2, n) if tokens[k].text in _CLOSING and not tokens[k].quoted), None)
    if close is None or close + 1 >= n or not _speaker_like(tokens, 0, colon, cues) or _label(tokens[:colon]) \
            or not any(_capitalised(t) or t.lower in cues.nominals for t in tokens[:colon]):
        return None  # a quotation filling the rest of the headline is the colon rule's
    return _Attribution(-1, 0, "headline", "headline", (0, colon), (colon + 1, close + 1), "headline-colon")


def _label(words: list[Token]) -> bool:
    """"Live:", "Explainer:", "Breaking:": a page's label for the story before a colon, no one speaking."""
    return " ".join(t.lower for t in words) in _HEADLINE_LABELS


def _headline(tokens: list[Token], cues: Cues) -> _Attribution | None:
    """"Iraqi official: ...", "...: Mustafa Al Kazemi", "... – spokesman"."""
    n = len(tokens)
    for j, tok in enumerate(tokens):
        if tok.quoted or tok.text not in (":", "–", "—", "-"):
            continue
        if tok.text == ":" and 0 < j <= 6 and _speaker_like(tokens, 0, j, cues) and not _label(tokens[:j]) and any(
                t.text[:1].isupper() or t.lower in cues.nominals for t in tokens[:j]) and n - j > 3:
            return _Attribution(-1, 0, "headline", "headline", (0, j), (j + 1, n), "headline-colon")
        if 0 < n - j - 1 <= 4 and j >= 3 and _speaker_like(tokens, j + 1, n, cues) and (
                tokens[j + 1].text[:1].isupper() or any(t.lower in cues.nominals for t in tokens[j + 1:])):
            return _Attribution(-1, 0, "headline", "headline", (j + 1, n), (0, j), "headline-trailing")
    # "Storm kills 12 in southern Brazil, officials say": headlines report in the present tense, with no
    # verb the body's rules would know.
    last = n - 1
    while last > 0 and tokens[last].text in (".", "!"):
        last -= 1
    cue = cues.speech_index.match(tokens, last)
    if cue is not None and cue[0] == 1 and not tokens[last].quoted:
        comma = next((k for k in range(last - 1, max(0, last - 6), -1) if tokens[k].text == ","), None)
        if comma is not None and comma >= 3 and comma + 1 < last and _speaker_like(tokens, comma + 1, last, cues):
            return _Attribution(last, 1, cue[1][0], "headline", (comma + 1, last), (0, comma), "headline-trailing")
    return None
