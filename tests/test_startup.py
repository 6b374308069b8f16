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
print("MODULES", " ".join(sorted(sys.modules)), file=sys.stderr)
"""


def imported_by(*args: str, packages: bool = True) -> set[str]:
    """The modules a command imports: the top-level packages, or with `packages=False` every module."""
    result = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=120)
    line = next(line for line in result.stderr.splitlines() if line.startswith("MODULES "))
    assert "error" not in result.stderr.replace(line, ""), result.stderr
    names = set(line.split()[1:])
    return {name.split(".")[0] for name in names} if packages else names


@pytest.mark.parametrize("args", [("--version",), ("rules",), ("rule", "AI001")])
def test_informational_commands_import_nothing_heavy(args):
    assert not imported_by(*args) & set(HEAVY)


def test_check_on_a_small_file_runs_the_detector_without_scipy_or_scikit_learn(seeds_dir):
    modules = imported_by("check", str(seeds_dir / "001_d47f74ae21f2c844.txt"), "--select", "ML001")
    assert "numpy" in modules  # the detector ran
    assert not modules & set(HEAVY)


def test_version_loads_no_rule():
    """`--version` answers before any rule is compiled (the linter is imported by the commands
    that check something)."""
    loaded = imported_by("--version", packages=False)
    assert "contentqa.cli" in loaded
    assert not {"contentqa.linter", "contentqa.rules", "contentqa.detector", "numpy"} & loaded


def test_checking_two_files_compares_them_without_scipy(seeds_dir):
    """Two documents are compared for near-duplicates (the index is loaded), and the MinHash
    signatures are computed without datasketch, whose import brings scipy (half a second)."""
    one = imported_by("check", str(seeds_dir / "001_d47f74ae21f2c844.txt"), packages=False)
    two = imported_by("check", str(seeds_dir / "001_d47f74ae21f2c844.txt"), str(seeds_dir / "002_98df15422c053175.txt"),
                      packages=False)
    assert "contentqa.dedup" not in one and "contentqa.dedup" in two
    assert not {name.split(".")[0] for name in two} & set(HEAVY)
