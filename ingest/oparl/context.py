"""What every mapping of one body's objects shares: minter, city, references, warnings."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef

from councilgraph.namespaces import CG, DCTERMS, OWL, RDF, RDFS
from councilgraph.uris import UriMinter
from ingest.oparl.identity import CityRef
from ingest.oparl.refs import ActorRef, References


@dataclass
class MappingContext:
    minter: UriMinter
    city: CityRef
    refs: References
    warnings: list[str] = field(default_factory=list)

    @property
    def city_iri(self) -> URIRef:
        return self.minter.city(self.city.slug)

    def resource(self, kind: str, *parts: str) -> URIRef:
        """`B/id/{kind}/{city}/{parts…}` (meetings, memberships and agenda items)."""
        return self.minter.id_for_path("/".join((kind, self.city.slug, *parts)))

    def add_city(self, graph: Graph) -> None:
        """A city the gazetteer does not know is described in the graph itself, so that it validates."""
        if not self.city.resolved:
            graph.add((self.city_iri, RDF.type, CG.City))
            graph.add((self.city_iri, RDFS.label, Literal(self.city.name, lang="de")))

    def add_actor_stub(self, graph: Graph, actor: ActorRef, document: URIRef) -> None:
        """An actor the graph links to, described enough to stand on its own (its own graph says more)."""
        graph.add((actor.iri, RDF.type, CG.Actor))
        graph.add((actor.iri, RDF.type, actor.cls))
        graph.add((actor.iri, RDFS.label, Literal(actor.label)))
        graph.add((actor.iri, CG.city, self.city_iri))
        graph.add((actor.iri, DCTERMS.source, document))
        graph.add((actor.iri, OWL.sameAs, URIRef(actor.oparl_id)))
