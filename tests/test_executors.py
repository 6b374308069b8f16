"""Executors: the same run on one process or on several gives the same output, byte for byte, in
input order, with near-duplicates found the same way."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from contentqa.cli import cli


def corpus(seeds_dir: Path, path: Path) -> Path:
    """The seeds, each twice (the copy with a new last line: a near-duplicate), and a bad record."""
    lines = []
    for n, seed in enumerate(sorted(seeds_dir.glob("*.txt"))):
        text = seed.read_text(encoding="utf-8")
        lines.append(json.dumps({"id": f"s{n}", "text": text, "n": n}))
        lines.append(json.dumps({"id": f"s{n}-copy", "text": text + "\nOne more closing line.\n", "n": n}))
    lines.insert(3, "{not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def cleaned_outputs(source: Path, out: Path, *options: str) -> dict[str, bytes]:
    result = CliRunner().invoke(cli, ["clean", str(source), "-o", str(out / "clean.jsonl"), "--report",
                                      str(out / "report.csv"), "--findings", str(out / "findings.jsonl"),
                                      "--rejects", str(out / "rejects.jsonl"), "--allow-skips", *options],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert f"{source}, record 4: not valid JSON" in result.stderr
    return {p.name: p.read_bytes() for p in out.iterdir()}


def test_two_workers_write_what_one_writes(seeds_dir, tmp_path):
    source = corpus(seeds_dir, tmp_path / "in.jsonl")
    one = cleaned_outputs(source, tmp_path / "w1", "--workers", "1")
    assert cleaned_outputs(source, tmp_path / "w2", "--workers", "2") == one
    kept = [json.loads(line)["id"] for line in one["clean.jsonl"].splitlines()]
    rejected = [json.loads(line)["id"] for line in one["rejects.jsonl"].splitlines()]
    assert kept == [f"s{n}" for n in range(5)] and sorted(rejected) == sorted(f"s{n}-copy" for n in range(5))


def test_the_dask_executor_on_a_local_cluster_writes_what_one_process_writes(seeds_dir, tmp_path):
    pytest.importorskip("distributed", reason="the Dask executor is an optional extra (contentqa[dask])")
    source = corpus(seeds_dir, tmp_path / "in.jsonl")
    one = cleaned_outputs(source, tmp_path / "local", "--workers", "1")
    assert cleaned_outputs(source, tmp_path / "dask", "--executor", "dask", "--workers", "2") == one


def test_a_scheduler_without_the_dask_executor_is_a_usage_error(tmp_path, seeds_dir):
    source = corpus(seeds_dir, tmp_path / "in.jsonl")
    result = CliRunner().invoke(cli, ["scan", str(source), "--report", str(tmp_path / "r.csv"), "--scheduler",
                                      "tcp://127.0.0.1:8786"])
    assert result.exit_code == 2 and "--scheduler goes with --executor dask" in result.stderr


def test_dedup_and_clean_agree_by_construction(seeds_dir, tmp_path):
    source = corpus(seeds_dir, tmp_path / "in.jsonl")
    runner = CliRunner()
    runner.invoke(cli, ["clean", str(source), "-o", str(tmp_path / "out.jsonl"), "--report", str(tmp_path / "r.csv"),
                        "--allow-skips"], catch_exceptions=False)
    runner.invoke(cli, ["dedup", str(source), "--clusters", str(tmp_path / "c.csv"), "--allow-skips"],
                  catch_exceptions=False)
    dropped = {row["id"]: row["duplicate_of"] for row in csv.DictReader((tmp_path / "r.csv").open(encoding="utf-8"))
               if row["duplicate_of"]}
    clusters = {row["id"]: row["cluster"] for row in csv.DictReader((tmp_path / "c.csv").open(encoding="utf-8"))}
    assert dropped == {i: c for i, c in clusters.items() if i != c}
    assert len(dropped) == 5
