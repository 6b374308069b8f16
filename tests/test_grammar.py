"""The assistant grammar is data: every entry's examples are found, its counterexamples are not,
every pattern stays linear on hostile lines, and a broken grammar file is an error naming the file
and the entry."""

from __future__ import annotations


import pytest

from contentqa import assistant
from contentqa.document import MAX_JUDGED_CHARS
from contentqa.grammar import GRAMMAR_DIR, GrammarError, load_grammar
from tests.test_linear_time import HOSTILE, best_of_three

GRAMMAR = load_grammar(GRAMMAR_DIR / "assistant.yaml")


@pytest.mark.parametrize("name", sorted(GRAMMAR))
def test_every_entry_finds_its_examples_and_not_its_counterexamples(name):
    entry = GRAMMAR[name]
    assert entry.about, f"{name} says what it recognises"
    assert entry.examples, f"{name} has an example"
    for example in entry.examples:
        assert example.pattern.search(example.text), f"{name}: its template misses {example.text!r}"
        assert entry.pattern.search(example.text), f"{name}: the entry misses {example.text!r}"
    for text in entry.counterexamples:
        assert not entry.pattern.search(text), f"{name}: finds its counterexample {text!r}"


def test_each_template_has_its_own_example():
    raw = __import__("yaml").safe_load((GRAMMAR_DIR / "assistant.yaml").read_text(encoding="utf-8"))
    for name, spec in raw["entries"].items():
        for template in spec.get("templates", []):
            assert isinstance(template, dict) and template.get("example"), f"{name}: {template!r} has no example"


def test_every_entry_is_read_by_the_assistant_grammar():
    used = {name.lower() for name, value in vars(assistant).items() if isinstance(value, type(assistant.REFUSAL))}
    assert set(GRAMMAR) <= used, f"entries nothing reads: {sorted(set(GRAMMAR) - used)}"


def test_the_grammar_tells_a_closing_offer_from_a_bloggers_sign_off():
    assert assistant.chatter_family("If you want, I can help format this further or add a summary.") == "closer-offer"
    assert assistant.chatter_family("If you have questions, let me know in the comments below!") is None


def search_time(pattern, text: str) -> float:
    return best_of_three(lambda: pattern.search(text))


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_every_entry_is_linear_on_hostile_lines(kind):
    make = HOSTILE[kind]
    slow = []
    for name, entry in GRAMMAR.items():
        small, large = search_time(entry.pattern, make(MAX_JUDGED_CHARS // 10)), search_time(entry.pattern,
                                                                                             make(MAX_JUDGED_CHARS))
        if large > 0.01 and large > 30 * max(small, 1e-4):
            slow.append(f"{name}: {small * 1000:.1f} ms, then {large * 1000:.1f} ms")
    assert not slow, f"{kind}: " + "; ".join(slow)


@pytest.mark.parametrize("body, message", [
    ("entries: {x: {words: [a], templates: [b]}}", "entry 'x': give either 'words' or 'templates'"),
    ("entries: {x: {templates: ['{nowhere}']}}", "entry 'x': unknown piece {nowhere}"),
    ("entries: {x: {templates: ['(unclosed']}}", "entry 'x': missing ), unterminated subpattern"),
    ("entries: {x: {case: upper, words: [a]}}", "entry 'x': case must be 'ignore' or 'sensitive'"),
    ("pieces: {}", "a grammar needs a mapping 'entries'"),
    ("entries: [unclosed", "cannot read the grammar"),
])
def test_a_broken_grammar_names_the_file_and_the_entry(tmp_path, body, message):
    path = tmp_path / "broken.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(GrammarError) as error:
        load_grammar(path)
    assert str(path) in str(error.value) and message in str(error.value)


def test_pieces_are_shared_and_quantifiers_are_left_alone(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("pieces: {pet: 'cat|dog'}\nentries:\n  pets:\n    case: sensitive\n"
                    "    templates: [{pattern: '\\bmy (?:{pet})\\b.{0,5}$', example: 'my dog sat'}]\n", encoding="utf-8")
    entry = load_grammar(path)["pets"]
    assert entry.pattern.search("my dog sat") and not entry.pattern.search("My dog sat")
    assert not entry.pattern.search("my dog sat on the mat")
