"""Figures of the twitching lesson: pure functions from data to a styled go.Figure.

Every figure goes through ``style_figure`` (title states the finding, axes with
units, one-sentence description, the synthetic mark). Colours are Okabe-Ito; the
body map's strength fill is pale for "within the noise of normal" and blue, darker
as strength falls, for "weak"; twitching is drawn as a vermillion ring with a
white halo, so the ring stands out (3:1 or more) on every fill and the two
measures never share a channel.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from helpers.engine import GRIP_CHANGE_WITHIN_NOISE_KG, REGIONS
from helpers.engine.people import SYNTHETIC, check_persona, person
from helpers.engine.triggers import EXERCISE_EASY_MIN, SLEEP_NEED_H
from helpers.twitching.model import (
    BODY_MAP_PERSONAS,
    GRID_COLUMNS,
    GRID_ROWS,
    LAB_GRIP_KG,
    REGION_NAMES,
    SIDE_BY_SIDE_MONTHS,
    STEP_HIGHLIGHT,
    TWITCHING_FROM_PER_DAY,
    WEAK_BELOW_PCT,
    base_rate_sentence,
    body_map_month,
    check_step,
    population_grid,
    side_by_side_data,
    summarise_trigger_week,
    trigger_week,
    twitch_lead,
    visible_weeks,
)
from helpers.views.theme import (
    LEGEND_FONT_SIZE,
    NOISE_BAND_FILL,
    PALETTE,
    TEXT_ROOM_PX,
    figure,
    heading_px,
    legend_below,
    legend_px,
    line,
    panel_heading,
    stacked_domains,
    style_figure,
    wrap_text,
)

# ---------------------------------------------------------------------------
# 1. Trigger lab
# ---------------------------------------------------------------------------
TRIGGER_WEEK_FILL = "rgba(230,159,0,0.15)"


def trigger_settings_text(week: pd.DataFrame) -> str:
    """The trigger week's settings in words (shown on the figure, so every slider visibly changes it)."""
    row = week[week["phase"] == "trigger week"].iloc[0]
    return (
        f"Trigger week: {row['caffeine_mg']:.0f} mg caffeine a day, {row['sleep_h']:.1f} h sleep, "
        f"stress {row['stress_0_10']:.0f}/10, {row['exercise_min']:.0f} min exercise"
    )


def grip_within_band(week: pd.DataFrame) -> tuple[int, int]:
    """(days whose grip reading lies inside the noise band around the person's usual grip, days in all)."""
    inside = (week["grip_kg"] - LAB_GRIP_KG).abs() <= GRIP_CHANGE_WITHIN_NOISE_KG
    return int(inside.sum()), len(week)


#: Above this, caffeine is beyond the usual safe daily limit for healthy adults (EFSA 2015).
CAFFEINE_SAFE_LIMIT_MG: float = 400.0


def describe_trigger_week(week: pd.DataFrame) -> tuple[str, str]:
    """(title, description) of a trigger week, every number and claim computed from the week shown.

    The title and the description say the same thing about settling: whether twitching rose at all,
    settled back within the days shown, or is still above its calm level at the end.
    """
    s = summarise_trigger_week(week)
    last_day = int(week["day"].iloc[-1])
    inside, total = grip_within_band(week)
    rose = s.peak_per_day > s.calm_per_day * 1.1
    if not rose:
        course, told = "stays near its calm level", f"stays near its calm level of {s.calm_per_day:.1f} a day"
    elif s.days_to_settle is not None:
        days = "day" if s.days_to_settle == 1 else "days"
        course = f"peaks at {s.peak_per_day:.1f} a day and settles in about {s.days_to_settle} {days}"
        told = (
            f"climbs to {s.peak_per_day:.1f} a day during the trigger week and after it falls back "
            f"({s.last_day_per_day:.1f} on day {last_day})"
        )
    else:
        course = f"peaks at {s.peak_per_day:.1f} a day and is still above its calm level on day {last_day}"
        told = (
            f"climbs to {s.peak_per_day:.1f} a day during the trigger week and is still {s.last_day_per_day:.1f} "
            f"on day {last_day}, above its calm level"
        )
    grip_claim = "grip stays flat" if inside == total else f"grip stays in its noise band on {inside} of {total} days"
    title = f"Twitching {course}; {grip_claim}"
    noise_band = f"±{GRIP_CHANGE_WITHIN_NOISE_KG:.0f} kg noise band"
    if inside == total:
        band = f"inside its {noise_band} around {LAB_GRIP_KG:.0f} kg on every one of the {total} days"
    else:
        band = f"inside its {noise_band} on {inside} of {total} days"
    description = (
        f"{SYNTHETIC} On calm days this made-up person notices about {s.calm_per_day:.1f} twitches a day; twitching "
        f"{told}, while measured grip stays {band}: the triggers change twitching, not strength. In this model the "
        "triggers' effects multiply (an ASSUMPTION)."
    )
    row = week[week["phase"] == "trigger week"].iloc[0]
    quiet = [
        text
        for flag, text in (
            (row["sleep_h"] >= SLEEP_NEED_H, f"sleep of {SLEEP_NEED_H:g} hours or more"),
            (row["exercise_min"] <= EXERCISE_EASY_MIN, f"exercise up to {EXERCISE_EASY_MIN:.0f} minutes a day"),
        )
        if flag
    ]
    if quiet:
        verb = "adds" if len(quiet) == 1 else "add"
        description += f" In this model {' and '.join(quiet)} {verb} no twitching (an ASSUMPTION)."
    if row["caffeine_mg"] > CAFFEINE_SAFE_LIMIT_MG:
        description += (
            f" More than {CAFFEINE_SAFE_LIMIT_MG:.0f} mg of caffeine a day is above the usual safe limit for healthy "
            "adults, and more than 200 mg in pregnancy (EFSA 2015)."
        )
    return title, description


def trigger_week_figure(week: pd.DataFrame) -> go.Figure:
    """Noticed twitches a day (top panel) and measured grip (bottom panel) over calm, trigger and calm days.

    Built as one figure spec (no make_subplots, no incremental add_*): a slider
    move rebuilds it in a few milliseconds.
    """
    days = week["day"].tolist()
    first = int(week.loc[week["phase"] == "trigger week", "day"].min())
    last = int(week.loc[week["phase"] == "trigger week", "day"].max())
    top = max(8.0, float(week["twitches_per_day"].max()) * 1.15)
    band = GRIP_CHANGE_WITHIN_NOISE_KG
    day_hover = "day %{x}: %{y:.1f}"
    data = [
        line(
            days,
            week["calm_twitches_per_day"],
            "calm days throughout",
            PALETTE["black"],
            width=2,
            dash="dot",
            hover=day_hover + " twitches",
            yaxis="y2",
        ),
        line(
            days,
            week["twitches_per_day"],
            "noticed twitches a day",
            PALETTE["orange"],
            width=3,
            markers=True,
            hover=day_hover + " twitches",
            yaxis="y2",
        ),
        dict(
            type="scatter",
            x=days + days[::-1],
            y=[LAB_GRIP_KG + band] * len(days) + [LAB_GRIP_KG - band] * len(days),
            fill="toself",
            fillcolor=NOISE_BAND_FILL,
            line=dict(width=0),
            name=f"grip noise band (±{band:.0f} kg)",
            hoverinfo="skip",
        ),
        line(days, week["grip_kg"], "measured grip", PALETTE["blue"], width=2, markers=True, hover=day_hover + " kg"),
    ]
    trigger_band = dict(
        type="rect",
        xref="x",
        x0=first - 0.5,
        x1=last + 0.5,
        fillcolor=TRIGGER_WEEK_FILL,
        line=dict(width=0),
        layer="below",
    )
    # The week's settings sit above the plot, wrapped to the narrowest figure; the legend sits under it.
    settings = panel_heading(trigger_settings_text(week), 0, 1.0, xanchor="left", size=LEGEND_FONT_SIZE, colour="#333")
    layout = dict(
        xaxis=dict(dtick=2, range=[0.5, len(days) + 0.5], anchor="y"),
        yaxis=dict(domain=[0.0, 0.36], range=[LAB_GRIP_KG - 20, LAB_GRIP_KG + 12]),
        yaxis2=dict(domain=[0.44, 1.0], range=[0, top], anchor="x", title=dict(text="noticed twitches a day")),
        shapes=[dict(trigger_band, yref="y domain", y0=0, y1=1), dict(trigger_band, yref="y2 domain", y0=0, y1=1)],
        annotations=[
            dict(
                x=(first + last) / 2,
                y=0.99,
                xref="x",
                yref="y2 domain",
                text="trigger week",
                showarrow=False,
                yanchor="top",
                font=dict(size=LEGEND_FONT_SIZE),
            ),
            settings,
        ],
        legend=legend_below(),
        margin=dict(l=60, r=20, b=50),
    )
    title, description = describe_trigger_week(week)
    return style_figure(
        figure(data, layout),
        title=title,
        x_title="day of the diary",
        y_title="grip (kg)",
        description=description,
        height=520,
        header_px=heading_px(settings),
    )


# ---------------------------------------------------------------------------
# 2. Body map
# ---------------------------------------------------------------------------
# Patch centre, half width, half height, shape kind. The person faces you, so
# their right arm is on your left (labelled, as in a clinic drawing).
BODY_LAYOUT: dict[str, tuple[float, float, float, float, str]] = {
    "bulbar": (0.0, 8.7, 0.75, 0.8, "circle"),
    "trunk": (0.0, 5.9, 1.15, 1.7, "rect"),
    "right_arm": (-1.85, 5.9, 0.45, 1.7, "rect"),
    "left_arm": (1.85, 5.9, 0.45, 1.7, "rect"),
    "right_leg": (-0.6, 2.0, 0.5, 1.8, "rect"),
    "left_leg": (0.6, 2.0, 0.5, 1.8, "rect"),
}
#: Strength fill: pale at and above WEAK_BELOW_PCT (within the noise of normal), blue and darker as
#: strength falls below it. The step at the threshold keeps every fill either light or dark, so the
#: twitch ring (vermillion on a white halo) contrasts 3:1 or more with every fill. The blues run from navy to
#: a mid blue (white on it still 3.3:1), so that 15% and 65% look different on the map, not only in the labels.
STRENGTH_SCALE: list[tuple[float, str]] = [
    (0.0, "#08306B"),
    (WEAK_BELOW_PCT / 100 - 0.001, "#4A93CC"),
    (WEAK_BELOW_PCT / 100, "#E3EDF6"),
    (1.0, "#EDEDED"),
]
TWITCH_RING = PALETTE["vermillion"]
RING_HALO = "#FFFFFF"
RING_SIZE_PER_TWITCH = 3.2
RING_MIN, RING_MAX = 8.0, 60.0


def strength_colour(strength_pct: float) -> str:
    """Colour of a region patch for its strength (0-100%), interpolated on STRENGTH_SCALE."""
    t = min(1.0, max(0.0, strength_pct / 100.0))
    for (a, ca), (b, cb) in itertools.pairwise(STRENGTH_SCALE):
        if t <= b:
            f = 0.0 if b == a else (t - a) / (b - a)
            ra, ga, ba = (int(ca[i : i + 2], 16) for i in (1, 3, 5))
            rb, gb, bb = (int(cb[i : i + 2], 16) for i in (1, 3, 5))
            return f"#{round(ra + f * (rb - ra)):02X}{round(ga + f * (gb - ga)):02X}{round(ba + f * (bb - ba)):02X}"
    return STRENGTH_SCALE[-1][1]


def ring_size(twitches_per_day: float) -> float:
    """Marker size of a twitching ring (0 when below the noticed-twitching threshold)."""
    if twitches_per_day < TWITCHING_FROM_PER_DAY:
        return 0.0
    return float(min(RING_MAX, RING_MIN + RING_SIZE_PER_TWITCH * twitches_per_day))


def describe_body_month(regions: pd.DataFrame, who: str) -> tuple[str, str]:
    """(title, description) of one body-map month, computed from the data."""
    month = int(regions["month"].iloc[0])
    weak = regions[regions["weak"]]
    twitching = regions[regions["twitching"]]
    both = regions[regions["weak"] & regions["twitching"]]
    if weak.empty:
        title = f"Month {month}: twitching in {len(twitching)} of 6 regions, full strength everywhere"
    else:
        title = (
            f"Month {month}: {len(weak)} weak region{'s' if len(weak) != 1 else ''}, twitching in {len(both)} of them"
        )
    pairs = zip(weak["region"], weak["strength_pct"], strict=True)
    weak_text = ", ".join(f"{REGION_NAMES[r]} {s:.0f}%" for r, s in pairs) or "none"
    pairs = zip(twitching["region"], twitching["twitches_per_day"], strict=True)
    twitch_text = ", ".join(f"{REGION_NAMES[r]} {t:.0f}" for r, t in pairs) or "none noticed"
    description = (
        f"{SYNTHETIC} {who}, month {month}: regions below {WEAK_BELOW_PCT:.0f}% of normal strength: {weak_text}; "
        f"twitches a day: {twitch_text}."
    )
    return title, description


# Labels sit outside the body, beside their patch, so they never overlap each other or the rings; the trunk's
# sits at the top of the trunk, with its ring drawn lower (RING_AT). The body is drawn at the same scale on
# every screen (BODY_X_RANGE and the figure's height), wide enough for the labels on the narrowest figure.
LABEL_POSITION: dict[str, tuple[float, float, str, str]] = {
    "bulbar": (-0.95, 8.7, "right", "middle"),
    "trunk": (0.0, 7.05, "center", "middle"),
    "right_arm": (-2.45, 5.9, "right", "middle"),
    "left_arm": (2.45, 5.9, "left", "middle"),
    "right_leg": (-1.25, 2.0, "right", "middle"),
    "left_leg": (1.25, 2.0, "left", "middle"),
}
#: Where a region's twitch ring is drawn, when not at its patch's centre.
RING_AT: dict[str, tuple[float, float]] = {"trunk": (0.0, 5.3)}
SHORT_NAMES: dict[str, str] = {
    "bulbar": "speech/swallow",
    "trunk": "trunk",
    "right_arm": "right arm",
    "left_arm": "left arm",
    "right_leg": "right leg",
    "left_leg": "left leg",
}
#: The key of twitch rings: a row under the body, its heading at the left.
RING_KEY: tuple[int, ...] = (2, 5, 10)
RING_KEY_XS: tuple[float, ...] = (-3.0, -0.3, 2.8)
RING_KEY_Y: float = -1.3
BODY_X_RANGE: tuple[float, float] = (-6.0, 6.0)
BODY_Y_RANGE: tuple[float, float] = (-2.2, 9.8)
#: Px per body unit on the narrowest figure; the plot is made this many px high per unit, so the body has
#: the same size on every screen.
BODY_PX_PER_UNIT = 30.0


def _rings(x: list[float], y: list[float], sizes: list[float], **extra: object) -> list[dict]:
    """Twitch rings: a white halo under a vermillion ring, so the ring shows on any fill."""
    return [
        dict(
            type="scatter",
            x=x,
            y=y,
            mode="markers",
            showlegend=False,
            hoverinfo="skip",
            marker=dict(size=sizes, symbol="circle-open", color=colour, line=dict(width=width)),
            **extra,
        )
        for colour, width in ((RING_HALO, 8), (TWITCH_RING, 4))
    ]


def body_map_figure(regions: pd.DataFrame, who: str) -> go.Figure:
    """A schematic body: each region's fill shows its strength, a ring its twitching.

    One figure spec (patches are layout shapes, numbers are annotations), so a
    month step rebuilds it in a few milliseconds.
    """
    by_region = regions.set_index("region")
    strength = [float(by_region.at[r, "strength_pct"]) for r in REGIONS]
    twitches = [float(by_region.at[r, "twitches_per_day"]) for r in REGIONS]
    xs = [BODY_LAYOUT[r][0] for r in REGIONS]
    ys = [BODY_LAYOUT[r][1] for r in REGIONS]
    shapes = []
    for region, s in zip(REGIONS, strength, strict=True):
        x, y, hw, hh, kind = BODY_LAYOUT[region]
        shapes.append(
            dict(
                type=kind,
                xref="x",
                yref="y",
                x0=x - hw,
                x1=x + hw,
                y0=y - hh,
                y1=y + hh,
                fillcolor=strength_colour(s),
                line=dict(color="#444444", width=2),
                layer="below",
            )
        )
    # The colour bar lies under the body, across the figure (beside it, it would squeeze the body on a narrow screen).
    colorbar = dict(
        title=dict(text="strength (% of normal)", side="top", font=dict(size=LEGEND_FONT_SIZE)),
        orientation="h",
        x=0.5,
        xanchor="center",
        y=-0.02,
        yanchor="top",
        len=0.9,
        thickness=14,
        tickvals=[0, 25, 50, 85, 100],
        tickfont=dict(size=LEGEND_FONT_SIZE),
    )
    ring_xs = [RING_AT.get(r, (x, y))[0] for r, x, y in zip(REGIONS, xs, ys, strict=True)]
    ring_ys = [RING_AT.get(r, (x, y))[1] for r, x, y in zip(REGIONS, xs, ys, strict=True)]
    key_y = [RING_KEY_Y] * len(RING_KEY)
    data = [
        # Invisible markers carrying the colour bar and the hover text of the patches.
        dict(
            type="scatter",
            x=xs,
            y=ys,
            mode="markers",
            name="strength",
            showlegend=False,
            marker=dict(
                size=40,
                opacity=0,
                color=strength,
                cmin=0,
                cmax=100,
                colorscale=[[a, c] for a, c in STRENGTH_SCALE],
                colorbar=colorbar,
            ),
            customdata=[[REGION_NAMES[r], t] for r, t in zip(REGIONS, twitches, strict=True)],
            hovertemplate="%{customdata[0]}<br>strength %{marker.color:.0f}%<br>"
            "%{customdata[1]:.1f} twitches a day<extra></extra>",
        ),
        *_rings(ring_xs, ring_ys, [ring_size(t) for t in twitches]),
        *_rings(list(RING_KEY_XS), key_y, [ring_size(n) for n in RING_KEY]),
        dict(
            type="scatter",
            x=[x + ring_size(n) / 2 / BODY_PX_PER_UNIT + 0.2 for x, n in zip(RING_KEY_XS, RING_KEY, strict=True)],
            y=key_y,
            mode="text",
            showlegend=False,
            hoverinfo="skip",
            text=[f"{n} a day" for n in RING_KEY],
            textposition="middle right",
            textfont=dict(size=LEGEND_FONT_SIZE),
        ),
    ]
    annotations = [
        dict(
            x=LABEL_POSITION[r][0],
            y=LABEL_POSITION[r][1],
            xref="x",
            yref="y",
            text=f"<b>{SHORT_NAMES[r]}</b><br>{s:.0f}% · {t:.0f}/day",
            showarrow=False,
            xanchor=LABEL_POSITION[r][2],
            yanchor=LABEL_POSITION[r][3],
            font=dict(size=12 if r == "trunk" else LEGEND_FONT_SIZE),
            # The trunk's label lies on its patch: a pale box keeps it readable on a dark (weak) fill.
            bgcolor="rgba(255,255,255,0.8)" if r == "trunk" else None,
        )
        for r, s, t in zip(REGIONS, strength, twitches, strict=True)
    ]
    annotations.append(
        dict(
            x=BODY_X_RANGE[0],
            y=RING_KEY_Y,
            xref="x",
            yref="y",
            text="<b>twitching</b>",
            showarrow=False,
            xanchor="left",
            font=dict(size=LEGEND_FONT_SIZE),
        )
    )
    plot_px = (BODY_Y_RANGE[1] - BODY_Y_RANGE[0]) * BODY_PX_PER_UNIT
    layout = dict(
        shapes=shapes,
        annotations=annotations,
        margin=dict(l=10, r=10, b=20),
        # constrain="domain": the body keeps its shape by shrinking its area, never by widening its ranges (a
        # widened range is kept, and grows again at each resize of a live figure, until the body is a speck).
        xaxis=dict(range=list(BODY_X_RANGE), visible=False, scaleanchor="y", scaleratio=1, constrain="domain"),
        yaxis=dict(range=list(BODY_Y_RANGE), visible=False, constrain="domain", constraintoward="top"),
    )
    title, description = describe_body_month(regions, who)
    return style_figure(
        figure(data, layout),
        title=title,
        x_title="body (schematic)",
        y_title="body (schematic)",
        description=description,
        height=round(plot_px + 20 + 70),
    )


# ---------------------------------------------------------------------------
# 3. Side by side
# ---------------------------------------------------------------------------
#: Two neutral colours: neither person may look like "the alarming one" before the learner judges.
PERSON_STYLE: dict[str, dict] = {
    "Person A": dict(color=PALETTE["black"], dash="solid"),
    "Person B": dict(color=PALETTE["blue"], dash="dash"),
}

PANELS: tuple[tuple[str, str, str, tuple[float, float]], ...] = (
    # (column, y axis, panel title, domain) top to bottom; the bottom panel uses the main y axis.
    ("twitches_per_day", "y3", "twitches a day (whole body)", (0.71, 1.0)),
    (
        "weakest_strength_pct",
        "y2",
        "true strength of the weakest region (% of normal; a clinic examines it)",
        (0.37, 0.64),
    ),
    ("cramps_per_week", "y", "cramps a week", (0.0, 0.27)),
)


def describe_side_by_side(data: pd.DataFrame, months_shown: int) -> str:
    """The description of the side-by-side figure: strength, and who twitched more when, from the data shown."""
    parts = []
    for who in PERSON_STYLE:
        d = data[data["person"] == who]
        parts.append(
            f"{who}'s weakest region is at {d['weakest_strength_pct'].iloc[0]:.0f}% of normal at the start and "
            f"{d['weakest_strength_pct'].iloc[-1]:.0f}% at month {months_shown}"
        )
    lead = twitch_lead(data)
    return f"{SYNTHETIC} " + "; ".join(parts) + f". {lead}"


def side_by_side_figure(data: pd.DataFrame, months_shown: int, months_total: int = 12) -> go.Figure:
    """Twitches a day, weakest region's strength and cramps a week for two people on one time axis.

    One figure spec with three stacked y axes sharing the x axis (fast to rebuild).
    """
    traces = []
    for who, style in PERSON_STYLE.items():
        d = data[data["person"] == who]
        for column, yaxis, _title, _domain in PANELS:
            traces.append(
                line(
                    d["month"],
                    d[column],
                    who,
                    style["color"],
                    width=3,
                    dash=style["dash"],
                    hover=f"{who}: %{{y:.0f}}",
                    yaxis=yaxis,
                    legendgroup=who,
                    showlegend=column == "twitches_per_day",
                )
            )
    noise = dict(
        type="rect",
        xref="x domain",
        x0=0,
        x1=1,
        yref="y2",
        y0=WEAK_BELOW_PCT,
        y1=105,
        fillcolor=NOISE_BAND_FILL,
        line=dict(width=0),
        layer="below",
    )
    # Three stacked panels, each with its heading (wrapped on the narrowest figure) above it.
    height, bottom = 590, 50
    headings = [panel_heading(title, 0, 1.0, xanchor="left", bold=True) for _c, _y, title, _d in PANELS]
    plot_px = height - heading_px(headings[0]) - bottom - 30 - legend_px(list(PERSON_STYLE))
    gaps = [0.0] + [heading_px(h) + 6 for h in headings[1:]]
    domains = stacked_domains(plot_px, gaps, [d[1] - d[0] for _c, _y, _t, d in PANELS])
    for heading, domain in zip(headings, domains, strict=True):
        heading["y"] = domain[1]
    band_note = dict(
        x=0.01,
        xref="x domain",
        y=WEAK_BELOW_PCT - 1,
        yref="y2",
        showarrow=False,
        xanchor="left",
        yanchor="top",
        font=dict(size=12, color="#444"),
        text=wrap_text("grey band: 85% of normal and above, counted as normal (an assumption)", 12),
    )
    layout = dict(
        xaxis=dict(range=[0, months_total], dtick=1, anchor="y"),
        yaxis=dict(domain=domains[2], rangemode="tozero", title=dict(text="per week")),
        yaxis2=dict(domain=domains[1], range=[0, 105], anchor="x", title=dict(text="% of normal")),
        yaxis3=dict(domain=domains[0], rangemode="tozero", anchor="x", title=dict(text="per day")),
        shapes=[noise],
        annotations=[*headings, band_note],
        legend=legend_below(),
        margin=dict(l=60, r=20, b=bottom),
    )
    plural = "s" if months_shown != 1 else ""
    title = f"{months_shown} month{plural} side by side: both twitch; does strength change?"
    return style_figure(
        figure(traces, layout),
        title=title,
        x_title="months since the diary began",
        y_title="cramps a week",
        description=describe_side_by_side(data, months_shown),
        height=height,
        header_px=heading_px(headings[0]),
    )


# ---------------------------------------------------------------------------
# 4. Base rates
# ---------------------------------------------------------------------------
GRID_GREY = "#E4E4E4"
GRID_BLACK = "#000000"
#: The mark of the base-rate figure: its counts are published rates, its squares are no one.
BASE_RATE_MARK = "Counts from published rates; each square is an imagined person, not a personal risk"


def grid_colours(step: str) -> list[str]:
    """Colour of each grid code (no twitch, twitch, lifetime ALS, living with ALS, new ALS) in one step."""
    highlight = STEP_HIGHLIGHT[check_step(step)]
    if step == "Everyone":
        return [GRID_GREY] * 5
    return [GRID_GREY, PALETTE["orange"]] + [
        GRID_BLACK if code in highlight else PALETTE["orange"] for code in (2, 3, 4)
    ]


def base_rate_figure(step: str) -> go.Figure:
    """100,000 people as tiny squares; the highlighted few drawn black and circled.

    The grid of codes is the same in every step; a step changes only the colour
    scale and the circles, so the live figure never resends the 100,000 cells.
    """
    grid, highlighted = population_grid(step)
    colours = grid_colours(step)
    n_codes = len(colours)
    scale = []
    for code, colour in enumerate(colours):
        scale += [[code / n_codes, colour], [(code + 1) / n_codes, colour]]
    rows, cols = np.divmod(highlighted, GRID_COLUMNS)
    circle = 26 if len(highlighted) <= 10 else 6  # big enough to find; the caption says they are not to scale
    data = [
        dict(
            type="heatmap", z=grid, zmin=-0.5, zmax=n_codes - 0.5, colorscale=scale, showscale=False, hoverinfo="skip"
        ),
        dict(
            type="scatter",
            x=cols.tolist(),
            y=rows.tolist(),
            mode="markers",
            showlegend=False,
            hoverinfo="skip",
            marker=dict(size=circle, symbol="circle-open", color=PALETTE["blue"], line=dict(width=3)),
        ),
    ]
    legend = {
        "Everyone": "grey = one person",
        "Twitch at some point in life": "orange = twitches at some point in life",
    }
    # Lower-case the step's first letter only: "ALS" must stay in capitals.
    key = legend.get(step, "orange = twitches at some point · black, circled in blue = " + step[:1].lower() + step[1:])
    # The key sits on top of the grid, wrapped on the narrowest figure. The grid keeps its squares square by
    # shrinking its own area (constrain="domain") from the bottom, so the key stays on it on any screen.
    key_note = dict(
        panel_heading(key, 0, 1.0, room_px=TEXT_ROOM_PX - 20, xanchor="left", colour="#333"),
        xref="x domain",
        yref="y domain",
    )
    layout = dict(
        margin=dict(l=20, r=20, b=50),
        xaxis=dict(
            range=[-0.5, GRID_COLUMNS - 0.5], showticklabels=False, showgrid=False, ticks="", constrain="domain"
        ),
        yaxis=dict(
            range=[GRID_ROWS - 0.5, -0.5],
            showticklabels=False,
            showgrid=False,
            ticks="",
            scaleanchor="x",
            scaleratio=1,
            constrain="domain",
            constraintoward="top",
        ),
        annotations=[key_note],
    )
    count = len(highlighted)
    title = {
        "Everyone": "100,000 people: one tiny square each",
        "Twitch at some point in life": "Over a lifetime, 70,000 of 100,000 people notice twitches",
        "Develop ALS in their lifetime": f"Over a lifetime, about {count} of 100,000 develop ALS (circled)",
        "Living with ALS today": f"Today, {count} of 100,000 are living with ALS (circled)",
        "Diagnosed with ALS this year": f"This year, {count} of 100,000 are newly diagnosed with ALS (circled)",
    }[step]
    return style_figure(
        figure(data, layout),
        title=title,
        x_title=f"100,000 people: {GRID_ROWS} rows of {GRID_COLUMNS}, one tiny square each",
        y_title="people",
        description=base_rate_sentence(step),
        height=370,
        mark=BASE_RATE_MARK,
        header_px=heading_px(key_note),
    )


# ---------------------------------------------------------------------------
# Still figures for the notebook (each shown before the live app that varies it)
# ---------------------------------------------------------------------------
def trigger_figure(
    caffeine_mg: float = 400, sleep_h: float = 5.0, stress_0_10: float = 7, exercise_min: float = 30
) -> go.Figure:
    """One trigger week as a still figure."""
    return trigger_week_figure(trigger_week(caffeine_mg, sleep_h, stress_0_10, exercise_min))


def body_map_static(persona: str, month: int) -> go.Figure:
    """One month of the body map as a still figure."""
    persona = check_persona(persona, BODY_MAP_PERSONAS)
    return body_map_figure(body_map_month(persona, month), person(persona).name_and_age)


def side_by_side_static(months_shown: int = SIDE_BY_SIDE_MONTHS) -> go.Figure:
    """The side-by-side year as a still figure."""
    data = side_by_side_data(SIDE_BY_SIDE_MONTHS)
    return side_by_side_figure(visible_weeks(data, months_shown), months_shown, SIDE_BY_SIDE_MONTHS)
