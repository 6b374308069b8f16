"""Labelled lines for training: the benchmark's labels.jsonl format and the seeds' expected.json.

labels.jsonl holds one document per line: {"id", "lines": [{"n", "label", "text"}, ...]}. An
expected.json maps file names to {"findings": [{"category", "lines": [first, last]}, ...]} and
lies beside the annotated text files; lines no finding covers are content. Blank lines carry no
label. Either way the result is a list of (Document, {line index: label}).

`training_documents` turns them into what the artifact detector learns from: one label per
non-blank line (content, an artifact category it removes, or None for lines to repair rather
than remove), with the rules' findings on each document computed as its evidence.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from contentqa.categories import LINE_CATEGORIES
from contentqa.config import Config
from contentqa.detector import CONTENT, TrainingDocument
from contentqa.document import Document

KNOWN = set(LINE_CATEGORIES) | {CONTENT}


class LabelsError(ValueError):
    """A labels file that cannot be used; the message names the file and the record."""


@dataclass
class LabelledDocument:
    doc: Document
    labels: dict[int, str]  # 0-based line index -> label, non-blank lines only
    doc_labels: tuple[str, ...] = ()  # labels of the whole document ("llm-whole-reply", ...)


def read_labels(path: Path) -> list[LabelledDocument]:
    """Labelled documents from a labels.jsonl or an expected.json file."""
    path = Path(path)
    if not path.exists():
        raise LabelsError(f"{path}: no such file")
    if path.suffix == ".json":
        return read_expected(path)
    return read_jsonl(path)


def read_jsonl(path: Path) -> list[LabelledDocument]:
    documents = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
            lines = sorted(record["lines"], key=lambda l: l["n"])
            text = "\n".join(l["text"] for l in lines)
            labels = {l["n"] - 1: normal_label(l["label"]) for l in lines if l["text"].strip()}
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise LabelsError(f"{path}, record {number}: not a labelled document ({error})") from None
        documents.append(LabelledDocument(Document(text, id=str(record.get("id", number))), labels,
                                          tuple(record.get("doc_labels") or ())))
    return documents


def read_expected(path: Path) -> list[LabelledDocument]:
    data = json.loads(path.read_text(encoding="utf-8"))
    documents = []
    for name, spec in data.items():
        if not isinstance(spec, dict) or "findings" not in spec:
            continue
        source = path.parent / name
        if not source.exists():
            raise LabelsError(f"{path}: the annotated file {name} is not beside it")
        doc = Document(source.read_text(encoding="utf-8"), id=Path(name).stem)
        labels = {line.index: CONTENT for line in doc.nonblank}
        for finding in spec["findings"]:
            if finding.get("doc_level") or finding.get("action") == "flag":
                continue
            first, last = finding["lines"]
            for number in range(first, last + 1):
                if number - 1 in labels:
                    labels[number - 1] = normal_label(finding["category"])
        documents.append(LabelledDocument(doc, labels))
    return documents


def normal_label(label: str) -> str:
    """The label a line is trained on: flag-only and unknown labels count as content."""
    return label if label in KNOWN and label != "orphan-list-intro" else CONTENT


def detector_label(label: str) -> str | None:
    """What a labelled line teaches the detector: content, an artifact category it removes, or
    None (lines to repair rather than remove: glued headings, table damage, flag-only intros).

    >>> detector_label("content"), detector_label("nav-crumb"), detector_label("glued-heading")
    ('content', 'nav-crumb', None)
    """
    from contentqa.rules.learned import LEARNED_CATEGORIES

    if label == CONTENT:
        return CONTENT
    return label if label in LEARNED_CATEGORIES else None


def training_documents(documents: list[LabelledDocument]) -> list[TrainingDocument]:
    """Labelled documents as the detector learns them."""
    return [TrainingDocument(item.doc, [detector_label(item.labels.get(line.index, CONTENT)) for line in item.doc.nonblank],
                             is_reply="llm-whole-reply" in item.doc_labels) for item in documents]


def attach_rule_findings(documents: list[TrainingDocument], workers: int = 2) -> None:
    """Each document's findings from the rules (the learned ones aside): evidence for the detector."""
    from multiprocessing import Pool

    jobs = [(item.doc.text, item.doc.id) for item in documents]
    if workers > 1 and len(jobs) > 50:
        with Pool(workers) as pool:
            found = pool.map(rule_findings, jobs, chunksize=16)
    else:
        found = [rule_findings(job) for job in jobs]
    for item, findings in zip(documents, found):
        item.findings = findings


_RULES = None


def rule_findings(text_and_id: tuple[str, str]) -> list:
    """The rules' findings on one text (one linter per process, made on first use)."""
    global _RULES
    if _RULES is None:
        from contentqa.linter import Linter

        _RULES = Linter(Config(ignore=["ML", "QL"], time_budget=0))
    text, doc_id = text_and_id
    return _RULES.check(Document(text, id=doc_id))
