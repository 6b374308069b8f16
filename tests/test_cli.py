"""The command line, as a user runs it: exit codes, output formats, outputs, errors."""

from __future__ import annotations

import csv
import gzip
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from contentqa.cli import cli

SEED = "001_d47f74ae21f2c844.txt"
CLEAN_TEXT = "Council Delays Vote on Transit Plan\n\nThe city council delayed its vote on Tuesday after a long debate.\n"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def corpus(tmp_path: Path, seeds_dir: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(seeds_dir, folder)
    return folder


def run(runner: CliRunner, *args: str):
    return runner.invoke(cli, list(args), catch_exceptions=False)


def test_check_exit_codes(runner, corpus, tmp_path):
    assert run(runner, "check", str(corpus)).exit_code == 1
    clean = tmp_path / "clean.txt"
    clean.write_text(CLEAN_TEXT, encoding="utf-8")
    assert run(runner, "check", str(clean)).exit_code == 0
    assert run(runner, "check", str(tmp_path / "missing.txt")).exit_code == 2
    assert run(runner, "check", str(corpus), "--select", "NOPE").exit_code == 2
    assert run(runner, "check", str(corpus), "--output-format", "xml").exit_code == 2
    assert run(runner, "check", str(corpus), "--exit-zero").exit_code == 0


def test_check_jsonl_has_the_contract_fields(runner, corpus):
    result = run(runner, "check", str(corpus / SEED), "--output-format", "jsonl")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows
    for row in rows:
        assert {"path", "id", "line", "end_line", "code", "rule", "category", "severity", "message", "fixable"} <= set(row)
    chatter = [r for r in rows if r["category"] == "llm-chatter"]
    assert chatter and chatter[0]["line"] == 41 and chatter[0]["fixable"] is True


def test_check_concise_github_sarif(runner, corpus):
    concise = run(runner, "check", str(corpus / SEED)).stdout
    assert f"{corpus / SEED}:41:1: AI001" in concise
    github = run(runner, "check", str(corpus / SEED), "--output-format", "github").stdout
    assert "::warning file=" in github and "line=41" in github
    sarif = json.loads(run(runner, "check", str(corpus / SEED), "--output-format", "sarif").stdout)
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"]
    full = run(runner, "check", str(corpus / SEED), "--output-format", "full").stdout
    assert "fix (safe)" in full and "   41 | If you want" in full


def test_check_select_and_ignore(runner, corpus):
    only = run(runner, "check", str(corpus), "--select", "llm-chatter", "--output-format", "jsonl").stdout
    assert {json.loads(l)["category"] for l in only.splitlines()} == {"llm-chatter"}
    rest = run(runner, "check", str(corpus), "--ignore", "TB,nav-crumb", "--output-format", "jsonl").stdout
    categories = {json.loads(l)["category"] for l in rest.splitlines()}
    assert "nav-crumb" not in categories and not any(c.startswith("table-") for c in categories)


def test_check_fix_repairs_in_place(runner, corpus):
    target = corpus / SEED
    result = run(runner, "check", str(target), "--fix")
    text = target.read_text(encoding="utf-8")
    assert "If you want, I can help" not in text
    assert not text.endswith("\n\n")
    assert result.exit_code == 0  # nothing left after the fixes
    assert not list(corpus.glob(".*.part"))


def test_clean_folder_keeps_names_and_never_touches_input(runner, corpus, tmp_path):
    before = {p.name: p.read_bytes() for p in corpus.iterdir()}
    out = tmp_path / "out"
    result = run(runner, "clean", str(corpus), "-o", str(out), "--report", str(tmp_path / "r.csv"),
                 "--findings", str(tmp_path / "f.jsonl"))
    assert result.exit_code == 0, result.output
    assert {p.name for p in out.glob("[!.]*")} == set(before)
    assert {p.name: p.read_bytes() for p in corpus.iterdir()} == before
    findings = [json.loads(l) for l in (tmp_path / "f.jsonl").read_text().splitlines()]
    assert any(f["applied"] and f["category"] == "source-line" for f in findings)
    report = list(csv.DictReader((tmp_path / "r.csv").open()))
    assert len(report) == 5 and {"quality", "cluster", "keep", "llm-chatter"} <= set(report[0])


def test_clean_explain_names_rule_and_lines(runner, corpus, tmp_path):
    result = run(runner, "clean", str(corpus / SEED), "-o", str(tmp_path / "out.txt"), "--explain")
    assert "line 41: AI001 assistant-chatter [llm-chatter]" in result.stderr
    assert (tmp_path / "out.txt").exists()


def test_clean_refuses_to_overwrite_input(runner, corpus):
    result = run(runner, "clean", str(corpus), "-o", str(corpus))
    assert result.exit_code == 2 and "overwrite the input" in result.stderr


def test_clean_jsonl_keeps_fields_and_survives_bad_records(runner, tmp_path, seeds_dir):
    source = tmp_path / "in.jsonl"
    seed = (seeds_dir / SEED).read_text(encoding="utf-8")
    lines = [json.dumps({"id": "a", "text": seed, "lang": "en"}), "{not json", json.dumps({"id": "c", "body": "x"}),
             json.dumps({"id": "d", "text": CLEAN_TEXT, "lang": "en"})]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run(runner, "clean", str(source), "-o", str(out))
    assert result.exit_code == 3 and "2 record(s) skipped" in result.stderr  # the good records are written all the same
    assert run(runner, "clean", str(source), "-o", str(tmp_path / "again.jsonl"), "--allow-skips").exit_code == 0
    assert f"{source}, record 2: not valid JSON" in result.stderr
    assert f"{source}, record 3: no text field 'text'" in result.stderr
    records = [json.loads(l) for l in out.read_text().splitlines()]
    assert [r["id"] for r in records] == ["a", "d"]
    assert records[0]["lang"] == "en" and "If you want, I can help" not in records[0]["text"]


def test_clean_csv(runner, tmp_path, seeds_dir):
    source = tmp_path / "in.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text", "site"])
        writer.writerow(["s1", (seeds_dir / SEED).read_text(encoding="utf-8"), "example"])
    out = tmp_path / "out.csv"
    assert run(runner, "clean", str(source), "-o", str(out)).exit_code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows[0]["site"] == "example" and "If you want, I can help" not in rows[0]["text"]


def test_clean_html_page_becomes_text(runner, tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    html = ("<html><head><title>T</title></head><body><nav>Home / World</nav><article><h1>Council Delays Vote</h1>"
            "<p>The city council delayed its vote on Tuesday.</p><p>Leave a Reply</p></article>"
            "<footer>Copyright</footer></body></html>")
    with gzip.open(folder / "page.html.gz", "wt", encoding="utf-8") as handle:
        handle.write(html)
    out = tmp_path / "out"
    assert run(runner, "clean", str(folder), "-o", str(out)).exit_code == 0
    text = (out / "page.txt").read_text(encoding="utf-8")
    assert "The city council delayed its vote on Tuesday." in text
    assert "Home / World" not in text and "Leave a Reply" not in text and "Copyright" not in text


def test_clean_drops_near_duplicates_unless_told(runner, tmp_path, seeds_dir):
    folder = tmp_path / "dups"
    folder.mkdir()
    seed = (seeds_dir / SEED).read_text(encoding="utf-8")
    (folder / "a.txt").write_text(seed, encoding="utf-8")
    (folder / "b.txt").write_text(seed.replace("tense week", "tense month"), encoding="utf-8")
    out = tmp_path / "out"
    run(runner, "clean", str(folder), "-o", str(out), "--report", str(tmp_path / "r.csv"))
    assert sorted(p.name for p in out.glob("[!.]*")) == ["a.txt"]
    report = {r["id"]: r for r in csv.DictReader((tmp_path / "r.csv").open())}
    assert report["b"]["keep"] == "False" and report["b"]["duplicate_of"] == "a"
    run(runner, "clean", str(folder), "-o", str(tmp_path / "all"), "--no-dedup")
    assert sorted(p.name for p in (tmp_path / "all").glob("[!.]*")) == ["a.txt", "b.txt"]


def test_scan_writes_report_only(runner, corpus, tmp_path):
    result = run(runner, "scan", str(corpus), "--report", str(tmp_path / "r.csv"))
    assert result.exit_code == 0
    rows = {r["id"]: r for r in csv.DictReader((tmp_path / "r.csv").open())}
    assert rows["003_637ab0b4ae45922e"]["keyword-stuffing"] == "1"
    assert float(rows["002_98df15422c053175"]["quality"]) > float(rows["000_00b73b8abf2950d6"]["quality"])


def test_dedup_writes_id_cluster(runner, corpus, tmp_path):
    seed = (corpus / SEED).read_text(encoding="utf-8")
    (corpus / "copy.txt").write_text(seed.replace("tense week", "tense month"), encoding="utf-8")
    out = tmp_path / "clusters.csv"
    assert run(runner, "dedup", str(corpus), "--clusters", str(out)).exit_code == 0
    rows = list(csv.DictReader(out.open()))
    assert list(rows[0]) == ["id", "cluster"]
    clusters = {r["id"]: r["cluster"] for r in rows}
    assert clusters["copy"] == clusters[SEED[:-4]]
    assert len(set(clusters.values())) == 5


def test_rules_and_rule(runner):
    listing = run(runner, "rules").stdout
    assert "TB001" in listing and "padded-table-rows" in listing
    doc = run(runner, "rule", "TB001")
    assert doc.exit_code == 0 and "Fix:" in doc.stdout
    by_name = run(runner, "rule", "assistant-chatter")
    assert "AI001" in by_name.stdout
    missing = run(runner, "rule", "ZZ999")
    assert missing.exit_code == 2 and "no rule" in missing.stderr


def test_config_from_pyproject(runner, tmp_path, seeds_dir, monkeypatch):
    project = tmp_path / "project"
    project.mkdir()
    monkeypatch.chdir(project)  # the configuration is found from the working directory
    shutil.copy(seeds_dir / SEED, project / SEED)
    (project / "pyproject.toml").write_text('[tool.contentqa]\nignore = ["llm-chatter"]\n', encoding="utf-8")
    rows = run(runner, "check", str(project / SEED), "--output-format", "jsonl").stdout
    assert "llm-chatter" not in rows and "table-duplicate-rows" in rows
    (project / "pyproject.toml").write_text('[tool.contentqa]\nselectt = ["ALL"]\n', encoding="utf-8")
    bad = run(runner, "check", str(project / SEED))
    assert bad.exit_code == 2 and "selectt" in bad.stderr and "pyproject.toml" in bad.stderr


def test_a_configuration_inside_the_corpus_never_configures_its_cleaning(runner, tmp_path, monkeypatch):
    corpus = tmp_path / "incoming"
    corpus.mkdir()
    (corpus / "wipe.yaml").write_text("rules:\n  - code: XW001\n    name: wipe\n    category: nav-crumb\n"
                                      "    message: m\n    patterns: ['.*']\n", encoding="utf-8")
    (corpus / "pyproject.toml").write_text('[tool.contentqa]\npacks = ["wipe.yaml"]\n', encoding="utf-8")
    (corpus / "a.txt").write_text("The council met on Monday and approved the budget for the new library.\n",
                                  encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run(runner, "clean", str(corpus), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert (tmp_path / "out" / "a.txt").read_text(encoding="utf-8").startswith("The council met on Monday")


def test_user_phrase_pack(runner, tmp_path, monkeypatch):
    project = tmp_path / "project"
    project.mkdir()
    monkeypatch.chdir(project)
    (project / "site.yaml").write_text(
        "rules:\n  - code: XS001\n    name: harbor-footer\n    category: nav-crumb\n    zone: tail\n"
        "    message: harbor footer\n    patterns: ['more from the harbor ledger']\n", encoding="utf-8")
    (project / "pyproject.toml").write_text('[tool.contentqa]\npacks = ["site.yaml"]\n', encoding="utf-8")
    (project / "a.txt").write_text("The council met on Monday.\nMore from The Harbor Ledger\n", encoding="utf-8")
    rows = run(runner, "check", str(project / "a.txt"), "--output-format", "jsonl").stdout
    assert "XS001" in {json.loads(row)["code"] for row in rows.splitlines()}
    (project / "site.yaml").write_text("rules:\n  - code: XS001\n    name: x\n    category: nav-crumb\n"
                                       "    message: m\n    patterns: ['(unclosed']\n", encoding="utf-8")
    bad = run(runner, "check", str(project / "a.txt"))
    assert bad.exit_code == 2 and "site.yaml: rule #1" in bad.stderr and "bad pattern" in bad.stderr


def test_stats_say_what_each_step_and_rule_did(runner, corpus, tmp_path):
    """--stats: the counts of the summary, the seconds of each step and each rule (slowest first)."""
    for command, extra in (("clean", ["-o", str(tmp_path / "cleaned")]), ("scan", ["--report", str(tmp_path / "r.csv")])):
        path = tmp_path / f"{command}-stats.json"
        result = run(runner, command, str(corpus), *extra, "--stats", str(path), "--workers", "1")
        assert result.exit_code == 0, result.output
        stats = json.loads(path.read_text(encoding="utf-8"))
        assert stats["documents"]["read"] == 5 and stats["lines"]["in"] > 100
        assert {"parse", "detect", "fix", "score", "drop", "sign", "write"} <= set(stats["seconds"])
        assert stats["seconds"]["detect"] > 0 and stats["seconds"]["wall"] >= stats["seconds"]["write"]
        rules = list(stats["rule_seconds"].values())
        assert "AI001" in stats["rule_seconds"] and rules == sorted(rules, reverse=True)
        assert stats["findings"] and stats["fixes"]
