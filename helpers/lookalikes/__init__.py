"""The "Is it ALS?" lesson (notebooks/04_is_it_als.ipynb): look-alikes, how doctors decide, next steps, the diary.

The notebook's setup cell is ``from helpers.lookalikes import *`` then
``start_lesson()``; every widget and figure after it is one call.
"""

from helpers.apps.quiz import answer
from helpers.engine import load_cohort
from helpers.lesson import Lesson, start_lesson
from helpers.lookalikes.apps import (
    STORY_REASONING,
    evaluation_walk,
    lookalike_figure,
    lookalikes_lab,
    story_reasoning,
    walk_sources,
)
from helpers.lookalikes.diary_app import diary_timeline, symptom_diary
from helpers.lookalikes.model import (
    FEATURE_KEYS,
    FEATURES,
    LAB_PERSONAS,
    WALK_PERSONAS,
    monthly,
    separating_question,
    walk_steps,
)
from helpers.lookalikes.model import (
    answer as feature_answer,
)
from helpers.lookalikes.views import feature_sources
from helpers.references import references
from helpers.safety import care_levels

LESSON = Lesson(__name__)
#: Text the lesson's widgets show beyond its question bank (walk steps, the story's reasoning): cited sources too.
WIDGET_TEXTS = (
    tuple(text for p in WALK_PERSONAS for step in walk_steps(p) for text in (step.found, step.next_because))
    + tuple(walk_sources(p) for p in WALK_PERSONAS)
    + tuple(text for pair in STORY_REASONING for text in pair)
    + tuple(feature_sources(f) for f in FEATURES)
)
QUESTIONS = LESSON.questions
quiz = LESSON.quiz
predict = LESSON.predict

__all__ = [
    "FEATURE_KEYS",
    "LAB_PERSONAS",
    "QUESTIONS",
    "WALK_PERSONAS",
    "answer",
    "care_levels",
    "diary_timeline",
    "evaluation_walk",
    "feature_answer",
    "load_cohort",
    "lookalike_figure",
    "lookalikes_lab",
    "monthly",
    "predict",
    "quiz",
    "references",
    "separating_question",
    "start_lesson",
    "story_reasoning",
    "symptom_diary",
]
