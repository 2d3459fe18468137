"""The main window: a navigation list of the areas the user's role may use, the current area,
and a status bar saying which database, who and which workstation."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.workspace import Workspace
from views.device_status import DeviceStatusIndicators
from views.pages import PAGES, PageSpec

ROLES = {
    "admin": QT_TRANSLATE_NOOP("Roles", "administrator"),
    "supervisor": QT_TRANSLATE_NOOP("Roles", "supervisor"),
    "receiver": QT_TRANSLATE_NOOP("Roles", "receiver"),
    "picker": QT_TRANSLATE_NOOP("Roles", "picker"),
    "packer": QT_TRANSLATE_NOOP("Roles", "packer"),
    "counter": QT_TRANSLATE_NOOP("Roles", "counter"),
    "back_office": QT_TRANSLATE_NOOP("Roles", "back office"),
}


def role_text(role: str) -> str:
    """A role name in the user's language (custom roles show as named)."""
    source = ROLES.get(role)
    return QCoreApplication.translate("Roles", source) if source else role


class MainWindow(QMainWindow):
    """Navigation on the left, the current page on the right; pages are built when first
    shown. Shortcuts: Ctrl+1..9 areas, Ctrl+F filter, F5 refresh, Ctrl+N new, Ctrl+S save."""

    #: The window closed, and why: "quit", "sign_out", or a reason the shell gave.
    closed = Signal(str)

    def __init__(self, workspace: Workspace, pages: Sequence[PageSpec] = PAGES) -> None:
        super().__init__()
        self.workspace = workspace
        workspace.navigate = self.show_page
        self.specs = [spec for spec in pages if spec.visible_to(workspace.actor)]
        self._built: dict[str, QWidget] = {}
        self._closing_for = "quit"
        user = workspace.user
        self.setWindowTitle(self.tr("WareDesk – {user} at {workstation}").format(
            user=user.display_name, workstation=user.actor.workstation))
        self.resize(1280, 800)

        self.navigation = QListWidget()
        self.navigation.setObjectName("Navigation")
        for number, spec in enumerate(self.specs, start=1):
            self.navigation.addItem(spec.label)
            item = self.navigation.item(number - 1)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            if number <= 9:
                item.setToolTip(f"Ctrl+{number}")
        self.navigation.currentRowChanged.connect(self._show_row)
        self.stack = QStackedWidget()
        for _spec in self.specs:
            self.stack.addWidget(QWidget())  # replaced by the page when first shown

        self.setCentralWidget(self._layout())
        self._status_bar()
        self._shortcuts()
        if self.specs:
            self.navigation.setCurrentRow(0)

    def _layout(self) -> QWidget:
        panel = QWidget()
        panel.setObjectName("NavigationPanel")
        panel.setFixedWidth(210)
        brand = QLabel("WareDesk", panel)
        brand.setObjectName("Brand")
        sign_out = QPushButton(self.tr("Sign out"), panel)
        sign_out.setObjectName("sign_out")
        sign_out.clicked.connect(self.sign_out)
        side = QVBoxLayout(panel)
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(0)
        side.addWidget(brand)
        side.addWidget(self.navigation, 1)
        side.addWidget(sign_out)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(panel)
        row.addWidget(self.stack, 1)
        return central

    def _status_bar(self) -> None:
        user = self.workspace.user
        bar = self.statusBar()
        self.busy_label = QLabel(self.tr("Working…"))
        self.busy_label.hide()
        bar.addWidget(self.busy_label)
        for name, text in (
                ("status_database", self.tr("Database: {db}").format(db=self.workspace.database)),
                ("status_user", self.tr("Signed in: {name} ({role})").format(
                    name=user.display_name, role=role_text(user.role))),
                ("status_workstation", self.tr("Workstation: {name}").format(
                    name=user.actor.workstation))):
            label = QLabel(text)
            label.setObjectName(name)
            bar.addPermanentWidget(label)
        if self.workspace.devices is not None:
            bar.addPermanentWidget(DeviceStatusIndicators(self.workspace.devices))
        self.workspace.runner.busy.connect(self.busy_label.setVisible)

    def _shortcuts(self) -> None:
        for number in range(1, min(len(self.specs), 9) + 1):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda row=number - 1: self.navigation.setCurrentRow(row))
        for keys, method in ((QKeySequence.StandardKey.Find, "focus_filter"),
                             (QKeySequence("F5"), "refresh"),
                             (QKeySequence.StandardKey.New, "new_record"),
                             (QKeySequence.StandardKey.Save, "save")):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(lambda name=method: self._call_page(name))

    # --- pages -----------------------------------------------------------------------------

    def page(self, key: str) -> QWidget | None:
        """The page for `key`, built now if it was not yet shown; None if the role lacks it."""
        for row, spec in enumerate(self.specs):
            if spec.key == key:
                if key not in self._built:
                    placeholder = self.stack.widget(row)
                    page = spec.build(self.workspace)
                    page.setObjectName(f"page_{key}")
                    self.stack.insertWidget(row, page)
                    self.stack.removeWidget(placeholder)
                    placeholder.deleteLater()
                    self._built[key] = page
                return self._built[key]
        return None

    def current_page(self) -> QWidget | None:
        """The page on screen."""
        row = self.navigation.currentRow()
        return self.page(self.specs[row].key) if 0 <= row < len(self.specs) else None

    def show_page(self, key: str, values: dict[str, str] | None = None) -> None:
        """Go to the page for `key`, showing what matches `values` if given."""
        keys = [spec.key for spec in self.specs]
        if key not in keys:
            return
        self.navigation.setCurrentRow(keys.index(key))
        page = self.page(key)
        if values and page is not None and hasattr(page, "show_filter"):
            page.show_filter(**values)

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(self.specs):
            page = self.page(self.specs[row].key)
            self.stack.setCurrentWidget(page)

    def _call_page(self, method: str) -> None:
        page = self.current_page()
        action = getattr(page, method, None)
        if callable(action):
            action()

    def current_key(self) -> str | None:
        """The key of the page on screen."""
        row = self.navigation.currentRow()
        return self.specs[row].key if 0 <= row < len(self.specs) else None

    def sign_out(self) -> None:
        """Close the window and go back to the sign-in."""
        self.close_for("sign_out")

    def close_for(self, reason: str) -> None:
        """Close the window, telling the shell why."""
        self._closing_for = reason
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Tell the shell the window is gone (closing it by its title bar quits)."""
        super().closeEvent(event)
        self.deleteLater()
        self.closed.emit(self._closing_for)
