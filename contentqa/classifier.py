"""The learned line classifier: a linear model over hashed line features, saved as plain arrays.

Training uses scikit-learn's SGDClassifier (logistic loss, one weight vector per class).
What is saved is only numbers and names: the weights (float16) and biases in an .npz file,
loaded with allow_pickle=False, and a JSON file with the classes, the feature version, the
thresholds and the measured metrics. Prediction is a sparse product and a normalised sigmoid,
as scikit-learn computes it, so no pickled estimator is ever loaded.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from contentqa.document import Document, Line
from contentqa.features import FEATURE_VERSION, line_features, n_features
from contentqa.training import CONTENT, LabelledDocument

DEFAULT_NAME = "line-classifier"


class ModelError(ValueError):
    """A model file that cannot be used; the message names the file."""


@dataclass
class LineClassifier:
    classes: list[str]
    coef: np.ndarray  # (classes, features)
    intercept: np.ndarray  # (classes,)
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.weights = np.ascontiguousarray(self.coef.T, dtype=np.float32)  # (features, classes), made once

    # --- training -------------------------------------------------------------------------

    @classmethod
    def fit(cls, documents: list[LabelledDocument], seed: int = 0, epochs: int = 8,
            alpha: float = 2e-6) -> "LineClassifier":
        from sklearn.linear_model import SGDClassifier

        matrix, labels = training_matrix(documents)
        model = SGDClassifier(loss="log_loss", alpha=alpha, max_iter=epochs, tol=None, random_state=seed,
                              average=True)
        model.fit(matrix, labels)
        return cls(list(model.classes_), model.coef_.astype(np.float32), model.intercept_.astype(np.float32),
                   {"feature_version": FEATURE_VERSION, "lines": int(matrix.shape[0]), "documents": len(documents),
                    "seed": seed, "epochs": epochs, "alpha": alpha})

    # --- prediction -----------------------------------------------------------------------

    def probabilities(self, matrix: sp.csr_matrix) -> np.ndarray:
        scores = np.asarray(matrix @ self.weights) + self.intercept
        if len(self.classes) == 2:
            positive = 1 / (1 + np.exp(-scores[:, :1]))
            return np.hstack([1 - positive, positive])
        sigmoid = 1 / (1 + np.exp(-scores))
        total = sigmoid.sum(axis=1, keepdims=True)
        total[total == 0] = 1
        return sigmoid / total

    def predict_document(self, doc: Document) -> list[tuple[Line, str, float]]:
        """For each non-blank line: the most likely label and its probability."""
        matrix, lines = line_features(doc)
        if not lines:
            return []
        probabilities = self.probabilities(matrix)
        best = probabilities.argmax(axis=1)
        return [(line, self.classes[b], float(probabilities[i, b])) for i, (line, b) in enumerate(zip(lines, best))]

    # --- files ----------------------------------------------------------------------------

    def save(self, stem: Path) -> tuple[Path, Path]:
        stem = Path(stem)
        stem.parent.mkdir(parents=True, exist_ok=True)
        arrays = stem.with_suffix(".npz")
        np.savez_compressed(arrays, coef=self.coef.astype(np.float16), intercept=self.intercept.astype(np.float32),
                            classes=np.array(self.classes, dtype=str))
        meta = dict(self.meta, classes=self.classes, feature_version=FEATURE_VERSION, n_features=n_features(),
                    arrays=arrays.name, checksum=checksum(arrays))
        card = stem.with_suffix(".json")
        card.write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        return arrays, card

    @classmethod
    def load(cls, stem: Path) -> "LineClassifier":
        stem = Path(stem)
        card, arrays = stem.with_suffix(".json"), stem.with_suffix(".npz")
        try:
            meta = json.loads(card.read_text(encoding="utf-8"))
            with np.load(arrays, allow_pickle=False) as data:
                coef, intercept, classes = data["coef"], data["intercept"], [str(c) for c in data["classes"]]
        except (OSError, ValueError, KeyError) as error:
            raise ModelError(f"{stem}: cannot load the line classifier ({error})") from None
        if meta.get("feature_version") != FEATURE_VERSION or coef.shape[1] != n_features():
            raise ModelError(f"{stem}: trained on features version {meta.get('feature_version')}, this contentqa "
                             f"computes version {FEATURE_VERSION}; retrain it with `contentqa train`")
        if meta.get("checksum") and meta["checksum"] != checksum(arrays):
            raise ModelError(f"{arrays}: its checksum does not match {card.name}; the file was changed")
        if classes != meta.get("classes"):
            raise ModelError(f"{stem}: the classes in {arrays.name} and {card.name} disagree")
        return cls(classes, coef.astype(np.float32), intercept.astype(np.float32), meta)


def checksum(path: Path) -> str:
    return f"{zlib.crc32(Path(path).read_bytes()):08x}"


def training_matrix(documents: list[LabelledDocument]) -> tuple[sp.csr_matrix, list[str]]:
    blocks, labels = [], []
    for item in documents:
        matrix, lines = line_features(item.doc)
        if not lines:
            continue
        blocks.append(matrix)
        labels += [item.labels.get(line.index, CONTENT) for line in lines]
    return sp.vstack(blocks, format="csr"), labels


def evaluate(model: LineClassifier, documents: list[LabelledDocument], thresholds: list[float]) -> list[dict[str, Any]]:
    """Artifact-vs-content precision and recall of the model alone, at each probability threshold."""
    predictions = [(item.labels.get(line.index, CONTENT), label, probability)
                   for item in documents for line, label, probability in model.predict_document(item.doc)]
    rows = []
    for threshold in thresholds:
        tp = fp = fn = 0
        for truth, label, probability in predictions:
            claimed = label != CONTENT and probability >= threshold
            if claimed and truth != CONTENT:
                tp += 1
            elif claimed:
                fp += 1
            elif truth != CONTENT:
                fn += 1
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        rows.append({"threshold": threshold, "precision": round(precision, 4), "recall": round(recall, 4),
                     "artifact_lines": tp + fn, "claimed_lines": tp + fp})
    return rows
