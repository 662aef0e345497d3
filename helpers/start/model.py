"""The start notebook's model: the MRC muscle strength scale (no widgets, no plotly).

MRC (Medical Research Council) scale: 0-5. Grades in the wording used by the
Medical Research Council's "Aids to the examination of the peripheral nervous
system" (key ``mrc1976`` in data/references.toml); the everyday examples are
the course's plain-language illustrations.
"""

from __future__ import annotations

import numpy as np

from helpers.engine.measurements import check_mrc_grade
from helpers.errors import CourseInputError

MRC_GRADES: dict[int, str] = {
    0: "no contraction at all",
    1: "a flicker of contraction, but no movement",
    2: "moves the joint only with gravity taken away (sliding along a table)",
    3: "moves against gravity, but not against any resistance",
    4: "moves against some resistance, but less than normal",
    5: "normal strength",
}

MRC_EVERYDAY: dict[int, str] = {
    0: "the limb cannot be moved at all by that muscle",
    1: "the examiner can feel the muscle tighten, but nothing moves",
    2: "the arm can slide across a table but cannot lift off it",
    3: "the arm lifts up, but a light push from a hand brings it down",
    4: "it holds against a push, but gives way to a firm one; lifting a full bag is hard",
    5: "it holds against a firm push, as on the other, healthy side",
}


def one_mrc_grade(grade: float | int) -> int:
    """One MRC grade as an int, checked by the model's rule (whole numbers 0-5).

    A wrapper for widgets and captions, which take a single grade; the model's
    ``check_mrc_grade`` validates arrays of grades.
    """
    if isinstance(grade, (bool, str)) or np.ndim(grade) != 0:
        raise CourseInputError("MRC grade", grade, "a single whole number from 0 to 5", "pass one grade, e.g. 3")
    return int(check_mrc_grade(grade))


def describe_mrc(grade: int) -> str:
    """One plain-language sentence for an MRC grade."""
    grade = one_mrc_grade(grade)
    return f"MRC grade {grade}: {MRC_GRADES[grade]}. In daily terms, {MRC_EVERYDAY[grade]}."
