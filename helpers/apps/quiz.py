"""Self-check, card-sort and predict-then-reveal widgets built on ``helpers.quiz``.

Predict-then-reveal: the learner commits to an answer before the reveal button
works, because a prediction made first turns the reveal into feedback rather
than into one more thing to look at.
"""

from __future__ import annotations

import html
import re

import ipywidgets as widgets

from helpers.apps.base import FALLBACK_PREFIX, CourseApp, no_redraw
from helpers.apps.watch import KernelWatch
from helpers.quiz import CardSort, Question, SortVerdict, check_answer, check_sort

CORRECT_MARK = "Correct."
WRONG_MARK = "Not quite."


#: Quiz options are long sentences: let them wrap beside their radio button instead of running over
#: the next option (ipywidgets gives each option a fixed one-line height). ipywidgets puts the radio button
#: after the option's text (a float that a flex label ignores): ``order:-1`` brings it back in front.
QUIZ_CSS = (
    "<style>.course-app .widget-radio-box label{height:auto;min-height:var(--jp-widgets-inline-height);"
    "line-height:1.35;white-space:normal;display:flex;align-items:flex-start;gap:0.45em;margin:0.25em 0}"
    ".course-app .widget-radio-box input{flex:none;margin-top:0.25em;order:-1}"
    ".course-app .widget-radio{width:100%;max-width:820px}</style>"
)


def inline_markdown(text: str) -> str:
    """Escaped text with **bold** and *emphasis* shown as such (never as raw asterisks)."""
    escaped = html.escape(text)
    escaped = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", escaped)
    return re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<em>\1</em>", escaped)


def shortened(text: str, limit: int) -> str:
    """``text`` cut at the last whole word within ``limit`` characters, with "…" when it was cut."""
    words = " ".join(text.split())
    if len(words) <= limit:
        return words
    return words[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def plain(text: str) -> str:
    """Text for a place that cannot show emphasis (a radio option): the asterisks removed."""
    return re.sub(r"\*{1,2}(.+?)\*{1,2}", r"\1", text)


def feedback_html(correct: bool | None, text: str) -> str:
    """Feedback for a checked answer: a mark (Correct. / Not quite.) and the explanation, read out by screen readers."""
    if correct is None:
        colour, mark = "#555", ""
    elif correct:
        colour, mark = "#00664d", f"<strong>{CORRECT_MARK}</strong> "
        # "Correct. Yes. ..." says the same thing twice: the mark stands for the feedback's own "Yes".
        text = re.sub(r"^\s*Yes[.:,]\s*", "", text)
        text = text[:1].upper() + text[1:]
    else:
        colour, mark = "#a33c00", f"<strong>{WRONG_MARK}</strong> "
    return (
        f"<div role='status' class='quiz-feedback' style='color:{colour};font-size:1em;margin:0.3em "
        f"0'>{mark}{inline_markdown(text)}</div>"
    )


#: Classes the browser tests use to answer predictions as a learner would (tools/lab.py reveal_predictions).
PREDICT_CLASS, HIDDEN_PANEL_CLASS, REVEAL_BUTTON_CLASS = "course-predict", "course-hidden-panel", "course-reveal"
CHECK_BUTTON_CLASS = "course-check"


class QuizWidget(CourseApp):
    """One question: options, a check button, and feedback for the chosen answer."""

    def __init__(self, question: Question, title: str = "Self-check") -> None:
        self.question = question
        self.options = no_redraw(
            widgets.RadioButtons(
                options=[(plain(c.text), i) for i, c in enumerate(question.choices)],
                value=None,
                layout=widgets.Layout(width="100%"),
            )
        )
        self.check_button = widgets.Button(
            description="Check my answer", button_style="primary", layout=widgets.Layout(width="180px")
        )
        self.feedback = widgets.HTML(value=feedback_html(None, ""))
        self.answered_correctly: bool | None = None
        self.check_button.add_class(CHECK_BUTTON_CLASS)
        self.check_button.on_click(lambda _b: self.check())
        prompt = widgets.HTML(
            value=(
                f"{QUIZ_CSS}<div style='font-size:1.05em'><strong>{html.escape(title)}:</strong> "
                f"{inline_markdown(question.prompt)}</div>"
            )
        )
        super().__init__(
            f"{title}: {shortened(question.prompt, 40)}", [prompt, self.options, self.check_button, self.feedback]
        )

    def check(self) -> None:
        """Show feedback for the selected choice (or ask for a choice)."""
        verdict = check_answer(self.question, self.options.value)
        if self.options.value is None:
            self.feedback.value = feedback_html(None, verdict.feedback)
            return
        self.answered_correctly = verdict.correct
        self.feedback.value = feedback_html(verdict.correct, verdict.feedback)


def quiz(question: Question, title: str = "Self-check") -> QuizWidget:
    """A self-check question widget."""
    return QuizWidget(question, title)


#: Class of a card-sort app (its CSS below is scoped to it).
SORT_CLASS = "course-sort"

#: A card sort: each card's text (the choices' description) on its own line above its categories, which sit
#: side by side and wrap to the next line on a narrow screen. Used with QUIZ_CSS, whose rules keep a wrapped
#: option beside its radio button.
SORT_CSS = (
    "<style>.course-sort .widget-radio{display:flex;flex-direction:column;align-items:stretch;height:auto}"
    ".course-sort .widget-radio>.widget-label{width:auto;max-width:100%;height:auto;white-space:normal;"
    "overflow:visible;text-overflow:clip;text-align:left;line-height:1.35;font-weight:600;font-size:1em;"
    "margin:0.7em 0 0.15em 0}"
    ".course-sort .widget-radio-box-horizontal{flex-wrap:wrap;column-gap:1.4em;margin-bottom:0!important}"
    ".course-sort .widget-html-content{line-height:1.35}"
    ".course-sort .quiz-feedback:empty{display:none}</style>"
)


def sort_summary_html(verdict: SortVerdict | None) -> str:
    """The sort's count after checking ("4 of 6 placed as the sources would."), read out by screen readers."""
    if verdict is None:
        return "<div role='status' class='quiz-feedback sort-summary'></div>"
    colour = "#00664d" if verdict.all_correct else "#222"
    return (
        f"<div role='status' class='quiz-feedback sort-summary' style='color:{colour};font-size:1.05em;"
        f"margin:0.4em 0'><strong>{html.escape(verdict.summary)}</strong></div>"
    )


class CardSortWidget(CourseApp):
    """A card sort: each card with its category choices, one check button, feedback per card and a count."""

    def __init__(self, sort: CardSort, title: str = "Sort the cards") -> None:
        self.sort = sort
        #: One set of category choices per card, in card order. Each one's description is the card's text,
        #: shown above the choices, so the group of choices carries the card's words.
        self.choices = tuple(
            no_redraw(
                widgets.RadioButtons(
                    options=[(plain(category), category) for category in sort.categories],
                    value=None,
                    orientation="horizontal",
                    description=f"{i}. {plain(card.text)}",
                    layout=widgets.Layout(width="100%"),
                )
            )
            for i, card in enumerate(sort.cards, start=1)
        )
        #: One feedback line per card, under its choices (empty until checked).
        self.feedback = tuple(widgets.HTML(value=feedback_html(None, "")) for _ in sort.cards)
        self.check_button = widgets.Button(
            description="Check my sort", button_style="primary", layout=widgets.Layout(width="180px")
        )
        self.check_button.add_class(CHECK_BUTTON_CLASS)
        self.check_button.on_click(lambda _b: self.check())
        self.summary = widgets.HTML(value=sort_summary_html(None))
        self.verdict: SortVerdict | None = None
        prompt = widgets.HTML(
            value=(
                f"{QUIZ_CSS}{SORT_CSS}<div style='font-size:1.05em'><strong>{html.escape(title)}:</strong> "
                f"{inline_markdown(sort.prompt)}</div>"
            )
        )
        cards = []
        for choices, feedback in zip(self.choices, self.feedback, strict=True):
            card = widgets.VBox([choices, feedback], layout=widgets.Layout(width="100%"))
            card.add_class("course-sort-card")
            cards.append(card)
        super().__init__(f"{title}: {shortened(sort.prompt, 40)}", [prompt, *cards, self.check_button, self.summary])
        self.add_class(SORT_CLASS)

    @property
    def placements(self) -> tuple[str | None, ...]:
        """The category chosen for each card (None where none is chosen yet), in card order."""
        return tuple(choices.value for choices in self.choices)

    def check(self) -> SortVerdict:
        """Show feedback under every card and the count of cards placed as the sources would."""
        verdict = check_sort(self.sort, self.placements)
        for line, result in zip(self.feedback, verdict.results, strict=True):
            line.value = feedback_html(result.correct, result.feedback)
        self.summary.value = sort_summary_html(verdict)
        self.verdict = verdict
        return verdict


def card_sort(sort: CardSort, title: str = "Sort the cards") -> CardSortWidget:
    """A card-sort self-check widget."""
    return CardSortWidget(sort, title)


class PredictThenReveal(CourseApp):
    """A prediction question whose answer unlocks a hidden panel (a figure, a table, a story)."""

    def __init__(
        self, question: Question, hidden: object, reveal_label: str = "Reveal", title: str = "Predict"
    ) -> None:
        self.quiz = QuizWidget(question, title=title)
        # The panel is an empty box until the reveal, never a box hidden with display:none: a live figure drawn
        # inside a hidden box comes out blank (no data, default axes) and does not recover, and the browser may
        # apply a layout change after it has drawn the box's new children, so "show, then fill" is not enough.
        self.content = _as_widget(hidden)  # a widget, a figure, a table or a course page such as care_levels()
        self.hidden = widgets.VBox([])
        self.hidden.add_class(HIDDEN_PANEL_CLASS)
        self.reveal_button = widgets.Button(
            description=reveal_label, disabled=True, layout=widgets.Layout(width="220px")
        )
        self.reveal_button.add_class(REVEAL_BUTTON_CLASS)
        self.reveal_button.tooltip = "Check your prediction first"
        self.quiz.check_button.on_click(lambda _b: self._unlock())
        self.reveal_button.on_click(lambda _b: self.reveal())
        super().__init__(
            f"Predict, then reveal: {shortened(question.prompt, 40)}", [self.quiz, self.reveal_button, self.hidden]
        )
        self.add_class(PREDICT_CLASS)

    def _unlock(self) -> None:
        if self.quiz.answered_correctly is not None:
            self.reveal_button.disabled = False
            self.reveal_button.tooltip = ""

    @property
    def revealed(self) -> bool:
        """Whether the hidden panel is on the page."""
        return bool(self.hidden.children)

    def reveal(self) -> None:
        """Show the hidden panel (only once a prediction has been checked)."""
        if self.reveal_button.disabled:
            return
        self.hidden.children = (self.content,)
        self.reveal_button.description = "Shown below"
        self.reveal_button.disabled = True  # a second press would do nothing: say so
        self.reveal_button.tooltip = "The answer is shown below"


def predict_then_reveal(
    question: Question, hidden: object, reveal_label: str = "Reveal", title: str = "Predict"
) -> PredictThenReveal:
    """A predict-then-reveal app: answer ``question``, then ``hidden`` can be shown."""
    return PredictThenReveal(question, hidden, reveal_label, title)


ANSWER_TITLE = "Show the result of this answer"


def _as_widget(result: object) -> widgets.Widget:
    """A result shown inside a widget: a table, a live figure with its description, or text."""
    import pandas as pd
    import plotly.graph_objects as go

    from helpers.apps.base import caption, live_figure
    from helpers.views.theme import figure_description

    if isinstance(result, widgets.Widget):
        return result
    if isinstance(result, (pd.DataFrame, pd.Series)):
        from helpers.notebook import table_html

        return widgets.HTML(table_html(result))
    if isinstance(result, go.Figure):
        parts: list[widgets.Widget] = [live_figure(result)]
        if isinstance(result.layout.meta, dict) and result.layout.meta.get("description"):
            parts.append(caption(figure_description(result)))
        return widgets.VBox(parts)
    if isinstance(result, str) and "\n" in result.strip():  # a printed page (e.g. a diary summary): keep its lines
        return widgets.HTML(f"<pre style='white-space:pre-wrap;margin:0.3em 0'>{html.escape(result)}</pre>")
    if isinstance(result, str):
        return widgets.HTML(f"<p style='margin:0.3em 0'>{html.escape(result)}</p>")
    rich = getattr(result, "_repr_html_", None)
    if callable(rich):  # a course page such as care_levels(): shown as it is in a cell
        return widgets.HTML(str(rich()))
    return widgets.HTML(f"<pre>{html.escape(repr(result))}</pre>")


class ExerciseAnswer(widgets.Accordion):
    """The result of an exercise's answer cell, closed until the learner opens it.

    Why a closed panel: JupyterLab shows a cell's output again whenever the cell
    runs, so after Run All a plain result would sit open on the screen (and on a
    projector). Inside this panel it stays closed, even after Run All, until
    someone clicks it.
    """

    def __init__(self, *results: object) -> None:
        # An app box (with its kernel watch), put into the panel only when the panel first opens: a live figure
        # drawn inside a closed panel comes out blank and does not recover.
        self.body = CourseApp("the answer's result", [_as_widget(r) for r in results])
        # The panel's own watcher makes its header a keyboard button (helpers/apps/watch.py).
        self.watch = KernelWatch()
        self.slot = widgets.VBox([self.watch])
        super().__init__(children=[self.slot], selected_index=None, titles=(ANSWER_TITLE,))
        self.add_class("course-answer")
        self.observe(self._fill, names="selected_index")

    def _fill(self, change: dict[str, object]) -> None:
        if change["new"] is not None and self.body not in self.slot.children:
            self.slot.children = (self.watch, self.body)

    def __repr__(self) -> str:
        return f"{FALLBACK_PREFIX} the answer's result, closed. Run this cell in JupyterLab to see it.]"


def answer(*results: object) -> ExerciseAnswer:
    """End an exercise's answer cell with this: its results stay closed until the learner opens them."""
    return ExerciseAnswer(*results)
