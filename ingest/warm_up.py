"""What extraction compiles on first use, compiled once before the ingest workers are forked.

The genre detectors, cue patterns and vocabularies are compiled when a document first
needs them: some eight hundred regular expressions, ~0.7 s of CPU. Forked workers each
compiled them again for their first document. Extracting a short text of the common
kinds (a motion with its head, a session plan, an e-mail chain) here compiles most of
them once, in the process the workers are forked from, whose pages they share.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from councilgraph.uris import UriMinter
from ingest.extract import extract
from ingest.source import SourceText

WARM_UP_TEXTS: tuple[str, ...] = (
    """Stadt Musterstadt
Antrag der Fraktion BÜNDNIS 90/DIE GRÜNEN
Vorlage Nr. 2021/0001
Datum: 01.02.2021
Betreff: Offene Daten für Musterstadt

Beratungsfolge	Termin	Status
Stadtrat	24.06.2021	öffentlich Entscheidung

Der Rat der Stadt möge beschließen:
Die Verwaltung wird beauftragt, offene Daten unter einer freien Lizenz zu veröffentlichen.

Begründung:
Transparenz und Bürgerbeteiligung stärken die Demokratie; Datenschutz bleibt gewahrt.

Max Mustermann
Fraktionsvorsitzender
""",
    """Von: Beschlusswesen
Gesendet: Mittwoch, 6. März 2019 14:22:24
An: Referat
Betreff: Beschluss: Mitgliedschaft im Verbund - IT-Ausschuss am 29.05.2019

Sehr geehrte Damen und Herren,

beigefügt übermitteln wir Ihnen die Beschlussvorlage.

Datum: 25.03.2019

Beschlussvorlage des IT-Referats

Sitzungsvorlage Nr. 14-20 / V 12345

I. Vortrag des Referenten
Das Referat für Arbeit und Wirtschaft stimmt der Vorlage zu.

II. Antrag des Referenten
Der Stadtrat beschließt den Beitritt.

Mit freundlichen Grüßen
Erika Musterfrau
Stadträtin
""",
)


def warm_extraction(minter: UriMinter) -> None:
    """Extract the warm-up texts, so that what extraction compiles on first use is compiled now."""
    for number, text in enumerate(WARM_UP_TEXTS):
        data = text.encode("utf-8")
        source = SourceText(
            path=Path(f"warm-up-{number}.txt"),
            text=text,
            media_type="text/plain",
            encoding="utf-8",
            sha256=hashlib.sha256(data).hexdigest(),
        )
        extract(source, minter)
