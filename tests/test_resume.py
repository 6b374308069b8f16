"""A `clean` killed part-way and resumed with --resume writes exactly what an uninterrupted run
writes: the cleaned corpus (a gzipped JSONL file, a CSV, or a folder of texts and JSONL shards),
the report, findings, rejects and errors. The crash is made two ways: a real SIGKILL at random
moments, and, to reach every checkpoint deterministically, an interruption after a chosen one."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from contentqa.checkpoint import RunParts
from contentqa.cli import cli

SIDES = ("report.csv", "findings.jsonl", "rejects.jsonl", "errors.jsonl")


class Crash(BaseException):
    """Stands for the process dying: nothing catches it."""


def texts(seeds_dir: Path) -> list[str]:
    """Real articles, each also as a near-duplicate (its first line changed) and one broken record."""
    articles = [path.read_text(encoding="utf-8") for path in sorted(seeds_dir.glob("*.txt"))]
    fixtures = Path(__file__).parent / "fixtures" / "real"
    articles += [path.read_text(encoding="utf-8") for path in sorted(fixtures.glob("*.txt"))]
    return articles + [text.replace("\n", " (updated)\n", 1) for text in articles]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, seeds_dir) -> Path:
    """A folder of plain texts and two JSONL shards (one record of which cannot be read)."""
    folder = tmp_path_factory.mktemp("corpus")
    all_texts = texts(seeds_dir)
    for n, text in enumerate(all_texts[:4]):
        (folder / f"0-page-{n}.txt").write_text(text, encoding="utf-8")
    rows = [json.dumps({"id": f"r{n}", "text": text, "source": "crawl"}) for n, text in enumerate(all_texts[4:])]
    random.Random(3).shuffle(rows)  # originals and near-duplicates in both shards
    rows.insert(5, '{"id": "broken", "text": ')
    half = len(rows) // 2
    (folder / "a.jsonl").write_text("\n".join(rows[:half]) + "\n", encoding="utf-8")
    (folder / "b.jsonl").write_text("\n".join(rows[half:]) + "\n", encoding="utf-8")
    return folder


def clean_arguments(source: Path, out: Path, every: int = 3) -> list[str]:
    return ["clean", str(source), "-o", str(out / "cleaned"), "--workers", "1", "--checkpoint-every", str(every),
            "--allow-skips", *[f"--{name.split('.')[0]}={out / name}" for name in SIDES]]


def outputs(out: Path) -> dict[str, bytes]:
    """Every file a run left under `out`, by its path relative to it."""
    return {str(path.relative_to(out)): path.read_bytes() for path in sorted(out.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def uninterrupted(corpus, tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("whole")
    result = CliRunner().invoke(cli, clean_arguments(corpus, out), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return outputs(out)


def test_the_uninterrupted_run_writes_every_output(uninterrupted):
    assert {"cleaned/a.jsonl", "cleaned/b.jsonl", *SIDES} <= set(uninterrupted)
    assert any(name.startswith("cleaned/0-page-") for name in uninterrupted)
    assert b"broken" not in uninterrupted["cleaned/a.jsonl"] and b"a.jsonl" in uninterrupted["errors.jsonl"]
    assert b"near-duplicate" in uninterrupted["rejects.jsonl"]  # the second copies went


@pytest.mark.parametrize("after_checkpoints", [0, 1, 3, 6])
def test_a_run_interrupted_after_any_checkpoint_resumes_to_the_same_output(
        corpus, uninterrupted, tmp_path, monkeypatch, after_checkpoints):
    commit = RunParts.commit
    made = []

    def commit_then_crash(self, *args):
        commit(self, *args)
        made.append(1)
        if len(made) > after_checkpoints:
            raise Crash

    monkeypatch.setattr(RunParts, "commit", commit_then_crash)
    with pytest.raises(Crash):
        CliRunner().invoke(cli, clean_arguments(corpus, tmp_path), catch_exceptions=False)
    assert not (tmp_path / "report.csv").exists()  # nothing appears before the run ends
    monkeypatch.setattr(RunParts, "commit", commit)
    resumed = CliRunner().invoke(cli, clean_arguments(corpus, tmp_path) + ["--resume"], catch_exceptions=False)
    assert resumed.exit_code == 0, resumed.output
    assert f"resuming after {3 * (after_checkpoints + 1)} items" in resumed.output
    assert outputs(tmp_path) == uninterrupted


def test_a_run_killed_at_random_moments_resumes_to_the_same_output(corpus, uninterrupted, tmp_path):
    command = [sys.executable, "-m", "contentqa.cli", *clean_arguments(corpus, tmp_path, every=2)]
    rounds = random.Random(7)
    for _ in range(3):  # each round kills the run somewhere (or lets it finish), then resumes it
        process = subprocess.Popen(command + ["--resume"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rounds.uniform(0.5, 3.0))
        process.send_signal(signal.SIGKILL)
        process.wait()
    finished = subprocess.run(command + ["--resume"], capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
    assert outputs(tmp_path) == uninterrupted


def test_resuming_with_other_arguments_is_refused(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(RunParts, "commit", lambda self, *args: (_ for _ in ()).throw(Crash()))
    with pytest.raises(Crash):
        CliRunner().invoke(cli, clean_arguments(corpus, tmp_path), catch_exceptions=False)
    monkeypatch.undo()
    other = CliRunner().invoke(cli, clean_arguments(corpus, tmp_path) + ["--resume", "--no-dedup"])
    assert other.exit_code == 2 and "made with other deduplication" in other.output


def test_resuming_over_a_changed_input_file_is_refused(tmp_path, seeds_dir, monkeypatch):
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": f"d{n}", "text": t}) + "\n" for n, t in enumerate(texts(seeds_dir))),
                      encoding="utf-8")
    arguments = ["clean", str(source), "-o", str(tmp_path / "out.jsonl"), "--checkpoint-every", "2", "--workers", "1"]
    monkeypatch.setattr(RunParts, "commit", lambda self, *args: (_ for _ in ()).throw(Crash()))
    with pytest.raises(Crash):
        CliRunner().invoke(cli, arguments, catch_exceptions=False)
    monkeypatch.undo()
    with source.open("a", encoding="utf-8") as stream:
        stream.write(json.dumps({"id": "late", "text": "A record added after the crash."}) + "\n")
    other = CliRunner().invoke(cli, arguments + ["--resume"])
    assert other.exit_code == 2 and "input size and time" in other.output


def test_a_run_without_resume_starts_over(corpus, uninterrupted, tmp_path, monkeypatch):
    commit = RunParts.commit
    monkeypatch.setattr(RunParts, "commit", lambda self, *args: (commit(self, *args), (_ for _ in ()).throw(Crash())))
    with pytest.raises(Crash):
        CliRunner().invoke(cli, clean_arguments(corpus, tmp_path), catch_exceptions=False)
    monkeypatch.undo()
    again = CliRunner().invoke(cli, clean_arguments(corpus, tmp_path), catch_exceptions=False)
    assert again.exit_code == 0 and "resuming" not in again.output
    assert outputs(tmp_path) == uninterrupted  # and no state is left behind


def test_an_output_written_in_one_piece_has_nothing_to_resume(tmp_path, seeds_dir):
    page = next(seeds_dir.glob("*.txt"))
    result = CliRunner().invoke(cli, ["clean", str(page), "-o", str(tmp_path / "out.txt"), "--resume"])
    assert result.exit_code == 2 and "nothing to resume" in result.output


def test_a_folder_with_parquet_shards_is_written_in_one_piece(tmp_path, seeds_dir):
    """Parquet cannot be put together from parts, so such a run has no checkpoints to resume from
    (resuming one would have lost the rows of a shard read before the crash)."""
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    source = tmp_path / "in"
    source.mkdir()
    pq.write_table(pa.Table.from_pylist([{"id": f"d{n}", "text": t} for n, t in enumerate(texts(seeds_dir))]),
                   source / "shard.parquet")
    arguments = ["clean", str(source), "-o", str(tmp_path / "out"), "--checkpoint-every", "2", "--workers", "1"]
    result = CliRunner().invoke(cli, arguments, catch_exceptions=False)
    assert result.exit_code == 0 and not list(tmp_path.glob(".out.contentqa-*"))
    again = CliRunner().invoke(cli, arguments + ["--resume"])
    assert again.exit_code == 2 and "nothing to resume" in again.output
