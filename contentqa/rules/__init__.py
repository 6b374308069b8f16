"""The rule catalogue: built-in Python rules plus the rules made from phrase packs.

Importing this package registers every built-in rule; `load_rules` adds the user's packs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from contentqa.rules import (chatter, duplicates, learned, metadata, navigation, quality, structure,  # noqa: F401
                             stuffing, tables, titles)
from contentqa.rules.base import REGISTRY, Context, Rule, register
from contentqa.rules.phrases import PackError, load_builtin_packs, load_pack

_builtin_packs_loaded = False


def load_rules(extra_packs: Iterable[Path] = ()) -> dict[str, type[Rule]]:
    """Every rule class by code: the built-in rules and packs, plus the rules of `extra_packs`."""
    global _builtin_packs_loaded
    if not _builtin_packs_loaded:
        load_builtin_packs()
        _builtin_packs_loaded = True
    rules = dict(REGISTRY)
    for path in extra_packs:
        for cls in load_pack(Path(path)):
            if cls.code in rules:
                raise PackError(f"{path}: rule code {cls.code} is already used by {rules[cls.code].name}")
            rules[cls.code] = cls
    return dict(sorted(rules.items()))


__all__ = ["Context", "PackError", "Rule", "load_rules", "register"]
