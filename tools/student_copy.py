"""Make a copy of the lessons for students, without answers.

    python3 course.py student-copy               # writes student-notebooks/
    python3 course.py student-copy --out DIR

Cells tagged ``solution`` (exercise answers) and ``explanation`` (model answers to
discussion prompts) are replaced by a short note, and a cell tagged ``answers-note``
(which tells a learner where the answers are) by one saying this copy has none, so a teacher can hand out the
notebooks and keep the answers. Everything else, outputs included, is kept.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import nbformat

from helpers.safety import WORRIED_PAGE
from tools.execute import lesson_notebooks

ROOT = Path(__file__).resolve().parent.parent
ANSWER_TAGS = {"solution", "explanation"}
PLACEHOLDER = "*The answer to this part is in the teacher's copy of the notebook.*"
#: Cells that tell a learner where the answers are: in the student copy they would be untrue.
NOTE_TAG = "answers-note"
NOTE = "*This copy of the lesson has no answers: your teacher has them.*"


def strip_answers(nb: nbformat.NotebookNode) -> int:
    """Replace every answer cell by a placeholder; return how many were replaced."""
    replaced = 0
    for index, cell in enumerate(nb.cells):
        tags = set(cell.metadata.get("tags", []))
        if NOTE_TAG in tags:
            note = nbformat.v4.new_markdown_cell(NOTE)
            if "id" in cell:
                note["id"] = cell["id"]
            nb.cells[index] = note
            continue
        if tags & ANSWER_TAGS:
            placeholder = nbformat.v4.new_markdown_cell(PLACEHOLDER)
            placeholder.metadata["tags"] = ["answer-removed"]
            if "id" in cell:
                placeholder["id"] = cell["id"]
            nb.cells[index] = placeholder
            replaced += 1
    return replaced


#: The printable pages' folder inside a student copy (in the course it sits beside notebooks/).
READER_DIR = "reader"


def link_reader_beside(nb: nbformat.NotebookNode) -> None:
    """Point links to the printable pages at the copy's own reader/ folder instead of ../reader/."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = cell.source.replace("](../reader/", f"]({READER_DIR}/")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=str(ROOT / "student-notebooks"), help="folder to write the copies into")
    args = parser.parse_args(argv)
    out = Path(args.out)
    if out.resolve() == (ROOT / "notebooks").resolve():
        print(
            "--out must not be notebooks/: that would delete the answers from the teacher's copy. Choose "
            "another folder.",
            file=sys.stderr,
        )
        return 2
    out.mkdir(parents=True, exist_ok=True)
    for path in lesson_notebooks():
        nb = nbformat.read(path, as_version=4)
        removed = strip_answers(nb)
        link_reader_beside(nb)
        nbformat.write(nb, out / path.name)
        print(f"{path.name}: {removed} answer cells removed -> {out / path.name}")
    # The reader's page and the printable sheets have no answers; the lessons link to them, so they go
    # with them, inside the copy: the folder can be handed out or zipped on its own.
    worried = nbformat.read(ROOT / "notebooks" / WORRIED_PAGE, as_version=4)
    link_reader_beside(worried)
    nbformat.write(worried, out / WORRIED_PAGE)
    shutil.copytree(ROOT / "reader", out / READER_DIR, dirs_exist_ok=True)
    print(f"{WORRIED_PAGE} and {READER_DIR}/: copied -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
