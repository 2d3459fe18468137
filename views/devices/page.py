"""The Devices page: a live test of this workstation's scanners and scale, and their settings."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.devices_controller import DevicesController, runner_query
from app.workspace import Workspace
from models.errors import InputError
from views.devices.settings_form import DeviceSettingsForm
from views.devices.test_panel import DeviceTestPanel


class DevicesPage(QWidget):
    """Live test first (what a worker setting up a scanner needs), settings second."""

    def __init__(self, controller: DevicesController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self.tabs = QTabWidget()
        self.test_panel = DeviceTestPanel(controller)
        self.tabs.addTab(self.test_panel, self.tr("Live test"))
        self.tabs.addTab(self._settings_tab(), self.tr("Settings"))
        heading = QLabel(self.tr("Devices"), self)
        heading.setObjectName("PageTitle")
        intro = QLabel(self.tr("The scanners and the scale of this workstation. Scan anything "
                               "to see what WareDesk reads; the settings stay on this "
                               "computer."), self)
        intro.setObjectName("Muted")
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.tabs, 1)
        self.revert()

    def _settings_tab(self) -> QWidget:
        tab = QWidget()
        self.form = DeviceSettingsForm(self._controller)
        scroll = QScrollArea()
        scroll.setWidget(self.form)
        scroll.setWidgetResizable(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        save = QPushButton(self.tr("Save and restart devices"))
        revert = QPushButton(self.tr("Undo changes"))
        save.clicked.connect(self.save)
        revert.clicked.connect(self.revert)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(revert)
        buttons.addWidget(save)
        layout = QVBoxLayout(tab)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        return tab

    def save(self) -> bool:
        """Save the form's settings; every problem is listed when they cannot work."""
        try:
            self._controller.save(self.form.settings())
        except InputError as exc:
            self.message.setStyleSheet("color: #c62828;")
            self.message.setText(str(exc))
            return False
        self.message.setStyleSheet("color: #2e7d32;")
        self.message.setText(self.tr("Saved. The devices restarted with the new settings."))
        self.test_panel.refresh_wedge()
        return True

    def revert(self) -> None:
        """Show the settings in force again."""
        self.form.show_settings(self._controller.device_settings())
        self.message.setText("")


def devices_page(workspace: Workspace) -> QWidget:
    """The page as the main window shows it, working through the workspace's runner."""
    if workspace.devices is None or workspace.sounds is None:
        # Only a window built without the shell (a test) has no devices.
        return QLabel(QLabel.tr("This window runs without devices."))
    controller = DevicesController(workspace.devices, query=runner_query(workspace.runner),
                                   sounds=workspace.sounds, settings=workspace.settings)
    page = DevicesPage(controller)
    controller.setParent(page)
    return page
