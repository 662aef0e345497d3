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
import re
from collections.abc import Sequence
from functools import lru_cache
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
#: Sizes (px) of the title, the mark under it, and the smallest text any figure may use.
TITLE_FONT_SIZE = 17
MARK_FONT_SIZE = 12
SMALLEST_FONT_SIZE = 12
#: Every course figure says, under its title, what its people and numbers are.
SYNTHETIC_MARK = "Synthetic teaching example: not a real person"
#: The narrowest output a figure must fit: JupyterLab with its file browser open, on a 1280x720 projector
#: at 150% zoom, leaves a notebook output about 420 px wide (a 1024x700 laptop: about 590 px).
NARROWEST_FIGURE_PX = 400
#: Room for one line of text across the narrowest figure. Titles, marks, panel headings and long labels
#: are wrapped to it (plotly never wraps text), so nothing is cut off on a small laptop or a projector.
TEXT_ROOM_PX = NARROWEST_FIGURE_PX - 24
#: Plotly's spacing of the lines of one text (in em).
LINE_SPACING = 1.3
#: The plot area of the narrowest figure, once the y axis's labels and the right margin are taken off: what a
#: view divides between side-by-side panels when it wraps their headings and labels.
NARROWEST_PLOT_PX = NARROWEST_FIGURE_PX - 90
#: Room in px under a panel for its x axis: ticks, tick labels and a one-line axis title.
X_AXIS_PX = 56
#: Size (px) of panel headings and of the text of legends and keys.
HEADING_FONT_SIZE = 14
LEGEND_FONT_SIZE = 13
#: Room above the title; the gap plotly leaves between the title and the mark under it; and the gap
#: between the mark and whatever is under it (a panel heading or the plot).
TITLE_TOP_PX = 8
MARK_GAP_PX = 9
UNDER_MARK_PX = 12
#: Legends lie under the plot, anchored to the bottom of the figure (yref "container"): plotly then keeps
#: room for them however many rows they wrap to on a narrow screen, and they never run over an axis title.
#: Beside the plot, a legend would take half of a narrow screen.
LEGEND_BELOW: dict[str, Any] = dict(
    orientation="h",
    xref="container",
    x=0.0,
    xanchor="left",
    yref="container",
    y=0.0,
    yanchor="bottom",
    font=dict(size=LEGEND_FONT_SIZE),
)

#: Every axis, x and y: light grid, outside ticks. automargin: tick labels and axis titles push the margins instead
#: of being cut off. With that, no tick label can run past the figure, so plotly need not measure each one after
#: every redraw to hide those that do (ticklabeloverflow "allow": its default measures them, about a sixth of a
#: two-panel figure's update).
AXIS_STYLE = dict(
    showgrid=True,
    gridcolor="#e3e3e3",
    linecolor="#444",
    ticks="outside",
    zeroline=False,
    automargin=True,
    ticklabeloverflow="allow",
)

COURSE_TEMPLATE = go.layout.Template(
    layout=dict(
        font=dict(family="DejaVu Sans, Arial, sans-serif", size=FONT_SIZE, color="#1a1a1a"),
        colorway=COLORWAY,
        paper_bgcolor="white",
        plot_bgcolor="white",
        title=dict(x=0.01, xanchor="left", font=dict(size=TITLE_FONT_SIZE)),
        xaxis=dict(AXIS_STYLE, title=dict(standoff=8)),
        yaxis=dict(AXIS_STYLE),
        legend=dict(LEGEND_BELOW, bgcolor="rgba(255,255,255,0.85)"),
        margin=dict(l=60, r=20, t=80, b=50),
        hoverlabel=dict(font_size=FONT_SIZE),
    )
)


COURSE_TEMPLATE_NAME = "course"
pio.templates[COURSE_TEMPLATE_NAME] = COURSE_TEMPLATE
# The course template is every figure's default from the moment the course's views are imported (not only
# once a notebook's setup cell ran), so that a figure built anywhere looks the same and need not be re-themed.
pio.templates.default = COURSE_TEMPLATE_NAME


#: The plotly toolbar offline: no logo and no "Share chart" (which would try to upload the figure to a web
#: service; the course runs offline, and a learner's data never leave their machine).
FIGURE_CONFIG: dict[str, Any] = {"displaylogo": False, "showSendToCloud": False}


def use_course_theme() -> None:
    """Make the course template the default and render figures as plotly JSON.

    The ``plotly_mimetype`` renderer stores a small JSON document that JupyterLab
    draws offline; the ``notebook`` renderer would inline ~5 MB of plotly.js per
    output (see shared stack notes).
    """
    pio.templates[COURSE_TEMPLATE_NAME] = COURSE_TEMPLATE
    pio.templates.default = COURSE_TEMPLATE_NAME
    pio.renderers.default = "plotly_mimetype"
    pio.renderers["plotly_mimetype"].config = dict(FIGURE_CONFIG)


#: Layout lists of items (shapes, notes): plotly's validation leaves an empty one out.
_ITEM_LISTS = frozenset({"shapes", "annotations", "images", "updatemenus", "sliders", "selections"})


def _without_none(value: Any) -> Any:
    """``value`` as plotly's validation stores it: no None in its dicts, and tuples as lists."""
    if isinstance(value, dict):
        return {k: _without_none(v) for k, v in value.items() if v is not None and not (k in _ITEM_LISTS and not v)}
    if isinstance(value, tuple):  # a domain or range pair: plotly stores lists (and reads them back as lists)
        return [_without_none(v) for v in value]
    if isinstance(value, list) and value and isinstance(value[0], dict | tuple):  # traces' parts, a colour scale
        return [_without_none(v) for v in value]
    return value


def figure(data: Sequence[dict[str, Any]], layout: dict[str, Any]) -> go.Figure:
    """A figure from a view's trace and layout dicts, built without plotly's per-property validation.

    Why: validating every property of every trace and annotation is most of the time a redraw takes
    (about 30 of 45 ms for the body map); an app redraws on every move of a control and must answer
    within 20 ms. The views are the course's own, trusted code: the test suite builds every figure they
    make and validates it with plotly (tests/test_figure_layout.py), so a wrong property name still fails
    there, not in front of a class. The JSON is the same as a validated build's.
    """
    return go.Figure(data=[_without_none(trace) for trace in data], layout=_without_none(dict(layout)), _validate=False)


def _merge(target: dict[str, Any], updates: dict[str, Any]) -> None:
    """Merge ``updates`` into ``target`` as plotly's update does: nested dicts merge, other values replace."""
    for key, value in updates.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = value


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


# Advance widths of DejaVu Sans (the course font, and the widest of its fallbacks) for " " to "~", in
# hundredths of an em, measured in Chromium. Other characters count as 0.84 em (as wide as "±" or "−").
_ASCII_EM = (
    "32 40 46 84 64 95 78 27 39 39 50 84 32 36 32 34 64 64 64 64 64 64 64 64 64 64 34 34 84 84 84 53 100 68 69 70 "
    "77 63 58 77 75 29 29 66 56 86 75 79 60 79 69 63 61 73 68 99 69 61 69 39 34 39 84 50 50 61 63 55 63 62 35 63 63 "
    "28 28 58 28 97 63 61 63 63 41 52 39 63 59 82 59 59 52 64 34 64 84"
)
_CHAR_EM: dict[str, float] = {chr(32 + i): int(w) / 100 for i, w in enumerate(_ASCII_EM.split())}
_CHAR_EM.update({"·": 0.32, "–": 0.5, "—": 1.0, "é": 0.62, "°": 0.5})
#: Bold DejaVu Sans is about this much wider.
BOLD_FACTOR = 1.12
_TAG = re.compile(r"<[^>]+>")
# A number stays on the line of the word after it ("120 s", "14 kg", "7/10 for"): never "120" / "s rest".
_NUMBER = re.compile(r"^[(±+−-]?[\d.,/]*\d[\d.,/%]*$")


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated width in px of one line of ``text`` at ``size`` px (tags such as <b> are not counted)."""
    plain = html.unescape(_TAG.sub("", text))
    return sum(_CHAR_EM.get(c, 0.84) for c in plain) * size * (BOLD_FACTOR if bold else 1.0)


def _greedy_lines(units: list[str], size: float, room_px: float, bold: bool) -> list[str]:
    lines: list[str] = []
    for unit in units:
        if lines and text_width(lines[-1] + " " + unit, size, bold) <= room_px:
            lines[-1] += " " + unit
        else:
            lines.append(unit)
    return lines


@lru_cache(maxsize=4096)
def wrap_text(text: str, size: float, room_px: float = TEXT_ROOM_PX, bold: bool = False) -> str:
    """``text`` broken with <br> into lines no wider than ``room_px`` at ``size`` px (plotly does not wrap text).

    The one wrapping rule for every figure's title, mark, panel headings and long labels. Line breaks already
    in ``text`` are kept; a number is kept with the word after it; a word wider than the room gets a line of
    its own. Lines are balanced (as few lines as fit, then as even as they can be), so a title never ends
    in one stray word. Only the breaks change, never the words. Cached: an app redraws the same titles and
    labels on every move of a control, and balancing the lines measures each one many times.
    """
    out: list[str] = []
    for paragraph in re.split(r"<br\s*/?>", text):
        units: list[str] = []
        for word in paragraph.split():
            glue = units and _NUMBER.match(units[-1].rsplit(" ", 1)[-1])
            if glue and not units[-1].endswith((",", ";", ":", ".")):
                units[-1] += " " + word
            else:
                units.append(word)
        lines = _greedy_lines(units, size, room_px, bold)
        # Balance: the narrowest room that still gives as few lines.
        low, high = max((text_width(u, size, bold) for u in units), default=0.0), room_px
        while len(lines) > 1 and high - low > 2:
            middle = (low + high) / 2
            if len(_greedy_lines(units, size, middle, bold)) <= len(lines):
                high = middle
            else:
                low = middle
        if len(lines) > 1:
            lines = _greedy_lines(units, size, high, bold)
        out.extend(lines or [""])
    return "<br>".join(out)


def line_count(text: str) -> int:
    """How many lines a plotly text has (its <br> breaks plus one)."""
    return len(re.findall(r"<br\s*/?>", text)) + 1


def text_height(lines: int, size: float) -> float:
    """Height in px of ``lines`` lines of plotly text at ``size`` px."""
    return size * (1.2 + LINE_SPACING * (max(1, lines) - 1))


def wrap_title(text: str) -> str:
    """A figure title wrapped to the narrowest figure (see wrap_text)."""
    return wrap_text(text, TITLE_FONT_SIZE)


def legend_below(**extra: Any) -> dict[str, Any]:
    """The course's legend (LEGEND_BELOW: horizontal, under the plot), with ``extra`` settings."""
    return dict(LEGEND_BELOW, **extra)


def panel_heading(
    text: str,
    x: float,
    y: float,
    *,
    room_px: float = NARROWEST_PLOT_PX,
    xanchor: str = "center",
    bold: bool = False,
    size: float = HEADING_FONT_SIZE,
    colour: str | None = None,
) -> dict[str, Any]:
    """A heading over a panel (or a key line), wrapped to ``room_px``, its bottom at paper ``(x, y)``."""
    lines = wrap_text(text, size, room_px, bold).split("<br>")
    shown = "<br>".join(f"<b>{line}</b>" for line in lines) if bold else "<br>".join(lines)
    font: dict[str, Any] = dict(size=size) if colour is None else dict(size=size, color=colour)
    return dict(
        text=shown,
        x=x,
        y=y,
        xref="paper",
        yref="paper",
        xanchor=xanchor,
        yanchor="bottom",
        align="left" if xanchor == "left" else "center",
        showarrow=False,
        font=font,
    )


def heading_px(annotation: dict[str, Any], pad: float = 6) -> float:
    """The room in px a panel heading (from panel_heading) needs above its panel."""
    return text_height(line_count(annotation["text"]), annotation["font"]["size"]) + pad


def legend_px(names: Sequence[str], room_px: float = NARROWEST_FIGURE_PX) -> float:
    """Estimated height in px of a legend_below with these entries on the narrowest figure (entries wrap to rows)."""
    rows, used = 1, 0.0
    for name in names:
        width = 46 + text_width(name, LEGEND_FONT_SIZE)
        if used and used + width > room_px:
            rows, used = rows + 1, 0.0
        used += width
    return 10 + rows * LEGEND_FONT_SIZE * 1.6


def stacked_domains(plot_px: float, gaps_px: Sequence[float], weights: Sequence[float]) -> list[tuple[float, float]]:
    """Paper domains, top to bottom, of panels stacked in a plot area ``plot_px`` high.

    ``gaps_px[i]`` is the room above panel ``i`` inside the plot area (0 for the top panel, whose heading
    sits in the top margin): room for that panel's heading and the axis labels of the panel above.
    The panels share the rest of the height in proportion to ``weights``.
    """
    room = plot_px - sum(gaps_px)
    if room <= 0:
        raise ValueError(f"stacked_domains: {plot_px} px cannot hold gaps of {sum(gaps_px)} px")
    domains = []
    top = 1.0
    for gap, weight in zip(gaps_px, weights, strict=True):
        top -= gap / plot_px
        bottom = top - room * weight / sum(weights) / plot_px
        domains.append((round(max(0.0, bottom), 4), round(top, 4)))
        top = bottom
    return domains


def stacked_axis_ids(count: int) -> list[str]:
    """The y-axis ids of ``count`` panels stacked top to bottom ("y3", "y2", "y"): the bottom one owns the x axis."""
    return [f"y{count - i}" if i < count - 1 else "y" for i in range(count)]


def stacked_layout(
    headings: Sequence[str],
    units: Sequence[str],
    ranges: Sequence[tuple[float, float]],
    legend_names: Sequence[str],
    *,
    height: float,
    bottom: float = 50,
) -> tuple[dict[str, Any], float]:
    """(layout, header_px) of panels stacked on one x axis, top to bottom (their traces use stacked_axis_ids).

    Each panel gets its bold heading above it (the top one in the margin, the others in the gap above their
    panel), an equal share of the plot height, and its y axis with ``units`` as title and a fixed range; the
    legend lies under the plot. The caller adds its x axis, shapes and notes, and passes ``header_px`` and
    ``height`` to style_figure. Why one function: every stacked figure of the course reads the same way,
    and a change to the spacing reaches all of them.
    """
    annotations = [panel_heading(text, 0, 1.0, xanchor="left", bold=True) for text in headings]
    header_px = heading_px(annotations[0])
    plot_px = height - header_px - bottom - 30 - legend_px(legend_names)
    gaps = [0.0] + [heading_px(a) + 8 for a in annotations[1:]]
    domains = stacked_domains(plot_px, gaps, [1.0] * len(annotations))
    for annotation, domain in zip(annotations, domains, strict=True):
        annotation["y"] = domain[1]
    layout: dict[str, Any] = dict(annotations=annotations, legend=legend_below(), margin=dict(l=60, r=20, b=bottom))
    for yaxis, domain, unit, (low, high) in zip(stacked_axis_ids(len(headings)), domains, units, ranges, strict=True):
        key = "yaxis" if yaxis == "y" else f"yaxis{yaxis[1:]}"
        layout[key] = dict(domain=domain, range=[low, high], anchor="x", title=dict(text=unit))
    return layout, header_px


def title_block_px(title: str, mark: str) -> float:
    """Height in px from the top of a figure to the bottom of its wrapped title and mark (see style_figure)."""
    return (
        TITLE_TOP_PX
        + text_height(line_count(title), TITLE_FONT_SIZE)
        + MARK_GAP_PX
        + text_height(line_count(mark), MARK_FONT_SIZE)
    )


def style_figure(
    fig: go.Figure,
    *,
    title: str,
    x_title: str,
    y_title: str,
    description: str,
    height: int = 360,
    mark: str = SYNTHETIC_MARK,
    header_px: float = 0,
) -> CourseFigure:
    """Apply the course's title, axis labels, size, mark and alt text to a figure.

    ``title`` should state the finding ("Grip recovers after rest"), axis titles
    carry units ("grip force (kg)"), and ``description`` is one sentence that
    gives a reader who cannot see the figure the same point. ``mark`` is the
    small line under the title that says what the figure's data are (by default
    that its people are synthetic), so a projected slide or a screenshot never
    reads as a real patient.

    Layout: the title and the mark are wrapped to the narrowest figure (wrap_text) and
    stacked at the top; the top margin is computed from their lines, plus ``header_px``
    for what a figure puts above its plot area (panel headings, a key line). ``height``
    is everything under the mark (headings, plot, axes, legend); the figure fills the
    width of its output, so nothing is cut off on a small screen.
    """
    for name, value in (("title", title), ("x_title", x_title), ("y_title", y_title), ("description", description)):
        if not value or not value.strip():
            raise ValueError(
                f"style_figure: {name} is empty; every course figure needs a title, axis titles with units and "
                "a description"
            )
    wrapped, wrapped_mark = wrap_title(title), wrap_text(mark, MARK_FONT_SIZE)
    # A y title longer than the plot is high would run into the mark: wrap it to the plot's height on the
    # narrowest figure (where the legend under the plot takes the most rows), less some room above and below.
    # Read from the figure's own dicts (the same for a trusted and a validated figure, and no objects built).
    names = [t["name"] for t in fig._data if t.get("name") and t.get("showlegend") is not False]
    bottom = max(fig._layout.get("margin", {}).get("b") or 0, X_AXIS_PX)
    plot_px = height - header_px - bottom - (legend_px(names) if len(names) > 1 else 0)
    under_mark = title_block_px(wrapped, wrapped_mark) + UNDER_MARK_PX
    total = round(under_mark + height)
    # The first line's baseline sits TITLE_TOP_PX plus the font's ascent from the top; plotly stacks further
    # lines, then the mark, downwards from it.
    baseline = TITLE_TOP_PX + 0.95 * TITLE_FONT_SIZE
    if pio.templates.default != COURSE_TEMPLATE_NAME:
        fig.update_layout(template=COURSE_TEMPLATE)
    # Otherwise the figure already carries the course template: plotly gives every new figure the default
    # template, without validating it; assigning it again would cost about half of a redraw.
    updates: dict[str, Any] = dict(
        title=dict(
            text=wrapped,
            yref="container",
            y=round(1 - baseline / total, 4),
            yanchor="bottom",
            subtitle=dict(text=wrapped_mark, font=dict(size=MARK_FONT_SIZE, color="#555")),
        ),
        xaxis=dict(title=dict(text=wrap_text(x_title, FONT_SIZE))),
        yaxis=dict(title=dict(text=wrap_text(y_title, FONT_SIZE, max(plot_px - 20, 120)))),
        height=total,
        margin=dict(t=round(under_mark + header_px)),
        autosize=True,
        meta={"description": description, "title": title, "mark": mark},
    )
    if fig._validate:
        fig.update_layout(updates)
    else:  # a trusted figure (theme.figure): its layout is a plain dict, merged as update_layout would
        _merge(fig._layout, updates)
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
