"""Unit and widget tests for the shared helpers every lesson uses."""

from __future__ import annotations

import math

import plotly.graph_objects as go
import plotly.io as pio
import pytest

from helpers.apps.base import FALLBACK_PREFIX, CourseApp, replace_figure
from helpers.apps.quiz import CORRECT_MARK, WRONG_MARK, predict_then_reveal, quiz
from helpers.errors import CourseInputError
from helpers.quiz import Question, answer, check_answer, choice
from helpers.safety import safety_notice, safety_notice_html, safety_notice_text
from helpers.start import mrc_ladder
from helpers.start.model import MRC_GRADES, describe_mrc, one_mrc_grade
from helpers.views.theme import COLORWAY, PALETTE, figure_description, style_figure, use_course_theme

QUESTION = Question(
    "Which?",
    (
        choice("A", "A shows the 'tired means weak' idea."),
        answer("B", "B is right because..."),
        choice("C", "C confuses noise with trend."),
    ),
)


# --- safety notice -----------------------------------------------------------------------------


def test_safety_notice_gives_every_time_frame_and_the_red_flags():
    text = safety_notice_text().lower()
    for level in ("call your emergency number now", "get urgent medical help today", "book within days", "routine"):
        assert level in text, level
    assert "comes on suddenly" in text and "stroke" in text, "sudden weakness is an emergency"
    assert "clearly worse, or has spread further, in the last few days" in text, "fast spread: the same day"
    assert "week to week or month to month" in text, "weakness spreading only week to week: within days"
    assert "breathless when you lie flat" in text, "breathing muscles weakening slowly: today"
    assert "worse by the hour" in text, "weakness getting worse within hours: the emergency"
    assert "trouble breathing" in text and "swallow" in text
    assert "does not diagnose" in text
    for flag in ("getting worse, or spreading", "speech", "swallowing", "choking", "thinner", "falls", "2 weeks"):
        assert flag in text, flag
    assert "promptly" not in text and "persist" not in text, "times, not vague words"


def test_safety_notice_renders_accessible_html_with_the_same_words():
    html = safety_notice()._repr_html_()
    assert html == safety_notice_html()
    assert "role='note'" in html and "aria-label='Safety notice'" in html
    assert "Call your emergency number now" in html and "course-worried-box" in html
    assert html.index("course-worried-box") < html.index("course-care-levels"), "the reader's box comes first"
    assert repr(safety_notice()) == safety_notice_text()


def test_safety_notice_shows_every_level_in_short_and_every_sign_in_its_box():
    """The first screen keeps each level and its red flags; the full list (about 800 words) waits in a closed box."""
    import html as html_lib
    import re

    from helpers.safety import CARE_LEVELS

    notice = safety_notice_html()
    shown, box = notice.split("<details", 1)
    words = len(re.sub(r"<[^>]+>", " ", shown).split())
    assert words < 680, f"the visible notice has {words} words (the full list has about 1,300)"
    # One bullet per sign: a run-on line per level read at grade 12 (health-literacy review, 2026-12-03).
    from tools.readability import grade

    sentences = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", re.sub(r"</li>|</p>", ". ", shown)))
    assert grade(sentences) <= 8.0, grade(sentences)
    for level in CARE_LEVELS:
        assert html_lib.escape(level.action) in shown, level.key
        assert all(f"<li>{html_lib.escape(sign)}</li>" in shown for sign in level.short_signs), level.key
        assert all(html_lib.escape(sign) in box for sign in level.signs), level.key
    assert "<details class='course-care-details'>" in notice and " open" not in notice.split("<details", 1)[1][:40]


# --- theme ---------------------------------------------------------------------------------------


def test_palette_is_okabe_ito_and_used_as_colorway():
    assert PALETTE["blue"] == "#0072B2" and PALETTE["vermillion"] == "#D55E00"
    assert COLORWAY[0] == PALETTE["blue"] and len(set(COLORWAY)) == len(COLORWAY)


@pytest.mark.parametrize("missing", ["title", "x_title", "y_title", "description"])
def test_style_figure_refuses_a_figure_without_title_axes_or_description(missing):
    kwargs = {"title": "Grip recovers", "x_title": "trial", "y_title": "force (kg)", "description": "It recovers."}
    kwargs[missing] = "  "
    with pytest.raises(ValueError, match=missing):
        style_figure(go.Figure(), **kwargs)


def test_style_figure_stores_the_description_as_alt_text():
    fig = style_figure(
        go.Figure(go.Scatter(x=[1], y=[2])), title="T", x_title="x (s)", y_title="y (kg)", description="One sentence."
    )
    assert figure_description(fig) == "One sentence."
    assert fig.layout.xaxis.title.text == "x (s)" and fig.layout.title.text == "T"
    with pytest.raises(ValueError):
        figure_description(go.Figure())


def test_course_theme_uses_the_offline_mimetype_renderer():
    use_course_theme()
    assert pio.renderers.default == "plotly_mimetype"
    assert pio.templates.default == "course"


# --- quiz model ----------------------------------------------------------------------------------


def test_question_needs_exactly_one_correct_answer_and_feedback_everywhere():
    with pytest.raises(CourseInputError, match="exactly one"):
        Question("?", (choice("a", "x"), choice("b", "y")))
    with pytest.raises(CourseInputError, match="exactly one"):
        Question("?", (answer("a", "x"), answer("b", "y")))
    with pytest.raises(CourseInputError, match="two or more"):
        Question("?", (answer("a", "x"),))
    with pytest.raises(CourseInputError, match="feedback"):
        Question("?", (answer("a", "x"), choice("b", " ")))


def test_check_answer_gives_the_feedback_of_the_chosen_misconception():
    assert check_answer(QUESTION, 1).correct is True
    verdict = check_answer(QUESTION, 0)
    assert verdict.correct is False and "tired means weak" in verdict.feedback
    assert check_answer(QUESTION, None).correct is False
    for bad in (3, -1, True, 1.0):
        with pytest.raises(CourseInputError, match="answer index"):
            check_answer(QUESTION, bad)


# --- quiz widgets --------------------------------------------------------------------------------


def test_quiz_widget_shows_feedback_for_every_choice():
    widget = quiz(QUESTION)
    widget.check()
    assert "Choose an answer first" in widget.feedback.value and widget.answered_correctly is None
    for index, option in enumerate(QUESTION.choices):
        widget.options.value = index
        widget.check_button.click()
        assert (CORRECT_MARK if option.correct else WRONG_MARK) in widget.feedback.value
        assert widget.answered_correctly is option.correct
        assert option.feedback.split()[0] in widget.feedback.value


def test_predict_then_reveal_stays_hidden_until_a_prediction_is_checked():
    hidden = go.FigureWidget()
    app = predict_then_reveal(QUESTION, hidden)
    app.reveal()
    assert not app.revealed and app.hidden.children == () and app.content is hidden
    assert app.reveal_button.disabled
    app.quiz.check_button.click()  # nothing chosen yet: still locked
    assert app.reveal_button.disabled
    app.quiz.options.value = 0
    app.quiz.check_button.click()
    assert not app.reveal_button.disabled
    app.reveal_button.click()
    assert app.revealed and app.hidden.children == (hidden,)


def test_app_text_fallback_is_stable_and_short():
    app = CourseApp("Grip-test lab", [])
    assert repr(app).startswith(FALLBACK_PREFIX) and len(repr(app)) < 110
    assert app._repr_mimebundle_()["text/plain"] == repr(app)
    assert "course-app" in app._dom_classes


# --- MRC scale and the start notebook's app ------------------------------------------------------


@pytest.mark.parametrize("bad", [-1, 6, 2.5, float("nan"), True, "3", None, [3, 4]])
def test_mrc_grade_outside_0_to_5_is_refused_with_the_allowed_range(bad):
    with pytest.raises(CourseInputError, match="MRC grade"):
        one_mrc_grade(bad)


def test_mrc_descriptions_cover_every_grade():
    assert sorted(MRC_GRADES) == [0, 1, 2, 3, 4, 5]
    assert one_mrc_grade(3.0) == 3
    assert "against gravity" in describe_mrc(3)


def test_mrc_ladder_follows_the_slider_over_its_whole_range():
    app = mrc_ladder(grade=4)
    seen_titles = set()
    for grade in [0, 1, 2, 3, 4, 5, 0]:
        app.grade.value = grade
        colours = list(app.figure.data[0].marker.color)
        assert colours.index(PALETTE["blue"]) == grade and colours.count(PALETTE["blue"]) == 1
        assert app.figure.layout.title.text.startswith(f"MRC grade {grade}:")
        assert f"MRC grade {grade}:" in app.caption.value
        seen_titles.add(app.figure.layout.title.text)
    assert len(seen_titles) == 6


def test_replace_figure_handles_same_and_different_trace_sets():
    def fig(n: int, title: str) -> go.Figure:
        return style_figure(
            go.Figure([go.Scatter(x=[0, 1], y=[i, i + 1]) for i in range(n)]),
            title=title,
            x_title="x",
            y_title="y",
            description="d",
        )

    widget = go.FigureWidget(fig(2, "first"))
    replace_figure(widget, fig(2, "second"))
    assert widget.layout.title.text == "second" and len(widget.data) == 2
    replace_figure(widget, fig(3, "third"))
    assert widget.layout.title.text == "third" and len(widget.data) == 3 and list(widget.data[2].y) == [2, 3]
    assert not math.isnan(widget.data[0].y[0])


def test_an_exercise_answer_stays_off_the_page_until_its_panel_opens():
    from helpers.apps.quiz import ExerciseAnswer

    panel = ExerciseAnswer(go.Figure(), "text")
    # Closed, the panel holds only its watcher (which makes the header a keyboard button), none of the results.
    assert panel.selected_index is None and panel.slot.children == (panel.watch,), "a closed answer shows nothing"
    panel.selected_index = 0
    assert panel.slot.children == (panel.watch, panel.body) and len(panel.body.children) >= 2
    panel.selected_index = None
    panel.selected_index = 0
    assert panel.slot.children == (panel.watch, panel.body), "opening again does not add a second copy"


def test_correct_feedback_does_not_say_yes_twice():
    """ "Correct. Yes. ..." read as a stutter (a browser walk-through found it in every quiz)."""
    from helpers.apps.quiz import feedback_html

    shown = feedback_html(True, "Yes: numbness points elsewhere.")
    assert f"{CORRECT_MARK}</strong> Numbness points elsewhere." in shown and "Yes" not in shown
    assert "Yes, but" in feedback_html(False, "Yes, but not here.")


def test_no_course_widget_shadows_an_ipywidgets_method_or_trait():
    """A method named like an ipywidgets one breaks the widget in the browser: a case-lab method called ``open``
    replaced ``Widget.open`` (which creates the browser's model), and JupyterLab showed "model not found"."""
    import importlib
    import inspect
    import pkgutil

    import ipywidgets

    import helpers

    clashes = []
    for info in pkgutil.walk_packages(helpers.__path__, "helpers."):
        module = importlib.import_module(info.name)
        for cls in vars(module).values():
            if not (inspect.isclass(cls) and issubclass(cls, ipywidgets.Widget) and cls.__module__ == info.name):
                continue
            base = next(b for b in cls.__mro__ if b.__module__.startswith("ipywidgets"))
            clashes += [f"{cls.__name__}.{n}" for n in vars(cls) if not n.startswith("_") and hasattr(base, n)]
    assert not clashes, f"rename these: they shadow ipywidgets: {clashes}"
