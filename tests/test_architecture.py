"""The house (../shared/ARCHITECTURE.md): one package per part, arrows pointing down.

Every ``import`` of a yeplint module by another, at module level or inside a function (a lazy
import is still an arrow), is read from the source with :mod:`ast`. The wings stand on floors;
a module may import its own wing or a wing on a lower floor, never one above or beside it, and
the modules form no circle. This test is the lasting guard: a new upward import or a new circle
fails it with the arrow named.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "yeplint"

FLOORS: dict[str, int] = {
    "__init__": 0,
    "locale": 1,
    "diagnostics": 2,
    "config": 3,
    "document": 3,
    "site": 4,
    "rules": 5,
    "engine": 6,
    "report": 7,
    "server": 7,
    "cli": 8,
    "__main__": 9,
}
"""Each wing's floor: ``cli -> server, report -> engine -> rules -> site -> document, config ->
diagnostics -> locale``. Wings on one floor (config and document; report and server) do not
import each other."""

TOP_LEVEL = {"__init__.py", "__main__.py", "cli.py", "diagnostics.py"}
"""The only modules that stand flat in ``yeplint/``; everything else lives in a wing."""

MAX_FLOORS = 10
"""The longest chain of rooms (wings and flat modules) importing one another."""


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imported(path: Path, name: str, known: set[str]) -> Iterator[str]:
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for target in targets:
            # `from yeplint.x import name`: the module yeplint.x.name if it is one, else yeplint.x
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target.startswith("yeplint") and target != name:
                yield target


def graph() -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    return {name: set(_imported(path, name, known)) for name, path in found.items()}


def wing(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_only_the_entry_points_stand_flat_in_the_package() -> None:
    flat = {p.name for p in PACKAGE.glob("*.py")}
    assert flat <= TOP_LEVEL, sorted(flat - TOP_LEVEL)
    assert {wing(m) for m in modules()} <= set(FLOORS), "a new wing needs a floor"


def test_arrows_point_down() -> None:
    upward = sorted(
        f"{source} -> {target}"
        for source, targets in graph().items()
        for target in targets
        if wing(source) != wing(target)
        and FLOORS[wing(source)] <= FLOORS[wing(target)]
        and wing(target) != "__init__"
    )
    assert not upward, upward


def _circle(edges: dict[str, set[str]]) -> list[str] | None:
    """One import circle, if there is any (depth-first search with colours)."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_import_circle() -> None:
    edges = graph()
    for module, targets in edges.items():  # a package's __init__ is imported with any child
        targets.discard(module.rpartition(".")[0])
    assert _circle(edges) is None, " -> ".join(_circle(edges) or [])


def test_at_most_ten_floors() -> None:
    """Floors are counted between rooms, a room being an entry of ``yeplint/`` (a wing, or a
    module standing flat): the longest chain of rooms importing one another."""
    rooms: dict[str, set[str]] = {}
    for source, targets in graph().items():
        rooms.setdefault(wing(source), set()).update(wing(t) for t in targets)
    for room, below in rooms.items():
        below.discard(room)
    assert _circle(rooms) is None, " -> ".join(_circle(rooms) or [])
    depth: dict[str, int] = {}

    def floors(room: str) -> int:
        if room not in depth:
            depth[room] = 1 + max((floors(r) for r in rooms.get(room, ())), default=0)
        return depth[room]

    highest = max(rooms, key=floors)
    assert floors(highest) <= MAX_FLOORS, (highest, floors(highest))


@pytest.mark.parametrize(
    "wing_name", sorted(set(FLOORS) - {"__init__", "__main__", "cli", "diagnostics"})
)
def test_each_wing_says_what_it_owns(wing_name: str) -> None:
    init = PACKAGE / wing_name / "__init__.py"
    doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
    assert "import" in doc, f"{init}: say what the wing owns and what it may import"


def _defines_a_rule(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef):
            for decorator in node.decorator_list:
                call = decorator.func if isinstance(decorator, ast.Call) else decorator
                if isinstance(call, ast.Name) and call.id == "rule":
                    return True
    return False


def test_every_module_defining_a_rule_is_in_the_catalogue() -> None:
    from yeplint.rules import catalogue

    listed = set(catalogue.MODULES)
    defining = {
        name
        for name, path in modules().items()
        if name.startswith("yeplint.rules.") and _defines_a_rule(path)
    }
    assert defining == listed, {"not listed": defining - listed, "defines none": listed - defining}
