"""The bad rows of an import that saved nothing, each with its line number and reasons:
for any import whose report lists them (purchase orders, sales orders)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from models.masterdata.import_report import ImportReport


class ImportProblemsDialog(QDialog):
    """Lists every bad row of `report`; the file can be corrected and imported again."""

    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import: nothing was saved"))
        self.resize(760, 420)
        heading = QLabel(self.tr("{count} of the rows in {file} are wrong; nothing was "
                                 "imported. Correct them and import the file again.")
                         .format(count=len(report.errors), file=report.file),
                         self)
        heading.setWordWrap(True)
        self.rows = QListWidget(self)
        self.rows.setObjectName("import_problems")
        self.rows.setWordWrap(True)  # a row's reasons can be long: all of them stay readable
        self.rows.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.rows.addItems([str(error) for error in report.errors])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.rows, 1)
        layout.addWidget(buttons)
