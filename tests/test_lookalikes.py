"""Lesson 04 (helpers.lookalikes): teaching assertions on the model, the walk, the lab and the diary widget."""

from __future__ import annotations

import html
import itertools
import json
import re
from pathlib import Path

import pytest

from helpers.engine import PERSONA_IDS
from helpers.engine.personas import load_persona_specs
from helpers.engine.units import DAYS_PER_MONTH
from helpers.errors import CourseInputError
from helpers.lookalikes import QUESTIONS, evaluation_walk, lookalike_figure, lookalikes_lab
from helpers.lookalikes.apps import STORY_REASONING, walk_html
from helpers.lookalikes.diary_app import SymptomDiary
from helpers.lookalikes.model import (
    FATIGABLE_DROP_PCT,
    FEATURE_KEYS,
    FEATURES,
    STEP_NAMES,
    WALK,
    WALK_PERSONAS,
    answer,
    grip_drop_pct,
    lab_table,
    monthly,
    separating_question,
    walk_step,
    walk_steps,
    weak_regions,
)
from helpers.lookalikes.views import describe_lab, lab_panels
from helpers.quiz import CardSort
from helpers.views.theme import figure_description

ROOT = Path(__file__).resolve().parents[1]
PAIRS = list(itertools.combinations(PERSONA_IDS, 2))
SPECS = load_persona_specs()


# ---------------------------------------------------------------------------
# The model tells the stories the lesson claims
# ---------------------------------------------------------------------------
def test_only_the_als_people_lose_strength_that_keeps_falling_and_spreads():
    for persona in PERSONA_IDS:
        months = monthly(persona)
        falls = months["lowest_strength_pct"].iloc[0] - months["lowest_strength_pct"].iloc[-1]
        if SPECS[persona].weakness.kind == "als":
            assert falls > 30 and len(weak_regions(persona)) >= 3, persona
            assert answer(persona, "progressive")[0] == "yes"
        else:
            assert falls < 5 and not weak_regions(persona), persona
            assert answer(persona, "progressive")[0] == "no"


def test_only_myasthenia_loses_much_more_than_the_usual_30_percent_over_12_grips():
    drops = {p: grip_drop_pct(p) for p in PERSONA_IDS}
    assert [p for p, d in drops.items() if d > FATIGABLE_DROP_PCT] == ["myasthenia_gravis"]
    healthy = [d for p, d in drops.items() if p != "myasthenia_gravis"]
    assert min(healthy) >= 20 and max(healthy) <= 35, "White 2013: about 30% in healthy people"


def test_numbness_is_found_exactly_where_the_story_puts_it():
    for persona in PERSONA_IDS:
        peak = monthly(persona)["numbness_0_10"].max()
        value, words = answer(persona, "numbness")
        if SPECS[persona].sensory_site:
            assert peak > 1 and SPECS[persona].sensory_site in words, persona
        else:
            assert peak < 0.5 and value == "none", persona


@pytest.mark.parametrize("persona", [p for p in PERSONA_IDS if (SPECS[p].improvement.from_day or 0) > 0])
def test_treated_people_improve_after_their_treatment_day(persona):
    daily = lab_table(persona)
    start = SPECS[persona].improvement.from_day / DAYS_PER_MONTH
    column = {
        "myasthenia_gravis": "eyelid_droop_0_10",
        "carpal_tunnel": "numbness_0_10",
        "overactive_thyroid": "twitches_per_day",
        "b12_deficiency": "numbness_0_10",
    }[persona]
    before = daily[daily["month"] < start][column].mean()
    after = daily[daily["month"] >= start + 3][column].mean()
    assert after < 0.7 * before, (persona, before, after)
    assert answer(persona, "improved")[0] == "yes"


def test_walk_texts_name_the_same_treatment_month_as_the_model():
    months = {
        "myasthenia_gravis": "month 4",
        "overactive_thyroid": "month 2",
        "b12_deficiency": "month 1",
        "carpal_tunnel": "month 8",
    }
    for persona, said in months.items():
        day = SPECS[persona].improvement.from_day
        assert f"month {round(day / DAYS_PER_MONTH)}" == said
        assert said in WALK[persona][-1][0], persona


# ---------------------------------------------------------------------------
# The lab: every pair has a separating question, and the figure redraws for every pair
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(("first", "second"), PAIRS)
def test_every_pair_has_one_question_on_which_its_answers_differ(first, second):
    pairing = separating_question(first, second)
    assert answer(first, pairing.feature.key)[0] != answer(second, pairing.feature.key)[0]
    earlier = FEATURE_KEYS[: FEATURE_KEYS.index(pairing.feature.key)]
    assert all(answer(first, k)[0] == answer(second, k)[0] for k in earlier), "the first differing question"
    assert separating_question(second, first).feature == pairing.feature


def test_the_als_people_are_separated_by_numbness_where_there_is_some_and_otherwise_by_progression():
    for persona in PERSONA_IDS:
        if SPECS[persona].weakness.kind != "als":
            expected = "numbness" if SPECS[persona].sensory_site else "progressive"
            assert separating_question("als_limb_onset", persona).feature.key == expected, persona


def test_the_same_person_twice_is_refused_with_a_clear_message():
    with pytest.raises(CourseInputError, match="two different people"):
        separating_question("Peter", "als_limb_onset")
    with pytest.raises(CourseInputError, match="Peter"):
        lookalike_figure("Peter", "nobody")


@pytest.mark.parametrize(("first", "second"), PAIRS[::3])
def test_the_lab_figure_shows_both_people_and_states_the_question(first, second):
    fig = lookalike_figure(first, second)
    pairing = separating_question(first, second)
    title, description = describe_lab(pairing)
    assert fig.layout.meta["title"] == title and figure_description(fig) == description
    assert pairing.first_answer in description and pairing.second_answer in description
    assert len(fig.data) == 2 * len(lab_panels(pairing))
    assert (
        description.startswith("Synthetic people.")
        and fig.layout.meta["mark"] == "Synthetic teaching example: not real people"
    )


def test_a_fifth_panel_shows_the_measure_behind_questions_the_four_do_not_show():
    fig = lookalike_figure("Rosa", "Sofia")
    shown = [t.y for t in fig.data if t.name.startswith("Rosa")]
    assert len(shown) == 5 and max(shown[-1]) > FATIGABLE_DROP_PCT


def test_the_lab_redraws_for_every_pair_and_hides_the_figure_when_both_menus_match():
    lab = lookalikes_lab("Peter", "Mark")
    seen = set()
    for first, second in PAIRS:
        lab.first.value, lab.second.value = first, second
        if first == second:
            continue
        title = lab.figure.layout.title.text
        assert html.escape(separating_question(first, second).feature.question) in lab.question.value
        seen.add(title)
    assert len(seen) > 30
    lab.second.value = lab.first.value
    assert "same person" in lab.question.value and "same person" in lab.figure.layout.title.text.replace("<br>", " ")
    assert not any(t.visible for t in lab.figure.data), "the last pair is hidden, not mislabelled"
    lab.second.value = "benign_fasciculation" if lab.first.value != "benign_fasciculation" else "carpal_tunnel"
    assert all(t.visible for t in lab.figure.data) and "What separates" in lab.figure.layout.title.text


def test_a_teacher_can_hide_the_question_box():
    lab = lookalikes_lab()
    lab.show_question.value = False
    assert lab.question.layout.display == "none"
    lab.show_question.value = True
    assert lab.question.layout.display is None


def test_the_lab_never_asks_about_the_learner():
    lab = lookalikes_lab()
    options = {label for label, _ in lab.first.options}
    assert all("(synthetic)" in o for o in options) and len(options) == len(PERSONA_IDS)
    text = json.dumps([f.question for f in FEATURES]).lower()
    for word in ("your", "you ", "probability", "risk", "likely"):
        assert word not in text


# ---------------------------------------------------------------------------
# The evaluation walk reveals nothing before its step
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("persona", WALK_PERSONAS)
def test_the_walk_reveals_each_step_only_at_its_turn(persona):
    walk = evaluation_walk(persona)
    steps = walk_steps(persona)
    assert all(s.found not in walk.steps.value for s in steps)
    for shown in range(1, len(steps) + 1):
        walk.next_step()
        html = walk.steps.value
        for i, s in enumerate(steps):
            assert (re.sub("'", "&#x27;", s.found).replace('"', "&quot;")[:40] in html) == (i < shown), (persona, i)
    assert walk.next_button.disabled
    walk.next_step()
    assert walk.shown == len(steps)
    walk.restart()
    assert all(s.found[:40] not in walk.steps.value for s in steps) and not walk.next_button.disabled


def test_choosing_another_person_hides_every_step_again():
    walk = evaluation_walk("Peter")
    walk.next_step()
    walk.next_step()
    walk.persona.value = "benign_fasciculation"
    assert walk.shown == 0 and "Next step" in walk.steps.value


def test_every_walk_has_five_steps_with_findings_and_sources():
    for persona in WALK_PERSONAS:
        steps = walk_steps(persona)
        assert [s.key for s in steps] == [k for k, _, _ in STEP_NAMES]
        assert all(s.found.strip() for s in steps)
        assert all(s.next_because.strip() for s in steps[:-1]) and not steps[-1].next_because
        assert "Sources:" in walk_html(persona, len(steps)) and "Sources:" not in walk_html(persona, 2)
    with pytest.raises(CourseInputError, match="step"):
        walk_step("Peter", 6)


def test_the_als_walk_states_gold_coast_exactly_and_the_time_to_diagnosis():
    last = walk_steps("als_limb_onset")[3].next_because
    assert "upper and lower motor neuron signs in one body region, or lower motor neuron signs in two regions" in last
    assert "Paganoni 2014" in walk_steps("als_limb_onset")[0].found, "the delay is before the neurologist"


def test_the_story_says_sudden_weakness_needs_care_now():
    text = " ".join(a for _, a in STORY_REASONING)
    assert "emergency number" in text and "hours" in text
    assert "not how it begins" in text


# ---------------------------------------------------------------------------
# The question bank
# ---------------------------------------------------------------------------
def test_the_not_als_sort_keeps_the_nuance_about_thinking_and_the_three_categories():
    sort = QUESTIONS["not_als_sort"]
    assert isinstance(sort, CardSort) and len(sort.categories) == 3
    assert {c.category for c in sort.cards} == set(sort.categories)
    thinking = [c for c in sort.cards if "behaviour" in c.text]
    assert thinking and thinking[0].category.startswith("could fit ALS")
    for card in sort.cards:
        assert re.search(r"\(.*\d{4}\)|\(NHS,|\d{4}\)", card.feedback) or "emergency" in card.feedback, card.text


def test_the_care_sort_puts_sudden_and_breathing_cards_at_the_top_level():
    sort = QUESTIONS["who_when"]
    assert isinstance(sort, CardSort)
    top = sort.categories[0]
    for card in sort.cards:
        if "breathe" in card.text or "face drooped" in card.text:
            assert card.category == top, card.text


# ---------------------------------------------------------------------------
# The diary widget (the store itself is tested in tests/test_diary_store.py)
# ---------------------------------------------------------------------------
def fill(app: SymptomDiary, **values: object) -> None:
    for name, value in values.items():
        getattr(app, name).value = value


def test_the_diary_widget_saves_redraws_and_survives_a_new_widget(tmp_path):
    path = tmp_path / "d.csv"
    app = SymptomDiary(path)
    assert "no entries" in app.figure.layout.title.text
    fill(app, where="left calf", what="twitching", how_much="on and off", sleep="6", caffeine="4", stress="7")
    assert app.save()
    assert "Saved" in app.message.value and "1 diary entry" in app.figure.layout.title.text
    again = SymptomDiary(path)  # as after a kernel restart: the file is the diary
    assert "1 diary entry" in again.figure.layout.title.text


@pytest.mark.parametrize(
    ("what", "words"),
    [
        ("breathing", "short of breath climbing stairs"),
        ("swallowing", "food sticks"),
        ("other", "choked on water twice"),
        ("speech", "could not swallow my saliva"),
        ("tiredness", "breathless lying flat"),
    ],
)
def test_an_entry_about_breathing_choking_or_swallowing_shows_the_emergency_message(tmp_path, what, words):
    app = SymptomDiary(tmp_path / "d.csv")
    fill(app, where="throat", what=what, how_much=words)
    assert app.save()
    assert "Call your emergency number now".lower() in app.message.value.lower() and "role='alert'" in app.message.value


@pytest.mark.parametrize(
    "words",
    [
        "arm went weak this morning for ten minutes, now fine",
        "legs weak since this morning, worse by the hour",
        "words came out wrong at dinner tonight, now fine",
        "face drooped suddenly",
        "numb around my bottom, wet myself",
    ],
)
def test_entries_describing_sudden_or_stroke_like_symptoms_show_the_emergency_message(tmp_path, words):
    app = SymptomDiary(tmp_path / "d.csv")
    fill(app, where="left side", what="other", how_much=words)
    assert app.save() and "call your emergency number now" in app.message.value.lower()


def test_every_emergency_card_of_the_lesson_would_show_the_emergency_message_in_the_diary():
    """The words the lesson teaches as emergencies are words the diary recognises (its sorts' top category)."""
    from helpers.diary import make_entry, urgent_signs

    for key in ("not_als_sort", "who_when"):
        sort = QUESTIONS[key]
        assert isinstance(sort, CardSort)
        emergency = [c for c in sort.cards if c.category.startswith("call the emergency number")]
        assert emergency
        for card in emergency:
            assert urgent_signs(make_entry("2026-11-30", "body", "other", how_much=card.text[:200])), card.text


@pytest.mark.parametrize(
    "words",
    [
        "both legs weak since I woke up",
        "legs gave out overnight",
        "cannot raise my arm since an hour ago",
        "arm went dead this morning",
        "double vision started today",
        "my mouth is droopy on one side",
    ],
)
def test_the_neurologists_sudden_wordings_are_recognised(words):
    from helpers.diary import make_entry, urgent_signs

    assert urgent_signs(make_entry("2026-11-30", "body", "other", how_much=words))


def test_a_numbness_entry_gives_the_three_time_frames(tmp_path):
    app = SymptomDiary(tmp_path / "d.csv")
    fill(app, where="both feet", what="numbness or tingling", how_much="tingling spreading up both legs")
    assert app.save()
    text = app.message.value
    assert "emergency number now" in text and "urgent medical help today" in text and "within days" in text


def test_a_speech_or_weakness_entry_says_how_soon_both_ways(tmp_path):
    app = SymptomDiary(tmp_path / "d.csv")
    for what in ("speech", "weakness in a task"):
        fill(app, where="mouth" if what == "speech" else "right hand", what=what, how_much="a little worse")
        assert app.save()
        assert "within days" in app.message.value and "emergency number now" in app.message.value


def test_an_ordinary_entry_shows_no_emergency_message(tmp_path):
    app = SymptomDiary(tmp_path / "d.csv")
    fill(app, where="left calf", what="cramp", how_much="at night")
    assert app.save() and "emergency" not in app.message.value.lower()


def test_a_bad_form_is_refused_with_the_field_named_and_nothing_written(tmp_path):
    path = tmp_path / "d.csv"
    app = SymptomDiary(path)
    fill(app, where="", what="cramp")
    assert not app.save()
    assert "Not saved" in app.message.value and "Where in the body" in app.message.value and not path.exists()
    fill(app, where="calf", stress="11")
    assert not app.save() and "Stress (0 to 10)" in app.message.value


def test_a_broken_diary_file_is_reported_and_never_written_over(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("this,is,not\na,diary,file\n", encoding="utf-8")
    before = path.read_bytes()
    app = SymptomDiary(path)
    assert "could not be read" in app.message.value
    fill(app, where="calf", what="cramp")
    assert not app.save() and path.read_bytes() == before


def test_the_summary_button_shows_the_dates_and_tasks(tmp_path):
    app = SymptomDiary(tmp_path / "d.csv")
    fill(app, where="right hand", what="weakness in a task", task_changed="could not turn the key")
    app.save()
    app.show_summary()
    assert "could not turn the key" in app.summary.value
    page = tmp_path / "d-summary.html"
    assert page.exists() and "could not turn the key" in page.read_text(encoding="utf-8")
    assert "download='d-summary.html'" in app.summary.value and "data:text/html;base64," in app.summary.value


def test_saving_clears_every_box_so_nothing_is_carried_into_the_next_day(tmp_path):
    app = SymptomDiary(tmp_path / "d.csv")
    fill(app, where="calf", what="cramp", sleep="6", caffeine="4", stress="7", exercise="30 min walk")
    assert app.save()
    assert all(box.value == "" for box in app.text_boxes)


def test_the_x_axis_names_the_dotted_line_only_when_a_pair_has_one():
    """A learner looked for the 'dotted line' the axis promised, on pairs that have none."""
    without = lookalike_figure("Peter", "Mark")
    with_line = lookalike_figure("Sofia", "Amira")
    assert not [s for s in without.layout.shapes if s.line.dash == "dot"]
    assert "dotted" not in without.layout.xaxis.title.text
    assert [s for s in with_line.layout.shapes if s.line.dash == "dot"]
    assert "dotted" in with_line.layout.xaxis.title.text


def test_the_walk_shows_the_newest_step_first_then_the_earlier_ones_in_order():
    """Newest under the buttons; the earlier steps read 1, 2, 3 (backwards, the story was hard to follow)."""
    from helpers.lookalikes.apps import walk_html

    numbers = re.findall(r">(\d)\. ", walk_html("als_limb_onset", 4))
    assert numbers == ["4", "1", "2", "3"], numbers
