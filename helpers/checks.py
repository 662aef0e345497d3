"""Input checks shared by the engine and every lesson: one rule for each kind of value.

Why one module: a learner who types ``month=2.5`` or a teacher who passes a
persona that does not exist must read the same kind of message everywhere
(what was wrong, what is allowed, how to fix it), and a fix to a rule (NaN,
infinity, a bool that slipped in as a number) must reach every function at once.
Every check returns the value in its normal form (an ``int``, a ``float``, an
array), so callers use what the check returns.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

import numpy as np
from numpy.typing import ArrayLike

from helpers.errors import CourseInputError

T = TypeVar("T")


def _fmt(x: float) -> str:
    """A bound as a reader writes it: 12, 0.5, 10,000 (no trailing .0)."""
    if float(x).is_integer() and abs(x) >= 10_000:
        return f"{int(x):,}"
    return f"{x:g}"


def _is_number(value: Any) -> bool:
    return not isinstance(value, (bool, np.bool_)) and isinstance(value, (int, float, np.integer, np.floating))


def whole_number(name: str, value: Any, low: int, high: int, fix: str) -> int:
    """``value`` as an int from ``low`` to ``high``.

    Accepts ints, numpy ints and floats without a fraction (``3.0``); rejects
    bools, text, NaN, infinities and fractions, naming the input and the range.
    """
    allowed = f"a whole number from {_fmt(low)} to {_fmt(high)}"
    if not _is_number(value):
        raise CourseInputError(name, value, allowed, fix)
    if isinstance(value, (float, np.floating)) and (not math.isfinite(value) or not float(value).is_integer()):
        raise CourseInputError(name, value, allowed, fix)
    if not low <= int(value) <= high:
        raise CourseInputError(name, value, f"{_fmt(low)} to {_fmt(high)}", fix)
    return int(value)


def number(name: str, value: Any, low: float, high: float, fix: str, unit: str = "") -> float:
    """``value`` as a finite float from ``low`` to ``high`` (``unit`` is named in the message)."""
    unit_text = f" {unit}" if unit else ""
    if not _is_number(value) or math.isnan(float(value)):
        raise CourseInputError(name, value, f"a number from {_fmt(low)} to {_fmt(high)}{unit_text}", fix)
    if not low <= float(value) <= high:
        raise CourseInputError(name, value, f"{_fmt(low)} to {_fmt(high)}{unit_text}", fix)
    return float(value)


def numbers(name: str, value: ArrayLike, low: float, high: float, fix: str, unit: str = "") -> np.ndarray:
    """``value`` (a number or an array of numbers) as a float array, every element from ``low`` to ``high``.

    On failure the message names the first offending element, not the whole array.
    """
    unit_text = f" {unit}" if unit else ""
    if isinstance(value, (str, bytes, bool, np.bool_)):
        raise CourseInputError(name, value, f"numbers in{unit_text or ' range'}", fix)
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise CourseInputError(name, value, f"numbers in{unit_text or ' range'}", fix) from None
    if np.isnan(arr).any():
        raise CourseInputError(name, value, f"numbers from {_fmt(low)} to {_fmt(high)}{unit_text}, no NaN", fix)
    outside = (arr < low) | (arr > high)
    if outside.any():
        raise CourseInputError(name, float(arr[outside].ravel()[0]), f"{_fmt(low)} to {_fmt(high)}{unit_text}", fix)
    return arr


def one_of(name: str, value: Any, allowed: Iterable[T], fix: str) -> T:
    """``value`` if it is one of ``allowed`` (compared with ==), else an error listing them."""
    options = list(allowed)
    if isinstance(value, str) or not isinstance(value, (list, dict, set)):
        for option in options:
            if value == option:
                return option
    raise CourseInputError(name, value, ", ".join(str(o) for o in options), fix)


def distinct(name: str, values: Sequence[Any], fix: str) -> tuple[Any, ...]:
    """``values`` as a tuple, if no value appears twice."""
    items = tuple(values)
    if len(set(items)) != len(items):
        raise CourseInputError(name, list(items), "each value at most once", fix)
    return items


def text(name: str, value: Any, fix: str, example: str = "") -> str:
    """A non-empty text (surrounding spaces removed)."""
    if not isinstance(value, str) or not value.strip():
        allowed = "a non-empty text" + (f", e.g. {example!r}" if example else "")
        raise CourseInputError(name, value, allowed, fix)
    return value.strip()
