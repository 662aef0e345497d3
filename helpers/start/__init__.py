"""The start notebook (notebooks/00_start_here.ipynb): the MRC scale widget and a first self-check.

The notebook's setup cell is ``from helpers.start import *`` then ``start_lesson()``.
"""

from helpers.apps.quiz import answer
from helpers.lesson import Lesson, start_lesson
from helpers.references import references
from helpers.safety import care_levels
from helpers.start.apps import mrc_ladder

LESSON = Lesson(__name__)
QUESTIONS = LESSON.questions
quiz = LESSON.quiz
predict = LESSON.predict

__all__ = [
    "QUESTIONS",
    "answer",
    "care_levels",
    "mrc_ladder",
    "predict",
    "quiz",
    "references",
    "start_lesson",
]
