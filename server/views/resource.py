"""Any other resource (terms, evidence, consultations…): a labelled property table."""

from __future__ import annotations

from server.describe import Description
from server.views.common import Labeller, ResourcePage, base_page, schema_org


def build(description: Description, labeller: Labeller) -> ResourcePage:
    page = base_page("resource", description, labeller)
    page.schema_org = schema_org("Thing", page.title.text, description.iri)
    return page
