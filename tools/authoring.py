"""Build notebook cells the house way (used when writing or rebuilding a lesson).

Answers stay closed until a learner opens them, even after Run All:
- ``solution`` code cells (exercise answers) are stored with input and output
  collapsed (``jupyter.source_hidden`` and ``outputs_hidden``);
- ``explanation`` markdown cells (model answers to discussion prompts) are wrapped
  in ``<details>``, because JupyterLab re-expands a collapsed markdown cell when
  Run All renders it.
A teacher can hand out a copy without either (``python3 course.py student-copy``).
"""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import nbformat

ANSWER_SUMMARY = "<summary><strong>Model answer</strong> (open it after you have discussed the question)</summary>"


def close_answer(cell: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Make a ``solution`` or ``explanation`` cell start closed (idempotent)."""
    tags = set(cell.metadata.get("tags", []))
    if "solution" in tags and cell.cell_type == "code":
        cell.metadata["jupyter"] = {"source_hidden": True, "outputs_hidden": True}
    if "explanation" in tags and cell.cell_type == "markdown":
        cell.metadata.pop("jupyter", None)
        text = cell.source.strip()
        if not text.startswith("<details>"):
            text = text.removeprefix("**Model answer.**").removeprefix("**Model answer:**").strip()
            cell.source = f"<details>\n{ANSWER_SUMMARY}\n\n{text}\n\n</details>"
    return cell


def _tagged(cell: nbformat.NotebookNode, tags: tuple[str, ...]) -> nbformat.NotebookNode:
    if tags:
        cell.metadata["tags"] = list(tags)
    return close_answer(cell)


def md(text: str, *tags: str) -> nbformat.NotebookNode:
    """A markdown cell from an indented triple-quoted string."""
    return _tagged(nbformat.v4.new_markdown_cell(dedent(text).strip()), tags)


def code(source: str, *tags: str) -> nbformat.NotebookNode:
    """A code cell from an indented triple-quoted string."""
    return _tagged(nbformat.v4.new_code_cell(dedent(source).strip()), tags)


def close_answers_in(path: Path | str) -> int:
    """Apply close_answer to every answer cell of a stored notebook; return how many."""
    nb = nbformat.read(str(path), as_version=4)
    answers = [close_answer(c) for c in nb.cells if {"solution", "explanation"} & set(c.metadata.get("tags", []))]
    nbformat.write(nb, str(path))
    return len(answers)
