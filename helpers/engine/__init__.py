"""The synthetic-data engine of the course: personas, timelines, measurements, cohort, people.

"Engine", not "model": each lesson package has a ``model`` module of its own (the
lesson's logic over this engine); this package is the one generator of synthetic
people that every lesson shares. Pure numpy/pandas (never plotly or ipywidgets).
Everything is synthetic and reproducible from a seed; every parameter names its
source or says ASSUMPTION (see data/README.md).
"""

from typing import Any

from helpers.engine.measurements import (
    GRIP_CHANGE_WITHIN_NOISE_KG,
    GRIP_NOISE_SD_KG,
    WEAK_BELOW_PCT,
    check_mrc_grade,
    grip_norm_kg,
    mrc_grade_from_strength,
)
from helpers.engine.personas import PERSONA_IDS, load_personas, persona_story
from helpers.engine.regions import NEIGHBOURS, REGIONS
from helpers.engine.triggers import TWITCH_SETTLE_TAU_DAYS, expected_twitches, trigger_twitch_series

# The cohort names are loaded on first use, so that
# ``python -m helpers.engine.cohort`` runs the module exactly once (no runpy warning).
_COHORT_NAMES = (
    "COURSE_SEED",
    "Cohort",
    "generate_cohort",
    "generate_people",
    "grip_trials",
    "load_cohort",
    "seed_from_student_id",
    "write_cohort",
)


def __getattr__(name: str) -> Any:
    if name in _COHORT_NAMES:
        from helpers.engine import cohort

        return getattr(cohort, name)
    raise AttributeError(f"module 'helpers.engine' has no attribute {name!r}")


__all__ = [
    "COURSE_SEED",
    "GRIP_CHANGE_WITHIN_NOISE_KG",
    "GRIP_NOISE_SD_KG",
    "NEIGHBOURS",
    "PERSONA_IDS",
    "REGIONS",
    "TWITCH_SETTLE_TAU_DAYS",
    "WEAK_BELOW_PCT",
    "Cohort",
    "check_mrc_grade",
    "expected_twitches",
    "generate_cohort",
    "generate_people",
    "grip_norm_kg",
    "grip_trials",
    "load_cohort",
    "load_personas",
    "mrc_grade_from_strength",
    "persona_story",
    "seed_from_student_id",
    "trigger_twitch_series",
    "write_cohort",
]
