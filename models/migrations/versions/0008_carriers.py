"""carriers, their tracking-number ranges, one order per carrier and tracking number; the
carriers permission; the sender on a shop's waybills; the order list's index

Revision ID: 0008
Revises: 0007
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from models.migrations.permission_rows import add_permissions, drop_permissions

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PERMISSIONS = {
    "carriers.edit": ("Keep carriers and their tracking number ranges",
                      ("admin", "supervisor", "back_office")),
}


def upgrade() -> None:
    op.create_table('carrier',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('check_rule', sa.String(length=8), server_default='none', nullable=False),
    sa.Column('active', sa.Boolean(), server_default='1', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("check_rule IN ('s10', 'mod7', 'mod10', 'ups', 'none')", name=op.f('ck_carrier_check_rule')),
    sa.CheckConstraint("kind IN ('pool', 'manual')", name=op.f('ck_carrier_kind')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_carrier')),
    sa.UniqueConstraint('code', name=op.f('uq_carrier_code'))
    )
    op.create_table('tracking_range',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('carrier_id', sa.Integer(), nullable=False),
    sa.Column('prefix', sa.String(length=16), server_default='', nullable=False),
    sa.Column('suffix', sa.String(length=16), server_default='', nullable=False),
    sa.Column('width', sa.Integer(), nullable=False),
    sa.Column('first_serial', sa.BigInteger(), nullable=False),
    sa.Column('last_serial', sa.BigInteger(), nullable=False),
    sa.Column('next_serial', sa.BigInteger(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('first_serial <= last_serial', name=op.f('ck_tracking_range_order')),
    sa.CheckConstraint('next_serial >= first_serial AND next_serial <= last_serial + 1', name=op.f('ck_tracking_range_next_inside')),
    sa.ForeignKeyConstraint(['carrier_id'], ['carrier.id'], name=op.f('fk_tracking_range_carrier_id_carrier')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tracking_range'))
    )
    with op.batch_alter_table('tracking_range', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tracking_range_carrier_id'), ['carrier_id'], unique=False)
    # NULL tracking numbers never clash: only numbers given out are unique per carrier.
    op.create_index('uq_sales_order_carrier_tracking', 'sales_order',
                    ['carrier', 'tracking_number'], unique=True)
    op.create_index('ix_sales_order_ordered_at_id', 'sales_order', ['ordered_at', 'id'])
    # Added in place (no table rebuild on SQLite): orders reference the shop.
    op.add_column('shop', sa.Column('sender_phone', sa.String(length=32), server_default='',
                                    nullable=False))
    op.add_column('shop', sa.Column('sender_address', sa.String(length=500), server_default='',
                                    nullable=False))
    add_permissions(op.get_bind(), PERMISSIONS)


def downgrade() -> None:
    drop_permissions(op.get_bind(), PERMISSIONS)
    with op.batch_alter_table('shop', schema=None) as batch_op:
        batch_op.drop_column('sender_address')
        batch_op.drop_column('sender_phone')
    op.drop_index('ix_sales_order_ordered_at_id', table_name='sales_order')
    op.drop_index('uq_sales_order_carrier_tracking', table_name='sales_order')
    with op.batch_alter_table('tracking_range', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tracking_range_carrier_id'))
    op.drop_table('tracking_range')
    op.drop_table('carrier')
