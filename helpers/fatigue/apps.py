"""Interactive apps of the "Tired or weak?" lesson: each is its controls plus one pure view.

``grip_lab()``, ``diary_explorer()`` and ``noise_or_trend_lab()`` are the apps;
``predict_grip()`` and ``predict_noise()`` are predict-then-reveal panels.
"""

from __future__ import annotations

import ipywidgets as widgets
import plotly.graph_objects as go

from helpers.apps.base import FigureApp, caption, dropdown, live_figure, no_redraw, slider
from helpers.apps.quiz import PredictThenReveal, feedback_html, inline_markdown, predict_then_reveal
from helpers.engine.people import check_persona, persona_options
from helpers.fatigue.model import (
    DIARY_MONTHS_RANGE,
    DIARY_PERSONAS,
    GRIP_NOISE_SD_KG,
    MONTH_RANGE,
    NOISE_SD_RANGE_KG,
    REPETITIONS_RANGE,
    REST_RANGE_S,
    VERDICTS,
    WEEKS_RANGE,
    grip_session,
    judge_verdict,
    noise_or_trend,
    weekly_diary,
)
from helpers.fatigue.views import diary_figure, grip_lab_figure, noise_or_trend_figure
from helpers.lesson import Lesson
from helpers.views.theme import figure_description

LESSON = Lesson("helpers.fatigue")


class GripLabApp(FigureApp):
    """Repeated maximal grips of both hands, then a retest: fatigability recovers, lost strength does not."""

    def __init__(
        self, persona: str = "hard_training_week", repetitions: int = 12, rest_s: int = 120, month: int = 0
    ) -> None:
        start = grip_session(persona, repetitions, rest_s, month)  # checks every argument
        self.persona = dropdown("Person", persona_options(), start.persona)
        self.repetitions = slider("Maximal grips in a row", start.repetitions, *REPETITIONS_RANGE)
        self.rest_s = slider("Rest before retest (s)", round(start.rest_s), *REST_RANGE_S, step=10)
        self.month = slider("Month of the diary", start.month, *MONTH_RANGE)
        super().__init__(
            "Grip-test lab",
            "Pick a person, squeeze repeatedly, rest, retest: does the force come back?",
            [self.persona, self.repetitions, self.rest_s, self.month],
        )

    def view(self) -> go.Figure:
        return grip_lab_figure(
            grip_session(self.persona.value, self.repetitions.value, self.rest_s.value, self.month.value)
        )


class DiaryExplorerApp(FigureApp):
    """Months of one person's diary: fatigue, grip and their drivers; the truth after a judgement."""

    def __init__(self, persona: str = "health_anxiety", months: int = 12) -> None:
        persona = check_persona(persona, DIARY_PERSONAS)
        weekly_diary(persona, months)  # checks the months
        self.persona = dropdown("Person", persona_options(DIARY_PERSONAS), persona)
        self.months = slider("Months of diary", months, *DIARY_MONTHS_RANGE)
        self.judgement = no_redraw(
            widgets.RadioButtons(
                options=[(text, key) for key, text in VERDICTS.items()], value=None, layout=widgets.Layout(width="auto")
            )
        )
        self.reveal = widgets.Checkbox(value=False, description="Reveal the true strength", disabled=True, indent=False)
        self.feedback = widgets.HTML(value="")
        super().__init__(
            "Diary explorer",
            "Read the diary, judge, then reveal the hidden strength",
            [self.months, self.reveal],
            rows=[self.persona, self.months],
            below=[
                widgets.HTML("<strong>Your judgement:</strong> what is happening to this person's strength?"),
                self.judgement,
                self.reveal,
                self.feedback,
            ],
        )
        self.persona.observe(lambda _c: self._new_person(), names="value")
        self.judgement.observe(lambda _c: self._judged(), names="value")

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

    def view(self) -> go.Figure:
        persona = self.persona.value
        return diary_figure(weekly_diary(persona, self.months.value), persona, revealed=self.revealed)

    def update(self) -> None:
        """Redraw (with the truth only once revealed) and, once revealed, judge the learner's verdict."""
        super().update()
        if self.revealed:
            correct, text = judge_verdict(
                self.persona.value, self.judgement.value, weekly_diary(self.persona.value, self.months.value)
            )
            self.feedback.value = feedback_html(correct, text)
        else:
            self.feedback.value = ""


class NoiseOrTrendApp(FigureApp):
    """Measurement noise and weeks of observation: when does a real decline leave the noise band?"""

    def __init__(self, noise_sd_kg: float = GRIP_NOISE_SD_KG, weeks: int = 12) -> None:
        start = noise_or_trend(noise_sd_kg, weeks)  # checks both arguments
        self.noise = slider(
            "Measurement noise SD (kg)", round(start.noise_sd_kg, 1), *NOISE_SD_RANGE_KG, step=0.1, readout_format=".1f"
        )
        self.weeks = slider("Weeks of weekly readings", start.weeks, *WEEKS_RANGE)
        super().__init__(
            "Noise or trend?",
            "Change the noise and the weeks: when can you tell a real decline from bad luck?",
            [self.noise, self.weeks],
        )

    def view(self) -> go.Figure:
        # Rounded: keyboard steps on a FloatSlider give values like 3.4999999999999996.
        return noise_or_trend_figure(noise_or_trend(round(float(self.noise.value), 1), self.weeks.value))


grip_lab = GripLabApp
diary_explorer = DiaryExplorerApp
noise_or_trend_lab = NoiseOrTrendApp


# ---------------------------------------------------------------------------
# Predict, then reveal
# ---------------------------------------------------------------------------
def _figure_panel(fig: go.Figure, *notes: str) -> widgets.VBox:
    """A still figure, its description, and what it teaches (hidden until a prediction has been checked)."""
    parts: list[widgets.Widget] = [live_figure(fig), caption(figure_description(fig))]
    parts += [widgets.HTML(f"<p style='max-width:820px;line-height:1.45'>{inline_markdown(n)}</p>") for n in notes]
    return widgets.VBox(parts)


#: The grip predictions: person -> (question key, what the revealed test teaches). The teaching text
#: sits in the hidden panel, because any text under the prediction would give its answer away.
PREDICT_GRIP: dict[str, tuple[str, str]] = {
    "hard_training_week": (
        "predict_grip_tired",
        "Jonas's force falls during the 12 squeezes, as anyone's does (normal fatigability), and after the "
        "rest his last squeeze is back near his first (in the course's model; how fast force recovers is an "
        "assumption, as White 2013 did not measure it). He feels drained, yet his rested force is normal: "
        "fatigue without weakness. (After very hard, unaccustomed exercise, force can stay lower for a few days.)",
    ),
    "als_limb_onset": (
        "predict_grip_clumsy_hand",
        "Peter's right hand starts *below its own normal* on the very first, rested squeeze. Its force falls "
        "during the session and comes back after rest, roughly as anyone's does in this model, but only to its "
        "own low start: rest "
        "cannot bring back force that has been lost. His left hand is normal. (The dominant hand is normally a "
        'little stronger than the other, so "low" means low for *that* hand, against its own normal, which '
        "only repeated clinic measurements or age-and-sex norms can give.) A low start against that hand's "
        "own normal, still low after rest: that is a loss of strength.",
    ),
}


def predict_grip(persona: str = "hard_training_week") -> PredictThenReveal:
    """Predict the retest of a repeated-grip session, then reveal the session and what it shows."""
    persona = check_persona(persona, allowed=tuple(PREDICT_GRIP))
    key, lesson = PREDICT_GRIP[persona]
    panel = _figure_panel(grip_lab_figure(grip_session(persona)), *([lesson] if lesson else []))
    return predict_then_reveal(LESSON.question(key), panel, "Show me")


def predict_noise(weeks: int = 52) -> PredictThenReveal:
    """Predict how often healthy readings fall below the band, then reveal the simulation."""
    panel = _figure_panel(noise_or_trend_figure(noise_or_trend(GRIP_NOISE_SD_KG, weeks)))
    return predict_then_reveal(LESSON.question("predict_noise"), panel, "Show me")
