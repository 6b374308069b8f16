"""What the benchmark scripts share: their command-line arguments and the check that ../shared is there."""

from __future__ import annotations

import argparse
import shutil
import subprocess
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


def corpus_arguments(description: str, out: str) -> argparse.ArgumentParser:
    """A parser for a benchmark that runs contentqa on documents of the labelled bench (or a
    synthetic corpus made of them): where they are, which contentqa, where results go."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--docs", type=Path, default=Path("bench-out/bench/bench/docs"),
                        help="the labelled bench's documents (make bench-labelled writes them)")
    parser.add_argument("--contentqa", default=str(Path(sys.executable).parent / "contentqa"),
                        help="the contentqa command to run")
    parser.add_argument("--out", type=Path, default=Path(out), help="where results go")
    return parser


def docs_present(docs: Path, what: str) -> bool:
    """True when the bench's documents are there; otherwise say that `what` is skipped."""
    if not docs.is_dir():
        print(f"{what}: {docs} absent (run make bench-labelled first); skipped", file=sys.stderr)
        return False
    return True


def add_contentqa_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of a benchmark that runs contentqa's command line: which one, with what configuration."""
    parser.add_argument("--contentqa", default=str(Path(sys.executable).parent / "contentqa"),
                        help="the contentqa command to run")
    parser.add_argument("--config", type=Path, help="a contentqa configuration to run with")


def config_flags(args: argparse.Namespace) -> list[str]:
    """The command-line flags that pass the benchmark's --config on to contentqa."""
    return ["--config", str(args.config)] if args.config else []


def pinned(command: list[str], core: str = "0") -> list[str]:
    """The command pinned to one core with taskset, where the machine has it."""
    return ["taskset", "-c", core, *command] if shutil.which("taskset") else command


def run(command: list[str]) -> None:
    """Run a command the benchmark needs; when it fails (a run that skipped records exits 3, and
    measures nothing), stop with its exit code and the end of what it wrote to stderr."""
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        tail = "\n".join(result.stderr.strip().splitlines()[-5:])
        raise SystemExit(f"{Path(command[0]).name} {command[1]} exited {result.returncode}" + (f":\n{tail}" if tail else ""))


def shared_present(shared: Path, *parts: str, what: str) -> bool:
    """True when every part exists under `shared`; otherwise say that `what` is skipped, and why."""
    missing = [part for part in parts if not (shared / part).exists()]
    if missing:
        print(f"{what}: {', '.join(str(shared / m) for m in missing)} absent; skipped", file=sys.stderr)
        return False
    return True


def current_commit() -> str:
    """The short commit of the checkout being measured ('unknown' outside git), with '+' when it has changes."""
    root = Path(__file__).resolve().parent.parent
    try:
        head = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+" if dirty else "")
