"""Self-check and predict-then-reveal widgets built on ``helpers.quiz``.

Predict-then-reveal: the learner commits to an answer before the reveal button
works, because a prediction made first turns the reveal into feedback rather
than into one more thing to look at.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from helpers.apps.base import CourseApp, no_redraw
from helpers.quiz import Question, check_answer

CORRECT_MARK = "Correct."
WRONG_MARK = "Not quite."


def feedback_html(correct: bool | None, text: str) -> str:
    """Feedback for a checked answer: a mark (Correct. / Not quite.) and the explanation, read out by screen readers."""
    if correct is None:
        colour, mark = "#555", ""
    elif correct:
        colour, mark = "#00664d", f"<strong>{CORRECT_MARK}</strong> "
    else:
        colour, mark = "#a33c00", f"<strong>{WRONG_MARK}</strong> "
    return (
        f"<div role='status' class='quiz-feedback' style='color:{colour};font-size:1em;margin:0.3em "
        f"0'>{mark}{html.escape(text)}</div>"
    )


class QuizWidget(CourseApp):
    """One question: options, a check button, and feedback for the chosen answer."""

    def __init__(self, question: Question, title: str = "Self-check") -> None:
        self.question = question
        self.options = no_redraw(
            widgets.RadioButtons(
                options=[(c.text, i) for i, c in enumerate(question.choices)],
                value=None,
                layout=widgets.Layout(width="auto"),
            )
        )
        self.check_button = widgets.Button(
            description="Check my answer", button_style="primary", layout=widgets.Layout(width="180px")
        )
        self.feedback = widgets.HTML(value=feedback_html(None, ""))
        self.answered_correctly: bool | None = None
        self.check_button.on_click(lambda _b: self.check())
        prompt = widgets.HTML(
            value=(
                f"<div style='font-size:1.05em'><strong>{html.escape(title)}:</strong> "
                f"{html.escape(question.prompt)}</div>"
            )
        )
        super().__init__(
            f"{title}: {question.prompt[:35]}...", [prompt, self.options, self.check_button, self.feedback]
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


class PredictThenReveal(CourseApp):
    """A prediction question whose answer unlocks a hidden panel (a figure, a table, a story)."""

    def __init__(self, question: Question, hidden: widgets.Widget, reveal_label: str = "Reveal") -> None:
        self.quiz = QuizWidget(question, title="Predict")
        # A box of our own: a FigureWidget's .layout is its plotly layout, not a widget layout.
        self.hidden = widgets.VBox([hidden], layout=widgets.Layout(display="none"))
        self.reveal_button = widgets.Button(
            description=reveal_label, disabled=True, layout=widgets.Layout(width="220px")
        )
        self.reveal_button.tooltip = "Check your prediction first"
        self.quiz.check_button.on_click(lambda _b: self._unlock())
        self.reveal_button.on_click(lambda _b: self.reveal())
        super().__init__(f"Predict, then reveal: {question.prompt[:40]}", [self.quiz, self.reveal_button, self.hidden])

    def _unlock(self) -> None:
        if self.quiz.answered_correctly is not None:
            self.reveal_button.disabled = False
            self.reveal_button.tooltip = ""

    def reveal(self) -> None:
        """Show the hidden panel (only once a prediction has been checked)."""
        if self.reveal_button.disabled:
            return
        self.hidden.layout.display = None


def predict_then_reveal(question: Question, hidden: widgets.Widget, reveal_label: str = "Reveal") -> PredictThenReveal:
    """A predict-then-reveal app: answer ``question``, then ``hidden`` can be shown."""
    return PredictThenReveal(question, hidden, reveal_label)
