"""Throwaway HOME and Jupyter/IPython directories for kernels, servers and browsers.

Why: executing notebooks, running JupyterLab for the browser tests and starting
Chromium must not write into the user's real home (settings, history, runtime
files), and must not pick up a user's own Jupyter settings that would change
what we test.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: The active cell's toolbar, off (course.py ships the same in the course's own environment). "showToolbar" alone
#: is not enough in JupyterLab 4.6: it reaches only the notebook opened last before the setting loaded, so every
#: item is also removed (an empty toolbar has nothing to focus).
CELL_TOOLBAR_OFF = {
    "showToolbar": False,
    "toolbar": [
        {"name": name, "disabled": True}
        for name in (
            "duplicate-cell",
            "move-cell-up",
            "move-cell-down",
            "insert-cell-above",
            "insert-cell-below",
            "delete-cell",
        )
    ],
}

#: The notebook toolbar without its edit buttons (insert, cut, copy, paste): they are Tab stops on the way into
#: every lesson, and Space or Enter on one adds or deletes a cell with no prompt. Save, run, interrupt and restart
#: stay; the Edit menu and the shortcuts still do the rest.
NOTEBOOK_TOOLBAR_EDITS_OFF = {
    "toolbar": [{"name": name, "disabled": True} for name in ("insert", "cut", "copy", "paste")],
}

# JupyterLab 4 renders only the cells in view by default; for tests and
# screenshots every cell must be in the page, so windowing is switched off.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/cell-toolbar-extension/plugin.jupyterlab-settings": CELL_TOOLBAR_OFF,
    "@jupyterlab/notebook-extension/panel.jupyterlab-settings": NOTEBOOK_TOOLBAR_EDITS_OFF,
}


def sandbox_env(base: Path) -> dict[str, str]:
    """Environment variables that point every Jupyter, IPython and home dir into ``base`` (created if needed)."""
    base = Path(base)
    dirs = {
        "HOME": base / "home",
        "JUPYTER_CONFIG_DIR": base / "jupyter-config",
        "JUPYTER_DATA_DIR": base / "jupyter-data",
        "JUPYTER_RUNTIME_DIR": base / "jupyter-runtime",
        "IPYTHONDIR": base / "ipython",
        "JUPYTERLAB_SETTINGS_DIR": base / "lab-settings",
        "JUPYTERLAB_WORKSPACES_DIR": base / "lab-workspaces",
        "XDG_CONFIG_HOME": base / "xdg-config",
        "XDG_CACHE_HOME": base / "xdg-cache",
    }
    for path in dirs.values():
        path.mkdir(parents=True, exist_ok=True)
    for name, settings in LAB_SETTINGS.items():
        scope, package, file = name.split("/")
        target = dirs["JUPYTERLAB_SETTINGS_DIR"] / scope / package / file
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(settings))
    env = dict(os.environ)
    env.update({k: str(v) for k, v in dirs.items()})
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    return env


@contextmanager
def sandbox() -> Iterator[dict[str, str]]:
    """A throwaway sandbox: its environment while the block runs, the folder removed afterwards (even on error)."""
    base = Path(tempfile.mkdtemp(prefix="course-sandbox-"))
    try:
        yield sandbox_env(base)
    finally:
        shutil.rmtree(base, ignore_errors=True)
