"""order review: the rule list, review runs and each order's trace; the order fields the rules
set; reservations linked to order lines; the review and approve permissions

Revision ID: 0007
Revises: 0006
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from models.migrations.permission_rows import add_permissions, drop_permissions

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PERMISSIONS = {
    "orders.review": ("Keep the order review rules; review, hold, retry and cancel orders",
                      ("admin", "supervisor", "back_office")),
    "orders.approve": ("Approve orders by hand and release holds (past the review rules)",
                       ("admin", "supervisor")),
}
BigId = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')
Stamp = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table('review_rule',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('active', sa.Boolean(), server_default='1', nullable=False),
    sa.Column('conditions', sa.JSON(), nullable=False),
    sa.Column('actions', sa.JSON(), nullable=False),
    sa.Column('created_at', Stamp, nullable=False),
    sa.Column('updated_at', Stamp, nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_rule')),
    sa.UniqueConstraint('name', name=op.f('uq_review_rule_name'))
    )
    op.create_index(op.f('ix_review_rule_position'), 'review_rule', ['position'], unique=False)
    op.create_table('review_run',
    sa.Column('id', BigId, nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('workstation', sa.String(length=64), nullable=False),
    sa.Column('started_at', Stamp, nullable=False),
    sa.Column('orders', sa.Integer(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_review_run_user_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_run'))
    )
    op.create_table('order_rule_trace',
    sa.Column('id', BigId, nullable=False),
    sa.Column('run_id', BigId, nullable=False),
    sa.Column('order_id', BigId, nullable=False),
    sa.Column('step', sa.Integer(), nullable=False),
    sa.Column('rule_id', sa.Integer(), nullable=True),
    sa.Column('rule_name', sa.String(length=100), server_default='', nullable=False),
    sa.Column('effect', sa.String(length=1000), nullable=False),
    sa.Column('at', Stamp, nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['sales_order.id'], name=op.f('fk_order_rule_trace_order_id_sales_order'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['rule_id'], ['review_rule.id'], name=op.f('fk_order_rule_trace_rule_id_review_rule'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['run_id'], ['review_run.id'], name=op.f('fk_order_rule_trace_run_id_review_run')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_order_rule_trace'))
    )
    op.create_index('ix_order_rule_trace_order_id_id', 'order_rule_trace', ['order_id', 'id'], unique=False)
    op.create_index(op.f('ix_order_rule_trace_run_id'), 'order_rule_trace', ['run_id'], unique=False)
    _add_columns()
    op.create_index(op.f('ix_reservation_order_line_id'), 'reservation', ['order_line_id'], unique=False)
    add_permissions(op.get_bind(), PERMISSIONS)


def _add_columns() -> None:
    """Added in place (as 0004 did for product): recreating sales_order or reservation on
    SQLite (batch mode) would drop a table others reference, inside the upgrade."""
    sales_order = [
        ("warehouse_id", "INTEGER CONSTRAINT fk_sales_order_warehouse_id_warehouse "
         "REFERENCES warehouse (id)", sa.Column('warehouse_id', sa.Integer(), nullable=True)),
        ("priority", "INTEGER DEFAULT '0' NOT NULL",
         sa.Column('priority', sa.Integer(), server_default='0', nullable=False)),
        ("hold_reason", "VARCHAR(500) DEFAULT '' NOT NULL",
         sa.Column('hold_reason', sa.String(length=500), server_default='', nullable=False)),
        ("exception_reason", "VARCHAR(500) DEFAULT '' NOT NULL",
         sa.Column('exception_reason', sa.String(length=500), server_default='',
                   nullable=False)),
        ("customer_tags", "VARCHAR(255) DEFAULT '' NOT NULL",
         sa.Column('customer_tags', sa.String(length=255), server_default='', nullable=False)),
        ("reviewed_at", "DATETIME", sa.Column('reviewed_at', Stamp, nullable=True)),
    ]
    line_ddl = ("INTEGER CONSTRAINT fk_reservation_order_line_id_sales_order_line "
                "REFERENCES sales_order_line (id)")
    if op.get_bind().dialect.name == "sqlite":
        for name, ddl, _column in sales_order:
            op.execute(f"ALTER TABLE sales_order ADD COLUMN {name} {ddl}")
        op.execute(f"ALTER TABLE reservation ADD COLUMN order_line_id {line_ddl}")
        return
    for _name, _ddl, column in sales_order:
        op.add_column('sales_order', column)
    op.create_foreign_key(op.f('fk_sales_order_warehouse_id_warehouse'), 'sales_order',
                          'warehouse', ['warehouse_id'], ['id'])
    op.add_column('reservation', sa.Column('order_line_id', BigId, nullable=True))
    op.create_foreign_key(op.f('fk_reservation_order_line_id_sales_order_line'), 'reservation',
                          'sales_order_line', ['order_line_id'], ['id'])


def downgrade() -> None:
    drop_permissions(op.get_bind(), PERMISSIONS)
    op.drop_index(op.f('ix_reservation_order_line_id'), table_name='reservation')
    with op.batch_alter_table('reservation') as batch_op:
        batch_op.drop_constraint(op.f('fk_reservation_order_line_id_sales_order_line'),
                                 type_='foreignkey')
        batch_op.drop_column('order_line_id')
    with op.batch_alter_table('sales_order') as batch_op:
        batch_op.drop_constraint(op.f('fk_sales_order_warehouse_id_warehouse'),
                                 type_='foreignkey')
        for name in ('reviewed_at', 'customer_tags', 'exception_reason', 'hold_reason',
                     'priority', 'warehouse_id'):
            batch_op.drop_column(name)
    op.drop_index(op.f('ix_order_rule_trace_run_id'), table_name='order_rule_trace')
    op.drop_index('ix_order_rule_trace_order_id_id', table_name='order_rule_trace')
    op.drop_table('order_rule_trace')
    op.drop_table('review_run')
    op.drop_index(op.f('ix_review_rule_position'), table_name='review_rule')
    op.drop_table('review_rule')
