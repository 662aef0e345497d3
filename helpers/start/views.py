"""The start notebook's figure: the MRC scale as a ladder."""

from __future__ import annotations

import plotly.graph_objects as go

from helpers.start.model import MRC_GRADES, describe_mrc, one_mrc_grade
from helpers.views.theme import NARROWEST_PLOT_PX, PALETTE, style_figure, wrap_text

MUTED = "#c8c8c8"


#: The ladder's x axis runs to this many grades, so each rung's words have room right of its bar.
LADDER_X_MAX = 10
LADDER_TEXT_SIZE = 14


def rung_text(grade: int) -> str:
    """A rung's words, wrapped to the room right of its bar on the narrowest figure."""
    room = (1 - (grade + 0.3) / LADDER_X_MAX) * NARROWEST_PLOT_PX - 10
    return wrap_text(MRC_GRADES[grade], LADDER_TEXT_SIZE, room)


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
            text=[rung_text(g) for g in grades],
            textposition="outside",
            textfont=dict(size=LADDER_TEXT_SIZE),
            constraintext="none",
            cliponaxis=False,
            customdata=[MRC_GRADES[g] for g in grades],
            hovertemplate="grade %{y}: %{customdata}<extra></extra>",
        )
    )
    fig.update_xaxes(range=[0, LADDER_X_MAX], showticklabels=False, showgrid=False)
    fig.update_yaxes(tickmode="array", tickvals=grades, range=[-0.6, 5.6])
    fig.update_layout(margin=dict(l=60, r=10, b=40))
    return style_figure(
        fig,
        title=f"MRC grade {grade}: {MRC_GRADES[grade]}",
        x_title="grades are ordered steps, not amounts of strength",
        y_title="MRC grade (0-5)",
        description=describe_mrc(grade),
        height=380,
        mark="The MRC scale (Medical Research Council 1976): no person is shown",
    )
