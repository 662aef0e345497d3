"""The first hour on a small screen: a lesson survives a kernel restart, and the layout check itself is sound.

That every lesson fits a projector (853x480 CSS px at 150% zoom, tests/conftest.py) is checked on the
same Run All as everything else: test_notebooks_in_browser.py for every notebook, and the own browser
tests of lessons 04 and 05, all at that size. Here: the lost-kernel banner after a restart, and a test
of tools.lab.layout_problems on figures made to be cut off.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import plotly
import plotly.graph_objects as go
import pytest

from helpers.apps.watch import LOST_AFTER_S, LOST_KERNEL_MESSAGE, PING_EVERY_S
from tests.conftest import NOTEBOOKS
from tools.lab import (
    SCROLL_BOX_CLASS,
    change_and_time_redraw,
    figure_controls,
    layout_problems,
    open_notebook,
    reveal_predictions,
    run_all,
    wait_for_idle_kernel,
)

pytestmark = pytest.mark.browser

BANNER = ".jp-NotebookPanel:not(.lm-mod-hidden) .course-lost-kernel"


def _visible_banners(page) -> list[str]:
    return page.evaluate(
        "(sel) => Array.from(document.querySelectorAll(sel))"
        ".filter(b => b.getBoundingClientRect().height > 0).map(b => b.innerText)",
        BANNER,
    )


def test_a_restarted_kernel_shows_the_lost_kernel_banner_until_run_all(lab_server, browser):
    notebook = NOTEBOOKS[0]
    page = browser.new_page()
    try:
        open_notebook(page, lab_server, notebook.name)
        run_all(page)
        assert page.locator(BANNER).count() > 0, f"{notebook.name}: no app with a kernel watch after Run All"
        assert _visible_banners(page) == [], "the lost-kernel banner shows while the kernel is alive"

        # Not awaited: the command's promise settles only once its "Restart Kernel?" dialog is answered.
        page.evaluate("() => { window.jupyterapp.commands.execute('kernelmenu:restart'); }")
        page.locator(".jp-Dialog .jp-Dialog-button.jp-mod-accept").click(timeout=10_000)
        restarted = time.monotonic()
        page.wait_for_function(
            "(sel) => Array.from(document.querySelectorAll(sel)).some(b => b.getBoundingClientRect().height > 0)",
            arg=BANNER,
            timeout=(LOST_AFTER_S + PING_EVERY_S + 2) * 1000,
            polling=250,
        )
        shown = _visible_banners(page)
        assert shown and all(text.strip() == LOST_KERNEL_MESSAGE for text in shown), shown
        print(f"lost-kernel banner shown {time.monotonic() - restarted:.1f} s after the restart")

        wait_for_idle_kernel(page)
        run_all(page)
        assert _visible_banners(page) == [], "the lost-kernel banner stays after Run All on a fresh kernel"
        assert page.locator(BANNER).count() > 0, "the apps came back after Run All"
        # And the apps are live again: a control redraws its figure (what the banner says is lost).
        reveal_predictions(page)
        controls = figure_controls(page)
        assert controls, f"{notebook.name}: no control next to a figure after Run All"
        assert change_and_time_redraw(page, controls[0]) is not None, "after Run All, a control still does nothing"
    finally:
        page.close()
        lab_server.shutdown_kernels()


def test_the_layout_check_sees_what_is_cut_off_and_ignores_what_is_hidden(browser):
    """layout_problems on a page shaped like JupyterLab's: each fault found, hidden and deliberate things not."""
    plotly_js = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    bare = dict(width=300, height=200, xaxis=dict(visible=False), yaxis=dict(visible=False))
    long_title = "A title far too long for a figure three hundred pixels wide"
    figures = {
        "cut": go.Figure(layout=dict(bare, title=dict(text=long_title))),
        "fits": go.Figure(layout=dict(bare, title=dict(text="Fits"))),
        "hidden": go.Figure(layout=dict(bare, title=dict(text=long_title))),
        "overlap": go.Figure(
            layout=dict(
                bare,
                annotations=[
                    dict(text="one label", x=0.5, y=0.5, showarrow=False),
                    dict(text="another label", x=0.52, y=0.5, showarrow=False),
                ],
            )
        ),
    }
    wide = "<div style='width:900px'>wide</div>"
    outputs = [
        f"<div id='{key}'></div>" if key != "hidden" else f"<div style='display:none'><div id='{key}'></div></div>"
        for key in figures
    ]
    outputs += [
        f"<div style='overflow-x:auto'>{wide}</div>",
        f"<div class='{SCROLL_BOX_CLASS}' style='overflow-x:auto'>{wide}</div>",
        f"<div style='display:none;overflow-x:auto'>{wide}</div>",
    ]
    page = browser.new_page()
    try:
        page.set_content(
            "<div class='jp-NotebookPanel'>"
            + "".join(f"<div class='jp-OutputArea-output' style='width:400px'>{o}</div>" for o in outputs)
            + "</div>"
        )
        page.add_script_tag(path=str(plotly_js))
        for key, fig in figures.items():
            page.evaluate("([k, s]) => Plotly.newPlot(k, s.data, s.layout)", [key, json.loads(fig.to_json())])
        problems = layout_problems(page)
    finally:
        page.close()
    assert problems == [
        f"title cut off in: {long_title} ({long_title[:40]})",
        "annotation runs over annotation in: untitled (one label / another label)",
        "output scrolls sideways: wide",
    ], problems
