"""Property tests: for any text, analysis never raises and every span it reports is where it says.

The texts mix arbitrary Unicode with the fragments the extractors react to
(quotation marks, speech and blame verbs, names and titles from the shipped
registry, "according to", pronouns, front matter, paragraph breaks), so that
the interesting code paths run on strange input and not only the early exits.
"""
from __future__ import annotations

import json
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import attrib
from attrib.errors import InputError
from attrib.load import decode, parse_article
from attrib.render import analysis_record

REGISTRY = attrib.load_rules()

# Fragments drawn from the shipped rules, so that a rule added there is exercised here too.
_CUES = REGISTRY.cues
_SPEECH = sorted(_CUES.speech)
_BLAME = sorted({form for verb in _CUES.blame_verbs for form in verb.forms})
_NAMES = sorted({alias for entity in REGISTRY.entities.values() for alias in (entity.name, *entity.aliases)}
                | {alias for entity in REGISTRY.entities.values() for role in entity.roles for alias in role.aliases})
_PHRASES = sorted(set(_CUES.according_to) | set(_CUES.by_agent) | set(_CUES.connections) | set(_CUES.acts)
                  | {phrase for phrase, _ in _CUES.hedges} | set(_CUES.denials) | set(_CUES.negations)
                  | set(_CUES.conditionals) | set(_CUES.nominals))
_MARKS = ['"', "“", "”", "‘", "’", "'", "«", "»", "„", "‹", "›", ",", ".", ":", ";", "—", "–", "-", "!", "?", "…",
          "(", ")", "[", "]", "/", "#", "*", "\n", "\n\n", "\r\n", "\t", " ", "\u00a0", "\ufeff", "\u2028"]
_WORDS = ["he", "she", "it", "they", "we", "the", "a", "that", "and", "but", "by", "for", "of", "to", "in", "on",
          "spokesman", "officials", "the premier", "his office", "who", "which", "not", "no", "if", "was", "were",
          "attack", "rockets", "militias", "outlaws", "terrorists", "U.S.", "Mr.", "Gen.", "Dec.", "2020-12-21",
          "December 21, 2020", "---", "outlet: Example Times", "date: 2023-01-01", "title: X", "Reuters", "BAGHDAD —",
          "Shafaq News /", "al-", "İ", "ß", "ﬁ", "ǅ", "\u0301", "\u200b", "\x1b[31m", "[bold red]", "=1+1"]
_UNICODE = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
_FRAGMENT = st.one_of(
    st.sampled_from(_SPEECH), st.sampled_from(_BLAME), st.sampled_from(_NAMES), st.sampled_from(_PHRASES),
    st.sampled_from(_MARKS), st.sampled_from(_WORDS), _UNICODE,
)
_SEPARATOR = st.sampled_from([" ", " ", " ", "", ", ", ". ", "\n", "\n\n", ' "', '" ', " “", "” ", ": "])
_CLAUSE = st.lists(st.tuples(_FRAGMENT, _SEPARATOR), max_size=12).map(lambda parts: "".join(a + b for a, b in parts))
_PARTY = st.one_of(st.sampled_from(_NAMES), st.sampled_from(["he", "she", "it", "they", "the spokesman", "officials",
                                                             "the ministry", "a security source", "Rasool"]), _UNICODE)
# Sentence shapes the extractors look for, with arbitrary words in their slots.
_TEMPLATES = [
    "{s} {v} that {c}.", "“{c},” {s} {v}.", '"{c}," {v} {s}.', "According to {s}, {c}.", "{c}, according to {s}.",
    "{s} {b} {o} for {c}.", "{o} was {b} by {s}.", "{s}: {c}", "{c} – {s}", "{c}, {s} {v}, {c}", "{s} {v}: “{c}”",
    "{s} {v} the attack was {a} by {o}.", "“{c} {o} {c}”, {s} {v}, “{c}.”", "{s} {v} reporters that {c}",
    "{s}, {c}, {v} {c}", "{s} {b} {o}, {v} {c}", "“{c}", "{c}”",
]
_SENTENCE = st.builds(lambda t, **slots: t.format(**slots), st.sampled_from(_TEMPLATES), s=_PARTY, o=_PARTY,
                      v=st.sampled_from(_SPEECH), b=st.sampled_from(_BLAME), a=st.sampled_from(sorted(_CUES.by_agent)),
                      c=_CLAUSE)
NEWS = st.lists(st.tuples(st.one_of(_SENTENCE, _SENTENCE, _FRAGMENT), _SEPARATOR), max_size=30).map(
    lambda parts: "".join(a + b for a, b in parts))
# Arbitrary Unicode too (surrogates excepted: they cannot come out of decoding), and the two mixed.
TEXT = st.one_of(NEWS, NEWS, st.text(st.characters(blacklist_categories=("Cs",)), max_size=300),
                 st.tuples(NEWS, st.text(max_size=40), NEWS).map("".join))

# The example counts come from the Hypothesis profile (tests/conftest.py): "attrib" runs 300 per
# property, 1,200 in all, in a normal run; "deep" runs 20,000 per property.
PROPERTY = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_spans(text: str, analysis: attrib.Analysis) -> None:
    """The offset invariant of the output contract, on the records and on the JSON the CLI writes."""
    record = json.loads(json.dumps(analysis_record(analysis)))
    for claim, out in zip(analysis.claims, record["claims"]):
        assert 0 <= claim.start < claim.end <= len(text), (claim, text)
        assert text[out["start"]:out["end"]] == out["text"]
        if claim.mention is not None:
            mention = claim.mention
            assert 0 <= mention.start < mention.end <= len(text), (mention, text)
            assert text[mention.start:mention.end] == mention.text
            assert text[out["mention_start"]:out["mention_end"]] == out["mention"]
        assert 0.0 <= claim.confidence <= 1.0 and not math.isnan(claim.confidence)
    for blame, out in zip(analysis.blames, record["blames"]):
        assert 0 <= blame.start < blame.end <= len(text), (blame, text)
        assert text[out["start"]:out["end"]] == out["evidence"]
        for mention in (blame.accuser_mention, blame.accused_mention):
            if mention is not None:
                assert 0 <= mention.start < mention.end <= len(text), (mention, text)
                assert text[mention.start:mention.end] == mention.text
        assert text[out["accused_mention_start"]:out["accused_mention_end"]] == out["accused_mention"]
        if out["accuser_mention"] is not None:
            assert text[out["accuser_mention_start"]:out["accuser_mention_end"]] == out["accuser_mention"]
        if blame.claim is not None:
            assert 0 <= blame.claim < len(analysis.claims)
        assert 0.0 <= blame.confidence <= 1.0 and not math.isnan(blame.confidence)


@PROPERTY
@given(TEXT)
def test_analysis_never_raises_and_spans_hold(text):
    check_spans(text, attrib.analyze_text(text, REGISTRY))


@PROPERTY
@given(TEXT, st.sampled_from([None, "2020-12-21", "2023-03-01"]))
def test_spans_hold_with_a_date(text, day):
    from datetime import date

    analysis = attrib.analyze_text(text, REGISTRY, date=date.fromisoformat(day) if day else None)
    check_spans(text, analysis)


@PROPERTY
@given(TEXT)
def test_article_ranges_lie_inside_the_text(text):
    article = parse_article(text, registry=REGISTRY)
    for start, end in article.body:
        assert 0 <= start <= end <= len(text)
    if article.title_span is not None:
        start, end = article.title_span
        assert 0 <= start <= end <= len(text)


@PROPERTY
@given(st.binary(max_size=400) | TEXT.map(lambda t: t.encode("utf-8", "surrogatepass"))
       | TEXT.map(lambda t: t.encode("utf-16")) | TEXT.map(lambda t: t.encode("cp1252", "ignore")))
def test_decoding_gives_text_or_an_input_error(data):
    try:
        text, warning = decode(data, "x.txt")
    except InputError as exc:
        assert exc.message and exc.path == "x.txt"
        return
    assert text.strip() and "\r" not in text
    check_spans(text, attrib.analyze_text(text, REGISTRY))

