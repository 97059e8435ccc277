"""`flask payments ...`: the commands an officer or the scheduler runs for money."""

import click
from flask.cli import AppGroup

payments_cli = AppGroup("payments", help="Card payments, refunds, payouts and invoices.")


@payments_cli.command("invoices")
@click.option("--month", "month_text", help="The month to invoice, like 2026-11. Last month if not given.")
def issue_invoices_command(month_text: str | None) -> None:
    """Invoice managed accounts and ISFs for a month's confirmed sessions, and email them. Safe to run
    again: sessions already invoiced are left alone."""
    from web.extensions import db
    from web.models.base import utcnow
    from web.payments import invoices
    from web.payments.invoice_pdf import month_words, pounds

    now = utcnow()
    try:
        month = invoices.parse_month(month_text) if month_text else invoices.previous_month(now)
        report = invoices.issue_and_email(db.session, month, now)
    except (invoices.MonthNotUnderstood, invoices.MonthNotOver) as error:
        raise click.BadParameter(str(error), param_hint="--month") from None
    click.echo(f"Issued {len(report.issued)} invoices for {month_words(month)}; emailed {report.emailed}.")
    for invoice in report.issued:
        click.echo(f"{invoice.number}: {invoice.holder_name}, {pounds(invoice.total_pence)}")
