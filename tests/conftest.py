"""Shared fixtures: the project's seed folder, and an linter limited to chosen rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from contentqa.config import Config
from contentqa.linter import Linter

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return ROOT / "seeds"


def linter_for(*selectors: str, options: dict | None = None) -> Linter:
    """An linter that runs only the selected rules, with per-rule `options` ({code: {option: value}})."""
    return Linter(Config(select=list(selectors) or ["ALL"], rule_options=options or {}))


@pytest.fixture(scope="session")
def linter() -> Linter:
    return Linter(Config())
