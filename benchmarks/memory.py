"""Peak memory of `clean` against corpus size: the same synthetic corpus cut at two sizes, each
cleaned by a fresh process with one worker; peak RSS (the largest process) and docs/s for each,
and their ratio (issue 8: the larger run within 20% of the smaller one's peak).

    python -m benchmarks.memory --sizes 10000 100000 --out bench-out/memory

A run too long for one sitting (a million documents) can be stopped, even by a restart of the
machine, and taken up with `--resume`: `clean --resume` goes on from its last finished chunk, and
each sitting's time and peak (every process's VmHWM, read every two seconds and written to
`sitting-SIZE.json` as it goes) are added up, sittings named in the result. Resuming needs the
commit the run started at.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.common import corpus_arguments, current_commit, docs_present

MEASURE = """
import json, os, resource, subprocess, sys, time
ledger, command = sys.argv[1], sys.argv[2:]
with open(ledger) as f:
    base = json.load(f)  # the run's commit and earlier sittings, kept in every write
began = time.perf_counter()
child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
peak = 0

def tree(root):
    found, frontier = [], [root]
    while frontier:
        pid = frontier.pop()
        found.append(pid)
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as f:
                    frontier += [int(c) for c in f.read().split()]
        except OSError:
            pass
    return found

def high_water(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            return max([int(line.split()[1]) for line in f if line.startswith("VmHWM:")] or [0])
    except OSError:
        return 0

def record(**state):
    with open(ledger + ".tmp", "w") as f:
        json.dump(dict(base, seconds=time.perf_counter() - began, peak_kb=peak, **state), f)
    os.replace(ledger + ".tmp", ledger)

while child.poll() is None:
    peak = max([peak] + [high_water(pid) for pid in tree(child.pid)])
    record(finished=False)
    time.sleep(2)
peak = max(peak, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
record(finished=True, code=child.returncode)
"""


def measured_clean(contentqa: str, source: Path, out: Path, workers: int, resume: bool, sittings: list[dict],
                   ledger: Path) -> dict:
    """Clean `source` into `out` (going on from where an earlier sitting stopped, with `resume`):
    time and peak RSS over this sitting and the earlier ones."""
    command = [sys.executable, "-c", MEASURE, str(ledger), contentqa, "clean", str(source), "-o", str(out),
               "--workers", str(workers), "--no-progress"] + (["--resume"] if resume else [])
    subprocess.run(command, check=True)
    sitting = json.loads(ledger.read_text(encoding="utf-8"))
    if sitting.get("code") != 0:  # 3: records were skipped, and a run that did not read them all measures nothing
        raise SystemExit(f"clean of {source} exited {sitting.get('code')}; run it by hand to see why")
    sittings = sittings + [sitting]
    return {"seconds": round(sum(s["seconds"] for s in sittings), 1),
            "peak_rss_mb": round(max(s["peak_kb"] for s in sittings) / 1024, 1), "sittings": len(sittings)}


def earlier_sittings(ledger: Path, commit: str) -> list[dict]:
    """The sittings of a run taken up again: the one that was stopped, and any before it."""
    if not ledger.exists():
        raise SystemExit(f"memory: nothing to resume ({ledger} absent)")
    sitting = json.loads(ledger.read_text(encoding="utf-8"))
    if sitting.get("commit", commit) != commit:
        raise SystemExit(f"memory: the run started at {sitting['commit']}; resume it from that commit, not {commit}")
    return sitting.get("earlier", []) + [{k: sitting[k] for k in ("seconds", "peak_kb")}]


def main() -> int:
    parser = corpus_arguments(__doc__.splitlines()[0], "bench-out/memory")
    parser.add_argument("--sizes", type=int, nargs=2, default=[10_000, 100_000])
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--resume", action="store_true", help="take up a run that was stopped (same commit)")
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
        ledger, done = args.out / f"sitting-{size}.json", args.out / f"run-{size}.json"
        finished = json.loads(done.read_text(encoding="utf-8")) if args.resume and done.exists() else {}
        if finished.get("commit") == commit:
            runs[str(size)] = finished["run"]  # finished in an earlier sitting
            continue
        earlier = earlier_sittings(ledger, commit) if args.resume else []
        ledger.write_text(json.dumps({"commit": commit, "earlier": earlier, "seconds": 0, "peak_kb": 0}),
                          encoding="utf-8")
        run = measured_clean(args.contentqa, corpus, args.out / f"clean-{size}.jsonl.gz", args.workers,
                             args.resume, earlier, ledger)
        run["docs_per_second"] = round(size / run["seconds"], 1)
        runs[str(size)] = run
        done.write_text(json.dumps({"commit": commit, "run": run}), encoding="utf-8")
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
