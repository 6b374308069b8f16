"""Train the shipped artifact detector (models/artifact-detector) on the train splits only.

    python -m benchmarks.train_detector --shared ../shared --bench bench-out/train/bench -o models/artifact-detector

Sources, all of them train splits or data never used for evaluation:
* the residue's train pages, every extractor (boilerplate lines are artifacts of no category);
* the chatter corpus's train lines, each placed in a train-page article where such a line sits;
* the chatter corpus's train documents (assistant replies and genuine articles);
* a public-bank bench of its own seed (not the evaluation seed), with its categories;
* the seeds' expected.json.

The rules' findings on each document are computed first (they are features). Dev figures of the
result are measured by `make bench`; this prints only what training saw.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from benchmarks.corpora import RESIDUE_SETS, chatter_documents, placed_chatter, residue_records
from contentqa.detector import ARTIFACT, CONTENT, ArtifactDetector, TrainingDocument, training_matrices
from contentqa.document import Document
from contentqa.modelcard import write_model_card
from contentqa.training import attach_rule_findings, read_labels, training_documents

PLACED_WEIGHT = 3.0  # a placed chatter line counts for three host lines
RESIDUE_LABELS = {"content": CONTENT, "boilerplate": ARTIFACT, "mixed": None}
# the naive extractor's page-wide text is four-fifths chrome and would outweigh the rest
EXTRACTOR_WEIGHT = {"naive": 0.2}


def residue_documents(shared: Path) -> list[TrainingDocument]:
    out = []
    for name in RESIDUE_SETS:
        for record in residue_records(shared, name, "train"):
            doc = Document(record["text"], id=record["id"])
            labels = [RESIDUE_LABELS[label] for label in record["labels"]]
            if len(labels) != len(doc.nonblank):
                continue  # a line the document model splits otherwise: not worth a guess
            weight = [EXTRACTOR_WEIGHT.get(record["extractor"], 1.0)] * len(labels)
            out.append(TrainingDocument(doc, labels, is_reply=False if record["extractor"] == "trafilatura" else None,
                                        weight=weight))
    return out


def chatter_line_documents(shared: Path) -> list[TrainingDocument]:
    out = []
    for n, (line, lines, at) in enumerate(placed_chatter(shared, "train")):
        label = {"llm-chatter": "llm-chatter", "placeholder": "placeholder", "content": CONTENT,
                 "other-artifact": ARTIFACT}.get(line.label)
        doc = Document("\n".join(lines), id=f"chatter-line-{n}")
        labels: list[str | None] = [CONTENT] * len(lines)
        labels[at] = label
        weights = [1.0] * len(lines)
        weights[at] = PLACED_WEIGHT
        if len(doc.nonblank) == len(labels):
            lookalikes = [at] if label == CONTENT else []
            out.append(TrainingDocument(doc, labels, weight=weights, lookalikes=lookalikes))
    return out


def chatter_whole_documents(shared: Path) -> list[TrainingDocument]:
    out = []
    for record in chatter_documents(shared, "train"):
        doc = Document(record["text"], id=record["id"])
        reply = record["label"] == "llm-whole-reply"
        labels = [None if reply else CONTENT for _ in doc.nonblank]
        out.append(TrainingDocument(doc, labels, is_reply=reply))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--bench", type=Path, required=True, help="a generated bench folder (labels.jsonl)")
    parser.add_argument("-o", "--output", type=Path, default=Path("models/artifact-detector"))
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    began = time.perf_counter()

    def say(message: str) -> None:
        print(f"train_detector: {time.perf_counter() - began:6.0f} s  {message}", file=sys.stderr, flush=True)

    parts = {"residue train pages": residue_documents(args.shared),
             "chatter train lines, placed": chatter_line_documents(args.shared),
             "chatter train documents": chatter_whole_documents(args.shared),
             "public-bank bench (own seed)": training_documents(read_labels(args.bench / "labels.jsonl")),
             "seeds": training_documents(read_labels(args.shared / "seeds" / "expected.json"))}
    documents = [item for part in parts.values() for item in part]
    for name, part in parts.items():
        say(f"{name}: {len(part)} documents, {sum(len(d.labels) for d in part)} lines")
    attach_rule_findings(documents)
    say("rule findings")
    matrices = training_matrices(documents)
    say("features")
    detector = ArtifactDetector.fit(documents, seed=args.seed, progress=say, matrices=matrices)
    detector.meta["sources"] = {name: len(part) for name, part in parts.items()}
    arrays, card = detector.save(args.output)
    write_model_card(detector, args.output.with_suffix(".md"))
    say(f"written {arrays}, {card} and the model card")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
