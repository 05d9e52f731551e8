"""Browse and search: home, motions with filters, actors, cities, principles."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request
from werkzeug.exceptions import BadRequest

from councilgraph.statistics import collect_statistics
from server.resources import page_context, requested_page
from server.state import state
from server.views import listing

blueprint = Blueprint("browse", __name__)

MAX_QUERY_CHARS = 200


def _render(template: str, **values: Any) -> str:
    context = page_context()
    return render_template(template, page_lang=context.lang, query_args=dict(request.args), **values)


def statistics() -> dict[str, Any]:
    """The home page's figures, computed once per store version (counting is a full scan)."""
    app_state = state()
    version = app_state.store.version()
    cached = app_state.extras.get("home-statistics")
    if cached is None or cached[0] != version:
        cached = (version, collect_statistics(app_state.store))
        app_state.extras["home-statistics"] = cached
    return cached[1]


@blueprint.route("/")
def home() -> str:
    return _render("browse/home.html", figures=statistics())


@blueprint.route("/motions")
def motions() -> str:
    filters, problems = listing.parse_filters(dict(request.args))
    if problems:
        raise BadRequest("Filters not understood: " + "; ".join(problems))
    page = requested_page()
    context = page_context()
    rows, has_next = listing.motions(context, filters, page)
    return _render(
        "browse/motions.html",
        rows=rows,
        has_next=has_next,
        page=page,
        filters=filters,
        cities=listing.cities(context),
        principles=listing.principles(context),
        kinds=listing.kinds(context),
    )


@blueprint.route("/actors")
def actors() -> str:
    city = listing.slug_or_none(request.args.get("city"))
    if request.args.get("city") and city is None:
        raise BadRequest("city: not a slug")
    page = requested_page()
    rows, has_next = listing.actors(page_context(), city, page)
    return _render(
        "browse/list.html",
        heading="Actors / Akteure",
        rows=rows,
        has_next=has_next,
        page=page,
        intro="Persons, factions, bodies and administrative units named in the papers.",
    )


@blueprint.route("/cities")
def cities() -> str:
    rows = listing.cities(page_context())
    return _render(
        "browse/list.html",
        heading="Cities / Städte",
        rows=rows,
        has_next=False,
        page=1,
        intro="Cities with at least one motion in the dataset.",
    )


@blueprint.route("/principles")
def principles() -> str:
    rows = listing.principles(page_context())
    return _render(
        "browse/list.html",
        heading="Principles / Grundsätze",
        rows=rows,
        has_next=False,
        page=1,
        intro="The five principles of the Cities Coalition for Digital Rights, then finer ones.",
    )


@blueprint.route("/search")
def search() -> str:
    text = request.args.get("q", "")
    if len(text) > MAX_QUERY_CHARS:
        raise BadRequest(f"The search text may have at most {MAX_QUERY_CHARS} characters.")
    hits = listing.search(page_context(), text) if text.strip() else []
    return _render("browse/search.html", q=text, hits=hits, limit=listing.SEARCH_LIMIT)
