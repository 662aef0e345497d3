"""The start notebook's figure: the MRC scale as a ladder."""

from __future__ import annotations

import plotly.graph_objects as go

from helpers.start.model import MRC_GRADES, describe_mrc, one_mrc_grade
from helpers.views.theme import PALETTE, style_figure

MUTED = "#c8c8c8"


def mrc_ladder_figure(grade: int) -> go.Figure:
    """The MRC scale as a ladder of six rungs, the chosen grade highlighted."""
    grade = one_mrc_grade(grade)
    grades = list(MRC_GRADES)
    colours = [PALETTE["blue"] if g == grade else MUTED for g in grades]
    fig = go.Figure(
        go.Bar(
            x=grades,
            y=list(grades),
            orientation="h",
            marker_color=colours,
            text=[MRC_GRADES[g] for g in grades],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="grade %{y}: %{text}<extra></extra>",
        )
    )
    fig.update_xaxes(range=[0, 12], showticklabels=False, showgrid=False)
    fig.update_yaxes(tickmode="array", tickvals=grades, range=[-0.6, 5.6])
    return style_figure(
        fig,
        title=f"MRC grade {grade}: {MRC_GRADES[grade]}",
        x_title="strength (each rung is one grade)",
        y_title="MRC grade (0-5)",
        description=describe_mrc(grade),
        height=380,
        mark="The MRC scale (Medical Research Council 1976): no person is shown",
    )
