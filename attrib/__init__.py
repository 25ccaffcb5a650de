"""attrib: who blamed whom, according to which outlet, and how sure we are.

The library API is silent (it never prints) and raises only ``AttribError``s::

    registry = attrib.load_rules()
    analysis = attrib.analyze_text(text, registry)
"""
from __future__ import annotations

from .errors import AttribError, InputError, Problem, RulesError
from .load import load_article, parse_article
from .model import Analysis, Article, Blame, Claim, Entity, Mention, Resolution
from .pipeline import analyze, analyze_paths, analyze_text
from .render import analysis_record
from .rules import Registry, load_rules

__version__ = "0.1.0"

__all__ = [
    "AttribError", "InputError", "Problem", "RulesError",
    "Analysis", "Article", "Blame", "Claim", "Entity", "Mention", "Resolution", "Registry",
    "analyze", "analyze_paths", "analyze_text", "analysis_record", "load_article", "load_rules", "parse_article",
    "__version__",
]
