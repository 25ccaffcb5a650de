"""Turn files, stdin and corpus records into :class:`Article` records.

Decoding follows Python's text mode (``open(path, encoding="utf-8").read()``):
universal newlines, a byte-order mark kept as a character, so that offsets
reported by attrib index the text a Python user reads back. Front matter,
outlet markers, date lines and scraped-page debris are recognised here; the
``body`` ranges tell later stages which lines are article text.
"""
from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import re
import sys
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

from .errors import InputError, message
from .model import Article
from .rules import Outlets, Registry

ARTICLE_SUFFIXES = (".txt", ".md", ".txt.gz", ".md.gz")
CORPUS_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")
FRONT_MATTER_KEYS = ("outlet", "date", "url", "title", "id")

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DATES = (
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)\b"),
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE),
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE),
)
_DATE_LINE_MAX = 90  # longer lines are prose or captions, whose dates are not the publication's
_HEAD_LINES = 12
_TERMINAL = re.compile(r"[.!?…:;][”\"’')\]]*\s*$")  # ends like a sentence, not like a headline
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Za-z.'’-]*(?:[ ,]+[A-Z][A-Za-z.'’-]*){0,4}\s*/\s+"  # "Shafaq News / "
    r"|[A-Z]{3,}(?:[ ,]+[A-Za-z0-9.]+){0,4}\s*(?:\([^()\n]{1,40}\))?\s*[—–-]{1,2}\s+)"  # "BAGHDAD, Dec 20 (Reuters) - "
)
_LINK_HEADER = re.compile(r"\s*(read more|read also|also read|related|more on this|see also|recommended|more stories)\b",
                          re.IGNORECASE)
_HEADING = re.compile(r"#{1,6}[ \t]+")
_CREDIT = re.compile(r"[(\[]([^()\[\]]{1,80})[)\]]\s*$")  # "[Samir Odeh/Tigris Observer]" ending a caption
_BINARY_MAGIC = ((b"%PDF", "PDF"), (b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"),
                 (b"PK\x03\x04", "ZIP archive"), (b"\x7fELF", "executable"), (b"\xd0\xcf\x11\xe0", "Office document"))


@dataclass(frozen=True)
class Source:
    """One article to analyse, or the reason it cannot be."""

    name: str
    text: str | None = None
    error: str | None = None
    line: int | None = None
    meta: tuple[tuple[str, str], ...] = ()
    warning: str | None = None
    # An analysis read back from ``attrib analyze --format jsonl`` (the output contract's object), for
    # callers that compare analyses rather than make them.
    record: dict[str, Any] | None = None


# ----------------------------------------------------------------------- decoding


def decode(data: bytes, name: str) -> tuple[str, str | None]:
    """Bytes to text as Python's text mode would give it; the warning names a fallback encoding."""
    for magic, kind in _BINARY_MAGIC:
        if data.startswith(magic):
            raise InputError(message("binary", kind=kind), name)
    warning = None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16")
        warning = message("decoded_as", encoding="UTF-16")
    else:
        if b"\x00" in data[:4096]:
            raise InputError(message("binary", kind="NUL bytes"), name)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
            warning = message("decoded_as", encoding="Windows-1252")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(message("empty"), name)
    if _looks_binary(text):
        raise InputError(message("binary", kind="control characters"), name)
    return text, warning


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\t\f\v\x1b")
    return controls > max(8, len(sample) // 50)


def read_file(path: str | os.PathLike[str]) -> tuple[str, str | None]:
    """Read and decode one article file, gzip-compressed or not."""
    name = str(path)
    p = Path(path)
    if p.is_symlink() and not p.exists():
        raise InputError(message("broken_link"), name)
    if not p.exists():
        raise InputError(message("missing"), name)
    try:
        data = p.read_bytes()
        if name.endswith(".gz"):
            data = gzip.decompress(data)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise InputError(message("unreadable", reason=getattr(exc, "strerror", None) or str(exc)), name) from None
    return decode(data, name)


# ------------------------------------------------------------------------ inputs


def iter_sources(paths: Iterable[str], *, stdin: IO[bytes] | None = None, analyses: bool = False) -> Iterator[Source]:
    """Expand the command line into sources, in order: files, directories, ``-``, JSONL corpora.

    With ``analyses``, a JSON Lines record holding "claims" is an analysis made earlier (``Source.record``),
    and one holding only "error" is a failure reported when it was made.
    """
    for raw in paths:
        if raw == "-":
            yield from _stdin_sources(stdin or sys.stdin.buffer, analyses)
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and _is_input(p.name))
            if not found:
                yield Source(raw, error=message("no_articles"))
            for p in found:
                yield from _file_sources(str(p), analyses)
            continue
        yield from _file_sources(raw, analyses)


def _is_input(name: str) -> bool:
    """Articles in a directory: .txt/.md files and corpora, but not READMEs and hidden files."""
    lower = name.lower()
    return lower.endswith(ARTICLE_SUFFIXES + CORPUS_SUFFIXES) and not lower.startswith((".", "readme", "license",
                                                                                          "changelog"))


def _file_sources(name: str, analyses: bool) -> Iterator[Source]:
    if name.lower().endswith(CORPUS_SUFFIXES):
        yield from _corpus_sources(name, analyses)
        return
    try:
        text, warning = read_file(name)
    except InputError as exc:
        yield Source(name, error=exc.message)
        return
    yield Source(name, text=text, warning=warning)


def count_sources(paths: Iterable[str]) -> int | None:
    """About how many sources ``iter_sources`` will yield (a corpus's lines are counted, not parsed).

    None when standard input is among the paths: it can be read only once.
    """
    total = 0
    for raw in paths:
        if raw == "-":
            return None
        path = Path(raw)
        names = sorted(str(p) for p in path.rglob("*") if p.is_file() and _is_input(p.name)) if path.is_dir() else [raw]
        for name in names:
            total += _count_lines(name) if name.lower().endswith(CORPUS_SUFFIXES) else 1
    return total


def _count_lines(name: str) -> int:
    try:
        with (gzip.open(name, "rb") if name.endswith(".gz") else open(name, "rb")) as raw:
            count = last = 0
            for block in iter(lambda: raw.read(1 << 20), b""):
                count += block.count(b"\n")
                last = block[-1]
            return count + (last not in (0, ord("\n")))
    except (OSError, EOFError):
        return 1


def _stdin_sources(stream: IO[bytes], analyses: bool) -> Iterator[Source]:
    """Standard input: one article, or a JSON Lines corpus, read a line at a time as it arrives."""
    head = []
    for line in iter(stream.readline, b""):
        head.append(line)
        if line.strip():
            break
    first = b"".join(head)
    if first.lstrip()[:1] == b"{":
        lines = io.TextIOWrapper(io.BufferedReader(_Rejoined(first, stream)), encoding="utf-8", errors="replace")
        yield from _records("-", lines, analyses)
        return
    yield from _text_or_corpus("-", first + stream.read(), analyses)


class _Rejoined(io.RawIOBase):
    """A stream whose first bytes were taken to look at, read again from its start."""

    def __init__(self, head: bytes, rest: IO[bytes]):
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        if self._head:
            data, self._head = self._head[:len(buffer)], self._head[len(buffer):]
        else:
            read = getattr(self._rest, "read1", self._rest.read)
            data = read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


def _text_or_corpus(name: str, data: bytes, analyses: bool) -> Iterator[Source]:
    head = data.lstrip()[:1]
    if head == b"{":
        yield from _records(name, io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="replace"), analyses)
        return
    try:
        text, warning = decode(data, name)
    except InputError as exc:
        yield Source(name, error=exc.message)
        return
    yield Source(name, text=text, warning=warning)


def _corpus_sources(name: str, analyses: bool) -> Iterator[Source]:
    path = Path(name)
    if not path.exists():
        yield Source(name, error=message("broken_link" if path.is_symlink() else "missing"))
        return
    try:
        raw = gzip.open(path, "rb") if name.endswith(".gz") else open(path, "rb")
    except OSError as exc:
        yield Source(name, error=message("unreadable", reason=exc.strerror or str(exc)))
        return
    with raw:
        try:
            yield from _records(name, io.TextIOWrapper(raw, encoding="utf-8", errors="replace"), analyses)
        except (OSError, EOFError) as exc:
            yield Source(name, error=message("unreadable", reason=str(exc)))


def corpus_lines(name: str, lines: Iterable[str]) -> Iterator[Source]:
    """Sources from the lines of a JSON Lines corpus read by other means (a Dask bag), numbered from 1."""
    return _records(name, lines, False)


def _records(name: str, lines: Iterable[str], analyses: bool) -> Iterator[Source]:
    """One source per JSON Lines record; a broken line is reported with its number and skipped."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Source(name, error=message("bad_json", reason=exc.msg), line=number)
            continue
        if analyses and isinstance(record, dict) and ("claims" in record or "error" in record and "text" not in record):
            yield _analysis_source(name, number, record)
            continue
        if isinstance(record, dict) and "claims" in record and "text" not in record:
            yield Source(name, error=message("an_analysis"), line=number)
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield Source(name, error=message("no_text"), line=number)
            continue
        text = record["text"].replace("\r\n", "\n").replace("\r", "\n")
        if not text.strip():
            yield Source(name, error=message("empty"), line=number)
            continue
        meta = tuple((k, str(record[k])) for k in FRONT_MATTER_KEYS if record.get(k) not in (None, ""))
        label = str(record.get("id") or record.get("file") or f"{name}:{number}")
        yield Source(label, text=text, line=number, meta=meta)


def _analysis_source(name: str, number: int, record: dict[str, Any]) -> Source:
    """An analysis record, checked for the fields a comparison reads, or the failure it records."""
    label = record["file"] if isinstance(record.get("file"), str) and record["file"] else f"{name}:{number}"
    if "claims" not in record:  # an error record: the failure happened when the analysis was made
        line = record.get("line")
        return Source(label, error=str(record["error"]), line=line if isinstance(line, int) else None)
    problem = _analysis_problem(record)
    if problem:
        return Source(name, error=message("bad_analysis", problem=problem), line=number)
    return Source(label, line=number, record=record)


_ANALYSIS_NAMES = (("claims", ("speaker", "speaker_id")), ("blames", ("accuser", "accuser_id", "accused", "accused_id")))


def _analysis_problem(record: dict[str, Any]) -> str | None:
    if not isinstance(record.get("outlet"), (str, type(None))):
        return '"outlet" must be a string or null'
    for key, names in _ANALYSIS_NAMES:
        items = record.get(key)
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            return f'"{key}" must be a list of objects'
        for index, item in enumerate(items):
            for field in names:
                if not isinstance(item.get(field), (str, type(None))):
                    return f'{key}[{index}]: "{field}" must be a string or null'
            if not isinstance(item.get("confidence"), (int, float)) or isinstance(item.get("confidence"), bool):
                return f'{key}[{index}]: "confidence" must be a number'
    return None


# ----------------------------------------------------------------------- parsing


def parse_date(value: str) -> Date | None:
    """A date from "2020-12-21", "December 21, 2020" or "21 Dec 2020"; None when there is none."""
    for pattern in _DATES:
        m = pattern.search(value)
        if not m:
            continue
        try:
            month = int(m.group("mnum")) if "mnum" in m.groupdict() and m.group("mnum") else _MONTHS[m.group("month")[:3].lower()]
            return Date(int(m.group("year")), month, int(m.group("day")))
        except ValueError:
            continue
    return None


def parse_article(text: str, *, registry: Registry, source: str = "<text>", outlet: str | None = None,
                  date: Date | None = None, meta: Iterable[tuple[str, str]] = (), warnings: Iterable[str] = ()) -> Article:
    """Recognise front matter, title, outlet, date and debris in decoded text."""
    notes = list(warnings)
    fields = dict(meta)
    lines = _lines(text)
    start_line = 0
    front = _front_matter(lines, text)
    if front is not None:
        fm_fields, start_line, fm_notes = front
        notes.extend(fm_notes)
        for key, value in fm_fields.items():
            fields.setdefault(key, value)
    body_lines = lines[start_line:]
    outlets = registry.outlets
    found_outlet = fields.get("outlet") or _outlet_from_text(text, body_lines, outlets)
    found_date = date
    if found_date is None and fields.get("date"):
        found_date = parse_date(fields["date"])
        if found_date is None:
            notes.append(f'front matter date "{fields["date"]}" is not a date')
    if found_date is None:
        found_date = _date_from_text(text, body_lines)
    title, title_span, body = _body(text, body_lines, outlets, fields.get("title"))
    return Article(text=text, source=source, title=title, title_span=title_span,
                   outlet=outlet or found_outlet, date=found_date, url=fields.get("url"),
                   body=tuple(body), warnings=tuple(notes))


def load_article(path: str | os.PathLike[str], *, registry: Registry, outlet: str | None = None,
                 date: Date | None = None) -> Article:
    """Read one article file and parse it; raises InputError naming the file."""
    text, warning = read_file(path)
    return parse_article(text, registry=registry, source=str(path), outlet=outlet, date=date,
                         warnings=[warning] if warning else [])


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _front_matter(lines: list[tuple[int, int]], text: str) -> tuple[dict[str, str], int, list[str]] | None:
    """Flat ``key: value`` front matter between two ``---`` lines at the top of the file."""
    first = 0
    while first < len(lines) and not text[lines[first][0]:lines[first][1]].strip("\ufeff \t"):
        first += 1
    if first >= len(lines) or text[lines[first][0]:lines[first][1]].strip("\ufeff \t") != "---":
        return None
    fields: dict[str, str] = {}
    notes: list[str] = []
    for i in range(first + 1, min(len(lines), first + 60)):
        line = text[lines[i][0]:lines[i][1]]
        if line.strip() in ("---", "..."):
            return fields, i + 1, notes
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, sep, value = line.partition(":")
        if not sep:
            notes.append(f"front matter line {i + 1} is not \"key: value\"")
            continue
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        fields[key.strip().lower()] = value
    return None


class _Markers:
    """The outlet rules prepared for testing line after line.

    Every outlet's markers go in one search, so that a line without any is
    passed over at once. The page-furniture patterns are compiled again
    without MULTILINE: on a single line (no newline inside) "^" and "$" mean
    the same either way, and an anchored search then stops after the line's start.
    """

    def __init__(self, outlets: Outlets):
        self.outlets = outlets
        self.all = tuple(marker for outlet in outlets.outlets for marker in outlet.markers)
        self.any = re.compile("|".join(re.escape(m) for m in self.all)) if self.all else None
        self.patterns = tuple(p for outlet in outlets.outlets for p in outlet.patterns)
        self.boilerplate = tuple(re.compile(p.pattern, p.flags & ~re.MULTILINE) for p in outlets.boilerplate)

    def in_line(self, line: str) -> bool:
        return self.any is not None and self.any.search(line) is not None


_MARKERS: dict[int, _Markers] = {}


def _markers(outlets: Outlets) -> _Markers:
    """The prepared markers of a registry's outlets, built once per registry."""
    prepared = _MARKERS.get(id(outlets))
    if prepared is None or prepared.outlets is not outlets:
        if len(_MARKERS) > 8:
            _MARKERS.clear()
        prepared = _MARKERS[id(outlets)] = _Markers(outlets)
    return prepared


def _outlet_from_text(text: str, lines: list[tuple[int, int]], outlets: Outlets) -> str | None:
    nonempty = [(s, e) for s, e in lines if text[s:e].strip()]
    edges = nonempty[:_HEAD_LINES] + nonempty[-_HEAD_LINES:]
    markers = _markers(outlets)
    for s, e in edges:
        line = text[s:e]
        if not markers.in_line(line) and not any(p.search(line) for p in markers.patterns):
            continue
        for outlet in outlets.outlets:
            if any(marker in line for marker in outlet.markers) or any(p.search(line) for p in outlet.patterns):
                return outlet.name
    for s, e in nonempty[:3] + list(reversed(nonempty[-_HEAD_LINES:])):
        for pattern in outlets.bylines:
            m = pattern.search(text[s:e])
            if m and m.groupdict().get("outlet"):
                return m.group("outlet").strip()
    return None


def _date_from_text(text: str, lines: list[tuple[int, int]]) -> Date | None:
    for s, e in [(s, e) for s, e in lines if text[s:e].strip()][:_HEAD_LINES]:
        line = text[s:e].strip()
        if len(line) <= _DATE_LINE_MAX:
            found = parse_date(line)
            if found:
                return found
    return None


def _body(text: str, lines: list[tuple[int, int]], outlets: Outlets,
          given_title: str | None) -> tuple[str | None, tuple[int, int] | None, list[tuple[int, int]]]:
    """The title and the line ranges worth mining; debris lines are left out."""
    seen: set[str] = set()
    body: list[tuple[int, int]] = []
    title = given_title
    title_span: tuple[int, int] | None = None
    in_link_list = False
    credits = tuple(c.lower() for c in outlets.credits)
    boilerplate = _markers(outlets).boilerplate  # for single lines: ``lines`` never hold a newline
    for s, e in lines:
        raw = text[s:e]
        line = raw.strip(" \t\ufeff\u00a0")
        if not line:
            continue
        key = " ".join(line.split()).lower()
        if key in seen:
            continue  # repeated titles and captions
        seen.add(key)
        if any(p.search(line) for p in boilerplate):
            # "Read More:" alone on its line heads a list of links to other articles.
            in_link_list = bool(_LINK_HEADER.match(line)) and not re.search(r":\s*\S", line)
            continue
        words = len(line.split())
        terminal = bool(_TERMINAL.search(line))
        if in_link_list and not terminal:
            continue
        in_link_list = False
        if _is_caption(line, credits):
            continue
        if words <= 8 and _has_marker(line, outlets):
            continue
        if words <= 10 and parse_date(line):
            continue  # the date line, or a dateline "Outlet / City, December 24, 2020"
        if not terminal and words <= 6 and (title_span is not None or words <= 2):
            continue  # navigation words, section names, site taglines
        start = s + (len(raw) - len(raw.lstrip(" \t\ufeff\u00a0")))
        heading = _HEADING.match(text, start, s + len(raw))
        if heading:  # a Markdown heading: "# Title"
            start = heading.end()
            line = text[start:s + len(raw)].strip()
            key = " ".join(line.split()).lower()
            if key in seen or (given_title and key == " ".join(given_title.split()).lower() and title_span is None):
                if title_span is None:
                    title_span = (start, start + len(line))
                    body.append(title_span)
                continue
            seen.add(key)
        end = s + len(raw.rstrip(" \t\u00a0"))
        start += _prefix_length(text[start:end], outlets)
        headline = not terminal or (line[-1:] in "?!" and words <= 15)  # "Who is to blame?"
        if title_span is None and headline or (title_span is None and given_title and line == given_title):
            title_span = (start, end)
            if title is None:
                title = text[start:end]
            body.append((start, end))
            continue
        if title_span is None:
            title_span = ()  # type: ignore[assignment]  # the article starts without a headline
        body.append((start, end))
    if title_span == ():
        title_span = None
    return title, title_span, body


def _is_caption(line: str, credits: tuple[str, ...]) -> bool:
    m = _CREDIT.search(line)
    if not m:
        return False
    inside = m.group(1).lower()
    return "/" in inside or any(inside.endswith(c) or inside.startswith(c) for c in credits)


def _has_marker(line: str, outlets: Outlets) -> bool:
    return _markers(outlets).in_line(line)


def _prefix_length(line: str, outlets: Outlets) -> int:
    """Length of a dateline or outlet marker opening a paragraph ("Shafaq News / ", "BAGHDAD — ")."""
    if line.startswith(_markers(outlets).all):  # which one, in the rules' order
        for outlet in outlets.outlets:
            for marker in outlet.markers:
                if line.startswith(marker):
                    rest = line[len(marker):]
                    return len(marker) + len(rest) - len(rest.lstrip(" :/—–-"))
    m = _DATELINE.match(line)
    return m.end() if m else 0
