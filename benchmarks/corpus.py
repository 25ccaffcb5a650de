"""Synthetic corpora for the benchmarks: sentence-shuffled variants of real-looking articles.

Each variant keeps an article's headline and metadata, shuffles its paragraphs
and the sentences inside some of them, and borrows a paragraph or two from
another article, so that a corpus of any size is made of ordinary 2-3 KB news
text without copying anyone's articles into the repository: the sources are
``samples/`` by default, or any directory of .txt/.md articles you point to.

The adversarial inputs are the shapes that make naive extractors slow: many
unmatched quotation marks, one enormous line without punctuation, a cue word
repeated thousands of times, quotations nested very deep.
"""
from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
MAX_CHARS = 3000

_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
_SENTENCE_END = re.compile(r"[.!?][”\"’]?\s+(?=[“\"A-Z])")


@dataclass
class Source:
    """One source article: metadata, the lines that open it (headline, dateline) and its paragraphs."""

    name: str
    meta: dict[str, str]
    head: list[str]
    paragraphs: list[str]


def read_sources(directory: Path = SAMPLES) -> list[Source]:
    """The articles of a directory, split into head and body paragraphs."""
    sources = []
    for path in sorted(directory.iterdir()):
        if path.suffix not in (".txt", ".md") or path.name.lower().startswith("readme"):
            continue
        text = path.read_text(encoding="utf-8")
        meta: dict[str, str] = {}
        m = _FRONT.match(text)
        if m:
            for line in m.group(1).splitlines():
                key, _, value = line.partition(":")
                meta[key.strip()] = value.strip().strip('"')
            text = text[m.end():]
        blocks = [b.strip() for b in re.split(r"\n\s*\n|\n", text) if b.strip()]
        head: list[str] = []
        # Headline, standfirst and dateline: short lines or lines without a full stop at the end.
        while blocks and (len(blocks[0]) < 120 or not blocks[0].endswith((".", "”", '"'))) and len(head) < 4:
            head.append(blocks.pop(0))
        sources.append(Source(path.stem, meta, head, blocks))
    if not sources:
        raise SystemExit(f"no .txt or .md articles in {directory}")
    return sources


def _shuffled_sentences(paragraph: str, rng: random.Random) -> str:
    pieces, last = [], 0
    for m in _SENTENCE_END.finditer(paragraph):
        pieces.append(paragraph[last:m.end()].strip())
        last = m.end()
    pieces.append(paragraph[last:].strip())
    pieces = [p for p in pieces if p]
    rng.shuffle(pieces)
    return " ".join(pieces)


def variant(sources: list[Source], number: int, seed: int = 0) -> dict[str, str]:
    """The ``number``-th synthetic article: a JSON Lines record (text and metadata)."""
    rng = random.Random(f"{seed}:{number}")
    base = sources[number % len(sources)]
    donor = sources[rng.randrange(len(sources))]
    paragraphs = list(base.paragraphs)
    rng.shuffle(paragraphs)
    paragraphs += rng.sample(donor.paragraphs, min(len(donor.paragraphs), rng.randint(0, 2)))
    paragraphs = [_shuffled_sentences(p, rng) if rng.random() < 0.5 else p for p in paragraphs]
    body: list[str] = []
    size = sum(len(h) + 2 for h in base.head)
    for paragraph in paragraphs:
        if body and size + len(paragraph) > MAX_CHARS:
            break
        body.append(paragraph)
        size += len(paragraph) + 2
    record = {"id": f"{base.name}-v{number:06d}"}
    # Half the records carry their metadata as fields, the other half as front matter in the text.
    if number % 2 == 0:
        record.update({k: v for k, v in base.meta.items() if k in ("outlet", "date", "title")})
        record["text"] = "\n\n".join(base.head + body) + "\n"
    else:
        front = "".join(f"{k}: {v}\n" for k, v in base.meta.items())
        record["text"] = (f"---\n{front}---\n\n" if front else "") + "\n\n".join(base.head + body) + "\n"
    return record


def records(n: int, sources: list[Source] | None = None, seed: int = 0) -> Iterator[dict[str, str]]:
    sources = sources or read_sources()
    for number in range(n):
        yield variant(sources, number, seed)


def write_jsonl(path: Path, n: int, sources: list[Source] | None = None, seed: int = 0) -> int:
    """Write ``n`` synthetic articles as JSON Lines; returns the bytes of article text written."""
    sources = sources or read_sources()
    total = 0
    with open(path, "w", encoding="utf-8") as out:
        for record in records(n, sources, seed):
            total += len(record["text"].encode("utf-8"))
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return total


# ------------------------------------------------------------------- adversarial


def adversarial(scale: float = 1.0, sources: list[Source] | None = None) -> dict[str, str]:
    """The pathological articles, by name; ``scale`` 1 gives the sizes the README quotes."""
    sources = sources or read_sources()
    prose = " ".join(p for s in sources for p in s.paragraphs)
    words = re.sub(r"[^\w\s]", " ", prose).split()
    size = int(5_000_000 * scale)
    plain, length = [], 0
    while length < size:
        for word in words:
            plain.append(word)
            length += len(word) + 1
            if length >= size:
                break
    marks = int(100_000 * scale)
    cues = int(20_000 * scale)
    depth = int(10_000 * scale)
    paragraphs = int(2_000 * scale)
    # Paragraphs that each name new people and bodies and refer back to them ("the spokesman", "the
    # ministry", "it", "the statement", "One, who ...", "the same people"): what every mention may look back over.
    referring = ("Brigadier General Fares Mandili{i}, the spokesman for the Armed Forces of Tiraz{i}, told reporters that "
                 "the rockets came from the north. For Tarek Boustani{i}, a security analyst, the question misses the "
                 "point. In his view the Front{i} fired the rockets. Prison Watch{i}, a rights group, said the prison "
                 "was full. It blamed the Ministry of Justice{i}. The ministry said the talks failed, according to the "
                 "statement. Rival managers were less kind. One, who asked not to be named, said everything points to "
                 "the same people. The deaths were blamed on the gang's leader, Bojan Kral{i}, the officials said.")
    return {
        # 100,000 opening marks that nothing closes, in one paragraph without a full stop.
        "unmatched-quotes": "Headline about unmatched quotes\n\n" + "“He said " * marks + "\n",
        # A 5 MB line of news words with the punctuation taken out: one paragraph, one sentence.
        "long-line": "Headline about a long line\n\n" + " ".join(plain) + "\n",
        # The same cue word thousands of times in one sentence.
        "repeated-cues": "Headline about repeated cues\n\n" + "Officials said " * cues + "that.\n",
        # Quotations nested 10,000 deep: “ ‘ “ ‘ ... ’ ” ’ ”.
        "nested-quotes": "Headline about nested quotes\n\n" + "“A said ‘B said " * (depth // 2)
                         + "it’” " * (depth // 2) + "\n",
        # 2,000 paragraphs of names, roles and references back to them (about 1.3 MB).
        "references-back": "Headline about references\n\n"
                           + "\n\n".join(referring.format(i=i) for i in range(paragraphs)) + "\n",
    }
