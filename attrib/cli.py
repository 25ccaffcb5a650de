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
from .errors import AttribError, RulesError, message
from .diff import OUTLET_FROM, compare
from .load import count_sources
from .pipeline import Outcome, analyze_paths
from .render import (DIFF_FORMATS, FORMATS, ProgressBar, analysis_record, comparison_table, explanation_text,
                     make_consoles, plain, suggestions_text, table, write_comparison, write_records)
from .resolve import explain, near_duplicates
from .rules import Registry, load_rules
from .suggest import suggest

PROGRESS_FROM = 5  # a bar for more inputs than this


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


def _debug() -> bool:
    ctx = click.get_current_context(silent=True)
    return bool((ctx is not None and ctx.find_root().params.get("debug")) or os.environ.get("ATTRIB_DEBUG"))


def _say(where: str, text: str) -> None:
    """One diagnostic line on stderr; names from the input cannot break the line or drive the terminal."""
    click.echo(f"attrib: {plain(where)}: {plain(text)}", err=True)


def _registry(rules_dirs: tuple[str, ...], no_default_rules: bool) -> Registry:
    registry = load_rules(rules_dirs, defaults=not no_default_rules)
    for warning in registry.warnings:
        click.echo(f"attrib: warning: {warning}", err=True)
    return registry


def _failed(outcome: Outcome) -> bool:
    """Report an outcome's warnings and error on stderr; true when there is nothing to use."""
    for warning in outcome.warnings:
        _say(outcome.where, f"warning: {warning}")
    if outcome.analysis is None and outcome.record is None:
        if outcome.exception is not None and _debug():
            traceback.print_exception(outcome.exception)
        _say(outcome.where, outcome.error or "failed")
        return True
    return False


class _Group(click.Group):
    """Turns library errors into one line and exit code 1, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except AttribError as exc:
            for line in str(exc).splitlines():
                click.echo(f"attrib: {plain(line)}", err=True)
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
            if _debug():
                traceback.print_exc()
            click.echo("attrib: " + plain(message("internal", error=f"{type(exc).__name__}: {exc}")), err=True)
            ctx.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="attrib")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
def cli(debug: bool) -> None:
    """Who blamed whom, according to which outlet, and how sure we are."""


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
        def say(where: str, text: str) -> None:
            # As _say: names from the input cannot break the line or drive the terminal.
            line = f"attrib: {plain(where)}: {plain(text)}"
            if bar is not None:
                bar.note(line)
            else:
                click.echo(line, err=True)

        def analysed() -> Iterator[Result]:
            nonlocal failed, articles, claims, blames
            for result in results:
                for warning in result.warnings:
                    say(result.where, f"warning: {warning}")
                if result.failed:
                    failed += 1
                    if result.trace is not None and _debug():
                        click.echo(result.trace, err=True, nl=False)
                    say(result.where, result.error or "failed")
                else:
                    articles += 1
                    claims += result.claims
                    blames += result.blames
                if bar is not None:
                    bar.advance()
                yield result

        if fmt == "table":
            for result in analysed():
                if not result.failed and result.record is not None:
                    table(out_console, result.record)
        elif fmt == "jsonl":
            for result in analysed():
                sys.stdout.write(result.encoded or "")
                sys.stdout.flush()
        else:
            write_records((result.record for result in analysed() if result.record is not None), fmt, sys.stdout)
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
        for outcome in analyze_paths(paths, registry, outlet=outlet, date=date, analyses=True, keep_going=True):
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


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else plural or word + 's'}"


@cli.group("rules")
def rules_group() -> None:
    """Check, explain and extend the alias registry.

    The rules are the YAML files shipped with attrib plus your own --rules
    directories layered over them; these commands read them and never write them.
    """


@rules_group.command("check")
@rules_options
def rules_check(rules_dirs: tuple[str, ...], no_default_rules: bool) -> None:
    """Validate the rules: every problem on stdout as path:line:col: message.

    Exit code 0 when the rules are clean, 1 when there are problems. Warnings
    (near-duplicate aliases of different entities, unknown files) go to stderr
    and do not change the exit code; with --rules, near duplicates are looked
    for only where your directories take part.
    """
    try:
        registry = load_rules(rules_dirs, defaults=not no_default_rules)
    except RulesError as exc:
        for problem in exc.problems:
            click.echo(str(problem))
        for warning in exc.warnings:
            click.echo(f"attrib: warning: {warning}", err=True)
        files = len({p.path for p in exc.problems})
        click.echo(f"attrib: {_plural(len(exc.problems), 'problem')} in {_plural(files, 'file')}", err=True)
        sys.exit(1)
    layered = bool(rules_dirs) and not no_default_rules
    warnings = sorted(registry.warnings + tuple(near_duplicates(registry, from_layer=1 if layered else 0)))
    for warning in warnings:
        click.echo(f"attrib: warning: {warning}", err=True)
    click.echo(f"attrib: rules OK: {_plural(len(registry.entities), 'entity', 'entities')}, "
               f"{_plural(len(registry.sites), 'name')} and aliases in {_plural(len(registry.sources), 'file')}, "
               f"{_plural(len(warnings), 'warning')}", err=True)


@rules_group.command("who")
@click.argument("name")
@click.option("--date", callback=_date, metavar="YYYY-MM-DD",
              help="The article's date: titles such as 'the premier' resolve to their holder on that day.")
@rules_options
def rules_who(name: str, date: Date | None, rules_dirs: tuple[str, ...], no_default_rules: bool) -> None:
    """How NAME resolves and why: the entity, the alias or title that matched
    (exact or fuzzy, with its score), the runners-up and what the date changed."""
    registry = _registry(rules_dirs, no_default_rules)
    click.echo(explanation_text(explain(name, registry, date)), nl=False)


@rules_group.command("suggest")
@click.argument("paths", nargs=-1, required=True, type=str)
@click.option("--outlet", help="Outlet name for every input (overrides detection and front matter).")
@click.option("--date", callback=_date, metavar="YYYY-MM-DD",
              help="Publication date for every input (resolves titles such as 'the premier').")
@rules_options
def rules_suggest(paths: tuple[str, ...], outlet: str | None, date: Date | None, rules_dirs: tuple[str, ...],
                  no_default_rules: bool) -> None:
    """Registry entries for the speakers and accused parties that PATHS name but the rules lack.

    Prints YAML to paste into the entities.yaml of your own rules directory
    (--rules DIR), each entry under comments giving its mentions, the nearest
    registered entity and its similarity. Nothing is written: the rules files,
    their comments and their layout stay yours.
    """
    registry = _registry(rules_dirs, no_default_rules)
    failed = articles = 0

    def analyses():
        nonlocal failed, articles
        for outcome in analyze_paths(paths, registry, outlet=outlet, date=date, keep_going=True):
            if _failed(outcome) or outcome.analysis is None:
                failed += 1
                continue
            articles += 1
            yield outcome.analysis

    found = suggest(analyses(), registry)
    click.echo(suggestions_text(found), nl=False)
    click.echo(f"attrib: {_plural(len(found), 'unregistered name')} in {_plural(articles, 'article')}"
               f"{f', {failed} failed' if failed else ''}; nothing written: paste what you keep into your "
               "rules directory's entities.yaml and pass it with --rules", err=True)
    if failed:
        sys.exit(1)


def main() -> None:
    cli(prog_name="attrib")


if __name__ == "__main__":  # pragma: no cover
    main()
