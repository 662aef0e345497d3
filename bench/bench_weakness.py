"""Python update time of every control of lesson 03's apps (helpers.weakness).

For each control: step through all its options (and back), set ``.value`` and time until the
handler returns (model + view + replace_figure + caption), without a browser. Median and p95
per control; target < 20 ms p95 (issue 9). Browser input-to-redraw rows come from
bench/bench_browser.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import options_of, sweep_rows, time_sweep, update_rows  # noqa: E402


def rows() -> list[dict]:
    from helpers.weakness import clinic_visit, daily_life, pathway_explorer

    clinic = clinic_visit()
    return [
        *sweep_rows("path explorer 'site' dropdown", pathway_explorer().site),
        *sweep_rows("daily life 'person' dropdown", daily_life().persona),
        *sweep_rows("clinic visit 'person' dropdown", clinic.persona),
        *update_rows("clinic visit 'hand' buttons", time_sweep(clinic.hand, options_of(clinic.hand) * 10)),
    ]


if __name__ == "__main__":
    for row in rows():
        print(f"{row['benchmark']:<60} {row['value']:8.2f} {row['unit']:<3} {row['target']}")
