"""Slugs and URI minting (docs/graph.md, DESIGN.md §5).

URIs are a pure function of the base URI and the printed text, so the same
document mints the same URIs on any machine.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rdflib import URIRef

from councilgraph.namespaces import PRINCIPLE_IRI, PRINCIPLE_SCHEME_IRI, VOCAB_IRI

_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")

TEXT_GRAPH_PATH = "graph/text/"

SHARED_PAGES: tuple[tuple[str, str], ...] = (
    ("scheme/principles", PRINCIPLE_SCHEME_IRI),
    ("principle/", PRINCIPLE_IRI),
    ("vocab/", VOCAB_IRI),
)
"""Local page path (after `doc/`) → shared IRI it describes; exact for a path without a trailing `/`."""


def is_text_graph(name: str) -> bool:
    """Whether a graph name is a document's text graph (`B/graph/text/{doc}`), for any base."""
    return ("/" + TEXT_GRAPH_PATH) in name


def shared_iri(path: str) -> str | None:
    """`principle/privacy` → the shared concept's IRI; None for paths of the deployment's own resources."""
    for local, shared in SHARED_PAGES:
        if local.endswith("/") and path.startswith(local) and len(path) > len(local):
            return shared + path[len(local) :]
        if path == local:
            return shared
    return None


def shared_path(iri: str) -> str | None:
    """The inverse of `shared_iri`: the page path of a shared concept, None for other IRIs."""
    for local, shared in SHARED_PAGES:
        if local.endswith("/") and iri.startswith(shared) and len(iri) > len(shared):
            return local + iri[len(shared) :]
        if iri == shared:
            return local
    return None


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

    def motion_without_reference(self, city_slug: str, date: str | None, title: str, n: int = 1) -> URIRef:
        """`n`: the paper's place among the papers of one document that share date and title slug
        ("TOP 3: Bauleitplanung", "TOP 4: Bauleitplanung"), counted from 1, which is left out."""
        stem = slugify(title, max_words=8) + (f"-{n}" if n > 1 else "")
        return self._id("motion", city_slug, f"{date}-{stem}" if date else stem)

    def actor(self, city_slug: str, name: str) -> URIRef:
        return self._id("actor", city_slug, slugify(name))

    def principle(self, slug: str) -> URIRef:
        """A shared concept: the same IRI in every deployment."""
        return URIRef(PRINCIPLE_IRI + slugify(slug))

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
        return URIRef(PRINCIPLE_SCHEME_IRI)

    def text_graph(self, document: str) -> URIRef:
        """The graph holding a document's full text, outside the default graph and the data dumps."""
        documents, local = self.base + "id/document/", self.base + "id/"
        if document.startswith(documents):
            name = document[len(documents) :]
        elif document.startswith(local):
            name = document[len(local) :]  # e.g. a harvested paper's file, `B/id/file/…`
        else:
            name = slugify(document)
        return URIRef(self.base + TEXT_GRAPH_PATH + name)

    def is_local(self, iri: str) -> bool:
        return iri.startswith(self.base)

    def doc_for(self, iri: str) -> str | None:
        """`B/id/x` → `B/doc/x`, a shared concept → its page here; None for other IRIs."""
        prefix = self.base + "id/"
        if iri.startswith(prefix):
            return self.base + "doc/" + iri[len(prefix) :]
        path = shared_path(iri)
        return self.base + "doc/" + path if path is not None else None

    def id_for_path(self, path: str) -> URIRef:
        """The IRI that `/id/{path}` and `/doc/{path}` stand for."""
        return URIRef(self.base + "id/" + path.lstrip("/"))
