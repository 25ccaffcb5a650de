"""Build attrib, compiling the per-article stages to C extensions with mypyc where possible.

The metadata lives in setup.cfg; this file only adds the compiled modules.
They run the same code about 1.5 times as fast. ``ATTRIB_PURE_PYTHON=1``
skips compiling, and a build that cannot compile (no mypyc, no C compiler,
code mypyc refuses) installs the pure-Python modules, which are always
shipped beside the extensions.
"""
from __future__ import annotations

import os
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

# The stages every article goes through. Not compiled: model.py, so that the records the library hands
# out (Analysis, Claim, ...) stay plain dataclasses in both builds, picklable and copyable, at a cost
# within the noise; rules.py, which runs once per process (and its yaml loader subclass crashed when
# compiled); and the command line, rendering and batch layers, which gain nothing.
COMPILED = ["attrib/names.py", "attrib/tokens.py", "attrib/segment.py", "attrib/load.py", "attrib/claims.py",
            "attrib/resolve.py", "attrib/blame.py", "attrib/confidence.py", "attrib/pipeline.py"]


def note(text: str) -> None:
    print(f"attrib: {text}; installing the pure-Python modules", file=sys.stderr)


class OptionalBuildExt(build_ext):
    """Compile every extension or none: a failed C compilation leaves the pure-Python modules in place.

    All or none, because mypyc's per-module extensions import one shared library.
    """

    def run(self) -> None:
        try:
            super().run()
        except Exception as exc:  # noqa: BLE001 - any failure to build means: no extensions
            for path in self.get_outputs():
                if os.path.exists(path):
                    os.remove(path)
            note(f"not compiled ({type(exc).__name__}: {exc})")


def cpython_lower() -> None:
    """Compile ``text.lower()`` as a call of CPython's own method.

    mypyc's inline version lowers every "Σ" to "σ", where CPython writes a
    word-final "ς" ("ΟΔΟΣ" -> "οδος"): the compiled modules must read text
    exactly as the pure-Python ones do.
    """
    from mypyc.primitives.registry import method_call_ops
    method_call_ops.pop("lower", None)


def extensions() -> list[Extension]:
    """The extensions mypyc makes of COMPILED, or none: then only the pure-Python modules are installed."""
    if os.environ.get("ATTRIB_PURE_PYTHON") == "1":
        return []
    commands = set(sys.argv[1:])
    if commands & {"editable_wheel", "develop"}:
        return []  # an editable install runs the sources as edited: compiled modules beside them would shadow them
    if commands & {"egg_info", "dist_info", "sdist"}:
        return []  # metadata and source archives: nothing to compile
    try:
        from mypyc.build import mypycify
        cpython_lower()
        return mypycify(["--ignore-missing-imports", *COMPILED], opt_level="3")
    except (Exception, SystemExit) as exc:  # mypyc missing, or it refused the code (it exits)
        note(f"mypyc did not compile ({type(exc).__name__}: {exc})")
        return []


setup(ext_modules=extensions(), cmdclass={"build_ext": OptionalBuildExt})
