"""The safety notice every lesson shows, in one wording, from one place.

Why one helper: a learner who is worried about their own symptoms must meet the
same calm, accurate advice in every notebook, and a change to it (a new red flag,
clearer wording) must reach every lesson at once. Content follows the clinical
brief, section 4 (red flags and next steps).
"""

from __future__ import annotations

import html

SAFETY_HEADING = "Safety notice: this course teaches, it does not diagnose"

SAFETY_PARAGRAPHS: tuple[str, ...] = (
    "Everything here is for learning. The people, diaries and measurements are synthetic "
    "(computer-generated). Nothing in this course can tell you that you have, or do not have, "
    "ALS (motor neurone disease) or any other condition: only a clinician who examines you can.",
    "See a doctor promptly if you notice weakness that gets worse over weeks or months or "
    "spreads to another limb, difficulty speaking or swallowing, repeated choking, visible "
    "muscle wasting, or falls because a leg gives way.",
    "Get urgent care now (your local emergency number) for trouble breathing, severe "
    "swallowing problems, or a rapid decline.",
    "If twitching or tiredness worries you, keep a dated diary of what you notice and when, "
    "and talk to your primary care clinician; ask about a neurology referral if symptoms "
    "persist or progress.",
)


def safety_notice_text() -> str:
    """The notice as plain text (for handouts, tests and screen readers)."""
    return SAFETY_HEADING + "\n\n" + "\n\n".join(SAFETY_PARAGRAPHS)


def safety_notice_html() -> str:
    """The notice as an accessible HTML block (role=note, readable heading)."""
    paragraphs = "".join(f"<p style='margin:0.4em 0'>{html.escape(p)}</p>" for p in SAFETY_PARAGRAPHS)
    return (
        "<div class='course-safety-notice' role='note' aria-label='Safety notice' "
        "style='border-left:6px solid #0072B2;background:#eef5fb;color:#1a1a1a;"
        "padding:0.6em 1em;margin:0.5em 0;font-size:1em;line-height:1.45'>"
        f"<strong>{html.escape(SAFETY_HEADING)}</strong>{paragraphs}</div>"
    )


class _SafetyNotice:
    """Displays as HTML in Jupyter and as plain text elsewhere."""

    def _repr_html_(self) -> str:
        return safety_notice_html()

    def __repr__(self) -> str:
        return safety_notice_text()


def safety_notice() -> _SafetyNotice:
    """Return the safety notice; as the last line of a cell, Jupyter shows it."""
    return _SafetyNotice()
