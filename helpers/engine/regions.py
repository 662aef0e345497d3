"""Body regions of the model and how ALS spreads between them.

Why a fixed list: every table in data/ names its columns after these regions
(``strength_pct_<region>``, ``twitches_<region>``, ``mrc_<region>``), so the
order here is the column order everywhere.
"""

from __future__ import annotations

import numpy as np

from helpers.errors import CourseInputError

#: The six regions, in column order. "bulbar" = speech and swallowing muscles
#: (tongue, lips, throat); "trunk" includes the breathing muscles.
REGIONS: tuple[str, ...] = ("bulbar", "right_arm", "left_arm", "trunk", "right_leg", "left_leg")

#: Neighbouring regions for ALS spread. Source: Ravits & La Spada 2009
#: (PMID 19738176): ALS starts focally and spreads contiguously, to the
#: opposite side at the same level (right arm -> left arm) and up or down the
#: neuraxis (arm -> bulbar, arm -> trunk, trunk -> leg).
NEIGHBOURS: dict[str, tuple[str, ...]] = {
    "bulbar": ("right_arm", "left_arm"),
    "right_arm": ("left_arm", "bulbar", "trunk"),
    "left_arm": ("right_arm", "bulbar", "trunk"),
    "trunk": ("right_arm", "left_arm", "right_leg", "left_leg"),
    "right_leg": ("left_leg", "trunk"),
    "left_leg": ("right_leg", "trunk"),
}

#: Relative time for one step of spread. ASSUMPTION: Ravits & La Spada 2009
#: describe spread to the opposite side at the same level as usually faster
#: than spread up or down; we make an up/down step take 1.5 times as long.
SPREAD_STEP_SAME_LEVEL: float = 1.0
SPREAD_STEP_OTHER_LEVEL: float = 1.5

_LEVEL = {"bulbar": 0, "right_arm": 1, "left_arm": 1, "trunk": 2, "right_leg": 3, "left_leg": 3}


def check_region(region: str, what: str = "region") -> str:
    """Return ``region`` unchanged, or raise a CourseInputError listing the regions."""
    if region not in REGIONS:
        raise CourseInputError(what, region, ", ".join(REGIONS), "use one of the region names exactly as listed")
    return region


def spread_steps(onset_region: str) -> np.ndarray:
    """Spread distance (in steps) from ``onset_region`` to each region, in REGIONS order.

    Why: the ALS timeline starts each region when the disease has had time to
    travel that many steps along NEIGHBOURS (shortest path, weighted by
    SPREAD_STEP_*). The onset region is 0.
    """
    check_region(onset_region, "onset_region")
    n = len(REGIONS)
    dist = np.full((n, n), np.inf)
    np.fill_diagonal(dist, 0.0)
    for a, nbrs in NEIGHBOURS.items():
        for b in nbrs:
            step = SPREAD_STEP_SAME_LEVEL if _LEVEL[a] == _LEVEL[b] else SPREAD_STEP_OTHER_LEVEL
            i, j = REGIONS.index(a), REGIONS.index(b)
            dist[i, j] = min(dist[i, j], step)
    for k in range(n):  # Floyd-Warshall over six nodes
        dist = np.minimum(dist, dist[:, [k]] + dist[[k], :])
    return dist[REGIONS.index(onset_region)]
