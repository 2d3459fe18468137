"""The messages the floor workflows (and the errors they raise) can show, read from the source:
every string literal and f-string that reaches a Feedback, a raised exception, a FloorView or
FloorLine field, an unknown scan's reason or a last-scans line, as a template whose
expressions are `{}` placeholders.

It follows what a message is built from within the code: local variables (and `+=` onto them),
`" · ".join(parts)` with the `.append`s onto `parts`, dicts of texts indexed or `.format`ted,
and the return values of the functions, methods and properties of these modules that a message
calls. The values inside an f-string's braces are followed as messages of their own, since the
translator translates them too (the `detail` of an over-receipt).
"""

from __future__ import annotations

import ast
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: Where the floor screens' texts come from.
MODULES = (
    *sorted((ROOT / "models" / "receiving").glob("*.py")),
    *sorted((ROOT / "models" / "putaway").glob("*.py")),
    *sorted((ROOT / "models" / "transfers").glob("*.py")),
    *sorted((ROOT / "models" / "counting").glob("*.py")),
    *sorted((ROOT / "models" / "sales").glob("*.py")),  # the order import's refusals
    *sorted((ROOT / "models" / "carriers").glob("*.py")),  # what a packer is told
    *sorted((ROOT / "models" / "picking").glob("*.py")),  # the picking workflow
    *sorted((ROOT / "models" / "packing").glob("*.py")),  # the packing workflow
    *sorted((ROOT / "models" / "returns").glob("*.py")),  # the returns workflow
    ROOT / "models" / "floor.py",
    ROOT / "models" / "ledger" / "posting.py",
    ROOT / "models" / "ledger" / "context.py",
    ROOT / "models" / "ledger" / "reversal.py",
    ROOT / "models" / "scanning" / "resolver.py",
    ROOT / "models" / "scanning" / "parsing.py",
    ROOT / "models" / "scanning" / "conventions.py",
    ROOT / "models" / "scanning" / "gs1.py",
    ROOT / "models" / "scanning" / "retail.py",
    ROOT / "models" / "scanning" / "meanings.py",
    ROOT / "models" / "users.py",
    ROOT / "models" / "actor.py",
)

#: Calls whose arguments are shown: name -> positions (None: all) and keywords.
SINKS: dict[str, tuple[tuple[int, ...] | None, tuple[str, ...]]] = {
    "Feedback": (None, ("message", "next_step")),
    "ok": (None, ("message", "next_step")),  # Feedback.ok
    "warning": (None, ("message", "next_step")),
    "error": (None, ("message", "next_step")),
    "FloorView": ((), ("title", "prompt", "current", "recent", "markers")),
    "FloorLine": ((), ("detail",)),
    "UnknownScan": ((1,), ("reason",)),
    "ParsedInvalid": ((1,), ("reason",)),
    "ParsedCode": ((2,), ("suspect",)),
    "GS1Rejected": (None, ()),
    "RetailRejected": (None, ()),
    "ReceiptSummary": ((5,), ("message",)),
    "OrderFit": ((3,), ("detail",)),
    "Suggestion": ((2,), ("reason",)),
    "ReplayResult": ((2,), ("message",)),
    "_product_or_location": ((), ("missing",)),  # an unknown scan's reason
    "_refuse": (None, ()),
    "appendleft": (None, ()),  # the receiving workflow's last scans
    "add": (None, ()),  # Recent.add of putaway and transfers (sets of ids hold no text)
}

_FORMAT_FIELD = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
_MAX_SHAPES = 64


@dataclass(frozen=True)
class Found:
    """One template and where it was written."""

    template: str
    path: str
    line: int


class _Module:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.tree = ast.parse(path.read_text(encoding="utf-8"))
        self.parents: dict[ast.AST, ast.AST] = {}
        for node in ast.walk(self.tree):
            for child in ast.iter_child_nodes(node):
                self.parents[child] = node

    def scope(self, node: ast.AST) -> ast.AST:
        while node in self.parents:
            node = self.parents[node]
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                return node
        return self.tree


class _Walker:
    def __init__(self, paths: tuple[Path, ...]) -> None:
        self.modules = [_Module(p) for p in paths]
        self.functions: dict[str, list[tuple[_Module, ast.FunctionDef]]] = {}
        for module in self.modules:
            for node in ast.walk(module.tree):
                if isinstance(node, ast.FunctionDef):
                    self.functions.setdefault(node.name, []).append((module, node))
        self.found: dict[str, Found] = {}
        self._followed: set[int] = set()

    # --- what a string expression can be -------------------------------------------------

    def shapes(self, module: _Module, expr: ast.AST) -> list[str]:
        """The templates `expr` can evaluate to; values it is made of are followed too."""
        match expr:
            case ast.Constant(value=str() as text):
                return [_FORMAT_FIELD.sub("{}", text)]
            case ast.JoinedStr(values=values):
                parts: list[list[str]] = []
                for value in values:
                    if isinstance(value, ast.Constant):
                        parts.append([str(value.value)])
                    else:
                        assert isinstance(value, ast.FormattedValue)
                        self.follow(module, value.value)
                        parts.append(["{}"])
                return [''.join(p) for p in itertools.product(*parts)]
            case ast.BinOp(op=ast.Add(), left=left, right=right):
                combos = itertools.product(self.shapes(module, left), self.shapes(module, right))
                return [a + b for a, b in itertools.islice(combos, _MAX_SHAPES)]
            case ast.IfExp(body=body, orelse=orelse):
                return self.shapes(module, body) + self.shapes(module, orelse)
            case ast.BoolOp(values=values):
                return [s for v in values for s in self.shapes(module, v)]
        self.follow(module, expr)
        return ["{}"]

    def follow(self, module: _Module, expr: ast.AST) -> None:
        """Record the messages an opaque value is built from (variables, calls, dicts)."""
        if id(expr) in self._followed:
            return
        self._followed.add(id(expr))
        match expr:
            case ast.Name(id=name):
                self._follow_name(module, expr, name)
            case ast.Call(func=ast.Attribute(attr="join"), args=[joined]):
                if isinstance(joined, ast.Name):
                    self._follow_appends(module, joined, joined.id)
                self.follow(module, joined)
            case ast.Call(func=ast.Name(id="tuple" | "list" | "sorted"), args=[items]):
                self.follow(module, items)
            case ast.Call(func=ast.Attribute(attr="format", value=base)):
                self.follow(module, base)
            case ast.Call(func=ast.Name(id=name) | ast.Attribute(attr=name)):
                self._follow_returns(name)
            case ast.Attribute(attr=name):
                self._follow_returns(name, properties_only=True)
            case ast.Subscript(value=base):
                self.follow(module, base)
            case ast.Dict(values=values):
                for value in values:
                    if value is not None:
                        self.record(module, value)
            case ast.List(elts=elts) | ast.Tuple(elts=elts) | ast.Set(elts=elts):
                for elt in elts:
                    self.record(module, elt)
            case ast.ListComp(elt=elt, generators=generators) | ast.GeneratorExp(
                    elt=elt, generators=generators):
                self.record(module, elt)
                for generator in generators:  # for text, on in (("the quantity", ...), ...)
                    if isinstance(generator.iter, ast.Tuple):
                        for row in generator.iter.elts:
                            if isinstance(row, ast.Tuple) and row.elts:
                                self.record(module, row.elts[0])
            case ast.Constant() | ast.JoinedStr() | ast.BinOp() | ast.IfExp() | ast.BoolOp():
                self.record(module, expr)

    def _follow_name(self, module: _Module, at: ast.AST, name: str) -> None:
        scope = module.scope(at)
        module_level = [n for n in module.tree.body if isinstance(n, ast.Assign | ast.AnnAssign)]
        nodes = list(ast.walk(scope)) if scope is not module.tree else []
        for node in nodes + module_level:
            targets = (node.targets if isinstance(node, ast.Assign)
                       else [node.target] if isinstance(node, ast.AnnAssign) else [])
            value = getattr(node, "value", None)
            if value is not None and any(isinstance(t, ast.Name) and t.id == name
                                         for t in targets):
                self._record_with_additions(module, scope, name, value)

    def _record_with_additions(self, module: _Module, scope: ast.AST, name: str,
                               value: ast.AST) -> None:
        """`name = base` then `name += more` (each optional): every combination."""
        if isinstance(value, ast.List | ast.Tuple | ast.ListComp | ast.Dict | ast.Call
                      | ast.Subscript | ast.Name | ast.Attribute):
            self.follow(module, value)
            return
        shapes = self.shapes(module, value)
        # `+=` under one if/elif chain are alternatives; separate ifs add up.
        chains: dict[ast.AST, list[str]] = {}
        if scope is not module.tree:
            for node in ast.walk(scope):
                if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name) \
                        and node.target.id == name and isinstance(node.op, ast.Add):
                    chain = self._outer_if(module, node, scope)
                    chains.setdefault(chain, []).extend(self.shapes(module, node.value))
        for more in chains.values():
            shapes = (shapes + [s + m for s in shapes for m in more])[:_MAX_SHAPES]
        for shape in shapes:
            self._add(module, value, shape)

    @staticmethod
    def _outer_if(module: _Module, node: ast.AST, scope: ast.AST) -> ast.AST:
        outer = node
        while node in module.parents and module.parents[node] is not scope:
            node = module.parents[node]
            if isinstance(node, ast.If):
                outer = node
        return outer

    def _follow_appends(self, module: _Module, at: ast.AST, name: str) -> None:
        for node in ast.walk(module.scope(at)):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr in ("append", "extend") \
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == name:
                for arg in node.args:
                    self.record(module, arg)
            elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name) \
                    and node.target.id == name:
                self.follow(module, node.value)

    def _follow_returns(self, name: str, *, properties_only: bool = False) -> None:
        for module, function in self.functions.get(name, []):
            if properties_only and not any(isinstance(d, ast.Name) and d.id == "property"
                                           for d in function.decorator_list):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Return) and node.value is not None:
                    self.record(module, node.value)

    # --- recording -----------------------------------------------------------------------

    def record(self, module: _Module, expr: ast.AST) -> None:
        """`expr` is shown: record every template it can be."""
        if isinstance(expr, ast.Starred):
            expr = expr.value
        for shape in self.shapes(module, expr):
            self._add(module, expr, shape)

    def _add(self, module: _Module, at: ast.AST, shape: str) -> None:
        if shape not in self.found:
            self.found[shape] = Found(shape, str(module.path.relative_to(ROOT)),
                                      getattr(at, "lineno", 0))

    def walk(self) -> None:
        """Find the sinks of every module and record what reaches them."""
        for module in self.modules:
            for node in ast.walk(module.tree):
                if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
                    for arg in node.exc.args:
                        self.record(module, arg)
                elif isinstance(node, ast.Call):
                    self._sink(module, node)

    def _sink(self, module: _Module, call: ast.Call) -> None:
        func = call.func
        name = func.id if isinstance(func, ast.Name) else (
            func.attr if isinstance(func, ast.Attribute) else "")
        if name not in SINKS:
            return
        if name == "add" and not (isinstance(func, ast.Attribute)
                                  and "recent" in ast.unparse(func.value)):
            return
        positions, keywords = SINKS[name]
        for index, arg in enumerate(call.args):
            if positions is None or index in positions:
                self.record(module, arg)
        for keyword in call.keywords:
            if keyword.arg in keywords:
                self.record(module, keyword.value)


def model_messages() -> Iterator[Found]:
    """Every message template of the floor workflows' modules, with where it is written."""
    walker = _Walker(MODULES)
    walker.walk()
    yield from walker.found.values()
