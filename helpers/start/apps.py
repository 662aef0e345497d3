"""The first widget a learner meets: the MRC strength scale."""

from __future__ import annotations

import plotly.graph_objects as go

from helpers.apps.base import FigureApp, slider
from helpers.start.model import one_mrc_grade
from helpers.start.views import mrc_ladder_figure


class MrcLadderApp(FigureApp):
    """Slide through the MRC grades; the ladder and the sentence under it follow."""

    def __init__(self, grade: int = 4) -> None:
        self.grade = slider("MRC grade", one_mrc_grade(grade), 0, 5)  # checked: a slider would clamp 7 to 5
        super().__init__("MRC strength ladder", "Move the slider: what can a muscle of each grade do?", [self.grade])

    def view(self) -> go.Figure:
        return mrc_ladder_figure(self.grade.value)


mrc_ladder = MrcLadderApp
