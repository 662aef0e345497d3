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

from bench.common import time_sweep, update_rows  # noqa: E402


def _options(control) -> list:
    return [o[1] if isinstance(o, tuple) else o for o in control.options]


def rows() -> list[dict]:
    from helpers.weakness import clinic_visit, daily_life, pathway_explorer

    out: list[dict] = []
    path = pathway_explorer()
    sites = _options(path.site)
    time_sweep(path.site, sites)  # warm-up
    out += update_rows("path explorer 'site' dropdown", time_sweep(path.site, (sites + sites[::-1]) * 3))

    life = daily_life()
    people = _options(life.persona)
    time_sweep(life.persona, people)
    out += update_rows("daily life 'person' dropdown", time_sweep(life.persona, (people + people[::-1]) * 3))

    clinic = clinic_visit()
    people = _options(clinic.persona)
    time_sweep(clinic.persona, people)
    out += update_rows("clinic visit 'person' dropdown", time_sweep(clinic.persona, (people + people[::-1]) * 3))
    hands = _options(clinic.hand)
    out += update_rows("clinic visit 'hand' buttons", time_sweep(clinic.hand, hands * 10))
    return out


if __name__ == "__main__":
    for row in rows():
        print(f"{row['benchmark']:<60} {row['value']:8.2f} {row['unit']:<3} {row['target']}")
