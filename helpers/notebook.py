"""One call at the top of every notebook: theme, renderer and display settings.

Why: a notebook's setup cell should be two short lines a learner can read, and a
rerun must give the same figures everywhere (same renderer, same template).
"""

from __future__ import annotations


def setup() -> None:
    """Prepare plotly and pandas display for the course (safe to call twice)."""
    import pandas as pd

    from helpers.views.theme import use_course_theme

    use_course_theme()
    pd.set_option("display.max_columns", 30)
    pd.set_option("display.width", 120)
    pd.set_option("display.precision", 2)
