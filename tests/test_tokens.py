"""Tokens shared across stages are exactly what tokenizing each sentence or span afresh gives."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from attrib.load import parse_article
from attrib.segment import SpanIndex, segment
from attrib.tokens import ArticleTokens, PhraseIndex, tokenize

PIECES = ["said", "Gen.", "U.S.", "Mr.", "No.", "al-Kadhimi", "Iran’s", "it's", "“", "”", '"', "'", "‘", "’",
          ".", ",", ":", "?", "!", "Σ", "İstanbul", "The", "officials", "attack", "(", ")", "—", "5", "p.m.", "A.",
          "Sept.", "Co.", "rock'n'roll", "«", "»"]
SEPARATORS = [" ", " ", " ", "", "\n", "\n\n"]


def _fields(tokens):
    return [(t.text, t.start, t.end, t.lower, t.quoted) for t in tokens]


@st.composite
def articles(draw):
    parts = draw(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SEPARATORS)), min_size=1, max_size=80))
    return "Headline\n\n" + "".join(p + s for p, s in parts)


@settings(max_examples=300, deadline=None)
@given(articles(), st.data())
def test_sentences_and_spans_are_what_tokenize_gives(registry, text, data):
    article = parse_article(text, registry=registry)
    segments = segment(article)
    words = ArticleTokens(text, segments)
    for sentence in segments.sentences:
        quotes_here = [q for q in segments.quotes if sentence.start <= q.start < sentence.end]
        expected = _fields(tokenize(text, sentence.start, sentence.end, segments.quotes))
        assert _fields(words.sentence(sentence)) == expected
        # The claims stage passes only the quotes that open in the sentence: the same flags.
        assert _fields(tokenize(text, sentence.start, sentence.end, quotes_here)) == expected
    for start, end in segments.paragraphs:
        if end > start:
            a = data.draw(st.integers(start, end - 1))
            b = data.draw(st.integers(a + 1, end))
            fresh = [(t.text, t.start, t.end, t.lower) for t in tokenize(text, a, b)]
            assert [(t.text, t.start, t.end, t.lower) for t in words.span(a, b)] == fresh


def test_lower_case_is_word_by_word_where_casing_depends_on_neighbours():
    text = "ΟΔΟΣ İstanbul Said"
    assert [t.lower for t in tokenize(text)] == ["οδος", "i̇stanbul", "said"]


def test_phrase_index_finds_the_longest_phrase_and_skips_others():
    index = PhraseIndex([("point the finger at", 1), ("point", 2), ("said", 3)])
    tokens = tokenize("They point the finger at Iran and point, then said so.")
    assert list(index.find(tokens)) == [(1, 4, 1), (7, 1, 2), (10, 1, 3)]
    assert index.occurs_in(tokens)
    assert not index.occurs_in(tokenize("Nothing here."))


def test_span_index():
    spans = SpanIndex([(10, 20), (0, 5), (30, 100), (40, 50)])
    assert [p for p in range(0, 110, 5) if spans.covers(p)] == [0, 10, 15, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75,
                                                                   80, 85, 90, 95]
    assert spans.overlapping(4, 12) == [0, 1]
    assert spans.overlapping(45, 46) == [2, 3]
    assert spans.overlapping(20, 30) == []


def test_digit_groups_are_one_number():
    assert [t.text for t in tokenize("about 3,000 workers, 12,500,000 people, 1,23 and 3,0000")] == [
        "about", "3,000", "workers", ",", "12,500,000", "people", ",", "1", ",", "23", "and", "3", ",", "0000"]
