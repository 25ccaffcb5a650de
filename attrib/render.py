"""Analyses as records, JSON, JSON Lines, CSV, Markdown and rich tables.

Only the table goes through rich; the machine formats are written with the
standard library in a stable field order so that ``attrib ... | jq`` and
diffs work. Article text shown in a table is passed as plain ``Text`` and
stripped of control characters, so it can never be read as rich markup or
terminal escape sequences.
"""
from __future__ import annotations

import csv
import json
import re
from typing import IO, TYPE_CHECKING, Any, Iterable, Literal

from .diff import Comparison
from .model import Analysis, Blame, Claim

if TYPE_CHECKING:
    from .resolve import Explanation
    from .suggest import Suggestion

FORMATS = ("table", "json", "jsonl", "csv", "markdown")
DIFF_FORMATS = ("table", "json", "markdown", "csv")
DIFF_CSV_FIELDS = ("record", "outlet", "accuser", "accuser_id", "accused", "accused_id", "speaker", "speaker_id",
                   "reported", "articles", "count", "confidence", "words", "cues", "evidence", "differs")
ABSENT = "—"
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


class ProgressBar:
    """Articles done, articles per second and the time left, on stderr while a corpus is analysed.

    Messages printed with ``note`` appear above the bar instead of breaking it.
    The bar is removed at the end, so that the summary line stands alone.
    """

    def __init__(self, total: int | None):
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TaskProgressColumn,
                                   TextColumn, TimeElapsedColumn, TimeRemainingColumn)
        from rich.text import Text

        class Rate(ProgressColumn):
            def render(self, task) -> Text:
                return Text(f"{task.speed:,.0f} articles/s" if task.speed else "", style="progress.data.speed")

        self._text = Text
        self._progress = Progress(
            TextColumn("analysing"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(), Rate(),
            TimeElapsedColumn(), TextColumn("·"), TimeRemainingColumn(), TextColumn("left"),
            console=Console(stderr=True, highlight=False), transient=True, redirect_stdout=False,
            redirect_stderr=False, speed_estimate_period=10)
        self._task = self._progress.add_task("articles", total=total)

    def __enter__(self) -> ProgressBar:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def advance(self) -> None:
        self._progress.advance(self._task)

    def note(self, message: str) -> None:
        self._progress.console.print(self._text(message), soft_wrap=True)


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

def _period(start: object, end: object) -> str:
    return f"{start or '...'} to {end or 'now'}"


def explanation_text(explanation: Explanation) -> str:
    """``attrib rules who``: the entity a name resolves to, the match, the date's part, the runners-up."""
    e = explanation
    res = e.resolution
    entity = res.entity
    name = plain(e.name)
    on = f" on {e.date}" if e.date else ""
    lines: list[str] = []
    if entity is not None:
        lines.append(f"{name}  ->  {plain(entity.name)}  ({entity.id}, {entity.type})")
    elif e.method == "ambiguous":
        names = [plain(c.name) for c in e.candidates]
        if len(names) == 1:  # a title in words any country's office fits: the date alone does not say whose
            lines.append(f"{name}  ->  ambiguous{on}: the words fit any country's title; "
                         f"the rules' only holder is {names[0]}")
        else:
            lines.append(f"{name}  ->  ambiguous{on}: {', '.join(names)}")
    else:
        lines.append(f"{name}  ->  not in the registry")
    field = _field
    if e.method == "exact" and entity is not None:
        kind = "name" if e.matched == entity.name else "alias"
        lines.append(field("  match:", f'exact, {kind} "{plain(e.matched)}"'))
    elif e.method == "surname" and entity is not None:
        lines.append(field("  match:", f'surname "{plain(e.matched)}" (the last word of the name "{plain(entity.name)}")'))
    elif e.method == "role" and e.role is not None:
        alias = "" if e.matched == e.role.title else f'"{plain(e.matched)}", an alias of '
        lines.append(field("  match:", f'role: {alias}the title "{plain(e.role.title)}"'))
    elif e.method == "partial":
        lines.append(field("  match:", f'the registered "{plain(e.matched)}" inside the name'))
    elif e.method == "fuzzy" and e.score is not None:
        lines.append(field("  match:", f'fuzzy, similarity {e.score:.1f} to "{plain(e.matched)}" '
                                       "(on transliteration skeletons)"))
    elif e.method == "ambiguous":
        titles = list(dict.fromkeys(h.role.title for h in e.holders))
        what = f'the title "{plain(titles[0])}"' if len(titles) == 1 else f"{len(titles)} titles" if titles else "several entities"
        lines.append(field("  match:", f'"{plain(e.matched or e.name)}" names {what}'))
    elif res.method not in ("unresolved",):
        lines.append(field("  match:", res.method))
    if entity is not None or e.method == "ambiguous":
        settle = ("" if entity is not None else " (an article naming one of them, or about one country, settles it)"
                  if e.holders else " (an article naming one of them settles it)")
        lines.append(field("  confidence:", f"{res.score:.2f}{settle}"))
    if entity is not None and entity.source:
        lines.append(field("  entry:", f"{entity.source}:{entity.line}"))
    if entity is not None and e.date is not None:
        held = [r.title for r in entity.roles if r.active(e.date)]
        if held:
            lines.append(field(f"  on {e.date}:", ", ".join(plain(t) for t in held)))
    if e.holders:
        several = len({h.role.title for h in e.holders}) > 1
        lines.append("  holders:")
        width = max(len(_period(h.role.start, h.role.end)) for h in e.holders)
        for h in e.holders:
            mark = ">" if e.date is not None and h.active else " "
            title = f"  ({plain(h.role.title)})" if several else ""
            lines.append(f"   {mark} {_period(h.role.start, h.role.end):<{width}}  {plain(h.entity.name)}{title}")
    lines.extend(_date_lines(e))
    if e.runners_up:
        label = "  runners-up:" if entity is not None or e.method == "ambiguous" else "  nearest:"
        for i, c in enumerate(e.runners_up):
            lines.append(field(label if i == 0 else "", f'{plain(c.entity.name)} ({c.entity.id}): {c.score:.1f}, as "{plain(c.matched)}"'))
    elif entity is not None:
        lines.append(field("  runners-up:", "none"))
    if entity is None and e.method != "ambiguous":
        lines.append("  (attrib rules suggest ARTICLE... prints an entry to add for names the articles use)")
    return "\n".join(lines) + "\n"


def _field(label: str, text: str) -> str:
    return f"{label:<17}{text}"


def _date_lines(e: Explanation) -> list[str]:
    label = "  the date:"
    if e.date is None:
        if e.holders and e.resolution.entity is None:
            return [_field(label, "none given: a title several people held needs --date YYYY-MM-DD, "
                                             "or an article that names the holder")]
        return []
    if e.holders and not any(h.active for h in e.holders):
        return [_field(label, f"nobody held the title on {e.date}, as far as the rules know")]
    if e.undated is not None:
        before = e.undated
        if before.entity is not None:
            without = f"{plain(before.name)} ({before.method})"
        elif before.method == "ambiguous":
            holders = {h.entity.id: h.entity.name for h in e.holders}
            without = "ambiguous between " + ", ".join(plain(holders.get(i, i)) for i in before.candidates)
        else:
            without = "not resolved"
        done = "picked the holder" if e.resolution.entity is not None else "left only the holders"
        return [_field(label, f"{done} on {e.date}; without a date: {without}")]
    if e.holders:
        return [_field(label, "changes nothing here: the same result on any date")]
    return [_field(label, "changes nothing: names and aliases hold at every date")]


def suggestions_text(suggestions: Iterable[Suggestion]) -> str:
    """``attrib rules suggest``: YAML to paste, the evidence for each entry in comments above it."""
    blocks = []
    for s in suggestions:
        roles = ", ".join(s.roles)
        times = f"{s.mentions} mention{'s' if s.mentions != 1 else ''} in {s.articles} article{'s' if s.articles != 1 else ''}"
        seen = ", ".join(f'"{plain(w)}"' for w in s.seen_as)
        nearest = (f"{plain(s.nearest.entity.name)} ({s.nearest.entity.id}), similarity {s.nearest.score:.1f}"
                   if s.nearest is not None else "none")
        head = [f"# {plain(s.name)}: {roles}; {times}; seen as {seen}", f"# nearest in the registry: {nearest}"]
        if s.extends is not None:
            head.append(f"# if this is {plain(s.nearest.entity.name) if s.nearest else s.extends}, "
                        "add the spelling to that entry:")
        else:
            head.append(f'# a new entry (type "{s.type}" is a guess: check it)')
        blocks.append("\n".join(head) + "\n" + s.snippet)
    return "\n".join(blocks)


# ------------------------------------------------------------------------- diff


def comparison_record(comparison: Comparison) -> dict[str, Any]:
    """The JSON object of ``attrib diff``: outlets, the blame matrix, the summary, voices and naming."""
    names = [outlet.name for outlet in comparison.outlets]
    return {
        "outlets": [{"name": o.name, "articles": o.articles, "files": list(o.files)} for o in comparison.outlets],
        "differs": comparison.differs,
        "summary": list(comparison.summary),
        "pairs": [{
            "accuser": pair.accuser.name, "accuser_id": pair.accuser.id,
            "accused": pair.accused.name, "accused_id": pair.accused.id,
            "differs": pair.differs,
            "reported_by": [name for name, cell in zip(names, pair.cells) if cell is not None],
            "outlets": {name: None if cell is None else {
                "confidence": cell.confidence, "articles": cell.articles, "blames": cell.blames,
                "cues": list(cell.cues), "words": list(cell.words), "evidence": cell.evidence,
                "files": list(cell.files)} for name, cell in zip(names, pair.cells)},
        } for pair in comparison.pairs],
        "voices": [{"speaker": v.speaker.name, "speaker_id": v.speaker.id, "only": v.only,
                    "claims": dict(zip(names, v.claims))} for v in comparison.voices],
        "naming": [{"accused": n.accused.name, "accused_id": n.accused.id,
                    "words": {name: list(words) for name, words in zip(names, n.words)}} for n in comparison.naming],
    }


def comparison_rows(comparison: Comparison) -> Iterable[dict[str, Any]]:
    """CSV rows, one per outlet for each blame pair, speaker and accused party (``record`` tells which)."""
    names = [outlet.name for outlet in comparison.outlets]
    for pair in comparison.pairs:
        for name, cell in zip(names, pair.cells):
            row: dict[str, Any] = {"record": "pair", "outlet": name, "accuser": pair.accuser.name, "accuser_id": pair.accuser.id,
                   "accused": pair.accused.name, "accused_id": pair.accused.id, "reported": cell is not None,
                   "differs": pair.differs}
            if cell is not None:
                row.update(articles=cell.articles, count=cell.blames, confidence=cell.confidence,
                           words="; ".join(cell.words), cues="; ".join(cell.cues), evidence=cell.evidence)
            yield row
    for voice in comparison.voices:
        for name, count in zip(names, voice.claims):
            yield {"record": "voice", "outlet": name, "speaker": voice.speaker.name, "speaker_id": voice.speaker.id,
                   "reported": count > 0, "count": count, "differs": voice.differs}
    for naming in comparison.naming:
        for name, words in zip(names, naming.words):
            yield {"record": "naming", "outlet": name, "accused": naming.accused.name,
                   "accused_id": naming.accused.id, "reported": bool(words), "words": "; ".join(words)}


def _csv_value(value: Any) -> Any:
    return str(value).lower() if isinstance(value, bool) else safe_cell(value)


def _blame_cell(cell) -> str:
    return ABSENT if cell is None else f"{cell.confidence:.2f} ({cell.articles})"


def _quoted(words: tuple[str, ...]) -> str:
    return ", ".join(f'"{plain(w)}"' for w in words) if words else ABSENT


def _outlets_line(comparison: Comparison) -> str:
    articles = sum(o.articles for o in comparison.outlets)
    listed = ", ".join(f"{plain(o.name)} ({o.articles})" for o in comparison.outlets)
    return (f"{len(comparison.outlets)} outlet{'s' if len(comparison.outlets) != 1 else ''}, "
            f"{articles} article{'s' if articles != 1 else ''}: {listed}")


LEGEND = f"Cells: best confidence (number of articles); {ABSENT} not reported."


def comparison_markdown(comparison: Comparison) -> str:
    """The comparison as Markdown: the blame matrix and its summary, then voices and naming."""
    heads = [_md(o.name) for o in comparison.outlets]

    def header(*first: str, last: tuple[str, ...] = (), align: str = ":---:") -> list[str]:
        columns = [*first, *heads, *last]
        aligns = ["---"] * len(first) + [align] * len(heads) + ["---"] * len(last)
        return ["| " + " | ".join(columns) + " |", "| " + " | ".join(aligns) + " |"]

    lines = ["# Coverage compared", "", _outlets_line(comparison).replace("|", "\\|"), "", "## Who blamed whom", ""]
    if comparison.pairs:
        lines += header("Accuser", "Accused")
        for pair in comparison.pairs:
            cells = [_blame_cell(c) for c in pair.cells]
            lines.append(f"| {_md(pair.accuser.name)} | {_md(pair.accused.name)} | " + " | ".join(cells) + " |")
        lines += ["", LEGEND]
    else:
        lines.append("No blame found.")
    lines += [""] + [f"- {_md(sentence)}" for sentence in comparison.summary]
    lines += ["", "## Voices", ""]
    if comparison.voices:
        lines += header("Speaker", last=("Only in",))
        for voice in comparison.voices:
            counts = [str(n) if n else ABSENT for n in voice.claims]
            lines.append(f"| {_md(voice.speaker.name)} | " + " | ".join(counts) + f" | {_md(voice.only or '')} |")
        lines += ["", f"Cells: claims quoted per outlet; {ABSENT} none."]
    else:
        lines.append("No claims found.")
    lines += ["", "## Naming the accused", ""]
    if comparison.naming:
        lines += header("Accused", align="---")
        for naming in comparison.naming:
            words = [_quoted(w).replace("|", "\\|") for w in naming.words]
            lines.append(f"| {_md(naming.accused.name)} | " + " | ".join(words) + " |")
    else:
        lines.append("No one accused.")
    return "\n".join(lines) + "\n"


def comparison_table(console, comparison: Comparison) -> None:
    """Print the comparison: the blame matrix and its summary, then voices and naming."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    plain_box = box.ASCII if not console.is_terminal else box.SIMPLE_HEAD

    def matrix(title: str, first: tuple[str, ...], last: tuple[str, ...] = (), caption: str | None = None,
               justify: Literal["left", "center", "right"] = "center") -> Table:
        grid = Table(title=title, caption=caption, box=plain_box, title_justify="left", caption_justify="left")
        for name in first:
            grid.add_column(name, overflow="fold")
        for outlet in comparison.outlets:
            grid.add_column(Text(plain(outlet.name)), overflow="fold", justify=justify)
        for name in last:
            grid.add_column(name, overflow="fold")
        return grid

    console.print(Text("Coverage compared", style="bold"))
    console.print(Text(_outlets_line(comparison), style="dim"))
    if comparison.pairs:
        pairs = matrix("Who blamed whom", ("Accuser", "Accused"), caption=LEGEND)
        for index, pair in enumerate(comparison.pairs):
            following = comparison.pairs[index + 1] if index + 1 < len(comparison.pairs) else None
            pairs.add_row(Text(plain(pair.accuser.name)), Text(plain(pair.accused.name)),
                          *[_blame_cell(c) for c in pair.cells],
                          end_section=pair.differs and following is not None and not following.differs)
        console.print(pairs)
    else:
        console.print(Text("Who blamed whom: no blame found", style="italic"))
    for sentence in comparison.summary:
        console.print(Text(plain(sentence)))
    console.print()
    if comparison.voices:
        voices = matrix("Voices: claims quoted per speaker", ("Speaker",), ("Only in",))
        for voice in comparison.voices:
            voices.add_row(Text(plain(voice.speaker.name)), *[str(n) if n else ABSENT for n in voice.claims],
                           Text(plain(voice.only)))
        console.print(voices)
    else:
        console.print(Text("Voices: no claims found", style="italic"))
    if comparison.naming:
        naming = matrix("Naming the accused", ("Accused",), justify="left")
        for entry in comparison.naming:
            naming.add_row(Text(plain(entry.accused.name)), *[Text(_quoted(w)) for w in entry.words])
        console.print(naming)
    console.print()


def write_comparison(comparison: Comparison, fmt: str, out: IO[str]) -> None:
    """Write a comparison in a machine format (json, markdown, csv)."""
    if fmt == "json":
        out.write(json.dumps(comparison_record(comparison), ensure_ascii=False, indent=2) + "\n")
    elif fmt == "markdown":
        out.write(comparison_markdown(comparison))
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=DIFF_CSV_FIELDS, lineterminator="\n")
        writer.writeheader()
        for row in comparison_rows(comparison):
            writer.writerow({k: _csv_value(v) for k, v in row.items()})
    else:  # pragma: no cover - the CLI restricts the choice
        raise ValueError(fmt)
