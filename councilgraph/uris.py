"""Slugs and URI minting (docs/graph.md, DESIGN.md §5).

URIs are a pure function of the base URI and the printed text, so the same
document mints the same URIs on any machine.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rdflib import URIRef

_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def slugify(text: str, max_words: int | None = None) -> str:
    """Lower case, German umlauts spelled out, other accents dropped, runs of other characters → '-'."""
    text = text.translate(_GERMAN)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    slug = _NON_ALNUM.sub("-", text).strip("-")
    if max_words is not None:
        slug = "-".join(slug.split("-")[:max_words])
    return slug


def normalise_base(base: str) -> str:
    return base if base.endswith("/") else base + "/"


@dataclass(frozen=True)
class UriMinter:
    """Mints every URI of a deployment from its base URI."""

    base: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "base", normalise_base(self.base))

    def _id(self, *parts: str) -> URIRef:
        return URIRef(self.base + "id/" + "/".join(parts))

    def city(self, name: str) -> URIRef:
        return self._id("city", slugify(name))

    def motion(self, city_slug: str, reference: str) -> URIRef:
        return self._id("motion", city_slug, slugify(reference))

    def motion_without_reference(self, city_slug: str, date: str | None, title: str) -> URIRef:
        stem = slugify(title, max_words=8)
        return self._id("motion", city_slug, f"{date}-{stem}" if date else stem)

    def actor(self, city_slug: str, name: str) -> URIRef:
        return self._id("actor", city_slug, slugify(name))

    def principle(self, slug: str) -> URIRef:
        return self._id("principle", slugify(slug))

    def statement(self, city_slug: str, motion_slug: str, author: str, date_or_n: str) -> URIRef:
        return self._id("statement", city_slug, motion_slug, f"{slugify(author)}-{date_or_n}")

    def consultation(self, city_slug: str, motion_slug: str, n: int) -> URIRef:
        return self._id("consultation", city_slug, motion_slug, str(n))

    def document(self, file_stem: str) -> URIRef:
        return self._id("document", slugify(file_stem))

    def evidence(self, doc_slug: str, n: int) -> URIRef:
        return self._id("evidence", doc_slug, str(n))

    def graph(self, name: str) -> URIRef:
        """A reference graph: ontology, vocabularies, principles, gazetteer."""
        return URIRef(self.base + "graph/" + name)

    def principle_scheme(self) -> URIRef:
        return self._id("scheme", "principles")

    def is_local(self, iri: str) -> bool:
        return iri.startswith(self.base)

    def doc_for(self, iri: str) -> str | None:
        """`B/id/x` → `B/doc/x`; None for IRIs outside `B/id/`."""
        prefix = self.base + "id/"
        return self.base + "doc/" + iri[len(prefix) :] if iri.startswith(prefix) else None

    def id_for_path(self, path: str) -> URIRef:
        """The IRI that `/id/{path}` and `/doc/{path}` stand for."""
        return URIRef(self.base + "id/" + path.lstrip("/"))
