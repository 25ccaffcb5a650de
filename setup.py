"""Build attrib, compiling the per-article stages to C extensions with mypyc where possible.

The metadata lives in setup.cfg; this file only adds the compiled modules.
They run the same code about 1.6 times faster. ``ATTRIB_PURE_PYTHON=1``
skips compiling, and a build that cannot compile (no mypyc, no C compiler,
code mypyc refuses) installs the pure-Python modules, which are always
shipped beside the extensions.
"""
from __future__ import annotations

import os
import sys

from setuptools import setup
from setuptools.command.build_ext import build_ext

# The stages every article goes through. rules.py runs once per process (and its yaml loader
# subclass crashed when compiled); the command line, rendering and batch layers gain nothing.
COMPILED = ["attrib/model.py", "attrib/names.py", "attrib/tokens.py", "attrib/segment.py", "attrib/load.py",
            "attrib/claims.py", "attrib/resolve.py", "attrib/blame.py", "attrib/confidence.py",
            "attrib/pipeline.py"]


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


def extensions() -> list:
    if os.environ.get("ATTRIB_PURE_PYTHON") == "1":
        return []
    try:
        from mypyc.build import mypycify
        return mypycify(["--ignore-missing-imports", *COMPILED], opt_level="3")
    except (Exception, SystemExit) as exc:  # mypyc missing, or it refused the code (it exits)
        note(f"mypyc did not compile ({type(exc).__name__}: {exc})")
        return []


setup(ext_modules=extensions(), cmdclass={"build_ext": OptionalBuildExt})
