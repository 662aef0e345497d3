"""Lesson 05's app: the case lab (an ID, a mode, six cases to explore and answer).

Practice mode gives feedback at once, on a practice set that differs from the student's assessed set,
so that feedback never gives away an assessed answer. Assessed mode shows no feedback at all: it
saves every answer to the hand-in file at once (and reloads it when the lab is opened again, so a
kernel restart loses nothing).
"""

from __future__ import annotations

import html
import os
from pathlib import Path

import ipywidgets as widgets

from helpers.apps.base import (
    CONTROL_LAYOUT,
    LABEL_STYLE,
    CourseApp,
    caption,
    heading,
    live_figure,
    no_redraw,
    replace_figure,
    set_caption,
)
from helpers.apps.quiz import QUIZ_CSS
from helpers.caselab.marking import (
    Answer,
    AnswerFileProblem,
    answer_file_name,
    answers_folder,
    check_answer,
    mark_case,
    read_answer_file,
    save_answers,
)
from helpers.caselab.model import (
    CARE_OPTIONS,
    CASES_PER_SET,
    MARKS_PER_CASE,
    OBSERVATIONS,
    PATTERN_KEYS,
    PATTERNS,
    CaseSet,
    case_data,
    case_set,
    normalise_id,
)
from helpers.caselab.views import (
    VIEW_KEYS,
    VIEWS,
    care_feedback,
    case_figure,
    feedback_list_html,
    observation_feedback,
    pattern_feedback,
    placeholder_figure,
    record_html,
)
from helpers.errors import CourseInputError
from helpers.views.theme import figure_description

MODES: dict[str, str] = {
    "practice": "Practice (feedback at once, practice cases)",
    "assessed": "Assessed (no feedback, answers saved to hand in)",
}
#: Classes the browser test uses to find the lab's parts.
FEEDBACK_CLASS, STATUS_CLASS, SAVE_CLASS = "caselab-feedback", "caselab-status", "caselab-save"
#: Observation check boxes carry a sentence each: let it wrap beside its box instead of being cut off.
CHECKBOX_CSS = (
    "<style>.course-app .widget-checkbox{height:auto;width:100%;max-width:820px}"
    ".course-app .widget-checkbox label{white-space:normal;height:auto;line-height:1.35;align-items:flex-start}"
    ".course-app .widget-checkbox input{flex:none;margin-top:0.3em}</style>"
)
INCOMPLETE = "Choose a pattern, tick exactly two observations, and choose how soon, then press the button again."


def _where(path: Path) -> str:
    """ "case-lab-x.json (in this notebook's folder)", or the full path when it is elsewhere."""
    name = f"<code>{html.escape(path.name)}</code>"
    if path.parent.resolve() == Path.cwd().resolve():
        return f"{name} (in this notebook's folder)"
    return f"{name} (in {html.escape(str(path.parent))})"


def _message(text: str, colour: str = "#1a1a1a") -> str:
    return f"<div role='status' style='color:{colour};margin:0.3em 0;line-height:1.35'>{text}</div>"


class CaseLab(CourseApp):
    """Type an ID, choose a mode, open the cases; explore each one, answer three questions."""

    def __init__(self, student_id: str = "", mode: str = "practice") -> None:
        self.id_box = no_redraw(
            widgets.Text(
                value=student_id,
                description="Your student ID",
                placeholder="for example student-042",
                layout=widgets.Layout(**CONTROL_LAYOUT),
                style=LABEL_STYLE,
            )
        )
        self.mode = no_redraw(
            widgets.RadioButtons(
                options=[(label, key) for key, label in MODES.items()],
                value=mode,
                description="Mode",
                layout=widgets.Layout(width="auto"),
                style=LABEL_STYLE,
            )
        )
        self.open_button = no_redraw(widgets.Button(description="Open my cases", button_style="primary"))
        self.status = widgets.HTML()
        self.status.add_class(STATUS_CLASS)
        self.case_picker = widgets.Dropdown(
            options=[("Case 1", 1)],
            value=1,
            description="Case",
            layout=widgets.Layout(**CONTROL_LAYOUT),
            style=LABEL_STYLE,
            disabled=True,
        )
        self.view_picker = widgets.Dropdown(
            options=[(label, key) for key, label in VIEWS.items()],
            value=VIEW_KEYS[0],
            description="Look at",
            layout=widgets.Layout(**CONTROL_LAYOUT),
            style=LABEL_STYLE,
            disabled=True,
        )
        self.record = widgets.HTML()
        fig = placeholder_figure()
        self.figure = live_figure(fig)
        self.caption = caption(figure_description(fig))
        self.pattern = no_redraw(widgets.RadioButtons(options=[], value=None, layout=widgets.Layout(width="auto")))
        self.observation_boxes = widgets.VBox([])
        self.care = no_redraw(
            widgets.RadioButtons(
                options=[(text, key) for key, text in CARE_OPTIONS.items()],
                value=None,
                layout=widgets.Layout(width="auto"),
            )
        )
        self.action = no_redraw(widgets.Button(description="Check my answer", button_style="primary", disabled=True))
        self.action.add_class(SAVE_CLASS)
        self.feedback = widgets.HTML()
        self.feedback.add_class(FEEDBACK_CLASS)
        self.progress = widgets.HTML()
        self.cases: CaseSet | None = None
        self.opened_mode = ""
        self._relabelling = False
        self.answers: dict[int, Answer] = {}
        self.questions = widgets.VBox(
            [
                widgets.HTML(QUIZ_CSS + CHECKBOX_CSS + "<strong>1. Which pattern do the data show?</strong>"),
                self.pattern,
                widgets.HTML("<strong>2. Which two observations in the data support it?</strong> Tick exactly two."),
                self.observation_boxes,
                widgets.HTML(
                    "<strong>3. How soon should this person get care?</strong> For a case where a treatment "
                    "began, think of the time before it."
                ),
                self.care,
                self.action,
                self.feedback,
                self.progress,
            ],
            layout=widgets.Layout(display="none"),
        )
        self.open_button.on_click(lambda _b: self.open_cases())
        self.mode.observe(lambda _c: self._changed("mode"), names="value")
        self.id_box.observe(lambda _c: self._changed("ID"), names="value")
        self.case_picker.observe(lambda _c: self.show_case(), names="value")
        self.view_picker.observe(lambda _c: self.redraw(), names="value")
        self.action.on_click(lambda _b: self.submit())
        children = [
            heading("Type your ID once, choose a mode, and open your cases."),
            self.id_box,
            self.mode,
            self.open_button,
            self.status,
            self.case_picker,
            self.record,
            self.view_picker,
            self.figure,
            self.caption,
            self.questions,
        ]
        super().__init__("Case lab", children)

    # -- opening ---------------------------------------------------------------
    @property
    def practice(self) -> bool:
        """The mode the open cases were opened in (not the mode button's value, which may have changed since)."""
        return self.opened_mode == "practice"

    def close_cases(self, why: str) -> None:
        """Put away the open cases: a changed mode or ID must never check or save against the old set."""
        self.cases, self.opened_mode, self.answers = None, "", {}
        self.case_picker.disabled = self.view_picker.disabled = self.action.disabled = True
        self.questions.layout.display = "none"
        self.record.value = self.feedback.value = self.progress.value = ""
        self.status.value = _message(why)
        fig = placeholder_figure()
        replace_figure(self.figure, fig)
        set_caption(self.caption, figure_description(fig))

    def open_cases(self) -> None:
        """Load the student's set for the chosen mode; a bad ID gets a message, never a crash."""
        mode = self.mode.value
        try:
            cases = case_set(self.id_box.value, practice=mode == "practice")
        except CourseInputError as exc:
            typed = html.escape(repr(exc.got)) if exc.got else "nothing"
            self.close_cases("")
            self.status.value = _message(
                f"That ID cannot be used. You typed {typed}. An ID has {html.escape(exc.allowed)}; spaces are not "
                f"allowed. {html.escape(exc.fix[:1].upper() + exc.fix[1:])}.",
                "#a33c00",
            )
            return
        self.cases, self.opened_mode = cases, mode
        self.answers = {}
        note = ""
        if not self.practice:
            note = self._load_saved(cases)
        self.action.description = "Check my answer" if self.practice else "Save this answer"
        what = "practice cases: you get feedback at once" if self.practice else "assessed cases: no feedback"
        self.status.value = _message(
            f"Opened {CASES_PER_SET} {what}, for <strong>{html.escape(cases.student_id)}</strong>. {note}"
        )
        self._relabelling = True  # one redraw below, not one for each change
        try:
            self.case_picker.options = [(self._case_label(c.number), c.number) for c in cases.cases]
            self.case_picker.value = 1
            self.view_picker.value = VIEW_KEYS[0]
        finally:
            self._relabelling = False
        self.case_picker.disabled = self.view_picker.disabled = self.action.disabled = False
        self.questions.layout.display = None
        self.show_case()

    def _changed(self, what: str) -> None:
        if self.cases is not None:
            self.close_cases(f"You changed the {what}. Press <strong>Open my cases</strong> to open the cases for it.")

    def _load_saved(self, cases: CaseSet) -> str:
        path = answers_folder() / answer_file_name(cases.student_id)
        if not path.exists():
            return f"Your answers will be saved to {_where(path)}."
        try:
            saved = read_answer_file(path)
        except AnswerFileProblem as problem:
            return (
                f"<span style='color:#a33c00'>Your saved file could not be read ({html.escape(str(problem))}). Do not "
                "save an answer yet: saving would replace that file. Ask your teacher first.</span>"
            )
        self.answers = dict(saved.answers)
        return f"Loaded {len(self.answers)} saved answers from {_where(path)}."

    def _case_label(self, number: int) -> str:
        return f"Case {number}" + (" (answered)" if number in self.answers else "")

    # -- one case --------------------------------------------------------------
    def show_case(self) -> None:
        if self.cases is None or self._relabelling:
            return
        case = self.cases.case(self.case_picker.value)
        self.record.value = record_html(case)
        self.pattern.options = [(PATTERNS[k].name, k) for k in PATTERN_KEYS]
        self.care.options = [(text, key) for key, text in CARE_OPTIONS.items()]
        boxes = [
            no_redraw(
                widgets.Checkbox(
                    value=False, description=OBSERVATIONS[k].text, indent=False, layout=widgets.Layout(width="auto")
                )
            )
            for k in case.options
        ]
        self.observation_boxes.children = boxes
        saved = self.answers.get(case.number)
        self.pattern.value = saved.pattern if saved else None
        self.care.value = saved.care if saved else None
        for key, box in zip(case.options, boxes, strict=True):
            box.value = bool(saved and key in saved.observations)
        self.feedback.value = ""
        self.redraw()
        self._show_progress()

    def redraw(self) -> None:
        if self.cases is None or self._relabelling:
            return
        data = case_data(self.cases.student_id, self.case_picker.value, self.practice)
        fig = case_figure(data, self.view_picker.value)
        replace_figure(self.figure, fig)
        set_caption(self.caption, figure_description(fig))

    def current_answer(self) -> Answer | None:
        if self.cases is None:
            return None
        case = self.cases.case(self.case_picker.value)
        ticked = tuple(k for k, box in zip(case.options, self.observation_boxes.children, strict=True) if box.value)
        if self.pattern.value is None or self.care.value is None or len(ticked) != 2:
            return None
        return Answer(self.pattern.value, ticked, self.care.value)

    def submit(self) -> None:
        """Practice: feedback for each of the three answers. Assessed: save, and say only that it was saved."""
        if self.cases is None:
            return
        case = self.cases.case(self.case_picker.value)
        answer = self.current_answer()
        if answer is None:
            self.feedback.value = _message(INCOMPLETE, "#a33c00")
            return
        answer = check_answer(case, answer)
        self.answers[case.number] = answer
        if self.practice:
            data = case_data(self.cases.student_id, case.number, True)
            items = [
                pattern_feedback(data, answer.pattern),
                *observation_feedback(data, answer.observations),
                care_feedback(case, answer.care),
            ]
            score = mark_case(case, answer).total
            self.feedback.value = (
                f"<div role='status'><strong>Score for this case: {score} of {MARKS_PER_CASE}.</strong>"
                + feedback_list_html(items)
                + "</div>"
            )
        else:
            try:
                path = save_answers(self.cases, self.answers)
            except OSError as exc:
                self.feedback.value = _message(
                    f"Could not save ({html.escape(str(exc))}). Your answer is kept here; try again, or ask your "
                    "teacher.",
                    "#a33c00",
                )
                return
            self.feedback.value = _message(
                f"Saved your answer to case {case.number} in {_where(path)}. You can change it and save "
                "again until you hand the file in."
            )
        self._relabel_cases()
        self._show_progress()

    def _relabel_cases(self) -> None:
        """Mark answered cases in the picker without reloading the case (which would clear the feedback)."""
        assert self.cases is not None
        value = self.case_picker.value
        self._relabelling = True
        try:
            self.case_picker.options = [(self._case_label(c.number), c.number) for c in self.cases.cases]
            self.case_picker.value = value
        finally:
            self._relabelling = False

    def _show_progress(self) -> None:
        if self.cases is None:
            return
        done = len(self.answers)
        text = f"Answered {done} of {CASES_PER_SET} cases."
        if self.practice and done:
            total = sum(mark_case(self.cases.case(n), a).total for n, a in self.answers.items())
            text += f" Practice score so far: {total} of {done * MARKS_PER_CASE}."
        if done < CASES_PER_SET:
            text += " Next: choose another case in the Case menu above." if done else ""
        elif self.practice:
            text += (
                " All six done. Next: the Think question under the lab, then section 4. To try your assessed "
                "cases, choose Assessed above and press Open my cases."
            )
        else:
            path = answers_folder() / answer_file_name(self.cases.student_id)
            text += (
                f" All done: hand in {_where(path)}. To download it, find it in the file list on the "
                "left, right-click it and choose Download; then send it as your teacher asks."
            )
        self.progress.value = _message(text)


def case_lab(student_id: str | None = None, mode: str = "practice") -> CaseLab:
    """The case lab; the ID box starts with ``student_id``, or the JupyterHub user name when there is one."""
    from helpers.checks import one_of

    if student_id is not None and (not isinstance(student_id, str) or student_id.strip()):
        normalise_id(student_id)  # a typed ID is checked now; an empty box is checked when the learner opens
    return CaseLab(
        student_id if student_id is not None else os.environ.get("JUPYTERHUB_USER", ""),
        one_of("mode", mode, MODES, "use 'practice' or 'assessed'"),
    )
