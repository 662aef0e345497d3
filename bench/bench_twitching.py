"""Python update time of every control of the twitching lesson's apps.

For each control: sweep its whole range (up and back down), set ``.value`` and time
until the handler returns (model + view + replace_figure + caption), without a
browser. Median and p95 per control; target < 20 ms p95. Browser input-to-redraw
rows come from bench/bench_browser.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import time_sweep, update_rows  # noqa: E402


def _range(slider) -> list:
    n = round((slider.max - slider.min) / slider.step)
    values = [slider.min + i * slider.step for i in range(n + 1)]
    if isinstance(slider.step, float):
        values = [round(v, 6) for v in values]
    return values


def rows() -> list[dict]:
    from helpers.twitching import base_rate_explorer, body_map_over_time, side_by_side, trigger_lab

    out: list[dict] = []
    lab = trigger_lab()
    time_sweep(lab.caffeine, [lab.caffeine.min, lab.caffeine.max])  # warm-up
    for label, slider in (
        ("caffeine", lab.caffeine),
        ("sleep", lab.sleep),
        ("stress", lab.stress),
        ("exercise", lab.exercise),
    ):
        values = _range(slider)
        out += update_rows(f"trigger lab '{label}' slider", time_sweep(slider, values + values[::-1]))

    body = body_map_over_time()
    months = _range(body.month)
    out += update_rows("body map 'month' slider", time_sweep(body.month, months + months[::-1]))
    personas = [value for _label, value in body.persona.options]
    out += update_rows("body map 'person' dropdown", time_sweep(body.persona, (personas + personas[::-1]) * 2))

    pair = side_by_side()
    shown = _range(pair.months)
    out += update_rows("side by side 'months shown' slider", time_sweep(pair.months, shown + shown[::-1]))

    rates = base_rate_explorer()
    steps = list(rates.step.options)
    out += update_rows("base-rate explorer step buttons", time_sweep(rates.step, (steps + steps[::-1]) * 3))
    return out


if __name__ == "__main__":
    for row in rows():
        print(f"{row['benchmark']:<60} {row['value']:8.2f} {row['unit']:<3} {row['target']}")
