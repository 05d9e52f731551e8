"""Content negotiation as pure functions: one table of formats, one rule to pick among them.

The rule (DESIGN.md §7): a suffix (`/doc/x.ttl`) or `?format=` wins; else the
best match of the `Accept` header by q-value, the most specific media range
deciding each format's q; HTML only when the client names it (browsers do),
Turtle for `*/*` or no `Accept` at all; `None` when nothing fits (406).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from werkzeug.datastructures import LanguageAccept, MIMEAccept
from werkzeug.http import parse_accept_header


@dataclass(frozen=True)
class Format:
    key: str
    media_type: str
    suffix: str
    label: str
    aliases: tuple[str, ...] = ()
    """Other media types clients use for the same format."""
    names: tuple[str, ...] = ()
    """Other spellings accepted in `?format=`."""

    @property
    def is_rdf(self) -> bool:
        return self.key != "html"


TURTLE = Format("ttl", "text/turtle", "ttl", "Turtle", ("application/x-turtle",), ("turtle",))
JSON_LD = Format("jsonld", "application/ld+json", "jsonld", "JSON-LD", ("application/json",), ("json-ld", "json"))
N_TRIPLES = Format("nt", "application/n-triples", "nt", "N-Triples", (), ("ntriples", "n-triples"))
RDF_XML = Format(
    "rdf",
    "application/rdf+xml",
    "rdf",
    "RDF/XML",
    ("application/xml", "text/xml"),
    ("rdfxml", "xml"),
)
HTML = Format("html", "text/html", "html", "HTML", ("application/xhtml+xml",), ())

FORMATS: tuple[Format, ...] = (TURTLE, JSON_LD, N_TRIPLES, RDF_XML, HTML)
"""Every format a resource comes in; on a tie the earlier one wins."""

BY_SUFFIX: dict[str, Format] = {f.suffix: f for f in FORMATS}

LANGUAGES = ("de", "en")
DEFAULT_LANGUAGE = "de"


def split_suffix(path: str) -> tuple[str, Format | None]:
    """`motion/x/y.ttl` → (`motion/x/y`, TURTLE); other paths unchanged."""
    stem, dot, suffix = path.rpartition(".")
    if dot and "/" not in suffix and suffix in BY_SUFFIX:
        return stem, BY_SUFFIX[suffix]
    return path, None


def format_named(name: str) -> Format | None:
    """The format a `?format=` value names: a key, a spelling or a media type."""
    wanted = name.strip().lower()
    for fmt in FORMATS:
        if wanted in (fmt.key, fmt.media_type, *fmt.aliases, *fmt.names):
            return fmt
    return None


def _specificity(media_range: str, media_type: str) -> int:
    """3 for an exact match, 2 for `type/*`, 1 for `*/*`, 0 for no match."""
    if media_range == media_type:
        return 3
    major = media_type.split("/", 1)[0]
    if media_range == f"{major}/*":
        return 2
    return 1 if media_range == "*/*" else 0


def _quality(accept: MIMEAccept, fmt: Format) -> tuple[float, int]:
    """The q of the most specific range matching the format, and its specificity."""
    best = (0.0, 0)
    for media_type in (fmt.media_type, *fmt.aliases):
        for media_range, q in accept:
            specificity = _specificity(media_range.split(";", 1)[0].strip().lower(), media_type)
            if specificity > best[1] or (specificity == best[1] and specificity and q > best[0]):
                best = (float(q), specificity)
    return best


def best_for_accept(accept_header: str | None) -> Format | None:
    """The best format for an `Accept` header; `None` when nothing is acceptable."""
    if not accept_header or not accept_header.strip():
        return TURTLE
    accept = parse_accept_header(accept_header, MIMEAccept)
    ranked: list[tuple[float, int, int, Format]] = []
    for order, fmt in enumerate(FORMATS):
        q, specificity = _quality(accept, fmt)
        if fmt is HTML and specificity < 3:
            continue  # HTML only for clients that ask for it by name
        if q > 0:
            ranked.append((q, specificity, -order, fmt))
    if not ranked:
        return None
    return max(ranked, key=lambda entry: entry[:3])[3]


def negotiate(
    accept_header: str | None, suffix: Format | None = None, format_param: str | None = None
) -> Format | None:
    """Suffix first, then `?format=`, then `Accept`; `None` means 406 Not Acceptable."""
    if suffix is not None:
        return suffix
    if format_param:
        return format_named(format_param)
    return best_for_accept(accept_header)


def alternate_links(doc_path: str) -> str:
    """A `Link` header value naming every format of the document at `doc_path` (no suffix)."""
    return ", ".join(f'<{doc_path}.{fmt.suffix}>; rel="alternate"; type="{fmt.media_type}"' for fmt in FORMATS)


def etag_for(version: str, iri: str, fmt: Format, *variant: str) -> str:
    """A strong validator: the store's version, the resource, the format and any page variant."""
    digest = hashlib.sha256("\x1f".join((version, iri, fmt.key, *variant)).encode("utf-8"))
    return digest.hexdigest()[:32]


def choose_language(lang_param: str | None, accept_language: str | None) -> str:
    """`?lang=` wins, else the best of German/English in `Accept-Language`, else German."""
    if lang_param and lang_param.strip().lower()[:2] in LANGUAGES:
        return lang_param.strip().lower()[:2]
    if accept_language:
        accepted = parse_accept_header(accept_language, LanguageAccept)
        best = accepted.best_match(LANGUAGES)
        if best:
            return best
    return DEFAULT_LANGUAGE
