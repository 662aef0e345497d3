"""One error type for input a learner or teacher can get wrong.

Why: a teacher who mistypes a persona name, or a learner whose diary CSV lacks a
column, should read at once what was wrong, what is allowed and how to fix it,
rather than a traceback from deep inside pandas.
"""

from __future__ import annotations

from typing import Any


class CourseInputError(ValueError):
    """Bad input to a course function: names the input, the allowed values and the fix."""

    def __init__(self, what: str, got: Any, allowed: str, fix: str) -> None:
        self.what = what
        self.got = got
        self.allowed = allowed
        self.fix = fix
        super().__init__(f"{what}: got {got!r}. Allowed: {allowed}. Fix: {fix}")
