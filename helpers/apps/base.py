"""The container every interactive app in the course is built in.

Why a subclass: a widget's plain-text form is what a reader sees in a notebook
that has not been run yet (and what nbval compares). ipywidgets' default text is
``VBox(children=(...))`` with random ids inside; ours is one stable sentence that
tells the reader what to do.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import ipywidgets as widgets
import plotly.graph_objects as go

from helpers.views.theme import description_html

APP_CLASS = "course-app"
FALLBACK_PREFIX = "[Interactive:"
NO_REDRAW_CLASS = "course-no-redraw"
"""CSS class for a control inside an app that, by design, does not redraw the app's figure
(for example a prediction the learner commits to). The browser test exempts such controls."""


class CourseApp(widgets.VBox):
    """A titled app: controls, figures and captions stacked in one box."""

    def __init__(self, title: str, children: Sequence[widgets.Widget], **kwargs) -> None:
        super().__init__(list(children), **kwargs)
        self.app_title = title
        self.add_class(APP_CLASS)

    def __repr__(self) -> str:
        return f"{FALLBACK_PREFIX} {self.app_title}. Run this cell in JupyterLab to use it.]"


def caption(text: str) -> widgets.HTML:
    """A figure description as a widget, to sit under a live figure and update with it."""
    return widgets.HTML(value=description_html(text))


def set_caption(widget: widgets.HTML, text: str) -> None:
    """Replace a caption's sentence (keeps the same styling)."""
    widget.value = description_html(text)


def heading(text: str) -> widgets.HTML:
    """A short bold instruction line at the top of an app."""
    return widgets.HTML(value=f"<div style='font-size:1.05em;margin:0.2em 0'><strong>{html.escape(text)}</strong></div>")


def no_redraw(control: widgets.Widget) -> widgets.Widget:
    """Mark a control that, by design, does not change the app's figure."""
    control.add_class(NO_REDRAW_CLASS)
    return control


def replace_figure(target: go.FigureWidget, new: go.Figure) -> None:
    """Show figure ``new`` in the live widget ``target``, in one message to the browser.

    Why: views are pure functions that build a whole ``go.Figure`` from data; an app
    rebuilds the figure on every control change and calls this, so the app never
    patches traces by hand. Traces are updated in place when their number and types
    match (cheap), replaced otherwise; the layout is replaced whole (title, shapes,
    ranges, description).
    """
    with target.batch_update():
        same_shape = len(target.data) == len(new.data) and all(a.type == b.type for a, b in zip(target.data, new.data))
        if same_shape:
            for old_trace, new_trace in zip(target.data, new.data):
                old_trace.update(new_trace.to_plotly_json(), overwrite=True)
        else:
            target.data = ()
            target.add_traces(list(new.data))
        layout = new.layout.to_plotly_json()
        layout.pop("template", None)
        target.layout.update(layout, overwrite=True)
