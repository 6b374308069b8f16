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


@pytest.mark.parametrize("size", [10_000, 12])
def test_remembered_text_scores_add_up_to_the_whole_rows_scores(size):
    """The detector scores a line's own tokens once per text (`TextScores`) and its neighbours,
    shape and evidence per document; the sum is the score of the line's whole row, also when
    the memory fills up with a document that shares some lines with the one before (size 12:
    overlapping windows of one text, as a fix round or a site's chrome repeats lines)."""
    rng = np.random.default_rng(0)
    weights = rng.normal(size=(features.n_features(), 3)).astype(np.float32)
    scores = features.TextScores(weights, size=size)
    lines = [line.stripped for line in Document(text=TEXTS[0].read_text(encoding="utf-8")).nonblank]
    for start in range(0, 30, 5):
        doc = Document(text="\n\n".join(lines[start:start + 10]))
        whole, judged = features.line_features(doc)
        rows, columns = features.context_columns(doc)
        around = features.counted_rows(rows, columns, len(judged), features.shape_matrix(doc))
        split = scores([line.stripped for line in judged]) + around.dot_weights(weights)
        np.testing.assert_allclose(split, whole.dot_weights(weights), rtol=1e-9, atol=1e-9)
        assert len(scores.known) <= max(size, 10)
