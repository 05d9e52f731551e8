"""Every namespace and ontology term the Python code uses, in one place.

A test checks that each `CG` term used anywhere in the code is declared in
`ontology/councilgraph.ttl`.
"""

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD

CG_IRI = "https://w3id.org/councilgraph/ontology#"
VOCAB_IRI = "https://w3id.org/councilgraph/vocab/"
PRINCIPLE_IRI = "https://w3id.org/councilgraph/principle/"
"""The principles: shared concepts, the same IRIs in every deployment (not under its base)."""
PRINCIPLE_SCHEME_IRI = PRINCIPLE_IRI.rstrip("/")



class _TermsKept(Namespace):
    """A `Namespace` that makes each term named as an attribute (`CG.start`) once: rdflib's makes
    and checks a new `URIRef` at every use, and the graph builder uses a few terms per statement."""

    def __getattr__(self, name: str) -> URIRef:
        term = super().__getattr__(name)
        self.__dict__[name] = term  # found before `__getattr__` is asked again
        return term


CG = _TermsKept(CG_IRI)
CGKIND = _TermsKept(VOCAB_IRI + "kind/")
CGSTANCE = _TermsKept(VOCAB_IRI + "stance/")
CGROLE = _TermsKept(VOCAB_IRI + "role/")
CGOUTCOME = _TermsKept(VOCAB_IRI + "outcome/")
CGPRINCIPLE = _TermsKept(PRINCIPLE_IRI)
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
SCHEMA = Namespace("https://schema.org/")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
VOID = Namespace("http://rdfs.org/ns/void#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
SH = _TermsKept("http://www.w3.org/ns/shacl#")
GEONAMES = Namespace("https://sws.geonames.org/")
# foaf:honorificPrefix is a FOAF term that rdflib's closed FOAF namespace does not list.
FOAF_HONORIFIC_PREFIX = URIRef(str(FOAF) + "honorificPrefix")

PREFIXES: dict[str, str] = {
    "cg": CG_IRI,
    "cgkind": str(CGKIND),
    "cgstance": str(CGSTANCE),
    "cgrole": str(CGROLE),
    "cgoutcome": str(CGOUTCOME),
    "cgprinciple": PRINCIPLE_IRI,
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "foaf": str(FOAF),
    "prov": str(PROV),
    "geo": str(GEO),
    "schema": str(SCHEMA),
    "dcat": str(DCAT),
    "void": str(VOID),
}

__all__ = [
    "CG",
    "CGKIND",
    "CGOUTCOME",
    "CGPRINCIPLE",
    "CGROLE",
    "CGSTANCE",
    "DCAT",
    "DCTERMS",
    "FOAF",
    "FOAF_HONORIFIC_PREFIX",
    "GEO",
    "GEONAMES",
    "OWL",
    "PREFIXES",
    "PRINCIPLE_IRI",
    "PRINCIPLE_SCHEME_IRI",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SD",
    "SH",
    "SKOS",
    "VOID",
    "XSD",
]
