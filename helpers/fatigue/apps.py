"""Interactive apps of the "Tired or weak?" lesson: controls wired to the model and the views.

Each app is one call from the notebook (``grip_lab()``, ``diary_explorer()``,
``noise_or_trend_lab()``); every control that can change the figure rebuilds it
with a pure view function and pushes it with replace_figure, and the caption
under the figure follows.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import plotly.graph_objects as go

from helpers.apps.base import CourseApp, caption, heading, no_redraw, replace_figure, set_caption
from helpers.apps.quiz import PredictThenReveal, predict_then_reveal
from helpers.fatigue.model import (
    DIARY_MONTHS_RANGE,
    GRIP_NOISE_SD_KG,
    MONTH_RANGE,
    NOISE_SD_RANGE_KG,
    REPETITIONS_RANGE,
    REST_RANGE_S,
    VERDICTS,
    WEEKS_RANGE,
    check_persona,
    describe_diary,
    describe_grip_session,
    describe_noise_or_trend,
    grip_session,
    judge_verdict,
    noise_or_trend,
    persona_options,
    weekly_diary,
)
from helpers.fatigue.questions import QUESTIONS
from helpers.fatigue.views import diary_figure, grip_lab_figure, noise_or_trend_figure
from helpers.views.theme import figure_description

_WIDE = widgets.Layout(width="560px")
_STYLE = {"description_width": "190px"}


class GripLabApp(CourseApp):
    """Repeated maximal grips of both hands, then a retest: fatigue recovers, lost strength does not."""

    def __init__(self, persona: str = "hard_training_week", repetitions: int = 12, rest_s: int = 120, month: int = 0) -> None:
        session = grip_session(persona, repetitions, rest_s, month)
        self.persona = widgets.Dropdown(options=persona_options(), value=check_persona(persona), description="Person",
                                        layout=widgets.Layout(width="560px"), style=_STYLE)
        self.repetitions = widgets.IntSlider(value=session.repetitions, min=REPETITIONS_RANGE[0], max=REPETITIONS_RANGE[1], step=1,
                                             description="Maximal grips in a row", continuous_update=False, layout=_WIDE, style=_STYLE)
        self.rest_s = widgets.IntSlider(value=int(round(session.rest_s)), min=int(REST_RANGE_S[0]), max=int(REST_RANGE_S[1]), step=10,
                                        description="Rest before retest (s)", continuous_update=False, layout=_WIDE, style=_STYLE)
        self.month = widgets.IntSlider(value=session.month, min=MONTH_RANGE[0], max=MONTH_RANGE[1], step=1,
                                       description="Month of the diary", continuous_update=False, layout=_WIDE, style=_STYLE)
        self.figure = go.FigureWidget(grip_lab_figure(session))
        self.caption = caption(describe_grip_session(session))
        for control in (self.persona, self.repetitions, self.rest_s, self.month):
            control.observe(lambda _change: self.update(), names="value")
        super().__init__("Grip-test lab", [
            heading("Pick a person, squeeze repeatedly, rest, retest: does the force come back?"),
            self.persona, self.repetitions, self.rest_s, self.month, self.figure, self.caption,
        ])

    def update(self) -> None:
        """Rebuild the figure and caption from the current controls."""
        session = grip_session(self.persona.value, self.repetitions.value, self.rest_s.value, self.month.value)
        replace_figure(self.figure, grip_lab_figure(session))
        set_caption(self.caption, describe_grip_session(session))


def grip_lab(persona: str = "hard_training_week", repetitions: int = 12, rest_s: int = 120, month: int = 0) -> GripLabApp:
    """The grip-test lab (end a cell with it to show it)."""
    return GripLabApp(persona, repetitions, rest_s, month)


class DiaryExplorerApp(CourseApp):
    """Months of one person's diary: fatigue, grip and their drivers; the truth after a judgement."""

    def __init__(self, persona: str = "health_anxiety", months: int = 12) -> None:
        persona = check_persona(persona)
        self.persona = widgets.Dropdown(options=persona_options(), value=persona, description="Person",
                                        layout=widgets.Layout(width="560px"), style=_STYLE)
        self.months = widgets.IntSlider(value=months, min=DIARY_MONTHS_RANGE[0], max=DIARY_MONTHS_RANGE[1], step=1,
                                        description="Months of diary", continuous_update=False, layout=_WIDE, style=_STYLE)
        self.judgement = no_redraw(widgets.RadioButtons(options=[(text, key) for key, text in VERDICTS.items()], value=None,
                                                        layout=widgets.Layout(width="auto")))
        self.reveal = widgets.Checkbox(value=False, description="Reveal the true strength", disabled=True, indent=False)
        self.feedback = widgets.HTML(value="")
        weekly = weekly_diary(persona, months)
        self.figure = go.FigureWidget(diary_figure(weekly, persona, revealed=False))
        self.caption = caption(describe_diary(weekly, persona, False))
        self.persona.observe(lambda _c: self._new_person(), names="value")
        self.months.observe(lambda _c: self.update(), names="value")
        self.judgement.observe(lambda _c: self._judged(), names="value")
        self.reveal.observe(lambda _c: self.update(), names="value")
        super().__init__("Diary explorer", [
            heading("Read the diary, judge, then reveal the hidden strength"),
            self.persona, self.months, self.figure, self.caption,
            widgets.HTML("<strong>Your judgement:</strong> what is happening to this person's strength?"),
            self.judgement, self.reveal, self.feedback,
        ])

    @property
    def revealed(self) -> bool:
        return bool(self.reveal.value) and self.judgement.value is not None

    def _new_person(self) -> None:
        """A new person needs a new judgement: hide the truth again."""
        with self.hold_trait_notifications():
            self.reveal.value = False
            self.reveal.disabled = True
            self.judgement.value = None
            self.feedback.value = ""
        self.update()

    def _judged(self) -> None:
        self.reveal.disabled = self.judgement.value is None
        if self.judgement.value is None:
            self.feedback.value = ""
        elif self.reveal.value:
            self.update()

    def update(self) -> None:
        """Rebuild the figure (with the truth only once revealed) and the caption."""
        persona, revealed = self.persona.value, self.revealed
        weekly = weekly_diary(persona, self.months.value)
        replace_figure(self.figure, diary_figure(weekly, persona, revealed=revealed))
        set_caption(self.caption, describe_diary(weekly, persona, revealed))
        if revealed:
            correct, text = judge_verdict(persona, self.judgement.value)
            colour, mark = ("#00664d", "Correct.") if correct else ("#a33c00", "Not quite.")
            self.feedback.value = (f"<div role='status' style='color:{colour};margin:0.3em 0'><strong>{mark}</strong> "
                                   f"{html.escape(text)}</div>")
        else:
            self.feedback.value = ""


def diary_explorer(persona: str = "health_anxiety", months: int = 12) -> DiaryExplorerApp:
    """The diary explorer (end a cell with it to show it)."""
    return DiaryExplorerApp(persona, months)


class NoiseOrTrendApp(CourseApp):
    """Measurement noise and weeks of observation: when does a real decline leave the noise band?"""

    def __init__(self, noise_sd_kg: float = GRIP_NOISE_SD_KG, weeks: int = 12) -> None:
        result = noise_or_trend(noise_sd_kg, weeks)
        self.noise = widgets.FloatSlider(value=round(result.noise_sd_kg, 1), min=NOISE_SD_RANGE_KG[0], max=NOISE_SD_RANGE_KG[1], step=0.1,
                                         readout_format=".1f", description="Measurement noise SD (kg)", continuous_update=False,
                                         layout=_WIDE, style=_STYLE)
        self.weeks = widgets.IntSlider(value=result.weeks, min=WEEKS_RANGE[0], max=WEEKS_RANGE[1], step=1,
                                       description="Weeks of weekly readings", continuous_update=False, layout=_WIDE, style=_STYLE)
        self.figure = go.FigureWidget(noise_or_trend_figure(result))
        self.caption = caption(describe_noise_or_trend(result))
        for control in (self.noise, self.weeks):
            control.observe(lambda _c: self.update(), names="value")
        super().__init__("Noise or trend?", [
            heading("Change the noise and the weeks: when can you tell a real decline from bad luck?"),
            self.noise, self.weeks, self.figure, self.caption,
        ])

    def update(self) -> None:
        """Rebuild from the sliders (the noise value rounded: keyboard steps give 3.4999999)."""
        result = noise_or_trend(round(float(self.noise.value), 1), self.weeks.value)
        replace_figure(self.figure, noise_or_trend_figure(result))
        set_caption(self.caption, describe_noise_or_trend(result))


def noise_or_trend_lab(noise_sd_kg: float = GRIP_NOISE_SD_KG, weeks: int = 12) -> NoiseOrTrendApp:
    """The noise-or-trend lab (end a cell with it to show it)."""
    return NoiseOrTrendApp(noise_sd_kg, weeks)


# ---------------------------------------------------------------------------
# Predict, then reveal
# ---------------------------------------------------------------------------
def _figure_panel(fig: go.Figure) -> widgets.VBox:
    return widgets.VBox([go.FigureWidget(fig), caption(figure_description(fig))])


def predict_grip(persona: str = "hard_training_week") -> PredictThenReveal:
    """Predict the retest of a repeated-grip session, then reveal the session."""
    key = {"hard_training_week": "predict_grip_tired", "als_limb_onset": "predict_grip_als"}.get(check_persona(persona))
    if key is None:
        from helpers.errors import CourseInputError

        raise CourseInputError("persona", persona, "'hard_training_week', 'als_limb_onset'", "predict_grip has questions for these two people")
    return predict_then_reveal(QUESTIONS[key], _figure_panel(grip_lab_figure(grip_session(persona))), "Reveal the grip test")


def predict_noise(weeks: int = 52) -> PredictThenReveal:
    """Predict how often healthy readings fall below the band, then reveal the simulation."""
    return predict_then_reveal(QUESTIONS["predict_noise"], _figure_panel(noise_or_trend_figure(noise_or_trend(GRIP_NOISE_SD_KG, weeks))),
                               "Reveal the simulation")
