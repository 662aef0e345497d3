"""Every notebook, opened in JupyterLab in real headless Chromium on a projector and run from the top.

The screen is the smallest the course must fit: a 1280x720 projector at 150% zoom (853x480 CSS px,
tests/conftest.py), narrower than a small laptop (1024x700), so a lesson that fits it fits a laptop too.
One Run All per notebook serves every check (lessons 04 and 05 have their own browser tests, which also
run at this size). Asserts what a student would see go wrong: an error in a cell, a blank figure, a
widget shown as text instead of a live control, a control that does not redraw its figure, or anything
cut off, run over or scrolling sideways, an accessibility problem axe-core finds (critical or serious), a control
that Tab does not reach or the keyboard cannot operate. Screenshots go to screenshots/projector/<notebook>/ for people
to look at.
"""

from __future__ import annotations

import json
import re
import warnings

import pytest

from tests.conftest import NOTEBOOKS, SCREENSHOTS
from tools.chromium import is_ci
from tools.lab import (
    AXE_SCRIPT,
    axe_violations,
    change_and_time_redraw,
    figure_controls,
    layout_problems,
    notebook_report,
    open_answers,
    open_notebook,
    reveal_predictions,
    run_all,
    screenshot_notebook,
    stored_output_counts,
    unreachable_by_tab,
)

pytestmark = pytest.mark.browser
SIZE = "projector"
#: axe-core violations the course cannot fix, each by exact rule and CSS selector, with the upstream issue
#: (also listed in the README's Accessibility section). Anything else critical or serious fails the test.
KNOWN_UPSTREAM: dict[tuple[str, str], str] = {}
BLOCKING = ("critical", "serious")


def axe_installed() -> bool:
    """Whether axe-core is installed (course.py test does it with npm); required in CI, a warning elsewhere."""
    if AXE_SCRIPT.exists():
        return True
    message = f"axe-core is not installed ({AXE_SCRIPT}): install Node.js and npm, then run python3 course.py test"
    if is_ci():
        pytest.fail(message)
    warnings.warn(message + "; the accessibility check was left out", stacklevel=2)
    return False


def predictions_in(notebook) -> int:
    """How many predict-then-reveal calls the notebook's code cells make."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    return len(re.findall(r"\bpredict(?:_grip|_noise)?\(", code))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_and_draws_in_chromium(notebook, lab_server, small_screen):
    page = small_screen(SIZE).new_page()
    console_errors: list[str] = []
    page.on("pageerror", lambda exc: console_errors.append(str(exc)))
    try:
        open_notebook(page, lab_server, notebook.name)
        run_all(page)
        # Every prediction hides its answer until it is checked; answer them as a learner would.
        opened = reveal_predictions(page)
        gated = predictions_in(notebook)
        assert opened >= gated, f"{notebook.name}: {gated} predictions, only {opened} opened after being checked"
        report = notebook_report(page)
        stored = stored_output_counts(notebook)

        assert report["errors"] == [], f"{notebook.name}: cells wrote errors: {report['errors']}"
        assert report["fallbacks"] == [], (
            f"{notebook.name}: widgets shown as text, not live controls: {report['fallbacks']}"
        )
        assert report["plotly_outputs"] == stored["plotly"], (
            f"{notebook.name}: expected {stored['plotly']} plotly outputs, the page has {report['plotly_outputs']}"
        )
        assert report["plotly_outputs_drawn"] == report["plotly_outputs"], (
            f"{notebook.name}: some plotly outputs were not drawn: {report}"
        )
        assert report["widget_outputs"] == stored["widget"], (
            f"{notebook.name}: expected {stored['widget']} widget outputs, the page has {report['widget_outputs']}"
        )
        assert report["widget_outputs_live"] == report["widget_outputs"], (
            f"{notebook.name}: some widget outputs are not live controls: {report}"
        )
        assert report["visible_plots_drawn"] == report["visible_plots"], f"{notebook.name}: a figure is blank: {report}"
        assert report["model_answers"] == stored["model_answers"] and report["model_answers_open"] == 0, (
            f"{notebook.name}: model answers must be closed after Run All: {report}"
        )
        # The cell toolbar (duplicate, move, insert, delete) is off: Tab and Space on it would edit the lesson.
        page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell").nth(2).click()
        toolbar = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-cell-toolbar button")
        assert toolbar.count() == 0, f"{notebook.name}: the active cell shows {toolbar.count()} cell-toolbar buttons"
        # Nor do the notebook toolbar's edit buttons (a Tab stop before the lesson: Enter on "cut" deleted a cell).
        edits = page.locator(
            ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-NotebookPanel-toolbar "
            ":is([data-jp-item-name='insert'], [data-jp-item-name='cut'], [data-jp-item-name='copy'], "
            "[data-jp-item-name='paste'])"
        )
        assert edits.count() == 0, f"{notebook.name}: the notebook toolbar still offers {edits.count()} edit buttons"
        assert page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) [data-jp-item-name='run']").count() == 1
        # Offline: no toolbar button that would upload a figure to a web service.
        shares = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .modebar-btn[data-title^='Share chart']")
        assert shares.count() == 0, f"{notebook.name}: {shares.count()} figures offer 'Share chart' (an upload)"
        open_answers(page)  # the exercises' results too, as a learner opens them
        problems = layout_problems(page)
        assert problems == [], (
            f"{notebook.name} at {SIZE}: {len(problems)} things cut off, run over or scrolling sideways:\n"
            + "\n".join(problems)
        )

        violations = axe_violations(page) if axe_installed() else []
        blocking = [
            f"{v['impact']} {v['rule']} ({v['help']}): {target}"
            for v in violations
            if v["impact"] in BLOCKING
            for target in v["targets"]
            if (v["rule"], target) not in KNOWN_UPSTREAM
        ]
        assert blocking == [], f"{notebook.name}: axe-core finds {len(blocking)} problems:\n" + "\n".join(blocking)
        unreached = unreachable_by_tab(page)
        assert unreached == [], f"{notebook.name}: Tab never reaches these controls: {unreached}"

        # Every control is changed with the keyboard only (tools.lab._change_control), and no key pressed on a
        # control reaches JupyterLab's notebook shortcuts (ArrowDown moving to the next cell, A adding one).
        cells = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell")
        cell_count = cells.count()
        latencies: dict[str, float] = {}
        for control in figure_controls(page):
            ms = change_and_time_redraw(page, control)
            name = f"{control['kind']} '{control['label'].strip()}' ({control['app']})"
            assert ms is not None, f"{notebook.name}: changing {name} did not redraw its figure within 5 s"
            latencies[name] = round(ms, 1)
        assert cells.count() == cell_count, f"{notebook.name}: a key pressed on a control added or removed a cell"
        if report["sliders"]:
            assert latencies, f"{notebook.name}: has sliders but no control was found next to a figure"
        assert not [e for e in console_errors if "plotly" in e.lower() or "widget" in e.lower()], console_errors

        shots = screenshot_notebook(page, SCREENSHOTS / SIZE / notebook.stem, max_shots=8, settle_ms=120)
        assert shots and all(s.stat().st_size > 10_000 for s in shots)
        (SCREENSHOTS / SIZE / notebook.stem / "report.json").write_text(
            json.dumps({"report": report, "redraw_ms": latencies, "axe_violations": violations}, indent=2)
        )
    finally:
        page.close()
        lab_server.shutdown_kernels()
