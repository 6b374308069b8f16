"""contentqa: find, explain and repair scraped-page artifacts in article text.

The public entry points are small: parse text into a `Document`, run the registered rules over it
with `check_document`, and apply their safe fixes with `clean_document`.
"""

__version__ = "0.1.0"

__all__ = ["Document", "Engine", "check_document", "clean_document", "__version__"]

_LAZY = {"Document": "contentqa.document", "Engine": "contentqa.engine", "check_document": "contentqa.engine",
         "clean_document": "contentqa.engine"}


def __getattr__(name: str):
    """The public names, imported when first used: `contentqa --version` loads none of them."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'contentqa' has no attribute {name!r}")
