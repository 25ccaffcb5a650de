#!/usr/bin/env python3
"""Reliability of attrib's confidences on an annotated set (default: ../shared/dev).

Usage (from the project's root, with attrib installed):

    python benchmarks/calibration.py [--set ../shared/dev] [--set benchmarks/samples-set] [--bins 5]

Several --set options are judged together (default: the development set).
Each predicted claim and blame is judged right or wrong against the gold
annotations, with the matching rules of ``shared/eval/score.py`` (a claim is
right when its span overlaps a gold claim by half of each, or lies inside one,
and its speaker is one of the gold speakers; a blame is right when its
(accuser, accused) pair is annotated, optional pairs included). The
predictions are then binned by confidence; for a calibrated system the
fraction right in each bin is close to the bin's mean confidence. The expected
calibration error (ECE) is the bin-size-weighted mean of that gap.
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

import yaml

import attrib

HERE = Path(__file__).resolve().parent
DEFAULT_SET = HERE.parent.parent / "shared" / "dev"
DEFAULT_SCORER = HERE.parent.parent / "shared" / "eval" / "score.py"


def load_scorer(path: Path):
    """The scorer's own name matching, so "right" means what the score means."""
    spec = importlib.util.spec_from_file_location("attrib_dev_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"calibration: cannot load the scorer at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def judge(set_dir: Path, scorer) -> tuple[list[tuple[float, bool]], list[tuple[float, bool]]]:
    """(confidence, right) for every predicted claim and blame of the set."""
    entities = scorer.Entities(set_dir / "gold" / "entities.yaml")
    registry = attrib.load_rules()
    claims: list[tuple[float, bool]] = []
    blames: list[tuple[float, bool]] = []
    for gold_path in sorted((set_dir / "gold").glob("*.yaml")):
        if gold_path.name == "entities.yaml":
            continue
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        path = set_dir / "articles" / gold["article"]
        text = path.read_text(encoding="utf-8")
        record = attrib.analysis_record(attrib.analyze(attrib.load_article(path, registry=registry), registry))
        golds = [(scorer.spans_of(text, g["text"]), set(g["speaker"])) for g in gold.get("claims", [])]
        for claim in record["claims"]:
            span = (claim["start"], claim["end"])
            ids = entities.ids(claim["speaker"], claim["mention"])
            length = span[1] - span[0]
            right = any(
                ids & speakers and scorer.overlap(span, s) >= 0.5 * length
                for spans, speakers in golds for s in spans)
            claims.append((claim["confidence"], right))
        pairs = set()
        for b in gold.get("blames", []):
            for accuser in {b["accuser"], *b.get("also_accuser", [])}:
                pairs.add((accuser, b["accused"]))
        for blame in record["blames"]:
            accusers = entities.ids(blame["accuser"], blame["accuser_mention"])
            accused = entities.ids(blame["accused"], blame["accused_mention"])
            right = any((a, d) in pairs for a in accusers for d in accused)
            blames.append((blame["confidence"], right))
    return claims, blames


def reliability(judged: list[tuple[float, bool]], bins: int) -> tuple[list[tuple[str, int, float, float]], float]:
    """Rows (bin, count, mean confidence, fraction right) and the expected calibration error."""
    rows = []
    ece = 0.0
    total = len(judged)
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        inside = [(c, r) for c, r in judged if low <= c < high or (b == bins - 1 and c == 1.0)]
        if not inside:
            rows.append((f"{low:.1f}-{high:.1f}", 0, float("nan"), float("nan")))
            continue
        confidence = sum(c for c, _ in inside) / len(inside)
        accuracy = sum(1 for _, r in inside if r) / len(inside)
        ece += len(inside) / total * abs(accuracy - confidence)
        rows.append((f"{low:.1f}-{high:.1f}", len(inside), confidence, accuracy))
    return rows, ece


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", type=Path, action="append", help="folder with articles/ and gold/ (repeatable)")
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER, help="shared/eval/score.py")
    parser.add_argument("--bins", type=int, default=5)
    args = parser.parse_args()
    sets = args.set or [DEFAULT_SET]
    for set_dir in sets:
        if not (set_dir / "gold").is_dir():
            print(f"calibration: no annotated set at {set_dir} (give --set)", file=sys.stderr)
            return 2
    if not args.scorer.is_file():
        print(f"calibration: no scorer at {args.scorer} (give --scorer)", file=sys.stderr)
        return 2
    scorer = load_scorer(args.scorer)
    claims: list[tuple[float, bool]] = []
    blames: list[tuple[float, bool]] = []
    for set_dir in sets:
        set_claims, set_blames = judge(set_dir, scorer)
        claims += set_claims
        blames += set_blames
    for name, judged in (("claims", claims), ("blames", blames), ("all", claims + blames)):
        rows, ece = reliability(judged, args.bins)
        print(f"{name}: {len(judged)} predictions, {sum(r for _, r in judged)} right, ECE = {ece:.3f}")
        print(f"  {'confidence':>10} {'n':>5} {'mean conf':>10} {'right':>7}")
        for label, n, confidence, accuracy in rows:
            if n:
                print(f"  {label:>10} {n:>5} {confidence:>10.3f} {accuracy:>7.3f}")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
