"""Teaching assertions: the patterns the lessons claim hold for any seed, not just the canonical one.

Hypothesis draws seeds; examples are few and derandomised so the suite stays fast
and repeatable. Assertions on noisy measurements use margins of several noise SDs.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.engine import GRIP_CHANGE_WITHIN_NOISE_KG, NEIGHBOURS, REGIONS, generate_cohort, grip_trials, load_cohort
from helpers.engine.personas import load_persona_specs

SEEDS = st.integers(min_value=0, max_value=2**32 - 1)
FAST = settings(max_examples=10, deadline=None, derandomize=True)
STRENGTH = [f"strength_pct_{r}" for r in REGIONS]
SENSORY_PERSONAS = {"cervical_radiculopathy", "carpal_tunnel", "b12_deficiency"}


def _with_persona(cohort):
    return cohort.daily.merge(cohort.personas[["person_id", "persona", "category", "onset_region"]])


@FAST
@given(seed=SEEDS)
def test_benign_personas_never_lose_true_strength(seed):
    c = generate_cohort(
        seed=seed,
        days=365,
        personas=["hard_training_week", "exam_stress_student", "benign_fasciculation", "health_anxiety"],
        people_per_persona=2,
    )
    d = _with_persona(c)
    assert (d[STRENGTH] == 100).all().all()
    assert (c.visits.filter(like="mrc_") == 5).all().all()
    # measured grip: no change beyond noise between the first and the last month
    first = d[d.day < 30].groupby("person_id")["grip_kg_right"].mean()
    last = d[d.day >= 335].groupby("person_id")["grip_kg_right"].mean()
    assert ((last - first).abs() < 2.0).all()


@FAST
@given(seed=SEEDS)
def test_als_true_strength_never_recovers_and_spreads(seed):
    c = generate_cohort(seed=seed, days=365, personas=["als_limb_onset", "als_bulbar_onset"], people_per_persona=3)
    d = _with_persona(c).sort_values(["person_id", "day"])
    for _, g in d.groupby("person_id"):
        s = g[STRENGTH].to_numpy()
        assert (np.diff(s, axis=0) <= 0).all(), "ALS strength is monotone non-increasing"
        onset = g["onset_region"].iloc[0]
        start, end = g.iloc[0], g.iloc[-1]
        assert end[f"strength_pct_{onset}"] < start[f"strength_pct_{onset}"], "and it does progress"
    # the textbook cases: loss beyond measurement noise and spread to a neighbouring region within a year
    textbook = c.personas[c.personas.textbook_case]
    for _, p in textbook.iterrows():
        g = d[d.person_id == p.person_id]
        end = g.iloc[-1]
        assert g.iloc[0][f"strength_pct_{p.onset_region}"] - end[f"strength_pct_{p.onset_region}"] > 15
        assert any(end[f"strength_pct_{n}"] < 90 for n in NEIGHBOURS[p.onset_region]), p.persona
    limb = d[d.person_id == textbook[textbook.persona == "als_limb_onset"].person_id.iloc[0]]
    grip_first, grip_last = limb[limb.day < 30].grip_kg_right.mean(), limb[limb.day >= 335].grip_kg_right.mean()
    assert grip_first - grip_last > GRIP_CHANGE_WITHIN_NOISE_KG


@FAST
@given(seed=SEEDS)
def test_fatigue_recovers_with_rest_true_loss_does_not(seed):
    healthy = grip_trials("hard_training_week", seed=seed)
    h = healthy.groupby("trial")["force_kg"].mean()  # mean of both hands
    start, end, retest = h[[1, 2]].mean(), h[[11, 12]].mean(), h[13]
    assert end < 0.85 * start, "a healthy person's grip drops within the session"
    assert retest > start - 7.0, "and comes back after two minutes' rest (margin: 3 noise SDs)"

    als = grip_trials("als_limb_onset", seed=seed).pivot(index="trial", columns="hand", values="force_kg")
    right_start, left_start = als.loc[1:3, "right"].mean(), als.loc[1:3, "left"].mean()
    assert right_start < left_start - GRIP_CHANGE_WITHIN_NOISE_KG, "the affected hand starts low"
    own_normal = generate_cohort(seed=seed, days=1, personas=["als_limb_onset"]).personas.grip_normal_kg_right.iloc[0]
    assert als.loc[13, "right"] < als.loc[13, "left"], "after rest the affected hand is still the weaker one"
    assert als.loc[13, "right"] < own_normal - GRIP_CHANGE_WITHIN_NOISE_KG, "and stays well below its own normal"
    later = grip_trials("als_limb_onset", seed=seed, day=540)
    assert later[later.hand == "right"].force_kg.iloc[:3].mean() < right_start - GRIP_CHANGE_WITHIN_NOISE_KG

    mg = grip_trials("myasthenia_gravis", seed=seed).groupby("trial")["force_kg"].mean()
    assert mg[[11, 12]].mean() < 0.65 * mg[[1, 2]].mean(), "fatigable weakness drops much more than 30%"
    assert mg[13] > mg[[11, 12]].mean() + 8, "and recovers with two minutes' rest"
    rested = grip_trials("myasthenia_gravis", seed=seed, rest_s=600).groupby("trial")["force_kg"].mean()
    assert rested[13] > 0.8 * rested[[1, 2]].mean(), "nearly fully after ten minutes"


@FAST
@given(seed=SEEDS)
def test_als_twitching_sits_in_weakening_regions(seed):
    c = generate_cohort(seed=seed, days=365, personas=["als_limb_onset", "als_bulbar_onset"], people_per_persona=2)
    d = c.daily
    strength = d[STRENGTH].to_numpy()
    twitches = d[[f"twitches_{r}" for r in REGIONS]].to_numpy()
    weakening = strength < 100
    share = twitches[weakening].sum() / twitches.sum()
    assert share >= 0.8, share
    assert twitches[weakening].mean() > 5 * twitches[~weakening].mean()


@FAST
@given(seed=SEEDS)
def test_numbness_only_in_mimics_that_cause_it(seed):
    c = generate_cohort(seed=seed, days=120)
    d = _with_persona(c)
    sensory = d[["numbness_0_10", "night_numbness_0_10"]].sum(axis=1) > 0
    assert set(d.loc[sensory, "persona"]) <= SENSORY_PERSONAS
    for persona in SENSORY_PERSONAS:
        assert sensory[d.persona == persona].mean() > 0.5, persona
    assert (d.loc[d.category == "als", ["numbness_0_10", "night_numbness_0_10"]] == 0).all().all()


@FAST
@given(seed=SEEDS)
def test_trigger_twitching_follows_exams_and_settles(seed):
    c = generate_cohort(seed=seed, days=200, personas=["exam_stress_student"])
    d = c.daily
    t = d.filter(like="twitches_").sum(axis=1)
    exams = d.day.between(100, 127)
    calm = d.day.between(30, 90)
    after = d.day.between(150, 199)
    assert t[exams].mean() > 2.5 * t[calm].mean()
    assert t[after].mean() < 0.5 * t[exams].mean(), "settles after the exams"
    assert (d.loc[exams, "fatigue_0_10"].mean() - d.loc[calm, "fatigue_0_10"].mean()) > 1.2
    assert (d[STRENGTH] == 100).all().all()


@FAST
@given(seed=SEEDS)
def test_hard_week_fatigue_recovers_strength_flat(seed):
    c = generate_cohort(seed=seed, days=60, personas=["hard_training_week"])
    d = c.daily
    hard, before, after = d.day.between(14, 20), d.day.between(0, 12), d.day.between(30, 59)
    assert d.loc[hard, "fatigue_0_10"].mean() > d.loc[before, "fatigue_0_10"].mean() + 1
    assert abs(d.loc[after, "fatigue_0_10"].mean() - d.loc[before, "fatigue_0_10"].mean()) < 1
    grip_change = d.loc[hard, "grip_kg_right"].mean() - d.loc[before, "grip_kg_right"].mean()
    assert abs(grip_change) < GRIP_CHANGE_WITHIN_NOISE_KG, "fatigue barely lowers maximal force"


@FAST
@given(seed=SEEDS)
def test_mimics_improve_and_health_anxiety_measures_normal(seed):
    c = generate_cohort(seed=seed, days=365, personas=["overactive_thyroid", "health_anxiety", "post_viral_fatigue"])
    d = _with_persona(c)
    thy = d[d.persona == "overactive_thyroid"]
    tw = thy.filter(like="twitches_").sum(axis=1)
    assert tw[thy.day < 70].mean() > 3 * tw[thy.day > 200].mean(), "thyroid twitching resolves with treatment"
    anx = d[d.persona == "health_anxiety"]
    assert anx.reported_weakness_0_10.mean() >= 4 and (anx[STRENGTH] == 100).all().all()
    assert anx.self_checks.mean() > 5
    pv = d[d.persona == "post_viral_fatigue"]
    assert pv.fatigue_0_10.mean() >= 5 and (pv[STRENGTH] == 100).all().all()


def test_canonical_cohort_shows_every_pattern():
    """The committed data/ (COURSE_SEED) itself: the cases the lessons point at."""
    c = load_cohort()
    d = _with_persona(c)
    by = {name: group for name, group in d.groupby("persona")}  # noqa: C416  (dict(groupby) reads its .keys)
    limb = by["als_limb_onset"]
    assert limb.strength_pct_right_arm.iloc[0] <= 75 and limb.strength_pct_left_arm.iloc[0] == 100
    assert limb.grip_kg_right.iloc[:7].mean() < limb.grip_kg_left.iloc[:7].mean() - GRIP_CHANGE_WITHIN_NOISE_KG
    bulbar = by["als_bulbar_onset"]
    assert bulbar.speech_0_10.iloc[:30].mean() > 1 and bulbar.strength_pct_right_arm.iloc[0] == 100
    mg = by["myasthenia_gravis"]
    assert mg.eyelid_droop_0_10.iloc[:100].mean() > 2 and mg.double_vision.iloc[:100].sum() > 10
    cts = by["carpal_tunnel"]
    assert cts.night_numbness_0_10.mean() > cts.numbness_0_10.mean() + 1.5
    b12 = by["b12_deficiency"]
    assert b12.balance_0_10.iloc[:40].mean() > 2
    rad = by["cervical_radiculopathy"]
    assert rad.pain_0_10.iloc[:30].mean() > 4 and rad.strength_pct_right_arm.iloc[-1] > 95
    specs = load_persona_specs()
    for persona, g in by.items():
        if specs[persona].category == "benign":
            assert (g[STRENGTH] == 100).all().all()
