"""The person's direct-payment budget: where it stands this period, and recording or changing it. Each
person sees only their own: there is no budget id in any address."""

from datetime import datetime

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from web.access import role_required
from web.extensions import db
from web.marketplace import bp
from web.marketplace import budgets as budget_rules
from web.marketplace.availability import LONDON
from web.marketplace.forms import BudgetForm
from web.models.accounts import BOOKER_ROLES
from web.models.budgets import BudgetPeriod
from web.payments.statements import statement_query
from web.services.listings import decimal_pounds


def _now() -> datetime:
    return datetime.now(LONDON)


@bp.get("/budget")
@role_required(*BOOKER_ROLES)
def show_budget():
    budget, position = budget_rules.current_position(db.session, current_user.id, _now())
    period = position.period if position else None
    return render_template(
        "views/marketplace/budget/show.html",
        budget=budget,
        position=position,
        history=budget_rules.budget_history(db.session, current_user.id),
        today=_now().date(),
        period_statement=statement_query(period.starts_on, period.ends_on) if period else None,
    )


def _pounds_value(pence: int) -> str:
    return decimal_pounds(pence)


def _form_page(form: BudgetForm, status: int = 200):
    return render_template("views/marketplace/budget/edit.html", form=form), status


@bp.get("/budget/change")
@role_required(*BOOKER_ROLES)
def change_budget():
    budget = budget_rules.current_budget(db.session, current_user.id)
    if budget is None:
        return _form_page(BudgetForm(formdata=None))
    form = BudgetForm(
        formdata=None,
        amount=_pounds_value(budget.amount_pence),
        period=budget.period.value,
        starts_on=budget.starts_on,
        ends_on=budget.ends_on,
        council_reference=budget.council_reference,
        contribution=_pounds_value(budget.contribution_pence) if budget.contribution_pence else "",
    )
    return _form_page(form)


@bp.post("/budget/change")
@role_required(*BOOKER_ROLES)
def save_budget():
    form = BudgetForm()
    if not form.validate():
        return _form_page(form, 400)
    details = budget_rules.BudgetDetails(
        amount_pence=form.amount.pence,
        period=BudgetPeriod(form.period.data),
        starts_on=form.starts_on.data,
        ends_on=form.ends_on.data,
        council_reference=form.council_reference.data or "",
        contribution_pence=form.contribution.pence or 0,
    )
    budget_rules.record_budget(db.session, current_user.id, details)
    flash("Your budget has been saved.", "success")
    return redirect(url_for("marketplace.show_budget"))
