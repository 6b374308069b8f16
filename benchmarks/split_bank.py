"""Split the public phrase bank in two, to measure how contentqa does on wording it was not tuned on.

Every list of variants in the bank's `categories` is split by position: even variants go to
half A, odd ones to half B (the `vocab` section stays whole in both). Rules are built and tuned
looking at benches made from half A only; half B is the held-out wording. The shared generator
asks for at least 15 variants per category, which a half does not have, so it is run with that
minimum relaxed (its own code, loaded from ../shared/bench, with the check's numbers lowered).

    python -m benchmarks.split_bank --shared ../shared --out bench-out/halves
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from benchmarks.common import bench_arguments, shared_present

RELAXED_GENERATOR = """
import runpy, sys
sys.path.insert(0, {bench!r})
import benchlib.bank as bank
bank.MIN_PER_CATEGORY = 1
bank.SCHEMA = {{c: {{k: 1 for k in lists}} for c, lists in bank.SCHEMA.items()}}
sys.argv = ["make_bench.py"] + {args!r}
runpy.run_path({script!r}, run_name="__main__")
"""


def split(bank: dict) -> tuple[dict, dict]:
    halves = []
    for parity in (0, 1):
        half = {"name": f"{bank.get('name', 'bank')}-half-{'ab'[parity]}", "version": bank.get("version", 1),
                "vocab": bank["vocab"], "categories": {}}
        for category, lists in bank["categories"].items():
            half["categories"][category] = {key: values[parity::2] for key, values in lists.items()}
        halves.append(half)
    return halves[0], halves[1]


def generate(shared: Path, bank_path: Path, out: Path, n: int, seed: int) -> None:
    data = shared / "data"
    args = ["--bank", str(bank_path), "--scrapinghub", str(data / "scrapinghub" / "ground-truth.json"),
            "--wcxb", str(data / "wcxb-test" / "test" / "ground-truth"),
            "--wcxb-meta", str(data / "wcxb-test" / "metadata.json"), "--out", str(out), "--n", str(n),
            "--seed", str(seed)]
    bench = (shared / "bench").resolve()
    code = RELAXED_GENERATOR.format(bench=str(bench), args=args, script=str(bench / "make_bench.py"))
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def main() -> int:
    parser = bench_arguments(__doc__.splitlines()[0], "bench-out/halves")
    parser.add_argument("--train-seed", type=int, help="also make a half-A bench with this seed, to train on")
    parser.add_argument("--bank", type=Path, help="the phrase bank to split (default: the public bank)")
    args = parser.parse_args()
    if not shared_present(args.shared, "bench/bank_public.yaml", "bench/make_bench.py", "data", what="split bank"):
        return 0
    bank = args.bank or args.shared / "bench" / "bank_public.yaml"
    args.out.mkdir(parents=True, exist_ok=True)
    half_a, half_b = split(yaml.safe_load(bank.read_text(encoding="utf-8")))
    for name, half in (("a", half_a), ("b", half_b)):
        path = args.out / f"bank_half_{name}.yaml"
        path.write_text(yaml.safe_dump(half, allow_unicode=True, sort_keys=False), encoding="utf-8")
        generate(args.shared, path, args.out / f"half_{name}" / "bench", args.n, args.seed)
        print(f"half {name}: bench in {args.out / f'half_{name}' / 'bench'}")
    if args.train_seed is not None:
        generate(args.shared, args.out / "bank_half_a.yaml", args.out / "train_a" / "bench", args.n, args.train_seed)
        print(f"half a, seed {args.train_seed}: training bench in {args.out / 'train_a' / 'bench'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
