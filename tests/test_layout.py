"""The layout DESIGN.md fixes: imports flow one way, so each part can be read on its own."""

import ast
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parent.parent
APPS = {"articles", "timeline", "organisations"}
# The shared code every app builds on; it must not know the apps.
SHARED_MODULES = ["markdown.py", "dates.py", "models.py", "embedded_pg.py", "settings.py"]


def imported_top_level_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def python_files(folder: str):
    return [p for p in (PROJECT_DIR / folder).rglob("*.py") if "migrations" not in p.parts]


@pytest.mark.parametrize("app", ["timeline", "organisations"])
def test_timeline_and_organisations_know_nothing_of_articles(app):
    offenders = [
        str(path.relative_to(PROJECT_DIR))
        for path in python_files(app)
        if "articles" in imported_top_level_packages(path)
    ]
    assert offenders == []


@pytest.mark.parametrize("module", SHARED_MODULES)
def test_the_shared_code_imports_no_app(module):
    path = PROJECT_DIR / "dossier_portal" / module
    assert path.exists(), f"{module} moved: update this list"
    assert imported_top_level_packages(path) & APPS == set()


def test_the_top_level_is_as_the_design_card_fixes_it():
    expected = {
        "manage.py", "dossier_portal", "articles", "timeline", "organisations", "templates",
        "static", "fixtures", "tests", "pyproject.toml", "README.md", ".python-version",
        "Makefile", ".ci",
    }  # fmt: skip
    present = {path.name for path in PROJECT_DIR.iterdir()}
    assert expected <= present
