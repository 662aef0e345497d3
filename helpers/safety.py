"""The safety notice and the four time frames for care, in one wording, from one place.

Why one module: a reader who is worried about their own symptoms must meet the
same calm, accurate advice in every notebook and handout, with a time for every
"see a doctor", and a change (a new sign, clearer words) must reach every page at
once. Everything here is produced from ``CARE_LEVELS``; nothing restates it.
The time frames follow national guidance: NHS pages on stroke (FAST), Guillain-
Barré syndrome, cauda equina syndrome, double vision, myasthenia gravis, pins and
needles, twitching and tiredness (keys nhsstroke, nhsgbs, nhscauda, nhsdoublevision,
nhsmg, nhspins, nhstwitch2023, nhstired2023 in data/references.toml) and NICE NG42 for the
signs of breathing muscles weakening slowly (nice2016: breathless lying flat, waking
breathless, morning headaches, a weak cough).
Three choices are the course's own, made after neurologists' reviews, and are ASSUMPTIONS:
1. a change in breathing, in someone with weakness, goes to "today" (NICE NG42 lists the signs but
   sets no time frame);
2. new double vision that does not go away, even if not sudden, goes to "today", and double vision
   that comes and goes to "within days" (both above the NHS page's GP advice: it can come from a
   nerve palsy or from myasthenia that is about to spread);
3. weakness that is clearly worse, or has spread further, in the last few days (possible
   Guillain-Barré syndrome, which can keep worsening for weeks), and fatigable weakness that now
   affects speech or swallowing, go to hospital the same day (breathing and swallowing need
   checking there).
"""

from __future__ import annotations

import html
import re
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
    where: str  # where to go, as it follows the action ("999 in the UK...", "with your GP...")
    signs: tuple[str, ...]
    colour: str  # the left border of its row (Okabe-Ito)
    short: str  # the signs in one line, for a printed sheet with little room

    @property
    def short_signs(self) -> tuple[str, ...]:
        """The short form's signs one by one ("; " separates them), for a bullet each on a notice or picture."""
        return tuple(self.short.split("; "))


CARE_LEVELS: tuple[CareLevel, ...] = (
    CareLevel(
        "emergency",
        "Call your emergency number now",
        "999 in the UK, 911 in the US and Canada, 112 in the EU",
        (
            "weakness, numbness or a drooping face that comes on suddenly, within seconds or minutes, especially on "
            "one side. Or speech that suddenly becomes slurred or muddled. Call even if it gets better or goes away "
            "(if it happened today, call now): it could be a stroke or a mini-stroke. Think FAST: is the Face "
            "drooping, is one Arm weak, is Speech slurred? Then it is Time to call. Sudden loss of sight, or "
            "sudden loss of balance, can be a stroke too",
            "double vision, or a drooping eyelid, that comes on suddenly (unless a doctor has told you it is your "
            "myasthenia and it is no worse than usual); or new double vision or a new drooping eyelid with a new or "
            "severe headache, a painful eye or one pupil larger than the other",
            "weakness that came on or spread over minutes or hours, or is getting worse by the hour. This includes "
            "weakness of both legs, or of both arms and legs. Call even if you have had attacks like this before, "
            "for example with a thyroid or potassium problem",
            "you suddenly cannot stand or walk, or cannot move an arm or a leg",
            "numbness around the bottom or genitals, new loss of bladder or bowel control, or new trouble passing "
            "urine, especially with back pain or with weakness or numbness in both legs",
            "trouble breathing: struggling to breathe, or breathless at rest or when you talk",
            "choking that does not clear, or being unable to swallow food, drink or your own saliva",
            "thoughts of harming yourself or ending your life (or call a crisis line now: Samaritans on 116 123 in "
            "the UK and Ireland; 988 in the US and Canada)",
        ),
        "#D55E00",
        "weakness, numbness, a drooping face, slurred or muddled speech, or loss of sight or balance that comes on "
        "suddenly today, even if it goes away; double vision or a drooping eyelid that comes on suddenly, or a new "
        "one with a new or severe headache, eye pain or one larger pupil; weakness that came on or spread over "
        "minutes or hours; you suddenly cannot stand, walk or move a limb; numbness around the bottom or genitals, "
        "new loss of bladder or bowel control, or new trouble passing urine with back pain or numb legs; trouble "
        "breathing: struggling to breathe, or breathless at rest or when you talk; choking that does not clear, or "
        "you cannot swallow; thoughts of harming yourself (crisis line: Samaritans 116 123 in the UK and Ireland, 988 "
        "in the US and Canada)",
    ),
    CareLevel(
        "same_day",
        "Get urgent medical help today",
        "from an urgent appointment with your GP (family doctor), an urgent care centre, or NHS 111 (the UK's "
        "urgent advice line); where an item below says hospital, go to an emergency department (A&E)",
        (
            "weakness, often with tingling, that is clearly worse, or has spread further, in the last few days: you "
            "can do clearly less than two or three days ago (stairs, standing up, holding a cup), for example as "
            "it creeps up both legs, however long ago it started. Go to hospital today. If it gets worse by the "
            "hour, affects breathing, or you cannot swallow, call your emergency number",
            "numbness or tingling, without weakness, that has spread over hours or days, especially in both feet or "
            "both hands, or up the legs",
            "weakness that gets worse with use and better with rest, and now affects swallowing or speech. Go to "
            "hospital today",
            "speech or swallowing that is clearly worse in the last few days, even if it started slowly. Go to "
            "hospital today. If a specialist team (such as an MND team) already looks after you, call them first; "
            "if you cannot reach them today, go to hospital",
            "if you have weakness that a task shows (not only a feeling), or a condition that weakens muscles (such "
            "as ALS or myasthenia gravis), and your breathing has changed. For example, you are breathless when you "
            "lie flat, or you wake up breathless. Or you have new headaches in the morning, new snoring or pauses in "
            "breathing in your sleep, or your cough has become weak. Go to hospital today. If a specialist team (such "
            "as an MND team) already looks after you, call them first; if you cannot reach them today, go to "
            "hospital. But if you have myasthenia gravis, or you are breathless at rest or when you talk, call your "
            "emergency number",
            "new double vision that does not go away, even if it came on slowly. An optician or an eye hospital can "
            "also see you today",
            "sudden weakness, numbness, a drooping face or trouble speaking that happened on an earlier day and has "
            "gone away, if you did not get help at the time (a possible mini-stroke)",
        ),
        "#E69F00",
        "weakness that is clearly worse, or has spread further, in the last few days, for example up both legs (go to "
        "hospital); speech or swallowing clearly worse in the last few days (go to hospital, or first call your "
        "specialist team if you have one); numbness or tingling, without weakness, that has spread over hours or "
        "days; weakness that gets worse with use and now affects swallowing or speech (go to hospital); with weakness "
        "that a task shows, or a condition that weakens muscles: breathless lying flat, waking breathless, new "
        "morning headaches, or a weak cough (go to hospital, or first call your specialist team if you have one. With "
        "myasthenia gravis, call your emergency number); new double vision that does not go away; sudden weakness, "
        "numbness, a drooping face or trouble speaking that happened on an earlier day and has gone away, if you got "
        "no help at the time",
    ),
    CareLevel(
        "soon",
        "See a doctor soon: book within days (this week)",
        "with your GP (family doctor) or primary care clinician",
        (
            "an everyday task that has become harder because of weakness: a foot that catches, a key you cannot "
            "turn, a jar you can no longer open",
            "weakness that is getting worse, or spreading to another part of the body, so slowly that you notice "
            "the change only from week to week or month to month",
            "slurred speech, or trouble swallowing, that has crept in over weeks",
            "drooping eyelids that came on slowly or come and go, or double vision that comes and goes, often worse "
            "later in the day. Also weakness "
            "that gets worse with use and better with rest. If it affects breathing, call your emergency number. If "
            "it affects swallowing or speech, go to hospital today",
            "a muscle that looks thinner than before",
            "falls because a leg gives way",
            "coughing or choking on food or drink that clears, more than once in recent weeks",
            "numbness or tingling that has spread slowly over weeks, or that comes with weakness",
            "weight loss you cannot explain",
        ),
        "#0072B2",
        "a task that has become harder because of weakness; weakness getting worse or spreading from week to week "
        "or month to month; speech or swallowing slowly getting harder; drooping eyelids or double vision that come "
        "and go, or weakness that gets worse with use and better with rest; a thinner muscle; a leg that gives "
        "way; coughing or choking on food or drink that clears, more than once in recent weeks; numbness that "
        "spreads slowly over weeks, or comes with weakness; weight loss you cannot explain",
    ),
    CareLevel(
        "routine",
        "Book a routine appointment",
        "with your GP (family doctor) or primary care clinician (not urgent: the next routine appointment is fine)",
        (
            "a twitch that lasts more than 2 weeks, or twitching in more than one place",
            "an area that feels weak or stiff, while every task is still as easy as before",
            "numbness, tingling or pins and needles that last more than a few weeks, or feeling unsteady in the dark",
            "a medicine that you think may be causing twitching (do not stop it without advice)",
            "tiredness for a few weeks without a reason you know, or tiredness that affects daily life. Also "
            "tiredness with low mood. Also tiredness with loud snoring, choking noises or pauses in breathing in "
            "your sleep, if you have no weakness",
        ),
        "#009E73",
        "a twitch for more than 2 weeks or in more than one place; an area that feels weak or stiff while every "
        "task is still as easy; numbness or tingling for more than a few weeks; a medicine that may be causing "
        "twitching; tiredness for a few weeks without a reason, with low mood, or with snoring or pauses in "
        "breathing in your sleep if you have no weakness",
    ),
)
#: The guidance the four levels follow (keys of data/references.toml): every page that shows them lists these.
CARE_SOURCES: tuple[str, ...] = (
    "nhsstroke",
    "nhstia",
    "nhsgbs",
    "nhscauda",
    "nhsdoublevision",
    "nhsmg",
    "nhspins",
    "nhstwitch2023",
    "nhstired2023",
    "nice2016",
)
#: Said after the four levels wherever they appear: a rule for a reader whose signs fit two levels.
CARE_TIE_BREAK = "Not sure which level fits? Choose the higher one. In the UK, NHS 111 can help you decide."

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


def care_short_html(levels: tuple[str, ...] = ("emergency", "same_day", "soon")) -> str:
    """The time frames in a few lines, for a printed sheet (the same levels, in their short form)."""
    rows = "".join(
        f"<li><strong>{html.escape(care_level(k).action)}</strong>"
        + (f" ({html.escape(care_level(k).where)})" if k == "emergency" else "")
        + f" if: {html.escape(care_level(k).short)}.</li>"
        for k in levels
    )
    return (
        f"<ul class='course-care-short' style='margin:0.2em 0;padding-left:1.2em'>{rows}</ul>"
        f"<p style='margin:0.2em 0'>{html.escape(CARE_TIE_BREAK)}</p>"
    )


def care_text() -> str:
    """The four time frames as plain text (for handouts, tests and screen readers)."""
    lines = []
    for level in CARE_LEVELS:
        lines.append(f"{level.action}, {level.where}, if:")
        lines += [f"  - {sign}" for sign in level.signs]
    return "\n".join([*lines, CARE_TIE_BREAK])


def care_markdown() -> str:
    """The four time frames as markdown (the reader's page and the handouts carry exactly this)."""
    lines = []
    for level in CARE_LEVELS:
        lines.append(f"- **{level.action}**, {level.where}, if:")
        lines += [f"  - {sign}" for sign in level.signs]
    return "\n".join([*lines, "", f"**{CARE_TIE_BREAK}**"])


def care_html() -> str:
    """The four time frames as a coloured ladder: each level's action and where to go, then its signs, one per line."""
    rows = []
    for level in CARE_LEVELS:
        signs = "".join(f"<li>{html.escape(s)}</li>" for s in level.signs)
        rows.append(
            f"<li style='border-left:6px solid {level.colour};padding:0.15em 0.6em;margin:0.35em 0;list-style:none'>"
            f"<strong>{html.escape(level.action)}</strong><span style='color:#444'>, {html.escape(level.where)},"
            f"</span> if:<ul style='margin:0.1em 0 0.1em 1.1em;padding:0'>{signs}</ul></li>"
        )
    return (
        f"<ul class='course-care-levels' style='padding-left:0;margin:0.3em 0'>{''.join(rows)}</ul>"
        f"<p style='margin:0.3em 0'><strong>{html.escape(CARE_TIE_BREAK)}</strong></p>"
    )


def safety_notice_text() -> str:
    """The notice as plain text (for handouts, tests and screen readers)."""
    heading = "When to get care, and how soon (start at the top, and stop at the first level that fits you):"
    return "\n\n".join([SAFETY_HEADING, SAFETY_INTRO, WORRIED_TEXT, heading, care_text()])


def worried_box_html(link: str = WORRIED_PAGE) -> str:
    """The visible 'If you are worried' box that follows the notice on every first screen."""
    return (
        "<div class='course-worried-box' role='note' aria-label='If you are worried' "
        "style='border:2px solid #009E73;background:#f3faf7;color:#1a1a1a;padding:0.5em 1em;margin:0.5em 0'>"
        f"<strong>If you are worried.</strong> {html.escape(WORRIED_TEXT)} "
        f"<a href='{html.escape(link)}'><strong>Open the page: If you are worried</strong></a></div>"
    )


def short_where(where: str) -> str:
    """``CareLevel.where`` for a box: long asides in brackets dropped, short glosses kept, first letter capital.

    "with your GP (family doctor) or primary care clinician (not urgent: ...)" becomes
    "With your GP (family doctor) or primary care clinician".
    """
    text = re.sub(r"\s*\(([^()]*)\)", lambda m: m.group(0) if len(m.group(1).split()) <= 3 else "", where)
    text = re.sub(r"\s+", " ", text).strip(" ,;")
    return text[:1].upper() + text[1:]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def care_summary_html() -> str:
    """The four time frames in their short form, one coloured row each (the top of every notebook shows this).

    Each short sign is its own bullet: a literacy review measured one run-on line per level at grade 12.
    """
    rows = "".join(
        f"<li style='border-left:6px solid {level.colour};padding:0.1em 0.6em;margin:0.3em 0;list-style:none'>"
        f"<strong>{html.escape(level.action)}</strong>, {html.escape(_lower_first(short_where(level.where)))}, if:"
        "<ul style='margin:0.1em 0 0.1em 1.1em;padding:0'>"
        + "".join(f"<li>{html.escape(sign)}</li>" for sign in level.short_signs)
        + "</ul></li>"
        for level in CARE_LEVELS
    )
    return f"<ul class='course-care-summary' style='padding-left:0;margin:0.3em 0'>{rows}</ul>"


def safety_notice_html() -> str:
    """The notice as an accessible HTML block: a heading, what the course is, the reader's box, the four time frames.

    The reader's box comes before the time frames so that it is on the first screen even on a small laptop.
    Why the short form first and every sign in a closed box: the full list is about 800 words, and a
    health-literacy review found it filled eight projected screens before a lesson began; the short
    form keeps every level and its red flags in view, and the box holds every sign, word for word.
    """
    return (
        "<div class='course-safety-notice' role='note' aria-label='Safety notice' "
        "style='border-left:6px solid #0072B2;background:#eef5fb;color:#1a1a1a;"
        "padding:0.6em 1em;margin:0.5em 0;font-size:1em;line-height:1.45'>"
        f"<strong>{html.escape(SAFETY_HEADING)}</strong>"
        f"<p style='margin:0.4em 0'>{html.escape(SAFETY_INTRO)}</p>{worried_box_html()}"
        "<p style='margin:0.4em 0'><strong>When to get care, and how soon</strong> (start at the top, and stop at "
        "the first level that fits you):</p>"
        f"{care_summary_html()}"
        f"<p style='margin:0.3em 0'><strong>{html.escape(CARE_TIE_BREAK)}</strong></p>"
        "<details class='course-care-details'><summary><strong>Every sign, level by level</strong> "
        "(open to read the full list)</summary>"
        f"{care_html()}</details></div>"
    )


class _SafetyNotice:
    """Displays as HTML in Jupyter and as plain text elsewhere."""

    def _repr_html_(self) -> str:
        return safety_notice_html()

    def __repr__(self) -> str:
        return safety_notice_text()


class _CareLevels:
    """The four time frames as a picture (a lesson's "when to see a doctor" section shows it).

    Why a picture here: the full list is already on the page, in the safety notice at the top; what
    helps a reader act at the end of a lesson is the ladder at a glance (the picture's alt text is the
    full list, for screen readers).
    """

    def _repr_html_(self) -> str:
        """The picture as an <img> of the SVG (a data URI), with the ladder in words as its alt text.

        Why not the SVG inline: a notebook is untrusted until it is run, and JupyterLab's sanitiser strips
        inline <svg> from stored outputs, leaving its text run together; an <img> is kept.
        """
        import base64

        from helpers.care_picture import TIME_LABELS, TITLE, care_ladder_svg

        data = base64.b64encode(care_ladder_svg().encode("utf-8")).decode("ascii")
        alt = " ".join(
            [TITLE, *(f"{TIME_LABELS[level.key]}: {level.action}, if: {level.short}." for level in CARE_LEVELS)]
        )
        return (
            f"<div class='course-care-picture' style='max-width:760px'><img src='data:image/svg+xml;base64,{data}' "
            f"alt='{html.escape(alt)}' style='max-width:100%;height:auto'></div>"
            "<p style='margin:0.3em 0'>Every sign, level by level, is in the safety notice at the top of this "
            "page (open <em>Every sign, level by level</em>) and on the page "
            f"<a href='{html.escape(WORRIED_PAGE)}'>If you are worried</a>.</p>"
        )

    def __repr__(self) -> str:
        return care_text()


def care_levels() -> _CareLevels:
    """The four time frames for care, as the safety notice gives them (end a cell with it)."""
    return _CareLevels()


def safety_notice() -> _SafetyNotice:
    """Return the safety notice; as the last line of a cell, Jupyter shows it."""
    return _SafetyNotice()
