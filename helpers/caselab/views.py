"""Lesson 05's views: one case's data as stacked panels, the case's record, feedback, the class report.

Pure functions from the model's results to figures and HTML. A case figure's title names what is
plotted, never the pattern: the case is a mystery until the learner has answered. Every figure
carries the synthetic mark. The class report is plain HTML and CSS (tables with real headers and
bars), so it opens offline, prints, and reads aloud.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from helpers.caselab.marking import CARE_ORDER, ClassResults, care_accepted
from helpers.caselab.model import CARE_OPTIONS, OBSERVATIONS, PATTERN_KEYS, PATTERNS, CaseData, CaseSpec
from helpers.engine import REGIONS
from helpers.engine.units import DAYS_PER_MONTH
from helpers.views.theme import (
    PALETTE,
    figure,
    line,
    stacked_axis_ids,
    stacked_layout,
    style_figure,
)

CASE_MARK = "Synthetic teaching case: not a real person"
REGION_NAMES: dict[str, str] = {r: r.replace("_", " ") for r in REGIONS}
#: One colour and dash per region (Okabe-Ito; arms solid, legs dashed, so they differ without colour too).
REGION_STYLE: dict[str, tuple[str, str]] = {
    "bulbar": (PALETTE["purple"], "dot"),
    "right_arm": (PALETTE["blue"], "solid"),
    "left_arm": (PALETTE["sky"], "solid"),
    "trunk": (PALETTE["black"], "dashdot"),
    "right_leg": (PALETTE["vermillion"], "dash"),
    "left_leg": (PALETTE["orange"], "dash"),
}


#: One line of a panel: (name, x values, y values, colour, dash).
Line = tuple[str, Sequence[float], Sequence[float], str, str]


@dataclass(frozen=True)
class Panel:
    """One panel of a stacked figure: a heading, a y unit and range, and its lines (name, x, y, colour, dash)."""

    heading: str
    unit: str
    y_range: tuple[float, float]
    lines: tuple[Line, ...]
    markers: bool = False


def _series(frame: pd.DataFrame, column: str, name: str, colour: str, dash: str = "solid") -> Line:
    """One named line of a table's column against its ``month`` column (values to one decimal)."""
    return (name, frame["month"].tolist(), frame[column].round(1).tolist(), colour, dash)


def stacked_figure(
    panels: Sequence[Panel], *, title: str, x_title: str, description: str, x_range: tuple[float, float]
) -> go.Figure:
    """Panels stacked on one x axis, each with its heading; a line name shown once in the legend under the plot."""
    axes = stacked_axis_ids(len(panels))
    traces, seen = [], set()
    rank = 0
    for panel, yaxis in zip(panels, axes, strict=True):
        # Drawn last to first, so that a dotted line (the bulbar region, first in the list) lies on top of a solid
        # one it nearly matches; the legend keeps the list's order (legendrank).
        ranks = {id(item): rank + i for i, item in enumerate(panel.lines)}
        rank += len(panel.lines)
        for item in reversed(panel.lines):
            name, x, y, colour, dash = item
            traces.append(
                line(
                    x,
                    y,
                    name,
                    colour,
                    width=2.5,
                    dash=dash,
                    markers=panel.markers,
                    hover=f"{name}: %{{y:.1f}} {panel.unit} (month %{{x:.1f}})",
                    yaxis=yaxis,
                    legendgroup=name,
                    showlegend=name not in seen,
                    legendrank=ranks[id(item)],
                )
            )
            seen.add(name)
    names = list(dict.fromkeys(t["name"] for t in traces))
    height = 130 + 150 * len(panels)
    layout, header_px = stacked_layout(
        [p.heading for p in panels], [p.unit for p in panels], [p.y_range for p in panels], names, height=height
    )
    layout["xaxis"] = dict(range=list(x_range), anchor="y")
    return style_figure(
        figure(traces, layout),
        title=title,
        x_title=x_title,
        y_title=panels[-1].unit,
        description=description,
        height=height,
        mark=CASE_MARK,
        header_px=header_px,
    )


# ---------------------------------------------------------------------------
# What a learner can look at in a case
# ---------------------------------------------------------------------------
VIEWS: dict[str, str] = {
    "strength": "Strength of each body region, week by week",
    "feelings": "Tiredness and felt weakness, week by week",
    "twitches": "Twitches by body region, and cramps",
    "senses": "Numbness, pain, eyes, speech and swallowing",
    "life": "Sleep, caffeine, stress and exercise (triggers)",
    "checkups": "Check-ups: MRC grades and the daily-life score",
    "grip": "Grip test: 12 grips, then a retest after rest",
    "last_days": "The last 14 days, day by day",
}
VIEW_KEYS: tuple[str, ...] = tuple(VIEWS)


#: Lines of two regions closer than this (in their own unit) all the way are drawn as one.
NEAR_SAME: float = 1.0


def _region_lines(
    frame: pd.DataFrame, prefix: str, x: str = "month", regions: Sequence[str] = REGIONS, near: float = 0.0
) -> tuple[Line, ...]:
    """One line per region; regions within ``near`` of each other all the way share one line, named for all.

    ``near`` is NEAR_SAME for strength in % of normal, where 1 point is far below measurement noise; 0 (only
    the same values) for MRC grades and twitch counts, where 1 is a real difference.

    Why: two lines that close are drawn one on top of the other, and a learner told "the bulbar region fell"
    could not find its line (two reviews). The shared line shows the first region's values; its name says
    whether the others are the same or within 1 point.
    """
    groups: list[tuple[np.ndarray, list[str], bool]] = []
    for r in regions:
        values = frame[f"{prefix}{r}"].round(1).to_numpy(dtype=float)
        for i, (first, members, exact) in enumerate(groups):
            gap = float(np.max(np.abs(first - values))) if len(values) else 0.0
            if gap <= near:
                groups[i] = (first, [*members, r], exact and gap == 0.0)
                break
        else:
            groups.append((values, [r], True))
    lines = []
    for values, members, exact in groups:
        names = [REGION_NAMES[r] for r in members]
        same = "same values" if exact else f"within {near:g} point of each other"
        name = names[0] if len(names) == 1 else f"{', '.join(names)} ({same})"
        lines.append((name, frame[x].tolist(), values.tolist(), *REGION_STYLE[members[0]]))
    return tuple(lines)


def _panels(data: CaseData, view: str) -> tuple[list[Panel], str, str, tuple[float, float]]:
    """(panels, x title, description, x range) for one view of a case."""
    w = data.weekly
    months = data.case.days / DAYS_PER_MONTH
    x_months = "months since the diary began"
    span = (-0.2, months + 0.2)
    if view == "strength":
        low = {r: float(w[f"strength_pct_{r}"].min()) for r in REGIONS}
        weakest = min(low, key=lambda r: low[r])
        text = (
            "every region stayed at 100% of normal"
            if low[weakest] >= 99.5
            else f"lowest weekly strength: {REGION_NAMES[weakest]} {low[weakest]:.0f}% of normal"
        )
        return (
            [
                Panel(
                    "Strength (% of the person's own normal)",
                    "%",
                    (0, 105),
                    _region_lines(w, "strength_pct_", near=NEAR_SAME),
                )
            ],
            (x_months),
            text,
            span,
        )
    if view == "feelings":
        lines = (
            _series(w, "fatigue_0_10", "tiredness", PALETTE["blue"]),
            _series(w, "reported_weakness_0_10", "felt weakness", PALETTE["orange"], "dash"),
            _series(w, "self_checks", "self-checks a day", PALETTE["black"], "dot"),
        )
        text = (
            f"tiredness averaged {w['fatigue_0_10'].mean():.1f}/10 and felt weakness "
            f"{w['reported_weakness_0_10'].mean():.1f}/10; {w['self_checks'].mean():.1f} self-checks a day"
        )
        top = max(10.0, float(w["self_checks"].max()) + 1)
        return (
            [Panel("How the person felt (weekly mean, 0-10), and self-checks a day", "0-10", (0, top), lines)],
            (x_months),
            text,
            span,
        )
    if view == "twitches":
        top = max(3.0, 1.15 * float(w[[f"twitches_{r}" for r in REGIONS]].max().max()))
        panels = [
            Panel("Twitches noticed a day, by body region", "a day", (0, top), _region_lines(w, "twitches_")),
            Panel(
                "Cramps in the week",
                "a week",
                (0, max(4.0, float(w["cramps_week"].max()) + 1)),
                (_series(w, "cramps_week", "cramps", PALETTE["green"]),),
            ),
        ]
        text = (
            f"{w['twitches_total'].mean():.1f} twitches a day on average; {w['cramps_week'].mean():.1f} cramps a week"
        )
        return panels, x_months, text, span
    if view == "senses":
        panels = [
            Panel(
                "Numbness or tingling, and pain (weekly mean, 0-10)",
                "0-10",
                (0, 10),
                (
                    _series(w, "numbness_0_10", "numbness", PALETTE["blue"], "solid"),
                    _series(w, "night_numbness_0_10", "numbness at night", PALETTE["sky"], "dash"),
                    _series(w, "pain_0_10", "pain", PALETTE["vermillion"], "dot"),
                    _series(w, "balance_0_10", "unsteady", PALETTE["black"], "dashdot"),
                ),
            ),
            Panel(
                "Eyes, speech and swallowing (weekly mean, 0-10; double vision: days in the week)",
                "0-10",
                (0, 10),
                (
                    _series(w, "eyelid_droop_0_10", "eyelid droop", PALETTE["purple"], "solid"),
                    _series(w, "double_vision_days", "double vision (days)", PALETTE["orange"], "dash"),
                    _series(w, "speech_0_10", "speech trouble", PALETTE["green"], "dot"),
                    _series(w, "swallowing_0_10", "swallowing trouble", PALETTE["yellow"], "dashdot"),
                ),
            ),
        ]
        text = (
            f"numbness averaged {w['numbness_0_10'].mean():.1f}/10, pain {w['pain_0_10'].mean():.1f}/10, eyelid droop "
            f"{w['eyelid_droop_0_10'].mean():.1f}/10, speech trouble up to {w['speech_0_10'].max():.1f}/10"
        )
        return panels, x_months, text, span
    if view == "life":

        def one(col: str, heading: str, unit: str, top: float, colour: str) -> Panel:
            return Panel(heading, unit, (0, top), (_series(w, col, heading.split(" (")[0], colour),))

        panels = [
            one("sleep_h", "Sleep (hours a night)", "hours", 11, PALETTE["blue"]),
            one(
                "caffeine_mg",
                "Caffeine (mg a day)",
                "mg",
                max(400.0, float(w["caffeine_mg"].max()) * 1.1),
                PALETTE["orange"],
            ),
            one("stress_0_10", "Stress (0-10)", "0-10", 10, PALETTE["vermillion"]),
            one(
                "exercise_min",
                "Exercise (minutes a day)",
                "minutes",
                max(60.0, float(w["exercise_min"].max()) * 1.1),
                PALETTE["green"],
            ),
        ]
        text = (
            f"sleep {w['sleep_h'].mean():.1f} hours, caffeine {w['caffeine_mg'].mean():.0f} mg, stress "
            f"{w['stress_0_10'].mean():.1f}/10, exercise up to {w['exercise_min'].max():.0f} minutes a day in a week"
        )
        return panels, x_months, text, span
    if view == "checkups":
        v = data.visits.assign(month=(data.visits["day"] / DAYS_PER_MONTH).round(1))
        limbs = [r for r in REGIONS if r != "bulbar"]  # speech and swallowing are not graded on the MRC scale
        wasted = [REGION_NAMES[r] for r in REGIONS if v[f"wasting_{r}"].any()]
        wasting = f"; visible wasting: {', '.join(wasted)}" if wasted else "; no visible wasting"
        panels = [
            Panel(
                f"MRC grade at each check-up, arms, legs and trunk (5 = full strength){wasting}",
                "grade",
                (-0.2, 5.4),
                _region_lines(v, "mrc_", regions=limbs),
                True,
            ),
            Panel(
                "Daily-life score, ALSFRS-R (48 = no difficulty)",
                "of 48",
                (0, 49),
                (_series(v, "alsfrs_r_total", "ALSFRS-R", PALETTE["green"]),),
                True,
            ),
        ]
        lowest_grade = int(v[[f"mrc_{r}" for r in limbs]].min().min())
        text = (
            f"{len(v)} check-ups; lowest MRC grade {lowest_grade} (arms, legs, trunk); ALSFRS-R from "
            f"{v['alsfrs_r_total'].iloc[0]} to {v['alsfrs_r_total'].iloc[-1]}{wasting}"
        )
        return panels, x_months, text, span
    if view == "grip":
        g = data.grip_sessions
        days = sorted(g["day"].unique())
        chosen = [days[0], days[-1]] if len(days) > 1 else days[:1]
        grips: list[tuple[str, Sequence[float], Sequence[float], str, str]] = []
        for day, colour in zip(chosen, (PALETTE["blue"], PALETTE["vermillion"]), strict=False):
            for hand, dash in (("right", "solid"), ("left", "dash")):
                rows = g[(g["day"] == day) & (g["hand"] == hand)]
                name = f"{hand} hand, month {day / DAYS_PER_MONTH:.0f}"
                grips.append((name, rows["trial"].tolist(), rows["force_kg"].tolist(), colour, dash))
        top = max(10.0, float(g["force_kg"].max()) * 1.1)
        panel = Panel(
            "Grip force: 12 maximal grips 5 s apart, then one after 2 minutes' rest (grip 13)",
            "kg",
            (0, top),
            tuple(grips),
            True,
        )
        text = OBSERVATIONS["fatigable_grip"].evidence(data)  # the same sentence as the feedback
        return [panel], "grip number (13 = after 2 minutes' rest)", text, (0.5, 13.5)
    if view == "last_days":
        d = data.daily.tail(14).assign(month=lambda f: f["day"] - f["day"].iloc[-1])
        # Strength only: felt weakness and tiredness are in the "feelings" view, and two more lines here would
        # share colours with the regions.
        panels = [
            Panel(
                "Strength (% of normal), each of the last 14 days",
                "%",
                (0, 105),
                _region_lines(d, "strength_pct_", near=NEAR_SAME),
                True,
            )
        ]
        last = d.iloc[-1]
        weakest_now = min(REGIONS, key=lambda r: last[f"strength_pct_{r}"])
        text = (
            f"on the last day the weakest region was {REGION_NAMES[weakest_now]} at "
            f"{last[f'strength_pct_{weakest_now}']:.0f}%"
        )
        return panels, "days before the last diary day (0 = the last day)", text, (-13.5, 0.5)
    raise ValueError(view)


def case_figure(data: CaseData, view: str) -> go.Figure:
    """One view of a case: a neutral title (what is plotted), the synthetic mark, and a one-sentence description."""
    panels, x_title, text, x_range = _panels(data, view)
    title = f"Case {data.case.number}. {VIEWS[view]}"
    description = f"Synthetic person, case {data.case.number}, {data.case.months} months of diary: {text}."
    return stacked_figure(panels, title=title, x_title=x_title, description=description, x_range=x_range)


def placeholder_figure() -> go.Figure:
    """What the lab shows before a student has opened their cases."""
    panel = Panel("No case open yet", "%", (0, 105), (("no case open", [0.0], [100.0], PALETTE["black"], "solid"),))
    return stacked_figure(
        [panel],
        title="Your cases appear here",
        x_title="months since the diary began",
        description="Synthetic cases: type your ID above and press Open my cases to see the first one.",
        x_range=(0, 12),
    )


# ---------------------------------------------------------------------------
# The case's record, and the feedback of practice mode
# ---------------------------------------------------------------------------
def record_html(case: CaseSpec) -> str:
    """The case's one line of history and its notes (the only words in the record: the rest is data)."""
    notes = "".join(
        f"<li><strong>Day {day} (month {day / DAYS_PER_MONTH:.0f}):</strong> {html.escape(text)}</li>"
        for day, text in case.notes[1:]
    )
    notes_html = (
        f"<p style='margin:0.3em 0 0'>Notes in the record:</p><ul style='margin:0.2em 0'>{notes}</ul>" if notes else ""
    )
    return (
        "<div class='case-record' style='border-left:4px solid #0072B2;padding:0.3em 0.8em;margin:0.4em 0;"
        "line-height:1.35'>"
        f"<p style='margin:0'>{html.escape(case.summary())}</p>{notes_html}</div>"
    )


def observation_feedback(data: CaseData, chosen: Sequence[str]) -> list[tuple[bool, str]]:
    """(right, text) for each observation chosen, then one line for each supporting observation missed."""
    case = data.case
    out: list[tuple[bool, str]] = []
    for key in chosen:
        o = OBSERVATIONS[key]
        evidence = o.evidence(data)
        if key in case.supporting:
            out.append((True, f"“{o.text}” Yes, this supports the pattern ({evidence})."))
        elif o.holds(data):
            out.append((False, f"“{o.text}” True here ({evidence}), but {o.why_not[0].lower()}{o.why_not[1:]}"))
        else:
            out.append((False, f"“{o.text}” Look again: the data do not show this ({evidence})."))
    for key in case.supporting:
        if key not in chosen:
            o = OBSERVATIONS[key]
            out.append((False, f"You missed: “{o.text}” ({o.evidence(data)})."))
    return out


#: What a learner who picks pattern A for a case of pattern B most likely believes (the lessons' misconceptions).
MISREADINGS: dict[tuple[str, str], str] = {
    ("progressive", "benign_twitching"): "In this case, twitching, even for months and in many places, is not "
    "progression: what "
    "progresses is weakness, and here strength stayed full.",
    ("progressive", "felt_not_measured"): "Feeling weak is not the same as measured weakness: every check-up found "
    "full strength.",
    ("progressive", "nerve_territory"): "Weakness with numbness in one limb, which stays in that limb, points to a "
    "nerve or nerve root; ALS usually spares feeling and spreads.",
    (
        "progressive",
        "sudden",
    ): "Weakness that comes on within hours is almost never how ALS starts, and it needs care now.",
    ("nerve_territory", "progressive"): "Here the weakness spread to a neighbouring region and came without "
    "numbness: look at the strength view over the months.",
    ("fatigue_only", "fatigable"): "Tiredness is a feeling; here force fell far more than usual with repeated grips "
    "and came back with rest: a measured sign.",
    ("fatigable", "fatigue_only"): "Feeling tired is not fatigable weakness: the grip test fell about as much as "
    "anyone's.",
    ("benign_twitching", "treatable"): "The twitching eased after a treatment began: look at the notes and at the "
    "twitches after that day.",
    ("fatigue_only", "triggers"): "The tiredness came in the weeks of hard training and went within days: look at "
    "the triggers view.",
}


def pattern_feedback(data: CaseData, chosen: str) -> tuple[bool, str]:
    """(right, text): why the chosen pattern fits or not, from this case's own numbers."""
    case = data.case
    if chosen == case.pattern:
        return True, f"{PATTERNS[chosen].name}. {PATTERNS[chosen].shows}"
    need = PATTERNS[chosen].supporting
    shown = "; ".join(
        f"{OBSERVATIONS[k].text.rstrip('.')} (here: {'yes' if OBSERVATIONS[k].holds(data) else 'no'}: "
        f"{OBSERVATIONS[k].evidence(data)})"
        for k in need
    )
    lead = MISREADINGS.get((chosen, case.pattern), "")
    return False, f"{lead} “{PATTERNS[chosen].name}” would show: {shown}.".strip()


def care_feedback(case: CaseSpec, chosen: str) -> tuple[bool, str]:
    """(right, text) for how soon, naming an unsafe (too late) choice as such."""
    key, reasoning = case.care, PATTERNS[case.pattern].care_reason
    if chosen == key:
        return True, f"{CARE_OPTIONS[key]}. {reasoning}"
    if care_accepted(key, chosen):
        return True, (
            f"One level sooner than the answer ({CARE_OPTIONS[key]}). That is the course's rule when unsure: choose "
            f"the higher level. {reasoning}"
        )
    later = CARE_ORDER.index(chosen) > CARE_ORDER.index(key)
    lead = "Too late: this could delay care that is needed." if later else "Sooner than this record needs."
    return False, f"{lead} The course's care levels say: {CARE_OPTIONS[key]}. {reasoning}"


def feedback_list_html(items: Sequence[tuple[bool, str]]) -> str:
    rows = "".join(
        f"<li style='color:{'#00664d' if ok else '#a33c00'}'><strong>{'Right' if ok else 'Not quite'}.</strong> "
        f"{html.escape(text)}</li>"
        for ok, text in items
    )
    return f"<ul style='margin:0.2em 0;line-height:1.35'>{rows}</ul>"


# ---------------------------------------------------------------------------
# The class report
# ---------------------------------------------------------------------------
def _cell(count: int, row_total: int, right: bool, unsafe: bool) -> str:
    share = count / row_total if row_total else 0.0
    colour = (0, 158, 115) if right else ((213, 94, 0) if unsafe else (230, 159, 0))
    bg = f"rgba({colour[0]},{colour[1]},{colour[2]},{0.12 + 0.75 * share:.2f})" if count else "transparent"
    weight = "bold" if count and share >= 0.25 else "normal"
    # Said in words too: red and orange at a pale shade are hard to tell apart, and a screen reader reads no colour.
    label = f"{count} <small>too late</small>" if count and unsafe else str(count or "")
    return f"<td style='background:{bg};font-weight:{weight};text-align:center'>{label}</td>"


def confusion_table_html(
    counts: dict[tuple[str, str], int], keys: Sequence[str], names: dict[str, str], caption: str, unsafe_later: bool
) -> str:
    """Rows: the key; columns: what students chose; each cell shaded by its share of the row."""
    head = "".join(f"<th scope='col'>{html.escape(names[k])}</th>" for k in keys)
    rows = []
    for true in keys:
        total = sum(counts.get((true, k), 0) for k in keys)
        if not total:
            continue
        cells = "".join(
            _cell(
                counts.get((true, k), 0),
                total,
                k == true,
                unsafe_later and keys.index(k) > keys.index(true),
            )
            for k in keys
        )
        rows.append(f"<tr><th scope='row'>{html.escape(names[true])}</th>{cells}<td>{total}</td></tr>")
    return (
        "<table class='confusion'><caption>" + html.escape(caption) + "</caption>"
        f"<thead><tr><th scope='col'>Key</th>{head}<th scope='col'>Answers</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def tempting_bars_html(results: ClassResults) -> str:
    """How often each non-supporting observation was chosen when it was offered, as bars, most tempting first."""
    rows = []
    for key, offered in sorted(
        results.observation_offered.items(),
        key=lambda kv: -results.observation_chosen_wrongly[kv[0]] / kv[1],
    ):
        chosen = results.observation_chosen_wrongly[key]
        share = chosen / offered
        rows.append(
            f"<tr><th scope='row'>{html.escape(OBSERVATIONS[key].text)}</th>"
            f"<td><div style='background:#D55E00;height:0.9em;width:{share * 100:.0f}%;min-width:1px'></div></td>"
            f"<td>{share:.0%} ({chosen} of {offered})</td></tr>"
        )
    return (
        "<table class='bars'><caption>Observations chosen as support when they were not (share of the times each "
        "was offered)</caption><thead><tr><th scope='col'>Observation</th><th scope='col'>Chosen</th>"
        f"<th scope='col'>Share</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


REPORT_CSS = (
    "body{font-family:DejaVu Sans,Arial,sans-serif;max-width:1100px;margin:1em auto;padding:0 1em;color:#1a1a1a}"
    "table{border-collapse:collapse;margin:0.8em 0 1.6em}th,td{border:1px solid #ccc;padding:0.25em 0.45em;"
    "font-size:0.9em}caption{text-align:left;font-weight:bold;margin-bottom:0.3em}"
    "table.bars td:nth-child(2){width:40%}th[scope=row]{text-align:left;font-weight:normal}"
)


def class_report_html(results: ClassResults, title: str = "Case lab: class report") -> str:
    """The class report: headline numbers, the two confusion tables, the tempting observations, flagged files."""
    marked = [r for r in results.rows if r["status"] == "marked"]
    flagged = [r for r in results.rows if r["status"] != "marked"]
    mean = np.mean([r["total"] / r["out_of"] for r in marked]) if marked else float("nan")
    head = (
        f"<h1>{html.escape(title)}</h1><p>Synthetic cases. {len(marked)} students marked, {len(flagged)} rows "
        f"flagged. Mean mark: {mean:.0%}." + (" " if marked else "") + "</p>"
    )
    pattern_names = {k: PATTERNS[k].name for k in PATTERN_KEYS}
    care_names = {k: CARE_OPTIONS[k].split(":")[0].split(";")[0] for k in CARE_ORDER}
    too_late = sum(
        n for (key, chosen), n in results.care_confusion.items() if CARE_ORDER.index(chosen) > CARE_ORDER.index(key)
    )
    flagged_rows = "".join(
        f"<tr><td>{html.escape(r['student_id'])}</td><td>{html.escape(r['status'])}</td>"
        f"<td>{html.escape(r['message'])}</td></tr>"
        for r in flagged
    )
    flagged_html = (
        "<table><caption>Rows that were not marked (fix and mark again)</caption><thead><tr><th scope='col'>Student"
        "</th><th scope='col'>Status</th><th scope='col'>Why</th></tr></thead><tbody>"
        + flagged_rows
        + "</tbody></table>"
        if flagged
        else "<p>Every file was marked.</p>"
    )
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
        f"<style>{REPORT_CSS}</style></head><body>{head}"
        "<h2>Which patterns the class mistook for which</h2>"
        "<p>Each row is a pattern as the key has it; each column is what students chose. Green: right; orange: a "
        "mix-up. The darker the cell, the larger its share of the row.</p>"
        + confusion_table_html(
            dict(results.pattern_confusion), PATTERN_KEYS, pattern_names, "Pattern: key by answer", False
        )
        + "<h2>How soon: the key and the class's answers</h2>"
        f"<p>Cells marked <em>too late</em> (red) are answers later than the key: the unsafe mistake ({too_late} "
        "answers). Orange: sooner than the key (one level sooner still earns the mark).</p>"
        + confusion_table_html(dict(results.care_confusion), CARE_ORDER, care_names, "How soon: key by answer", True)
        + "<h2>Which tempting observation fooled most students</h2>"
        + tempting_bars_html(results)
        + "<h2>Files</h2>"
        + flagged_html
        + "</body></html>"
    )
