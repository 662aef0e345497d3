"""Offline handouts for real: `python3 course.py handouts` (nbconvert), each opened in Chromium, network cut.

For every lesson, exercise notebook and the worried reader's page, both versions: every figure is drawn
from the file alone (plotly.js inside it), with the sentence that describes it right after it; the safety
notice is there; not one request leaves the file. The student's version has no answer in it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.safety import SAFETY_HEADING, WORRIED_PAGE, care_level
from tools.handouts import VERSIONS, handout_sources, write_handouts
from tools.student_copy import PLACEHOLDER

pytestmark = pytest.mark.browser

SOURCES = handout_sources()


@pytest.fixture(scope="module")
def handouts(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("handouts")
    written = write_handouts(SOURCES, out)
    assert len(written) == len(SOURCES) * len(VERSIONS)
    return out


# Figures, their descriptions, and what a reader could not see drawn.
_FIGURES_JS = """() => Array.from(document.querySelectorAll('.handout-figure')).map(f => {
  const svg = f.querySelector('.main-svg');
  let next = f.nextElementSibling;
  while (next && next.tagName === 'SCRIPT') next = next.nextElementSibling;
  return {
    drawn: !!svg && f.querySelectorAll('.main-svg .plot, .main-svg .cartesianlayer, .main-svg .shapelayer').length > 0,
    title: ((f.querySelector('.gtitle') || {}).textContent || '').slice(0, 60),
    described: !!next && next.classList.contains('figure-description') && next.textContent.length > 40,
  };
})"""


def test_every_lesson_has_a_handout_source():
    names = {p.name for p in SOURCES}
    assert {"00_start_here.ipynb", "05_case_lab.ipynb", "if_you_are_worried.ipynb"} <= names


@pytest.mark.parametrize("version", list(VERSIONS))
def test_every_handout_draws_every_figure_offline_with_its_description(handouts, browser, version):
    requests: list[str] = []
    errors: list[str] = []

    def file_only(route) -> None:
        url = route.request.url
        if url.startswith(("file://", "data:", "blob:")):
            route.continue_()
        else:
            requests.append(url)
            route.abort()

    # All of a version's handouts load at once (each parses its own copy of plotly.js: two cores, two at a time).
    pages = {}
    for source in SOURCES:
        page = browser.new_page()
        page.route("**/*", file_only)
        page.on("pageerror", lambda exc, name=source.name: errors.append(f"{name}: {exc}"))
        page.goto((handouts / version / f"{source.stem}.html").as_uri(), wait_until="commit")
        pages[source] = page
    try:
        for source, page in pages.items():
            name = f"{source.stem}.html ({version})"
            page.wait_for_load_state("load", timeout=120_000)
            figures = page.evaluate(_FIGURES_JS)
            text = page.inner_text("body")
            # The lessons carry the safety notice; the worried reader's page is the notice, at length. Both say
            # when to call the emergency number.
            assert SAFETY_HEADING in text or source.name == WORRIED_PAGE, f"{name} has no safety notice"
            assert care_level("emergency").action in text, f"{name} does not say when to call for help"
            assert "synthetic" in text.lower(), name
            undrawn = [f["title"] for f in figures if not f["drawn"]]
            assert undrawn == [], f"{name}: figures not drawn: {undrawn}"
            undescribed = [f["title"] for f in figures if not f["described"]]
            assert undescribed == [], f"{name}: figures without a description after them: {undescribed}"
            if source.stem[:2].isdigit() and source.stem != "00_start_here" and "_exercises" not in source.stem:
                assert figures, f"{name} has no figure"
    finally:
        for page in pages.values():
            page.close()
    assert requests == [], f"the {version} handouts asked the network for {sorted(set(requests))}"
    assert errors == [], f"script errors in the {version} handouts: {errors}"


MODEL_ANSWER = "<summary><strong>Model answer</strong>"
RESULT = "<summary>Show the result of this answer</summary>"


def test_the_student_handouts_hold_no_answers_and_the_teachers_do(handouts):
    answers = {"model": 0, "results": 0}
    for source in SOURCES:
        teacher = (handouts / "teacher" / f"{source.stem}.html").read_text(encoding="utf-8")
        student = (handouts / "student" / f"{source.stem}.html").read_text(encoding="utf-8")
        answers["model"] += teacher.count(MODEL_ANSWER)
        answers["results"] += teacher.count(RESULT)
        assert MODEL_ANSWER not in student and RESULT not in student, f"{source.name}: the student handout has answers"
        if MODEL_ANSWER in teacher or RESULT in teacher:
            assert PLACEHOLDER.strip("*") in student or "the teacher's handout" in student, source.name
    # The teacher's handouts do carry the answers (the checks above would pass on empty files).
    assert answers["model"] >= 5 and answers["results"] >= 10, answers
