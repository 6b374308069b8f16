"""The labelled benchmark, end to end: generate it, run contentqa over it, score the result.

Generates a bench with ../shared/bench/make_bench.py (2,000 documents, seed 1 by default), runs
`contentqa check`, `contentqa clean --no-dedup` and `contentqa dedup` over its documents through
the real command line, and scores them with ../shared/bench/score.py. The figures land in
OUT/result.json and a short table is printed.

    python -m benchmarks.labelled_bench --shared ../shared --out bench-out/bench --n 2000 --seed 1
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.common import add_contentqa_arguments, bench_arguments, config_flags, shared_present


def generate(shared: Path, out: Path, n: int, seed: int, bank: Path) -> Path:
    bench = out / "bench"
    data = shared / "data"
    if (bench / "manifest.json").exists():
        manifest = json.loads((bench / "manifest.json").read_text(encoding="utf-8"))
        args = manifest.get("args", {})
        if args.get("n") == n and args.get("seed") == seed and Path(args.get("bank", "")).name == bank.name:
            return bench
    subprocess.run([sys.executable, str(shared / "bench" / "make_bench.py"), "--bank", str(bank),
                    "--scrapinghub", str(data / "scrapinghub" / "ground-truth.json"),
                    "--wcxb", str(data / "wcxb-test" / "test" / "ground-truth"),
                    "--wcxb-meta", str(data / "wcxb-test" / "metadata.json"),
                    "--out", str(bench), "--n", str(n), "--seed", str(seed)], check=True, capture_output=True)
    return bench


def run_contentqa(contentqa: str, bench: Path, out: Path, extra: list[str]) -> dict[str, float]:
    timings = {}
    docs = bench / "docs"
    began = time.perf_counter()
    with (out / "findings.jsonl").open("w", encoding="utf-8") as stream:
        result = subprocess.run([contentqa, "check", str(docs), "--output-format", "jsonl", *extra],
                                stdout=stream, stderr=subprocess.PIPE, text=True)
    if result.returncode not in (0, 1):
        raise SystemExit(f"contentqa check failed: {result.stderr[-2000:]}")
    timings["check"] = time.perf_counter() - began
    shutil.rmtree(out / "cleaned", ignore_errors=True)  # this benchmark's own output from an earlier run
    began = time.perf_counter()
    subprocess.run([contentqa, "clean", str(docs), "-o", str(out / "cleaned"), "--no-dedup", "--no-progress", *extra],
                   check=True, capture_output=True)
    timings["clean"] = time.perf_counter() - began
    began = time.perf_counter()
    subprocess.run([contentqa, "dedup", str(docs), "--clusters", str(out / "clusters.csv"), "--no-progress"],
                   check=True, capture_output=True)
    timings["dedup"] = time.perf_counter() - began
    return timings


def score(shared: Path, bench: Path, out: Path) -> dict:
    subprocess.run([sys.executable, str(shared / "bench" / "score.py"), "--labels", str(bench / "labels.jsonl"),
                    "--findings", str(out / "findings.jsonl"), "--cleaned", str(out / "cleaned"),
                    "--clusters", str(out / "clusters.csv"), "--json", str(out / "score.json")],
                   check=True, capture_output=True)
    return json.loads((out / "score.json").read_text(encoding="utf-8"))


def summary(result: dict) -> list[str]:
    detection = result["detection"]
    avc = detection["artifact_vs_content"]
    cleaning = result["cleaning"]
    lines = [f"artifact vs content: P {avc['precision']:.4f}  R {avc['recall']:.4f}  F1 {avc['f1']:.4f}  "
             f"content flagged {avc['content_flagged_rate']:.4f}",
             f"cleaning: content kept {cleaning['content_preserved']:.4f}  artifacts removed "
             f"{cleaning['artifacts_removed']:.4f}  repairs {cleaning['repairs_made']:.4f}  word F1 "
             f"{cleaning['word_f1']:.4f}  exact {cleaning['exact_match']:.4f}"]
    for category, figures in sorted(detection["by_category"].items()):
        lines.append(f"    {category:<22} lines {figures['lines']:>5}  R same {figures['recall_same']:.3f}  "
                     f"R any {figures['recall_any']:.3f}")
    for label, figures in sorted(result.get("doc_labels", {}).items()):
        lines.append(f"doc label {label:<16} P {figures.get('precision') or 0:.3f}  R {figures.get('recall') or 0:.3f}")
    dedup = result.get("dedup") or {}
    if dedup:
        lines.append(f"dedup pairwise: P {dedup.get('precision') or 0:.4f}  R {dedup.get('recall') or 0:.4f}  "
                     f"F1 {dedup.get('f1') or 0:.4f}")
    return lines


def main() -> int:
    parser = bench_arguments(__doc__.splitlines()[0], "bench-out/bench")
    parser.add_argument("--bank", type=Path, help="phrase bank (default: the public bank)")
    add_contentqa_arguments(parser)
    parser.add_argument("--generate-only", action="store_true", help="only generate the bench (training data)")
    args = parser.parse_args()
    if not shared_present(args.shared, "bench/make_bench.py", "bench/score.py", "data", what="labelled bench"):
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    bank = args.bank or args.shared / "bench" / "bank_public.yaml"
    bench = generate(args.shared, args.out, args.n, args.seed, bank)
    if args.generate_only:
        print(f"bench generated in {bench}")
        return 0
    extra = config_flags(args)
    timings = run_contentqa(args.contentqa, bench, args.out, extra)
    result = score(args.shared, bench, args.out)
    result["timings_seconds"] = {k: round(v, 1) for k, v in timings.items()}
    (args.out / "result.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    print("\n".join(summary(result)))
    print("seconds: " + ", ".join(f"{k} {v:.1f}" for k, v in timings.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
