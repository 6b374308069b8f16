"""The chatter benchmark on its dev half: assistant leftovers, placeholders and look-alikes.

Lines: each dev line of ../shared/data/chatter is placed in a dev-page article where such a line
sits (see benchmarks.corpora), and `contentqa check` runs over them on the real command line. A
line counts as flagged when a line-level finding covers it. Reported: recall of chatter and
placeholder lines (overall and per family), the share of content look-alikes flagged, the share
of other page chrome flagged. Documents: the dev half of the whole documents; a document counts
as a reply when it gets an llm-whole-reply finding.

    python -m benchmarks.chatter_bench --shared ../shared --out bench-out/chatter
"""

from __future__ import annotations

import collections
import json
import subprocess
import sys
from pathlib import Path

from benchmarks.common import add_contentqa_arguments, bench_arguments, config_flags, shared_present
from benchmarks.corpora import chatter_documents, placed_chatter

ARTIFACT_LABELS = ("llm-chatter", "placeholder")


def check(contentqa: str, records: list[dict], folder: Path, name: str, extra: list[str]) -> list[dict]:
    source = folder / f"{name}.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = subprocess.run([contentqa, "check", str(source), "--output-format", "jsonl", *extra],
                            capture_output=True, text=True)
    if result.returncode not in (0, 1):
        raise SystemExit(f"contentqa check failed: {result.stderr[-2000:]}")
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def lines_result(shared: Path, folder: Path, contentqa: str, extra: list[str]) -> dict:
    placed = placed_chatter(shared, "dev")
    records = [{"id": f"line-{n}", "text": "\n".join(lines)} for n, (_, lines, _) in enumerate(placed)]
    covered = collections.defaultdict(set)
    for finding in check(contentqa, records, folder, "lines", extra):
        if not finding.get("document_level"):
            covered[finding["id"]].update(range(finding["line"], finding["end_line"] + 1))
    by_label, by_family = collections.Counter(), collections.Counter()
    flagged_label, flagged_family = collections.Counter(), collections.Counter()
    for n, (line, _, at) in enumerate(placed):
        hit = at + 1 in covered[f"line-{n}"]
        by_label[line.label] += 1
        flagged_label[line.label] += hit
        if line.label in ARTIFACT_LABELS:
            by_family[line.family] += 1
            flagged_family[line.family] += hit
    artifacts = sum(by_label[l] for l in ARTIFACT_LABELS)
    found = sum(flagged_label[l] for l in ARTIFACT_LABELS)
    return {
        "lines": len(placed),
        "chatter_placeholder_recall": round(found / artifacts, 4) if artifacts else None,
        "by_label": {label: {"lines": by_label[label], "flagged": round(flagged_label[label] / by_label[label], 4)}
                     for label in sorted(by_label)},
        "by_family": {family: {"lines": by_family[family], "recall": round(flagged_family[family] / by_family[family], 4)}
                      for family in sorted(by_family)},
    }


def documents_result(shared: Path, folder: Path, contentqa: str, extra: list[str]) -> dict:
    documents = chatter_documents(shared, "dev")
    findings = check(contentqa, [{"id": d["id"], "text": d["text"]} for d in documents], folder, "documents", extra)
    called = {f["id"] for f in findings if f["category"] == "llm-whole-reply"}
    tp = sum(1 for d in documents if d["label"] == "llm-whole-reply" and d["id"] in called)
    fp = sum(1 for d in documents if d["label"] != "llm-whole-reply" and d["id"] in called)
    replies = sum(1 for d in documents if d["label"] == "llm-whole-reply")
    return {"documents": len(documents), "replies": replies,
            "precision": round(tp / (tp + fp), 4) if tp + fp else None,
            "recall": round(tp / replies, 4) if replies else None}


def main() -> int:
    parser = bench_arguments(__doc__.splitlines()[0], "bench-out/chatter")
    add_contentqa_arguments(parser)
    args = parser.parse_args()
    if not shared_present(args.shared, "data/chatter", "data/residue", what="chatter bench"):
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    extra = config_flags(args)
    result = {"lines": lines_result(args.shared, args.out, args.contentqa, extra),
              "documents": documents_result(args.shared, args.out, args.contentqa, extra)}
    (args.out / "result.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    lines, docs = result["lines"], result["documents"]
    print(f"chatter + placeholder recall {lines['chatter_placeholder_recall']}; "
          f"look-alikes flagged {lines['by_label'].get('content', {}).get('flagged')}; "
          f"other chrome flagged {lines['by_label'].get('other-artifact', {}).get('flagged')}")
    print(f"whole replies: P {docs['precision']}  R {docs['recall']}  ({docs['replies']} of {docs['documents']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
