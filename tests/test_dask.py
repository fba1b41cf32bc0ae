"""The Dask engine writes the same bytes as the serial run, newlines included."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from pipeline import batch, cli, engines

pytest.importorskip("distributed")

from test_batch import StandInExtractor, make_corpus, notice

ROOT = Path(__file__).resolve().parent.parent


def _extractor_loads() -> bool:
    try:
        engines.ExtractorSpec()()
    except Exception:
        return False
    return True


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as c:
        yield c.scheduler_address


def run_bytes(paths: list[str], factory, engine: str, scheduler: str | None = None) -> bytes:
    out = io.BytesIO()
    opts = batch.Options(engine=engine, scheduler=scheduler, workers=2, quiet=True)
    batch.run(paths, factory, opts, stdout=out)
    return out.getvalue()


def test_dask_output_is_byte_identical_to_serial(tmp_path, cluster):
    # line breaks of every style inside the notices, a failure in the middle, a slow notice first
    texts = [
        notice(0, "SLOW"),
        notice(1).replace("\n", "\r\n"),
        "",
        notice(3) + "\r第二段\r",
        notice(4, "BOOM"),
    ]
    texts += [notice(i) for i in range(5, 20)]
    paths = make_corpus(tmp_path, [(f"{i:02d}.txt", t) for i, t in enumerate(texts)])
    serial = run_bytes(paths, StandInExtractor, "serial")
    assert serial.count(b"\n") == len(paths) - 2
    assert run_bytes(paths, StandInExtractor, "dask", cluster) == serial


def test_dask_engine_through_the_cli_on_a_local_cluster(tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "make_factory", lambda args: StandInExtractor)
    paths = make_corpus(tmp_path / "c", [(f"{i}.txt", notice(i)) for i in range(6)])
    out_local, out_dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    assert cli.main(["extract", *paths, "-o", str(out_local), "-q", "--workers", "2"]) == 0
    assert cli.main(["extract", *paths, "-o", str(out_dask), "-q", "--engine", "dask", "--workers", "2"]) == 0
    assert out_dask.read_bytes() == out_local.read_bytes()


@pytest.mark.skipif(not _extractor_loads(), reason="the extraction core does not load yet")
def test_dask_with_the_real_extractor_matches_serial_on_the_corpus(tmp_path, cluster):
    shutil.copytree(ROOT / "corpus", tmp_path / "corpus")
    paths, _ = batch.expand_inputs([str(tmp_path / "corpus")])
    spec = engines.ExtractorSpec()
    serial = run_bytes(paths, spec, "serial")
    assert serial.count(b"\n") >= 2
    assert run_bytes(paths, spec, "dask", cluster) == serial
