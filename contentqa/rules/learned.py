"""The learned artifact detector as rules: ML001 judges lines, ML002 judges the whole document.

Both run after the other rules (they read the rules' findings as evidence), on the text as it
came in and, when cleaning, once more on the text the fix rounds leave; not in every round.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from contentqa.categories import ASSISTANT_TEXT
from contentqa.document import BlockKind, Document
from contentqa.findings import Applicability, Finding, Severity
from contentqa.rules.base import Context, Rule, register

if TYPE_CHECKING:  # the detector (numpy, scipy) is imported only when a model is used
    from contentqa.detector import ArtifactDetector, DocumentVerdict

DEFAULT_NAME = "artifact-detector"
PACKAGED = Path(__file__).resolve().parent.parent / "_models" / DEFAULT_NAME
CHECKOUT = Path(__file__).resolve().parent.parent.parent / "models" / DEFAULT_NAME
# What the detector removes: lines that are an artifact as a whole. Table damage and glued
# headings are repaired by the structural rules, never removed by the model.
LEARNED_CATEGORIES = frozenset({"llm-chatter", "placeholder", "nav-crumb", "byline", "share-widget", "media-caption",
                                "ad-marker", "newsletter-cta", "related-links", "comment-form", "source-line",
                                "page-title", "duplicate-title", "duplicate-line", "trailing-junk"})


def default_model_path() -> Path | None:
    """The shipped model: inside the installed package, or in the checkout's models/ folder."""
    for stem in (PACKAGED, CHECKOUT):
        if stem.with_suffix(".npz").exists():
            return stem
    return None


@lru_cache(maxsize=4)
def load_model(path: str) -> "ArtifactDetector":
    from contentqa.detector import ArtifactDetector

    return ArtifactDetector.load(Path(path))


def verdict_of(doc: Document, findings: list[Finding], model_path: str) -> "DocumentVerdict | None":
    """The detector's verdict on a document, computed once and shared by ML001 and ML002."""
    path = model_path or default_model_path()
    if not path:
        return None
    key = ("detector", str(path))
    if key not in doc.cache:
        doc.cache[key] = load_model(str(path)).judge(doc, findings)
    return doc.cache[key]


class LearnedRule(Rule):
    """Base of the detector's rules: a named model must load, or the run stops at once."""

    costly = True
    learned = True
    reads_evidence = True  # every rule's findings, selected or not, are its evidence

    def __init__(self, options: dict | None = None):
        super().__init__(options)
        if self.options["model"]:
            load_model(str(self.options["model"]))

    def check(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        return ()  # it reads the other rules' findings: see assess()


@register
class LearnedLineDetector(LearnedRule):
    """Lines that the learned artifact detector (models/artifact-detector) finds to be page chrome or assistant text.

    The detector reads the whole document: each line's words, shape and place, its evidence
    against the document (topic words shared with the article, a first- or second-person voice
    the article does not use, its position before or after the body, repeats), the other rules'
    findings, and then its neighbours' verdicts, so a block of chrome goes as a block. It was
    trained on real extractor output, independent chatter and the public bench (see
    models/artifact-detector.md). Lines that a rule already repairs or removes are left to that
    rule, whose finding carries the detector's probability as its `confidence` (one finding per
    problem); table rows are left to the table rules.

    A line is reported at probability `flag_threshold` and removed at `remove_threshold`, with
    the category the detector's category model gives it and its probability as the score. The
    detector's chatter model, trained on assistant text against the human lines that look like
    it, reports a line as llm-chatter (or placeholder) at `chatter_threshold` and removes it at
    `chatter_remove_threshold`.

    Example: "Photograph: Jane Doe/Agency" under a picture, in a wording no pack knows.
    Fix: the line is removed when the probability reaches `remove_threshold`.
    """

    code = "ML001"
    name = "learned-artifact-line"
    category = "nav-crumb"  # each finding carries the category the model gives it
    severity = Severity.INFO
    assess_order = 10
    default_options = {"flag_threshold": 0.95, "remove_threshold": 0.95, "chatter_threshold": 0.9,
                       "chatter_remove_threshold": 0.95, "model": "", "min_lines": 3}

    def assess(self, doc: Document, findings: list[Finding]) -> Iterable[Finding]:
        if len(doc.nonblank) < self.options["min_lines"]:
            return
        verdict = verdict_of(doc, findings, self.options["model"])
        if verdict is None:
            return
        # a rule that repairs or removes a line speaks for it: one finding per problem, which
        # carries the detector's probability for the line as its confidence
        named: dict[int, list[Finding]] = {}
        for f in findings:
            if not f.document_level and f.fix is not None:
                for n in range(f.line, f.end_line + 1):
                    named.setdefault(n, []).append(f)
        for judged in verdict.lines:
            line = judged.line
            if line.number in named:
                for f in named[line.number]:
                    f.extra["confidence"] = max(f.extra.get("confidence", 0.0), judged.probability)
                continue
            if doc.block_of_line[line.index].kind is BlockKind.TABLE:
                continue
            if judged.probability >= self.options["flag_threshold"]:
                category = judged.category if judged.category in LEARNED_CATEGORIES else "nav-crumb"
                score, remove = judged.probability, judged.probability >= self.options["remove_threshold"]
                model = "artifact detector"
            elif judged.chatter_probability >= self.options["chatter_threshold"]:
                category = judged.category if judged.category in ASSISTANT_TEXT else "llm-chatter"
                score = judged.chatter_probability
                remove, model = score >= self.options["chatter_remove_threshold"], "chatter model"
            else:
                continue
            yield self.lines_finding(doc, line, None, f"the {model} reads this as {category} (p={score:.3f})",
                                     remove=remove, applicability=Applicability.SAFE, score=score, category=category)


@register
class LearnedWholeReply(LearnedRule):
    """A document that the learned artifact detector finds to be an assistant's reply published as an article.

    The document model weighs how much of the text reads as assistant chatter (by the line,
    category and chatter models), its first- and second-person voice, the rules' own verdict and
    how the whole text reads (the reply text model: its words and syntax, the headline aside);
    it never calls a document a reply unless the chatter model (fitted against human look-alikes)
    reads at least 30% of its words (the headline aside) as assistant text.
    Trained on independent whole replies and genuine look-alike articles (interviews, Q&A
    columns, news quoting someone who declines) and the public bench. A text of fewer than
    `min_lines` non-blank lines (a headline and one sentence) is too short to judge so; the
    rule-based AI020 still names a plain refusal there.

    Example: a headline over "I'm sorry, but I can't write that article. If you can share
    verified reports, I'd be happy to summarise them."
    Fix: none; `clean` drops the document (see `drop-replies`) and lists it in `--rejects`.
    """

    code = "ML002"
    name = "learned-whole-reply"
    category = "llm-whole-reply"
    severity = Severity.ERROR
    assess_order = 11
    # 0.8 chosen on the chatter dev split once the reply text model was in (0.9: R 0.63, 0.8: R 0.68,
    # precision 0.97 at both, no real page of the residue's dev split dropped)
    default_options = {"threshold": 0.8, "model": "", "min_lines": 3}

    def assess(self, doc: Document, findings: list[Finding]) -> Iterable[Finding]:
        if len(doc.nonblank) < max(1, self.options["min_lines"]):
            return  # a headline and one line: too little to tell a reply from a note (AI020 still judges it)
        verdict = verdict_of(doc, findings, self.options["model"])
        if verdict is None or verdict.reply_probability < self.options["threshold"]:
            return
        yield self.document_finding(doc, f"the artifact detector reads the whole document as an assistant's reply "
                                         f"(p={verdict.reply_probability:.3f})", score=verdict.reply_probability)
