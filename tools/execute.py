"""The one canonical way to execute a notebook: fresh kernel, top to bottom, saved.

    python3 course.py execute                       # every notebook under notebooks/
    python3 course.py execute notebooks/01_*.ipynb  # some of them

After execution the stored widget state (``metadata.widgets``) is removed: a
plotly FigureWidget's state holds the whole plotly.js bundle (about 5 MB), and
stored widget state is not needed to read the notebook (apps show a one-line
text fallback until the notebook is run). Cell timing metadata is not recorded,
so that re-executing an unchanged notebook leaves git with nothing to show.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from tools.sandbox import sandbox_env

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
KERNEL_NAME = "python3"
CELL_TIMEOUT_S = 600


def notebook_paths(args: list[str] | None = None) -> list[Path]:
    """The given notebooks, or every lesson notebook in order."""
    if args:
        return [Path(a).resolve() for a in args]
    return sorted(p for p in NOTEBOOKS.glob("*.ipynb") if not p.name.startswith("."))


def strip_volatile_metadata(nb: nbformat.NotebookNode) -> None:
    """Remove widget state and per-cell execution timings."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.metadata.pop("collapsed", None)


def execute_notebook(path: Path, sandbox: dict[str, str] | None = None) -> float:
    """Execute ``path`` in place in a fresh kernel; return the seconds it took."""
    nb = nbformat.read(path, as_version=4)
    env_backup = dict(os.environ)
    try:
        os.environ.update(sandbox or sandbox_env())
        client = NotebookClient(
            nb,
            timeout=CELL_TIMEOUT_S,
            kernel_name=KERNEL_NAME,
            resources={"metadata": {"path": str(path.parent)}},
            record_timing=False,
        )
        started = time.perf_counter()
        client.execute()
        elapsed = time.perf_counter() - started
    finally:
        os.environ.clear()
        os.environ.update(env_backup)
    strip_volatile_metadata(nb)
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": KERNEL_NAME}
    nbformat.write(nb, path)
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", help="notebooks to execute (default: all under notebooks/)")
    args = parser.parse_args(argv)
    paths = notebook_paths(args.notebooks)
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        print(f"No such notebook: {', '.join(missing)}. Give paths like notebooks/00_start_here.ipynb.", file=sys.stderr)
        return 2
    sandbox = sandbox_env()
    for path in paths:
        seconds = execute_notebook(path, sandbox)
        size_kb = path.stat().st_size / 1024
        print(f"executed {path.relative_to(ROOT)} in {seconds:.1f} s ({size_kb:.0f} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
