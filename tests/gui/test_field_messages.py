"""Fixed field messages of the services are said in the user's language."""

from __future__ import annotations

from app.qt_app import Translators
from models.scanning.conventions import RESERVED_MESSAGE
from views.field_errors import FIXED_MESSAGES, message_text


def test_reserved_barcode_message_is_said_in_chinese():
    assert RESERVED_MESSAGE in FIXED_MESSAGES
    translators = Translators()
    translators.install("zh_CN")
    try:
        assert message_text(RESERVED_MESSAGE).startswith("不能以 PO-")
    finally:
        translators.install("en")
