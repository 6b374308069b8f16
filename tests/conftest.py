"""Shared fixtures: the project's seed folder, and an engine limited to chosen rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from contentqa.config import Config
from contentqa.engine import Engine

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return ROOT / "seeds"


def engine_for(*selectors: str, options: dict | None = None) -> Engine:
    """An engine that runs only the selected rules, with per-rule `options` ({code: {option: value}})."""
    return Engine(Config(select=list(selectors) or ["ALL"], rule_options=options or {}))


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine(Config())
