"""The symptom diary a reader keeps: its fields, in one place (the printable sheet and the doctor list use them).

Why a structured record: a clinician decides with dated, concrete facts (where,
what, how much, which task changed, since when, in what context), not with a
general impression of "weakness". A record describes; it never interprets,
scores risk or suggests a cause, and nothing here does either.

The store (checked entries in a CSV file, a backup before each save, the summary
for an appointment) lives in helpers.diary_store; its public names are imported
here, so a lesson or a widget imports the whole diary from this one module.
"""

from __future__ import annotations

from dataclasses import dataclass

from helpers.diary_store import (
    DIARY_COLUMNS,
    DIARY_ENV,
    URGENT_WHAT,
    WHAT_CHOICES,
    DiaryEntry,
    add_entry,
    diary_folder,
    diary_path,
    diary_summary,
    diary_summary_html,
    make_entry,
    read_diary,
    restore_backup,
    urgent_signs,
)

__all__ = [
    "DIARY_COLUMNS",
    "DIARY_ENV",
    "DIARY_FIELDS",
    "DOCTOR_QUESTIONS",
    "URGENT_WHAT",
    "WHAT_CHOICES",
    "DiaryEntry",
    "DiaryField",
    "add_entry",
    "diary_folder",
    "diary_path",
    "diary_summary",
    "diary_summary_html",
    "make_entry",
    "read_diary",
    "restore_backup",
    "urgent_signs",
]


@dataclass(frozen=True)
class DiaryField:
    """One column of the diary: its name in a CSV file, its heading, a plain hint, and an example entry."""

    name: str
    heading: str
    hint: str
    example: str = ""


#: The diary's columns, in order: the columns of a diary CSV file (DIARY_COLUMNS), with the printed sheet's
#: headings and hints. WHAT_CHOICES (what the "what" column may say) lives with the store that checks entries.
DIARY_FIELDS: tuple[DiaryField, ...] = (
    DiaryField("date", "Date", "the day you noticed it, e.g. Mon 1 Dec", "Mon 1 Dec"),
    DiaryField("where", "Where in the body", "e.g. left calf, right hand, eyelid, both feet", "left calf"),
    DiaryField(
        "what",
        "What you noticed",
        "twitching, cramp, weakness, numbness, speech, swallowing, breathing, tiredness",
        "twitching",
    ),
    DiaryField(
        "how_much", "How much, how long", "e.g. a few seconds, on and off all evening, mild", "on and off all evening"
    ),
    DiaryField("task_changed", "A task that changed", "e.g. could not open a jar, tripped on a step; or none", "none"),
    DiaryField(
        "measured",
        "Anything measured",
        "only if a clinician asked you to measure something, always the same way",
        "-",
    ),
    DiaryField("sleep", "Sleep last night (hours)", "a number of hours, e.g. 6 or 7.5", "6"),
    DiaryField("caffeine", "Caffeine (drinks)", "how many coffees, teas, colas or energy drinks that day", "4"),
    DiaryField("stress", "Stress (0 to 10)", "a whole number: 0 (none) to 10 (worst)", "7"),
    DiaryField("exercise", "Exercise", "what and how long", "none"),
)

#: Questions a clinician is likely to ask; the "what to tell your doctor" list is built from them.
DOCTOR_QUESTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "When and where",
        (
            "When did you first notice it? What did you notice first?",
            "Where in the body? One side or both?",
            "Has it changed since then: stayed the same, come and gone, got worse, or spread to a new place?",
        ),
    ),
    (
        "What you can and cannot do",
        (
            "Has any everyday task become harder? For example buttons, keys, writing, opening jars, lifting a "
            "kettle, climbing stairs, walking, speaking or swallowing. Since when?",
            "Have you dropped things, tripped or fallen? How often?",
        ),
    ),
    (
        "Other things you have noticed",
        (
            "Numbness, tingling or pain? Where?",
            "Drooping eyelids or double vision?",
            "Muscle cramps? A muscle that looks thinner?",
            "Weight loss, low mood, poor sleep, or choking noises in your sleep?",
        ),
    ),
    (
        "What else is going on",
        (
            "Caffeine, alcohol, sleep, stress and exercise lately.",
            "Every medicine and supplement you take (bring the packets or a list). Do not stop a prescribed "
            "medicine without advice.",
            "Anyone in your family with a nerve or muscle disease?",
        ),
    ),
    (
        "Your questions",
        ("What worries you most? Say it plainly: doctors would rather know.",),
    ),
    (
        "After the appointment",
        (
            "What did the doctor say it is, or is not?",
            "What happens next: tests, a specialist, a follow-up date?",
            "What should make me go back, and how soon?",
        ),
    ),
)
