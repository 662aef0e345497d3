"""The symptom diary as a widget: a form that saves dated entries to the learner's own CSV, a timeline, a summary.

The store (helpers.diary) does the reading, checking, locking, backing up and appending; this app only
wires a form to it. It records and summarises; it never interprets. An entry that mentions trouble
breathing, choking or swallowing shows the urgent-care message at once, before anything else.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
from pathlib import Path

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from helpers.apps.base import CONTROL_LAYOUT, LABEL_STYLE, CourseApp, heading, live_figure, no_redraw, replace_figure
from helpers.diary import (
    DIARY_COLUMNS,
    DIARY_FIELDS,
    WHAT_CHOICES,
    add_entry,
    diary_path,
    diary_summary_html,
    make_entry,
    read_diary,
    urgent_signs,
)
from helpers.errors import CourseInputError
from helpers.lookalikes.views import DIARY_MARK, diary_figure
from helpers.safety import care_level
from helpers.views.theme import description_html, figure_description

#: Said under the form: where the file lives, and who can see it.
PRIVACY_NOTE = (
    "Your diary is saved in a file in this folder: {path}. Nothing is sent anywhere else. On your own computer "
    "it stays there. On a class or online server the file is on that server: the people who run it may be able "
    "to read it, and it may be deleted when your session ends, so write only what you are happy for them to see, "
    "and copy the summary if you want to keep it. Every save keeps a backup of the file as it was (the same name, "
    "ending .bak)."
)

#: Always beside the Save button: a diary is for slow changes, never a place to put an emergency first.
DIARY_IS_FOR_SLOW_CHANGES = (
    "A diary is for slow changes, over weeks. If something came on suddenly (a drooping face, a weak arm or "
    "leg, slurred speech), or you have trouble breathing, choking that does not clear, you cannot swallow, or new "
    "loss of bladder or bowel control or numbness around the bottom: do not write it down first. {action} "
    "({where})."
)


def slow_changes_html() -> str:
    """The standing line under the Save button (the emergency level's action and numbers from helpers.safety)."""
    level = care_level("emergency")
    text = DIARY_IS_FOR_SLOW_CHANGES.format(action=level.action, where=level.where)
    return f"<p style='margin:0.3em 0;border-left:4px solid #D55E00;padding-left:0.6em'>{html.escape(text)}</p>"


def urgent_html(signs: tuple[str, ...]) -> str:
    """The emergency message, for an entry that mentions an emergency-level sign (helpers.diary.urgent_signs)."""
    level = care_level("emergency")
    return (
        "<div role='alert' style='border-left:6px solid #D55E00;background:#FDF0E9;padding:0.4em 0.9em;"
        "margin:0.4em 0'>"
        f"<p style='margin:0.2em 0'><strong>This entry mentions {html.escape('; '.join(signs))}.</strong></p>"
        "<p style='margin:0.2em 0'><strong>If you have trouble breathing, are choking or cannot swallow, or "
        "something came on suddenly (a drooping face, slurred speech, a weak arm or leg, new bladder or bowel "
        f"problems): {html.escape(level.action.lower())} ({html.escape(level.where)}).</strong></p>"
        "<p style='margin:0.2em 0'>If swallowing or speech has slowly become harder over weeks, you cough or choke "
        "on food more than once, or double vision or a drooping eyelid comes and goes: see a doctor within days "
        "(this week). New double vision that does not go away: get urgent medical help today. Your entry was "
        "saved.</p></div>"
    )


#: After a saved speech entry with no emergency words: how soon, in both directions.
SPEECH_HTML = (
    "<p style='margin:0.3em 0'><strong>Saved.</strong> Speech that has slowly become harder over weeks: see a "
    "doctor within days (this week). Speech that changed suddenly: call your emergency number now.</p>"
)


#: After a saved weakness entry with no emergency words: how soon, in both directions.
WEAKNESS_HTML = (
    "<p style='margin:0.3em 0'><strong>Saved.</strong> Weakness that came on within minutes or hours, or came today "
    "and has gone: call your emergency number now. Weakness, or tingling, that is clearly worse, or has spread "
    "further, in the last few days (for example up both legs): go to hospital today. Sudden weakness on an earlier "
    "day that has gone: get urgent medical help today. Weakness getting worse or spreading from week to week, or a "
    "task that has become harder: see a doctor within days (this week).</p>"
)
#: After a saved numbness entry with no emergency words: the three time frames of the care levels for numbness.
NUMBNESS_HTML = (
    "<p style='margin:0.3em 0'><strong>Saved.</strong> Numbness that came on suddenly, or numbness around the "
    "bottom: call your emergency number now. Numbness or tingling that has spread over hours or days (for example "
    "up both legs): get urgent medical help today. Numbness that has spread slowly over weeks, or comes with "
    "weakness: see a doctor within days (this week).</p>"
)
SAVED_HTML = "<p style='margin:0.3em 0'><strong>Saved.</strong> The entry is in your diary file.</p>"


def saved_html(what: str, signs: tuple[str, ...]) -> str:
    """What the widget says after a save: the emergency message if the entry names a sign, else how soon."""
    if signs:
        return urgent_html(signs)
    return {"speech": SPEECH_HTML, "weakness in a task": WEAKNESS_HTML, "numbness or tingling": NUMBNESS_HTML}.get(
        what, SAVED_HTML
    )


def error_html(err: CourseInputError) -> str:
    """A message about the form or the file, in plain words (the fix first), with nothing saved or lost."""
    fix = err.fix[:1].upper() + err.fix[1:]
    box = {f.name: f.heading for f in DIARY_FIELDS}.get(err.what, err.what)
    return (
        "<div role='alert' style='border-left:6px solid #D55E00;padding:0.3em 0.8em;margin:0.4em 0'>"
        f"<p style='margin:0.2em 0'><strong>Not saved.</strong> {html.escape(fix)}.</p>"
        f"<p style='margin:0.2em 0;color:#333'>The box \"{html.escape(box)}\" can hold "
        f"{html.escape(err.allowed)}.</p>"
        "<p style='margin:0.2em 0'>Nothing in your diary was changed.</p></div>"
    )


def _text(description: str, placeholder: str) -> widgets.Text:
    return widgets.Text(
        description=description, placeholder=placeholder, style=LABEL_STYLE, layout=widgets.Layout(**CONTROL_LAYOUT)
    )


class SymptomDiary(CourseApp):
    """A form for one dated entry, a Save button, the diary's timeline and a one-page summary to print."""

    def __init__(self, path: str | Path | None = None, *, mark: str = DIARY_MARK) -> None:
        self.path = Path(path) if path is not None else diary_path()
        self.mark = mark
        self.date = widgets.DatePicker(
            description="Date", value=dt.date.today(), style=LABEL_STYLE, layout=widgets.Layout(**CONTROL_LAYOUT)
        )
        self.where = _text("Where in the body", "e.g. left calf, right hand, eyelid")
        self.what = widgets.Dropdown(
            description="What you noticed",
            options=list(WHAT_CHOICES),
            value=WHAT_CHOICES[0],
            style=LABEL_STYLE,
            layout=widgets.Layout(**CONTROL_LAYOUT),
        )
        no_redraw(self.what)  # the figure changes when an entry is saved, not when a form field changes
        self.how_much = _text("How much, how long", "e.g. a few seconds, on and off all evening")
        self.task_changed = _text("A task that changed", "e.g. could not open a jar; or leave empty")
        self.measured = _text("Anything measured", "only if a clinician asked you to measure something")
        self.sleep = _text("Sleep last night (hours)", "e.g. 6.5")
        self.caffeine = _text("Caffeine (drinks)", "e.g. 4")
        self.stress = _text("Stress (0 to 10)", "e.g. 7")
        self.exercise = _text("Exercise", "e.g. 30 min walk; or leave empty")
        self.save_button = widgets.Button(
            description="Save entry", button_style="primary", icon="save", layout=widgets.Layout(width="auto")
        )
        self.save_button.tooltip = "Add this entry to your diary file"
        self.summary_button = widgets.Button(
            description="Show summary to print", icon="file-text", layout=widgets.Layout(width="auto")
        )
        self.summary_button.tooltip = "A one-page summary of the whole diary, to take to an appointment"
        self.message = widgets.HTML("")
        self.summary = widgets.HTML("")
        self.privacy = widgets.HTML(
            f"<p style='margin:0.3em 0;color:#333;font-size:0.95em'>"
            f"{html.escape(PRIVACY_NOTE.format(path=self.path))}</p>"
        )
        frame = self._read()
        fig = diary_figure(frame if frame is not None else _empty(), mark)
        self.figure = live_figure(fig)
        self.caption = widgets.HTML(description_html(figure_description(fig)))
        self.save_button.on_click(lambda _b: self.save())
        self.summary_button.on_click(lambda _b: self.show_summary())
        form = [
            self.date,
            self.where,
            self.what,
            self.how_much,
            self.task_changed,
            self.measured,
            self.sleep,
            self.caffeine,
            self.stress,
            self.exercise,
        ]
        #: The typed boxes: every one is about one day, so all are cleared after a save.
        self.text_boxes = tuple(box for box in form if isinstance(box, widgets.Text))
        super().__init__(
            "My symptom diary",
            [
                heading("Write one entry at a time: when, where, what, and what you could or could not do."),
                *form,
                widgets.HBox([self.save_button, self.summary_button], layout=widgets.Layout(flex_flow="row wrap")),
                self.message,  # right under the buttons, where the eye is after a press
                self.summary,
                widgets.HTML(slow_changes_html()),
                self.privacy,
                self.figure,
                self.caption,
            ],
        )

    # -- reading -------------------------------------------------------------------------------------------
    def _read(self) -> pd.DataFrame | None:
        """The diary as it is on disk, or None with the reason shown (a broken file is never written over)."""
        try:
            return read_diary(self.path)
        except CourseInputError as err:
            self.message.value = (
                "<div role='alert' style='border-left:6px solid #D55E00;padding:0.3em 0.8em;margin:0.4em 0'>"
                f"<p style='margin:0.2em 0'><strong>The diary file could not be read.</strong> {html.escape(str(err))}"
                "</p><p style='margin:0.2em 0'>Nothing will be saved until the file is fixed, so nothing in it is "
                "lost.</p></div>"
            )
            return None

    def _redraw(self, frame: pd.DataFrame) -> None:
        fig = diary_figure(frame, self.mark)
        replace_figure(self.figure, fig)
        self.caption.value = description_html(figure_description(fig))

    # -- actions -------------------------------------------------------------------------------------------
    def entry_values(self) -> dict[str, object]:
        """The form's values, as make_entry takes them (empty number boxes become None)."""

        def number(box: widgets.Text) -> str | None:
            return box.value.strip() or None

        return dict(
            date=self.date.value,
            where=self.where.value,
            what=self.what.value,
            how_much=self.how_much.value,
            task_changed=self.task_changed.value,
            measured=self.measured.value,
            sleep=number(self.sleep),
            caffeine=number(self.caffeine),
            stress=number(self.stress),
            exercise=self.exercise.value,
        )

    def save(self) -> bool:
        """Check the form, append the entry, redraw; on any problem say what and keep the form as it is."""
        try:
            entry = make_entry(**self.entry_values())  # type: ignore[arg-type]
            add_entry(entry, self.path)
        except CourseInputError as err:
            self.message.value = error_html(err)
            return False
        signs = urgent_signs(entry)
        self.message.value = saved_html(entry.what, signs)
        for box in self.text_boxes:  # every box is about one day: nothing is carried into the next entry unseen
            box.value = ""
        frame = self._read()
        if frame is not None:
            self._redraw(frame)
            if self.summary.value:
                self.summary.value = diary_summary_html(frame)
        return True

    def show_summary(self) -> None:
        """The one-page summary under the buttons, also saved as a page to print beside the diary file."""
        frame = self._read()
        if frame is not None:
            page = summary_page(frame)
            printable = self.path.with_name(self.path.stem + "-summary.html")
            printable.parent.mkdir(parents=True, exist_ok=True)  # before the first save, the folder may not exist
            printable.write_text(page, encoding="utf-8")
            self.summary.value = summary_block_html(frame, page, printable)


def summary_page(frame: pd.DataFrame) -> str:
    """The summary as a page of its own, to open in a browser and print (nothing else on it)."""
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Symptom diary: summary</title>"
        "<style>body{font-family:sans-serif;max-width:40em;margin:2em auto;line-height:1.45}</style></head><body>"
        f"{diary_summary_html(frame)}</body></html>"
    )


def summary_block_html(frame: pd.DataFrame, page: str, printable: Path) -> str:
    """The summary shown in the notebook, with a link that downloads it as a page to print."""
    data = base64.b64encode(page.encode("utf-8")).decode("ascii")
    return (
        "<div style='border:1px solid #999;padding:0.4em 0.9em;margin:0.4em 0'>"
        f"<p style='margin:0.2em 0'><a download='{html.escape(printable.name)}' "
        f"href='data:text/html;base64,{data}'><strong>Download the summary as a page to print</strong></a> "
        f"(open it in your browser, then print). It is also saved beside your diary: "
        f"{html.escape(str(printable))}.</p>{diary_summary_html(frame)}</div>"
    )


def _empty() -> pd.DataFrame:
    return pd.DataFrame(columns=list(DIARY_COLUMNS))


def symptom_diary(name: str = "my-diary") -> SymptomDiary:
    """The diary widget on the learner's own diary file ``name`` (in helpers.diary.diary_folder())."""
    return SymptomDiary(diary_path(name))


def diary_timeline(path: str | Path, mark: str = DIARY_MARK) -> go.Figure:
    """A diary file's timeline as a still figure (``mark`` says whose entries they are)."""
    return diary_figure(read_diary(path), mark)
