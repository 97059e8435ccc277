"""The results page's arithmetic: the search request from the form, the count line, page links."""

from typing import Any

from flask import url_for
from werkzeug.datastructures import MultiDict

from web.directory.forms import SearchForm
from web.geo import AREA
from web.services.search import DEFAULT_RADIUS_MILES, SearchOutcome, SearchRequest, radius_text


def search_request(form: SearchForm, per_page: int) -> SearchRequest:
    return SearchRequest(
        text=form.q.data or "",
        location=form.location.data or "",
        radius_km=form.radius_km,
        categories=tuple(form.category.data or ()),
        kinds=tuple(form.kind.data or ()),
        audiences=tuple(form.audience.data or ()),
        accessibility=tuple(form.access.data or ()),
        free_only=form.free.data,
        dp_payable=form.dp.data,
        day=form.day.data or None,
        open_now=form.open_now.data,
        sort=form.sort.data or "relevance",
        page=form.page_number,
        per_page=per_page,
        # The form always sends a distance; one other than the default is the person's own choice.
        widen_when_few=form.radius.data in (None, "", DEFAULT_RADIUS_MILES),
    )


def search_summary(outcome: SearchOutcome) -> str:
    """ "23 results near WN1 1AA", "12 results in Tameside", or "4 results within 10 miles of Bolton" when
    the search looked further."""
    count = f"{outcome.total} result{'' if outcome.total == 1 else 's'}"
    if outcome.place is None:
        return count
    if outcome.widened:
        return f"{count} within {radius_text(outcome.widened.used_km)} of {outcome.place.label}"
    if outcome.place.kind == AREA:
        return f"{count} in {outcome.place.label}"
    return f"{count} near {outcome.place.label}"


def url_with(args: MultiDict[str, str], **changes: Any) -> str:
    """This search's address with some parameters changed; a None value drops that parameter."""
    params: dict[str, Any] = args.to_dict(flat=False)
    for name, value in changes.items():
        if value is None:
            params.pop(name, None)
        else:
            params[name] = value
    return url_for("directory.search", **params)


def pagination_params(outcome: SearchOutcome, args: MultiDict[str, str]) -> dict[str, Any] | None:
    """Parameters for the GOV.UK pagination component: first, last and the pages either side of this one."""
    if outcome.pages <= 1:
        return None
    shown = sorted(
        {1, outcome.pages, outcome.page - 1, outcome.page, outcome.page + 1}
        & set(range(1, outcome.pages + 1))
    )
    items: list[dict[str, Any]] = []
    for index, number in enumerate(shown):
        if index and number - shown[index - 1] > 1:
            items.append({"ellipsis": True})
        items.append(
            {"number": number, "href": url_with(args, page=number), "current": number == outcome.page}
        )
    params: dict[str, Any] = {"items": items, "landmarkLabel": "Pages of results"}
    if outcome.page > 1:
        params["previous"] = {"href": url_with(args, page=outcome.page - 1)}
    if outcome.page < outcome.pages:
        params["next"] = {"href": url_with(args, page=outcome.page + 1)}
    return params
