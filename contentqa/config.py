"""Configuration from `[tool.contentqa]` in pyproject.toml, overridable by command-line flags.

    [tool.contentqa]
    select = ["ALL"]                 # codes, code prefixes, rule names or categories
    ignore = ["ST002"]
    packs = ["chrome/my-site.yaml"]  # extra phrase packs, relative to the pyproject.toml
    quality-threshold = 50           # documents scoring below get a low-quality finding
    dedup-threshold = 0.5            # Jaccard similarity that makes two documents near-duplicates
    time-budget = 10                 # seconds of rule time per document before it is given up
    drop = ["llm-whole-reply", "title-only"]  # documents `clean` drops (and lists in --rejects)

    [tool.contentqa.per-path-ignores]  # or per-file-ignores, as ruff calls it
    "forum/*.txt" = ["comment-form"]

    [tool.contentqa.rules.SP001]     # options of one rule, by code or name
    min_count = 5
"""

from __future__ import annotations

import fnmatch
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

KNOWN_KEYS = {"select", "ignore", "extend-select", "packs", "per-path-ignores", "per-file-ignores", "rules",
              "quality-threshold", "dedup-threshold", "time-budget", "drop", "unsafe-fixes"}
DROPPABLE = ("llm-whole-reply", "title-only")


class ConfigError(ValueError):
    """A configuration that cannot be used; the message names the file and the key."""


@dataclass
class Config:
    select: list[str] = field(default_factory=lambda: ["ALL"])
    ignore: list[str] = field(default_factory=list)
    per_path_ignores: dict[str, list[str]] = field(default_factory=dict)
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    packs: list[Path] = field(default_factory=list)
    quality_threshold: float = 50.0
    dedup_threshold: float = 0.5
    time_budget: float = 10.0
    drop: list[str] = field(default_factory=lambda: list(DROPPABLE))
    unsafe_fixes: bool = False
    source: Path | None = None

    def ignored_for(self, path: str) -> list[str]:
        """The selectors ignored for one input path by the per-path ignores."""
        result: list[str] = []
        for pattern, selectors in self.per_path_ignores.items():
            if fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(Path(path).name, pattern):
                result.extend(selectors)
        return result


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml at or above `start` that has a [tool.contentqa] table."""
    start = start.resolve()
    for folder in [start, *start.parents] if start.is_dir() else [start.parent, *start.parent.parents]:
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            try:
                data = tomllib.loads(candidate.read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError):
                continue
            if "contentqa" in data.get("tool", {}):
                return candidate
    return None


def load_config(path: Path | None = None, start: Path | None = None) -> Config:
    """Read the configuration from `path`, or from the nearest pyproject.toml, or use defaults."""
    if path is None:
        path = find_pyproject(start or Path.cwd())
        if path is None:
            return Config()
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(f"{path}: cannot read configuration: {error.strerror}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None
    table = data.get("tool", {}).get("contentqa", data if "tool" not in data else {})
    return config_from_table(table, Path(path))


def config_from_table(table: dict[str, Any], source: Path) -> Config:
    unknown = set(table) - KNOWN_KEYS
    if unknown:
        raise ConfigError(f"{source}: unknown key(s) in [tool.contentqa]: {', '.join(sorted(unknown))}")
    config = Config(source=source)

    def string_list(key: str) -> list[str]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{source}: '{key}' must be a list of strings")
        return value

    if "select" in table:
        config.select = string_list("select")
    config.select += string_list("extend-select")
    config.ignore = string_list("ignore")
    config.packs = [(source.parent / p) for p in string_list("packs")]
    ignores: dict[str, list[str]] = {}
    for key in ("per-path-ignores", "per-file-ignores"):  # the second is ruff's name for the same table
        table_of = table.get(key, {})
        if not isinstance(table_of, dict) or not all(isinstance(v, list) for v in table_of.values()):
            raise ConfigError(f"{source}: '{key}' maps path patterns to lists of rules")
        for pattern, chosen in table_of.items():
            ignores[pattern] = ignores.get(pattern, []) + chosen
    config.per_path_ignores = ignores
    options = table.get("rules", {})
    if not isinstance(options, dict) or not all(isinstance(v, dict) for v in options.values()):
        raise ConfigError(f"{source}: [tool.contentqa.rules.CODE] tables hold rule options")
    config.rule_options = options
    for key, attribute, low, high in (("quality-threshold", "quality_threshold", 0, 100),
                                      ("dedup-threshold", "dedup_threshold", 0, 1),
                                      ("time-budget", "time_budget", 0, float("inf"))):
        if key in table:
            value = table[key]
            if not isinstance(value, (int, float)) or isinstance(value, bool) or not low <= value <= high \
                    or (key == "dedup-threshold" and value == 0):
                bounds = "over 0 and at most 1" if key == "dedup-threshold" else \
                    f"from {low} to {high:g}" if high != float("inf") else f"{low} or more"
                raise ConfigError(f"{source}: '{key}' must be a number {bounds}, not {value!r}")
            setattr(config, attribute, float(value))
    if "drop" in table:
        config.drop = string_list("drop")
        unknown = [d for d in config.drop if d not in DROPPABLE]
        if unknown:
            raise ConfigError(f"{source}: 'drop' takes {', '.join(DROPPABLE)}; not {', '.join(unknown)}")
    unsafe = table.get("unsafe-fixes", False)
    if not isinstance(unsafe, bool):
        raise ConfigError(f"{source}: 'unsafe-fixes' must be true or false, not {unsafe!r}")
    config.unsafe_fixes = unsafe
    return config


def selects(selector: str, code: str, name: str, category: str) -> bool:
    """True when a selector (ALL, a code or code prefix, a rule name, a category) picks a rule.

    >>> selects("TB", "TB001", "padded-table-rows", "table-ragged"), selects("nav-crumb", "NV001", "x", "nav-crumb")
    (True, True)
    """
    return selector == "ALL" or code.startswith(selector) or selector in (name, category)
