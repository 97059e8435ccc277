"""Statements of what a person paid, for any dates, on the page and as CSV, PDF and the council's audit
pack; and a receipt for each payment. Each person gets only their own: the statement is always of the
signed-in account, and another person's receipt is not found."""

from datetime import datetime

from flask import Response, abort, render_template, request
from flask_login import current_user

from web.access import role_required
from web.extensions import db
from web.marketplace.availability import LONDON
from web.marketplace.budgets import current_budget
from web.marketplace.forms import StatementForm
from web.models.accounts import BOOKER_ROLES
from web.payments import bp
from web.payments import statements as money


def _download(body: bytes | str, media_type: str, name: str) -> Response:
    response = Response(body, mimetype=media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "no-store"  # personal money records stay off shared caches
    return response


def _statement_or_page():
    """The statement for the dates asked, or the form page with what is wrong (400)."""
    form = StatementForm(formdata=request.args)
    if not form.validate():
        return None, (render_template("views/payments/statement.html", form=form, statement=None), 400)
    budget = current_budget(db.session, current_user.id)
    statement = money.statement_for(
        db.session,
        current_user._get_current_object(),
        form.first.data,
        form.last.data,
        budget.council_reference if budget else "",
    )
    return statement, None


def _dates(statement: money.Statement) -> str:
    return f"{statement.first.isoformat()}-to-{statement.last.isoformat()}"


@bp.get("/payments/statement")
@role_required(*BOOKER_ROLES)
def show_statement():
    if not request.args:
        first, last = money.quarter_before(datetime.now(LONDON).date())
        return render_template(
            "views/payments/statement.html",
            form=StatementForm(formdata=None),
            statement=None,
            last_quarter=(first, last, money.statement_query(first, last)),
        )
    statement, page = _statement_or_page()
    if page:
        return page
    return render_template(
        "views/payments/statement.html",
        form=StatementForm(formdata=request.args),
        statement=statement,
        query=request.query_string.decode(),
        length_text=money.length_text,
    )


@bp.get("/payments/statement.csv")
@role_required(*BOOKER_ROLES)
def download_statement_csv():
    statement, page = _statement_or_page()
    if page:
        return page
    return _download(money.statement_csv(statement), "text/csv", f"statement-{_dates(statement)}.csv")


@bp.get("/payments/statement.pdf")
@role_required(*BOOKER_ROLES)
def download_statement_pdf():
    statement, page = _statement_or_page()
    if page:
        return page
    return _download(money.statement_pdf(statement), "application/pdf", f"statement-{_dates(statement)}.pdf")


@bp.get("/payments/audit-pack.zip")
@role_required(*BOOKER_ROLES)
def download_audit_pack():
    statement, page = _statement_or_page()
    if page:
        return page
    body = money.audit_pack(db.session, statement)
    return _download(body, "application/zip", f"payments-{_dates(statement)}.zip")


@bp.get("/payments/receipts/<payment_id>.pdf")
@role_required(*BOOKER_ROLES)
def download_receipt(payment_id: str):
    payment = money.paid_payment_for(db.session, current_user._get_current_object(), payment_id)
    if payment is None:
        abort(404)
    return _download(money.receipt_pdf(payment), "application/pdf", money.receipt_name(payment))
