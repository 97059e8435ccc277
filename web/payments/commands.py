"""`flask payments ...`: the commands an officer or the scheduler runs for money."""

from datetime import timedelta

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


@payments_cli.command("reconcile")
@click.option("--days", default=3, show_default=True, help="Compare card payments made in this many days.")
@click.option(
    "--open-only", is_flag=True, help="Only recent payments still being taken (cheap: for the scheduler)."
)
@click.option("--older-than", default=0, show_default=True, help="Minutes an open payment must have waited.")
@click.option("--quiet", is_flag=True, help="Print nothing when everything matches.")
@click.option(
    "--charge-missing",
    is_flag=True,
    help="Charge the card payments Stripe has just been found to hold no charge for (the scheduler's retry).",
)
def reconcile_command(days: int, open_only: bool, older_than: int, quiet: bool, charge_missing: bool) -> None:
    """Compare our payments with Stripe: complete what Stripe shows as done, report every difference."""
    from web.extensions import db
    from web.models.base import utcnow
    from web.payments import gateway
    from web.payments.reconcile import reconcile

    try:
        report = reconcile(
            db.session, utcnow(), days=days, open_only=open_only, older_than=timedelta(minutes=older_than)
        )
    except gateway.StripeUnavailable as error:
        raise click.ClickException(str(error)) from error
    if quiet and not (report.completed or report.not_charged or report.differences):
        return
    for line in report.lines():
        click.echo(line)
    if charge_missing:
        from web.payments.charges import charge_uncharged

        for payment_id, message in charge_uncharged(db.session, report.uncharged_ids, utcnow()).items():
            click.echo(f"Charged payment {payment_id}: {message or 'paid'}.")


@payments_cli.command("localstripe-webhooks")
@click.option(
    "--url",
    required=True,
    help="Where the site's webhook answers, e.g. http://127.0.0.1:5000/payments/webhook",
)
@click.option("--wait", default=30, show_default=True, help="Seconds to wait for localstripe to start.")
def localstripe_webhooks_command(url: str, wait: int) -> None:
    """Have localstripe (the embedded default's offline Stripe) post its events to the site."""
    import time

    import requests
    from flask import current_app

    from web.payments.localstripe_server import send_webhooks_to

    base = current_app.config["STRIPE_API_BASE"]
    if not base:
        raise click.ClickException(
            "STRIPE_API_BASE is empty: real Stripe is set up in its dashboard instead."
        )
    deadline = time.monotonic() + wait
    while True:
        try:
            send_webhooks_to(base, url, current_app.config["STRIPE_WEBHOOK_SECRET"])
            break
        except requests.ConnectionError as error:
            if time.monotonic() > deadline:
                raise click.ClickException(f"localstripe is not answering at {base}.") from error
            time.sleep(0.5)
    click.echo(f"localstripe at {base} sends its events to {url}.")
