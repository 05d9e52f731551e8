"""The entry point of extraction: source text → genre → records → one document graph.

```python
extraction = extract(read_document(path), UriMinter(base), city=None)
extraction.graph      # the document's named graph
extraction.facts      # every key fact with the quote that shows it
```
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rdflib import Graph, URIRef

from councilgraph.errors import ExtractionError
from councilgraph.namespaces import CG, RDF
from councilgraph.uris import UriMinter
from ingest import principles
from ingest.builder import CityRef, ExplainedFact, GraphBuilder
from ingest.genres import city as cities
from ingest.genres import people, registry
from ingest.genres.fields import fill
from ingest.records import Motion, Records
from ingest.source import SourceText

__all__ = ["ExplainedFact", "Extraction", "extract"]


@dataclass
class Extraction:
    """What one document yielded: its graph, the genre that read it, warnings and explained
    facts."""

    source: SourceText
    document: URIRef
    graph: Graph
    genre: str
    warnings: list[str] = field(default_factory=list)
    facts: list[ExplainedFact] = field(default_factory=list)

    def summary(self) -> str:
        """E.g. "1 motion (2 cited), 3 consultations, 2 statements, 5 principles, 4 persons"."""
        g = self.graph
        motions = set(g.subjects(RDF.type, CG.Motion))
        cited = {m for m in motions if (None, CG.refersTo, m) in g or (None, CG.amends, m) in g}
        counts = Counter(
            consultations=len(set(g.subjects(RDF.type, CG.Consultation))),
            statements=len(set(g.subjects(RDF.type, CG.Statement))),
            principles=len(set(g.objects(None, CG.principle))),
            persons=len(set(g.subjects(RDF.type, CG.Person))),
        )
        own = len(motions - cited)
        parts = [_plural(own, "motion") + (f" ({len(cited)} cited)" if cited else "")]
        parts += [_plural(counts[name], name[:-1]) for name in ("consultations", "statements", "principles", "persons")]
        return ", ".join(parts)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def extract(source: SourceText, minter: UriMinter, city: str | None = None) -> Extraction:
    """Read one document into its graph.

    `city` is the council's city when the document does not name it (the
    `--city` option); it must be a city the gazetteer knows.
    """
    text = source.text
    genre, _ = registry.best_genre(text)
    records = genre.extract(source)
    if genre is not registry.GENERIC:
        _fill_from_generic(records, registry.GENERIC.extract(source))
    _drop_empty_papers(records)
    if not records.motions and not records.statements:
        raise ExtractionError(
            str(source.path),
            "no motion, inquiry or statement recognised; the text has no reference (Drucksache,"
            " Vorlage Nr.), "
            "no subject (Betreff, Gegenstand) and no Stellungnahme. Check that the file is a"
            " council paper and "
            "that its text layer was read (PDF scans need OCR first).",
        )
    home = _home_city(source, city)
    for motion in records.motions:
        if not motion.cited:
            motion.principles = principles.detect(text, motion.start, motion.end)
            _add_named_persons(motion, text)
    mentioned: dict[int, list[str]] = {}
    for motion in records.motions:
        if not motion.cited:
            mentioned[id(motion)] = _city_slugs(text, motion.start, motion.end, home.slug)
    for statement in records.statements:
        mentioned[id(statement)] = _city_slugs(text, statement.start, statement.end, home.slug)
    builder = GraphBuilder(source, minter, home, records.genre)
    graph = builder.build(records, mentioned)
    return Extraction(source, builder.document, graph, records.genre, _warnings(records), builder.facts)


def _add_named_persons(motion: Motion, text: str) -> None:
    """Persons the paper names in passing ("Herr Stadtrat Progl") become mentions."""
    known = {m.start for m in (*motion.signatories, *motion.mentions)}
    for person in people.prose_persons(text, motion.start, motion.end):
        if person.start not in known:
            motion.mentions.append(person)


def _is_paper(motion: Motion) -> bool:
    return motion.reference is not None or motion.title is not None


def _drop_empty_papers(records: Records) -> None:
    """Papers with neither reference nor subject go, and with them what pointed to them."""
    kept = [m for m in records.motions if m.cited or _is_paper(m)]
    if len(kept) == len(records.motions):
        return
    ids = {id(m) for m in kept}
    for motion in kept:
        motion.amends = [m for m in motion.amends if id(m) in ids]
        motion.refers_to = [m for m in motion.refers_to if id(m) in ids]
    for statement in records.statements:
        statement.about = [m for m in statement.about if id(m) in ids]
    orphans = [s for s in records.statements if not s.about]
    if orphans:
        records.warnings.append(
            f"{len(orphans)} statement(s) left out: the paper they answer has no reference or subject"
        )
    records.statements = [s for s in records.statements if s.about]
    records.motions = kept


def _fill_from_generic(records: Records, generic: Records) -> None:
    """The generic reader fills what the genre left empty, from the same part of the text only."""
    main, other = records.main, generic.main
    if main is None or other is None:
        if not records.motions and not records.statements:
            records.motions, records.statements = generic.motions, generic.statements
            records.genre = generic.genre
        return
    inside = Motion(start=main.start, end=main.end)
    for name in ("kind", "reference", "title", "date", "resolution_text", "justification_text"):
        value = getattr(other, name)
        if value is not None and main.start <= value.start < main.end:
            setattr(inside, name, value)
    for name in ("submitters", "signatories"):
        setattr(inside, name, [m for m in getattr(other, name) if main.start <= m.start < main.end])
    fill(main, inside)


def _home_city(source: SourceText, city: str | None) -> CityRef:
    if city is not None:
        resolved = cities.resolve(city)
        if resolved is None:
            raise ExtractionError(
                str(source.path),
                f"the city {city!r} is not in the gazetteer; pass --city with a German"
                f" municipality's name "
                "as spelled in ontology/gazetteer.ttl (e.g. 'Halle (Saale)', 'München').",
            )
        return CityRef(resolved.slug, resolved.name)
    found = cities.own_city(source.text)
    if found is None:
        raise ExtractionError(
            str(source.path),
            "no city could be determined: the text names no 'Stadt X', 'Rat der Stadt X',"
            " 'Landeshauptstadt X' "
            "or postal address. Pass --city NAME (e.g. --city Bochum).",
        )
    return CityRef(found[0].slug, found[0].name)


def _city_slugs(text: str, start: int, end: int, own: str) -> list[str]:
    slugs = []
    for mention in cities.mentioned(text, start, end, own):
        slug = cities.slug_of(mention)
        if slug and slug not in slugs:
            slugs.append(slug)
    return slugs


def _warnings(records: Records) -> list[str]:
    warnings = list(records.warnings)
    main = records.main
    if main is not None:
        for name, what in (
            ("reference", "reference"),
            ("date", "date"),
            ("title", "subject line"),
            ("kind", "kind of paper"),
        ):
            if getattr(main, name) is None:
                warnings.append(f"no {what} found for the paper")
        if not main.submitters:
            warnings.append("no submitter found for the paper")
    for statement in records.statements:
        if statement.author is None:
            warnings.append(f"a statement at offset {statement.start} has no recognisable author")
    return warnings
