"""How well the detector ranks real extractor residue: on the residue's dev pages, the boilerplate
lines found and the content lines kept if the learned detector alone removed every line at or
above each probability. `make bench-residue` measures one operating point of the whole tool;
this shows what any threshold of the model would give, so a new model can be told better or worse
in ranking (which generalises) and not only at its threshold (which can be tuned).

    python -m benchmarks.residue_curve --shared ../shared --out bench-out/residue-curve [--model STEM]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from benchmarks.common import bench_arguments, shared_present
from benchmarks.corpora import RESIDUE_SETS, residue_records

THRESHOLDS = (0.99, 0.95, 0.9, 0.8, 0.7, 0.6, 0.5)
GROUPS = {"trafilatura": lambda extractor: extractor == "trafilatura",
          "non-naive": lambda extractor: extractor != "naive"}


def judged_lines(shared: Path, name: str, model_path: str):
    """(extractor, label, probability) for every judged line of the set's dev records."""
    from contentqa.document import Document
    from contentqa.rules.learned import LearnedLineDetector, load_model
    from contentqa.training import rule_findings

    detector = load_model(model_path)
    min_lines = LearnedLineDetector.default_options["min_lines"]  # shorter documents the rule does not judge
    for record in residue_records(shared, name, "dev"):
        doc = Document(record["text"], id=record["id"])
        if len(doc.nonblank) < min_lines:
            continue
        verdict = detector.judge(doc, rule_findings((record["text"], record["id"])))
        for line in verdict.lines:
            label = record["labels"][line.line.number - 1]
            yield record["extractor"], label, line.probability


def curve(lines: list[tuple[str, str, float]]) -> dict:
    """Per group and threshold: boilerplate recall and content kept."""
    out = {}
    for group, chosen in GROUPS.items():
        boilerplate = [p for extractor, label, p in lines if chosen(extractor) and label == "boilerplate"]
        content = [p for extractor, label, p in lines if chosen(extractor) and label == "content"]
        if not boilerplate or not content:
            continue
        out[group] = {"boilerplate_lines": len(boilerplate), "content_lines": len(content), "points": [
            {"threshold": t, "recall": round(sum(p >= t for p in boilerplate) / len(boilerplate), 4),
             "content_kept": round(1 - sum(p >= t for p in content) / len(content), 4)} for t in THRESHOLDS]}
    return out


def main() -> int:
    parser = bench_arguments(__doc__.splitlines()[0], "bench-out/residue-curve")
    parser.add_argument("--model", help="the model's path stem (default: the shipped model)")
    args = parser.parse_args()
    if not shared_present(args.shared, "data/residue", what="residue curve"):
        return 0
    from contentqa.detector import ModelError
    from contentqa.rules.learned import default_model_path

    model = args.model or str(default_model_path())
    try:
        results = {name: curve(list(judged_lines(args.shared, name, model))) for name in RESIDUE_SETS}
    except ModelError as error:
        raise SystemExit(f"residue curve: {error}") from None
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "result.json").write_text(json.dumps({"model": model, "sets": results}, indent=2), encoding="utf-8")
    for name, groups in results.items():
        for group, figures in groups.items():
            points = "  ".join(f"{p['threshold']}: R {p['recall']:.3f} kept {p['content_kept']:.3f}"
                               for p in figures["points"])
            print(f"{name:<12} {group:<12} {points}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
