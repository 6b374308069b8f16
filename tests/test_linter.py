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


MARKED = """---
title: Related Posts
tags: [Leave a Reply]
---

# Notes on the council vote

The city council delayed its vote on Tuesday after a long debate about the eastern routes.

```text
Related Posts
Leave a Reply
```

Share this article{marker}

Residents asked for more frequent service on weekends and late at night.

Leave a Reply
"""


def codes_by_line(path: Path, *options: str) -> dict[int, set[str]]:
    rows = [json.loads(l) for l in run("check", str(path), "--output-format", "jsonl", *options).stdout.splitlines()]
    out: dict[int, set[str]] = {}
    for row in rows:
        out.setdefault(row["line"], set()).add(row["code"])
    return out


def test_fences_and_front_matter_are_never_touched_and_markers_silence_a_line(tmp_path: Path) -> None:
    plain = tmp_path / "plain.md"
    plain.write_text(MARKED.format(marker=""), encoding="utf-8")
    found = codes_by_line(plain)
    assert "WG001" in found.get(15, set()) and "CF001" in found.get(19, set())  # the same lines outside: found
    assert not any(1 <= n <= 4 or 10 <= n <= 13 for n in found)  # front matter and the fenced block: never

    marked = tmp_path / "marked.md"
    marked.write_text(MARKED.format(marker=" <!-- contentqa: ignore -->"), encoding="utf-8")
    assert 15 not in codes_by_line(marked) and 19 in codes_by_line(marked)
    only = tmp_path / "only.md"
    only.write_text(MARKED.format(marker=" <!-- contentqa: ignore CF001 -->"), encoding="utf-8")
    assert "WG001" in codes_by_line(only).get(15, set())  # the marker names another rule

    assert run("check", str(marked), "--fix").exit_code == 0
    after = marked.read_text(encoding="utf-8")
    assert after.startswith("---\ntitle: Related Posts\ntags: [Leave a Reply]\n---\n")
    assert "```text\nRelated Posts\nLeave a Reply\n```" in after
    assert "Share this article <!-- contentqa: ignore -->" in after
    assert not after.rstrip().endswith("Leave a Reply")


def test_a_file_marker_and_a_record_field_silence_a_document(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("<!-- contentqa: ignore-file comment-form -->\n" + MARKED.format(marker=""), encoding="utf-8")
    found = codes_by_line(page)
    assert "WG001" in found.get(16, set()) and not any("CF001" in codes for codes in found.values())

    text = MARKED.format(marker="").split("```\n", 2)[-1]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "a", "text": text}) + "\n"
                      + json.dumps({"id": "b", "text": text, "contentqa_ignore": True}) + "\n"
                      + json.dumps({"id": "c", "text": text, "contentqa_ignore": "CF001"}) + "\n", encoding="utf-8")
    rows = [json.loads(l) for l in run("check", str(corpus), "--output-format", "jsonl", "--no-dedup").stdout.splitlines()]
    by_record = {doc: {r["code"] for r in rows if r["id"] == doc} for doc in "abc"}
    assert {"WG001", "CF001"} <= by_record["a"] and not by_record["b"]
    assert "WG001" in by_record["c"] and "CF001" not in by_record["c"]


def test_a_marker_in_an_html_comment_survives_extraction(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    body = "".join(f"<p>{line}</p>" for line in (REAL / "wcxb_5549.txt").read_text(encoding="utf-8").split("\n\n")[:6])
    page.write_text(f"<html><body><article>{body}<p>Leave a Reply<!-- contentqa: ignore --></p>"
                    "<p>Share this article</p></article></body></html>", encoding="utf-8")
    out = run("check", str(page)).stdout
    assert "WG001" in out and "CF001" not in out


def test_statistics_output_file_and_baseline(syndicated: Path, tmp_path: Path) -> None:
    paths = [str(syndicated / "a.txt"), str(syndicated / "b.txt")]
    stats = run("check", *paths, "--statistics")
    assert stats.exit_code == 1
    counted = {line.split("\t")[1]: int(line.split("\t")[0]) for line in stats.stdout.splitlines()}
    assert counted == {"NV001": 1, "RL001": 1, "DU001": 1}

    target = tmp_path / "findings.jsonl"
    written = run("check", *paths, "--output-format", "jsonl", "--output-file", str(target))
    assert written.stdout == "" and len(target.read_text(encoding="utf-8").splitlines()) == 3

    baseline = tmp_path / "baseline.json"
    first = run("check", *paths, "--baseline", str(baseline))
    assert first.exit_code == 0 and baseline.exists() and "recorded 3" in first.stderr
    assert run("check", *paths, "--baseline", str(baseline)).exit_code == 0  # nothing new
    b = syndicated / "b.txt"  # text added above a known finding does not make it new; a new artifact is
    b.write_text("Sign up for our newsletter\n\n" + b.read_text(encoding="utf-8"), encoding="utf-8")
    again = run("check", *paths, "--baseline", str(baseline))
    assert again.exit_code == 1
    assert [line.split(": ")[1].split()[0] for line in again.stdout.splitlines()] == ["WG020"]
    broken = tmp_path / "broken.json"
    broken.write_text("{}", encoding="utf-8")
    assert run("check", *paths, "--baseline", str(broken)).exit_code == 2


def table_rows(text: str) -> list[tuple[str, ...]]:
    """The cells of every table row (pipe line) but separator rows and stray punctuation, stripped,
    empty cells left out."""
    rows = []
    for line in text.split("\n"):
        cells = tuple(c.strip() for c in line.strip().strip("|").split("|") if c.strip())
        if "|" in line and any(ch.isalnum() for c in cells for ch in c):  # not a separator, not stray "| ."
            rows.append(cells)
    return rows


def test_table_repairs_keep_every_cell(seeds_dir: Path) -> None:
    """Padding dropped, a separator restored, a repeated row removed: no cell's content changes."""
    from contentqa.config import Config
    from contentqa.document import Document
    from contentqa.linter import Linter

    linter = Linter(Config())
    tables = 0
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        before = table_rows(text)
        if not before:
            continue
        tables += 1
        outcome = linter.fix(Document(text))
        assert any(a.category.startswith("table") for a in outcome.applied) or path.name != "001_d47f74ae21f2c844.txt"
        after = table_rows(outcome.text)
        assert set(after) <= set(before), path.name  # no row gains or changes a cell
        assert len(after) < len(before) or path.name not in ("001_d47f74ae21f2c844.txt",)  # its repeats go
    assert tables


def test_extend_select_and_per_file_ignores(syndicated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = [str(syndicated / "a.txt"), str(syndicated / "b.txt")]
    only = run("check", *paths, "--select", "NV001", "--output-format", "jsonl").stdout
    extended = run("check", *paths, "--select", "NV001", "--extend-select", "DU001", "--output-format", "jsonl").stdout
    assert {json.loads(l)["code"] for l in only.splitlines()} == {"NV001"}
    assert {json.loads(l)["code"] for l in extended.splitlines()} == {"NV001", "DU001"}
    (syndicated / "pyproject.toml").write_text('[tool.contentqa]\nextend-select = []\n'
                                               '[tool.contentqa.per-file-ignores]\n"b.txt" = ["nav-crumb"]\n',
                                               encoding="utf-8")
    monkeypatch.chdir(syndicated)
    codes = {json.loads(l)["code"] for l in run("check", "a.txt", "b.txt", "--output-format", "jsonl").stdout.splitlines()}
    assert "NV001" not in codes and {"RL001", "DU001"} <= codes


def test_two_rules_naming_the_same_lines_as_the_same_problem_make_one_finding(seeds_dir: Path) -> None:
    rows = [json.loads(l) for l in run("check", str(seeds_dir / "002_98df15422c053175.txt"),
                                       "--output-format", "jsonl").stdout.splitlines()]
    source = [r for r in rows if r["category"] == "source-line"]
    assert len(source) == 1 and source[0]["code"] == "SR001" and source[0]["also"] == ["SR002"]
    alone = [json.loads(l) for l in run("check", str(seeds_dir / "002_98df15422c053175.txt"), "--select", "SR002",
                                        "--output-format", "jsonl").stdout.splitlines()]
    assert [r["code"] for r in alone] == ["SR002"] and "also" not in alone[0]  # each rule still works alone
