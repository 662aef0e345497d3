"""Colours stay apart for the one student in twelve with a colour-vision deficiency.

Every pair of different colours that the traces of one course figure use must stay distinguishable under
simulated deuteranopia and protanopia (the red-green deficiencies, about 8% of men of European descent;
Birch 2012, J Opt Soc Am A 29:313) as well as with normal vision. Simulation: Machado, Oliveira & Fernandes
2009 (IEEE TVCG 15:1291), severity 1.0, applied to linear RGB. Distance: CIEDE2000 (Sharma, Wu & Dalal
2005, Color Res Appl 30:21) in CIELAB under D65. Threshold: a difference of 10 or more, the common
rule of thumb for colours told apart at a glance in a chart (a difference of about 2 is just noticeable side
by side; thin lines and small markers need far more). Figures come from every stored notebook and from the
course's figure catalogue (tests/test_figure_layout.py), so the live figures' settings are covered too.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Iterator

import pytest

from helpers.views.theme import COLORWAY, PALETTE
from tests.conftest import NOTEBOOKS
from tests.test_notebook_shape import load, plotly_outputs

#: Machado et al. 2009, severity 1.0 (linear RGB in, linear RGB out).
SIMULATIONS: dict[str, tuple[tuple[float, float, float], ...]] = {
    "normal vision": ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0)),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
}
MIN_DELTA_E = 10.0
RGB = tuple[float, float, float]


def parse_colour(text: str) -> RGB | None:
    """An sRGB colour in 0..1 from '#rrggbb' or 'rgb(a)(r,g,b[,a])', blended onto the white page; else None."""
    text = text.strip()
    if re.fullmatch(r"#[0-9a-fA-F]{6}", text):
        return tuple(int(text[i : i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]
    match = re.fullmatch(r"rgba?\(([^)]*)\)", text.replace(" ", ""))
    if not match:
        return None
    parts = [float(p) for p in match.group(1).split(",")]
    alpha = parts[3] if len(parts) == 4 else 1.0
    return tuple(alpha * c / 255 + (1 - alpha) for c in parts[:3])  # type: ignore[return-value]


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def simulate(rgb: RGB, matrix: tuple[tuple[float, float, float], ...]) -> RGB:
    """The colour a viewer with the deficiency sees, in linear RGB (clipped to the displayable range)."""
    linear = [_linear(c) for c in rgb]
    return tuple(min(1.0, max(0.0, sum(m * c for m, c in zip(row, linear, strict=True)))) for row in matrix)  # type: ignore[return-value]


def lab(linear: RGB) -> RGB:
    """CIELAB (D65) of a linear-RGB colour."""
    r, g, b = linear
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def delta_e_2000(lab1: RGB, lab2: RGB) -> float:
    """CIEDE2000 colour difference (Sharma et al. 2005, with their test data checked below)."""
    l1, a1, b1 = lab1
    l2, a2, b2 = lab2
    c_bar = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_bar**7 / (c_bar**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    dlp, dcp = l2 - l1, c2p - c1p
    dhp = 0.0
    if c1p * c2p:
        dhp = h2p - h1p
        if dhp > 180:
            dhp -= 360
        elif dhp < -180:
            dhp += 360
    dHp = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dhp / 2))
    lbp, cbp = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        hbp = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        hbp = (h1p + h2p) / 2
    else:
        hbp = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(hbp - 30))
        + 0.24 * math.cos(math.radians(2 * hbp))
        + 0.32 * math.cos(math.radians(3 * hbp + 6))
        - 0.20 * math.cos(math.radians(4 * hbp - 63))
    )
    sl = 1 + 0.015 * (lbp - 50) ** 2 / math.sqrt(20 + (lbp - 50) ** 2)
    sc = 1 + 0.045 * cbp
    sh = 1 + 0.015 * cbp * t
    rt = -2 * math.sqrt(cbp**7 / (cbp**7 + 25**7)) * math.sin(math.radians(60 * math.exp(-(((hbp - 275) / 25) ** 2))))
    return math.sqrt((dlp / sl) ** 2 + (dcp / sc) ** 2 + (dHp / sh) ** 2 + rt * (dcp / sc) * (dHp / sh))


def seen_difference(first: RGB, second: RGB, vision: str) -> float:
    matrix = SIMULATIONS[vision]
    return delta_e_2000(lab(simulate(first, matrix)), lab(simulate(second, matrix)))


def trace_colours(trace: dict) -> Iterator[str]:
    """The colours that tell this trace apart from the others: its line, marker and fill (single colours)."""
    for value in (
        (trace.get("line") or {}).get("color"),
        (trace.get("marker") or {}).get("color"),
        trace.get("fillcolor"),
    ):
        if isinstance(value, str):
            yield value


def figure_palettes() -> Iterator[tuple[str, set[str]]]:
    """(figure title, the distinct colours of its traces that are shown in its legend or as separate series)."""
    from tests.test_figure_layout import FIGURES

    def colours(data: Iterable[dict]) -> set[str]:
        return {c for trace in data for c in trace_colours(trace) if parse_colour(c)}

    for path in NOTEBOOKS:
        for fig in plotly_outputs(load(path)):
            title = re.sub(r"<[^>]+>", " ", (fig.get("layout", {}).get("title") or {}).get("text", ""))
            yield f"{path.stem}: {title[:70]}", colours(fig.get("data", []))
    for name, fig in FIGURES:
        yield name, colours(t.to_plotly_json() for t in fig.data)


def too_close(palette: Iterable[str]) -> list[str]:
    """Every pair of the palette that some viewer cannot tell apart (less than MIN_DELTA_E), described."""
    problems = []
    parsed = {c: parse_colour(c) for c in palette}
    for (name1, rgb1), (name2, rgb2) in itertools.combinations(sorted(parsed.items()), 2):
        if rgb1 is None or rgb2 is None or rgb1 == rgb2:
            continue
        for vision in SIMULATIONS:
            difference = seen_difference(rgb1, rgb2, vision)
            if difference < MIN_DELTA_E:
                problems.append(f"{name1} and {name2}: {difference:.1f} under {vision}")
    return problems


def test_ciede2000_matches_the_published_test_data():
    # Pairs 1, 7 and 17 of Sharma, Wu & Dalal 2005, Table 1.
    cases = [
        ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
        ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
        ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
    ]
    for first, second, expected in cases:
        assert delta_e_2000(first, second) == pytest.approx(expected, abs=1e-4)


def test_the_simulation_merges_red_and_green_and_keeps_blue_and_yellow_apart():
    red, green, blue, yellow = (0.8, 0.2, 0.2), (0.3, 0.6, 0.2), (0.0, 0.45, 0.7), (0.94, 0.89, 0.26)
    assert seen_difference(red, green, "normal vision") > 40
    assert seen_difference(red, green, "deuteranopia") < 12, "a red and a green that deuteranopes confuse"
    assert seen_difference(blue, yellow, "protanopia") > 40


def test_the_course_colourway_stays_apart_for_both_deficiencies():
    """Any two colours of the colourway may share a figure: every pair must stay apart."""
    assert too_close(COLORWAY) == []
    assert set(COLORWAY) <= set(PALETTE.values())


FIGURE_PALETTES = list(figure_palettes())


@pytest.mark.parametrize("palette", [p for _n, p in FIGURE_PALETTES], ids=[n for n, _p in FIGURE_PALETTES])
def test_every_figures_colours_stay_apart_for_deuteranopia_and_protanopia(palette):
    assert too_close(palette) == []
