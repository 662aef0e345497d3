"""Lesson 03's views: pure functions from the model's results to styled figures.

Every figure carries the course's synthetic mark, a title that states its finding and
a one-sentence description (its alt text). Text inside figures is wrapped to the
narrowest screen (helpers.views.theme), so nothing is cut off on a projector.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from helpers.views.theme import (
    LEGEND_FONT_SIZE,
    NOISE_BAND_FILL,
    PALETTE,
    figure,
    legend_below,
    line,
    style_figure,
    wrap_text,
)
from helpers.weakness.model import (
    DOMAINS,
    FULL_SCORE,
    GRIP_NOISE_BAND_KG,
    ITEM_DOMAINS,
    ITEM_KEYS,
    PATH_SITES,
    Progression,
    cramp_days,
    path_site,
)

# ---------------------------------------------------------------------------
# 1. The path from brain to muscle
# ---------------------------------------------------------------------------
#: Where each site's box sits (x0, x1, y0, y1) in a 0-1 x 0-7 drawing: the movement path down the left,
#: the feeling path up the right beside the root and the nerve it shares.
MOTOR_X: tuple[float, float] = (0.0, 0.6)
SENSORY_X: tuple[float, float] = (0.68, 1.0)
SITE_ROWS: dict[str, int] = {
    "upper_motor_neuron": 6,
    "lower_motor_neuron": 5,
    "nerve_root": 4,
    "peripheral_nerve": 3,
    "neuromuscular_junction": 2,
    "muscle": 1,
}
CHOSEN_FILL, OTHER_FILL, CHOSEN_LINE = "#FBE3CF", "#F2F2F2", PALETTE["vermillion"]
SITE_FONT_SIZE = 13


def _box(x: tuple[float, float], y0: float, y1: float, chosen: bool) -> dict:
    return dict(
        type="rect",
        x0=x[0],
        x1=x[1],
        y0=y0,
        y1=y1,
        fillcolor=CHOSEN_FILL if chosen else OTHER_FILL,
        line=dict(color=CHOSEN_LINE if chosen else "#888", width=3 if chosen else 1),
        layer="below",
    )


def _label(x: float, y: float, text: str, chosen: bool, room_px: float) -> dict:
    return dict(
        x=x,
        y=y,
        xref="x",
        yref="y",
        text=wrap_text(f"<b>{text}</b>" if chosen else text, SITE_FONT_SIZE, room_px, bold=chosen),
        showarrow=False,
        font=dict(size=SITE_FONT_SIZE, color="#1a1a1a"),
    )


def pathway_figure(site: str) -> go.Figure:
    """The path from brain to muscle, and the feeling path beside it, with ``site`` marked."""
    chosen = path_site(site)
    shapes, notes = [], []
    # A narrow figure is about 340 px across the drawing: the movement boxes get 60% of it, the feeling box 30%.
    motor_room, sensory_room = 190.0, 95.0
    for key, row in SITE_ROWS.items():
        mark = key == chosen.key
        shapes.append(_box(MOTOR_X, row - 0.4, row + 0.4, mark))
        name = next(s.name for s in PATH_SITES if s.key == key)
        notes.append(_label(sum(MOTOR_X) / 2, row, name, mark, motor_room))
        if row > 1:
            shapes.append(
                dict(type="line", x0=0.3, x1=0.3, y0=row - 0.4, y1=row - 0.6, line=dict(color="#444", width=2))
            )
    sensory = chosen.key == "sensory_path"
    shapes.append(_box(SENSORY_X, 2.6, 6.4, sensory))
    notes.append(_label(sum(SENSORY_X) / 2, 4.5, "Sensory path (feeling): skin to brain", sensory, sensory_room))
    data = [dict(type="scatter", x=[0, 1], y=[0.5, 6.5], mode="markers", marker=dict(opacity=0), hoverinfo="skip")]
    layout = dict(
        xaxis=dict(visible=False, range=[-0.02, 1.02], fixedrange=True),
        yaxis=dict(visible=False, range=[0.5, 6.5], fixedrange=True),
        shapes=shapes,
        annotations=notes,
        showlegend=False,
        margin=dict(l=10, r=10, b=10),
    )
    signs = "; ".join(chosen.signs)
    return style_figure(
        figure(data, layout),
        title=f"{chosen.name}: {chosen.summary}",
        x_title="the path from brain to muscle",
        y_title="brain at the top, muscle at the bottom",
        description=(
            f"The path from brain to muscle, top to bottom, with the feeling path beside it; marked: "
            f"{chosen.name.lower()}, where damage can give {signs}."
        ),
        height=430,
        mark="A teaching diagram, not to scale",
    )


# ---------------------------------------------------------------------------
# 2. Daily life on the ALSFRS-R
# ---------------------------------------------------------------------------
#: Short item names that fit beside the chart on the narrowest screen.
SHORT_ITEM_NAMES: dict[str, str] = {
    "speech": "Speech",
    "salivation": "Saliva",
    "swallowing": "Swallowing",
    "handwriting": "Handwriting",
    "cutting_food": "Cutting food",
    "dressing_hygiene": "Dressing",
    "turning_in_bed": "Turning in bed",
    "walking": "Walking",
    "climbing_stairs": "Stairs",
    "dyspnea": "Breath, effort",
    "orthopnea": "Breath, lying",
    "respiratory_insufficiency": "Breath support",
}
#: Score colours, 0 (dark) to 4 (pale): a sequential, colour-blind-safe blue scale.
SCORE_SCALE: list[tuple[float, str]] = [
    (0.0, "#08306B"),
    (0.25, "#2171B5"),
    (0.5, "#6BAED6"),
    (0.75, "#C6DBEF"),
    (1.0, "#F7FBFF"),
]


def describe_alsfrs(items: pd.DataFrame, who: str, first: tuple[str, ...], rate: Progression) -> tuple[str, str]:
    """(title, description) of one person's ALSFRS-R chart, computed from the scores shown."""
    name = who.split(",")[0]
    if not first:
        title = f"{name}: all 12 functions stay at 4 (total {FULL_SCORE}) at every visit"
        description = (
            f"{who}, a synthetic person: every one of the 12 everyday functions of the ALSFRS-R scores 4 "
            f"(normal) at all {len(items)} visits over two years."
        )
        return title, description
    if rate.kimura_rate is None:
        low, high = int(items["total"].min()), int(items["total"].max())
        title = f"{name}: a few functions dip below 4 at some visits; total between {low} and {high}"
        description = (
            f"{who}, a synthetic person: the total of the 12 everyday functions stays between {low} and {high} over "
            f"{len(items)} visits, with no steady fall."
        )
        return title, description
    names = " and ".join(SHORT_ITEM_NAMES[k].lower() for k in first)
    domains = sorted({ITEM_DOMAINS[k] for k in first}, key=DOMAINS.index)
    title = f"{name}: {names} fall first; total {rate.first_total} to {rate.last_total} in {rate.months:.0f} months"
    description = (
        f"{who}, a synthetic person: the first items below 4 are {names} ({' and '.join(domains)}); the total "
        f"goes from {rate.first_total} to {rate.last_total} over {rate.months:.0f} months, "
        f"{rate.points_per_month:.2f} points a month."
    )
    return title, description


def alsfrs_figure(items: pd.DataFrame, who: str, first: tuple[str, ...], rate: Progression) -> go.Figure:
    """The 12 ALSFRS-R items (rows, grouped by domain) at each visit (columns), each cell its score 0-4."""
    rows = list(ITEM_KEYS)[::-1]  # speech at the top
    months = [f"{int(m)}" for m in items["month"]]
    z = [[int(v) for v in items[k]] for k in rows]
    data = [
        dict(
            type="heatmap",
            x=months,
            y=[SHORT_ITEM_NAMES[k] for k in rows],
            z=z,
            zmin=0,
            zmax=4,
            colorscale=SCORE_SCALE,
            text=[[str(v) for v in r] for r in z],
            texttemplate="%{text}",
            textfont=dict(size=12),
            xgap=2,
            ygap=2,
            showscale=False,
            hovertemplate="%{y}, month %{x}: %{z} of 4<extra></extra>",
        )
    ]
    # Lines between the four domains (3 items each).
    shapes = [
        dict(type="line", xref="x domain", x0=0, x1=1, yref="y", y0=y, y1=y, line=dict(color="#1a1a1a", width=2))
        for y in (2.5, 5.5, 8.5)
    ]
    title, description = describe_alsfrs(items, who, first, rate)
    layout = dict(
        xaxis=dict(type="category", showgrid=False, ticks=""),
        yaxis=dict(type="category", showgrid=False, ticks=""),
        shapes=shapes,
        margin=dict(l=60, r=10, b=56),
    )
    return style_figure(
        figure(data, layout),
        title=title,
        x_title="months since the first visit",
        y_title="everyday function",
        description=description,
        height=470,
    )


# ---------------------------------------------------------------------------
# 3. Cramps, in proportion
# ---------------------------------------------------------------------------
def cramps_figure() -> go.Figure:
    """Cramp days a month for each synthetic person, in the first and the last six months of the diary."""
    table = cramp_days().sort_values("last_months")
    names = table["name"].tolist()
    # Plotly draws a group's first bar at the bottom: the last six months first, so the start sits on top.
    data = [
        dict(
            type="bar",
            orientation="h",
            y=names,
            x=table["last_months"].tolist(),
            name="last 6 months",
            marker=dict(color=PALETTE["vermillion"]),
            hovertemplate="%{y}, last 6 months: %{x} cramp days a month<extra></extra>",
        ),
        dict(
            type="bar",
            orientation="h",
            y=names,
            x=table["first_months"].tolist(),
            name="first 6 months",
            marker=dict(color=PALETTE["sky"]),
            hovertemplate="%{y}, first 6 months: %{x} cramp days a month<extra></extra>",
        ),
    ]
    by = table.set_index("persona")
    peter, margaret, daniel, sofia = (
        by.loc[p] for p in ("als_limb_onset", "als_bulbar_onset", "benign_fasciculation", "overactive_thyroid")
    )
    title = (
        f"Cramp days overlap: Sofia {sofia.first_months:.1f} and Daniel {daniel.first_months:.1f} a month at the "
        f"start, Peter {peter.first_months:.1f} and Margaret {margaret.first_months:.1f}; cramps alone do not "
        f"tell them apart"
    )
    description = (
        f"Cramp days a month for the twelve synthetic people (rates assumed for teaching), in the first and the "
        f"last six months of two years. At "
        f"the start Sofia (overactive thyroid, with a low magnesium) has {sofia.first_months}, Daniel (harmless "
        f"twitching) "
        f"{daniel.first_months}, Peter (ALS) {peter.first_months} and Margaret (ALS) {margaret.first_months}; at the "
        f"end Sofia's have fallen to {sofia.last_months} after treatment, and Daniel's, Peter's and Margaret's are "
        f"{daniel.last_months}, {peter.last_months} and {margaret.last_months}. Cramps alone do not tell the groups "
        f"apart."
    )
    layout = dict(
        barmode="group", legend=legend_below(traceorder="reversed"), margin=dict(l=60, r=20, b=50), bargap=0.25
    )
    return style_figure(
        figure(data, layout),
        title=title,
        x_title="days with a cramp, per month",
        y_title="synthetic person",
        description=description,
        height=560,
        mark="Synthetic teaching examples: not real people",
    )


# ---------------------------------------------------------------------------
# 4. The clinic visit: grade and grip meter
# ---------------------------------------------------------------------------
def grade_runs(table: pd.DataFrame) -> list[pd.DataFrame]:
    """The visits split into runs of the same MRC grade, in order."""
    run_id = (table["mrc"] != table["mrc"].shift()).cumsum()
    return [run for _, run in table.groupby(run_id, sort=False)]


def describe_clinic(table: pd.DataFrame, who: str, hand: str) -> tuple[str, str]:
    """(title, description) of the grade-and-grip chart, computed from the visits shown.

    The title names the run of one grade over which the grip moved most: that is where the grade hides a change.
    """
    name = who.split(",")[0]
    widest = max(grade_runs(table), key=lambda run: run["grip_kg"].iloc[0] - run["grip_kg"].iloc[-1])
    start, end = widest.iloc[0], widest.iloc[-1]
    if start["grip_kg"] - end["grip_kg"] <= GRIP_NOISE_BAND_KG:
        grades = "/".join(str(g) for g in sorted(set(table["mrc"])))
        title = f"{name}'s {hand} hand: grade {grades}; no steady fall in grip beyond the grey band"
    else:
        title = (
            f"{name}'s {hand} hand: while the grade stays {int(start['mrc'])} (months {int(start['month'])}-"
            f"{int(end['month'])}), grip falls from {start['grip_kg']:.0f} to {end['grip_kg']:.0f} kg"
        )
    grades = ", ".join(str(int(g)) for g in table["mrc"])
    grips = ", ".join(f"{g:.0f}" for g in table["grip_kg"])
    description = (
        f"{who}, a synthetic person, {hand} hand at {len(table)} visits: the examiner's MRC grades of the grip "
        f"muscles {grades}; grip in kg {grips}. The grey band is the first visit's grip give or take "
        f"{GRIP_NOISE_BAND_KG:.0f} kg: two readings of the same hand usually differ by less than that by chance."
    )
    return title, description


def clinic_figure(table: pd.DataFrame, who: str, hand: str, normal_kg: float) -> go.Figure:
    """Measured grip at each visit, each point labelled with the examiner's MRC grade of the grip muscles.

    The band sits around the first visit's reading (a clinic does not know a person's own normal); ``normal_kg``
    (the synthetic person's own normal, known only to the model) sets the top of the axis.
    """
    months = table["month"].tolist()
    band = GRIP_NOISE_BAND_KG
    start = float(table["grip_kg"].iloc[0])
    data = [
        dict(
            type="scatter",
            x=months + months[::-1],
            y=[start + band] * len(months) + [start - band] * len(months),
            mode="lines",
            fill="toself",
            fillcolor=NOISE_BAND_FILL,
            line=dict(width=0),
            name=f"first visit ± {band:.0f} kg (usual chance differences)",
            hoverinfo="skip",
        ),
        line(
            months,
            table["grip_kg"],
            "measured grip",
            PALETTE["blue"],
            markers=True,
            hover="month %{x}: %{y:.1f} kg",
        ),
    ]
    # The grade of the grip muscles (finger flexors), written where it is first given and where it changes (a
    # label at every visit would run into its neighbours on a narrow screen). Annotations, not trace text: a live
    # figure redraws a trace's text in place and drops a label whose point had none before.
    grades = table["mrc"].tolist()
    labels = [
        dict(
            x=months[i],
            y=float(table["grip_kg"].iloc[i]),
            text=f"MRC {int(g)}",
            showarrow=False,
            yshift=14,
            xanchor="left" if i == 0 else "center",
            font=dict(size=LEGEND_FONT_SIZE, color="#1a1a1a"),
        )
        for i, g in enumerate(grades)
        if i == 0 or g != grades[i - 1]
    ]
    title, description = describe_clinic(table, who, hand)
    layout = dict(
        xaxis=dict(dtick=3, range=[-1.5, max(months) + 1.5]),
        yaxis=dict(range=[0, normal_kg + 15]),
        annotations=labels,
        legend=legend_below(),
        margin=dict(l=60, r=20, b=50),
    )
    return style_figure(
        figure(data, layout),
        title=title,
        x_title="months since the first visit",
        y_title="grip (kg)",
        description=description,
        height=420,
    )
