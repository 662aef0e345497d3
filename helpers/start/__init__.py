"""The start notebook (notebooks/00_start_here.ipynb): the MRC scale widget and a first self-check.

The notebook's setup cell is ``from helpers.start import *`` then ``start_lesson()``.
"""

from helpers.lesson import Lesson, start_lesson
from helpers.start.apps import mrc_ladder

LESSON = Lesson(__name__)
QUESTIONS = LESSON.questions
quiz = LESSON.quiz

__all__ = ["QUESTIONS", "mrc_ladder", "quiz", "start_lesson"]
