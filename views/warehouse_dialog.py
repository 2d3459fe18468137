"""Creating a warehouse: a code, a name and an address."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.error_display import error_text
from app.ops.locations import create_warehouse
from app.workspace import Workspace
from models.masterdata.listing import WarehouseRow


class WarehouseDialog(QDialog):
    """Creates a warehouse through the runner; `created` holds it, once accepted."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.created: WarehouseRow | None = None
        self.setWindowTitle(self.tr("New warehouse"))
        self.setMinimumWidth(420)
        self.code = QLineEdit(self)
        self.code.setObjectName("warehouse_code")
        self.code.setPlaceholderText(self.tr("e.g. SH1"))
        self.name = QLineEdit(self)
        self.name.setObjectName("warehouse_name")
        self.address = QLineEdit(self)
        self.address.setObjectName("warehouse_address")
        self.error = QLabel(self)
        self.error.setProperty("tone", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Code"), self.code)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Address"), self.address)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def submit(self) -> None:
        """Create the warehouse in the background."""
        create_warehouse(actor=self._workspace.actor, code=self.code.text(),
                         name=self.name.text(), address=self.address.text()) \
            .success(self._created).failure(self._failed) \
            .run_in_background(self._workspace.runner, parent=self)

    def _created(self, warehouse: WarehouseRow) -> None:
        self.created = warehouse
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.error.setText(error_text(error))
        self.error.show()
