"""Shared text helpers: markup-tolerant values, sentence and line spans, label patterns.

Extractors never rewrite the source text: every span indexes into the text as
read, so that an evidence quote is always `text[start:end]`. Markup that
survives conversion (`**`, `#`, `<b>`, escaped `\\*`) is trimmed from the ends
of spans and removed from values only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import islice

_TAG = re.compile(r"</?[a-zA-Z][^>\n]{0,40}>")
_MARKUP_CHARS = " \t\n\r*#_>|\u00a0"
_SPACES = re.compile(r"[ \t\u00a0]+")
_ESCAPE = re.compile(r"\\([*_#\[\]()])")
_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")

# Tokens before a full stop that do not end a sentence.
ABBREVIATIONS = frozenset(
    [
        "dr",
        "prof",
        "herr",
        "frau",
        "nr",
        "vgl",
        "bzw",
        "ca",
        "usw",
        "inkl",
        "ggf",
        "evtl",
        "gez",
        "bzgl",
        "str",
        "tel",
        "abs",
        "art",
        "ziff",
        "pkt",
        "lt",
        "z",
        "b",
        "d",
        "h",
        "u",
        "a",
        "o",
        "g",
        "i",
        "v",
        "s",
        "ff",
        "e",
        "v",
        "mfg",
        "etc",
        "sog",
        "allg",
        "insb",
        "jan",
        "feb",
        "mrz",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "okt",
        "nov",
        "dez",
        "st",
        "berufsm",
        "ea",
        "std",
        "mio",
        "mrd",
    ]
)

_SENTENCE_END = re.compile(r"[.!?:;](?=[\s\"'“”„»«)*]*(?:\s|$))")
MAX_SENTENCE = 1500
_BULLET = re.compile(r"[-•–]\s+")
_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")
_STRUCTURED_LINE = re.compile(
    r"^[ \t]*(?:[-•*–]\s|\d{1,2}[.)]\s|[IVX]{1,4}\.\s|#|\*\*|[A-ZÄÖÜ][\w .\-/äöüß]{0,30}:(?:\s|$)"
    r"|(?:Mit\s+freundlichen|Viele|Beste|Freundliche)\s+Grüße|Mfg\b|MfG\b)"
)
_SALUTATION = re.compile(r"^[ \t]*(?:Sehr\s+geehrte|Liebe|Hallo|Guten\s+Tag)\b")


def clean(value: str) -> str:
    """A printed value without markup, escapes, link syntax or doubled white space."""
    # each pattern needs a character that most values lack: a test for it is cheaper than the pattern
    if "<" in value:
        value = _TAG.sub("", value)
    if "[" in value:
        value = _LINK.sub(r"\1", value)
    if "\\" in value:
        value = _ESCAPE.sub(r"\1", value)
    value = value.replace("**", "").replace("~~", "").replace("\n", " ")
    if "  " in value or "\t" in value or "\u00a0" in value:
        value = _SPACES.sub(" ", value)
    return value.strip(" \t*#_:>|")


def trim(text: str, start: int, end: int, chars: str = _MARKUP_CHARS) -> tuple[int, int]:
    """Shrink `start:end` so that it neither begins nor ends with white space or markup."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    # a dangling opening or closing tag at either end
    while start < end and text[start] == "<":  # every tag begins with "<"
        m = _TAG.match(text, start, end)
        if m is None:
            break
        start = m.end()
        while start < end and text[start] in chars:
            start += 1
    return start, end


def cells(text: str, start: int, end: int, separator: re.Pattern[str]) -> Iterator[tuple[int, int]]:
    """The spans of `text[start:end]` between the matches of `separator` (a row's cells, a list's
    items), empty ones included, untrimmed."""
    position = start
    for m in separator.finditer(text, start, end):
        yield position, m.start()
        position = m.end()
    yield position, end


def line_bounds(text: str, pos: int) -> tuple[int, int]:
    """Start and end (without the newline) of the line holding `pos`."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, (len(text) if end < 0 else end)


def iter_lines(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of every line in `text[start:end]`, without newlines."""
    stop = len(text) if end is None else end
    pos = start
    while pos < stop:
        nl = text.find("\n", pos, stop)
        line_end = stop if nl < 0 else nl
        yield pos, line_end
        pos = line_end + 1


def first_lines(text: str, start: int, end: int | None, count: int) -> list[tuple[int, int]]:
    """The first `count` lines of `text[start:end]`, as `iter_lines` gives them, without reading
    the lines after them."""
    return list(islice(iter_lines(text, start, end), count))


def _is_continuation(text: str, newline: int) -> bool:
    """Does the line after `newline` continue the sentence of the line before?"""
    prev_start = text.rfind("\n", 0, newline) + 1
    prev = text[prev_start:newline]
    if prev.endswith("  ") or not prev.strip() or _SALUTATION.match(prev):
        return False  # markdown hard break, or a salutation line
    nxt_end = text.find("\n", newline + 1)
    nxt = text[newline + 1 : len(text) if nxt_end < 0 else nxt_end]
    if not nxt.strip() or _STRUCTURED_LINE.match(nxt) or "\t" in prev or "\t" in nxt:
        return False
    last = prev.rstrip()[-1:]
    if nxt.lstrip()[:1].islower() and last not in ".!?:":
        return True
    return len(prev) >= 40 and (last.isalnum() or last in ",)-–")


_LAST_WORD = re.compile(r"([\wäöüÄÖÜß]+)$")


def _ends_sentence(text: str, dot: int) -> bool:
    """Is the punctuation at `dot` a sentence end (not an abbreviation, ordinal or date)?"""
    if text[dot] != ".":
        return True
    m = _LAST_WORD.search(text[max(0, dot - 20) : dot])
    if m is None:
        return True
    token = m.group(1)
    return not (token.lower() in ABBREVIATIONS or token.isdigit() or len(token) == 1)


# the end of a sentence or of a line; a date's "22. Mai" ends nothing
SENTENCE_BREAK = re.compile(r"(?<!\d)[.!?](?=\s)|\n")


def sentence_start(text: str, pos: int, lo: int = 0, reach: int = 300) -> int:
    """Where the sentence or line that holds `pos` begins, at most `reach` characters back."""
    window = max(lo, pos - reach)
    return max((m.end() for m in SENTENCE_BREAK.finditer(text, window, pos)), default=window)


@lru_cache(maxsize=4)
def _sentence_ends(text: str) -> dict[int, bool]:
    """Punctuation offset → `_ends_sentence`: the sentences of a paragraph are looked for from its
    start again for each position in it, and the same full stops are judged each time."""
    return {}


def _ends_at(text: str, dot: int, ends: dict[int, bool]) -> bool:
    found = ends.get(dot)
    if found is None:
        found = ends[dot] = _ends_sentence(text, dot)
    return found


def sentence_bounds(text: str, pos: int, lo: int = 0, hi: int | None = None) -> tuple[int, int]:
    """The sentence (or structured line) around `pos`, trimmed, within `lo:hi`.

    A sentence is looked for within `MAX_SENTENCE` characters either side, so
    that text without punctuation or paragraphs cannot make this slow.
    """
    hi = min(len(text), len(text) if hi is None else hi, pos + MAX_SENTENCE)
    lo = max(lo, pos - MAX_SENTENCE)
    start = lo
    for m in _BLANK_LINE.finditer(text, lo, pos):
        start = m.end()
    cursor = pos
    while cursor > start:
        nl = text.rfind("\n", start, cursor)
        if nl < 0:
            break
        if not _is_continuation(text, nl):
            start = nl + 1
            break
        cursor = nl
    ends = _sentence_ends(text)
    for m in _SENTENCE_END.finditer(text, start, pos):
        if _ends_at(text, m.start(), ends):
            start = m.end()
    end = hi
    blank = _BLANK_LINE.search(text, pos, hi)
    if blank:
        end = blank.start()
    cursor = pos
    while True:
        nl = text.find("\n", cursor, end)
        if nl < 0:
            break
        if not _is_continuation(text, nl):
            end = nl
            break
        cursor = nl + 1
    for m in _SENTENCE_END.finditer(text, pos, end):
        if _ends_at(text, m.start(), ends):
            end = m.start() + 1
            break
    start, end = trim(text, start, end)
    bullet = _BULLET.match(text, start, end)
    if bullet and bullet.end() <= pos:
        start = bullet.end()
    return start, end


def sentences(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Every sentence in `text[start:end]`, in order, as trimmed spans."""
    stop = len(text) if end is None else end
    pos = start
    while pos < stop:
        while pos < stop and text[pos] in _MARKUP_CHARS:
            pos += 1
        if pos >= stop:
            break
        s, e = sentence_bounds(text, pos, start, stop)
        if e <= pos:
            # the span ended before pos (markup only); skip to the next line
            nl = text.find("\n", pos, stop)
            pos = stop if nl < 0 else nl + 1
            continue
        yield s, e
        pos = e


@lru_cache(maxsize=4096)
def label_pattern(label: str) -> re.Pattern[str]:
    """A case-insensitive, whole-word pattern for a (multi-word) label.

    Hyphens and spaces inside the label match each other ("Open Source" finds
    "Open-Source-Software"); the label may start a hyphenated compound.
    """
    words = [w for w in re.split(r"[\s\-]+", label.strip()) if w]
    if not words:
        return re.compile(r"(?<![\wäöüÄÖÜß])(?![\wäöüÄÖÜß])", re.IGNORECASE)
    body = r"[\s\-]*".join(re.escape(w) for w in words)
    # The pattern begins with the label's first character and looks back past it for the word edge:
    # a pattern that begins with a character is searched for by it, one that begins with a
    # look-behind is tried at every position. (?<!W.) after the first character means (?<!W) before it.
    first = re.escape(words[0][0])
    return re.compile(rf"{first}(?<![\wäöüÄÖÜß][\s\S]){body[len(first) :]}(?![\wäöüÄÖÜß])", re.IGNORECASE)


# Gender forms fold to the base word ("Bürger*innen", "Bürger:innen", "Bürger_innen",
# "BürgerInnen", escaped "Bürger\*innen" → "Bürger"; "Einwohner*innenschaft" →
# "Einwohnerschaft"), and markdown escapes lose their backslash.
_FOLDED = re.compile(
    r"(?=[\\*_:/·I])"  # the characters every alternative begins with: other positions are passed over at once
    r"(?:(?<=[a-zäöüß])(?:\\?[*_]|[:/·]-?)(?:innen|in(?![a-zäöüß]))"
    r"|(?<=[a-zäöüß])I(?:nnen|n(?![a-zäöüß]))"
    r"|\\(?=[*_#\[\]()]))"
)


class Folded:
    """A view of `text[start:end]` for matching words, with gender forms and escapes folded.

    `span` maps a span of the folded text back to the span it covers in the text as read,
    so that what is found in the view is still quoted from the source.
    """

    def __init__(self, text: str, start: int = 0, end: int | None = None) -> None:
        stop = len(text) if end is None else end
        pieces: list[str] = []
        origins: list[int] = []
        pos = start
        for m in _FOLDED.finditer(text, start, stop):
            pieces.append(text[pos : m.start()])
            origins.extend(range(pos, m.start()))
            pos = m.end()
        pieces.append(text[pos:stop])
        origins.extend(range(pos, stop))
        self.text = "".join(pieces)
        self._origins = origins
        self._end = stop

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the text as read that `self.text[start:end]` was folded from."""
        if start >= end:
            origin = self._origins[start] if start < len(self._origins) else self._end
            return origin, origin
        return self._origins[start], self._origins[end - 1] + 1


_WRAPPED_MAX_WIDTH = 160  # wider lines are paragraphs kept whole, not a layout's wrapping
_FULL_LINE = 0.8  # a line this close to the wrap width was wrapped; a shorter one ends a paragraph


@lru_cache(maxsize=16)
def wrap_width(text: str) -> int | None:
    """The width of a hard-wrapped text's full lines (as a PDF's text layer prints them).

    None when the text keeps its paragraphs on single lines: then only blank lines and
    structure end a paragraph.
    """
    lengths = sorted(len(line.strip()) for line in text.split("\n") if line.strip())
    if len(lengths) < 20:
        return None
    width = lengths[int(len(lengths) * 0.9)]
    if width > _WRAPPED_MAX_WIDTH:
        return None
    full = sum(1 for n in lengths if n >= _FULL_LINE * width)
    return width if full >= 0.25 * len(lengths) else None


def ends_paragraph(text: str, line_start: int, line_end: int) -> bool:
    """Does this line of a hard-wrapped text end its paragraph (it stops well short of the
    wrap width)? Always False for text that is not hard-wrapped."""
    width = wrap_width(text)
    if width is None:
        return False
    return len(text[line_start:line_end].strip()) < _FULL_LINE * width


def paragraph_end(text: str, start: int, end: int) -> int:
    """Where the paragraph that begins at `start` ends: at a blank line, or in hard-wrapped
    text after its first line that stops short of the wrap width."""
    blank = text.find("\n\n", start, end)
    stop = end if blank < 0 else blank
    if wrap_width(text) is None:
        return stop
    for ls, le in iter_lines(text, start, stop):
        if ends_paragraph(text, ls, le):
            return le
    return stop


def paragraph_start(text: str, pos: int) -> int:
    """Where the paragraph just above the line holding `pos` begins: at a blank line, or in
    hard-wrapped text after the nearest line above its last one that stops short."""
    start = text.rfind("\n", 0, pos) + 1
    cursor = start - 1  # the newline that ends the line above
    last = True
    while cursor > 0:
        line_start = text.rfind("\n", 0, cursor) + 1
        if not text[line_start:cursor].strip():
            break
        if not last and ends_paragraph(text, line_start, cursor):
            break
        start, cursor, last = line_start, line_start - 1, False
    return start
