"""Browser rows: time from a control change to the redrawn figure, in real Chromium.

Each figure control of each notebook is changed once to warm up, then REPEATS
times; each time is measured in the page, from the control's first input event
to plotly's next afterplot event on a figure in the same app: the kernel round
trip, the Python handler and the redraw, without Playwright's own overhead.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import p95  # noqa: E402
from tools.execute import lesson_notebooks  # noqa: E402
from tools.lab import (  # noqa: E402
    change_and_time_redraw,
    chromium,
    chromium_path,
    figure_controls,
    open_notebook,
    run_all,
    running_lab,
)

REPEATS = 20  # after one unmeasured warm-up change per control
SETTLE_MS = 250  # pause between changes: no person moves a control faster, and the last redraw has finished


def rows() -> list[dict]:
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    if not executable:
        return [
            {
                "benchmark": "browser rows skipped: no Chromium (apt-get install chromium)",
                "value": float("nan"),
                "unit": "",
                "target": "",
            }
        ]
    notebooks = lesson_notebooks()
    out: list[dict] = []
    with running_lab(notebooks) as server, sync_playwright() as playwright, chromium(playwright, executable) as context:
        for notebook in notebooks:
            page = context.new_page()
            open_notebook(page, server, notebook.name)
            seconds = run_all(page)
            out.append(
                {
                    "benchmark": f"browser: {notebook.name} Run All until idle",
                    "value": seconds,
                    "unit": "s",
                    "target": "context",
                }
            )
            for control in figure_controls(page):
                change_and_time_redraw(page, control)  # warm-up
                times = []
                for _ in range(REPEATS):
                    page.wait_for_timeout(SETTLE_MS)
                    measured = change_and_time_redraw(page, control)
                    if measured is not None:
                        times.append(measured)
                name = f"browser: {notebook.stem} {control['kind']} '{control['label'].strip()}'"
                if not times:
                    out.append(
                        {
                            "benchmark": name + " NO REDRAW",
                            "value": float("nan"),
                            "unit": "ms",
                            "target": "< 100 ms p95",
                        }
                    )
                    continue
                out.append(
                    {
                        "benchmark": name + " median",
                        "value": statistics.median(times),
                        "unit": "ms",
                        "target": "context",
                    }
                )
                out.append({"benchmark": name + " p95", "value": p95(times), "unit": "ms", "target": "< 100 ms p95"})
            page.close()
            server.shutdown_kernels()
    return out
