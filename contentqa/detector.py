"""The learned artifact detector: it reads a whole document and says, for every line, how sure it
is that the line is page chrome or assistant text, what kind, and whether the whole document is
an assistant's reply.

Six small linear models, fitted with scikit-learn and saved as plain arrays (no pickle):

1. the line model: logistic regression over a line's hashed words and character n-grams, its
   shape and place (`contentqa.features`) and its evidence against the document
   (`contentqa.evidence`: topic words, voice, position relative to the body, repeats, and the
   rules' findings as features);
2. the context model: a second pass over the sequence of lines. Each line is judged again from
   its own first-pass probability and those of its neighbours, of the run of short lines it sits
   in and of the page edge it is nearest, so a block of chrome goes as a block and the article's
   start and end are found, not guessed line by line. Its inputs are cross-fitted (each half of
   the training documents scored by a line model that never saw it);
3. the category model: which category of the vocabulary an artifact line belongs to, for lines
   no rule has named, from the line's own text and shape (not its place or the rules' findings);
4. the chatter model: whether a line is assistant text (chatter or an unfilled placeholder), from
   the same input as the line model, trained on chatter lines against their human look-alikes
   (which weigh LOOKALIKE_WEIGHT times a line) and a sample of every other line. It answers the
   narrower question the line model, busy with page chrome, answers worst;
5. the reply text model: logistic regression over the whole document's words, word bigrams and
   syntax (`document_text_row`, the headline aside): how a reply reads as a whole, which shows
   also where its assistant lines are few (reasoning before an answer, an article that turns
   into chat). Its input to the document model is cross-fitted like the context model's;
6. the document model: whether the document is an assistant's reply published as an article,
   from the share and strength of its chatter lines, its voice and the reply text model.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable

from typing import TYPE_CHECKING

import numpy as np

from contentqa.categories import ASSISTANT_TEXT  # what the chatter model finds
from contentqa.document import Document, Line
from contentqa.evidence import EVIDENCE_NAMES, evidence_matrix
from contentqa.features import (FEATURE_VERSION, SHAPE_NAMES, HashedRows, TextScores, columns_of_text, context_columns,
                                counted_rows, line_features, n_features, n_sparse, shape_matrix)

if TYPE_CHECKING:  # training only: scoring needs neither scipy nor scikit-learn
    import scipy.sparse as sp
from contentqa.findings import Finding

DETECTOR_VERSION = f"{FEATURE_VERSION}.{len(EVIDENCE_NAMES)}.7"
CONTENT = "content"
ARTIFACT = "artifact"  # an artifact line of no known category (real residue is labelled so)
CHATTER = "llm-chatter"
LOOKALIKE_WEIGHT = 4.0  # a human line placed where chatter sits is what the chatter model must learn to leave
OTHER_LINES_PERCENT = 5  # the share of all other labelled lines the chatter model sees as negatives
CHATTER_C = 3.0  # the chatter model's inverse regularisation (chosen on the chatter dev split)
WINDOW = 3
RULE_DROPOUT = 0.5  # the share of training lines every model sees without the rules' findings
REPLY_TEXT_C = 10.0  # the reply text model's inverse regularisation (chosen by cross-validation on train)
REPLY_MIN_SHARE = 0.3  # a reply: at least this share of its words (the headline aside) is assistant text
PROBABILITY_STEPS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99)  # a linear model's bends


class ModelError(ValueError):
    """A model file that cannot be used; the message names the file."""


@dataclass
class LinearModel:
    """Weights, bias and input scaling of one logistic model, as plain arrays."""

    coef: np.ndarray  # (classes or 1, features)
    intercept: np.ndarray  # (classes or 1,)
    mean: np.ndarray | None = None
    scale: np.ndarray | None = None

    def scores(self, matrix) -> np.ndarray:
        if isinstance(matrix, HashedRows):
            return matrix.dot(self.coef) + self.intercept
        if self.mean is not None:
            matrix = (np.asarray(matrix, dtype=np.float64) - self.mean) / self.scale
        coef = self.coef.astype(np.float32) if self.coef.dtype == np.float16 else self.coef
        return np.asarray(matrix @ coef.T) + self.intercept

    def probability(self, matrix) -> np.ndarray:
        """The positive class's probability (binary models)."""
        return positive(self.scores(matrix))

    def distribution(self, matrix) -> np.ndarray:
        """Each class's probability (one-vs-rest sigmoids, normalised, as scikit-learn's SGD does)."""
        return normalised(self.scores(matrix))


def positive(scores: np.ndarray) -> np.ndarray:
    """A binary model's probability of its positive class, from its scores."""
    return expit(scores[:, 0])


def normalised(scores: np.ndarray) -> np.ndarray:
    """A one-vs-rest model's class probabilities, from its scores."""
    sigmoid = expit(scores)
    total = sigmoid.sum(axis=1, keepdims=True)
    total[total == 0] = 1
    return sigmoid / total


def expit(x: np.ndarray) -> np.ndarray:
    """The logistic function, without overflow warnings."""
    return 1.0 / (1.0 + np.exp(-np.clip(x, -500, 500)))


@dataclass
class LineVerdict:
    line: Line
    probability: float  # after the context pass
    first_pass: float
    category: str  # the category model's choice among artifact categories
    category_probability: float
    chatter_probability: float = 0.0  # the chatter model's: assistant text or a placeholder


@dataclass
class DocumentVerdict:
    lines: list[LineVerdict]
    reply_probability: float


@dataclass
class TrainingDocument:
    """A document with a label per non-blank line (None: not scored) and, maybe, one for itself."""

    doc: Document
    labels: list[str | None]
    findings: list[Finding] = field(default_factory=list)
    is_reply: bool | None = None
    weight: list[float] | None = None
    lookalikes: list[int] = field(default_factory=list)  # human lines placed where chatter sits


def document_inputs(doc: Document, findings: Iterable[Finding]) -> tuple[HashedRows, np.ndarray]:
    """The line model's input (text features and document evidence, one row per non-blank line),
    and the evidence alone, which the context model reads again."""
    text, _ = line_features(doc)
    evidence = evidence_matrix(doc, findings)
    return text.with_dense(evidence), evidence


def document_matrix(doc: Document, findings: Iterable[Finding]) -> "sp.csr_matrix":
    """The line model's input as a scipy matrix, for training (see `document_inputs`)."""
    return document_inputs(doc, findings)[0].to_scipy()


def context_rows(first_pass: np.ndarray, evidence: np.ndarray) -> np.ndarray:
    """The context model's input for each line: its own first-pass probability (also as steps,
    so a linear model can bend), its neighbours', the mean over a window, its run of short lines,
    how much of the page before and after it reads as chrome, and its document evidence again."""
    n = len(first_pass)
    padded = np.concatenate([np.full(WINDOW, -1.0), first_pass, np.full(WINDOW, -1.0)])
    logit = np.log(np.clip(first_pass, 1e-4, 1 - 1e-4) / np.clip(1 - first_pass, 1e-4, 1))
    high = (first_pass > 0.5).astype(np.float64)
    before = np.concatenate([[0.0], np.cumsum(high)[:-1]]) / np.maximum(1, np.arange(n))
    after = (high.sum() - np.cumsum(high)) / np.maximum(1, n - 1 - np.arange(n))
    columns = [first_pass, logit / 5]
    for offset in (-2, -1, 1, 2):
        neighbour = padded[WINDOW + offset:WINDOW + offset + n]
        columns += [np.clip(neighbour, 0, 1), (neighbour < 0).astype(np.float64)]
    window = np.stack([np.clip(padded[WINDOW + o:WINDOW + o + n], 0, 1) for o in range(-WINDOW, WINDOW + 1) if o])
    columns += [window.mean(axis=0), window.max(axis=0), before, after]
    run = evidence[:, EVIDENCE_NAMES.index("log_short_run")]
    in_run = run > 0
    run_mean = run_means(first_pass, in_run)
    columns += [run_mean, run]
    for name in ("before_body", "after_body", "in_body", "rule_any", "is_body_line"):
        value = evidence[:, EVIDENCE_NAMES.index(name)].astype(np.float64)
        columns += [value, value * first_pass]
    steps = [(first_pass >= edge).astype(np.float64) for edge in PROBABILITY_STEPS]
    return np.column_stack(columns + steps + [evidence.astype(np.float64)])


def run_means(values: np.ndarray, in_run: np.ndarray) -> np.ndarray:
    """For each line in a run, the mean value over its run; elsewhere the line's own value."""
    out = values.astype(np.float64).copy()
    start = 0
    n = len(values)
    for i in range(n + 1):
        if i == n or not in_run[i]:
            if i > start:
                out[start:i] = values[start:i].mean()
            start = i + 1
    return out


def document_text_row(doc: Document) -> HashedRows:
    """The reply text model's input: the words, word bigrams and skeleton grams of every
    non-blank line but the headline, counted over the document (log-scaled, L2-normalised)."""
    lines = doc.nonblank[1:]
    columns = np.concatenate([columns_of_text(line.stripped) for line in lines]) if lines else np.zeros(0, np.int64)
    keys, counts = np.unique(columns, return_counts=True)
    values = np.log1p(counts)
    norm = float(np.sqrt((values * values).sum())) or 1.0
    return HashedRows(values / norm, keys, np.array([0, len(keys)], dtype=np.int64), np.zeros((1, 0)), n_sparse())


def document_row(doc: Document, verdicts: list[LineVerdict], chatter_share: np.ndarray, findings: Iterable[Finding],
                 evidence: np.ndarray, text_reply: float) -> np.ndarray:
    """The document model's input: how much of the document, and of its body, reads as chatter,
    its voice, the rules' own verdict and the reply text model's probability."""
    findings = list(findings)
    n = len(verdicts)
    if not n:
        return np.zeros(len(DOCUMENT_NAMES))
    q = np.array([v.probability for v in verdicts])
    words = np.array([max(1, doc.word_counts[v.line.index]) for v in verdicts], dtype=np.float64)
    rest = slice(1, None) if n > 1 else slice(0, None)  # the headline aside
    # a line counts as chatter only when it reads as an artifact at all: the category model
    # knows only artifacts, so its word on an article's own sentence means nothing
    chatter = chatter_share[rest] * np.where(q[rest] >= 0.5, q[rest], 0.0)
    rule_chatter = sum(1 for f in findings if f.category == CHATTER and not f.learned)
    rule_reply = float(any(f.category == "llm-whole-reply" and not f.learned for f in findings))
    first = evidence[:, EVIDENCE_NAMES.index("doc_first_person")][0]
    second = evidence[:, EVIDENCE_NAMES.index("doc_second_person")][0]
    weighted = float((chatter * words[rest]).sum() / words[rest].sum())
    # the chatter model's own reading, line by line: the share of words in lines it calls
    # assistant text, and its mean weighted by words
    assistant = np.array([v.chatter_probability for v in verdicts])[rest]
    assistant_share = float(((assistant >= 0.5) * words[rest]).sum() / words[rest].sum())
    assistant_mean = float((assistant * words[rest]).sum() / words[rest].sum())
    return np.array([
        float(chatter.mean()), float(chatter.max()), weighted, float((chatter > 0.5).mean()),
        float(chatter_share[rest].mean()), float(q[rest].mean()), first, second, min(rule_chatter / n, 1.0),
        rule_reply, assistant_share, assistant_mean, text_reply,
    ])


# No size among them: replies are short, but so are many real pages, and size alone must not decide.
DOCUMENT_NAMES = ("chatter_mean", "chatter_max", "chatter_word_share", "chatter_lines", "chatter_voice_mean",
                  "artifact_mean", "first_person", "second_person", "rule_chatter_share", "rule_reply",
                  "assistant_word_share", "assistant_mean", "text_reply")


@dataclass
class ArtifactDetector:
    line: LinearModel
    context: LinearModel
    category: LinearModel
    categories: list[str]
    document: LinearModel
    chatter: LinearModel
    reply_text: LinearModel
    meta: dict[str, Any] = field(default_factory=dict)

    # --- prediction -------------------------------------------------------------------------

    @cached_property
    def text_models(self) -> tuple[np.ndarray, list[int]]:
        """The weights of the three models that read the line features side by side, a row per
        feature (float32), and where each model's columns end (line, category, chatter)."""
        models = (self.line, self.category, self.chatter)
        weights = np.ascontiguousarray(np.vstack([m.coef for m in models]).T, dtype=np.float32)
        return weights, list(np.cumsum([len(m.coef) for m in models])[:-1])

    @cached_property
    def text_scores(self) -> TextScores:
        return TextScores(self.text_models[0])

    def judge(self, doc: Document, findings: Iterable[Finding] = ()) -> DocumentVerdict:
        """Every non-blank line's artifact probability and category, and the document's verdict."""
        findings = list(findings)
        lines = doc.nonblank
        if not lines:
            return DocumentVerdict([], 0.0)
        weights, cuts = self.text_models
        evidence = evidence_matrix(doc, findings)
        # each line's own tokens are scored once per text (`TextScores`); its neighbours, shape
        # and evidence against the document are scored here: the same sum as document_inputs' row
        rows, columns = context_columns(doc)
        around = counted_rows(rows, columns, len(lines), np.hstack([shape_matrix(doc), evidence]))
        scores = self.text_scores([line.stripped for line in lines]) + around.dot_weights(weights)
        line, category, chatter = np.split(scores, cuts, axis=1)  # one pass for all three
        first = positive(line + self.line.intercept)
        second = self.context.probability(context_rows(first, evidence))
        kinds = normalised(category + self.category.intercept)
        best = kinds.argmax(axis=1)
        assistant = positive(chatter + self.chatter.intercept)
        verdicts = [LineVerdict(line, float(second[i]), float(first[i]), self.categories[best[i]],
                                float(kinds[i, best[i]]), float(assistant[i])) for i, line in enumerate(lines)]
        chatter = kinds[:, self.categories.index(CHATTER)] if CHATTER in self.categories else np.zeros(len(lines))
        text_reply = float(self.reply_text.probability(document_text_row(doc))[0])
        row = document_row(doc, verdicts, chatter, findings, evidence, text_reply)
        reply = float(self.document.probability(row[None, :])[0])
        # the chatter model, fitted against human look-alikes, is the one that decides whether a
        # share of the words is assistant text at all; the other readings only weigh how much.
        # Letting a confident reply text model pass without it finds more replies on the chatter
        # dev split (R 0.68 -> 0.78) but dropped a real seven-line page of the residue's dev split;
        # the share: 0.25 finds R 0.68 -> 0.76 on the chatter dev split at the same precision there,
        # but drops a short article whose one closing line is chatter (the README's example, 29%):
        # one leftover line does not make a reply
        if row[DOCUMENT_NAMES.index("assistant_word_share")] < REPLY_MIN_SHARE:
            reply = min(reply, 0.5)  # most of the words are not assistant text: not a reply, whatever the rest says
        return DocumentVerdict(verdicts, reply)

    # --- training ---------------------------------------------------------------------------

    @classmethod
    def fit(cls, documents: list[TrainingDocument], seed: int = 0, epochs: int = 10, alpha: float = 1e-5,
            progress=None, matrices: list[sp.csr_matrix] | None = None,
            rule_dropout: float = RULE_DROPOUT) -> "ArtifactDetector":
        """Fit the five models; `matrices` (from `training_matrices`) saves computing the features again.

        The rules' findings are features, but a model that leans on them inherits their wordings
        (an artifact no rule names would read as content). So the line, context and document
        models are fitted with the rules' findings hidden on `rule_dropout` of the lines, and
        learn to find artifacts from their text, shape and place too. The category model, which names lines no rule has named,
        sees neither them nor where a line stands (see `place_columns`).
        """
        import scipy.sparse as sp
        from sklearn.linear_model import LogisticRegression, SGDClassifier

        say = progress or (lambda message: None)
        if matrices is None:
            matrices = training_matrices(documents)
            say(f"features of {len(documents)} documents")
        fold = np.array([zlib.crc32(item.doc.id.encode("utf-8")) % 2 for item in documents])
        complete = matrices  # the chatter model reads every rule's finding: see below
        rules = rule_columns(matrices[0].shape[1])
        matrices = [hide(matrix, [j for j in range(matrix.shape[0]) if zlib.crc32(
            f"{item.doc.id}:{j}:rules".encode("utf-8")) % 1000 < rule_dropout * 1000], rules)
            for item, matrix in zip(documents, matrices)]

        def binary(items: Iterable[int]) -> tuple[sp.csr_matrix, np.ndarray, np.ndarray]:
            rows, labels, weights = [], [], []
            for i in items:
                keep = [j for j, label in enumerate(documents[i].labels) if label is not None]
                if not keep:
                    continue
                rows.append(matrices[i][keep])
                labels += [documents[i].labels[j] != CONTENT for j in keep]
                weights += [documents[i].weight[j] if documents[i].weight else 1.0 for j in keep]
            return sp.vstack(rows, format="csr"), np.array(labels), np.array(weights)

        def line_model(items: Iterable[int]) -> LinearModel:
            x, y, w = binary(items)
            model = SGDClassifier(loss="log_loss", alpha=alpha, max_iter=epochs, tol=None, random_state=seed,
                                  average=True)
            model.fit(x, y, sample_weight=w)
            return LinearModel(model.coef_.astype(np.float32), model.intercept_.astype(np.float32))

        # cross-fitted first-pass probabilities: each half scored by a model that never saw it
        first_pass: list[np.ndarray | None] = [None] * len(documents)
        for half in (0, 1):
            model = line_model(i for i in range(len(documents)) if fold[i] != half)
            for i in np.flatnonzero(fold == half):
                first_pass[i] = model.probability(matrices[i])
            say(f"cross-fitted line model, half {half}")
        line = line_model(range(len(documents)))
        say("line model")

        evidences = [m[:, -len(EVIDENCE_NAMES):].toarray() for m in matrices]
        rows, labels, weights = [], [], []
        for i, item in enumerate(documents):
            context = context_rows(first_pass[i], evidences[i])
            for j, label in enumerate(item.labels):
                if label is not None:
                    rows.append(context[j])
                    labels.append(label != CONTENT)
                    weights.append(item.weight[j] if item.weight else 1.0)
        context = scaled_logistic(LogisticRegression(C=1.0, max_iter=2000), np.array(rows), np.array(labels),
                                  np.array(weights))
        say("context model")

        kinds_x, kinds_y = [], []
        # what kind of artifact a line is shows in the line itself: its place, its document and the
        # rules' findings would teach the category model where each training source put its lines
        not_the_line = place_columns(matrices[0].shape[1])
        for i, item in enumerate(documents):
            keep = [j for j, label in enumerate(item.labels) if label not in (None, CONTENT, ARTIFACT)]
            if keep:
                kinds_x.append(hide(matrices[i][keep], range(len(keep)), not_the_line))
                kinds_y += [item.labels[j] for j in keep]
        if len(set(kinds_y)) > 1:
            kinds = SGDClassifier(loss="log_loss", alpha=alpha * 5, max_iter=epochs, tol=None, random_state=seed,
                                  average=True)
            kinds.fit(sp.vstack(kinds_x, format="csr"), kinds_y)
            category = LinearModel(kinds.coef_.astype(np.float32), kinds.intercept_.astype(np.float32))
            categories = [str(c) for c in kinds.classes_]
        else:  # one category (or none) in the labels: every artifact gets it
            category = LinearModel(np.zeros((1, matrices[0].shape[1]), dtype=np.float32), np.zeros(1, np.float32))
            categories = [kinds_y[0] if kinds_y else "nav-crumb"]
        say(f"category model ({len(categories)} categories)")

        # the chatter model's question is narrow and its hard negatives (human look-alikes) are rare:
        # hiding the rules' findings from it makes it call more of them chatter (measured on dev)
        assistant_model = chatter_model(documents, complete, seed)
        say("chatter model")

        judged = np.array([i for i, item in enumerate(documents) if item.is_reply is not None and item.doc.nonblank],
                          dtype=np.int64)
        text_rows = sp.vstack([document_text_row(documents[i].doc).to_scipy() for i in judged]
                              or [sp.csr_matrix((0, n_sparse()))], format="csr")
        text_labels = np.array([bool(documents[i].is_reply) for i in judged])
        text_reply = np.zeros(len(documents))
        for half in (0, 1):  # cross-fitted, as the line model's first pass is
            inside = fold[judged] != half
            if len(set(text_labels[inside])) > 1 and not inside.all():
                model = reply_text_model(text_rows[inside], text_labels[inside])
                text_reply[judged[~inside]] = model.probability(text_rows[~inside])
        reply_text = reply_text_model(text_rows, text_labels)
        say("reply text model")

        partial = cls(line, context, category, categories, LinearModel(np.zeros((1, len(DOCUMENT_NAMES))),
                                                                       np.zeros(1)), assistant_model, reply_text)
        doc_rows, doc_labels = [], []
        for i, item in enumerate(documents):
            if item.is_reply is None or not item.doc.nonblank:
                continue
            second = partial.context.probability(context_rows(first_pass[i], evidences[i]))
            kinds_p = category.distribution(matrices[i])
            assistant = assistant_model.probability(complete[i])
            verdicts = [LineVerdict(l, float(second[j]), float(first_pass[i][j]), "", 0.0, float(assistant[j]))
                        for j, l in enumerate(item.doc.nonblank)]
            chatter = kinds_p[:, categories.index(CHATTER)] if CHATTER in categories else np.zeros(len(verdicts))
            doc_rows.append(document_row(item.doc, verdicts, chatter, item.findings, evidences[i], text_reply[i]))
            doc_labels.append(item.is_reply)
        if len(set(doc_labels)) > 1:
            # not weighted by class: weighing the few replies as much as all the articles finds more
            # replies (chatter dev R 0.54 -> 0.71) but calls six real pages of the residue's dev
            # split replies, which `clean` would drop whole (measured at 85233c6)
            partial.document = scaled_logistic(LogisticRegression(C=1.0, max_iter=2000), np.array(doc_rows),
                                               np.array(doc_labels), None)
        else:  # no replies (or nothing else) among the labelled documents: the model never calls one
            partial.document = LinearModel(np.zeros((1, len(DOCUMENT_NAMES))), np.full(1, -20.0),
                                           np.zeros(len(DOCUMENT_NAMES)), np.ones(len(DOCUMENT_NAMES)))
        say(f"document model ({len(doc_rows)} documents, {sum(doc_labels)} replies)")
        partial.meta = {"detector_version": DETECTOR_VERSION, "seed": seed, "epochs": epochs, "alpha": alpha,
                        "documents": len(documents), "lines": int(sum(m.shape[0] for m in matrices))}
        return partial

    # --- files --------------------------------------------------------------------------------

    def save(self, stem: Path) -> tuple[Path, Path]:
        """Write STEM.npz (plain arrays, uncompressed: loading reads them without inflating 5 MB)
        and STEM.json (what the model is, and the arrays' checksum)."""
        stem = Path(stem)
        stem.parent.mkdir(parents=True, exist_ok=True)
        arrays = stem.with_suffix(".npz")
        weights, _ = self.text_models
        np.savez(
            arrays, text_weights=weights.astype(np.float16),
            line_intercept=self.line.intercept, category_intercept=self.category.intercept,
            chatter_intercept=self.chatter.intercept,
            context_coef=self.context.coef, context_intercept=self.context.intercept,
            context_mean=self.context.mean, context_scale=self.context.scale,
            categories=np.array(self.categories, dtype=str),
            document_coef=self.document.coef, document_intercept=self.document.intercept,
            document_mean=self.document.mean, document_scale=self.document.scale,
            reply_text_coef=self.reply_text.coef.astype(np.float16), reply_text_intercept=self.reply_text.intercept)
        meta = dict(self.meta, detector_version=DETECTOR_VERSION, n_features=n_features() + len(EVIDENCE_NAMES),
                    categories=self.categories, arrays=arrays.name, checksum=checksum(arrays))
        card = stem.with_suffix(".json")
        card.write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        return arrays, card

    @classmethod
    def load(cls, stem: Path) -> "ArtifactDetector":
        stem = Path(stem)
        card, arrays = stem.with_suffix(".json"), stem.with_suffix(".npz")
        try:
            meta = json.loads(card.read_text(encoding="utf-8"))
            with np.load(arrays, allow_pickle=False) as data:
                a = {key: data[key] for key in data.files}
        except (OSError, ValueError) as error:
            raise ModelError(f"{stem}: cannot load the artifact detector ({error})") from None
        if meta.get("detector_version") != DETECTOR_VERSION:
            raise ModelError(f"{stem}: made for detector version {meta.get('detector_version')}, this contentqa "
                             f"computes version {DETECTOR_VERSION}; retrain it with `make model`")
        if meta.get("checksum") != checksum(arrays):
            raise ModelError(f"{arrays}: its checksum does not match {card.name}; the file was changed")
        try:
            # the text models' weights, stored float16 a row per feature, are scored as float32
            # (exactly the stored values); each model's weights are a view of that one array
            weights = a["text_weights"].astype(np.float32)
            cuts = list(np.cumsum([len(a["line_intercept"]), len(a["category_intercept"])]))
            line, category, chatter = (part.T for part in np.split(weights, cuts, axis=1))
            detector = cls(LinearModel(line, a["line_intercept"]),
                           LinearModel(a["context_coef"], a["context_intercept"], a["context_mean"],
                                       a["context_scale"]),
                           LinearModel(category, a["category_intercept"]),
                           [str(c) for c in a["categories"]],
                           LinearModel(a["document_coef"], a["document_intercept"], a["document_mean"],
                                       a["document_scale"]),
                           LinearModel(chatter, a["chatter_intercept"]),
                           LinearModel(a["reply_text_coef"].astype(np.float32), a["reply_text_intercept"]), meta)
        except KeyError as error:
            raise ModelError(f"{arrays}: missing array {error}; retrain it with `make model`") from None
        detector.__dict__["text_models"] = (weights, cuts)  # already laid out: no second copy
        return detector


def silent_model(width: int) -> LinearModel:
    """A binary model over `width` hashed features that never fires: what is fitted when the
    labels hold one class only."""
    return LinearModel(np.zeros((1, width), dtype=np.float32), np.full(1, -20.0, np.float32))


def reply_text_model(rows: "sp.csr_matrix", labels: np.ndarray) -> LinearModel:
    """The reply text model on documents' `document_text_row`s (replies weighed as much as all
    the rest: they are few, and the document model, unweighted, decides)."""
    from sklearn.linear_model import LogisticRegression

    if len(set(labels)) < 2:  # no replies among the labelled documents: the model never calls one
        return silent_model(rows.shape[1])
    model = LogisticRegression(C=REPLY_TEXT_C, max_iter=3000, class_weight="balanced").fit(rows, labels)
    return LinearModel(model.coef_.astype(np.float32), model.intercept_)


def chatter_model(documents: list[TrainingDocument], matrices: list[sp.csr_matrix], seed: int) -> LinearModel:
    """The chatter model: assistant text against its look-alikes and a sample of all other lines."""
    import scipy.sparse as sp
    from sklearn.linear_model import LogisticRegression

    rows, labels, weights = [], [], []
    for i, item in enumerate(documents):
        lookalikes = set(item.lookalikes)
        keep = [j for j, label in enumerate(item.labels) if label is not None and (
            label in ASSISTANT_TEXT or j in lookalikes
            or zlib.crc32(f"{item.doc.id}:{j}".encode("utf-8")) % 100 < OTHER_LINES_PERCENT)]
        if keep:
            rows.append(matrices[i][keep])
            labels += [item.labels[j] in ASSISTANT_TEXT for j in keep]
            weights += [LOOKALIKE_WEIGHT if j in lookalikes and item.labels[j] not in ASSISTANT_TEXT else 1.0
                        for j in keep]
    if not rows or len(set(labels)) < 2:  # no assistant text in the labels: the model never fires
        return silent_model(matrices[0].shape[1])
    # an exact solver: averaged SGD leaves this small, weighted problem badly calibrated
    model = LogisticRegression(C=CHATTER_C, solver="liblinear", max_iter=3000, random_state=seed)
    model.fit(sp.vstack(rows, format="csr"), np.array(labels), sample_weight=np.array(weights))
    return LinearModel(model.coef_.astype(np.float32), model.intercept_.astype(np.float32))


LINE_SHAPE = ("log_words", "log_chars", "ends_sentence", "ends_colon", "ends_question", "title_case", "upper_share",
              "digit_share", "pipes", "list_item", "heading_like", "has_url", "starts_by", "no_letters")
RULE_EVIDENCE = EVIDENCE_NAMES[EVIDENCE_NAMES.index("rule_any"):]  # what the rules' findings say of a line


def rule_columns(width: int) -> np.ndarray:
    """True for the columns of the rules' findings."""
    hidden = np.zeros(width, dtype=bool)
    hidden[width - len(EVIDENCE_NAMES) + EVIDENCE_NAMES.index(RULE_EVIDENCE[0]):] = True
    return hidden


def place_columns(width: int) -> np.ndarray:
    """True for the columns that are not the line by itself (its text and its own shape): its
    place, its document and the rules' findings."""
    hidden = np.ones(width, dtype=bool)
    hidden[:n_sparse()] = False
    hidden[[n_sparse() + SHAPE_NAMES.index(name) for name in LINE_SHAPE]] = False
    return hidden


def hide(matrix: "sp.csr_matrix", rows: Iterable[int], columns: np.ndarray) -> "sp.csr_matrix":
    """A copy of the matrix with the given columns (a boolean mask) set to zero in the given rows."""
    chosen = np.zeros(matrix.shape[0], dtype=bool)
    chosen[list(rows)] = True
    if not chosen.any():
        return matrix
    out = matrix.copy()
    row_of = np.repeat(np.arange(matrix.shape[0]), np.diff(out.indptr))
    out.data[chosen[row_of] & columns[out.indices]] = 0.0
    out.eliminate_zeros()
    return out


def training_matrices(documents: list[TrainingDocument], workers: int = 2) -> list[sp.csr_matrix]:
    """The line model's input for every training document, computed in `workers` processes."""
    jobs = [(item.doc, item.findings) for item in documents]
    if workers > 1 and len(jobs) > 50:
        from multiprocessing import Pool

        with Pool(workers) as pool:
            return pool.starmap(document_matrix, jobs, chunksize=32)
    return [document_matrix(doc, findings) for doc, findings in jobs]


def scaled_logistic(model, x: np.ndarray, y: np.ndarray, weights: np.ndarray | None) -> LinearModel:
    """Fit a logistic model on standardised inputs; keep the scaling with the weights."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1
    model.fit((x - mean) / scale, y, sample_weight=weights)
    return LinearModel(model.coef_.astype(np.float64), model.intercept_.astype(np.float64), mean, scale)


def checksum(path: Path) -> str:
    return f"{zlib.crc32(Path(path).read_bytes()):08x}"
