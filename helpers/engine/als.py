"""ALS progression: focal onset, spread to neighbours, calibrated to ALSFRS-R decline.

How the %/month strength loss was derived (ASSUMPTION, written down here so it can be
checked): no source gives limb strength loss in %/month. We model every affected
region as losing strength linearly, at the same rate k (% of normal per month),
starting when the disease reaches it. The disease reaches a neighbouring region
after the onset region has lost SPREAD_BEGINS_AT_LOSS_PCT + SPREAD_UNIT_LOSS_PCT
x (spread steps, see regions.py). ALSFRS-R is computed from regional strength
(measurements.ALSFRS_R_ITEMS). For a target ALSFRS-R decline r (points/month;
Atassi 2014, PMID 25298304: mean 0.9-1.0, 95% between 0.04 and 1.96) we choose k
so that the expected ALSFRS-R falls by r per month on average over the first
CALIBRATION_MONTHS of the diary, by inverting that relation numerically. With
the textbook r = 0.95 this gives k of about 2.4 %/month (limb onset) and 2.6
%/month (bulbar onset). Because regions join one after another and ALSFRS-R
items only fall once a region has lost some strength, the decline is slower in
the first year (about 0.5-0.8/month) and faster in the second (about
1.1-1.3/month); the 24-month mean is the target.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from helpers.engine.measurements import alsfrs_r_expected_items
from helpers.engine.regions import REGIONS, spread_steps
from helpers.engine.units import DAYS_PER_MONTH

#: Loss (%) in the onset region when the diary starts. ASSUMPTION: people notice
#: a clumsy hand or slurred speech after roughly a fifth of strength has gone,
#: so the diary starts near first symptoms with a focal, asymmetric loss.
DIARY_START_LOSS_PCT: float = 30.0
#: Loss (%) in the onset region at which spread to neighbours begins.
#: ASSUMPTION: spread begins around the time symptoms are first noticed.
SPREAD_BEGINS_AT_LOSS_PCT: float = 20.0
#: Further loss (%) in the onset region per spread step before the next region
#: starts. ASSUMPTION: neighbouring regions become involved within months
#: (Ravits & La Spada 2009); with the textbook rate the other arm starts about
#: a month into the diary and the legs after about a year.
SPREAD_UNIT_LOSS_PCT: float = 10.0
#: Per-person, per-region jitter of spread timing (log-SD). ASSUMPTION.
SPREAD_JITTER_LOG_SD: float = 0.25
#: Calibration window (months) over which the target ALSFRS-R slope holds.
#: ASSUMPTION: the mean slope over the 24-month diary equals the target. Because
#: regions join one after another, the decline is a little slower in the first
#: year and faster in the second (see data/README.md).
CALIBRATION_MONTHS: float = 24.0
#: Lowest and highest per-person ALSFRS-R slope drawn (points/month). Source:
#: Atassi 2014 (95% between 0.04 and 1.96); we allow a little beyond.
SLOPE_MIN: float = 0.02
SLOPE_MAX: float = 3.0

_U_GRID = np.arange(0.0, 1000.0, 0.25)
_K_GRID = np.arange(0.05, 15.0, 0.01)  # ASSUMPTION: at most 15 %/month


def region_loss(u: np.ndarray, region_start: np.ndarray) -> np.ndarray:
    """Strength lost (%) per region given the onset region's cumulative loss ``u``.

    ``u`` has any shape S; ``region_start`` has shape (6,) + S' broadcastable to
    (6,) + S. Returns (6,) + S, clipped to 0-100. Monotone in ``u``: true ALS
    strength never recovers.
    """
    return np.clip(u[None, ...] - region_start, 0.0, 100.0)


def region_starts(onset_region: str, spread_jitter: np.ndarray) -> np.ndarray:
    """Onset-region loss (%) at which each region starts to weaken, shape like ``spread_jitter``.

    The onset region starts at 0. Spread to the others begins once the onset
    region has lost SPREAD_BEGINS_AT_LOSS_PCT, then takes SPREAD_UNIT_LOSS_PCT
    per spread step, so the first months of the diary are focal and asymmetric.
    """
    steps = spread_steps(onset_region)
    steps = steps.reshape(steps.shape + (1,) * (np.ndim(spread_jitter) - 1))
    return np.where(steps > 0, SPREAD_BEGINS_AT_LOSS_PCT + SPREAD_UNIT_LOSS_PCT * steps * spread_jitter, 0.0)


@cache
def _slope_lookup(onset_region: str) -> tuple[np.ndarray, np.ndarray]:
    """Expected 12-month ALSFRS-R slope as a function of k, for this onset region."""
    starts = region_starts(onset_region, np.ones(len(REGIONS)))
    strength = 100.0 - region_loss(_U_GRID, starts[:, None])
    total = sum(alsfrs_r_expected_items(strength).values())
    e0 = np.interp(DIARY_START_LOSS_PCT, _U_GRID, total)
    e12 = np.interp(DIARY_START_LOSS_PCT + _K_GRID * CALIBRATION_MONTHS, _U_GRID, total)
    slope = (e0 - e12) / CALIBRATION_MONTHS
    return _K_GRID, np.maximum.accumulate(slope)


def strength_rate_for_slope(onset_region: str, alsfrs_slope: np.ndarray) -> np.ndarray:
    """Strength loss rate k (% of normal per month) giving the target ALSFRS-R slope."""
    k, slope = _slope_lookup(onset_region)
    keep = np.concatenate([[True], np.diff(slope) > 1e-9])
    return np.interp(np.asarray(alsfrs_slope, dtype=float), slope[keep], k[keep])


def als_strength(
    onset_region: str, days: np.ndarray, k_pct_per_month: np.ndarray, spread_jitter: np.ndarray
) -> np.ndarray:
    """True strength (% of own normal), shape (6, people, days).

    ``k_pct_per_month`` has shape (people,); ``spread_jitter`` (6, people)
    multiplies each region's spread distance (1 for the textbook case).
    """
    months = days / DAYS_PER_MONTH
    u = DIARY_START_LOSS_PCT + k_pct_per_month[:, None] * months[None, :]
    starts = region_starts(onset_region, spread_jitter)
    return 100.0 - region_loss(u, starts[:, :, None])


__all__ = ["REGIONS", "als_strength", "strength_rate_for_slope"]
