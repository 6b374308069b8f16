"""Kill and resume: `contentqa clean` over a synthetic corpus, killed with SIGKILL at random moments
and resumed each time with --resume, must write exactly what an uninterrupted run writes (the
cleaned corpus, report, findings and rejects). Prints each kill and the verdict; exits 1 on any
difference.

    python -m benchmarks.stress --docs bench-out/bench/bench/docs --n 2000 --kills 10 --out bench-out/stress
"""

from __future__ import annotations

import json
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.common import corpus_arguments, docs_present, run

OUTPUTS = ("cleaned.jsonl.gz", "report.csv", "findings.jsonl", "rejects.jsonl")
CHECKPOINT_EVERY = 100


def command(contentqa: str, corpus: Path, out: Path, workers: int) -> list[str]:
    return [contentqa, "clean", str(corpus), "-o", str(out / OUTPUTS[0]), "--report", str(out / OUTPUTS[1]),
            "--findings", str(out / OUTPUTS[2]), "--rejects", str(out / OUTPUTS[3]), "--workers", str(workers),
            "--checkpoint-every", str(CHECKPOINT_EVERY), "--no-progress"]


def main() -> int:
    parser = corpus_arguments(__doc__.splitlines()[0], "bench-out/stress")
    parser.add_argument("--n", type=int, default=2000, help="documents in the synthetic corpus")
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1, help="of the moments the run is killed")
    args = parser.parse_args()
    if not docs_present(args.docs, "stress"):
        return 0
    shutil.rmtree(args.out, ignore_errors=True)
    whole, killed = args.out / "whole", args.out / "killed"
    whole.mkdir(parents=True)
    killed.mkdir()
    corpus = args.out / "corpus.jsonl.gz"
    subprocess.run([sys.executable, "-m", "benchmarks.synthetic", "--docs", str(args.docs), "--n", str(args.n),
                    "-o", str(corpus)], check=True)
    began = time.perf_counter()
    run(command(args.contentqa, corpus, whole, args.workers))
    seconds = time.perf_counter() - began
    print(f"stress: uninterrupted run of {args.n} documents took {seconds:.1f} s")
    moments = random.Random(args.seed)
    kill_seconds = []
    for kill in range(1, args.kills + 1):
        process = subprocess.Popen(command(args.contentqa, corpus, killed, args.workers) + ["--resume"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        after = moments.uniform(0.5, seconds / args.kills * 1.5)
        time.sleep(after)
        ended = process.poll() is not None
        process.send_signal(signal.SIGKILL)
        process.wait()
        kill_seconds.append(round(after, 1))
        print(f"stress: kill {kill} after {after:.1f} s" + (" (the run had ended)" if ended else ""))
    run(command(args.contentqa, corpus, killed, args.workers) + ["--resume"])
    different = [name for name in OUTPUTS if (whole / name).read_bytes() != (killed / name).read_bytes()]
    result = {"documents": args.n, "workers": args.workers, "kills": args.kills, "checkpoint_every": CHECKPOINT_EVERY,
              "kill_seconds": kill_seconds, "uninterrupted_seconds": round(seconds, 1), "identical": not different,
              "different": different, "measured_at": time.strftime("%F")}
    (args.out / "result.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    print("stress: " + (f"DIFFERENT: {', '.join(different)}" if different else
                        f"after {args.kills} kills and resumes, every output is byte-identical"))
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main())
