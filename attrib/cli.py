"""The ``attrib`` command: click options over the library, nothing more.

Each command parses its options, calls one library function and renders the
result. ``AttribError``s become one line on stderr and exit code 1; click's
usage errors keep exit code 2; anything unexpected asks for a bug report
(``--debug`` shows the traceback).
"""
from __future__ import annotations

import contextlib
import os
import sys
import time
import traceback
from datetime import date as Date
from typing import Callable, Iterator

import click

from . import __version__
from .batch import Result, analyze_corpus, default_jobs
from .errors import AttribError, message
from .diff import OUTLET_FROM, compare
from .pipeline import Outcome, analyze_paths
from .load import count_sources
from .render import (DIFF_FORMATS, FORMATS, ProgressBar, analysis_record, comparison_table, make_consoles, table,
                     write_comparison, write_records)
from .rules import Registry, load_rules

PROGRESS_FROM = 5  # a bar for more inputs than this
BUG = "attrib: internal error: {error} (please report it with the command that caused it; --debug shows details)"


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> Date | None:
    if value is None:
        return None
    try:
        return Date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(message("bad_date", value=value)) from None


def rules_options(command: Callable) -> Callable:
    command = click.option("--no-default-rules", is_flag=True,
                           help="Use only the --rules directories, not the rules shipped with attrib.")(command)
    command = click.option("--rules", "rules_dirs", multiple=True, envvar="ATTRIB_RULES",
                           type=click.Path(file_okay=False, path_type=str), metavar="DIR",
                           help="A rules directory layered over the defaults (repeatable; later ones add to and "
                                "override earlier ones). Also read from ATTRIB_RULES, separated by '%s'." % os.pathsep)(command)
    return command


def _registry(rules_dirs: tuple[str, ...], no_default_rules: bool) -> Registry:
    registry = load_rules(rules_dirs, defaults=not no_default_rules)
    for warning in registry.warnings:
        click.echo(f"attrib: warning: {warning}", err=True)
    return registry


def _failed(outcome: Outcome) -> bool:
    """Report an outcome's warnings and error on stderr; true when there is nothing to use."""
    where = f"{outcome.name}:{outcome.line}" if outcome.error and outcome.line else outcome.name
    for warning in outcome.warnings:
        click.echo(f"attrib: {where}: warning: {warning}", err=True)
    if outcome.analysis is None and outcome.record is None:
        click.echo(f"attrib: {where}: {outcome.error or 'failed'}", err=True)
        return True
    return False


class _Group(click.Group):
    """Turns library errors into one line and exit code 1, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except AttribError as exc:
            for line in str(exc).splitlines():
                click.echo(f"attrib: {line}", err=True)
            ctx.exit(1)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException, SystemExit):
            raise
        except BrokenPipeError:
            sys.stderr.close()
            ctx.exit(0)
        except KeyboardInterrupt:
            click.echo("attrib: interrupted", err=True)
            ctx.exit(130)
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            if ctx.params.get("debug") or os.environ.get("ATTRIB_DEBUG"):
                traceback.print_exc()
            click.echo(BUG.format(error=f"{type(exc).__name__}: {exc}"), err=True)
            ctx.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="attrib")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
def cli(debug: bool) -> None:
    """Who blamed whom, according to which outlet, and how sure we are."""
    if debug:
        os.environ["ATTRIB_DEBUG"] = "1"


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=str)
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="Output format; json, jsonl and csv follow the contract in the README.")
@click.option("--outlet", help="Outlet name for every input (overrides detection and front matter).")
@click.option("--date", callback=_date, metavar="YYYY-MM-DD",
              help="Publication date for every input (resolves titles such as 'the premier').")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Leave out claims and blames below this confidence.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Worker processes [default: one per core]; 1 analyses in this process. The output is the "
                   "same whatever N is.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary line on stderr.")
@rules_options
def analyze(paths: tuple[str, ...], fmt: str, outlet: str | None, date: Date | None, min_confidence: float,
            jobs: int | None, quiet: bool, rules_dirs: tuple[str, ...], no_default_rules: bool) -> None:
    """Find who said what and who blamed whom in articles.

    PATHS are .txt/.md files (gzip-compressed too), directories (searched
    recursively), JSON Lines corpora (.jsonl, .jsonl.gz: one article per line,
    with "text" and optionally "id", "outlet", "date", "url", "title") or -
    for standard input. Results are written as soon as they are ready, in
    input order.
    """
    registry = _registry(rules_dirs, no_default_rules)
    started = time.perf_counter()
    failed = articles = claims = blames = 0
    results = analyze_corpus(paths, registry, rules_dirs=rules_dirs, defaults=not no_default_rules,
                             jobs=jobs or default_jobs(), outlet=outlet, date=date, min_confidence=min_confidence,
                             encode="jsonl" if fmt == "jsonl" else None)
    out_console = make_consoles()[0] if fmt == "table" else None
    # A bar only where a person watches stderr, and not under tables printed to the same terminal.
    total = None
    show_bar = not quiet and sys.stderr.isatty() and not (fmt == "table" and sys.stdout.isatty())
    if show_bar:
        total = count_sources(paths)
        show_bar = total is None or total > PROGRESS_FROM
    with (ProgressBar(total) if show_bar else contextlib.nullcontext()) as bar:
        note = bar.note if bar is not None else (lambda line: click.echo(line, err=True))

        def analysed() -> Iterator[Result]:
            nonlocal failed, articles, claims, blames
            for result in results:
                where = f"{result.name}:{result.line}" if result.error and result.line else result.name
                for warning in result.warnings:
                    note(f"attrib: {where}: warning: {warning}")
                if result.failed:
                    failed += 1
                    note(f"attrib: {where}: {result.error}")
                else:
                    articles += 1
                    claims += len(result.record["claims"])
                    blames += len(result.record["blames"])
                if bar is not None:
                    bar.advance()
                yield result

        if fmt == "table":
            for result in analysed():
                if not result.failed:
                    table(out_console, result.record)
        elif fmt == "jsonl":
            for result in analysed():
                sys.stdout.write(result.encoded or "")
                sys.stdout.flush()
        else:
            write_records((result.record for result in analysed()), fmt, sys.stdout)
    elapsed = time.perf_counter() - started
    if not quiet:
        rate = f", {articles / elapsed:,.0f} articles/s" if elapsed > 0 and articles > 1 else ""
        click.echo(f"attrib: {articles} article{'s' if articles != 1 else ''} analyzed, {claims} claims, "
                   f"{blames} blames, {failed} failed, in {elapsed:.2f} s{rate}", err=True)
    if failed:
        sys.exit(1)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=str)
@click.option("-f", "--format", "fmt", type=click.Choice(DIFF_FORMATS), default="table", show_default=True,
              help="Output format; the json is described in the README.")
@click.option("--outlet", help="Outlet name for every input (overrides detection, front matter and analyses).")
@click.option("--outlet-from", type=click.Choice(OUTLET_FROM),
              help="Group articles by their file's name or its directory's name instead of their outlet, "
                   "for corpora laid out by outlet.")
@click.option("--date", callback=_date, metavar="YYYY-MM-DD",
              help="Publication date for every article analysed (resolves titles such as 'the premier').")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Leave out claims and blames below this confidence.")
@click.option("--exit-code", is_flag=True,
              help="Exit with 3 when the outlets differ (a blame some report and others do not); "
                   "unreadable inputs still exit with 1.")
@click.option("-q", "--quiet", is_flag=True, help="No summary line on stderr.")
@rules_options
def diff(paths: tuple[str, ...], fmt: str, outlet: str | None, outlet_from: str | None, date: Date | None,
         min_confidence: float, exit_code: bool, quiet: bool, rules_dirs: tuple[str, ...],
         no_default_rules: bool) -> None:
    """Compare how outlets report the same event: who blames whom, whom they quote, what they call the accused.

    PATHS are what attrib analyze reads (.txt/.md files, directories, JSON
    Lines corpora, - for standard input) and JSON Lines of analyses written by
    attrib analyze --format jsonl, which are compared without analysing again.
    """
    if outlet is not None and outlet_from is not None:
        raise click.UsageError("--outlet and --outlet-from both choose the outlet; use one of them.")
    registry = _registry(rules_dirs, no_default_rules)
    started = time.perf_counter()
    failed = 0

    def records():
        nonlocal failed
        for outcome in analyze_paths(paths, registry, outlet=outlet, date=date, analyses=True):
            if _failed(outcome):
                failed += 1
            elif outcome.record is not None:
                yield outcome.record
            elif outcome.analysis is not None:
                yield analysis_record(outcome.analysis)

    comparison = compare(records(), outlet_from=outlet_from, min_confidence=min_confidence)
    if fmt == "table":
        comparison_table(make_consoles()[0], comparison)
    else:
        write_comparison(comparison, fmt, sys.stdout)
    if not quiet:
        articles = sum(o.articles for o in comparison.outlets)
        outlets = len(comparison.outlets)
        differ = sum(pair.differs for pair in comparison.pairs)
        click.echo(f"attrib: {articles} article{'s' if articles != 1 else ''} from {outlets} "
                   f"outlet{'s' if outlets != 1 else ''} compared, {len(comparison.pairs)} blame "
                   f"pair{'s' if len(comparison.pairs) != 1 else ''} ({differ} differ), {failed} failed, "
                   f"in {time.perf_counter() - started:.2f} s", err=True)
    if failed:
        sys.exit(1)
    if exit_code and comparison.differs:
        sys.exit(3)


def main() -> None:
    cli(prog_name="attrib")


if __name__ == "__main__":  # pragma: no cover
    main()
