"""The house rules a reviewer would otherwise have to check by eye: apps never import the project
package, and no function (outside tests and migrations) is longer than a screen."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ["articles", "directory", "calculators"]
CODE = [*APPS, "portal", "bench", "scripts"]
MAX_FUNCTION_LINES = 60


def python_files(*packages):
    for package in packages:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def imported_modules(path: Path):
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


@pytest.mark.parametrize("app", APPS)
def test_apps_never_import_the_project_package(app):
    offending = [
        f"{path.relative_to(ROOT)} imports {module}"
        for path in python_files(app)
        for module in imported_modules(path)
        if module == "portal" or module.startswith("portal.")
    ]
    assert offending == []


def test_no_function_is_longer_than_a_screen():
    long = []
    for path in python_files(*CODE):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({length} lines)")
    assert long == []


def test_the_checks_above_can_fail(tmp_path):
    """The parsers find what they look for (so an empty result above means something)."""
    sample = tmp_path / "sample.py"
    sample.write_text("from portal.pagecache import x\nimport portal\n" + "def f():\n" + "    pass\n" * 61)
    assert list(imported_modules(sample)) == ["portal.pagecache", "portal"]
    function = next(n for n in ast.walk(ast.parse(sample.read_text())) if isinstance(n, ast.FunctionDef))
    assert function.end_lineno - function.lineno + 1 == 62
