"""Words with offsets, and phrase lists matched word by word.

Cue lexicons hold multi-word entries ("according to", "pointed the finger
at"); indexing them by their first word keeps matching linear in the text.
"""
from __future__ import annotations

import operator
import re
from bisect import bisect_left
from typing import Generic, Iterable, Sequence, TypeVar

from .model import Quote, Segments, Sentence

# Dotted acronyms ("U.S.") and common abbreviations ("Gen.", "Capt.") keep their full stop.
# The lookahead only lets words shaped like one of the abbreviations try the list (which is slow to try).
_ABBREVIATION = (r"(?:[A-Za-z]\.){2,}|\b(?=[A-Z][a-z]{1,3}\.)(?:Mr|Mrs|Ms|Dr|Prof|Gen|Maj|Capt|Col|Lt|Sgt|Brig|Adm|Cmdr|Gov|Sen|Rep|Rev|St|Jr|Sr"
                 r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|Nos|Mt|Ft|Inc|Ltd|Co|Corp|Dept)\.(?=\s|$)")
# "3,000" is one number: a comma between digit groups separates nothing.
_TOKEN = re.compile(_ABBREVIATION + r"|\d{1,3}(?:,\d{3})+(?!\d|,\d)|\w+(?:[-’'.&]\w+)*|[^\w\s]")
_start = operator.attrgetter("start")
_lower = operator.attrgetter("lower")
T = TypeVar("T")


class Token:
    """A word or punctuation mark, with its offsets into the article."""

    __slots__ = ("text", "start", "end", "lower", "quoted")

    def __init__(self, text: str, start: int, end: int, quoted: bool = False, lower: str | None = None):
        self.text = text
        self.start = start
        self.end = end
        self.lower = text.lower().replace("’", "'") if lower is None else lower
        self.quoted = quoted

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start})"


def tokenize(text: str, start: int = 0, end: int | None = None, quotes: Sequence[Quote] = ()) -> list[Token]:
    """Words and punctuation of ``text[start:end]``; ``quoted`` marks words inside quotation marks."""
    end = len(text) if end is None else end
    piece = text[start:end]
    lowered = piece.lower().replace("’", "'")
    # Lower-casing the whole range at once is faster, and the same as word by word unless a
    # character changes length ("İ") or depends on its neighbours (the final sigma).
    whole = len(lowered) == len(piece) and "Σ" not in piece
    tokens: list[Token] = []
    offset = 0
    # No token holds white space, so the text splits into runs of them. Most runs are one plain
    # word, which is one token; only the others need the pattern.
    for run in piece.split():
        offset = piece.find(run, offset)
        if run.isalnum():
            s = start + offset
            tokens.append(Token(run, s, s + len(run), False, lowered[offset:offset + len(run)] if whole else None))
        else:
            for m in _TOKEN.finditer(text, start + offset, start + offset + len(run)):
                s, e = m.span()
                tokens.append(Token(text[s:e], s, e, False, lowered[s - start:e - start] if whole else None))
        offset += len(run)
    for quote in quotes:
        if quote.end > start and quote.start < end:
            for k in range(bisect_left(tokens, quote.start, key=_start), bisect_left(tokens, quote.end, key=_start)):
                tokens[k].quoted = True
    return tokens


class ArticleTokens:
    """The article's words, tokenized once per paragraph and shared by every stage.

    A sentence ends after punctuation followed by white space, so it never
    splits a word, and a quotation never crosses a sentence boundary: a
    sentence's tokens are a slice of its paragraph's, with the ``quoted`` flags
    ``tokenize`` would give it. Where a span could tokenize differently on its
    own (a word cut in two, an abbreviation's full stop at its very end), it is
    tokenized afresh, so every list is exactly what ``tokenize`` returns.
    """

    def __init__(self, text: str, segments: Segments):
        self.text = text
        self.bounds = segments.paragraphs
        self._paragraph_starts = [start for start, _ in segments.paragraphs]
        quotes: dict[int, list[Quote]] = {}
        for quote in segments.quotes:
            quotes.setdefault(quote.paragraph, []).append(quote)
        self._quotes = quotes
        self.paragraphs = [tokenize(text, start, end, quotes.get(index, ()))
                           for index, (start, end) in enumerate(segments.paragraphs)]
        self._sentences = {(s.start, s.end): self._slice(s.paragraph, s.start, s.end) for s in segments.sentences}

    def sentence(self, sentence: Sentence) -> list[Token]:
        """The words of a sentence of the segments these tokens were built from."""
        return self._sentences[sentence.start, sentence.end]

    def span(self, start: int, end: int) -> list[Token]:
        """The words of ``text[start:end]``, for matching phrases such as hedges."""
        paragraph = bisect_left(self._paragraph_starts, start + 1) - 1
        if paragraph < 0 or end > self.bounds[paragraph][1]:
            return tokenize(self.text, start, end)
        return self._slice(paragraph, start, end)

    def _slice(self, paragraph: int, start: int, end: int) -> list[Token]:
        tokens = self.paragraphs[paragraph]
        lo = bisect_left(tokens, start, key=_start)
        hi = bisect_left(tokens, end, lo, key=_start)
        cut = (lo > 0 and tokens[lo - 1].end > start) or (hi > lo and tokens[hi - 1].end > end)
        # "Gen." followed by a quotation mark is "Gen" and "."; at the end of a span it is one token.
        abbreviation = end < self.bounds[paragraph][1] and self.text[end - 1:end] == "." and not self.text[end].isspace()
        if cut or abbreviation:
            return tokenize(self.text, start, end, self._quotes.get(paragraph, ()))
        return tokens[lo:hi]


def words(phrase: str) -> tuple[str, ...]:
    return tuple(m.group().lower().replace("’", "'") for m in _TOKEN.finditer(phrase))


class PhraseIndex(Generic[T]):
    """Multi-word phrases indexed by first word; ``match`` finds the longest at a token."""

    def __init__(self, entries: Iterable[tuple[str, T]] = ()):
        self._by_first: dict[str, list[tuple[tuple[str, ...], T]]] = {}
        for phrase, payload in entries:
            ws = words(phrase)
            if ws:
                self._by_first.setdefault(ws[0], []).append((ws, payload))
        for bucket in self._by_first.values():
            bucket.sort(key=lambda e: -len(e[0]))
        # The words a phrase can start with: a token whose ``lower`` is not here matches nothing.
        self.first_words = frozenset(self._by_first)

    def match(self, tokens: Sequence[Token], i: int) -> tuple[int, T] | None:
        bucket = self._by_first.get(tokens[i].lower)
        if not bucket:
            return None
        for ws, payload in bucket:
            n = len(ws)
            if i + n <= len(tokens) and all(tokens[i + k].lower == ws[k] for k in range(1, n)):
                return n, payload
        return None

    def occurs_in(self, tokens: Sequence[Token]) -> bool:
        """Whether any phrase starts at any of the tokens."""
        return next(iter(self.find(tokens)), None) is not None

    def find(self, tokens: Sequence[Token], start: int = 0, end: int | None = None) -> Iterable[tuple[int, int, T]]:
        """Every match in ``tokens[start:end]`` as (index, length, payload), left to right."""
        end = len(tokens) if end is None else end
        first_words = self.first_words
        if first_words.isdisjoint(map(_lower, tokens[start:end])):
            return  # the common case, settled in one pass that runs in C
        i = start
        while i < end:
            if tokens[i].lower not in first_words:  # most words start no phrase: skip the call
                i += 1
                continue
            hit = self.match(tokens, i)
            if hit and i + hit[0] <= end:
                yield i, hit[0], hit[1]
                i += hit[0]
            else:
                i += 1
