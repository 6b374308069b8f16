"""What the benchmark scripts share: their command-line arguments and the check that ../shared is there."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def bench_arguments(description: str, out: str) -> argparse.ArgumentParser:
    """A parser with the arguments every benchmark takes: where ../shared is, where results go,
    and the size and seed of a generated bench."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared folder (data, bench)")
    parser.add_argument("--out", type=Path, default=Path(out), help="where results go")
    parser.add_argument("--n", type=int, default=2000, help="documents in a generated bench")
    parser.add_argument("--seed", type=int, default=1, help="the generator's seed")
    return parser


def shared_present(shared: Path, *parts: str, what: str) -> bool:
    """True when every part exists under `shared`; otherwise say that `what` is skipped, and why."""
    missing = [part for part in parts if not (shared / part).exists()]
    if missing:
        print(f"{what}: {', '.join(str(shared / m) for m in missing)} absent; skipped", file=sys.stderr)
        return False
    return True
