"""`contentqa check` throughput on the public bench's documents, beside a reference revision, in one run.

The same documents are checked by this tree and by a reference commit of contentqa (a git
worktree run with this tree's environment), alternately, pinned to one core when `taskset` is
there; the median of the runs is reported as documents per second, with the ratio.

    python -m benchmarks.speed --docs bench-out/bench/bench/docs --n 500 --reference 9916c8a --out bench-out/speed
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import pinned

ROOT = Path(__file__).resolve().parent.parent


def timed_check(source: Path, target: Path, one_core: bool = True, *extra: str) -> float:
    """Wall time of `contentqa check` on `target` with the contentqa at `source`: a folder of the
    bench's documents (pinned to one core), or one small file (start-up: interpreter, imports, model)."""
    # -P: the working folder (this checkout) must not come before PYTHONPATH, or the reference
    # revision would never be the one that runs
    command = [sys.executable, "-P", "-m", "contentqa.cli", "check", str(target), "--output-format", "jsonl", *extra]
    began = time.perf_counter()
    result = subprocess.run(pinned(command) if one_core else command, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(source)})
    if result.returncode not in (0, 1):
        raise SystemExit(f"contentqa check ({source}) on {target} failed: {result.stderr[-1000:]}")
    return time.perf_counter() - began


STARTUP_RUNS = 7
STARTUP_FILE = ROOT / "seeds" / "001_d47f74ae21f2c844.txt"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=Path("bench-out/bench/bench/docs"))
    parser.add_argument("--n", type=int, default=500, help="documents to check")
    parser.add_argument("--reference", default="9916c8a", help="the revision to compare with")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("bench-out/speed"))
    args = parser.parse_args()
    if not args.docs.is_dir():
        print(f"speed: {args.docs} absent (run make bench-labelled first); skipped", file=sys.stderr)
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "docs"
        folder.mkdir()
        for path in sorted(args.docs.iterdir())[:args.n]:
            shutil.copy(path, folder / path.name)
        reference = Path(scratch) / "reference"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "--quiet", str(reference),
                        args.reference], check=True)
        try:
            # the current check also finds near-duplicates across the documents (DU001), which the
            # reference did not do; without it (--no-dedup) both do the same work
            times: dict[str, list[float]] = {"current": [], "current_no_dedup": [], "reference": []}
            for _ in range(args.repeat):
                times["current"].append(timed_check(ROOT, folder))
                times["current_no_dedup"].append(timed_check(ROOT, folder, True, "--no-dedup"))
                times["reference"].append(timed_check(reference, folder))
            startup: dict[str, list[float]] = {"current": [], "reference": []}
            for _ in range(STARTUP_RUNS):
                startup["current"].append(timed_check(ROOT, STARTUP_FILE, one_core=False))
                startup["reference"].append(timed_check(reference, STARTUP_FILE, one_core=False))
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(reference)], check=False)
    n = min(args.n, len(list(args.docs.iterdir())))
    result = {"documents": n, "reference": args.reference, "seconds": times,
              "docs_per_second": {k: round(n / statistics.median(v), 1) for k, v in times.items()}}
    result["ratio"] = round(result["docs_per_second"]["current"] / result["docs_per_second"]["reference"], 3)
    result["ratio_same_work"] = round(result["docs_per_second"]["current_no_dedup"]
                                      / result["docs_per_second"]["reference"], 3)
    result["startup_seconds"] = {k: round(statistics.median(v), 3) for k, v in startup.items()}
    result["startup_file"] = STARTUP_FILE.name
    (args.out / "result.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"check on {n} documents, one core: current {result['docs_per_second']['current']} docs/s, "
          f"{args.reference} {result['docs_per_second']['reference']} docs/s (ratio {result['ratio']}; without "
          f"near-duplicates, the reference's work, {result['docs_per_second']['current_no_dedup']} docs/s, ratio "
          f"{result['ratio_same_work']}); "
          f"start-up (check on one seed, median of {STARTUP_RUNS}): current {result['startup_seconds']['current']} s, "
          f"{args.reference} {result['startup_seconds']['reference']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
