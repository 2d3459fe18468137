"""waves, the orders in them and their totes, pick tasks and the picks posted

Order statuses `picking` and `picked` need no change: sales_order.status has no CHECK.

Revision ID: 0009
Revises: 0008
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table('wave',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('warehouse_id', sa.Integer(), nullable=False),
    sa.Column('packing_location_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), server_default='open', nullable=False),
    sa.Column('grouping', sa.String(length=255), server_default='', nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by'], ['app_user.id'], name=op.f('fk_wave_created_by_app_user')),
    sa.ForeignKeyConstraint(['packing_location_id'], ['location.id'], name=op.f('fk_wave_packing_location_id_location')),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouse.id'], name=op.f('fk_wave_warehouse_id_warehouse')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wave'))
    )
    op.create_index(op.f('ix_wave_status'), 'wave', ['status'], unique=False)
    op.create_table('wave_order',
    sa.Column('id', BigId, nullable=False),
    sa.Column('wave_id', sa.Integer(), nullable=False),
    sa.Column('order_id', BigId, nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('tote', sa.String(length=32), nullable=True),
    sa.ForeignKeyConstraint(['order_id'], ['sales_order.id'], name=op.f('fk_wave_order_order_id_sales_order')),
    sa.ForeignKeyConstraint(['wave_id'], ['wave.id'], name=op.f('fk_wave_order_wave_id_wave'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wave_order')),
    sa.UniqueConstraint('wave_id', 'order_id', name=op.f('uq_wave_order_wave_id_order_id')),
    sa.UniqueConstraint('wave_id', 'tote', name=op.f('uq_wave_order_wave_id_tote'))
    )
    op.create_index(op.f('ix_wave_order_order_id'), 'wave_order', ['order_id'], unique=False)
    op.create_table('pick_task',
    sa.Column('id', BigId, nullable=False),
    sa.Column('wave_id', sa.Integer(), nullable=False),
    sa.Column('order_id', BigId, nullable=False),
    sa.Column('order_line_id', BigId, nullable=False),
    sa.Column('reservation_id', BigId, nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('location_id', sa.Integer(), nullable=False),
    sa.Column('lot_id', sa.Integer(), nullable=True),
    sa.Column('walk_seq', sa.Integer(), nullable=False),
    sa.Column('qty', sa.Integer(), nullable=False),
    sa.Column('picked', sa.Integer(), server_default='0', nullable=False),
    sa.Column('status', sa.String(length=8), server_default='open', nullable=False),
    sa.Column('short_reason', sa.String(length=255), server_default='', nullable=False),
    sa.CheckConstraint('picked >= 0 AND picked <= qty', name=op.f('ck_pick_task_picked_range')),
    sa.CheckConstraint('qty > 0', name=op.f('ck_pick_task_qty_positive')),
    sa.ForeignKeyConstraint(['location_id'], ['location.id'], name=op.f('fk_pick_task_location_id_location')),
    sa.ForeignKeyConstraint(['lot_id'], ['lot.id'], name=op.f('fk_pick_task_lot_id_lot')),
    sa.ForeignKeyConstraint(['order_id'], ['sales_order.id'], name=op.f('fk_pick_task_order_id_sales_order')),
    sa.ForeignKeyConstraint(['order_line_id'], ['sales_order_line.id'], name=op.f('fk_pick_task_order_line_id_sales_order_line')),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_pick_task_product_id_product')),
    sa.ForeignKeyConstraint(['reservation_id'], ['reservation.id'], name=op.f('fk_pick_task_reservation_id_reservation')),
    sa.ForeignKeyConstraint(['wave_id'], ['wave.id'], name=op.f('fk_pick_task_wave_id_wave'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pick_task'))
    )
    op.create_index('ix_pick_task_walk', 'pick_task', ['wave_id', 'walk_seq'], unique=False)
    op.create_index(op.f('ix_pick_task_order_id'), 'pick_task', ['order_id'], unique=False)
    op.create_table('pick_event',
    sa.Column('id', BigId, nullable=False),
    sa.Column('task_id', BigId, nullable=False),
    sa.Column('wave_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('qty', sa.Integer(), nullable=False),
    sa.Column('posting_id', BigId, nullable=False),
    sa.Column('undone', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['posting_id'], ['stock_posting.id'], name=op.f('fk_pick_event_posting_id_stock_posting')),
    sa.ForeignKeyConstraint(['task_id'], ['pick_task.id'], name=op.f('fk_pick_event_task_id_pick_task')),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_pick_event_user_id_app_user')),
    sa.ForeignKeyConstraint(['wave_id'], ['wave.id'], name=op.f('fk_pick_event_wave_id_wave'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pick_event')),
    sa.UniqueConstraint('key', name=op.f('uq_pick_event_key'))
    )
    op.create_index(op.f('ix_pick_event_task_id'), 'pick_event', ['task_id'], unique=False)
    op.create_index(op.f('ix_pick_event_wave_id'), 'pick_event', ['wave_id'], unique=False)


def downgrade() -> None:
    op.drop_table('pick_event')
    op.drop_table('pick_task')
    op.drop_table('wave_order')
    op.drop_table('wave')
