"""The line features: the character grams hashed in numpy are the grams `char_tokens` lists."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from contentqa import features
from contentqa.document import Document

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "fixtures" / "real").rglob("*.txt"))
ODD_LINES = ["", "   ", "a", "Ünïcode ſtraße İstanbul x", "tab\tseparated  words", "emoji 🙂 here", "ΣΑΣ όλοι"]
MASK = (1 << 64) - 1


def reference_column(gram: str) -> int:
    """FNV-1a over the gram's code points, as written in the feature documentation, one gram at a time."""
    value = int(features.FNV_SEEDS[len(gram)])
    for char in gram:
        value = ((value ^ ord(char)) * int(features.FNV_PRIME)) & MASK
    return (value ^ (value >> 32)) % features.N_CHAR_FEATURES + features.N_WORD_FEATURES


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_the_character_block_holds_each_lines_grams(path):
    texts = [line.stripped for line in Document(text=path.read_text(encoding="utf-8")).nonblank] + ODD_LINES
    rows, columns = features.char_block(texts)
    assert len(rows) == len(columns) == sum(len(features.char_tokens(text)) for text in texts)
    for row, text in enumerate(texts):
        assert Counter(columns[rows == row].tolist()) == Counter(map(reference_column, features.char_tokens(text)))


def test_grams_of_different_sizes_and_orders_hash_apart():
    rows, columns = features.char_block(["ab ba"])
    assert len(set(columns.tolist())) == len(columns)  # " a", "ab", "b ", " b", "ba", "a ", " ab", ...
    assert features.char_block(["", "  "])[0].size == 0


def test_every_nonblank_line_gets_a_row_with_its_grams():
    doc = Document(text="Share this article\n\nThe council met on Tuesday to vote on the budget.\n")
    rows, lines = features.line_features(doc)
    assert rows.shape[0] == len(lines) == 2
    counts = np.diff(rows.indptr)
    assert (counts > 20).all()  # words, bigrams, grams, skeleton and context tokens
