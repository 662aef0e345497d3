"""What the benchmark modules share: a percentile and the control-sweep timer."""

from __future__ import annotations

import time
from typing import Any


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank), as used by every timing row."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def time_sweep(control: Any, values: list) -> list[float]:
    """Set a widget control to each value in turn (skipping no-ops); ms until its observers returned."""
    times = []
    for value in values:
        if control.value == value:
            continue
        started = time.perf_counter()
        control.value = value
        times.append((time.perf_counter() - started) * 1000.0)
    return times


#: The budget of one control's Python-side update (model + view + redraw message), per the lesson issues.
UPDATE_TARGET = "< 20 ms p95"


def update_rows(name: str, times: list[float]) -> list[dict]:
    """Median (context) and p95 (against UPDATE_TARGET) rows for one control's update times."""
    import statistics

    return [
        {
            "benchmark": f"python: {name} update median",
            "value": statistics.median(times),
            "unit": "ms",
            "target": "context",
        },
        {"benchmark": f"python: {name} update p95", "value": p95(times), "unit": "ms", "target": UPDATE_TARGET},
    ]


def options_of(control: Any) -> list:
    """The values a dropdown or toggle control can take (its options may be (label, value) pairs)."""
    return [o[1] if isinstance(o, tuple) else o for o in control.options]


def sweep_rows(name: str, control: Any, rounds: int = 3) -> list[dict]:
    """Warm up, then step a control through all its options and back ``rounds`` times: its update rows."""
    values = options_of(control)
    time_sweep(control, values)  # warm-up: first-use caches
    return update_rows(name, time_sweep(control, (values + values[::-1]) * rounds))
