"""The twitching lesson's apps without a browser: sweep every control, check figure and caption follow.

Also the views' accessibility contract (title, axis titles, description) and the
question bank's misconception feedback.
"""

from __future__ import annotations

import html
import json

import ipywidgets as widgets
import numpy as np
import pytest

from helpers.apps.base import NO_REDRAW_CLASS, CourseApp
from helpers.errors import CourseInputError
from helpers.quiz import check_answer
from helpers.twitching import QUESTIONS, base_rate_explorer, body_map_over_time, side_by_side, trigger_lab
from helpers.twitching import model as m
from helpers.twitching.views import body_map_figure, grid_colours, ring_size, strength_colour


def caption_text(app) -> str:
    return html.unescape(app.caption.value)


def figure_state(fig) -> str:
    return json.dumps(
        [
            fig.layout.title.text,
            [t.to_plotly_json() for t in fig.data],
            [s.to_plotly_json() for s in fig.layout.shapes or ()],
            [a.to_plotly_json() for a in fig.layout.annotations or ()],
        ],
        default=str,
    )


def slider_values(slider) -> list:
    n = round((slider.max - slider.min) / slider.step)
    return [
        round(slider.min + i * slider.step, 6)
        if isinstance(slider, widgets.FloatSlider)
        else slider.min + i * slider.step
        for i in range(n + 1)
    ]


def assert_styled(fig) -> None:
    assert fig.layout.title.text.strip()
    assert fig.layout.meta["description"].strip()
    for axis in (fig.layout.xaxis, fig.layout.yaxis):
        if axis.visible is not False:
            assert axis.title.text.strip()


# ---------------------------------------------------------------------------
# Trigger lab
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("control", ["caffeine", "sleep", "stress", "exercise"])
def test_trigger_lab_every_slider_value_redraws_figure_and_caption(control):
    app = trigger_lab()
    slider = getattr(app, control)
    assert slider.continuous_update is False
    values = slider_values(slider)
    assert len(values) >= 10, "sweep the whole range"
    seen_twitch, seen_captions = set(), set()
    for value in [v for v in values if v != slider.value]:
        before = figure_state(app.figure)
        slider.value = value
        after = figure_state(app.figure)
        week_twitches = tuple(np.round(app.figure.data[1].y, 3))
        grip = tuple(app.figure.data[3].y)
        seen_twitch.add(week_twitches)
        seen_captions.add(caption_text(app))
        assert_styled(app.figure)
        assert app.figure.layout.meta["description"] in caption_text(app)
        assert grip == tuple(m.trigger_week()["grip_kg"]), "grip never follows the triggers"
        assert before != after, (
            f"{control}={value} did not change the figure (the browser test needs every step to redraw)"
        )
        assert f"{value:.0f} mg" in app.figure.layout.annotations[1].text if control == "caffeine" else True
    assert len(seen_twitch) >= len(values) // 2
    assert len(seen_captions) >= 2


def test_trigger_lab_more_caffeine_gives_a_higher_peak_on_the_live_figure():
    app = trigger_lab(caffeine_mg=0, sleep_h=8, stress_0_10=2, exercise_min=30)
    peaks = []
    for value in (0, 200, 400, 800):
        app.caffeine.value = value
        peaks.append(max(app.figure.data[1].y))
    assert peaks == sorted(peaks) and peaks[0] < peaks[-1]
    assert "grip stays flat" in app.figure.layout.title.text


# ---------------------------------------------------------------------------
# Body map
# ---------------------------------------------------------------------------
def test_body_map_month_slider_sweeps_all_months_for_each_persona():
    app = body_map_over_time()
    assert isinstance(app, CourseApp) and app.month.continuous_update is False
    for persona in m.BODY_MAP_PERSONAS:
        app.persona.value = persona
        titles = set()
        for month in range(app.month.min, app.month.max + 1):
            app.month.value = month
            titles.add(app.figure.layout.title.text)
            assert app.figure.layout.title.text.startswith(f"Month {month}:")
            assert f"month {month}:" in caption_text(app)
            assert_styled(app.figure)
        assert len(titles) == app.month.max


def test_body_map_shows_the_benign_and_the_progressive_pattern():
    app = body_map_over_time(persona="benign_fasciculation", month=12)
    fills = {s.fillcolor for s in app.figure.layout.shapes}
    assert fills == {strength_colour(100)}, "Daniel: every region at full-strength colour"
    assert "full strength everywhere" in app.figure.layout.meta["title"]
    rings = app.figure.data[1].marker.size
    assert sum(r > 0 for r in rings) >= 3, "Daniel twitches in several regions"

    app.persona.value = "als_limb_onset"
    app.month.value = 1
    right_arm = m.REGIONS.index("right_arm")
    assert app.figure.layout.shapes[right_arm].fillcolor != strength_colour(100)
    assert app.figure.data[1].marker.size[right_arm] > 0, "the weak right arm also twitches"
    assert "1 weak region, twitching in 1 of them" in app.figure.layout.meta["title"]
    app.month.value = 12
    assert app.figure.layout.shapes[m.REGIONS.index("left_arm")].fillcolor != strength_colour(100), (
        "weakness reached the neighbouring arm"
    )


def test_body_map_persona_change_redraws_and_bad_persona_raises():
    app = body_map_over_time(month=6)
    before = figure_state(app.figure)
    app.persona.value = "als_bulbar_onset"
    assert figure_state(app.figure) != before
    assert "Margaret" in caption_text(app)
    with pytest.raises(CourseInputError) as err:
        body_map_over_time(persona="dainel")
    assert "benign_fasciculation (Daniel)" in str(err.value), "the error lists ids with the names shown on screen"
    assert body_map_over_time(persona="Daniel").persona.value == "benign_fasciculation", (
        "the name shown on screen works too"
    )


def test_strength_colours_and_ring_sizes_are_monotonic():
    greys = [strength_colour(p) for p in (0, 25, 50, 85, 100)]
    assert len(set(greys)) == 5
    lum = [sum(int(c[i : i + 2], 16) for i in (1, 3, 5)) for c in greys]
    assert lum == sorted(lum), "weaker is darker"
    assert ring_size(0.5) == 0 and 0 < ring_size(2) < ring_size(10) <= 60


# ---------------------------------------------------------------------------
# Side by side
# ---------------------------------------------------------------------------
def test_side_by_side_slider_sweeps_months_and_reveal_waits_for_a_prediction():
    app = side_by_side(months_shown=1)
    widths = []
    for months in range(1, 13):
        app.months.value = months
        xs = app.figure.data[0].x
        widths.append(len(xs))
        assert max(xs) <= months
        assert f"at month {months}" in caption_text(app)
        assert_styled(app.figure)
    assert widths == sorted(widths) and widths[0] < widths[-1]
    panel = app.prediction
    assert not panel.revealed
    assert "Person A" in figure_state(app.figure) and "benign" not in figure_state(app.figure).lower(), (
        "names stay hidden until the reveal"
    )
    panel.reveal()
    assert not panel.revealed, "no reveal before a checked prediction"
    panel.quiz.options.value = QUESTIONS["which_is_benign"].correct_index
    panel.quiz.check()
    panel._unlock()
    panel.reveal()
    assert panel.revealed
    story, more_twitching = panel.hidden.children[0].children
    assert "Benign fasciculation" in story.value
    assert "top panel again" in story.value, "the reveal points back at the twitch lines"
    assert "weakness spreads" not in story.value, "the answer to the check below is in its feedback, not above it"
    assert more_twitching.question == QUESTIONS["more_twitching"], "the twitch-count check comes only after the reveal"


# ---------------------------------------------------------------------------
# Base rates
# ---------------------------------------------------------------------------
def test_base_rate_explorer_every_step_redraws_and_says_it_is_not_a_personal_risk():
    app = base_rate_explorer(step="Everyone")
    z = app.figure.data[0].z
    circles = {}
    for step in m.BASE_RATE_STEPS[1:] + m.BASE_RATE_STEPS[:1]:
        before = figure_state(app.figure)
        app.step.value = step
        assert figure_state(app.figure) != before
        assert app.figure.data[0].z is z or np.array_equal(app.figure.data[0].z, z)
        circles[step] = len(app.figure.data[1].x)
        assert m.base_rate_sentence(step) in caption_text(app)
        assert_styled(app.figure)
    assert circles == {
        "Twitch at some point in life": 0,
        "Develop ALS in their lifetime": 250,
        "Living with ALS today": 5,
        "Diagnosed with ALS this year": 2,
        "Everyone": 0,
    }
    notes = [c.value for c in app.children if isinstance(c, widgets.HTML) and "Not a personal risk" in c.value]
    assert notes, "the explorer says it is not a personal risk"
    assert grid_colours("Everyone")[1] != grid_colours("Twitch at some point in life")[1]
    with pytest.raises(CourseInputError):
        base_rate_explorer(step="you")


def test_no_app_control_is_marked_no_redraw():
    for app in (trigger_lab(), body_map_over_time(), side_by_side(), base_rate_explorer()):
        for child in app.children:
            if isinstance(child, (widgets.IntSlider, widgets.FloatSlider, widgets.Dropdown, widgets.ToggleButtons)):
                assert NO_REDRAW_CLASS not in child._dom_classes


# ---------------------------------------------------------------------------
# Questions
# ---------------------------------------------------------------------------
def test_question_bank_targets_the_three_misconceptions():
    assert len(QUESTIONS) >= 5
    feedback = " ".join(c.feedback for q in QUESTIONS.values() for c in q.choices if not c.correct).lower()
    for misconception in ("twitching alone means als", "persistent means progressive", "more twitching means worse"):
        assert misconception in feedback, misconception
    for q in QUESTIONS.values():
        assert check_answer(q, q.correct_index).correct
        assert all(not check_answer(q, i).correct for i in range(len(q.choices)) if i != q.correct_index)


def test_static_body_map_figure_for_a_month():
    fig = body_map_figure(m.body_map_month("als_limb_onset", 12), "Peter")
    assert_styled(fig)
    assert "Peter, month 12" in fig.layout.meta["description"]


def test_the_twitch_ring_stands_out_on_every_strength_fill():
    """The ring (on its white halo) must reach 3:1 against the fill of every strength, weak or not (WCAG 1.4.11)."""
    from helpers.care_picture import contrast_ratio as _contrast
    from helpers.care_picture import relative_luminance as _luminance
    from helpers.twitching.views import RING_HALO, TWITCH_RING

    fills = {strength_colour(s) for s in range(101)}
    assert len(fills) > 5, fills
    assert _contrast(TWITCH_RING, RING_HALO) >= 3.0
    for fill in fills:
        # The ring is seen against the halo where the fill is dark and against the fill where it is pale.
        assert max(_contrast(TWITCH_RING, fill), _contrast(RING_HALO, fill)) >= 3.0, fill
        if _luminance(fill) > 0.5:
            assert _contrast(TWITCH_RING, fill) >= 3.0, f"ring on pale fill {fill}"


def test_weak_regions_of_very_different_strength_look_different_on_the_map():
    """A learner could not tell 15% from 65% by the fill (two near-identical blues); the labels carried it alone."""
    from helpers.care_picture import contrast_ratio as _contrast

    assert _contrast(strength_colour(15), strength_colour(65)) >= 2.0
