"""The printer choice with its live status (unknown until the printer answers, and shown as
unknown, never ready), a status check, and the printers dialog."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from app.print_worker import PrintWorker
from app.printer_profiles import PrinterProfile, PrinterSettings
from app.settings import Settings
from devices.printers.status import PrinterStatus
from views.printing.printer_dialog import PrinterDialog
from views.printing.status_text import status_colour, status_text

STATUS_EVERY_MS = 15_000


class PrinterBar(QWidget):
    """Which printer to print on, and how it is; `printers_changed` after the dialog."""

    printers_changed = Signal()

    def __init__(self, settings: Settings, worker: PrintWorker,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._worker = worker
        worker.status_known.connect(self._status_known)
        self.printers = QComboBox()
        self.printers.setObjectName("printer")
        self.printers.setMinimumContentsLength(18)
        self.printers.currentIndexChanged.connect(self.check_status)
        self.status = QLabel()
        self.status.setObjectName("printer_status")
        check = QPushButton(self.tr("Check status"))
        check.clicked.connect(self.check_status)
        manage = QPushButton(self.tr("Printers…"))
        manage.setObjectName("manage_printers")
        manage.clicked.connect(self.manage_printers)
        bar = QHBoxLayout(self)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(QLabel(self.tr("Printer")))
        bar.addWidget(self.printers)
        bar.addWidget(self.status, 1)
        bar.addWidget(check)
        bar.addWidget(manage)
        self.timer = QTimer(self, interval=STATUS_EVERY_MS)
        self.timer.timeout.connect(self.check_status)
        self.timer.start()
        self.fill()

    def fill(self) -> None:
        """List this workstation's printers, the default one chosen."""
        printers = PrinterSettings.of(self._settings)
        current = self.printers.currentData() or printers.default
        self.printers.blockSignals(True)
        self.printers.clear()
        for profile in printers.profiles:
            self.printers.addItem(f"{profile.name} ({profile.language.upper()})", profile.name)
        self.printers.setCurrentIndex(max(self.printers.findData(current), 0))
        self.printers.blockSignals(False)
        if not printers.profiles:
            self.status.setStyleSheet("")
            self.status.setText(self.tr("No printer yet: add one with Printers…"))
        self.check_status()

    def profile(self) -> PrinterProfile | None:
        """The chosen printer (None when there is none)."""
        name = self.printers.currentData()
        return PrinterSettings.of(self._settings).find(name) if name else None

    def check_status(self) -> None:
        """Ask the chosen printer how it is; unknown until it answers."""
        profile = self.profile()
        if profile is None:
            return
        self.status.setStyleSheet("color: #757575;")
        self.status.setText(self.tr("Asking the printer…"))
        self._worker.ask_status(profile)

    def _status_known(self, name: str, status: PrinterStatus | str) -> None:
        if name != self.printers.currentData():
            return
        if isinstance(status, str):
            self.status.setStyleSheet("color: #c62828;")
            self.status.setText(status)
            return
        self.status.setStyleSheet(f"color: {status_colour(status)}; font-weight: bold;")
        self.status.setText(status_text(status))
        self.status.setToolTip(status.detail)

    def manage_printers(self) -> None:
        """Edit this workstation's printers."""
        PrinterDialog(self._settings, self).exec()
        self.fill()
        self.printers_changed.emit()
