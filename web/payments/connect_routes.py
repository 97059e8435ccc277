"""A provider's "Get paid by Stripe" pages (only when STRIPE_CONNECT is on): start or carry on Stripe's
onboarding, and see whether Stripe can pay the business yet."""

from flask import abort, redirect, render_template, url_for
from flask_login import current_user

from web.access import role_required
from web.extensions import db
from web.marketplace import providers
from web.models.accounts import Role
from web.payments import bp, connect, gateway


def _own_business():
    if not connect.enabled():
        abort(404)
    business = providers.business_for(db.session, current_user)
    if business is None:
        abort(404)
    return business


def _page(business, account, problem: str | None = None, status: int = 200):
    return render_template(
        "views/payments/get_paid.html", business=business, account=account, problem=problem
    ), status


def _to_stripe(business):
    try:
        link = connect.start_onboarding(
            db.session,
            business,
            refresh_url=url_for("payments.refresh_onboarding", _external=True),
            return_url=url_for("payments.back_from_stripe", _external=True),
        )
    except gateway.GatewayError as error:
        return _page(business, connect.account_for(db.session, business.id), str(error), 503)
    return redirect(link, code=303)


@bp.get("/provider/get-paid")
@role_required(Role.PROVIDER)
def get_paid():
    business = _own_business()
    return _page(business, connect.account_for(db.session, business.id))


@bp.post("/provider/get-paid")
@role_required(Role.PROVIDER)
def start_onboarding():
    return _to_stripe(_own_business())


@bp.get("/provider/get-paid/refresh")
@role_required(Role.PROVIDER)
def refresh_onboarding():
    """Stripe sends the provider here when their onboarding link has expired: make a new one."""
    return _to_stripe(_own_business())


@bp.get("/provider/get-paid/return")
@role_required(Role.PROVIDER)
def back_from_stripe():
    business = _own_business()
    try:
        account = connect.refresh_status(db.session, business.id)
    except gateway.GatewayError as error:
        return _page(business, connect.account_for(db.session, business.id), str(error), 503)
    return _page(business, account)
