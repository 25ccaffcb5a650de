"""The compiled build (mypyc, see setup.py) behaves as the pure-Python one does.

These pass trivially in places in a pure-Python install; they are here for the
compiled one, which CI installs: mypyc's native classes refuse to be
unpickled when frozen, its inline ``str.lower`` misses the final sigma, and
compiled functions refuse arguments of types they do not declare.
"""
from __future__ import annotations

import ast
import copy
import pickle
from pathlib import Path

import attrib
from attrib.compiled import compiled_modules
from attrib.load import iter_sources
from attrib.names import name_key
from attrib.pipeline import analyze_paths
from attrib.resolve import Resolver

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "02_capital-dispatch_us-blames-militias.txt"


def compiled_by_setup() -> list[str]:
    """The modules setup.py hands to mypyc, as module names."""
    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    listed = next(node.value for node in tree.body if isinstance(node, ast.Assign)
                  and any(isinstance(t, ast.Name) and t.id == "COMPILED" for t in node.targets))
    return sorted(path.removesuffix(".py").replace("/", ".") for path in ast.literal_eval(listed))


def test_every_listed_module_is_compiled_or_none_is():
    # mypyc's modules share one library: a partly compiled install would be a broken build.
    assert compiled_modules() in ([], compiled_by_setup())


def test_records_handed_out_survive_pickling_and_copying(registry):
    resolver = Resolver(registry)
    records = [
        attrib.analyze_text(SAMPLE.read_text(encoding="utf-8"), registry),
        next(iter_sources([str(SAMPLE)])),
        next(analyze_paths([str(SAMPLE)], registry)),
        resolver.explain("Kathimi"),
        resolver.fuzzy_candidates("Kathimi")[0],
    ]
    for record in records:
        assert pickle.loads(pickle.dumps(record)) == record, type(record).__name__
        assert copy.copy(record) == record == copy.deepcopy(record), type(record).__name__


def test_name_keys_lower_case_greek_capitals_with_the_final_sigma():
    assert name_key("ΝΙΚΟΣ ΠΑΠΑΣ") == "νικος παπας" == "ΝΙΚΟΣ ΠΑΠΑΣ".lower()


def test_paths_may_be_given_as_path_objects(registry):
    by_name = [o.analysis for o in analyze_paths([str(SAMPLE), str(ROOT / "samples")], registry)]
    by_path = [o.analysis for o in analyze_paths([SAMPLE, ROOT / "samples"], registry)]
    assert by_path == by_name and len(by_name) > 2 and all(by_name)
