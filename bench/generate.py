"""Synthetic data for the benchmark: graphs shaped like the sample corpus, and council documents.

Graphs. The sample documents are ingested once; each of their document graphs
is a *template*. A synthetic document is a copy of a template whose IRIs are
moved to a German city of the gazetteer (a few big cities write most papers)
and made unique (motion, statement, consultation, evidence and document IRIs
get a copy number; actors are drawn
from a pool per city, so they recur across documents as real factions and
people do), with shifted dates and unique identifiers. Templates are used in
turn, so the class proportions are those of the samples; the reference graphs
(ontology, vocabularies, principles, gazetteer) are written once. Copy 0 of
each template is the original, so queries that name a sample motion still
find it. The output is N-Quads, one graph per synthetic document.

Documents. Copies of the sample texts with other reference numbers, dates,
people and principle wording, for the ingest benchmark.
"""

from __future__ import annotations

import random
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from councilgraph.settings import Settings
from councilgraph.store import LocalStore

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "documents"
BASE = "http://localhost:5000/"
CG = "https://w3id.org/councilgraph/ontology#"
XSD_DATE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")
IDENTIFIER = ox.NamedNode("http://purl.org/dc/terms/identifier")
ACTORS_PER_NAME_AND_CITY = 12
"""How many different people/factions one template actor becomes in one city."""


# --------------------------------------------------------------------------- the sample corpus


def sample_store(workdir: Path) -> Path:
    """The five sample documents ingested into `workdir/sample-store` (once; reused afterwards)."""
    path = workdir / "sample-store"
    if (path / "CURRENT").exists():
        return path
    from ingest.pipeline import ingest_paths

    shutil.rmtree(path, ignore_errors=True)
    store = LocalStore(path, writable=True)
    try:
        outcomes = ingest_paths([EXAMPLES], store, Settings(store=str(path), base_uri=BASE))
    finally:
        store.close()
    failed = [o.error for o in outcomes if not o.ok]
    if failed:
        raise RuntimeError(f"the sample corpus did not ingest: {failed}")
    return path


def class_profile(store: LocalStore) -> dict[str, int]:
    """Instances per class in the document graphs: the proportions the generator reproduces."""
    result = store.query(
        "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ?c } "
        f'FILTER (STRSTARTS(STR(?g), "{BASE}id/document/")) }} GROUP BY ?c ORDER BY DESC(?n)'
    )
    assert isinstance(result, ox.QuerySolutions)
    return {_local_name(row["c"].value): int(row["n"].value) for row in result}


def _local_name(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


@dataclass
class Corpus:
    templates: list[tuple[str, list[ox.Quad]]]
    """(document graph IRI, its quads) per sample document."""
    reference: list[ox.Quad]
    cities: list[str]
    """Slugs of the German cities of the gazetteer (those with a federal state)."""

    @property
    def triples_per_document(self) -> float:
        return sum(len(quads) for _, quads in self.templates) / len(self.templates)


def load_corpus(store_path: Path) -> Corpus:
    store = LocalStore(store_path)
    by_graph: dict[str, list[ox.Quad]] = {}
    result = store.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert isinstance(result, ox.QuerySolutions)
    for row in result:
        graph = row["g"]
        assert isinstance(graph, ox.NamedNode)
        by_graph.setdefault(graph.value, []).append(ox.Quad(row["s"], row["p"], row["o"], graph))
    templates = sorted((g, q) for g, q in by_graph.items() if g.startswith(BASE + "id/document/"))
    reference = [q for g, quads in by_graph.items() if g.startswith(BASE + "graph/") for q in quads]
    city_prefix = BASE + "id/city/"
    german = ox.NamedNode(CG + "federalState")
    cities = sorted(
        {
            q.subject.value[len(city_prefix) :]
            for q in reference
            if q.predicate == german and isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(city_prefix)
        }
    )
    store.close()
    return Corpus(templates, reference, cities)


# --------------------------------------------------------------------------- synthetic graphs


class _Copier:
    """Makes copy `n` of a template document in `city`."""

    def __init__(self, n: int, city: str, rng: random.Random) -> None:
        self.n = n
        self.city = city
        self.rng = rng
        self.year_shift = rng.randrange(-8, 3)
        self._actors: dict[str, int] = {}

    def iri(self, term: ox.NamedNode) -> ox.NamedNode:
        value = term.value
        if self.n == 0 or not value.startswith(BASE + "id/"):
            return term
        parts = value[len(BASE) + 3 :].split("/")
        kind = parts[0]
        if kind in ("principle", "scheme") or len(parts) < 2:
            return term
        if kind == "city":
            parts[1] = self.city
        elif kind in ("document", "evidence"):
            parts[1] = f"{parts[1]}-{self.n}"
        elif kind == "actor" and len(parts) >= 3:
            variant = self._actors.setdefault(parts[2], self.rng.randrange(ACTORS_PER_NAME_AND_CITY))
            parts[1] = self.city
            parts[2] = f"{parts[2]}-{variant}" if variant else parts[2]
        elif len(parts) >= 3:
            parts[1] = self.city
            parts[2] = f"{parts[2]}-{self.n}"
        return ox.NamedNode(BASE + "id/" + "/".join(parts))

    def term(self, term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> object:
        if isinstance(term, ox.NamedNode):
            return self.iri(term)
        if isinstance(term, ox.BlankNode):
            return ox.BlankNode(f"{term.value}x{self.n}")
        if isinstance(term, ox.Literal) and self.n and term.datatype == XSD_DATE:
            year, rest = term.value[:4], term.value[4:]
            if year.isdigit():
                return ox.Literal(f"{int(year) + self.year_shift:04d}{rest}", datatype=XSD_DATE)
        return term

    def quads(self, graph: str, quads: list[ox.Quad]) -> Iterator[ox.Quad]:
        new_graph = self.iri(ox.NamedNode(graph))
        for quad in quads:
            obj = self.term(quad.object)
            if self.n and quad.predicate == IDENTIFIER and isinstance(obj, ox.Literal):
                obj = ox.Literal(f"{obj.value}/{self.n}")
            yield ox.Quad(self.term(quad.subject), quad.predicate, obj, new_graph)  # type: ignore[arg-type]


def synthetic_quads(corpus: Corpus, target_triples: int, seed: int = 7) -> Iterator[ox.Quad]:
    """Reference graphs, then synthetic documents until they hold about `target_triples` quads.

    The reference data (ontology, vocabularies, the gazetteer of every German municipality:
    ~126,000 triples) come on top: counted in, they would leave no room for a single document
    at 10^5."""
    rng = random.Random(seed)
    # a few big cities write most papers: Zipf-like weights over a shuffled city list
    cities = list(corpus.cities)
    random.Random(seed + 1).shuffle(cities)
    weights = [1 / (rank + 1) for rank in range(len(cities))]
    yield from corpus.reference
    written = 0
    n = 0
    while written < target_triples:
        for graph, quads in corpus.templates:
            city = rng.choices(cities, weights)[0]
            yield from _Copier(n, city, rng).quads(graph, quads)
            written += len(quads)
            if written >= target_triples:
                break
        n += 1


def write_synthetic_graph(path: Path, corpus: Corpus, target_triples: int) -> int:
    """Write the synthetic dataset as N-Quads; returns the number of quads."""
    count = 0

    def counted() -> Iterator[ox.Quad]:
        nonlocal count
        for quad in synthetic_quads(corpus, target_triples):
            count += 1
            yield quad

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "wb") as output:
        ox.serialize(counted(), output, ox.RdfFormat.N_QUADS)
    tmp.replace(path)
    return count


def loaded_store(workdir: Path, corpus: Corpus, target_triples: int) -> tuple[Path, Path, int]:
    """(store folder, N-Quads file, quads) for a size; generated and loaded once, then reused."""
    label = f"{target_triples:.0e}".replace("+0", "").replace("+", "")
    nquads = workdir / f"synthetic-{label}.nq"
    store_path = workdir / f"store-{label}"
    marker = store_path / "LOADED"
    wanted = len(corpus.reference) + target_triples  # a store counting the reference in is made again
    if marker.exists() and nquads.exists() and int(marker.read_text()) >= wanted and _has_set_union(store_path):
        return store_path, nquads, int(marker.read_text())
    count = write_synthetic_graph(nquads, corpus, target_triples)
    shutil.rmtree(store_path, ignore_errors=True)
    store = LocalStore(store_path, writable=True)
    try:
        store.bulk_load(nquads, ox.RdfFormat.N_QUADS, None)
        store.publish()
    finally:
        store.close()
    marker.write_text(str(count))
    return store_path, nquads, count


def _has_set_union(store_path: Path) -> bool:
    """Whether a store loaded by an earlier run keeps the default graph as the set union (else: reload)."""
    store = LocalStore(store_path)
    try:
        return store.union_materialised
    finally:
        store.close()


def subsample(nquads: Path, output: Path, keep: int) -> int:
    """The first `keep` quads of a file (reference graphs and whole documents first)."""
    count = 0
    with open(nquads, "rb") as source, open(output, "wb") as target:
        for line in source:
            if count >= keep:
                break
            target.write(line)
            count += 1
    return count


# --------------------------------------------------------------------------- synthetic documents


_FIRST_NAMES = [
    "Anna",
    "Jonas",
    "Leonie",
    "Mehmet",
    "Sabine",
    "Uwe",
    "Katrin",
    "Paul",
    "Aylin",
    "Dirk",
    "Franziska",
    "Stefan",
    "Marta",
    "Lukas",
    "Ingrid",
    "Tobias",
]
_SURNAMES = [
    "Schneider",
    "Fischer",
    "Weber",
    "Becker",
    "Hoffmann",
    "Schulz",
    "Koch",
    "Richter",
    "Wolf",
    "Neumann",
    "Schwarz",
    "Zimmermann",
    "Krüger",
    "Hartmann",
    "Lange",
    "Yilmaz",
]
_PRINCIPLE_SWAPS = [
    ("Transparenz", "Offenheit"),
    ("Datenschutz", "Schutz der Privatsphäre"),
    ("Open Source", "quelloffene Software"),
    ("Teilhabe", "Beteiligung"),
]
_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_REFERENCE_DIGITS = re.compile(r"(?<=[/-])\d{4,5}\b|\b\d{8}\b")


def _shift_years(text: str, shift: int) -> str:
    def replace(match: re.Match[str]) -> str:
        return f"{match[1]}.{match[2]}.{int(match[3]) + shift}"

    return _DATE.sub(replace, text)


def _new_reference_numbers(text: str, rng: random.Random) -> str:
    """The same number gets the same replacement throughout one document."""
    digits: dict[str, str] = {}

    def replace(match: re.Match[str]) -> str:
        width = len(match[0])
        return digits.setdefault(match[0], f"{rng.randrange(10**width):0{width}d}")

    return _REFERENCE_DIGITS.sub(replace, text)


def sample_people(store: LocalStore) -> list[str]:
    result = store.query(
        f"SELECT DISTINCT ?l WHERE {{ ?p a <{CG}Person> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }}"
    )
    assert isinstance(result, ox.QuerySolutions)
    return sorted({row["l"].value for row in result}, key=len, reverse=True)


def synthetic_documents(folder: Path, count: int, people: list[str], seed: int = 11) -> list[Path]:
    """`count` council documents: the samples in turn, other references, dates, people, wording."""
    rng = random.Random(seed)
    samples = sorted(EXAMPLES.glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in samples]
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for n in range(count):
        index = n % len(samples)
        text = texts[index]
        shift = rng.randrange(-6, 3)
        text = _shift_years(text, shift)
        text = _new_reference_numbers(text, rng)
        for person in people:
            if person in text:
                text = text.replace(person, f"{rng.choice(_FIRST_NAMES)} {rng.choice(_SURNAMES)}")
        for word, other in _PRINCIPLE_SWAPS:
            if rng.random() < 0.3:
                text = text.replace(word, other)
        stem = samples[index].stem
        path = folder / f"{stem}-syn{n:05d}.txt"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def profile_table(store_path: Path) -> str:
    store = LocalStore(store_path)
    profile = class_profile(store)
    store.close()
    total = Counter(profile)
    return ", ".join(f"{name} {n}" for name, n in total.most_common())
