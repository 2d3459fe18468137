"""The custom column mappings of other shops' order exports, for the import dialog and the
mapping editor: what a file's columns are and which profile reads them, a live preview, and
saving, renaming and deleting mappings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from app.ops.sessions import reading, writing
from app.runner import Op, Progress
from models.actor import Actor
from models.db import Database
from models.errors import InputError
from models.masterdata.table_reading import table_header
from models.sales import custom_profiles
from models.sales.order_preview import OrderPreview, preview_orders
from models.sales.profiles import OrderProfile, detect_profile

CHANGES = {"order_mappings"}


@dataclass(frozen=True)
class FileLayout:
    """A file's columns as it writes them, and the profile that reads it (None: no profile
    knows these columns)."""

    header: list[str]
    profile: OrderProfile | None


def examine_file(*, path: Path) -> Op[FileLayout]:
    """Read the file's header and find the profile that recognises it."""
    def query(session: Session) -> FileLayout:
        header = table_header(path)
        try:
            profile = detect_profile(path.name, header,
                                     custom_profiles.custom_profiles(session))
        except InputError:
            profile = None
        return FileLayout(header, profile)
    return Op.query(reading(query))


def list_mappings() -> Op[list[OrderProfile]]:
    """Every custom mapping, by name."""
    return Op.query(reading(custom_profiles.custom_profiles))


def preview_mapping(*, path: Path, profile: OrderProfile) -> Op[OrderPreview]:
    """The first rows of `path` read through `profile`; nothing is saved."""
    def work(_db: Database, _progress: Progress) -> OrderPreview:
        return preview_orders(path, profile)
    return Op.query(work)


def save_mapping(*, actor: Actor, profile: OrderProfile,
                 header: Sequence[str]) -> Op[custom_profiles.SavedMapping]:
    """Create or replace the mapping; fails with ValidationFailed naming each problem."""
    return Op.change(writing(lambda s: custom_profiles.save_mapping(s, actor, profile,
                                                                    header=header)),
                     changes=CHANGES)


def rename_mapping(*, actor: Actor, name: str, new_name: str) -> Op[OrderProfile]:
    """Give a mapping another name."""
    return Op.change(writing(lambda s: custom_profiles.rename_mapping(
        s, actor, name=name, new_name=new_name)), changes=CHANGES)


def delete_mapping(*, actor: Actor, name: str) -> Op[None]:
    """Delete a mapping."""
    return Op.change(writing(lambda s: custom_profiles.delete_mapping(s, actor, name=name)),
                     changes=CHANGES)
