"""The "Tired or weak?" lesson (notebooks/01_tired_or_weak.ipynb): model, views, apps and questions.

The notebook's setup cell is ``from helpers.fatigue import *`` then
``start_lesson()``; every widget and figure after it is one call.
"""

from helpers.apps.quiz import answer
from helpers.engine import GRIP_CHANGE_WITHIN_NOISE_KG, GRIP_NOISE_SD_KG, PERSONA_IDS, load_cohort
from helpers.fatigue.apps import diary_explorer, grip_lab, noise_or_trend_lab, predict_grip, predict_noise
from helpers.fatigue.views import diary_figure_for, grip_test_figure, noise_figure
from helpers.lesson import Lesson, start_lesson
from helpers.references import references
from helpers.safety import care_levels
from helpers.views.theme import PALETTE, style_figure

LESSON = Lesson(__name__)
REVEALS = PERSONA_IDS  # the diary explorer can reveal any persona's condition
QUESTIONS = LESSON.questions
MISCONCEPTIONS = LESSON.misconceptions
quiz = LESSON.quiz
predict = LESSON.predict


__all__ = [
    "GRIP_CHANGE_WITHIN_NOISE_KG",
    "GRIP_NOISE_SD_KG",
    "MISCONCEPTIONS",
    "PALETTE",
    "QUESTIONS",
    "answer",
    "care_levels",
    "diary_explorer",
    "diary_figure_for",
    "grip_lab",
    "grip_test_figure",
    "load_cohort",
    "noise_figure",
    "noise_or_trend_lab",
    "predict",
    "predict_grip",
    "predict_noise",
    "quiz",
    "references",
    "start_lesson",
    "style_figure",
]
