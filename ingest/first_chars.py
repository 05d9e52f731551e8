"""Patterns that skip the positions where no match can start.

Python's regex engine finds the start of a match quickly only when the pattern begins
with a literal or a character class. A pattern built from word lists ("(?:Stadtrats|
Rats)?[Ff]raktion…", a lookbehind before a capital) is instead tried in full at every
position of the text, alternative by alternative. `skipping` puts a lookahead for the
characters a match can begin with in front of such a pattern: the same matches, groups
and spans, found four times faster where a text has few of those characters.

The engine still starts a match at every position to test that lookahead; it skips
positions without starting a match only where a pattern begins with a character it must
consume. `scanning` gives such a pattern: it consumes one of the first characters and then
looks back to test the whole pattern where that character stands, so that the engine jumps
from one of those characters to the next.
"""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Iterator
from functools import lru_cache
from typing import Any, Protocol

_parser: Any = importlib.import_module("re._parser")  # the stdlib's own regex parser (no public API)
_c: Any = importlib.import_module("re._constants")

_MAX_CHARS = 400
"""Beyond this many possible first characters the lookahead would skip little."""


class _Unknown(Exception):
    """The first character of a match cannot be told (any character, a category, a backreference)."""


@lru_cache(maxsize=512)
def skipping(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern`, or an equivalent pattern that tests the first character before the rest.

    Every match of `pattern` is non-empty and begins with one of the characters found here,
    so `(?=[those])(?:pattern)` matches where and as `pattern` does, with the same groups.
    Where the first characters cannot be told, or are already found fast, `pattern` itself."""
    if not isinstance(pattern.pattern, str) or pattern.flags & re.VERBOSE:
        return pattern  # bytes; a comment at the end of a verbose pattern would swallow the ")"
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
        global_flags = parsed.state.flags
        chars, nullable = _first(parsed, global_flags, global_flags)
        if nullable or not chars or len(chars) > _MAX_CHARS or _starts_fast(parsed):
            return pattern
        lookahead = "(?=[" + "".join(_escape(c) for c in sorted(chars)) + "])"
        fast = re.compile(f"{lookahead}(?:{pattern.pattern})", pattern.flags)
    except (_Unknown, re.error, RecursionError, AttributeError, TypeError, ValueError):
        return pattern
    if fast.groupindex != pattern.groupindex or fast.groups != pattern.groups:
        return pattern
    return fast


class Finder(Protocol):
    """What `scanning` gives: a pattern's `search` and `finditer`."""

    def search(self, string: str, pos: int = ..., endpos: int = ...) -> re.Match[str] | None: ...

    def finditer(self, string: str, pos: int = ..., endpos: int = ...) -> Iterator[re.Match[str]]: ...


class Scanner:
    """`pattern`'s `search` and `finditer`: each match found by `jump`, a pattern that consumes a
    character a match of `pattern` can begin with and then tests `pattern` where it stands, and
    read again by `pattern` itself (so that its span and groups are those `pattern` finds)."""

    def __init__(self, pattern: re.Pattern[str], jump: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._jump = jump

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        found = self._jump.search(string, pos, endpos)
        return None if found is None else self.pattern.match(string, found.start(), endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        while (m := self.search(string, pos, endpos)) is not None:
            yield m
            pos = m.end()  # never empty: a match begins with one of the first characters


@lru_cache(maxsize=512)
def scanning(pattern: re.Pattern[str]) -> Finder:
    """`pattern`, or a `Scanner` of it: the same matches, and the engine passes over every position
    that holds none of the characters a match can begin with instead of starting a match there.

    Every match of `pattern` is non-empty and begins with one of those characters, so the first
    position from `pos` where `[those](?<=(?=pattern).)` matches is where `pattern` first matches
    (with the same `endpos`: the lookahead sees what `pattern` would). Ignoring case, the class
    holds the ASCII characters the engine matches to those characters, and every character beyond
    ASCII. Where the first characters cannot be told, or the engine already skips to them, `pattern`
    itself."""
    if not isinstance(pattern.pattern, str) or pattern.flags & re.VERBOSE:
        return pattern
    ignore_case = bool(pattern.flags & re.IGNORECASE)
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
        global_flags = parsed.state.flags
        chars, nullable = _first(parsed, global_flags, global_flags)
        if nullable or not chars or len(chars) > _MAX_CHARS or (_starts_fast(parsed) and not ignore_case):
            return pattern
        if any(len(c) == 1 and ord(c) > 0xFFFF for c in chars):
            return pattern  # `_escape` writes four hex digits
        listed = "".join(_escape(c) for c in sorted(chars))
        first = _matched_ignoring_case(listed, pattern.flags) if ignore_case else listed
        jump = re.compile(f"(?-i:[{first}])(?<=(?=(?:{pattern.pattern}))(?s:.))", pattern.flags)
    except (_Unknown, re.error, RecursionError, AttributeError, TypeError, ValueError):
        return pattern
    return Scanner(pattern, jump) if jump.groups == pattern.groups else pattern


def _matched_ignoring_case(listed: str, flags: int) -> str:
    """The ASCII characters that the class of `listed` matches under `flags` (the engine's own case
    folding decides), and every character beyond ASCII."""
    ignoring_case = re.compile(f"[{listed}]", flags)
    ascii_chars = (chr(code) for code in range(128))
    return "".join(_escape(c) for c in ascii_chars if ignoring_case.fullmatch(c)) + "\\x80-\\U0010ffff"


_CATEGORIES = {"CATEGORY_DIGIT": "\\d", "CATEGORY_SPACE": "\\s"}
_CHARSET_FLAGS = re.ASCII | re.LOCALE | re.UNICODE


def _escape(char: str) -> str:
    if char in _CATEGORIES.values():
        return char
    if char.isalnum():
        return char
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


_LINE_STARTS = frozenset({"AT_BEGINNING", "AT_BEGINNING_LINE", "AT_BEGINNING_STRING"})


def _starts_fast(parsed: Any) -> bool:
    """The engine's own prefix search applies (the pattern begins with a literal or a class), or
    the pattern fails at once where no line starts ("^" in front)."""
    data = parsed.data
    while data and data[0][0] is _c.SUBPATTERN:
        data = data[0][1][3].data
    if not data:
        return False
    op, av = data[0]
    return op in (_c.LITERAL, _c.IN) or (op is _c.AT and str(av) in _LINE_STARTS)


def _first(items: Any, flags: int, global_flags: int) -> tuple[set[str], bool]:
    """The characters a match of the sequence `items` can begin with, and whether it can be empty."""
    chars: set[str] = set()
    for op, av in items:
        found, nullable = _first_of(op, av, flags, global_flags)
        chars |= found
        if not nullable:
            return chars, False
    return chars, True


def _first_of(op: Any, av: Any, flags: int, global_flags: int) -> tuple[set[str], bool]:
    if op is _c.LITERAL:
        _check_case(flags, global_flags)
        return {chr(av)}, False
    if op is _c.IN:
        _check_case(flags, global_flags)
        listed = _class_chars(av)
        if any(c in _CATEGORIES.values() for c in listed) and (flags ^ global_flags) & _CHARSET_FLAGS:
            raise _Unknown("a category under other flags")
        return listed, False
    if op is _c.BRANCH:
        chars: set[str] = set()
        nullable = False
        for alternative in av[1]:
            found, empty = _first(alternative, flags, global_flags)
            chars |= found
            nullable = nullable or empty
        return chars, nullable
    if op is _c.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        return _first(sub, (flags | add_flags) & ~del_flags, global_flags)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        low, _high, sub = av
        found, empty = _first(sub, flags, global_flags)
        return found, empty or low == 0
    if op is _c.ATOMIC_GROUP:
        return _first(av, flags, global_flags)
    if op is _c.ASSERT and av[0] == 1:
        # a lookahead: a match starts where its body matches, so with one of the body's first characters
        try:
            found, empty = _first(av[1], flags, global_flags)
        except _Unknown:
            return set(), True
        return (set(), True) if empty else (found, False)
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return set(), True  # consumes nothing: the first character comes after it
    raise _Unknown(op)


def _check_case(flags: int, global_flags: int) -> None:
    """A part that ignores case in a pattern that does not: the lookahead would not ignore it."""
    if flags & _c.SRE_FLAG_IGNORECASE and not global_flags & _c.SRE_FLAG_IGNORECASE:
        raise _Unknown("case")


def _class_chars(items: Any) -> set[str]:
    chars: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            chars.add(chr(av))
        elif op is _c.RANGE:
            low, high = av
            if high - low > _MAX_CHARS:
                raise _Unknown("range")
            chars.update(chr(code) for code in range(low, high + 1))
        elif op is _c.CATEGORY and str(av) in _CATEGORIES:
            chars.add(_CATEGORIES[str(av)])  # kept as the category: the lookahead has the pattern's flags
        else:  # NEGATE, \w and the negated categories: (nearly) any character
            raise _Unknown(op)
    return chars
