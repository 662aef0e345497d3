"""The "Tired or weak?" lesson (notebooks/01_tired_or_weak.ipynb): model, views, apps and questions.

The notebook imports its widgets from here, one call each: ``grip_lab()``,
``diary_explorer()``, ``noise_or_trend_lab()``, the ``predict_*`` panels, and
``QUESTIONS`` for the self-checks.
"""

from helpers.fatigue.apps import (
    DiaryExplorerApp,
    GripLabApp,
    NoiseOrTrendApp,
    diary_explorer,
    grip_lab,
    noise_or_trend_lab,
    predict_grip,
    predict_noise,
)
from helpers.fatigue.questions import MISCONCEPTIONS, QUESTIONS

__all__ = [
    "DiaryExplorerApp", "GripLabApp", "MISCONCEPTIONS", "NoiseOrTrendApp", "QUESTIONS",
    "diary_explorer", "grip_lab", "noise_or_trend_lab", "predict_grip", "predict_noise",
]


def grip_test_figure(persona: str = "hard_training_week", repetitions: int = 12, rest_s: float = 120.0, month: int = 0):
    """Static figure of one grip session (shown before the live lab, so the stored lesson reads well)."""
    from helpers.fatigue.model import grip_session
    from helpers.fatigue.views import grip_lab_figure

    return grip_lab_figure(grip_session(persona, repetitions, rest_s, month))


def diary_figure_for(persona: str = "post_viral_fatigue", months: int = 12, revealed: bool = False):
    """Static figure of a persona's weekly diary."""
    from helpers.fatigue.model import weekly_diary
    from helpers.fatigue.views import diary_figure

    return diary_figure(weekly_diary(persona, months), persona, revealed=revealed)


def noise_figure(noise_sd_kg: float = 1.8, weeks: int = 26):
    """Static figure of the noise-or-trend simulation."""
    from helpers.fatigue.model import noise_or_trend
    from helpers.fatigue.views import noise_or_trend_figure

    return noise_or_trend_figure(noise_or_trend(noise_sd_kg, weeks))


__all__ += ["diary_figure_for", "grip_test_figure", "noise_figure"]
