"""Rebuild `ingest/data/given-names.txt` from the Berlin first-name statistics.

The source is the cleaned data of the GitHub repository `berlinonline/haeufige-vornamen-berlin`
(the names of every child registered in Berlin, per year and district, 2012-2023), licensed
CC BY 3.0 DE, © Berliner Landesamt für Bürger- und Ordnungsangelegenheiten (LABO) / BerlinOnline
Stadtportal GmbH & Co. KG. Usage:

    git clone https://github.com/berlinonline/haeufige-vornamen-berlin /tmp/vornamen
    git -C /tmp/vornamen checkout e8760a76ae719468e7a3804d3e679763085c734d
    python scripts/build_given_names.py /tmp/vornamen

A name counts when it was given at least MIN_COUNT times in those years (as a first, second or
third name): rarer spellings are as often typing errors of the registry as names.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

MIN_COUNT = 10
MIN_LENGTH = 3
TARGET = Path(__file__).resolve().parent.parent / "ingest" / "data" / "given-names.txt"
HEADER = """\
# Given names, one per line: every first name given at least {min_count} times to a child registered
# in Berlin from 2012 to 2023 (as a first, second or third name). Read by the person readers of
# ingest/genres/people.py, which skip the names that ingest/language/names.toml lists as words.
# Source: berlinonline/haeufige-vornamen-berlin, data/cleaned, commit {commit}.
# Licence: CC BY 3.0 DE (https://creativecommons.org/licenses/by/3.0/de/); © Berliner Landesamt für
# Bürger- und Ordnungsangelegenheiten (LABO) / BerlinOnline Stadtportal GmbH & Co. KG.
# Rebuilt by scripts/build_given_names.py; do not edit by hand.
"""
COMMIT = "e8760a76ae719468e7a3804d3e679763085c734d"


def count_names(clone: Path) -> Counter[str]:
    counts: Counter[str] = Counter()
    files = sorted((clone / "data" / "cleaned").glob("*/*.csv"))
    if not files:
        raise SystemExit(f"{clone}: no data/cleaned/<year>/<district>.csv files; clone the repository there")
    for path in files:
        with path.open(encoding="utf-8", newline="") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                name, number = (row.get("vorname") or "").strip(), (row.get("anzahl") or "").strip()
                if not number.isdigit():
                    raise SystemExit(f"{path}, line {line}: 'anzahl' is {number!r}, expected a number")
                counts[name] += int(number)
    return counts


def main(argv: list[str]) -> None:
    if len(argv) != 1:
        raise SystemExit("usage: python scripts/build_given_names.py PATH-OF-A-CLONE-OF-haeufige-vornamen-berlin")
    counts = count_names(Path(argv[0]))
    names = sorted(
        name
        for name, number in counts.items()
        if number >= MIN_COUNT and len(name) >= MIN_LENGTH and name[:1].isupper() and name.replace("-", "").isalpha()
    )
    TARGET.write_text(HEADER.format(min_count=MIN_COUNT, commit=COMMIT) + "\n".join(names) + "\n", encoding="utf-8")
    print(f"{TARGET}: {len(names)} names")


if __name__ == "__main__":
    main(sys.argv[1:])
