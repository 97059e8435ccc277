"""A provider's own pages: the business, its checks, offerings and availability."""

from datetime import date
from pathlib import Path

from flask import abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge

from web.access import role_required, signed_in
from web.extensions import db
from web.marketplace import bp, checks, claims, providers
from web.marketplace.forms import (
    BusinessForm,
    CheckForm,
    ClaimListingForm,
    FindListingForm,
    SubmitForChecksForm,
    show_errors,
)
from web.models.accounts import Role
from web.models.marketplace import CheckKind, ProviderCheck


def evidence_path() -> Path:
    configured = current_app.config.get("EVIDENCE_DIR")
    return Path(configured) if configured else checks.evidence_dir(Path(current_app.config["INSTANCE_PATH"]))


def _own_business():
    business = providers.business_for(db.session, current_user)
    if business is None:
        abort(404)
    return business


@bp.route("/provider/set-up", methods=["GET", "POST"])
@signed_in
def set_up_business():
    if not providers.can_set_up(current_user):
        if providers.business_for(db.session, current_user) is not None:
            return redirect(url_for("marketplace.show_provider"))
        abort(403)
    form = BusinessForm()
    if form.is_submitted():
        details = providers.BusinessDetails(
            trading_name=form.trading_name.data or "",
            legal_form=form.legal_form.data or "",
            worker_count=form.worker_count.data if form.worker_count.data != -1 else 0,
            base_postcode=form.base_postcode.data or "",
            travel_miles=form.travel_miles.data if form.travel_miles.data != -1 else 0,
            travel_districts=form.travel_districts.data or "",
            public_phone=form.public_phone.data or "",
            public_email=form.public_email.data or "",
            agrees_to_code=bool(form.agrees_to_code.data),
        )
        if form.validate():
            try:
                providers.set_up_business(db.session, current_user._get_current_object(), details)
            except providers.BusinessProblems as error:
                for field, message in error.problems.items():
                    getattr(form, field).errors = [message]
            else:
                flash("Your business is set up. Add your checks, then send them to us.", "success")
                return redirect(url_for("marketplace.show_provider"))
    elif current_user.pending_provider_request:
        form.trading_name.data = current_user.pending_provider_request.organization_name
    status = 400 if form.is_submitted() else 200
    return render_template(
        "views/marketplace/provider/set_up.html", form=form, code=providers.CODE_OF_CONDUCT
    ), status


@bp.get("/provider")
@role_required(Role.PROVIDER)
def show_provider():
    business = _own_business()
    return render_template(
        "views/marketplace/provider/business.html",
        business=business,
        micro=providers.is_micro_provider(business),
        submit_form=SubmitForChecksForm(),
        kinds=list(CheckKind),
    )


@bp.post("/provider/submit")
@role_required(Role.PROVIDER)
def submit_for_checks():
    business = _own_business()
    providers.submit_for_checks(db.session, business)
    flash("Thank you. A community support officer will check your business.", "success")
    return redirect(url_for("marketplace.show_provider"))


def _kind_or_404(kind: str) -> CheckKind:
    try:
        return CheckKind(kind)
    except ValueError:
        abort(404)


@bp.route("/provider/checks/add/<kind>", methods=["GET", "POST"])
@role_required(Role.PROVIDER)
def add_check(kind: str):
    business = _own_business()
    check_kind = _kind_or_404(kind)
    too_big = False
    if request.method == "POST":
        try:
            request.files  # noqa: B018 (reads the body, which may be too big)
        except RequestEntityTooLarge:
            too_big = True
    form = CheckForm(formdata=None) if too_big else CheckForm()
    if too_big:
        form.upload.errors = [checks.UPLOAD_TOO_BIG]
    elif form.is_submitted():
        file = request.files.get("upload")
        content = file.read(checks.MAX_UPLOAD_BYTES + 1) if file else b""
        update = form.on_update_service.data
        details = checks.CheckDetails(
            kind=check_kind,
            dbs_level=form.dbs_level.data,
            on_update_service={"yes": True, "no": False}.get(update),
            reference=form.reference.data,
            insurer=form.insurer.data,
            cover_pounds=form.cover_pounds.data if form.cover_pounds.data != -1 else 0,
            title=form.title.data,
            reason=form.reason.data,
            issued_on=form.issued_on.data,
            expires_on=form.expires_on.data,
        )
        try:
            checks.add_check(
                db.session,
                business,
                details,
                checks.Upload(content) if content else None,
                evidence_path=evidence_path(),
                today=date.today(),
            )
        except checks.CheckProblems as error:
            for field, message in error.problems.items():
                getattr(form, field).errors = [message]
        else:
            flash(f"{check_kind.label} added.", "success")
            return redirect(url_for("marketplace.show_provider"))
    status = 400 if request.method == "POST" else 200
    return render_template("views/marketplace/provider/add_check.html", form=form, kind=check_kind), status


@bp.get("/provider/checks/<int:check_id>/file")
@signed_in
def download_evidence(check_id: int):
    """The uploaded file, only to its business's providers and to officers; 404 for anyone else."""
    check = db.session.get(ProviderCheck, check_id)
    if check is None or check.file_name is None or not checks.can_see_evidence(current_user, check):
        abort(404)
    path = evidence_path() / check.file_name
    if not path.is_file():
        abort(404)
    response = send_file(
        path,
        mimetype=check.file_type,
        as_attachment=True,
        download_name=f"{check.kind.value}-{check.id}.{check.file_name.rsplit('.', 1)[-1]}",
        max_age=0,
    )
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.route("/provider/claim", methods=["GET", "POST"])
@role_required(Role.PROVIDER)
def claim_listing():
    """Find the business's existing listing and ask for it; an officer confirms the claim."""
    business = _own_business()
    find_form = FindListingForm(formdata=request.args if request.args else None)
    claim_form = ClaimListingForm()
    shown_form, status, found = find_form, 200, None
    if claim_form.validate_on_submit():
        try:
            claim = claims.ask_to_claim(db.session, business, claim_form.service_id.data or "")
        except claims.ClaimProblems as error:
            show_errors(claim_form, error.problems)
            shown_form, status = claim_form, 400
        else:
            name = claim.service.name
            flash(f"We have asked a community support officer to check that {name} is yours.", "success")
            return redirect(url_for("marketplace.show_provider"))
    if request.args:
        try:
            found = claims.find_claimable_listings(
                db.session, claims.ListingSearch(find_form.name.data or "", find_form.postcode.data or "")
            )
        except claims.ClaimProblems as error:
            show_errors(find_form, error.problems)
            shown_form, status = find_form, 400
    return render_template(
        "views/marketplace/provider/claim.html",
        form=shown_form,
        find_form=find_form,
        claim_form=claim_form,
        found=found,
        business=business,
    ), status
