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
