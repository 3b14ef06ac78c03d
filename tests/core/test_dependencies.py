"""The import graph of incubator's packages, drawn from the source: dependencies point one way."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "incubator"
DOMAINS = ("startups", "labs", "mentors", "challenges", "organizations", "accounts", "review", "glossary")
BELOW_DOMAINS = ("events", "permissions", "audit", "database", "csv_export", "search", "outbox", "overload")
ALL_DOMAINS = (*DOMAINS, "matching", "partnerships", "dashboard", "notifications", "home", "demo")


def unit_of(path: Path) -> str:
    """`incubator.<first part>` of a source file: its package, or the module itself."""
    return "incubator." + path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def module_of(path: Path) -> str:
    """The dotted module name of a source file."""
    parts = ("incubator", *path.relative_to(PACKAGE).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path) -> set[str]:
    """Every module `path` imports, at any depth (inside functions too), relative ones resolved."""
    module = module_of(path).split(".")
    package = module if path.name == "__init__.py" else module[:-1]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(package[: len(package) - node.level + 1]) if node.level else ""
            prefix = ".".join(p for p in (base, node.module or "") if p)
            names.add(prefix)
            names.update(f"{prefix}.{alias.name}" for alias in node.names)
    return names


def import_graph() -> dict[str, set[str]]:
    """Arrows between incubator's packages (and top-level modules): who imports whom."""
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        arrows = graph.setdefault(unit_of(path), set())
        for name in imported(path):
            parts = name.split(".")
            if parts[0] == "incubator" and len(parts) > 1:
                arrows.add(f"incubator.{parts[1]}")
    return {unit: arrows - {unit} for unit, arrows in graph.items()}


def test_the_graph_sees_the_imports_it_should():
    graph = import_graph()
    assert "incubator.matching" in graph["incubator.app"]
    assert "incubator.events" in graph["incubator.matching"]  # matching subscribes
    assert "incubator.accounts" in graph["incubator.startups"]


@pytest.mark.parametrize("domain", DOMAINS)
def test_no_domain_imports_matching(domain):
    assert "incubator.matching" not in import_graph()[f"incubator.{domain}"]


@pytest.mark.parametrize("module", BELOW_DOMAINS)
def test_the_modules_below_the_domains_import_no_domain(module):
    arrows = import_graph()[f"incubator.{module}"]
    assert not arrows & {f"incubator.{d}" for d in ALL_DOMAINS}


def test_events_import_nothing_of_incubator():
    assert import_graph()["incubator.events"] == set()
