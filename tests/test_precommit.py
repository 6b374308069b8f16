"""contentqa as a pre-commit hook, run for real: `pre-commit try-repo` against this checkout in a
fresh git repository. Clean files pass, files with artifacts fail and are listed, the fix hook
repairs them and the next run passes.

The hook's environment is built once per test session (pre-commit installs contentqa into it
from this checkout), so the tests together take about as long as one `pip install`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "fixtures" / "real"
ARTIFACTS = [  # each one fixable, so that after the fix nothing is left to report
    ("start", "Home > Technology > Software"),
    ("end", "If you want, I can help format this further or provide a shorter summary."),
    ("end", "Related Posts"),
    ("end", "Leave a Reply"),
    ("end", "Your email address will not be published. Required fields are marked *"),
]


def pre_commit() -> list[str]:
    found = shutil.which("pre-commit", path=str(Path(os.sys.executable).parent)) or shutil.which("pre-commit")
    if found is None or shutil.which("git") is None:
        pytest.skip("pre-commit (a dev extra) or git is not installed")
    if not (ROOT / ".git").exists():
        pytest.skip(f"{ROOT} is not a git checkout: pre-commit try-repo needs one")
    return [found]


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This checkout as it stands (uncommitted changes too), committed once into a repository of
    its own: `try-repo` on a checkout with changes makes a new commit, and so a new hook
    environment, on every call."""
    pre_commit()
    snapshot = tmp_path_factory.mktemp("hook-repo")
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            check=True, capture_output=True).stdout.decode("utf-8").split("\0")
    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, snapshot / name)
    git = ["git", "-c", "user.name=contentqa tests", "-c", "user.email=tests@contentqa.invalid"]
    subprocess.run(["git", "init", "-q"], cwd=snapshot, check=True)
    subprocess.run(["git", "add", "."], cwd=snapshot, check=True)
    subprocess.run(git + ["commit", "-q", "-m", "snapshot"], cwd=snapshot, check=True)
    return snapshot


@pytest.fixture()
def corpus_repo(tmp_path: Path) -> Path:
    """A git repository with two real articles, one of them with page chrome and chatter pasted in."""
    repo = tmp_path / "corpus"
    repo.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    shutil.copy(REAL / "wcxb_4997.txt", repo / "clean.txt")
    text = (REAL / "wcxb_5549.txt").read_text(encoding="utf-8").rstrip("\n").split("\n")
    head = [line for where, line in ARTIFACTS if where == "start"]
    tail = [line for where, line in ARTIFACTS if where == "end"]
    (repo / "scraped.txt").write_text("\n".join(head + [""] + text + [""] + tail) + "\n", encoding="utf-8")
    (repo / "notes.py").write_text("Related Posts = 1\n", encoding="utf-8")  # not a corpus file: not read
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    return repo


def try_repo(repo: Path, source: Path, home: Path, hook: str, *files: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    return subprocess.run(pre_commit() + ["try-repo", str(source), hook, "--verbose", "--files", *files],
                          cwd=repo, env=env, capture_output=True, text=True, timeout=600)


def test_hooks_pass_clean_files_fail_artifacts_and_fix_repairs_them(corpus_repo: Path, hook_repo: Path,
                                                                      pre_commit_home: Path) -> None:
    clean = try_repo(corpus_repo, hook_repo, pre_commit_home, "contentqa-check", "clean.txt", "notes.py")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout

    dirty = try_repo(corpus_repo, hook_repo, pre_commit_home, "contentqa-check", "clean.txt", "scraped.txt")
    assert dirty.returncode == 1, dirty.stdout + dirty.stderr
    reported = [line for line in dirty.stdout.splitlines() if line.startswith("scraped.txt:")]
    for code in ("NV001", "AI001", "RL001", "CF001", "CF002"):
        assert any(f" {code} " in line for line in reported), (code, dirty.stdout)
    assert not any(line.startswith("clean.txt:") for line in dirty.stdout.splitlines())

    before = (corpus_repo / "scraped.txt").read_text(encoding="utf-8")
    fixed = try_repo(corpus_repo, hook_repo, pre_commit_home, "contentqa-fix", "clean.txt", "scraped.txt")
    assert fixed.returncode == 1 and "files were modified by this hook" in fixed.stdout, fixed.stdout
    after = (corpus_repo / "scraped.txt").read_text(encoding="utf-8")
    assert after != before
    for _, line in ARTIFACTS:
        assert line not in after
    assert after.strip() == (REAL / "wcxb_5549.txt").read_text(encoding="utf-8").strip()
    assert (corpus_repo / "clean.txt").read_bytes() == (REAL / "wcxb_4997.txt").read_bytes()

    again = try_repo(corpus_repo, hook_repo, pre_commit_home, "contentqa-check", "clean.txt", "scraped.txt")
    assert again.returncode == 0, again.stdout + again.stderr
