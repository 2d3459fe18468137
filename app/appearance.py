"""The style sheet every WareDesk window shares: calm colours, large click targets, and the
dynamic properties views set (`role`, `error`, `tone`) to mark buttons, fields and notices."""

from pathlib import Path

ICONS = (Path(__file__).resolve().parent.parent / "resources" / "icons").as_posix()

ACCENT = "#1f6fd1"
ERROR = "#c62828"

STYLE_SHEET = f"""
QMainWindow, QDialog {{ background: #f4f6f9; }}

#Navigation {{
    background: #1e2935; color: #dfe6ee; border: none; font-size: 11pt;
    padding-top: 6px; outline: 0;
}}
#Navigation::item {{ padding: 10px 16px; border-left: 4px solid transparent; }}
#Navigation::item:hover {{ background: #2a3847; }}
#Navigation::item:selected {{
    background: #2f4156; color: white; border-left: 4px solid {ACCENT};
}}
#NavigationPanel {{ background: #1e2935; }}
#NavigationPanel QLabel#Brand {{
    color: white; font-size: 15pt; font-weight: 600; padding: 14px 16px 8px 16px;
}}
#NavigationPanel QPushButton {{
    color: #dfe6ee; background: transparent; border: 1px solid #3a4a5c; border-radius: 4px;
    padding: 6px 10px; margin: 10px 12px;
}}
#NavigationPanel QPushButton:hover {{ background: #2a3847; }}

QLabel#PageTitle {{ font-size: 15pt; font-weight: 600; color: #1e2935; }}
QLabel#Muted, QLabel#RowCount {{ color: #5b6b7c; }}
QLabel#FieldError {{ color: {ERROR}; }}
QLabel[tone="error"] {{
    color: {ERROR}; background: #fdecea; border: 1px solid #f5c2c0; border-radius: 4px;
    padding: 6px 8px;
}}
QLabel[tone="info"] {{
    color: #0b4a8b; background: #e8f1fc; border: 1px solid #bcd5f5; border-radius: 4px;
    padding: 6px 8px;
}}
QLabel[tone="ok"] {{
    color: #1b5e20; background: #e8f5e9; border: 1px solid #b9dfbb; border-radius: 4px;
    padding: 6px 8px;
}}

QLineEdit, QComboBox, QSpinBox, QPlainTextEdit {{
    background: white; border: 1px solid #c5cfd9; border-radius: 4px; padding: 4px 6px;
    min-height: 20px;
}}
QLineEdit:focus, QComboBox:focus, QSpinBox:focus {{ border: 1px solid {ACCENT}; }}
QComboBox::drop-down {{
    subcontrol-origin: padding; subcontrol-position: center right; width: 24px; border: none;
}}
QComboBox::down-arrow {{ image: url({ICONS}/chevron-down.svg); width: 12px; height: 12px; }}
QComboBox QAbstractItemView {{
    background: white; border: 1px solid #c5cfd9; selection-background-color: #d6e6fa;
    selection-color: #10263f;
}}
QSpinBox {{ padding-right: 22px; }}
QSpinBox::up-button, QSpinBox::down-button {{
    subcontrol-origin: border; width: 20px; border: none; background: transparent;
}}
QSpinBox::up-button {{ subcontrol-position: top right; }}
QSpinBox::down-button {{ subcontrol-position: bottom right; }}
QSpinBox::up-arrow {{ image: url({ICONS}/chevron-up.svg); width: 10px; height: 10px; }}
QSpinBox::down-arrow {{ image: url({ICONS}/chevron-down.svg); width: 10px; height: 10px; }}
QCheckBox::indicator {{
    width: 16px; height: 16px; border: 1px solid #9aa8b6; border-radius: 3px; background: white;
}}
QCheckBox::indicator:checked {{
    background: {ACCENT}; border-color: {ACCENT}; image: url({ICONS}/check.svg);
}}
QCheckBox::indicator:disabled {{ background: #eef1f4; border-color: #c5cfd9; }}
QLineEdit:read-only {{ background: #eef1f4; }}
QLineEdit[error="true"], QComboBox[error="true"], QSpinBox[error="true"],
QTableWidget[error="true"] {{
    border: 1px solid {ERROR}; background: #fff6f6;
}}

QPushButton {{
    background: white; border: 1px solid #b8c4d0; border-radius: 4px; padding: 6px 14px;
}}
QPushButton:hover {{ background: #eef3f8; }}
QPushButton:disabled {{ color: #9aa6b2; background: #f1f3f5; }}
QPushButton[role="primary"] {{
    background: {ACCENT}; color: white; border: 1px solid {ACCENT}; font-weight: 600;
}}
QPushButton[role="primary"]:hover {{ background: #195db0; }}
QPushButton[role="primary"]:disabled {{ background: #8fb3e3; border-color: #8fb3e3; }}

QTableView {{
    background: white; alternate-background-color: #f6f8fb; gridline-color: #e3e8ee;
    border: 1px solid #d5dde5; selection-background-color: #d6e6fa; selection-color: #10263f;
}}
QHeaderView::section {{
    background: #eaeef3; color: #2b3a4a; padding: 5px 6px; border: none;
    border-right: 1px solid #d5dde5; border-bottom: 1px solid #d5dde5; font-weight: 600;
}}
QGroupBox {{
    border: 1px solid #d5dde5; border-radius: 6px; margin-top: 14px; padding: 10px 8px 8px 8px;
    background: white;
}}
QGroupBox::title {{
    subcontrol-origin: margin; left: 10px; padding: 0 4px; color: #2b3a4a; font-weight: 600;
}}
QStatusBar {{ background: #e9edf2; color: #2b3a4a; }}
QStatusBar QLabel {{ padding: 0 8px; }}
"""
