"""Paragraphs, sentences and quotation spans, as offsets into the article.

Quotes are found first so that sentence boundaries inside a quotation do not
split it. Marks: straight double quotes, curly double quotes, single curly
quotes (told apart from apostrophes), guillemets and low-9 quotes. A paragraph
that opens a quote without closing it either continues into the next
paragraph (which then reopens the quote, the newspaper convention) or ends the
quote at its own end: an unbalanced mark never swallows the rest of the article.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import accumulate
from typing import Sequence

from .model import Article, Quote, Segments, Sentence

_OPEN = {"“": "”", "„": "”", "«": "»", "‘": "’", "‹": "›"}
_MARKS = re.compile("[“„«‘‹”»’›\"']")  # every character that opens or closes a quotation
# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st jr sr gen maj capt col lt sgt adm cmdr brig gov sen rep rev messrs mt ft "
    "jan feb mar apr jun jul aug sep sept oct nov dec no nos vs etc inc ltd co corp dept univ est approx "
    "a.m p.m u.s u.k u.n e.g i.e".split()
)
_BOUNDARY = re.compile(r"[.!?…]+[”’\"')\]]*(?=\s+[\"“‘'(\[A-Z0-9])")


def segment(article: Article) -> Segments:
    """Split the article's body ranges into paragraphs, sentences and quotes."""
    paragraphs = tuple(article.body)
    text = article.text
    quotes: list[Quote] = []
    sentences: list[Sentence] = []
    for index, (start, end) in enumerate(paragraphs):
        next_para = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        continues = next_para is not None and text[next_para[0]:next_para[0] + 1] in ("“", '"', "«", "„")
        found = find_quotes(text, start, end, index, continues)
        quotes.extend(found)
        is_title = article.title_span is not None and (start, end) == tuple(article.title_span)
        sentences.extend(split_sentences(text, start, end, index, found, is_title))
    return Segments(paragraphs, tuple(sentences), tuple(quotes))


def find_quotes(text: str, start: int, end: int, paragraph: int, continues: bool = False) -> list[Quote]:
    """Quotation spans (marks excluded) of one paragraph, in order, never nested."""
    quotes: list[Quote] = []
    opened_at = -1
    closer = ""
    for mark in _MARKS.finditer(text, start, end):
        i = mark.start()
        ch = mark.group()
        if opened_at < 0:
            if ch in _OPEN and (ch != "‘" or _opens_single(text, i, start, end)):
                opened_at, closer = i + 1, _OPEN[ch]
            elif ch == '"' and _opens_straight(text, i, start, end):
                opened_at, closer = i + 1, '"'
            elif ch == "'" and _opens_single(text, i, start, end) and _straight_single_closes(text, i + 1, end):
                opened_at, closer = i + 1, "'"
        elif ch == closer or (closer == "”" and ch == '"') or (closer == '"' and ch == "”"):
            if closer in ("’", "'") and _is_apostrophe(text, i, end):
                continue
            if i > opened_at:
                quotes.append(Quote(opened_at, i, paragraph))
            opened_at = -1
    if opened_at >= 0:
        inner_end = end
        while inner_end > opened_at and text[inner_end - 1].isspace():
            inner_end -= 1
        words = len(text[opened_at:inner_end].split())
        # An unclosed quote counts only when the next paragraph reopens it or it reads like speech.
        if inner_end > opened_at and (continues or words >= 3):
            quotes.append(Quote(opened_at, inner_end, paragraph, closed=False))
    return quotes


def _opens_straight(text: str, i: int, start: int, end: int) -> bool:
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    if after.isspace():
        return False
    return before.isspace() or before in "([{—–-:,;/" or i == start


def _opens_single(text: str, i: int, start: int, end: int) -> bool:
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    return (before.isspace() or before in "([{—–-:\"“" or i == start) and (after.isalnum() or after in "“\"")


def _straight_single_closes(text: str, i: int, end: int) -> bool:
    """A straight single quote opens a quotation only if a closing one follows soon."""
    j = text.find("'", i, min(end, i + 400))
    while j >= 0:
        if not _is_apostrophe(text, j, end):
            return True
        j = text.find("'", j + 1, min(end, i + 400))
    return False


def _is_apostrophe(text: str, i: int, end: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < end else " "
    return before.isalnum() and after.isalnum()


def split_sentences(text: str, start: int, end: int, paragraph: int, quotes: list[Quote],
                    is_title: bool = False) -> list[Sentence]:
    """Sentences of one paragraph; a full stop inside a quotation ends no sentence."""
    inside = [(q.start, q.end) for q in quotes]
    sentences: list[Sentence] = []
    cursor = start
    q = 0
    for m in _BOUNDARY.finditer(text, start, end):
        stop = m.end()
        while q < len(inside) and inside[q][1] < m.start():
            q += 1
        if q < len(inside) and inside[q][0] <= m.start() < inside[q][1]:
            # Inside a quotation: the sentence ends only where the quote closes it.
            if stop <= inside[q][1]:
                continue
        if _abbreviation_before(text, m.start(), cursor):
            continue
        sentences.append(Sentence(cursor, stop, paragraph, is_title))
        cursor = stop
        while cursor < end and text[cursor].isspace():
            cursor += 1
    if cursor < end:
        sentences.append(Sentence(cursor, end, paragraph, is_title))
    return sentences


def _abbreviation_before(text: str, dot: int, floor: int) -> bool:
    if text[dot] != ".":
        return False
    j = dot
    while j > floor and (text[j - 1].isalpha() or text[j - 1] == "."):
        j -= 1
    word = text[j:dot].lower()
    if word in _ABBREVIATIONS:
        return True
    # Initials such as "J." or "U.S." inside a name or an acronym.
    return len(word) == 1 and text[j].isupper() or (len(word) > 1 and "." in word and all(len(p) <= 1 for p in word.split(".")))



class SpanIndex:
    """Ranges of the text, asked which hold a position or overlap a range without a pass over all."""

    def __init__(self, spans: Sequence[tuple[int, int]]):
        self._spans = spans
        self._order = sorted(range(len(spans)), key=lambda k: spans[k][0])
        self._starts = [spans[k][0] for k in self._order]
        # The furthest end among the spans up to each one, by start: all spans before the first
        # whose reach passes a position end before it.
        self._reach = list(accumulate((spans[k][1] for k in self._order), max))

    def covers(self, position: int) -> bool:
        """Whether a span holds ``position`` (start <= position < end)."""
        k = bisect_right(self._starts, position)
        return k > 0 and self._reach[k - 1] > position

    def contains(self, start: int, end: int) -> bool:
        """Whether a span holds all of ``[start, end)``."""
        k = bisect_right(self._starts, start)
        return k > 0 and self._reach[k - 1] >= end

    def overlapping(self, start: int, end: int) -> list[int]:
        """The indices of the spans overlapping ``[start, end)``, in the order given."""
        hi = bisect_left(self._starts, end)
        lo = bisect_right(self._reach, start, 0, hi)
        return sorted(k for k in self._order[lo:hi] if self._spans[k][1] > start)
