"""Self-check questions: the model (no widgets).

Why feedback per wrong answer: a wrong answer reveals a misconception ("tired
means weak", "twitching alone means ALS", "persistent means progressive"), and
feedback aimed at that misconception teaches far more than "wrong, try again".
"""

from __future__ import annotations

from dataclasses import dataclass

from helpers.errors import CourseInputError


@dataclass(frozen=True)
class Choice:
    """One answer option with the feedback a learner who picks it should read."""

    text: str
    feedback: str
    correct: bool = False


@dataclass(frozen=True)
class Question:
    """A multiple-choice question with exactly one correct choice."""

    prompt: str
    choices: tuple[Choice, ...]

    def __post_init__(self) -> None:
        if len(self.choices) < 2:
            raise CourseInputError("Question.choices", len(self.choices), "two or more choices", "add at least one wrong answer with feedback")
        n_correct = sum(c.correct for c in self.choices)
        if n_correct != 1:
            raise CourseInputError(
                "Question.choices", f"{n_correct} correct", "exactly one choice with correct=True", f"mark one correct choice in: {self.prompt[:60]!r}"
            )
        for choice in self.choices:
            if not choice.feedback.strip():
                raise CourseInputError("Choice.feedback", choice.text, "a non-empty explanation", "write feedback aimed at the misconception this answer shows")

    @property
    def correct_index(self) -> int:
        return next(i for i, c in enumerate(self.choices) if c.correct)


@dataclass(frozen=True)
class Verdict:
    """The result of checking one answer."""

    correct: bool
    feedback: str


def check_answer(question: Question, index: int | None) -> Verdict:
    """Check the learner's choice (an index into ``question.choices``)."""
    if index is None:
        return Verdict(False, "Choose an answer first: committing to a prediction is the point.")
    if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < len(question.choices):
        raise CourseInputError("answer index", index, f"an integer from 0 to {len(question.choices) - 1}", "pick one of the listed choices")
    choice = question.choices[index]
    return Verdict(choice.correct, choice.feedback)


def choice(text: str, feedback: str) -> Choice:
    """A wrong answer (shorthand for question banks)."""
    return Choice(text, feedback, correct=False)


def answer(text: str, feedback: str) -> Choice:
    """The right answer (shorthand for question banks)."""
    return Choice(text, feedback, correct=True)
