"""carrier upload name: the carrier as the platforms' bulk-shipping uploads name it

Revision ID: 0015
Revises: 0014
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0015'
down_revision: str | None = '0014'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('carrier', schema=None) as batch_op:
        batch_op.add_column(sa.Column('upload_name', sa.String(length=64), server_default='',
                                      nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('carrier', schema=None) as batch_op:
        batch_op.drop_column('upload_name')
