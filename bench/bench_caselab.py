"""The case lab (helpers.caselab): a whole class's sets and marks, one student's data, the lab's redraws.

Rows: drawing 300 students' case sets (the specs, options and key: what marking needs), writing and marking
300 hand-in files (the issue's budget: a few seconds each), simulating one student's six cases, and the
Python update time of the lab's view and case pickers (target < 20 ms p95, as for every lesson's controls).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import sweep_rows  # noqa: E402

CLASS_SIZE = 300


def _seconds(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def rows() -> list[dict]:
    from helpers.caselab.apps import CaseLab
    from helpers.caselab.marking import mark_class, save_answers, simulated_answers
    from helpers.caselab.model import case_data, case_set

    ids = [f"bench-{i:03d}" for i in range(CLASS_SIZE)]
    draw = _seconds(lambda: [case_set.__wrapped__(sid) for sid in ids])
    out = [
        {
            "benchmark": f"case lab: draw {CLASS_SIZE} students' case sets",
            "value": round(draw, 2),
            "unit": "s",
            "target": "< 3 s",
        },
    ]
    with tempfile.TemporaryDirectory() as folder:
        write = _seconds(lambda: [save_answers(case_set(s), simulated_answers(s, 0.7), folder) for s in ids])
        files = sorted(Path(folder).glob("*.json"))
        case_set.cache_clear()  # marking draws every student's set again, as a teacher's fresh process does
        mark = _seconds(lambda: mark_class(ids, files))
    out += [
        {
            "benchmark": f"case lab: write {CLASS_SIZE} hand-in files",
            "value": round(write, 2),
            "unit": "s",
            "target": "< 3 s",
        },
        {
            "benchmark": f"case lab: mark {CLASS_SIZE} hand-in files",
            "value": round(mark, 2),
            "unit": "s",
            "target": "< 3 s",
        },
    ]
    simulate = _seconds(lambda: [case_data("bench-data", n) for n in range(1, 7)])
    out.append(
        {
            "benchmark": "case lab: simulate one student's six cases",
            "value": round(simulate, 2),
            "unit": "s",
            "target": "< 1 s",
        }
    )
    lab = CaseLab("bench-data")
    lab.open_cases()
    out += sweep_rows("case lab 'Look at' dropdown", lab.view_picker)
    out += sweep_rows("case lab 'Case' dropdown", lab.case_picker)
    return out
