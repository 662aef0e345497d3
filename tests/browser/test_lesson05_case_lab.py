"""Lesson 05's case lab in real Chromium, in both modes, as a student uses it, on a projector.

Practice: type an ID, open the cases, change the view, answer case 1 with the key's answer and see
4 of 4 with reasons. Assessed: open the assessed set, answer a case wrongly on purpose, save, and
see that no feedback of any kind appears, while the hand-in file holds the answer.

It runs at the projector size (853x480 CSS pixels at scale 1.5) and checks the whole notebook's layout
there with the lab open and its feedback shown, so it is also lesson 05's projector check
(test_small_screens.py leaves this notebook to it: one Run All instead of two).
"""

from __future__ import annotations

import pytest

from helpers.caselab.marking import read_answer_file
from helpers.caselab.model import CARE_OPTIONS, OBSERVATIONS, PATTERNS, case_set
from tests.conftest import NOTEBOOKS, SCREENSHOTS
from tools.lab import layout_problems, open_answers, run_lesson_as_learner, screenshot_notebook

pytestmark = pytest.mark.browser

LESSON = next(nb for nb in NOTEBOOKS if nb.name == "05_case_lab.ipynb")
ID = "student-042"


def wait_text(page, element, text: str, timeout: int = 20_000) -> None:
    page.wait_for_function(
        "([el, t]) => el.innerText.includes(t)", arg=[element.element_handle(), text], timeout=timeout
    )


def answer_case(lab, pattern: str, observations: tuple[str, ...], care: str) -> None:
    lab.locator("label", has_text=PATTERNS[pattern].name).first.click()
    for key in observations:
        lab.locator("label", has_text=OBSERVATIONS[key].text[:60]).first.click()
    lab.locator("label", has_text=CARE_OPTIONS[care][:30]).first.click()


def test_case_lab_in_practice_and_assessed_mode(lab_server, small_screen):
    page = small_screen("projector").new_page()
    try:
        panel = run_lesson_as_learner(page, lab_server, LESSON.name)
        lab = panel.locator(".course-app", has=page.locator("button", has_text="Open my cases")).last
        lab.scroll_into_view_if_needed()
        lab.locator("input[placeholder^='for example']").fill(ID)
        lab.locator("button", has_text="Open my cases").click()
        status = lab.locator(".caselab-status")
        wait_text(page, status, "Opened 6 practice cases")

        # Another view redraws the figure and its description.
        lab.locator("select").nth(1).select_option(label="Check-ups: MRC grades and the daily-life score")
        wait_text(page, lab, "lowest MRC grade")

        case = case_set(ID, practice=True).case(1)
        answer_case(lab, case.pattern, case.supporting, case.care)
        lab.locator("button", has_text="Check my answer").click()
        feedback = lab.locator(".caselab-feedback")
        wait_text(page, feedback, "Score for this case: 4 of 4")
        assert "Not quite" not in feedback.inner_text()
        open_answers(page)
        problems = layout_problems(page)
        assert screenshot_notebook(page, SCREENSHOTS / "projector" / LESSON.stem, max_shots=8, settle_ms=120)
        assert problems == [], f"on a projector, with the lab open: {problems}"

        # Assessed: a different set, no feedback, the answer saved to the hand-in file.
        lab.locator("label", has_text="Assessed").first.click()
        lab.locator("button", has_text="Open my cases").click()
        wait_text(page, status, "Opened 6 assessed cases")
        assessed = case_set(ID).case(1)
        wrong = next(p for p in PATTERNS if p != assessed.pattern)
        answer_case(lab, wrong, assessed.options[:2], assessed.care)
        lab.locator("button", has_text="Save this answer").click()
        wait_text(page, feedback, "Saved your answer to case 1")
        shown = feedback.inner_text() + lab.inner_text()
        for giveaway in ("Score for this case", "Not quite", "Practice score", "Too late"):
            assert giveaway not in shown
        saved = read_answer_file(lab_server.root_dir / f"case-lab-{ID}.json")
        assert saved.answers[1].pattern == wrong and set(saved.answers[1].observations) == set(assessed.options[:2])
    finally:
        page.close()
