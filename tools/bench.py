"""The benchmark: `python3 course.py bench` (or `make bench`) prints one table.

Rows come from the floor (a fresh kernel plus the course's imports), each
notebook's headless execution time and size on disk, and every module
``bench/bench_*.py`` that defines ``rows() -> list[dict]`` with keys
benchmark, value, unit and target. Budgets live here, not in timed unit tests.
Results are also written to bench-results/latest.json.
"""

from __future__ import annotations

import importlib.util
import json
import statistics
import sys
from pathlib import Path

import nbformat

from tools.execute import executed_text, notebook_paths, run_in_fresh_kernel
from tools.sandbox import sandbox

ROOT = Path(__file__).resolve().parent.parent
FLOOR_SOURCE = "import pandas, plotly.graph_objects, ipywidgets, helpers.notebook"


def floor_rows(env: dict[str, str], repeats: int = 5) -> list[dict]:
    """A fresh kernel plus the course's imports: the least any notebook can cost."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(FLOOR_SOURCE)]
    times = [run_in_fresh_kernel(nb, ROOT, env) for _ in range(repeats)]
    return [
        {
            "benchmark": "floor: fresh kernel + imports (median of 5)",
            "value": statistics.median(times),
            "unit": "s",
            "target": "context",
        }
    ]


def notebook_rows(env: dict[str, str]) -> list[dict]:
    """Each notebook executed twice in fresh kernels (in memory): its time, and whether both runs give the
    stored file byte for byte (a clean re-run must change nothing in git)."""
    rows = []
    same_twice = same_as_stored = 0
    paths = notebook_paths()
    for path in paths:
        first, seconds = executed_text(path, env)
        second, _ = executed_text(path, env)
        same_twice += first == second
        same_as_stored += first == second == path.read_text(encoding="utf-8")
        rows.append({"benchmark": f"execute {path.name} headless", "value": seconds, "unit": "s", "target": "< 60 s"})
        rows.append(
            {
                "benchmark": f"size of {path.name}",
                "value": path.stat().st_size / 1024,
                "unit": "KB",
                "target": "< 1000 KB",
            }
        )
    rows.append(
        {
            "benchmark": "notebooks whose two fresh runs are byte-identical",
            "value": same_twice,
            "unit": "of " + str(len(paths)),
            "target": f"= {len(paths)}",
        }
    )
    rows.append(
        {
            "benchmark": "notebooks whose fresh run is byte-identical to the stored file",
            "value": same_as_stored,
            "unit": "of " + str(len(paths)),
            "target": f"= {len(paths)}",
        }
    )
    return rows


def module_rows() -> list[dict]:
    rows = []
    for module_path in sorted((ROOT / "bench").glob("bench_*.py")):
        spec = importlib.util.spec_from_file_location(module_path.stem, module_path)
        assert spec is not None and spec.loader is not None, module_path
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        rows.extend(module.rows())
    return rows


def format_table(rows: list[dict]) -> str:
    width = max(len(r["benchmark"]) for r in rows)
    lines = [f"{'benchmark':<{width}}  {'value':>10}  {'unit':<5}  target", "-" * (width + 32)]
    for r in rows:
        lines.append(f"{r['benchmark']:<{width}}  {r['value']:>10.3f}  {r['unit']:<5}  {r['target']}")
    return "\n".join(lines)


def main() -> int:
    with sandbox() as env:
        rows = floor_rows(env) + notebook_rows(env) + module_rows()
    print(format_table(rows))
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
