"""The model card written beside a trained artifact detector: what it is, what it learned from,
and the figures measured on data it never saw."""

from __future__ import annotations

from pathlib import Path

from contentqa import __version__
from contentqa.detector import (CHATTER_C, DETECTOR_VERSION, DOCUMENT_NAMES, LOOKALIKE_WEIGHT, OTHER_LINES_PERCENT,
                                REPLY_MIN_SHARE, REPLY_TEXT_C, RULE_DROPOUT, ArtifactDetector)
from contentqa.evidence import EVIDENCE_NAMES
from contentqa.features import SHAPE_NAMES


def write_model_card(model: ArtifactDetector, path: Path, dev_figures: str = "") -> None:
    meta = model.meta
    sources = "\n".join(f"- {name}: {count} documents" for name, count in meta.get("sources", {}).items())
    Path(path).write_text(f"""# Model card: contentqa artifact detector

What it is: six small linear models (scikit-learn; logistic loss) that read a whole document
and give every non-blank line the probability that it is page chrome or assistant text, a
category from the vocabulary, and the document the probability that it is an assistant's reply.
contentqa {__version__}, detector version {DETECTOR_VERSION}.

1. Line model: hashed word unigrams and bigrams (2^16), hashed character 2-4-grams (2^16), the
   line's skeleton (bigrams and trigrams of its function words, every other word reduced to its
   shape; 2^14), the neighbouring lines' first words (2^12), {len(SHAPE_NAMES)} shape and position features, and
   {len(EVIDENCE_NAMES)} document-relative features ({", ".join(EVIDENCE_NAMES)}).
2. Context model: a second pass over the line sequence from cross-fitted first-pass
   probabilities of the line, its neighbours (two each side), a window of three each side, its
   run of short lines and the share of chrome before and after it.
3. Category model: {len(model.categories)} categories ({", ".join(model.categories)}), from the
   line's own text and shape only (not its place, its document or the rules' findings).
4. Chatter model: the line model's input, fitted exactly (liblinear, C={CHATTER_C}) on assistant
   text (chatter and placeholders) against the human lines placed where such text sits (each
   weighing {LOOKALIKE_WEIGHT:g} lines) and {OTHER_LINES_PERCENT}% of every other labelled line.
5. Reply text model: the whole document's hashed words, word bigrams and skeleton grams (the
   headline aside), counted, log-scaled and L2-normalised; logistic regression (C={REPLY_TEXT_C:g}, the
   replies weighed as much as the other documents), cross-fitted as the document model's input.
6. Document model: {", ".join(DOCUMENT_NAMES)}; a reply needs at least
   {REPLY_MIN_SHARE:.0%} of its words read as assistant text by the chatter model.

The line, context and document models are fitted with the rules' findings hidden on
{RULE_DROPOUT:.0%} of the training lines, so that they find artifacts in wordings no rule knows.

Trained on ({meta.get("documents", 0)} documents, {meta.get("lines", 0)} lines; seed {meta.get("seed")}):
{sources}

Rule ML001 reports a line at `flag_threshold` and removes it at `remove_threshold` (the chatter
model's: `chatter_threshold`, `chatter_remove_threshold`); ML002
reports a whole reply at `threshold`. Stored as plain arrays in `{Path(path).stem}.npz` (weights
of the text features as float16, a row per feature, uncompressed), loaded with `allow_pickle=False` and checked against the
checksum in `{Path(path).stem}.json`. No pickle is ever loaded.

## Figures on data it never saw

{dev_figures or "Measured by `make bench` (BENCHMARKS.md): the residue and chatter dev splits, the public bench and real gold text."}
""", encoding="utf-8")
