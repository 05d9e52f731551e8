"""Sitemaps of every `/doc/…` page of the dataset's own resources, split past 50,000 URLs."""

from __future__ import annotations

from xml.sax.saxutils import escape

import pyoxigraph as ox

from councilgraph.store import GraphStore
from councilgraph.uris import SHARED_PAGES, shared_path

MAX_URLS = 50_000
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def local_resources(store: GraphStore, base_uri: str) -> list[str]:
    """Every IRI under `{base}id/`, and every shared concept (principle, vocabulary) this
    deployment describes (appears as a subject), sorted."""
    prefixes = [f"{base_uri}id/", *(shared for _path, shared in SHARED_PAGES)]
    tests = " || ".join(f"STRSTARTS(STR(?s), {ox.Literal(prefix)})" for prefix in prefixes)
    # sorted here, not with ORDER BY: Oxigraph's sort reads each IRI's text again for every comparison,
    # 11 s of CPU for the 12,000 IRIs of the sample store (the query without it: 0.7 s). Python orders
    # strings by code point, as IRIs are ordered by their UTF-8 bytes.
    result = store.query(f"SELECT DISTINCT ?s WHERE {{ ?s ?p ?o FILTER(isIRI(?s) && ({tests})) }}")
    assert isinstance(result, ox.QuerySolutions)
    iris = sorted(row["s"].value for row in result if isinstance(row["s"], ox.NamedNode))
    return [iri for iri in iris if iri.startswith(prefixes[0]) or shared_path(iri) is not None]


def doc_url(iri: str, base_uri: str) -> str:
    """`{base}id/x` → `{base}doc/x`; a shared concept → its page here."""
    prefix = f"{base_uri}id/"
    if iri.startswith(prefix):
        return f"{base_uri}doc/{iri[len(prefix) :]}"
    return f"{base_uri}doc/{shared_path(iri)}"


def page_urls(store: GraphStore, base_uri: str) -> list[str]:
    return [doc_url(iri, base_uri) for iri in local_resources(store, base_uri)]


def sitemap_count(url_count: int, per_file: int = MAX_URLS) -> int:
    """How many URL-set files the URLs need (at least one)."""
    return max(1, -(-url_count // per_file))


def urlset(urls: list[str], lastmod: str | None = None) -> str:
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n', f'<urlset xmlns="{NAMESPACE}">\n']
    extra = f"<lastmod>{escape(lastmod)}</lastmod>" if lastmod else ""
    parts.extend(f"<url><loc>{escape(url)}</loc>{extra}</url>\n" for url in urls)
    parts.append("</urlset>\n")
    return "".join(parts)


def sitemap_index(locations: list[str], lastmod: str | None = None) -> str:
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n', f'<sitemapindex xmlns="{NAMESPACE}">\n']
    extra = f"<lastmod>{escape(lastmod)}</lastmod>" if lastmod else ""
    parts.extend(f"<sitemap><loc>{escape(loc)}</loc>{extra}</sitemap>\n" for loc in locations)
    parts.append("</sitemapindex>\n")
    return "".join(parts)


def sitemap_documents(
    urls: list[str], site_base: str, per_file: int = MAX_URLS, lastmod: str | None = None
) -> dict[str, str]:
    """File name → XML: `sitemap.xml` alone, or an index plus `sitemap-1.xml`, `sitemap-2.xml`, …"""
    if len(urls) <= per_file:
        return {"sitemap.xml": urlset(urls, lastmod)}
    documents = {}
    for number in range(1, sitemap_count(len(urls), per_file) + 1):
        chunk = urls[(number - 1) * per_file : number * per_file]
        documents[f"sitemap-{number}.xml"] = urlset(chunk, lastmod)
    documents["sitemap.xml"] = sitemap_index([f"{site_base}{name}" for name in documents], lastmod)
    return documents


def robots_txt(site_base: str) -> str:
    return f"User-agent: *\nDisallow: /sparql?\nDisallow: /search?\nAllow: /\n\nSitemap: {site_base}sitemap.xml\n"
