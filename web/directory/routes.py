"""Public search and listing pages, the shortlist, and the accessibility and privacy pages."""

from dataclasses import replace
from typing import NoReturn

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from govuk_frontend_wtf.main import wtforms_errors

from web.access import public
from web.directory.formatting import register_filters
from web.directory.forms import (
    ConfirmForm,
    ReportProblemForm,
    SearchForm,
    ShortlistEmailForm,
    taxonomy_choices,
)
from web.directory.listing_facts import result_facts
from web.directory.presenters import listing_page, listing_page_facts, result_card, shortlist_text
from web.directory.search_page import pagination_params, search_request, search_summary, url_with
from web.extensions import db, limiter
from web.geo import AREA
from web.models import CATEGORY_TAXONOMY, ProblemReason, ProblemReport, Service
from web.rate_limits import REPORT_PROBLEM_RATE_LIMIT, email_limit
from web.services import shortlist
from web.services.listings import published_listing
from web.services.mail import send_email
from web.services.schedules import when_text_of
from web.services.search import SearchInputError, find_services, local_now

bp = Blueprint("directory", __name__)
register_filters(bp)
bp.add_app_template_global(wtforms_errors)

# Which search form field shows each error the search function can raise.
FORM_FIELD_FOR_ERROR = {
    "text": "q",
    "location": "location",
    "radius_km": "radius",
    "categories": "category",
    "kinds": "kind",
    "audiences": "audience",
    "accessibility": "access",
    "day": "day",
    "sort": "sort",
    "page": "page",
    "per_page": "page",
}


@bp.app_context_processor
def shortlist_size() -> dict[str, int]:
    return {"shortlist_count": len(shortlist.shortlist_ids(session))}


def published_service_or_404(service_id: str) -> Service:
    """The listing, if the public may see it. The same answer whether it never existed or was taken down,
    so a link to a suspended listing tells nobody why."""
    service = published_listing(service_id)
    if service is None:
        _not_available()
    return service


def _not_available() -> NoReturn:
    page = render_template(
        "errors/error.html",
        title="This listing is not available",
        advice="It may have closed, or the council may be checking it. You can search for other support.",
    )
    abort(make_response(page, 404))


@public
@bp.get("/")
def show_home():
    form = SearchForm(formdata=None)
    return render_template(
        "views/directory/home.html", search_form=form, categories=taxonomy_choices(CATEGORY_TAXONOMY)
    )


@public
@bp.get("/search")
def search():
    form = SearchForm(formdata=request.args)
    form.load_choices()
    if not form.validate():
        return render_template("views/directory/results.html", form=form, outcome=None), 400
    if form.is_empty:
        return render_template("views/directory/results.html", form=form, outcome=None, empty_search=True)
    try:
        outcome = find_services(
            search_request(form, current_app.config["RESULTS_PER_PAGE"]), load=result_facts
        )
    except SearchInputError as error:
        form.add_error(FORM_FIELD_FOR_ERROR.get(error.field, "q"), error.message)
        place_suggestions = [
            {"name": name, "url": url_with(request.args, location=name, page=None)}
            for name in error.suggestions
        ]
        return render_template(
            "views/directory/results.html", form=form, outcome=None, place_suggestions=place_suggestions
        ), 400
    if outcome.total and outcome.page > outcome.pages:
        form.add_error("page", f"Page must be a number from 1 to {outcome.pages}")
        return render_template("views/directory/results.html", form=form, outcome=None), 400

    now = local_now()
    # In a council's area a visiting service may cover only part of it, so say what it covers.
    near_a_point = outcome.place is not None and outcome.place.kind != AREA
    cards = [result_card(item, now, have_place=near_a_point) for item in outcome.items]
    return render_template(
        "views/directory/results.html",
        form=form,
        outcome=outcome,
        cards=cards,
        summary=search_summary(outcome),
        pagination=pagination_params(outcome, request.args),
        suggestion_url=url_with(request.args, q=outcome.suggestion, page=None)
        if outcome.suggestion
        else None,
        # Only a page without results offers these.
        wider_url=None if cards else url_with(request.args, radius="20", page=None),
        fewer_filters_url=None
        if cards
        else url_for("directory.search", q=form.q.data or None, location=form.location.data or None),
        markers=[marker.as_json() for card in cards for marker in card.markers],
    )


@public
@bp.get("/services/<service_id>")
def show_service(service_id: str):
    facts = listing_page_facts([service_id]).get(service_id)
    if facts is None:
        _not_available()
    page = replace(facts.page, when=when_text_of(facts.page.rules, local_now()))
    return render_template(
        "views/directory/service.html",
        page=page,
        checks_summary=facts.checks_summary,
        book_online=facts.book_online,
        page_markers=[marker.as_json() for marker in page.markers],
        add_form=ConfirmForm(),
        in_shortlist=service_id in shortlist.shortlist_ids(session),
        reviews=facts.reviews,
    )


@public
@bp.route("/services/<service_id>/report", methods=["GET", "POST"])
@limiter.limit(REPORT_PROBLEM_RATE_LIMIT, methods=["POST"])
def report_problem(service_id: str):
    service = published_service_or_404(service_id)
    form = ReportProblemForm()
    if form.validate_on_submit():
        db.session.add(
            ProblemReport(
                service=service,
                reason=ProblemReason(form.reason.data),
                details=form.details.data or "",
                reply_email=form.reply_email.data or None,
            )
        )
        db.session.commit()
        return redirect(url_for("directory.show_report_sent", service_id=service.id))
    status = 400 if form.is_submitted() else 200
    return render_template("views/directory/report_problem.html", form=form, service=service), status


@public
@bp.get("/services/<service_id>/report/sent")
def show_report_sent(service_id: str):
    service = published_service_or_404(service_id)
    return render_template("views/directory/report_sent.html", service=service)


@public
@bp.get("/shortlist")
def show_shortlist():
    return _render_shortlist(ShortlistEmailForm(formdata=None))


def _render_shortlist(email_form: ShortlistEmailForm, status: int = 200):
    now = local_now()
    pages = [listing_page(service, now) for service in shortlist.shortlisted_services(session)]
    return (
        render_template(
            "views/directory/shortlist.html", form=email_form, pages=pages, remove_form=ConfirmForm()
        ),
        status,
    )


@public
@bp.post("/shortlist/add/<service_id>")
def add_to_shortlist(service_id: str):
    service = published_service_or_404(service_id)
    if shortlist.add_to_shortlist(session, service.id):
        flash(f"{service.name} is on your list.", "success")
    else:
        flash(f"Your list is full ({shortlist.MAX_ITEMS} listings). Remove one to add another.", "info")
    return redirect(url_for("directory.show_service", service_id=service.id))


@public
@bp.post("/shortlist/remove/<service_id>")
def remove_from_shortlist(service_id: str):
    shortlist.remove_from_shortlist(session, service_id)
    flash("Removed from your list.", "success")
    return redirect(url_for("directory.show_shortlist"))


@public
@bp.post("/shortlist/email")
@email_limit
def email_shortlist():
    form = ShortlistEmailForm()
    services = shortlist.shortlisted_services(session)
    if not services:
        return redirect(url_for("directory.show_shortlist"))
    if not form.validate_on_submit():
        return _render_shortlist(form, status=400)
    council = current_app.config["COUNCIL_NAME"]
    body = (
        f"Here is the list you made on {council}.\n\n"
        + shortlist_text(services, local_now(), request.host_url)
        + f"\n\nFor help finding support, call {council} on {current_app.config['COUNCIL_PHONE']}.\n"
    )
    send_email(form.email.data, f"Your list from {council}", body)
    flash("We have sent your list. It may take a few minutes to arrive.", "success")
    return redirect(url_for("directory.show_shortlist"))


@public
@bp.get("/accessibility")
def show_accessibility():
    return render_template("views/directory/accessibility.html")


@public
@bp.get("/privacy")
def show_privacy():
    return render_template("views/directory/privacy.html")
