"""Errors a learner can cause read as a short box, not a traceback; a skipped setup cell says what to do."""

from __future__ import annotations

import contextlib

import nbformat

from tools.authoring import code
from tools.execute import run_in_fresh_kernel
from tools.sandbox import sandbox


def run_cells(tmp_path, *sources: str) -> list:
    nb = nbformat.v4.new_notebook()
    nb.cells = [code(s) for s in sources]
    with sandbox() as env, contextlib.suppress(Exception):  # a cell is meant to fail: we look at what it showed
        run_in_fresh_kernel(nb, tmp_path, env)
    return nb.cells


def shown(cell) -> str:
    return " ".join(
        "".join(o.get("data", {}).get("text/html", "")) + "".join(o.get("text", "")) + str(o.get("ename", ""))
        for o in cell.outputs
    )


def test_a_course_input_error_shows_a_short_box_without_a_traceback(tmp_path):
    cells = run_cells(tmp_path, "from helpers.fatigue import *\nstart_lesson();", 'grip_lab(persona="bob")')
    text = shown(cells[1])
    assert "That did not work" in text and "Fix:" in text and "bob" in text
    assert not [o for o in cells[1].outputs if o.output_type == "error"], "no red traceback"


def test_a_widget_cell_run_before_setup_says_to_run_the_setup_cell(tmp_path):
    cells = run_cells(tmp_path, 'grip_lab(persona="hard_training_week")')
    text = shown(cells[0])
    assert "is not loaded yet" in text and "Run All Cells" in text


def test_other_errors_keep_their_traceback(tmp_path):
    cells = run_cells(tmp_path, "from helpers.fatigue import *\nstart_lesson();", "1 / 0")
    assert any(o.output_type == "error" and o.ename == "ZeroDivisionError" for o in cells[1].outputs)
