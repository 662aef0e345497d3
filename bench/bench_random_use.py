"""Random-use soak: many seeded random sequences of actions on every app the notebooks build.

Each sequence builds the app fresh (in an empty temporary folder, so the diary and the case lab write
nothing of the user's), then takes 1 to MAX_STEPS random actions on whatever a learner can operate at
that moment, and after each checks what tests/test_random_use.py checks (bench.random_use: no error,
figures with data and a title, no NaN in a line, captions that describe their figures, nothing revealed
before a prediction is committed). Per app: the failures (target 0), with the sequences and steps run in
the row's name, and the seconds taken (context). COURSE_SOAK_SEQUENCES sets the sequences per app
(default 1,000). Run alone: ``python -m bench.bench_random_use`` (also prints the first failures).
"""

from __future__ import annotations

import os
import sys
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.random_use import RandomDraw, all_apps, run_sequence, scratch_folder  # noqa: E402

DEFAULT_SEQUENCES = 1000
MAX_STEPS = 6
#: Failing sequences kept for the report when run alone: (app, seed, failure, actions).
FAILURES: list[tuple[str, int, str, list[str]]] = []


def sequences_per_app() -> int:
    raw = os.environ.get("COURSE_SOAK_SEQUENCES", "").strip()
    return int(raw) if raw else DEFAULT_SEQUENCES


def rows() -> list[dict]:
    count = sequences_per_app()
    out = []
    total_failures = total_steps = 0
    total_seconds = 0.0
    for case in all_apps():
        base = zlib.crc32(case.name.encode("utf-8")) * 100_000  # each app its own seeds, the same on every run
        failures = steps = 0
        started = time.perf_counter()
        for i in range(count):
            with scratch_folder():
                result = run_sequence(case, RandomDraw(base + i), MAX_STEPS)
            steps += result.steps
            if result.failure is not None:
                failures += 1
                FAILURES.append((case.name, base + i, result.failure, result.actions))
        seconds = time.perf_counter() - started
        total_failures += failures
        total_steps += steps
        total_seconds += seconds
        out += [
            {
                "benchmark": f"random use {case.name}: failures in {count:,} sequences ({steps:,} steps)",
                "value": failures,
                "unit": "count",
                "target": "0",
            },
            {
                "benchmark": f"random use {case.name}: time for {count:,} sequences",
                "value": seconds,
                "unit": "s",
                "target": "context",
            },
        ]
    apps = len(all_apps())
    out += [
        {
            "benchmark": f"random use, all {apps} apps: failures in {apps * count:,} sequences ({total_steps:,} steps)",
            "value": total_failures,
            "unit": "count",
            "target": "0",
        },
        {
            "benchmark": f"random use, all {apps} apps: time for {apps * count:,} sequences",
            "value": total_seconds,
            "unit": "s",
            "target": "context",
        },
    ]
    return out


if __name__ == "__main__":
    for row in rows():
        print(f"{row['benchmark']}: {row['value']:.3f} {row['unit']} (target {row['target']})")
    for name, seed, failure, actions in FAILURES[:20]:
        print(f"\nFAILED {name} (seed {seed}): {failure}\n  actions: {'; '.join(actions)}")
