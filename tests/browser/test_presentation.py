"""Presentation mode for real: `python3 course.py present` (Voila) in headless Chromium, with the network cut.

The lesson is served exactly as the teacher's command serves it (tools.present.voila_args: loopback, a
token, the course's template). Every request the page makes to anything but that server is recorded
and refused, and must not happen. Then, as a teacher would on a projector: no code is shown, every
widget is live, answers are still closed, every prediction can be answered and every control moved,
each redrawing its figure.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import NOTEBOOKS, SCREENSHOTS
from tools.lab import (
    SCOPE_SCRIPT,
    change_and_time_redraw,
    figure_controls,
    free_port,
    open_answers,
    reveal_predictions,
    stored_output_counts,
)
from tools.present import find_lesson, running_presentation
from tools.sandbox import sandbox_env

pytestmark = pytest.mark.browser

#: Lesson 01 has the most controls next to figures (grip lab, diary, noise): one lesson keeps the suite inside its time.
PRESENTED = ["01"]


def test_presentation_finds_lessons_by_number_and_refuses_an_unknown_one():
    assert find_lesson("01") == next(nb for nb in NOTEBOOKS if nb.name.startswith("01_"))
    with pytest.raises(SystemExit, match="no lesson called '99'"):
        find_lesson("99")


@pytest.mark.parametrize("lesson", PRESENTED)
def test_a_lesson_presented_without_code_works_offline_with_every_control(lesson, browser, tmp_path: Path):
    notebook = find_lesson(lesson)
    expected = stored_output_counts(notebook)
    with running_presentation(
        notebook, free_port(), sandbox_env(tmp_path / "sandbox"), tmp_path / "voila.log"
    ) as shown:
        page = browser.new_page()
        outside: list[str] = []
        errors: list[str] = []

        def only_this_server(route) -> None:
            url = route.request.url
            if url.startswith((shown.url, "data:", "blob:")):
                route.continue_()
            else:
                outside.append(url)
                route.abort()

        page.route("**/*", only_this_server)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.add_init_script(SCOPE_SCRIPT.format(selector="#rendered_cells"))
        try:
            page.goto(shown.page_url())
            # Every widget output of the lesson is live (Voila runs the cells as the page loads).
            page.wait_for_function(
                "n => Array.from(document.querySelectorAll('#rendered_cells .jp-OutputArea-output'))"
                ".filter(o => o.querySelector('.jupyter-widgets')).length >= n",
                arg=expected["widget"],
                timeout=180_000,
                polling=250,
            )
            body = page.locator("#rendered_cells")
            code_shown = page.evaluate(
                "() => Array.from(document.querySelectorAll('#rendered_cells .jp-CodeCell .jp-InputArea'))"
                ".map(e => e.innerText.trim()).filter(Boolean)"
            )
            assert code_shown == [], f"code is shown: {code_shown[:3]}"
            assert body.locator(".jp-CodeCell").count() > 0, "no code cell's output was found"
            assert body.locator("[data-mime-type='application/vnd.jupyter.stderr']").count() == 0
            # Answers stay closed until someone opens them.
            model_answers = page.evaluate(
                "() => Array.from(document.querySelectorAll('#rendered_cells details > summary'))"
                ".filter(s => s.innerText.trim().startsWith('Model answer')).map(s => s.parentElement.open)"
            )
            assert model_answers == [False] * expected["model_answers"], model_answers
            opened = reveal_predictions(page)
            assert opened >= 1, "no prediction could be answered and revealed"
            open_answers(page)
            controls = figure_controls(page)
            assert controls, "no control found next to a figure"
            for control in controls:
                ms = change_and_time_redraw(page, control, timeout_ms=10_000)
                assert ms is not None, f"{notebook.name}: moving {control['kind']} '{control['label']}' redrew nothing"
            shots = SCREENSHOTS / "presentation"
            shots.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(shots / f"{notebook.stem}.png"), full_page=True)
        finally:
            page.close()
    assert outside == [], f"the presented lesson asked the internet for: {sorted(set(outside))}"
    assert not [e for e in errors if "widget" in e.lower() or "plotly" in e.lower()], errors
