"""Records → RDF, in the shape docs/graph.md fixes; one builder for every genre.

URIs come from `UriMinter` only, so the same document mints the same URIs
anywhere. Key facts (submitter, signatory, date, stance, outcome) and every
principle get a `cg:Evidence` node quoting the text span that shows them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import NamespaceManager
from rdflib.term import Node

from councilgraph.namespaces import (
    CG,
    DCTERMS,
    FOAF,
    FOAF_HONORIFIC_PREFIX,
    PREFIXES,
    PROV,
    RDF,
    RDFS,
    SKOS,
    XSD,
)
from councilgraph.uris import UriMinter, slugify
from ingest.actors import Actor, ActorResolver
from ingest.genres.concepts import concept
from ingest.genres.fields import factions_in
from ingest.language import bodies, parties
from ingest.metadata import FROM_SIDECAR
from ingest.records import ActorMention, Consultation, Motion, PrincipleMention, Records, Spanned, Statement
from ingest.sidecar import NO_METADATA, Metadata
from ingest.source import SourceText
from ingest.text import sentence_bounds

KIND_CLASS = {
    "amendment": CG.Amendment,
    "inquiry": CG.Inquiry,
    "draft-resolution": CG.DraftResolution,
}
ACTOR_CLASS = {
    "person": CG.Person,
    "faction": CG.Faction,
    "body": CG.Body,
    "unit": CG.AdministrativeUnit,
    "organization": CG.Organization,
}
KIND_LABEL = {
    "motion": "Antrag",
    "amendment": "Änderungsantrag",
    "inquiry": "Anfrage",
    "draft-resolution": "Beschlussvorlage",
}


@dataclass
class ExplainedFact:
    """One extracted statement about the world and the text that shows it."""

    subject: str
    predicate: str
    object: str
    quote: str
    start: int
    end: int


# rdflib's RDF, RDFS, SKOS, FOAF and DCTERMS make a new term at every attribute read: those the
# builder reads for every actor and piece of evidence are read once
_TYPE, _LABEL, _SOURCE, _ALT_LABEL, _NAME = RDF.type, RDFS.label, DCTERMS.source, SKOS.altLabel, FOAF.name
_SUBJECT, _PREDICATE, _OBJECT = RDF.subject, RDF.predicate, RDF.object

UNKNOWN_CITY = "unbekannt"
"""The city segment of URIs minted for a document whose city no cue revealed."""


@dataclass
class CityRef:
    slug: str
    name: str
    known: bool = True


@dataclass
class DocumentMentions:
    """What a document without a recognised paper still says: principles and cities."""

    principles: list[PrincipleMention] = field(default_factory=list)
    cities: list[str] = field(default_factory=list)


Triple = tuple[Node, Node, Node]


def statements_of(graph: Graph | DocumentTriples) -> Iterator[Triple]:
    """Every statement of an rdflib graph or of a document's statements, in the order they list them."""
    return graph.triples((None, None, None)) if isinstance(graph, Graph) else iter(graph)


class DocumentTriples:
    """A document's statements, held as rdflib's `SimpleMemory` store holds them, without its cost.

    Adding a statement to an rdflib graph took more than half of the builder's time; most
    documents only ever need their statements listed (validation, N-Triples). Iterating lists
    them in the order `Graph.triples((None, None, None))` does (by subject, then predicate, then
    object, each in the order first added); `graph()` builds the rdflib graph when one is asked
    for, adding the statements in the order they came, so that it is the graph the builder made
    before. Once handed out, that graph is what the statements are (it may be changed).
    """

    def __init__(self) -> None:
        self._by_subject: dict[Node, dict[Node, dict[Node, None]]] = {}
        self._added: list[Triple] = []
        self._graph: Graph | None = None
        self._in_graph = 0
        self._handed_out = False

    def add(self, triple: Triple) -> None:
        subject, predicate, obj = triple
        by_predicate = self._by_subject.get(subject)
        if by_predicate is None:
            by_predicate = self._by_subject[subject] = {}
        objects = by_predicate.get(predicate)
        if objects is None:
            objects = by_predicate[predicate] = {}
        if obj not in objects:
            objects[obj] = None
            self._added.append(triple)

    def __iter__(self) -> Iterator[Triple]:
        if self._handed_out:
            yield from self.graph().triples((None, None, None))
            return
        for subject, by_predicate in self._by_subject.items():
            for predicate, objects in by_predicate.items():
                for obj in objects:
                    yield subject, predicate, obj

    def subject_objects(self, predicate: Node) -> Iterator[tuple[Node, Node]]:
        """The statements with this predicate, as `Graph.subject_objects(predicate)` (in another order)."""
        if self._handed_out:
            yield from self.graph().subject_objects(predicate)
            return
        for subject, by_predicate in self._by_subject.items():
            for obj in by_predicate.get(predicate, ()):
                yield subject, obj

    @property
    def namespace_manager(self) -> NamespaceManager:
        """The prefixes of the document's graph (the graph's own: writing a qname may bind one)."""
        return self._empty_or_partial_graph().namespace_manager

    def graph(self) -> Graph:
        graph = self._empty_or_partial_graph()
        for triple in self._added[self._in_graph :]:
            graph.add(triple)
        self._in_graph = len(self._added)
        self._handed_out = True
        return graph

    def _empty_or_partial_graph(self) -> Graph:
        if self._graph is None:
            # one document graph, no named graphs in it: the store without context bookkeeping adds faster
            self._graph = Graph(store="SimpleMemory")
            for prefix, namespace in PREFIXES.items():
                self._graph.bind(prefix, namespace)
        return self._graph


class GraphBuilder:
    """Builds the named graph of one document from its records."""

    def __init__(
        self, source: SourceText, minter: UriMinter, city: CityRef, genre: str, metadata: Metadata = NO_METADATA
    ) -> None:
        self.source = source
        self.metadata = metadata
        self.text = source.text
        self.minter = minter
        self.city = city
        self.city_iri = minter.city(city.slug)
        self.genre = genre
        self.graph = DocumentTriples()
        self._parties: list[parties.PartyHit] | None = None
        self.doc_slug = _document_slug(source, metadata, city)
        self.document = minter.document(self.doc_slug)
        self.facts: list[ExplainedFact] = []
        self.resolver = ActorResolver()
        self._evidence_count = 0
        self._motion_iris: dict[int, URIRef] = {}
        self._motion_slugs: dict[int, str] = {}
        self._treated_without_reference: set[URIRef] = set()
        self._used: set[URIRef] = set()

    # -- entry point

    def build(
        self,
        records: Records,
        mentioned_cities: dict[int, list[str]],
        document_mentions: DocumentMentions | None = None,
    ) -> DocumentTriples:
        self._document(document_mentions or DocumentMentions())
        _include_answered_papers(records)
        self._register_actors(records)
        for motion in records.motions:
            self._mint_motion(motion)
        actor_iris = self._actors()
        main = records.main
        for motion in records.motions:
            self._motion(motion, actor_iris, mentioned_cities.get(id(motion), []))
        if main is not None:
            linked = {self.resolver.actor_for(m).key for m in (*main.submitters, *main.signatories)}
            for mention in records.named:
                actor = self.resolver.actor_for(mention)
                if actor.key not in linked:
                    self.graph.add((self._motion_iris[id(main)], CG.mentions, actor_iris[actor.key]))
        counters: dict[str, int] = {}
        for statement in records.statements:
            self._statement(statement, actor_iris, counters, mentioned_cities.get(id(statement), []))
        return self.graph

    # -- document

    def _document(self, mentions: DocumentMentions) -> None:
        g, doc = self.graph, self.document
        g.add((doc, RDF.type, CG.Document))
        g.add((doc, RDF.type, PROV.Entity))
        g.add((doc, RDFS.label, Literal(self.source.name)))
        g.add((doc, DCTERMS["format"], Literal(self.source.media_type)))
        g.add((doc, CG.text, Literal(self.text)))
        g.add((doc, CG.sha256, Literal(self.source.sha256)))
        g.add((doc, CG.genre, Literal(self.genre)))
        if self.city.known:
            g.add((doc, CG.city, self.city_iri))
        if self.metadata.source_url:
            g.add((doc, PROV.wasDerivedFrom, URIRef(self.metadata.source_url)))
        for principle in mentions.principles:
            self._fact(
                doc, CG.principle, self.minter.principle(principle.concept), principle.start, principle.end, True
            )
        for slug in mentions.cities:
            g.add((doc, CG.mentions, self.minter.city(slug)))

    # -- actors

    def _register_actors(self, records: Records) -> None:
        def add(mention: ActorMention | None) -> None:
            if mention is not None:
                self.resolver.add(mention)

        for motion in records.motions:
            for mention in (*motion.submitters, *motion.signatories, *motion.mentions):
                add(mention)
            for consultation in motion.consultations:
                add(consultation.body)
        for statement in records.statements:
            add(statement.author)
            for mention in (*statement.signatories, *statement.mentions):
                add(mention)
        for mention in records.named:
            add(mention)
        for mention in factions_in(self.text, 0, len(self.text)):
            self.resolver.add_printed_form(mention)

    def _actors(self) -> dict[str, URIRef]:
        iris = {actor.key: self.minter.actor(self.city.slug, actor.slug) for actor in self.resolver.actors.values()}
        for actor in self.resolver.actors.values():
            self._actor(actor, iris)
        return iris

    def _actor(self, actor: Actor, iris: dict[str, URIRef]) -> None:
        g, iri = self.graph, iris[actor.key]
        g.add((iri, _TYPE, CG.Actor))
        g.add((iri, _TYPE, ACTOR_CLASS[actor.kind]))
        g.add((iri, _LABEL, Literal(actor.label)))
        for alt in actor.alt_labels:
            g.add((iri, _ALT_LABEL, Literal(alt)))
        bare = bodies.council_word_of(actor.label) if actor.kind == "body" else None
        if bare is not None and bare not in actor.alt_labels:
            g.add((iri, _ALT_LABEL, Literal(bare)))  # "Gemeinderat Allershausen" is printed as "Gemeinderat" too
        if self.city.known:
            g.add((iri, CG.city, self.city_iri))
        g.add((iri, _SOURCE, self.document))
        if actor.kind == "person":
            g.add((iri, _NAME, Literal(actor.name)))
            if actor.honorific:
                g.add((iri, FOAF_HONORIFIC_PREFIX, Literal(actor.honorific)))
            for position in actor.positions:
                g.add((iri, CG.position, Literal(position.value, lang="de")))
            for key in actor.member_of:
                if key in iris:
                    g.add((iri, CG.memberOf, iris[key]))
        if actor.kind == "faction" and actor.party:
            g.add((iri, CG.party, Literal(actor.party)))
            # councils name a group by its party ("Antrag der CDU- und GRÜNEN-Fraktionen", "die SPD beantragt"),
            # in any of the party's printed forms ("die Grünen" for the Fraktion BÜNDNIS 90/DIE GRÜNEN)
            for form in self._printed_forms_of_party(actor.party):
                if form not in (actor.label, *actor.alt_labels):
                    g.add((iri, _ALT_LABEL, Literal(form)))

    def _printed_forms_of_party(self, party: str) -> list[str]:
        """The forms the text prints of `party` (parties.toml), the party itself where printed first."""
        canonical = parties.canonical(party)
        forms = [party] if party in self.text else []
        if canonical is not None:
            forms += [hit.printed for hit in self._party_hits() if hit.name == canonical and hit.printed not in forms]
        return forms

    def _party_hits(self) -> list[parties.PartyHit]:
        if self._parties is None:
            self._parties = parties.find(self.text)
        return self._parties

    def _actor_iri(self, mention: ActorMention, iris: dict[str, URIRef]) -> URIRef:
        return iris[self.resolver.actor_for(mention).key]

    # -- motions

    def motion_iri(self, motion: Motion) -> URIRef:
        """The IRI minted for a paper `build` wrote."""
        return self._motion_iris[id(motion)]

    def _mint_motion(self, motion: Motion) -> None:
        if motion.reference is not None:
            iri = self.minter.motion(self.city.slug, motion.reference.value)
        else:
            title = motion.title.value if motion.title else self.doc_slug
            day = motion.date.value.isoformat() if motion.date else None
            iri = self.minter.motion_without_reference(self.city.slug, day, title)
            n = 1
            while not motion.cited and iri in self._treated_without_reference:
                n += 1  # a paper treated under the same title as another one ("TOP 4: Bauleitplanung")
                iri = self.minter.motion_without_reference(self.city.slug, day, title, n)
            if not motion.cited:
                self._treated_without_reference.add(iri)
        self._motion_iris[id(motion)] = iri
        self._motion_slugs[id(motion)] = str(iri).rstrip("/").rsplit("/", 1)[-1]

    def _motion(self, motion: Motion, actors: dict[str, URIRef], cities: list[str]) -> None:
        g, iri = self.graph, self._motion_iris[id(motion)]
        g.add((iri, RDF.type, CG.Motion))
        if motion.kind is not None:
            g.add((iri, CG.kind, concept("kind", motion.kind.value)))
            if motion.kind.value in KIND_CLASS:
                g.add((iri, RDF.type, KIND_CLASS[motion.kind.value]))
        g.add((iri, RDFS.label, Literal(self._motion_label(motion))))
        if motion.reference is not None:
            g.add((iri, DCTERMS.identifier, Literal(motion.reference.value)))
        if motion.title is not None and motion.title.value:
            g.add((iri, DCTERMS.title, Literal(motion.title.value, lang="de")))
        if motion.date is not None:
            self._date(iri, motion.date)
        if self.city.known:
            g.add((iri, CG.city, self.city_iri))
        g.add((iri, DCTERMS.source, self.document))
        for mention in motion.submitters:
            self._fact(iri, CG.submittedBy, self._actor_iri(mention, actors), mention.start, mention.end)
        for mention in motion.signatories:
            self._fact(iri, CG.signedBy, self._actor_iri(mention, actors), mention.start, mention.end)
        linked = {self.resolver.actor_for(m).key for m in (*motion.submitters, *motion.signatories)}
        for mention in motion.mentions:
            actor = self.resolver.actor_for(mention)
            if actor.key not in linked:
                g.add((iri, CG.mentions, actors[actor.key]))
        for principle in motion.principles:
            self._fact(
                iri,
                CG.principle,
                self.minter.principle(principle.concept),
                principle.start,
                principle.end,
                quote_is_span=True,
            )
        for other in motion.amends:
            g.add((iri, CG.amends, self._motion_iris[id(other)]))
        for other in motion.refers_to:
            g.add((iri, CG.refersTo, self._motion_iris[id(other)]))
        for slug in cities:
            g.add((iri, CG.mentions, self.minter.city(slug)))
        for name, prop in (
            ("resolution_text", CG.resolutionText),
            ("justification_text", CG.justificationText),
        ):
            value: Spanned[str] | None = getattr(motion, name)
            if value is not None and value.value.strip():
                g.add((iri, prop, Literal(value.value, lang="de")))
        ordered = [c for c in motion.consultations if c.in_sequence] + [
            c for c in motion.consultations if not c.in_sequence
        ]
        for n, consultation in enumerate(ordered, start=1):
            self._consultation(iri, motion, consultation, n, actors)

    def _motion_label(self, motion: Motion) -> str:
        if motion.title is not None and motion.title.value:
            return motion.title.value
        kind = KIND_LABEL.get(motion.kind.value, "Vorlage") if motion.kind else "Vorlage"
        return f"{kind} {motion.reference.value}" if motion.reference else kind

    def _consultation(
        self,
        motion_iri: URIRef,
        motion: Motion,
        consultation: Consultation,
        n: int,
        actors: dict[str, URIRef],
    ) -> None:
        g = self.graph
        iri = self.minter.consultation(self.city.slug, self._motion_slugs[id(motion)], n)
        g.add((motion_iri, CG.consultation, iri))
        g.add((iri, RDF.type, CG.Consultation))
        label = consultation.body.printed if consultation.body else "Beratung"
        if consultation.date is not None:
            label += f", {consultation.date.value.strftime('%d.%m.%Y')}"
        g.add((iri, RDFS.label, Literal(label)))
        g.add((iri, DCTERMS.source, self.document))
        if consultation.body is not None:
            g.add((iri, CG.body, self._actor_iri(consultation.body, actors)))
        if consultation.date is not None:
            self._date(iri, consultation.date)
        if consultation.role is not None:
            g.add((iri, CG.role, concept("role", consultation.role.value)))
        if consultation.public is not None:
            g.add((iri, CG.public, Literal(consultation.public.value)))
        if consultation.agenda_item is not None:
            g.add((iri, CG.agendaItem, Literal(consultation.agenda_item.value)))
        if consultation.result is not None:
            result = consultation.result
            self._fact(iri, CG.result, concept("outcome", result.value), result.start, result.end)
            g.add((iri, CG.resultText, Literal(self.text[result.start : result.end], lang="de")))
        for name, prop in (
            ("votes_for", CG.votesFor),
            ("votes_against", CG.votesAgainst),
            ("abstentions", CG.abstentions),
        ):
            count: Spanned[int] | None = getattr(consultation, name)
            if count is not None:
                g.add((iri, prop, Literal(count.value, datatype=XSD.integer)))

    # -- statements

    def _statement(
        self,
        statement: Statement,
        actors: dict[str, URIRef],
        counters: dict[str, int],
        cities: list[str],
    ) -> None:
        g = self.graph
        about = statement.about[0] if statement.about else None
        motion_slug = self._motion_slugs[id(about)] if about is not None else "ohne-vorlage"
        author = self.resolver.actor_for(statement.author) if statement.author else None
        author_slug = author.slug if author else "verwaltung"
        key = f"{motion_slug}/{author_slug}"
        counters[key] = counters.get(key, 0) + 1
        suffix = statement.date.value.isoformat() if statement.date else str(counters[key])
        iri = self.minter.statement(self.city.slug, motion_slug, author_slug, suffix)
        while iri in self._used:
            counters[key] += 1
            iri = self.minter.statement(self.city.slug, motion_slug, author_slug, f"{suffix}-{counters[key]}")
        self._used.add(iri)
        g.add((iri, RDF.type, CG.Statement))
        label = "Stellungnahme" + (f" {author.label}" if author else "")
        if statement.date is not None:
            label += f", {statement.date.value.strftime('%d.%m.%Y')}"
        g.add((iri, RDFS.label, Literal(label)))
        g.add((iri, DCTERMS.source, self.document))
        for motion in statement.about:
            g.add((iri, CG.about, self._motion_iris[id(motion)]))
        if statement.author is not None and author is not None:
            self._fact(iri, CG.author, actors[author.key], statement.author.start, statement.author.end)
        for mention in statement.signatories:
            self._fact(iri, CG.signedBy, self._actor_iri(mention, actors), mention.start, mention.end)
        if statement.date is not None:
            self._date(iri, statement.date)
        if statement.stance is not None:
            stance = statement.stance
            self._fact(
                iri,
                CG.stance,
                concept("stance", stance.value),
                stance.start,
                stance.end,
                quote_is_span=True,
            )
            g.add((iri, CG.stanceText, Literal(self.text[stance.start : stance.end], lang="de")))
        if statement.identifier is not None:
            g.add((iri, DCTERMS.identifier, Literal(statement.identifier.value)))
        for mention in statement.mentions:
            g.add((iri, CG.mentions, self._actor_iri(mention, actors)))
        for slug in cities:
            g.add((iri, CG.mentions, self.minter.city(slug)))

    # -- facts and evidence

    def _date(self, subject: URIRef, value: Spanned[date]) -> None:
        self._fact(
            subject,
            DCTERMS.date,
            Literal(value.value.isoformat(), datatype=XSD.date),
            value.start,
            value.end,
        )

    def _fact(
        self,
        subject: URIRef,
        predicate: URIRef,
        obj: Node,
        start: int,
        end: int,
        quote_is_span: bool = False,
    ) -> None:
        """Add a triple and an evidence node that quotes the sentence (or line) showing it; a fact
        the sidecar gave is quoted from the sidecar instead."""
        self.graph.add((subject, predicate, obj))
        if start == FROM_SIDECAR:
            self._sidecar_evidence(subject, predicate, obj)
            return
        if quote_is_span:
            qs, qe = start, end
        else:
            qs, qe = sentence_bounds(self.text, start)
            qs, qe = min(qs, start), max(qe, end)
        quote = self.text[qs:qe]
        node = self._evidence(subject, predicate, obj, quote)
        self.graph.add((node, CG.start, _integer(qs)))
        self.graph.add((node, CG.end, _integer(qe)))
        self.facts.append(ExplainedFact(str(subject), str(predicate), str(obj), quote, qs, qe))

    def _sidecar_evidence(self, subject: URIRef, predicate: URIRef, obj: Node) -> None:
        quote = f"{predicate.n3(self.graph.namespace_manager)} {obj}"
        node = self._evidence(subject, predicate, obj, quote)
        self.graph.add((node, CG.metadataSource, Literal(self.metadata.origin)))
        quoted = f"{quote} ({self.metadata.origin})"
        self.facts.append(ExplainedFact(str(subject), str(predicate), str(obj), quoted, -1, -1))

    def _evidence(self, subject: URIRef, predicate: URIRef, obj: Node, quote: str) -> URIRef:
        """A `cg:Evidence` node for one fact, quoting what shows it."""
        self._evidence_count += 1
        node = self.minter.evidence(self.doc_slug, self._evidence_count)
        g = self.graph
        g.add((node, _TYPE, CG.Evidence))
        g.add((node, _LABEL, _evidence_label(self._evidence_count)))
        g.add((node, _SUBJECT, subject))
        g.add((node, _PREDICATE, predicate))
        g.add((node, _OBJECT, obj))
        g.add((node, CG.quote, Literal(quote)))
        g.add((node, _SOURCE, self.document))
        return node


@lru_cache(maxsize=65536)
def _integer(value: int) -> Literal:
    """An xsd:integer literal, made once per process for each offset: making it costs more than
    adding it to a graph."""
    return Literal(value, datatype=XSD.integer)


@lru_cache(maxsize=4096)
def _evidence_label(number: int) -> Literal:
    return Literal(f"Beleg {number}")


def _document_slug(source: SourceText, metadata: Metadata, city: CityRef) -> str:
    """From the source URL or the sidecar's reference where given, so that the same paper
    ingested from two folders is one document; else from the file name."""
    if metadata.source_url:
        slug = slugify(metadata.source_url.split("://", 1)[-1])
        if slug:
            return slug[:120].rstrip("-")
    if metadata.reference:
        return slugify(f"{city.slug} {metadata.reference}")
    # a name without letters or digits ("!!!.txt") would mint the bare document space
    return slugify(source.stem) or f"document-{source.sha256[:12]}"


def _include_answered_papers(records: Records) -> None:
    """A statement's paper is minted even when the genre did not list it among the papers."""
    known = {id(m) for m in records.motions}
    for statement in records.statements:
        for motion in statement.about:
            if id(motion) not in known:
                motion.cited = True
                records.motions.append(motion)
                known.add(id(motion))


__all__ = ["UNKNOWN_CITY", "CityRef", "DocumentMentions", "DocumentTriples", "ExplainedFact", "GraphBuilder"]
