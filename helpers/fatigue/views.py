"""Figures for the "Tired or weak?" lesson: pure functions from model results to styled figures.

Every figure goes through helpers.views.theme.style_figure (title that states
the finding, axis titles with units, one-sentence description = alt text).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from helpers.engine.people import check_persona, person
from helpers.fatigue.model import (
    CONFIRM_READINGS,
    DIARY_PERSONAS,
    GRIP_CHANGE_WITHIN_NOISE_KG,
    GRIP_NOISE_SD_KG,
    HANDS,
    GripSession,
    NoiseOrTrend,
    describe_diary,
    describe_grip_session,
    describe_noise_or_trend,
    ever_below_band,
    grip_gap_kg,
    grip_session,
    noise_or_trend,
    normal_grip_kg,
    rest_phrase,
    weekly_diary,
    weeks_below_band,
)
from helpers.views.theme import (
    FONT_SIZE,
    NARROWEST_PLOT_PX,
    NOISE_BAND_FILL,
    PALETTE,
    X_AXIS_PX,
    figure,
    heading_px,
    legend_below,
    legend_px,
    panel_heading,
    stacked_domains,
    style_figure,
    wrap_text,
)

HAND_COLOURS: dict[str, str] = {"right": PALETTE["blue"], "left": PALETTE["orange"]}
HAND_SYMBOLS: dict[str, str] = {"right": "circle", "left": "square"}


def _band(axis: str, low: float, high: float) -> dict:
    """A grey noise band across the whole width of the subplot whose x axis is ``axis`` ('' for the first)."""
    return dict(
        type="rect",
        xref=f"x{axis} domain",
        x0=0,
        x1=1,
        yref=f"y{axis}",
        y0=low,
        y1=high,
        fillcolor=NOISE_BAND_FILL,
        line=dict(width=0),
        layer="below",
    )


def _panel_title(text: str, x: float, y: float, room_px: float = NARROWEST_PLOT_PX) -> dict:
    """A subplot heading, wrapped to its panel (make_subplots would add one, but costs ~6 ms a call)."""
    return panel_heading(text, x, y, room_px=room_px)


# ---------------------------------------------------------------------------
# 1. Grip lab
# ---------------------------------------------------------------------------
def _start_clause(s: GripSession) -> str | None:
    """How the first, rested grip of each hand compares with its own normal; None when both are within the noise."""
    low = [h for h in HANDS if s.start_kind(h) == "low"]
    edge = [h for h in HANDS if s.start_kind(h) == "edge"]

    def gap(h: str) -> str:
        return f"{s.below_normal_kg(h):.0f} kg"

    if len(low) == 2:
        return f"the right hand starts {gap('right')} and the left {gap('left')} below normal"
    if low:
        text = f"the {low[0]} hand starts {gap(low[0])} below normal"
        if edge:
            return f"{text}, the {edge[0]} {gap(edge[0])} under (past the noise band)"
        return f"{text} at the first, rested squeeze"
    if len(edge) == 2:
        return f"both hands start just past the noise band (right {gap('right')}, left {gap('left')} under normal)"
    if edge:
        return f"the {edge[0]} hand starts {gap(edge[0])} under normal, just past the noise band"
    return None


def _fall_clause(s: GripSession) -> str | None:
    """How far the force falls over the session compared with the usual healthy fall; None when within the noise."""
    more = [h for h in HANDS if s.falls_more_than_usual(h)]

    def pct(h: str) -> str:
        return f"{s.drop_pct(h):.0f}%"

    if s.falls_steeply:
        return f"force falls steeply (right {pct('right')}, left {pct('left')})"
    if len(more) == 2:
        return f"force falls more than usual (right {pct('right')}, left {pct('left')})"
    if more:
        return f"{more[0]} hand falls more than usual ({pct(more[0])})"
    return None


def _retest_clause(s: GripSession, after_fall: bool) -> str:
    """Whether the retest is back at the first grip: recovered, within the noise of it, or down (per hand)."""
    kind = {h: s.retest_kind(h) for h in HANDS}
    down = [h for h in HANDS if kind[h] == "down"]
    edge = [h for h in HANDS if kind[h] == "edge"]
    rest = rest_phrase(s.rest_s)

    def kg(h: str) -> str:
        return f"{s.retest_down_kg(h):.0f} kg"

    if len(down) == 2:
        return f"{rest} both retests are still down"
    if down:
        return f"{down[0]} retest still {kg(down[0])} down {rest}"
    if len(edge) == 2:
        return f"retests just past the noise band (right {kg('right')}, left {kg('left')} down)"
    if edge:
        return f"{edge[0]} retest {kg(edge[0])} down (past the noise band)"
    if all(kind[h] == "recovered" for h in HANDS):
        if s.rest_s <= 0:
            return "the retest, with no rest, is back at its start"
        return "then recovers with rest" if after_fall else f"the drop recovers {rest}"
    return "retest within the noise of the start"


def grip_session_title(s: GripSession) -> str:
    """A short title that states what this session shows, and only what lies beyond the measurement noise.

    A first grip clearly below normal comes first (a loss of strength); then a fall beyond the usual one;
    a start just past the noise band is said to be at its edge; then whether the retest is back at the start.
    Every number belongs to one hand.
    """
    name = person(s.persona).first_name
    start = _start_clause(s)
    if start is not None and any(s.start_kind(h) == "low" for h in HANDS):
        return f"{name}: {start}"
    fall = _fall_clause(s)
    if fall is None and start is not None:
        return f"{name}: {start}"
    retest = _retest_clause(s, after_fall=fall is not None)
    if fall is None:
        return f"{name}: normal start; {retest}"
    joiner = ", " if retest == "then recovers with rest" else "; "
    return f"{name}: {fall}{joiner}{retest}"


def grip_lab_figure(s: GripSession) -> go.Figure:
    """Force of each maximal grip, both hands side by side, with the person's own normal ± noise band."""
    sdc = GRIP_CHANGE_WITHIN_NOISE_KG
    retest_x = s.repetitions + 2
    top = max(s.normal_kg.values()) + sdc + 8
    step = max(1, s.repetitions // 6)
    ticks = list(range(1, s.repetitions + 1, step))
    # Two panels side by side: their headings and axis titles are wrapped to one panel's width.
    panel_px = 0.47 * NARROWEST_PLOT_PX
    x_title = wrap_text("grip number, then retest", FONT_SIZE, panel_px)
    data, shapes = [], []
    layout: dict = {}
    for col, hand in enumerate(HANDS, start=1):
        ax = "" if col == 1 else str(col)
        f = s.trials.loc[s.trials["hand"] == hand, "force_kg"].to_numpy()
        normal = s.normal_kg[hand]
        shapes.append(_band(ax, normal - sdc, normal + sdc))
        common = dict(xaxis=f"x{ax}", yaxis=f"y{ax}")
        data += [
            dict(
                type="scatter",
                x=[0.3, retest_x + 0.7],
                y=[normal, normal],
                mode="lines",
                line=dict(color=PALETTE["black"], dash="dash", width=1.5),
                name=f"own normal ± {sdc:.0f} kg noise band",
                legendgroup="normal",
                showlegend=col == 1,
                hovertemplate=f"own normal {normal:.0f} kg<extra></extra>",
                **common,
            ),
            dict(
                type="scatter",
                x=list(range(1, s.repetitions + 1)),
                y=f[: s.repetitions],
                mode="lines+markers",
                line=dict(color=HAND_COLOURS[hand], width=2.5),
                marker=dict(size=8, symbol=HAND_SYMBOLS[hand]),
                name=f"{hand} hand, repeated grips",
                hovertemplate="grip %{x}: %{y:.1f} kg<extra></extra>",
                **common,
            ),
            dict(
                type="scatter",
                x=[retest_x],
                y=[f[s.repetitions]],
                mode="markers",
                marker=dict(
                    size=15, symbol="diamond", color=HAND_COLOURS[hand], line=dict(color=PALETTE["black"], width=1.5)
                ),
                name=f"{hand} hand, retest after {s.rest_s:.0f} s rest",
                hovertemplate="retest: %{y:.1f} kg<extra></extra>",
                **common,
            ),
        ]
        domain = [0.0, 0.47] if col == 1 else [0.53, 1.0]
        layout[f"xaxis{ax}"] = dict(
            anchor=f"y{ax}",
            domain=domain,
            tickvals=[*ticks, retest_x],
            ticktext=[str(t) for t in ticks] + ["retest"],
            range=[0.3, retest_x + 0.7],
            title=dict(text=x_title),
            tickfont=dict(size=13),
        )
        layout[f"yaxis{ax}"] = dict(anchor=f"x{ax}", domain=[0.0, 1.0], range=[0, top])
    layout["yaxis2"].update(matches="y", showticklabels=False)
    headings = [_panel_title("right hand", 0.235, 1.0, panel_px), _panel_title("left hand", 0.765, 1.0, panel_px)]
    layout.update(shapes=shapes, annotations=headings, legend=legend_below(), margin=dict(l=60, r=20, b=50))
    return style_figure(
        figure(data, layout),
        title=grip_session_title(s),
        x_title=x_title,
        y_title="grip force (kg)",
        description=describe_grip_session(s),
        height=470,
        header_px=max(heading_px(h) for h in headings),
    )


# ---------------------------------------------------------------------------
# 2. Diary timeline
# ---------------------------------------------------------------------------
def diary_title(weekly: pd.DataFrame, persona: str, revealed: bool = True) -> str:
    """Once judged: a title that states the tiredness and whether grip stays below the noise band.

    A hand counts as below the band only CONFIRM_READINGS weeks in a row (the course's rule: one week
    outside the band may be noise). Before the learner's judgement the title only says what the figure
    holds, so that it does not give the answer away.
    """
    name = person(persona).first_name
    tiredness = f"tiredness averages {weekly['fatigue_0_10'].mean():.1f}/10"
    if not revealed:
        return f"{name}: {len(weekly)} weeks of diary; {tiredness}. What does the grip show?"
    gap = grip_gap_kg(weekly, persona)
    runs = weeks_below_band(weekly, persona)
    low = [h for h in HANDS if gap[h] > GRIP_CHANGE_WITHIN_NOISE_KG]
    if len(low) == 2:
        grip = f"grip below the noise band for weeks in a row (right {runs['right']}, left {runs['left']})"
    elif low:
        grip = f"{low[0]} grip below the noise band {runs[low[0]]} weeks in a row"
    elif any(ever_below_band(weekly, persona).values()):
        grip = f"grip leaves the noise band, but never {CONFIRM_READINGS} weeks in a row"
    else:
        grip = "measured grip stays within the noise band"
    return f"{name}: {tiredness}; {grip}"


def diary_figure(weekly: pd.DataFrame, persona: str, revealed: bool = False) -> go.Figure:
    """Weekly fatigue (top), grip relative to own normal with the noise band (middle), sleep (bottom).

    ``revealed`` adds the hidden true rested grip (black), for after the learner's judgement.
    The bottom panel owns the first x and y axes (the ones style_figure titles): the shared week axis.
    """
    sdc = GRIP_CHANGE_WITHIN_NOISE_KG
    normal = normal_grip_kg(persona)
    weeks = weekly["week"].to_numpy()
    bottom, middle, top = dict(xaxis="x", yaxis="y"), dict(xaxis="x2", yaxis="y2"), dict(xaxis="x3", yaxis="y3")
    data = [
        dict(
            type="scatter",
            x=weeks,
            y=weekly["fatigue_0_10"].to_numpy(),
            mode="lines",
            line=dict(color=PALETTE["vermillion"], width=2.5),
            name="fatigue (0-10)",
            hovertemplate="week %{x}: fatigue %{y:.1f}<extra></extra>",
            **top,
        ),
    ]
    for hand in HANDS:
        data.append(
            dict(
                type="scatter",
                x=weeks,
                y=(weekly[f"grip_kg_{hand}"] - normal[hand]).to_numpy(),
                mode="lines",
                line=dict(color=HAND_COLOURS[hand], width=2.5, dash="solid" if hand == "right" else "dash"),
                name=f"{hand} grip (weekly mean)",
                hovertemplate=f"week %{{x}}: {hand} %{{y:+.1f}} kg<extra></extra>",
                **middle,
            )
        )
    if revealed:
        for hand in HANDS:
            data.append(
                dict(
                    type="scatter",
                    x=weeks,
                    y=(weekly[f"true_grip_kg_{hand}"] - normal[hand]).to_numpy(),
                    mode="lines",
                    line=dict(color=PALETTE["black"], width=2.5, dash="dot" if hand == "right" else "dashdot"),
                    name=f"TRUE {hand} strength (revealed)",
                    hovertemplate=f"week %{{x}}: true {hand} %{{y:+.1f}} kg<extra></extra>",
                    **middle,
                )
            )
    # One line in the bottom panel (a reader should not have to read three scales off one axis); stress and
    # exercise are in its hover text, week by week.
    data.append(
        dict(
            type="scatter",
            x=weeks,
            y=weekly["sleep_h"].to_numpy(),
            customdata=np.column_stack([weekly["stress_0_10"].to_numpy(), (weekly["exercise_min"] / 60.0).to_numpy()]),
            mode="lines",
            line=dict(color=PALETTE["sky"], width=2.5),
            name="sleep (hours a night)",
            hovertemplate=(
                "week %{x}: sleep %{y:.1f} h, stress %{customdata[0]:.1f}/10, exercise %{customdata[1]:.1f} h/day"
                "<extra></extra>"
            ),
            **bottom,
        )
    )
    cols = [f"grip_kg_{h}" for h in HANDS] + ([f"true_grip_kg_{h}" for h in HANDS] if revealed else [])
    lowest = min(float((weekly[c] - normal[c.rsplit("_", 1)[1]]).min()) for c in cols)
    low = min(-sdc - 3, lowest - 2)
    # Three stacked panels, each with its heading above it; the gaps are sized for the narrowest figure,
    # where the headings wrap and the legend takes the most rows.
    headings = [
        "how tired (diary, weekly mean)",
        f"measured grip compared with own normal (grey: ±{sdc:.0f} kg noise band)",
        "behind it: sleep (point at a week for its stress and exercise)",
    ]
    height, bottom_px = 650, 50
    notes = [_panel_title(text, 0.5, 1.0) for text in headings]
    plot_px = height - heading_px(notes[0]) - bottom_px - 40 - legend_px([str(d["name"]) for d in data])
    domains = stacked_domains(plot_px, [0, heading_px(notes[1]) + 6, heading_px(notes[2]) + 6], [0.235, 0.37, 0.235])
    for note, domain in zip(notes, domains, strict=True):
        note["y"] = domain[1]
    layout = dict(
        xaxis=dict(anchor="y", domain=[0, 1], range=[-0.5, weeks[-1] + 0.5]),
        yaxis=dict(anchor="x", domain=domains[2], range=[0, 11]),
        xaxis2=dict(anchor="y2", domain=[0, 1], matches="x", showticklabels=False),
        yaxis2=dict(anchor="x2", domain=domains[1], range=[low, sdc + 3], title=dict(text="grip − normal (kg)")),
        xaxis3=dict(anchor="y3", domain=[0, 1], matches="x", showticklabels=False),
        yaxis3=dict(anchor="x3", domain=domains[0], range=[0, 10.5], title=dict(text="fatigue (0-10)")),
        shapes=[_band("2", -sdc, sdc)],
        annotations=notes,
        legend=legend_below(),
        margin=dict(l=60, r=20, b=bottom_px),
    )
    return style_figure(
        figure(data, layout),
        title=diary_title(weekly, persona, revealed),
        x_title="week of the diary",
        y_title="sleep (hours)",
        description=describe_diary(weekly, persona, revealed),
        height=height,
        header_px=heading_px(notes[0]),
    )


# ---------------------------------------------------------------------------
# 3. Noise or trend?
# ---------------------------------------------------------------------------
def noise_or_trend_title(r: NoiseOrTrend) -> str:
    """A title that states whether the real decline has been confirmed yet."""
    if r.decline_confirmed_week is not None:
        return (
            f"The real decline is confirmed in week {r.decline_confirmed_week}; single low readings fool "
            f"{r.fooled_by_one_reading_pct:.0f}% of healthy people"
        )
    return f"After {r.weeks} weeks the real decline is still hidden in the ±{r.band_kg:.1f} kg noise band"


def noise_or_trend_figure(r: NoiseOrTrend) -> go.Figure:
    """Change from the week-0 reading for a healthy person and a real decline, and how often noise fools you."""
    left, right = dict(xaxis="x", yaxis="y"), dict(xaxis="x2", yaxis="y2")
    week = r.week
    data: list[dict[str, Any]] = [
        dict(
            type="scatter",
            x=week,
            y=r.healthy_change_kg,
            mode="lines+markers",
            line=dict(color=PALETTE["blue"], width=2),
            marker=dict(size=7),
            name="healthy person",
            hovertemplate="week %{x}: %{y:+.1f} kg<extra>healthy</extra>",
            **left,
        ),
        dict(
            type="scatter",
            x=week,
            y=r.decline_change_kg,
            mode="lines+markers",
            line=dict(color=PALETTE["vermillion"], width=2),
            marker=dict(size=7, symbol="square"),
            name=f"real decline ({r.decline_kg_per_week:.2f} kg/week)",
            hovertemplate="week %{x}: %{y:+.1f} kg<extra>declining</extra>",
            **left,
        ),
        dict(
            type="scatter",
            x=week,
            y=-r.decline_kg_per_week * week,
            mode="lines",
            line=dict(color=PALETTE["black"], dash="dot", width=1.5),
            name="true decline, without noise",
            hoverinfo="skip",
            **left,
        ),
        dict(
            type="bar",
            x=["1 low<br>reading", f"{CONFIRM_READINGS} low<br>in a row"],
            y=[r.fooled_by_one_reading_pct, r.fooled_by_confirmed_rule_pct],
            marker=dict(color=[PALETTE["orange"], PALETTE["green"]]),
            text=[f"{r.fooled_by_one_reading_pct:.0f}%", f"{r.fooled_by_confirmed_rule_pct:.1f}%"],
            textposition="outside",
            width=0.5,
            showlegend=False,
            hovertemplate="%{x}: %{y:.1f}%<extra></extra>",
            **right,
        ),
    ]
    shapes = [_band("", -r.band_kg, r.band_kg)]
    if r.decline_confirmed_week is not None:
        shapes.append(
            dict(
                type="line",
                xref="x",
                yref="y domain",
                x0=r.decline_confirmed_week,
                x1=r.decline_confirmed_week,
                y0=0,
                y1=1,
                line=dict(color=PALETTE["vermillion"], dash="dash", width=1.5),
            )
        )
    span = max(r.band_kg + 2, abs(float(min(r.decline_change_kg.min(), r.healthy_change_kg.min()))) + 2, 8)
    # The readings on top, the bar chart under them: side by side, the bars would get a quarter of a
    # narrow screen. The gap between holds the readings' week axis and the bar chart's heading.
    height, bottom = 550, 50
    notes = [_panel_title(text, 0.5, 1.0) for text in ("weekly readings (grey: noise band)", "healthy people fooled")]
    names = [str(d["name"]) for d in data if isinstance(d, dict) and d.get("showlegend", True)]
    plot_px = height - heading_px(notes[0]) - bottom - 45 - legend_px(names)
    top, under = stacked_domains(plot_px, [0, X_AXIS_PX + heading_px(notes[1])], [0.62, 0.38])
    notes[1]["y"] = under[1]
    layout = dict(
        xaxis=dict(anchor="y", domain=[0, 1], range=[-0.5, r.weeks + 0.5]),
        yaxis=dict(anchor="x", domain=top, range=[-span, r.band_kg + 4]),
        xaxis2=dict(anchor="y2", domain=[0, 1], tickangle=0, title=dict(text="rule for 'declining'")),
        yaxis2=dict(anchor="x2", domain=under, range=[0, 100], title=dict(text="% of healthy people")),
        shapes=shapes,
        annotations=notes,
        legend=legend_below(),
        margin=dict(l=60, r=20, b=bottom),
    )
    return style_figure(
        figure(data, layout),
        title=noise_or_trend_title(r),
        x_title="week",
        y_title="change from week 0 (kg)",
        description=describe_noise_or_trend(r),
        height=height,
        mark="Simulated people, not real: a teaching model of measurement noise",
        header_px=heading_px(notes[0]),
    )


# ---------------------------------------------------------------------------
# Still figures for the notebook (each shown before the live app that varies it)
# ---------------------------------------------------------------------------
def grip_test_figure(
    persona: str = "hard_training_week", repetitions: int = 12, rest_s: float = 120.0, month: int = 0
) -> go.Figure:
    """One grip session as a still figure."""
    return grip_lab_figure(grip_session(persona, repetitions, rest_s, month))


def diary_figure_for(persona: str = "post_viral_fatigue", months: int = 12, revealed: bool = False) -> go.Figure:
    """A persona's weekly diary as a still figure (the persona's id, or the first name shown on screen)."""
    persona = check_persona(persona, DIARY_PERSONAS)
    return diary_figure(weekly_diary(persona, months), persona, revealed=revealed)


def noise_figure(noise_sd_kg: float = GRIP_NOISE_SD_KG, weeks: int = 26) -> go.Figure:
    """The noise-or-trend simulation as a still figure."""
    return noise_or_trend_figure(noise_or_trend(noise_sd_kg, weeks))
