"""The lesson's apps without a browser: every control over its whole range redraws the figure and the caption.

Each value set on a control must leave the live FigureWidget showing exactly what
the pure view builds for the app's state (so the learner sees the right thing),
and must change what is shown (so no control is dead).
"""

from __future__ import annotations

import html
import json

import numpy as np
import pytest

from helpers.apps.base import NO_REDRAW_CLASS
from helpers.engine import PERSONA_IDS
from helpers.fatigue import diary_explorer, grip_lab, noise_or_trend_lab, predict_grip, predict_noise
from helpers.fatigue.model import (
    DIARY_PERSONAS,
    TRUE_VERDICT,
    VERDICTS,
    grip_session,
    label,
    noise_or_trend,
    weekly_diary,
)
from helpers.fatigue.views import diary_figure, grip_lab_figure, noise_or_trend_figure
from helpers.views.theme import figure_description


def shown(figure_widget) -> str:
    """What the browser would draw: data and layout, as JSON (trace uids removed)."""
    fig = figure_widget.to_plotly_json()
    for trace in fig["data"]:
        trace.pop("uid", None)
    fig["layout"].pop("template", None)
    return json.dumps(fig, sort_keys=True, default=str)


def same_as_view(figure_widget, expected) -> None:
    assert figure_widget.layout.title.text == expected.layout.title.text
    assert len(figure_widget.data) == len(expected.data)
    for live, pure in zip(figure_widget.data, expected.data, strict=True):
        assert live.type == pure.type and live.name == pure.name
        if live.type == "scatter":
            assert np.allclose(np.asarray(live.y, dtype=float), np.asarray(pure.y, dtype=float))
    assert figure_widget.layout.meta["description"] == figure_description(expected)


def sweep(app, control, values, expected_view) -> None:
    """Set each value in turn; the figure and caption must change and match the pure view."""
    before_fig, before_caption = shown(app.figure), app.caption.value
    for value in values:
        if control.value == value:
            continue
        control.value = value
        after_fig, after_caption = shown(app.figure), app.caption.value
        assert after_fig != before_fig, f"{control.description}={value}: the figure did not change"
        assert after_caption != before_caption, f"{control.description}={value}: the caption did not change"
        same_as_view(app.figure, expected_view())
        assert html.escape(figure_description(expected_view())) in after_caption, (
            "the caption must say what the figure shows"
        )
        before_fig, before_caption = after_fig, after_caption


# ---------------------------------------------------------------------------
# Grip lab
# ---------------------------------------------------------------------------
def grip_view(app):
    return lambda: grip_lab_figure(
        grip_session(app.persona.value, app.repetitions.value, app.rest_s.value, app.month.value)
    )


def test_grip_lab_persona_dropdown_over_every_person():
    app = grip_lab()
    sweep(app, app.persona, list(PERSONA_IDS), grip_view(app))
    assert label(app.persona.value).split(",")[0] in app.caption.value


def test_grip_lab_repetitions_whole_range():
    app = grip_lab()
    sweep(app, app.repetitions, list(range(app.repetitions.min, app.repetitions.max + 1)), grip_view(app))
    # the session trace holds exactly one point per grip
    assert len(app.figure.data[1].x) == app.repetitions.max


def test_grip_lab_rest_whole_range():
    app = grip_lab()
    values = list(range(int(app.rest_s.min), int(app.rest_s.max) + 1, int(app.rest_s.step)))
    sweep(app, app.rest_s, values, grip_view(app))
    assert "600 s" in app.caption.value


def test_grip_lab_month_whole_range_shows_als_progression():
    app = grip_lab(persona="als_limb_onset")
    sweep(app, app.month, list(range(app.month.min, app.month.max + 1)), grip_view(app))
    right_start = app.figure.data[1].y[0]
    assert right_start < grip_session("als_limb_onset", 12, 120, 0).first_kg["right"] - 5


def test_grip_lab_sliders_do_not_redraw_on_drag():
    app = grip_lab()
    for control in (app.repetitions, app.rest_s, app.month):
        assert control.continuous_update is False


# ---------------------------------------------------------------------------
# Diary explorer
# ---------------------------------------------------------------------------
def diary_view(app):
    return lambda: diary_figure(
        weekly_diary(app.persona.value, app.months.value), app.persona.value, revealed=app.revealed
    )


def test_diary_persona_dropdown_over_every_person():
    app = diary_explorer()
    sweep(app, app.persona, list(DIARY_PERSONAS), diary_view(app))


def test_diary_months_whole_range():
    app = diary_explorer()
    sweep(app, app.months, list(range(app.months.min, app.months.max + 1)), diary_view(app))
    assert app.figure.data[0].x[-1] == weekly_diary(app.persona.value, app.months.max)["week"].iloc[-1]


def test_diary_truth_only_after_a_judgement_and_reset_for_a_new_person():
    app = diary_explorer(persona="als_limb_onset")
    assert app.reveal.disabled and NO_REDRAW_CLASS in app.judgement._dom_classes
    hidden_traces = len(app.figure.data)
    app.reveal.value = True  # a programmatic tick without a judgement must not reveal
    assert len(app.figure.data) == hidden_traces and "Revealed" not in app.caption.value
    app.reveal.value = False
    app.judgement.value = "no_loss"
    assert not app.reveal.disabled
    app.reveal.value = True
    assert len(app.figure.data) == hidden_traces + 2
    assert any("TRUE" in (t.name or "") for t in app.figure.data)
    assert "Revealed" in app.caption.value and "Not quite" in app.feedback.value
    app.judgement.value = TRUE_VERDICT["als_limb_onset"]
    assert "Correct" in app.feedback.value
    app.persona.value = "post_viral_fatigue"
    assert app.reveal.value is False and app.reveal.disabled and app.judgement.value is None
    assert len(app.figure.data) == hidden_traces and app.feedback.value == ""


@pytest.mark.parametrize("persona", DIARY_PERSONAS)
def test_every_verdict_gets_feedback(persona):
    app = diary_explorer(persona=persona)
    for verdict in VERDICTS:
        app.judgement.value = verdict
        app.reveal.value = True
        expected = "Correct" if verdict == TRUE_VERDICT[persona] else "Not quite"
        assert expected in app.feedback.value
        app.reveal.value = False


# ---------------------------------------------------------------------------
# Noise or trend
# ---------------------------------------------------------------------------
def noise_view(app):
    return lambda: noise_or_trend_figure(noise_or_trend(round(app.noise.value, 1), app.weeks.value))


def test_noise_slider_whole_range():
    app = noise_or_trend_lab()
    values = [round(v, 1) for v in np.arange(app.noise.min, app.noise.max + 1e-9, app.noise.step)]
    sweep(app, app.noise, values, noise_view(app))
    assert "±13.9 kg" in app.caption.value  # 1.96 x sqrt(2) x 5.0


def test_noise_slider_keyboard_float_is_rounded():
    app = noise_or_trend_lab()
    app.noise.value = 3.4999999999999996
    assert "SD 3.5 kg" in app.caption.value


def test_weeks_slider_whole_range():
    app = noise_or_trend_lab()
    sweep(app, app.weeks, list(range(app.weeks.min, app.weeks.max + 1)), noise_view(app))
    assert len(app.figure.data[0].x) == app.weeks.max + 1


# ---------------------------------------------------------------------------
# Predict, then reveal; text fallbacks
# ---------------------------------------------------------------------------
def test_predict_panels_start_hidden_and_unlock_after_a_checked_prediction():
    for panel in (predict_grip("hard_training_week"), predict_grip("als_limb_onset"), predict_noise()):
        assert panel.reveal_button.disabled
        panel.reveal()
        assert not panel.revealed, "no reveal before a prediction"
        panel.quiz.options.value = 0
        panel.quiz.check_button.click()
        assert not panel.reveal_button.disabled
        panel.reveal()
        assert panel.revealed


def test_apps_have_stable_text_fallbacks():
    for app in (grip_lab(), diary_explorer(), noise_or_trend_lab()):
        text = repr(app)
        assert text.startswith("[Interactive:") and "0x" not in text
