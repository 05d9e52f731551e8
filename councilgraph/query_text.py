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
from typing import NamedTuple
from urllib.parse import urljoin

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"})

_PN_LOCAL_CHAR = r"""(?:[\w\-:\u00b7\u00c0-\uffff]|%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?\#@%])"""
"""One character of a prefixed name's local part: PN_CHARS, `:`, or PLX (`%hh`, a `\\`-escape)."""

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00b7\u00c0-\uffff]+)
  | (?P<pname>(?:[A-Za-z\u00c0-\uffff][\w\-.\u00b7\u00c0-\uffff]*)?:
               (?:LOCAL(?:\.*LOCAL)*)?)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<number>[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?)
  | (?P<punct>\^\^|&&|\|\||!=|<=|>=|.)
    """.replace("LOCAL", _PN_LOCAL_CHAR),
    re.VERBOSE | re.DOTALL,
)
_LESS_THAN = re.compile(r"<=?")
_OPERATORS = frozenset({"&&", "||", "=", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "!"})
_EXPRESSION_CLAUSES = frozenset({"SELECT", "BY", "HAVING"})
"""Keywords after which a `(` outside any other opens an expression (projection, GROUP/ORDER BY)."""
_END_OF_EXPRESSION_CLAUSES = frozenset({"WHERE", "FROM", "LIMIT", "OFFSET", "VALUES"})


class Token(NamedTuple):
    """One significant token. (A tuple: a query's outline makes one per token, and a frozen
    dataclass took about twice as long to build; the outline is read on every request.)"""

    kind: str
    text: str
    start: int
    end: int
    depth: int
    """Curly-brace nesting at the token (0 = outside every group)."""


def tokens(text: str) -> list[Token]:
    """The significant tokens of `text` (no whitespace, no comments).

    `<` is ambiguous: in `FILTER(1<2)#>` the text `<2)#>` matches the IRIREF production,
    yet the parser reads a less-than and a comment. Inside an expression, right after an
    operand, `<` is therefore read as the operator, as the parser does."""
    reader = _Reader()
    position = 0
    while position < len(text):
        if text[position] == "<" and reader.expects_operator():
            match = _LESS_THAN.match(text, position)
        else:
            match = _TOKEN.match(text, position)
        if match is None:  # an unterminated string: the rest is one token
            reader.found.append(Token("string", text[position:], position, len(text), reader.depth))
            break
        kind = match.lastgroup or "punct"
        if kind not in ("space", "comment"):
            reader.add(kind, match.group(), match.start(), match.end())
        position = match.end()
    return reader.found


class _Reader:
    """The context of the next token: brace depth, and which open parentheses hold an expression."""

    def __init__(self) -> None:
        self.found: list[Token] = []
        self.depth = 0
        self.parentheses: list[list[bool]] = [[]]
        """Per open brace group, its open parentheses (True: an expression, not a list of terms)."""
        self.in_expression_clause = False

    def expects_operator(self) -> bool:
        """Whether the next token follows an operand inside an expression."""
        open_parentheses = self.parentheses[-1]
        if not open_parentheses or not open_parentheses[-1] or not self.found:
            return False
        last = self.found[-1]
        if last.kind in ("var", "number", "string", "iri", "pname"):
            return True
        if last.kind == "word":  # true, false, or a language tag after `@`
            before = self.found[-2].text if len(self.found) > 1 else ""
            return last.text.upper() in ("TRUE", "FALSE") or before == "@"
        return last.text in (")", "]")

    def add(self, kind: str, text: str, start: int, end: int) -> None:
        if kind == "word":
            keyword = text.upper()
            if keyword in _EXPRESSION_CLAUSES:
                self.in_expression_clause = True
            elif keyword in _END_OF_EXPRESSION_CLAUSES:
                self.in_expression_clause = False
        elif kind == "punct" and text == "}":
            self.depth = max(0, self.depth - 1)
            if len(self.parentheses) > 1:
                self.parentheses.pop()
        elif kind == "punct" and text == "(":
            self.parentheses[-1].append(self._opens_expression())
        elif kind == "punct" and text == ")" and self.parentheses[-1]:
            self.parentheses[-1].pop()
        self.found.append(Token(kind, text, start, end, self.depth))
        if kind == "punct" and text == "{":
            self.depth += 1
            self.parentheses.append([])
            self.in_expression_clause = False

    def _opens_expression(self) -> bool:
        """Whether a `(` read now opens an expression (else a collection or a VALUES row)."""
        open_parentheses = self.parentheses[-1]
        if open_parentheses:
            return open_parentheses[-1]
        if not self.found:
            return False
        last = self.found[-1]
        if last.kind == "word":  # FILTER, BIND, functions, IN, SELECT, …
            return last.text.upper() != "VALUES" and last.text != "a"
        if last.kind == "punct" and last.text in _OPERATORS:
            return True
        if last.kind in ("iri", "pname") and len(self.found) > 1 and self.found[-2].text.upper() == "FILTER":
            return True  # FILTER <function>(…)
        return self.in_expression_clause


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
        if token.kind == "pname" and _is_glued_service(token, body[position + 1 : position + 2], prefixes):
            result.uses_service = True
        if token.kind != "word":
            continue
        keyword = token.text.upper()
        if keyword == "SERVICE":
            result.uses_service = True
        elif keyword == "FROM" and token.depth == 0:
            following = body[position + 1 : position + 3]
            named = bool(following) and following[0].text.upper() == "NAMED"
            target = following[1] if named and len(following) > 1 else (following[0] if following else None)
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


def _is_glued_service(token: Token, following: list[Token], prefixes: dict[str, str]) -> bool:
    """`SERVICE:x { … }`: the parser reads the keyword SERVICE and the name `:x`."""
    prefix = token.text.partition(":")[0]
    if prefix.upper() != "SERVICE":
        return False
    return prefix not in prefixes or (bool(following) and following[0].text == "{")


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
