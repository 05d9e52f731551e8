"""Score what was extracted from one document against its hand-written gold annotation.

The extracted facts are read with SPARQL in the terms of docs/graph.md; the gold
files live in tests/data/gold/ (see the README there). Every field is scored as
true positives, false positives and false negatives, so that precision, recall
and F1 can be reported per field and summed over documents.

Run `python tests/scoring.py` to extract every sample document and print the table.
"""

from __future__ import annotations

import sys
from pathlib import Path


def _code_checkout(argv: list[str]) -> Path:
    """The checkout whose extraction a script run scores: `--code DIR`, else this scorer's own.

    Read before the project is imported, so that comparing revisions (this scorer and its gold
    against another checkout's rules) scores the code it names, whatever the import path holds."""
    for i, arg in enumerate(argv):
        if arg == "--code" and i + 1 < len(argv):
            return Path(argv[i + 1]).resolve()
        if arg.startswith("--code="):
            return Path(arg.split("=", 1)[1]).resolve()
    return Path(__file__).resolve().parents[1]


if __name__ == "__main__" and not __package__:  # run as a script: make the chosen checkout importable
    sys.path.insert(0, str(_code_checkout(sys.argv)))

import argparse  # noqa: E402
import functools  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import tempfile  # noqa: E402
import unicodedata  # noqa: E402
from collections.abc import Iterable, Mapping, Sequence  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from typing import TYPE_CHECKING, Any  # noqa: E402

from rdflib import RDF, Graph, Literal, URIRef  # noqa: E402
from rdflib.plugins.sparql import prepareQuery  # noqa: E402
from rdflib.plugins.sparql.sparql import Query  # noqa: E402
from rdflib.term import Identifier as Node  # noqa: E402

from councilgraph.namespaces import CGKIND, CGOUTCOME, CGROLE, CGSTANCE, PREFIXES  # noqa: E402
from councilgraph.uris import slugify  # noqa: E402

if TYPE_CHECKING:
    from ingest.pipeline import FileOutcome

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "tests" / "data" / "gold"
SAMPLES_DIR = ROOT / "examples" / "documents"
CORPUS_DIR = ROOT / "tests" / "data" / "corpus"

SETS: dict[str, tuple[Path, Path]] = {
    "samples": (SAMPLES_DIR, GOLD_DIR),
    "dev": (CORPUS_DIR / "dev" / "documents", CORPUS_DIR / "dev" / "gold"),
    "test": (CORPUS_DIR / "test" / "documents", CORPUS_DIR / "test" / "gold"),
}
"""Each set's documents and gold: the samples, and the corpus split by city into dev (tuned on) and
test (only reported)."""

FIELDS: tuple[str, ...] = (
    "documents.stored",
    "document.city",
    "motions",
    "motion.identifier",
    "motion.kind",
    "motion.date",
    "motion.title",
    "motion.city",
    "motion.submitters",
    "motion.submitter_type",
    "motion.signatories",
    "motion.principles",
    "motion.amends",
    "motion.refersTo",
    "consultations",
    "consultation.role",
    "consultation.public",
    "consultation.agendaItem",
    "consultation.result",
    "consultation.votes",
    "statements",
    "statement.date",
    "statement.signatory",
    "statement.stance",
    "persons",
    "person.position",
    "cities_mentioned",
)

ACTOR_TYPES = ("Person", "Faction", "Body", "AdministrativeUnit", "Organization")


# ---------------------------------------------------------------------------
# Scores


@dataclass
class Score:
    """Counts for one field; `missing` and `spurious` say which facts made fn and fp."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    missing: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    def hit(self, n: int = 1) -> None:
        self.tp += n

    def miss(self, what: str) -> None:
        self.fn += 1
        self.missing.append(what)

    def false_alarm(self, what: str) -> None:
        self.fp += 1
        self.spurious.append(what)

    def __add__(self, other: Score) -> Score:
        return Score(
            self.tp + other.tp,
            self.fp + other.fp,
            self.fn + other.fn,
            self.missing + other.missing,
            self.spurious + other.spurious,
        )

    @property
    def precision(self) -> float:
        claimed = self.tp + self.fp
        return self.tp / claimed if claimed else 1.0

    @property
    def recall(self) -> float:
        expected = self.tp + self.fn
        return self.tp / expected if expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def total(scores: Iterable[Mapping[str, Score]]) -> dict[str, Score]:
    """Sum per-document scores field by field (micro-averaging)."""
    summed = {name: Score() for name in FIELDS}
    for document_scores in scores:
        for name, score in document_scores.items():
            summed[name] = summed.get(name, Score()) + score
    return summed


def aggregate(scores: Iterable[Mapping[str, Score]]) -> dict[str, tuple[float, float, float]]:
    """Micro-averaged (precision, recall, F1) per field over several documents."""
    return {name: (s.precision, s.recall, s.f1) for name, s in total(scores).items()}


def stance_accuracy(totals: Mapping[str, Score]) -> float:
    """Share of matched statements whose stance equals gold (no stance on both sides agrees)."""
    matched = totals["statements"].tp
    return totals["statement.stance"].tp / matched if matched else 1.0


# ---------------------------------------------------------------------------
# Normalisation

_TITLE_TOKENS = {
    "dr",
    "prof",
    "herr",
    "frau",
    "hr",
    "fr",
    "gez",
    "med",
    "rer",
    "nat",
    "phil",
    "jur",
}
_TITLE_PAIRS = {("i", "a"), ("i", "v")}  # "i. A.", "I. V." before a signature
_QUOTES = str.maketrans(
    {
        "„": '"', "“": '"', "”": '"', "‟": '"', "«": '"', "»": '"', "″": '"',
        "‚": "'", "‘": "'", "’": "'", "‹": "'", "›": "'", "′": "'",
        "–": "-", "—": "-", "‑": "-",
    }
)  # fmt: skip
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")


def normalise_name(name: str) -> str:
    """Case-folded words without punctuation and without leading titles ("Dr.", "Herr", "i. A.")."""
    words = _WORD.findall(unicodedata.normalize("NFC", name).casefold())
    while words:
        if words[0] in _TITLE_TOKENS:
            words.pop(0)
        elif len(words) > 1 and (words[0], words[1]) in _TITLE_PAIRS:
            del words[:2]
        else:
            break
    return " ".join(words)


def normalise_text(text: str) -> str:
    """Straight quotes and hyphens, collapsed whitespace, no ellipsis after a title the information
    system cut short ("… und Aussch..."); case is kept."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    return _TRUNCATED.sub("", _SPACE.sub(" ", text).strip())


_TRUNCATED = re.compile(r"\s*(?:\.\.\.|…)$")


def normalise_identifier(identifier: str) -> str:
    return _SPACE.sub(" ", identifier).strip()


def identifier_key(identifier: str) -> str:
    """Two spellings of one reference name the same paper (as in the motion URI)."""
    return slugify(identifier)


def _names(entry: Mapping[str, Any]) -> set[str]:
    names = [entry["name"], *entry.get("aliases", [])]
    return {normalise_name(n) for n in names if n}


def _options(value: Any) -> list[Any]:
    """A gold value that may list several acceptable forms."""
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


# ---------------------------------------------------------------------------
# Reading the extracted graph


def union_graph(graph: Graph) -> Graph:
    """One graph holding every triple of every named graph, for plain SPARQL over the union."""
    if not graph.context_aware:
        return graph
    union = Graph()
    for s, p, o, _ in graph.quads((None, None, None, None)):  # type: ignore[attr-defined]
        union.add((s, p, o))
    return union


def _last_segment(node: Node, namespace: str | None = None) -> str:
    text = str(node)
    if namespace and text.startswith(namespace):
        return text[len(namespace) :]
    return text.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _as_date(node: Node) -> str:
    return str(node)[:10]


def _as_bool(node: Node) -> bool | str:
    if isinstance(node, Literal):
        value = node.toPython()
        if isinstance(value, bool):
            return value
        return str(value).strip().lower() in {"true", "1"}
    return str(node)


@functools.cache
def _principle_tops() -> dict[Node, set[str]]:
    """Each principle → the principles with a notation it reaches by skos:broader* (itself included),
    read once from the shared principles graph instead of being copied into every document's."""
    from councilgraph.reference import reference_graphs

    principles = reference_graphs("http://localhost:5000/")["principles"]
    query = "SELECT ?principle ?top WHERE { ?principle skos:broader* ?top . ?top skos:notation ?notation }"
    tops: dict[Node, set[str]] = {}
    for principle, top in principles.query(_prepared(query)):  # type: ignore[misc]
        tops.setdefault(principle, set()).add(_last_segment(top))
    return tops


@functools.cache
def _prepared(query: str) -> Query:
    """`query` parsed once per process: the scorer asks every document the same few query texts,
    and parsing one costs more than answering it on a document's graph."""
    return prepareQuery(query, initNs=PREFIXES)


@functools.cache
def _predicates(path: str) -> tuple[URIRef, ...]:
    """The IRIs of a path of alternatives written with the scorer's prefixes: "rdfs:label|foaf:name"."""
    iris = []
    for name in path.split("|"):
        prefix, local = name.strip().split(":", 1)
        iris.append(URIRef(str(PREFIXES[prefix]) + local))
    return tuple(iris)


class ExtractedGraph:
    """The facts of one document in the terms of docs/graph.md: a node's values and the nodes of a type read
    from the graph directly, joins with SPARQL."""

    def __init__(self, graph: Graph) -> None:
        self.graph = union_graph(graph)

    def select(self, query: str, **bindings: Node) -> list[tuple[Node | None, ...]]:
        rows = self.graph.query(_prepared(query), initBindings=bindings)
        return [tuple(row) for row in rows]  # type: ignore[arg-type]

    def values(self, subject: Node, path: str) -> list[Node]:
        """The objects of `subject` along `path`, prefixed names joined by "|" ("rdfs:label|foaf:name"):
        read from the graph directly, as `SELECT DISTINCT ?o WHERE { ?s path ?o }` would answer."""
        found: dict[Node, None] = {}
        for predicate in _predicates(path):
            found.update(dict.fromkeys(self.graph.objects(subject, predicate)))  # type: ignore[arg-type]
        return list(found)

    def subjects_of_type(self, cls: str) -> list[Node]:
        (kind,) = _predicates(cls)
        return sorted(set(self.graph.subjects(RDF.type, kind)))  # type: ignore[arg-type]

    def labels(self, node: Node) -> set[str]:
        """Every printed name of an actor (a literal object counts as its own label)."""
        if isinstance(node, Literal):
            return {normalise_name(str(node))}
        found = self.values(node, "rdfs:label|skos:altLabel|foaf:name|skos:prefLabel")
        return {normalise_name(str(label)) for label in found}

    def describe(self, node: Node) -> str:
        labels = self.values(node, "rdfs:label|foaf:name")
        return str(labels[0]) if labels else str(node)

    def actor_types(self, node: Node) -> set[str]:
        return {_last_segment(t) for t in self.values(node, "rdf:type")} & set(ACTOR_TYPES)

    def top_principles(self, motion: Node) -> set[str]:
        """The top-level principles a motion invokes: finer ones are followed up skos:broader*."""
        query = """
            SELECT DISTINCT ?principle ?top WHERE {
              ?m cg:principle ?principle .
              OPTIONAL { ?principle skos:broader* ?top . ?top skos:notation ?notation }
            }"""
        shared = _principle_tops()
        found: dict[Node, set[str]] = {}
        for principle, top in self.select(query, m=motion):  # the graph's own hierarchy, where it has one
            if principle is not None:
                found.setdefault(principle, set()).update({_last_segment(top)} if top else ())
        tops = (found[p] | shared.get(p, set()) or {_last_segment(p)} for p in found)
        return {top for principle_tops in tops for top in principle_tops}

    def mentioned_cities(self) -> set[str]:
        query = """
            SELECT DISTINCT ?city WHERE {
              ?x cg:mentions ?city .
              OPTIONAL { ?city a ?type }
              FILTER (?type = cg:City || CONTAINS(STR(?city), "/id/city/"))
            }"""
        return {_last_segment(city) for (city,) in self.select(query) if city is not None}


# ---------------------------------------------------------------------------
# Matching and comparing


def _match_actors(
    extracted: Sequence[Node], gold: Sequence[Mapping[str, Any]], source: ExtractedGraph
) -> tuple[list[tuple[Node, Mapping[str, Any]]], list[Node], list[Mapping[str, Any]]]:
    """Pair extracted actors with gold entries when a label equals a gold name or alias."""
    pairs: list[tuple[Node, Mapping[str, Any]]] = []
    unmatched_gold = list(gold)
    unmatched_extracted: list[Node] = []
    for node in extracted:
        labels = source.labels(node)
        partner = next((g for g in unmatched_gold if labels & _names(g)), None)
        if partner is None:
            unmatched_extracted.append(node)
        else:
            unmatched_gold.remove(partner)
            pairs.append((node, partner))
    return pairs, unmatched_extracted, unmatched_gold


def _compare(
    score: Score,
    where: str,
    gold: Any,
    extracted: Iterable[Any],
    empty_agrees: bool = False,
) -> None:
    """One gold value (or a list of acceptable forms, or None) against the extracted values.

    Each extracted value that is no acceptable form is a false positive; a gold
    value not found is a false negative. With `empty_agrees`, no value on both
    sides counts as a true positive (used where agreement is measured per item).
    """
    options = _options(gold)
    found = list(extracted)
    correct = [v for v in found if v in options]
    for value in found:
        if value not in correct:
            score.false_alarm(f"{where}: {value!r}")
    if correct:
        score.hit()
    elif options:
        score.miss(f"{where}: {options[0]!r}")
    elif empty_agrees and not found:
        score.hit()


def _score_actor_list(
    score: Score,
    where: str,
    extracted: Sequence[Node],
    gold: Sequence[Mapping[str, Any]],
    source: ExtractedGraph,
) -> list[tuple[Node, Mapping[str, Any]]]:
    pairs, spurious, missing = _match_actors(extracted, gold, source)
    score.hit(len(pairs))
    for node in spurious:
        score.false_alarm(f"{where}: {source.describe(node)}")
    for entry in missing:
        score.miss(f"{where}: {entry['name']}")
    return pairs


def _gold_motion_key(motion: Mapping[str, Any]) -> str:
    if motion.get("identifier"):
        return identifier_key(motion["identifier"])
    if motion.get("title"):
        return "title:" + normalise_text(motion["title"])
    return f"untitled:{motion.get('kind')}:{motion.get('date')}:{motion.get('primary')}"


def _gold_motion_label(motion: Mapping[str, Any]) -> str:
    return str(motion.get("identifier") or motion.get("title") or f"(untitled {motion.get('kind')})")


class _DocumentScorer:
    def __init__(self, graph: Graph, gold: Mapping[str, Any], stored: bool = True) -> None:
        self.source = ExtractedGraph(graph)
        self.gold = gold
        self.stored = stored
        self.scores = {name: Score() for name in FIELDS}
        self.persons_by_name = {p["name"]: p for p in gold.get("persons", [])}
        # gold motion key → extracted motion node
        self.motion_nodes: dict[str, Node] = {}
        self.unmatched_motion_nodes: list[Node] = []

    def run(self) -> dict[str, Score]:
        if self.stored:
            self.scores["documents.stored"].hit()
        else:
            self.scores["documents.stored"].miss(str(self.gold["document"]))
        self._score_document_city()
        self._match_motions()
        self._score_motions()
        self._score_consultations()
        self._score_statements()
        self._score_persons()
        self._score_cities()
        return self.scores

    # -- motions

    def _match_motions(self) -> None:
        source = self.source
        gold_motions = list(self.gold["motions"])
        by_identifier = {
            identifier_key(m["identifier"]): m for m in gold_motions if m.get("identifier")
        }
        without_identifier: list[Node] = []
        for node in source.subjects_of_type("cg:Motion"):
            keys = {identifier_key(str(i)) for i in source.values(node, "dcterms:identifier")}
            key = next((k for k in sorted(keys) if k in by_identifier), None)
            if key is not None and key not in self.motion_nodes:
                self.motion_nodes[key] = node
            elif not keys:
                without_identifier.append(node)
            else:
                self.unmatched_motion_nodes.append(node)
        # first the papers whose title an extracted paper carries (an untitled paper must not take the
        # node whose title names another), then the others, the primary paper first: a titled paper
        # the extraction did not title must not take the node it made of the document's own paper
        # a gold paper whose reference the extraction missed is still the extracted paper its title
        # names: the reference counts as missed, not every field of the paper
        unmatched = sorted(
            (m for m in gold_motions if _gold_motion_key(m) not in self.motion_nodes),
            key=lambda m: not m.get("primary"),
        )
        for titled_only in (True, False):
            for motion in list(unmatched):
                if motion.get("identifier") and not titled_only:
                    continue
                candidates = [n for n in without_identifier if not titled_only or self._title_agrees(n, motion)]
                if not candidates:
                    continue
                node = max(candidates, key=lambda n: self._agreement(n, motion))
                without_identifier.remove(node)
                unmatched.remove(motion)
                self.motion_nodes[_gold_motion_key(motion)] = node
        self.unmatched_motion_nodes.extend(without_identifier)

    def _title_agrees(self, node: Node, motion: Mapping[str, Any]) -> bool:
        titles = {normalise_text(str(t)) for t in self.source.values(node, "dcterms:title")}
        return bool(titles & {normalise_text(t) for t in self._titles(motion)})

    def _agreement(self, node: Node, motion: Mapping[str, Any]) -> int:
        """How well an extracted paper without reference fits a gold paper without one."""
        titles = {normalise_text(str(t)) for t in self.source.values(node, "dcterms:title")}
        kinds = {_last_segment(k, str(CGKIND)) for k in self.source.values(node, "cg:kind")}
        dates = {_as_date(d) for d in self.source.values(node, "dcterms:date")}
        return (
            2 * bool(titles & {normalise_text(t) for t in self._titles(motion)})
            + (motion.get("kind") in kinds)
            + (motion.get("date") in dates)
        )

    @staticmethod
    def _titles(motion: Mapping[str, Any]) -> list[str]:
        return [t for t in [motion.get("title"), *motion.get("titleVariants", [])] if t]

    def _score_motions(self) -> None:
        s, source = self.scores, self.source
        for node in self.unmatched_motion_nodes:
            s["motions"].false_alarm(source.describe(node))
        for motion in self.gold["motions"]:
            if motion.get("primary"):
                self._score_primary_motion(motion)

    def _score_primary_motion(self, motion: Mapping[str, Any]) -> None:
        s, source = self.scores, self.source
        label = _gold_motion_label(motion)
        node = self.motion_nodes.get(_gold_motion_key(motion))
        if node is None:
            s["motions"].miss(label)
            self._count_unfound_motion(motion, label)
            return
        s["motions"].hit()
        identifiers = [
            normalise_identifier(str(i)) for i in source.values(node, "dcterms:identifier")
        ]
        _compare(s["motion.identifier"], label, motion.get("identifier"), identifiers)
        kinds = [_last_segment(k, str(CGKIND)) for k in source.values(node, "cg:kind")]
        _compare(s["motion.kind"], label, motion.get("kind"), kinds)
        dates = [_as_date(d) for d in source.values(node, "dcterms:date")]
        _compare(s["motion.date"], label, motion.get("date"), dates)
        titles = [normalise_text(str(t)) for t in source.values(node, "dcterms:title")]
        gold_titles = [normalise_text(t) for t in self._titles(motion)]
        _compare(s["motion.title"], label, gold_titles, titles)
        cities = [_last_segment(c) for c in source.values(node, "cg:city")]
        _compare(s["motion.city"], label, motion.get("city"), cities)

        submitters = source.values(node, "cg:submittedBy")
        gold_submitters = motion.get("submitters", [])
        pairs = _score_actor_list(
            s["motion.submitters"], label, submitters, gold_submitters, source
        )
        for actor, entry in pairs:
            types = sorted(source.actor_types(actor))
            where = f"{label} {entry['name']}"
            _compare(s["motion.submitter_type"], where, entry.get("type"), types)
        signers = source.values(node, "cg:signedBy")
        gold_signers = motion.get("signatories", [])
        _score_actor_list(s["motion.signatories"], label, signers, gold_signers, source)
        principles = source.top_principles(node)
        self._score_set(s["motion.principles"], label, motion.get("principles", []), principles)
        for name in ("amends", "refersTo"):
            targets = {self._paper_key(t) for t in source.values(node, f"cg:{name}")}
            wanted = {identifier_key(i) for i in motion.get(name, [])}
            self._score_set(s[f"motion.{name}"], label, wanted, targets)

    def _paper_key(self, node: Node) -> str:
        identifiers = self.source.values(node, "dcterms:identifier")
        return identifier_key(str(identifiers[0])) if identifiers else _last_segment(node)

    def _count_unfound_motion(self, motion: Mapping[str, Any], label: str) -> None:
        s = self.scores
        for name in ("identifier", "kind", "date", "title", "city"):
            if motion.get(name):
                s[f"motion.{name}"].miss(f"{label}: {motion[name]!r}")
        for entry in motion.get("submitters", []):
            s["motion.submitters"].miss(f"{label}: {entry['name']}")
            s["motion.submitter_type"].miss(f"{label}: {entry['name']}")
        for entry in motion.get("signatories", []):
            s["motion.signatories"].miss(f"{label}: {entry['name']}")
        for principle in motion.get("principles", []):
            s["motion.principles"].miss(f"{label}: {principle}")
        for name in ("amends", "refersTo"):
            for target in motion.get(name, []):
                s[f"motion.{name}"].miss(f"{label}: {target}")

    @staticmethod
    def _score_set(score: Score, where: str, gold: Iterable[str], extracted: Iterable[str]) -> None:
        wanted, found = set(gold), set(extracted)
        score.hit(len(wanted & found))
        for item in sorted(found - wanted):
            score.false_alarm(f"{where}: {item}")
        for item in sorted(wanted - found):
            score.miss(f"{where}: {item}")

    # -- consultations

    def _gold_motion_for(self, reference: str | None) -> Mapping[str, Any] | None:
        """The gold paper an entry names by identifier or title; `null` names the primary paper
        that prints neither."""
        for motion in self.gold["motions"]:
            if reference is not None and reference in (motion.get("identifier"), motion.get("title")):
                return motion
            if reference is None and motion.get("primary") and not motion.get("identifier") and not motion.get("title"):
                return motion
        return None

    def _primary_nodes(self) -> dict[Node, Mapping[str, Any]]:
        nodes: dict[Node, Mapping[str, Any]] = {}
        for motion in self.gold["motions"]:
            node = self.motion_nodes.get(_gold_motion_key(motion))
            if motion.get("primary") and node is not None:
                nodes[node] = motion
        return nodes

    def _scored_nodes(self) -> set[Node]:
        """Papers whose consultations and statements count: primary ones and unmatched ones."""
        return set(self._primary_nodes()) | set(self.unmatched_motion_nodes)

    def _score_consultations(self) -> None:
        s, source = self.scores, self.source
        candidates: list[tuple[Node, Node]] = [
            (motion, consultation)
            for motion in sorted(self._scored_nodes(), key=str)
            for consultation in source.values(motion, "cg:consultation")
        ]
        for entry in self.gold.get("consultations", []):
            gold_motion = self._gold_motion_for(entry["motion"])
            node = self.motion_nodes.get(_gold_motion_key(gold_motion)) if gold_motion else None
            where = f"{entry['motion']} {entry['body']} {entry.get('date')}"
            found = next(
                (c for c in candidates if c[0] == node and self._consultation_fits(c[1], entry)),
                None,
            )
            if found is None:
                s["consultations"].miss(where)
                for name in ("role", "public", "agendaItem", "result"):
                    if entry.get(name) is not None:
                        s[f"consultation.{name}"].miss(f"{where}: {entry[name]!r}")
                for name, count in _gold_votes(entry).items():
                    s["consultation.votes"].miss(f"{where}: {name} {count}")
                continue
            candidates.remove(found)
            s["consultations"].hit()
            consultation = found[1]
            roles = [_last_segment(r, str(CGROLE)) for r in source.values(consultation, "cg:role")]
            _compare(s["consultation.role"], where, entry.get("role"), roles)
            public = [_as_bool(v) for v in source.values(consultation, "cg:public")]
            _compare(s["consultation.public"], where, entry.get("public"), public)
            items = [normalise_text(str(v)) for v in source.values(consultation, "cg:agendaItem")]
            _compare(s["consultation.agendaItem"], where, entry.get("agendaItem"), items)
            results = [
                _last_segment(r, str(CGOUTCOME)) for r in source.values(consultation, "cg:result")
            ]
            _compare(s["consultation.result"], where, entry.get("result"), results)
            self._score_votes(where, entry, consultation)
        for motion, consultation in candidates:
            bodies = ", ".join(source.describe(b) for b in source.values(consultation, "cg:body"))
            when = self._consultation_date(consultation)
            s["consultations"].false_alarm(f"{source.describe(motion)} {bodies} {when}")

    def _score_votes(self, where: str, entry: Mapping[str, Any], consultation: Node) -> None:
        """Each printed count (for, against, abstentions) is one fact."""
        wanted = _gold_votes(entry)
        for name, prop in VOTE_PROPERTIES.items():
            found = [int(v) for v in self.source.values(consultation, prop)]  # type: ignore[call-overload]
            if name in wanted or found:
                _compare(self.scores["consultation.votes"], f"{where} {name}", wanted.get(name), found)

    def _consultation_fits(self, consultation: Node, entry: Mapping[str, Any]) -> bool:
        """Same date (or none on both sides) and a body printed as the gold body."""
        if self._consultation_date(consultation) != entry.get("date"):
            return False
        if entry.get("body") is None:
            return True  # the body is not printed: the date decides
        names = _names({"name": entry["body"], "aliases": entry.get("bodyAliases", [])})
        bodies = self.source.values(consultation, "cg:body")
        return any(self.source.labels(body) & names for body in bodies)

    def _consultation_date(self, consultation: Node) -> str | None:
        dates = self.source.values(consultation, "dcterms:date")
        return _as_date(dates[0]) if dates else None

    # -- statements

    def _score_statements(self) -> None:
        s, source = self.scores, self.source
        scored = self._scored_nodes()
        # statements on a paper only cited are out of scope, unless gold records answers to it (the
        # further questions asked aloud in one record, README guideline 11)
        answered = [self._gold_motion_for(entry["about"]) for entry in self.gold.get("statements", [])]
        answered_nodes = {self.motion_nodes.get(_gold_motion_key(m)) for m in answered if m is not None}
        cited = set(self.motion_nodes.values()) - set(self._primary_nodes()) - answered_nodes
        candidates: list[Node] = []
        for statement in source.subjects_of_type("cg:Statement"):
            about = source.values(statement, "cg:about")
            if any(m in cited for m in about) and not any(m in scored for m in about):
                continue  # statements on papers only cited are out of scope
            candidates.append(statement)

        gold_statements = list(self.gold.get("statements", []))
        pairs: dict[int, Node] = {}
        for same_date_only in (True, False):
            for index, entry in enumerate(gold_statements):
                if index in pairs:
                    continue
                found: Node | None = next(
                    (c for c in candidates if self._statement_fits(c, entry, same_date_only)), None
                )
                if found is not None:
                    candidates.remove(found)
                    pairs[index] = found

        for index, entry in enumerate(gold_statements):
            where = f"{entry['about']} {entry['author']['name']} {entry.get('date')}"
            paired = pairs.get(index)
            if paired is None:
                s["statements"].miss(where)
                for name in ("date", "signatory", "stance"):
                    if entry.get(name) is not None:
                        s[f"statement.{name}"].miss(f"{where}: {entry[name]!r}")
                continue
            s["statements"].hit()
            dates = [_as_date(d) for d in source.values(paired, "dcterms:date")]
            _compare(s["statement.date"], where, entry.get("date"), dates)
            self._score_statement_signatory(where, entry.get("signatory"), paired)
            stances = [_last_segment(v, str(CGSTANCE)) for v in source.values(paired, "cg:stance")]
            _compare(s["statement.stance"], where, entry.get("stance"), stances, empty_agrees=True)
        for statement in candidates:
            authors = ", ".join(source.describe(a) for a in source.values(statement, "cg:author"))
            s["statements"].false_alarm(f"{source.describe(statement)} by {authors}")

    def _statement_fits(
        self, statement: Node, entry: Mapping[str, Any], same_date_only: bool
    ) -> bool:
        source = self.source
        gold_motion = self._gold_motion_for(entry["about"])
        node = self.motion_nodes.get(_gold_motion_key(gold_motion)) if gold_motion else None
        if node is None or node not in source.values(statement, "cg:about"):
            return False
        names = _names(entry["author"])
        if not any(source.labels(a) & names for a in source.values(statement, "cg:author")):
            return False
        if not same_date_only:
            return True
        dates = {_as_date(d) for d in source.values(statement, "dcterms:date")}
        return entry.get("date") in dates if entry.get("date") else not dates

    def _score_statement_signatory(
        self, where: str, signatory: str | None, statement: Node
    ) -> None:
        score = self.scores["statement.signatory"]
        signers = self.source.values(statement, "cg:signedBy")
        if signatory is None:
            for signer in signers:
                score.false_alarm(f"{where}: {self.source.describe(signer)}")
            return
        person = self.persons_by_name.get(signatory, {"name": signatory})
        _score_actor_list(score, where, signers, [person], self.source)

    # -- persons and cities

    def _score_document_city(self) -> None:
        """The council the document belongs to, as the document node states it."""
        wanted = self.gold.get("city") or next(
            (m.get("city") for m in self.gold["motions"] if m.get("primary")), None
        )
        found = [
            _last_segment(city)
            for document in self.source.subjects_of_type("cg:Document")
            for city in self.source.values(document, "cg:city")
        ]
        _compare(self.scores["document.city"], "document", wanted, found)

    def _score_persons(self) -> None:
        s, source = self.scores, self.source
        gold_persons = self.gold.get("persons", [])
        persons = source.subjects_of_type("cg:Person")
        pairs = _score_actor_list(s["persons"], "person", persons, gold_persons, source)
        matched = {id(entry) for _, entry in pairs}
        for node, entry in pairs:
            printed = source.values(node, "cg:position")
            positions = [normalise_text(str(p)).casefold() for p in printed]
            wanted = [normalise_text(p).casefold() for p in _options(entry.get("position"))]
            _compare(s["person.position"], entry["name"], wanted, positions)
        for entry in self.gold.get("persons", []):
            if id(entry) not in matched and entry.get("position"):
                s["person.position"].miss(f"{entry['name']}: {_options(entry['position'])[0]!r}")

    def _score_cities(self) -> None:
        own = {m["city"] for m in self.gold["motions"] if m.get("primary")} | {self.gold.get("city")}
        found = self.source.mentioned_cities() - own
        wanted = self.gold.get("cities_mentioned", [])
        self._score_set(self.scores["cities_mentioned"], "mentions", wanted, found)


VOTE_PROPERTIES = {"for": "cg:votesFor", "against": "cg:votesAgainst", "abstentions": "cg:abstentions"}


def _gold_votes(entry: Mapping[str, Any]) -> dict[str, int]:
    votes = entry.get("votes") or {}
    return {name: int(votes[name]) for name in VOTE_PROPERTIES if votes.get(name) is not None}


def score_document(graph: Graph, gold: Mapping[str, Any], stored: bool = True) -> dict[str, Score]:
    """Scores per field for one document's graph (with the reference graphs) against its gold.

    `stored=False` scores a document the pipeline refused: everything in its gold is missing.
    """
    return _DocumentScorer(graph, gold, stored).run()


# ---------------------------------------------------------------------------
# Gold files and the command line


def load_gold(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        gold: dict[str, Any] = json.load(handle)
    return gold


def gold_files(directory: Path = GOLD_DIR) -> list[Path]:
    return sorted(directory.glob("*.json"))


def _processed(document: Path, base_uri: str) -> FileOutcome:
    """`process_file(document, Settings(base_uri=base_uri))`."""
    # imported here, so that the scorer and its own tests do not need the extraction pipeline
    from councilgraph.settings import Settings
    from ingest.pipeline import process_file

    return process_file(document, Settings(base_uri=base_uri))


@functools.cache
def processed(document: Path, base_uri: str = "http://localhost:5000/") -> FileOutcome:
    """`process_file(document, Settings(base_uri=base_uri))`, once per process: for the checkout's own
    documents, which never change during a run.

    The corpus floors (tests/test_corpus_scores.py) and the comparison of the compiled SHACL checks
    with pyshacl (tests/test_compiled_shacl.py) extract the dev split with the same settings; both
    mark their tests `shares_work("corpus-extraction")`, so that one worker runs both
    (tests/parallel_order.py) and the second reads what the first extracted. Nothing that reads an
    outcome changes it: the scorer copies its graph, the comparison adds it to a union of its own."""
    return _processed(document, base_uri)


def extract_with_reference(document: Path, base_uri: str = "http://localhost:5000/") -> Graph:
    """The graph one document yields as ingest would store it (extracted and validated), together
    with the reference graphs. Raises `CouncilGraphError` where ingest would refuse the file."""
    from councilgraph.errors import CouncilGraphError

    # a folder made for one run (a manifest's addresses, a test's own files) is read afresh
    outcome = processed(document, base_uri) if document.is_relative_to(ROOT) else _processed(document, base_uri)
    if outcome.error is not None or outcome.extraction is None:
        raise CouncilGraphError(outcome.error or f"{document}: nothing extracted")
    return reference_graph(base_uri, touching=outcome.extraction.graph)


def reference_graph(base_uri: str = "http://localhost:5000/", touching: Graph | None = None) -> Graph:
    """The reference graphs a score reads, with `touching` added: of the gazetteer (some 124,000
    triples, which would cost seconds to copy per document), the descriptions of the places
    `touching` names. The principles are read once (`_principle_tops`); the ontology and the
    vocabularies bear on no score: kinds, roles and outcomes are read from their IRIs."""
    from councilgraph.reference import reference_graphs

    graph = Graph(store="SimpleMemory")  # no contexts: copied into twice as fast, and none is asked for
    references = reference_graphs(base_uri)
    if touching is not None:
        gazetteer = references["gazetteer"]
        named = {node for triple in touching for node in (triple[0], triple[2]) if isinstance(node, URIRef)}
        for node in named:
            for triple in gazetteer.triples((node, None, None)):
                graph.add(triple)
        graph += touching
    return graph


def source_addresses(folder: Path) -> dict[str, str]:
    """File name → the address it was published at, from the `SOURCES*.md` tables of a corpus
    split (the column whose header names the source; `github:` entries are no web address)."""
    found: dict[str, str] = {}
    for table in sorted(folder.glob("SOURCES*.md")):
        columns: list[str] | None = None
        for line in table.read_text(encoding="utf-8").splitlines():
            if not line.startswith("|"):
                columns = None
                continue
            cells = [cell.strip().strip("`") for cell in line.strip().strip("|").split("|")]
            if columns is None:
                columns = [cell.casefold() for cell in cells]
                continue
            if set("".join(cells)) <= set("-: "):
                continue
            named = dict(zip(columns, cells, strict=False))
            file = next((v for k, v in named.items() if "file" in k or "datei" in k), "")
            cell = next((v for k, v in named.items() if "source" in k or "quelle" in k or "url" in k), "")
            address = re.search(r"https?://\S+", cell)
            if file and address:
                found[file] = address.group(0).rstrip(")>.,")
    return found


def _with_manifest(documents: Path, names: Iterable[str], addresses: Mapping[str, str], into: Path) -> Path:
    """A folder as a data steward would hand it over: the documents and a `manifest.csv` giving
    each one's `source_url`."""
    import csv

    folder = into / documents.name
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "source_url"])
        for name in names:
            (folder / name).symlink_to((documents / name).resolve())
            if name in addresses:
                writer.writerow([name, addresses[name]])
    return folder


def score_samples(
    gold_directory: Path = GOLD_DIR,
    documents: Path = SAMPLES_DIR,
    refused: dict[str, str] | None = None,
    addresses: Mapping[str, str] | None = None,
) -> dict[str, dict[str, Score]]:
    """Extract and score every document that has a gold file; a refused document scores as found
    nothing, and its reason goes into `refused`. With `addresses`, each document is read with the
    address it was published at, as a harvester or a manifest gives it."""
    with tempfile.TemporaryDirectory() as scratch:
        golds = [load_gold(path) for path in gold_files(gold_directory)]
        if addresses is not None:
            documents = _with_manifest(documents, [g["document"] for g in golds], addresses, Path(scratch))
        return _score_golds(golds, documents, refused)


def _score_golds(
    golds: list[dict[str, Any]], documents: Path, refused: dict[str, str] | None
) -> dict[str, dict[str, Score]]:
    from councilgraph.errors import CouncilGraphError

    results: dict[str, dict[str, Score]] = {}
    for gold in golds:
        try:
            graph = extract_with_reference(documents / gold["document"])
            stored = True
        except CouncilGraphError as error:
            graph, stored = reference_graph(), False
            if refused is not None:
                refused[gold["document"]] = str(error)
        results[gold["document"]] = score_document(graph, gold, stored)
    return results


def score_set(
    name: str,
    refused: dict[str, str] | None = None,
    with_addresses: bool = False,
    text_only: Mapping[str, dict[str, Score]] | None = None,
) -> dict[str, dict[str, Score]]:
    """Score one of SETS by name: "samples", "dev" or "test"; `with_addresses`: each document
    read with the address its SOURCES table gives.

    `text_only`, the same set's scores read without addresses, saves extracting again the
    documents whose address does not change the city decided (see `address_changes_city`)."""
    documents, gold = SETS[name]
    if not with_addresses:
        return score_samples(gold, documents, refused)
    addresses = source_addresses(documents.parent)
    if text_only is None:
        return score_samples(gold, documents, refused, addresses)
    changed = {n: a for n, a in addresses.items() if n in text_only and address_changes_city(documents / n, a)}
    kept = {n: scores for n, scores in text_only.items() if n not in changed}
    golds = [g for g in map(load_gold, gold_files(gold)) if g["document"] not in kept]
    with tempfile.TemporaryDirectory() as scratch:
        folder = _with_manifest(documents, [g["document"] for g in golds], addresses, Path(scratch))
        return {**kept, **_score_golds(golds, folder, refused)}


def address_changes_city(document: Path, address: str) -> bool:
    """Whether reading `document` with the `address` it was published at decides another city
    than its text alone. The city decision is all an address changes in what is scored (beside
    it, only the document's URI and its provenance), so where it decides the same city the
    extraction scores the same."""
    from ingest.genres.city import decide
    from ingest.readers import read_document

    text = read_document(document).text
    folder = document.parent.name
    return decide(text, folder=folder, source_url=address).city != decide(text, folder=folder).city


def format_table(totals: Mapping[str, Score]) -> str:
    header = f"{'field':<26}{'tp':>5}{'fp':>5}{'fn':>5}{'precision':>11}{'recall':>8}{'F1':>7}"
    lines = [header, "-" * len(header)]
    for name in FIELDS:
        s = totals[name]
        lines.append(
            f"{name:<26}{s.tp:>5}{s.fp:>5}{s.fn:>5}{s.precision:>11.3f}{s.recall:>8.3f}{s.f1:>7.3f}"
        )
    lines.append(f"{'stance accuracy':<41}{stance_accuracy(totals):>11.3f}")
    return "\n".join(lines)


GENRE_FIELDS = (
    "motions", "motion.identifier", "motion.kind", "motion.date", "motion.title", "motion.submitters",
    "motion.principles", "consultations", "statements", "persons", "document.city",
)  # fmt: skip
"""The fields `format_by_genre` shows, one column each."""


def genres(gold_directory: Path) -> dict[str, str]:
    """Document file name → the genre its gold file gives ("motion", "minutes", "other", …)."""
    return {g["document"]: str(g.get("genre") or "unknown") for g in map(load_gold, gold_files(gold_directory))}


def format_by_genre(results: Mapping[str, Mapping[str, Score]], genre_of: Mapping[str, str]) -> str:
    """F1 of the main fields per genre of document, with the number of documents and of gold facts
    behind each figure ("0.500 (4)"): a field scored on few facts moves by a whole document."""
    by_genre: dict[str, list[Mapping[str, Score]]] = {}
    for document, scores in results.items():
        by_genre.setdefault(genre_of.get(document, "unknown"), []).append(scores)
    header = f"{'genre':<18}{'docs':>5}" + "".join(f"{name.split('.')[-1][:12]:>14}" for name in GENRE_FIELDS)
    lines = [header, "-" * len(header)]
    for genre, documents in sorted(by_genre.items(), key=lambda item: -len(item[1])):
        totals = total(documents)
        cells = "".join(f"{totals[n].f1:>8.3f} ({totals[n].tp + totals[n].fn:>3})" for n in GENRE_FIELDS)
        lines.append(f"{genre:<18}{len(documents):>5}{cells}")
    return "\n".join(lines)


def gold_version() -> str:
    """The version of the annotation guidelines the gold follows, as `tests/data/gold/README.md`
    states it ("Gold version: 2"): figures under different versions are not comparable."""
    m = re.search(r"^Gold version:\s*(\S+)", (GOLD_DIR / "README.md").read_text(encoding="utf-8"), re.MULTILINE)
    return m.group(1) if m else "unknown"


def format_errors(results: Mapping[str, Mapping[str, Score]]) -> str:
    lines: list[str] = []
    for document, scores in results.items():
        for name, score in scores.items():
            lines += [f"{document}  {name}  missing  {m}" for m in score.missing]
            lines += [f"{document}  {name}  spurious {m}" for m in score.spurious]
    return "\n".join(lines)


def _check_scored_code(code: Path | None) -> None:
    """Fail unless the extraction imported is the one `--code` names, and say which one is scored."""
    import ingest

    imported = Path(ingest.__file__).resolve().parents[1]
    if code is not None and imported != code.resolve():
        raise SystemExit(
            f"--code {code}: the extraction imported is {imported}; run this scorer as a script"
            " (python tests/scoring.py --code DIR) so that DIR is imported first"
        )
    print(f"extraction of {imported}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Score the extraction of the samples against gold."
    )
    parser.add_argument("--errors", action="store_true", help="list missing and spurious facts")
    parser.add_argument(
        "--set", choices=sorted(SETS), default="samples", help="which documents: samples, dev or test corpus"
    )
    parser.add_argument("--gold", type=Path, help="folder of gold JSON files (instead of --set)")
    parser.add_argument("--documents", type=Path, help="folder of documents (instead of --set)")
    parser.add_argument(
        "--addresses",
        action="store_true",
        help="read each document with the address it was published at (from the SOURCES*.md tables beside"
        " the documents' folder), as a harvester or a folder's manifest.csv gives it",
    )
    parser.add_argument(
        "--by-genre",
        action="store_true",
        help="also print F1 per genre of document (the gold's \"genre\": motion, minutes, other, …)",
    )
    parser.add_argument(
        "--code",
        type=Path,
        help="score the extraction of another checkout (a git worktree of an earlier revision) with this"
        " scorer and its gold; default: this scorer's own checkout",
    )
    args = parser.parse_args(argv)
    _check_scored_code(args.code)
    documents, gold = SETS[args.set]
    documents = args.documents or documents
    addresses = source_addresses(documents.parent) if args.addresses else None
    refused: dict[str, str] = {}
    results = score_samples(args.gold or gold, documents, refused, addresses)
    mode = f", with {len(addresses)} source addresses" if addresses is not None else ""
    label = args.set if args.gold is None and args.documents is None else str(args.documents or args.gold)
    print(f"{label}: {len(results)} documents, {len(refused)} refused{mode}; gold version {gold_version()}\n")
    print(format_table(total(results.values())))
    if args.by_genre:
        print()
        print(format_by_genre(results, genres(args.gold or gold)))
    for document, reason in sorted(refused.items()):
        print(f"refused {document}: {reason}")
    if args.errors:
        print()
        print(format_errors(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
