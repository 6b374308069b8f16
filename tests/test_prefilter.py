"""The literal test in front of a pattern never changes what the pattern finds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from contentqa import assistant
from contentqa.prefilter import Prefiltered, literals_of

ROOT = Path(__file__).resolve().parent.parent
REAL = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "fixtures" / "real").rglob("*.txt"))


def texts() -> list[str]:
    """Every line of the seeds and the real-prose fixtures, and every grammar example and counterexample."""
    lines = [line for path in REAL for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for entry in assistant.GRAMMAR.values():
        lines += [example.text for example in entry.examples] + list(entry.counterexamples)
    return lines


def test_the_corpus_is_there():
    assert len(REAL) >= 5 and len(texts()) > 500


@pytest.mark.parametrize("name", sorted(assistant.GRAMMAR))
def test_every_grammar_entry_finds_what_its_bare_pattern_finds(name):
    gated = assistant.GRAMMAR[name].pattern
    assert isinstance(gated, Prefiltered)
    bare = re.compile(gated.pattern, gated.flags)
    for text in texts():
        for case in (text, text.upper(), text.title()):
            raw = bare.search(case)
            found = gated.search(case)
            assert (raw and raw.span()) == (found and found.span()), f"{name}: {case!r}"
            raw = bare.match(case)
            found = gated.match(case)
            assert (raw and raw.span()) == (found and found.span()), f"{name}: {case!r}"
            assert gated.sub("", case) == bare.sub("", case)
            assert [m.span() for m in gated.finditer(case)] == [m.span() for m in bare.finditer(case)]


def test_most_grammar_entries_have_literals_to_test():
    gated = [entry.pattern for entry in assistant.GRAMMAR.values() if entry.pattern.literals]
    assert len(gated) >= len(assistant.GRAMMAR) * 3 // 4


@pytest.mark.parametrize("source, literals", [
    (r"\bmy (?:knowledge|training) cutoff\b", {"knowledge", "training"}),  # longer than " cutoff"
    (r"\b(?:as of|since) (?:my|the) last update", {" last update"}),
    (r"(?:regenerate|copy code)", {"regenerate", "copy code"}),
    (r"\b(?:sorry|x*)\b", None),  # a branch that needs nothing: no test
    (r"(?:very )?good", {"good"}),  # an optional part needs nothing; the rest does
    (r"(?:ab){2,}c", {"ab"}),
    (r"I am (?!sure)", {"i am "}),  # a negative look-ahead needs nothing
    (r"\w+|\d", None),
    (r"[a-z]+ing", {"ing"}),
])
def test_literals_are_what_every_match_needs(source, literals):
    assert literals_of(source, re.IGNORECASE) == (frozenset(literals) if literals else None)


@pytest.mark.parametrize("text", ["\u017forry for that", "SORRY", "I\u0307 am sorry", "\u212aind regards",
                                  "\u0130t is", "\u0131t is"])
def test_case_insensitive_matches_through_other_alphabets_are_kept(text):
    source = r"sorry|kind regards|it is"
    assert Prefiltered(source, re.IGNORECASE).folds
    assert bool(Prefiltered(source, re.IGNORECASE).search(text)) == bool(re.search(source, text, re.IGNORECASE))


@pytest.mark.parametrize("source, folds", [
    (r"\bsorry\b", True), ("’s", True), (r"[a-z]+ing|[A-Z]\d", True), (r"[\ue000-\uf8ff]|\[cite", True),
    (r"\Wsorry", False), (r"caf\u00e9", False), ("café", False), (r"\x41", False), (r"(a)\1", False),
    (r"[A-z]", False), (r"[!-Z]", False), (r"[\u00c0-\u00ff]", False), (r"(?-i:I) am", False),
])
def test_only_patterns_that_lower_casing_keeps_run_lower_cased(source, folds):
    assert Prefiltered(source, re.IGNORECASE).folds is folds
    assert Prefiltered(source, 0).folds is False


def test_a_replacement_with_group_references_is_refused():
    with pytest.raises(ValueError):
        Prefiltered(r"(a)b", re.IGNORECASE).sub(r"\1", "ab")
