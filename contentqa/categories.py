"""The category vocabulary: every finding names exactly one of these.

Line categories describe lines (or spans within lines); document categories describe a whole
document. The names are shared with the benchmark, so they never change.
"""

LINE_CATEGORIES = (
    "llm-chatter",
    "placeholder",
    "nav-crumb",
    "byline",
    "share-widget",
    "media-caption",
    "ad-marker",
    "newsletter-cta",
    "related-links",
    "comment-form",
    "source-line",
    "page-title",
    "duplicate-title",
    "duplicate-line",
    "table-ragged",
    "table-no-separator",
    "table-duplicate-rows",
    "table-truncated-row",
    "glued-heading",
    "orphan-list-intro",
    "trailing-junk",
)
DOCUMENT_CATEGORIES = ("keyword-stuffing", "llm-whole-reply", "near-duplicate", "low-quality")
ASSISTANT_TEXT = frozenset({"llm-chatter", "placeholder"})  # what an assistant, not a page, left behind
CATEGORIES = LINE_CATEGORIES + DOCUMENT_CATEGORIES


def is_document_category(category: str) -> bool:
    """True for categories that describe a whole document rather than lines.

    >>> is_document_category("keyword-stuffing"), is_document_category("nav-crumb")
    (True, False)
    """
    return category in DOCUMENT_CATEGORIES
