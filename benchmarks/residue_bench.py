"""The residue benchmark on its dev pages: real extractors' output cleaned by contentqa.

For each set (ScrapingHub, WCXB-test), the dev pages' records of all six extractors go through
`contentqa clean --no-dedup` on the real command line; documents that clean drops count as
emptied. ../shared/bench/residue/score_residue.py scores the result: boilerplate-line precision
and recall, content lines kept, word F1 before and after, per extractor and page type.

    python -m benchmarks.residue_bench --shared ../shared --out bench-out/residue
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.common import add_contentqa_arguments, bench_arguments, config_flags, run, shared_present
from benchmarks.corpora import RESIDUE_SETS, residue_records, write_residue_split


def run_set(shared: Path, name: str, out: Path, contentqa: str, extra: list[str]) -> dict:
    folder = out / name
    residue = write_residue_split(shared, name, "dev", folder)
    source = folder / "input.jsonl"
    with source.open("w", encoding="utf-8") as stream:
        for record in residue_records(shared, name, "dev"):
            stream.write(json.dumps({"id": record["id"], "text": record["text"]}) + "\n")
    cleaned, rejects = folder / "cleaned.jsonl", folder / "rejects.jsonl"
    began = time.perf_counter()
    run([contentqa, "clean", str(source), "-o", str(cleaned), "--no-dedup", "--no-progress", "--rejects", str(rejects),
         *extra])
    seconds = time.perf_counter() - began
    scored = folder / "scored.jsonl"
    with scored.open("w", encoding="utf-8") as stream:
        stream.write(cleaned.read_text(encoding="utf-8"))
        if rejects.exists():  # a dropped document lost every line
            for raw in rejects.read_text(encoding="utf-8").splitlines():
                stream.write(json.dumps({"id": json.loads(raw)["id"], "text": ""}) + "\n")
    subprocess.run([sys.executable, str(shared / "bench" / "residue" / "score_residue.py"), str(residue), str(scored),
                    "--json", str(folder / "score.json")], check=True, capture_output=True)
    result = json.loads((folder / "score.json").read_text(encoding="utf-8"))
    result["seconds"] = round(seconds, 1)
    return result


def main() -> int:
    parser = bench_arguments(__doc__.splitlines()[0], "bench-out/residue")
    add_contentqa_arguments(parser)
    args = parser.parse_args()
    if not shared_present(args.shared, "bench/residue/score_residue.py", "data/residue", what="residue bench"):
        return 0
    extra = config_flags(args)
    results = {name: run_set(args.shared, name, args.out, args.contentqa, extra) for name in RESIDUE_SETS}
    (args.out / "result.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    for name, result in results.items():
        for group, figures in groups(result):
            print(f"{name:<12} {group:<20} {row(figures)}")
    return 0


def groups(result: dict) -> list[tuple[str, dict]]:
    """The overall, non-naive and per-extractor groups of a score_residue.py result."""
    results = result.get("results", {})
    names = [n for n in ("overall", "non-naive") if n in results]
    names += sorted(n for n in results if n.startswith("extractor:"))
    return [(name.removeprefix("extractor:"), results[name]) for name in names]


def row(figures: dict) -> str:
    def f(value):
        return "—" if value is None else f"{value:.3f}"
    return (f"bp {figures.get('boilerplate_lines', 0):>6}  P {f(figures.get('precision'))}  R {f(figures.get('recall'))}  "
            f"kept {f(figures.get('content_kept'))}  word F1 {f(figures.get('word_f1_before'))} -> "
            f"{f(figures.get('word_f1_after'))}")


if __name__ == "__main__":
    sys.exit(main())
