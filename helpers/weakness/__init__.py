"""The "Why weak, and how weak?" lesson (notebooks/03_why_weak_how_weak.ipynb): model, views, apps and questions.

The notebook's setup cell is ``from helpers.weakness import *`` then
``start_lesson()``; every widget and figure after it is one call.
"""

from helpers.apps.quiz import answer
from helpers.engine import load_cohort
from helpers.lesson import Lesson, start_lesson
from helpers.references import references
from helpers.safety import care_levels
from helpers.weakness.apps import (
    clinic_visit,
    clinic_visit_figure,
    daily_life,
    daily_life_figure,
    pathway_explorer,
    site_details_html,
    site_sources,
)
from helpers.weakness.model import (
    ITEM_DOMAINS,
    ITEM_KEYS,
    ITEM_NAMES,
    PATH_SITE_KEYS,
    PATH_SITES,
    alsfrs_items,
    clinic_table,
    cramp_days,
    progression,
    progression_class,
)
from helpers.weakness.views import cramps_figure, pathway_figure

LESSON = Lesson(__name__)
#: Text the lesson's widgets show beyond its question bank (the explorer's notes): cited sources live here too.
WIDGET_TEXTS = tuple(site.note for site in PATH_SITES) + tuple(site_sources(site.key) for site in PATH_SITES)
QUESTIONS = LESSON.questions
quiz = LESSON.quiz
predict = LESSON.predict

__all__ = [
    "ITEM_DOMAINS",
    "ITEM_KEYS",
    "ITEM_NAMES",
    "PATH_SITE_KEYS",
    "QUESTIONS",
    "alsfrs_items",
    "answer",
    "care_levels",
    "clinic_table",
    "clinic_visit",
    "clinic_visit_figure",
    "cramp_days",
    "cramps_figure",
    "daily_life",
    "daily_life_figure",
    "load_cohort",
    "pathway_explorer",
    "pathway_figure",
    "predict",
    "progression",
    "progression_class",
    "quiz",
    "references",
    "site_details_html",
    "start_lesson",
]
