"""packing: each item scan verified into a parcel, and the shipment an order became

Order status `shipped` needs no change: sales_order.status has no CHECK.

Revision ID: 0010
Revises: 0009
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from models.migrations.permission_rows import add_permissions, drop_permissions

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

PERMISSIONS = {
    "packing.override": ("Ship a parcel whose weight is outside the packing tolerance",
                         ("admin", "supervisor")),
}


def upgrade() -> None:
    op.create_table('pack_scan',
    sa.Column('id', BigId, nullable=False),
    sa.Column('order_id', BigId, nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('qty', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('undone', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('undo_key', sa.String(length=64), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('qty > 0', name=op.f('ck_pack_scan_qty_positive')),
    sa.ForeignKeyConstraint(['order_id'], ['sales_order.id'], name=op.f('fk_pack_scan_order_id_sales_order')),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_pack_scan_product_id_product')),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_pack_scan_user_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pack_scan')),
    sa.UniqueConstraint('key', name=op.f('uq_pack_scan_key')),
    sa.UniqueConstraint('undo_key', name=op.f('uq_pack_scan_undo_key'))
    )
    op.create_index('ix_pack_scan_order_id_id', 'pack_scan', ['order_id', 'id'], unique=False)
    op.create_table('shipment',
    sa.Column('id', BigId, nullable=False),
    sa.Column('order_id', BigId, nullable=False),
    sa.Column('weight_kg', sa.Numeric(precision=10, scale=3), nullable=True),
    sa.Column('expected_kg', sa.Numeric(precision=10, scale=3), nullable=False),
    sa.Column('approved_by', sa.Integer(), nullable=True),
    sa.Column('packed_by', sa.Integer(), nullable=False),
    sa.Column('packed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('posting_id', BigId, nullable=False),
    sa.Column('workstation', sa.String(length=64), server_default='', nullable=False),
    sa.ForeignKeyConstraint(['approved_by'], ['app_user.id'], name=op.f('fk_shipment_approved_by_app_user')),
    sa.ForeignKeyConstraint(['order_id'], ['sales_order.id'], name=op.f('fk_shipment_order_id_sales_order')),
    sa.ForeignKeyConstraint(['packed_by'], ['app_user.id'], name=op.f('fk_shipment_packed_by_app_user')),
    sa.ForeignKeyConstraint(['posting_id'], ['stock_posting.id'], name=op.f('fk_shipment_posting_id_stock_posting')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shipment')),
    sa.UniqueConstraint('order_id', name=op.f('uq_shipment_order_id'))
    )
    op.create_index(op.f('ix_shipment_packed_at'), 'shipment', ['packed_at'], unique=False)
    add_permissions(op.get_bind(), PERMISSIONS)


def downgrade() -> None:
    drop_permissions(op.get_bind(), PERMISSIONS)
    op.drop_index(op.f('ix_shipment_packed_at'), table_name='shipment')
    op.drop_table('shipment')
    op.drop_index('ix_pack_scan_order_id_id', table_name='pack_scan')
    op.drop_table('pack_scan')
