"""This workstation's printers, edited in a dialog: address, language, resolution, media,
darkness, offsets, copies and a printer font for Chinese. Saved in the local settings file."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.printer_profiles import DPIS, LANGUAGES, PrinterProfile, PrinterSettings
from app.settings import Settings
from models.errors import InputError


class PrinterDialog(QDialog):
    """Choose a printer to change, or a new one; Save checks it and writes the settings."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Printers of this workstation"))
        self._settings = settings
        self.printers = PrinterSettings.of(settings)
        self.choice = QComboBox()
        self.choice.setObjectName("printer_choice")
        self.choice.currentIndexChanged.connect(self._show_choice)
        self.name = QLineEdit()
        self.name.setObjectName("printer_name")
        self.address = QLineEdit()
        self.address.setObjectName("printer_address")
        self.address.setPlaceholderText("tcp://192.168.1.50:9100")
        self.language = QComboBox()
        self.language.addItems([lang.upper() for lang in LANGUAGES])
        self.dpi = QComboBox()
        self.dpi.addItems([str(d) for d in DPIS])
        self.width = _mm(5, 300)
        self.height = _mm(5, 2000)
        self.darkness = QSpinBox()
        self.darkness.setRange(-1, 30)
        self.darkness.setSpecialValueText(self.tr("printer's own"))
        self.offset_x, self.offset_y = _mm(-50, 50), _mm(-50, 50)
        self.copies = QSpinBox()
        self.copies.setRange(1, 999)
        self.cjk_font = QLineEdit()
        self.cjk_font.setPlaceholderText(self.tr("empty: WareDesk draws Chinese text"))
        self.is_default = QComboBox()
        self.is_default.addItems([self.tr("no"), self.tr("yes")])
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("printer_message")
        form = QFormLayout()
        form.addRow(self.tr("Printer"), self.choice)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Address"), self.address)
        form.addRow(QLabel(), _hint(self.tr("tcp://HOST:9100, serial:/dev/ttyUSB0?baud=9600, "
                                            "queue:NAME, folder:/path")))
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Resolution (dpi)"), self.dpi)
        size = QHBoxLayout()
        size.addWidget(self.width)
        size.addWidget(QLabel("×"))
        size.addWidget(self.height)
        form.addRow(self.tr("Media width × length"), size)
        form.addRow(self.tr("Darkness (0-30)"), self.darkness)
        offsets = QHBoxLayout()
        offsets.addWidget(self.offset_x)
        offsets.addWidget(self.offset_y)
        form.addRow(self.tr("Offset x, y"), offsets)
        form.addRow(self.tr("Copies of each label"), self.copies)
        form.addRow(self.tr("Printer font for Chinese"), self.cjk_font)
        form.addRow(self.tr("Default printer"), self.is_default)
        save = QPushButton(self.tr("Save printer"))
        save.setObjectName("save_printer")
        save.clicked.connect(self.save)
        remove = QPushButton(self.tr("Remove printer"))
        remove.clicked.connect(self.remove)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(remove)
        row.addStretch(1)
        row.addWidget(save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self._fill_choice("")

    def _fill_choice(self, current: str) -> None:
        self.choice.blockSignals(True)
        self.choice.clear()
        for profile in self.printers.profiles:
            self.choice.addItem(profile.name, profile.name)
        self.choice.addItem(self.tr("New printer…"), "")
        index = self.choice.findData(current)
        self.choice.setCurrentIndex(max(index, 0))
        self.choice.blockSignals(False)
        self._show_choice()

    def _show_choice(self) -> None:
        name = self.choice.currentData() or ""
        profile = self.printers.find(name) if name else PrinterProfile("", "")
        self.name.setText(profile.name)
        self.address.setText(profile.address)
        self.language.setCurrentIndex(LANGUAGES.index(profile.language))
        self.dpi.setCurrentIndex(DPIS.index(profile.dpi))
        self.width.setValue(profile.media_width_mm)
        self.height.setValue(profile.media_height_mm)
        self.darkness.setValue(-1 if profile.darkness is None else profile.darkness)
        self.offset_x.setValue(profile.offset_x_mm)
        self.offset_y.setValue(profile.offset_y_mm)
        self.copies.setValue(profile.copies)
        self.cjk_font.setText(profile.cjk_font)
        self.is_default.setCurrentIndex(int(bool(name) and name == self.printers.default))

    def profile(self) -> PrinterProfile:
        """The printer as the form shows it."""
        darkness = self.darkness.value()
        return PrinterProfile(
            name=self.name.text().strip(), address=self.address.text().strip(),
            language=LANGUAGES[self.language.currentIndex()],
            dpi=DPIS[self.dpi.currentIndex()], media_width_mm=self.width.value(),
            media_height_mm=self.height.value(), darkness=None if darkness < 0 else darkness,
            offset_x_mm=self.offset_x.value(), offset_y_mm=self.offset_y.value(),
            copies=self.copies.value(), cjk_font=self.cjk_font.text().strip())

    def save(self) -> bool:
        """Check and save the printer; every problem is listed when it cannot work."""
        profile = self.profile()
        old = self.choice.currentData() or ""
        try:
            if old and old.casefold() != profile.name.casefold():
                self.printers.remove(old)  # renamed
            self.printers.put(profile)
        except InputError as exc:
            self._say(str(exc), ok=False)
            return False
        if self.is_default.currentIndex() == 1:
            self.printers.default = profile.name
        self._write()
        self._fill_choice(profile.name)
        self._say(self.tr("Saved."), ok=True)
        return True

    def remove(self) -> None:
        """Remove the chosen printer."""
        name = self.choice.currentData() or ""
        if name:
            self.printers.remove(name)
            self._write()
            self._fill_choice("")

    def _write(self) -> None:
        self.printers.store(self._settings)
        self._settings.save()

    def _say(self, text: str, *, ok: bool) -> None:
        self.message.setStyleSheet(f"color: {'#2e7d32' if ok else '#c62828'};")
        self.message.setText(text)


def _mm(low: float, high: float) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(low, high)
    box.setDecimals(1)
    box.setSuffix(" mm")
    return box


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("Muted")
    label.setWordWrap(True)
    return label
