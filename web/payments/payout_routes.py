"""Payout pages: officers see what each provider is owed, make the week's file for the BACS run and mark
it paid; a provider sees what they are owed and each payout."""

from datetime import date

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from web.access import STAFF_ROLES, role_required
from web.extensions import db
from web.marketplace.availability import to_london
from web.marketplace.providers import business_for
from web.models.accounts import Role
from web.models.base import utcnow
from web.payments import bp, payouts
from web.payments.payout_forms import MakePayoutFileForm, MarkPaidForm


def _this_week_ending() -> date:
    return payouts.last_week_ending(to_london(utcnow()).date())


def _week_or_404(week: str) -> date:
    try:
        week_ending = date.fromisoformat(week)
    except ValueError:
        abort(404)
    if not payouts.payouts_of_week(db.session, week_ending):
        abort(404)
    return week_ending


@bp.get("/officers/payouts")
@role_required(*STAFF_ROLES)
def list_payouts():
    week_ending = _this_week_ending()
    owed_now = payouts.owed_by_provider(db.session)
    in_file = {
        business.id: lines.amount_pence
        for business, lines in payouts.owed_by_provider(db.session, payouts.week_cutoff(week_ending))
    }
    return render_template(
        "views/payments/payouts/officer_list.html",
        owed_now=owed_now,
        in_file=in_file,
        week_ending=week_ending,
        weeks=payouts.payout_weeks(db.session),
        provider_reference=payouts.provider_reference,
        form=MakePayoutFileForm(formdata=None),
    )


@bp.post("/officers/payouts/file")
@role_required(*STAFF_ROLES)
def make_payout_file():
    if not MakePayoutFileForm().validate_on_submit():
        abort(400)
    week_ending = _this_week_ending()
    made = payouts.make_weekly_payouts(db.session, week_ending, current_user._get_current_object(), utcnow())
    if not made:
        flash("Nobody is owed anything for the week. No payout file was made.", "success")
        return redirect(url_for("payments.list_payouts"))
    flash("The payout file is ready. Download it and send it to finance.", "success")
    return redirect(url_for("payments.show_payout_week", week=week_ending.isoformat()))


def _render_week(week_ending: date, form: MarkPaidForm, status: int = 200):
    week_payouts = payouts.payouts_of_week(db.session, week_ending)
    return render_template(
        "views/payments/payouts/week.html",
        week_ending=week_ending,
        payouts=week_payouts,
        total_pence=sum(p.amount_pence for p in week_payouts),
        unpaid=any(p.paid_on is None for p in week_payouts),
        provider_reference=payouts.provider_reference,
        form=form,
    ), status


@bp.get("/officers/payouts/<week>")
@role_required(*STAFF_ROLES)
def show_payout_week(week: str):
    return _render_week(_week_or_404(week), MarkPaidForm(formdata=None, paid_on=to_london(utcnow()).date()))


@bp.get("/officers/payouts/<week>/payout-file.csv")
@role_required(*STAFF_ROLES)
def download_payout_file(week: str):
    week_ending = _week_or_404(week)
    response = Response(
        payouts.payout_file(payouts.payouts_of_week(db.session, week_ending)), mimetype="text/csv"
    )
    response.headers["Content-Disposition"] = f'attachment; filename="payouts-{week_ending.isoformat()}.csv"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/officers/payouts/<week>/paid")
@role_required(*STAFF_ROLES)
def mark_payout_week_paid(week: str):
    week_ending = _week_or_404(week)
    form = MarkPaidForm()
    if not form.validate_on_submit():
        return _render_week(week_ending, form, 400)
    try:
        count = payouts.mark_paid(
            db.session, week_ending, form.paid_on.data, current_user._get_current_object(), utcnow()
        )
    except payouts.PayoutProblems as problems:
        for name, message in problems.problems.items():
            getattr(form, name).errors = [message]
        return _render_week(week_ending, form, 400)
    flash(f"{count} payout{'s' if count != 1 else ''} marked as paid.", "success")
    return redirect(url_for("payments.show_payout_week", week=week_ending.isoformat()))


@bp.get("/provider/payouts")
@role_required(Role.PROVIDER)
def show_my_payouts():
    business = business_for(db.session, current_user)
    if business is None:
        abort(404)
    lines = payouts.owed_to(db.session, business)
    return render_template(
        "views/payments/payouts/provider.html",
        business=business,
        provider_reference=payouts.provider_reference(business),
        owed_now=lines,
        payouts=payouts.payouts_of_business(db.session, business),
    )
