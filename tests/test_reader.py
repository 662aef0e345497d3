"""The worried reader: time frames everywhere, a page written for them, printable sheets, plain words, review dates.

Issue 18's promises, as tests: the notice names the emergency and the same-day
lines and every time frame; every notebook's first screen links to the reader's
page; the sheets are up to date with the diary's fields and build offline; no
self-check rewards testing strength at home; text stays at a plain reading grade;
and no page's review date is missing or past due.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys

import pytest

from helpers.diary import DIARY_FIELDS, DOCTOR_QUESTIONS
from helpers.quiz import CardSort, load_bank
from helpers.safety import CARE_LEVELS, care_markdown, care_text
from tests.conftest import NOTEBOOKS, ROOT
from tools.readability import grade, notebook_prose, plain_text

WORRIED = ROOT / "notebooks" / "if_you_are_worried.ipynb"
READER = ROOT / "reader"
PAGES = [WORRIED, *sorted(READER.glob("*.html")), *NOTEBOOKS]
TODAY = dt.date.today()


def test_four_time_frames_from_emergency_to_routine():
    keys = [level.key for level in CARE_LEVELS]
    assert keys == ["emergency", "same_day", "soon", "routine"]
    emergency, same_day, soon, routine = CARE_LEVELS
    assert any("suddenly" in s and "stroke" in s for s in emergency.signs)
    assert any("breathing" in s for s in emergency.signs) and any("swallow" in s for s in emergency.signs)
    # Spreading weakness is sorted by pace, not by how long it has gone on: clearly worse in a few days is today
    # (Guillain-Barre syndrome can keep worsening for weeks); a change seen only week to week is within days.
    # "Over one or more days" would also fit months of slow spread (the pattern of ALS) and empty "within days".
    assert any("clearly less than two or three days ago" in s and "however long ago" in s for s in same_day.signs)
    assert any(s.startswith("speech or swallowing that is clearly worse") for s in same_day.signs)
    assert any("spreading" in s and "week to week or month to month" in s for s in soon.signs)
    assert not [s for s in same_day.signs if "one or more days" in s or "a day or more" in s]
    # Breathing muscles weakening slowly (NICE NG42): today, for someone with weakness; snoring alone is routine.
    breathing = [s for s in same_day.signs if "lie flat" in s and "cough" in s]
    assert breathing and "if you have weakness" in breathing[0] and "hospital" in breathing[0]
    assert any("snoring" in s and "no weakness" in s for s in routine.signs)
    # The short form shown first says what the full sign says: with myasthenia, breathing means the emergency number;
    # someone a specialist (MND) team looks after calls that team; cauda equina includes trouble passing urine.
    assert "myasthenia gravis, call your emergency number" in same_day.short and "specialist team" in same_day.short
    assert "specialist team" in breathing[0] and "myasthenia gravis" in breathing[0]
    assert any("passing urine" in s for s in emergency.signs) and "passing urine" in emergency.short
    # A team that cannot be reached today is no reason to wait; the breathing sign needs weakness a task shows.
    assert all("cannot reach them today, go to hospital" in s for s in same_day.signs if "specialist team" in s)
    assert "weakness that a task shows" in same_day.short
    # No sign fits two levels: "within hours" is the emergency's, and the same-day sign points there.
    assert any("worse by the hour" in s for s in emergency.signs)
    assert all(
        "call your emergency number" in s
        for s in same_day.signs
        if "hour" in s and "weakness" in s and "without weakness" not in s
    )
    lower = same_day.signs + soon.signs + routine.signs
    assert not [s for s in lower if ("over hours" in s or "minutes" in s) and s.startswith("weakness")]
    # Choking: the emergency if it does not clear, within days if it clears but keeps happening.
    assert any("choking that does not clear" in s for s in emergency.signs)
    assert any("choking" in s and "that clears" in s for s in soon.signs)
    # Eyes: sudden double vision or eyelid droop is an emergency; gradual or coming and going, within days.
    assert any("double vision" in s and "suddenly" in s for s in emergency.signs)
    assert any("double vision" in s and "come and go" in s for s in soon.signs)
    # Numbness or tingling has a place of its own: spreading over hours or days (early Guillain-Barré) the same
    # day, slowly over weeks within days, lasting weeks a routine visit (B12 deficiency, neuropathies).
    assert any("numbness or tingling" in s and "over hours or days" in s for s in same_day.signs)
    assert any("numbness or tingling" in s and "slowly over weeks" in s for s in soon.signs)
    # Fatigable weakness: breathing is the emergency, swallowing or speech the same day.
    assert any("worse with use" in s and "swallowing or speech" in s for s in same_day.signs)
    # The cauda equina signs stand on their own, in the full list and in the short one that is printed.
    assert any("numbness around the bottom" in s for s in emergency.signs)
    assert "numbness around the bottom" in emergency.short and "loss of bladder or bowel control" in emergency.short
    assert "suddenly cannot stand" in emergency.short
    # The short lines (the picture, the printed sheets) put every sign where the full list does: weakness over
    # minutes or hours is the emergency in both; below it, "hours" only ever goes with numbness without weakness.
    assert "minutes or hours" in emergency.short and any("minutes or hours" in s for s in emergency.signs)
    for level in (same_day, soon, routine):
        for clause in [*level.signs, *level.short.split(";")]:
            if "hour" in clause and "call your emergency number" not in clause:
                assert "without weakness" in clause, f"{level.key}: {clause!r} reads as weakness over hours"
    # A crisis line wherever low mood is triaged (routine tiredness with low mood).
    assert any("low mood" in s for s in routine.signs)
    assert any("harming yourself" in s and "116 123" in s for s in emergency.signs)
    assert "harming yourself" in emergency.short
    assert any("pins and needles" in s and "few weeks" in s for s in routine.signs)
    assert "Choose the higher one" in care_text() and "Choose the higher one" in care_markdown()
    assert any("getting worse, or spreading" in s for s in soon.signs) and "within days" in soon.action
    assert any("2 weeks" in s for s in routine.signs) and any("more than one place" in s for s in routine.signs)
    assert any("few weeks" in s for s in routine.signs), "tiredness: the 'few weeks' threshold"


def test_reader_page_carries_the_same_time_frames_and_the_sheets_are_up_to_date():
    assert care_markdown() in "".join("".join(c["source"]) for c in json.loads(WORRIED.read_text())["cells"])
    result = subprocess.run(
        [sys.executable, "-m", "tools.reader_pages", "--check"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"reader pages out of date: run `python3 course.py reader`\n{result.stdout}"


def test_the_sheets_hold_every_diary_field_and_question_and_never_interpret():
    sheet = (READER / "symptom-diary-sheet.html").read_text(encoding="utf-8")
    for field in DIARY_FIELDS:
        assert f">{field.heading}<" in sheet, field.heading
    doctor = (READER / "what-to-tell-your-doctor.html").read_text(encoding="utf-8")
    for _heading, questions in DOCTOR_QUESTIONS:
        for question in questions:
            assert question.replace("'", "&#x27;") in doctor or question in doctor, question
    for text in (sheet, doctor):
        lowered = text.lower()
        assert (
            "risk" not in lowered
            and "likely cause" not in lowered
            and "score" not in lowered.replace("does not score", "")
        ), "a record describes; it never scores or interprets"
        assert "emergency number now" in lowered, "the sheets repeat the emergency line"


@pytest.mark.parametrize("page", sorted(READER.glob("*.html")), ids=lambda p: p.name)
def test_reader_pages_are_self_contained_and_print_ready(page):
    text = page.read_text(encoding="utf-8")
    assert "<script" not in text, "no scripts: the page must work from a file, offline"
    assert not re.search(r"(src|href)=['\"]https?://[^'\"]+\.(css|js|woff2?|ttf)", text), (
        "no fonts or styles from the network"
    )
    assert "@media print" in text and "@page" in text


def test_no_self_check_rewards_testing_strength_at_home():
    """Issue 18, item 5: the right answer for a reader is to measure rarely, if at all, and describe daily tasks."""
    repeat = re.compile(
        r"keep measuring|measure (?:every|each) (?:day|evening)|test(?:ing)? (?:again|every day)|squeeze .* more", re.I
    )
    for bank_path in sorted((ROOT / "helpers").rglob("questions.toml")):
        for key, item in load_bank(bank_path).items():
            if isinstance(item, CardSort):
                # A card sort rewards whatever its cards' right places say.
                rewarded = [card.text for card in item.cards]
            else:
                rewarded = [item.choices[item.correct_index].text]
            for text in rewarded:
                assert not repeat.search(text), f"{bank_path.parent.name}:{key} rewards repeated home testing"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_lessons_read_at_grade_8_or_below(path):
    assert grade(notebook_prose(path)) <= 8.0


def test_reader_page_reads_at_grade_7_or_below():
    assert grade(notebook_prose(WORRIED)) <= 7.0


def test_readability_measure_ignores_citations_and_counts_list_items_as_sentences():
    text = plain_text("- one short item\n- another one (Reed & Kurland 1963)\n\n| a | b |\n|---|---|\n| cell | cell |")
    assert "1963" not in text and text.count(".") >= 3
    assert plain_text("Grip noise is 1.8 kg here.").count(".") == 1, "a decimal point does not end a sentence"
    nested = plain_text("- **Call now** if:\n  - weakness that comes on suddenly\n  - trouble breathing")
    assert nested.count(".") >= 2, f"a nested list item is a sentence of its own: {nested!r}"


def review_dates(text: str) -> tuple[dt.date, dt.date]:
    found = re.search(
        r"Last reviewed: (\d{1,2} \w+ \d{4})\.? ?\**\s*Next review due: (\d{1,2} \w+ \d{4})", " ".join(text.split())
    )
    assert found, "no 'Last reviewed: ... Next review due: ...' line"
    parse = lambda s: dt.datetime.strptime(s, "%d %B %Y").date()  # noqa: E731
    return parse(found.group(1)), parse(found.group(2))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_page_shows_a_review_date_that_is_not_past_due(page):
    text = page.read_text(encoding="utf-8")
    if page.suffix == ".ipynb":
        text = "".join(json.loads(text)["cells"][0]["source"])
    reviewed, due = review_dates(text)
    assert reviewed <= TODAY, f"{page.name}: reviewed in the future ({reviewed})"
    assert due >= TODAY, f"{page.name}: review was due on {due}: review the content, then update both dates"
    assert (due - reviewed).days <= 400, "review at least once a year"


def test_readme_says_how_to_report_an_error():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "Report an error" in readme and "issue" in readme.lower()


def test_the_readers_page_stores_the_kernels_language_info_so_opening_it_changes_nothing():
    """With a bare {"name": "python"}, JupyterLab fills it in when the kernel starts: closing asks "Save?"."""
    start = json.loads((ROOT / "notebooks" / "00_start_here.ipynb").read_text(encoding="utf-8"))
    page = json.loads(WORRIED.read_text(encoding="utf-8"))
    assert page["metadata"]["language_info"] == start["metadata"]["language_info"]
    assert "version" in page["metadata"]["language_info"]
