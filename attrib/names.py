"""Normalising names so that spelling variants meet on one key.

"al-Kadhimi", "Al Kadhimi" and "Kadhimi" share the key ``kadhimi``; "U.S." and
"US" share ``US``. Short all-capital words keep their case so that the
country "US" never matches the pronoun "us".
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_ARTICLES = frozenset({"the", "a", "an"})
# Arabic article variants written before a name; dropped unless they are the whole name.
_PREFIXES = frozenset({"al", "el"})
_POSSESSIVE = re.compile(r"'s\b")
_INNER_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
_DOTTED = re.compile(r"\b(?:[A-Z]\.)+[A-Z]\b\.?")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'"})


def fold(text: str) -> str:
    """Strip accents and unify apostrophes, keeping length-independent meaning."""
    text = text.translate(_APOSTROPHES)
    if text.isascii():  # nothing to decompose: the common case, and a hot path on large registries
        return text
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def word_parts(text: str) -> tuple[str, ...]:
    """Matching keys of the words in ``text``, before articles and "al-" are dropped."""
    folded = fold(text)
    folded = _POSSESSIVE.sub("", folded)
    folded = _INNER_APOSTROPHE.sub("", folded)
    # "U.S." and "U.N." are the acronyms US and UN.
    folded = _DOTTED.sub(lambda m: m.group().replace(".", ""), folded)
    parts = []
    for word in _WORD.findall(folded):
        if word.isupper() and 1 < len(word) <= 3 and word.lower() not in _PREFIXES:
            parts.append(word)
        else:
            parts.append(word.lower())
    return tuple(parts)


@lru_cache(maxsize=65536)
def key_of_parts(parts: tuple[str, ...]) -> str:
    """Join word keys into a name key: leading articles and "al"/"el" particles dropped."""
    tokens = list(parts)
    while tokens and tokens[0] in _ARTICLES and len(tokens) > 1:
        tokens = tokens[1:]
    if len(tokens) > 1:
        tokens = [t for t in tokens if t not in _PREFIXES] or tokens
    return " ".join(tokens)


def name_tokens(text: str) -> list[str]:
    """The words of a name as matching keys: lower case except short acronyms."""
    tokens = list(word_parts(text))
    while tokens and tokens[0] in _ARTICLES and len(tokens) > 1:
        tokens = tokens[1:]
    if len(tokens) > 1:
        tokens = [t for t in tokens if t not in _PREFIXES] or tokens
    return tokens


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    return " ".join(name_tokens(text))


def capitalised(word: str) -> bool:
    """A word of a name: "Kadhimi", and "al-Kadhimi" too (capitalised after its particle)."""
    if word[:3].lower() in ("al-", "el-") and len(word) > 3:
        word = word[3:]
    return word[:1].isupper()


def demonym(word: str) -> bool:
    """A capitalised word shaped like a nationality: "Velorian", "Venezuelan", "Burmese", "Polish"."""
    return len(word) >= 5 and word[:1].isupper() and word[1:].islower() and word.endswith(
        ("ian", "ean", "ese", "ish", "an", "i"))


def nationality_stem(word: str) -> str:
    """What a nationality and its country's name share, in lower case: "Iraqi" -> "iraq", "Lebanese" -> "leban"."""
    stem = word.lower()
    for ending in ("ian", "ese", "ish", "an", "i", "n"):
        if stem.endswith(ending) and len(stem) - len(ending) >= 4:
            return stem[:-len(ending)]
    return stem


# Lower-case words inside a name: "Saqr bin Hamdan al-Ghufaili", "Nouri al Maliki".
NAME_PARTICLES = frozenset({"al", "bin", "ibn"})
