"""indexes for the stock and move browsers

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_lot_number", "lot", ["number"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_lot_number", table_name="lot")
