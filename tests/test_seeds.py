"""The five seed articles: every annotated artifact is found, and the cleaned text is right.

The annotation is restated in fixtures/seeds_expected.yaml; the seeds are the project's copies.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from contentqa import tables
from contentqa.document import Document

EXPECTED = yaml.safe_load((Path(__file__).parent / "fixtures" / "seeds_expected.yaml").read_text(encoding="utf-8"))


def rows_of(text: str) -> list[tuple[str, ...]]:
    return [tables.row_key(tables.split_cells(l)) for l in text.splitlines() if tables.has_pipe(l)]


def pipe_blocks(text: str) -> list[list[str]]:
    blocks, block = [], []
    for line in text.splitlines():
        if tables.has_pipe(line):
            block.append(line)
        elif block:
            blocks.append(block)
            block = []
    return blocks + ([block] if block else [])


@pytest.fixture(scope="module")
def results(linter, seeds_dir):
    out = {}
    for name in EXPECTED:
        doc = Document((seeds_dir / name).read_text(encoding="utf-8"), id=name)
        out[name] = (doc, linter.check(doc), linter.fix(doc).text)
    return out


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_artifact_is_found(results, name):
    doc, findings, _ = results[name]
    for expected in EXPECTED[name]["findings"]:
        category = expected["category"]
        if expected.get("document"):
            assert any(f.category == category for f in findings), f"{name}: no {category} finding"
            continue
        first, last = expected["lines"]
        assert any(f.category == category and f.line <= last and f.end_line >= first for f in findings), \
            f"{name}: no {category} finding covers lines {first}-{last}"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_cleaned_text(results, name):
    doc, _, cleaned = results[name]
    original = doc.text.split("\n")
    clean_lines = [l.strip() for l in cleaned.splitlines()]
    spec = EXPECTED[name]
    for expected in spec["findings"]:
        action = expected["action"]
        if expected.get("document"):
            continue
        first, last = expected["lines"]
        targets = [original[i - 1].strip() for i in range(first, last + 1) if original[i - 1].strip()]
        if action == "remove":
            for target in targets:
                assert target not in clean_lines, f"{name}: {target!r} should be gone"
        elif action == "remove-copy":
            for target in targets:
                if tables.has_pipe(target):
                    key = tables.row_key(tables.split_cells(target))
                    assert rows_of(cleaned).count(key) == 1, f"{name}: row {target!r} should stand once"
                else:
                    assert clean_lines.count(target) == 1, f"{name}: {target!r} should stand once"
        elif action == "flag":
            for target in targets:
                assert target in clean_lines, f"{name}: flagged line {target!r} must stay"
        elif "rows" in expected:
            block = next(b for b in pipe_blocks(cleaned) if rows_of("\n".join(b))[0] == tuple(expected["rows"][0]))
            assert tables.is_separator(block[1]), f"{name}: the repaired table needs a separator"
            assert all(len(tables.split_cells(r)) == expected["columns"] for r in block), block
            for row in expected["rows"]:
                assert tuple(row) in rows_of("\n".join(block))
        else:
            assert expected["line"] in clean_lines, f"{name}: {expected['line']!r} should be a line of its own"
            if "prefix" in expected:
                assert any(l.startswith(expected["prefix"]) for l in clean_lines)
    for first, last in spec["keep"]:
        for number in range(first, last + 1):
            line = original[number - 1].strip()
            if not line or tables.is_separator(line):
                continue
            if tables.has_pipe(line):
                assert tables.row_key(tables.split_cells(line)) in rows_of(cleaned), f"{name}: row {number} lost"
            else:
                assert line in clean_lines, f"{name}: line {number} {line[:50]!r} lost"
    if spec.get("no_trailing_blank_lines"):
        assert not cleaned.endswith("\n\n")


def test_seed_copies_are_near_duplicates_and_seeds_are_not(seeds_dir):
    from contentqa.dedup import NearDuplicateIndex
    index = NearDuplicateIndex()
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))}
    for stem, text in texts.items():
        index.add(stem, text)
    seed4 = texts["004_0722137e7a86b07f"].splitlines()
    index.add("copy_004", "\n".join([seed4[0], "", seed4[5], "", seed4[7], "", seed4[9]]))
    seed1 = texts["001_d47f74ae21f2c844"].replace("tense week", "tense month")
    index.add("copy_001", seed1)
    clusters = index.clusters()
    assert clusters["copy_004"] == clusters["004_0722137e7a86b07f"]
    assert clusters["copy_001"] == clusters["001_d47f74ae21f2c844"]
    assert len({clusters[s] for s in texts}) == 5
