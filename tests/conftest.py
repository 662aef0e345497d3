"""Shared fixtures: paths, the list of notebooks, and the browser harness."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.chromium import is_ci
from tools.execute import lesson_notebooks

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = lesson_notebooks()
SCREENSHOTS = ROOT / "screenshots"


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    """The system Chromium; skipped with a reason on a user's machine without one, never in CI."""
    from tools.lab import chromium_path

    found = chromium_path()
    if found:
        return found
    if is_ci():
        pytest.fail(
            "CI=true and no Chromium was found: the browser tests must run in CI (course.py test installs "
            "Debian's chromium as root)."
        )
    pytest.skip(
        "Chromium not found: browser tests skipped. Install it (Debian/Ubuntu: sudo apt-get install chromium) "
        "or set COURSE_CHROMIUM=/path/to/chrome, then run python3 course.py test again."
    )


@pytest.fixture(scope="session")
def lab_server(chromium_executable):
    from tools.lab import running_lab

    with running_lab(NOTEBOOKS) as server:
        yield server


@pytest.fixture(scope="session")
def browser(chromium_executable):
    from playwright.sync_api import sync_playwright

    from tools.lab import chromium

    with sync_playwright() as playwright, chromium(playwright, chromium_executable) as context:
        yield context
