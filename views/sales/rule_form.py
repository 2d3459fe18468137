"""One review rule's form: its name, whether it is on, its conditions (shop, paid amount and
its currency, SKU, category, units, address words, buyer note, customer tag, region, country)
and its actions (approve, hold or exception with a reason, warehouse, carrier, priority).
`terms()` gives the stored form the rules service checks; the service's field errors come back
to the fields."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ops.review_rules import RuleChoices, RuleRow
from views.field_errors import FieldErrors

# Conditions typed as a list of texts, comma separated (a Chinese comma too).
TEXT_LISTS = ("skus", "categories", "address_keywords", "customer_tags", "regions",
              "countries")
# Conditions typed as one value each.
VALUES = ("amount_min", "amount_max", "currency", "units_min", "units_max")
_SPLIT = re.compile(r"[,，、]")


def _entries(text: str) -> list[str]:
    return [part.strip() for part in _SPLIT.split(text) if part.strip()]


class RuleForm(QWidget):
    """The form of one rule; read-only for a user who may not change rules."""

    def __init__(self, general_error: QLabel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.errors = FieldErrors(general_error)
        self.name = QLineEdit(self)
        self.name.setObjectName("rule_name")
        self.active = QCheckBox(self.tr("Enabled"), self)
        self.active.setObjectName("rule_active")
        self.active.setChecked(True)
        self.shops = QListWidget(self)
        self.shops.setObjectName("rule_shops")
        self.shops.setMaximumHeight(90)
        self.shops.setToolTip(self.tr("None ticked: orders of every shop"))
        self.edits: dict[str, QLineEdit] = {}
        hints = {
            "amount_min": self.tr("paid total at least, e.g. 2000"),
            "amount_max": self.tr("paid total at most"),
            "currency": self.tr("of the paid amounts: CNY unless given, e.g. USD"),
            "skus": self.tr("any line, e.g. TEA-001, TEA-002"),
            "categories": self.tr("any line's product category"),
            "units_min": self.tr("units at least"), "units_max": self.tr("units at most"),
            "address_keywords": self.tr("e.g. 学校, 大学"),
            "customer_tags": self.tr("e.g. vip, wholesale"),
            "regions": self.tr("province or state contains, e.g. 新疆, 西藏"),
            "countries": self.tr("e.g. CN, US"),
            "reason": self.tr("what the queue shows, e.g. over 2000: a supervisor approves"),
            "priority": self.tr("higher is planned and reserved first"),
        }
        for name in (*VALUES, *TEXT_LISTS, "reason", "priority"):
            edit = self.edits[name] = QLineEdit(self)
            edit.setObjectName(f"rule_{name}")
            edit.setPlaceholderText(hints[name])
        self.buyer_note = QComboBox(self)
        self.buyer_note.setObjectName("rule_buyer_note")
        for label, value in ((self.tr("Either"), None), (self.tr("The buyer wrote a note"), True),
                             (self.tr("No buyer note"), False)):
            self.buyer_note.addItem(label, value)
        self.decision = QComboBox(self)
        self.decision.setObjectName("rule_decision")
        for label, value in ((self.tr("None: only assign, the next rules decide"), ""),
                             (self.tr("Approve"), "approve"), (self.tr("Hold"), "hold"),
                             (self.tr("Exception"), "exception")):
            self.decision.addItem(label, value)
        self.decision.currentIndexChanged.connect(self._decision_changed)
        self.warehouse = QComboBox(self)
        self.warehouse.setObjectName("rule_warehouse")
        self.carrier = QComboBox(self)
        self.carrier.setObjectName("rule_carrier")
        self._build()
        self.set_choices(RuleChoices([], [], []))
        self._decision_changed()

    def _build(self) -> None:
        add = self.errors.add_row
        top = QFormLayout()
        add(top, self.tr("Name"), "name", self.name)
        top.addRow("", self.active)
        when = QGroupBox(self.tr("When (every condition given must hold; a list: any of "
                                 "it)"), self)
        conditions = QFormLayout(when)
        add(conditions, self.tr("Shop"), "shops", self.shops)
        add(conditions, self.tr("Paid from"), "amount_min", self.edits["amount_min"])
        add(conditions, self.tr("Paid up to"), "amount_max", self.edits["amount_max"])
        add(conditions, self.tr("Currency"), "currency", self.edits["currency"])
        add(conditions, self.tr("SKU"), "skus", self.edits["skus"])
        add(conditions, self.tr("Category"), "categories", self.edits["categories"])
        add(conditions, self.tr("Units from"), "units_min", self.edits["units_min"])
        add(conditions, self.tr("Units up to"), "units_max", self.edits["units_max"])
        add(conditions, self.tr("Address has"), "address_keywords",
            self.edits["address_keywords"])
        add(conditions, self.tr("Buyer note"), "buyer_note", self.buyer_note)
        add(conditions, self.tr("Customer tag"), "customer_tags", self.edits["customer_tags"])
        add(conditions, self.tr("Region"), "regions", self.edits["regions"])
        add(conditions, self.tr("Country"), "countries", self.edits["countries"])
        then = QGroupBox(self.tr("Then"), self)
        actions = QFormLayout(then)
        add(actions, self.tr("Decision"), "decision", self.decision)
        add(actions, self.tr("Reason"), "reason", self.edits["reason"])
        add(actions, self.tr("Ship from warehouse"), "warehouse", self.warehouse)
        add(actions, self.tr("Carrier"), "carrier", self.carrier)
        add(actions, self.tr("Priority"), "priority", self.edits["priority"])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(when)
        layout.addWidget(then)
        layout.addStretch(1)

    def _decision_changed(self) -> None:
        self.edits["reason"].setEnabled(self.decision.currentData() in ("hold", "exception"))

    def set_choices(self, choices: RuleChoices) -> None:
        """Offer these shops, warehouses and carriers (keeping what is chosen)."""
        terms = self.terms()
        self.shops.clear()
        for code in choices.shops:
            self._shop_item(code)
        for combo, codes, none in ((self.warehouse, choices.warehouses,
                                    self.tr("(not assigned)")),
                                   (self.carrier, choices.carriers, self.tr("(not assigned)"))):
            combo.clear()
            combo.addItem(none, "")
            for code in codes:
                combo.addItem(code, code)
        self.show_terms(terms[0], terms[1])

    def _shop_item(self, code: str) -> QListWidgetItem:
        item = QListWidgetItem(code, self.shops)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        return item

    @staticmethod
    def _choose(combo: QComboBox, code: str) -> None:
        if code and combo.findData(code) < 0:
            combo.addItem(code, code)  # a rule may name a code that is gone since
        combo.setCurrentIndex(max(combo.findData(code), 0))

    def show_rule(self, rule: RuleRow | None) -> None:
        """Fill the form with a rule, or empty it for a new one."""
        self.errors.clear()
        self.name.setText(rule.name if rule else "")
        self.active.setChecked(rule.active if rule else True)
        self.show_terms(rule.conditions if rule else {}, rule.actions if rule else {})

    def show_terms(self, conditions: dict[str, Any], actions: dict[str, Any]) -> None:
        """Fill the conditions and actions."""
        shops = set(conditions.get("shops", []))
        present = {self.shops.item(i).text() for i in range(self.shops.count())}
        for code in sorted(shops - present):
            self._shop_item(code)
        for i in range(self.shops.count()):
            item = self.shops.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.text() in shops
                               else Qt.CheckState.Unchecked)
        for name in VALUES:
            value = conditions.get(name)
            self.edits[name].setText("" if value is None else str(value))
        for name in TEXT_LISTS:
            self.edits[name].setText(", ".join(conditions.get(name, [])))
        self.buyer_note.setCurrentIndex(max(self.buyer_note.findData(
            conditions.get("buyer_note")), 0))
        self.decision.setCurrentIndex(max(self.decision.findData(
            actions.get("decision") or ""), 0))
        self.edits["reason"].setText(actions.get("reason", ""))
        priority = actions.get("priority")
        self.edits["priority"].setText("" if priority is None else str(priority))
        self._choose(self.warehouse, actions.get("warehouse") or "")
        self._choose(self.carrier, actions.get("carrier") or "")

    def terms(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """The conditions and actions typed, in their stored form (unchecked)."""
        conditions: dict[str, Any] = {}
        shops = [self.shops.item(i).text() for i in range(self.shops.count())
                 if self.shops.item(i).checkState() == Qt.CheckState.Checked]
        if shops:
            conditions["shops"] = shops
        for name in VALUES:
            if self.edits[name].text().strip():
                conditions[name] = self.edits[name].text().strip()
        for name in TEXT_LISTS:
            if entries := _entries(self.edits[name].text()):
                conditions[name] = entries
        if self.buyer_note.currentData() is not None:
            conditions["buyer_note"] = self.buyer_note.currentData()
        actions: dict[str, Any] = {}
        if decision := self.decision.currentData():
            actions["decision"] = decision
            if decision != "approve":
                actions["reason"] = self.edits["reason"].text()
        for name, combo in (("warehouse", self.warehouse), ("carrier", self.carrier)):
            if combo.currentData():
                actions[name] = combo.currentData()
        if self.edits["priority"].text().strip():
            actions["priority"] = self.edits["priority"].text().strip()
        return conditions, actions

    def set_read_only(self, read_only: bool) -> None:
        """Show the rule without letting it be changed."""
        for edit in (self.name, *self.edits.values()):
            edit.setReadOnly(read_only)
        for widget in (self.active, self.buyer_note, self.decision, self.warehouse,
                       self.carrier, self.shops):
            widget.setEnabled(not read_only)
        if not read_only:
            self._decision_changed()

    def focus_first(self) -> None:
        """Put the cursor in the name."""
        self.name.setFocus()
        self.name.selectAll()
