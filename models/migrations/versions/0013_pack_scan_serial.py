"""pack scan serial: a serial-tracked unit is scanned once per order at packing

Revision ID: 0013
Revises: 0012
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SCANNED_SERIAL = sa.text('serial IS NOT NULL AND NOT undone')


def upgrade() -> None:
    with op.batch_alter_table('pack_scan') as batch:
        batch.add_column(sa.Column('serial', sa.String(length=128), nullable=True))
    op.create_index('uq_pack_scan_serial', 'pack_scan', ['order_id', 'product_id', 'serial'],
                    unique=True, sqlite_where=_SCANNED_SERIAL,
                    postgresql_where=_SCANNED_SERIAL)


def downgrade() -> None:
    op.drop_index('uq_pack_scan_serial', table_name='pack_scan')
    with op.batch_alter_table('pack_scan') as batch:
        batch.drop_column('serial')
