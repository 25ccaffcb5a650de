"""Load and validate the rules directories into a :class:`Registry`.

Rules are hand-edited YAML. They are read with safe semantics only (the node
tree is composed, never constructed into arbitrary objects) and every node
keeps its position, so each mistake is reported as ``path:line:col: message``
(the yamllint layout). All problems are collected before one ``RulesError``
is raised. Several directories layer: a later directory adds entities, extends
an existing id with more aliases and roles, and adds cue words and outlets.
"""
from __future__ import annotations

import difflib
import gc
import os
import re
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path
from typing import Iterable, Iterator, Sequence

import yaml

from .errors import Problem, RulesError
from .model import Entity, Role
from .names import name_key
from .tokens import PhraseIndex

try:  # libyaml is much faster on large registries; both keep node positions.
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

_STR, _SEQ, _MAP, _NULL = ("tag:yaml.org,2002:" + t for t in ("str", "seq", "map", "null"))
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})


class _Loader(_SafeLoader):  # type: ignore[misc, valid-type]
    """Composes nodes only, tagging every plain scalar a string (or null when empty).

    The accessors below read dates, numbers and booleans from the text
    themselves, so YAML 1.1's implicit typing (``yes`` a boolean, ``2020-05-07``
    a timestamp) is never needed, and skipping it saves a third of the
    composing time on a large registry. Explicit tags are kept, to be refused.
    """

    def resolve(self, kind, value, implicit):  # noqa: ANN001, ANN201 - PyYAML's signature
        if kind is yaml.ScalarNode:
            return _NULL if implicit[0] and value in _NULLS else _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP

    def descend_resolver(self, current_node, current_index):  # noqa: ANN001, ANN201 - no path resolvers here
        pass

    def ascend_resolver(self):  # noqa: ANN201
        pass

ENTITY_TYPES = ("person", "organization", "government", "group", "label", "people", "media")
ENTITY_KEYS = ("id", "name", "type", "aliases", "shared_aliases", "roles", "generic", "note")
ROLE_KEYS = ("title", "aliases", "office", "from", "to", "multiple")
CUE_KEYS = ("speech", "according_to", "participle_links", "blame", "denial", "negation",
            "conditionals", "hedges", "titles", "nominals", "given_names")
SPEECH_KEYS = ("clause", "report", "object", "naming", "addressee", "request")
BLAME_KEYS = ("verbs", "by_agent", "acts", "wrongs", "motives", "predicates", "pejoratives", "act_stops",
              "connections", "failings")
BLAME_VERB_KEYS = ("forms", "then", "until", "object_after", "or_after", "strength")
OUTLET_FILE_KEYS = ("outlets", "credits", "boilerplate", "bylines")
OUTLET_KEYS = ("name", "markers", "patterns")
RULE_FILES = ("entities.yaml", "cues.yaml", "outlets.yaml")

_SAFE_TAGS = {
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp", "binary", "merge")
}
_ID = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
# libyaml composes nodes by recursion in C: nesting tens of thousands deep overflows the stack (a
# crash, not an exception), so deeper files are refused before they are composed. PyYAML 6.0.4's
# libyaml stops at 1,000 levels with its own message: the limit stays below it, so every version says the same.
MAX_DEPTH = 500
_BLOCK_INDENT = re.compile(r"^[ ?-]*", re.MULTILINE)


def default_rules_dir() -> Path:
    """The rules shipped with attrib: inside the installed package, or the checkout's ``rules/``."""
    here = Path(__file__).resolve().parent
    installed = here / "default_rules"
    return installed if installed.is_dir() else here.parent / "rules"


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class AliasEntry:
    """One way of naming an entity, as found in the rules."""

    entity_id: str
    kind: str  # name, alias, surname, role
    surface: str
    role: Role | None = None
    shared: bool = False


@dataclass(frozen=True)
class AliasSite:
    """Where a name or alias of an entity is written, for messages that point at it.

    ``layer`` is the index of the rules directory it comes from (0 for the first).
    """

    entity_id: str
    surface: str
    path: str
    line: int
    column: int
    layer: int = 0
    kind: str = "alias"  # or "name"
    key: str = ""  # the normalised lookup key (names.name_key)

    def place(self, seen_from: str) -> str:
        """Where it is, for a message about ``seen_from``: "line 12", or "path:12" in another file."""
        return f"line {self.line}" if self.path == seen_from else f"{self.path}:{self.line}"


@dataclass(frozen=True)
class BlameVerb:
    lemma: str
    forms: tuple[str, ...]
    then: tuple[str, ...] = ()
    until: tuple[str, ...] = ()
    object_after: tuple[str, ...] = ()
    strength: float = 0.9
    # "blamed the flooding on Y": the accused may instead follow one of these words after the act.
    or_after: tuple[str, ...] = ()


@dataclass(frozen=True)
class Cues:
    """Cue words by function; every form is lower case."""

    speech: dict[str, tuple[str, str]] = field(default_factory=dict)  # form -> (lemma, kind)
    according_to: tuple[str, ...] = ()
    participle_links: frozenset[str] = frozenset()
    blame_verbs: tuple[BlameVerb, ...] = ()
    by_agent: tuple[str, ...] = ()
    acts: tuple[str, ...] = ()
    wrongs: frozenset[str] = frozenset()  # acts any party can be blamed for, named or not ("lied", "ignored")
    motives: tuple[str, ...] = ()  # "to save money": what makes the act of a claim's subject a wrong
    predicates: tuple[str, ...] = ()
    pejoratives: frozenset[str] = frozenset()
    act_stops: frozenset[str] = frozenset()
    connections: tuple[str, ...] = ()
    failings: frozenset[str] = frozenset()  # "Northway's negligence": a party's fault by a noun
    denials: dict[str, str] = field(default_factory=dict)
    negations: tuple[str, ...] = ()
    conditionals: tuple[str, ...] = ()
    hedges: tuple[tuple[str, float], ...] = ()
    titles: tuple[str, ...] = ()
    nominals: dict[str, str] = field(default_factory=dict)  # word -> class (spokesman, office, ...)
    given_names: dict[str, str] = field(default_factory=dict)  # first name, lower case -> "female" or "male"
    # Prepared for matching word by word (built by load_rules from the lists above).
    speech_index: PhraseIndex = field(default_factory=PhraseIndex)
    according_index: PhraseIndex = field(default_factory=PhraseIndex)
    blame_index: PhraseIndex = field(default_factory=PhraseIndex)
    by_agent_index: PhraseIndex = field(default_factory=PhraseIndex)
    acts_index: PhraseIndex = field(default_factory=PhraseIndex)
    predicates_index: PhraseIndex = field(default_factory=PhraseIndex)
    motives_index: PhraseIndex = field(default_factory=PhraseIndex)
    connections_index: PhraseIndex = field(default_factory=PhraseIndex)
    denial_index: PhraseIndex = field(default_factory=PhraseIndex)
    negation_index: PhraseIndex = field(default_factory=PhraseIndex)
    conditional_index: PhraseIndex = field(default_factory=PhraseIndex)
    hedge_index: PhraseIndex = field(default_factory=PhraseIndex)
    nominal_index: PhraseIndex = field(default_factory=PhraseIndex)


@dataclass(frozen=True)
class Outlet:
    name: str
    markers: tuple[str, ...] = ()
    patterns: tuple[re.Pattern[str], ...] = ()


@dataclass(frozen=True)
class Outlets:
    outlets: tuple[Outlet, ...] = ()
    credits: tuple[str, ...] = ()
    boilerplate: tuple[re.Pattern[str], ...] = ()
    bylines: tuple[re.Pattern[str], ...] = ()


@dataclass(frozen=True)
class Registry:
    """Everything the stages need from the rules, ready for fast lookups."""

    entities: dict[str, Entity]
    aliases: dict[str, tuple[AliasEntry, ...]]
    cues: Cues
    outlets: Outlets
    sources: tuple[str, ...] = ()
    warnings: tuple[Problem, ...] = ()
    # Every entity name and alias where it is written, in reading order (role titles are not included).
    sites: tuple[AliasSite, ...] = ()

    def entries(self, text: str) -> tuple[AliasEntry, ...]:
        return self.aliases.get(name_key(text), ())


# ------------------------------------------------------------------ YAML reading


class _File:
    """One rules file being read: its display path and the problems found in it."""

    def __init__(self, path: Path, problems: list[Problem], layer: int = 0):
        self.path = path
        self.shown = _display(path)
        self.problems = problems
        self.layer = layer

    def site(self, entity_id: str, surface: str, node: yaml.Node, kind: str = "alias") -> AliasSite:
        mark = node.start_mark
        return AliasSite(entity_id, surface, self.shown, mark.line + 1, mark.column + 1, self.layer, kind,
                         name_key(surface))

    def problem(self, node: yaml.Node | None, message: str, severity: str = "error") -> None:
        line, col = (node.start_mark.line + 1, node.start_mark.column + 1) if node is not None else (1, 1)
        self.problems.append(Problem(self.shown, line, col, message, severity))

    def compose(self) -> yaml.Node | None:
        try:
            text = self.path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            self.problems.append(Problem(self.shown, 1, 1, f"cannot be read: {_reason(exc)}"))
            return None
        if _too_deep(text):
            self.problems.append(Problem(self.shown, 1, 1, f"syntax error: nested more than {MAX_DEPTH} levels deep"))
            return None
        try:
            node = yaml.compose(text, Loader=_Loader)
        except RecursionError:  # the pure-Python composer, when libyaml is missing
            self.problems.append(Problem(self.shown, 1, 1, "syntax error: nested too deeply"))
            return None
        except yaml.MarkedYAMLError as exc:
            self.problems.append(Problem(self.shown, *_syntax_problem(exc, text)))
            return None
        except yaml.reader.ReaderError as exc:  # a character YAML forbids: point at it, in one line
            code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
            at = text.find(chr(code))  # libyaml counts bytes, the Python reader characters: find it again
            line, column = (text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)) if at >= 0 else (1, 1)
            self.problems.append(Problem(self.shown, line, column,
                                         f"syntax error: character U+{code:04X} is not allowed in YAML"))
            return None
        except yaml.YAMLError as exc:
            self.problems.append(Problem(self.shown, 1, 1, "syntax error: " + " ".join(str(exc).split())))
            return None
        # A tag needs a "!"; most rules files have none, and need no walk through every node.
        if node is not None and "!" in text and not self._safe(node):
            return None
        return node

    def _safe(self, node: yaml.Node) -> bool:
        ok = True
        stack = [node]
        seen: set[int] = set()  # anchors make a graph of the tree ("&a [*a]" a cycle); each node is checked once
        while stack:
            current = stack.pop()
            if id(current) in seen:
                continue
            seen.add(id(current))
            if current.tag not in _SAFE_TAGS:
                self.problem(current, f'tag "{_short_tag(current.tag)}" is not allowed: rules are read as plain YAML only')
                ok = False
            if isinstance(current, yaml.SequenceNode):
                stack.extend(current.value)
            elif isinstance(current, yaml.MappingNode):
                for key, value in current.value:
                    stack.extend((key, value))
        return ok

    # typed accessors: each reports a problem and returns None when the node is wrong

    def mapping(self, node: yaml.Node, what: str, allowed: Sequence[str]) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"{what} must be a mapping")
            return None
        out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else str(key.value)
            if name not in allowed:
                self.problem(key, f'{what}: unknown key "{name}"{_did_you_mean(name, allowed)}')
                continue
            if name in out:
                self.problem(key, f'{what}: key "{name}" given twice (first at line {out[name][0].start_mark.line + 1})')
                continue
            out[name] = (key, value)
        return out

    def string(self, node: yaml.Node, what: str) -> str | None:
        if isinstance(node, yaml.ScalarNode) and node.tag != "tag:yaml.org,2002:null" and node.value.strip():
            return node.value.strip()
        self.problem(node, f"{what} must be a non-empty string")
        return None

    def strings(self, node: yaml.Node, what: str) -> list[tuple[str, yaml.Node]]:
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, f"{what} must be a list")
            return []
        out = []
        for item in node.value:
            value = self.string(item, f"{what}: each item")
            if value is not None:
                out.append((value, item))
        return out

    def boolean(self, node: yaml.Node, what: str) -> bool | None:
        value = str(node.value).lower() if isinstance(node, yaml.ScalarNode) else None
        if value in ("true", "yes"):
            return True
        if value in ("false", "no"):
            return False
        self.problem(node, f"{what} must be true or false")
        return None

    def number(self, node: yaml.Node, what: str, low: float = 0.0, high: float = 1.0) -> float | None:
        try:
            value = float(node.value) if isinstance(node, yaml.ScalarNode) else None
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            self.problem(node, f"{what} must be a number from {low:g} to {high:g}")
            return None
        return value

    def date(self, node: yaml.Node, what: str) -> Date | None:
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, f"{what}: dates must be written YYYY-MM-DD")
            return None
        text = node.value
        try:
            return Date.fromisoformat(str(text).strip())
        except ValueError:
            self.problem(node, f'{what}: "{text}" is not a date (use YYYY-MM-DD)')
            return None


def _too_deep(text: str) -> bool:
    """Whether collections nest deeper than MAX_DEPTH; the events are read only when a cheap bound allows it."""
    # Each level takes a "[" or "{", or more indentation or a "- "/"? " at the start of a line.
    bound = text.count("[") + text.count("{") + 2 * max(map(len, _BLOCK_INDENT.findall(text)), default=0) + 2
    if bound <= MAX_DEPTH:
        return False
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):  # libyaml's parser keeps its stack on the heap
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return True
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError as exc:
        # libyaml's scanner may meet its own limit before the parser hands over the events.
        return "maximum nesting depth" in str(exc)  # else composing reports the syntax error with its place
    return False


def _display(path: Path) -> str:
    """The path as the user would type it: relative below the working directory, else absolute."""
    try:
        shown = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path.resolve()) if shown.startswith(os.pardir) else shown


def _reason(exc: BaseException) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return "not UTF-8 text"
    return getattr(exc, "strerror", None) or str(exc)


def _short_tag(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, int, str]:
    """Line, column and message for a YAML syntax error, in the editor's terms rather than the parser's.

    The parser notices a mistake where it stops making sense, often lines after
    the cause: an unclosed quote swallows the lines below it, a tab or a
    misaligned key shows up as "mapping values are not allowed". The message
    points at the cause where it can be found.
    """
    mark = exc.problem_mark or exc.context_mark
    if mark is None:  # pragma: no cover - PyYAML always marks scanner and parser errors
        return 1, 1, f"syntax error: {exc.problem or 'invalid YAML'}"
    problem, context = exc.problem or "invalid YAML", exc.context or ""
    lines = text.splitlines() or [""]
    row = min(mark.line, len(lines) - 1)
    line = lines[row]
    indent = len(line) - len(line.lstrip(" \t"))
    if "\t" in line[:indent] or "tab" in problem or "'\\t'" in problem:
        tab = line.find("\t")
        return row + 1, (tab if tab >= 0 else mark.column) + 1, "syntax error: tab character (indent with spaces)"
    if "quoted scalar" in context and exc.context_mark is not None:
        return exc.context_mark.line + 1, exc.context_mark.column + 1, "syntax error: unclosed quote"
    opened = _unclosed_quote(lines[: row + 1])
    if opened is not None and opened[0] < row:
        return opened[0] + 1, opened[1] + 1, "syntax error: unclosed quote"
    if "flow sequence" in context or "flow mapping" in context:
        bracket = "[" if "sequence" in context else "{"
        where = exc.context_mark or mark
        return where.line + 1, where.column + 1, f'syntax error: unclosed "{bracket}"'
    if "mapping values are not allowed" in problem and ": " in line[indent:mark.column].lstrip("- "):
        return mark.line + 1, mark.column + 1, 'syntax error: a value containing ": " must be quoted'
    if mark.column == indent and mark.line == row or "mapping values are not allowed" in problem:
        return row + 1, indent + 1, "syntax error: bad indentation"
    before = line[: mark.column].rstrip()
    if before.endswith(("\"", "'")):
        return mark.line + 1, mark.column + 1, "syntax error: text after a quoted value (quote the whole value)"
    return mark.line + 1, mark.column + 1, f"syntax error: {problem}"


_QUOTE_START = re.compile(r"""(?:^\s*(?:-\s+)*|:\s+|[\[{,]\s*|-\s+)(["'])""")


def _unclosed_quote(lines: Sequence[str]) -> tuple[int, int] | None:
    """The first quote that opens a value and is not closed on its line, as (row, column)."""
    for row, line in enumerate(lines):
        position = 0
        while True:
            m = _QUOTE_START.search(line, position)
            if m is None or line.lstrip().startswith("#"):
                break
            quote, start = m.group(1), m.start(1)
            end = _closing_quote(line, start, quote)
            if end is None:
                return row, start
            position = end + 1
    return None


def _closing_quote(line: str, start: int, quote: str) -> int | None:
    i = start + 1
    while i < len(line):
        ch = line[i]
        if quote == '"' and ch == "\\":
            i += 2
            continue
        if ch == quote:
            if quote == "'" and line[i + 1: i + 2] == "'":  # '' is an escaped quote
                i += 2
                continue
            return i
        i += 1
    return None


def _did_you_mean(name: str, allowed: Sequence[str], cutoff: float = 0.6) -> str:
    close = difflib.get_close_matches(name, allowed, n=1, cutoff=cutoff)
    return f' (did you mean "{close[0]}"?)' if close else ""


class _EntryDumper(yaml.SafeDumper):
    """The shipped files' layout: block mappings, lists of words in brackets."""


_EntryDumper.add_representer(dict, lambda d, data: d.represent_mapping("tag:yaml.org,2002:map", data.items(),
                                                                       flow_style=False))
_EntryDumper.add_representer(list, lambda d, data: d.represent_sequence(
    "tag:yaml.org,2002:seq", data, flow_style=all(isinstance(x, str) for x in data)))


def entry_yaml(entry: dict[str, object]) -> str:
    """One entities.yaml entry as YAML text, ready to paste at the end of a user's file."""
    return yaml.dump([entry], Dumper=_EntryDumper, sort_keys=False, allow_unicode=True, width=10_000)


# ---------------------------------------------------------------------- entities


@dataclass
class _RoleDraft:
    role: Role
    multiple: bool
    shown: str
    line: int
    column: int


@dataclass
class _EntityDraft:
    id: str
    name: str | None = None
    name_site: AliasSite | None = None
    type: str | None = None
    aliases: list[AliasSite] = field(default_factory=list)
    shared: set[str] = field(default_factory=set)
    roles: list[_RoleDraft] = field(default_factory=list)
    office_refs: list[tuple[str, _File, yaml.Node]] = field(default_factory=list)
    generic: bool = False
    source: str = ""
    line: int = 0


def _read_entities(file: _File, node: yaml.Node, drafts: dict[str, _EntityDraft], sites: list[AliasSite]) -> None:
    if not isinstance(node, yaml.SequenceNode):
        file.problem(node, "entities must be a list of entries starting with \"- id: ...\"")
        return
    seen_here: dict[str, int] = {}
    for item in node.value:
        fields = file.mapping(item, "entity", ENTITY_KEYS)
        if fields is None:
            continue
        if "id" not in fields:
            file.problem(item, 'entity is missing "id"')
            continue
        eid = file.string(fields["id"][1], 'entity "id"')
        if eid is None:
            continue
        what = f'entity "{eid}"'
        if not _ID.match(eid):
            file.problem(fields["id"][1], f'{what}: id must be lower case letters, digits and hyphens')
            continue
        line = item.start_mark.line + 1
        if eid in seen_here:
            file.problem(fields["id"][1], f'duplicate id "{eid}" (first at line {seen_here[eid]})')
            continue
        seen_here[eid] = line
        draft = drafts.get(eid)
        if draft is None:
            draft = drafts[eid] = _EntityDraft(eid, source=file.shown, line=line)
            hint = ""
            if "name" not in fields or "type" not in fields:
                # Most likely an entry meant to extend an earlier layer's entity, with its id misspelled.
                hint = _did_you_mean(eid, [d for d, x in drafts.items() if x.source != file.shown], cutoff=0.85)
            if hint:
                file.problem(item, f'{what}: no earlier entity has this id{hint}; a new entity needs "name" and "type"')
            else:
                if "name" not in fields:
                    file.problem(item, f'{what} is missing "name"')
                if "type" not in fields:
                    file.problem(item, f'{what} is missing "type" (one of {", ".join(ENTITY_TYPES)})')
        if "name" in fields:
            name = file.string(fields["name"][1], f'{what}: "name"')
            if name is not None:
                site = file.site(eid, name, fields["name"][1], "name")
                if draft.name_site is not None and draft.name_site.key != site.key:
                    draft.aliases.append(draft.name_site)  # renamed: articles written before use the old name
                draft.name, draft.name_site = name, site
                sites.append(site)
        if "type" in fields:
            kind = file.string(fields["type"][1], f'{what}: "type"')
            if kind is not None and kind not in ENTITY_TYPES:
                file.problem(fields["type"][1], f'{what}: "type" must be one of {", ".join(ENTITY_TYPES)} (got "{kind}"){_did_you_mean(kind, ENTITY_TYPES)}')
            elif kind is not None:
                draft.type = kind
        for key in ("aliases", "shared_aliases"):
            if key in fields:
                for alias, alias_node in file.strings(fields[key][1], f'{what}: "{key}"'):
                    site = file.site(eid, alias, alias_node)
                    draft.aliases.append(site)
                    sites.append(site)
                    if key == "shared_aliases":
                        draft.shared.add(name_key(alias))
        if "roles" in fields:
            _read_roles(file, fields["roles"][1], what, draft)
        if "generic" in fields:
            flag = file.boolean(fields["generic"][1], f'{what}: "generic"')
            if flag is not None:
                draft.generic = flag


def _read_roles(file: _File, node: yaml.Node, what: str, draft: _EntityDraft) -> None:
    if not isinstance(node, yaml.SequenceNode):
        file.problem(node, f'{what}: "roles" must be a list')
        return
    for item in node.value:
        fields = file.mapping(item, f"{what}: role", ROLE_KEYS)
        if fields is None:
            continue
        if "title" not in fields:
            file.problem(item, f'{what}: role is missing "title"')
            continue
        title = file.string(fields["title"][1], f'{what}: role "title"')
        if title is None:
            continue
        aliases = tuple(a for a, _ in file.strings(fields["aliases"][1], f'{what}: role "aliases"')) if "aliases" in fields else ()
        start = file.date(fields["from"][1], f'{what}: role "{title}"') if "from" in fields else None
        end = file.date(fields["to"][1], f'{what}: role "{title}"') if "to" in fields else None
        if ("from" in fields and start is None) or ("to" in fields and end is None):
            continue
        office = None
        if "office" in fields:
            office = file.string(fields["office"][1], f'{what}: role "office"')
            if office:
                draft.office_refs.append((office, file, fields["office"][1]))
        multiple = None
        if "multiple" in fields:
            multiple = file.boolean(fields["multiple"][1], f'{what}: role "multiple"')
        earlier = _extended_role(draft, title, start, file.shown)
        if earlier is not None:
            # A later layer ends a term, adds aliases or sets the office of a role it does not own.
            old = earlier.role
            start = old.start if start is None else start
            end = old.end if "to" not in fields else end
            aliases = tuple(dict.fromkeys(old.aliases + aliases))
            office = office or old.office
            multiple = earlier.multiple if multiple is None else multiple
            draft.roles.remove(earlier)
        if start and end and end < start:
            file.problem(fields["to"][1] if "to" in fields else item,
                         f'{what}: role "{title}" ends ({end}) before it starts ({start})')
            continue
        role = Role(title=title, aliases=aliases, office=office, start=start, end=end)
        draft.roles.append(_RoleDraft(role, bool(multiple), file.shown, item.start_mark.line + 1, item.start_mark.column + 1))


def _extended_role(draft: _EntityDraft, title: str, start: Date | None, shown: str) -> _RoleDraft | None:
    """The role of an earlier layer that a role entry updates: same title, and no other start date."""
    key = name_key(title)
    earlier = [r for r in draft.roles if r.shown != shown and name_key(r.role.title) == key
               and (start is None or r.role.start == start)]
    return max(earlier, key=lambda r: r.role.start or Date.min) if earlier else None


def _cross_check(drafts: dict[str, _EntityDraft], sites: list[AliasSite], keys: dict[str, str]) -> list[Problem]:
    """Checks that need every layer: alias clashes, overlapping office holders, office ids.

    ``sites`` are in reading order, so a clash is reported where the later
    layer (the file the user is editing) claims a name an earlier one holds.
    """
    problems: list[Problem] = []
    owners: dict[str, AliasSite] = {}
    for site in sites:
        key = keys[site.surface]
        if not key:
            continue
        first = owners.get(key)
        if first is None:
            owners[key] = site
        elif first.entity_id != site.entity_id and key not in drafts[site.entity_id].shared \
                and key not in drafts[first.entity_id].shared:
            spelled = f' as "{first.surface}"' if first.surface != site.surface else ""
            problems.append(Problem(site.path, site.line, site.column,
                                    f'{site.kind} "{site.surface}" already belongs to "{first.entity_id}"{spelled} ({first.place(site.path)})'))
    for draft in drafts.values():
        for office, file, node in draft.office_refs:
            if office not in drafts:
                file.problem(node, f'entity "{draft.id}": office "{office}" is not a known entity id{_did_you_mean(office, list(drafts))}')
    by_title: dict[str, list[tuple[_RoleDraft, str]]] = {}
    for draft in drafts.values():
        for role in draft.roles:
            if not role.multiple:
                by_title.setdefault(name_key(role.role.title), []).append((role, draft.id))
    for holders in by_title.values():
        holders.sort(key=lambda h: (h[0].role.start or Date.min, h[0].line))
        for i, (held, eid) in enumerate(holders):
            for other, other_id in holders[:i]:
                if _overlap(held.role, other.role):
                    where = f"line {other.line}" if other.shown == held.shown else f"{other.shown}:{other.line}"
                    problems.append(Problem(
                        held.shown, held.line, held.column,
                        f'role "{held.role.title}" of "{eid}" ({_period(held.role)}) overlaps that of "{other_id}" ({_period(other.role)}, {where})'))
                    break
    return problems


def _overlap(a: Role, b: Role) -> bool:
    a_start, a_end = a.start or Date.min, a.end or Date.max
    b_start, b_end = b.start or Date.min, b.end or Date.max
    # A handover day (one's "to" equal to the other's "from") is not an overlap.
    return a_start < b_end and b_start < a_end


def _period(role: Role) -> str:
    return f"{role.start or '...'} to {role.end or 'now'}"


def _index(entities: dict[str, Entity], shared: dict[str, set[str]],
           keys: dict[str, str]) -> dict[str, tuple[AliasEntry, ...]]:
    """Every spelling by its normalised key; ``keys`` holds the keys already computed."""
    index: dict[str, list[AliasEntry]] = {}

    def key_of(surface: str) -> str:
        key = keys.get(surface)
        return name_key(surface) if key is None else key

    def add(surface: str, entry: AliasEntry) -> None:
        key = key_of(surface)
        if not key:
            return
        bucket = index.setdefault(key, [])
        if not any(e.entity_id == entry.entity_id and e.kind == entry.kind and e.role == entry.role for e in bucket):
            bucket.append(entry)

    for entity in entities.values():
        add(entity.name, AliasEntry(entity.id, "name", entity.name))
        for alias in entity.aliases:
            add(alias, AliasEntry(entity.id, "alias", alias, shared=key_of(alias) in shared.get(entity.id, ())))
        if entity.type == "person":
            words = key_of(entity.name).split(" ")
            last = words[-1] if len(words) > 1 else None  # the surname: a person's last word
            if last:
                add(last, AliasEntry(entity.id, "surname", last))
        for role in entity.roles:
            add(role.title, AliasEntry(entity.id, "role", role.title, role))
            for alias in role.aliases:
                add(alias, AliasEntry(entity.id, "role", alias, role))
    return {key: tuple(entries) for key, entries in index.items()}


# -------------------------------------------------------------------------- cues


def _read_classes(file: _File, node: yaml.Node, key: str, into: dict[str, str], shape: str,
                  classes: tuple[str, ...] = ()) -> None:
    """A mapping of class: [words] (nominals, given_names) into ``into``, word (lower case) -> class;
    ``classes``, when given, are the only classes allowed."""
    if not isinstance(node, yaml.MappingNode):
        file.problem(node, shape)
        return
    for name, value in node.value:
        if classes and name.value not in classes:
            file.problem(name, f'"{key}" has "{name.value}": the keys are {" and ".join(classes)}')
            continue
        for word, _ in file.strings(value, f"{key}.{name.value}"):
            into[word.lower()] = name.value


def _read_cues(file: _File, node: yaml.Node, acc: dict) -> None:
    fields = file.mapping(node, "cues", CUE_KEYS)
    if fields is None:
        return
    if "speech" in fields:
        speech = file.mapping(fields["speech"][1], "speech", SPEECH_KEYS) or {}
        for kind, (_, value) in speech.items():
            for forms in _form_groups(file, value, f"speech.{kind}"):
                for form in forms:
                    acc["speech"][form] = (forms[0], kind)
    for key in ("according_to", "participle_links", "negation", "conditionals", "titles"):
        if key in fields:
            acc[key].extend(v for v, _ in file.strings(fields[key][1], key))
    if "denial" in fields:
        for forms in _form_groups(file, fields["denial"][1], "denial"):
            for form in forms:
                acc["denial"][form] = forms[0]
    if "hedges" in fields:
        _read_hedges(file, fields["hedges"][1], acc["hedges"])
    if "nominals" in fields:
        _read_classes(file, fields["nominals"][1], "nominals", acc["nominals"],
                      '"nominals" must be a mapping of class: [words]')
    if "given_names" in fields:
        _read_classes(file, fields["given_names"][1], "given_names", acc["given_names"],
                      '"given_names" must be a mapping of female: [names] and male: [names]', ("female", "male"))
    if "blame" in fields:
        _read_blame(file, fields["blame"][1], acc)


def _form_groups(file: _File, node: yaml.Node, what: str) -> Iterator[list[str]]:
    if not isinstance(node, yaml.SequenceNode):
        file.problem(node, f"{what} must be a list of [base, form, ...] lists")
        return
    for item in node.value:
        if isinstance(item, yaml.ScalarNode):
            value = file.string(item, f"{what}: each item")
            if value:
                yield [value.lower()]
            continue
        forms = [v.lower() for v, _ in file.strings(item, what)]
        if forms:
            yield forms


def _read_hedges(file: _File, node: yaml.Node, out: list) -> None:
    if not isinstance(node, yaml.SequenceNode):
        file.problem(node, "hedges must be a list of {phrase: ..., factor: ...}")
        return
    for item in node.value:
        fields = file.mapping(item, "hedge", ("phrase", "factor"))
        if not fields or "phrase" not in fields:
            if fields is not None:
                file.problem(item, 'hedge is missing "phrase"')
            continue
        phrase = file.string(fields["phrase"][1], 'hedge "phrase"')
        factor = file.number(fields["factor"][1], 'hedge "factor"') if "factor" in fields else 0.8
        if phrase and factor is not None:
            out.append((phrase.lower(), factor))


def _read_blame(file: _File, node: yaml.Node, acc: dict) -> None:
    fields = file.mapping(node, "blame", BLAME_KEYS)
    if fields is None:
        return
    for key in ("by_agent", "acts", "wrongs", "motives", "predicates", "pejoratives", "act_stops", "connections",
                "failings"):
        if key in fields:
            acc[key].extend(v.lower() for v, _ in file.strings(fields[key][1], f"blame.{key}"))
    if "verbs" not in fields:
        return
    verbs = fields["verbs"][1]
    if not isinstance(verbs, yaml.SequenceNode):
        file.problem(verbs, "blame.verbs must be a list")
        return
    for item in verbs.value:
        verb = file.mapping(item, "blame verb", BLAME_VERB_KEYS)
        if verb is None:
            continue
        if "forms" not in verb:
            file.problem(item, 'blame verb is missing "forms"')
            continue
        forms = tuple(v.lower() for v, _ in file.strings(verb["forms"][1], 'blame verb "forms"'))
        if not forms:
            continue
        then = tuple(v.lower() for v, _ in file.strings(verb["then"][1], 'blame verb "then"')) if "then" in verb else ()
        until = tuple(v.lower() for v, _ in file.strings(verb["until"][1], 'blame verb "until"')) if "until" in verb else ()
        after = tuple(v.lower() for v, _ in file.strings(verb["object_after"][1], 'blame verb "object_after"')) if "object_after" in verb else ()
        or_after = tuple(v.lower() for v, _ in file.strings(verb["or_after"][1], 'blame verb "or_after"')) if "or_after" in verb else ()
        strength = file.number(verb["strength"][1], 'blame verb "strength"') if "strength" in verb else 0.9
        acc["blame_verbs"].append(BlameVerb(forms[0], forms, then, until, after, strength if strength is not None else 0.9,
                                            or_after))


# ------------------------------------------------------------------------ outlets


def _read_outlets(file: _File, node: yaml.Node, acc: dict) -> None:
    fields = file.mapping(node, "outlets file", OUTLET_FILE_KEYS)
    if fields is None:
        return
    if "outlets" in fields:
        items = fields["outlets"][1]
        if not isinstance(items, yaml.SequenceNode):
            file.problem(items, '"outlets" must be a list')
        else:
            for item in items.value:
                outlet = file.mapping(item, "outlet", OUTLET_KEYS)
                if outlet is None:
                    continue
                if "name" not in outlet:
                    file.problem(item, 'outlet is missing "name"')
                    continue
                name = file.string(outlet["name"][1], 'outlet "name"')
                if not name:
                    continue
                markers = tuple(v for v, _ in file.strings(outlet["markers"][1], f'outlet "{name}": "markers"')) if "markers" in outlet else ()
                patterns = tuple(_patterns(file, outlet["patterns"][1], f'outlet "{name}": "patterns"')) if "patterns" in outlet else ()
                acc["outlets"] = [o for o in acc["outlets"] if o.name != name] + [Outlet(name, markers, patterns)]
    if "credits" in fields:
        acc["credits"].extend(v for v, _ in file.strings(fields["credits"][1], '"credits"'))
    for key in ("boilerplate", "bylines"):
        if key in fields:
            acc[key].extend(_patterns(file, fields[key][1], f'"{key}"'))


def _patterns(file: _File, node: yaml.Node, what: str) -> Iterator[re.Pattern[str]]:
    for text, item in file.strings(node, what):
        try:
            yield re.compile(text, re.IGNORECASE | re.MULTILINE)
        except re.error as exc:
            file.problem(item, f"{what}: invalid regular expression: {exc}")
        except (RecursionError, OverflowError):
            file.problem(item, f"{what}: invalid regular expression: nested too deeply")


# --------------------------------------------------------------------------- load


def rules_dirs(dirs: Iterable[str | os.PathLike[str]] | None = None, *, defaults: bool = True) -> list[Path]:
    """The directories to read, in layering order: the defaults first, then ``dirs``."""
    out = [default_rules_dir()] if defaults else []
    for d in dirs or ():
        path = Path(d)
        if path not in out:
            out.append(path)
    return out


def load_rules(dirs: Iterable[str | os.PathLike[str]] | None = None, *, defaults: bool = True) -> Registry:
    """Read the rules directories (shipped defaults first) into a validated Registry.

    Raises RulesError listing every problem found, sorted by file and line.
    """
    # Reading builds hundreds of thousands of small objects and no reference cycles: the
    # collector's passes over them free nothing and took over half the time of a large registry.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load_rules(dirs, defaults=defaults)
    finally:
        if collecting:
            gc.enable()


def _load_rules(dirs: Iterable[str | os.PathLike[str]] | None, *, defaults: bool) -> Registry:
    problems: list[Problem] = []
    drafts: dict[str, _EntityDraft] = {}
    cue_acc: dict = {"speech": {}, "according_to": [], "participle_links": [], "negation": [], "conditionals": [],
                     "titles": [], "denial": {}, "hedges": [], "nominals": {}, "given_names": {}, "blame_verbs": [], "by_agent": [],
                     "acts": [], "wrongs": [], "motives": [], "predicates": [], "pejoratives": [], "act_stops": [],
                     "connections": [], "failings": []}
    outlet_acc: dict = {"outlets": [], "credits": [], "boilerplate": [], "bylines": []}
    directories = rules_dirs(dirs, defaults=defaults)
    sources = []
    sites: list[AliasSite] = []
    for layer, directory in enumerate(directories):
        if not directory.is_dir():
            shown = _display(directory)
            problems.append(Problem(shown, 0, 0, "rules directory not found (check --rules or ATTRIB_RULES)"))
            continue
        for name in RULE_FILES:
            path = directory / name
            if not path.is_file():
                continue
            file = _File(path, problems, layer)
            sources.append(file.shown)
            node = file.compose()
            if node is None:
                continue
            if name == "entities.yaml":
                _read_entities(file, node, drafts, sites)
            elif name == "cues.yaml":
                _read_cues(file, node, cue_acc)
            else:
                _read_outlets(file, node, outlet_acc)
        unknown = sorted(p.name for p in directory.glob("*.y*ml") if p.name not in RULE_FILES)
        for name in unknown:
            problems.append(Problem(_display(directory / name), 1, 1,
                                    f"unknown rules file (expected one of {', '.join(RULE_FILES)}){_did_you_mean(name, RULE_FILES)}",
                                    "warning"))
    keys = {site.surface: site.key for site in sites}
    problems.extend(_cross_check(drafts, sites, keys))
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise RulesError(errors, [p for p in problems if p.severity != "error"])
    entities: dict[str, Entity] = {}
    shared: dict[str, set[str]] = {}
    for draft in drafts.values():
        if draft.name is None or draft.type is None:
            continue
        aliases = tuple(dict.fromkeys(a.surface for a in draft.aliases))
        entities[draft.id] = Entity(draft.id, draft.name, draft.type, aliases,
                                    tuple(r.role for r in draft.roles), draft.source, draft.line, draft.generic)
        shared[draft.id] = draft.shared
    cues = _cues(cue_acc)
    outlets = Outlets(tuple(outlet_acc["outlets"]), tuple(outlet_acc["credits"]),
                      tuple(outlet_acc["boilerplate"]), tuple(outlet_acc["bylines"]))
    warnings = tuple(sorted(p for p in problems if p.severity != "error"))
    return Registry(entities, _index(entities, shared, keys), cues, outlets, tuple(sources), warnings, tuple(sites))


def _cues(cue_acc: dict) -> Cues:
    cues = Cues(
        speech=cue_acc["speech"],
        according_to=tuple(dict.fromkeys(a.lower() for a in cue_acc["according_to"])),
        participle_links=frozenset(w.lower() for w in cue_acc["participle_links"]),
        blame_verbs=tuple(cue_acc["blame_verbs"]),
        by_agent=tuple(dict.fromkeys(cue_acc["by_agent"])),
        acts=tuple(dict.fromkeys(cue_acc["acts"] + cue_acc["wrongs"])),
        wrongs=frozenset(cue_acc["wrongs"]),
        motives=tuple(dict.fromkeys(cue_acc["motives"])),
        predicates=tuple(dict.fromkeys(cue_acc["predicates"])),
        pejoratives=frozenset(cue_acc["pejoratives"]),
        act_stops=frozenset(cue_acc["act_stops"]),
        connections=tuple(dict.fromkeys(cue_acc["connections"])),
        failings=frozenset(cue_acc["failings"]),
        denials=cue_acc["denial"],
        negations=tuple(dict.fromkeys(w.lower() for w in cue_acc["negation"])),
        conditionals=tuple(dict.fromkeys(w.lower() for w in cue_acc["conditionals"])),
        hedges=tuple(cue_acc["hedges"]),
        titles=tuple(dict.fromkeys(cue_acc["titles"])),
        nominals=cue_acc["nominals"],
        given_names=cue_acc["given_names"],
    )
    return Cues(
        **{f: getattr(cues, f) for f in (
            "speech", "according_to", "participle_links", "blame_verbs", "by_agent", "acts", "wrongs", "motives",
            "predicates", "pejoratives", "act_stops", "connections", "failings", "denials", "negations", "conditionals",
            "hedges", "titles", "nominals", "given_names")},
        speech_index=PhraseIndex(cues.speech.items()),
        according_index=PhraseIndex((p, p) for p in cues.according_to),
        blame_index=PhraseIndex((form, verb) for verb in cues.blame_verbs for form in verb.forms),
        by_agent_index=PhraseIndex((p, p) for p in cues.by_agent),
        acts_index=PhraseIndex((p, p) for p in cues.acts),
        predicates_index=PhraseIndex((p, p) for p in cues.predicates),
        motives_index=PhraseIndex((p, p) for p in cues.motives),
        connections_index=PhraseIndex((p, p) for p in cues.connections),
        denial_index=PhraseIndex(cues.denials.items()),
        negation_index=PhraseIndex((p, p) for p in cues.negations),
        conditional_index=PhraseIndex((p, p) for p in cues.conditionals),
        hedge_index=PhraseIndex((p, (p, f)) for p, f in cues.hedges),
        nominal_index=PhraseIndex(cues.nominals.items()),
    )
