"""Invoices: the person's and the provider's lists, the PDF, the holder's emailed link to mark one
paid, and the officers' list."""

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from web.access import public, role_required, signed_in
from web.extensions import db
from web.marketplace import providers
from web.models.accounts import Role
from web.models.base import utcnow
from web.models.invoices import Invoice, InvoiceStatus
from web.payments import bp, invoices
from web.payments.forms import MarkPaidForm
from web.payments.invoice_pdf import invoice_pdf, pounds

STAFF = (Role.OFFICER, Role.ADMIN)

bp.add_app_template_filter(pounds, "invoice_pounds")


def _may_see(user, invoice: Invoice) -> bool:
    if user.is_staff or invoice.payer_id == user.id:
        return True
    business = providers.business_for(db.session, user)
    return business is not None and business.id == invoice.business_id


@bp.get("/payments/invoices")
@role_required(Role.PERSON, Role.CARER)
def list_my_invoices():
    return render_template(
        "views/payments/invoices.html",
        invoices=invoices.invoices_of_payer(db.session, current_user.id),
        for_provider=False,
    )


@bp.get("/payments/provider-invoices")
@role_required(Role.PROVIDER)
def list_provider_invoices():
    business = providers.business_for(db.session, current_user)
    found = invoices.invoices_of_business(db.session, business.id) if business else []
    return render_template("views/payments/invoices.html", invoices=found, for_provider=True)


@bp.get("/payments/invoices/<invoice_id>.pdf")
@signed_in
def download_invoice(invoice_id: str):
    invoice = db.session.get(Invoice, invoice_id)
    if invoice is None or not _may_see(current_user, invoice):
        abort(404)  # the same answer whether it exists or not
    response = Response(invoice_pdf(invoice), mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{invoice.number}.pdf"'
    response.headers["Cache-Control"] = "no-store"
    return response


def _invoice_for_token_or_404(token: str) -> Invoice:
    invoice = invoices.invoice_for_token(db.session, token)
    if invoice is None:
        abort(404)
    return invoice


def _render_paid_link(invoice: Invoice, token: str, status: int = 200):
    response = Response(
        render_template(
            "views/payments/paid_link.html", invoice=invoice, token=token, mark_paid_form=MarkPaidForm()
        ),
        status,
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@public
@bp.get("/payments/invoices/paid/<token>")
def show_paid_link(token: str):
    return _render_paid_link(_invoice_for_token_or_404(token), token)


@public
@bp.post("/payments/invoices/paid/<token>")
def mark_paid_from_link(token: str):
    invoice = _invoice_for_token_or_404(token)
    if not MarkPaidForm().validate_on_submit():
        return _render_paid_link(invoice, token, 400)
    if invoices.mark_paid(db.session, invoice, utcnow()):
        flash(f"Thank you. Invoice {invoice.number} is marked as paid.", "success")
    else:
        flash(f"Invoice {invoice.number} was already marked as paid.", "info")
    return redirect(url_for("payments.show_paid_link", token=token))


@bp.get("/officers/invoices")
@role_required(*STAFF)
def list_invoices_for_officers():
    return render_template(
        "views/payments/officer_invoices.html",
        issued=invoices.invoices_with_status(db.session, InvoiceStatus.ISSUED),
        paid=invoices.invoices_with_status(db.session, InvoiceStatus.PAID),
        mark_paid_form=MarkPaidForm(),
    )


@bp.post("/officers/invoices/<invoice_id>/paid")
@role_required(*STAFF)
def mark_paid_by_officer(invoice_id: str):
    invoice = db.session.get(Invoice, invoice_id)
    if invoice is None:
        abort(404)
    if not MarkPaidForm().validate_on_submit():
        abort(400)
    if invoices.mark_paid(db.session, invoice, utcnow(), by=current_user._get_current_object()):
        flash(f"Invoice {invoice.number} is marked as paid.", "success")
    else:
        flash(f"Invoice {invoice.number} was already marked as paid.", "info")
    return redirect(url_for("payments.list_invoices_for_officers"))
