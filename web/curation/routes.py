"""Officers' pages."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from web.access import role_required
from web.extensions import db
from web.marketplace import booking_lifecycle as life
from web.marketplace import claims, providers
from web.marketplace.forms import ApproveForm, AskForChangesForm, ConfirmActionForm, RefuseClaimForm
from web.models.accounts import Role
from web.models.base import utcnow
from web.models.marketplace import Booking, ProviderBusiness

bp = Blueprint("curation", __name__, url_prefix="/officers")


def _business_or_404(business_id: int) -> ProviderBusiness:
    business = db.session.get(ProviderBusiness, business_id)
    if business is None:
        abort(404)
    return business


@bp.get("/providers")
@role_required(Role.OFFICER, Role.ADMIN)
def list_waiting_providers():
    return _render_waiting(RefuseClaimForm(formdata=None))


def _render_waiting(refuse_form: RefuseClaimForm, refusing: int | None = None, status: int = 200):
    return render_template(
        "views/curation/providers.html",
        businesses=providers.waiting_for_checks(db.session),
        claims=claims.waiting_claims(db.session),
        confirm_form=ConfirmActionForm(),
        refuse_form=refuse_form,
        refusing=refusing,
        form=refuse_form,
    ), status


def _claim_or_404(claim_id: int):
    try:
        return claims.waiting_claim(db.session, claim_id)
    except claims.ClaimNotFound:
        abort(404)


@bp.post("/claims/<int:claim_id>/confirm")
@role_required(Role.OFFICER, Role.ADMIN)
def confirm_claim(claim_id: int):
    claim = _claim_or_404(claim_id)
    claims.confirm_claim(db.session, claim)
    flash(f"{claim.service.name} now belongs to {claim.business.trading_name}.", "success")
    return redirect(url_for("curation.list_waiting_providers"))


@bp.post("/claims/<int:claim_id>/refuse")
@role_required(Role.OFFICER, Role.ADMIN)
def refuse_claim(claim_id: int):
    claim = _claim_or_404(claim_id)
    form = RefuseClaimForm()
    try:
        claims.refuse_claim(db.session, claim, form.reason.data or "")
    except claims.ClaimProblems as error:
        form.reason.errors = [error.problems["reason"]]
        return _render_waiting(form, refusing=claim.id, status=400)
    flash(f"We have told {claim.business.trading_name} that {claim.service.name} is not theirs.", "success")
    return redirect(url_for("curation.list_waiting_providers"))


def _render_business(business: ProviderBusiness, changes_form: AskForChangesForm, status: int = 200):
    return render_template(
        "views/curation/provider.html",
        business=business,
        approve_form=ApproveForm(),
        changes_form=changes_form,
    ), status


@bp.get("/providers/<int:business_id>")
@role_required(Role.OFFICER, Role.ADMIN)
def show_provider(business_id: int):
    return _render_business(_business_or_404(business_id), AskForChangesForm())


@bp.post("/providers/<int:business_id>/approve")
@role_required(Role.OFFICER, Role.ADMIN)
def approve_provider(business_id: int):
    business = _business_or_404(business_id)
    providers.approve_business(db.session, business, current_user._get_current_object())
    flash(f"{business.trading_name} is approved and its listing is published.", "success")
    return redirect(url_for("curation.list_waiting_providers"))


@bp.post("/providers/<int:business_id>/changes")
@role_required(Role.OFFICER, Role.ADMIN)
def ask_provider_for_changes(business_id: int):
    business = _business_or_404(business_id)
    form = AskForChangesForm()
    try:
        providers.ask_for_changes(db.session, business, form.reason.data or "")
    except providers.BusinessProblems as error:
        form.reason.errors = [error.problems["reason"]]
        return _render_business(business, form, 400)
    flash(f"We have asked {business.trading_name} for changes.", "success")
    return redirect(url_for("curation.list_waiting_providers"))


# ---- Booking disputes (booking lifecycle) ---------------------------------------------------------


@bp.get("/disputes")
@role_required(Role.OFFICER, Role.ADMIN)
def list_disputes():
    return render_template(
        "views/marketplace/bookings/disputes.html", bookings=life.disputed_bookings(db.session)
    )


@bp.get("/disputes/<booking_id>")
@role_required(Role.OFFICER, Role.ADMIN)
def show_dispute(booking_id: str):
    booking = db.session.get(Booking, booking_id)
    if booking is None:
        abort(404)
    try:
        messages = life.thread_for_officer(
            db.session, booking, current_user._get_current_object(), utcnow(), "Reviewing a disputed booking"
        )
    except life.StepRefused:
        abort(404)
    return render_template("views/marketplace/bookings/dispute.html", booking=booking, messages=messages)
