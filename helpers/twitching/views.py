"""Figures of the twitching lesson: pure functions from data to a styled go.Figure.

Every figure goes through ``style_figure`` (title states the finding, axes with
units, one-sentence description). Colours are Okabe-Ito; the body map's strength
scale runs from pale grey (full strength) to dark blue (weak), and twitching is
drawn as orange rings, so the two never share a channel.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from helpers.model import GRIP_NOISE_SD_KG, REGIONS
from helpers.twitching.model import (
    GRID_COLUMNS,
    GRID_HIGHLIGHT,
    GRID_ROWS,
    REGION_NAMES,
    TWITCHING_FROM_PER_DAY,
    WEAK_BELOW_PCT,
    base_rate_sentence,
    population_grid,
    summarise_trigger_week,
)
from helpers.views.theme import NOISE_BAND_FILL, PALETTE, style_figure

# ---------------------------------------------------------------------------
# 1. Trigger lab
# ---------------------------------------------------------------------------
TRIGGER_WEEK_FILL = "rgba(230,159,0,0.15)"


def trigger_week_figure(week: pd.DataFrame) -> go.Figure:
    """Noticed twitches a day (top) and measured grip (bottom) over the calm-trigger-calm weeks."""
    s = summarise_trigger_week(week)
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.12, row_heights=[0.6, 0.4])
    fig.add_trace(go.Scatter(
        x=week["day"], y=week["calm_twitches_per_day"], mode="lines", name="calm days throughout",
        line=dict(color=PALETTE["black"], dash="dot", width=2), hovertemplate="day %{x}: %{y:.1f} twitches<extra>calm</extra>",
    ), row=1, col=1)
    fig.add_trace(go.Scatter(
        x=week["day"], y=week["twitches_per_day"], mode="lines+markers", name="noticed twitches a day",
        line=dict(color=PALETTE["orange"], width=3), hovertemplate="day %{x}: %{y:.1f} twitches<extra></extra>",
    ), row=1, col=1)
    usual = float(np.median(week["grip_kg"]))
    fig.add_trace(go.Scatter(
        x=list(week["day"]) + list(week["day"])[::-1],
        y=[usual + 2 * GRIP_NOISE_SD_KG] * len(week) + [usual - 2 * GRIP_NOISE_SD_KG] * len(week),
        fill="toself", fillcolor=NOISE_BAND_FILL, line=dict(width=0), name="measurement noise band", hoverinfo="skip",
    ), row=2, col=1)
    fig.add_trace(go.Scatter(
        x=week["day"], y=week["grip_kg"], mode="lines+markers", name="measured grip (kg)",
        line=dict(color=PALETTE["blue"], width=2), hovertemplate="day %{x}: %{y:.1f} kg<extra></extra>",
    ), row=2, col=1)
    first = int(week.loc[week["phase"] == "trigger week", "day"].min())
    last = int(week.loc[week["phase"] == "trigger week", "day"].max())
    for row in (1, 2):
        fig.add_vrect(x0=first - 0.5, x1=last + 0.5, fillcolor=TRIGGER_WEEK_FILL, line_width=0, row=row, col=1)
    fig.add_annotation(x=(first + last) / 2, y=1.0, yref="y domain", text="trigger week", showarrow=False, yanchor="bottom", font=dict(size=13))
    top = max(8.0, float(week["twitches_per_day"].max()) * 1.15)
    fig.update_yaxes(range=[0, top], row=1, col=1)
    fig.update_yaxes(range=[usual - 20, usual + 12], title_text="grip (kg)", row=2, col=1)
    fig.update_xaxes(dtick=2, range=[0.5, len(week) + 0.5])
    fig.update_layout(legend=dict(orientation="h", yanchor="bottom", y=-0.42, x=0), margin=dict(b=120))
    settle = f"settles within about {s.days_to_settle} days" if s.days_to_settle else "has not fully settled by day 21"
    title = f"Twitching rises to {s.peak_per_day:.1f} a day with triggers and {settle}; grip stays flat"
    description = (
        f"On calm days this person notices about {s.calm_per_day:.1f} twitches a day; during the trigger week it climbs to "
        f"{s.peak_per_day:.1f} a day and after it falls back ({s.last_day_per_day:.1f} on day {int(week['day'].iloc[-1])}), "
        f"while measured grip stays within its noise band around {usual:.0f} kg the whole time."
    )
    return style_figure(fig, title=title, x_title="day of the diary", y_title="noticed twitches a day", description=description, height=560)


# ---------------------------------------------------------------------------
# 2. Body map
# ---------------------------------------------------------------------------
# Patch centre, half width, half height, shape kind. The person faces you, so
# their right arm is on your left (labelled, as in a clinic drawing).
BODY_LAYOUT: dict[str, tuple[float, float, float, float, str]] = {
    "bulbar": (0.0, 8.6, 0.75, 0.85, "circle"),
    "trunk": (0.0, 5.6, 1.15, 1.9, "rect"),
    "right_arm": (-2.0, 5.6, 0.45, 1.9, "rect"),
    "left_arm": (2.0, 5.6, 0.45, 1.9, "rect"),
    "right_leg": (-0.65, 1.6, 0.5, 1.9, "rect"),
    "left_leg": (0.65, 1.6, 0.5, 1.9, "rect"),
}
# Strength colour scale: full strength pale grey, weak dark blue (Okabe-Ito blue in the middle).
STRENGTH_SCALE: list[tuple[float, str]] = [(0.0, "#08306B"), (0.5, PALETTE["blue"]), (0.85, PALETTE["sky"]), (1.0, "#EDEDED")]
TWITCH_RING = PALETTE["vermillion"]
RING_SIZE_PER_TWITCH = 3.2
RING_MIN, RING_MAX = 8.0, 60.0


def strength_colour(strength_pct: float) -> str:
    """Colour of a region patch for its strength (0-100%), interpolated on STRENGTH_SCALE."""
    t = min(1.0, max(0.0, strength_pct / 100.0))
    for (a, ca), (b, cb) in zip(STRENGTH_SCALE, STRENGTH_SCALE[1:]):
        if t <= b:
            f = 0.0 if b == a else (t - a) / (b - a)
            ra, ga, ba = (int(ca[i:i + 2], 16) for i in (1, 3, 5))
            rb, gb, bb = (int(cb[i:i + 2], 16) for i in (1, 3, 5))
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
        title = f"Month {month}: {len(weak)} weak region{'s' if len(weak) != 1 else ''}, twitching in {len(both)} of them"
    weak_text = ", ".join(f"{REGION_NAMES[r]} {s:.0f}%" for r, s in zip(weak["region"], weak["strength_pct"])) or "none"
    twitch_text = ", ".join(f"{REGION_NAMES[r]} {t:.0f}" for r, t in zip(twitching["region"], twitching["twitches_per_day"])) or "none noticed"
    description = (
        f"{who}, month {month}: regions below {WEAK_BELOW_PCT:.0f}% of normal strength: {weak_text}; "
        f"twitches a day: {twitch_text}."
    )
    return title, description


def body_map_figure(regions: pd.DataFrame, who: str) -> go.Figure:
    """A schematic body: each region's fill shows its strength, an orange ring its twitching."""
    fig = go.Figure()
    shapes = []
    by_region = regions.set_index("region")
    for region in REGIONS:
        x, y, hw, hh, kind = BODY_LAYOUT[region]
        row = by_region.loc[region]
        shapes.append(dict(
            type=kind, x0=x - hw, x1=x + hw, y0=y - hh, y1=y + hh, fillcolor=strength_colour(float(row["strength_pct"])),
            line=dict(color="#444444", width=2), layer="below",
        ))
    xs = [BODY_LAYOUT[r][0] for r in REGIONS]
    ys = [BODY_LAYOUT[r][1] for r in REGIONS]
    strength = [float(by_region.loc[r, "strength_pct"]) for r in REGIONS]
    twitches = [float(by_region.loc[r, "twitches_per_day"]) for r in REGIONS]
    # Invisible markers carrying the colour bar and the hover text of the patches.
    fig.add_trace(go.Scatter(
        x=xs, y=ys, mode="markers", name="strength",
        marker=dict(size=40, opacity=0, color=strength, cmin=0, cmax=100, colorscale=[[a, c] for a, c in STRENGTH_SCALE],
                    colorbar=dict(title=dict(text="strength<br>(% of normal)"), x=1.02, len=0.75, tickvals=[0, 25, 50, 75, 100])),
        customdata=np.column_stack([[REGION_NAMES[r] for r in REGIONS], twitches]),
        hovertemplate="%{customdata[0]}<br>strength %{marker.color:.0f}%<br>%{customdata[1]:.1f} twitches a day<extra></extra>",
        showlegend=False,
    ))
    fig.add_trace(go.Scatter(
        x=xs, y=ys, mode="markers", name="twitching (ring size = twitches a day)",
        marker=dict(size=[ring_size(t) for t in twitches], symbol="circle-open", color=TWITCH_RING, line=dict(width=4)),
        hoverinfo="skip", showlegend=False,
    ))
    # Region labels under or beside each patch, with the numbers.
    label_pos = {
        "bulbar": (1.0, 8.6, "left"), "trunk": (0.0, 3.95, "center"),
        "right_arm": (-2.0, 3.45, "center"), "left_arm": (2.0, 3.45, "center"),
        "right_leg": (-0.9, -0.55, "center"), "left_leg": (0.9, -0.55, "center"),
    }
    short = {"bulbar": "speech/swallow", "trunk": "trunk", "right_arm": "right arm", "left_arm": "left arm", "right_leg": "right leg", "left_leg": "left leg"}
    for region, s, t in zip(REGIONS, strength, twitches):
        lx, ly, anchor = label_pos[region]
        fig.add_annotation(x=lx, y=ly, text=f"<b>{short[region]}</b><br>{s:.0f}% · {t:.0f}/day", showarrow=False,
                           xanchor=anchor, yanchor="middle" if region == "bulbar" else "top", font=dict(size=13))
    # Ring-size key on the right.
    key_x = 4.3
    for i, n in enumerate((2, 5, 10)):
        fig.add_trace(go.Scatter(
            x=[key_x], y=[7.6 - 1.5 * i], mode="markers+text", text=[f"   {n} a day"], textposition="middle right",
            marker=dict(size=ring_size(n), symbol="circle-open", color=TWITCH_RING, line=dict(width=4)),
            hoverinfo="skip", showlegend=False, textfont=dict(size=13),
        ))
    fig.add_annotation(x=key_x - 0.4, y=8.8, text="<b>twitching</b>", showarrow=False, xanchor="left", font=dict(size=13))
    fig.update_layout(shapes=shapes, margin=dict(l=20, r=20, t=80, b=20))
    fig.update_xaxes(range=[-3.4, 6.6], visible=False, scaleanchor="y", scaleratio=1)
    fig.update_yaxes(range=[-1.8, 9.8], visible=False)
    title, description = describe_body_month(regions, who)
    return style_figure(fig, title=title, x_title="body (schematic)", y_title="body (schematic)", description=description, height=520)


# ---------------------------------------------------------------------------
# 3. Side by side
# ---------------------------------------------------------------------------
PERSON_STYLE: dict[str, dict] = {
    "Person A": dict(color=PALETTE["vermillion"], dash="solid"),
    "Person B": dict(color=PALETTE["blue"], dash="dash"),
}


def side_by_side_figure(data: pd.DataFrame, months_shown: int, months_total: int = 12) -> go.Figure:
    """Twitches a day, weakest region's strength and cramps a week for two people on one time axis."""
    fig = make_subplots(rows=3, cols=1, shared_xaxes=True, vertical_spacing=0.07,
                        subplot_titles=("twitches a day (whole body)", "strength of the weakest region (% of normal)", "cramps a week"))
    for person, style in PERSON_STYLE.items():
        d = data[data["person"] == person]
        common = dict(x=d["month"], mode="lines", line=dict(color=style["color"], dash=style["dash"], width=3), legendgroup=person)
        fig.add_trace(go.Scatter(y=d["twitches_per_day"], name=person, showlegend=True, hovertemplate=f"{person}: %{{y:.0f}} twitches a day<extra></extra>", **common), row=1, col=1)
        fig.add_trace(go.Scatter(y=d["weakest_strength_pct"], name=person, showlegend=False, hovertemplate=f"{person}: %{{y:.0f}}%<extra></extra>", **common), row=2, col=1)
        fig.add_trace(go.Scatter(y=d["cramps_per_week"], name=person, showlegend=False, hovertemplate=f"{person}: %{{y:.0f}} cramps<extra></extra>", **common), row=3, col=1)
    fig.add_hrect(y0=WEAK_BELOW_PCT, y1=105, fillcolor=NOISE_BAND_FILL, line_width=0, row=2, col=1)
    fig.add_annotation(x=0.2, y=WEAK_BELOW_PCT + 2, xref="x2", yref="y2", text="within measurement noise of normal", showarrow=False,
                       xanchor="left", yanchor="bottom", font=dict(size=12, color="#444"))
    fig.update_xaxes(range=[0, months_total], dtick=1)
    fig.update_yaxes(range=[0, 105], row=2, col=1)
    fig.update_yaxes(rangemode="tozero", row=1, col=1)
    fig.update_yaxes(rangemode="tozero", row=3, col=1)
    fig.update_yaxes(title_text="per day", row=1, col=1)
    fig.update_yaxes(title_text="% of normal", row=2, col=1)
    fig.update_yaxes(title_text="per week", row=3, col=1)
    fig.update_layout(legend=dict(orientation="h", yanchor="bottom", y=1.06, x=0.55), margin=dict(t=110))
    summary = []
    for person in PERSON_STYLE:
        d = data[data["person"] == person]
        summary.append(f"{person}: about {d['twitches_per_day'].mean():.0f} twitches a day, weakest region "
                       f"{d['weakest_strength_pct'].iloc[0]:.0f}% at the start and {d['weakest_strength_pct'].iloc[-1]:.0f}% at month {months_shown}")
    title = f"{months_shown} month{'s' if months_shown != 1 else ''} side by side: both twitch; does strength change?"
    description = "; ".join(summary) + "."
    return style_figure(fig, title=title, x_title="months since the diary began", y_title="per day", description=description, height=640)


# ---------------------------------------------------------------------------
# 4. Base rates
# ---------------------------------------------------------------------------
GRID_COLOURS = ["#E4E4E4", PALETTE["orange"], "#000000"]


def base_rate_figure(step: str) -> go.Figure:
    """100,000 people as tiny squares; the highlighted few circled."""
    grid, highlighted = population_grid(step)
    colourscale = [[0.0, GRID_COLOURS[0]], [0.33, GRID_COLOURS[0]], [0.34, GRID_COLOURS[1]], [0.66, GRID_COLOURS[1]], [0.67, GRID_COLOURS[2]], [1.0, GRID_COLOURS[2]]]
    fig = go.Figure(go.Heatmap(
        z=grid, zmin=0, zmax=GRID_HIGHLIGHT, colorscale=colourscale, showscale=False, hoverinfo="skip",
    ))
    rows, cols = np.divmod(highlighted, GRID_COLUMNS)
    fig.add_trace(go.Scatter(
        x=cols, y=rows, mode="markers", marker=dict(size=26, symbol="circle-open", color=PALETTE["blue"], line=dict(width=4)),
        hoverinfo="skip", showlegend=False,
    ))
    fig.update_xaxes(range=[-0.5, GRID_COLUMNS - 0.5], showticklabels=False, showgrid=False, title_text="")
    fig.update_yaxes(range=[GRID_ROWS - 0.5, -0.5], showticklabels=False, showgrid=False, scaleanchor="x", scaleratio=1)
    key = {"Everyone": "grey: everyone", "Notice twitches": "orange: notice twitches · grey: do not"}
    legend = key.get(step, "orange: notice twitches · black, circled in blue: " + step.lower())
    fig.update_layout(margin=dict(l=20, r=20, t=80, b=60))
    count = len(highlighted)
    title = {
        "Everyone": "100,000 people: one tiny square each",
        "Notice twitches": "70,000 of 100,000 people notice twitches at some point",
        "Living with ALS": f"Living with ALS: {count} of 100,000 (circled)",
        "New ALS this year": f"New ALS this year: {count} of 100,000 (circled)",
        "ALS starting with twitches": "ALS that begins with twitching: less than one person a year here",
    }[step]
    return style_figure(fig, title=title, x_title=f"100,000 people ({GRID_ROWS} rows of {GRID_COLUMNS}); {legend}",
                        y_title="people", description=base_rate_sentence(step), height=520)
