"""print log and customised label templates; the labels.edit permission

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Roles that existed before this permission get it once, here; later edits of a role are left
# alone by the reference data sync (a new database gets it from the built-in role list).
LABELS_EDIT = "labels.edit"
LABELS_EDIT_DESCRIPTION = "Customise label and document templates for every workstation"
LABELS_EDIT_ROLES = ("admin", "supervisor", "back_office")


def upgrade() -> None:
    op.create_table(
        "print_job",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("template", sa.String(length=64), nullable=False),
        sa.Column("template_body", sa.Text(), server_default="", nullable=False),
        sa.Column("rows", sa.Text(), nullable=False),
        sa.Column("row_count", sa.Integer(), nullable=False),
        sa.Column("format", sa.String(length=8), nullable=False),
        sa.Column("dpi", sa.Integer(), nullable=False),
        sa.Column("printer", sa.String(length=64), nullable=False),
        sa.Column("address", sa.String(length=255), nullable=False),
        sa.Column("copies", sa.Integer(), server_default="1", nullable=False),
        sa.Column("status", sa.String(length=12), server_default="queued", nullable=False),
        sa.Column("rows_sent", sa.Integer(), server_default="0", nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("error", sa.Text(), server_default="", nullable=False),
        sa.Column("reprint_of", sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                  nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("workstation", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("status IN ('queued', 'sent', 'failed', 'cancelled')",
                           name=op.f("ck_print_job_status")),
        sa.CheckConstraint("copies >= 1", name=op.f("ck_print_job_copies_positive")),
        sa.ForeignKeyConstraint(["reprint_of"], ["print_job.id"],
                                name=op.f("fk_print_job_reprint_of_print_job")),
        sa.ForeignKeyConstraint(["user_id"], ["app_user.id"],
                                name=op.f("fk_print_job_user_id_app_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_print_job")),
    )
    op.create_index(op.f("ix_print_job_created_at"), "print_job", ["created_at"], unique=False)
    op.create_table(
        "label_template",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["updated_by"], ["app_user.id"],
                                name=op.f("fk_label_template_updated_by_app_user")),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_label_template")),
    )
    conn = op.get_bind()
    # Guarded: reference data written by a newer WareDesk may already hold these rows.
    conn.execute(sa.text(
        "INSERT INTO permission (code, description) "
        "SELECT CAST(:c AS VARCHAR(64)), CAST(:d AS VARCHAR(255)) WHERE NOT EXISTS "
        "(SELECT 1 FROM permission WHERE code = :c)"),
        {"c": LABELS_EDIT, "d": LABELS_EDIT_DESCRIPTION})
    for role in LABELS_EDIT_ROLES:
        conn.execute(sa.text(
            "INSERT INTO role_permission (role_id, permission_code) "
            "SELECT id, CAST(:c AS VARCHAR(64)) FROM role WHERE name = :r AND NOT EXISTS "
            "(SELECT 1 FROM role_permission rp WHERE rp.role_id = role.id "
            "AND rp.permission_code = :c)"),
            {"c": LABELS_EDIT, "r": role})


def downgrade() -> None:
    conn = op.get_bind()
    conn.execute(sa.text("DELETE FROM role_permission WHERE permission_code = :c"),
                 {"c": LABELS_EDIT})
    conn.execute(sa.text("DELETE FROM permission WHERE code = :c"), {"c": LABELS_EDIT})
    op.drop_table("label_template")
    op.drop_index(op.f("ix_print_job_created_at"), table_name="print_job")
    op.drop_table("print_job")
