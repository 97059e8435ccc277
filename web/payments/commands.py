"""`flask payments ...`: the commands an officer or the scheduler runs for money."""

from flask.cli import AppGroup

payments_cli = AppGroup("payments", help="Card payments, refunds, payouts and invoices.")
