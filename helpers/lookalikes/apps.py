"""Lesson 04's apps: the look-alikes lab, the evaluation walk, the story's reasoning, and the symptom diary.

Each app is its controls plus pure views (helpers.lookalikes.views). None of them takes a description of the
reader: the lab and the walk compare labelled synthetic people, and the diary only records and summarises.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import plotly.graph_objects as go

from helpers.apps.base import CourseApp, FigureApp, dropdown, heading, no_redraw, set_caption
from helpers.engine.people import check_persona, person, persona_options
from helpers.lookalikes.model import (
    LAB_PERSONAS,
    LAB_START,
    STEP_NAMES,
    WALK_PERSONAS,
    WALK_SOURCES,
    check_pair,
    lab_table,
    separating_question,
    walk_steps,
)
from helpers.lookalikes.views import lab_figure, pairing_html, step_html
from helpers.views.theme import wrap_title


# ---------------------------------------------------------------------------
# 1. The look-alikes lab
# ---------------------------------------------------------------------------
def lookalike_figure(first: str = LAB_START[0], second: str = LAB_START[1]) -> go.Figure:
    """Two people side by side over 24 months, as a still figure (ids or first names)."""
    a, b = check_pair(first, second)
    return lab_figure(separating_question(a, b), lab_table(a), lab_table(b))


SAME_PERSON_TITLE = "Both menus show the same person: choose someone else"
SAME_PERSON_DESCRIPTION = "Nothing to compare: both menus show the same person. Choose someone else in one of them."
SAME_PERSON_HTML = (
    "<div style='border-left:5px solid #D55E00;padding:0.3em 0.8em;margin:0.4em 0'><p style='margin:0.2em 0'>"
    "<strong>Both menus show the same person.</strong> Choose someone else in one of them to compare two people."
    "</p></div>"
)


class LookalikesLab(FigureApp):
    """Choose any two of the course's people: their months side by side, and the one question that separates them."""

    def __init__(self, first: str = LAB_START[0], second: str = LAB_START[1]) -> None:
        a, b = check_pair(first, second)
        options = persona_options(LAB_PERSONAS)
        self.first = dropdown("First person", options, a)
        self.second = dropdown("Second person", options, b)
        self.question = widgets.HTML(pairing_html(separating_question(a, b)))
        self.show_question = widgets.Checkbox(
            value=True, description="Show the question that separates them", indent=False
        )
        no_redraw(self.show_question)
        self.show_question.observe(lambda _c: self._show_question(), names="value")
        super().__init__(
            "The look-alikes lab",
            "Choose two people: what is the one question that separates them?",
            [self.first, self.second],
            rows=[self.first, self.second, self.show_question, self.question],
        )

    def _show_question(self) -> None:
        """A teacher can hide the answer box, so that the class calls out the question first."""
        self.question.layout.display = None if self.show_question.value else "none"

    def view(self) -> go.Figure:
        return lookalike_figure(self.first.value, self.second.value)

    def update(self) -> None:
        if self.first.value == self.second.value:
            self.question.value = SAME_PERSON_HTML
            with self.figure.batch_update():  # nothing to compare: hide the last pair rather than mislabel it
                for trace in self.figure.data:
                    trace.visible = False
                # Wrapped as every course title is, so that it fits a projector (a browser test found it cut off).
                self.figure.layout.title.text = wrap_title(SAME_PERSON_TITLE)
                # The description too (what a screen reader reads): the last pair's would describe hidden traces.
                meta = dict(self.figure.layout.meta or {})
                self.figure.layout.meta = {**meta, "title": SAME_PERSON_TITLE, "description": SAME_PERSON_DESCRIPTION}
            set_caption(self.caption, SAME_PERSON_DESCRIPTION)
            return
        super().update()
        self.question.value = pairing_html(separating_question(self.first.value, self.second.value))


def lookalikes_lab(first: str = LAB_START[0], second: str = LAB_START[1]) -> LookalikesLab:
    """The look-alikes lab, opened on two different people (ids or first names)."""
    return LookalikesLab(first, second)


# ---------------------------------------------------------------------------
# 2. How doctors evaluate: the walk
# ---------------------------------------------------------------------------
def walk_sources(persona: str) -> str:
    """ "Turner & Talbot 2013; de Carvalho 2008": the sources of one person's walk, as the reference list cites them."""
    from helpers.references import cites

    return cites(WALK_SOURCES[check_persona(persona, WALK_PERSONAS)])


def walk_html(persona: str, shown: int) -> str:
    """The first ``shown`` steps of a person's evaluation (0: none yet), and where the story comes from."""
    persona = check_persona(persona, WALK_PERSONAS)
    steps = walk_steps(persona)
    who = person(persona)
    intro = (
        f"<p style='margin:0.3em 0'><strong>{html.escape(who.label)}</strong> (synthetic). {html.escape(who.story)}</p>"
    )
    if shown == 0:
        body = "<p style='margin:0.3em 0;color:#333'>Press <em>Next step</em> to see what the clinician does first.</p>"
    else:
        # Newest first, right under the buttons (a step added below the window would look like a dead button); then
        # the earlier steps in order, so the story reads 1, 2, 3 (a literacy review found it read backwards).
        done = [step_html(s, i + 1, len(steps), i + 1 == len(steps)) for i, s in enumerate(steps[:shown])]
        earlier = "<p style='margin:0.5em 0 0.1em 0;color:#444'><em>Earlier steps:</em></p>" if shown > 1 else ""
        body = done[-1] + earlier + "".join(done[:-1])  # the earlier steps in their own order, 1 first
    end = (
        f"<p style='margin:0.3em 0;color:#444;font-size:0.9em'>Sources: {html.escape(walk_sources(persona))}. "
        "Timings are the course's assumptions.</p>"
        if shown == len(steps)
        else ""
    )
    return f"<div style='font-size:1em;line-height:1.45'>{intro}{body}{end}</div>"


class EvaluationWalk(CourseApp):
    """Choose a person, then reveal a clinician's evaluation one step at a time (nothing shows before its step)."""

    def __init__(self, persona: str = "als_limb_onset") -> None:
        persona = check_persona(persona, WALK_PERSONAS)
        self.persona = dropdown("Person", persona_options(WALK_PERSONAS), persona)
        self.shown = 0
        self.next_button = widgets.Button(
            description="Next step", button_style="primary", icon="arrow-down", layout=widgets.Layout(width="auto")
        )
        self.restart_button = widgets.Button(
            description="Start again", icon="refresh", layout=widgets.Layout(width="auto")
        )
        self.next_button.tooltip = "Show the next step of the evaluation"
        self.restart_button.tooltip = "Hide every step and start from the story"
        self.steps = widgets.HTML(walk_html(persona, 0))
        self.next_button.on_click(lambda _b: self.next_step())
        self.restart_button.on_click(lambda _b: self.restart())
        self.persona.observe(lambda _c: self.restart(), names="value")
        super().__init__(
            "How doctors evaluate",
            [
                heading("Choose a person, then press Next step: what does each step find, and why the next?"),
                self.persona,
                widgets.HBox([self.next_button, self.restart_button], layout=widgets.Layout(flex_flow="row wrap")),
                self.steps,
            ],
        )

    def next_step(self) -> None:
        """Reveal one more step (after the last, nothing more happens)."""
        if self.shown < len(STEP_NAMES):
            self.shown += 1
        self._show()

    def restart(self) -> None:
        """Hide every step again (also when another person is chosen)."""
        self.shown = 0
        self._show()

    def _show(self) -> None:
        self.steps.value = walk_html(self.persona.value, self.shown)
        self.next_button.disabled = self.shown == len(STEP_NAMES)


def evaluation_walk(persona: str = "als_limb_onset") -> EvaluationWalk:
    """The evaluation walk for one of WALK_PERSONAS (id or first name)."""
    return EvaluationWalk(persona)


# ---------------------------------------------------------------------------
# 3. The story from the sources: the reasoning, shown after a prediction
# ---------------------------------------------------------------------------
STORY_REASONING: tuple[tuple[str, str], ...] = (
    (
        "Why not ALS's pattern?",
        "ALS usually starts in one place, on one side, and spreads over months (Ravits & La Spada 2009). Weakness "
        "in both hands and both thighs at once, within hours, with twitching everywhere, is not how it begins.",
    ),
    (
        "What comes to mind first?",
        "A problem in the body's chemistry, such as a very low potassium, for example with an overactive thyroid "
        "(attacks of weakness called thyrotoxic periodic paralysis; Vijayakumar 2014), or a low magnesium "
        "(a low calcium brings cramps and spasms rather than weakness). Or something in the spinal cord in the "
        "neck, such as something pressing on it. Weakness that "
        "climbs over hours to days with tingling can be Guillain-Barré syndrome, in which the body's defences attack "
        "the nerves, often after an infection (NHS, Guillain-Barré syndrome). Rarely, a poison such as an "
        "insecticide. Caffeine and stress explain twitching (Simon & Kiernan 2013), not weakness within hours.",
    ),
    (
        "What happens next?",
        "This needs care now, not an appointment next week: weakness that came on over hours means calling the "
        "emergency number. There, staff first check breathing and swallowing. Blood tests (potassium, magnesium, "
        "calcium, thyroid) and a heart tracing (ECG) are done at once, because a very low potassium can upset the "
        "heart's rhythm (Vijayakumar 2014). The examination (reflexes, a level below which feeling is lost, the "
        "bladder) decides whether an urgent scan of the spine, or nerve tests, are needed at the same time, "
        "without waiting for the blood results.",
    ),
    (
        "The lesson of the story",
        '"This is not how ALS starts" must always come with "sudden weakness needs care now". Weakness that comes '
        "on within minutes or hours means calling the emergency number, whatever the cause.",
    ),
)
#: The story's sources (keys of data/references.toml).
STORY_SOURCES: tuple[str, ...] = ("ravits2009", "vijayakumar2014", "simon2013", "nhsgbs")


def story_reasoning_html() -> str:
    """The neurologist's reasoning about the story, in three short parts."""
    parts = "".join(
        f"<p style='margin:0.35em 0'><strong>{html.escape(q)}</strong> {html.escape(a)}</p>" for q, a in STORY_REASONING
    )
    return (
        f"<div style='font-size:1em;line-height:1.45;border-left:5px solid #0072B2;padding:0.2em 0.8em'>{parts}</div>"
    )


def story_reasoning() -> widgets.HTML:
    """The reasoning as a widget, to reveal after the prediction."""
    return widgets.HTML(story_reasoning_html())


__all__ = [
    "EvaluationWalk",
    "LookalikesLab",
    "evaluation_walk",
    "lookalike_figure",
    "lookalikes_lab",
    "story_reasoning",
    "story_reasoning_html",
    "walk_html",
]
