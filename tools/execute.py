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
import sys
import time
import uuid
from pathlib import Path

import nbformat
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

from tools.sandbox import sandbox

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
KERNEL_NAME = "python3"
CELL_TIMEOUT_S = 600


LESSON_PATTERN = "[0-9][0-9]_*.ipynb"


def lesson_notebooks() -> list[Path]:
    """Every lesson notebook (named NN_topic.ipynb), in course order: the one list tests, tools and bench use."""
    return sorted(NOTEBOOKS.glob(LESSON_PATTERN))


def notebook_paths(args: list[str] | None = None) -> list[Path]:
    """The given notebooks, or every lesson notebook in order."""
    if args:
        return [Path(a).resolve() for a in args]
    return lesson_notebooks()


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def strip_volatile_metadata(nb: nbformat.NotebookNode) -> None:
    """Remove widget state and per-cell timings; give widget outputs stable ids.

    A widget output's ``model_id`` is random on every run and points into the
    widget state, which is removed here; without that state it refers to
    nothing, so it is replaced by an id derived from the output's position.
    Re-executing an unchanged notebook then leaves git nothing to show.
    """
    nb.metadata.pop("widgets", None)
    for cell_index, cell in enumerate(nb.cells):
        cell.metadata.pop("execution", None)
        if cell.cell_type != "code":
            continue
        cell.metadata.pop("collapsed", None)
        for output_index, output in enumerate(cell.outputs):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view is not None:
                view["model_id"] = f"{cell_index:016x}{output_index:016x}"


def run_in_fresh_kernel(nb: nbformat.NotebookNode, directory: Path, sandbox: dict[str, str]) -> float:
    """Run ``nb`` (in memory) top to bottom in a fresh kernel started in ``directory``; return seconds.

    The kernel gets the sandbox environment (throwaway HOME and Jupyter dirs) and
    its connection file is written into the sandbox's runtime folder; this
    process's own environment is left untouched.
    """
    runtime = Path(sandbox["JUPYTER_RUNTIME_DIR"])
    # IPC: the kernel's sockets are files in the sandbox's private runtime folder, not loopback ports another
    # account could listen on (and ipykernel does not warn about plain-text TCP once per kernel).
    manager = KernelManager(
        kernel_name=KERNEL_NAME,
        connection_file=str(runtime / f"kernel-{uuid.uuid4().hex}.json"),
        transport="ipc",
    )
    client = NotebookClient(
        nb,
        km=manager,
        timeout=CELL_TIMEOUT_S,
        kernel_name=KERNEL_NAME,
        resources={"metadata": {"path": str(directory)}},
        record_timing=False,
    )
    started = time.perf_counter()
    try:
        client.execute(env=sandbox, cwd=str(directory))
    finally:
        # The client does not own a kernel manager it was given, so it leaves the kernel running: stop it here,
        # or every notebook of a run keeps a kernel (about 150 MB each) until the command ends.
        if manager.has_kernel:
            manager.shutdown_kernel(now=False)
    return time.perf_counter() - started


def executed_text(path: Path, sandbox_environment: dict[str, str]) -> tuple[str, float]:
    """``path`` run top to bottom in a fresh kernel, as the text ``execute`` stores; and the seconds it took.

    Why a text: a re-run of an unchanged notebook must give the same bytes (no ids, times or random
    values), so a stored notebook changes in git only when its content changed (tests/test_tools.py).
    """
    nb = nbformat.read(path, as_version=4)
    elapsed = run_in_fresh_kernel(nb, path.parent, sandbox_environment)
    strip_volatile_metadata(nb)
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": KERNEL_NAME}
    text = nbformat.writes(nb)
    return (text if text.endswith("\n") else text + "\n"), elapsed


def execute_notebook(path: Path, sandbox_environment: dict[str, str]) -> float:
    """Execute ``path`` in place in a fresh kernel; return the seconds it took."""
    text, elapsed = executed_text(path, sandbox_environment)
    path.write_text(text, encoding="utf-8")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", help="notebooks to execute (default: all under notebooks/)")
    args = parser.parse_args(argv)
    paths = notebook_paths(args.notebooks)
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        print(
            f"No such notebook: {', '.join(missing)}. Give paths like notebooks/00_start_here.ipynb.", file=sys.stderr
        )
        return 2
    with sandbox() as env:
        for path in paths:
            seconds = execute_notebook(path, env)
            size_kb = path.stat().st_size / 1024
            print(f"executed {path.relative_to(ROOT)} in {seconds:.1f} s ({size_kb:.0f} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
