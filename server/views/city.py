"""The city page: its motions, factions, bodies and statements; the coalition question; a small map.

The coalition question — has the city joined the Cities Coalition for Digital
Rights? — is answered from the city's motions whose title names the coalition
("Cities (Coalition) for Digital Rights", "Städtekoalition"):
- joined: a consultation of one of them ended adopted (or adopted with changes);
- refused: none was adopted and one was rejected;
- pending: there are such motions but no council decision either way yet
  (the administration's latest stance is shown as a hint, not as the answer);
- unknown: no such motion in the data.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from string import Template
from typing import Any

from markupsafe import Markup
from rdflib import Literal, URIRef

from councilgraph.namespaces import CG, CGOUTCOME, DCTERMS, GEO, RDFS
from server.describe import add_summaries, select, sparql_term
from server.views.common import Labeller, Link, PageContext, ResourcePage, base_page, schema_org

MOTION_LIMIT = 20
"""The newest motions on the page; `/motions?city=` pages through all of them."""
ACTOR_LIMIT = 300
STATEMENT_LIMIT = 100
COALITION_LIMIT = 1000

CITY_MOTIONS = Template(f"""
SELECT ?motion ?date WHERE {{
  ?motion <{CG.city}> $city ; a <{CG.Motion}> .
  OPTIONAL {{ ?motion <{DCTERMS.date}> ?date }}
}} ORDER BY DESC(?date) ?motion LIMIT {MOTION_LIMIT}""")

CITY_ACTORS = Template(f"""
SELECT ?actor ?type WHERE {{
  ?actor <{CG.city}> $city ; a ?type .
  FILTER (?type IN (<{CG.Faction}>, <{CG.Body}>, <{CG.AdministrativeUnit}>, <{CG.Organization}>))
}} LIMIT {ACTOR_LIMIT}""")
"""The type is filtered, not given as VALUES: a table of types would be joined
first and every actor of those types in the store read."""

CITY_STATEMENTS = Template(f"""
SELECT ?statement ?motion ?date WHERE {{
  ?motion <{CG.city}> $city .
  ?statement <{CG.about}> ?motion .
  OPTIONAL {{ ?statement <{DCTERMS.date}> ?date }}
}} ORDER BY DESC(?date) ?statement LIMIT {STATEMENT_LIMIT}""")

COALITION_MOTIONS = Template(f"""
SELECT DISTINCT ?motion WHERE {{
  ?motion <{CG.city}> $city ; <{DCTERMS.title}>|<{RDFS.label}> ?title .
  FILTER(REGEX(STR(?title), "cities (coalition )?for digital rights|st(ä|ae)dte-?koalition", "i"))
  ?motion a <{CG.Motion}> .
}} LIMIT {COALITION_LIMIT}""")

COALITION_RESULTS = Template(f"""
SELECT DISTINCT ?result ?decided WHERE {{
  VALUES ?motion {{ $motions }}
  ?motion <{CG.consultation}> ?consultation . ?consultation <{CG.result}> ?result .
  OPTIONAL {{ ?consultation <{DCTERMS.date}> ?decided }}
}}""")
"""Outcomes and stances are asked for apart: joined in one query, every
consultation of a motion would be repeated for each of its statements."""

COALITION_STANCES = Template(f"""
SELECT DISTINCT ?stance ?stated WHERE {{
  VALUES ?motion {{ $motions }}
  ?statement <{CG.about}> ?motion ; <{CG.stance}> ?stance .
  OPTIONAL {{ ?statement <{DCTERMS.date}> ?stated }}
}}""")

ALL_CITIES = f"""
SELECT ?city ?lat ?long WHERE {{ ?city a <{CG.City}> ; <{GEO.lat}> ?lat ; <{GEO.long}> ?long . }}"""

ADOPTED = {str(CGOUTCOME.adopted), str(CGOUTCOME["adopted-with-changes"])}
REJECTED = {str(CGOUTCOME.rejected)}
GERMANY = (47.0, 55.2, 5.6, 15.3)
"""South, north, west, east: the map's frame when the city lies in Germany."""


@dataclass(frozen=True)
class Coalition:
    status: str
    """joined, refused, pending or unknown."""
    motions: list[Link]
    latest_result: Link | None
    latest_stance: Link | None


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    here: bool
    label: str


@dataclass
class CityDetails:
    latitude: float | None
    longitude: float | None
    federal_state: str | None
    population: str | None
    key: str | None
    same_as: list[Link]
    motions: list[Link]
    factions: list[Link]
    bodies: list[Link]
    statements: list[Link]
    coalition: Coalition
    dots: list[Dot]
    """The page's own city (the others are in `other_dots`)."""
    other_dots: Markup
    map_width: int
    map_height: int


def _float(literal: Literal | None) -> float | None:
    try:
        return float(str(literal)) if literal is not None else None
    except ValueError:
        return None


def coalition_status(results: set[str], has_motions: bool) -> str:
    """The documented rule (module docstring) from the outcome IRIs of the coalition motions."""
    if results & ADOPTED:
        return "joined"
    if results & REJECTED:
        return "refused"
    return "pending" if has_motions else "unknown"


def coalition(labeller: Labeller, context: PageContext, city: str) -> Coalition:
    store = context.store
    rows = select(store, COALITION_MOTIONS.substitute(city=sparql_term(city)))
    motions = {row["motion"].value for row in rows if row["motion"] is not None}
    decisions: list[tuple[str, str]] = []
    stances: list[tuple[str, str]] = []
    if motions:
        values = " ".join(sparql_term(m) for m in sorted(motions))
        decisions = sorted(
            (row["decided"].value if row["decided"] else "", row["result"].value)
            for row in select(store, COALITION_RESULTS.substitute(motions=values))
        )
        stances = sorted(
            (row["stated"].value if row["stated"] else "", row["stance"].value)
            for row in select(store, COALITION_STANCES.substitute(motions=values))
        )
    add_summaries(
        context.store,
        labeller.graph,
        [*motions, *(r for _, r in decisions), *(s for _, s in stances)],
    )
    return Coalition(
        status=coalition_status({result for _, result in decisions}, bool(motions)),
        motions=sorted((labeller.link(URIRef(m)) for m in motions), key=lambda link: (link.text, link.iri)),
        latest_result=labeller.link(URIRef(decisions[-1][1])) if decisions else None,
        latest_stance=labeller.link(URIRef(stances[-1][1])) if stances else None,
    )


def map_dots(context: PageContext, city: str, width: int = 300) -> tuple[list[Dot], int]:
    """Every gazetteer city as a dot (equirectangular), framed on Germany if the city is there."""
    points = context.cache.get(("city-points", context.store.version()))
    if points is None:
        points = []
        for row in select(context.store, ALL_CITIES):
            try:
                points.append((row["city"].value, float(row["lat"].value), float(row["long"].value)))
            except (TypeError, ValueError, AttributeError):
                continue
        context.cache[("city-points", context.store.version())] = points
    here = next(((lat, long) for iri, lat, long in points if iri == city), None)
    south, north, west, east = GERMANY
    if here is None or not (south <= here[0] <= north and west <= here[1] <= east):
        lats = [p[1] for p in points] or [0.0]
        longs = [p[2] for p in points] or [0.0]
        south, north, west, east = min(lats) - 1, max(lats) + 1, min(longs) - 1, max(longs) + 1
    aspect = math.cos(math.radians((south + north) / 2))
    height = max(1, round(width * (north - south) / max((east - west) * aspect, 1e-9)))
    frame_key = ("city-dots", context.store.version(), south, north, west, east, width)
    framed: list[tuple[str, float, float]] | None = context.cache.get(frame_key)
    if framed is None:
        framed = context.cache[frame_key] = [
            (iri, round((long - west) / (east - west) * width, 1), round((north - lat) / (north - south) * height, 1))
            for iri, lat, long in points
            if south <= lat <= north and west <= long <= east
        ]
    dots = [Dot(x=x, y=y, here=iri == city, label=iri) for iri, x, y in framed]
    # in the frame's order, whichever city asks: the circles of the other cities are kept once for all pages
    return dots, height


def other_dots_svg(context: PageContext, dots: list[Dot], height: int) -> Markup:
    """The SVG circles of every city but the page's own. Each circle is written once per store
    version and map frame (the frame sets the height): the same thousands of dots are on every
    city page, and templating them was most of a city page's time."""
    key = ("city-dots-svg", context.store.version(), height, len(dots))
    circles: list[tuple[str, str]] | None = context.cache.get(key)
    if circles is None:
        circle = Markup('<circle class="dot" cx="{}" cy="{}" r="1.6"><title>{}</title></circle>')
        circles = context.cache[key] = [
            (dot.label, str(circle.format(dot.x, dot.y, dot.label.rsplit("/", 1)[-1]))) for dot in dots
        ]
    here = {dot.label for dot in dots if dot.here}
    return Markup("".join(svg for label, svg in circles if label not in here))  # noqa: S704 - escaped above


def _links(labeller: Labeller, iris: list[str]) -> list[Link]:
    return [labeller.link(URIRef(iri)) for iri in iris]


def build(description: Any, labeller: Labeller, context: PageContext) -> ResourcePage:
    page = base_page("city", description, labeller)
    city = URIRef(description.iri)
    term = sparql_term(description.iri)
    store = context.store
    motions = [row["motion"].value for row in select(store, CITY_MOTIONS.substitute(city=term))]
    actor_rows = select(store, CITY_ACTORS.substitute(city=term))
    factions = sorted({r["actor"].value for r in actor_rows if r["type"].value == str(CG.Faction)})
    bodies = sorted({r["actor"].value for r in actor_rows if r["type"].value != str(CG.Faction)})
    statements = [row["statement"].value for row in select(store, CITY_STATEMENTS.substitute(city=term))]
    add_summaries(store, labeller.graph, [*motions, *factions, *bodies, *statements])
    dots, height = map_dots(context, description.iri)
    here = [dot for dot in dots if dot.here]
    others = other_dots_svg(context, dots, height)
    details = CityDetails(
        latitude=_float(labeller.literal(city, GEO.lat)),
        longitude=_float(labeller.literal(city, GEO.long)),
        federal_state=labeller.text(city, CG.federalState),
        population=labeller.text(city, CG.population),
        key=labeller.text(city, CG.municipalityKey),
        same_as=[link for link in labeller.links(city, URIRef("http://www.w3.org/2002/07/owl#sameAs"))],
        motions=_links(labeller, motions),
        factions=sorted(_links(labeller, factions), key=lambda link: link.text),
        bodies=sorted(_links(labeller, bodies), key=lambda link: link.text),
        statements=_links(labeller, statements),
        coalition=coalition(labeller, context, description.iri),
        dots=here,
        other_dots=others,
        map_width=300,
        map_height=height,
    )
    page.details = details
    geo = (
        {"@type": "GeoCoordinates", "latitude": details.latitude, "longitude": details.longitude}
        if details.latitude is not None and details.longitude is not None
        else None
    )
    page.schema_org = schema_org(
        "City",
        page.title.text,
        description.iri,
        geo=geo,
        sameAs=[link.iri for link in details.same_as],
    )
    return page
