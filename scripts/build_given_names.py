"""Rebuild `ingest/data/given-names.txt` from two public lists of first names.

1. The Berlin first-name statistics: the cleaned data of the GitHub repository
   `berlinonline/haeufige-vornamen-berlin` (the names of every child registered in Berlin, per year
   and district, 2012-2023), licensed CC BY 3.0 DE, © Berliner Landesamt für Bürger- und
   Ordnungsangelegenheiten (LABO) / BerlinOnline Stadtportal GmbH & Co. KG. A name counts when it
   was given at least MIN_COUNT times in those years (as a first, second or third name): rarer
   spellings are as often typing errors of the registry as names.
2. The first-name dictionary of Jörg Michael (c't 17/2007, updated by Matthias Winkelmann 2016) in
   the GitHub repository `MatthiasWinkelmann/firstname-database`, licensed GNU FDL 1.2 or later: the
   names of the generations that sit in councils today ("Siegrid", "Herwig", "Otmar"), which births
   since 2012 rarely give. A name counts when its frequency in Germany, Austria or Switzerland is
   above the dictionary's rarest class (MIN_FREQUENCY_CLASS): the rarest hold surnames given as first
   names ("Hartmann", "Burkhardt"), which would end a person's name too early.

Usage:

    git clone https://github.com/berlinonline/haeufige-vornamen-berlin /tmp/vornamen
    git -C /tmp/vornamen checkout e8760a76ae719468e7a3804d3e679763085c734d
    git clone https://github.com/MatthiasWinkelmann/firstname-database /tmp/firstname-db
    git -C /tmp/firstname-db checkout bb040db50fec19558e853062c49e0029e1805a90
    python scripts/build_given_names.py /tmp/vornamen /tmp/firstname-db
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

MIN_COUNT = 10
MIN_FREQUENCY_CLASS = -7
"""The dictionary's frequency classes are powers of two of a per cent of the population, -8 the rarest."""
DICTIONARY_COUNTRIES = ("Germany", "Austria", "Swiss")
MIN_LENGTH = 3
TARGET = Path(__file__).resolve().parent.parent / "ingest" / "data" / "given-names.txt"
HEADER = """\
# Given names, one per line: every first name given at least {min_count} times to a child registered
# in Berlin from 2012 to 2023 (as a first, second or third name), and every name of Jörg Michael's
# first-name dictionary more frequent in Germany, Austria or Switzerland than its rarest class. Read by
# the person readers of ingest/genres/people.py, which skip the names that ingest/language/names.toml
# lists as words.
# Source 1: berlinonline/haeufige-vornamen-berlin, data/cleaned, commit {commit}.
# Licence: CC BY 3.0 DE (https://creativecommons.org/licenses/by/3.0/de/); © Berliner Landesamt für
# Bürger- und Ordnungsangelegenheiten (LABO) / BerlinOnline Stadtportal GmbH & Co. KG.
# Source 2: MatthiasWinkelmann/firstname-database, firstnames.csv, commit {dictionary_commit}.
# Licence: GNU Free Documentation License 1.2 or later (https://www.gnu.org/licenses/fdl-1.2.html);
# © 2007-2008 Jörg Michael, 2016 Matthias Winkelmann.
# Rebuilt by scripts/build_given_names.py; do not edit by hand.
"""
COMMIT = "e8760a76ae719468e7a3804d3e679763085c734d"
DICTIONARY_COMMIT = "bb040db50fec19558e853062c49e0029e1805a90"


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


def dictionary_names(clone: Path) -> set[str]:
    """The names of the first-name dictionary more frequent than its rarest class in one of the countries."""
    path = clone / "firstnames.csv"
    if not path.is_file():
        raise SystemExit(f"{clone}: no firstnames.csv; clone the repository there")
    names: set[str] = set()
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle, delimiter=";"), start=2):
            classes = [(row.get(country) or "").strip() for country in DICTIONARY_COUNTRIES]
            if any(value and not value.lstrip("-").isdigit() for value in classes):
                raise SystemExit(f"{path}, line {line}: a frequency class is not a number: {classes}")
            if any(value and int(value) >= MIN_FREQUENCY_CLASS for value in classes) and "+" not in row["name"]:
                names.add(row["name"].strip())
    return names


def _is_a_name(name: str) -> bool:
    return len(name) >= MIN_LENGTH and name[:1].isupper() and name.replace("-", "").isalpha()


def main(argv: list[str]) -> None:
    if len(argv) != 2:
        raise SystemExit(
            "usage: python scripts/build_given_names.py CLONE-OF-haeufige-vornamen-berlin CLONE-OF-firstname-database"
        )
    counts = count_names(Path(argv[0]))
    berlin = {name for name, number in counts.items() if number >= MIN_COUNT}
    names = sorted(name for name in berlin | dictionary_names(Path(argv[1])) if _is_a_name(name))
    header = HEADER.format(min_count=MIN_COUNT, commit=COMMIT, dictionary_commit=DICTIONARY_COMMIT)
    TARGET.write_text(header + "\n".join(names) + "\n", encoding="utf-8")
    print(f"{TARGET}: {len(names)} names")


if __name__ == "__main__":
    main(sys.argv[1:])
