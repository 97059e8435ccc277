"""The page where a person says who holds their money: their own card, a managed account or an ISF."""

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from web.access import role_required
from web.extensions import db
from web.models.accounts import Role
from web.payments import bp, holders
from web.payments.forms import OWN_CARD, MoneyHolderForm


def _filled_in(holder) -> MoneyHolderForm:
    """The form as the person left it: their holder's details under its choice."""
    if holder is None:
        return MoneyHolderForm(formdata=None, how_paid=OWN_CARD)
    prefix = holder.kind.value
    return MoneyHolderForm(
        formdata=None,
        how_paid=prefix,
        **{
            f"{prefix}_name": holder.name,
            f"{prefix}_email": holder.email,
            f"{prefix}_reference": holder.reference,
        },
    )


@bp.route("/payments/money-holder", methods=["GET", "POST"])
@role_required(Role.PERSON, Role.CARER)
def change_money_holder():
    holder = holders.holder_of(db.session, current_user.id)
    form = MoneyHolderForm()
    if not form.is_submitted():
        return render_template("views/payments/money_holder.html", form=_filled_in(holder), holder=holder)
    if not form.validate():
        return render_template("views/payments/money_holder.html", form=form, holder=holder), 400
    kind = form.chosen_kind
    details = None
    if kind is not None:
        details = holders.HolderDetails(
            kind=kind,
            name=form.holder_field(kind, "name").data,
            email=form.holder_field(kind, "email").data,
            reference=form.holder_field(kind, "reference").data,
        )
    saved = holders.set_holder(db.session, current_user.id, details)
    if saved is None:
        flash("Saved. Your sessions will be paid with your own card.", "success")
    else:
        flash(f"Saved. Your sessions will be invoiced to {saved.name} each month.", "success")
    return redirect(url_for("payments.change_money_holder"))
