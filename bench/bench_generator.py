"""Generator rows: time to simulate 1,008 people (84 per persona) x 730 days.

The baseline is drawing one standard-normal random number per value of the
resulting daily table (people x days x columns) with numpy in the same run, so
the ratio says how much the model costs beyond producing that many numbers.
Each is the median of REPEATS runs after one warm-up.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers.engine import PERSONA_IDS, generate_cohort  # noqa: E402

REPEATS = 5
PEOPLE_PER_PERSONA = 84  # 12 personas x 84 = 1,008 people
DAYS = 730


def _median_seconds(fn, repeats: int = REPEATS) -> float:
    fn()  # warm-up (imports, caches, first allocations)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def rows() -> list[dict]:
    people = len(PERSONA_IDS) * PEOPLE_PER_PERSONA
    cohort = generate_cohort(days=DAYS, people_per_persona=PEOPLE_PER_PERSONA)
    n_values = cohort.daily.size
    gen = _median_seconds(lambda: generate_cohort(days=DAYS, people_per_persona=PEOPLE_PER_PERSONA))
    rng = np.random.default_rng(0)
    raw = _median_seconds(lambda: rng.standard_normal(n_values))
    return [
        {
            "benchmark": f"generator: {people} people x {DAYS} days (generate_cohort)",
            "value": gen,
            "unit": "s",
            "target": "<= 0.5 s",
        },
        {
            "benchmark": f"generator: numpy draw of {n_values:,} normals (one per daily value)",
            "value": raw,
            "unit": "s",
            "target": "context",
        },
        {
            "benchmark": "generator: time as a multiple of the raw draw",
            "value": gen / raw,
            "unit": "x",
            "target": "< 20x",
        },
    ]


if __name__ == "__main__":
    for row in rows():
        print(f"{row['benchmark']}: {row['value']:.3f} {row['unit']} (target {row['target']})")
