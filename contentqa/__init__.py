"""contentqa: find, explain and repair scraped-page artifacts in article text.

The public entry points are small: parse text into a `Document`, run the registered rules over it
with `check_document`, and apply their safe fixes with `clean_document`.
"""

__version__ = "0.1.0"

from contentqa.document import Document
from contentqa.engine import Engine, check_document, clean_document

__all__ = ["Document", "Engine", "check_document", "clean_document", "__version__"]
