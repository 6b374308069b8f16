"""contentqa: find, explain and repair scraped-page artifacts in article text.

The Python API (`contentqa.api`) runs the command line's pipeline on text in memory:
`check_text`, `clean_text`, `clean_records` for a corpus, `clean_series` and `clean_frame` for
pandas. Everything is imported when first used, so `import contentqa` costs nothing.
"""

__version__ = "0.1.0"

__all__ = ["Config", "Document", "Linter", "check_text", "clean_text", "clean_records", "clean_series", "clean_frame",
           "__version__"]

_LAZY = {"Config": "contentqa.config", "Document": "contentqa.document", "Linter": "contentqa.linter",
         **{name: "contentqa.api" for name in ("check_text", "clean_text", "clean_records", "clean_series",
                                               "clean_frame")}}


def __getattr__(name: str):
    """The public names, imported when first used: `contentqa --version` loads none of them."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'contentqa' has no attribute {name!r}")
