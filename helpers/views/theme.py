"""One look for every figure in the course.

Why: a projected figure must be readable from the back of a classroom, by the one
student in twelve with a colour-vision deficiency, and by a screen reader. So every
figure uses the Okabe-Ito palette (Okabe & Ito 2008, designed to stay distinct for
the common colour-vision deficiencies), large type, labelled axes with units, a
title that states the finding, and a one-sentence description kept in
``layout.meta['description']`` and shown under the figure.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio

# Okabe-Ito colour-blind-safe palette (black last: used for reference lines).
PALETTE: dict[str, str] = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}
COLORWAY: list[str] = [PALETTE[k] for k in ("blue", "orange", "green", "vermillion", "sky", "purple", "black")]
NOISE_BAND_FILL = "rgba(120,120,120,0.18)"
FONT_SIZE = 15
#: Every course figure says, under its title, what its people and numbers are.
SYNTHETIC_MARK = "Synthetic teaching example: not a real person"
#: Titles are wrapped to lines of about this many characters, so that a finding is never cut off
#: on a small laptop (an output about 570 px wide) or a projector at 150% zoom.
TITLE_LINE_CHARS = 52

COURSE_TEMPLATE = go.layout.Template(
    layout=dict(
        font=dict(family="DejaVu Sans, Arial, sans-serif", size=FONT_SIZE, color="#1a1a1a"),
        colorway=COLORWAY,
        paper_bgcolor="white",
        plot_bgcolor="white",
        title=dict(x=0.01, xanchor="left", font=dict(size=FONT_SIZE + 3)),
        xaxis=dict(showgrid=True, gridcolor="#e3e3e3", linecolor="#444", ticks="outside", zeroline=False),
        yaxis=dict(showgrid=True, gridcolor="#e3e3e3", linecolor="#444", ticks="outside", zeroline=False),
        legend=dict(bgcolor="rgba(255,255,255,0.85)"),
        margin=dict(l=70, r=30, t=80, b=60),
        hoverlabel=dict(font_size=FONT_SIZE),
    )
)


def use_course_theme() -> None:
    """Make the course template the default and render figures as plotly JSON.

    The ``plotly_mimetype`` renderer stores a small JSON document that JupyterLab
    draws offline; the ``notebook`` renderer would inline ~5 MB of plotly.js per
    output (see shared stack notes).
    """
    pio.templates["course"] = COURSE_TEMPLATE
    pio.templates.default = "course"
    pio.renderers.default = "plotly_mimetype"


class CourseFigure(go.Figure):
    """A course figure: wherever it is displayed, its one-sentence description follows it.

    Why: a static figure in a notebook, a handout or a screen reader needs the same
    sentence as the live one, without a wrapper call in the notebook. ``style_figure``
    makes every course figure one of these.
    """

    def _ipython_display_(self) -> None:
        from IPython.display import HTML, display

        super()._ipython_display_()
        display(HTML(description_html(figure_description(self))))


def wrap_title(text: str, width: int = TITLE_LINE_CHARS) -> str:
    """The title broken into lines of at most ``width`` characters with <br> (plotly does not wrap titles)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def style_figure(
    fig: go.Figure,
    *,
    title: str,
    x_title: str,
    y_title: str,
    description: str,
    height: int = 420,
    mark: str = SYNTHETIC_MARK,
) -> CourseFigure:
    """Apply the course's title, axis labels, size, mark and alt text to a figure.

    ``title`` should state the finding ("Grip recovers after rest"), axis titles
    carry units ("grip force (kg)"), and ``description`` is one sentence that
    gives a reader who cannot see the figure the same point. ``mark`` is the
    small line under the title that says what the figure's data are (by default
    that its people are synthetic), so a projected slide or a screenshot never
    reads as a real patient. The title is wrapped and the figure fills the width
    of its output, so nothing is cut off on a small screen.
    """
    for name, value in (("title", title), ("x_title", x_title), ("y_title", y_title), ("description", description)):
        if not value or not value.strip():
            raise ValueError(
                f"style_figure: {name} is empty; every course figure needs a title, axis titles with units and "
                "a description"
            )
    wrapped = wrap_title(title)
    extra_lines = wrapped.count("<br>")
    top = (fig.layout.margin.t if fig.layout.margin.t is not None else COURSE_TEMPLATE.layout.margin.t) or 80
    fig.update_layout(
        template=COURSE_TEMPLATE,
        title=dict(text=wrapped, subtitle=dict(text=mark, font=dict(size=12, color="#555"))),
        xaxis_title_text=x_title,
        yaxis_title_text=y_title,
        height=height + 24 * extra_lines,
        margin=dict(t=top + 24 * extra_lines),
        autosize=True,
        meta={"description": description, "title": title, "mark": mark},
    )
    if type(fig) is go.Figure:
        fig.__class__ = CourseFigure  # same data, no copy: only the display changes
    return fig


def figure_description(fig: go.Figure) -> str:
    """The one-sentence description stored on a styled figure."""
    meta = fig.layout.meta
    if isinstance(meta, dict) and meta.get("description"):
        return str(meta["description"])
    raise ValueError("figure has no description: build it with helpers.views.theme.style_figure")


def description_html(text: str) -> str:
    """HTML for the sentence under a figure (also what a screen reader reads)."""
    return (
        "<p class='figure-description' style='font-size:1em;color:#333;margin:0.2em 0 1em 0'>"
        f"<em>What this figure shows:</em> {html.escape(text)}</p>"
    )


def line(
    x: Sequence[Any],
    y: Sequence[Any],
    name: str,
    colour: str,
    *,
    width: float = 2.5,
    dash: str = "solid",
    markers: bool = False,
    hover: str = "%{y}",
    xaxis: str = "x",
    yaxis: str = "y",
    **extra: Any,
) -> dict[str, Any]:
    """One line trace as a figure-spec dict (the shape almost every course figure is made of)."""
    return dict(
        type="scatter",
        x=list(x),
        y=list(y),
        mode="lines+markers" if markers else "lines",
        name=name,
        line=dict(color=colour, width=width, dash=dash),
        hovertemplate=hover + "<extra></extra>",
        xaxis=xaxis,
        yaxis=yaxis,
        **extra,
    )
