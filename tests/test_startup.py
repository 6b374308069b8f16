"""Start-up stays light: `--version`, `rules` and `check` on a small file import nothing from
scikit-learn, scipy or pandas (a pre-commit hook pays the import on every commit). What each
command imports is checked in a fresh interpreter; timing is left to the benchmarks."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("sklearn", "scipy", "pandas", "datasketch")
PROBE = """
import sys
from contentqa.cli import cli
try:
    cli.main(args=sys.argv[1:], prog_name="contentqa", standalone_mode=False)
except SystemExit:
    pass
print("MODULES", " ".join(sorted({name.split(".")[0] for name in sys.modules})), file=sys.stderr)
"""


def imported_by(*args: str) -> set[str]:
    result = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=120)
    assert "error" not in result.stderr, result.stderr
    line = next(line for line in result.stderr.splitlines() if line.startswith("MODULES "))
    return set(line.split()[1:])


@pytest.mark.parametrize("args", [("--version",), ("rules",), ("rule", "AI001")])
def test_informational_commands_import_nothing_heavy(args):
    assert not imported_by(*args) & set(HEAVY)


def test_check_on_a_small_file_runs_the_detector_without_scipy_or_scikit_learn(seeds_dir):
    modules = imported_by("check", str(seeds_dir / "001_d47f74ae21f2c844.txt"), "--select", "ML001")
    assert "numpy" in modules  # the detector ran
    assert not modules & set(HEAVY)
