"""The symptom diary a reader keeps: its fields, in one place (the printable sheet and the doctor list use them).

Why a structured record: a clinician decides with dated, concrete facts (where,
what, how much, which task changed, since when, in what context), not with a
general impression of "weakness". A record describes; it never interprets,
scores risk or suggests a cause, and nothing here does either.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DiaryField:
    """One column of the diary: its name in a CSV file, its heading, a plain hint, and an example entry."""

    name: str
    heading: str
    hint: str
    example: str = ""


#: The diary's columns, in order (also the columns of a diary CSV file).
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
    DiaryField("sleep", "Sleep last night", "hours", "6 hours"),
    DiaryField("caffeine", "Caffeine", "cups of coffee, tea, cola or energy drinks", "4 coffees"),
    DiaryField("stress", "Stress", "0 (none) to 10 (worst)", "7"),
    DiaryField("exercise", "Exercise", "what and how long", "none"),
)

#: What the diary's "what" column may say (a diary that checks entries, planned for lesson 04, will use it).
WHAT_CHOICES: tuple[str, ...] = (
    "twitching",
    "cramp",
    "weakness in a task",
    "numbness or tingling",
    "speech",
    "swallowing",
    "breathing",
    "tiredness",
    "other",
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
