"""The course's own tools: the entry point, executing notebooks, the student copy, the sandbox."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import uuid
from pathlib import Path

import nbformat
import pytest

from tests.conftest import ROOT
from tools.authoring import close_answer, code, md
from tools.execute import strip_volatile_metadata
from tools.lab import stored_output_counts
from tools.sandbox import sandbox_env
from tools.student_copy import PLACEHOLDER, strip_answers


def test_unknown_command_names_the_allowed_ones():
    result = subprocess.run(
        [sys.executable, str(ROOT / "course.py"), "strat"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert "Unknown command: strat" in result.stdout and "start" in result.stdout and "test" in result.stdout


def test_ci_script_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    readme = (ROOT / "README.md").read_text()
    assert "python3 course.py test" in ci
    assert "python3 course.py test" in readme and "python3 course.py start" in readme


def test_execution_strips_widget_state_and_timings_and_gives_stable_widget_ids():
    def executed() -> nbformat.NotebookNode:
        nb = nbformat.v4.new_notebook()
        nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {"x": "5 MB of plotly.js"}}}
        nb.cells = [md("text"), code("1 + 1"), code("app")]
        for index, cell in enumerate(nb.cells):
            cell.id = f"cell-{index}"  # stored notebooks keep their cell ids; fresh ones are random
        nb.cells[1].metadata["execution"] = {"iopub.execute_input": "2026-01-01"}
        nb.cells[2].outputs = [
            nbformat.v4.new_output(
                "execute_result",
                data={"application/vnd.jupyter.widget-view+json": {"model_id": uuid.uuid4().hex}},
                execution_count=2,
            )
        ]
        strip_volatile_metadata(nb)
        return nb

    first, second = executed(), executed()
    assert "widgets" not in first.metadata and "execution" not in first.cells[1].metadata
    first_id = first.cells[2].outputs[0]["data"]["application/vnd.jupyter.widget-view+json"]["model_id"]
    assert re.fullmatch(r"[0-9a-f]{32}", first_id)
    assert nbformat.writes(first) == nbformat.writes(second), (
        "two runs of an unchanged notebook must store the same text"
    )


def test_answer_cells_are_collapsed_when_authored_and_removed_in_the_student_copy():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        md("Exercise: compute it."),
        code("answer = 42", "solution"),
        md("**Model answer.** Because.", "explanation"),
        code("print(1)"),
    ]
    assert nb.cells[1].metadata["jupyter"] == {"source_hidden": True, "outputs_hidden": True}
    assert nb.cells[2].source.startswith("<details>\n<summary>") and nb.cells[2].source.endswith(
        "Because.\n\n</details>"
    )
    assert close_answer(nb.cells[2]).source.count("<details>") == 1, "closing twice must not nest"
    assert strip_answers(nb) == 2
    assert [c.source for c in nb.cells] == ["Exercise: compute it.", PLACEHOLDER, PLACEHOLDER, "print(1)"]


def test_student_copy_refuses_to_overwrite_the_teachers_notebooks():
    result = subprocess.run(
        [sys.executable, "-m", "tools.student_copy", "--out", str(ROOT / "notebooks")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 2 and "must not be notebooks/" in result.stderr


def test_student_copy_keeps_every_lesson(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "tools.student_copy", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    copies = sorted(p.name for p in tmp_path.glob("*.ipynb"))
    lessons = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert copies == sorted([*lessons, "if_you_are_worried.ipynb"]), "the lessons, and the reader's page they link to"
    for copy in tmp_path.glob("*.ipynb"):
        cells = json.loads(copy.read_text())["cells"]
        assert not [c for c in cells if {"solution", "explanation"} & set(c.get("metadata", {}).get("tags", []))]
        text = " ".join("".join(c["source"]) for c in cells).lower()
        assert "closed cell" not in text and "answer is in" not in text, f"{copy.name} still points to answers"
        for link in re.findall(r"\]\(([^)#]+\.html)\)", text):
            assert (tmp_path / link).is_file(), f"{copy.name} links to {link}, which the copy does not hold"
    assert sorted(p.name for p in (tmp_path / "reader").glob("*.html")) == sorted(
        p.name for p in (ROOT / "reader").glob("*.html")
    ), "the printable pages go with the copy"


def test_sandbox_keeps_jupyter_out_of_the_real_home_and_turns_windowing_off(tmp_path):
    env = sandbox_env(tmp_path)
    for name in ("HOME", "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR"):
        assert env[name].startswith(str(tmp_path))
    settings = tmp_path / "lab-settings" / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    assert json.loads(settings.read_text()) == {"windowingMode": "none"}


def test_stored_output_counts_sees_plotly_and_widget_outputs(tmp_path):
    nb = nbformat.v4.new_notebook()
    cell = code("x")
    cell.outputs = [
        nbformat.v4.new_output("display_data", data={"application/vnd.plotly.v1+json": {"data": []}}),
        nbformat.v4.new_output(
            "execute_result",
            data={"application/vnd.jupyter.widget-view+json": {"model_id": "a"}, "text/plain": "[Interactive: x]"},
            execution_count=1,
        ),
    ]
    nb.cells = [cell]
    path = tmp_path / "n.ipynb"
    nbformat.write(nb, path)
    assert stored_output_counts(path) == {"plotly": 1, "widget": 1, "model_answers": 0}


def test_start_serves_loopback_only_with_token_on_the_start_notebook():
    sys.path.insert(0, str(ROOT))
    import course

    args = course.lab_args()
    assert "--ServerApp.ip=127.0.0.1" in args
    assert not [a for a in args if "token=" in a.lower() or "password" in a.lower()], (
        "start must keep Jupyter's token authentication"
    )
    assert any(a.endswith("/lab/tree/my-notebooks/00_start_here.ipynb") for a in args)
    assert (ROOT / "notebooks" / course.START_NOTEBOOK).exists()


def test_learners_work_in_their_own_copies_which_start_never_overwrites(tmp_path):
    """Issue 15: a session must not rewrite the course's notebooks, and an update must not wipe a learner's work."""
    sys.path.insert(0, str(ROOT))
    import course

    source, mine = tmp_path / "notebooks", tmp_path / "my-notebooks"
    source.mkdir()
    (source / "01_a.ipynb").write_text("course v1")
    (source / "02_b.ipynb").write_text("course v1")
    notes = course.working_copies(source, mine)
    assert sorted(p.name for p in mine.glob("*.ipynb")) == ["01_a.ipynb", "02_b.ipynb"] and len(notes) == 2
    (mine / "01_a.ipynb").write_text("my answers")
    (source / "01_a.ipynb").write_text("course v2")
    (source / "03_c.ipynb").write_text("course v1")
    notes = course.working_copies(source, mine)
    assert (mine / "01_a.ipynb").read_text() == "my answers", "a learner's copy is never overwritten"
    assert (mine / "03_c.ipynb").read_text() == "course v1", "a new lesson is copied"
    assert any("newer version of 01_a.ipynb" in n for n in notes), "the learner is told about the update"
    assert not course.working_copies(source, mine)[1:], "nothing new to say the next time but the update note"


def test_the_environment_ships_lab_settings_and_the_kernel_extension():
    sys.path.insert(0, str(ROOT))
    import course

    course.configure_environment()
    overrides = json.loads((ROOT / ".venv/share/jupyter/lab/settings/overrides.json").read_text())
    assert overrides["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    assert "helpers.kernel" in (ROOT / ".venv/etc/ipython/ipython_kernel_config.py").read_text()


def test_the_environments_jupyter_apps_start_kernels_over_ipc(tmp_path):
    """JupyterLab, Voila and a hub student's server load the environment's jupyter config: kernels use IPC."""
    import time

    from tools.sandbox import sandbox

    sys.path.insert(0, str(ROOT))
    import course

    course.configure_environment()
    with sandbox() as env:
        runtime = Path(env["JUPYTER_RUNTIME_DIR"])
        kernel = subprocess.Popen(
            [str(ROOT / ".venv/bin/jupyter"), "kernel", "--kernel=python3"],
            env=env,
            cwd=tmp_path,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            deadline = time.monotonic() + 60
            while not list(runtime.glob("kernel-*.json")) and time.monotonic() < deadline and kernel.poll() is None:
                time.sleep(0.2)
            files = list(runtime.glob("kernel-*.json"))
            assert files, "jupyter kernel wrote no connection file"
            assert json.loads(files[0].read_text())["transport"] == "ipc"
        finally:
            kernel.terminate()
            _out, err = kernel.communicate(timeout=30)
    assert "without encryption" not in err, err


def test_a_kernel_runs_in_the_sandbox_which_is_removed_afterwards_and_os_environ_is_untouched(tmp_path):
    import os
    from pathlib import Path

    from tools.execute import run_in_fresh_kernel
    from tools.sandbox import sandbox

    before = dict(os.environ)
    with sandbox() as env:
        base = Path(env["HOME"]).parent
        nb = nbformat.v4.new_notebook()
        nb.cells = [
            code("import os\nprint(os.environ['HOME'])"),
            code("from ipykernel.kernelapp import IPKernelApp\nprint(IPKernelApp.instance().transport)"),
            code("print(IPKernelApp.instance().abs_connection_file)"),
        ]
        run_in_fresh_kernel(nb, tmp_path, env)
        assert nb.cells[0].outputs[0]["text"].strip() == env["HOME"], "the kernel sees the sandbox's HOME"
        assert nb.cells[1].outputs[0]["text"].strip() == "ipc", "the kernel's sockets are files, not loopback ports"
        import psutil

        left = [
            p.pid
            for p in psutil.process_iter(["cmdline"])
            if env["JUPYTER_RUNTIME_DIR"] in " ".join(p.info["cmdline"] or [])
        ]
        assert left == [], "the kernel is stopped once its notebook has run"
        connection = nb.cells[2].outputs[0]["text"].strip()
        assert connection.startswith(env["JUPYTER_RUNTIME_DIR"]), "its connection file is in the sandbox"
        assert not Path(connection).exists(), "and is removed with the kernel"
    assert dict(os.environ) == before, "running a kernel must not change this process's environment"
    assert not base.exists(), "the sandbox folder is removed afterwards"


def test_in_ci_the_suite_runs_with_the_network_cut():
    """course.py test runs pytest in a network namespace with only loopback (CI, root, Linux): nothing reaches out."""
    import os
    import socket

    from tools.chromium import is_ci

    sys.path.insert(0, str(ROOT))
    import course

    if not course.network_cut():
        assert not (is_ci() and sys.platform == "linux" and os.geteuid() == 0), "CI as root must cut the network"
        return  # elsewhere the suite runs with whatever network the machine has
    assert os.environ.get("COURSE_NETWORK_CUT") == "1", "in CI the tests must be started by course.py test"
    for address in (("1.1.1.1", 53), ("pypi.org", 443)):
        try:
            socket.create_connection(address, timeout=3).close()
        except OSError:
            continue
        raise AssertionError(f"the network is not cut: {address} answered")
    with socket.create_server(("127.0.0.1", 0)) as server:  # loopback still works
        socket.create_connection(server.getsockname(), timeout=3).close()


@pytest.mark.parametrize("name", ["00_start_here.ipynb"])
def test_re_executing_a_notebook_gives_its_stored_file_byte_for_byte(name):
    """A clean re-run changes nothing in git (no ids, times or random values in the stored file).

    One notebook here (figures, live widgets, predictions); `course.py bench` runs every notebook twice and
    reports how many are byte-identical to each other and to the stored file.
    """
    from tools.execute import executed_text
    from tools.sandbox import sandbox

    path = ROOT / "notebooks" / name
    with sandbox() as env:
        text, _seconds = executed_text(path, env)
    stored = path.read_text(encoding="utf-8")
    assert text == stored, f"{name}: a fresh run differs from the stored file (run python3 course.py execute {path})"


def test_the_suite_runs_in_two_processes_by_file_unless_the_caller_chose(monkeypatch):
    """Two test processes on two or more cores, in groups that stay whole (nbval's cells, the browser tests)."""
    import course

    monkeypatch.setattr(course, "usable_cores", lambda: 2)
    assert course.test_processes([]) == ["-n", "2", "--dist", "loadfile"]
    assert course.test_processes(["tests/test_tools.py", "-q"]) == ["-n", "2", "--dist", "loadfile"]
    for chosen in (["-n", "0"], ["-n4"], ["--numprocesses=3"], ["-p", "no:xdist"], ["--dist", "load"]):
        assert course.test_processes(chosen) == [], chosen
    monkeypatch.setattr(course, "usable_cores", lambda: 1)
    assert course.test_processes([]) == []


def test_browser_and_hub_tests_share_one_process_and_each_other_file_stays_whole(pytestconfig, monkeypatch):
    """The xdist scheduler of tests/conftest.py: one scope for all browser and hub tests, one per other file."""
    from tests.conftest import pytest_xdist_make_scheduler

    monkeypatch.setattr(pytestconfig.option, "dist", "loadfile", raising=False)
    monkeypatch.setattr(pytestconfig.option, "tx", ["2*popen"], raising=False)  # as `-n 2` sets it
    scheduler = pytest_xdist_make_scheduler(pytestconfig, None)
    scope = scheduler._split_scope  # type: ignore[attr-defined]
    browser = {
        scope("tests/browser/test_notebooks_in_browser.py::test_notebook_runs_and_draws_in_chromium[00_start_here]"),
        scope("tests/browser/test_handouts.py::test_every_lesson_has_a_handout_source"),
        scope("tests/test_hub.py::test_idle_servers_are_stopped_and_a_busy_one_is_not"),
    }
    assert len(browser) == 1
    assert scope("notebooks/01_tired_or_weak.ipynb::Cell 0") == scope("notebooks/01_tired_or_weak.ipynb::Cell 9")
    assert scope("notebooks/01_tired_or_weak.ipynb::Cell 0") not in browser
    assert scope("tests/test_palette.py::test_a") != scope("tests/test_tools.py::test_b")
    monkeypatch.setattr(pytestconfig.option, "dist", "no")
    assert pytest_xdist_make_scheduler(pytestconfig, None) is None, "only course.py test's --dist loadfile"
