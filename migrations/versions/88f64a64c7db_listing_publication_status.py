"""Listing publication status: draft, awaiting checks, published, suspended or archived

A published listing (is_published true) stays published; an unpublished one was a draft waiting for an
officer, so it becomes a draft. Going back, only published listings count as published.

Revision ID: 88f64a64c7db
Revises: 675bb35a5406
Create Date: 2026-12-02 06:10:48.613608

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '88f64a64c7db'
down_revision = '675bb35a5406'
branch_labels = None
depends_on = None

PUBLICATION = sa.Enum(
    'draft', 'awaiting_checks', 'published', 'suspended', 'archived',
    name='publication', native_enum=False, length=32,
)


def upgrade():
    with op.batch_alter_table('service', schema=None) as batch_op:
        batch_op.add_column(sa.Column('publication', PUBLICATION, nullable=True))
    op.execute(
        "UPDATE service SET publication = CASE WHEN is_published THEN 'published' ELSE 'draft' END"
    )
    with op.batch_alter_table('service', schema=None) as batch_op:
        batch_op.alter_column('publication', existing_type=PUBLICATION, nullable=False)
        batch_op.drop_index(batch_op.f('ix_service_is_published'))
        batch_op.create_index(batch_op.f('ix_service_publication'), ['publication'], unique=False)
        batch_op.drop_column('is_published')


def downgrade():
    with op.batch_alter_table('service', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_published', sa.Boolean(), nullable=True))
    op.execute("UPDATE service SET is_published = (publication = 'published')")
    with op.batch_alter_table('service', schema=None) as batch_op:
        batch_op.alter_column('is_published', existing_type=sa.Boolean(), nullable=False)
        batch_op.drop_index(batch_op.f('ix_service_publication'))
        batch_op.create_index(batch_op.f('ix_service_is_published'), ['is_published'], unique=False)
        batch_op.drop_column('publication')
