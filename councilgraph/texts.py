"""Full texts of source documents: one text graph per document, beside its data graph.

A document's `cg:text` is most of its graph's size, yet no query over the data
needs it. So the text lives in a graph of its own, `B/graph/text/{doc}`
(`UriMinter.text_graph`), which the store leaves out of the union default
graph and of the data dumps; search and the document pages read it by name
(`GRAPH ?g { ?doc cg:text ?text }`), and the text dump holds all of them.
"""

from __future__ import annotations

import pyoxigraph as ox

from councilgraph.namespaces import CG
from councilgraph.store import GraphStore
from councilgraph.uris import UriMinter

TEXT_PREDICATE = f"<{CG.text}>"

TEXT_OF = f"SELECT ?text WHERE {{ GRAPH ?graph {{ $document {TEXT_PREDICATE} ?text }} }} LIMIT 1"
"""The full text of one document (bind `$document`), wherever its text graph is."""


def split_text(ntriples: str) -> tuple[str, str]:
    """A document graph's N-Triples → (its data without `cg:text`, its `cg:text` statements).

    Lines end at `\n` only: N-Triples escapes no other line break, and a text holding one (a
    U+2028, say) must not be cut inside its literal. The `cg:text` lines are found by their
    predicate rather than by reading every line (a document has hundreds of lines, one text)."""
    marker = f" {TEXT_PREDICATE} "
    data: list[str] = []
    text: list[str] = []
    copied = searched = 0
    while (found := ntriples.find(marker, searched)) >= 0:
        line_start = ntriples.rfind("\n", 0, found) + 1
        newline = ntriples.find("\n", found)
        line_end = len(ntriples) if newline < 0 else newline + 1
        if " " not in ntriples[line_start:found]:  # the marker follows the subject: it is the predicate
            data.append(ntriples[copied:line_start])
            text.append(ntriples[line_start:line_end])
            copied = line_end
        searched = line_end
    data.append(ntriples[copied:])
    return "".join(data), "".join(text)


def document_graphs(minter: UriMinter, document: str, ntriples: str) -> dict[str, str]:
    """The graphs one document's statements go to: its data graph and its text graph."""
    data, text = split_text(ntriples)
    return {document: data, str(minter.text_graph(document)): text}


def full_text(store: GraphStore, document: str) -> ox.Literal | None:
    """The document's full text from its text graph; None when none was read."""
    result = store.query(TEXT_OF.replace("$document", str(ox.NamedNode(document))))
    assert isinstance(result, ox.QuerySolutions)
    for row in result:
        text = row["text"]
        return text if isinstance(text, ox.Literal) else None
    return None
