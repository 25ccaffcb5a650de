"""The ``attrib`` command: click options over the library, nothing more.

Each command parses its options, calls one library function and renders the
result. ``AttribError``s become one line on stderr and exit code 1; click's
usage errors keep exit code 2; anything unexpected asks for a bug report
(``--debug`` shows the traceback).
"""
from __future__ import annotations

import os
import sys
import time
import traceback
from datetime import date as Date
from typing import Callable

import click

from . import __version__
from .errors import AttribError, message
from .pipeline import analyze_paths
from .render import FORMATS, analysis_record, error_record, make_consoles, plain, table, write_records
from .rules import Registry, load_rules



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
@click.option("-q", "--quiet", is_flag=True, help="No summary line on stderr.")
@rules_options
def analyze(paths: tuple[str, ...], fmt: str, outlet: str | None, date: Date | None, min_confidence: float,
            quiet: bool, rules_dirs: tuple[str, ...], no_default_rules: bool) -> None:
    """Find who said what and who blamed whom in articles.

    PATHS are .txt/.md files, directories (searched recursively), JSON Lines
    corpora (.jsonl, .jsonl.gz) or - for standard input.
    """
    registry = _registry(rules_dirs, no_default_rules)
    started = time.perf_counter()
    failed = articles = claims = blames = 0
    out_console = err_console = None
    if fmt == "table":
        out_console, err_console = make_consoles()

    def records():
        nonlocal failed, articles, claims, blames
        for outcome in analyze_paths(paths, registry, outlet=outlet, date=date, keep_going=True):
            for warning in outcome.warnings:
                _say(outcome.where, f"warning: {warning}")
            if outcome.analysis is None:
                failed += 1
                if outcome.exception is not None and _debug():
                    traceback.print_exception(outcome.exception)
                _say(outcome.where, outcome.error or "failed")
                yield error_record(outcome.name, outcome.error or "failed", outcome.line)
                continue
            articles += 1
            record = analysis_record(outcome.analysis, min_confidence=min_confidence)
            claims += len(record["claims"])
            blames += len(record["blames"])
            yield record

    if fmt == "table":
        for record in records():
            if "error" not in record:
                table(out_console, record)
    else:
        write_records(records(), fmt, sys.stdout)
    elapsed = time.perf_counter() - started
    if not quiet:
        rate = f", {articles / elapsed:,.0f} articles/s" if elapsed > 0 and articles > 1 else ""
        click.echo(f"attrib: {articles} article{'s' if articles != 1 else ''} analyzed, {claims} claims, "
                   f"{blames} blames, {failed} failed, in {elapsed:.2f} s{rate}", err=True)
    if failed:
        sys.exit(1)


def main() -> None:
    cli(prog_name="attrib")


if __name__ == "__main__":  # pragma: no cover
    main()
