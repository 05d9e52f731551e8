"""`scripts/check-venv.sh`: no second source tree is installed into an environment that holds another."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "check-venv.sh"


def _environment(tmp_path: Path, installed_tree: Path | None) -> Path:
    """A stand-in for an environment's python that reports where `ingest` is installed from."""
    python = tmp_path / "env" / "bin" / "python"
    python.parent.mkdir(parents=True)
    origin = f"{installed_tree}/ingest/__init__.py" if installed_tree else ""
    python.write_text(f"#!/bin/sh\necho '{origin}'\n")
    python.chmod(0o755)
    return python


def _tree(path: Path) -> Path:
    (path / "ingest").mkdir(parents=True)
    (path / "pyproject.toml").write_text("[project]\nname = 'councilgraph'\n")
    return path


def _check(python: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", str(SCRIPT), str(python)], cwd=cwd, capture_output=True, text=True, check=False)


def test_an_environment_that_holds_another_source_tree_is_refused(tmp_path: Path) -> None:
    main, worktree = _tree(tmp_path / "main"), _tree(tmp_path / "worktree")
    python = _environment(tmp_path, main)
    refused = _check(python, worktree)
    assert refused.returncode == 1
    assert str(main) in refused.stderr and "VENV=.venv" in refused.stderr
    assert _check(python, main).returncode == 0  # the tree it holds reinstalls itself


def test_a_new_environment_or_an_ordinary_install_is_accepted(tmp_path: Path) -> None:
    tree = _tree(tmp_path / "tree")
    assert _check(_environment(tmp_path / "new", None), tree).returncode == 0
    packages = tmp_path / "site-packages"
    (packages / "ingest").mkdir(parents=True)  # no pyproject.toml beside it: not a source tree
    assert _check(_environment(tmp_path / "plain", packages), tree).returncode == 0
    assert _check(tmp_path / "missing" / "python", tree).returncode == 0
