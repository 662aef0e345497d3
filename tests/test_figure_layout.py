"""Figure layout without a browser: text wrapped to the narrowest screen, nothing smaller than 12 px.

The browser test (tests/browser/test_small_screens.py) measures the drawn figures; these tests check the
rules the views follow, fast, for many more settings of every figure than a browser run could show.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import plotly.graph_objects as go
import pytest

from helpers.engine.people import persona_options
from helpers.fatigue.model import DIARY_PERSONAS, grip_session, noise_or_trend, weekly_diary
from helpers.fatigue.views import diary_figure, grip_lab_figure, noise_or_trend_figure
from helpers.start.views import mrc_ladder_figure
from helpers.twitching.model import BASE_RATE_STEPS, BODY_MAP_PERSONAS, month_count
from helpers.twitching.views import base_rate_figure, body_map_static, side_by_side_static, trigger_figure
from helpers.views.theme import (
    MARK_FONT_SIZE,
    SMALLEST_FONT_SIZE,
    TEXT_ROOM_PX,
    TITLE_FONT_SIZE,
    line_count,
    stacked_domains,
    style_figure,
    text_width,
    title_block_px,
    wrap_text,
)

TITLES = [
    "Jonas: normal start; the drop recovers after 120 s rest",
    "Peter: the right hand starts 14 kg below normal at the first, rested squeeze",
    "Nadia: 53 weeks of diary; tiredness averages 7.1/10. What does the grip show?",
    "Counts from published rates; each square is an imagined person, not a personal risk",
    "Rosa: force falls steeply (right 65%, left 54%); retest within the noise of the start",
    "A",
]


def course_figures() -> Iterator[tuple[str, go.Figure]]:
    """Every kind of course figure, at the settings that give its longest texts."""
    for grade in range(6):
        yield f"mrc {grade}", mrc_ladder_figure(grade)
    for _label, persona in persona_options():
        for repetitions, rest_s, month in ((12, 120, 0), (30, 0, 23), (1, 600, 12)):
            yield f"grip {persona}", grip_lab_figure(grip_session(persona, repetitions, rest_s, month))
    for persona in DIARY_PERSONAS:
        for revealed in (False, True):
            yield f"diary {persona}", diary_figure(weekly_diary(persona, 24), persona, revealed)
    for noise_sd in (0.5, 1.8, 5.0):
        for weeks in (2, 52):
            yield f"noise {noise_sd} {weeks}", noise_or_trend_figure(noise_or_trend(noise_sd, weeks))
    for settings in ((400, 5.0, 7, 30), (800, 4.0, 10, 180), (0, 9.0, 0, 0)):
        yield f"trigger {settings}", trigger_figure(*settings)
    for persona in BODY_MAP_PERSONAS:
        for month in (1, month_count(persona)):
            yield f"body map {persona} {month}", body_map_static(persona, month)
    for months in (1, 12):
        yield f"side by side {months}", side_by_side_static(months)
    for step in BASE_RATE_STEPS:
        yield f"base rate {step}", base_rate_figure(step)


FIGURES = list(course_figures())


@pytest.mark.parametrize("text", TITLES)
def test_wrap_text_changes_only_the_line_breaks_and_fits_the_room(text):
    for size in (MARK_FONT_SIZE, TITLE_FONT_SIZE):
        wrapped = wrap_text(text, size)
        assert wrapped.replace("<br>", " ") == text
        assert all(text_width(line, size) <= TEXT_ROOM_PX for line in wrapped.split("<br>"))


def test_wrap_text_keeps_a_number_with_its_unit_and_keeps_given_breaks():
    for room in range(60, 400, 7):
        lines = wrap_text("the drop recovers after 120 s rest and 14 kg more", 17, room).split("<br>")
        assert not any(re.search(r"(^|\s)(120|14)$", line) for line in lines), lines
    assert wrap_text("grip number,<br>then retest", 15, 1000) == "grip number,<br>then retest"
    assert wrap_text("supercalifragilistic word", 15, 20) == "supercalifragilistic<br>word"


def test_wrapped_lines_are_balanced_not_ragged():
    lines = wrap_text(TITLES[0], TITLE_FONT_SIZE).split("<br>")
    assert len(lines) == 2
    widths = [text_width(line, TITLE_FONT_SIZE) for line in lines]
    assert min(widths) > 0.6 * max(widths), lines


def _font_sizes(node: object, path: str = "") -> Iterator[tuple[str, float]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "size" and path.rsplit(".", 1)[-1].endswith("font") and isinstance(value, int | float):
                yield path, value
            yield from _font_sizes(value, f"{path}.{key}")
    elif isinstance(node, list | tuple):
        for item in node:
            yield from _font_sizes(item, path)


@pytest.mark.parametrize("name, fig", FIGURES, ids=[n for n, _f in FIGURES])
def test_no_text_in_a_course_figure_is_smaller_than_12_px(name, fig):
    sizes = list(_font_sizes(fig.to_plotly_json()))
    assert sizes, "the walk found no font sizes at all"
    small = [(path, size) for path, size in sizes if size < SMALLEST_FONT_SIZE]
    assert not small, f"{name}: text under {SMALLEST_FONT_SIZE} px: {small}"


@pytest.mark.parametrize("name, fig", FIGURES, ids=[n for n, _f in FIGURES])
def test_titles_marks_and_headings_are_wrapped_to_the_narrowest_figure(name, fig):
    layout = fig.layout
    texts = [(layout.title.text, TITLE_FONT_SIZE), (layout.title.subtitle.text, MARK_FONT_SIZE)]
    texts += [(a.text, a.font.size or 15) for a in layout.annotations if a.xref == "paper" or a.yref == "paper"]
    for text, size in texts:
        for line in text.split("<br>"):
            bold = line.startswith("<b>")
            assert text_width(line, size, bold) <= TEXT_ROOM_PX + 1, f"{name}: {line!r} is too wide for a projector"
    assert layout.margin.t >= title_block_px(layout.title.text, layout.title.subtitle.text), (
        f"{name}: the top margin has no room for the {line_count(layout.title.text)}-line title and its mark"
    )


@pytest.mark.parametrize("name, fig", FIGURES, ids=[n for n, _f in FIGURES])
def test_legends_lie_under_the_plot(name, fig):
    shown = [t for t in fig.data if t.showlegend is not False and t.name]
    if len(shown) > 1:
        legend = fig.layout.legend
        assert (legend.orientation, legend.yref, legend.y, legend.yanchor) == ("h", "container", 0, "bottom"), name


def test_style_figure_makes_room_for_a_long_title_and_a_heading():
    short = style_figure(go.Figure(), title="T", x_title="x", y_title="y", description="d.")
    long = style_figure(go.Figure(), title=TITLES[1] * 2, x_title="x", y_title="y", description="d.", header_px=40)
    assert line_count(long.layout.title.text) >= 3
    assert long.layout.margin.t >= short.layout.margin.t + 2 * 22 + 40
    assert long.layout.height - long.layout.margin.t == short.layout.height - short.layout.margin.t - 40


def test_stacked_domains_leave_the_asked_gaps():
    domains = stacked_domains(400, [0, 40, 20], [1, 2, 1])
    assert domains[0][1] == 1.0 and domains[-1][0] == 0.0
    assert round((domains[0][0] - domains[1][1]) * 400) == 40 and round((domains[1][0] - domains[2][1]) * 400) == 20
    heights = [round((top - bottom) * 400) for bottom, top in domains]
    assert heights == [85, 170, 85]
    with pytest.raises(ValueError):
        stacked_domains(50, [0, 40, 20], [1, 1, 1])


def _json(fig: go.Figure) -> dict:
    import json

    import plotly.io as pio

    return json.loads(pio.to_json(fig, validate=False))


@pytest.mark.parametrize("fig", [f for _n, f in FIGURES], ids=[n for n, _f in FIGURES])
def test_a_trusted_figure_is_exactly_what_plotly_validation_builds(fig):
    """Views build figures without validation (theme.figure, for speed); plotly must accept every property."""
    validated = go.Figure(_json(fig))  # raises on any property plotly does not know, or a wrong value
    assert _json(validated) == _json(fig)
