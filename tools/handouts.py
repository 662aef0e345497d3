"""Write every lesson as a self-contained HTML handout, and a student version without answers.

    python3 course.py handouts                 # handouts/teacher/*.html and handouts/student/*.html
    python3 course.py handouts --out DIR notebooks/01_tired_or_weak.ipynb

Each lesson is run in a fresh kernel, as Run All does, and written with nbconvert. The interactive
figures appear at their starting view, drawn by plotly.js included once in the file: a handout opens
and prints with no kernel and no network. Every figure keeps the sentence that describes it, every
lesson its safety notice. Controls are written as text ("Month of the diary: 12"), a prediction's
choices as a list, and what a prediction hides stays hidden. The teacher's version has the exercises'
answers, closed until opened; the student's version has none (the same rule as ``course.py student-copy``).
"""

from __future__ import annotations

import argparse
import copy
import html
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

from helpers.apps.quiz import HIDDEN_PANEL_CLASS
from tools.execute import NOTEBOOKS, WIDGET_VIEW, lesson_notebooks, run_in_fresh_kernel
from tools.sandbox import sandbox
from tools.student_copy import strip_answers

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "handouts"
TEMPLATE_DIR = ROOT / "deploy" / "handouts"
TEMPLATE = "course_handout"
PLOTLY_MIME = "application/vnd.plotly.v1+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
VERSIONS = {
    "teacher": "Teacher's handout, with answers (closed until opened).",
    "student": "Student's handout: the answers are with your teacher.",
}
HANDOUT_NOTE = (
    "A printed copy of a lesson of the course on tiredness, weakness and twitching. Every person in it is "
    "synthetic (made up by a computer), and nothing in it can diagnose anyone. The figures show each "
    "interactive view as it first opens; in the lesson you can change them."
)

#: Run after the lesson, in the same kernel: the live figures' full plotly JSON (the widget state keeps only
#: what was first sent), and what each closed panel will hold when opened (an exercise's result, or what a
#: prediction hides: both are put into their panel only when it opens).
_DUMP_CELL = """
import json as _json
from ipywidgets.widgets.widget import _instances as _live
from plotly.basewidget import BaseFigureWidget as _Figure
from plotly.utils import PlotlyJSONEncoder as _Encoder
from helpers.apps.quiz import ExerciseAnswer as _Answer, PredictThenReveal as _Predict
_found = {"figures": {}, "answers": {}}
for _id, _w in list(_live.items()):
    if isinstance(_w, _Figure):
        _found["figures"][_id] = _w.to_plotly_json()
    elif isinstance(_w, _Answer):
        _found["answers"][_id] = _w.body.model_id
    elif isinstance(_w, _Predict):
        _found["answers"][_w.hidden.model_id] = _w.content.model_id
print("COURSE-HANDOUT:" + _json.dumps(_found, cls=_Encoder))
"""

AFTER_PREDICTION = "Open this after you have answered the prediction above"
BOXES = {"VBoxModel", "HBoxModel", "BoxModel", "GridBoxModel"}
SLIDERS = {"IntSliderModel", "FloatSliderModel", "IntRangeSliderModel", "FloatRangeSliderModel", "SelectionSliderModel"}
CHOICES = {"DropdownModel", "ToggleButtonsModel", "SelectModel"}
NOT_SHOWN = {"ButtonModel", "PlayModel"}


@dataclass
class LessonRun:
    """A lesson after Run All: its cells and outputs, every widget's state, the live figures and answer panels."""

    nb: nbformat.NotebookNode
    state: dict
    figures: dict
    answers: dict
    with_answers: bool = True
    figure_count: int = field(default=0)

    def model(self, ref: str) -> dict | None:
        return self.state.get(ref.removeprefix("IPY_MODEL_"))

    def hidden(self, state: dict) -> bool:
        layout = self.model(state.get("layout", "")) or {}
        style = layout.get("state", {})
        return style.get("display") == "none" or style.get("visibility") == "hidden"


def run_lesson(path: Path, env: dict[str, str]) -> LessonRun:
    """Run ``path`` top to bottom in a fresh kernel, then read the live figures out of it."""
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(_DUMP_CELL))
    run_in_fresh_kernel(nb, path.parent, env)
    dump_cell = nb.cells.pop()
    printed = "".join(o.get("text", "") for o in dump_cell.outputs if o.output_type == "stream")
    marker = printed.rfind("COURSE-HANDOUT:")
    if marker < 0:
        raise RuntimeError(f"{path.name}: the lesson ran, but its figures could not be read: {printed[-500:]}")
    found = json.loads(printed[marker + len("COURSE-HANDOUT:") :])
    state = nb.metadata.pop("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    for model in state.values():
        model.get("state", {}).pop("_esm", None)  # plotly.js itself (5 MB a figure): the handout includes it once
    return LessonRun(nb, state, found["figures"], found["answers"])


# ---------------------------------------------------------------------------------------------------------------
# Outputs and widgets as static HTML
# ---------------------------------------------------------------------------------------------------------------
def _script_json(value: object) -> str:
    """JSON safe inside a <script> element."""
    return json.dumps(value).replace("</", "<\\/")


def figure_html(run: LessonRun, figure: dict) -> str:
    from helpers.views.theme import FIGURE_CONFIG

    run.figure_count += 1
    div = f"handout-figure-{run.figure_count}"
    config = {**FIGURE_CONFIG, "responsive": True}
    data, layout = figure.get("data", []), figure.get("layout", {})
    return (
        f"<div class='handout-figure' id='{div}' role='img'></div><script type='text/javascript'>"
        f"Plotly.newPlot('{div}', {_script_json(data)}, {_script_json(layout)}, {_script_json(config)});</script>"
    )


def output_html(run: LessonRun, output: dict) -> str:
    """One stored output as static HTML."""
    if output.get("output_type") == "stream":
        return f"<pre>{html.escape(output.get('text', ''))}</pre>"
    data = output.get("data", {})
    if WIDGET_VIEW in data:
        return widget_html(run, data[WIDGET_VIEW]["model_id"])
    if PLOTLY_MIME in data:
        return figure_html(run, data[PLOTLY_MIME])
    if "text/html" in data:
        value = data["text/html"]
        return "".join(value) if isinstance(value, list) else value
    if "image/png" in data:
        return f"<img alt='' src='data:image/png;base64,{data['image/png']}'>"
    if "text/plain" in data:
        value = data["text/plain"]
        return f"<pre>{html.escape(''.join(value) if isinstance(value, list) else value)}</pre>"
    return ""


def _label(state: dict) -> str:
    return html.escape(str(state.get("description") or "").strip())


def widget_html(run: LessonRun, model_id: str) -> str:
    """A widget as it stands after Run All, as static HTML: what a reader sees, without the controls' mechanics."""
    model_id = model_id.removeprefix("IPY_MODEL_")
    model = run.model(model_id)
    if model is None:
        return ""
    name, state = model["model_name"], model["state"]
    if HIDDEN_PANEL_CLASS in state.get("_dom_classes", []):
        # What a prediction hides: on paper, a closed panel the reader opens after answering.
        content = run.answers.get(model_id)
        inner = widget_html(run, content) if content else ""
        return f"<details class='handout-after-prediction'><summary>{AFTER_PREDICTION}</summary>{inner}</details>"
    if run.hidden(state):
        return ""
    if "course-answer" in state.get("_dom_classes", []):
        body = run.answers.get(model_id)
        if not run.with_answers or body is None:
            return "<p><em>The result of this answer is in the teacher's handout.</em></p>"
        return f"<details><summary>Show the result of this answer</summary>{widget_html(run, body)}</details>"
    if name in BOXES:
        inner = "".join(widget_html(run, ref) for ref in state.get("children", []))
        return f"<div class='{'handout-row' if name == 'HBoxModel' else 'handout-box'}'>{inner}</div>"
    if name in ("HTMLModel", "HTMLMathModel"):
        return str(state.get("value", ""))
    if name == "LabelModel":
        return f"<p>{html.escape(str(state.get('value', '')))}</p>"
    if name == "AnyModel":
        figure = run.figures.get(model_id)
        return figure_html(run, figure) if figure else ""
    if name == "OutputModel":
        return "".join(output_html(run, o) for o in state.get("outputs", []))
    if name in SLIDERS:
        return f"<p class='handout-control'>{_label(state)} <strong>{html.escape(str(state.get('value')))}</strong></p>"
    if name in CHOICES:
        labels, index = state.get("_options_labels", []), state.get("index")
        chosen = labels[index] if isinstance(index, int) and 0 <= index < len(labels) else ""
        return f"<p class='handout-control'>{_label(state)} <strong>{html.escape(chosen)}</strong></p>"
    if name == "RadioButtonsModel":
        items = "".join(f"<li>{html.escape(label)}</li>" for label in state.get("_options_labels", []))
        return f"<ul class='handout-options'>{items}</ul>"
    if name == "CheckboxModel":
        return f"<p class='handout-control'>{'☑' if state.get('value') else '☐'} {_label(state)}</p>"
    if name in ("TextModel", "TextareaModel"):
        return f"<p class='handout-control'>{_label(state)} ______________________</p>"
    if name in ("AccordionModel", "TabModel"):
        titles = state.get("titles", [])
        parts = [
            f"<details><summary>{html.escape(titles[i] if i < len(titles) else '')}</summary>{widget_html(run, ref)}"
            "</details>"
            for i, ref in enumerate(state.get("children", []))
        ]
        return "".join(parts)
    return ""  # buttons, play controls and the like: nothing to read on paper


# ---------------------------------------------------------------------------------------------------------------
# The handout
# ---------------------------------------------------------------------------------------------------------------
def _is_exercises(path: Path) -> bool:
    return path.stem.endswith("_exercises")


_DETAILS = re.compile(r"<details>\s*(<summary>.*?</summary>)(.*?)</details>", re.S)


def closed_panels_kept(markdown: str) -> str:
    """A model answer's <details> panel as one HTML block, so nbconvert's markdown keeps its text inside it.

    Why: JupyterLab's markdown keeps the text between <details> and </details> inside the panel; nbconvert's
    (mistune) closes the panel at the first blank line, which would print every model answer open.
    """
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    def panel(match: re.Match) -> str:
        inner = markdown2html_mistune(match.group(2))
        block = f"<details>{match.group(1)}{inner}</details>"
        return "\n\n" + re.sub(r"\n\s*\n", "\n", block) + "\n\n"

    return _DETAILS.sub(panel, markdown)


def handout_notebook(run: LessonRun, path: Path) -> nbformat.NotebookNode:
    """The lesson's cells with static outputs; code shown only where it is the learning (exercises, answers)."""
    nb = run.nb
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = closed_panels_kept(cell.source.replace(".ipynb)", ".html)").replace(".ipynb'", ".html'"))
            continue
        if cell.cell_type != "code":
            continue
        show_code = _is_exercises(path) or "solution" in cell.metadata.get("tags", [])
        if not show_code:
            cell.metadata["transient"] = {"remove_source": True}
        static = "".join(output_html(run, o) for o in cell.outputs)
        static = static.replace(".ipynb'", ".html'").replace('.ipynb"', '.html"')
        cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": static})] if static else []
    return nb


def write_handout(run: LessonRun, path: Path, out_file: Path, version: str) -> Path:
    import plotly

    plotly_js = (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_text(encoding="utf-8")
    exporter = HTMLExporter(template_name=TEMPLATE, extra_template_basedirs=[str(TEMPLATE_DIR)])
    exporter.embed_images = True
    body, _ = exporter.from_notebook_node(
        handout_notebook(run, path),
        resources={
            "metadata": {"name": path.stem.replace("_", " ")},
            "plotly_js": plotly_js,
            "handout_heading": VERSIONS[version],
            "handout_note": HANDOUT_NOTE,
        },
    )
    out_file.parent.mkdir(parents=True, exist_ok=True)
    out_file.write_text(body, encoding="utf-8")
    return out_file


def handout_sources() -> list[Path]:
    """Every lesson and exercise notebook, and the worried reader's page."""
    return [*lesson_notebooks(), *[p for p in sorted(NOTEBOOKS.glob("*.ipynb")) if not p.name[:2].isdigit()]]


def write_handouts(paths: list[Path], out: Path, workers: int = 2) -> list[Path]:
    """Both versions of each notebook's handout in ``out``/teacher and ``out``/student; return the files.

    ``workers`` lessons run at once, each in its own kernel: a kernel spends much of its time starting and
    importing, so two at a time fill a two-core machine.
    """
    from concurrent.futures import ThreadPoolExecutor

    def both_versions(path: Path, env: dict[str, str]) -> list[Path]:
        ran = run_lesson(path, env)
        files = []
        for version in VERSIONS:
            run = copy.deepcopy(ran)
            if version == "student":
                strip_answers(run.nb)
                run.with_answers = False
            files.append(write_handout(run, path, out / version / f"{path.stem}.html", version))
        return files

    with sandbox() as env, ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(lambda p: both_versions(p, env), paths))
    return [file for files in results for file in files]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python3 course.py handouts", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("notebooks", nargs="*", help="notebooks (default: every lesson and the worried reader's page)")
    parser.add_argument("--out", default=str(OUT), help="folder to write into (default: handouts/)")
    args = parser.parse_args(argv)
    paths = [Path(p).resolve() for p in args.notebooks] or handout_sources()
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        print(f"No such notebook: {', '.join(missing)}. Give paths like notebooks/01_tired_or_weak.ipynb.")
        return 2
    for file in write_handouts(paths, Path(args.out)):
        print(f"wrote {file.relative_to(Path(args.out).resolve().parent) if file.is_absolute() else file}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
