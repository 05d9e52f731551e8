"""Read the outline of a SPARQL request without evaluating it.

pyoxigraph parses queries but exposes no algebra, so the endpoint reads the
few things it must decide on before running a query from a token stream:
the query form (or that the text is an update), `SERVICE` clauses, the IRIs
of `FROM` / `FROM NAMED`, and the top-level `LIMIT` (for the row limit).
Strings, IRIs and comments are single tokens, so a word such as "service"
inside a literal or an IRI is never taken for a keyword. The parser itself
still judges the syntax: a malformed query gets its own message from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00b7\u00c0-\uffff]+)
  | (?P<pname>(?:[A-Za-z\u00c0-\uffff][\w\-.\u00b7\u00c0-\uffff]*)?:
               (?:[\w\-.:%\\\u00b7\u00c0-\uffff]*[\w\-:%\u00c0-\uffff])?)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<number>[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?)
  | (?P<punct>\^\^|&&|\|\||!=|<=|>=|.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int
    end: int
    depth: int
    """Curly-brace nesting at the token (0 = outside every group)."""


def tokens(text: str) -> list[Token]:
    """The significant tokens of `text` (no whitespace, no comments)."""
    found: list[Token] = []
    depth = 0
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:  # an unterminated string: the rest is one token
            found.append(Token("string", text[position:], position, len(text), depth))
            break
        kind = match.lastgroup or "punct"
        value = match.group()
        if kind == "punct" and value == "}":
            depth = max(0, depth - 1)
        if kind not in ("space", "comment"):
            found.append(Token(kind, value, match.start(), match.end(), depth))
        if kind == "punct" and value == "{":
            depth += 1
        position = match.end()
    return found


@dataclass
class QueryOutline:
    """What the endpoint needs to know about a request's text before running it."""

    form: str | None
    """SELECT, ASK, CONSTRUCT or DESCRIBE; None when the text is no query."""
    is_update: bool = False
    uses_service: bool = False
    from_graphs: list[str] = field(default_factory=list)
    from_named_graphs: list[str] = field(default_factory=list)
    limit: int | None = None
    """The top-level LIMIT, if the query has one."""
    limit_span: tuple[int, int] | None = None
    limit_insert_at: int | None = None
    """Where a LIMIT clause may be added to a SELECT without one."""

    @property
    def returns_graph(self) -> bool:
        return self.form in ("CONSTRUCT", "DESCRIBE")


def outline(text: str) -> QueryOutline:
    """The outline of a query or update (never raises; the parser reports syntax errors)."""
    found = tokens(text)
    prefixes: dict[str, str] = {}
    base = ""
    index = 0
    while index < len(found):  # the prologue: BASE and PREFIX declarations
        keyword = found[index].text.upper()
        if keyword == "BASE" and index + 1 < len(found):
            base = urljoin(base, found[index + 1].text[1:-1])
            index += 2
        elif keyword == "PREFIX" and index + 2 < len(found):
            prefixes[found[index + 1].text.rstrip(":")] = urljoin(base, found[index + 2].text[1:-1])
            index += 3
        else:
            break
    first = found[index].text.upper() if index < len(found) else ""
    result = QueryOutline(form=first if first in QUERY_FORMS else None)
    result.is_update = first in UPDATE_KEYWORDS
    body = found[index:]
    for position, token in enumerate(body):
        if token.kind != "word":
            continue
        keyword = token.text.upper()
        if keyword == "SERVICE":
            result.uses_service = True
        elif keyword == "FROM" and token.depth == 0:
            following = body[position + 1 : position + 3]
            named = bool(following) and following[0].text.upper() == "NAMED"
            target = (
                following[1]
                if named and len(following) > 1
                else (following[0] if following else None)
            )
            iri = _resolve(target, prefixes, base) if target is not None else None
            if iri is not None:
                (result.from_named_graphs if named else result.from_graphs).append(iri)
        elif keyword in UPDATE_KEYWORDS and token.depth == 0 and position > 0:
            # an update after a query (`SELECT … ; INSERT …`) is still an update
            previous = body[position - 1]
            if previous.text == ";":
                result.is_update = True
    if result.form is not None:
        _find_limit(body, len(text), result)
    return result


def _resolve(token: Token, prefixes: dict[str, str], base: str) -> str | None:
    if token.kind == "iri":
        return urljoin(base, token.text[1:-1]) if base else token.text[1:-1]
    if token.kind == "pname":
        prefix, _, local = token.text.partition(":")
        if prefix in prefixes:
            return prefixes[prefix] + local.replace("\\", "")
    return None


def _find_limit(body: list[Token], text_length: int, result: QueryOutline) -> None:
    """Find the top-level LIMIT, or the place where one may be added."""
    closed_group = False
    for position, token in enumerate(body):
        if token.text == "}" and token.depth == 0:
            closed_group = True
        if token.depth != 0 or not closed_group or token.kind != "word":
            continue
        keyword = token.text.upper()
        if keyword == "LIMIT" and position + 1 < len(body) and body[position + 1].kind == "number":
            number = body[position + 1]
            result.limit = int(float(number.text))
            result.limit_span = (number.start, number.end)
            return
        if keyword == "VALUES":
            result.limit_insert_at = token.start
            return
    result.limit_insert_at = text_length


def with_row_cap(text: str, query: QueryOutline, cap: int) -> str:
    """The query with its top-level LIMIT at most `cap` (added when it has none)."""
    if query.limit_span is not None:
        if query.limit is not None and query.limit <= cap:
            return text
        start, end = query.limit_span
        return f"{text[:start]}{cap}{text[end:]}"
    if query.limit_insert_at is None:
        return text
    at = query.limit_insert_at
    return f"{text[:at]}\nLIMIT {cap}\n{text[at:]}"
