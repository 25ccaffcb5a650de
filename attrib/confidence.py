"""One place that turns evidence into a confidence in [0, 1].

The numbers combine how strong the cue is, how well each party was
resolved (exact alias, fuzzy score, pronoun, title), hedges in the evidence
and how far the source sits from the words it is credited with. They are
calibrated against the development gold by ``benchmarks/calibration.py``.
"""
from __future__ import annotations

from typing import Sequence

from .model import Resolution
from .rules import Cues
from .tokens import Token

# How reliably each extraction rule finds a real claim with the right source
# (fitted on the development and sample sets with benchmarks/calibration.py).
CLAIM_RULES = {
    "preposed": 0.97,
    "parenthetical": 0.95,  # "The same groups, he said, were ...": one case in the sample set
    "postposed": 0.98,
    "postposed-inverted": 0.96,
    "participle": 0.94,
    "coordinated": 0.94,
    "according-to": 0.95,
    "according-to-post": 0.94,
    "split-quote": 0.95,
    "neighbour-quote": 0.88,
    "lead-in": 0.9,
    "continued-quote": 0.9,
    "for-opinion": 0.85,  # "For Tarek Boustani, ..., the question misses the point": a view, less often a report
    "interview-answer": 0.9,  # "A: ..." after "Q: ...": the interviewee's, unquoted
    "transcript": 0.9,  # "Ruben Achterberg, chief financial officer: We expect ...": a transcript's turn
    "headline-colon": 0.75,
    "headline-trailing": 0.7,
}
# How well a resolution method identifies the party.
RESOLUTION = {
    "alias": 1.0, "name": 1.0, "office": 0.98, "role": 0.97, "surname": 0.97, "fuzzy": 0.93, "pronoun": 0.95,
    "nominal": 0.92, "unresolved": 0.93, "ambiguous": 0.5, "unresolved-pronoun": 0.45,
}


def clamp(value: float) -> float:
    return round(min(1.0, max(0.0, value)), 3)


def resolution_factor(resolution: Resolution | None) -> float:
    if resolution is None:
        return 0.5
    base = RESOLUTION.get(resolution.method, 0.7)
    return base * (0.85 + 0.15 * min(1.0, resolution.score))


def claim_confidence(rule: str, speaker: Resolution | None, hedge: float = 1.0) -> float:
    """Confidence that the claim is real and credited to the right source."""
    return clamp(CLAIM_RULES.get(rule, 0.85) * resolution_factor(speaker) * (0.9 + 0.1 * hedge))


def hedge_factor(tokens: Sequence[Token], cues: Cues) -> tuple[float, str | None]:
    """The strongest hedge in the evidence ("indications are", "allegedly") and its factor."""
    factor, phrase = 1.0, None
    for _, _, (found, value) in cues.hedge_index.find(tokens):
        if value < factor:
            factor, phrase = value, found
    return factor, phrase


def blame_confidence(strength: float, accuser: Resolution | None, accused: Resolution | None,
                     hedge: float = 1.0, distance: int = 0) -> float:
    """Confidence that the accuser holds the accused responsible, as the article reports it."""
    near = 1.0 if distance <= 0 else max(0.85, 1.0 - 0.03 * distance)
    return clamp(strength * resolution_factor(accuser) * (0.8 + 0.2 * resolution_factor(accused)) * hedge * near)
