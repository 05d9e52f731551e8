"""The ingest workers are forked with the extraction's patterns compiled (ingest/warm_up.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "documents" / "halle_VII-2021-03290_antrag_cities-for-digital-rights.txt"

_COUNT_COMPILES = """
import sys
from pathlib import Path
import re._compiler
from councilgraph.settings import Settings
from ingest.pipeline import _warm_up, process_file

settings = Settings(store="unused", base_uri="http://localhost:5000/")
if sys.argv[1] == "warm":
    _warm_up(settings)
compiles = 0
compile_pattern = re._compiler.compile

def counting(*args, **kwargs):
    global compiles
    compiles += 1
    return compile_pattern(*args, **kwargs)

re._compiler.compile = counting
outcome = process_file(Path(sys.argv[2]), settings)
assert outcome.ok, outcome.error
print(compiles)
"""


def _compiles_for_first_document(mode: str) -> int:
    run = subprocess.run(
        [sys.executable, "-c", _COUNT_COMPILES, mode, str(SAMPLE)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return int(run.stdout.split()[-1])


def test_a_worker_forked_after_the_warm_up_compiles_few_patterns_for_its_first_document() -> None:
    cold = _compiles_for_first_document("cold")
    warm = _compiles_for_first_document("warm")
    assert cold > 100  # the check below means something: a cold process compiles hundreds
    assert warm <= cold // 4, f"{warm} patterns compiled after the warm-up, {cold} without it"
