"""The lesson kit: what every lesson package shares, so a new lesson is only its content.

A lesson is one package under ``helpers/`` with the same files:

- ``model.py``: the lesson's logic over the engine (pure numpy/pandas);
- ``views.py``: pure functions from model results to styled figures;
- ``apps.py``: ``FigureApp`` subclasses, each its controls plus one view call;
- ``questions.toml``: the self-checks (questions and card sorts) and predictions, editable by a teacher;
- ``__init__.py``: ``LESSON = Lesson(__name__)`` and the names the notebook uses.

The notebook's setup cell is then ``from helpers.<lesson> import *`` and
``start_lesson()``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from helpers.errors import CourseInputError
from helpers.quiz import BankItem, CardSort, Question, load_bank, misconceptions

if TYPE_CHECKING:
    from helpers.apps.quiz import CardSortWidget, PredictThenReveal, QuizWidget


@cache
def _bank(path: Path) -> dict[str, BankItem]:
    return load_bank(path)


@dataclass(frozen=True)
class Lesson:
    """One lesson package: its question bank and its notebook's first cell."""

    package: str  # e.g. "helpers.fatigue"

    @property
    def folder(self) -> Path:
        module = importlib.import_module(self.package)
        return Path(str(module.__file__)).resolve().parent

    @property
    def questions(self) -> dict[str, BankItem]:
        """The lesson's question bank (``questions.toml`` beside the package), checked on first use.

        Its entries are single-choice ``Question``s and ``CardSort``s (see ``helpers.quiz.load_bank``).
        """
        return _bank(self.folder / "questions.toml")

    @property
    def misconceptions(self) -> dict[str, tuple[str, ...]]:
        return misconceptions(self.questions)

    def quiz(self, key: str, title: str | None = None) -> QuizWidget | CardSortWidget:
        """The self-check widget for entry ``key`` of this lesson's bank: a question or a card sort.

        ``title`` defaults to "Self-check" for a question and "Sort the cards" for a card sort.
        """
        from helpers.apps.quiz import card_sort, quiz

        item = self.item(key)
        if isinstance(item, CardSort):
            return card_sort(item, title or "Sort the cards")
        return quiz(item, title or "Self-check")

    def predict(self, key: str, then: object = None, reveal_label: str = "Show me") -> QuizWidget | PredictThenReveal:
        """A prediction to commit to; ``then`` (a widget) stays hidden until the prediction has been checked.

        Why gate: a figure or widget that answers the question must not be on the screen (or, after
        Run All, live under it) before the learner commits.
        """
        question = self.question(key)  # a card sort is refused here: it is a self-check, not a prediction
        if then is None:
            from helpers.apps.quiz import quiz

            return quiz(question, "Predict")
        return self.predict_then_reveal(key, then, reveal_label)

    def predict_then_reveal(
        self, key: str, hidden: object, reveal_label: str = "Reveal", title: str = "Predict"
    ) -> PredictThenReveal:
        from helpers.apps.quiz import predict_then_reveal

        return predict_then_reveal(self.question(key), hidden, reveal_label, title)

    def item(self, key: str) -> BankItem:
        """Entry ``key`` of this lesson's bank: a ``Question`` or a ``CardSort``."""
        from helpers.checks import one_of

        return self.questions[one_of("question", key, self.questions, f"use a key of {self.package}'s questions.toml")]

    def question(self, key: str) -> Question:
        """Single-choice question ``key`` (a card sort is refused: it cannot be a prediction)."""
        item = self.item(key)
        if isinstance(item, CardSort):
            raise CourseInputError(
                "question",
                key,
                "a single-choice question (one with [[choices]]); this key is a card sort",
                f"show a card sort with quiz({key!r}), not as a prediction",
            )
        return item


def start_lesson() -> object:
    """The first cell of every lesson: set up figures, tables and readable errors, then show the safety notice."""
    from IPython import get_ipython

    from helpers.kernel import load_ipython_extension
    from helpers.notebook import setup
    from helpers.safety import safety_notice

    setup()
    shell = get_ipython()
    if shell is not None:
        load_ipython_extension(shell)
    return safety_notice()
