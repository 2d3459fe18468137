"""Schema migrations: one head, upgrades of empty and populated databases, refusal of a newer
schema, a backup before a SQLite upgrade."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from models.db import Database, schema
from models.db.schema import alembic_config, current_revision, head_revision, upgrade
from models.entities import Base, LocationType, utcnow
from models.errors import SchemaTooNew
from models.ledger import MoveLine, on_hand, post_moves, verify
from models.reference_data import sync_reference_data, virtual_location_id
from models.users import system_actor
from tests import factories as f


def test_migrations_have_a_single_head():
    assert len(ScriptDirectory.from_config(alembic_config()).get_heads()) == 1


def test_migrated_schema_matches_the_entities(db):
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_empty_database_upgrades_to_head_with_reference_data(db):
    assert current_revision(db) == head_revision()
    with db.read() as s:
        assert virtual_location_id(s, LocationType.SUPPLIER) > 0
        assert system_actor(s, "ws").username == "system"


def _populate(db: Database) -> int:
    with db.write() as s:
        actor = system_actor(s, "ws")
        wh = f.warehouse(s)
        bin_id = f.bin_(s, wh, "A-01-1").id
        # Plain SQL with the columns of the first revision: the chain test populates the
        # oldest schema, which lacks columns the entities have now.
        product_id = s.execute(text(
            "INSERT INTO product (sku, name, alt_name, category, unit, tracking, expiry_tracked, "
            "active, created_at, updated_at) VALUES ('KEEP-ME', 'Keep me', '', '', 'pcs', "
            "'none', false, true, :now, :now) RETURNING id"), {"now": utcnow()}).scalar_one()
        post_moves(s, actor, [MoveLine(product_id, 9, virtual_location_id(
            s, LocationType.SUPPLIER), bin_id)], reason="receipt")
    return product_id


def test_every_revision_upgrades_a_populated_database(tmp_path: Path):
    """Walk the chain from the first revision, with data in the database at each step."""
    config = alembic_config()
    chain = [rev.revision for rev in
             reversed(list(ScriptDirectory.from_config(config).walk_revisions()))]
    db = Database(str(tmp_path / "old.sqlite"))
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, chain[0])
    with db.write() as s:
        sync_reference_data(s)
    product_id = _populate(db)
    for revision in chain[1:]:
        with db.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, revision)
    assert upgrade(db).to_revision == head_revision()
    with db.read() as s:
        assert on_hand(s, product_id) == 9
        assert verify(s) == []


def test_upgrading_an_up_to_date_populated_database_keeps_its_data(db):
    product_id = _populate(db)
    result = upgrade(db)
    assert not result.changed and result.backup is None
    with db.read() as s:
        assert on_hand(s, product_id) == 9


NEXT_REVISION = """
revision = "9999next"
down_revision = "{head}"
branch_labels = None
depends_on = None

import sqlalchemy as sa
from alembic import op


def upgrade():
    with op.batch_alter_table("product") as batch:
        batch.add_column(sa.Column("next_feature", sa.String(20), nullable=True))


def downgrade():
    with op.batch_alter_table("product") as batch:
        batch.drop_column("next_feature")
"""


def test_a_newer_version_backs_up_a_populated_sqlite_database_before_upgrading(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    db = Database(str(tmp_path / "w.sqlite"))
    upgrade(db)
    product_id = _populate(db)
    # The next WareDesk release: today's migrations plus one more.
    scripts = tmp_path / "next_migrations"
    shutil.copytree(Path(schema.__file__).parent.parent / "migrations", scripts,
                    ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "9999_next.py").write_text(
        NEXT_REVISION.format(head=head_revision()))

    def next_config() -> Config:
        config = Config()
        config.set_main_option("script_location", str(scripts))
        return config

    todays_head = head_revision()
    monkeypatch.setattr(schema, "alembic_config", next_config)
    result = upgrade(db, backup_dir=tmp_path / "backups")
    assert (result.from_revision, result.to_revision) == (todays_head, "9999next")
    assert result.backup is not None and result.backup.parent == tmp_path / "backups"
    with db.read() as s:
        assert on_hand(s, product_id) == 9
        assert s.execute(text("SELECT next_feature FROM product")).all() == [(None,)]
    backup = Database(str(result.backup))
    with backup.read() as s:
        assert on_hand(s, product_id) == 9
        assert s.scalar(text("SELECT version_num FROM alembic_version")) == todays_head


def test_a_database_from_a_newer_waredesk_is_refused_with_a_clear_message(db):
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'fffffffff999'"))
    with pytest.raises(SchemaTooNew, match="upgraded by a newer WareDesk"):
        upgrade(db)


@pytest.mark.parametrize("before, code, roles", [
    ("0005", "orders.import", {"admin", "supervisor", "back_office"}),
    ("0006", "orders.review", {"admin", "supervisor", "back_office"}),
    ("0006", "orders.approve", {"admin", "supervisor"}),
])
def test_upgrading_grants_a_new_permission_to_the_roles_it_is_for(tmp_path: Path, before,
                                                                   code, roles):
    """A database from before the revision (its roles without the permission) gets it on the
    roles it is for (orders.import: admin, supervisor and back_office), on no floor role."""
    config = alembic_config()
    db = Database(str(tmp_path / "before.sqlite"))
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, before)
    with db.write() as s:
        sync_reference_data(s)  # today's roles: take away what the revision brings
        s.execute(text("DELETE FROM role_permission WHERE permission_code = :c"), {"c": code})
        s.execute(text("DELETE FROM permission WHERE code = :c"), {"c": code})
    upgrade(db)
    with db.read() as s:
        granted = set(s.scalars(text(
            "SELECT role.name FROM role JOIN role_permission rp ON rp.role_id = role.id "
            "WHERE rp.permission_code = :c"), {"c": code}))
    assert granted == roles
