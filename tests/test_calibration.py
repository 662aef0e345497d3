"""Calibration: the generated cohort meets the published figures its parameters cite (data/references.toml).

Each test names its source. Large cohorts (many people per persona) are used so
that averages, not single noisy people, are compared with the literature.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers.engine import GRIP_NOISE_SD_KG, generate_cohort, grip_norm_kg, grip_trials
from helpers.engine.units import DAYS_PER_MONTH

SEED = 314159


@pytest.fixture(scope="module")
def als_cohort():
    return generate_cohort(seed=SEED, personas=["als_limb_onset", "als_bulbar_onset"], people_per_persona=200)


@pytest.fixture(scope="module")
def healthy_cohort():
    return generate_cohort(
        seed=SEED,
        personas=["hard_training_week", "benign_fasciculation", "health_anxiety", "post_viral_fatigue"],
        people_per_persona=100,
    )


def _alsfrs_slopes(cohort) -> pd.Series:
    """Least-squares ALSFRS-R decline (points/month) per person over the diary's visits."""
    v = cohort.visits
    months = v["day"].to_numpy() / DAYS_PER_MONTH
    y = v["alsfrs_r_total"].to_numpy(dtype=float)
    df = pd.DataFrame({"p": v["person_id"], "x": months, "y": y})
    df["xc"] = df["x"] - df.groupby("p")["x"].transform("mean")
    df["yc"] = df["y"] - df.groupby("p")["y"].transform("mean")
    num = (df["xc"] * df["yc"]).groupby(df["p"]).sum()
    den = (df["xc"] ** 2).groupby(df["p"]).sum()
    return -(num / den)


def test_alsfrs_r_decline_mean(als_cohort):
    """Atassi 2014 (PMID 25298304): mean ALSFRS-R decline about 0.9-1.0 points per month."""
    slopes = _alsfrs_slopes(als_cohort)
    assert 0.85 <= slopes.mean() <= 1.05, slopes.mean()
    for persona in ("als_limb_onset", "als_bulbar_onset"):
        ids = als_cohort.personas.loc[als_cohort.personas.persona == persona, "person_id"]
        assert 0.8 <= slopes[ids].mean() <= 1.1, (persona, slopes[ids].mean())


def test_alsfrs_r_decline_spread(als_cohort):
    """Atassi 2014 / van Eijk 2025: 95% of people between 0.04 and 1.96 points per month."""
    slopes = _alsfrs_slopes(als_cohort)
    inside = slopes.between(0.04, 1.96).mean()
    assert 0.9 <= inside <= 0.99, inside
    assert slopes.std() > 0.3, "people differ in speed (Kimura 2006 classes slow/intermediate/fast all present)"
    assert (slopes < 0.5).any() and (slopes > 1.0).any()


def test_textbook_als_cases_decline_at_the_mean_rate():
    """Atassi 2014: the textbook ALS cases in the canonical cohort decline at about 0.9-1.0 per month."""
    c = generate_cohort()
    slopes = _alsfrs_slopes(c)
    for pid in c.personas.loc[c.personas.category == "als", "person_id"]:
        assert 0.75 <= slopes[pid] <= 1.2, (pid, slopes[pid])


def test_grip_norms_match_dodds_peaks():
    """Dodds 2014 (PMID 25474696): peak median 51 kg (men, 29-39), 31 kg (women, 26-42), decline from midlife."""
    assert grip_norm_kg(np.arange(29, 40), "male") == pytest.approx(51.0)
    assert grip_norm_kg(np.arange(26, 43), "female") == pytest.approx(31.0)
    for sex in ("male", "female"):
        later = grip_norm_kg(np.arange(50, 91, 5), sex)
        assert np.all(np.diff(later) < 0), "declines from midlife"
        assert grip_norm_kg(80, sex) < 0.7 * grip_norm_kg(35, sex)


def test_cohort_grip_matches_norms(healthy_cohort):
    """Dodds 2014: measured grip of healthy people centres on the age/sex median (dominant hand)."""
    c = healthy_cohort
    first_month = c.daily[c.daily.day < 30].merge(c.personas[["person_id", "persona", "age", "sex"]])
    for persona, g in first_month.groupby("persona"):
        norm = float(grip_norm_kg(g["age"].iloc[0], g["sex"].iloc[0]))
        median_of_people = g.groupby("person_id")["grip_kg_right"].mean().median()
        assert median_of_people == pytest.approx(norm, rel=0.06), persona


def test_grip_measurement_noise(healthy_cohort):
    """Bai 2019; Abe 2025: repeated grip measurements scatter with SD about 1.8 kg."""
    c = healthy_cohort
    bfs = c.personas.loc[c.personas.persona == "benign_fasciculation", "person_id"]
    d = c.daily[c.daily.person_id.isin(bfs)]
    within_sd = d.groupby("person_id")["grip_kg_right"].std()
    assert within_sd.median() == pytest.approx(GRIP_NOISE_SD_KG, abs=0.2)


def test_within_session_fatigue_and_recovery(healthy_cohort):
    """White 2013 (PMID 24052933): 12 maximal grips drop about 30%; near-full recovery within minutes."""
    s = healthy_cohort.grip_sessions.merge(healthy_cohort.personas[["person_id", "persona"]])
    s = s[s.persona.isin(["hard_training_week", "benign_fasciculation", "health_anxiety"])]
    by_trial = s.groupby("trial")["force_kg"].mean()
    drop = 1 - by_trial[12] / by_trial[1]
    assert 0.25 <= drop <= 0.35, drop
    assert by_trial[13] / by_trial[1] >= 0.95, "near full recovery after 2 minutes"
    single = grip_trials("hard_training_week")
    assert single[single.trial == 13].force_kg.mean() > single[single.trial == 12].force_kg.mean() + 8


def test_benign_twitching_without_strength_loss_for_24_months():
    """Blexrud 1993; Filippakis 2018 (PMID 30028521): BFS twitching persists, no weakness, no progression."""
    c = generate_cohort(seed=SEED, personas=["benign_fasciculation"], people_per_persona=35)
    d = c.daily
    assert (d.filter(like="strength_pct_") == 100).all().all()
    twitches = d.filter(like="twitches_").sum(axis=1)
    month = d["day"] // 30
    twitching_months = (twitches.groupby([d.person_id, month]).sum() > 0).groupby(level=0).mean()
    assert twitching_months.min() >= 0.9, "still twitching throughout (93% at 24 months in Filippakis 2018)"
    assert twitches[d.day >= 700].mean() > 5
    grip = d.groupby([d.person_id, d.day >= 365])["grip_kg_right"].mean().unstack()
    change = grip[True] - grip[False]
    assert change.abs().max() < 1.5, "no grip change beyond noise in the second year"
    v = c.visits
    assert (v.filter(like="mrc_") == 5).all().all()
    assert (v.filter(like="wasting_") == 0).all().all()


def test_fss_post_viral_high_healthy_low(healthy_cohort):
    """Krupp 1989: FSS 4 or more = significant fatigue; post-viral fatigue high, healthy below 4."""
    v = healthy_cohort.visits.merge(healthy_cohort.personas[["person_id", "persona"]])
    pv = v[v.persona == "post_viral_fatigue"]["fss"]
    assert (pv >= 4).mean() >= 0.9 and pv.mean() >= 4.5
    for persona in ("hard_training_week", "benign_fasciculation"):
        fss = v[v.persona == persona]["fss"]
        assert fss.mean() < 3.5 and (fss < 4).mean() >= 0.95, persona


def test_fatigue_in_als(als_cohort):
    """An 2022; Lo Coco 2012: significant fatigue (FSS >= 4) in roughly a third to a half of ALS."""
    v = als_cohort.visits
    share = (v[v.day == 364]["fss"] >= 4).mean()
    assert 0.3 <= share <= 0.6, share


def test_myasthenia_drop_much_steeper_than_healthy():
    """Abraham 2017 (decrement >= 10%), White 2013 (healthy 30%): myasthenia's drop is much steeper, and recovers."""
    c = generate_cohort(seed=SEED, personas=["myasthenia_gravis"], people_per_persona=50, days=100)
    s = c.grip_sessions
    by_trial = s[s.day == 0].groupby("trial")["force_kg"].mean()
    assert 1 - by_trial[12] / by_trial[1] >= 0.45
    assert by_trial[13] / by_trial[1] >= 0.85
