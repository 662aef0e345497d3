"""What the machine allows this process (standard library only: ``course.py`` imports it before any setup)."""

from __future__ import annotations

import os


def usable_cores() -> int:
    """The cores this process may run on (a container or a class server may allow fewer than the machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1
