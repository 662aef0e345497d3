"""The first widget a learner meets: the MRC strength scale."""

from __future__ import annotations

import ipywidgets as widgets
import plotly.graph_objects as go

from helpers.apps.base import CourseApp, caption, heading, replace_figure, set_caption
from helpers.scales import describe_mrc
from helpers.views.scales import mrc_ladder_figure


class MrcLadderApp(CourseApp):
    """Slide through the MRC grades; the ladder and the sentence under it follow."""

    def __init__(self, grade: int = 4) -> None:
        self.slider = widgets.IntSlider(value=grade, min=0, max=5, step=1, description="MRC grade", continuous_update=False)
        self.figure = go.FigureWidget(mrc_ladder_figure(grade))
        self.caption = caption(describe_mrc(grade))
        self.slider.observe(lambda change: self.update(change["new"]), names="value")
        super().__init__("MRC strength ladder", [heading("Move the slider: what can a muscle of each grade do?"), self.slider, self.figure, self.caption])

    def update(self, grade: int) -> None:
        replace_figure(self.figure, mrc_ladder_figure(grade))
        set_caption(self.caption, describe_mrc(grade))


def mrc_ladder(grade: int = 4) -> MrcLadderApp:
    """Build the MRC ladder app (show it by ending a cell with it)."""
    return MrcLadderApp(grade)
