"""Each module binds a top-level name once.

A module-level pattern bound twice under one name is not an error for Python, ruff or mypy (both
are compiled patterns), and the later binding silently changes every reader of the earlier one:
a new `_CITED_BEFORE` for titles once replaced the one that told a reference cited by another
paper, and references were lost far from the change.
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("councilgraph", "ingest", "server", "bench")


def _top_level_names(tree: ast.Module) -> list[str]:
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.append(node.name)
        elif isinstance(node, ast.Assign):
            names.extend(target.id for target in node.targets if isinstance(target, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            names.append(node.target.id)
    return names


def _modules() -> list[Path]:
    """The project's own modules, not the checkouts a bench keeps in its hidden work folder."""
    found = (path for package in PACKAGES for path in (ROOT / package).rglob("*.py"))
    return sorted(path for path in found if not any(part.startswith(".") for part in path.relative_to(ROOT).parts))


@pytest.mark.parametrize("module", _modules(), ids=lambda path: str(path.relative_to(ROOT)))
def test_a_module_binds_each_top_level_name_once(module: Path) -> None:
    counts = Counter(_top_level_names(ast.parse(module.read_text(encoding="utf-8"))))
    assert [name for name, count in counts.items() if count > 1] == []


def test_a_second_binding_of_a_name_is_found() -> None:
    source = 'import re\n_PATTERN = re.compile("a")\n\n\ndef f() -> None: ...\n\n\n_PATTERN = re.compile("b")\n'
    tree = ast.parse(source)
    assert Counter(_top_level_names(tree))["_PATTERN"] == 2
