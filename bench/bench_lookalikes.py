"""Python update time of every control of lesson 04's apps (helpers.lookalikes).

For each control: step through all its options (and back), set ``.value`` and time until the
handler returns (model + view + replace_figure + caption), without a browser. Median and p95
per control; target < 20 ms p95 (the lesson issues' budget). The walk's buttons and the diary's
save are timed as one click each. Browser input-to-redraw rows come from bench/bench_browser.py.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import sweep_rows, update_rows  # noqa: E402


def _clicks(action, n: int) -> list[float]:
    times = []
    for _ in range(n):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000.0)
    return times


def rows() -> list[dict]:
    from helpers.lookalikes import evaluation_walk, lookalikes_lab
    from helpers.lookalikes.diary_app import SymptomDiary

    lab = lookalikes_lab()
    walk = evaluation_walk()

    def step() -> None:
        if walk.shown == 5:
            walk.restart()
        walk.next_step()

    out = [
        *sweep_rows("look-alikes lab 'second person' dropdown", lab.second),
        *sweep_rows("evaluation walk 'person' dropdown", walk.persona),
        *update_rows("evaluation walk 'Next step' button", _clicks(step, 60)),
    ]
    with tempfile.TemporaryDirectory() as folder:
        os.environ.setdefault("COURSE_DIARY_DIR", folder)
        diary = SymptomDiary(Path(folder) / "bench.csv")
        diary.where.value = "left calf"

        def save() -> None:
            diary.where.value = "left calf"
            diary.save()

        out += update_rows("symptom diary 'Save entry' (append, read back, redraw)", _clicks(save, 40))
    return out


if __name__ == "__main__":
    for row in rows():
        print(f"{row['benchmark']:<70} {row['value']:8.2f} {row['unit']:<3} {row['target']}")
