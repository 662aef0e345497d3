"""One call at the top of every notebook: theme, renderer, table display.

Why: a notebook's setup cell should be short lines a learner can read, a rerun
must give the same figures everywhere (same renderer, same template), and every
table a lesson shows is made of synthetic people, so it says so under itself
(a table copied into a slide or a screenshot never passes for real patients).
"""

from __future__ import annotations

import html
import re
from typing import Any

#: The line under every table a course notebook shows.
TABLE_NOTE = "Synthetic course data: made up for teaching; no row is a real person."


def _breakable(table: str) -> str:
    """The table's text with a break opportunity (<wbr>) after each underscore.

    Column names such as grip_normal_kg_right are one long word: without it, a table of them
    scrolls sideways on a small laptop or a projector instead of wrapping its headers.
    """
    return re.sub(r">([^<]+)<", lambda m: ">" + m.group(1).replace("_", "_<wbr>") + "<", table)


#: A header for the corner above a table's row labels, which pandas leaves empty: an empty header cell is
#: announced as nothing at all by a screen reader (axe-core: empty-table-header). Muted, as it says little.
_CORNER = "<th style='color:#555;font-weight:normal'>row</th>"
_EMPTY_HEADER = re.compile(r"<th>\s*</th>")


def _named_header_cells(table: str) -> str:
    """The table with every empty header cell of its head named "row" (what the column under it holds)."""
    head_end = table.find("</thead>")
    if head_end < 0:
        return table
    return _EMPTY_HEADER.sub(_CORNER, table[:head_end]) + table[head_end:]


def table_html(frame: Any) -> str:
    """A DataFrame or Series as HTML with the synthetic note under it (or its own ``attrs["course_note"]``)."""
    import pandas as pd

    table = frame.to_frame() if isinstance(frame, pd.Series) else frame
    note = html.escape(str(frame.attrs.get("course_note", TABLE_NOTE)))
    return (
        _breakable(
            _named_header_cells(
                table.to_html(max_rows=pd.get_option("display.max_rows"), float_format=lambda x: f"{x:.1f}", border=0)
            )
        )
        + f"<p class='course-table-note' style='font-size:0.9em;color:#555;margin:0.2em 0'><em>{note}</em></p>"
    )


def setup() -> None:
    """Prepare plotly and pandas display for the course (safe to call twice)."""
    import pandas as pd
    from IPython import get_ipython

    from helpers.views.theme import use_course_theme

    use_course_theme()
    pd.set_option("display.max_columns", 30)
    pd.set_option("display.width", 120)
    pd.set_option("display.precision", 2)
    shell = get_ipython()
    if shell is not None:
        html = shell.display_formatter.formatters["text/html"]
        html.for_type(pd.DataFrame, table_html)
        html.for_type(pd.Series, table_html)
