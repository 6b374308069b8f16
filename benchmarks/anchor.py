"""contentqa's throughput per core beside an anchor: datatrove's C4, Gopher quality, Gopher
repetition and FineWeb quality filters as one pipeline, over the same documents, in one run.

Each side runs in its own process pinned to one core (taskset), alternately, `--repeat` times;
medians of documents per second are reported, with contentqa's `check` and `clean --workers 1`
as ratios to the anchor, and `clean --workers 2` against `clean --workers 1`. datatrove lives in
its own environment (`make bench-anchor` makes `.venv-anchor`), never in contentqa's.

    python -m benchmarks.anchor --docs bench-out/bench/bench/docs --n 1000 --anchor-python .venv-anchor/bin/python
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import corpus_arguments, docs_present, pinned

DATATROVE = """
import sys, time
from pathlib import Path
from datatrove.data import Document
from datatrove.pipeline.filters import C4QualityFilter, FineWebQualityFilter, GopherQualityFilter, GopherRepetitionFilter
folder = Path(sys.argv[1])
texts = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(folder.iterdir())]
filters = [C4QualityFilter(), GopherQualityFilter(), GopherRepetitionFilter(), FineWebQualityFilter()]
began = time.perf_counter()
kept = 0
for name, text in texts:
    doc = Document(text=text, id=name)
    ok = True
    for f in filters:
        result = f.filter(doc)
        if result is False or (isinstance(result, tuple) and result[0] is False):
            ok = False
            break
    kept += ok
print(len(texts) / (time.perf_counter() - began), kept)
"""


def run_seconds(command: list[str]) -> float:
    began = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if result.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command[:6])} failed: {result.stderr[-1500:]}")
    return time.perf_counter() - began


def anchor_rate(python: str, folder: Path) -> float:
    """datatrove's documents per second, timed inside its process (its import time left out)."""
    result = subprocess.run(pinned([python, "-c", DATATROVE, str(folder)]), capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"datatrove anchor failed: {result.stderr[-1500:]}")
    return float(result.stdout.split()[0])


def main() -> int:
    parser = corpus_arguments(__doc__.splitlines()[0], "bench-out/anchor")
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--anchor-python", default=".venv-anchor/bin/python")
    args = parser.parse_args()
    if not docs_present(args.docs, "anchor"):
        return 0
    if not Path(args.anchor_python).exists():
        print(f"anchor: {args.anchor_python} absent (make bench-anchor makes it); skipped", file=sys.stderr)
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    rates: dict[str, list[float]] = {"datatrove": [], "check": [], "clean": [], "clean_2_workers": []}
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "docs"
        folder.mkdir()
        for path in sorted(args.docs.iterdir())[:args.n]:
            shutil.copy(path, folder / path.name)
        n = len(list(folder.iterdir()))
        for run in range(args.repeat):
            rates["datatrove"].append(anchor_rate(args.anchor_python, folder))
            rates["check"].append(n / run_seconds(pinned([args.contentqa, "check", str(folder), "--output-format",
                                                          "jsonl"])))
            out = Path(scratch) / f"clean{run}"
            rates["clean"].append(n / run_seconds(pinned([args.contentqa, "clean", str(folder), "-o", str(out),
                                                          "--workers", "1", "--no-progress"])))
            out2 = Path(scratch) / f"clean2-{run}"
            rates["clean_2_workers"].append(n / run_seconds([args.contentqa, "clean", str(folder), "-o", str(out2),
                                                             "--workers", "2", "--no-progress"]))
    median = {k: round(statistics.median(v), 1) for k, v in rates.items()}
    result = {"documents": n, "runs": args.repeat, "docs_per_second": median,
              "all_runs": {k: [round(x, 1) for x in v] for k, v in rates.items()},
              "check_vs_anchor": round(median["check"] / median["datatrove"], 3),
              "clean_vs_anchor": round(median["clean"] / median["datatrove"], 3),
              "two_workers_vs_one": round(median["clean_2_workers"] / median["clean"], 3)}
    (args.out / "result.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"anchor on {n} documents, one core each: datatrove 4 filters {median['datatrove']} docs/s; contentqa "
          f"check {median['check']} ({result['check_vs_anchor']}x), clean {median['clean']} "
          f"({result['clean_vs_anchor']}x); clean with 2 workers {median['clean_2_workers']} "
          f"({result['two_workers_vs_one']}x one worker)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
