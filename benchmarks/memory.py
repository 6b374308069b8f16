"""Peak memory of `clean` against corpus size: the same synthetic corpus cut at two sizes, each
cleaned by a fresh process with one worker; peak RSS (the largest process) and docs/s for each,
and their ratio (issue 8: the larger run within 20% of the smaller one's peak).

    python -m benchmarks.memory --sizes 10000 100000 --out bench-out/memory
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.common import corpus_arguments, current_commit, docs_present

MEASURE = """
import resource, subprocess, sys, time
began = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
print(code, time.perf_counter() - began, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def measured_clean(contentqa: str, source: Path, out: Path, workers: int) -> dict:
    command = [sys.executable, "-c", MEASURE, contentqa, "clean", str(source), "-o", str(out), "--workers",
               str(workers), "--no-progress", "--allow-skips"]
    code, seconds, peak_kb = subprocess.run(command, capture_output=True, text=True, check=True).stdout.split()
    if int(code) not in (0, 3):
        raise SystemExit(f"clean of {source} exited {code}")
    return {"seconds": round(float(seconds), 1), "peak_rss_mb": round(int(peak_kb) / 1024, 1)}


def main() -> int:
    parser = corpus_arguments(__doc__.splitlines()[0], "bench-out/memory")
    parser.add_argument("--sizes", type=int, nargs=2, default=[10_000, 100_000])
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    if not docs_present(args.docs, "memory"):
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    commit = current_commit()  # before the runs: the checkout may move while they go
    runs = {}
    for size in args.sizes:
        corpus = args.out / f"synthetic-{size}.jsonl.gz"
        if not corpus.exists():
            subprocess.run([sys.executable, "-m", "benchmarks.synthetic", "--docs", str(args.docs), "--n", str(size),
                            "-o", str(corpus)], check=True)
        run = measured_clean(args.contentqa, corpus, args.out / f"clean-{size}.jsonl.gz", args.workers)
        run["docs_per_second"] = round(size / run["seconds"], 1)
        runs[str(size)] = run
        print(f"memory: {size} documents: peak RSS {run['peak_rss_mb']} MB, {run['docs_per_second']} docs/s",
              file=sys.stderr)
    small, large = (runs[str(s)] for s in args.sizes)
    result = {"sizes": args.sizes, "workers": args.workers, "runs": runs,
              "peak_ratio": round(large["peak_rss_mb"] / small["peak_rss_mb"], 3), "measured_at": time.strftime("%F"),
              "commit": commit}
    (args.out / "result.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"memory: peak RSS ratio {result['peak_ratio']} ({args.sizes[1]} vs {args.sizes[0]} documents)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
