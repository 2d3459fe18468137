"""short holds: a product reported short in a bin is not reserved there until it is counted

Revision ID: 0014
Revises: 0013
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0014'
down_revision: str | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('short_hold',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('location_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('count_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=255), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['count_id'], ['stock_count.id'], name=op.f('fk_short_hold_count_id_stock_count')),
    sa.ForeignKeyConstraint(['created_by'], ['app_user.id'], name=op.f('fk_short_hold_created_by_app_user')),
    sa.ForeignKeyConstraint(['location_id'], ['location.id'], name=op.f('fk_short_hold_location_id_location')),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_short_hold_product_id_product')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_short_hold')),
    sa.UniqueConstraint('location_id', 'product_id', name=op.f('uq_short_hold_location_id_product_id'))
    )
    op.create_index(op.f('ix_short_hold_count_id'), 'short_hold', ['count_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_short_hold_count_id'), table_name='short_hold')
    op.drop_table('short_hold')
