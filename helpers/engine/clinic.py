"""Clinic visits and repeated-grip sessions, measured from a persona's timeline.

Why here and not in timelines.py: these are observations (an examiner, a
questionnaire, a dynamometer session), with their own noise, of the truth the
timeline holds.
"""

from __future__ import annotations

import numpy as np

from helpers.engine.measurements import (
    ACUTE_RECOVERY_TAU_S,
    ALSFRS_R_ITEM_NOISE_SD,
    FATIGABLE_RECOVERY_TAU_S,
    FSS_INTERCEPT,
    FSS_ITEM_NOISE_SD,
    FSS_PER_FATIGUE_POINT,
    FSS_WINDOW_DAYS,
    GRIP_LOSS_PER_FATIGUE_POINT,
    GRIP_NOISE_SD_KG,
    GRIP_REST_BETWEEN_S,
    HEALTHY_GRIP_DROP_12,
    MRC_EXAMINER_SD_PCT,
    _mrc_unchecked,
    acute_grip_factors,
    alsfrs_r_expected_items,
)
from helpers.engine.personas import PersonaSpec
from helpers.engine.randomness import stream
from helpers.engine.regions import REGIONS
from helpers.engine.timelines import PersonaTimeline

#: Clinic visits every this many days (about 3 months), starting on day 0.
#: ASSUMPTION: a typical neuromuscular clinic interval; every persona is seen on
#: the same schedule so that the personas can be compared.
VISIT_INTERVAL_DAYS: int = 91
#: Visible wasting once a denervated (ALS) region has lost this much strength.
#: ASSUMPTION: wasting follows lower motor neuron loss (textbook pattern; Turner & Talbot 2013).
WASTING_FROM_LOSS_PCT: float = 30.0
#: Rest before the first grip of a session, written to rest_s_before for trial 1.
#: ASSUMPTION: the person arrives rested (we write 0 = "start of session").
FIRST_TRIAL_REST_S: float = 0.0

#: How much myasthenia's extra within-session drop swings between good and bad
#: days (per SD of the good/bad-day signal). ASSUMPTION.
FATIGABLE_DROP_SWING: float = 0.15


def visit_days(n_days: int) -> np.ndarray:
    """Days of the clinic visits within a diary of ``n_days`` days."""
    return np.arange(0, n_days, VISIT_INTERVAL_DAYS)


def clinic_visits(spec: PersonaSpec, tl: PersonaTimeline, seed: int, vdays: np.ndarray) -> dict[str, np.ndarray]:
    """MRC grades, ALSFRS-R items and total, FSS and wasting at each visit, shape (people, visits)."""
    people = tl.strength.shape[1]
    nv = len(vdays)
    s = tl.strength[:, :, vdays]  # (6, people, visits)
    out: dict[str, np.ndarray] = {}
    examiner = stream(seed, spec.persona, "mrc").standard_normal((people, nv, len(REGIONS))) * MRC_EXAMINER_SD_PCT
    for i, region in enumerate(REGIONS):
        out[f"mrc_{region}"] = _mrc_unchecked(np.clip(s[i] + examiner[:, :, i], 0.0, 100.0))
    expected = alsfrs_r_expected_items(s)
    noise = stream(seed, spec.persona, "alsfrs").standard_normal((people, nv, len(expected))) * ALSFRS_R_ITEM_NOISE_SD
    # Rater noise only once a function has begun to fall: a person with full function scores 4 on every
    # item (the scale's ceiling), so people without weakness keep 48 at every visit.
    items = {
        name: np.clip(np.round(np.where(v < 4.0, v + noise[:, :, j], v)), 0, 4).astype(np.int64)
        for j, (name, v) in enumerate(expected.items())
    }
    out["alsfrs_r_total"] = np.sum(np.stack(list(items.values())), axis=0)
    for name, v in items.items():
        out[f"alsfrs_r_{name}"] = v
    fatigue = tl.daily["fatigue_0_10"]
    csum = np.concatenate([np.zeros((people, 1)), np.cumsum(fatigue, axis=1)], axis=1)
    lo = np.maximum(0, vdays + 1 - FSS_WINDOW_DAYS)
    recent = (csum[:, vdays + 1] - csum[:, lo]) / (vdays + 1 - lo)
    latent = FSS_INTERCEPT + FSS_PER_FATIGUE_POINT * recent
    fss_items = np.clip(
        np.round(
            latent[:, :, None] + FSS_ITEM_NOISE_SD * stream(seed, spec.persona, "fss").standard_normal((people, nv, 9))
        ),
        1,
        7,
    )
    out["fss"] = np.round(fss_items.mean(axis=2), 2)
    denervating = spec.weakness.kind == "als"
    for i, region in enumerate(REGIONS):
        out[f"wasting_{region}"] = ((100.0 - s[i] >= WASTING_FROM_LOSS_PCT) & denervating).astype(np.int64)
    return out


def grip_session(
    spec: PersonaSpec, tl: PersonaTimeline, seed: int, day: int, repetitions: int, rest_s: float
) -> np.ndarray:
    """Forces (kg) of one repeated-grip session on ``day``: shape (people, 2 hands, repetitions + 1).

    Trials 1..repetitions are maximal grips 5 s apart (White 2013); the last
    column is the retest after ``rest_s`` seconds. The noise stream is keyed by
    (day, repetitions) so that changing ``rest_s`` changes only the retest.
    """
    own = np.stack([tl.traits["grip_normal_kg_right"], tl.traits["grip_normal_kg_left"]], axis=1)  # (people, 2)
    arm_idx = [REGIONS.index("right_arm"), REGIONS.index("left_arm")]
    rested = own * tl.strength[arm_idx, :, day].T / 100.0
    rested = rested * (1.0 - GRIP_LOSS_PER_FATIGUE_POINT * np.clip(tl.fatigue_latent[:, day], 0, 10))[:, None]
    drop = np.full(rested.shape, HEALTHY_GRIP_DROP_12)
    tau = np.full(rested.shape, ACUTE_RECOVERY_TAU_S)
    if spec.weakness.kind == "fatigable":
        steep = spec.weakness.grip_drop_12_pct / 100.0
        level = np.clip(1.0 + FATIGABLE_DROP_SWING * tl.fatigable_z[:, day], 0.7, 1.3) * tl.activity[day]
        for h, region in enumerate(("right_arm", "left_arm")):
            if region in spec.weakness.regions:
                drop[:, h] = HEALTHY_GRIP_DROP_12 + (steep - HEALTHY_GRIP_DROP_12) * level
                tau[:, h] = FATIGABLE_RECOVERY_TAU_S
    factors = acute_grip_factors(repetitions, rest_s, np.clip(drop, 0.0, 0.9), tau)
    noise = stream(seed, spec.persona, "grip_session", int(day), int(repetitions)).standard_normal(factors.shape)
    return np.round(np.clip(rested[:, :, None] * factors + GRIP_NOISE_SD_KG * noise, 0.0, None), 1)


def session_rest_before(repetitions: int, rest_s: float) -> np.ndarray:
    """rest_s_before for trials 1..repetitions+1: start, 5 s between grips, then ``rest_s``."""
    rest = np.full(repetitions + 1, GRIP_REST_BETWEEN_S)
    rest[0] = FIRST_TRIAL_REST_S
    rest[-1] = rest_s
    return rest
