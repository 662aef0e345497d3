"""The twitching lesson's apps: controls wired to helpers.twitching.model and .views.

Each app is one call from the notebook, built in a CourseApp, and redraws its
figure with ``replace_figure`` from a pure view, so what a learner sees live is
exactly what the static figure before it shows.
"""

from __future__ import annotations

import html
from functools import lru_cache

import ipywidgets as widgets
import plotly.graph_objects as go

from helpers.apps.base import CourseApp, caption, heading, replace_figure, set_caption
from helpers.apps.quiz import predict_then_reveal
from helpers.model import persona_story
from helpers.twitching.model import (
    BASE_RATE_STEPS,
    BODY_MAP_PERSONAS,
    BFS_FOLLOW_UPS,
    SIDE_BY_SIDE,
    SIDE_BY_SIDE_MONTHS,
    TRIGGER_RANGES,
    base_rate_sentence,
    body_map_month,
    check_persona,
    month_count,
    persona_row,
    side_by_side_data,
    trigger_week,
    visible_weeks,
)
from helpers.twitching.questions import QUESTIONS
from helpers.twitching.views import base_rate_figure, body_map_figure, side_by_side_figure, trigger_week_figure
from helpers.views.theme import figure_description

SLIDER_STYLE = {"description_width": "150px"}
SLIDER_LAYOUT = widgets.Layout(width="520px")


def _slider(kind: type, name: str, description: str, value: float, readout_format: str) -> widgets.Widget:
    low, high, step = TRIGGER_RANGES[name]
    cast = int if kind is widgets.IntSlider else float
    return kind(value=cast(value), min=cast(low), max=cast(high), step=cast(step), description=description,
                continuous_update=False, readout_format=readout_format, style=SLIDER_STYLE, layout=SLIDER_LAYOUT)


# ---------------------------------------------------------------------------
# 1. Trigger lab
# ---------------------------------------------------------------------------
class TriggerLab(CourseApp):
    """Four trigger sliders for one week; noticed twitching and measured grip follow."""

    def __init__(self, caffeine_mg: float = 400, sleep_h: float = 5.0, stress_0_10: float = 7, exercise_min: float = 30) -> None:
        week = trigger_week(caffeine_mg, sleep_h, stress_0_10, exercise_min)
        self.caffeine = _slider(widgets.IntSlider, "caffeine_mg", "caffeine (mg/day)", caffeine_mg, "d")
        self.sleep = _slider(widgets.FloatSlider, "sleep_h", "sleep (hours/night)", sleep_h, ".1f")
        self.stress = _slider(widgets.IntSlider, "stress_0_10", "stress (0-10)", stress_0_10, "d")
        self.exercise = _slider(widgets.IntSlider, "exercise_min", "exercise (min/day)", exercise_min, "d")
        fig = trigger_week_figure(week)
        self.figure = go.FigureWidget(fig)
        self.caption = caption(figure_description(fig))
        for control in self.controls:
            control.observe(lambda _change: self.update(), names="value")
        super().__init__("Trigger lab: a week of caffeine, sleep, stress and exercise", [
            heading("Set one week's triggers (a coffee is about 100 mg). Watch twitching during and after the week, and grip throughout."),
            self.caffeine, self.sleep, self.stress, self.exercise, self.figure, self.caption,
        ])

    @property
    def controls(self) -> tuple[widgets.Widget, ...]:
        return (self.caffeine, self.sleep, self.stress, self.exercise)

    def update(self) -> None:
        week = trigger_week(float(self.caffeine.value), round(float(self.sleep.value), 1), float(self.stress.value), float(self.exercise.value))
        fig = trigger_week_figure(week)
        replace_figure(self.figure, fig)
        set_caption(self.caption, figure_description(fig))


def trigger_lab(caffeine_mg: float = 400, sleep_h: float = 5.0, stress_0_10: float = 7, exercise_min: float = 30) -> TriggerLab:
    """The trigger lab, starting from an exam-week set of triggers."""
    return TriggerLab(caffeine_mg, sleep_h, stress_0_10, exercise_min)


# ---------------------------------------------------------------------------
# 2. Body map over time
# ---------------------------------------------------------------------------
@lru_cache(maxsize=32)
def persona_name(persona: str) -> str:
    """The first name of a persona's label ('Daniel, 34: ...' -> 'Daniel, 34')."""
    return str(persona_row(persona)["label"]).split(":")[0]


class BodyMapOverTime(CourseApp):
    """Choose a person, then play their diary month by month on a schematic body."""

    def __init__(self, persona: str = "benign_fasciculation", month: int = 1) -> None:
        check_persona(persona)
        self.persona = widgets.Dropdown(
            options=[(str(persona_row(p)["label"]), p) for p in BODY_MAP_PERSONAS], value=persona, description="person",
            style={"description_width": "70px"}, layout=widgets.Layout(width="560px"),
        )
        top = month_count(persona)
        self.month = widgets.IntSlider(value=month, min=1, max=top, step=1, description="month", continuous_update=False,
                                       style={"description_width": "70px"}, layout=widgets.Layout(width="480px"))
        self.play = widgets.Play(value=month, min=1, max=top, step=1, interval=900, description="play month by month")
        widgets.jslink((self.play, "value"), (self.month, "value"))
        fig = self.build_figure()
        self.figure = go.FigureWidget(fig)
        self.caption = caption(figure_description(fig))
        self.persona.observe(lambda _c: self.update(), names="value")
        self.month.observe(lambda _c: self.update(), names="value")
        super().__init__("Body map over time: where are twitching and weakness, month by month?", [
            heading("Pick a person, then move the month (or press play). Fill = strength (pale = normal, dark blue = weak); orange ring = twitching."),
            self.persona, widgets.HBox([self.play, self.month]), self.figure, self.caption,
        ])

    def build_figure(self) -> go.Figure:
        return body_map_figure(body_map_month(self.persona.value, int(self.month.value)), persona_name(self.persona.value))

    def update(self) -> None:
        fig = self.build_figure()
        replace_figure(self.figure, fig)
        set_caption(self.caption, figure_description(fig))


def body_map_over_time(persona: str = "benign_fasciculation", month: int = 1) -> BodyMapOverTime:
    """The body map app for one of BODY_MAP_PERSONAS, starting at ``month``."""
    return BodyMapOverTime(persona, month)


# ---------------------------------------------------------------------------
# 3. Side by side: twelve months
# ---------------------------------------------------------------------------
def reveal_panel() -> widgets.HTML:
    """Who Person A and Person B are: their stories and what the pattern means."""
    parts = []
    for person, persona in SIDE_BY_SIDE.items():
        story = persona_story(persona)
        parts.append(
            f"<p><strong>{html.escape(person)} is {html.escape(story['label'])}</strong> "
            f"({html.escape(story['condition'])}). {html.escape(story['story'])}</p>"
            f"<p>{html.escape(story['condition_explained'])}</p>"
        )
    parts.append(
        "<p><strong>What told them apart:</strong> not how much either person twitched (Person B often twitched as much or more), "
        "and not cramps (common in both). It was strength: Person A's weakest region was already below normal and kept falling, "
        "and the weakness spread; Person B's strength stayed at 100% for the whole year while the twitching went on.</p>"
        "<p><em>These are synthetic people made to show the textbook patterns. Real stories are less tidy, which is why a clinician "
        "examines strength, reflexes and muscle bulk rather than counting twitches.</em></p>"
    )
    return widgets.HTML(value="<div style='border-left:6px solid #009E73;padding:0.3em 1em;background:#f3faf7;font-size:1em'>"
                        + "".join(parts) + "</div>")


class SideBySide(CourseApp):
    """Two anonymised people over twelve months; a slider reveals the months one by one."""

    def __init__(self, months_shown: int = SIDE_BY_SIDE_MONTHS) -> None:
        self.data = side_by_side_data(SIDE_BY_SIDE_MONTHS)
        self.months = widgets.IntSlider(value=months_shown, min=1, max=SIDE_BY_SIDE_MONTHS, step=1, description="months shown",
                                        continuous_update=False, style={"description_width": "110px"}, layout=widgets.Layout(width="480px"))
        fig = self.build_figure()
        self.figure = go.FigureWidget(fig)
        self.caption = caption(figure_description(fig))
        self.months.observe(lambda _c: self.update(), names="value")
        self.prediction = predict_then_reveal(QUESTIONS["which_is_benign"], reveal_panel(), reveal_label="Reveal who they are")
        super().__init__("Side by side: twelve months of two people who twitch", [
            heading("Move the slider to watch the year unfold, then make your judgement below."),
            self.months, self.figure, self.caption, self.prediction,
        ])

    def build_figure(self) -> go.Figure:
        shown = int(self.months.value)
        return side_by_side_figure(visible_weeks(self.data, shown), shown, SIDE_BY_SIDE_MONTHS)

    def update(self) -> None:
        fig = self.build_figure()
        replace_figure(self.figure, fig)
        set_caption(self.caption, figure_description(fig))


def side_by_side(months_shown: int = SIDE_BY_SIDE_MONTHS) -> SideBySide:
    """Person A and Person B over twelve months, with a predict-then-reveal underneath."""
    return SideBySide(months_shown)


def side_by_side_static(months_shown: int = SIDE_BY_SIDE_MONTHS) -> go.Figure:
    """The side-by-side figure for a static display (before the live app)."""
    return side_by_side_figure(visible_weeks(side_by_side_data(SIDE_BY_SIDE_MONTHS), months_shown), months_shown, SIDE_BY_SIDE_MONTHS)


# ---------------------------------------------------------------------------
# 4. Base-rate explorer
# ---------------------------------------------------------------------------
NOT_A_RISK_NOTE = (
    "This picture is about a town of 100,000 people, not about you. It cannot give anyone a personal risk: age, family history "
    "and, above all, what a clinician finds on examination change the picture for each person. "
    f"In follow-up studies of people with benign twitching, none developed ALS ({', '.join(f'0 of {n}' for n, _k, _s in BFS_FOLLOW_UPS)})."
)


class BaseRateExplorer(CourseApp):
    """Step through a population of 100,000: who twitches, who has ALS, how ALS usually begins."""

    def __init__(self, step: str = "Notice twitches") -> None:
        if step not in BASE_RATE_STEPS:
            from helpers.errors import CourseInputError

            raise CourseInputError("step", step, ", ".join(BASE_RATE_STEPS), "pick one of the explorer's steps")
        self.step = widgets.ToggleButtons(options=list(BASE_RATE_STEPS), value=step, description="", style={"button_width": "190px"})
        fig = base_rate_figure(step)
        self.figure = go.FigureWidget(fig)
        self.caption = caption(base_rate_sentence(step))
        self.step.observe(lambda _c: self.update(), names="value")
        note = widgets.HTML(value="<div role='note' style='border-left:6px solid #E69F00;background:#fdf6e8;padding:0.4em 1em;margin:0.3em 0'>"
                            f"<strong>Not a personal risk.</strong> {html.escape(NOT_A_RISK_NOTE)}</div>")
        super().__init__("Base-rate explorer: 100,000 people", [
            heading("Step through the buttons from left to right. Each tiny square is one person."), self.step, note, self.figure, self.caption,
        ])

    def update(self) -> None:
        fig = base_rate_figure(self.step.value)
        replace_figure(self.figure, fig)
        set_caption(self.caption, base_rate_sentence(self.step.value))


def base_rate_explorer(step: str = "Notice twitches") -> BaseRateExplorer:
    """The base-rate explorer (a population picture; never a personal risk)."""
    return BaseRateExplorer(step)


def body_map_static(persona: str, month: int) -> go.Figure:
    """One month of the body map as a static figure (shown before the live app)."""
    return body_map_figure(body_map_month(check_persona(persona), month), persona_name(persona))
