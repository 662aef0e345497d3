"""Lesson 04's views: pure functions from the model's results to styled figures and short HTML.

Every figure carries the course's synthetic mark, a title that states its finding and a
one-sentence description (its alt text). The look-alikes figure stacks its panels on
one month axis, so it reads on the narrowest screen.
"""

from __future__ import annotations

import datetime as dt
import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from helpers.diary import WHAT_CHOICES
from helpers.engine.people import person
from helpers.engine.personas import load_persona_specs
from helpers.engine.units import DAYS_PER_MONTH
from helpers.lookalikes.model import EXERCISE_TRIGGER, EXTRA_MEASURES, LAB_MEASURES, LAB_MONTHS, Feature, Pairing, Step
from helpers.views.theme import (
    PALETTE,
    figure,
    line,
    stacked_axis_ids,
    stacked_layout,
    style_figure,
)

#: The first person solid blue, the second dashed orange (Okabe-Ito; told apart by dash as well as colour).
PAIR_STYLE: tuple[dict[str, str], ...] = (
    dict(color=PALETTE["blue"], dash="solid"),
    dict(color=PALETTE["orange"], dash="dash"),
)
#: Fixed ranges, so that a switch of people never rescales an axis under the learner's eye.
LAB_RANGES: dict[str, tuple[float, float]] = {
    "lowest_strength_pct": (0, 105),
    "numbness_0_10": (0, 10),
    "pain_0_10": (0, 10),
    "twitches_per_day": (0, 60),
    "grip_drop_pct": (0, 70),
    "reported_weakness_0_10": (0, 10),
    "fatigue_0_10": (0, 10),
    "stress_0_10": (0, 10),
    "exercise_min": (0, 90),
}


def treatment_month(persona: str) -> float | None:
    """The month a treatment or change began to help (None: none, or from the start of the diary)."""
    day = load_persona_specs()[persona].improvement.from_day
    return None if day is None or day <= 0 else day / DAYS_PER_MONTH


#: How the lab's caption begins, and the mark under its title: two people, both made up.
SYNTHETIC_PAIR = "Synthetic people."
PAIR_MARK = "Synthetic teaching example: not real people"


def describe_lab(pairing: Pairing) -> tuple[str, str]:
    """(title, description) of the look-alikes figure: the separating question and both answers."""
    a, b = person(pairing.first).first_name, person(pairing.second).first_name
    title = f"What separates {a} and {b}: {pairing.feature.short}"
    description = (
        f"{SYNTHETIC_PAIR} Two made-up people over 24 months, month by month. {pairing.feature.question} "
        f"{a}: {pairing.first_answer}. {b}: {pairing.second_answer}."
    )
    return title, description


def lab_panels(pairing: Pairing) -> tuple[tuple[str, str, str], ...]:
    """The panels of the lab figure: the four measures, and a fifth when the question's measure is not among them."""
    extra = EXTRA_MEASURES.get(pairing.feature.key)
    if pairing.feature.key == "triggers" and "hard_training_week" in (pairing.first, pairing.second):
        extra = EXERCISE_TRIGGER
    return LAB_MEASURES + ((extra,) if extra else ())


def lab_figure(pairing: Pairing, first: pd.DataFrame, second: pd.DataFrame) -> go.Figure:
    """Four measures, month by month, of two people: the weakest region's strength, numbness, pain, twitches.

    ``first`` and ``second`` are the people's monthly tables (helpers.lookalikes.model.monthly), with a
    ``grip_drop_pct`` column at visit months where the question is about fatigable weakness. A fifth panel
    shows the measure behind the separating question when the four do not. A dotted line marks the month a
    treatment began to help, where there was one.
    """
    names = [person(pairing.first).name_and_age, person(pairing.second).name_and_age]
    panels = lab_panels(pairing)
    axes = stacked_axis_ids(len(panels))
    traces = []
    for (column, _title, _unit), yaxis in zip(panels, axes, strict=True):
        for who, table, style in zip(names, (first, second), PAIR_STYLE, strict=True):
            values = table[column].to_numpy(dtype=float)
            shown = ~np.isnan(values)  # months with a value (grip falls exist only at visit months)
            traces.append(
                line(
                    table["month"].to_numpy()[shown].tolist(),
                    values[shown].tolist(),
                    who,
                    style["color"],
                    width=3,
                    dash=style["dash"],
                    markers=column == "grip_drop_pct",
                    hover=f"{who}, month %{{x}}: %{{y:.0f}}",
                    yaxis=yaxis,
                    legendgroup=who,
                    showlegend=column == panels[0][0],
                    visible=True,
                )
            )
    shapes: list[dict] = []
    notes: list[dict] = []
    for persona, style in zip((pairing.first, pairing.second), PAIR_STYLE, strict=True):
        month = treatment_month(persona)
        if month is not None:
            for yaxis in axes:
                shapes.append(
                    dict(
                        type="line",
                        xref="x",
                        yref=f"{yaxis} domain",
                        x0=month,
                        x1=month,
                        y0=0,
                        y1=1,
                        line=dict(color=style["color"], dash="dot", width=2),
                    )
                )
            notes.append(
                dict(
                    x=month,
                    y=1.0,
                    xref="x",
                    yref=f"{axes[0]} domain",
                    text=f"{person(persona).first_name}: {load_persona_specs()[persona].improvement.reason}",
                    showarrow=False,
                    xanchor="left",
                    yanchor="top",
                    font=dict(size=12, color=style["color"]),
                    bgcolor="rgba(255,255,255,0.85)",
                )
            )
    height = 150 + 125 * len(panels)
    ranges = []
    for column, _t, _u in panels:
        low, high = LAB_RANGES[column]
        if column == "twitches_per_day":  # fitted to the pair: a fall from 12 to 3 must not be a few pixels high
            high = max(10.0, 1.15 * float(max(first[column].max(), second[column].max())))
        ranges.append((low, high))
    layout, header_px = stacked_layout(
        [title for _c, title, _u in panels], [unit for _c, _t, unit in panels], ranges, names, height=height
    )
    layout.update(
        xaxis=dict(range=[-0.5, LAB_MONTHS - 0.5], dtick=3, anchor="y"),
        shapes=shapes,
        annotations=layout["annotations"] + notes,
    )
    title, description = describe_lab(pairing)
    return style_figure(
        figure(traces, layout),
        title=title,
        x_title="months since the diary began" + (" (dotted line: a treatment began to help)" if shapes else ""),
        y_title=panels[-1][2],
        description=description,
        height=height,
        mark=PAIR_MARK,
        header_px=header_px,
    )


def feature_sources(feature: Feature) -> str:
    """ "Ravits & La Spada 2009; Turner & Talbot 2013": the sources behind a separating question."""
    from helpers.references import cites

    if not feature.sources:
        return "a teaching question of the course, not a clinical rule"
    return cites(feature.sources)


def pairing_html(pairing: Pairing) -> str:
    """The one question that separates two people, with both answers, as a short block for above the figure."""
    a, b = person(pairing.first).first_name, person(pairing.second).first_name
    return (
        "<div style='border-left:5px solid #0072B2;padding:0.3em 0.8em;margin:0.4em 0;background:#F3F8FC'>"
        f"<p style='margin:0.2em 0;color:#333'>In the figure: {html.escape(a)}, solid blue line; "
        f"{html.escape(b)}, dashed orange line.</p>"
        f"<p style='margin:0.2em 0'><strong>The question that separates them:</strong> "
        f"{html.escape(pairing.feature.question)}</p>"
        f"<p style='margin:0.2em 0'><strong>{html.escape(a)}</strong> (synthetic): "
        f"{html.escape(pairing.first_answer)}.</p>"
        f"<p style='margin:0.2em 0'><strong>{html.escape(b)}</strong> (synthetic): "
        f"{html.escape(pairing.second_answer)}.</p>"
        f"<p style='margin:0.2em 0;color:#444;font-size:0.9em'>Why this question matters: "
        f"{html.escape(feature_sources(pairing.feature))}.</p></div>"
    )


def step_html(step: Step, number: int, total: int, last: bool) -> str:
    """One revealed step of the evaluation walk: what the clinician did, what it found, why the next step."""
    why = (
        ""
        if last or not step.next_because
        else (f"<p style='margin:0.2em 0;color:#333'><em>Why the next step:</em> {html.escape(step.next_because)}</p>")
    )
    return (
        "<div style='border-left:5px solid #009E73;padding:0.3em 0.8em;margin:0.4em 0'>"
        f"<p style='margin:0.2em 0'><strong>{html.escape(step.name)}</strong> (step {number} of {total}). "
        f"The clinician {html.escape(step.done)}.</p>"
        f"<p style='margin:0.2em 0'><strong>Found:</strong> {html.escape(step.found)}</p>{why}</div>"
    )


# ---------------------------------------------------------------------------
# The symptom diary
# ---------------------------------------------------------------------------
#: The mark of a diary figure: the reader's own words, shown as written, never interpreted.
DIARY_MARK = "Your own entries, as you wrote them: this figure does not interpret them"


def _day_ticks(start: pd.Timestamp, end: pd.Timestamp) -> int:
    """Tick spacing in ms for the range ``start``-``end``: one or two days, a week, or four (about 8 to 16 ticks)."""
    days = (end - start).days
    step = 1 if days <= 8 else 2 if days <= 16 else 7 if days <= 112 else 28
    return step * 86_400_000


def describe_diary(frame: pd.DataFrame) -> tuple[str, str]:
    """(title, description) of a diary timeline: how many entries, over which dates, of which kinds. No reading."""
    if frame.empty:
        return "The diary has no entries yet", "The diary has no entries yet: save an entry and it appears here."
    first, last = pd.Timestamp(frame["date"].min()), pd.Timestamp(frame["date"].max())
    n = len(frame)
    when = f"on {first:%d %b %Y}" if first == last else f"from {first:%d %b %Y} to {last:%d %b %Y}"
    title = f"{n} diary entr{'y' if n == 1 else 'ies'} {when}"
    counts = frame["what"].value_counts()
    kinds = ", ".join(f"{what} {counts[what]}" for what in WHAT_CHOICES if what in counts)
    return title, f"{title}. Entries by kind: {kinds}. Each dot is one entry, placed at its date and kind."


#: The diary's time axis shows at least this many days, ending today (or at the last entry): whole days, never hours.
DIARY_MIN_DAYS: int = 14


def diary_days(frame: pd.DataFrame, today: dt.date | None = None) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The date range of the timeline: the entries, and at least DIARY_MIN_DAYS days up to today."""
    end = pd.Timestamp(today or dt.date.today())
    if not frame.empty:
        end = max(end, pd.Timestamp(frame["date"].max()))
    start = end - pd.Timedelta(days=DIARY_MIN_DAYS - 1)
    if not frame.empty:
        start = min(start, pd.Timestamp(frame["date"].min()))
    return start - pd.Timedelta(hours=18), end + pd.Timedelta(hours=30)


def diary_figure(frame: pd.DataFrame, mark: str = DIARY_MARK, today: dt.date | None = None) -> go.Figure:
    """Each entry as a dot at its date (across) and its kind (down); hover shows where, how much and the task."""
    kinds = list(WHAT_CHOICES)
    hover = [
        f"{pd.Timestamp(r.date):%d %b %Y}: {r.what}, {r.where}"
        + (f"; {r.how_much}" if r.how_much else "")
        + (f"; task: {r.task_changed}" if r.task_changed else "")
        for r in frame.itertuples()
    ]
    data = [
        dict(
            type="scatter",
            x=[pd.Timestamp(d) for d in frame["date"]],
            y=list(frame["what"]),
            mode="markers",
            marker=dict(size=11, color=PALETTE["blue"], line=dict(color="white", width=1)),
            text=hover,
            hovertemplate="%{text}<extra></extra>",
            name="entry",
            showlegend=False,
        )
    ]
    start, end = diary_days(frame, today)
    layout = dict(
        yaxis=dict(type="category", categoryorder="array", categoryarray=kinds[::-1], range=[-0.5, len(kinds) - 0.5]),
        xaxis=dict(
            type="date",
            range=[start, end],
            tickformat="%d %b",
            dtick=_day_ticks(start, end),
            tick0=str((end - pd.Timedelta(hours=30)).date()),  # ticks on whole days, ending at the last day
        ),
        margin=dict(l=170, r=20, b=50),
    )
    title, description = describe_diary(frame)
    return style_figure(
        figure(data, layout),
        title=title,
        x_title="date of the entry",
        y_title="what was noticed",
        description=description,
        height=380,
        mark=mark,
    )
