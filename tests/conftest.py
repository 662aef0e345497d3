"""Shared fixtures: paths, the list of notebooks, and the browser harness."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.chromium import is_ci
from tools.execute import lesson_notebooks

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = lesson_notebooks()
SCREENSHOTS = ROOT / "screenshots"
#: Tests that each run servers, kernels and browsers of their own: with pytest-xdist, they run one after
#: another in one process (see pytest_xdist_make_scheduler).
ONE_AT_A_TIME = ("tests/browser/", "tests/test_hub.py")


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object | None:
    """``course.py test`` runs two processes with ``--dist loadfile``: each test file whole in one process.

    Why whole files: a notebook's cells (nbval) share one kernel and must run in order, and a file's tests
    may share a module fixture. Why the browser and hub tests together, one after another: run side by
    side on two cores, anywidget gave up on a widget it must set up within its fixed 2 s (two JupyterLabs
    and Chromiums), and the hub's student servers missed their deadlines (the hub beside a browser test).
    xdist's own ``loadgroup`` cannot group them on pytest 9.2 (it renames ``item._nodeid``, which pytest
    9.2 no longer reads), so the grouping is by path, here.
    """
    if config.getoption("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class CourseScheduling(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return ONE_AT_A_TIME[0] if nodeid.startswith(ONE_AT_A_TIME) else super()._split_scope(nodeid)

    return CourseScheduling(config, log)


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
def playwright_session(chromium_executable):
    """One Playwright for the session (the sync API allows only one at a time)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_session, chromium_executable):
    from tools.lab import chromium

    with chromium(playwright_session, chromium_executable) as context:
        yield context


#: The small screen every lesson must fit (CSS px viewport, device scale factor): a 1280x720 projector at 150%
#: zoom. It is narrower than a small laptop (1024x700), which the browser tests checked separately until one
#: Run All per notebook had to serve every check; what fits the projector fits the laptop.
SMALL_SCREENS: dict[str, tuple[dict[str, int], float]] = {
    "projector": ({"width": 853, "height": 480}, 1.5),
}


@pytest.fixture(scope="session")
def small_screen(playwright_session, chromium_executable):
    """``small_screen(size)``: a Chromium for one of SMALL_SCREENS, started on first use, kept for the session."""
    from contextlib import ExitStack

    from tools.lab import chromium

    contexts: dict = {}
    with ExitStack() as stack:

        def context_for(size: str):
            if size not in contexts:
                viewport, scale = SMALL_SCREENS[size]
                contexts[size] = stack.enter_context(
                    chromium(playwright_session, chromium_executable, viewport=viewport, device_scale_factor=scale)
                )
            return contexts[size]

        yield context_for
