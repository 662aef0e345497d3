"""Benign twitching driven by everyday triggers, with day-to-day carry-over.

Why: the twitching lesson's trigger lab lets a learner move caffeine, sleep,
stress and exercise and watch noticed twitches follow. The triggers are named by
Simon & Kiernan 2013 (PMID 23400500): caffeine, stress and anxiety, lack of
sleep, strenuous exercise. No source gives numbers for how strongly each trigger
acts, so every coefficient below is an ASSUMPTION chosen to give plausible
counts (a few noticed twitches a day on a bad day, under one on a calm day).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from helpers.checks import numbers
from helpers.errors import CourseInputError

#: Noticed twitches per day (whole body) for a rested, calm, caffeine-free
#: healthy person. ASSUMPTION: most people notice a twitch now and then
#: (about 70% at some point, Reed & Kurland 1963), so the calm baseline is low.
BASELINE_TWITCHES_PER_DAY: float = 0.4
#: Log-rate increase per 100 mg caffeine. ASSUMPTION (trigger: Simon & Kiernan 2013).
CAFFEINE_LOG_PER_100MG: float = 0.22
#: Log-rate increase per hour of sleep below SLEEP_NEED_H. ASSUMPTION (trigger: Simon & Kiernan 2013).
SLEEP_LOSS_LOG_PER_H: float = 0.30
#: Hours of sleep below which sleep loss counts. ASSUMPTION: typical adult need.
SLEEP_NEED_H: float = 7.5
#: Log-rate increase per stress point (0-10). ASSUMPTION (trigger: Simon & Kiernan 2013).
STRESS_LOG_PER_POINT: float = 0.15
#: Log-rate increase per hour of exercise beyond EXERCISE_EASY_MIN.
#: ASSUMPTION (strenuous exercise: Simon & Kiernan 2013).
EXERCISE_LOG_PER_HOUR: float = 0.45
#: Minutes of exercise a day that do not provoke twitching. ASSUMPTION.
EXERCISE_EASY_MIN: float = 45.0
#: How quickly trigger-driven twitching settles, as an exponential time
#: constant in days. ASSUMPTION: trigger-driven symptoms settle "within days"
#: (NHS 2023, twitching); with 2 days, about 60% of a trigger's effect is gone after 2
#: days and 95% after a week.
TWITCH_SETTLE_TAU_DAYS: float = 2.0
#: Carry-over is applied with a kernel truncated after this many days (weights beyond are < 0.1%).
CARRY_OVER_MAX_LAG_DAYS: int = 14


def _checked(name: str, value: ArrayLike, low: float, high: float, unit: str) -> np.ndarray:
    return numbers(
        name,
        value,
        low,
        high,
        f"pass a number, or one number per day, from {low:g} to {high:g} {unit}, with no missing days",
        unit,
    )


def expected_twitches(
    caffeine_mg: ArrayLike, sleep_h: ArrayLike, stress_0_10: ArrayLike, exercise_min: ArrayLike
) -> np.ndarray:
    """Expected noticed twitches per day for a healthy person on one day's triggers.

    A log-linear rate: each trigger multiplies the calm baseline. Accepts scalars
    or arrays (broadcast together); returns a float array of the broadcast shape.
    This is the same-day response; see ``trigger_twitch_series`` for carry-over.
    """
    caf = _checked("caffeine_mg", caffeine_mg, 0.0, 2000.0, "mg per day")
    sleep = _checked("sleep_h", sleep_h, 0.0, 16.0, "hours")
    stress = _checked("stress_0_10", stress_0_10, 0.0, 10.0, "points")
    exer = _checked("exercise_min", exercise_min, 0.0, 600.0, "minutes")
    return _trigger_rate(caf, sleep, stress, exer)


def _trigger_rate(caf: np.ndarray, sleep: np.ndarray, stress: np.ndarray, exer: np.ndarray) -> np.ndarray:
    """Unchecked version of expected_twitches for the generator's hot path."""
    log_rate = (
        CAFFEINE_LOG_PER_100MG * caf / 100.0
        + SLEEP_LOSS_LOG_PER_H * np.maximum(0.0, SLEEP_NEED_H - sleep)
        + STRESS_LOG_PER_POINT * stress
        + EXERCISE_LOG_PER_HOUR * np.maximum(0.0, exer - EXERCISE_EASY_MIN) / 60.0
    )
    return BASELINE_TWITCHES_PER_DAY * np.exp(log_rate)


def carry_over(daily: np.ndarray, tau_days: float, max_lag: int = CARRY_OVER_MAX_LAG_DAYS) -> np.ndarray:
    """Exponentially weighted carry-over along the last axis (days).

    Why: yesterday's trigger still counts a little today. Implemented as a
    truncated causal kernel (a loop over at most ``max_lag`` lags, never over
    days), normalised so a constant input stays constant. Days before the diary
    are taken to equal the first day.
    """
    if tau_days <= 0:
        return np.asarray(daily, dtype=float).copy()
    x = np.asarray(daily, dtype=float)
    lags = np.arange(max_lag + 1)
    w = np.exp(-lags / tau_days)
    w /= w.sum()
    out = w[0] * x
    n = x.shape[-1]
    lags_used = min(max_lag, n - 1)
    # The series with its first day repeated before it once: each lag is then a view, not a new array.
    padded = np.concatenate([np.repeat(x[..., :1], lags_used, axis=-1), x], axis=-1)
    term = np.empty_like(out)
    for lag in range(1, lags_used + 1):
        np.multiply(w[lag], padded[..., lags_used - lag : lags_used - lag + n], out=term)
        out += term
    if n - 1 < max_lag:  # very short series: the rest of the kernel sees the first day
        out = out + w[n:].sum() * x[..., :1]
    return out


def trigger_twitch_series(
    caffeine_mg: ArrayLike, sleep_h: ArrayLike, stress_0_10: ArrayLike, exercise_min: ArrayLike
) -> np.ndarray:
    """Day-by-day expected noticed twitches for a healthy person, with carry-over.

    Takes equal-length daily arrays (day 0 first) and returns the expected
    twitches per day, where each day's trigger effect fades over the following
    days with time constant TWITCH_SETTLE_TAU_DAYS (ASSUMPTION). The cohort uses
    exactly this function for trigger-driven twitching.
    """
    arrays = [
        np.atleast_1d(np.asarray(a, dtype=float)) if not isinstance(a, str) else a
        for a in (caffeine_mg, sleep_h, stress_0_10, exercise_min)
    ]
    names = ("caffeine_mg", "sleep_h", "stress_0_10", "exercise_min")
    lengths = {
        n: (a.shape[-1] if isinstance(a, np.ndarray) and a.ndim else None) for n, a in zip(names, arrays, strict=True)
    }
    if len(set(lengths.values())) != 1:
        raise CourseInputError(
            "daily trigger arrays",
            lengths,
            "four arrays of the same length (one value per day)",
            "pass one value per day for every trigger",
        )
    return carry_over(expected_twitches(*arrays), TWITCH_SETTLE_TAU_DAYS)
