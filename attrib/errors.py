"""The errors attrib reports to its users, and their wording in one place."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable


class AttribError(Exception):
    """A problem with the user's input that the CLI reports in one line."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = self.path or ""
        if where and self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}" if where else self.message


class InputError(AttribError):
    """An article that cannot be read: missing, binary, empty, undecodable."""


# Characters str.splitlines() breaks at: a value quoted in a message must not split it in two.
_LINE_BREAKS = str.maketrans({"\n": "\\n", "\r": "\\r", **{c: f"\\x{ord(c):02x}" for c in "\x0b\x0c\x1c\x1d\x1e\x85"},
                              "\u2028": "\\u2028", "\u2029": "\\u2029"})


@dataclass(frozen=True, order=True)
class Problem:
    """One finding in a rules file, in the yamllint layout ``path:line:col: message``."""

    path: str
    line: int
    column: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        message = self.message.translate(_LINE_BREAKS)  # one problem, one line
        if self.line <= 0:  # a whole file or directory, not a place in it
            return f"{self.path}: {message}"
        return f"{self.path}:{self.line}:{self.column}: {message}"


class RulesError(AttribError):
    """The rules directories hold mistakes; every problem is listed, sorted."""

    def __init__(self, problems: list[Problem], warnings: Iterable[Problem] = ()):
        self.problems = sorted(set(problems))  # a node reached through several aliases is one problem
        self.warnings = tuple(sorted(warnings))
        super().__init__("\n".join(str(p) for p in self.problems))

    def __str__(self) -> str:
        return self.message


# Every message about an input follows "attrib: PATH[:LINE]: " on stderr and is the "error" of its
# {"file": ..., "error": ...} record; tests assert them word for word.
MESSAGES = {
    "missing": "no such file or directory",
    "no_articles": "no articles in this directory (looked for .txt, .md and .jsonl files)",
    "unreadable": "cannot be read: {reason}",
    "binary": "looks like a binary file ({kind}), not an article",
    "empty": "is empty",
    "blank": "holds only whitespace",
    "broken_link": 'is a broken symbolic link (its target "{target}" does not exist)',
    "bad_json": "not valid JSON: {reason} (column {column})",
    "not_object": 'not a JSON object (a corpus line is {{"text": "...", ...}})',
    "no_text": 'record has no "text" field',
    "text_type": '"text" is {kind}, not a string',
    "an_analysis": "record is a saved analysis, not an article (compare analyses with attrib diff)",
    "bad_analysis": "record is not an analysis from attrib analyze: {problem}",
    "decoded_as": "not UTF-8; decoded as {encoding}",
    "surrogates": "holds invalid Unicode (lone surrogates); replaced with U+FFFD",
    "internal": "internal error: {error} (please report it with the command that caused it; --debug shows details)",
    "bad_date": 'date "{value}" is not a date (use YYYY-MM-DD, e.g. --date 2020-12-24)',
}


def message(key: str, /, **values: object) -> str:
    """The wording for ``key``, filled in (``key`` is positional-only: templates may use ``{kind}``)."""
    return MESSAGES[key].format(**values)
