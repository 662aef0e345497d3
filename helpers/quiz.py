"""Self-check questions: the model (no widgets).

Why feedback per wrong answer: a wrong answer reveals a misconception ("tired
means weak", "twitching alone means ALS", "persistent means progressive"), and
feedback aimed at that misconception teaches far more than "wrong, try again".
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helpers.errors import CourseInputError


@dataclass(frozen=True)
class Choice:
    """One answer option with the feedback a learner who picks it should read."""

    text: str
    feedback: str
    correct: bool = False


@dataclass(frozen=True)
class Question:
    """A multiple-choice question with exactly one correct choice.

    ``misconception`` names the mistaken idea the question tests ("tired means
    weak"), so a teacher can see which questions probe which idea.
    """

    prompt: str
    choices: tuple[Choice, ...]
    misconception: str = ""

    def __post_init__(self) -> None:
        if len(self.choices) < 2:
            raise CourseInputError(
                "Question.choices",
                len(self.choices),
                "two or more choices",
                "add at least one wrong answer with feedback",
            )
        n_correct = sum(c.correct for c in self.choices)
        if n_correct != 1:
            raise CourseInputError(
                "Question.choices",
                f"{n_correct} correct",
                "exactly one choice with correct=True",
                f"mark one correct choice in: {self.prompt[:60]!r}",
            )
        for choice in self.choices:
            if not choice.feedback.strip():
                raise CourseInputError(
                    "Choice.feedback",
                    choice.text,
                    "a non-empty explanation",
                    "write feedback aimed at the misconception this answer shows",
                )

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
        raise CourseInputError(
            "answer index", index, f"an integer from 0 to {len(question.choices) - 1}", "pick one of the listed choices"
        )
    choice = question.choices[index]
    return Verdict(choice.correct, choice.feedback)


def choice(text: str, feedback: str) -> Choice:
    """A wrong answer (shorthand for question banks)."""
    return Choice(text, feedback, correct=False)


def answer(text: str, feedback: str) -> Choice:
    """The right answer (shorthand for question banks)."""
    return Choice(text, feedback, correct=True)


# ---------------------------------------------------------------------------
# Question banks: one TOML file per lesson, editable by a teacher, checked on load
# ---------------------------------------------------------------------------
_QUESTION_KEYS = {"prompt", "misconception", "choices"}
_CHOICE_KEYS = {"text", "feedback", "correct"}


def _bank_error(path: Path, where: str, got: Any, allowed: str, fix: str) -> CourseInputError:
    return CourseInputError(f"question file {path.name}: {where}", got, allowed, fix)


def _parse_question(path: Path, key: str, raw: Any) -> Question:
    if not isinstance(raw, dict):
        raise _bank_error(path, f"[{key}]", raw, "a [question_key] table", "see the layout at the top of the file")
    unknown = set(raw) - _QUESTION_KEYS
    if unknown:
        raise _bank_error(
            path, f"[{key}]", sorted(unknown)[0], ", ".join(sorted(_QUESTION_KEYS)), "remove or rename the field"
        )
    prompt = raw.get("prompt")
    if not isinstance(prompt, str) or not prompt.strip():
        raise _bank_error(path, f"[{key}] prompt", prompt, "the question as text", f'add prompt = "..." to [{key}]')
    choices_raw = raw.get("choices")
    if not isinstance(choices_raw, list) or not all(isinstance(c, dict) for c in choices_raw):
        raise _bank_error(path, f"[{key}] choices", choices_raw, "[[choices]] tables", f"add [[{key}.choices]] tables")
    choices = []
    for i, c in enumerate(choices_raw, start=1):
        unknown = set(c) - _CHOICE_KEYS
        if unknown:
            raise _bank_error(
                path, f"[{key}] choice {i}", sorted(unknown)[0], "text, feedback, correct", "remove or rename the field"
            )
        text, feedback, correct = c.get("text"), c.get("feedback"), c.get("correct", False)
        if not isinstance(text, str) or not text.strip():
            raise _bank_error(path, f"[{key}] choice {i} text", text, "the answer option as text", 'add text = "..."')
        if not isinstance(feedback, str):
            raise _bank_error(path, f"[{key}] choice {i} feedback", feedback, "text", 'add feedback = "..."')
        if not isinstance(correct, bool):
            raise _bank_error(
                path,
                f"[{key}] choice {i} correct",
                correct,
                "true or false",
                "write correct = true on the right answer only",
            )
        choices.append(Choice(" ".join(text.split()), " ".join(feedback.split()), correct))
    misconception = raw.get("misconception", "")
    if not isinstance(misconception, str):
        raise _bank_error(
            path, f"[{key}] misconception", misconception, "text", 'write misconception = "tired means weak"'
        )
    try:
        return Question(" ".join(prompt.split()), tuple(choices), misconception)
    except CourseInputError as err:
        raise _bank_error(path, f"[{key}]", err.got, err.allowed, err.fix) from None


def load_bank(path: str | Path) -> dict[str, Question]:
    """Read a lesson's question file (TOML): {key: Question}, in file order, every question checked.

    Why a data file: a teacher can reword a question or its feedback, or add one,
    without touching Python; a mistake (no correct answer, two correct answers,
    an empty feedback) stops with a message naming the file, the question and the fix.
    Text is whitespace-normalised, so long lines can be wrapped freely in the file.
    """
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            raw = tomllib.load(fh)
    except FileNotFoundError:
        raise CourseInputError("question file", str(path), "an existing .toml file", "check the path") from None
    except tomllib.TOMLDecodeError as exc:
        raise CourseInputError("question file", str(path), "valid TOML", f"fix the syntax error: {exc}") from None
    if not raw:
        raise _bank_error(path, "(file)", "empty", "one or more [question_key] tables", "add a question")
    return {key: _parse_question(path, key, body) for key, body in raw.items()}


def misconceptions(bank: dict[str, Question]) -> dict[str, tuple[str, ...]]:
    """Which questions probe which misconception: {misconception: (question keys...)}."""
    out: dict[str, list[str]] = {}
    for key, question in bank.items():
        if question.misconception:
            out.setdefault(question.misconception, []).append(key)
    return {m: tuple(keys) for m, keys in out.items()}
