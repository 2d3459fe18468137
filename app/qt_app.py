"""The Qt application: bundled Chinese font as fallback, translators for the workstation's
language, and the look shared by every window."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from app.appearance import STYLE_SHEET
from app.garbage import MainThreadGarbageCollector

log = logging.getLogger(__name__)

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
CJK_FONT = RESOURCES / "fonts" / "wqy-microhei.ttc"
TRANSLATIONS = RESOURCES / "translations"
BASE_POINT_SIZE = 10


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, with WareDesk's name, fonts and style (translators come separately)."""
    app = QApplication.instance() or QApplication(argv or ["waredesk"])
    assert isinstance(app, QApplication)
    app.setApplicationName("WareDesk")
    app.setOrganizationName("WareDesk")
    app.setStyle("Fusion")
    use_bundled_cjk_font(app)
    app.setStyleSheet(STYLE_SHEET)
    if app.findChild(MainThreadGarbageCollector) is None:
        MainThreadGarbageCollector(app)
    return app


def use_bundled_cjk_font(app: QApplication) -> None:
    """Register WenQuanYi Micro Hei and put it behind the system font, so Chinese renders on a
    machine that has no CJK font of its own."""
    font_id = QFontDatabase.addApplicationFont(str(CJK_FONT))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.warning("could not load the bundled font %s", CJK_FONT)
        return
    font = QFont(app.font())
    font.setFamilies([font.family(), families[0]])
    font.setPointSize(BASE_POINT_SIZE)
    app.setFont(font)


class Translators:
    """The translators installed for the current language; switching replaces them."""

    def __init__(self) -> None:
        self._installed: list[QTranslator] = []

    def install(self, language: str) -> None:
        """Show the app in `language` ("en" or "zh_CN") from the next string translated on."""
        app = QCoreApplication.instance()
        assert app is not None
        for translator in self._installed:
            app.removeTranslator(translator)
        self._installed = []
        QLocale.setDefault(QLocale(language if language != "en" else "en_US"))
        if language == "en":
            return
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name, folder in ((f"qtbase_{language}", qt_dir),
                             (f"waredesk_{language}", str(TRANSLATIONS))):
            translator = QTranslator(app)
            if translator.load(name, folder):
                app.installTranslator(translator)
                self._installed.append(translator)
            else:
                log.warning("no translation %s in %s", name, folder)
