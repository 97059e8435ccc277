"""Registration, sign-in and sign-out, and the account page with the person's UK GDPR rights."""

import json

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask.blueprints import BlueprintSetupState
from flask_login import current_user, login_user, logout_user

from web.access import public, signed_in
from web.accounts import deletion, your_data
from web.accounts.forms import SIGN_IN_FAILED, DeleteAccountForm, RegistrationForm, SignInForm, SignOutForm
from web.accounts.next_page import safe_next_path
from web.extensions import db, limiter, login_manager
from web.models import User
from web.payments import gateway
from web.services import accounts

CARD_NOT_REMOVED = (
    "We could not remove your card from the card payment service just now, so nothing has been deleted. "
    "Try again in a few minutes."
)

bp = Blueprint("accounts", __name__, url_prefix="/account")

# Per address, and only on submission: enough for a person who mistypes, too few for guessing passwords.
ACCOUNT_FORM_RATE_LIMIT = "10 per minute"


@bp.record_once
def _configure_sign_in_redirect(state: BlueprintSetupState) -> None:
    login_manager.login_view = "accounts.sign_in"
    login_manager.login_message = "Sign in to see that page."
    login_manager.login_message_category = "info"


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    return db.session.get(User, int(user_id)) if user_id.isdigit() else None


def _page_after_sign_in() -> str:
    return safe_next_path(request.args.get("next")) or url_for("accounts.show_account")


@public
@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(ACCOUNT_FORM_RATE_LIMIT, methods=["POST"])
def register():
    form = RegistrationForm()
    if form.validate_on_submit():
        try:
            user = accounts.register_user(
                db.session,
                email=form.email.data,
                display_name=form.display_name.data,
                password=form.password.data,
                role=form.chosen_role,
                provider_organization_name=form.organization_name.data if form.joins_as_provider else None,
            )
        except accounts.EmailAlreadyRegistered:
            form.email.errors.append(accounts.EMAIL_ALREADY_REGISTERED)
        else:
            login_user(user)
            flash("Your account has been created. You are now signed in.", "success")
            return redirect(_page_after_sign_in())
    status = 400 if form.is_submitted() else 200
    return render_template("views/accounts/register.html", form=form), status


@public
@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit(ACCOUNT_FORM_RATE_LIMIT, methods=["POST"])
def sign_in():
    if current_user.is_authenticated:
        return redirect(_page_after_sign_in())
    form = SignInForm()
    if form.validate_on_submit():
        user = accounts.authenticate(db.session, form.email.data, form.password.data)
        if user is not None:
            login_user(user)
            return redirect(_page_after_sign_in())
        # One message whether the email or the password was wrong, so the form never confirms an account.
        form.email.errors.append(SIGN_IN_FAILED)
    status = 400 if form.is_submitted() else 200
    return render_template("views/accounts/sign_in.html", form=form), status


@public  # signing out when already signed out does no harm
@bp.post("/sign-out")
def sign_out():
    # CSRFProtect has already refused a POST without a valid token, so another site cannot sign you out.
    logout_user()
    flash("You have signed out.", "success")
    return redirect(url_for("directory.show_home"))


@bp.get("")
@signed_in
def show_account():
    return render_template("views/accounts/account.html", user=current_user, sign_out_form=SignOutForm())


@bp.route("/delete", methods=["GET", "POST"])
@signed_in
def delete_account():
    user = current_user._get_current_object()
    form = DeleteAccountForm()
    unfinished = deletion.unfinished_business(db.session, user)
    problem = None
    if not unfinished and form.validate_on_submit():
        try:
            deletion.delete_account(db.session, user)
        except deletion.AccountInUse as error:  # a booking made in another tab a moment ago
            unfinished = error.unfinished
        except gateway.GatewayError:
            db.session.rollback()
            problem = CARD_NOT_REMOVED
        else:
            logout_user()
            flash("Your account and the information it held have been deleted.", "success")
            return redirect(url_for("directory.show_home"))
    if problem:
        status = 503
    elif unfinished:
        status = 409 if form.is_submitted() else 200
    else:
        status = 400 if form.is_submitted() else 200
    page = render_template(
        "views/accounts/delete_account.html", form=form, unfinished=unfinished, problem=problem
    )
    return page, status


@bp.get("/your-data.json")
@signed_in
def download_account_data():
    data = your_data.everything_about(db.session, current_user._get_current_object())
    body = json.dumps(data, indent=2, ensure_ascii=False)
    response = Response(body, mimetype="application/json")
    response.headers["Content-Disposition"] = 'attachment; filename="my-account-data.json"'
    response.headers["Cache-Control"] = "no-store"
    return response
