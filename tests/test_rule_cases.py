"""Every rule against its data: the fail, pass and fix examples in tests/cases/<CODE>.yaml.

A fail case lists the line ranges the rule must cover; a pass case (real prose above all) must
draw no finding from the rule; a fix case gives the text after the rule's safe fixes. A case
runs the rule alone unless it names other rules in `select` (a verdict on other findings), with
the rules' default options unless it gives some in `options` ({code: {option: value}}).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from contentqa.document import Document
from contentqa.rules import load_rules

from conftest import linter_for

CASES_DIR = Path(__file__).parent / "cases"
KINDS = ("fail", "pass", "fix")


def load_cases() -> list:
    params = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            params.append(pytest.param(data["rule"], case, id=f"{data['rule']}-{case['kind']}-{case['name']}"))
    return params


@pytest.mark.parametrize("code, case", load_cases())
def test_rule_case(code: str, case: dict) -> None:
    assert case["kind"] in KINDS, f"unknown case kind {case['kind']!r}"
    linter = linter_for(*case.get("select", [code]), options=case.get("options"))
    doc = Document(case["text"])
    findings = [f for f in linter.check(doc) if f.code == code]
    if case["kind"] == "fail":
        assert findings, f"{code} found nothing in: {case['text']!r}"
        for first, last in case["lines"]:
            assert any(f.line <= first and f.end_line >= last for f in findings), \
                f"no {code} finding covers lines {first}-{last}; got {[(f.line, f.end_line) for f in findings]}"
        covered = {n for f in findings for n in range(f.line, f.end_line + 1)}
        expected = {n for first, last in case["lines"] for n in range(first, last + 1)}
        assert covered <= expected | {0}, f"{code} also flagged lines {sorted(covered - expected)}"
    elif case["kind"] == "pass":
        assert not findings, f"{code} flagged real prose: {[(f.line, f.message) for f in findings]}"
    else:
        assert linter.fix(doc).text == case["fixed"]


def test_every_rule_has_cases() -> None:
    """No rule without examples: each has a fail and a pass case, and a fix case when it fixes."""
    by_rule: dict[str, set[str]] = {}
    for path in CASES_DIR.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        by_rule.setdefault(data["rule"], set()).update(c["kind"] for c in data["cases"])
    builtin = {code: cls for code, cls in load_rules().items() if cls.origin == "builtin" or "packs" in cls.origin}
    flag_only = {"ST002", "SP001", "AI020", "QL001", "ML001", "ML002"}
    corpus_level = {"DU001"}  # a document against the others of a run: tests/test_cli.py
    for code in set(builtin) - corpus_level:
        kinds = by_rule.get(code, set())
        assert {"fail", "pass"} <= kinds, f"rule {code} needs fail and pass cases in tests/cases/{code}.yaml"
        if code not in flag_only:
            assert "fix" in kinds, f"rule {code} fixes text but has no fix case"
