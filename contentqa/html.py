"""HTML pages as article text: beautifulsoup4 turns the page into the lines every rule reads.

The converter keeps the page's structure as contentqa's document model expects it: headings
and paragraphs on lines of their own, list items as "- item", tables as pipe tables. Scripts,
styles, forms and the page's navigation, header, footer and asides are dropped; when the page
has one <article> (or <main>) holding most of its text, only that is kept. The rules then
clean what the markup did not give away.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag

from contentqa.document import MARKER

DROP = {"script", "style", "noscript", "template", "svg", "iframe", "form", "button", "select", "input",
        "textarea", "nav", "header", "footer", "aside", "canvas", "object", "embed", "head"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLOCKS = {"p", "div", "section", "article", "main", "ul", "ol", "blockquote", "pre", "figure", "figcaption",
          "dl", "dt", "dd", "address", "details", "summary", "hr", "body", "center", "tbody", "thead"}
SPACE = re.compile(r"\s+")


def html_to_text(markup: str) -> str:
    """The page's main text, one block per line.

    >>> html_to_text("<html><body><nav>Home</nav><article><h1>Title</h1><p>Some <b>bold</b> text.</p>"
    ...              "<ul><li>one</li><li>two</li></ul></article></body></html>")
    'Title\\nSome bold text.\\n- one\\n- two\\n'
    """
    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup.find_all(DROP):
        tag.decompose()
    root = main_element(soup)
    lines: list[str] = []
    buffer: list[str] = []
    render(root, lines, buffer)
    flush(lines, buffer)
    return "\n".join(lines) + ("\n" if lines else "")


def main_element(soup: BeautifulSoup) -> Tag:
    """The <article> or <main> that holds most of the page's text, else the body."""
    body = soup.body or soup
    total = len(body.get_text(" ", strip=True)) or 1
    for name in ("article", "main"):
        found = body.find_all(name)
        if len(found) == 1 and len(found[0].get_text(" ", strip=True)) >= 0.3 * total:
            return found[0]
    return body


def flush(lines: list[str], buffer: list[str]) -> None:
    text = SPACE.sub(" ", "".join(buffer)).strip()
    if text:
        lines.append(text)
    buffer.clear()


def render(node: Tag, lines: list[str], buffer: list[str]) -> None:
    for child in node.children:
        if isinstance(child, NavigableString):
            if child.__class__.__name__ == "Comment" and MARKER.match(f"<!--{child}-->"):
                buffer.append(f"<!--{child}-->")  # a contentqa marker stays, for the line it sits on
                continue
            if child.__class__.__name__ in ("Comment", "Doctype", "Declaration", "ProcessingInstruction"):
                continue
            buffer.append(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name == "br":
            flush(lines, buffer)
        elif name == "table":
            flush(lines, buffer)
            lines.extend(table_lines(child))
        elif name == "li":
            flush(lines, buffer)
            item_lines: list[str] = []
            item_buffer: list[str] = []
            render(child, item_lines, item_buffer)
            flush(item_lines, item_buffer)
            if item_lines:
                lines.append("- " + item_lines[0])
                lines.extend(item_lines[1:])
        elif name in HEADINGS or name in BLOCKS:
            flush(lines, buffer)
            render(child, lines, buffer)
            flush(lines, buffer)
        else:
            render(child, lines, buffer)


def table_lines(table: Tag) -> list[str]:
    """A table as pipe rows, with a separator after the first row."""
    rows = []
    for tr in table.find_all("tr"):
        cells = [SPACE.sub(" ", cell.get_text(" ", strip=True)).replace("|", "\\|") for cell in tr.find_all(["td", "th"])]
        if any(cells):
            rows.append("| " + " | ".join(cells) + " |")
    if len(rows) >= 2:
        width = rows[0].count(" | ") + 1
        rows.insert(1, "|" + "---|" * width)
    return rows
