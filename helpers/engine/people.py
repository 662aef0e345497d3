"""The course's twelve people, as every lesson reads them: one cached cohort, one way to look a person up.

Why here: every lesson shows the same synthetic people (their label, first name,
story, own normal grip, diary and visits). Reading data/ once per kernel and
looking people up in one place means a persona typo gets the same clear message
in every lesson, and a learner who picks "Peter" in one lesson meets the same
Peter, with the same numbers, in the next. The lessons show each persona's
textbook case (person 0 of the persona, see data/README.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import pandas as pd

from helpers.engine.cohort import Cohort, load_cohort
from helpers.engine.personas import PERSONA_IDS, PersonaSpec, load_persona_specs
from helpers.engine.units import DAYS_PER_MONTH, DAYS_PER_WEEK, HANDS
from helpers.errors import CourseInputError

__all__ = [
    "DAYS_PER_MONTH",
    "DAYS_PER_WEEK",
    "HANDS",
    "SYNTHETIC",
    "Person",
    "check_persona",
    "course_cohort",
    "diary",
    "person",
    "persona_options",
    "visits",
]


#: How every caption about one of the course's people begins, so that a caption read aloud, or a
#: screenshot's alt text, never passes for a real patient.
SYNTHETIC = "Synthetic person."


@cache
def course_cohort() -> Cohort:
    """The canonical cohort in data/, read once per kernel (data/ does not change while a lesson runs)."""
    return load_cohort()


@cache
def _specs() -> dict[str, PersonaSpec]:
    return load_persona_specs()


def check_persona(persona: object, allowed: Sequence[str] | None = None) -> str:
    """A persona id from ``allowed`` (default: every course persona), or an error that lists them.

    Accepts the first name shown on screen ("Peter") as well as the id
    ("als_limb_onset"), because a learner types what they read.
    """
    options = tuple(allowed) if allowed is not None else PERSONA_IDS
    if isinstance(persona, str):
        if persona in options:
            return persona
        by_name = {person(p).first_name.lower(): p for p in options}
        found = by_name.get(persona.strip().lower())
        if found:
            return found
    shown = ", ".join(f"{p} ({person(p).first_name})" for p in options)
    raise CourseInputError("persona", persona, shown, "use one of the persona ids or first names exactly as listed")


@dataclass(frozen=True)
class Person:
    """What a lesson shows about one persona's textbook case, and where to find its rows."""

    persona: str
    person_id: str
    label: str  # "Peter, 58: a clumsy right hand"
    story: str
    condition: str  # the hidden truth, for a reveal
    condition_explained: str
    category: str
    onset_region: str
    normal_grip_kg: dict[str, float]

    @property
    def first_name(self) -> str:
        """ "Peter"."""
        return self.name_and_age.split(",")[0].strip()

    @property
    def name_and_age(self) -> str:
        """ "Peter, 58"."""
        return self.label.split(":")[0].strip()


@cache
def person(persona: str) -> Person:
    """The textbook case of ``persona`` (an id in the persona file)."""
    specs = _specs()
    if persona not in specs:
        raise CourseInputError("persona", persona, ", ".join(specs), "use one of the persona ids exactly as listed")
    spec = specs[persona]
    people = course_cohort().personas
    row = people[(people["persona"] == persona) & people["textbook_case"].astype(bool)]
    if row.empty:
        raise CourseInputError(
            "persona", persona, ", ".join(people["persona"].unique()), 'regenerate data/ with "python3 course.py data"'
        )
    r = row.iloc[0]
    return Person(
        persona=persona,
        person_id=str(r["person_id"]),
        label=spec.label,
        story=spec.story,
        condition=spec.condition,
        condition_explained=spec.condition_explained,
        category=spec.category,
        onset_region=spec.onset_region,
        normal_grip_kg={"right": float(r["grip_normal_kg_right"]), "left": float(r["grip_normal_kg_left"])},
    )


def persona_options(allowed: Sequence[str] | None = None) -> list[tuple[str, str]]:
    """(label, id) pairs for a dropdown, in course order; each label says the person is synthetic."""
    return [(f"{person(p).label} (synthetic)", p) for p in (allowed if allowed is not None else PERSONA_IDS)]


@cache
def _daily_by_person() -> dict[str, pd.DataFrame]:
    daily = course_cohort().daily
    return {str(k): g.reset_index(drop=True) for k, g in daily.groupby("person_id", sort=False)}


def diary(persona: str) -> pd.DataFrame:
    """The daily diary of a persona's textbook case (the cached table: do not modify it in place)."""
    return _daily_by_person()[person(check_persona(persona)).person_id]


def visits(persona: str) -> pd.DataFrame:
    """The clinic visits of a persona's textbook case."""
    table = course_cohort().visits
    return table[table["person_id"] == person(check_persona(persona)).person_id].reset_index(drop=True)
