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
import os
import re
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path
from typing import Iterable, Iterator, Sequence

import yaml

from .errors import Problem, RulesError
from .model import Entity, Role
from .names import name_key, surname
from .tokens import PhraseIndex

try:  # libyaml is much faster on large registries; both keep node positions.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

ENTITY_TYPES = ("person", "organization", "government", "group", "label", "people", "media")
ENTITY_KEYS = ("id", "name", "type", "aliases", "shared_aliases", "roles", "generic", "note")
ROLE_KEYS = ("title", "aliases", "office", "from", "to", "multiple")
CUE_KEYS = ("speech", "according_to", "participle_links", "blame", "denial", "negation",
            "conditionals", "hedges", "titles", "nominals")
SPEECH_KEYS = ("clause", "report", "object", "naming", "addressee", "request")
BLAME_KEYS = ("verbs", "by_agent", "acts", "predicates", "act_stops", "connections")
BLAME_VERB_KEYS = ("forms", "then", "until", "object_after", "strength")
OUTLET_FILE_KEYS = ("outlets", "credits", "boilerplate", "bylines")
OUTLET_KEYS = ("name", "markers", "patterns")
RULE_FILES = ("entities.yaml", "cues.yaml", "outlets.yaml")

_SAFE_TAGS = {
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp", "binary", "merge")
}
_ID = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
# libyaml composes nodes by recursion in C: nesting tens of thousands deep overflows the stack (a
# crash, not an exception), so deeper files are refused before they are composed.
MAX_DEPTH = 2000
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
class BlameVerb:
    lemma: str
    forms: tuple[str, ...]
    then: tuple[str, ...] = ()
    until: tuple[str, ...] = ()
    object_after: tuple[str, ...] = ()
    strength: float = 0.9


@dataclass(frozen=True)
class Cues:
    """Cue words by function; every form is lower case."""

    speech: dict[str, tuple[str, str]] = field(default_factory=dict)  # form -> (lemma, kind)
    according_to: tuple[str, ...] = ()
    participle_links: frozenset[str] = frozenset()
    blame_verbs: tuple[BlameVerb, ...] = ()
    by_agent: tuple[str, ...] = ()
    acts: tuple[str, ...] = ()
    predicates: tuple[str, ...] = ()
    act_stops: frozenset[str] = frozenset()
    connections: tuple[str, ...] = ()
    denials: dict[str, str] = field(default_factory=dict)
    negations: tuple[str, ...] = ()
    conditionals: tuple[str, ...] = ()
    hedges: tuple[tuple[str, float], ...] = ()
    titles: tuple[str, ...] = ()
    nominals: dict[str, str] = field(default_factory=dict)  # word -> class (spokesman, office, ...)
    # Prepared for matching word by word (built by load_rules from the lists above).
    speech_index: PhraseIndex = field(default_factory=PhraseIndex)
    according_index: PhraseIndex = field(default_factory=PhraseIndex)
    blame_index: PhraseIndex = field(default_factory=PhraseIndex)
    by_agent_index: PhraseIndex = field(default_factory=PhraseIndex)
    acts_index: PhraseIndex = field(default_factory=PhraseIndex)
    predicates_index: PhraseIndex = field(default_factory=PhraseIndex)
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

    def entries(self, text: str) -> tuple[AliasEntry, ...]:
        return self.aliases.get(name_key(text), ())


# ------------------------------------------------------------------ YAML reading


class _File:
    """One rules file being read: its display path and the problems found in it."""

    def __init__(self, path: Path, problems: list[Problem]):
        self.path = path
        self.shown = _display(path)
        self.problems = problems

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
            mark = exc.problem_mark or exc.context_mark
            line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            self.problems.append(Problem(self.shown, line, col, _syntax_message(exc)))
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
        if node is not None and not self._safe(node):
            return None
        return node

    def _safe(self, node: yaml.Node) -> bool:
        ok = True
        stack = [node]
        seen: set[int] = set()  # aliases share nodes: "&a [*a]" is a cycle, nested aliases a "billion laughs"
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
            value = self.string(item, f"each of {what}")
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
        text = node.value if isinstance(node, yaml.ScalarNode) else None
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
    except yaml.YAMLError:
        return False  # composing reports the syntax error with its place
    return False


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return "not UTF-8 text"
    return getattr(exc, "strerror", None) or str(exc)


def _short_tag(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag


def _syntax_message(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or "invalid YAML"
    if "'\\t'" in problem or "\\t" in problem:
        return "syntax error: tab character (indent with spaces)"
    if "end of the stream" in problem and "quoted" in (exc.context or ""):
        return "syntax error: unclosed quote"
    if exc.context and "quoted scalar" in exc.context:
        return "syntax error: unclosed quote"
    return f"syntax error: {problem}"


def _did_you_mean(name: str, allowed: Sequence[str]) -> str:
    close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""


# ---------------------------------------------------------------------- entities


@dataclass
class _EntityDraft:
    id: str
    name: str | None = None
    type: str | None = None
    aliases: list[tuple[str, str, int]] = field(default_factory=list)  # surface, file, line
    shared: set[str] = field(default_factory=set)
    roles: list[tuple[Role, str, int]] = field(default_factory=list)
    office_refs: list[tuple[str, _File, yaml.Node]] = field(default_factory=list)
    generic: bool = False
    source: str = ""
    line: int = 0


def _read_entities(file: _File, node: yaml.Node, drafts: dict[str, _EntityDraft]) -> None:
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
            if "name" not in fields:
                file.problem(item, f'{what} is missing "name"')
            if "type" not in fields:
                file.problem(item, f'{what} is missing "type" (one of {", ".join(ENTITY_TYPES)})')
        if "name" in fields:
            name = file.string(fields["name"][1], f'{what}: "name"')
            if name is not None:
                draft.name = name
        if "type" in fields:
            kind = file.string(fields["type"][1], f'{what}: "type"')
            if kind is not None and kind not in ENTITY_TYPES:
                file.problem(fields["type"][1], f'{what}: "type" must be one of {", ".join(ENTITY_TYPES)} (got "{kind}"){_did_you_mean(kind, ENTITY_TYPES)}')
            elif kind is not None:
                draft.type = kind
        if "aliases" in fields:
            for alias, alias_node in file.strings(fields["aliases"][1], f'{what}: "aliases"'):
                draft.aliases.append((alias, file.shown, alias_node.start_mark.line + 1))
        if "shared_aliases" in fields:
            for alias, alias_node in file.strings(fields["shared_aliases"][1], f'{what}: "shared_aliases"'):
                draft.shared.add(name_key(alias))
                draft.aliases.append((alias, file.shown, alias_node.start_mark.line + 1))
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
        if start and end and end < start:
            file.problem(fields["to"][1], f'{what}: role "{title}" ends ({end}) before it starts ({start})')
            continue
        office = None
        if "office" in fields:
            office = file.string(fields["office"][1], f'{what}: role "office"')
            if office:
                draft.office_refs.append((office, file, fields["office"][1]))
        multiple = "multiple" in fields and bool(file.boolean(fields["multiple"][1], f'{what}: role "multiple"'))
        role = Role(title=title, aliases=aliases, office=office, start=start, end=end)
        draft.roles.append((role, file.shown, item.start_mark.line + 1))
        if multiple:
            draft.shared.add("\0role:" + name_key(title))


def _cross_check(drafts: dict[str, _EntityDraft], files: dict[str, _File]) -> None:
    """Checks that need every layer: alias clashes, overlapping office holders, office ids."""
    owners: dict[str, tuple[str, str, int, str]] = {}  # key -> (entity id, file, line, surface)
    for draft in drafts.values():
        names = ([(draft.name, draft.source, draft.line)] if draft.name else []) + draft.aliases
        for surface, shown, line in names:
            key = name_key(surface)
            if not key:
                continue
            first = owners.get(key)
            if first is None:
                owners[key] = (draft.id, shown, line, surface)
            elif first[0] != draft.id and key not in draft.shared and key not in drafts[first[0]].shared:
                where = f"line {first[2]}" if first[1] == shown else f"{first[1]}:{first[2]}"
                files[shown].problems.append(Problem(shown, line, 1, f'alias "{surface}" already belongs to "{first[0]}" ({where})'))
        for office, file, node in draft.office_refs:
            if office not in drafts:
                file.problem(node, f'entity "{draft.id}": office "{office}" is not a known entity id{_did_you_mean(office, list(drafts))}')
    by_title: dict[str, list[tuple[Role, str, str, int]]] = {}
    for draft in drafts.values():
        for role, shown, line in draft.roles:
            key = name_key(role.title)
            if "\0role:" + key in draft.shared:
                continue
            by_title.setdefault(key, []).append((role, draft.id, shown, line))
    for holders in by_title.values():
        holders.sort(key=lambda h: (h[0].start or Date.min, h[3]))
        for i, (role, eid, shown, line) in enumerate(holders):
            for other, other_id, other_shown, other_line in holders[:i]:
                if _overlap(role, other):
                    where = f"line {other_line}" if other_shown == shown else f"{other_shown}:{other_line}"
                    files[shown].problems.append(Problem(
                        shown, line, 1,
                        f'role "{role.title}" of "{eid}" ({_period(role)}) overlaps that of "{other_id}" ({_period(other)}, {where})'))
                    break


def _overlap(a: Role, b: Role) -> bool:
    a_start, a_end = a.start or Date.min, a.end or Date.max
    b_start, b_end = b.start or Date.min, b.end or Date.max
    # A handover day (one's "to" equal to the other's "from") is not an overlap.
    return a_start < b_end and b_start < a_end


def _period(role: Role) -> str:
    return f"{role.start or '...'} to {role.end or 'now'}"


def _index(entities: dict[str, Entity], shared: dict[str, set[str]]) -> dict[str, tuple[AliasEntry, ...]]:
    index: dict[str, list[AliasEntry]] = {}

    def add(surface: str, entry: AliasEntry) -> None:
        key = name_key(surface)
        if not key:
            return
        bucket = index.setdefault(key, [])
        if not any(e.entity_id == entry.entity_id and e.kind == entry.kind and e.role == entry.role for e in bucket):
            bucket.append(entry)

    for entity in entities.values():
        add(entity.name, AliasEntry(entity.id, "name", entity.name))
        for alias in entity.aliases:
            add(alias, AliasEntry(entity.id, "alias", alias, shared=name_key(alias) in shared.get(entity.id, ())))
        if entity.type == "person":
            last = surname(entity.name)
            if last:
                add(last, AliasEntry(entity.id, "surname", last))
        for role in entity.roles:
            add(role.title, AliasEntry(entity.id, "role", role.title, role))
            for alias in role.aliases:
                add(alias, AliasEntry(entity.id, "role", alias, role))
    return {key: tuple(entries) for key, entries in index.items()}


# -------------------------------------------------------------------------- cues


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
        nominals = fields["nominals"][1]
        if isinstance(nominals, yaml.MappingNode):
            for key, value in nominals.value:
                for word, _ in file.strings(value, f"nominals.{key.value}"):
                    acc["nominals"][word.lower()] = key.value
        else:
            file.problem(nominals, '"nominals" must be a mapping of class: [words]')
    if "blame" in fields:
        _read_blame(file, fields["blame"][1], acc)


def _form_groups(file: _File, node: yaml.Node, what: str) -> Iterator[list[str]]:
    if not isinstance(node, yaml.SequenceNode):
        file.problem(node, f"{what} must be a list of [base, form, ...] lists")
        return
    for item in node.value:
        if isinstance(item, yaml.ScalarNode):
            value = file.string(item, f"each of {what}")
            if value:
                yield [value.lower()]
            continue
        forms = [v.lower() for v, _ in file.strings(item, f"each of {what}")]
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
    for key in ("by_agent", "acts", "predicates", "act_stops", "connections"):
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
        strength = file.number(verb["strength"][1], 'blame verb "strength"') if "strength" in verb else 0.9
        acc["blame_verbs"].append(BlameVerb(forms[0], forms, then, until, after, strength if strength is not None else 0.9))


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
    problems: list[Problem] = []
    files: dict[str, _File] = {}
    drafts: dict[str, _EntityDraft] = {}
    cue_acc: dict = {"speech": {}, "according_to": [], "participle_links": [], "negation": [], "conditionals": [],
                     "titles": [], "denial": {}, "hedges": [], "nominals": {}, "blame_verbs": [], "by_agent": [],
                     "acts": [], "predicates": [], "act_stops": [], "connections": []}
    outlet_acc: dict = {"outlets": [], "credits": [], "boilerplate": [], "bylines": []}
    directories = rules_dirs(dirs, defaults=defaults)
    sources = []
    for directory in directories:
        if not directory.is_dir():
            shown = _display(directory)
            problems.append(Problem(shown, 0, 0, "rules directory not found (check --rules or ATTRIB_RULES)"))
            continue
        for name in RULE_FILES:
            path = directory / name
            if not path.is_file():
                continue
            file = _File(path, problems)
            files[file.shown] = file
            sources.append(file.shown)
            node = file.compose()
            if node is None:
                continue
            if name == "entities.yaml":
                _read_entities(file, node, drafts)
            elif name == "cues.yaml":
                _read_cues(file, node, cue_acc)
            else:
                _read_outlets(file, node, outlet_acc)
        unknown = sorted(p.name for p in directory.glob("*.y*ml") if p.name not in RULE_FILES)
        for name in unknown:
            problems.append(Problem(_display(directory / name), 1, 1,
                                    f"unknown rules file (expected one of {', '.join(RULE_FILES)}){_did_you_mean(name, RULE_FILES)}",
                                    "warning"))
    _cross_check(drafts, files)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise RulesError(errors)
    entities: dict[str, Entity] = {}
    shared: dict[str, set[str]] = {}
    for draft in drafts.values():
        if draft.name is None or draft.type is None:
            continue
        aliases = tuple(dict.fromkeys(a for a, _, _ in draft.aliases))
        entities[draft.id] = Entity(draft.id, draft.name, draft.type, aliases,
                                    tuple(r for r, _, _ in draft.roles), draft.source, draft.line, draft.generic)
        shared[draft.id] = draft.shared
    cues = _cues(cue_acc)
    outlets = Outlets(tuple(outlet_acc["outlets"]), tuple(outlet_acc["credits"]),
                      tuple(outlet_acc["boilerplate"]), tuple(outlet_acc["bylines"]))
    warnings = tuple(sorted(p for p in problems if p.severity != "error"))
    return Registry(entities, _index(entities, shared), cues, outlets, tuple(sources), warnings)


def _cues(cue_acc: dict) -> Cues:
    cues = Cues(
        speech=cue_acc["speech"],
        according_to=tuple(dict.fromkeys(a.lower() for a in cue_acc["according_to"])),
        participle_links=frozenset(w.lower() for w in cue_acc["participle_links"]),
        blame_verbs=tuple(cue_acc["blame_verbs"]),
        by_agent=tuple(dict.fromkeys(cue_acc["by_agent"])),
        acts=tuple(dict.fromkeys(cue_acc["acts"])),
        predicates=tuple(dict.fromkeys(cue_acc["predicates"])),
        act_stops=frozenset(cue_acc["act_stops"]),
        connections=tuple(dict.fromkeys(cue_acc["connections"])),
        denials=cue_acc["denial"],
        negations=tuple(dict.fromkeys(w.lower() for w in cue_acc["negation"])),
        conditionals=tuple(dict.fromkeys(w.lower() for w in cue_acc["conditionals"])),
        hedges=tuple(cue_acc["hedges"]),
        titles=tuple(dict.fromkeys(cue_acc["titles"])),
        nominals=cue_acc["nominals"],
    )
    return Cues(
        **{f: getattr(cues, f) for f in (
            "speech", "according_to", "participle_links", "blame_verbs", "by_agent", "acts", "predicates", "act_stops",
            "connections", "denials", "negations", "conditionals", "hedges", "titles", "nominals")},
        speech_index=PhraseIndex(cues.speech.items()),
        according_index=PhraseIndex((p, p) for p in cues.according_to),
        blame_index=PhraseIndex((form, verb) for verb in cues.blame_verbs for form in verb.forms),
        by_agent_index=PhraseIndex((p, p) for p in cues.by_agent),
        acts_index=PhraseIndex((p, p) for p in cues.acts),
        predicates_index=PhraseIndex((p, p) for p in cues.predicates),
        connections_index=PhraseIndex((p, p) for p in cues.connections),
        denial_index=PhraseIndex(cues.denials.items()),
        negation_index=PhraseIndex((p, p) for p in cues.negations),
        conditional_index=PhraseIndex((p, p) for p in cues.conditionals),
        hedge_index=PhraseIndex((p, (p, f)) for p, f in cues.hedges),
        nominal_index=PhraseIndex(cues.nominals.items()),
    )
