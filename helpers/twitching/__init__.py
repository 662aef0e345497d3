"""The twitching lesson (notebooks/02_twitch_or_trouble.ipynb): model, views, apps and questions.

The notebook's setup cell is ``from helpers.twitching import *`` then
``start_lesson()``; every widget and figure after it is one call.
"""

from helpers.apps.quiz import answer
from helpers.engine import REGIONS, load_cohort
from helpers.lesson import Lesson, start_lesson
from helpers.references import references
from helpers.safety import care_levels
from helpers.twitching.apps import base_rate_explorer, body_map_over_time, side_by_side, trigger_lab
from helpers.twitching.model import SIDE_BY_SIDE, base_rates
from helpers.twitching.views import base_rate_figure, body_map_static, side_by_side_static, trigger_figure

LESSON = Lesson(__name__)
REVEALS = tuple(SIDE_BY_SIDE.values())  # the side-by-side reveal
QUESTIONS = LESSON.questions
quiz = LESSON.quiz
predict = LESSON.predict

__all__ = [
    "QUESTIONS",
    "REGIONS",
    "answer",
    "base_rate_explorer",
    "base_rate_figure",
    "base_rates",
    "body_map_over_time",
    "body_map_static",
    "care_levels",
    "load_cohort",
    "predict",
    "quiz",
    "references",
    "side_by_side",
    "side_by_side_static",
    "start_lesson",
    "trigger_figure",
    "trigger_lab",
]
