"""Features of a line for the learned artifact detector: its words, its shape, its place and its neighbours.

Text features are hashed (word unigrams and bigrams, character 2-4-grams within words, the
line's skeleton: n-grams of its function words with every other word reduced to its shape, and
the neighbouring lines' first words) with xxhash, so the model needs no vocabulary file and scoring
needs neither scikit-learn nor scipy. Shape, position and neighbour features are a short dense
vector. Everything is computed from the `Document`, so training and prediction see the same
thing. FEATURE_VERSION changes whenever the features do; a model trained on other features is
refused at load time.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import xxhash

from contentqa import text as shape
from contentqa.grammar import GRAMMAR_DIR
from contentqa.document import Document, Line

if TYPE_CHECKING:
    import scipy.sparse as sp

FEATURE_VERSION = 3
N_WORD_FEATURES = 2 ** 16
N_CHAR_FEATURES = 2 ** 16
N_SKELETON_FEATURES = 2 ** 14
N_CONTEXT_FEATURES = 2 ** 12
CONTEXT_WEIGHT = 0.5
TOKEN = re.compile(r"\b\w+\b")
SPACE = re.compile(r"\s+")


@dataclass
class HashedRows:
    """Rows of hashed text features (CSR arrays) beside a dense block: the line model's input,
    multiplied by a model's weights without building a sparse matrix."""

    data: np.ndarray  # float64, the non-zero values
    indices: np.ndarray  # int64, their columns
    indptr: np.ndarray  # int64, where each row starts in data (n_rows + 1)
    dense: np.ndarray  # (n_rows, k) float64, the last k columns
    n_sparse: int  # columns of the hashed part

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.indptr) - 1, self.n_sparse + self.dense.shape[1]

    def with_dense(self, extra: np.ndarray) -> "HashedRows":
        return HashedRows(self.data, self.indices, self.indptr, np.hstack([self.dense, extra]), self.n_sparse)

    def dot(self, coef: np.ndarray) -> np.ndarray:
        """self @ coef.T for coef of shape (classes, columns)."""
        n = self.shape[0]
        out = self.dense @ coef[:, self.n_sparse:].T
        if len(self.data):
            products = coef[:, self.indices].astype(np.float64) * self.data  # (classes, nnz)
            sums = np.add.reduceat(products, self.indptr[:-1].clip(max=len(self.data) - 1), axis=1)
            sums[:, np.diff(self.indptr) == 0] = 0  # reduceat repeats a value for an empty row
            out = out + sums.T
        return out.reshape(n, coef.shape[0])

    def to_scipy(self) -> "sp.csr_matrix":
        import scipy.sparse as sp

        hashed = sp.csr_matrix((self.data, self.indices, self.indptr), shape=(self.shape[0], self.n_sparse))
        return sp.hstack([hashed, sp.csr_matrix(self.dense)], format="csr")


def column_of(token: str, width: int) -> int:
    return xxhash.xxh32_intdigest(token.encode("utf-8")) % width


FUNCTION_WORDS = frozenset(
    word for raw in (GRAMMAR_DIR / "function_words.txt").read_text(encoding="utf-8").splitlines()
    if (word := raw.split("#", 1)[0].strip()))
SKELETON_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*|\d+|[^\w\s]")
SKELETON_MARKS = frozenset('?!:.,;()[]{}"*#<>')
APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def skeleton(text: str) -> list[str]:
    """The line with its function words kept, other words reduced to `W` (or `D` for a number),
    and only the punctuation that shapes a sentence.

    >>> skeleton("Let me know if you’d like 3 more versions!")
    ['let', 'me', 'W', 'if', "you'd", 'like', 'D', 'more', 'W', '!']
    """
    out = []
    for token in SKELETON_TOKEN.findall(text.lower().translate(APOSTROPHES)):
        if token in FUNCTION_WORDS or token in SKELETON_MARKS:
            out.append(token)
        elif token[0].isdigit():
            out.append("D")
        elif token[0].isalpha():
            out.append("W")
    return out


def skeleton_tokens(text: str) -> list[str]:
    """The skeleton's bigrams and trigrams and how it starts: the line's syntax, not its wording.

    >>> skeleton_tokens("Hope this helps!")
    ['^ W this', 'W this', 'this W', 'W !', 'W this W', 'this W !']
    """
    parts = skeleton(text)
    grams = ["^ " + " ".join(parts[:2])]
    for n in (2, 3):
        grams += [" ".join(parts[i:i + n]) for i in range(len(parts) - n + 1)]
    return grams


def hashed_counts(tokens: list[str], width: int, offset: int, normalise: bool) -> dict[int, float]:
    """Token counts by hashed column (offset into the row), L2-normalised when asked."""
    counts: dict[int, float] = {}
    for token in tokens:
        column = offset + column_of(token, width)
        counts[column] = counts.get(column, 0.0) + 1.0
    return normalised(counts) if normalise else counts


def normalised(counts: dict[int, float]) -> dict[int, float]:
    if counts:
        norm = math.sqrt(sum(v * v for v in counts.values()))
        counts = {k: v / norm for k, v in counts.items()}
    return counts


def word_tokens(text: str) -> list[str]:
    """Lowercase words and word bigrams.

    >>> word_tokens("Share on Facebook")
    ['share', 'on', 'facebook', 'share on', 'on facebook']
    """
    words = TOKEN.findall(text.lower())
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


CHAR_CACHE_SIZE = 50_000  # words whose character-gram columns are remembered (most words recur)
_char_columns: dict[str, tuple[int, ...]] = {}


def char_counts(text: str) -> dict[int, float]:
    """The L2-normalised counts of a line's character 2-4-grams by column (see `char_tokens`),
    each word's columns hashed once and remembered."""
    counts: dict[int, float] = {}
    for word in SPACE.sub(" ", text.lower()).split():
        columns = _char_columns.get(word)
        if columns is None:
            if len(_char_columns) >= CHAR_CACHE_SIZE:
                _char_columns.clear()
            columns = _char_columns[word] = tuple(N_WORD_FEATURES + column_of(gram, N_CHAR_FEATURES)
                                                  for gram in char_tokens(word))
        for column in columns:
            counts[column] = counts.get(column, 0.0) + 1.0
    return normalised(counts)


def char_tokens(text: str) -> list[str]:
    """Character 2-4-grams inside each word, padded by a space on each side.

    >>> char_tokens("Hi")
    [' h', 'hi', 'i ', ' hi', 'hi ', ' hi ']
    """
    grams = []
    for word in SPACE.sub(" ", text.lower()).split():
        padded = f" {word} "
        for n in (2, 3, 4):
            grams += [padded[i:i + n] for i in range(len(padded) - n + 1)]
    return grams


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
    letters = sum(map(str.isalpha, text))
    total = len(doc.nonblank)
    prev_words, prev_end, prev_heading = flags[position - 1] if position > 0 else (0.0, 0.0, 0.0)
    next_words, next_end, next_heading = flags[position + 1] if position + 1 < total else (0.0, 0.0, 0.0)
    _, own_end, own_heading = flags[position]
    return [
        math.log1p(count), math.log1p(len(text)), own_end, float(text.endswith(":")),
        float(text.endswith("?")), shape.title_case_ratio(text),
        sum(map(str.isupper, text)) / letters if letters else 0.0,  # only letters are upper case
        sum(map(str.isdigit, text)) / len(text) if text else 0.0,
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


def line_features(doc: Document) -> tuple[HashedRows, list[Line]]:
    """One row of features per non-blank line of the document (tables' rows included)."""
    lines = doc.nonblank
    if not lines:
        empty = np.zeros(0, dtype=np.int64)
        return HashedRows(np.zeros(0), empty, np.zeros(1, dtype=np.int64), np.zeros((0, len(SHAPE_NAMES))),
                          n_sparse()), []
    texts = [line.stripped for line in lines]
    counts: dict[str, int] = {}
    for text in texts:
        key = shape.normalise(text)
        counts[key] = counts.get(key, 0) + 1
    flags = [(math.log1p(doc.word_counts[line.index]), float(shape.ends_sentence(line.stripped)),
              float(shape.is_heading_like(line.text))) for line in lines]
    dense = np.array([shape_vector(doc, line, i, counts, flags) for i, line in enumerate(lines)], dtype=np.float64)
    rows = [text_row(text) for text in texts]
    contexts = [context_row(doc, i) for i in range(len(lines))]
    indices = np.concatenate([part for (columns, _), (context, _) in zip(rows, contexts) for part in (columns, context)])
    data = np.concatenate([part for (_, values), (_, weights) in zip(rows, contexts) for part in (values, weights)])
    sizes = [len(columns) + len(context) for (columns, _), (context, _) in zip(rows, contexts)]
    indptr = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    return HashedRows(data.astype(np.float64), indices.astype(np.int64), indptr, dense, n_sparse()), lines


TEXT_CACHE_SIZE = 5_000  # lines whose hashed words and characters are remembered (about 12 MB): chrome recurs, and
_text_rows: dict[str, tuple[np.ndarray, np.ndarray]] = {}  # cleaning judges most lines twice


def text_row(text: str) -> tuple[np.ndarray, np.ndarray]:
    """A line's hashed word, character and skeleton features: sorted columns and their values."""
    row = _text_rows.get(text)
    if row is None:
        counts = hashed_counts(word_tokens(text), N_WORD_FEATURES, 0, True)
        counts.update(char_counts(text))
        counts.update(hashed_counts(skeleton_tokens(text), N_SKELETON_FEATURES, N_WORD_FEATURES + N_CHAR_FEATURES,
                                    True))
        columns = sorted(counts)
        row = (np.array(columns, dtype=np.int64), np.array([counts[c] for c in columns], dtype=np.float64))
        if len(_text_rows) >= TEXT_CACHE_SIZE:
            _text_rows.clear()
        _text_rows[text] = row
    return row


def context_row(doc: Document, position: int) -> tuple[np.ndarray, np.ndarray]:
    """The neighbouring lines' first words, hashed, after every text column."""
    counts = hashed_counts(context_tokens(doc, position).split(), N_CONTEXT_FEATURES,
                           N_WORD_FEATURES + N_CHAR_FEATURES + N_SKELETON_FEATURES, False)
    columns = sorted(counts)
    return (np.array(columns, dtype=np.int64), np.array([counts[c] * CONTEXT_WEIGHT for c in columns], dtype=np.float64))


def n_sparse() -> int:
    return N_WORD_FEATURES + N_CHAR_FEATURES + N_SKELETON_FEATURES + N_CONTEXT_FEATURES


def n_features() -> int:
    return n_sparse() + len(SHAPE_NAMES)
