"""The code is linted, formatted and type-checked by the same tools a contributor runs (see .pre-commit-config.yaml).

Why in the test suite: CI runs only the README's test command, so these checks
hold for every change that lands, not only for contributors who installed the hooks.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

BIN = Path(sys.executable).parent


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(list(args), cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_lint_passes_on_code_and_notebooks():
    result = run(str(BIN / "ruff"), "check", ".")
    assert result.returncode == 0, (
        f"ruff check found problems (fix, or run `ruff check --fix .`):\n{result.stdout[-4000:]}"
    )


def test_ruff_format_leaves_nothing_to_change():
    result = run(str(BIN / "ruff"), "format", "--check", ".")
    assert result.returncode == 0, f"run `ruff format .`:\n{result.stdout[-3000:]}"


def test_mypy_type_checks_helpers_tools_and_bench():
    result = run(sys.executable, "-m", "mypy")
    assert result.returncode == 0, f"mypy:\n{result.stdout[-4000:]}"
