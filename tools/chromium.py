"""Finding the system Chromium for the browser tests (standard library only).

Why a module of its own: ``course.py`` (which runs before the course's
environment exists), the browser harness and the tests all need the same
answer to "which Chromium?" and "is this CI?", and none of them should import
the others to get it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

#: Names the system Chromium goes by, in the order they are tried.
CHROMIUM_NAMES: tuple[str, ...] = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> str | None:
    """Chromium's path: ``COURSE_CHROMIUM`` if set (and it exists), else the first of CHROMIUM_NAMES on the PATH."""
    override = os.environ.get("COURSE_CHROMIUM")
    if override:
        return override if Path(override).exists() else None
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def is_ci() -> bool:
    """True in CI (``CI=true``), where browser tests must run, never be skipped."""
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}
