"""Features of a line for the learned artifact detector: its words, its shape, its place and its neighbours.

Text features are hashed (word unigrams and bigrams, character 2-4-grams within words, the
line's skeleton: n-grams of its function words with every other word reduced to its shape, and
the neighbouring lines' first words), so the model needs no vocabulary file and scoring needs
neither scikit-learn nor scipy: tokens with xxhash, and the character grams, hundreds a line,
with FNV-1a computed by numpy over the whole document's code points at once. Shape, position
and neighbour features are a short dense vector. Everything is computed from the `Document`, so
training and prediction see the same thing. FEATURE_VERSION changes whenever the features do; a
model trained on other features is refused at load time.

What a line's text alone decides is worked out once per text: its tokens' share of each model
output (`TextScores`, kept by the detector) and its own shape (`text_shape`). A fix round judges
the same lines again and page chrome repeats across documents, so most lines cost a lookup.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import TYPE_CHECKING

import numpy as np
import xxhash

from contentqa import text as shape
from contentqa.grammar import GRAMMAR_DIR
from contentqa.document import Document, Line

if TYPE_CHECKING:
    import scipy.sparse as sp

FEATURE_VERSION = 4
N_WORD_FEATURES = 2 ** 16
N_CHAR_FEATURES = 2 ** 16
N_SKELETON_FEATURES = 2 ** 14
N_CONTEXT_FEATURES = 2 ** 12
CONTEXT_WEIGHT = 0.5
CACHE_SIZE = 50_000  # entries each cache below holds before it is emptied: chrome and common words recur
TEXT_CACHE_SIZE = 10_000  # lines and what their text alone decides: cleaning judges most lines twice
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
        return self.dot_weights(coef.T)

    def dot_weights(self, weights: np.ndarray) -> np.ndarray:
        """self @ weights for weights of shape (columns, classes); row-major float32 weights are
        read fastest (each hashed column's weights for every class lie together)."""
        out = self.dense @ weights[self.n_sparse:].astype(np.float64)
        return (out + self.sparse_dot(weights)).reshape(self.shape[0], weights.shape[1])

    def sparse_dot(self, weights: np.ndarray) -> np.ndarray:
        """The hashed columns' part of `dot_weights` (float64, one row per row)."""
        n = self.shape[0]
        if not len(self.data):
            return np.zeros((n, weights.shape[1]))
        products = weights[self.indices].astype(np.float64) * self.data[:, None]  # (nnz, classes)
        sums = np.add.reduceat(products, self.indptr[:-1].clip(max=len(self.data) - 1), axis=0)
        sums[np.diff(self.indptr) == 0] = 0  # reduceat repeats a value for an empty row
        return sums

    def to_scipy(self) -> "sp.csr_matrix":
        import scipy.sparse as sp

        hashed = sp.csr_matrix((self.data, self.indices, self.indptr), shape=(self.shape[0], self.n_sparse))
        return sp.hstack([hashed, sp.csr_matrix(self.dense)], format="csr")


digest = xxhash.xxh32_intdigest  # a stable hash of bytes: the model's columns depend on it


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
    lowered = text.lower()
    for token in SKELETON_TOKEN.findall(lowered if lowered.isascii() else lowered.translate(APOSTROPHES)):
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
    return ["^ " + " ".join(parts[:2]), *map(" ".join, zip(parts, parts[1:])),
            *map(" ".join, zip(parts, parts[1:], parts[2:]))]


def word_tokens(text: str) -> list[str]:
    """Lowercase words and word bigrams.

    >>> word_tokens("Share on Facebook")
    ['share', 'on', 'facebook', 'share on', 'on facebook']
    """
    words = TOKEN.findall(text.lower())
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


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


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def text_shape(raw: str, text: str) -> tuple[float, ...]:
    """The shape features of a line that its text alone decides (`raw` as written, `text` stripped):
    the first 14 of SHAPE_NAMES, then its flags for its neighbours (log word count, ends a
    sentence, reads as a heading)."""
    words = math.log1p(len(shape.words(raw)))
    letters, upper, digits = shape.character_counts(text)
    own_end, own_heading = float(shape.ends_sentence(text)), float(shape.is_heading_like(raw))
    return (
        words, math.log1p(len(text)), own_end, float(text.endswith(":")),
        float(text.endswith("?")), shape.title_case_ratio(text),
        upper / letters if letters else 0.0,  # only letters are upper case
        digits / len(text) if text else 0.0,
        min(text.count("|"), 10) / 10, float(shape.is_list_item(text)), own_heading,
        float(bool(shape.URL_OR_DOMAIN.search(text))), float(text.lower().startswith("by ")),
        float(not shape.has_letters(text)),
        words, own_end, own_heading,
    )


def shape_vector(doc: Document, line: Line, position: int, counts: dict[str, int],
                 flags: list[tuple[float, ...]]) -> list[float]:
    """`flags` holds, per non-blank line, its `text_shape`."""
    text = line.stripped
    total = len(doc.nonblank)
    prev_words, prev_end, prev_heading = flags[position - 1][-3:] if position > 0 else (0.0, 0.0, 0.0)
    next_words, next_end, next_heading = flags[position + 1][-3:] if position + 1 < total else (0.0, 0.0, 0.0)
    return [
        *flags[position][:-3],
        position / max(1, total - 1), (total - 1 - position) / max(1, total - 1),
        float(position < 8), float(total - 1 - position < 8), float(position == 0), float(position == total - 1),
        float(line.index == 0 or doc.lines[line.index - 1].is_blank),
        float(line.index + 1 >= len(doc.lines) or doc.lines[line.index + 1].is_blank),
        prev_words, next_words, prev_end, next_end, prev_heading, next_heading,
        math.log1p(total), float(counts.get(shape.normalise(text), 0) > 1),
    ]


def context_tokens(doc: Document, position: int) -> list[str]:
    """The first words of the neighbouring lines, tagged with where they stand."""
    tokens = []
    for offset, tag in ((-1, "p"), (1, "n")):
        index = position + offset
        if 0 <= index < len(doc.nonblank):
            words = shape.words(doc.nonblank[index].text)[:2]
            tokens += [f"{tag}:{w.lower()}" for w in words]
        else:
            tokens.append(f"{tag}:<edge>")
    return tokens


def line_features(doc: Document) -> tuple[HashedRows, list[Line]]:
    """One row of features per non-blank line of the document (tables' rows included)."""
    lines = doc.nonblank
    if not lines:
        empty = np.zeros(0, dtype=np.int64)
        return HashedRows(np.zeros(0), empty, np.zeros(1, dtype=np.int64), np.zeros((0, len(SHAPE_NAMES))),
                          n_sparse()), []
    own_rows, own_columns = text_tokens([line.stripped for line in lines])
    near_rows, near_columns = context_columns(doc)
    return counted_rows(np.concatenate([own_rows, near_rows]), np.concatenate([own_columns, near_columns]),
                        len(lines), shape_matrix(doc)), lines


def text_tokens(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The rows and columns of every line's own tokens: its words, word bigrams, skeleton and
    character grams. What they weigh depends on the line's text alone (`counted_rows`)."""
    own = [columns_of_text(text) for text in texts]
    char_rows, char_columns = char_block(texts)
    rows = np.concatenate([np.repeat(np.arange(len(texts), dtype=np.int64), [len(c) for c in own]), char_rows])
    return rows, np.concatenate([*own, char_columns])


def context_columns(doc: Document) -> tuple[np.ndarray, np.ndarray]:
    """The rows and columns of each non-blank line's neighbours' first words."""
    near = [context_tokens(doc, i) for i in range(len(doc.nonblank))]
    rows = np.repeat(np.arange(len(near), dtype=np.int64), [len(tokens) for tokens in near])
    return rows, np.array(hashed(list(chain.from_iterable(near)), _context_columns), dtype=np.int64)


def shape_matrix(doc: Document) -> np.ndarray:
    """The shape and position features of every non-blank line (SHAPE_NAMES), float64."""
    lines = doc.nonblank
    texts = [line.stripped for line in lines]
    counts: dict[str, int] = {}
    for text in texts:
        key = shape.normalise(text)
        counts[key] = counts.get(key, 0) + 1
    flags = [text_shape(line.text, line.stripped) for line in lines]
    return np.array([shape_vector(doc, line, i, counts, flags) for i, line in enumerate(lines)],
                    dtype=np.float64).reshape(len(lines), len(SHAPE_NAMES))


CONTEXT_OFFSET = N_WORD_FEATURES + N_CHAR_FEATURES + N_SKELETON_FEATURES


class Columns(dict):
    """Tokens and their hashed columns in one block of the row, each hashed once while remembered."""

    def __init__(self, width: int, offset: int) -> None:
        super().__init__()
        self.width, self.offset = width, offset

    def __missing__(self, token: str) -> int:
        column = self[token] = digest(token.encode("utf-8")) % self.width + self.offset
        return column


_word_columns = Columns(N_WORD_FEATURES, 0)
_skeleton_columns = Columns(N_SKELETON_FEATURES, N_WORD_FEATURES + N_CHAR_FEATURES)
_context_columns = Columns(N_CONTEXT_FEATURES, CONTEXT_OFFSET)
_text_columns: dict[str, np.ndarray] = {}


def hashed(tokens: list[str], columns: Columns) -> list[int]:
    """The hashed column of each token, offset into the row."""
    if len(columns) >= CACHE_SIZE:
        columns.clear()
    return [columns[token] for token in tokens]


def columns_of_text(text: str) -> np.ndarray:
    """The columns of a line's word and skeleton tokens, one per token (word bigrams, rarely met
    twice, are hashed without being remembered). Its character grams come from `char_block`."""
    found = _text_columns.get(text)
    if found is None:
        if len(_text_columns) >= TEXT_CACHE_SIZE:
            _text_columns.clear()
        words = TOKEN.findall(text.lower())
        found = hashed(words, _word_columns)
        found += [digest(f"{a} {b}".encode("utf-8")) % N_WORD_FEATURES for a, b in zip(words, words[1:])]
        found += hashed(skeleton_tokens(text), _skeleton_columns)
        found = _text_columns[text] = np.array(found, dtype=np.int64)
    return found


class TextScores:
    """What a line's own tokens add to each of a model's outputs (a row of `weights` per sparse
    column), remembered by the line's text: a line scored before, in an earlier fix round or
    another document (page chrome repeats), costs a dictionary lookup."""

    def __init__(self, weights: np.ndarray, size: int = TEXT_CACHE_SIZE) -> None:
        self.weights, self.size = weights, size
        self.known: dict[str, np.ndarray] = {}

    def __call__(self, texts: list[str]) -> np.ndarray:
        """(len(texts), outputs) float64."""
        known = self.known
        new = list(dict.fromkeys(text for text in texts if text not in known))
        if new and len(known) + len(new) > self.size:  # full: start afresh, with this document's lines
            known.clear()
            new = list(dict.fromkeys(texts))
        if new:
            rows, columns = text_tokens(new)
            empty = np.zeros((len(new), 0))
            scored = counted_rows(rows, columns, len(new), empty).sparse_dot(self.weights)
            known.update(zip(new, scored))
        return np.array([known[text] for text in texts]).reshape(len(texts), self.weights.shape[1])


GRAM_SIZES = (2, 3, 4)
FNV_PRIME = np.uint64(0x100000001B3)
FNV_SEEDS = {n: np.uint64(0xCBF29CE484222325 ^ n) for n in GRAM_SIZES}  # a gram of each size hashes apart


def char_block(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The rows and columns of the character 2-4-grams of every line's words (`char_tokens`),
    hashed in numpy over the whole document at once: the lines become one array of code points,
    each word padded by a space ("the" gives " th", "the", "he ", " the", ...), and every window
    that crosses no word boundary inside it is a gram, hashed with FNV-1a over its code points."""
    padded = [f" {' '.join(words)} " if (words := text.lower().split()) else "" for text in texts]
    joined = "\n".join(padded)
    if not joined.strip():
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    points = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    space, newline = points == 32, points == 10
    starts = np.cumsum([0] + [len(text) + 1 for text in padded[:-1]])
    rows, columns = [], []
    for n in GRAM_SIZES:
        count = len(points) - n + 1
        if count <= 0:
            break
        h = np.full(count, FNV_SEEDS[n], dtype=np.uint64)
        for k in range(n):
            h = (h ^ points[k:k + count]) * FNV_PRIME
        # a window is a gram when no line break is in it and no space inside its ends
        bad = np.zeros(count, dtype=bool)
        for k in range(n):
            bad |= newline[k:k + count]
        for k in range(1, n - 1):
            bad |= space[k:k + count]
        at = np.flatnonzero(~bad)
        rows.append(np.searchsorted(starts, at, side="right") - 1)
        columns.append(((h[at] ^ (h[at] >> np.uint64(32))) % np.uint64(N_CHAR_FEATURES)).astype(np.int64)
                       + N_WORD_FEATURES)
    return np.concatenate(rows), np.concatenate(columns)


BLOCK_STARTS = np.array([0, N_WORD_FEATURES, N_WORD_FEATURES + N_CHAR_FEATURES, CONTEXT_OFFSET])


def counted_rows(rows: np.ndarray, columns: np.ndarray, n_rows: int, dense: np.ndarray) -> HashedRows:
    """Token counts by row and column (one entry per token), each row's word, character and
    skeleton counts L2-normalised on their own and the context counts weighted by CONTEXT_WEIGHT."""
    width = n_sparse()
    keys, values = np.unique(rows * width + columns, return_counts=True)  # sorted: by row, then column
    rows, columns = keys // width, keys % width
    values = values.astype(np.float64)
    part = np.searchsorted(BLOCK_STARTS, columns, side="right") - 1
    group = rows * len(BLOCK_STARTS) + part
    norms = np.sqrt(np.bincount(group, weights=values * values, minlength=n_rows * len(BLOCK_STARTS)))
    context = part == len(BLOCK_STARTS) - 1
    values = np.where(context, values * CONTEXT_WEIGHT, values / np.where(context, 1.0, norms[group]))
    indptr = np.searchsorted(rows, np.arange(n_rows + 1)).astype(np.int64)
    return HashedRows(values, columns, indptr, dense, width)


def n_sparse() -> int:
    return N_WORD_FEATURES + N_CHAR_FEATURES + N_SKELETON_FEATURES + N_CONTEXT_FEATURES


def n_features() -> int:
    return n_sparse() + len(SHAPE_NAMES)
