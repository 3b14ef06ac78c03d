"""matchcore's module import graph, drawn from the source: no module imports itself back, at any depth."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "incubator" / "matchcore"
PREFIX = "incubator.matchcore"


def module_of(path: Path) -> str:
    """The dotted name of a matchcore source file (the package itself for __init__.py)."""
    return PREFIX if path.name == "__init__.py" else f"{PREFIX}.{path.stem}"


def imported(source: str, module: str, modules: set[str]) -> set[str]:
    """The matchcore modules `source` imports anywhere (in functions, TYPE_CHECKING blocks too).

    `from package import name` points at the submodule `name` when there is one, else at the
    package. The parent package every submodule import first runs is left out: Python finishes
    it before the submodule, so it closes no circle.
    """
    package = module if module == PREFIX else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            prefix = ".".join(p for p in (base, node.module or "") if p)
            for alias in node.names:
                found.add(f"{prefix}.{alias.name}" if f"{prefix}.{alias.name}" in modules else prefix)
    return (found & modules) - {module}


def import_graph() -> dict[str, set[str]]:
    """Arrows between matchcore's modules: who imports whom."""
    paths = {module_of(path): path for path in PACKAGE.glob("*.py")}
    return {m: imported(p.read_text(encoding="utf-8"), m, set(paths)) for m, p in paths.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each circle of imports found by a depth-first walk, as the modules along it."""
    found, state = [], dict.fromkeys(graph, 0)  # 0 unseen, 1 on the current path, 2 done

    def walk(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph[module]):
            if state[target] == 1:
                found.append(path[path.index(target) :] + [target])
            elif state[target] == 0:
                walk(target, [*path, target])
        state[module] = 2

    for module in sorted(graph):
        if state[module] == 0:
            walk(module, [module])
    return found


def test_the_graph_sees_imports_in_functions_and_type_checking_blocks():
    source = (
        "from typing import TYPE_CHECKING\n"
        "from incubator.matchcore import scale\n"
        "if TYPE_CHECKING:\n    from incubator.matchcore.glossary import Concepts\n"
        "def f():\n    from .keys import word_keys\n"
    )
    modules = {f"{PREFIX}.{name}" for name in ("scale", "glossary", "keys", "rank")}
    assert imported(source, f"{PREFIX}.rank", modules) == modules - {f"{PREFIX}.rank"}
    graph = import_graph()
    assert f"{PREFIX}.rank" in graph[PREFIX]  # the package's lazy import inside __getattr__
    assert f"{PREFIX}.keys" in graph[f"{PREFIX}.glossary"]


def test_matchcore_imports_form_no_circle():
    assert cycles(import_graph()) == []
