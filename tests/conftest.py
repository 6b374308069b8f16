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


def engine_for(*selectors: str) -> Engine:
    """An engine that runs only the selected rules."""
    return Engine(Config(select=list(selectors) or ["ALL"]))


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine(Config())
