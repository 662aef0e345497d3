"""The safety notice and the four time frames for care, in one wording, from one place.

Why one module: a reader who is worried about their own symptoms must meet the
same calm, accurate advice in every notebook and handout, with a time for every
"see a doctor", and a change (a new sign, clearer words) must reach every page at
once. Everything here is produced from ``CARE_LEVELS``; nothing restates it.
The time frames follow national guidance: NHS pages on stroke (FAST), Guillain-
Barré syndrome, twitching and tiredness (keys nhsstroke, nhsgbs, nhstwitch2023,
nhstired2023 in data/references.toml).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

SAFETY_HEADING = "Safety notice: this course teaches, it does not diagnose"

SAFETY_INTRO = (
    "Everything here is for learning. The people, diaries and measurements are synthetic (made up by a "
    "computer). Nothing in this course can tell you that you have, or do not have, ALS (motor neurone disease) "
    "or any other condition. Only a clinician who examines you can."
)


@dataclass(frozen=True)
class CareLevel:
    """How soon to get care, and for which signs."""

    key: str
    action: str  # what to do, with its time frame
    where: str  # where to go
    signs: tuple[str, ...]
    colour: str  # the left border of its row (Okabe-Ito)


CARE_LEVELS: tuple[CareLevel, ...] = (
    CareLevel(
        "emergency",
        "Call your emergency number now",
        "999 in the UK, 911 in the US and Canada, 112 in the EU",
        (
            "weakness, numbness or drooping that comes on suddenly, over minutes or hours, especially on one side "
            "of the face or body, or with slurred speech: it could be a stroke (FAST: Face, Arms, Speech, Time)",
            "trouble breathing",
            "choking, or being unable to swallow food, drink or your own saliva",
        ),
        "#D55E00",
    ),
    CareLevel(
        "same_day",
        "Get urgent medical help today",
        "an urgent GP appointment, an urgent care centre, or NHS 111 in the UK",
        (
            "weakness that spreads quickly over hours to a few days, for example up both legs, often with tingling",
            "sudden weakness in the arms or legs in someone with a thyroid or potassium problem",
        ),
        "#E69F00",
    ),
    CareLevel(
        "soon",
        "See a doctor soon: book within days",
        "your GP or primary care clinician",
        (
            "weakness that is getting worse over weeks, or spreading to another part of the body",
            "slurred speech, or trouble swallowing, that has crept in",
            "a muscle that looks thinner than before",
            "falls because a leg gives way",
            "choking on food or drink more than once",
        ),
        "#0072B2",
    ),
    CareLevel(
        "routine",
        "Book a routine appointment",
        "your GP or primary care clinician",
        (
            "a twitch that lasts more than 2 weeks, or twitching in more than one place",
            "an area that feels weak or stiff",
            "a medicine that you think may be causing twitching (do not stop it without advice)",
            "tiredness for a few weeks without a reason you know, tiredness that affects daily life, or tiredness "
            "with weight loss, low mood or choking noises in your sleep",
        ),
        "#009E73",
    ),
)

#: The reader's page, linked from every notebook's first screen (a path relative to notebooks/).
WORRIED_PAGE = "if_you_are_worried.ipynb"
WORRIED_TEXT = (
    "Worried about your own twitching, tiredness or weakness? Read the page written for you: what usually "
    "causes these, what to do now, when to see whom and how soon, and what happens at the appointment "
    "(about 10 minutes, no code)."
)


def care_level(key: str) -> CareLevel:
    """One of the four levels by key: emergency, same_day, soon, routine."""
    from helpers.checks import one_of

    keys = {level.key: level for level in CARE_LEVELS}
    return keys[one_of("care level", key, keys, "use emergency, same_day, soon or routine")]


def care_text() -> str:
    """The four time frames as plain text (for handouts, tests and screen readers)."""
    lines = []
    for level in CARE_LEVELS:
        lines.append(f"{level.action} ({level.where}):")
        lines += [f"  - {sign}" for sign in level.signs]
    return "\n".join(lines)


def care_markdown() -> str:
    """The four time frames as markdown (the reader's page and the handouts carry exactly this)."""
    lines = []
    for level in CARE_LEVELS:
        lines.append(f"- **{level.action}** ({level.where}):")
        lines += [f"  - {sign}" for sign in level.signs]
    return "\n".join(lines)


def care_html(compact: bool = False) -> str:
    """The four time frames as an accessible table-like list: action and time frame first, then the signs."""
    rows = []
    for level in CARE_LEVELS:
        signs = "; ".join(html.escape(s) for s in level.signs)
        where = f" <span style='color:#444'>({html.escape(level.where)})</span>" if not compact else ""
        rows.append(
            f"<li style='border-left:6px solid {level.colour};padding:0.15em 0.6em;margin:0.3em 0;list-style:none'>"
            f"<strong>{html.escape(level.action)}</strong>{where}: {signs}.</li>"
        )
    return f"<ul class='course-care-levels' style='padding-left:0;margin:0.3em 0'>{''.join(rows)}</ul>"


def safety_notice_text() -> str:
    """The notice as plain text (for handouts, tests and screen readers)."""
    return "\n\n".join([SAFETY_HEADING, SAFETY_INTRO, WORRIED_TEXT, "When to get care, and how soon:", care_text()])


def worried_box_html(link: str = WORRIED_PAGE) -> str:
    """The visible 'If you are worried' box that follows the notice on every first screen."""
    return (
        "<div class='course-worried-box' role='note' aria-label='If you are worried' "
        "style='border:2px solid #009E73;background:#f3faf7;color:#1a1a1a;padding:0.5em 1em;margin:0.5em 0'>"
        f"<strong>If you are worried.</strong> {html.escape(WORRIED_TEXT)} "
        f"<a href='{html.escape(link)}'><strong>Open the page: If you are worried</strong></a></div>"
    )


def safety_notice_html() -> str:
    """The notice as an accessible HTML block: a heading, what the course is, the reader's box, the four time frames.

    The reader's box comes before the time frames so that it is on the first screen even on a small laptop.
    """
    return (
        "<div class='course-safety-notice' role='note' aria-label='Safety notice' "
        "style='border-left:6px solid #0072B2;background:#eef5fb;color:#1a1a1a;"
        "padding:0.6em 1em;margin:0.5em 0;font-size:1em;line-height:1.45'>"
        f"<strong>{html.escape(SAFETY_HEADING)}</strong>"
        f"<p style='margin:0.4em 0'>{html.escape(SAFETY_INTRO)}</p>{worried_box_html()}"
        "<p style='margin:0.4em 0'><strong>When to get care, and how soon:</strong></p>"
        f"{care_html()}</div>"
    )


class _SafetyNotice:
    """Displays as HTML in Jupyter and as plain text elsewhere."""

    def _repr_html_(self) -> str:
        return safety_notice_html()

    def __repr__(self) -> str:
        return safety_notice_text()


class _CareLevels:
    """The four time frames on their own (a lesson's "when to see a doctor" section shows these)."""

    def _repr_html_(self) -> str:
        return care_html()

    def __repr__(self) -> str:
        return care_text()


def care_levels() -> _CareLevels:
    """The four time frames for care, as the safety notice gives them (end a cell with it)."""
    return _CareLevels()


def safety_notice() -> _SafetyNotice:
    """Return the safety notice; as the last line of a cell, Jupyter shows it."""
    return _SafetyNotice()
