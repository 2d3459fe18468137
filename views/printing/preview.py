"""The preview of a label or document: the renderer's PNG, scaled down to fit the space (a
100 x 150 mm waybill stays whole on a laptop screen), or why it cannot be drawn."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class LabelPreview(QWidget):
    """Shows `pixmap` (full size, as rendered) fitted into the widget."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pixmap = QPixmap()
        self.image = QLabel()
        self.image.setObjectName("preview")
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setMinimumSize(120, 120)
        self.image.setStyleSheet("background: #e0e0e0;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.image)

    def show_png(self, png: bytes) -> None:
        """Show a rendered PNG."""
        self.pixmap = QPixmap()
        self.pixmap.loadFromData(png, "PNG")
        self._fit()

    def show_problem(self, text: str) -> None:
        """Say why there is no preview (data that does not fit the template...)."""
        self.pixmap = QPixmap()
        self.image.setPixmap(QPixmap())
        self.image.setText(text)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Fit the picture again."""
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if self.pixmap.isNull():
            return
        room = self.image.size().shrunkBy(self.image.contentsMargins()) * 0.96
        shown = self.pixmap
        if shown.width() > room.width() or shown.height() > room.height():
            shown = shown.scaled(room, Qt.AspectRatioMode.KeepAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation)
        self.image.setText("")
        self.image.setPixmap(shown)
