"""The fuzz targets (tests/fuzz/fuzz_attrib.py) run briefly in every test run, so that they keep working.

The rules target loads the shipped rules on each example (about 0.1 s), hence its few examples here.
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

from fuzz.fuzz_attrib import TARGETS


@pytest.mark.parametrize("name, examples", [("inputs", 200), ("rules", 25)])
def test_fuzz_target_runs(name, examples):
    settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck))(TARGETS[name])()
