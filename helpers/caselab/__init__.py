"""The case lab (notebooks/05_case_lab.ipynb): each student's own anonymous synthetic cases, marked.

The notebook's setup cell is ``from helpers.caselab import *`` then ``start_lesson()``.
A teacher's side is ``python3 course.py case-lab`` (tools/case_lab.py): keys, marks, class report. The key is
not among the names a notebook imports from here (``helpers.caselab.marking`` has it: the code is open, so
this keeps honest students from seeing it by accident, not a programmer from computing it).
"""

from helpers.apps.quiz import answer
from helpers.caselab.apps import case_lab
from helpers.caselab.model import (
    CARE_OPTIONS,
    OBSERVATIONS,
    PATTERNS,
    case_set,
    case_tables,
)
from helpers.caselab.views import VIEWS, case_figure
from helpers.lesson import Lesson, start_lesson
from helpers.references import references
from helpers.safety import care_levels

LESSON = Lesson(__name__)
#: Text the lab shows beyond its question bank: patterns' reasoning, observations, feedback on misreadings.
WIDGET_TEXTS = tuple(p.reasoning for p in PATTERNS.values()) + tuple(
    o.why_not for o in OBSERVATIONS.values() if o.why_not
)
QUESTIONS = LESSON.questions
quiz = LESSON.quiz
predict = LESSON.predict

__all__ = [
    "CARE_OPTIONS",
    "PATTERNS",
    "QUESTIONS",
    "VIEWS",
    "answer",
    "care_levels",
    "case_figure",
    "case_lab",
    "case_set",
    "case_tables",
    "predict",
    "quiz",
    "references",
    "start_lesson",
]
