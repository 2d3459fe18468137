"""order mappings: custom column mappings for other shops' order exports

Revision ID: 0012
Revises: 0011
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

Stamp = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table('order_mapping',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=32), nullable=False),
    sa.Column('title', sa.String(length=100), server_default='', nullable=False),
    sa.Column('columns', sa.JSON(), nullable=False),
    sa.Column('repeats', sa.Boolean(), server_default='1', nullable=False),
    sa.Column('currency', sa.String(length=3), server_default='CNY', nullable=False),
    sa.Column('country', sa.String(length=64), server_default='', nullable=False),
    sa.Column('zone_hours', sa.Integer(), server_default='8', nullable=False),
    sa.Column('created_at', Stamp, nullable=False),
    sa.Column('updated_at', Stamp, nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_order_mapping')),
    sa.UniqueConstraint('name', name=op.f('uq_order_mapping_name'))
    )


def downgrade() -> None:
    op.drop_table('order_mapping')
