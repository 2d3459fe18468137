"""The review rules (审单规则) in the order they are tried: each with whether it is on, its
conditions and its actions in words; add, change, delete, move up or down, switch on or off.
A user without orders.review sees them read-only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.error_display import error_text, in_user_language
from app.ops.review_rules import (
    RuleRow,
    list_rules,
    move_rule,
    remove_rule,
    rule_choices,
    save_rule,
    switch_rule,
    try_on_order,
)
from app.runner import Op, Runner
from app.workspace import Workspace
from models.permissions import Perm
from views.message_line import MessageLine
from views.sales.rule_form import RuleForm


class RulesDialog(QDialog):
    """The rule list and the form of the rule chosen in it."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.can_edit = workspace.actor.can(Perm.ORDERS_REVIEW)
        self.rules: list[RuleRow] = []
        self.editing: str | None = None  # the name of the rule in the form; None: a new one
        self.setWindowTitle(self.tr("Review rules"))
        self.resize(1280, 760)
        self.list = QTableWidget(0, 5, self)
        self.list.setObjectName("rule_list")
        self.list.setHorizontalHeaderLabels([self.tr("#"), self.tr("Name"), self.tr("Enabled"),
                                             self.tr("When"), self.tr("Then")])
        header = self.list.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.list.verticalHeader().hide()
        self.list.setWordWrap(True)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.currentCellChanged.connect(lambda row, *_: self._picked(row))
        self.general_error = QLabel(self)
        self.general_error.setObjectName("rule_error")
        self.general_error.setWordWrap(True)
        self.general_error.setStyleSheet("color: #c62828;")
        self.form = RuleForm(self.general_error, self)
        self.form.set_read_only(not self.can_edit)
        self.status = MessageLine(workspace.settings.language, self)
        self.status.setObjectName("rules_status")
        self.buttons: dict[str, QPushButton] = {}
        list_buttons = QHBoxLayout()
        for key, label, slot in (("new", self.tr("New rule"), self.new_rule),
                                 ("up", self.tr("Move up"), lambda: self.move(-1)),
                                 ("down", self.tr("Move down"), lambda: self.move(1)),
                                 ("switch", self.tr("Disable"), self.switch),
                                 ("delete", self.tr("Delete…"), self.delete)):
            button = self.buttons[key] = QPushButton(label, self)
            button.setObjectName(f"rule_{key}")
            button.clicked.connect(slot)
            button.setVisible(self.can_edit)
            list_buttons.addWidget(button)
        list_buttons.addStretch(1)
        self.buttons["new"].setToolTip("Ctrl+N")
        self.try_button = QPushButton(self.tr("Try on order…"), self)
        self.try_button.setObjectName("rule_try")
        self.try_button.setToolTip(self.tr("What the saved rules would do with an order, "
                                           "changing nothing"))
        self.try_button.clicked.connect(self.try_on_order)
        list_buttons.addWidget(self.try_button)
        self.trial = QLabel(self)
        self.trial.setObjectName("rule_trial")
        self.trial.setWordWrap(True)
        self.trial.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_button = QPushButton(self.tr("Save rule"), self)
        self.save_button.setObjectName("save_rule")
        self.save_button.setProperty("role", "primary")
        self.save_button.setToolTip("Ctrl+S")
        self.save_button.clicked.connect(self.save)
        self.save_button.setVisible(self.can_edit)
        if self.can_edit:
            for keys, slot in (("Ctrl+S", self.save), ("Ctrl+N", self.new_rule)):
                QShortcut(QKeySequence(keys), self, activated=slot)
        else:
            self.status.note(self.tr("Read-only: changing the rules needs the permission "
                                        "to review orders."))
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.accept)
        left = QWidget(self)
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        left_column.addWidget(QLabel(self.tr("The rules are tried from the top. Warehouse, "
                                             "carrier and priority add up; the first rule that "
                                             "approves, holds or marks an exception decides."),
                                     self))
        left_column.itemAt(0).widget().setWordWrap(True)
        left_column.addWidget(self.list, 1)
        left_column.addLayout(list_buttons)
        left_column.addWidget(self.trial)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        right = QWidget(self)
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(0, 0, 0, 0)
        right_column.addWidget(scroll, 1)
        right_column.addWidget(self.general_error)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([760, 520])
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self.general_error.hide()
        rule_choices().success(self.form.set_choices) \
            .run_in_background(self._runner, parent=self)
        self.reload()

    @property
    def _runner(self) -> Runner:
        return self._workspace.runner

    # --- the list --------------------------------------------------------------------------

    def reload(self, select: str | None = None, said: str = "") -> None:
        """Load the rules again, choosing `select` (else the rule in the form); then say
        `said`, so a message never stands beside a list that does not show it yet."""
        chosen = select if select is not None else self.editing
        list_rules().success(lambda rules: self._listed(rules, chosen, said)) \
            .run_in_background(self._runner, parent=self, key=("rules", id(self)))

    def _listed(self, rules: list[RuleRow], chosen: str | None, said: str = "") -> None:
        if said:
            self.status.say(said)
        self.rules = rules
        language = self._workspace.settings.language
        self.list.blockSignals(True)
        self.list.setRowCount(0)
        for row, rule in enumerate(rules):
            self.list.insertRow(row)
            texts = (str(rule.position), rule.name,
                     self.tr("yes") if rule.active else self.tr("no"),
                     self.tr(", ").join(in_user_language(part, language)
                                        for part in rule.when) or self.tr("every order"),
                     in_user_language(rule.then, language))
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if not rule.active:
                    item.setForeground(Qt.GlobalColor.gray)
                self.list.setItem(row, column, item)
        for column in (0, 1, 2):
            self.list.resizeColumnToContents(column)
        self.list.horizontalHeader().resizeSection(4, 240)
        self.list.resizeRowsToContents()
        self.list.blockSignals(False)
        names = [rule.name for rule in rules]
        if chosen in names:
            self.list.selectRow(names.index(chosen))
            self._picked(names.index(chosen))
        elif rules and self.editing is not None:
            self.list.selectRow(0)
            self._picked(0)
        self._enable()

    def names(self) -> list[str]:
        """The rules' names in the order they are tried."""
        return [rule.name for rule in self.rules]

    def current(self) -> RuleRow | None:
        """The rule chosen in the list."""
        row = self.list.currentRow()
        return self.rules[row] if 0 <= row < len(self.rules) else None

    def _picked(self, row: int) -> None:
        if 0 <= row < len(self.rules):
            rule = self.rules[row]
            self.editing = rule.name
            self.form.show_rule(rule)
            self.general_error.hide()
        self._enable()

    def _enable(self) -> None:
        rule = self.current() if self.editing is not None else None
        for key in ("up", "down", "switch", "delete"):
            self.buttons[key].setEnabled(rule is not None)
        if rule is not None:
            self.buttons["up"].setEnabled(rule.position > 1)
            self.buttons["down"].setEnabled(rule.position < len(self.rules))
            self.buttons["switch"].setText(self.tr("Disable") if rule.active
                                           else self.tr("Enable"))

    # --- changes ---------------------------------------------------------------------------

    def new_rule(self) -> None:
        """An empty form for a rule to add at the end (Ctrl+N)."""
        self.editing = None
        self.list.clearSelection()
        self.list.setCurrentCell(-1, -1)
        self.form.show_rule(None)
        self.form.focus_first()
        self._enable()

    def save(self) -> None:
        """Add the rule in the form, or save the changes to the rule chosen (Ctrl+S)."""
        conditions, actions = self.form.terms()
        save_rule(actor=self._workspace.actor, name=self.editing,
                  new_name=self.form.name.text(), conditions=conditions, actions=actions,
                  active=self.form.active.isChecked()) \
            .success(lambda name: self._done(self.tr("Saved rule {name}.").format(name=name),
                                             name)) \
            .failure(self.form.errors.show_failure) \
            .run_in_background(self._runner, parent=self)

    def move(self, step: int) -> None:
        """Move the chosen rule up (-1) or down (1)."""
        rule = self.current()
        if rule is not None:
            self._change(move_rule(actor=self._workspace.actor, name=rule.name,
                                   position=rule.position + step),
                         self.tr("Rule {name} is number {position} now."), rule.name,
                         rule.position + step)

    def switch(self) -> None:
        """Switch the chosen rule on or off."""
        rule = self.current()
        if rule is not None:
            message = (self.tr("Rule {name} is disabled.") if rule.active
                       else self.tr("Rule {name} is enabled."))
            self._change(switch_rule(actor=self._workspace.actor, name=rule.name,
                                     active=not rule.active), message, rule.name)

    def confirm(self, question: str) -> bool:
        """Ask before deleting."""
        answer = QMessageBox.question(self, self.tr("Delete rule"), question)
        return answer == QMessageBox.StandardButton.Yes

    def delete(self) -> None:
        """Delete the chosen rule, once confirmed."""
        rule = self.current()
        if rule is None or not self.confirm(self.tr(
                "Delete rule {name}? The orders it reviewed keep its name in their trace.")
                .format(name=rule.name)):
            return
        self.editing = None
        self.form.show_rule(None)
        self._change(remove_rule(actor=self._workspace.actor, name=rule.name),
                     self.tr("Removed rule {name}."), rule.name)

    def ask_order(self) -> str | None:
        """The order to try the rules on; None to give up."""
        text, ok = QInputDialog.getText(
            self, self.tr("Try the rules on an order"),
            self.tr("The whole order number (or shop code and number, e.g. TMALL "
                    "2981234567890123456):"))
        return text.strip() if ok and text.strip() else None

    def try_on_order(self) -> None:
        """Show the trace the saved rules would give an order, changing nothing."""
        order = self.ask_order()
        if order is None:
            return
        try_on_order(order=order).success(lambda steps: self._tried(order, steps)) \
            .failure(lambda error: self.trial.setText(
                error_text(error, self._workspace.settings.language))) \
            .run_in_background(self._runner, parent=self)

    def _tried(self, order: str, steps: list[tuple[str, str]]) -> None:
        language = self._workspace.settings.language
        lines = [self.tr("Order {order} with the rules as saved:").format(order=order)]
        lines += [f"{name}: {in_user_language(effect, language)}" if name
                  else f"→ {in_user_language(effect, language)}" for name, effect in steps]
        self.trial.setText("\n".join(lines))

    def _change(self, op: Op, message: str, name: str, position: int = 0) -> None:
        op.success(lambda _result: self._done(message.format(name=name, position=position),
                                              name)) \
            .failure(self.status.fail).run_in_background(self._runner, parent=self)

    def _done(self, message: str, name: str) -> None:
        self.form.errors.clear()
        self.editing = name
        self.reload(select=name, said=message)

