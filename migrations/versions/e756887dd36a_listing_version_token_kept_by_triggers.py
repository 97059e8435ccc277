"""Listing version token kept by triggers

Revision ID: e756887dd36a
Revises: bfa79cff6dbf
Create Date: 2026-12-03 06:27:12.903124

"""
from alembic import op
import sqlalchemy as sa

from web.models.listing_version import WATCHED_TABLES, trigger_statements


# revision identifiers, used by Alembic.
revision = 'e756887dd36a'
down_revision = 'bfa79cff6dbf'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('listing_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    for statement in trigger_statements(op.get_bind().dialect.name):
        op.execute(statement)


def downgrade():
    postgresql = op.get_bind().dialect.name == "postgresql"
    for table in WATCHED_TABLES:
        if postgresql:
            op.execute(f'DROP TRIGGER IF EXISTS listing_version_{table} ON "{table}"')
        else:
            for operation in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS listing_version_{table}_{operation}")
    if postgresql:
        op.execute("DROP FUNCTION IF EXISTS note_listing_change()")
    op.drop_table('listing_version')
