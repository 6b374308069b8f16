"""The building blocks: document parsing, the fix loop, readers, writers, packs, HTML."""

from __future__ import annotations

import json

import numpy as np
import pytest

from contentqa.document import BlockKind, Document
from contentqa.findings import Applicability, Edit, Fix
from contentqa.fixes import apply_once, fix_until_stable
from contentqa.readers import Record, RecordError, read_inputs
from contentqa.rules.phrases import PackError, load_pack
from contentqa.writers import CorpusWriter, atomic_open

from conftest import linter_for


def test_blocks_of_a_scraped_article(seeds_dir):
    doc = Document((seeds_dir / "000_00b73b8abf2950d6.txt").read_text(encoding="utf-8"))
    kinds = [b.kind for b in doc.blocks]
    assert kinds[:5] == [BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.PARAGRAPH,
                         BlockKind.LIST_ITEM]
    table = doc.tables[0]
    assert (table.first.number, table.last.number) == (8, 12)
    assert not doc.blank_separated


def test_offsets_and_positions():
    doc = Document("one\r\ntwo\n\nthree")
    assert [l.text for l in doc.lines] == ["one", "two", "", "three"]
    assert doc.position(doc.lines[3].start + 2) == (4, 3)
    assert doc.text[doc.lines[1].start:doc.lines[1].end] == "two"


def test_removal_span_takes_the_gap_after_a_block():
    doc = Document("a\n\nb\n\nc\n")
    start, end = doc.removal_span(doc.lines[2])
    assert doc.text[:start] + doc.text[end:] == "a\n\nc\n"


def finding_with(fix: Fix, code: str = "XX001"):
    from contentqa.findings import Finding
    return Finding(code, "x", "nav-crumb", fix.span[0], fix.span[1], 1, 1, 1, 1, "m", fix=fix)


def test_overlapping_fixes_wait_for_the_next_round():
    text = "abcdef"
    first = finding_with(Fix((Edit(0, 3, "X"),), "first"))
    second = finding_with(Fix((Edit(2, 4, "Y"),), "second"))
    new, taken = apply_once(text, [second, first], Applicability.SAFE)
    assert new == "Xdef" and [t[0].fix.title for t in taken] == ["first"]


def test_unsafe_fixes_need_asking():
    unsafe = finding_with(Fix((Edit(0, 1, ""),), "drop", Applicability.UNSAFE))
    assert apply_once("abc", [unsafe], Applicability.SAFE)[0] == "abc"
    assert apply_once("abc", [unsafe], Applicability.UNSAFE)[0] == "bc"


def test_fix_loop_stops_when_stable_and_records_rules(seeds_dir):
    linter = linter_for("ALL")
    doc = Document((seeds_dir / "003_637ab0b4ae45922e.txt").read_text(encoding="utf-8"))
    outcome = linter.fix(doc)
    assert outcome.converged
    assert {a.code for a in outcome.applied} >= {"TT002", "RL001", "CF001", "CF002"}
    assert linter.fix(Document(outcome.text)).applied == []


def test_fix_loop_is_bounded():
    def check(doc):  # a rule that always wants one more character
        return [finding_with(Fix((Edit(0, 0, "x"),), "grow"))]
    outcome = fix_until_stable(Document("a"), check, max_rounds=3)
    assert not outcome.converged and outcome.rounds == 3 and outcome.text == "xxxa"


def test_readers_name_file_and_record(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "text": "ok"}\n[1, 2]\n{"id": 3}\n', encoding="utf-8")
    items = list(read_inputs([bad]))
    assert isinstance(items[0], Record) and items[0].id == "1"
    assert isinstance(items[1], RecordError) and "record 2" in str(items[1]) and "JSON object" in str(items[1])
    assert isinstance(items[2], RecordError) and "no text field" in str(items[2])
    latin = tmp_path / "latin.txt"
    latin.write_bytes("café".encode("latin-1"))
    error = next(read_inputs([latin]))
    assert isinstance(error, RecordError) and "not UTF-8" in str(error) and "latin.txt" in str(error)


def test_atomic_writer_leaves_nothing_behind_on_failure(tmp_path):
    target = tmp_path / "out.jsonl"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with CorpusWriter(target, "jsonl") as writer:
            writer.write(Record("a", "text", "x", "jsonl", 1, fields={"id": "a", "text": "t"}), "new")
            raise RuntimeError("interrupted")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_atomic_open_replaces_whole(tmp_path):
    target = tmp_path / "deep" / "file.txt"
    with atomic_open(target) as stream:
        stream.write("complete")
    assert target.read_text() == "complete"


def test_pack_errors_name_file_and_entry(tmp_path):
    pack = tmp_path / "p.yaml"
    pack.write_text("rules:\n  - code: XP001\n    name: x\n    category: nav-crumb\n    message: m\n"
                    "    patterns: ['a']\n    colour: red\n", encoding="utf-8")
    with pytest.raises(PackError, match=r"p.yaml: rule #1: unknown keys \['colour'\]"):
        load_pack(pack)
    pack.write_text("rules:\n  - code: XP001\n    name: x\n    category: not-a-category\n    message: m\n"
                    "    patterns: ['a']\n", encoding="utf-8")
    with pytest.raises(PackError, match="unknown category"):
        load_pack(pack)


def test_a_pattern_may_not_reach_into_the_next(tmp_path):
    """A user pack's alternatives are compiled one by one: "a)|(b" is no pattern, even though
    the joined alternation would compile."""
    pack = tmp_path / "p.yaml"
    pack.write_text("rules:\n  - code: XP001\n    name: x\n    category: nav-crumb\n    message: m\n"
                    "    patterns: ['share)|(?:print']\n", encoding="utf-8")
    with pytest.raises(PackError, match=r"p.yaml: XP001: bad pattern"):
        load_pack(pack)


def test_built_in_pack_patterns_compile_alone():
    """The built-in packs skip that check at start-up; here is where it is made for them."""
    import re

    import yaml

    from contentqa.rules.phrases import PACK_DIR

    for path in sorted(PACK_DIR.glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]:
            for pattern in entry["patterns"]:
                re.compile(pattern)  # raises on a bad one


def test_html_tables_and_lists():
    from contentqa.html import html_to_text
    text = html_to_text("<body><main><h2>Prices</h2><table><tr><th>Item</th><th>Cost</th></tr>"
                        "<tr><td>Tea</td><td>2</td></tr></table><ol><li>first</li><li>second</li></ol></main></body>")
    assert text.splitlines() == ["Prices", "| Item | Cost |", "|---|---|", "| Tea | 2 |", "- first", "- second"]


def test_rule_failure_is_reported_not_fatal(monkeypatch, seeds_dir):
    from contentqa.rules.titles import DuplicateTitle
    linter = linter_for("ALL")

    def broken(self, doc, ctx):
        raise ZeroDivisionError("boom")
    monkeypatch.setattr(DuplicateTitle, "check", broken)
    findings = linter.check(Document((seeds_dir / "001_d47f74ae21f2c844.txt").read_text(encoding="utf-8"), id="s1"))
    assert any(f.category == "llm-chatter" for f in findings)
    assert linter.failures and linter.failures[0].code == "TT002" and "boom" in linter.failures[0].error


def test_every_rule_is_documented():
    from contentqa.rules import load_rules
    for code, cls in load_rules().items():
        doc = cls.documentation()
        assert len(doc) > 80 and "Example" in doc or "Matches a whole line" in doc, code


def test_model_files_load_without_pickle_and_refuse_tampering(tmp_path):
    import shutil
    from contentqa.detector import ArtifactDetector, ModelError
    from contentqa.rules.learned import default_model_path
    stem = default_model_path()
    assert stem is not None, "the shipped model must be found"
    model = ArtifactDetector.load(stem)
    assert "llm-chatter" in model.categories and len(model.categories) > 5
    copy = tmp_path / "m"
    shutil.copy(stem.with_suffix(".json"), copy.with_suffix(".json"))
    data = dict(np.load(stem.with_suffix(".npz"), allow_pickle=False))
    data["line_intercept"] = data["line_intercept"] + 1
    np.savez_compressed(copy.with_suffix(".npz"), **data)
    with pytest.raises(ModelError, match="checksum"):
        ArtifactDetector.load(copy)


def test_training_reads_both_label_formats(tmp_path, seeds_dir):
    from contentqa.training import read_labels
    (tmp_path / "a.txt").write_text("Title\nIf you want, I can help format this further.\n", encoding="utf-8")
    (tmp_path / "expected.json").write_text(json.dumps(
        {"a.txt": {"findings": [{"category": "llm-chatter", "lines": [2, 2], "action": "remove"}]}}), encoding="utf-8")
    docs = read_labels(tmp_path / "expected.json")
    assert docs[0].labels == {0: "content", 1: "llm-chatter"}
    labels = tmp_path / "labels.jsonl"
    labels.write_text(json.dumps({"id": "d1", "lines": [{"n": 1, "label": "content", "text": "Title"},
                                                        {"n": 2, "label": "blank", "text": ""},
                                                        {"n": 3, "label": "byline", "text": "By Ann Lee"}]}) + "\n")
    docs = read_labels(labels)
    assert docs[0].labels == {0: "content", 2: "byline"} and docs[0].doc.text == "Title\n\nBy Ann Lee"
