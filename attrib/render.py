"""Analyses as records, JSON, JSON Lines, CSV, Markdown and rich tables.

Only the table goes through rich; the machine formats are written with the
standard library in a stable field order so that ``attrib ... | jq`` and
diffs work. Article text shown in a table is passed as plain ``Text`` and
stripped of control characters, so it can never be read as rich markup or
terminal escape sequences.
"""
from __future__ import annotations

import csv
import io
import json
import re
from typing import IO, Any, Iterable

from .model import Analysis, Blame, Claim

FORMATS = ("table", "json", "jsonl", "csv", "markdown")
CSV_FIELDS = ("file", "outlet", "date", "record", "index", "speaker", "speaker_id", "mention", "accused", "accused_id",
              "accused_mention", "kind", "cue", "text", "start", "end", "claim", "confidence", "error")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


# ----------------------------------------------------------------------- records


def claim_record(claim: Claim, text: str) -> dict[str, Any]:
    speaker = claim.speaker
    mention = claim.mention
    return {
        "speaker": speaker.name if speaker else None,
        "speaker_id": speaker.entity_id if speaker else None,
        "mention": mention.text if mention else None,
        "mention_start": mention.start if mention else None,
        "mention_end": mention.end if mention else None,
        "kind": claim.kind,
        "cue": claim.cue,
        "text": text[claim.start:claim.end],
        "start": claim.start,
        "end": claim.end,
        "confidence": claim.confidence,
        "resolution": speaker.method if speaker else None,
        "rule": claim.rule,
        "hedged": claim.hedged,
    }


def blame_record(blame: Blame, text: str) -> dict[str, Any]:
    accuser, accused = blame.accuser, blame.accused
    return {
        "accuser": accuser.name if accuser else None,
        "accuser_id": accuser.entity_id if accuser else None,
        "accuser_mention": blame.accuser_mention.text if blame.accuser_mention else None,
        "accused": accused.name if accused else None,
        "accused_id": accused.entity_id if accused else None,
        "accused_mention": blame.accused_mention.text,
        "cue": blame.cue,
        "evidence": text[blame.start:blame.end],
        "start": blame.start,
        "end": blame.end,
        "claim": blame.claim,
        "confidence": blame.confidence,
        "accuser_mention_start": blame.accuser_mention.start if blame.accuser_mention else None,
        "accuser_mention_end": blame.accuser_mention.end if blame.accuser_mention else None,
        "accused_mention_start": blame.accused_mention.start,
        "accused_mention_end": blame.accused_mention.end,
        "hedge": blame.hedge,
        "rule": blame.rule,
    }


def analysis_record(analysis: Analysis, *, min_confidence: float = 0.0) -> dict[str, Any]:
    """The output contract's object for one article."""
    article = analysis.article
    text = article.text
    return {
        "file": article.source,
        "outlet": article.outlet,
        "date": article.date.isoformat() if article.date else None,
        "title": article.title,
        "claims": [claim_record(c, text) for c in analysis.claims if c.confidence >= min_confidence],
        "blames": [blame_record(b, text) for b in analysis.blames if b.confidence >= min_confidence],
        "unresolved": [{"mention": u.mention, "role": u.role, "nearest": u.nearest} for u in analysis.unresolved],
    }


def error_record(name: str, error: str, line: int | None = None) -> dict[str, Any]:
    record: dict[str, Any] = {"file": name, "error": error}
    if line is not None:
        record["line"] = line
    return record


# ----------------------------------------------------------------- machine text


def jsonl_line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"


class JsonArrayWriter:
    """Streams records as one JSON array, each written as soon as it is ready."""

    def __init__(self, out: IO[str]):
        self.out = out
        self.count = 0

    def write(self, record: dict[str, Any]) -> None:
        self.out.write("[\n" if self.count == 0 else ",\n")
        self.out.write(json.dumps(record, ensure_ascii=False, indent=2))
        self.count += 1

    def close(self) -> None:
        self.out.write("[]\n" if self.count == 0 else "\n]\n")


def safe_cell(value: Any) -> Any:
    """Neutralise spreadsheet formulas: a cell starting with = + - @ is prefixed with a quote."""
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


class CsvWriter:
    """One row per claim and per blame; ``record`` tells which."""

    def __init__(self, out: IO[str]):
        self.writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, extrasaction="ignore", lineterminator="\n")
        self.writer.writeheader()

    def write(self, record: dict[str, Any]) -> None:
        base = {"file": record["file"], "outlet": record.get("outlet"), "date": record.get("date")}
        if "error" in record:
            self._row({**base, "record": "error", "error": record["error"]})
            return
        for index, claim in enumerate(record["claims"]):
            self._row({**base, "record": "claim", "index": index, **claim})
        for index, blame in enumerate(record["blames"]):
            self._row({**base, "record": "blame", "index": index, "speaker": blame["accuser"],
                       "speaker_id": blame["accuser_id"], "mention": blame["accuser_mention"],
                       "accused": blame["accused"], "accused_id": blame["accused_id"],
                       "accused_mention": blame["accused_mention"], "kind": "blame", "cue": blame["cue"],
                       "text": blame["evidence"], "start": blame["start"], "end": blame["end"],
                       "claim": blame["claim"], "confidence": blame["confidence"]})

    def _row(self, row: dict[str, Any]) -> None:
        self.writer.writerow({k: safe_cell(v) for k, v in row.items()})

    def close(self) -> None:
        pass


def plain(text: str | None, limit: int | None = None) -> str:
    """Text safe for a terminal or a table cell: control characters shown, not obeyed."""
    if text is None:
        return ""
    text = _CONTROL.sub(lambda m: "\\x%02x" % ord(m.group()), " ".join(text.split()))
    if limit and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def _md(text: str | None, limit: int | None = None) -> str:
    return plain(text, limit).replace("|", "\\|")


def markdown(record: dict[str, Any]) -> str:
    """One article as Markdown: a heading, who blamed whom, then the claims."""
    lines = [f"## {_md(record.get('title') or record['file'])}", ""]
    if "error" in record:
        return "\n".join(lines + [f"Error: {_md(record['error'])}", "", ""])
    meta = [f"**File:** {_md(record['file'])}", f"**Outlet:** {_md(record.get('outlet') or 'unknown')}",
            f"**Date:** {record.get('date') or 'unknown'}"]
    lines += [" · ".join(meta), "", "### Who blamed whom", ""]
    if record["blames"]:
        lines += ["| Accuser | Accused | Cue | Evidence | Confidence |", "| --- | --- | --- | --- | ---: |"]
        for b in record["blames"]:
            lines.append(f"| {_md(b['accuser'])} | {_md(b['accused'])} | {_md(b['cue'])} | {_md(b['evidence'], 120)} | {b['confidence']:.2f} |")
    else:
        lines.append("No blame found.")
    lines += ["", "### Claims", ""]
    if record["claims"]:
        lines += ["| Speaker | Kind | Claim | Confidence |", "| --- | --- | --- | ---: |"]
        for c in record["claims"]:
            lines.append(f"| {_md(c['speaker'])} | {c['kind']} | {_md(c['text'], 160)} | {c['confidence']:.2f} |")
    else:
        lines.append("No claims found.")
    return "\n".join(lines + ["", ""])


# ------------------------------------------------------------------------- rich


def excerpt(record: dict[str, Any], blame: dict[str, Any], width: int = 140) -> str:
    """The evidence around the accused mention, so the telling words show in a narrow column."""
    evidence = blame["evidence"]
    if len(evidence) <= width:
        return plain(evidence)
    centre = blame["accused_mention_start"] - blame["start"]
    lo = max(0, min(centre - width // 2, len(evidence) - width))
    hi = lo + width
    text = ("…" if lo > 0 else "") + evidence[lo:hi].strip() + ("…" if hi < len(evidence) else "")
    return plain(text)


def make_consoles(*, no_color: bool | None = None):
    """The stdout and stderr consoles, built when a command runs (rich reads NO_COLOR then)."""
    from rich.console import Console

    out = Console(highlight=False, soft_wrap=False, no_color=no_color)
    err = Console(stderr=True, highlight=False, style="bold red" if not no_color else None, no_color=no_color)
    return out, err


def table(console, record: dict[str, Any]) -> None:
    """Print one article: a header, who blamed whom first, then the claims."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    plain_box = box.ASCII if not console.is_terminal else box.SIMPLE_HEAD
    title = Text(plain(record.get("title") or record["file"]), style="bold")
    meta = Text(f"{plain(record['file'])}  ·  {plain(record.get('outlet') or 'outlet unknown')}  ·  {record.get('date') or 'date unknown'}",
                style="dim")
    console.print(title)
    console.print(meta)
    blames = Table(title="Who blamed whom", box=plain_box, title_justify="left", expand=True)
    blames.add_column("Accuser → accused (cue)", overflow="fold", max_width=34)
    blames.add_column("Evidence", overflow="fold", ratio=1)
    blames.add_column("Conf.", justify="right", width=5)
    for b in record["blames"]:
        who = Text(plain(b["accuser"] or "?"), style="bold")
        who.append(" → ")
        who.append(plain(b["accused"] or "?"), style="bold")
        who.append(f" ({plain(b['cue'])})", style="dim")
        blames.add_row(who, Text(excerpt(record, b)), f"{b['confidence']:.2f}")
    if record["blames"]:
        console.print(blames)
    else:
        console.print(Text("Who blamed whom: no blame found", style="italic"))
    claims = Table(title="Claims", box=plain_box, title_justify="left", expand=True)
    claims.add_column("Speaker", overflow="fold", max_width=26)
    claims.add_column("Kind", width=8)
    claims.add_column("Claim", overflow="fold", ratio=1)
    claims.add_column("Conf.", justify="right", width=5)
    for c in record["claims"]:
        claims.add_row(Text(plain(c["speaker"] or "?")), c["kind"], Text(plain(c["text"], 240)), f"{c['confidence']:.2f}")
    if record["claims"]:
        console.print(claims)
    else:
        console.print(Text("Claims: none found", style="italic"))
    if record["unresolved"]:
        names = ", ".join(dict.fromkeys(plain(u["mention"]) for u in record["unresolved"]))
        console.print(Text(f"Not in the registry: {names}", style="dim"))
    console.print()


def write_records(records: Iterable[dict[str, Any]], fmt: str, out: IO[str]) -> None:
    """Write records in a machine format (json, jsonl, csv, markdown) as they come."""
    if fmt == "jsonl":
        for record in records:
            out.write(jsonl_line(record))
            out.flush()
    elif fmt == "json":
        writer = JsonArrayWriter(out)
        for record in records:
            writer.write(record)
        writer.close()
    elif fmt == "csv":
        csv_writer = CsvWriter(out)
        for record in records:
            csv_writer.write(record)
    elif fmt == "markdown":
        for record in records:
            out.write(markdown(record))
    else:  # pragma: no cover - the CLI restricts the choice
        raise ValueError(fmt)


def to_string(records: Iterable[dict[str, Any]], fmt: str) -> str:
    buffer = io.StringIO()
    write_records(records, fmt, buffer)
    return buffer.getvalue()
