"""The layout DESIGN.md fixes: one role per package and imports that flow one way, so each part
can be read, changed and tested on its own.

Layers, from the ground up (a module may import its own layer and the layers below it):
content → editing → organisations → timeline → articles → site, opendata → the composition
(settings, urls, wsgi). `devtools` is imported by nothing but manage.py, itself and tests.
"""

import ast
import functools
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
PACKAGES = ("dossier_portal", "articles", "timeline", "organisations")

# Each part of the code, and the parts it may import besides itself.
ALLOWED = {
    "dossier_portal.content": set(),
    "dossier_portal.editing": {"dossier_portal.content"},
    "organisations": {"dossier_portal.content", "dossier_portal.editing"},
    "timeline": {"dossier_portal.content", "dossier_portal.editing"},
    "articles": {
        "dossier_portal.content", "dossier_portal.editing", "organisations", "timeline",
    },
    "dossier_portal.opendata": {
        "dossier_portal.content", "organisations", "timeline", "articles",
    },
    "dossier_portal.site": {
        "dossier_portal.content", "organisations", "timeline", "articles",
        "dossier_portal.opendata",
    },
    "dossier_portal": {
        "dossier_portal.content", "dossier_portal.editing", "dossier_portal.opendata",
        "dossier_portal.site", "organisations", "timeline", "articles",
    },
}  # fmt: skip
DEVTOOLS = "dossier_portal.devtools"


def module_name(path: Path) -> str:
    parts = path.relative_to(PROJECT_DIR).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules() -> dict[str, Path]:
    return {
        module_name(path): path
        for package in PACKAGES
        for path in (PROJECT_DIR / package).rglob("*.py")
        if "migrations" not in path.parts
    }


def imports_of(path: Path) -> set[str]:
    """Every module of ours that `path` imports, at the top or inside a function."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in names if name.split(".")[0] in PACKAGES}


def part_of(module: str) -> str:
    """The longest part name that `module` belongs to."""
    candidates = [*ALLOWED, DEVTOOLS]
    return max(
        (part for part in candidates if module == part or module.startswith(part + ".")),
        key=len,
    )


MODULES = project_modules()


def real_module(name: str) -> str | None:
    """`name` as a module of ours (an imported function's module for `from m import f`)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


@functools.cache
def graph() -> dict[str, set[str]]:
    return {
        module: {found for name in imports_of(path) if (found := real_module(name))} - {module}
        for module, path in MODULES.items()
    }


def test_the_parts_cover_every_module():
    assert all(part_of(module) for module in MODULES)


@pytest.mark.parametrize("module", sorted(m for m in MODULES if not m.startswith(DEVTOOLS)))
def test_imports_flow_one_way(module):
    mine = part_of(module)
    allowed = {mine, *ALLOWED[mine]}
    offenders = sorted(name for name in graph()[module] if part_of(name) not in allowed)
    assert offenders == [], f"{module} ({mine}) may import only {sorted(allowed)}"


def test_no_two_modules_import_each_other():
    edges = graph()
    # A package's __init__ is imported with each of its modules: not a cycle of ours.
    circles = sorted(
        (a, b)
        for a, targets in edges.items()
        for b in targets
        if a < b and a in edges.get(b, set()) and not b.startswith(a + ".")
    )
    assert circles == []


def test_production_never_imports_devtools():
    importers = sorted(
        module
        for module, targets in graph().items()
        if not module.startswith(DEVTOOLS) and any(t.startswith(DEVTOOLS) for t in targets)
    )
    assert importers == []


def test_the_top_level_is_as_the_design_card_fixes_it():
    expected = {
        "manage.py", "dossier_portal", "articles", "timeline", "organisations", "templates",
        "static", "fixtures", "tests", "pyproject.toml", "README.md", ".python-version",
        "Makefile", ".ci",
    }  # fmt: skip
    present = {path.name for path in PROJECT_DIR.iterdir()}
    assert expected <= present
