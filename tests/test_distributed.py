"""The Dask path: a local cluster gives what ``attrib analyze --format jsonl`` gives."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("dask")
pytest.importorskip("distributed")

from dask.distributed import Client, LocalCluster  # noqa: E402

from attrib.cli import cli  # noqa: E402
from attrib.distributed import analyze_bag  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture(scope="module")
def client():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        yield client


def _corpus(directory: Path, name: str, copies: int) -> Path:
    lines = [json.dumps({"id": f"{p.stem}-{n}", "text": p.read_text(encoding="utf-8")})
             for n in range(copies) for p in sorted(SAMPLES.glob("0*"))]
    lines.insert(3, "{broken")
    path = directory / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_paths_on_a_local_cluster_match_the_plain_run(client, runner, tmp_path):
    inputs = [str(_corpus(tmp_path, "a.jsonl", 2)), str(SAMPLES), str(_corpus(tmp_path, "b.jsonl", 1))]
    written = analyze_bag(inputs, out_dir=tmp_path / "out")
    assert [Path(p).name for p in written] == ["part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl"]
    plain = runner.invoke(cli, ["analyze", "--format", "jsonl", "-q", "--jobs", "1", *inputs])
    assert "".join(Path(p).read_text(encoding="utf-8") for p in written) == plain.stdout


def test_a_bag_of_records_matches_the_plain_run(client, runner, tmp_path):
    import dask.bag as db

    corpus = _corpus(tmp_path, "c.jsonl", 3)
    records = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line != "{broken"]
    written = analyze_bag(db.from_sequence(records, npartitions=4), out_dir=tmp_path / "out", min_confidence=0.5)
    plain = runner.invoke(cli, ["analyze", "--format", "jsonl", "-q", "--min-confidence", "0.5", str(corpus)])
    expected = [line for line in plain.stdout.splitlines() if '"error"' not in line]
    assert len(written) == 4
    assert "".join(Path(p).read_text(encoding="utf-8") for p in written).splitlines() == expected


def test_dask_is_not_imported_without_the_distributed_module():
    code = "import sys, attrib, attrib.cli, attrib.batch; print('dask' in sys.modules or 'distributed' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
