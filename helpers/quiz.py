"""Self-check questions: the model (no widgets).

Why feedback per wrong answer: a wrong answer reveals a misconception ("tired
means weak", "twitching alone means ALS", "persistent means progressive"), and
feedback aimed at that misconception teaches far more than "wrong, try again".

Two kinds of self-check share one question bank: a single-choice ``Question``
and a ``CardSort`` (short statements, "cards", each placed in one of a few
categories, with feedback per card).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeAlias

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
# Card sorts: place each short statement in a category
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Card:
    """One statement to place: the category the sources put it in, and the feedback on it.

    ``feedback`` explains why the card belongs where it does, aimed at the misconception
    a learner who puts it elsewhere shows ("feeling drained is fatigue, not weakness").
    """

    text: str
    category: str
    feedback: str


@dataclass(frozen=True)
class CardSort:
    """A card sort: every card belongs in exactly one of two or more categories.

    ``misconception`` names the mistaken idea the sort probes, as for a ``Question``.
    """

    prompt: str
    categories: tuple[str, ...]
    cards: tuple[Card, ...]
    misconception: str = ""

    def __post_init__(self) -> None:
        if len(self.categories) < 2:
            raise CourseInputError(
                "CardSort.categories",
                list(self.categories),
                "two or more categories",
                "add a category, e.g. ['sounds like fatigue', 'sounds like loss of strength']",
            )
        for category in self.categories:
            if not isinstance(category, str) or not category.strip():
                raise CourseInputError(
                    "CardSort.categories", category, "a category name as text", "give every category a short name"
                )
        repeated = sorted({c for c in self.categories if self.categories.count(c) > 1})
        if repeated:
            raise CourseInputError(
                "CardSort.categories", repeated[0], "each category once", "remove the repeated category"
            )
        if len(self.cards) < 2:
            raise CourseInputError(
                "CardSort.cards", len(self.cards), "two or more cards", f"add cards to sort: {self.prompt[:60]!r}"
            )
        allowed = _category_list(self.categories)
        for card in self.cards:
            if not isinstance(card, Card):
                raise CourseInputError(
                    "CardSort.cards", card, "Card(text, category, feedback) items", "make every card a Card"
                )
            if not isinstance(card.text, str) or not card.text.strip():
                raise CourseInputError("Card.text", card.text, "the statement as text", "write the card's statement")
            if card.category not in self.categories:
                raise CourseInputError(
                    "Card.category",
                    card.category,
                    allowed,
                    f"put card {card.text[:60]!r} in one of the categories (spelled the same)",
                )
            if not isinstance(card.feedback, str) or not card.feedback.strip():
                raise CourseInputError(
                    "Card.feedback",
                    card.text,
                    "a non-empty explanation",
                    "write feedback aimed at the misconception a misplaced card shows",
                )
        texts = [card.text for card in self.cards]
        repeated = sorted({t for t in texts if texts.count(t) > 1})
        if repeated:
            raise CourseInputError(
                "CardSort.cards", repeated[0], "each card once", "remove or reword the repeated card"
            )
        unused = [c for c in self.categories if all(card.category != c for card in self.cards)]
        if unused:
            raise CourseInputError(
                "CardSort.categories",
                unused[0],
                "categories that at least one card belongs in",
                "add a card for this category, or remove the category",
            )


def _category_list(categories: Sequence[str]) -> str:
    return "one of " + ", ".join(repr(c) for c in categories)


@dataclass(frozen=True)
class CardResult:
    """The result of checking one card: ``correct`` is None while the card is not placed."""

    correct: bool | None
    feedback: str


@dataclass(frozen=True)
class SortVerdict:
    """The result of checking a whole sort: one ``CardResult`` per card, in card order, and the counts."""

    results: tuple[CardResult, ...]
    n_correct: int
    n_placed: int

    @property
    def n_cards(self) -> int:
        return len(self.results)

    @property
    def complete(self) -> bool:
        """Every card has been placed."""
        return self.n_placed == self.n_cards

    @property
    def all_correct(self) -> bool:
        return self.n_correct == self.n_cards

    @property
    def summary(self) -> str:
        """One sentence for the learner: "4 of 6 placed as the sources would." (and how many are not placed)."""
        text = f"{self.n_correct} of {self.n_cards} placed as the sources would."
        missing = self.n_cards - self.n_placed
        if missing:
            text += f" {missing} {'card is' if missing == 1 else 'cards are'} not placed yet."
        return text


PLACE_FIRST = "Place this card first."


def check_sort(sort: CardSort, placements: Sequence[str | None]) -> SortVerdict:
    """Check the learner's sort: ``placements`` holds, for each card in order, a category or None (not placed).

    A card's feedback text has no mark: the widget shows "Correct." or "Not quite." before it,
    as for a question's ``Verdict``.
    """
    if isinstance(placements, str) or not isinstance(placements, Sequence):
        raise CourseInputError(
            "card placements",
            placements,
            f"a list with one category (or None) per card: {_category_list(sort.categories)}",
            "pass one placement per card, in card order",
        )
    if len(placements) != len(sort.cards):
        raise CourseInputError(
            "card placements",
            f"{len(placements)} placements",
            f"{len(sort.cards)} placements, one per card, each {_category_list(sort.categories)} or None",
            "pass one placement per card, in card order",
        )
    results = []
    for i, (card, placed) in enumerate(zip(sort.cards, placements, strict=True), start=1):
        if placed is None:
            results.append(CardResult(None, PLACE_FIRST))
        elif not isinstance(placed, str) or placed not in sort.categories:
            raise CourseInputError(
                f"placement of card {i}", placed, f"{_category_list(sort.categories)} or None", "use a listed category"
            )
        elif placed == card.category:
            results.append(CardResult(True, f"It belongs under “{placed}”. {card.feedback}"))
        else:
            results.append(
                CardResult(False, f"It does not belong under “{placed}”, but under “{card.category}”. {card.feedback}")
            )
    return SortVerdict(
        tuple(results),
        n_correct=sum(r.correct is True for r in results),
        n_placed=sum(r.correct is not None for r in results),
    )


#: What a lesson's question bank holds: single-choice questions and card sorts.
BankItem: TypeAlias = Question | CardSort


# ---------------------------------------------------------------------------
# Question banks: one TOML file per lesson, editable by a teacher, checked on load
# ---------------------------------------------------------------------------
_QUESTION_KEYS = {"prompt", "misconception", "choices"}
_CHOICE_KEYS = {"text", "feedback", "correct"}
_SORT_KEYS = {"prompt", "misconception", "categories", "cards"}
_CARD_KEYS = {"text", "category", "feedback"}


def _bank_error(path: Path, where: str, got: Any, allowed: str, fix: str) -> CourseInputError:
    return CourseInputError(f"question file {path.name}: {where}", got, allowed, fix)


def _tidy(text: str) -> str:
    """Whitespace-normalised text: long lines may be wrapped freely in the file."""
    return " ".join(text.split())


def _parse_common(path: Path, key: str, raw: dict[str, Any], keys: set[str]) -> tuple[str, str]:
    """The prompt and misconception of a question or card sort, after refusing unknown fields."""
    unknown = set(raw) - keys
    if unknown:
        raise _bank_error(path, f"[{key}]", sorted(unknown)[0], ", ".join(sorted(keys)), "remove or rename the field")
    prompt = raw.get("prompt")
    if not isinstance(prompt, str) or not prompt.strip():
        raise _bank_error(path, f"[{key}] prompt", prompt, "the question as text", f'add prompt = "..." to [{key}]')
    misconception = raw.get("misconception", "")
    if not isinstance(misconception, str):
        raise _bank_error(
            path, f"[{key}] misconception", misconception, "text", 'write misconception = "tired means weak"'
        )
    return _tidy(prompt), misconception


def _parse_question(path: Path, key: str, raw: dict[str, Any]) -> Question:
    prompt, misconception = _parse_common(path, key, raw, _QUESTION_KEYS)
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
        choices.append(Choice(_tidy(text), _tidy(feedback), correct))
    try:
        return Question(prompt, tuple(choices), misconception)
    except CourseInputError as err:
        raise _bank_error(path, f"[{key}]", err.got, err.allowed, err.fix) from None


def _parse_sort(path: Path, key: str, raw: dict[str, Any]) -> CardSort:
    prompt, misconception = _parse_common(path, key, raw, _SORT_KEYS)
    categories_raw = raw.get("categories")
    if not isinstance(categories_raw, list) or not all(isinstance(c, str) for c in categories_raw):
        raise _bank_error(
            path,
            f"[{key}] categories",
            categories_raw,
            "a list of category names",
            'write categories = ["sounds like fatigue", "sounds like loss of strength"]',
        )
    categories = tuple(_tidy(c) for c in categories_raw)
    cards_raw = raw.get("cards")
    if not isinstance(cards_raw, list) or not all(isinstance(c, dict) for c in cards_raw):
        raise _bank_error(path, f"[{key}] cards", cards_raw, "[[cards]] tables", f"add [[{key}.cards]] tables")
    cards = []
    for i, c in enumerate(cards_raw, start=1):
        unknown = set(c) - _CARD_KEYS
        if unknown:
            raise _bank_error(
                path, f"[{key}] card {i}", sorted(unknown)[0], "text, category, feedback", "remove or rename the field"
            )
        text, category, feedback = c.get("text"), c.get("category"), c.get("feedback")
        if not isinstance(text, str) or not text.strip():
            raise _bank_error(path, f"[{key}] card {i} text", text, "the statement as text", 'add text = "..."')
        if not isinstance(category, str) or _tidy(category) not in categories:
            raise _bank_error(
                path,
                f"[{key}] card {i} category",
                category,
                _category_list(categories),
                "spell the category exactly as in categories = [...]",
            )
        if not isinstance(feedback, str):
            raise _bank_error(path, f"[{key}] card {i} feedback", feedback, "text", 'add feedback = "..."')
        cards.append(Card(_tidy(text), _tidy(category), _tidy(feedback)))
    try:
        return CardSort(prompt, categories, tuple(cards), misconception)
    except CourseInputError as err:
        raise _bank_error(path, f"[{key}] {err.what}", err.got, err.allowed, err.fix) from None


def _parse_item(path: Path, key: str, raw: Any) -> BankItem:
    """A question (a table with choices) or a card sort (a table with categories and cards)."""
    if not isinstance(raw, dict):
        raise _bank_error(path, f"[{key}]", raw, "a [question_key] table", "see the layout at the top of the file")
    is_question = "choices" in raw
    is_sort = "categories" in raw or "cards" in raw
    if is_question and is_sort:
        raise _bank_error(
            path,
            f"[{key}]",
            "both choices and categories/cards",
            "choices (a question) or categories and cards (a card sort), not both",
            "split it into two tables with their own keys",
        )
    if not is_question and not is_sort:
        raise _bank_error(
            path,
            f"[{key}]",
            "no choices, no categories",
            "[[choices]] tables (a question) or categories = [...] and [[cards]] tables (a card sort)",
            f"add [[{key}.choices]] tables, or categories and [[{key}.cards]] tables",
        )
    return _parse_sort(path, key, raw) if is_sort else _parse_question(path, key, raw)


def load_bank(path: str | Path) -> dict[str, BankItem]:
    """Read a lesson's question file (TOML): {key: Question or CardSort}, in file order, every entry checked.

    Why a data file: a teacher can reword a question or its feedback, or add one,
    without touching Python; a mistake (no correct answer, two correct answers,
    an empty feedback, a card in an unknown category) stops with a message naming
    the file, the entry and the fix. Text is whitespace-normalised, so long lines
    can be wrapped freely in the file.

    A table with ``[[key.choices]]`` is a single-choice ``Question`` (layout at the
    top of each questions.toml). A table with ``categories`` and ``[[key.cards]]``
    is a ``CardSort``; each card names the category the sources put it in, and its
    feedback speaks to the misconception a misplaced card shows::

        [sort_tired_or_weak]
        misconception = "tired means weak"      # optional
        prompt = "Which of these sound like fatigue, and which like a loss of strength?"
        categories = ["sounds like fatigue", "sounds like loss of strength"]

        [[sort_tired_or_weak.cards]]
        text = "I feel drained by the afternoon"
        category = "sounds like fatigue"
        feedback = "Feeling drained is fatigue: it says nothing yet about maximal force."

        [[sort_tired_or_weak.cards]]
        text = "I can no longer turn the key in the lock"
        category = "sounds like loss of strength"
        feedback = "A task that has become impossible points to a loss of strength, not tiredness."

    A sort needs two or more categories (each once), two or more cards, and every
    category used by at least one card. A table with both choices and cards is refused.
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
    return {key: _parse_item(path, key, body) for key, body in raw.items()}


def misconceptions(bank: Mapping[str, BankItem]) -> dict[str, tuple[str, ...]]:
    """Which questions and card sorts probe which misconception: {misconception: (keys...)}."""
    out: dict[str, list[str]] = {}
    for key, item in bank.items():
        if item.misconception:
            out.setdefault(item.misconception, []).append(key)
    return {m: tuple(keys) for m, keys in out.items()}
