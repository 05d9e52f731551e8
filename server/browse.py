"""Browse and search: home, motions with filters, actors, cities, principles.

Every listing answers as HTML, CSV and JSON (`/motions.csv`, `?format=json`,
or `Accept`), with the same filters, `?page=`, `?_size=`, `?sort=` and
`?order=` (see README.md, "Listings as data").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, render_template, request
from werkzeug.exceptions import BadRequest, NotAcceptable

from councilgraph.statistics import collect_statistics
from server import listing_cache, table_formats
from server.resources import page_context, requested_page
from server.state import state
from server.table_formats import Table
from server.views import listing, tables
from server.views.common import PageContext

blueprint = Blueprint("browse", __name__)

MAX_QUERY_CHARS = 200
_DATA_SUFFIX = "<any(csv, json):suffix>"


@dataclass(frozen=True)
class Card:
    """One item of a card listing (actors, cities, principles)."""

    text: str
    href: str | None
    note: str | None = None


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


# ------------------------------------------------------------------ request → table → response


def _format(suffix: str | None) -> str:
    fmt = table_formats.choose(suffix, request.args.get("format"), request.headers.get("Accept"))
    if fmt is None:
        raise NotAcceptable("Listings are offered as text/html, text/csv and application/json.")
    return fmt


def _paging() -> tables.Paging:
    try:
        size = tables.parse_size(request.args.get("_size"))
    except tables.BadListingRequest as error:
        raise BadRequest(str(error)) from None
    return tables.Paging(page=requested_page(), size=size)


def _sorting(offered: tuple[str, ...] | dict[str, tables.SortKey]) -> tuple[str, bool | None]:
    try:
        return tables.parse_sort(request.args.get("sort"), offered), tables.direction(request.args.get("order"))
    except tables.BadListingRequest as error:
        raise BadRequest(str(error)) from None


def _with_args(path: str, **changes: Any) -> str:
    args = {key: value for key, value in request.args.items() if key != "format"}
    args.update({key: str(value) for key, value in changes.items() if value is not None})
    for key, value in changes.items():
        if value is None:
            args.pop(key, None)
    return f"{path}?{urlencode(args)}" if args else path


def format_links(name: str) -> dict[str, str]:
    """The CSV and JSON forms of the listing as requested, for the page's links."""
    return {fmt: _with_args(f"/{name}.{fmt}") for fmt in (table_formats.CSV, table_formats.JSON)}


def _answer(name: str, fmt: str, table: Table, html: Callable[[], str]) -> Response:
    headers = {"Vary": "Accept", "X-Total-Count": str(table.count)}
    links = [
        f'<{_with_args(f"/{name}.{fmt}" if fmt != table_formats.HTML else f"/{name}", page=p)}>; rel="{rel}"'
        for rel, p, show in (("next", table.page + 1, table.has_next), ("prev", table.page - 1, table.page > 1))
        if show
    ]
    if fmt == table_formats.HTML:
        alternates = [
            f'<{url}>; rel="alternate"; type="{table_formats.MEDIA_TYPES[key]}"'
            for key, url in format_links(name).items()
        ]
        headers["Link"] = ", ".join([*links, *alternates])
        return Response(html(), mimetype="text/html", headers=headers)
    if links:
        headers["Link"] = ", ".join(links)
    if fmt == table_formats.CSV:
        body = table_formats.to_csv(table)
        headers["Content-Disposition"] = f'inline; filename="{name}.csv"'
        return Response(body, mimetype="text/csv", headers=headers)
    next_url = None
    if table.has_next:
        next_url = request.root_url.rstrip("/") + _with_args(f"/{name}.json", page=table.page + 1)
    return Response(table_formats.to_json(table, next_url), mimetype="application/json", headers=headers)


# ------------------------------------------------------------------ the listings


@blueprint.route("/motions", defaults={"suffix": None})
@blueprint.route(f"/motions.{_DATA_SUFFIX}")
def motions(suffix: str | None) -> Response:
    fmt = _format(suffix)
    filters, problems = listing.parse_filters(dict(request.args))
    if problems:
        raise BadRequest("Filters not understood: " + "; ".join(problems))
    sort, descending = _sorting(tables.MOTION_SORTS)
    context, paging = page_context(), _paging()
    table = listing_cache.kept(
        "motions",
        (context.lang, filters, paging, sort, descending),
        lambda: tables.motions(context, filters, paging, sort, descending),
        _rows,
    )
    return _answer(
        "motions",
        fmt,
        table,
        lambda: _render(
            "browse/motions.html",
            table=table,
            filters=filters,
            sort=sort,
            sorts=list(tables.MOTION_SORTS),
            formats=format_links("motions"),
            **_motion_filter_choices(context),
        ),
    )


def _motion_filter_choices(context: PageContext) -> dict[str, Any]:
    """The choices of the motions page's filter form (only the HTML form shows them)."""
    cities, principles, kinds = listing_cache.kept(
        "motion-filters",
        context.lang,
        lambda: (listing.cities(context), listing.principles(context), listing.kinds(context)),
        lambda found: len(found[0]) + len(found[1]) + len(found[2]),
    )
    return {"cities": cities, "principles": principles, "kinds": kinds}


def _cards(heading: str, intro: str, name: str, table: Table, cards: list[Card]) -> Callable[[], str]:
    return lambda: _render(
        "browse/list.html", heading=heading, intro=intro, table=table, cards=cards, formats=format_links(name)
    )


@blueprint.route("/actors", defaults={"suffix": None})
@blueprint.route(f"/actors.{_DATA_SUFFIX}")
def actors(suffix: str | None) -> Response:
    fmt = _format(suffix)
    city = listing.slug_or_none(request.args.get("city"))
    if request.args.get("city") and city is None:
        raise BadRequest("city: not a slug")
    sort, descending = _sorting(tables.ACTOR_SORTS)
    context, paging = page_context(), _paging()
    table = listing_cache.kept(
        "actors",
        (context.lang, city, paging, sort, descending),
        lambda: tables.actors(context, city, paging, sort, descending),
        _rows,
    )
    cards = [Card(str(r["name"]), _str(r["href"]), _join(r["type"], r["city_name"])) for r in table.rows]
    intro = "Persons, factions, bodies and administrative units named in the papers."
    return _answer("actors", fmt, table, _cards("Actors / Akteure", intro, "actors", table, cards))


@blueprint.route("/cities", defaults={"suffix": None})
@blueprint.route(f"/cities.{_DATA_SUFFIX}")
def cities(suffix: str | None) -> Response:
    fmt = _format(suffix)
    sort, descending = _sorting(tables.CITY_SORTS)
    context, paging = page_context(), _paging()
    table = listing_cache.kept(
        "cities",
        (context.lang, paging, sort, descending),
        lambda: tables.cities(context, paging, sort, descending),
        _rows,
    )
    cards = [Card(str(r["name"]), _str(r["href"]), f"{r['motions']} motions / Vorlagen") for r in table.rows]
    intro = "Cities with at least one motion in the dataset."
    return _answer("cities", fmt, table, _cards("Cities / Städte", intro, "cities", table, cards))


@blueprint.route("/principles", defaults={"suffix": None})
@blueprint.route(f"/principles.{_DATA_SUFFIX}")
def principles(suffix: str | None) -> Response:
    fmt = _format(suffix)
    context, paging = page_context(), _paging()
    table = listing_cache.kept("principles", (context.lang, paging), lambda: tables.principles(context, paging), _rows)
    names = {r["principle"]: r["name"] for r in table.rows}
    cards = [
        Card(
            str(r["name"]),
            _str(r["href"]),
            f"{r['motions']} motions / Vorlagen"
            + (f" · part of / Teil von {names.get(r['broader'], r['broader'])}" if r["broader"] else ""),
        )
        for r in table.rows
    ]
    intro = (
        "The five principles of the Cities Coalition for Digital Rights, then finer ones: shared concepts, "
        "the same in every councilgraph deployment (https://w3id.org/councilgraph/principle/…)."
    )
    return _answer("principles", fmt, table, _cards("Principles / Grundsätze", intro, "principles", table, cards))


@blueprint.route("/search", defaults={"suffix": None})
@blueprint.route(f"/search.{_DATA_SUFFIX}")
def search(suffix: str | None) -> Response:
    fmt = _format(suffix)
    text = request.args.get("q", "")
    if len(text) > MAX_QUERY_CHARS:
        raise BadRequest(f"The search text may have at most {MAX_QUERY_CHARS} characters.")
    paging = _paging()
    table = tables.search(page_context(), text, paging) if text.strip() else Table(tables.SEARCH_COLUMNS)
    return _answer(
        "search",
        fmt,
        table,
        lambda: _render(
            "browse/search.html", q=text, table=table, limit=tables.SEARCH_MAX, formats=format_links("search")
        ),
    )


def _rows(table: Table) -> int:
    return len(table.rows)


def _str(value: object) -> str | None:
    return None if value is None else str(value)


def _join(*parts: object) -> str | None:
    shown = [str(p) for p in parts if p]
    return " · ".join(shown) or None
