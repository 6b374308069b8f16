"""The model card written beside a trained line classifier."""

from __future__ import annotations

from pathlib import Path

from contentqa import __version__
from contentqa.classifier import LineClassifier
from contentqa.features import FEATURE_VERSION, SHAPE_NAMES


def write_model_card(model: LineClassifier, path: Path) -> None:
    meta = model.meta
    rows = "\n".join(f"| {m['threshold']} | {m['precision']:.4f} | {m['recall']:.4f} | {m['claimed_lines']} | "
                     f"{m['artifact_lines']} |" for m in meta.get("heldout_metrics", []))
    sources = "\n".join(f"- `{source}`" for source in meta.get("trained_on", []))
    Path(path).write_text(f"""# Model card: contentqa line classifier

What it is: a linear classifier (scikit-learn SGDClassifier, logistic loss, averaged, one
weight vector per class) that labels each non-blank line of an article as `content` or as
one artifact category. contentqa {__version__}, feature version {FEATURE_VERSION}.

Features: hashed word unigrams and bigrams (2^16), hashed character 2-4-grams within words
(2^16), the first words of the neighbouring lines (2^12), and {len(SHAPE_NAMES)} shape,
position and neighbour features ({", ".join(SHAPE_NAMES)}).

Classes: {", ".join(model.classes)}.

Stored as plain arrays: weights (float16) and biases in `{Path(path).stem}.npz`, loaded with
`allow_pickle=False`; classes, feature version, checksum and metrics in
`{Path(path).stem}.json`. No pickled object is ever loaded.

## Training data

{meta.get("documents", "?")} documents, {meta.get("lines", "?")} non-blank lines (seed {meta.get("seed")},
{meta.get("epochs")} epochs, alpha {meta.get("alpha")}), from:

{sources}

## Metrics on held-out documents

A share of {meta.get("holdout_share", 0):.0%} of the documents (split by a hash of their id) was kept
out, a model trained on the rest, and that model measured on it: artifact-vs-content lines, the
model alone, counting a line as claimed when its most likely class is an artifact with at least
the given probability.

| probability at least | precision | recall | lines claimed | artifact lines |
|---:|---:|---:|---:|---:|
{rows}

The shipped model is then trained on every document.

## How contentqa uses it

Rule ML001 (`learned-line-classifier`) reports a line when an artifact class reaches
`flag_threshold` (0.97) and removes it only at `remove_threshold` (0.995). It speaks only of
categories a line shows by itself; repeats and table damage are left to the structural rules.

## Limits

Trained on synthetic artifacts planted into real articles (English chrome and chatter). It
knows the wording it was trained on best; the rules carry the generalisation, the model adds
recall where it is sure. Retrain with `make model` or `contentqa train`.
""", encoding="utf-8")
