"""HTML pages (printouts of ALLRIS, SessionNet and similar systems) as structured text.

Blocks become lines, headings Markdown headings, list items `- ` or `1. ` lines, table
rows one line of tab-separated cells (as the Beratungsfolge appears in text printouts),
and bold runs `**…**`. Scripts, styles, navigation and hidden elements are dropped.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

from bs4 import BeautifulSoup, ParserRejectedMarkup, UnusualUsageWarning
from bs4.element import (
    Comment,
    Declaration,
    Doctype,
    NavigableString,
    PageElement,
    ProcessingInstruction,
    Tag,
)

from councilgraph.errors import ReadError
from ingest.readers.decoding import NotText, decode_text
from ingest.readers.plaintext import binary_data

_DROPPED = frozenset(
    ("script", "style", "nav", "noscript", "template", "head", "iframe", "object", "embed")
    + ("svg", "canvas", "map", "button", "select", "input", "textarea")
)
_SKIPPED_STRINGS = (Comment, Declaration, Doctype, ProcessingInstruction)
_PARAGRAPHS = frozenset(("p", "table", "ul", "ol", "dl", "blockquote", "pre", "hr", "figure", "address"))
_BLOCKS = _PARAGRAPHS | frozenset(
    ("div", "section", "article", "aside", "main", "header", "footer", "form", "fieldset")
    + ("legend", "details", "summary", "dt", "dd", "li", "caption", "figcaption", "center")
    + ("tbody", "thead", "tfoot", "tr", "td", "th", "body", "html")
)
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
_BOLD = frozenset(("b", "strong"))
_LIST_PREFIX_FOR_UNORDERED = "- "

_DECLARED_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
_WHITESPACE = re.compile(r"\s+")
_SPACE_RUNS = re.compile(r" {2,}")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def read_html(raw: bytes, path: Path, declared_charset: str | None = None) -> tuple[str, str]:
    """Return (text, encoding); `declared_charset` (a MIME charset) wins over the page's own."""
    if declared_charset is None:
        match = _DECLARED_CHARSET.search(raw[:8192])
        declared_charset = match.group(1).decode("ascii", "replace") if match else None
    try:
        markup, encoding = decode_text(raw, declared_charset)
    except NotText as exc:
        raise ReadError(str(path), binary_data()) from exc
    return html_to_text(markup, path), encoding


def html_to_text(markup: str, path: Path) -> str:
    with warnings.catch_warnings():
        # bs4 warns when markup looks like a file name, a URL or XML; we parse it anyway.
        warnings.simplefilter("ignore", UnusualUsageWarning)
        try:
            soup = BeautifulSoup(markup, "html.parser")
        except ParserRejectedMarkup as exc:
            raise ReadError(str(path), f"the HTML cannot be parsed ({exc})") from exc
    return _Renderer(inline=False).render(soup)


class _Renderer:
    """Walks the tree without recursion (pages nest deeply) and collects lines.

    Headings, table rows and bold runs are rendered on their own by an `inline` renderer,
    which treats every element as a plain container (so it never nests further).
    """

    def __init__(self, *, inline: bool) -> None:
        self.inline = inline
        self.lines: list[str] = []
        self.pieces: list[str] = []
        # one entry per open list: [next number] for <ol>, None for <ul>
        self.lists: list[list[int] | None] = []
        self.item_prefix = ""  # "- " or "3. ", written before the next text of a list item

    def render(self, root: Tag) -> str:
        """The text of `root`'s contents."""
        stack: list[tuple[PageElement, bool]] = [(child, False) for child in reversed(root.contents)]
        while stack:
            node, leaving = stack.pop()
            if isinstance(node, Tag):
                if leaving:
                    self._leave(node)
                elif self._enter(node):
                    stack.append((node, True))
                    stack.extend((child, False) for child in reversed(node.contents))
            elif isinstance(node, NavigableString) and not isinstance(node, _SKIPPED_STRINGS):
                self._append(_WHITESPACE.sub(" ", str(node)))
        self._end_line()
        return "\n".join(self.lines).strip("\n")

    def _enter(self, tag: Tag) -> bool:
        """Handle an opening tag; True when its children still need walking."""
        name = tag.name.lower()
        if name in _DROPPED or _is_hidden(tag):
            return False
        if name == "br":
            self._line_break()
            return False
        if not self.inline and self._render_whole(tag, name):
            return False
        if name in _PARAGRAPHS:
            self._paragraph_break()
        elif name in _BLOCKS:
            self._end_line()
        if name == "ol":
            self.lists.append([_start_number(tag)])
        elif name == "ul":
            self.lists.append(None)
        elif name == "li":
            self.item_prefix = self._list_prefix()
        return True

    def _render_whole(self, tag: Tag, name: str) -> bool:
        """Render elements that need their whole text at once; True when `tag` was one."""
        if name in _HEADINGS:
            self._heading(tag, _HEADINGS[name])
        elif name == "tr" and tag.find("table") is None:
            self._table_row(tag)
        elif name == "pre":
            self._paragraph_break()
            self.lines.extend(tag.get_text().strip("\n").split("\n"))
            self._paragraph_break()
        elif name in _BOLD:
            self._bold(tag)
        else:
            return False
        return True

    def _leave(self, tag: Tag) -> None:
        name = tag.name.lower()
        if name in ("ol", "ul") and self.lists:
            self.lists.pop()
        elif name == "li":
            self.item_prefix = ""
        if name in _PARAGRAPHS:
            self._paragraph_break()
        elif name in _BLOCKS:
            self._end_line()

    def _append(self, text: str) -> None:
        if self.item_prefix and text.strip():
            text = self.item_prefix + text.lstrip()
            self.item_prefix = ""
        self.pieces.append(text)

    def _heading(self, tag: Tag, level: int) -> None:
        text = _inline_text(tag)
        self._paragraph_break()
        if text:
            self.lines.append(f"{'#' * level} {text}")
        self._paragraph_break()

    def _table_row(self, row: Tag) -> None:
        self._end_line()
        cells = [_inline_text(cell) for cell in row.find_all(["td", "th"], recursive=False)]
        if any(cells):
            self.lines.append("\t".join(cells))

    def _bold(self, tag: Tag) -> None:
        text = _inline_text(tag)
        if not text:
            return
        whole = tag.get_text()
        before = " " if whole[:1].isspace() else ""
        after = " " if whole[-1:].isspace() else ""
        self._append(f"{before}**{text}**{after}")

    def _list_prefix(self) -> str:
        counter = self.lists[-1] if self.lists else None
        if counter is None:
            return _LIST_PREFIX_FOR_UNORDERED
        number = counter[0]
        counter[0] += 1
        return f"{number}. "

    def _line_break(self) -> None:
        if self._current_line():
            self._end_line()
        else:
            self._paragraph_break()

    def _end_line(self) -> None:
        line = self._current_line()
        self.pieces = []
        if line:
            self.lines.append(line)

    def _paragraph_break(self) -> None:
        self._end_line()
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def _current_line(self) -> str:
        return _SPACE_RUNS.sub(" ", "".join(self.pieces)).strip(" ")


def _inline_text(tag: Tag) -> str:
    """The tag's text on one line, whitespace collapsed (for cells, headings, bold runs)."""
    rendered = _Renderer(inline=True).render(tag)
    return _SPACE_RUNS.sub(" ", rendered.replace("\n", " ")).strip()


def _is_hidden(tag: Tag) -> bool:
    if tag.has_attr("hidden"):
        return True
    style = tag.get("style")
    return isinstance(style, str) and _HIDDEN_STYLE.search(style) is not None


def _start_number(tag: Tag) -> int:
    start = tag.get("start")
    if isinstance(start, str) and start.strip().isdigit():
        return int(start.strip())
    return 1
