"""Card sorts: the model, the TOML bank layout, the widget (without a browser) and the lesson's dispatch."""

from __future__ import annotations

import textwrap
import uuid

import ipywidgets as widgets
import pytest

from helpers.apps.base import APP_CLASS, FALLBACK_PREFIX
from helpers.apps.quiz import (
    CHECK_BUTTON_CLASS,
    CORRECT_MARK,
    SORT_CLASS,
    WRONG_MARK,
    CardSortWidget,
    QuizWidget,
    card_sort,
)
from helpers.errors import CourseInputError
from helpers.lesson import Lesson
from helpers.quiz import PLACE_FIRST, Card, CardSort, Question, check_sort, load_bank, misconceptions

FATIGUE, STRENGTH = "sounds like fatigue", "sounds like loss of strength"

SORT = CardSort(
    "Which of these sound like fatigue, and which like a loss of strength?",
    (FATIGUE, STRENGTH),
    (
        Card("I feel drained by the afternoon", FATIGUE, "Feeling drained is fatigue: maximal force can be intact."),
        Card("I can no longer turn the key", STRENGTH, "A task that has become impossible points to lost strength."),
        Card("My legs feel heavy after a long day", FATIGUE, "Heaviness that rest relieves is tiredness."),
    ),
    misconception="tired means weak",
)


def make_sort(**changes: object) -> CardSort:
    fields: dict[str, object] = {
        "prompt": SORT.prompt,
        "categories": SORT.categories,
        "cards": SORT.cards,
        "misconception": SORT.misconception,
    }
    fields.update(changes)
    return CardSort(**fields)  # type: ignore[arg-type]


# --- model -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "what", "named"),
    [
        ({"categories": (FATIGUE,)}, "CardSort.categories", "two or more categories"),
        ({"categories": (FATIGUE, FATIGUE)}, "CardSort.categories", FATIGUE),
        ({"categories": (FATIGUE, " ")}, "CardSort.categories", "category name"),
        ({"cards": (SORT.cards[0],)}, "CardSort.cards", "two or more cards"),
        ({"cards": (*SORT.cards, Card("I trip over", "a third thing", "x"))}, "Card.category", "a third thing"),
        ({"cards": (*SORT.cards, Card("I trip over", STRENGTH, "  "))}, "Card.feedback", "I trip over"),
        ({"cards": (*SORT.cards, Card(" ", STRENGTH, "x"))}, "Card.text", "statement"),
        ({"cards": (*SORT.cards, SORT.cards[0])}, "CardSort.cards", SORT.cards[0].text),
        ({"categories": (FATIGUE, STRENGTH, "needs a doctor")}, "CardSort.categories", "needs a doctor"),
        ({"cards": ("I feel drained", SORT.cards[1])}, "CardSort.cards", "Card("),
    ],
    ids=[
        "one category",
        "repeated category",
        "blank category",
        "one card",
        "unknown category",
        "empty feedback",
        "empty text",
        "repeated card",
        "unused category",
        "not a card",
    ],
)
def test_a_bad_sort_is_refused_naming_what_was_wrong(changes, what, named):
    with pytest.raises(CourseInputError) as err:
        make_sort(**changes)
    assert err.value.what == what
    assert named in str(err.value), str(err.value)
    assert err.value.fix


def test_an_unknown_category_error_lists_the_allowed_categories():
    with pytest.raises(CourseInputError) as err:
        make_sort(cards=(*SORT.cards, Card("I trip over", "weakness", "Tripping can come from a weak ankle.")))
    assert FATIGUE in err.value.allowed and STRENGTH in err.value.allowed


def test_all_cards_right():
    verdict = check_sort(SORT, [FATIGUE, STRENGTH, FATIGUE])
    assert (verdict.n_correct, verdict.n_placed, verdict.n_cards) == (3, 3, 3)
    assert verdict.complete and verdict.all_correct
    assert all(r.correct is True for r in verdict.results)
    for card, result in zip(SORT.cards, verdict.results, strict=True):
        assert card.feedback in result.feedback and card.category in result.feedback
    assert verdict.summary == "3 of 3 placed as the sources would."


def test_one_card_wrong_gets_its_own_feedback():
    verdict = check_sort(SORT, [STRENGTH, STRENGTH, FATIGUE])
    wrong = verdict.results[0]
    assert wrong.correct is False
    assert SORT.cards[0].feedback in wrong.feedback, "the feedback speaks to this card's misconception"
    assert f"not belong under \u201c{STRENGTH}\u201d" in wrong.feedback, "says where it was put"
    assert [r.correct for r in verdict.results] == [False, True, True]
    assert (verdict.n_correct, verdict.n_placed) == (2, 3) and verdict.complete and not verdict.all_correct
    assert verdict.summary == "2 of 3 placed as the sources would."


def test_an_unplaced_card_asks_to_be_placed():
    verdict = check_sort(SORT, (FATIGUE, None, None))
    assert [r.correct for r in verdict.results] == [True, None, None]
    assert verdict.results[1].feedback == PLACE_FIRST
    assert (verdict.n_correct, verdict.n_placed) == (1, 1) and not verdict.complete
    assert verdict.summary == "1 of 3 placed as the sources would. 2 cards are not placed yet."
    assert check_sort(SORT, [None, STRENGTH, FATIGUE]).summary.endswith("1 card is not placed yet.")


@pytest.mark.parametrize("placements", [[FATIGUE, STRENGTH], [FATIGUE] * 4, [], FATIGUE], ids=str)
def test_the_wrong_number_of_placements_is_refused(placements):
    with pytest.raises(CourseInputError) as err:
        check_sort(SORT, placements)
    assert err.value.what == "card placements"
    assert FATIGUE in err.value.allowed and STRENGTH in err.value.allowed


@pytest.mark.parametrize("bad", ["weakness", "", 1, True])
def test_an_unknown_category_is_refused_naming_the_allowed_ones(bad):
    with pytest.raises(CourseInputError) as err:
        check_sort(SORT, [FATIGUE, bad, FATIGUE])
    assert err.value.what == "placement of card 2" and err.value.got == bad
    assert repr(FATIGUE) in err.value.allowed and repr(STRENGTH) in err.value.allowed


# --- TOML bank ---------------------------------------------------------------------------------------

BANK = '''
[sort_tired_or_weak]
misconception = "tired means weak"
prompt = """
Which of these sound like fatigue,
and which like a loss of strength?"""
categories = ["sounds like fatigue", "sounds like loss of strength"]

[[sort_tired_or_weak.cards]]
text = "I feel drained   by the afternoon"
category = "sounds like fatigue"
feedback = """
Feeling drained is fatigue:
maximal force can be intact."""

[[sort_tired_or_weak.cards]]
text = "I can no longer turn the key"
category = "sounds like loss of strength"
feedback = "A task that has become impossible points to lost strength."

[check_retest]
misconception = "tired means weak"
prompt = "After rest, what does the retest show?"

[[check_retest.choices]]
text = "Lower"
feedback = "That is 'tired means weak'."

[[check_retest.choices]]
correct = true
text = "Back near the first squeeze"
feedback = "Yes: fatigability recovers with rest."
'''


CATEGORIES = '["sounds like fatigue", "sounds like loss of strength"]'


def write(tmp_path, text: str):
    path = tmp_path / "questions.toml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_a_bank_holds_sorts_and_questions_in_file_order(tmp_path):
    bank = load_bank(write(tmp_path, BANK))
    assert list(bank) == ["sort_tired_or_weak", "check_retest"]
    sort, question = bank["sort_tired_or_weak"], bank["check_retest"]
    assert isinstance(sort, CardSort) and isinstance(question, Question)
    assert sort.prompt == "Which of these sound like fatigue, and which like a loss of strength?"
    assert sort.categories == (FATIGUE, STRENGTH)
    assert sort.cards[0] == Card(
        "I feel drained by the afternoon", FATIGUE, "Feeling drained is fatigue: maximal force can be intact."
    ), "whitespace tidied as for questions"
    assert question.correct_index == 1
    assert misconceptions(bank) == {"tired means weak": ("sort_tired_or_weak", "check_retest")}


def test_a_table_with_both_choices_and_cards_is_refused(tmp_path):
    both = BANK + '\n[[check_retest.cards]]\ntext = "x"\ncategory = "sounds like fatigue"\nfeedback = "y"\n'
    with pytest.raises(CourseInputError) as err:
        load_bank(write(tmp_path, both))
    message = str(err.value)
    assert "questions.toml" in message and "[check_retest]" in message and "not both" in message


def test_a_table_with_neither_choices_nor_cards_is_refused(tmp_path):
    with pytest.raises(CourseInputError) as err:
        load_bank(write(tmp_path, '[lonely]\nprompt = "What?"\n'))
    message = str(err.value)
    assert "questions.toml" in message and "[lonely]" in message and "card sort" in message


def test_a_card_in_an_unknown_category_is_refused_naming_file_key_and_card(tmp_path):
    bad = BANK.replace('category = "sounds like loss of strength"', 'category = "sounds like weakness"')
    with pytest.raises(CourseInputError) as err:
        load_bank(write(tmp_path, bad))
    message = str(err.value)
    assert "questions.toml" in message and "[sort_tired_or_weak] card 2 category" in message
    assert "sounds like weakness" in message and repr(FATIGUE) in message and repr(STRENGTH) in message


@pytest.mark.parametrize(
    ("old", "new", "named"),
    [
        (f"categories = {CATEGORIES}", 'categories = "fatigue"', "categories"),
        ('text = "I can no longer turn the key"', 'text = "I can no longer turn the key"\ncolour = "red"', "colour"),
        (f"categories = {CATEGORIES}", 'categories = ["sounds like fatigue", "needs a doctor"]', "card 2 category"),
        (
            f"categories = {CATEGORIES}",
            'categories = ["sounds like fatigue", "sounds like loss of strength", "needs a doctor"]',
            "needs a doctor",
        ),
    ],
    ids=["categories not a list", "unknown card field", "card in a removed category", "unused category"],
)
def test_other_sort_mistakes_name_the_file_and_the_key(tmp_path, old, new, named):
    assert old in BANK
    with pytest.raises(CourseInputError) as err:
        load_bank(write(tmp_path, BANK.replace(old, new, 1)))
    message = str(err.value)
    assert "questions.toml" in message and "[sort_tired_or_weak]" in message and named in message


def test_the_course_banks_still_load():
    from pathlib import Path

    banks = sorted((Path(__file__).resolve().parents[1] / "helpers").rglob("questions.toml"))
    assert banks
    for path in banks:
        bank = load_bank(path)
        assert bank and all(isinstance(item, Question | CardSort) for item in bank.values())
        misconceptions(bank)


# --- widget -------------------------------------------------------------------------------------------


def test_the_widget_shows_each_card_with_its_categories_unplaced():
    app = card_sort(SORT)
    assert isinstance(app, CardSortWidget)
    assert SORT_CLASS in app._dom_classes and APP_CLASS in app._dom_classes
    assert CHECK_BUTTON_CLASS in app.check_button._dom_classes
    assert len(app.choices) == len(app.feedback) == len(SORT.cards)
    for i, (choices, card) in enumerate(zip(app.choices, SORT.cards, strict=True), start=1):
        assert isinstance(choices, widgets.RadioButtons)
        assert choices.value is None and choices.orientation == "horizontal"
        assert list(choices.options) == [(c, c) for c in SORT.categories]
        assert choices.description == f"{i}. {card.text}", "the group of choices carries the card's text"
    assert app.placements == (None, None, None)
    assert repr(app).startswith(FALLBACK_PREFIX) and "Sort the cards" in repr(app)


def test_checking_the_widget_gives_feedback_per_card_and_a_count():
    app = card_sort(SORT, title="Tired or weak?")
    before = [line.value for line in app.feedback]
    summary_before = app.summary.value
    app.choices[0].value = FATIGUE  # right
    app.choices[1].value = FATIGUE  # wrong
    verdict = app.check()  # card 3 left unplaced
    assert app.verdict == verdict and (verdict.n_correct, verdict.n_placed) == (1, 2)
    first, second, third = (line.value for line in app.feedback)
    assert [first, second, third] != before
    assert CORRECT_MARK in first and SORT.cards[0].feedback in first
    assert WRONG_MARK in second and SORT.cards[1].feedback in second
    assert PLACE_FIRST in third and CORRECT_MARK not in third and WRONG_MARK not in third
    assert app.summary.value != summary_before
    assert "1 of 3 placed as the sources would." in app.summary.value and "role='status'" in app.summary.value

    app.choices[1].value = STRENGTH
    app.choices[2].value = FATIGUE
    app.check_button.click()
    assert all(CORRECT_MARK in line.value for line in app.feedback)
    assert "3 of 3 placed as the sources would." in app.summary.value


def test_card_text_is_escaped_in_the_prompt():
    sort = make_sort(prompt="Is <b>this</b> **bold**?")
    prompt = card_sort(sort).children[1]
    assert isinstance(prompt, widgets.HTML)
    assert "&lt;b&gt;" in prompt.value and "<strong>bold</strong>" in prompt.value


# --- lesson dispatch -------------------------------------------------------------------------------------


@pytest.fixture
def fake_lesson(tmp_path, monkeypatch):
    name = f"fake_lesson_{uuid.uuid4().hex[:8]}"
    package = tmp_path / name
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "questions.toml").write_text(textwrap.dedent(BANK), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    return Lesson(name)


def test_lesson_quiz_returns_a_card_sort_or_a_question_widget(fake_lesson):
    sort_app = fake_lesson.quiz("sort_tired_or_weak")
    assert isinstance(sort_app, CardSortWidget) and sort_app.app_title.startswith("Sort the cards:")
    assert isinstance(fake_lesson.quiz("check_retest"), QuizWidget)
    assert fake_lesson.quiz("check_retest").app_title.startswith("Self-check:")
    assert fake_lesson.quiz("sort_tired_or_weak", "Sort these").app_title.startswith("Sort these:")
    assert fake_lesson.misconceptions == {"tired means weak": ("sort_tired_or_weak", "check_retest")}


def test_lesson_refuses_a_card_sort_as_a_prediction(fake_lesson):
    for call in (
        lambda: fake_lesson.predict("sort_tired_or_weak"),
        lambda: fake_lesson.predict("sort_tired_or_weak", then=widgets.HTML("answer")),
        lambda: fake_lesson.question("sort_tired_or_weak"),
    ):
        with pytest.raises(CourseInputError) as err:
            call()
        assert "card sort" in str(err.value) and "quiz('sort_tired_or_weak')" in err.value.fix
    assert isinstance(fake_lesson.predict("check_retest"), QuizWidget)


def test_no_widget_of_any_lesson_shows_raw_markdown_asterisks():
    """Issue 15: "holds against \\*some\\* resistance" was shown with its asterisks. Every question, option, card and
    feedback of every lesson's bank, as its widget renders it, has none left."""
    import re
    from pathlib import Path

    from helpers.apps.quiz import card_sort, feedback_html, quiz
    from helpers.quiz import CardSort as Sort
    from helpers.quiz import load_bank

    root = Path(__file__).resolve().parent.parent / "helpers"
    banks = sorted(root.rglob("questions.toml"))
    assert len(banks) >= 4
    for bank in banks:
        for key, item in load_bank(bank).items():
            widget = card_sort(item) if isinstance(item, Sort) else quiz(item)
            shown = [c.value for c in widget.children if hasattr(c, "value") and isinstance(c.value, str)]
            if isinstance(item, Sort):
                shown += [choice.description for choice in widget.choices]
                shown += [feedback_html(True, card.feedback) for card in item.cards]
            else:
                shown += [label for label, _ in widget.options.options]
                shown += [feedback_html(c.correct, c.feedback) for c in item.choices]
            text = re.sub(r"<[^>]+>", "", " ".join(shown))
            assert "*" not in text, (
                f"{bank.parent.name}:{key} shows a raw asterisk: {text[text.index('*') - 40 :][:80]}"
            )
