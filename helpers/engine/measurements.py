"""From true strength and fatigue to what a clinic or a home diary measures.

Why separate: the same truth can be observed by a dynamometer (kg), an examiner
(MRC grade 0-5), a questionnaire (ALSFRS-R, FSS). Each instrument has its own
noise and its own blind spots, and the lessons are about exactly those.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from helpers.checks import numbers, one_of
from helpers.engine.regions import REGIONS
from helpers.errors import CourseInputError

# --------------------------------------------------------------------------
# Hand-grip dynamometry
# --------------------------------------------------------------------------
#: Measurement noise of one grip reading, SD in kg. Source: Bai 2019 (standard error of
#: measurement 1.8 kg); Abe 2025.
GRIP_NOISE_SD_KG: float = 1.8
#: The course's one grip noise band: a change smaller than this between two readings can be
#: measurement noise. Source: Bai 2019 (smallest detectable change 4.9-5.1 kg); Abe 2025 (4-5 kg,
#: 12-17%, by chance in healthy people). It is also 1.96 x sqrt(2) x 1.8 kg, the usual formula for
#: the difference of two noisy readings. Every lesson's grey band is this number.
GRIP_CHANGE_WITHIN_NOISE_KG: float = 5.0
#: A body region counts as weak when its strength is below this share of normal (lessons 02 and 04). ASSUMPTION,
#: based on grip noise (a repeat grip test can differ by about 12-17% by chance; Abe 2025, Bai 2019); other regions
#: are examined in other ways, and the same threshold stands in for them.
WEAK_BELOW_PCT: float = 85.0

#: Median grip (kg, dominant hand) by age. Source: Dodds 2014 (PMID 25474696):
#: peak median 51 kg (men, 29-39) and 31 kg (women, 26-42), decline from
#: midlife. The values at other ages are ASSUMPTION: read approximately from
#: the shape of Dodds 2014's centile curves (only the peaks are quoted here).
_NORM_AGES = np.array([18, 20, 29, 39, 45, 50, 55, 60, 65, 70, 75, 80, 90], dtype=float)
_NORM_MEN_KG = np.array([44, 46, 51, 51, 50, 48.5, 46.5, 44, 41.5, 38.5, 35, 31.5, 25], dtype=float)
_NORM_WOMEN_KG = np.array([28, 29, 31, 31, 30.5, 29, 27.5, 26, 24.5, 23, 21, 19, 15], dtype=float)
_NORM_WOMEN_AGES = np.array([18, 20, 26, 42, 45, 50, 55, 60, 65, 70, 75, 80, 90], dtype=float)
#: Non-dominant (left) hand relative to the dominant (right) hand.
#: ASSUMPTION: everyone in the cohort is right-handed; the other hand is about 7% weaker.
NON_DOMINANT_RATIO: float = 0.93
#: Between-person spread of own normal grip around the median (log-SD).
#: ASSUMPTION: roughly matches the width of Dodds 2014's 10th-90th centiles.
GRIP_BETWEEN_PERSON_LOG_SD: float = 0.15
#: Fraction of maximal grip lost per point of daily fatigue (0-10).
#: ASSUMPTION: fatigue barely lowers maximal force (the definition of fatigue as a feeling);
#: at fatigue 8 the maximal grip is 4% lower, about one noise SD.
GRIP_LOSS_PER_FATIGUE_POINT: float = 0.005


def grip_norm_kg(age: ArrayLike, sex: str) -> np.ndarray:
    """Median dominant-hand grip (kg) for age and sex, Dodds 2014 (PMID 25474696)."""
    sex = one_of("sex", sex, ("female", "male"), "pass sex='female' or sex='male'")
    a = numbers("age", age, 18, 95, "pass an adult age", "years")
    if sex == "male":
        return np.interp(a, _NORM_AGES, _NORM_MEN_KG)
    return np.interp(a, _NORM_WOMEN_AGES, _NORM_WOMEN_KG)


# --------------------------------------------------------------------------
# Within-session (acute) fatigue of repeated maximal grips
# --------------------------------------------------------------------------
#: Healthy drop over 12 maximal grips (3 s on, 5 s off). Source: White 2013 (PMID 24052933): about 30%.
HEALTHY_GRIP_DROP_12: float = 0.30
#: Shape of the within-session decline: e-folding in trials.
#: ASSUMPTION: the drop is steepest in the first grips and levels off.
ACUTE_FATIGUE_SHAPE_TRIALS: float = 6.0
#: Recovery time constant after the session (s). ASSUMPTION: near full recovery within minutes
#: (White 2013 measured the fall, not the recovery); with 40 s, 95% is back after 2 minutes.
ACUTE_RECOVERY_TAU_S: float = 40.0
#: Myasthenia recovers more slowly. ASSUMPTION: still "recovers with rest" within minutes.
FATIGABLE_RECOVERY_TAU_S: float = 60.0
#: Rest between maximal grips in the standard protocol. Source: White 2013 ("3 s on, 5 s off").
GRIP_REST_BETWEEN_S: float = 5.0


def acute_grip_factors(repetitions: int, rest_s: float, drop_12: ArrayLike, recovery_tau_s: ArrayLike) -> np.ndarray:
    """Force relative to the first grip for each trial, then a retest after ``rest_s``.

    Returns shape (..., repetitions + 1) for broadcastable ``drop_12`` and
    ``recovery_tau_s``: trials 1..repetitions of the session, then the retest.
    """
    drop = np.asarray(drop_12, dtype=float)[..., None]
    tau = np.asarray(recovery_tau_s, dtype=float)[..., None]
    j = np.arange(repetitions, dtype=float)
    shape = (1 - np.exp(-j / ACUTE_FATIGUE_SHAPE_TRIALS)) / (1 - np.exp(-11.0 / ACUTE_FATIGUE_SHAPE_TRIALS))
    session = np.clip(1.0 - drop * shape, 0.05, 1.0)
    residual = (1.0 - session[..., -1:]) * np.exp(-rest_s / tau)
    return np.concatenate([session, 1.0 - residual], axis=-1)


# --------------------------------------------------------------------------
# MRC grades
# --------------------------------------------------------------------------
#: Lower strength bounds (% of own normal) for MRC grades 5, 4, 3, 2, 1.
#: ASSUMPTION: the MRC scale is coarse and not linear; a muscle can lose a sizeable part of its
#: force and still be graded 5, and grade 4 spans most of the range, down to a small fraction of
#: normal force; grade 3 (against gravity, yielding to any push) is only a few kilograms of grip.
#: That is why dynamometry detects change earlier (Medical Research Council 1976; Shefner 2017).
MRC_LOWER_BOUNDS_PCT: tuple[tuple[int, float], ...] = ((5, 85.0), (4, 10.0), (3, 4.0), (2, 1.5), (1, 0.5))
#: Examiner variability, SD in % strength before grading. ASSUMPTION.
MRC_EXAMINER_SD_PCT: float = 3.0


def mrc_grade_from_strength(strength_pct: ArrayLike) -> np.ndarray:
    """MRC grade (0-5) for strength as a percentage of the person's own normal.

    Vectorised. Strength must be 0-100 (no NaN): a value outside raises a
    CourseInputError naming the allowed range.
    """
    s = numbers(
        "strength_pct",
        strength_pct,
        0,
        100,
        "clip the value into 0-100 and fill or drop missing values",
        "(% of own normal)",
    )
    return _mrc_unchecked(s)


def _mrc_unchecked(s: np.ndarray) -> np.ndarray:
    grade = np.zeros(s.shape, dtype=np.int64)
    for g, low in reversed(MRC_LOWER_BOUNDS_PCT):
        grade = np.where(s >= low, g, grade)
    return grade


def check_mrc_grade(grade: ArrayLike) -> np.ndarray:
    """Validate MRC grades: whole numbers 0-5. Returns them as an int array."""
    g = np.asarray(grade, dtype=float)
    if np.isnan(g).any() or (g < 0).any() or (g > 5).any() or (g != np.round(g)).any():
        raise CourseInputError(
            "MRC grade",
            grade,
            "whole numbers 0 (no contraction), 1 (flicker), 2 (movement with gravity eliminated), "
            "3 (against gravity), 4 (against some resistance), 5 (normal)",
            "use a whole grade from 0 to 5",
        )
    return g.astype(np.int64)


# --------------------------------------------------------------------------
# ALSFRS-R (Cedarbaum 1999): 12 items 0-4, total 48
# --------------------------------------------------------------------------
#: Item -> (region weights, strength % at which the item starts to fall,
#: strength % at which it reaches 0). ASSUMPTION for all mappings: an item stays
#: at 4 while the muscles that serve it keep most of their strength (people
#: compensate), then falls linearly; fine-motor items (writing, cutting food)
#: start to fall with the first loss (clumsy fingers are an early sign of limb-onset
#: ALS, textbook pattern; Cedarbaum 1999 for the items); breathing items fall late.
ALSFRS_R_ITEMS: dict[str, tuple[dict[str, float], float, float]] = {
    "speech": ({"bulbar": 1.0}, 95.0, 15.0),
    "salivation": ({"bulbar": 1.0}, 80.0, 5.0),
    "swallowing": ({"bulbar": 1.0}, 90.0, 10.0),
    "handwriting": ({"right_arm": 1.0}, 100.0, 20.0),  # fine motor: affected early; everyone right-handed (ASSUMPTION)
    "cutting_food": ({"right_arm": 0.5, "left_arm": 0.5}, 100.0, 15.0),  # fine motor: affected early
    "dressing_hygiene": ({"right_arm": 0.35, "left_arm": 0.35, "trunk": 0.3}, 90.0, 10.0),
    "turning_in_bed": ({"trunk": 0.5, "right_arm": 0.25, "left_arm": 0.25}, 85.0, 10.0),
    "walking": ({"right_leg": 0.5, "left_leg": 0.5}, 95.0, 10.0),  # tripping / foot drop early
    "climbing_stairs": ({"right_leg": 0.5, "left_leg": 0.5}, 95.0, 20.0),
    "dyspnea": ({"trunk": 1.0}, 80.0, 10.0),
    "orthopnea": ({"trunk": 1.0}, 70.0, 5.0),
    "respiratory_insufficiency": ({"trunk": 1.0}, 40.0, 0.0),
}
#: Rater and day-to-day noise on each item before rounding, applied only to an item that has begun to
#: fall (a person with full function scores 4: the scale's ceiling). ASSUMPTION.
ALSFRS_R_ITEM_NOISE_SD: float = 0.2


def alsfrs_r_expected_items(strength: np.ndarray) -> dict[str, np.ndarray]:
    """Continuous (un-rounded) ALSFRS-R items from strength, REGIONS on axis 0."""
    idx = {r: i for i, r in enumerate(REGIONS)}
    items = {}
    for name, (weights, top, bottom) in ALSFRS_R_ITEMS.items():
        s = sum(w * strength[idx[r]] for r, w in weights.items())
        items[name] = 4.0 * np.clip((s - bottom) / (top - bottom), 0.0, 1.0)
    return items


# --------------------------------------------------------------------------
# Fatigue Severity Scale (Krupp 1989): 9 items 1-7, score = mean; >= 4 significant
# --------------------------------------------------------------------------
#: FSS latent = FSS_INTERCEPT + FSS_PER_FATIGUE_POINT * mean daily fatigue over
#: the previous FSS_WINDOW_DAYS. ASSUMPTION: maps a daily fatigue of about 5/10
#: to the FSS threshold of 4 (Krupp 1989).
FSS_INTERCEPT: float = 1.0
FSS_PER_FATIGUE_POINT: float = 0.6
FSS_WINDOW_DAYS: int = 28
FSS_ITEM_NOISE_SD: float = 0.7  # ASSUMPTION: item-to-item scatter
