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
import zlib
from dataclasses import dataclass
from datetime import date as Date
from itertools import chain
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

from .compiled import mypyc_attr
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
_YEAR = re.compile(r"(?:19|20)\d\d")  # every date pattern holds a year: lines without one are passed over at once
_DATE_LINE_MAX = 90  # longer lines are prose or captions, whose dates are not the publication's
_HEAD_LINES = 12
_TERMINAL = re.compile(r"[.!?…:;][”\"’')\]]*\s*$")  # ends like a sentence, not like a headline
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Za-z.'’-]*(?:[ ,]+[A-Z][A-Za-z.'’-]*){0,4}\s*/\s+"  # "Shafaq News / "
    r"(?:[A-Z][A-Za-z.'’-]*(?: [A-Z][A-Za-z.'’-]*){0,3}\s+[—–-]{1,2}\s+)?"  # "Port Sahel / Gulf Ledger – "
    r"|[A-Z]{3,}(?:[ ,]+[A-Za-z0-9.]+){0,4}\s*(?:\([^()\n]{1,40}\))?\s*[—–-]{1,2}\s+"  # "BAGHDAD, Dec 20 (Reuters) - "
    r"|[A-Z]{3,}(?: [A-Z]{3,})?:\s+(?=[A-Z])"  # "QASRIN: Explosive-laden drones ..."
    # "Darband, May 14 (VNNA) - ": a city in title case, then the date and the agency
    r"|[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2},\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*\([^()\n]{1,40}\)\s*[—–-]{1,2}\s+)"
)
# "• Opposition says ...": a list item's mark; "13:10 — " or "09:12 GMT - ": a live page's time stamp.
_ENTRY_MARK = re.compile(r"(?:[•·▪*-]|\d{1,2}[:.]\d\d(?:\s?(?:[AaPp]\.?[Mm]\.?|GMT|UTC|local time))?\s*[—–-])[ \t]+(?=\S)")
_LINK_HEADER = re.compile(r"\s*(read more|read also|also read|related|more on this|see also|recommended|more stories)\b",
                          re.IGNORECASE)
_HEADING = re.compile(r"#{1,6}[ \t]+")
_CREDIT = re.compile(r"[(\[]([^()\[\]]{1,80})[)\]]\s*$")  # "[Samir Odeh/Tigris Observer]" ending a caption
_BINARY_MAGIC = ((b"%PDF", "PDF"), (b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"),
                 (b"PK\x03\x04", "ZIP archive"), (b"\x7fELF", "executable"), (b"\xd0\xcf\x11\xe0", "Office document"),
                 (b"\xfd7zXZ\x00", "xz archive"), (b"7z\xbc\xaf", "7-Zip archive"), (b"Rar!\x1a\x07", "RAR archive"),
                 (b"BZh91AY&SY", "bzip2 archive"))
_GZIP_MAGIC = b"\x1f\x8b"
_SURROGATE = re.compile(r"[\ud800-\udfff]")  # escapes read by re: mypyc refuses surrogates in literals
_JSON_TYPES = {dict: "an object", list: "an array", int: "a number", float: "a number", bool: "true or false"}


# A plain class in the compiled build too: sources go to worker processes, and mypyc's native
# frozen dataclasses cannot be unpickled.
@mypyc_attr(native_class=False)
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
    origin: str | None = None  # the corpus a record comes from: problems are reported at origin:line

    @property
    def where(self) -> str:
        """Where to point a message about this source: ``path`` or ``corpus.jsonl:LINE``."""
        return f"{self.origin}:{self.line}" if self.origin and self.line else self.name


# ----------------------------------------------------------------------- decoding


def decode(data: bytes, name: str) -> tuple[str, str | None]:
    """Bytes to text as Python's text mode would give it; the warning names a fallback encoding."""
    for magic, kind in _BINARY_MAGIC:
        if data.startswith(magic):
            raise InputError(message("binary", kind=kind), name)
    if not data:
        raise InputError(message("empty"), name)
    warning = None
    encoding = _unicode_encoding(data)
    if encoding is not None:
        codec, shown = encoding
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            raise InputError(message("binary", kind="NUL bytes"), name) from None
        warning = message("decoded_as", encoding=shown)
    else:
        if b"\x00" in data[:4096]:
            raise InputError(message("binary", kind="NUL bytes"), name)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
            warning = message("decoded_as", encoding="Windows-1252")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.lstrip("\ufeff").strip():
        raise InputError(message("blank" if text.lstrip("\ufeff") else "empty"), name)
    if _looks_binary(text):
        raise InputError(message("binary", kind="control characters"), name)
    return text, warning


def _unicode_encoding(data: bytes) -> tuple[str, str] | None:
    """(codec, name) of UTF-32 or UTF-16 text by its byte-order mark, or of UTF-16 by its zero bytes without one."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: FF FE 00 00 starts with FF FE
        return "utf-32", "UTF-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", "UTF-16"
    # Without a mark, mostly-Latin UTF-16 has a zero in every other byte and none in between.
    sample = data[:4096]
    if len(sample) >= 8 and len(data) % 2 == 0:
        even, odd = sample[0::2], sample[1::2]
        if odd.count(0) >= 0.9 * len(odd) and even.count(0) == 0:
            return "utf-16-le", "UTF-16LE (no byte-order mark)"
        if even.count(0) >= 0.9 * len(even) and odd.count(0) == 0:
            return "utf-16-be", "UTF-16BE (no byte-order mark)"
    return None


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\t\f\v\x1b")
    return controls > max(8, len(sample) // 50)


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def shown_name(name: str) -> str:
    """A name that can be printed and written as UTF-8: undecodable bytes of a file name become U+FFFD."""
    return _SURROGATE.sub("\ufffd", name)


def read_file(path: str | os.PathLike[str]) -> tuple[str, str | None]:
    """Read and decode one article file, gzip-compressed or not."""
    name = shown_name(str(path))
    p = Path(path)
    try:
        if p.is_symlink() and not p.exists():
            raise InputError(message("broken_link", target=shown_name(os.readlink(p))), name)
        if not p.exists():
            raise InputError(message("missing"), name)
        data = p.read_bytes()
        if name.endswith(".gz") or data.startswith(_GZIP_MAGIC):
            data = gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(message("unreadable", reason=_reason(exc)), name) from None
    return decode(data, name)


# ------------------------------------------------------------------------ inputs


def iter_sources(paths: Iterable[str], *, stdin: IO[bytes] | None = None, analyses: bool = False) -> Iterator[Source]:
    """Expand the command line into sources, in order: files, directories, ``-``, JSONL corpora.

    Never raises for a bad input: each one becomes a Source with an ``error``.
    With ``analyses``, a JSON Lines record holding "claims" is an analysis made earlier (``Source.record``),
    and one holding only "error" is a failure reported when it was made.
    """
    for raw in paths:
        if raw == "-":
            yield from _stdin_sources(stdin or sys.stdin.buffer, analyses)
            continue
        path = Path(raw)
        try:
            is_dir = path.is_dir()
            found = sorted(p for p in path.rglob("*") if _is_input(p.name) and not p.is_dir()) if is_dir else []
        except OSError as exc:
            yield Source(shown_name(raw), error=message("unreadable", reason=_reason(exc)))
            continue
        if not is_dir:
            yield from _file_sources(raw, analyses)
            continue
        if not found:
            yield Source(shown_name(raw), error=message("no_articles"))
        for p in found:
            yield from _file_sources(str(p), analyses)


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
        yield Source(exc.path or shown_name(name), error=exc.message)
        return
    yield Source(shown_name(name), text=text, warning=warning)


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
    """Standard input: one article, or a JSON Lines corpus read a line at a time as it arrives."""
    head: list[bytes] = []
    try:
        for line in iter(stream.readline, b""):
            head.append(line)
            if line.strip():
                break
        first = b"".join(head)
        corpus = first.lstrip(codecs.BOM_UTF8 + b" \t\r\n")[:1] == b"{"
        data = b"" if corpus else first + stream.read()
    except OSError as exc:
        yield Source("-", error=message("unreadable", reason=_reason(exc)))
        return
    if not corpus:
        yield from _text_or_corpus("-", data, analyses)
        return
    try:
        yield from _records("-", chain(head, stream), analyses)
    except OSError as exc:
        yield Source("-", error=message("unreadable", reason=_reason(exc)))


def _text_or_corpus(name: str, data: bytes, analyses: bool) -> Iterator[Source]:
    if data.startswith(_GZIP_MAGIC):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            yield Source(name, error=message("unreadable", reason=_reason(exc)))
            return
    if data.lstrip(codecs.BOM_UTF8 + b" \t\r\n")[:1] == b"{":
        yield from _records(name, io.BytesIO(data), analyses)
        return
    try:
        text, warning = decode(data, name)
    except InputError as exc:
        yield Source(name, error=exc.message)
        return
    yield Source(name, text=text, warning=warning)


def _corpus_sources(name: str, analyses: bool) -> Iterator[Source]:
    shown = shown_name(name)
    path = Path(name)
    try:
        if not path.exists():
            broken = path.is_symlink()
            error = message("broken_link", target=shown_name(os.readlink(path))) if broken else message("missing")
            yield Source(shown, error=error)
            return
        raw = gzip.open(path, "rb") if name.endswith(".gz") else open(path, "rb")
    except OSError as exc:
        yield Source(shown, error=message("unreadable", reason=_reason(exc)))
        return
    with raw:
        try:
            yield from _records(shown, raw, analyses)
        except (OSError, EOFError, zlib.error) as exc:
            yield Source(shown, error=message("unreadable", reason=_reason(exc)))


def corpus_lines(name: str, lines: Iterable[str]) -> Iterator[Source]:
    """Sources from the lines of a JSON Lines corpus read by other means (a Dask bag), numbered from 1."""
    return _records(name, (line.encode("utf-8") for line in lines), False)


def _records(name: str, lines: Iterable[bytes], analyses: bool) -> Iterator[Source]:
    """One source per JSON Lines record; a broken line is reported with its number and skipped.

    Lines are split on "\\n" only (as ``wc -l`` and editors count them) and decoded one by one, so a
    mis-encoded record is decoded as Windows-1252 with a warning instead of spoiling its neighbours.
    """
    blank = None  # whether every line so far was blank; None while there was no line at all
    for number, raw in enumerate(lines, 1):
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8):]
        raw = raw.rstrip(b"\r\n")
        if not raw.strip():
            blank = True if blank is None else blank
            continue
        blank = False
        warning = None
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            line = raw.decode("cp1252", errors="replace")
            warning = message("decoded_as", encoding="Windows-1252")
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Source(name, error=message("bad_json", reason=exc.msg, column=exc.colno), line=number, origin=name)
            continue
        except RecursionError:
            yield Source(name, error=message("bad_json", reason="nested too deeply", column=1), line=number, origin=name)
            continue
        if analyses and isinstance(record, dict) and ("claims" in record or "error" in record and "text" not in record):
            yield _analysis_source(name, number, record)
            continue
        if isinstance(record, dict) and "claims" in record and "text" not in record:
            yield Source(name, error=message("an_analysis"), line=number, origin=name)
            continue
        if not isinstance(record, dict):
            yield Source(name, error=message("not_object"), line=number, origin=name)
            continue
        text = record.get("text")
        if not isinstance(text, str):
            error = message("no_text") if text is None else message("text_type", kind=_JSON_TYPES.get(type(text), "not text"))
            yield Source(name, error=error, line=number, origin=name)
            continue
        if _SURROGATE.search(text):
            text = shown_name(text)  # one character for one: offsets stay those of the record's text
            warning = message("surrogates")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if not text.strip():
            yield Source(name, error=message("empty" if not text else "blank"), line=number, origin=name)
            continue
        meta = tuple((k, shown_name(str(record[k]))) for k in FRONT_MATTER_KEYS if record.get(k) not in (None, ""))
        label = shown_name(str(record.get("id") or record.get("file") or f"{name}:{number}"))
        yield Source(label, text=text, line=number, meta=meta, warning=warning, origin=name)
    if blank is not False:  # a corpus with no record at all is reported like an empty article file
        yield Source(name, error=message("empty" if blank is None else "blank"))


def _analysis_source(name: str, number: int, record: dict[str, Any]) -> Source:
    """An analysis record, checked for the fields a comparison reads, or the failure it records."""
    label = shown_name(record["file"]) if isinstance(record.get("file"), str) and record["file"] else f"{name}:{number}"
    if "claims" not in record:  # an error record: the failure happened when the analysis was made
        line = record.get("line")
        line = line if isinstance(line, int) and not isinstance(line, bool) else None
        return Source(label, error=shown_name(str(record["error"])), line=line, origin=label if line else None)
    problem = _analysis_problem(record)
    if problem:
        return Source(name, error=message("bad_analysis", problem=problem), line=number, origin=name)
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
    if _YEAR.search(value) is None:
        return None
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
        self.any = re.compile(_prefix_tree(self.all)) if self.all else None
        self.patterns = tuple(p for outlet in outlets.outlets for p in outlet.patterns)
        self.boilerplate = tuple(re.compile(p.pattern, p.flags & ~re.MULTILINE) for p in outlets.boilerplate)
        # Byline patterns anchored at the start are tried there only, as a match.
        self.bylines = tuple((re.compile(p.pattern, p.flags & ~re.MULTILINE), _anchored(p.pattern)) for p in outlets.bylines)
        # One alternation finds page furniture in one pass per line; patterns that cannot be joined
        # (a user's named groups used twice) are tried one by one. Patterns anchored at the line's
        # start are joined apart and only tried there: searching would try them at every position.
        anchored = [p for p in self.boilerplate if _anchored(p.pattern)]
        floating = [p for p in self.boilerplate if not _anchored(p.pattern)]
        self.joined = True
        try:
            self.at_start, self.anywhere = _joined(anchored), _joined(floating)
        except re.error:
            self.joined, self.at_start, self.anywhere = False, None, None

    def is_furniture(self, line: str) -> bool:
        if self.joined:
            return (self.at_start is not None and self.at_start.match(line) is not None) or (
                self.anywhere is not None and self.anywhere.search(line) is not None)
        return any(p.search(line) for p in self.boilerplate)

    def in_line(self, line: str) -> bool:
        return self.any is not None and self.any.search(line) is not None


def _prefix_tree(strings: Iterable[str]) -> str:
    """A pattern matching any of the strings, with shared beginnings written once.

    "Iran Press /" and "IranPress" become "Iran(?: Press /|Press)": the regular
    expression engine tries each alternative at each position, so fewer of
    them make a line without any of the strings quicker to pass over.
    """
    strings = list(strings)
    tree: dict[str, dict] = {}
    for string in strings:
        node = tree
        for ch in string:
            node = node.setdefault(ch, {})
        node[""] = {}  # a string ends here
    try:
        return _tree_pattern(tree)
    except RecursionError:  # thousands of strings each extending the last: the plain list will do
        return "|".join(re.escape(s) for s in strings)


def _tree_pattern(node: dict[str, dict]) -> str:
    branches = []
    for ch, child in node.items():
        if ch:
            run = ch
            while len(child) == 1 and "" not in child:  # a stretch no string leaves: one literal
                (ch, child), = child.items()
                run += ch
            branches.append(re.escape(run) + _tree_pattern(child))
    if not branches:
        return ""
    if len(branches) == 1 and "" not in node:
        return branches[0]
    return "(?:" + "|".join(branches) + (")?" if "" in node else ")")


def _joined(patterns: list[re.Pattern[str]]) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), re.IGNORECASE) if patterns else None


def _anchored(pattern: str) -> bool:
    """Whether every way the pattern can match starts with "^": it opens with one and has no top-level "|"."""
    if not pattern.startswith("^"):
        return False
    depth, i, in_class = 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if pattern[i + 1:i + 2] == "^":
                i += 1
            if pattern[i + 1:i + 2] == "]":  # "[]...]" and "[^]...]": a leading "]" is a member
                i += 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return False
        i += 1
    return True


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
        for pattern, anchored in markers.bylines:
            m = pattern.match(text[s:e]) if anchored else pattern.search(text[s:e])
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
    markers = _markers(outlets)  # for single lines: ``lines`` never hold a newline
    for number, (s, e) in enumerate(lines):
        raw = text[s:e]
        line = raw.strip(" \t\ufeff\u00a0")
        if not line:
            continue
        key = " ".join(line.split()).lower()
        if key in seen:
            continue  # repeated titles and captions
        seen.add(key)
        if markers.is_furniture(line):
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
        if title_span is None and headline and not given_title and words <= 3 and _longer_headline_next(text, lines, number):
            continue  # "The Brenmark Herald" above the headline: the site's name
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


def _longer_headline_next(text: str, lines: list[tuple[int, int]], number: int) -> bool:
    """The next line with words is a longer line without a sentence's end: the headline a site name tops."""
    following = next((text[s:e].strip() for s, e in lines[number + 1:number + 20] if text[s:e].strip()), "")
    return len(following.split()) >= 5 and not _TERMINAL.search(following)


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
    m = _DATELINE.match(line) or _ENTRY_MARK.match(line)
    return m.end() if m else 0
