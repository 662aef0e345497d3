"""The hidden truth and the daily diary for all people of one persona.

Everything is vectorised over people (axis 0) and days (last axis); the only
Python loops are over the six regions, a persona's context episodes, and the
short carry-over kernel. Parameters come from the persona file (with their
sources there); the constants below are the model's own, each with its source
or ASSUMPTION.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from helpers.engine import als
from helpers.engine.measurements import (
    GRIP_BETWEEN_PERSON_LOG_SD,
    GRIP_LOSS_PER_FATIGUE_POINT,
    GRIP_NOISE_SD_KG,
    NON_DOMINANT_RATIO,
    grip_norm_kg,
)
from helpers.engine.personas import Cramps, PersonaSpec
from helpers.engine.randomness import stream
from helpers.engine.regions import REGIONS
from helpers.engine.triggers import (
    BASELINE_TWITCHES_PER_DAY,
    CARRY_OVER_MAX_LAG_DAYS,
    SLEEP_NEED_H,
    TWITCH_SETTLE_TAU_DAYS,
    _trigger_rate,
    carry_over,
)

R = {r: i for i, r in enumerate(REGIONS)}

# ---- context noise (ASSUMPTION: plausible day-to-day scatter of a diary) ----
SLEEP_SD_H = 0.7
CAFFEINE_LOG_SD = 0.3
STRESS_SD = 1.2
STRESS_TAU_DAYS = 3.0  # stress drifts over days, not independently each day
EXERCISE_LOG_SD = 0.25

# ---- daily fatigue 0-10 (ASSUMPTION for every coefficient; the drivers are
# the textbook ones: sleep, exertion, stress, illness; NHS 2023, tiredness) ----
FATIGUE_BASE = 2.0
FATIGUE_PER_H_SLEEP_LOST = 0.6
FATIGUE_PER_STRESS_POINT_ABOVE_3 = 0.3
FATIGUE_PER_MIN_HARD_EXERCISE = 0.035  # per minute of recent exercise above 45 min/day
HARD_EXERCISE_FROM_MIN = 45.0
EXERTION_TAU_DAYS = 1.5  # tiredness after exertion lasts a day or two
POST_EXERTIONAL_PER_MIN = 0.15  # post-viral: every minute of recent exertion counts
FATIGUE_SD = 0.8
ALS_FATIGUE_PER_LOSS = 3.0  # weakness itself is tiring: +3 points when all strength is gone

# ---- twitching (Simon & Kiernan 2013 for triggers; counts are ASSUMPTION) ----
#: Where people without ALS notice twitches, in REGIONS order (bulbar, right arm, left arm,
#: trunk, right leg, left leg). Benign twitching is most common in the calves (Filippakis 2018,
#: PMID 30028521), so the legs dominate; tongue and throat twitching is a classic ALS sign and not
#: part of the benign pattern, so the bulbar share is kept to 1% (the odd lip or chin flicker).
#: ASSUMPTION for the exact shares.
BENIGN_REGION_WEIGHTS = np.array([0.01, 0.14, 0.14, 0.12, 0.29, 0.30])
#: Migration: BFS twitching moves between regions week by week. ASSUMPTION.
MIGRATION_BLOCK_DAYS = 7
MIGRATION_GAMMA_SHAPE = 0.8
#: Triggers also modulate disease-free extra twitching (BFS flares with stress and caffeine). ASSUMPTION.
EXTRA_TRIGGER_EXPONENT = 0.5
#: Peak noticed twitches per day in a partly denervated ALS region (at half
#: strength). ASSUMPTION: fasciculations come from denervation in weakening
#: regions (Turner & Talbot 2013), fewer once the muscle is wasted.
ALS_TWITCH_PEAK_PER_DAY = 8.0

# ---- cramps (Caress 2016, PMID 26332705: 95% of ALS over the course, varying from month to month, trending
# lower after the first year, fewer in bulbar onset). In ALS a persona's cramps.per_week holds from the start of
# the diary: the model does not make them climb with weakness (Stephens 2017 found no link with severity).
CRAMPS_PER_MIN_HARD_EXERCISE = 0.004  # ASSUMPTION: cramps after hard exercise

# ---- other symptoms (ASSUMPTION for every value: plausible scales for a diary) ----
SYMPTOM_SD = 0.8  # day-to-day scatter of a self-rated 0-10 symptom
PAIN_DOMS_PER_MIN = 0.03  # muscle soreness after hard exercise
FATIGABLE_TAU_DAYS = 3.0  # myasthenia's good and bad days last a few days
FOCAL_DEPTH_LOG_SD = 0.3
EYE_FLUCTUATION = 0.4  # eye symptoms swing with myasthenia's good and bad days
MG_FATIGUE_SWING = 0.5  # myasthenia: tiredness rises on bad days (points per SD of the good/bad-day signal)
REPORTED_FROM_FATIGUE = 0.3  # felt weakness: part tiredness ("tired means weak" is how it feels)...
REPORTED_FROM_LOSS = 10.0  # ...part true loss (10 points when a limb has lost all strength)
CHECKS_PER_STRESS_POINT = 0.1  # more self-checking on stressful days (relative, around stress 5)
SPEECH_FROM_BULBAR_PCT = 97.0  # speech becomes noticeably harder below this bulbar strength
SWALLOWING_FROM_BULBAR_PCT = 90.0  # swallowing trouble starts a little later than slurred speech
BULBAR_SYMPTOM_RANGE_PCT = 70.0  # bulbar strength lost between first difficulty and 10/10
BULBAR_SYMPTOM_SD = 0.6
PAIN_SD = 0.5


@dataclass(frozen=True)
class PersonaTimeline:
    """Arrays for all people of one persona: traits (people,) and daily (people, days)."""

    traits: dict[str, np.ndarray]
    daily: dict[str, np.ndarray]
    strength: np.ndarray  # (6, people, days), % of own normal, the hidden truth
    fatigue_latent: np.ndarray  # (people, days), continuous fatigue before rounding
    activity: np.ndarray  # (days,), 1 before improvement, falls towards 1 - fraction
    fatigable_z: np.ndarray  # (people, days), myasthenia's good/bad-day signal (0 otherwise)


@dataclass(frozen=True)
class DailyContext:
    """What each person did each day (people, days): the drivers of fatigue and twitching."""

    sleep: np.ndarray
    caffeine: np.ndarray
    stress: np.ndarray
    exercise: np.ndarray
    exertion: np.ndarray  # exercise carried over a day or two (tiredness, soreness, cramps)

    @property
    def hard_exertion(self) -> np.ndarray:
        """Recent exercise beyond an ordinary session (minutes)."""
        return np.maximum(0.0, self.exertion - HARD_EXERCISE_FROM_MIN)


#: A persona's random streams by quantity name (see randomness.stream).
Draw = Callable[[str], np.random.Generator]


def improvement_activity(spec: PersonaSpec, days: np.ndarray) -> np.ndarray:
    """Share of a mimic's symptoms still present each day (1 = untreated)."""
    start = spec.improvement.from_day
    if start is None:
        return np.ones(days.shape)
    frac, tau = spec.improvement.fraction, spec.improvement.tau_days
    elapsed = np.maximum(0.0, days - start)
    return 1.0 - frac * (1.0 - np.exp(-elapsed / tau))


def _context_means(spec: PersonaSpec, days: np.ndarray) -> dict[str, np.ndarray]:
    """Persona's usual context per day, with episodes (exam periods, hard weeks) laid over."""
    usual = spec.context
    means = {
        "sleep_h": np.full(days.shape, usual.sleep_h),
        "caffeine_mg": np.full(days.shape, usual.caffeine_mg),
        "stress_0_10": np.full(days.shape, usual.stress_0_10),
        "exercise_min": np.full(days.shape, usual.exercise_min),
    }
    forced_exercise = np.zeros(days.shape, dtype=bool)
    for ep in spec.episodes:
        on = (days >= ep.start_day) & (days <= ep.end_day)
        for key, value in ep.values.items():
            means[key][on] = value
            if key == "exercise_min":
                forced_exercise |= on
    means["forced_exercise"] = forced_exercise
    return means


def _observed(
    level: np.ndarray | float, sd: float, noise: np.ndarray, low: float, high: float, decimals: int = 0
) -> np.ndarray:
    """``round(clip(level + sd * noise, low, high), decimals)``, worked out inside ``noise``.

    Why: the daily tables are large, and every temporary array costs fresh memory; ``noise`` must
    be a fresh draw that nothing else holds. Same operations in the same order, so the same numbers.
    """
    noise *= sd
    noise += level
    np.clip(noise, low, high, out=noise)
    return np.round(noise, decimals, out=noise)


def _smooth_noise(rng: np.random.Generator, shape: tuple[int, int], tau: float) -> np.ndarray:
    """Unit-variance noise that drifts over days (causal exponential smoothing).

    Drawn with CARRY_OVER_MAX_LAG_DAYS of burn-in before day 0, so day 0 has
    the same variance as every other day.
    """
    people, n_days = shape
    z = rng.standard_normal((people, n_days + CARRY_OVER_MAX_LAG_DAYS))
    w = np.exp(-np.arange(CARRY_OVER_MAX_LAG_DAYS + 1) / tau)
    w /= w.sum()
    return carry_over(z, tau)[:, CARRY_OVER_MAX_LAG_DAYS:] / np.sqrt((w**2).sum())


def daily_context(spec: PersonaSpec, draw: Draw, days: np.ndarray, people: int) -> DailyContext:
    """Sleep, caffeine, stress and exercise each day: the persona's usual values, episodes and scatter."""
    shape = (people, len(days))
    m = _context_means(spec, days)
    sleep = _observed(m["sleep_h"], SLEEP_SD_H, draw("sleep").standard_normal(shape), 3.0, 11.0, decimals=1)
    caffeine = m["caffeine_mg"] * np.exp(
        CAFFEINE_LOG_SD * draw("caffeine").standard_normal(shape) - CAFFEINE_LOG_SD**2 / 2
    )
    stress = _observed(m["stress_0_10"], STRESS_SD, _smooth_noise(draw("stress"), shape, STRESS_TAU_DAYS), 0.0, 10.0)
    exercise_day = draw("exercise_day").random(shape) < spec.context.exercise_days_per_week / 7.0
    exercise_day |= m["forced_exercise"][None, :]
    exercise = exercise_day * m["exercise_min"] * np.exp(EXERCISE_LOG_SD * draw("exercise").standard_normal(shape))
    caffeine = np.round(caffeine / 5.0) * 5.0
    exercise = np.round(np.clip(exercise, 0, 300))
    return DailyContext(sleep, caffeine, stress, exercise, carry_over(exercise, EXERTION_TAU_DAYS))


def own_normal_grip(spec: PersonaSpec, draw: Draw, textbook: np.ndarray) -> dict[str, np.ndarray]:
    """Each person's own normal maximal grip (kg), right (dominant) and left hand."""
    norm = float(grip_norm_kg(spec.age, spec.sex))
    own = norm * np.exp(GRIP_BETWEEN_PERSON_LOG_SD * draw("own_grip").standard_normal(len(textbook)))
    own[textbook] = norm
    return {"grip_normal_kg_right": own, "grip_normal_kg_left": own * NON_DOMINANT_RATIO}


def true_strength(
    spec: PersonaSpec, draw: Draw, days: np.ndarray, textbook: np.ndarray, activity: np.ndarray
) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
    """(strength (6, people, days) in % of own normal, myasthenia's good/bad-day signal, ALS traits).

    The hidden truth: 100 everywhere unless the persona has ALS (focal onset,
    spread, never recovers), a focal mimic's weakness or fatigable weakness.
    """
    people = len(textbook)
    shape = (people, len(days))
    fatigable_z = np.zeros(shape)
    traits = {
        "alsfrs_r_slope_target": np.full(people, np.nan),
        "strength_loss_pct_per_month": np.full(people, np.nan),
    }
    weakness = spec.weakness
    if weakness.kind == "als":
        mean, sd = weakness.alsfrs_r_points_per_month, weakness.alsfrs_r_sd
        slope = np.clip(mean + sd * draw("als_slope").standard_normal(people), als.SLOPE_MIN, als.SLOPE_MAX)
        slope[textbook] = mean
        k = als.strength_rate_for_slope(spec.onset_region, slope)
        jitter = np.exp(als.SPREAD_JITTER_LOG_SD * draw("als_spread").standard_normal((len(REGIONS), people)))
        jitter[:, textbook] = 1.0
        strength = als.als_strength(spec.onset_region, days, k, jitter)
        traits = {"alsfrs_r_slope_target": slope, "strength_loss_pct_per_month": k}
        return np.round(strength, 1, out=strength), fatigable_z, traits
    strength = np.full((len(REGIONS), *shape), 100.0)
    if weakness.kind == "focal":
        depth = weakness.depth_pct * np.exp(FOCAL_DEPTH_LOG_SD * draw("focal_depth").standard_normal(people))
        depth[textbook] = weakness.depth_pct
        ramp = np.clip((days - weakness.start_day) / weakness.onset_days, 0.0, 1.0)
        loss = depth[:, None] * (ramp * activity)[None, :]
        for region in weakness.regions:
            strength[R[region]] = 100.0 - loss
    elif weakness.kind == "fatigable":
        fatigable_z = _smooth_noise(draw("fatigable"), shape, FATIGABLE_TAU_DAYS)
        ramp = (days >= weakness.start_day).astype(float)
        loss = (weakness.depth_pct + weakness.fluctuation_pct * fatigable_z) * (ramp * activity)[None, :]
        loss = np.clip(loss, 0.0, 60.0)
        for region in weakness.regions:
            strength[R[region]] = 100.0 - loss
    return np.round(strength, 1, out=strength), fatigable_z, traits


def daily_fatigue(
    spec: PersonaSpec,
    draw: Draw,
    ctx: DailyContext,
    loss_frac: np.ndarray,
    fatigable_z: np.ndarray,
    activity: np.ndarray,
    textbook: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(latent fatigue, the 0-10 diary score, the significant-fatigue trait) for each person and day."""
    fatigue = (
        FATIGUE_BASE
        + FATIGUE_PER_H_SLEEP_LOST * np.maximum(0.0, SLEEP_NEED_H - ctx.sleep)
        + FATIGUE_PER_STRESS_POINT_ABOVE_3 * np.maximum(0.0, ctx.stress - 3.0)
        + FATIGUE_PER_MIN_HARD_EXERCISE * ctx.hard_exertion
        + spec.fatigue.extra_0_10 * activity[None, :]
    )
    if spec.fatigue.post_exertional:
        fatigue = fatigue + POST_EXERTIONAL_PER_MIN * ctx.exertion
    p_sig = spec.fatigue.significant_probability
    significant = draw("fatigue_trait").random(len(textbook)) < p_sig
    significant[textbook] = p_sig >= 0.5
    fatigue = fatigue + significant[:, None] * spec.fatigue.extra_if_significant_0_10
    if spec.weakness.kind == "als":
        fatigue = fatigue + ALS_FATIGUE_PER_LOSS * loss_frac.mean(axis=0)
    if spec.weakness.kind == "fatigable":
        fatigue = fatigue + MG_FATIGUE_SWING * fatigable_z * activity[None, :]
    observed = _observed(fatigue, FATIGUE_SD, draw("fatigue").standard_normal(fatigue.shape), 0, 10)
    return fatigue, observed, significant


def noticed_twitches(
    spec: PersonaSpec, draw: Draw, ctx: DailyContext, loss_frac: np.ndarray, activity: np.ndarray
) -> np.ndarray:
    """Noticed twitches per region and day (6, people, days).

    Three sources: everyday triggers (everyone), extra benign twitching (benign
    fasciculation, thyroid; widespread and migrating or in the usual places),
    and denervation twitching in weakening ALS regions.
    """
    people, n_days = ctx.sleep.shape
    noticing = spec.twitching.noticing
    trig = carry_over(_trigger_rate(ctx.caffeine, ctx.sleep, ctx.stress, ctx.exercise), TWITCH_SETTLE_TAU_DAYS)
    lam = noticing * BENIGN_REGION_WEIGHTS[:, None, None] * trig[None, :, :]
    extra = spec.twitching.extra_per_day
    if extra > 0:
        level = extra * activity[None, :] * (trig / BASELINE_TWITCHES_PER_DAY) ** EXTRA_TRIGGER_EXPONENT
        level = level / np.mean((trig / BASELINE_TWITCHES_PER_DAY) ** EXTRA_TRIGGER_EXPONENT)
        if spec.twitching.pattern == "widespread_migrating":
            blocks = -(-n_days // MIGRATION_BLOCK_DAYS)
            g = draw("migration").gamma(MIGRATION_GAMMA_SHAPE, size=(len(REGIONS), people, blocks))
            g = g * BENIGN_REGION_WEIGHTS[:, None, None]  # moves week by week, around the benign profile
            g = g / g.sum(axis=0, keepdims=True)
            weights = np.repeat(g, MIGRATION_BLOCK_DAYS, axis=2)[:, :, :n_days]
        else:
            weights = BENIGN_REGION_WEIGHTS[:, None, None]
        lam += noticing * weights * level[None, :, :]  # weights may be one profile for all days: not in place
    if spec.weakness.kind == "als":
        denervation = noticing * ALS_TWITCH_PEAK_PER_DAY * 4.0 * loss_frac
        denervation *= 1.0 - loss_frac
        lam += denervation
    return draw("twitches").poisson(lam)


def daily_cramps(
    spec: PersonaSpec, draw: Draw, ctx: DailyContext, loss_frac: np.ndarray, activity: np.ndarray
) -> np.ndarray:
    """Cramps per day: a baseline, after hard exercise, and a persona's extra (until treated).

    ``loss_frac`` is not used: cramps in ALS do not follow the weakness (see the note above the constants).
    """
    per_week = spec.cramps.per_week
    base_cramps = min(per_week, Cramps().per_week)
    cramp_rate = (base_cramps + (per_week - base_cramps) * activity[None, :]) / 7.0
    cramp_rate = cramp_rate + CRAMPS_PER_MIN_HARD_EXERCISE * ctx.hard_exertion
    del loss_frac
    return draw("cramps").poisson(np.broadcast_to(cramp_rate, ctx.sleep.shape))


def other_symptoms(
    spec: PersonaSpec,
    draw: Draw,
    ctx: DailyContext,
    strength: np.ndarray,
    loss_frac: np.ndarray,
    fatigue_latent: np.ndarray,
    fatigable_z: np.ndarray,
    activity: np.ndarray,
) -> dict[str, np.ndarray]:
    """Sensory, pain, speech and swallowing, eyes, self-checking and felt weakness, as diary columns."""
    shape = ctx.sleep.shape

    def symptom(name: str, level: np.ndarray | float, present: bool) -> np.ndarray:
        if not present:
            return np.zeros(shape)
        return _observed(level, SYMPTOM_SD, draw(name).standard_normal(shape), 0.0, 10.0)

    sensory, eyes = spec.sensory, spec.eyes
    out: dict[str, np.ndarray] = {}
    numb_level = sensory.numbness_0_10 * activity[None, :]
    out["numbness_0_10"] = symptom("numbness", numb_level, sensory.has_numbness)
    out["night_numbness_0_10"] = symptom(
        "night_numbness", numb_level + sensory.night_extra_0_10 * activity[None, :], sensory.has_numbness
    )
    out["balance_0_10"] = symptom("balance", sensory.balance_0_10 * activity[None, :], sensory.balance_0_10 > 0)
    pain_level = spec.pain.pain_0_10 * activity[None, :] + PAIN_DOMS_PER_MIN * np.maximum(0.0, ctx.exertion - 60.0)
    out["pain_0_10"] = _observed(pain_level, PAIN_SD, draw("pain").standard_normal(shape), 0.0, 10.0)
    s_bulbar = strength[R["bulbar"]]
    speech_level = 10.0 * np.clip((SPEECH_FROM_BULBAR_PCT - s_bulbar) / BULBAR_SYMPTOM_RANGE_PCT, 0.0, 1.0)
    swallow_level = 10.0 * np.clip((SWALLOWING_FROM_BULBAR_PCT - s_bulbar) / BULBAR_SYMPTOM_RANGE_PCT, 0.0, 1.0)
    if speech_level.any() or swallow_level.any():
        bulbar_noise = draw("bulbar").standard_normal((2, *shape)) * BULBAR_SYMPTOM_SD
        out["speech_0_10"] = np.round(np.clip(speech_level + (speech_level > 0) * bulbar_noise[0], 0, 10))
        out["swallowing_0_10"] = np.round(np.clip(swallow_level + (swallow_level > 0) * bulbar_noise[1], 0, 10))
    else:  # the same zeros, without drawing noise that zero would multiply (its own stream: nothing shifts)
        out["speech_0_10"] = np.zeros(shape)
        out["swallowing_0_10"] = np.zeros(shape)
    swing = 1.0 + EYE_FLUCTUATION * fatigable_z
    eye_level = eyes.eyelid_droop_0_10 * activity[None, :] * np.maximum(0.0, swing)
    out["eyelid_droop_0_10"] = symptom("eyelid", eye_level, eyes.eyelid_droop_0_10 > 0)
    if eyes.double_vision_fraction > 0:
        dv_p = np.clip(eyes.double_vision_fraction * activity[None, :] * swing, 0, 1)
        out["double_vision"] = (draw("double_vision").random(shape) < dv_p).astype(np.int64)
    else:
        out["double_vision"] = np.zeros(shape, dtype=np.int64)
    if spec.anxiety.self_checks_per_day > 0:
        checks_rate = spec.anxiety.self_checks_per_day * np.clip(
            1.0 + CHECKS_PER_STRESS_POINT * (ctx.stress - 5.0), 0.3, None
        )
        out["self_checks"] = draw("self_checks").poisson(checks_rate)
    else:  # Poisson(0) is always 0
        out["self_checks"] = np.zeros(shape, dtype=np.int64)
    limb_loss = loss_frac[1:].max(axis=0) if spec.weakness.kind != "fatigable" else loss_frac.max(axis=0)
    reported = (
        REPORTED_FROM_FATIGUE * fatigue_latent + REPORTED_FROM_LOSS * limb_loss + spec.anxiety.reported_weakness_0_10
    )
    out["reported_weakness_0_10"] = _observed(
        reported, SYMPTOM_SD, draw("reported_weakness").standard_normal(shape), 0, 10
    )
    return out


def daily_grip(
    draw: Draw, own: dict[str, np.ndarray], strength: np.ndarray, fatigue_latent: np.ndarray
) -> dict[str, np.ndarray]:
    """Measured grip each day (kg): own normal x arm strength x a small fatigue effect, plus meter noise."""
    people, n_days = fatigue_latent.shape
    fatigue_factor = 1.0 - GRIP_LOSS_PER_FATIGUE_POINT * np.clip(fatigue_latent, 0, 10)
    noise = draw("grip").standard_normal((people, n_days, 2)) * GRIP_NOISE_SD_KG
    right = own["grip_normal_kg_right"][:, None] * strength[R["right_arm"]] / 100.0 * fatigue_factor + noise[:, :, 0]
    left = own["grip_normal_kg_left"][:, None] * strength[R["left_arm"]] / 100.0 * fatigue_factor + noise[:, :, 1]
    return {"grip_kg_right": np.round(np.clip(right, 0, None), 1), "grip_kg_left": np.round(np.clip(left, 0, None), 1)}


def simulate_persona(
    spec: PersonaSpec, seed: int, people: int, n_days: int, textbook_first: bool = True
) -> PersonaTimeline:
    """Simulate ``people`` people of one persona for ``n_days`` days, step by step.

    Person 0 is the persona's textbook case (its exact values) unless ``textbook_first`` is False,
    when every person varies around the persona (the case lab's anonymous cases).

    Each step draws from its own named random stream (randomness.stream), so the
    steps can be read, tested and changed one at a time without shifting the
    numbers of the others.
    """
    days = np.arange(n_days, dtype=float)
    textbook = (np.arange(people) == 0) & textbook_first

    def draw(name: str) -> np.random.Generator:
        return stream(seed, spec.persona, name)

    activity = improvement_activity(spec, days)
    ctx = daily_context(spec, draw, days, people)
    traits = own_normal_grip(spec, draw, textbook)
    strength, fatigable_z, als_traits = true_strength(spec, draw, days, textbook, activity)
    traits.update(als_traits)
    loss_frac = (100.0 - strength) / 100.0  # (6, people, days)
    fatigue_latent, fatigue_obs, significant = daily_fatigue(
        spec, draw, ctx, loss_frac, fatigable_z, activity, textbook
    )
    traits["significant_fatigue"] = significant
    twitches = noticed_twitches(spec, draw, ctx, loss_frac, activity)
    symptoms = other_symptoms(spec, draw, ctx, strength, loss_frac, fatigue_latent, fatigable_z, activity)

    daily: dict[str, np.ndarray] = {f"strength_pct_{region}": strength[i] for i, region in enumerate(REGIONS)}
    daily.update(daily_grip(draw, traits, strength, fatigue_latent))
    daily["fatigue_0_10"] = fatigue_obs
    daily["reported_weakness_0_10"] = symptoms.pop("reported_weakness_0_10")
    daily.update({f"twitches_{region}": twitches[i] for i, region in enumerate(REGIONS)})
    daily["cramps"] = daily_cramps(spec, draw, ctx, loss_frac, activity)
    daily.update(symptoms)
    daily.update(sleep_h=ctx.sleep, caffeine_mg=ctx.caffeine, stress_0_10=ctx.stress, exercise_min=ctx.exercise)
    return PersonaTimeline(traits, daily, strength, fatigue_latent, activity, fatigable_z)
