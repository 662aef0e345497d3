"""Lesson 04's widgets in real Chromium: the walk reveals one step at a time, the lab names the question, the
symptom diary saves to the learner's own file and shows the emergency message for a breathing entry.

The generic notebook test (test_notebooks_in_browser.py) already runs the lesson, checks every figure is
drawn and times every control next to a figure; this test does what a learner does with the buttons and
text boxes that test cannot reach. It runs at the projector size and then checks the whole notebook's
layout there, with the walk, the diary and its summary open, so it is also lesson 04's projector check
(test_small_screens.py leaves this notebook to it: one Run All instead of two).
"""

from __future__ import annotations

import csv

import pytest

from tests.conftest import NOTEBOOKS, SCREENSHOTS
from tools.lab import layout_problems, open_answers, run_lesson_as_learner, screenshot_notebook

pytestmark = pytest.mark.browser

LESSON = next(nb for nb in NOTEBOOKS if nb.name == "04_is_it_als.ipynb")


def test_walk_lab_and_diary_work_as_a_learner_uses_them(lab_server, small_screen):
    page = small_screen("projector").new_page()
    try:
        panel = run_lesson_as_learner(page, lab_server, LESSON.name)

        # The walk: nothing before its step.
        walk = panel.locator(".course-app", has=page.locator("button", has_text="Next step")).last
        walk.scroll_into_view_if_needed()
        assert "Found:" not in walk.inner_text()
        walk.locator("button", has_text="Next step").click()
        page.wait_for_function("el => el.innerText.includes('1. The story')", arg=walk.element_handle(), timeout=10_000)
        text = walk.inner_text()
        assert "1. The story" in text and "2. The examination" not in text
        walk.locator("button", has_text="Next step").click()
        page.wait_for_function(
            "el => el.innerText.includes('2. The examination')", arg=walk.element_handle(), timeout=10_000
        )
        assert "3. Nerve and muscle tests" not in walk.inner_text()

        # The lab: the same person in both menus says so instead of comparing.
        lab = panel.locator(".course-app", has=page.locator("text=The question that separates them")).last
        lab.scroll_into_view_if_needed()
        selects = lab.locator("select")
        first = selects.nth(0).evaluate("s => s.value")
        selects.nth(1).select_option(value=first)
        page.wait_for_function("el => el.innerText.includes('same person')", arg=lab.element_handle(), timeout=10_000)

        # The diary: a breathing entry is saved to the learner's own file and shows the emergency message.
        diary = panel.locator(".course-app", has=page.locator("button", has_text="Save entry")).last
        diary.scroll_into_view_if_needed()
        diary.locator("input[placeholder^='e.g. left calf']").fill("chest")
        diary.locator("select").select_option(label="breathing")
        diary.locator("input[placeholder^='e.g. a few seconds']").fill("short of breath on the stairs")
        diary.locator("button", has_text="Save entry").click()
        page.wait_for_function(
            # The standing line under Save already says "call your emergency number now": wait for the
            # words only a finished save shows, or the file may not be written yet.
            "el => el.innerText.includes('This entry mentions') && el.innerText.includes('Your entry was saved')",
            arg=diary.element_handle(),
            timeout=15_000,
        )
        alert = diary.locator("[role='alert']").last.inner_text().lower()
        assert "call your emergency number now" in alert, alert
        saved = lab_server.home / "symptom-diary" / "my-diary.csv"
        rows = list(csv.DictReader(saved.open(encoding="utf-8")))
        assert [(r["where"], r["what"]) for r in rows] == [("chest", "breathing")]
        page.wait_for_function(
            "el => el.innerText.includes('1 diary entry')", arg=diary.element_handle(), timeout=10_000
        )

        # A bad value is refused in words, and nothing is added to the file.
        diary.locator("input[placeholder^='e.g. left calf']").fill("left calf")
        diary.locator("input[placeholder='e.g. 7']").fill("15")
        diary.locator("button", has_text="Save entry").click()
        page.wait_for_function("el => el.innerText.includes('Not saved')", arg=diary.element_handle(), timeout=10_000)
        assert len(list(csv.DictReader(saved.open(encoding="utf-8")))) == 1

        diary.locator("button", has_text="Show summary to print").click()
        page.wait_for_function(
            "el => el.innerText.includes('summary for my appointment')", arg=diary.element_handle(), timeout=10_000
        )

        open_answers(page)
        problems = layout_problems(page)
        assert screenshot_notebook(page, SCREENSHOTS / "projector" / LESSON.stem, max_shots=8, settle_ms=120)
        assert problems == [], f"on a projector, with the walk and the diary open: {problems}"
    finally:
        page.close()
        lab_server.shutdown_kernels()
