"""Build notebook cells the house way (used when writing or rebuilding a lesson).

Cells tagged ``solution`` (exercise answers) and ``explanation`` (model answers to
discussion prompts) are stored collapsed (``jupyter.source_hidden``), so a
learner sees a closed cell and opens it only when ready; a teacher can hand out
a copy without them (``python3 -m tools.student_copy``).
"""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import nbformat

HIDDEN_TAGS = {"solution", "explanation"}


def _tagged(cell: nbformat.NotebookNode, tags: tuple[str, ...]) -> nbformat.NotebookNode:
    if tags:
        cell.metadata["tags"] = list(tags)
    if HIDDEN_TAGS.intersection(tags):
        cell.metadata["jupyter"] = {"source_hidden": True}
    return cell


def md(text: str, *tags: str) -> nbformat.NotebookNode:
    """A markdown cell from an indented triple-quoted string."""
    return _tagged(nbformat.v4.new_markdown_cell(dedent(text).strip()), tags)


def code(source: str, *tags: str) -> nbformat.NotebookNode:
    """A code cell from an indented triple-quoted string."""
    return _tagged(nbformat.v4.new_code_cell(dedent(source).strip()), tags)


def write_notebook(path: Path | str, cells: list[nbformat.NotebookNode]) -> None:
    """Write an unexecuted notebook; run ``python3 course.py execute PATH`` next."""
    nb = nbformat.v4.new_notebook()
    nb.cells = cells
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    nbformat.write(nb, str(path))
