"""Fuzz targets: the article parser (every input path) and the rules loader.

A target fails when attrib raises anything but its own errors, hangs, or
reports a span that is not the article's text. Run them (see README,
"Development"):

    python tests/fuzz/fuzz_attrib.py inputs --examples 50000       # Hypothesis: no extra install
    python tests/fuzz/fuzz_attrib.py rules --examples 20000
    pip install atheris                                             # optional: coverage-guided
    python tests/fuzz/fuzz_attrib.py rules --atheris -max_total_time=600

With ``--atheris`` the same Hypothesis strategies are driven by libFuzzer's
coverage feedback (``fuzz_one_input``), so inputs stay structured: YAML
documents with the rules' own keys, articles with quotes and cue words.
tests/test_fuzz.py runs each target briefly in every test run.
"""
from __future__ import annotations

import argparse
import gzip
import io
import json
import re
import sys
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for the property-test strategies

import attrib  # noqa: E402
from attrib.pipeline import analyze_paths  # noqa: E402
from attrib.rules import (BLAME_KEYS, BLAME_VERB_KEYS, CUE_KEYS, ENTITY_KEYS, ENTITY_TYPES,  # noqa: E402
                          OUTLET_FILE_KEYS, OUTLET_KEYS, ROLE_KEYS, SPEECH_KEYS)
from test_properties import REGISTRY, TEXT, check_spans  # noqa: E402

SUFFIXES = (".txt", ".md", ".jsonl", ".txt.gz", ".jsonl.gz", "")
PROBLEM = re.compile(r"^[^\n]+?:(?:\d+:\d+: )?.+$")  # yamllint's path:line:col: message, or path: message
PROBE = ("Iran News / Baghdad, 2020-12-21\n\nWashington blamed Tehran for the attack, the embassy said. "
         "“It was a crime by the outlaws,” Kadhimi said, according to the U.S. statement. He added that "
         "the attack, initiated by Iran-backed militias, had failed.\n")

# ------------------------------------------------------------------ inputs

_ENCODED = st.one_of(
    st.binary(max_size=600),
    TEXT.map(lambda t: t.encode("utf-8")),
    TEXT.map(lambda t: t.encode("utf-16")),
    TEXT.map(lambda t: t.encode("utf-16-le")),
    TEXT.map(lambda t: t.encode("utf-32")),
    TEXT.map(lambda t: t.encode("cp1252", "replace")),
    TEXT.map(lambda t: b"\xef\xbb\xbf" + t.encode("utf-8")),
)
_RECORD = st.fixed_dictionaries({"text": st.one_of(TEXT, st.integers(), st.none(), st.lists(st.integers()))},
                                optional={"id": st.text(max_size=8), "outlet": st.text(max_size=8),
                                          "date": st.text(max_size=12), "title": TEXT})
def _json_line(record: dict) -> bytes:
    return json.dumps(record, ensure_ascii=False).encode("utf-8", "surrogatepass")


_CORPUS = st.lists(st.one_of(_RECORD.map(_json_line), _RECORD.map(_json_line).map(lambda b: b[: len(b) // 2]),
                             st.binary(max_size=40), _ENCODED), max_size=6).map(b"\n".join)
INPUT = st.tuples(st.one_of(_ENCODED, _CORPUS), st.sampled_from(SUFFIXES), st.booleans())


def check_input(data: bytes, suffix: str, stdin: bool) -> None:
    """Bytes as a file (or on stdin) through the whole pipeline: outcomes only, spans where they belong."""
    if suffix.endswith(".gz") and not stdin:
        data = gzip.compress(data)
    with tempfile.TemporaryDirectory() as directory:
        if stdin:
            outcomes = list(analyze_paths(["-"], REGISTRY, stdin=io.BytesIO(data)))
        else:
            path = Path(directory) / f"input{suffix}"
            path.write_bytes(data)
            outcomes = list(analyze_paths([str(path)], REGISTRY))
    assert outcomes, "every input gives at least one outcome"
    for outcome in outcomes:
        if outcome.analysis is None:
            assert outcome.error and "\n" not in outcome.error, outcome
        else:
            check_spans(outcome.analysis.article.text, outcome.analysis)


# ------------------------------------------------------------------- rules

_SCALAR = st.one_of(st.text(max_size=20), st.sampled_from(["", "null", "~", "yes", "0.5", "1.5", "nan", "2020-13-01",
                                                           "2020-05-07", "(", "[a-", "\\", "*", "?"]),
                    st.integers(), st.floats(allow_nan=True), st.booleans(), st.none())


def _node(keys: tuple[str, ...]):
    """Mappings with the rules' own keys (and near misses), lists and scalars, a few levels deep."""
    key = st.one_of(st.sampled_from(keys), st.sampled_from([k + "s" for k in keys] + [k[:-1] for k in keys]),
                    st.text(max_size=6))
    return st.recursive(_SCALAR, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                           st.dictionaries(key, inner, max_size=5)), max_leaves=25)


_ALL_KEYS = (ENTITY_KEYS + ROLE_KEYS + CUE_KEYS + SPEECH_KEYS + BLAME_KEYS + BLAME_VERB_KEYS + OUTLET_FILE_KEYS
             + OUTLET_KEYS + ("phrase", "factor"))
_ENTITY = st.fixed_dictionaries(
    {"id": st.one_of(st.sampled_from(["a", "b", "iran", "x-y"]), st.text(max_size=6)),
     "name": st.one_of(st.sampled_from(["Iran", "Tehran", "Mustafa al-Kadhimi", "the premier"]), _SCALAR),
     "type": st.one_of(st.sampled_from(ENTITY_TYPES), _SCALAR)},
    optional={k: _node(_ALL_KEYS) for k in ("aliases", "shared_aliases", "roles", "generic", "note")}
    | {"roles": st.lists(st.fixed_dictionaries({"title": _SCALAR},
                                               optional={k: _node(ROLE_KEYS) for k in ROLE_KEYS if k != "title"}),
                         max_size=3)},
)
# Well-formed rules with odd words: they load, and then drive the stages with cues such as "," or "the".
_WORD = st.one_of(st.sampled_from(["said", "the", "blame", "for", "by", ",", "“", "'s", "al-", "U.S.", "Iran", "he",
                                   "attack", "according to", "of", "-", "...", "é", "Ⅻ", "ǅ"]),
                  st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=8).filter(str.strip))
_WORDS = st.lists(_WORD, min_size=1, max_size=4)
_DAY = st.dates().map(str)
_REGEX = st.sampled_from(["^Advertisement$", r"(?P<outlet>[A-Z]\w+) News", r"\bRead more\b", "(?i)share", ".*", "^$", "a|"])
_VALID_ENTITY = st.fixed_dictionaries(
    {"id": st.from_regex(r"\A[a-z0-9][a-z0-9-]{0,6}\Z"), "name": _WORD, "type": st.sampled_from(ENTITY_TYPES)},
    optional={"aliases": _WORDS, "shared_aliases": _WORDS, "generic": st.booleans(),
              "roles": st.lists(st.fixed_dictionaries({"title": _WORD}, optional={
                  "aliases": _WORDS, "from": _DAY, "to": _DAY, "multiple": st.booleans()}), max_size=2)})
_VALID_CUES = st.fixed_dictionaries({}, optional={
    "speech": st.fixed_dictionaries({}, optional={k: st.lists(_WORDS, max_size=3) for k in SPEECH_KEYS}),
    "according_to": _WORDS, "participle_links": _WORDS, "negation": _WORDS, "conditionals": _WORDS, "titles": _WORDS,
    "denial": st.lists(_WORDS, max_size=3),
    "hedges": st.lists(st.fixed_dictionaries({"phrase": _WORD}, optional={"factor": st.floats(0, 1)}), max_size=3),
    "nominals": st.dictionaries(st.sampled_from(["spokesman", "office", "statement", "official"]), _WORDS, max_size=2),
    "blame": st.fixed_dictionaries({}, optional={
        "verbs": st.lists(st.fixed_dictionaries({"forms": _WORDS}, optional={
            "then": _WORDS, "until": _WORDS, "object_after": _WORDS, "strength": st.floats(0, 1)}), max_size=3),
        "by_agent": _WORDS, "acts": _WORDS, "act_stops": _WORDS, "connections": _WORDS}),
})
_VALID_OUTLETS = st.fixed_dictionaries({}, optional={
    "outlets": st.lists(st.fixed_dictionaries({"name": _WORD}, optional={
        "markers": _WORDS, "patterns": st.lists(_REGEX, max_size=2)}), max_size=3),
    "credits": _WORDS, "boilerplate": st.lists(_REGEX, max_size=2), "bylines": st.lists(_REGEX, max_size=2)})
_DOCUMENTS = {
    "entities.yaml": st.one_of(st.lists(_VALID_ENTITY, max_size=5), st.lists(_ENTITY, max_size=5),
                               _node(ENTITY_KEYS)),
    "cues.yaml": st.one_of(_VALID_CUES, _node(_ALL_KEYS)),
    "outlets.yaml": st.one_of(_VALID_OUTLETS, _node(_ALL_KEYS)),
}
# Raw YAML spliced into the dumped text: anchors and aliases, tags, tabs, directives, flow debris.
_SPLICES = st.sampled_from(["&a ", "*a", "&a [*a]", "!!python/object/apply:os.system [ls]", "!!binary aGk=", "!!set {a}",
                            "\t", "<<: *a\n", "? ", "---\n", "...\n", "%YAML 1.1\n---\n", "[", "]", "{", "}", '"', "'",
                            ": ", "- ", "\n  ", "#", "\x00", "\ufeff", "\u2028", "|\n  x", ">-\n  y"])


def _with_splices(text: str, splices: list[tuple[int, str]]) -> str:
    for position, piece in splices:
        at = position % (len(text) + 1)
        text = text[:at] + piece + text[at:]
    return text


RULES = st.fixed_dictionaries({}, optional={
    name: st.tuples(document, st.one_of(st.just([]), st.lists(st.tuples(st.integers(0, 10_000), _SPLICES), max_size=4)))
    for name, document in _DOCUMENTS.items()})


def check_rules(files: dict[str, tuple[object, list[tuple[int, str]]]]) -> None:
    """Rules files load into a registry or raise RulesError with one yamllint-style line per problem;
    a registry that loads, however odd, analyses an article without raising."""
    with tempfile.TemporaryDirectory() as directory:
        for name, (document, splices) in files.items():
            text = _with_splices(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), splices)
            (Path(directory) / name).write_text(text, encoding="utf-8", errors="surrogatepass")
        for defaults in (False, True):
            try:
                registry = attrib.load_rules([directory], defaults=defaults)
            except attrib.RulesError as exc:
                assert exc.problems, "a RulesError names its problems"
                for line in str(exc).split("\n"):
                    assert PROBLEM.match(line), line
                continue
            check_spans(PROBE, attrib.analyze_text(PROBE, registry))


# ------------------------------------------------------------------ running

fuzz_inputs = given(INPUT)(lambda case: check_input(*case))
fuzz_rules = given(RULES)(check_rules)
TARGETS = {"inputs": fuzz_inputs, "rules": fuzz_rules}


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("target", choices=sorted(TARGETS))
    parser.add_argument("--examples", type=int, default=10_000, help="Hypothesis examples to run (default 10000)")
    parser.add_argument("--atheris", action="store_true", help="drive the target with atheris (libFuzzer); "
                        "the arguments after it go to libFuzzer, e.g. -max_total_time=600")
    args, rest = parser.parse_known_args(argv)
    target = TARGETS[args.target]
    if args.atheris:
        import atheris  # optional: pip install atheris

        atheris.instrument_all()
        atheris.Setup([sys.argv[0], *rest], target.hypothesis.fuzz_one_input)
        atheris.Fuzz()
        return
    settings(max_examples=args.examples, deadline=None, database=None,
             suppress_health_check=list(HealthCheck))(target)()
    print(f"{args.target}: {args.examples} examples, no failure")


if __name__ == "__main__":
    main(sys.argv[1:])
