"""returns: a customer's parcel received against the order it was shipped on, and each step
taken with it (received, restocked, quarantined, scrapped); permission returns.scrap; orders
found by tracking number alone

Order status `returned` needs no change: sales_order.status has no CHECK.

Revision ID: 0011
Revises: 0010
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from models.migrations.permission_rows import add_permissions, drop_permissions

revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

PERMISSIONS = {
    "returns.scrap": ("Scrap returned goods (to inventory loss)", ("admin", "supervisor")),
}


def upgrade() -> None:
    op.create_table('customer_return',
    sa.Column('id', BigId, nullable=False),
    sa.Column('order_id', BigId, nullable=False),
    sa.Column('scanned', sa.String(length=64), server_default='', nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('workstation', sa.String(length=64), server_default='', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['sales_order.id'], name=op.f('fk_customer_return_order_id_sales_order')),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_customer_return_user_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_customer_return'))
    )
    op.create_index(op.f('ix_customer_return_order_id'), 'customer_return', ['order_id'], unique=False)
    op.create_index(op.f('ix_customer_return_created_at'), 'customer_return', ['created_at'], unique=False)
    op.create_table('return_step',
    sa.Column('id', BigId, nullable=False),
    sa.Column('return_id', BigId, nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('lot_id', sa.Integer(), nullable=True),
    sa.Column('qty', sa.Integer(), nullable=False),
    sa.Column('to_location_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=32), server_default='', nullable=False),
    sa.Column('note', sa.String(length=255), server_default='', nullable=False),
    sa.Column('posting_id', BigId, nullable=False),
    sa.Column('key', sa.String(length=96), nullable=False),
    sa.Column('undone', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('undo_key', sa.String(length=96), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('approved_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('qty > 0', name=op.f('ck_return_step_qty_positive')),
    sa.CheckConstraint("kind IN ('receive', 'restock', 'quarantine', 'scrap')", name=op.f('ck_return_step_kind')),
    sa.ForeignKeyConstraint(['return_id'], ['customer_return.id'], name=op.f('fk_return_step_return_id_customer_return')),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_return_step_product_id_product')),
    sa.ForeignKeyConstraint(['lot_id'], ['lot.id'], name=op.f('fk_return_step_lot_id_lot')),
    sa.ForeignKeyConstraint(['to_location_id'], ['location.id'], name=op.f('fk_return_step_to_location_id_location')),
    sa.ForeignKeyConstraint(['posting_id'], ['stock_posting.id'], name=op.f('fk_return_step_posting_id_stock_posting')),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_return_step_user_id_app_user')),
    sa.ForeignKeyConstraint(['approved_by'], ['app_user.id'], name=op.f('fk_return_step_approved_by_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_return_step')),
    sa.UniqueConstraint('key', name=op.f('uq_return_step_key')),
    sa.UniqueConstraint('undo_key', name=op.f('uq_return_step_undo_key'))
    )
    op.create_index('ix_return_step_return_id_id', 'return_step', ['return_id', 'id'], unique=False)
    op.create_index('ix_sales_order_tracking_number', 'sales_order', ['tracking_number'], unique=False)
    add_permissions(op.get_bind(), PERMISSIONS)


def downgrade() -> None:
    drop_permissions(op.get_bind(), PERMISSIONS)
    op.drop_index('ix_sales_order_tracking_number', table_name='sales_order')
    op.drop_index('ix_return_step_return_id_id', table_name='return_step')
    op.drop_table('return_step')
    op.drop_index(op.f('ix_customer_return_created_at'), table_name='customer_return')
    op.drop_index(op.f('ix_customer_return_order_id'), table_name='customer_return')
    op.drop_table('customer_return')
