"""Precision on real clean text: how much of a human-checked article body does `contentqa clean` remove?

The gold main text of real pages (ScrapingHub's articleBody, WCXB's main_content of article
pages) is clean by definition, so every line that `contentqa clean` removes or rewrites there is
a false positive. This runs the real command line over both sets and reports, per set, the share
of non-blank lines that did not survive, with the rules responsible and the worst examples.

    python -m benchmarks.gold_precision --shared ../shared --out bench-out/gold
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import time
from collections import Counter
from pathlib import Path

from benchmarks.common import add_contentqa_arguments, config_flags, run, shared_present

SPACE = re.compile(r"\s+")


def norm(line: str) -> str:
    return SPACE.sub(" ", line).strip()


def scrapinghub(shared: Path) -> dict[str, str]:
    data = json.loads((shared / "data/scrapinghub/ground-truth.json").read_text(encoding="utf-8"))
    return {f"sh_{key[:16]}": value["articleBody"] for key, value in data.items() if value.get("articleBody")}


def wcxb_articles(shared: Path) -> dict[str, str]:
    meta = json.loads((shared / "data/wcxb-test/metadata.json").read_text(encoding="utf-8"))["files"]
    docs = {}
    for path in sorted((shared / "data/wcxb-test/test/ground-truth").glob("*.json")):
        if meta.get(path.stem, {}).get("page_type") != "article":
            continue
        record = json.loads(path.read_text(encoding="utf-8"))
        text = record["ground_truth"].get("main_content") or ""
        if text.strip():
            docs[f"wcxb_{path.stem}"] = text
    return docs


def measure(name: str, docs: dict[str, str], out: Path, contentqa: str, extra: list[str] = ()) -> dict:
    folder = out / name
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "input").mkdir(parents=True)
    for doc_id, text in docs.items():
        (folder / "input" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    command = [contentqa, "clean", str(folder / "input"), "-o", str(folder / "output"), "--no-dedup",
               "--findings", str(folder / "findings.jsonl"), "--no-progress", *extra]
    began = time.perf_counter()
    run(command)
    seconds = time.perf_counter() - began
    total = removed = 0
    per_doc = {}
    for doc_id, text in docs.items():
        before = Counter(norm(l) for l in text.splitlines() if l.strip())
        cleaned = (folder / "output" / f"{doc_id}.txt").read_text(encoding="utf-8")
        after = Counter(norm(l) for l in cleaned.splitlines() if l.strip())
        lost = sum((before - after).values())
        total += sum(before.values())
        removed += lost
        if lost:
            per_doc[doc_id] = lost
    by_rule: Counter = Counter()
    examples: list[dict] = []
    for raw in (folder / "findings.jsonl").read_text(encoding="utf-8").splitlines():
        finding = json.loads(raw)
        if finding.get("applied"):
            by_rule[f"{finding['code']} {finding['rule']}"] += finding["end_line"] - finding["line"] + 1
            examples.append({"id": finding["id"], "line": finding["line"], "code": finding["code"],
                             "message": finding["message"][:140]})
    return {"set": name, "documents": len(docs), "lines": total, "removed": removed, "seconds": round(seconds, 2),
            "share": removed / total if total else 0.0, "documents_touched": len(per_doc),
            "removed_by_rule": dict(by_rule.most_common()), "examples": examples}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--out", type=Path, default=Path("bench-out/gold"))
    add_contentqa_arguments(parser)
    args = parser.parse_args()
    if not shared_present(args.shared, "data/scrapinghub/ground-truth.json", "data/wcxb-test", what="gold precision"):
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    extra = config_flags(args)
    results = [measure("scrapinghub", scrapinghub(args.shared), args.out, args.contentqa, extra),
               measure("wcxb-articles", wcxb_articles(args.shared), args.out, args.contentqa, extra)]
    (args.out / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    for result in results:
        print(f"{result['set']}: {result['documents']} documents, {result['lines']} non-blank lines, "
              f"{result['removed']} removed or rewritten ({result['share']:.2%}) in {result['documents_touched']} documents; "
              f"clean took {result['seconds']:.1f} s ({result['documents'] / result['seconds']:.0f} documents/s)")
        for rule, count in list(result["removed_by_rule"].items())[:10]:
            print(f"    {count:>4}  {rule}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
