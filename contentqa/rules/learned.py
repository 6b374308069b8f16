"""The learned line classifier as a rule: one more opinion, trusted only when it is very sure."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Iterable

from contentqa.classifier import DEFAULT_NAME, LineClassifier
from contentqa.document import Document
from contentqa.findings import Applicability, Finding, Severity
from contentqa.rules.base import Context, Rule, register

PACKAGED = Path(__file__).resolve().parent.parent / "_models" / DEFAULT_NAME
CHECKOUT = Path(__file__).resolve().parent.parent.parent / "models" / DEFAULT_NAME
# What a line shows by itself. Repeats (titles, paragraphs, table rows) and table damage are
# facts about several lines, which the structural rules establish exactly; the model is not asked.
LINE_LOCAL = frozenset({"llm-chatter", "placeholder", "nav-crumb", "byline", "share-widget", "media-caption",
                        "ad-marker", "newsletter-cta", "related-links", "comment-form", "source-line", "page-title",
                        "trailing-junk"})


def default_model_path() -> Path | None:
    """The shipped model: inside the installed package, or in the checkout's models/ folder."""
    for stem in (PACKAGED, CHECKOUT):
        if stem.with_suffix(".npz").exists():
            return stem
    return None


@lru_cache(maxsize=4)
def load_model(path: str) -> LineClassifier:
    return LineClassifier.load(Path(path))


@register
class LearnedLineClassifier(Rule):
    """Lines that the trained line classifier (models/line-classifier) is sure are artifacts.

    A linear model over each line's words, character n-grams, shape, position and neighbours,
    trained on labelled lines (`contentqa train`). It reports a line when the probability of
    an artifact class reaches `flag_threshold`, with that probability as the finding's score.
    It never removes text on its own below `remove_threshold`. It speaks only of what a line
    shows by itself (chrome, chatter, captions, bylines); repeats and table damage are left to
    the structural rules, and table rows to the table rules. Texts shorter than `min_lines`
    lines are left to the rules (the model is overconfident there). Without a model file the
    rule is silent; `model` names another one.

    Example: a share-button label in a wording no phrase pack knows.
    Fix: the line is removed when the probability reaches `remove_threshold`.
    """

    code = "ML001"
    name = "learned-line-classifier"
    category = "nav-crumb"  # each finding carries the category the model predicts
    severity = Severity.INFO
    costly = True
    default_options = {"flag_threshold": 0.97, "remove_threshold": 0.995, "model": "", "min_lines": 8}

    def __init__(self, options: dict | None = None):
        super().__init__(options)
        if self.options["model"]:
            load_model(str(self.options["model"]))  # a model the user named must load, or the run stops here

    def check(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        path = self.options["model"] or default_model_path()
        if not path or len(doc.nonblank) < self.options["min_lines"]:
            return  # a very short text gives the model too little to go on
        model = load_model(str(path))
        for line, label, probability in model.predict_document(doc):
            if label not in LINE_LOCAL or probability < self.options["flag_threshold"] or "|" in line.text:
                continue
            removable = probability >= self.options["remove_threshold"]
            yield self.lines_finding(doc, line, None, f"the line classifier reads this as {label} (p={probability:.3f})",
                                     remove=removable, applicability=Applicability.SAFE, score=probability,
                                     category=label)
