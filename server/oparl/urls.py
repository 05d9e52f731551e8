"""OParl URLs on this server, and how they map onto the graph's URIs.

Every OParl object's `id` is its own URL under `{base}oparl/v1.1/`; its path
after the object type is the path of the graph resource it shows:

| OParl object | URL | graph resource |
|---|---|---|
| Body | `body/{city}` | `id/city/{city}` |
| Paper | `paper/{city}/{slug}` | `id/motion/{city}/{slug}` |
| Organization, Person | `organization/…`, `person/…` | `id/actor/{city}/{slug}` |
| Consultation | `consultation/{city}/{motion}/{n}` | `id/consultation/{city}/{motion}/{n}` |
| Meeting, AgendaItem | `meeting/…`, `agendaItem/…` | `id/meeting/…` (agenda items below their meeting) |
| File | `file/{doc}` | `id/document/{doc}` |
| Membership | `membership/{person path}/{organization path}` | person `cg:memberOf` organization |
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from server.describe import iri_for, path_of

VERSION_PATH = "oparl/v1.1/"
OPARL_VERSION = "https://schema.oparl.org/1.1/"

GRAPH_PREFIX = {
    "body": "city/",
    "paper": "motion/",
    "organization": "actor/",
    "person": "actor/",
    "consultation": "consultation/",
    "meeting": "meeting/",
    "agendaItem": "meeting/",
    "file": "document/",
}
"""OParl object type (URL segment) → the path prefix of the graph resources it shows."""


def schema_type(name: str) -> str:
    """`Paper` → `https://schema.oparl.org/1.1/Paper`"""
    return f"{OPARL_VERSION}{name}"


@dataclass(frozen=True)
class OParlUrls:
    base: str
    """The deployment's base URI; OParl URLs are canonical under it, whatever host a request named."""

    @property
    def root(self) -> str:
        return self.base + VERSION_PATH

    def system(self) -> str:
        return self.root + "system"

    def bodies(self) -> str:
        return self.root + "bodies"

    def body_list(self, city: str, list_name: str) -> str:
        return f"{self.root}body/{city}/{list_name}"

    def text(self, document_path: str) -> str:
        """The text of a document as read, the `accessUrl` of its File."""
        return f"{self.root}file/{document_path}/text"

    def object_url(self, object_type: str, iri: str) -> str | None:
        """The OParl URL of a graph resource shown as `object_type`; None for resources of other sites."""
        path = path_of(iri, self.base)
        prefix = GRAPH_PREFIX[object_type]
        if path is None or not path.startswith(prefix) or len(path) == len(prefix):
            return None
        return f"{self.root}{object_type}/{path[len(prefix) :]}"

    def membership(self, person_iri: str, organization_iri: str) -> str | None:
        person, organization = path_of(person_iri, self.base), path_of(organization_iri, self.base)
        prefix = GRAPH_PREFIX["person"]
        if person is None or organization is None:
            return None
        if not (person.startswith(prefix) and organization.startswith(prefix)):
            return None
        return f"{self.root}membership/{person[len(prefix) :]}/{organization[len(prefix) :]}"

    def graph_iri(self, object_type: str, path: str) -> str | None:
        """The graph resource an OParl URL path shows; None when the path cannot name one."""
        prefix = GRAPH_PREFIX.get(object_type)
        return iri_for(prefix + path, self.base) if prefix else None

    def web(self, iri: str) -> str | None:
        """Our HTML page of a graph resource."""
        path = path_of(iri, self.base)
        return f"{self.base}doc/{path}" if path else None

    def page(self, url: str, parameters: dict[str, str]) -> str:
        """A list page's URL: its parameters in one canonical (sorted) order."""
        query = urlencode(sorted(parameters.items()))
        return f"{url}?{query}" if query else url
