"""The SPARQL the OParl API runs. Resources go in as terms pyoxigraph has validated (`$city`, `$subjects`)."""

from __future__ import annotations

from string import Template

from councilgraph.namespaces import CG, DCTERMS, FOAF, PROV, RDF, RDFS, SKOS

_LABELS = " ".join(f"<{p}>" for p in (SKOS.prefLabel, DCTERMS.title, RDFS.label, FOAF.name))
_LONG_TEXT = ", ".join(f"<{p}>" for p in (CG.text, CG.resolutionText, CG.justificationText))

RECORD_GENRE = '"oparl"'
"""`cg:genre` of the documents that record an OParl object's JSON (see ingest/oparl/identity.py): the
sources of harvested resources, not files of a paper."""
_NOT_A_RECORD = f"FILTER NOT EXISTS {{ ?document <{CG.genre}> {RECORD_GENRE} }}"

_STAMPS = f"""
  OPTIONAL {{ ?s <{DCTERMS.created}> ?created }}
  OPTIONAL {{ ?s <{DCTERMS.modified}> ?modified }}
  OPTIONAL {{ ?s <{DCTERMS.source}> ?document .
             OPTIONAL {{ ?document <{DCTERMS.created}> ?documentCreated }}
             OPTIONAL {{ ?document <{DCTERMS.modified}> ?documentModified }}
             OPTIONAL {{ ?document <{PROV.generatedAtTime}> ?documentGenerated }} }}"""
"""What a resource, or the documents it came from, say about when it was created and changed."""

CITIES_WITH_DATA = f"""
SELECT DISTINCT ?city WHERE {{
  {{ ?x a <{CG.Motion}> }} UNION {{ ?x a <{CG.Actor}> }}
  ?x <{CG.city}> ?city .
}} ORDER BY ?city"""

PAPERS = Template(f"""
SELECT ?s ?created ?modified ?documentCreated ?documentModified ?documentGenerated WHERE {{
  ?s a <{CG.Motion}> ; <{CG.city}> $city .
  {_STAMPS}
}}""")

ACTORS = Template(f"""
SELECT ?s ?created ?modified ?documentCreated ?documentModified ?documentGenerated WHERE {{
  VALUES ?class {{ $classes }}
  ?s a ?class ; <{CG.city}> $city .
  {_STAMPS}
}}""")

CONSULTATIONS = Template(f"""
SELECT ?s ?created ?modified ?documentCreated ?documentModified ?documentGenerated WHERE {{
  ?paper a <{CG.Motion}> ; <{CG.city}> $city ; <{CG.consultation}> ?s .
  {_STAMPS}
}}""")

FILES = Template(f"""
SELECT ?s ?created ?modified ?documentCreated ?documentModified ?documentGenerated WHERE {{
  {{ SELECT DISTINCT ?s WHERE {{
      ?paper a <{CG.Motion}> ; <{CG.city}> $city ; <{DCTERMS.source}> ?s . ?s a <{CG.Document}> .
      FILTER NOT EXISTS {{ ?s <{CG.genre}> {RECORD_GENRE} }} }} }}
  OPTIONAL {{ ?s <{DCTERMS.created}> ?created }}
  OPTIONAL {{ ?s <{DCTERMS.modified}> ?modified }}
  OPTIONAL {{ ?s <{PROV.generatedAtTime}> ?documentGenerated }}
}}""")

MEMBERSHIPS = Template(f"""
SELECT ?person ?organization ?s ?created ?modified ?documentCreated ?documentModified ?documentGenerated WHERE {{
  ?person a <{CG.Person}> ; <{CG.city}> $city ; <{CG.memberOf}> ?organization .
  BIND(?person AS ?s)
  {_STAMPS}
}}""")

MEETINGS = Template(f"""
SELECT ?s ?created ?modified ?documentCreated ?documentModified ?documentGenerated WHERE {{
  ?s a <{CG.Meeting}> ; <{CG.city}> $city .
  {_STAMPS}
}}""")

AGENDA_ITEMS = Template(f"""
SELECT ?s ?created ?modified ?documentCreated ?documentModified ?documentGenerated WHERE {{
  ?s a <{CG.AgendaItem}> ; <{CG.meeting}> ?meeting . ?meeting <{CG.city}> $city .
  {_STAMPS}
}}""")

DESCRIBE = Template(f"""
CONSTRUCT {{ ?s ?p ?o . ?o ?lp ?label . ?o <{RDF.type}> ?type . }}
WHERE {{
  VALUES ?s {{ $subjects }}
  ?s ?p ?o .
  FILTER(?p NOT IN ({_LONG_TEXT}))
  OPTIONAL {{ VALUES ?lp {{ {_LABELS} }} ?o ?lp ?label }}
  OPTIONAL {{ ?o <{RDF.type}> ?type FILTER(isIRI(?o)) }}
}}""")
"""Everything the subjects state (long texts left out), with the labels and types of what they point to."""

STAMPS_OF = Template(f"""
SELECT ?s ?created ?modified ?documentCreated ?documentModified ?documentGenerated WHERE {{
  VALUES ?s {{ $subjects }}
  {_STAMPS}
}}""")

INVERSE = Template("""
SELECT ?s ?o WHERE {
  VALUES ?o { $subjects }
  ?s $predicate ?o .
}""")
"""The resources that point to the given ones with one predicate."""

PAPER_FILES = Template(f"""
SELECT ?paper ?document WHERE {{
  VALUES ?paper {{ $subjects }}
  ?paper <{DCTERMS.source}> ?document . ?document a <{CG.Document}> .
  {_NOT_A_RECORD}
  FILTER NOT EXISTS {{ ?citing <{DCTERMS.source}> ?document ; <{CG.amends}>|<{CG.refersTo}> ?paper . }}
}}""")
"""The documents that are a paper's own files: those that do not merely cite it (`cg:amends`, `cg:refersTo`)."""
