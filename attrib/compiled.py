"""What the compiled build (mypyc, see setup.py) needs from the sources, and whether it is in use.

``mypyc_attr`` marks the classes mypyc must keep as ordinary Python classes.
mypyc reads it when it compiles; at run time it does nothing, so an install
without mypy (and its ``mypy_extensions``) gets a stand-in.
"""
from __future__ import annotations

import importlib.machinery
import sys
from typing import Callable, TypeVar

try:
    from mypy_extensions import mypyc_attr
except ImportError:  # the usual case at run time: mypy is only needed to build
    _T = TypeVar("_T")

    def mypyc_attr(*attrs: str, **kwattrs: object) -> Callable[[_T], _T]:
        return lambda cls: cls


def compiled_modules() -> list[str]:
    """The attrib modules running as compiled extensions: none in a pure-Python install."""
    from . import pipeline  # noqa: F401 - imports every stage that may be compiled
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    return sorted(name for name, module in list(sys.modules.items())
                  if name.startswith("attrib.") and str(getattr(module, "__file__", "")).endswith(suffixes))
