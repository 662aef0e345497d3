"""Every notebook keeps the lesson anatomy (shared/notebook-anatomy.md, as settled in the README).

The shape is what lets a teacher plan a class from any lesson and a learner always
know where they are: title and promise, at a glance with time per section that adds
up, assessable objectives, the one safety notice, sections, summary, what's next,
references. Stored outputs must come from one top-to-bottom run in a fresh kernel.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers.safety import SAFETY_HEADING, WORRIED_PAGE
from tests.conftest import NOTEBOOKS

ASSESSABLE_VERBS = {
    "apply",
    "calculate",
    "choose",
    "compare",
    "compute",
    "decide",
    "describe",
    "distinguish",
    "estimate",
    "evaluate",
    "explain",
    "identify",
    "interpret",
    "judge",
    "list",
    "name",
    "plot",
    "predict",
    "read",
    "recognise",
    "recognize",
    "run",
    "spot",
    "state",
    "tell",
    "use",
    "weigh",
    "outline",
    "give",
    "summarise",
}
HIDDEN_TAGS = {"solution", "explanation"}
MAX_NOTEBOOK_BYTES = 1_000_000


def load(path: Path) -> dict:
    return json.loads(path.read_text())


def source(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def markdown_cells(nb: dict) -> list[tuple[int, str]]:
    return [(i, source(c)) for i, c in enumerate(nb["cells"]) if c["cell_type"] == "markdown"]


def find_heading(nb: dict, pattern: str) -> tuple[int, str]:
    """Index and text (up to the next level-2 heading) of the first cell with a matching ## heading."""
    for i, text in markdown_cells(nb):
        match = re.search(rf"^## +{pattern}.*$", text, flags=re.MULTILINE | re.IGNORECASE)
        if match:
            rest = text[match.end() :]
            following = re.search(r"^## ", rest, flags=re.MULTILINE)
            return i, rest[: following.start()] if following else rest
    raise AssertionError(f"no '## {pattern}' heading")


def bullets(text: str) -> list[str]:
    return [line.strip()[2:].strip() for line in text.splitlines() if re.match(r"^\s*[-*] ", line)]


def section_minutes(nb: dict) -> list[tuple[str, int]]:
    """Numbered class sections '## N. Title (M min)' and their minutes."""
    found = []
    for _i, text in markdown_cells(nb):
        for match in re.finditer(r"^## +(\d+)\.\s+(.*?)\((\d+) min\)\s*$", text, flags=re.MULTILINE):
            found.append((match.group(2).strip(), int(match.group(3))))
    return found


def homework_minutes(nb: dict) -> int:
    """Minutes of everything marked '(homework, M min)': homework sections and exercises."""
    return sum(int(m) for _i, text in markdown_cells(nb) for m in re.findall(r"\(homework, (\d+) min\)", text))


def plotly_outputs(nb: dict) -> list[dict]:
    return [
        o["data"]["application/vnd.plotly.v1+json"]
        for c in nb["cells"]
        if c["cell_type"] == "code"
        for o in c["outputs"]
        if "application/vnd.plotly.v1+json" in o.get("data", {})
    ]


params = pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)


@params
def test_title_and_promise_come_first(path):
    first = source(load(path)["cells"][0])
    assert first.startswith("# "), "the first cell must be the title, a single '# ' heading"
    promise = first.split("\n", 1)[1].strip() if "\n" in first else ""
    assert len(promise.split()) >= 20, (
        "the title cell needs a one-paragraph promise: what the learner will be able to do"
    )


@params
def test_at_a_glance_states_audience_prerequisites_and_time_that_adds_up(path):
    """Class time = the numbered sections' minutes; homework = every '(homework, M min)' (so the plan is honest)."""
    nb = load(path)
    _i, glance = find_heading(nb, "At a glance")
    for word in ("Who it is for", "Time", "Prerequisites"):
        assert word.lower() in glance.lower(), f"'At a glance' must state {word!r}"
    total = re.search(r"(\d+) minutes (?:in class|in all)", glance)
    assert total, "'At a glance' must give the class time as 'N minutes in class' (or 'N minutes in all')"
    sections = section_minutes(nb)
    assert len(sections) >= 2, "sections must be headed '## N. Title (M min)'"
    assert sum(m for _t, m in sections) == int(total.group(1)), (
        f"section times {sections} do not add up to {total.group(1)}"
    )
    homework = re.search(r"homework \((\d+) minutes\)", glance)
    stated = int(homework.group(1)) if homework else 0
    assert homework_minutes(nb) == stated, (
        f"'(homework, M min)' parts add up to {homework_minutes(nb)}, At a glance says {stated}"
    )


@params
def test_three_to_five_assessable_objectives(path):
    _i, text = find_heading(load(path), "Learning objectives")
    items = bullets(text)
    assert 3 <= len(items) <= 5, f"{len(items)} objectives; the anatomy asks for 3-5"
    for item in items:
        verb = re.sub(r"[^a-z]", "", item.split()[0].lower())
        assert verb in ASSESSABLE_VERBS, (
            f"objective {item!r} must start with a verb a teacher can assess, e.g. {sorted(ASSESSABLE_VERBS)[:8]}"
        )


@params
def test_first_screen_is_title_worried_link_review_date_then_the_safety_notice(path):
    """A worried reader finds the safety notice and the way to their page on the first screen."""
    nb = load(path)
    title = source(nb["cells"][0])
    assert f"]({WORRIED_PAGE})" in title, "the title cell links to the reader's page"
    assert "Last reviewed:" in title and "Next review due:" in title, "the title cell carries the review dates"
    setup = nb["cells"][1]
    assert setup["cell_type"] == "code" and "start_lesson()" in source(setup), (
        "cell 2 is the setup cell: start_lesson()"
    )
    outputs = json.dumps(setup["outputs"])
    assert SAFETY_HEADING in outputs and "course-worried-box" in outputs, "its stored output is the notice and the box"
    first_section = min(i for i, text in markdown_cells(nb) if re.search(r"^## +1\.", text, flags=re.MULTILINE))
    assert first_section > 1


@params
def test_ends_with_summary_whats_next_and_references(path):
    nb = load(path)
    i_summary, summary = find_heading(nb, "Summary")
    i_next, _ = find_heading(nb, "What's next")
    i_refs, _refs = find_heading(nb, "References")
    assert 3 <= len(bullets(summary)) <= 6, "the summary has 3-6 key points"
    assert i_summary <= i_next <= i_refs, "order: Summary, What's next, References"
    last_section = max(i for i, text in markdown_cells(nb) if re.search(r"^## +\d+\.", text, flags=re.MULTILINE))
    assert last_section < i_summary, "the summary comes after the last section"
    ref_cell = nb["cells"][i_refs + 1]
    assert ref_cell["cell_type"] == "code" and source(ref_cell).startswith("references("), (
        "References: a references(...) cell"
    )
    assert "course-references" in json.dumps(ref_cell["outputs"]), (
        "the reference list is stored, readable before running"
    )
    assert i_refs + 1 == len(nb["cells"]) - 1, "the reference list is the last cell"


@params
def test_answers_start_closed(path):
    """Exercise answers: code cells tagged solution, stored with input and output collapsed.
    Model answers: markdown cells tagged explanation, inside a closed <details> (JupyterLab
    re-expands a collapsed markdown cell when Run All renders it; <details> stays closed)."""
    for cell in load(path)["cells"]:
        tags = set(cell.get("metadata", {}).get("tags", []))
        text = source(cell)
        if "solution" in tags:
            assert cell["cell_type"] == "code", f"a solution is a code cell: {text[:60]!r}"
            hidden = cell["metadata"].get("jupyter", {})
            assert hidden.get("source_hidden") is True and hidden.get("outputs_hidden") is True, (
                f"solution not stored collapsed: {text[:60]!r} (tools.authoring.close_answer)"
            )
            assert re.search(r"^answer\(", text, flags=re.MULTILINE), (
                f"a solution ends with answer(...), so its result stays closed on a projector: {text[-80:]!r}"
            )
            assert not cell["outputs"] or all("widget-view" in json.dumps(o) for o in cell["outputs"]), (
                f"a solution's only output is the closed answer panel: {text[:60]!r}"
            )
        if "explanation" in tags:
            assert cell["cell_type"] == "markdown", f"a model answer is a markdown cell: {text[:60]!r}"
            assert text.startswith("<details>") and "<summary>" in text and "<details open" not in text, (
                f"model answer not inside a closed <details>: {text[:60]!r}"
            )


@params
def test_every_stored_figure_has_title_axis_titles_and_description(path):
    for fig in plotly_outputs(load(path)):
        layout = fig.get("layout", {})
        title = (layout.get("title") or {}).get("text", "")
        assert title.strip(), "every figure needs a title that states its finding"
        assert (layout.get("meta") or {}).get("description", "").strip(), (
            f"figure {title!r} needs a one-sentence description (style_figure(description=...))"
        )
        subtitle = ((layout.get("title") or {}).get("subtitle") or {}).get("text", "")
        assert subtitle.strip(), f"figure {title!r} must say under its title what its data are (style_figure's mark)"
        for axis in ("xaxis", "yaxis"):
            if layout.get(axis, {}).get("visible", True) is not False:
                assert ((layout.get(axis) or {}).get("title") or {}).get("text", "").strip(), (
                    f"figure {title!r}: {axis} needs a title with units"
                )


@params
def test_executed_in_order_from_a_fresh_kernel_without_errors(path):
    nb = load(path)
    code_cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
    counts = [c["execution_count"] for c in code_cells]
    assert counts == list(range(1, len(code_cells) + 1)), (
        f"execution counts {counts}: re-run with `python3 course.py execute {path.relative_to(path.parent.parent)}`"
    )
    for cell in code_cells:
        for output in cell["outputs"]:
            assert output["output_type"] != "error", f"stored error in {source(cell)[:60]!r}"
            assert not (output["output_type"] == "stream" and output["name"] == "stderr"), (
                f"stored stderr in {source(cell)[:60]!r}: {''.join(output['text'])[:200]}"
            )


@params
def test_small_on_disk_and_no_stored_widget_state(path):
    assert path.stat().st_size < MAX_NOTEBOOK_BYTES, (
        f"{path.name} is {path.stat().st_size} bytes; the limit is 1 MB (strip widget state with course.py execute)"
    )
    assert "widgets" not in load(path)["metadata"], "stored widget state found: re-run with `python3 course.py execute`"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_stored_outputs_hold_no_browser_snapshots(path):
    """A browser session's autosave adds PNG snapshots of live figures (lesson 01 grew from 85 KB to 510 KB); the
    course's copies must stay as `course.py execute` writes them, or a learner's `git pull` conflicts."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    snapshots = [
        i
        for i, cell in enumerate(nb["cells"])
        for output in cell.get("outputs", [])
        if "image/png" in output.get("data", {})
    ]
    assert snapshots == [], f"{path.name}: PNG snapshots in cells {snapshots}; re-run `python3 course.py execute`"


@params
def test_the_stored_safety_notice_is_the_one_the_course_makes_today(path):
    """A reader sees the stored notice before running anything: it must say what helpers.safety says now."""
    from helpers.safety import safety_notice_html

    setup = load(path)["cells"][1]
    stored = "".join("".join(o["data"]["text/html"]) for o in setup["outputs"] if "text/html" in o.get("data", {}))
    assert safety_notice_html() in stored, f"{path.name}: stored notice is out of date: `python3 course.py execute`"
