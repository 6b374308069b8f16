"""`check` as a linter people already know: near-duplicates across the files of one run, findings
located in the file (a JSONL or CSV record's line), valid SARIF and GitHub annotations for
findings about a whole document, one finding per problem, and the exit codes of --fix."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from contentqa.cli import cli

REAL = Path(__file__).parent / "fixtures" / "real"


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def syndicated(tmp_path: Path) -> Path:
    """A real article, the same article under another site's chrome, and a different article."""
    article = (REAL / "wcxb_4997.txt").read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(article, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Home > Health > Living\n\n" + article + "\nRelated Posts\n", encoding="utf-8")
    shutil.copy(REAL / "wcxb_5549.txt", tmp_path / "c.txt")
    return tmp_path


def test_near_duplicates_across_files_of_one_run(syndicated: Path) -> None:
    rows = [json.loads(l) for l in run("check", str(syndicated / "a.txt"), str(syndicated / "b.txt"),
                                        str(syndicated / "c.txt"), "--output-format", "jsonl").stdout.splitlines()]
    duplicates = [r for r in rows if r["code"] == "DU001"]
    assert len(duplicates) == 1
    assert duplicates[0]["path"].endswith("b.txt") and duplicates[0]["document_level"]
    assert "a.txt" in duplicates[0]["message"] and duplicates[0]["category"] == "near-duplicate"
    # the other article is not a near-duplicate of either; --no-dedup and --ignore turn it off
    alone = run("check", str(syndicated / "a.txt"), str(syndicated / "c.txt"))
    assert alone.exit_code == 0, alone.stdout
    for off in (["--no-dedup"], ["--ignore", "DU001"], ["--ignore", "near-duplicate"]):
        out = run("check", str(syndicated / "a.txt"), str(syndicated / "b.txt"), *off).stdout
        assert "DU001" not in out and "NV001" in out


def test_a_record_finding_points_at_its_line_in_the_file(tmp_path: Path) -> None:
    article = (REAL / "wcxb_5549.txt").read_text(encoding="utf-8").strip()
    records = [{"id": "first", "text": article},
               {"id": "second", "text": article.split("\n\n")[0] + "\n\nLeave a Reply"}]
    path = tmp_path / "corpus.jsonl"
    path.write_text(json.dumps(records[0]) + "\n\n" + json.dumps(records[1]) + "\n", encoding="utf-8")
    concise = run("check", str(path), "--no-dedup").stdout
    assert f"{path}:3:1: CF001" in concise and "(record second, line 3)" in concise
    rows = [json.loads(l) for l in run("check", str(path), "--output-format", "jsonl", "--no-dedup").stdout.splitlines()]
    reply = next(r for r in rows if r["code"] == "CF001")
    assert reply["file_line"] == 3 and reply["line"] == 3 and reply["id"] == "second"
    github = run("check", str(path), "--output-format", "github", "--no-dedup").stdout
    assert f"file={path},line=3,title=CF001" in github

    table = tmp_path / "corpus.csv"  # a quoted cell spans lines: the record starts where it starts
    table.write_text('id,text\nfirst,"' + article.replace('"', '""') + '"\nsecond,"Leave a Reply\n\nThanks"\n',
                     encoding="utf-8")
    rows = [json.loads(l) for l in run("check", str(table), "--output-format", "jsonl", "--no-dedup").stdout.splitlines()]
    reply = next(r for r in rows if r["code"] == "CF001")
    assert reply["file_line"] == 2 + article.count("\n") + 1


def test_findings_about_a_whole_document_are_valid_sarif_and_annotations(syndicated: Path) -> None:
    paths = [str(syndicated / "a.txt"), str(syndicated / "b.txt")]
    sarif = json.loads(run("check", *paths, "--output-format", "sarif").stdout)
    results = sarif["runs"][0]["results"]
    whole = [r for r in results if r["ruleId"] == "DU001"]
    assert whole and "region" not in whole[0]["locations"][0]["physicalLocation"]
    for result in results:
        region = result["locations"][0]["physicalLocation"].get("region")
        if region:  # SARIF lines and columns start at 1
            assert region["startLine"] >= 1 and region.get("startColumn", 1) >= 1
    github = run("check", *paths, "--output-format", "github").stdout.splitlines()
    duplicate = next(line for line in github if "DU001" in line)
    assert "line=" not in duplicate.split("::")[1]  # a file annotation, not line 0
    assert all("line=0" not in line for line in github)


def test_a_rule_finding_carries_the_detectors_confidence_instead_of_a_second_finding(tmp_path: Path) -> None:
    article = (REAL / "wcxb_5549.txt").read_text(encoding="utf-8").strip()
    path = tmp_path / "page.txt"
    path.write_text(article + "\n\nRelated Posts\n\nLeave a Reply\n", encoding="utf-8")
    rows = [json.loads(l) for l in run("check", str(path), "--output-format", "jsonl").stdout.splitlines()]
    lines = [(r["line"], r["end_line"]) for r in rows if not r["document_level"]]
    assert len(lines) == len(set(lines)), rows  # no line reported twice
    named = [r for r in rows if r["code"] in ("RL001", "CF001")]
    assert named and all(0 <= r["confidence"] <= 1 for r in named)
    assert not any(r["code"] == "ML001" and r["line"] in {n["line"] for n in named} for r in rows)


def test_exit_non_zero_on_fix(tmp_path: Path) -> None:
    article = (REAL / "wcxb_5549.txt").read_text(encoding="utf-8").rstrip("\n") + "\n"
    path = tmp_path / "page.txt"
    path.write_text(article + "\nLeave a Reply\n", encoding="utf-8")
    assert run("check", str(path), "--fix").exit_code == 0  # fixed, nothing left
    assert path.read_text(encoding="utf-8") == article
    path.write_text(article + "\nLeave a Reply\n", encoding="utf-8")
    assert run("check", str(path), "--fix", "--exit-non-zero-on-fix").exit_code == 1
    assert run("check", str(path), "--fix", "--exit-non-zero-on-fix").exit_code == 0  # nothing more to fix
