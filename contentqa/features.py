"""Features of a line for the learned artifact detector: its words, its shape, its place and its neighbours.

Text features are hashed (word unigrams and bigrams, character 2-4-grams within words), so the
model needs no vocabulary file. Shape, position and neighbour features are a short dense
vector. Everything is computed from the `Document`, so training and prediction see the same
thing. FEATURE_VERSION changes whenever the features do; a model trained on other features is
refused at load time.
"""

from __future__ import annotations

import math

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer

from contentqa import text as shape
from contentqa.document import Document, Line

FEATURE_VERSION = 1
N_WORD_FEATURES = 2 ** 16
N_CHAR_FEATURES = 2 ** 16

WORDS = HashingVectorizer(n_features=N_WORD_FEATURES, ngram_range=(1, 2), alternate_sign=False, norm="l2",
                          lowercase=True, token_pattern=r"(?u)\b\w+\b")
CHARS = HashingVectorizer(n_features=N_CHAR_FEATURES, analyzer="char_wb", ngram_range=(2, 4), alternate_sign=False,
                          norm="l2", lowercase=True)
CONTEXT = HashingVectorizer(n_features=2 ** 12, alternate_sign=False, norm=None, lowercase=True,
                            token_pattern=r"\S+")

SHAPE_NAMES = (
    "log_words", "log_chars", "ends_sentence", "ends_colon", "ends_question", "title_case", "upper_share",
    "digit_share", "pipes", "list_item", "heading_like", "has_url", "starts_by", "no_letters",
    "rank_share", "from_end_share", "in_head", "in_tail", "first_line", "last_line",
    "blank_before", "blank_after", "prev_log_words", "next_log_words", "prev_ends_sentence", "next_ends_sentence",
    "prev_heading", "next_heading", "doc_log_lines", "repeated_in_doc",
)


def shape_vector(doc: Document, line: Line, position: int, counts: dict[str, int],
                 flags: list[tuple[float, float, float]]) -> list[float]:
    """`flags` holds, per non-blank line: log word count, ends a sentence, reads as a heading."""
    text = line.stripped
    count = doc.word_counts[line.index]
    letters = [c for c in text if c.isalpha()]
    total = len(doc.nonblank)
    prev_words, prev_end, prev_heading = flags[position - 1] if position > 0 else (0.0, 0.0, 0.0)
    next_words, next_end, next_heading = flags[position + 1] if position + 1 < total else (0.0, 0.0, 0.0)
    _, own_end, own_heading = flags[position]
    return [
        math.log1p(count), math.log1p(len(text)), own_end, float(text.endswith(":")),
        float(text.endswith("?")), shape.title_case_ratio(text),
        sum(c.isupper() for c in letters) / len(letters) if letters else 0.0,
        sum(c.isdigit() for c in text) / len(text) if text else 0.0,
        min(text.count("|"), 10) / 10, float(shape.is_list_item(text)), own_heading,
        float(bool(shape.URL_OR_DOMAIN.search(text))), float(text.lower().startswith("by ")),
        float(not shape.has_letters(text)),
        position / max(1, total - 1), (total - 1 - position) / max(1, total - 1),
        float(position < 8), float(total - 1 - position < 8), float(position == 0), float(position == total - 1),
        float(line.index == 0 or doc.lines[line.index - 1].is_blank),
        float(line.index + 1 >= len(doc.lines) or doc.lines[line.index + 1].is_blank),
        prev_words, next_words, prev_end, next_end, prev_heading, next_heading,
        math.log1p(total), float(counts.get(shape.normalise(text), 0) > 1),
    ]


def context_tokens(doc: Document, position: int) -> str:
    """The first words of the neighbouring lines, tagged with where they stand."""
    tokens = []
    for offset, tag in ((-1, "p"), (1, "n")):
        index = position + offset
        if 0 <= index < len(doc.nonblank):
            words = shape.words(doc.nonblank[index].text)[:2]
            tokens += [f"{tag}:{w.lower()}" for w in words]
        else:
            tokens.append(f"{tag}:<edge>")
    return " ".join(tokens)


def line_features(doc: Document) -> tuple[sp.csr_matrix, list[Line]]:
    """One row of features per non-blank line of the document (tables' rows included)."""
    lines = doc.nonblank
    if not lines:
        return sp.csr_matrix((0, n_features())), []
    texts = [line.stripped for line in lines]
    counts: dict[str, int] = {}
    for text in texts:
        key = shape.normalise(text)
        counts[key] = counts.get(key, 0) + 1
    flags = [(math.log1p(doc.word_counts[line.index]), float(shape.ends_sentence(line.stripped)),
              float(shape.is_heading_like(line.text))) for line in lines]
    dense = np.array([shape_vector(doc, line, i, counts, flags) for i, line in enumerate(lines)], dtype=np.float64)
    context = CONTEXT.transform([context_tokens(doc, i) for i in range(len(lines))])
    matrix = sp.hstack([WORDS.transform(texts), CHARS.transform(texts), context * 0.5, sp.csr_matrix(dense)],
                       format="csr")
    return matrix, lines


def n_features() -> int:
    return N_WORD_FEATURES + N_CHAR_FEATURES + 2 ** 12 + len(SHAPE_NAMES)

