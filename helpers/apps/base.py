"""What every interactive app of the course is built from: a titled box, controls, a live figure, a caption.

Why one base: an app should read as what it is, its controls plus one call to
a pure view. ``FigureApp`` does the rest the same way everywhere: it builds the
live figure from the view, puts the view's one-sentence description under it
as the caption, and on every control change rebuilds the figure with the view
and pushes it to the browser in one message. A widget's plain-text form (what a
stored notebook shows before it is run, and what nbval compares) is one stable
sentence, not ``VBox(children=(...))`` with random ids inside.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go
from plotly.basedatatypes import Undefined

from helpers.views.theme import FIGURE_CONFIG, description_html, figure_description

APP_CLASS = "course-app"
FALLBACK_PREFIX = "[Interactive:"
NO_REDRAW_CLASS = "course-no-redraw"
"""CSS class for a control inside an app that, by design, does not redraw the app's figure
(for example a prediction the learner commits to). The browser test exempts such controls."""

#: Controls stretch with the notebook but never beyond a comfortable reading width (less their 2 px margins,
#: or the app's box would scroll sideways by 4 px).
CONTROL_LAYOUT: dict[str, str] = {"width": "calc(100% - 4px)", "max_width": "560px"}
#: Room for a control's description ("Rest before retest (s)") left of the control.
LABEL_STYLE: dict[str, str] = {"description_width": "190px"}


class CourseApp(widgets.VBox):
    """A titled app: controls, figures and captions stacked in one box."""

    def __init__(self, title: str, children: Sequence[widgets.Widget], **kwargs: Any) -> None:
        from helpers.apps.watch import KernelWatch

        super().__init__([KernelWatch(), *children], **kwargs)
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
    return widgets.HTML(
        value=f"<div style='font-size:1.05em;margin:0.2em 0'><strong>{html.escape(text)}</strong></div>"
    )


def no_redraw(control: widgets.Widget) -> widgets.Widget:
    """Mark a control that, by design, does not change the app's figure."""
    control.add_class(NO_REDRAW_CLASS)
    return control


def slider(
    description: str, value: float, low: float, high: float, step: float = 1, *, readout_format: str | None = None
) -> widgets.IntSlider | widgets.FloatSlider:
    """A course slider: whole numbers when value, bounds and step are whole, updates on release."""
    whole = all(float(v).is_integer() for v in (value, low, high, step)) and readout_format in (None, "d")
    kind: Any = widgets.IntSlider if whole else widgets.FloatSlider
    cast: Any = int if whole else float
    extra = {"readout_format": readout_format} if readout_format else {}
    return kind(
        value=cast(value),
        min=cast(low),
        max=cast(high),
        step=cast(step),
        description=description,
        continuous_update=False,
        layout=widgets.Layout(**CONTROL_LAYOUT),
        style=LABEL_STYLE,
        **extra,
    )


def dropdown(description: str, options: Sequence[Any], value: Any) -> widgets.Dropdown:
    """A course dropdown of (label, value) pairs or plain values."""
    return widgets.Dropdown(
        options=list(options),
        value=value,
        description=description,
        layout=widgets.Layout(**CONTROL_LAYOUT),
        style=LABEL_STYLE,
    )


def live_figure(fig: go.Figure) -> go.FigureWidget:
    """A live figure that fills the width of its output and follows it when the window changes size."""
    widget = go.FigureWidget(fig)
    widget._config = {**widget._config, **FIGURE_CONFIG, "responsive": True}
    return widget


_ABSENT = object()
#: Free-form properties (any JSON): plotly takes them whole, never by a path into them.
WHOLE_VALUES = frozenset({"meta", "customdata"})


def changed_paths(old: dict[str, Any], new: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """The dotted property paths ("line.color") whose values differ from ``old`` to ``new``, with their new values.

    Nested dicts are compared key by key; lists (data arrays, shapes, annotations) are compared whole. A key
    that ``new`` lacks gets None, which plotly reads as "back to the default".
    """
    out: dict[str, Any] = {}
    for key in old.keys() | new.keys():
        before, after = old.get(key, _ABSENT), new.get(key, _ABSENT)
        path = f"{prefix}{key}"
        if key in WHOLE_VALUES:
            if before is _ABSENT or not _same(before, after):
                out[path] = None if after is _ABSENT else after
        elif isinstance(after, dict) and isinstance(before, dict):
            out.update(changed_paths(before, after, path + "."))
        elif isinstance(after, dict):  # a new container (a second y axis, say): set it whole
            out[path] = after
        elif after is _ABSENT:
            out[path] = None
        elif before is _ABSENT or not _same(before, after):
            out[path] = after
    return out


def _same(before: Any, after: Any) -> bool:
    """Whether two property values are equal (data arrays may be numpy arrays, whose == is elementwise)."""
    if isinstance(before, np.ndarray) or isinstance(after, np.ndarray):
        return type(before) is type(after) and np.array_equal(before, after)
    return bool(before == after)


def _without(props: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in props.items() if k not in keys}


def replace_figure(target: go.FigureWidget, new: go.Figure) -> None:
    """Show figure ``new`` in the live widget ``target``, in one message to the browser.

    Why: views are pure functions that build a whole ``go.Figure`` from data; an app
    rebuilds the figure on every control change and calls this, so the app never
    patches traces by hand. When the traces are as many and of the same types, only
    what changed goes to the browser: one ``plotly_update`` with the changed trace
    properties and layout keys, compared as plain dicts (plotly validates nothing
    again: the view built a trusted figure, see theme.figure). Otherwise (other traces,
    or a layout key the figure lacks, such as a new axis) the traces are replaced and
    the layout updated through plotly's checked path.
    """
    old_data, new_data = target._data, new._data
    same_shape = len(old_data) == len(new_data) and all(
        a.get("type", "scatter") == b.get("type", "scatter") for a, b in zip(old_data, new_data, strict=True)
    )
    # plotly refuses a path into a layout key the figure does not have yet (a new y axis "yaxis2") and keeps one it
    # is told to drop: a change of the layout's keys, like one of the traces' number or types, takes plotly's
    # checked path.
    old_keys, new_keys = set(target._layout) - {"template"}, set(new._layout) - {"template"}
    if not same_shape or old_keys != new_keys:
        for gone in old_keys - new_keys:  # an axis the new figure does not have (inside a batch, plotly keeps it)
            target.layout[gone] = None
        with target.batch_update():
            target.data = ()
            target.add_traces(list(new.data))
            layout = new.layout.to_plotly_json()
            layout.pop("template", None)
            target.layout.update(layout, overwrite=True)
        return
    per_trace = [changed_paths(_without(a, "uid"), _without(b, "uid")) for a, b in zip(old_data, new_data, strict=True)]
    keys = sorted({key for changes in per_trace for key in changes})
    restyle = {key: [changes.get(key, Undefined) for changes in per_trace] for key in keys}
    relayout = changed_paths(_without(target._layout, "template"), _without(new._layout, "template"))
    if restyle or relayout:
        target.plotly_update(restyle_data=restyle, relayout_data=relayout, trace_indexes=list(range(len(new_data))))


class FigureApp(CourseApp):
    """An app that is its controls plus one pure view.

    A subclass creates its controls, then calls ``super().__init__`` with them;
    it implements ``view()``, which builds the whole figure from the controls'
    current values. Every change of a listed control calls ``update()``, which
    redraws the figure from ``view()`` and sets the caption to the figure's
    description. ``rows`` (default: the controls, one per row) is how the
    controls are laid out; ``below`` are widgets under the caption.
    """

    def __init__(
        self,
        title: str,
        instruction: str,
        controls: Sequence[widgets.Widget],
        *,
        rows: Sequence[widgets.Widget] | None = None,
        below: Sequence[widgets.Widget] = (),
    ) -> None:
        fig = self.view()
        self.figure = live_figure(fig)
        self.caption = caption(figure_description(fig))
        for control in controls:
            control.observe(lambda _change: self.update(), names="value")
        children = [heading(instruction), *(controls if rows is None else rows), self.figure, self.caption, *below]
        super().__init__(title, children)

    def view(self) -> go.Figure:
        """The figure for the controls' current values (a pure view call)."""
        raise NotImplementedError

    def update(self) -> None:
        """Redraw the figure and its caption from the current controls."""
        fig = self.view()
        replace_figure(self.figure, fig)
        set_caption(self.caption, figure_description(fig))
