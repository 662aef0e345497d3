"""The twitching lesson's apps: each is its controls plus one pure view (helpers.twitching.views).

What a learner sees live is exactly what the still figure before it shows:
both come from the same view function.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import plotly.graph_objects as go

from helpers.apps.base import FigureApp, dropdown, slider
from helpers.engine.people import check_persona, person, persona_options
from helpers.lesson import Lesson
from helpers.twitching.model import (
    BASE_RATE_STEPS,
    BFS_FOLLOW_UP_PEOPLE,
    BODY_MAP_PERSONAS,
    SIDE_BY_SIDE,
    SIDE_BY_SIDE_MONTHS,
    TRIGGER_RANGES,
    body_map_month,
    check_step,
    month_count,
    side_by_side_data,
    trigger_week,
    visible_weeks,
)
from helpers.twitching.views import base_rate_figure, body_map_figure, side_by_side_figure, trigger_week_figure

LESSON = Lesson("helpers.twitching")


def _trigger_slider(name: str, description: str, value: float, readout_format: str) -> widgets.Widget:
    low, high, step = TRIGGER_RANGES[name]
    return slider(description, value, low, high, step, readout_format=readout_format)


# ---------------------------------------------------------------------------
# 1. Trigger lab
# ---------------------------------------------------------------------------
class TriggerLab(FigureApp):
    """Four trigger sliders for one week; noticed twitching and measured grip follow."""

    def __init__(
        self, caffeine_mg: float = 400, sleep_h: float = 5.0, stress_0_10: float = 7, exercise_min: float = 30
    ) -> None:
        trigger_week(caffeine_mg, sleep_h, stress_0_10, exercise_min)  # checks every argument
        self.caffeine = _trigger_slider("caffeine_mg", "caffeine (mg/day)", caffeine_mg, "d")
        self.sleep = _trigger_slider("sleep_h", "sleep (hours/night)", sleep_h, ".1f")
        self.stress = _trigger_slider("stress_0_10", "stress (0-10)", stress_0_10, "d")
        self.exercise = _trigger_slider("exercise_min", "exercise (min/day)", exercise_min, "d")
        super().__init__(
            "Trigger lab: a week of caffeine, sleep, stress and exercise",
            "Set one week's triggers (a coffee is about 100 mg). Watch twitching during and after the week, "
            "and grip throughout.",
            self.controls,
        )

    @property
    def controls(self) -> tuple[widgets.Widget, ...]:
        return (self.caffeine, self.sleep, self.stress, self.exercise)

    def view(self) -> go.Figure:
        return trigger_week_figure(
            trigger_week(
                float(self.caffeine.value),
                round(float(self.sleep.value), 1),
                float(self.stress.value),
                float(self.exercise.value),
            )
        )


# ---------------------------------------------------------------------------
# 2. Body map over time
# ---------------------------------------------------------------------------
class BodyMapOverTime(FigureApp):
    """Choose a person, then play their diary month by month on a schematic body."""

    def __init__(self, persona: str = "benign_fasciculation", month: int = 1) -> None:
        persona = check_persona(persona, BODY_MAP_PERSONAS)
        body_map_month(persona, month)  # checks the month
        top = month_count(persona)
        self.persona = dropdown("person", persona_options(BODY_MAP_PERSONAS), persona)
        self.month = slider("month", month, 1, top)
        self.play = widgets.Play(value=month, min=1, max=top, step=1, interval=900, description="play month by month")
        widgets.jslink((self.play, "value"), (self.month, "value"))
        super().__init__(
            "Body map over time: where are twitching and weakness, month by month?",
            "Pick a person, then move the month (or press play). Fill = strength (pale = normal, dark blue = weak); "
            "red-orange ring = twitching.",
            [self.persona, self.month],
            rows=[self.persona, widgets.HBox([self.play, self.month])],
        )

    def view(self) -> go.Figure:
        persona = self.persona.value
        return body_map_figure(body_map_month(persona, int(self.month.value)), person(persona).name_and_age)


# ---------------------------------------------------------------------------
# 3. Side by side: twelve months
# ---------------------------------------------------------------------------
def reveal_panel() -> widgets.VBox:
    """Who Person A and Person B are, what told them apart, and a check on the amount of twitching."""
    parts = []
    for who, persona in SIDE_BY_SIDE.items():
        p = person(persona)
        parts.append(
            f"<p><strong>{html.escape(who)} is {html.escape(p.label)}</strong> (synthetic; "
            f"{html.escape(p.condition)}). {html.escape(p.story)}</p>"
            f"<p>{html.escape(p.condition_explained)}</p>"
        )
    parts.append(
        "<p><strong>What told them apart:</strong> not how much either person twitched, and not cramps (common in "
        "both). It was strength. Person A's weakest region was already below normal in month 1 and kept falling, "
        "and the weakness spread; Person B's strength stayed at 100% all year while the twitching went on.</p>"
        "<p>Now look at the top panel again: who twitched more in the first months, and who by the end? The check "
        "below asks what that means.</p>"
        "<p><em>These are synthetic people made to show the textbook patterns. Real stories are less tidy, which "
        "is why a clinician examines strength, reflexes and muscle size rather than counting twitches.</em></p>"
    )
    text = widgets.HTML(
        value="<div style='border-left:6px solid #009E73;padding:0.3em 1em;background:#f3faf7;font-size:1em'>"
        + "".join(parts)
        + "</div>"
    )
    return widgets.VBox([text, LESSON.quiz("more_twitching")])


class SideBySide(FigureApp):
    """Two anonymised people over twelve months; a slider reveals the months one by one."""

    def __init__(self, months_shown: int = SIDE_BY_SIDE_MONTHS) -> None:
        self.data = side_by_side_data(SIDE_BY_SIDE_MONTHS)
        visible_weeks(self.data, months_shown)  # checks the value
        self.months = slider("months shown", months_shown, 1, SIDE_BY_SIDE_MONTHS)
        self.prediction = LESSON.predict_then_reveal(
            "which_is_benign", reveal_panel(), reveal_label="Reveal who they are", title="Judge"
        )
        super().__init__(
            "Side by side: twelve months of two people who twitch",
            "Move the slider to watch the year unfold, then make your judgement below. The middle panel shows "
            "each person's weakest region: ALS starts in one place, so an average over the body would hide it.",
            [self.months],
            below=[self.prediction],
        )

    def view(self) -> go.Figure:
        shown = int(self.months.value)
        return side_by_side_figure(visible_weeks(self.data, shown), shown, SIDE_BY_SIDE_MONTHS)


# ---------------------------------------------------------------------------
# 4. Base-rate explorer
# ---------------------------------------------------------------------------
NOT_A_RISK_NOTE = (
    "This picture is about a town of 100,000 people, not about you. It cannot give anyone a personal risk: age, "
    "family history and, above all, what a clinician finds on examination change the picture for each person. "
    f"In follow-up studies of {BFS_FOLLOW_UP_PEOPLE} people whose twitching had been examined and found harmless, "
    "none developed ALS."
)


class BaseRateExplorer(FigureApp):
    """Step through a population of 100,000: who twitches, who has ALS, how ALS usually begins."""

    def __init__(self, step: str = "Twitch at some point in life") -> None:
        self.step = widgets.ToggleButtons(
            options=list(BASE_RATE_STEPS),
            value=check_step(step),
            description="",
            style={"button_width": "auto"},
            layout=widgets.Layout(width="100%", flex_flow="row wrap"),
        )
        note = widgets.HTML(
            value="<div role='note' style='border-left:6px solid #E69F00;background:#fdf6e8;"
            "padding:0.4em 1em;margin:0.3em 0'>"
            f"<strong>Not a personal risk.</strong> {html.escape(NOT_A_RISK_NOTE)}</div>"
        )
        super().__init__(
            "Base-rate explorer: 100,000 people",
            "Step through the buttons from left to right. Each tiny square is one person.",
            [self.step],
            rows=[self.step, note],
        )

    def view(self) -> go.Figure:
        return base_rate_figure(self.step.value)


trigger_lab = TriggerLab
body_map_over_time = BodyMapOverTime
side_by_side = SideBySide
base_rate_explorer = BaseRateExplorer
