"""Lesson 03's apps: each is its controls plus one pure view (helpers.weakness.views).

What a learner sees live is exactly what the still figure shows: both come from the same view function.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import plotly.graph_objects as go

from helpers.apps.base import FigureApp, dropdown
from helpers.engine.people import HANDS, SYNTHETIC, check_persona, person, persona_options
from helpers.weakness.model import (
    FULL_SCORE,
    NO_DAMAGE,
    PATH_SITE_KEYS,
    PATH_SITES,
    Progression,
    alsfrs_items,
    check_hand,
    clinic_table,
    first_items_to_fall,
    path_site,
    progression,
)
from helpers.weakness.views import alsfrs_figure, clinic_figure, pathway_figure

#: The people a learner can choose in the daily-life chart: both ALS people, then people whose scores stay
#: full, so the contrast is one click away.
DAILY_LIFE_PERSONAS: tuple[str, ...] = (
    "als_limb_onset",
    "als_bulbar_onset",
    "myasthenia_gravis",
    "cervical_radiculopathy",
    "benign_fasciculation",
    "health_anxiety",
    "post_viral_fatigue",
)
#: The people in the clinic-visit chart: the two ALS people and three whose hands are examined for other reasons.
CLINIC_PERSONAS: tuple[str, ...] = (
    "als_limb_onset",
    "als_bulbar_onset",
    "myasthenia_gravis",
    "carpal_tunnel",
    "benign_fasciculation",
)


# ---------------------------------------------------------------------------
# 1. The motor pathway explorer
# ---------------------------------------------------------------------------
def site_sources(site: str) -> str:
    """ "Shefner 2020; Turner & Talbot 2013": the sources of a site's signs, as the reference list cites them."""
    from helpers.references import cites

    return cites(path_site(site).sources)


def site_details_html(site: str) -> str:
    """The signs damage at ``site`` gives, who in the course has trouble there, and the sources, as a short list."""
    chosen = path_site(site)
    signs = "".join(f"<li>{html.escape(s)}</li>" for s in chosen.signs)
    people = ", ".join(person(p).first_name for p in chosen.people) or "none"
    calm = ", ".join(person(p).first_name for p in NO_DAMAGE)
    return (
        f"<div style='font-size:1em;line-height:1.45'><p style='margin:0.3em 0'><strong>{html.escape(chosen.name)}"
        f"</strong>: {html.escape(chosen.where)}.</p><p style='margin:0.3em 0'>Damage here can give:</p>"
        f"<ul style='margin:0.2em 0 0.4em 1.2em;padding:0'>{signs}</ul>"
        f"<p style='margin:0.3em 0'>The course's synthetic people with trouble here: {html.escape(people)}. "
        f"{html.escape(chosen.note)}</p><p style='margin:0.3em 0;color:#444'>No damage found on the path when a "
        f"clinician examined them: {html.escape(calm)}. Their symptoms are real.</p>"
        f"<p style='margin:0.3em 0;color:#444;font-size:0.9em'>Sources: "
        f"{html.escape(site_sources(site))}.</p></div>"
    )


class PathwayExplorer(FigureApp):
    """Pick a site on the path from brain to muscle: the diagram marks it, the list says what damage there does."""

    def __init__(self, site: str = "upper_motor_neuron") -> None:
        path_site(site)  # checks the argument
        self.site = dropdown("Site", [(s.name, s.key) for s in PATH_SITES], site)
        self.details = widgets.HTML(site_details_html(site))
        super().__init__(
            "The path from brain to muscle",
            "Choose a site on the path: which signs does damage there give, and who in the course has it?",
            [self.site],
            rows=[self.site, self.details],  # the signs right under the menu, where the eye is after a choice
        )

    def view(self) -> go.Figure:
        return pathway_figure(self.site.value)

    def update(self) -> None:
        super().update()
        self.details.value = site_details_html(self.site.value)


def pathway_explorer(site: str = "upper_motor_neuron") -> PathwayExplorer:
    """The motor pathway explorer, opened at ``site`` (one of PATH_SITE_KEYS)."""
    return PathwayExplorer(site)


# ---------------------------------------------------------------------------
# 2. Daily life over time (ALSFRS-R)
# ---------------------------------------------------------------------------
def progression_html(rate: Progression) -> str:
    """The slope and Kimura's rate written out, so a learner can check them by hand."""
    per_month = (
        f"{rate.points_per_month:.2f} points a month"
        if rate.points_per_month > 0
        else "no fall (the total did not go down)"
    )
    slope = (
        f"Slope between the first and the last visit: ({rate.first_total} − {rate.last_total}) ÷ "
        f"{rate.months:.1f} months = <strong>{per_month}</strong>."
    )
    if rate.kimura_rate is None:
        return (
            f"<p style='margin:0.3em 0'>{slope} The course scores everyone so you can compare; in real life the "
            f"ALSFRS-R is used only for people with ALS, and Kimura's rate does not apply here.</p>"
        )
    return (
        f"<p style='margin:0.3em 0'>{slope}<br>Kimura's rate at the first visit: ({FULL_SCORE} − "
        f"{rate.first_total}) ÷ {rate.months_since_symptoms:.0f} months since the first symptom = "
        f"<strong>{rate.kimura_rate:.2f} points a month</strong>. It rests on one visit and on when the first "
        f"symptom was (an assumption of the course, from the story), so it can differ from the slope over two "
        f"years. Studies use it to compare groups (under 0.5 slow, 0.5 to under 1.0 intermediate, 1.0 or more "
        f"fast; Kimura 2006); it cannot tell one person's future.</p>"
    )


def daily_life_figure(persona: str) -> go.Figure:
    """One person's ALSFRS-R chart as a still figure."""
    persona = check_persona(persona, DAILY_LIFE_PERSONAS)
    return alsfrs_figure(
        alsfrs_items(persona), person(persona).name_and_age, first_items_to_fall(persona), progression(persona)
    )


class DailyLife(FigureApp):
    """Choose a person: the 12 everyday functions of the ALSFRS-R at each visit, and how fast the total falls."""

    def __init__(self, persona: str = "als_limb_onset") -> None:
        persona = check_persona(persona, DAILY_LIFE_PERSONAS)
        self.persona = dropdown("Person", persona_options(DAILY_LIFE_PERSONAS), persona)
        self.numbers = widgets.HTML(progression_html(progression(persona)))
        super().__init__(
            "Daily life over two years (ALSFRS-R)",
            "Choose a person: which everyday functions fall first, and how fast does the total fall?",
            [self.persona],
            below=[self.numbers],
        )

    def view(self) -> go.Figure:
        return daily_life_figure(self.persona.value)

    def update(self) -> None:
        super().update()
        self.numbers.value = progression_html(progression(self.persona.value))


def daily_life(persona: str = "als_limb_onset") -> DailyLife:
    """The ALSFRS-R chart for one of DAILY_LIFE_PERSONAS (id or first name)."""
    return DailyLife(persona)


# ---------------------------------------------------------------------------
# 3. The clinic visit: grade and grip
# ---------------------------------------------------------------------------
def clinic_visit_figure(persona: str, hand: str = "right") -> go.Figure:
    """Grade and grip of one hand at every visit, as a still figure."""
    persona, hand = check_persona(persona, CLINIC_PERSONAS), check_hand(hand)
    who = person(persona)
    return clinic_figure(clinic_table(persona, hand), who.name_and_age, hand, who.normal_grip_kg[hand])


class ClinicVisit(FigureApp):
    """Choose a person and a hand: the examiner's MRC grade beside the grip meter, visit by visit."""

    def __init__(self, persona: str = "als_limb_onset", hand: str = "right") -> None:
        persona, hand = check_persona(persona, CLINIC_PERSONAS), check_hand(hand)
        self.persona = dropdown("Person", persona_options(CLINIC_PERSONAS), persona)
        self.hand = widgets.ToggleButtons(options=list(HANDS), value=hand, description="Hand")
        super().__init__(
            "The clinic visit: grade and grip meter",
            "Choose a person and a hand: when does the grade change, and when does the grip?",
            [self.persona, self.hand],
        )

    def view(self) -> go.Figure:
        return clinic_visit_figure(self.persona.value, self.hand.value)


def clinic_visit(persona: str = "als_limb_onset", hand: str = "right") -> ClinicVisit:
    """The grade-and-grip chart for one of CLINIC_PERSONAS."""
    return ClinicVisit(persona, hand)


__all__ = [
    "CLINIC_PERSONAS",
    "DAILY_LIFE_PERSONAS",
    "PATH_SITE_KEYS",
    "SYNTHETIC",
    "clinic_visit",
    "clinic_visit_figure",
    "daily_life",
    "daily_life_figure",
    "pathway_explorer",
]
