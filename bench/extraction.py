"""Extraction CPU per document, the code of several checkouts side by side in one run.

    python -m bench.extraction --files dev=LIST --files bench=LIST --rounds 4 TREE TREE...

Each LIST names one document a line; each TREE is a checkout (or `git archive` export) whose
`ingest` is imported in a process of its own. Rounds alternate the order of the trees, so that a
machine whose speed changes weighs on all of them. Extraction keeps what it read per text, so every
round appends a suffix of its own to each text: each document is read fresh, as ingest reads it.
Only `ingest.extract.extract` is timed (no validation, no store), as CPU time of its process.
"""

from __future__ import annotations

import argparse
import os
import statistics
from pathlib import Path

from bench.measure import json_from_child

_CHILD = """
import gc, json, sys, time
from dataclasses import replace
from pathlib import Path
tree, listing, round_ = sys.argv[1], sys.argv[2], int(sys.argv[3])
sys.path.insert(0, tree)
import ingest
assert Path(ingest.__file__).is_relative_to(tree), ingest.__file__
from councilgraph.settings import Settings
from ingest.extract import extract
from ingest.readers import read_document
minter = Settings(base_uri="http://localhost:5000/").minter
sources = [read_document(Path(line)) for line in Path(listing).read_text().split()]
for source in sources[:20]:  # imports and compiled patterns, on other texts
    extract(replace(source, text=f"{source.text}\\n\\nWarm {round_}"), minter)
fresh = [replace(s, text=f"{s.text}\\n\\nRunde {round_} {i}.") for i, s in enumerate(sources)]
gc.collect()
started = time.process_time()
for source in fresh:
    extract(source, minter)
print(json.dumps((time.process_time() - started) / len(fresh) * 1000))
"""


def measure(tree: Path, listing: Path, round_: int) -> float:
    """Extraction CPU ms per document of the files in `listing`, by the code in `tree`."""
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONPATH=str(tree))
    args = [_CHILD, str(tree), str(listing), str(round_)]
    return float(json_from_child(args, cwd=tree, what=f"extraction by {tree}", env=env))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trees", nargs="+", type=Path, help="checkouts whose extraction is timed")
    parser.add_argument("--files", action="append", required=True, help="NAME=LIST: one document path a line")
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()
    sets = [tuple(spec.split("=", 1)) for spec in args.files]
    trees = [tree.resolve() for tree in args.trees]
    times: dict[tuple[str, Path], list[float]] = {(name, tree): [] for name, _ in sets for tree in trees}
    for round_ in range(max(1, args.rounds)):
        for name, listing in sets:
            for tree in trees if round_ % 2 == 0 else trees[::-1]:
                times[(name, tree)].append(measure(tree, Path(listing), round_))
    for (name, tree), values in times.items():
        rounds = " ".join(f"{v:6.2f}" for v in values)
        print(f"{name:8} {str(tree):32} {rounds}   median {statistics.median(values):.2f} ms/document")
    print("load average", " ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
