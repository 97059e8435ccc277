"""Disputes settled with nothing charged get a status of their own

Revision ID: 5b2d9e7c4a10
Revises: e4291b9f1e6d
Create Date: 2026-12-03 14:20:00.000000

Before, an officer's "nothing to pay" ended a disputed booking as cancelled by the provider. Those
bookings are found by the event the officer's decision wrote.
"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "5b2d9e7c4a10"
down_revision = "e4291b9f1e6d"
branch_labels = None
depends_on = None

SETTLED = (
    "SELECT booking_id FROM booking_event WHERE note LIKE 'Dispute resolved by an officer: nothing charged%'"
)


def upgrade():
    op.execute(
        "UPDATE booking SET status = 'not_charged'"
        f" WHERE status = 'cancelled_by_provider' AND id IN ({SETTLED})"
    )


def downgrade():
    op.execute(
        "UPDATE booking SET status = 'cancelled_by_provider'"
        f" WHERE status = 'not_charged' AND id IN ({SETTLED})"
    )
