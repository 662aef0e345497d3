"""Random use of the course's apps: walk an app's widget tree, draw a random action, check what the learner sees.

Shared by tests/test_random_use.py (hypothesis draws the actions) and bench/bench_random_use.py (a soak of
seeded random sequences). The machinery knows no app by name:

- ``notebook_apps()`` finds every app the notebooks build: each code cell that is one call of a lesson name
  returning a ``CourseApp`` (and each such call nested in it, such as the app behind ``predict(..., then=...)``),
  evaluated in the lesson's namespace as the notebook would;
- ``controls(app)`` lists what a learner can operate right now (enabled, not hidden): sliders, menus, radio and
  toggle buttons, check boxes, text boxes, date pickers, closed answer panels and buttons;
- ``draw_action(app, draw)`` picks one of them and one of its own allowed values (from its options, or its
  min, max and step), with ``draw`` the source of randomness (hypothesis or ``random.Random``);
- ``Session.apply`` performs it as the browser would (a button runs its click handlers so that an error is
  raised, not logged; a ``jslink`` is followed) and ``Session.problems()`` lists what is wrong afterwards:
  a live figure without data or title, a NaN in a line, a caption that does not describe its figure, or an
  answer shown before the learner committed to a prediction.
"""

from __future__ import annotations

import ast
import datetime as dt
import html
import inspect
import itertools
import json
import math
import os
import random
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import ipywidgets as widgets
import plotly.graph_objects as go
from ipywidgets.widgets import widget as widget_module
from ipywidgets.widgets.widget_link import Link

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"

#: Texts a learner might type into a box: empty, blank, valid IDs and numbers, words that must trigger the
#: emergency message, numbers out of range, quotes, commas and formulas (a CSV must survive them), other scripts,
#: and a box's worth and more.
TEXTS: tuple[str, ...] = (
    "",
    "   ",
    "student-042",
    "Student-007 ",
    "bad id!",
    "left calf",
    "right hand, thumb",
    "6.5",
    "4",
    "7",
    "0",
    "-1",
    "25",
    "1e9",
    "nan",
    "seven",
    "trouble breathing",
    "choking on food",
    "cannot swallow",
    "sudden weakness of my arm",
    "could not open a jar",
    '=HYPERLINK("x")',
    'a "quoted", comma; text',
    "line one\nline two",
    "épaule, Müdigkeit, 疲劳 🙂",
    "x" * 250,
)
#: The user name a class hub gives (the case lab's ID box starts with it; a learner may change it).
HUB_USER = "student-042"
#: Dates a learner might pick (or clear) in a date picker, around today.
DATE_OFFSETS_DAYS: tuple[int | None, ...] = (0, -1, -30, -400, 1, 365, None)


class Draw(Protocol):
    """A source of random choices: hypothesis (in the tests) or ``random.Random`` (in the soak)."""

    def index(self, n: int) -> int:
        """An integer from 0 to n - 1."""
        ...

    def text(self, suggested: Sequence[str]) -> str:
        """Something typed into a text box (``suggested``: what the box's own placeholder offers, maybe none)."""
        ...


class RandomDraw:
    """``Draw`` from a seeded ``random.Random``: the same seed gives the same sequence."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def index(self, n: int) -> int:
        return self.rng.randrange(n)

    def text(self, suggested: Sequence[str]) -> str:
        roll = self.rng.random()
        if suggested and roll < 0.4:
            return self.rng.choice(list(suggested))
        if roll < 0.85:
            return self.rng.choice(TEXTS)
        alphabet = "abcXYZ 019.,;-_'\"\n\t<>&é疲🙂"
        return "".join(self.rng.choice(alphabet) for _ in range(self.rng.randrange(0, 30)))


# ---------------------------------------------------------------------------
# The widget tree and its controls
# ---------------------------------------------------------------------------
def children_of(widget: widgets.Widget) -> tuple[widgets.Widget, ...]:
    return tuple(getattr(widget, "children", ()) or ())


def hidden(widget: widgets.Widget) -> bool:
    """Whether a widget (and so everything inside it) is not on the page."""
    layout = getattr(widget, "layout", None)
    return isinstance(layout, widgets.Layout) and (layout.display == "none" or layout.visibility == "hidden")


def walk(root: widgets.Widget, *, shown_only: bool = False) -> Iterator[widgets.Widget]:
    """Every widget in the tree under ``root`` (with ``shown_only``: not in a hidden box or a closed panel)."""
    stack = [root]
    while stack:
        widget = stack.pop()
        if shown_only and hidden(widget):
            continue
        yield widget
        children = children_of(widget)
        if shown_only and isinstance(widget, (widgets.Accordion, widgets.Tab)):
            index = widget.selected_index
            children = () if index is None else children[index : index + 1]
        stack.extend(reversed(children))


#: Widgets that show something but take no input (an anywidget's kernel watch answers pings only).
DISPLAY_ONLY: tuple[type, ...] = (
    widgets.HTML,
    widgets.HTMLMath,
    widgets.Label,
    widgets.Image,
    widgets.Output,
    widgets.Valid,
    go.FigureWidget,
)


def kind_of(widget: widgets.Widget) -> str | None:
    """What a learner can do with ``widget``: a kind of control, None (nothing), or "unknown"."""
    if isinstance(widget, widgets.Button):
        return "button"
    if isinstance(widget, widgets.Accordion):
        return "panel"
    if isinstance(widget, (widgets.Box, *DISPLAY_ONLY)):
        return None
    if type(widget).__module__.startswith("helpers.apps.watch"):
        return None
    if isinstance(widget, (widgets.Dropdown, widgets.RadioButtons, widgets.ToggleButtons, widgets.Select)):
        return "choice"
    if isinstance(widget, (widgets.SelectionSlider,)):
        return "choice"
    if isinstance(widget, (widgets.IntSlider, widgets.FloatSlider, widgets.Play, widgets.BoundedIntText)):
        return "range"
    if isinstance(widget, (widgets.BoundedFloatText,)):
        return "range"
    if isinstance(widget, (widgets.Checkbox, widgets.ToggleButton)):
        return "toggle"
    if isinstance(widget, (widgets.Text, widgets.Textarea)):
        return "text"
    if isinstance(widget, widgets.DatePicker):
        return "date"
    return "unknown"


def option_values(widget: widgets.Widget) -> list[Any]:
    """The values a choice control can take (options may be plain values or (label, value) pairs)."""
    return [o[1] if isinstance(o, tuple) else o for o in widget.options]


def range_values(widget: widgets.Widget) -> list[float]:
    """Every value a slider's own min, max and step allow, as a browser computes them (min + k * step)."""
    low, high, step = widget.min, widget.max, widget.step or 1
    count = round((high - low) / step)
    return [low + k * step for k in range(count + 1)]


@dataclass(frozen=True)
class Control:
    """One thing a learner can operate now: the widget, its kind, and a name for messages."""

    widget: widgets.Widget
    kind: str
    name: str


def describe(widget: widgets.Widget) -> str:
    label = getattr(widget, "description", "") or getattr(widget, "placeholder", "") or ""
    return f"{type(widget).__name__}({label[:40]!r})" if label else type(widget).__name__


def controls(root: widgets.Widget) -> list[Control]:
    """What a learner can operate now: enabled controls that are on the page and have another value to take."""
    found = []
    for widget in walk(root, shown_only=True):
        kind = kind_of(widget)
        if kind is None or getattr(widget, "disabled", False):
            continue
        if kind == "choice" and not [v for v in option_values(widget) if v != widget.value]:
            continue
        found.append(Control(widget, kind, describe(widget)))
    return found


def suggestions(widget: widgets.Widget) -> list[str]:
    """What a text box's placeholder offers ("e.g. 6.5", "for example student-042"; "or leave empty": "")."""
    hint = (getattr(widget, "placeholder", "") or "").strip()
    found = []
    for part in (p.strip() for p in hint.split(";")):
        if part.startswith("or leave empty"):
            found.append("")
        for prefix in ("e.g. ", "for example "):
            if part.startswith(prefix):
                found.append(part.removeprefix(prefix))
    return found


@dataclass(frozen=True)
class Action:
    """Set ``control`` to ``value``, or press it (a button, value None)."""

    control: Control
    value: Any = None

    def __repr__(self) -> str:
        if self.control.kind == "button":
            return f"press {self.control.name}"
        return f"set {self.control.name} to {self.value!r}"


def draw_action(root: widgets.Widget, draw: Draw) -> Action | None:
    """One random action on one of the controls a learner can operate now (None: there is none)."""
    found = controls(root)
    if not found:
        return None
    control = found[draw.index(len(found))]
    widget = control.widget
    if control.kind == "button":
        return Action(control)
    if control.kind == "toggle":
        return Action(control, not widget.value)
    if control.kind == "choice":
        values = [v for v in option_values(widget) if v != widget.value]
        return Action(control, values[draw.index(len(values))])
    if control.kind == "range":
        values = [v for v in range_values(widget) if v != widget.value] or [widget.value]
        return Action(control, values[draw.index(len(values))])
    if control.kind == "text":
        return Action(control, draw.text(suggestions(widget)))
    if control.kind == "date":
        offset = DATE_OFFSETS_DAYS[draw.index(len(DATE_OFFSETS_DAYS))]
        return Action(control, None if offset is None else dt.date.today() + dt.timedelta(days=offset))
    if control.kind == "panel":
        values = [None, *range(len(widget.children))]
        values.remove(widget.selected_index)
        return Action(control, values[draw.index(len(values))])
    raise AssertionError(f"no action for a control of kind {control.kind}")


# ---------------------------------------------------------------------------
# One app in use: actions, and what a learner may (not) see after each
# ---------------------------------------------------------------------------
class Session:
    """One app built fresh, the widgets it made, and what the learner has done so far (for the reveal checks)."""

    def __init__(self, build: Callable[[], widgets.Widget]) -> None:
        self.before = set(widget_module._instances)  # ipywidgets' registry of open widgets: to close ours after
        self.app = build()
        #: The widgets the app made when it was built (not its layouts, styles and links: they take no input).
        self.made = [w for key, w in widget_module._instances.items() if key not in self.before]
        self.links = [w for w in self.made if isinstance(w, Link)]
        #: Widgets (by id) whose check button was pressed with a choice made: quizzes, card sorts.
        self.checked: set[int] = set()
        #: Answer panels (by id) the learner has opened.
        self.opened: set[int] = set()
        #: Next-step presses since the last restart, per evaluation walk (by id).
        self.next_presses: dict[int, int] = {}
        self.steps = 0

    def unknown_controls(self) -> list[str]:
        """Widgets the app made that take input of a kind this module cannot operate (a new kind needs a case)."""
        shown = [w for w in self.made if isinstance(w, widgets.DOMWidget)]  # not layouts, styles or links
        return [describe(w) for w in shown if kind_of(w) == "unknown"]

    def close(self) -> None:
        """Close every widget made since the session began (a soak builds thousands; ipywidgets keeps them open)."""
        for key, widget in list(widget_module._instances.items()):
            if key not in self.before:
                widget.close()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- acting ------------------------------------------------------------------------------------------------
    def apply(self, action: Action) -> None:
        """Perform ``action`` as the browser would; an error in any handler is raised."""
        self._note(action)
        widget = action.control.widget
        if action.control.kind == "button":
            for callback in list(widget._click_handlers.callbacks):  # Button.click() would log an error, not raise
                callback(widget)
        elif action.control.kind == "panel":
            widget.selected_index = action.value
        else:
            widget.value = action.value
            self._follow_links(widget)
        self.steps += 1

    def _follow_links(self, widget: widgets.Widget) -> None:
        """A jslink keeps two controls in step in the browser (a Play button and its slider): do the same here."""
        for link in self.links:
            for (a, a_name), (b, b_name) in ((link.source, link.target), (link.target, link.source)):
                if a is widget and a_name == "value" and getattr(b, b_name) != widget.value:
                    setattr(b, b_name, widget.value)

    def _note(self, action: Action) -> None:
        """Record what counts as committing, before the action changes anything."""
        from helpers.apps.quiz import CardSortWidget, ExerciseAnswer, QuizWidget
        from helpers.lookalikes.apps import EvaluationWalk

        widget = action.control.widget
        for node in walk(self.app):
            if isinstance(node, (QuizWidget, CardSortWidget)) and widget is node.check_button:
                if isinstance(node, CardSortWidget) or node.options.value is not None:  # a question needs a choice
                    self.checked.add(id(node))
            elif isinstance(node, ExerciseAnswer) and widget is node and action.value is not None:
                self.opened.add(id(node))
            elif isinstance(node, EvaluationWalk):
                count = self.next_presses.get(id(node), 0)
                if widget is node.next_button:
                    count += 1
                elif widget is node.restart_button or (widget is node.persona and action.value != widget.value):
                    count = 0
                self.next_presses[id(node)] = count

    # -- checking ----------------------------------------------------------------------------------------------
    def problems(self, final: bool = False) -> list[str]:
        """Everything wrong with what the learner sees now (empty: all is well).

        ``final``: also rebuild every app's figure from its view and compare (once per sequence, as it costs a
        redraw per app).
        """
        found: list[str] = []
        checks = CHECKS + FINAL_CHECKS if final else CHECKS
        for node in walk(self.app):
            for check in checks:
                found += check(self, node)
        return found


def figure_problems(_session: Session, node: widgets.Widget) -> list[str]:
    """A live figure has data and a title, and no line has a NaN or a None in its y values.

    A None would be a deliberate gap in a line; no view of the course makes one, so one is reported too.
    """
    if not isinstance(node, go.FigureWidget):
        return []
    found = []
    title = node.layout.title.text
    if not (isinstance(title, str) and title.strip()):
        found.append(f"a live figure has no title (traces: {[t.name for t in node.data]})")
    if not any(trace_has_data(t) for t in node.data) and title not in empty_on_purpose():
        found.append(f"the live figure {title!r} has no trace with data")
    for trace in node.data:
        if trace.type not in ("scatter", "scattergl") or trace.y is None:
            continue
        ys = list(trace.y)
        nans = sum(isinstance(y, float) and math.isnan(y) for y in ys)
        if nans:
            found.append(f"the figure {title!r}: line {trace.name!r} has {nans} NaN y values")
        if any(y is None for y in ys):
            found.append(f"the figure {title!r}: line {trace.name!r} has a gap (None) in its y values")
    return found


@cache
def empty_on_purpose() -> frozenset[str]:
    """Titles of figures that have no data on purpose and say so (an empty symptom diary's timeline)."""
    import pandas as pd

    from helpers.lookalikes.views import describe_diary

    return frozenset({describe_diary(pd.DataFrame())[0]})


#: Properties that hold a trace's data (a trace type has some of them).
DATA_KEYS = ("x", "y", "z", "values", "r", "theta", "lat", "lon", "a", "b", "cells")


def trace_has_data(trace: Any) -> bool:
    for key in DATA_KEYS:
        try:
            value = trace[key]
        except KeyError:  # not a property of this kind of trace
            continue
        if key == "cells" and value is not None:
            value = value.values
        if value is not None and len(value) > 0:
            return True
    return False


def caption_problems(_session: Session, node: widgets.Widget) -> list[str]:
    """A caption (the HTML right after a live figure, or an app's ``caption``) describes that figure."""
    from helpers.views.theme import description_html, figure_description

    pairs = []
    if isinstance(getattr(node, "figure", None), go.FigureWidget) and isinstance(
        getattr(node, "caption", None), widgets.HTML
    ):
        pairs.append((node.figure, node.caption))
    kids = children_of(node)
    pairs += [
        (fig, cap)
        for fig, cap in itertools.pairwise(kids)
        if isinstance(fig, go.FigureWidget) and isinstance(cap, widgets.HTML) and "figure-description" in cap.value
    ]
    found = []
    for fig, cap in pairs:
        try:
            expected = description_html(figure_description(fig))
        except ValueError as err:
            found.append(f"the figure {fig.layout.title.text!r} has no description: {err}")
            continue
        if cap.value != expected:
            found.append(
                f"the caption under {fig.layout.title.text!r} does not match its figure: {plain(cap.value)!r} "
                f"!= {plain(expected)!r}"
            )
    return found


def plain(markup: str) -> str:
    import re

    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def reveal_problems(session: Session, node: widgets.Widget) -> list[str]:
    """Nothing is revealed before the learner has committed: a choice made, and the check button pressed."""
    from helpers.apps.quiz import (
        CORRECT_MARK,
        WRONG_MARK,
        CardSortWidget,
        ExerciseAnswer,
        PredictThenReveal,
        QuizWidget,
    )

    found = []
    if isinstance(node, PredictThenReveal):
        committed = id(node.quiz) in session.checked
        if node.revealed and not committed:
            found.append("a predict-then-reveal panel is shown before a prediction was checked")
        if not node.reveal_button.disabled and not committed:
            found.append("a reveal button works before a prediction was checked")
        if node.revealed and node.hidden.children != (node.content,):
            found.append("a revealed panel does not show its content")
        if not node.revealed and node.hidden.children:
            found.append("an unrevealed panel is not empty")
    elif isinstance(node, QuizWidget):
        if (CORRECT_MARK in node.feedback.value or WRONG_MARK in node.feedback.value) and id(node) not in (
            session.checked
        ):
            found.append("a self-check shows its verdict before an answer was chosen and checked")
    elif isinstance(node, CardSortWidget):
        marked = any(CORRECT_MARK in f.value or WRONG_MARK in f.value for f in node.feedback)
        if (marked or plain(node.summary.value).strip()) and id(node) not in session.checked:
            found.append("a card sort shows feedback before it was checked")
    elif isinstance(node, ExerciseAnswer) and node.body in node.slot.children and id(node) not in session.opened:
        found.append("an exercise's answer is shown before its panel was opened")
    return found


def app_problems(session: Session, node: widgets.Widget) -> list[str]:
    """Apps with their own rules: the diary explorer, the evaluation walk, the look-alikes lab, the case lab."""
    from helpers.fatigue.apps import DiaryExplorerApp
    from helpers.lookalikes.apps import EvaluationWalk, LookalikesLab, walk_html
    from helpers.lookalikes.model import STEP_NAMES

    found = []
    if isinstance(node, DiaryExplorerApp):
        truth_drawn = any("revealed" in (t.name or "") for t in node.figure.data)
        committed = node.judgement.value is not None and node.reveal.value
        if (truth_drawn or plain(node.feedback.value).strip()) and not committed:
            found.append("the diary explorer shows the true strength before a judgement was made and revealed")
        if committed and not truth_drawn:
            found.append("the diary explorer does not draw the true strength after the reveal")
        if node.reveal.value and node.judgement.value is None:
            found.append("the diary explorer's reveal box is ticked with no judgement")
    elif isinstance(node, EvaluationWalk):
        expected = min(session.next_presses.get(id(node), 0), len(STEP_NAMES))
        if node.shown != expected:
            found.append(f"the evaluation walk shows {node.shown} steps after {expected} Next-step presses")
        if node.steps.value != walk_html(node.persona.value, node.shown):
            found.append("the evaluation walk's text is not the steps shown for the chosen person")
    elif isinstance(node, LookalikesLab) and node.first.value == node.second.value:
        # The lab hides the last pair's traces: its caption (what a screen reader reads) must not describe them.
        caption = plain(node.caption.value)
        if "same person" not in caption:
            found.append(f"the look-alikes lab, one person in both menus, has the caption {caption!r}")
    elif type(node).__name__ == "CaseLab":
        found += case_lab_problems(node)
    return found


def case_lab_problems(lab: Any) -> list[str]:
    """Open cases always belong to the ID and mode on screen; assessed mode never shows a mark."""
    from helpers.caselab.model import normalise_id
    from helpers.errors import CourseInputError

    found = []
    if lab.cases is not None:
        if lab.mode.value != lab.opened_mode:
            found.append(f"the case lab shows {lab.opened_mode} cases while the mode says {lab.mode.value}")
        try:
            typed = normalise_id(lab.id_box.value)
        except CourseInputError:
            typed = None
        if typed != lab.cases.student_id:
            found.append(f"the case lab shows the cases of {lab.cases.student_id!r} while the ID box says {typed!r}")
        if not lab.practice and "Score" in lab.feedback.value:
            found.append("the case lab shows a score in assessed mode")
    elif lab.questions.layout.display != "none" or not lab.action.disabled:
        found.append("the case lab's questions are open with no cases open")
    return found


def comparable(fig: go.Figure) -> dict[str, Any]:
    """A figure as plotly JSON, without what the browser and the widget add (template, trace uids)."""
    import json

    import plotly.io as pio

    out = json.loads(pio.to_json(fig, validate=False))
    out["layout"].pop("template", None)
    for trace in out["data"]:
        trace.pop("uid", None)
    return out


def view_problems(_session: Session, node: widgets.Widget) -> list[str]:
    """A FigureApp's live figure is exactly what its view builds now (replace_figure sends only the changes).

    The one exception by design: the look-alikes lab with one person in both menus hides its last pair and
    says so (its own check, app_problems, holds that state to its caption).
    """
    from helpers.apps.base import FigureApp
    from helpers.lookalikes.apps import LookalikesLab

    if not isinstance(node, FigureApp):
        return []
    if isinstance(node, LookalikesLab) and node.first.value == node.second.value:
        return []
    shown, built = comparable(node.figure), comparable(node.view())
    if shown == built:
        return []
    keys = sorted(
        k for k in shown["layout"].keys() | built["layout"].keys() if shown["layout"].get(k) != built["layout"].get(k)
    )
    return [f"the live figure {node.figure.layout.title.text!r} differs from its view (layout keys {keys})"]


CHECKS: tuple[Callable[[Session, widgets.Widget], list[str]], ...] = (
    figure_problems,
    caption_problems,
    reveal_problems,
    app_problems,
)


#: Checks run once, at the end of a sequence.
FINAL_CHECKS: tuple[Callable[[Session, widgets.Widget], list[str]], ...] = (view_problems,)


# ---------------------------------------------------------------------------
# The apps the notebooks build
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class AppCase:
    """One app as a notebook builds it: the lesson package whose names it uses, and the call."""

    notebook: str
    package: str
    source: str
    #: "self-check" (a question or card sort), "prediction" (predict-then-reveal) or "app" (controls, figures).
    kind: str = "app"

    @property
    def name(self) -> str:
        return f"{self.notebook}: {self.source}"

    def build(self) -> widgets.Widget:
        return eval(self.source, namespace(self.package))  # the notebook's own call, in the lesson's names


@cache
def namespace(package: str) -> dict[str, Any]:
    """The names a notebook has after ``from <package> import *``."""
    found: dict[str, Any] = {}
    exec(f"from {package} import *", found)
    return found


def returned_classes(function: Any) -> tuple[type, ...]:
    """The classes calling ``function`` (a class, function or bound method) gives, read from its return type."""
    from helpers.apps import quiz as quiz_module

    if isinstance(function, type):
        return (function,)
    if not callable(function):
        return ()
    annotation = inspect.signature(function).return_annotation
    if not isinstance(annotation, str):
        return (annotation,) if isinstance(annotation, type) else ()
    names = {**vars(quiz_module), **getattr(getattr(function, "__func__", function), "__globals__", {})}
    found = []
    for part in annotation.split("|"):
        try:
            resolved = eval(part.strip(), names)
        except NameError:
            continue
        if isinstance(resolved, type):
            found.append(resolved)
    return tuple(found)


def app_kind(classes: tuple[type, ...]) -> str | None:
    """What a call giving one of ``classes`` builds: a self-check, a prediction, an app, or None (not an app)."""
    from helpers.apps.base import CourseApp
    from helpers.apps.quiz import CardSortWidget, PredictThenReveal, QuizWidget

    apps = [c for c in classes if issubclass(c, CourseApp)]
    if not apps:
        return None
    if any(issubclass(c, PredictThenReveal) for c in apps):
        return "prediction"
    if all(issubclass(c, (QuizWidget, CardSortWidget)) for c in apps):
        return "self-check"
    return "app"


def _calls(cell: ast.Call) -> Iterator[ast.Call]:
    """The cell's call and every call among its arguments (``predict(..., then=grip_lab())`` has two apps)."""
    yield cell
    for argument in [*cell.args, *(k.value for k in cell.keywords)]:
        if isinstance(argument, ast.Call):
            yield from _calls(argument)


@cache
def notebook_apps() -> tuple[AppCase, ...]:
    """Every app the notebooks build: one per cell that is a single call giving a CourseApp, and each nested one.

    A cell counts when it is one expression whose names all come from the lesson's ``import *`` (the exercises'
    ``answer(...)`` cells need tables computed by the cells before them, so they are not among these).
    """
    found: list[AppCase] = []
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        package = None
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] != "code":
                continue
            tree = ast.parse("".join(cell["source"]))
            for statement in tree.body:
                if not isinstance(statement, ast.ImportFrom) or not (statement.module or "").startswith("helpers."):
                    continue
                if any(a.name == "*" for a in statement.names):
                    package = statement.module
            if package is None or len(tree.body) != 1 or not isinstance(tree.body[0], ast.Expr):
                continue
            call = tree.body[0].value
            names = namespace(package)
            if not isinstance(call, ast.Call) or any(
                isinstance(n, ast.Name) and n.id not in names for n in ast.walk(call)
            ):
                continue
            for inner in _calls(call):
                kind = app_kind(returned_classes(eval(ast.unparse(inner.func), names)))
                case = AppCase(path.stem, package, ast.unparse(inner), kind or "")
                if kind is not None and case not in found:
                    found.append(case)
    return tuple(found)


#: Widgets the notebooks build in cells that depend on earlier cells' tables: one representative each.
EXTRA_APPS: tuple[AppCase, ...] = (
    AppCase(
        "exercises (representative)",
        "helpers.twitching",
        'answer(base_rate_figure("Develop ALS in their lifetime"), base_rates(100_000).table(), '
        '"Counts for a town, not a risk for one person.")',
    ),
)


def all_apps() -> tuple[AppCase, ...]:
    return notebook_apps() + EXTRA_APPS


# ---------------------------------------------------------------------------
# A sequence, as the soak runs it
# ---------------------------------------------------------------------------
@dataclass
class SequenceResult:
    steps: int = 0
    failure: str | None = None
    actions: list[str] = field(default_factory=list)


def run_sequence(case: AppCase, draw: Draw, max_steps: int) -> SequenceResult:
    """Build the app, then up to ``max_steps`` random actions (at least one), checking after each."""
    result = SequenceResult()
    try:
        with Session(case.build) as session:
            found = session.problems()
            if found:
                result.failure = f"after building: {found[0]}"
                return result
            for _ in range(1 + draw.index(max_steps)):
                action = draw_action(session.app, draw)
                if action is None:
                    break
                result.actions.append(repr(action))
                session.apply(action)
                result.steps += 1
                found = session.problems()
                if found:
                    result.failure = found[0]
                    break
            if not result.failure:
                found = session.problems(final=True)
                if found:
                    result.failure = f"at the end: {found[0]}"
    except Exception as err:  # noqa: BLE001 - any error is the finding, reported with the actions that led to it
        result.failure = f"{type(err).__name__}: {err}"
    return result


@contextmanager
def scratch_folder() -> Iterator[Path]:
    """A fresh, empty working folder for apps that write files (the diary, the case lab's hand-in file).

    The current folder and the course's folder variables point into it, and the JupyterHub user name is set
    as on a class hub (the case lab's ID box starts with it); all are restored afterwards.
    """
    import tempfile

    from helpers.caselab.marking import FOLDER_VARIABLE
    from helpers.diary_store import DIARY_ENV

    saved_env = {k: os.environ.get(k) for k in (DIARY_ENV, FOLDER_VARIABLE, "JUPYTERHUB_USER")}
    saved_cwd = Path.cwd()
    with tempfile.TemporaryDirectory(prefix="random-use-") as folder:
        try:
            os.chdir(folder)
            os.environ[DIARY_ENV] = str(Path(folder) / "diary")
            os.environ.pop(FOLDER_VARIABLE, None)
            os.environ["JUPYTERHUB_USER"] = HUB_USER
            yield Path(folder)
        finally:
            os.chdir(saved_cwd)
            for key, value in saved_env.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
