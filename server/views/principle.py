"""The principle page: definition, neighbours, motions invoking it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from string import Template

import pyoxigraph as ox
from rdflib import URIRef

from councilgraph.namespaces import CG, DCTERMS, SKOS
from server.describe import Description, add_summaries, select, sparql_term
from server.views.common import (
    Labeller,
    Link,
    PageContext,
    ResourcePage,
    Value,
    base_page,
    schema_org,
)

PER_CITY_AND_YEAR = Template(f"""
SELECT ?city ?year (COUNT(DISTINCT ?motion) AS ?n) WHERE {{
  ?motion <{CG.principle}> $principle .
  OPTIONAL {{ ?motion <{CG.city}> ?city }}
  OPTIONAL {{ ?motion <{DCTERMS.date}> ?date }}
  BIND(YEAR(?date) AS ?year)
}} GROUP BY ?city ?year""")


@dataclass(frozen=True)
class Count:
    label: Link | str
    n: int


@dataclass
class PrincipleDetails:
    notation: str | None
    definitions: list[Value]
    other_names: list[Value]
    broader: list[Link]
    narrower: list[Link]
    schemes: list[Link]
    motions: list[Link]
    per_city: list[Count]
    per_year: list[Count]
    total: int


def build(description: Description, labeller: Labeller, context: PageContext) -> ResourcePage:
    page = base_page("principle", description, labeller)
    principle = URIRef(description.iri)
    rows = select(context.store, PER_CITY_AND_YEAR.substitute(principle=sparql_term(description.iri)))
    cities: Counter[str] = Counter()
    years: Counter[str] = Counter()
    for row in rows:
        n = int(row["n"].value) if row["n"] is not None else 0
        city, year = row["city"], row["year"]
        cities[city.value if isinstance(city, ox.NamedNode) else ""] += n
        years[year.value if year is not None else ""] += n
    add_summaries(context.store, labeller.graph, [c for c in cities if c])
    per_city = [
        Count(labeller.link(URIRef(city)) if city else "unknown / unbekannt", n)
        for city, n in sorted(cities.items(), key=lambda item: (-item[1], item[0]))
    ]
    per_year = [Count(year or "unknown / unbekannt", n) for year, n in sorted(years.items(), reverse=True)]
    motions = [labeller.link(m) for m in labeller.subjects(CG.principle, principle)]
    details = PrincipleDetails(
        notation=labeller.text(principle, SKOS.notation),
        definitions=[Value(text=str(d), lang=d.language) for d in [labeller.literal(principle, SKOS.definition)] if d],
        other_names=sorted(
            (
                Value(text=str(o), lang=getattr(o, "language", None))
                for o in labeller.graph.objects(principle, SKOS.altLabel)
            ),
            key=lambda value: value.text.lower(),
        ),
        broader=labeller.links(principle, SKOS.broader),
        narrower=sorted(
            (labeller.link(s) for s in labeller.subjects(SKOS.broader, principle)),
            key=lambda x: x.text,
        ),
        schemes=labeller.links(principle, SKOS.inScheme),
        motions=sorted(motions, key=lambda link: link.text),
        per_city=per_city,
        per_year=per_year,
        total=sum(cities.values()),
    )
    page.details = details
    page.schema_org = schema_org(
        "DefinedTerm",
        page.title.text,
        description.iri,
        termCode=details.notation,
        description=details.definitions[0].text if details.definitions else None,
        inDefinedTermSet=details.schemes[0].iri if details.schemes else None,
    )
    return page
