"""Saving the settings page: checked values, what the change needs, the file written."""

from __future__ import annotations

import pytest

from app.settings import Settings
from app.workstation_settings import apply_settings
from models.errors import InputError


def test_a_new_language_is_saved_and_needs_no_new_sign_in():
    settings = Settings(workstation="PACK-01")
    change = apply_settings(settings, language="zh_CN", workstation="PACK-01",
                            database_url="")
    assert (change.language, change.reopen) == (True, False)
    assert Settings.load().language == "zh_CN"


def test_a_new_workstation_name_or_database_needs_a_new_sign_in(tmp_path):
    settings = Settings(workstation="PACK-01")
    change = apply_settings(settings, language="en", workstation=" RECV-02 ",
                            database_url=str(tmp_path / "w.sqlite"))
    assert (change.language, change.reopen) == (False, True)
    saved = Settings.load()
    assert (saved.workstation, saved.database_url) == ("RECV-02", str(tmp_path / "w.sqlite"))


def test_saving_unchanged_settings_changes_nothing():
    settings = Settings(workstation="PACK-01")
    assert not apply_settings(settings, language="en", workstation="PACK-01",
                              database_url="").anything


@pytest.mark.parametrize(("fields", "message"), [
    ({"workstation": ""}, "The workstation name is 1 to 64 characters."),
    ({"workstation": "W" * 65}, "The workstation name is 1 to 64 characters."),
    ({"database_url": "mysql://db/x"}, "WareDesk runs on SQLite or PostgreSQL, not 'mysql'."),
    ({"language": "fr"}, "'fr' is not a language WareDesk speaks."),
])
def test_bad_values_are_refused_and_nothing_is_saved(fields, message):
    settings = Settings(workstation="PACK-01")
    values = {"language": "en", "workstation": "PACK-01", "database_url": ""} | fields
    with pytest.raises(InputError) as raised:
        apply_settings(settings, **values)
    assert str(raised.value) == message
    assert not Settings.path().exists()
