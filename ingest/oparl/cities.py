"""The city of an OParl body: its AGS (or the AGS inside its RGS) in the gazetteer, else its name."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from councilgraph.gazetteer import gazetteer_path
from councilgraph.namespaces import CG
from councilgraph.uris import slugify
from ingest.genres import city as cities
from ingest.oparl.identity import CityRef, text_of

_CITY_PATH = "id/city/"
# Words that name a body's legal form rather than the place ("Stadt Krefeld", "Gemeinde Titz, kreisfreie Stadt").
_FORM_WORDS = re.compile(
    r"^(?:Große\s+Kreisstadt|Kreisfreie\s+Stadt|Landeshauptstadt|Hansestadt|Universitätsstadt|Kreisstadt"
    r"|Stadtgemeinde|Stadt|Gemeinde|Markt|Kolpingstadt|Bundesstadt|Wissenschaftsstadt)\s+",
    re.IGNORECASE,
)


@cache
def _slugs_by_municipality_key() -> dict[str, tuple[str, str]]:
    """AGS → (slug, German name), read from the gazetteer file."""
    import pyoxigraph as ox

    found: dict[str, tuple[str, str]] = {}
    base = "http://gazetteer.invalid/"
    with open(gazetteer_path(), "rb") as handle:
        quads = list(ox.parse(handle, ox.RdfFormat.TURTLE, base_iri=base))
    keys = {q.subject: str(q.object.value) for q in quads if q.predicate.value == str(CG.municipalityKey)}
    labels: dict[Any, str] = {}
    for q in quads:
        if q.subject in keys and q.predicate.value.endswith("rdf-schema#label"):
            literal = q.object
            if getattr(literal, "language", None) == "de" or q.subject not in labels:
                labels[q.subject] = str(literal.value)
    for subject, key in keys.items():
        iri = str(subject.value)
        if _CITY_PATH in iri:
            found[key] = (iri.rsplit(_CITY_PATH, 1)[1], labels.get(subject, key))
    return found


def municipality_key(body: dict[str, Any]) -> str | None:
    """The eight-digit AGS of a body: `ags` when it has eight digits, else derived from the 12-digit `rgs`."""
    ags = re.sub(r"\D", "", str(body.get("ags") or ""))
    if len(ags) == 8:
        return ags
    rgs = re.sub(r"\D", "", str(body.get("rgs") or ""))
    if len(rgs) == 12:
        return rgs[:5] + rgs[9:]  # Land, Regierungsbezirk, Kreis + Gemeinde; the Verband digits are left out
    return None


def city_of_body(body: dict[str, Any]) -> CityRef:
    """The gazetteer city of an OParl body, by AGS/RGS, then by its (short) name; else a slug of its name."""
    key = municipality_key(body)
    if key is not None:
        known = _slugs_by_municipality_key().get(key)
        if known is not None:
            return CityRef(known[0], known[1], resolved=True)
    names = [text_of(body.get("shortName")), text_of(body.get("name"))]
    for name in names:
        if name is None:
            continue
        bare = _FORM_WORDS.sub("", name.split(",")[0]).strip()
        for candidate in dict.fromkeys((bare, name)):
            resolved = cities.resolve(candidate)
            if resolved is not None:
                return CityRef(resolved.slug, resolved.name, resolved=True)
    fallback = next((n for n in names if n), None) or str(body.get("id", "body"))
    bare = _FORM_WORDS.sub("", fallback.split(",")[0]).strip() or fallback
    return CityRef(slugify(bare), bare, resolved=False)


def city_named(name: str) -> CityRef:
    """The city given with `--city`."""
    resolved = cities.resolve(name)
    if resolved is not None:
        return CityRef(resolved.slug, resolved.name, resolved=True)
    return CityRef(slugify(name), name, resolved=False)
