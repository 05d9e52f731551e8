"""View models for the HTML pages, one module per page type; `build_page` picks one by type."""

from __future__ import annotations

from rdflib import URIRef

from councilgraph.namespaces import CG
from server.describe import Description
from server.views import actor, city, document, motion, principle, resource
from server.views.common import Labeller, PageContext, ResourcePage

ACTOR_TYPES = {CG.Actor, CG.Person, CG.Faction, CG.Body, CG.AdministrativeUnit, CG.Organization}


def build_page(description: Description, context: PageContext) -> ResourcePage:
    labeller = Labeller(description.graph, context)
    types = labeller.types(URIRef(description.iri))
    if CG.Motion in types:
        return motion.build(description, labeller)
    if CG.City in types:
        return city.build(description, labeller, context)
    if CG.Principle in types:
        return principle.build(description, labeller, context)
    if types & ACTOR_TYPES:
        return actor.build(description, labeller)
    if CG.Document in types:
        return document.build(description, labeller)
    return resource.build(description, labeller)


__all__ = ["PageContext", "ResourcePage", "build_page"]
