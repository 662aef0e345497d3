"""Python update time of every control in the "Tired or weak?" apps.

For each control, sweep its whole range (setting ``.value`` and timing until the
observer has rebuilt the figure and caption and returned), then report the
median and the 95th percentile. Target: under 20 ms at p95, so that the browser
round trip (bench_browser.py) stays under 100 ms.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import options_of, p95, time_sweep  # noqa: E402

TARGET = "< 20 ms p95"


def _rows_for(name: str, times: list[float]) -> list[dict]:
    return [
        {
            "benchmark": f"fatigue: {name} update, median ({len(times)} values)",
            "value": round(statistics.median(times), 2),
            "unit": "ms",
            "target": TARGET,
        },
        {"benchmark": f"fatigue: {name} update, p95", "value": round(p95(times), 2), "unit": "ms", "target": TARGET},
    ]


def rows() -> list[dict]:
    import numpy as np

    from helpers.fatigue import diary_explorer, grip_lab, noise_or_trend_lab

    out: list[dict] = []
    lab = grip_lab()
    lab.update()  # warm caches (cohort, persona file) outside the timing
    out += _rows_for("grip lab persona dropdown", time_sweep(lab.persona, options_of(lab.persona) * 2))
    out += _rows_for(
        "grip lab repetitions slider", time_sweep(lab.repetitions, list(range(1, 31)) + list(range(30, 0, -1)))
    )
    out += _rows_for("grip lab rest slider", time_sweep(lab.rest_s, list(range(0, 601, 10))))
    out += _rows_for("grip lab month slider", time_sweep(lab.month, list(range(24)) + list(range(23, -1, -1))))

    diary = diary_explorer()
    out += _rows_for("diary person dropdown", time_sweep(diary.persona, options_of(diary.persona) * 2))
    out += _rows_for("diary months slider", time_sweep(diary.months, list(range(2, 25)) + list(range(24, 1, -1))))
    diary.judgement.value = options_of(diary.judgement)[0]
    out += _rows_for("diary reveal checkbox", time_sweep(diary.reveal, [True, False] * 10))

    noise = noise_or_trend_lab()
    out += _rows_for(
        "noise-or-trend noise slider", time_sweep(noise.noise, [round(v, 1) for v in np.arange(0.5, 5.01, 0.1)])
    )
    out += _rows_for(
        "noise-or-trend weeks slider", time_sweep(noise.weeks, list(range(2, 53)) + list(range(52, 1, -1)))
    )
    return out


if __name__ == "__main__":
    for row in rows():
        print(row)
