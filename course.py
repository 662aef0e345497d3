#!/usr/bin/env python3
"""The course's single entry point. Needs only Python 3.11+ to start.

    python3 course.py start     set up on first use, then open JupyterLab on the start notebook
    python3 course.py test      set up the same way, then run the whole test suite
    python3 course.py execute   re-run notebooks top to bottom in a fresh kernel and save them
    python3 course.py bench     print the benchmark table
    python3 course.py data      regenerate the synthetic cohort in data/
    python3 course.py student-copy   write the lessons without answers to student-notebooks/
    python3 course.py reader    rewrite the worried reader's printable pages in reader/
    python3 course.py readability   print the reading grade of every notebook
    python3 course.py case-lab  the case lab's teacher side: keys, marking, class report (see tools/case_lab.py)
    python3 course.py hub       a JupyterHub for a class on one server (see deploy/README.md)
    python3 course.py present 01    show a lesson on a projector without code (Voila, offline)
    python3 course.py handouts  write every lesson as an offline HTML handout, and a student version
    python3 course.py lock      refresh requirements.lock from requirements.in

Why a Python script rather than only a Makefile: a student on Windows, or on a
laptop with Python and nothing else, must be able to run the same two commands.
The Makefile wraps these for people who prefer `make`.

Set-up is idempotent: a virtual environment in `.venv/` inside the repository,
the exact packages of `requirements.lock`, and the `helpers` package installed in
editable mode so that `import helpers` works from any notebook. It is redone only
when requirements.lock or pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
from helpers.machine import usable_cores  # noqa: E402  (standard library only)
from tools.chromium import find_chromium, is_ci  # noqa: E402  (standard library only)
from tools.sandbox import CELL_TOOLBAR_OFF, NOTEBOOK_TOOLBAR_EDITS_OFF  # noqa: E402  (standard library only)

VENV = ROOT / ".venv"
STAMP = VENV / ".course-env-stamp"
LOCK = ROOT / "requirements.lock"
START_NOTEBOOK = "00_start_here.ipynb"
#: The learner's own copies of the lessons (git-ignored): the course's notebooks/ stay as shipped,
#: so a `git pull` of a course update never conflicts with a learner's work.
MY_NOTEBOOKS = ROOT / "my-notebooks"
#: JupyterLab settings the course ships: no "get notified about news?" pop-up over the safety notice,
#: no update checks (the course runs offline).
LAB_OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
    # The active cell's toolbar (duplicate, move, insert, delete) is in the Tab order: a keyboard user pressing
    # Space on it edits the lesson by accident. The menus and shortcuts still do all of it. "showToolbar" alone
    # is not enough in JupyterLab 4.6: it reaches only the notebook opened last before the setting loaded, so
    # every item is also removed (an empty toolbar has nothing to focus).
    "@jupyterlab/cell-toolbar-extension:plugin": CELL_TOOLBAR_OFF,
    "@jupyterlab/notebook-extension:panel": NOTEBOOK_TOOLBAR_EDITS_OFF,
}
#: Every kernel of the course's environment loads the course's error display (helpers/kernel.py).
KERNEL_CONFIG = "c.InteractiveShellApp.extensions = ['helpers.kernel']\n"
#: Every Jupyter app of the course's environment (JupyterLab, Notebook 7, Voila, a hub student's server) talks to
#: its kernels over IPC: socket files in the user's private runtime folder. Over TCP, on a shared class server,
#: another account could listen to a student's kernel on loopback (ipykernel warns of it once per kernel).
JUPYTER_CONFIG = {"KernelManager": {"transport": "ipc"}}
MIN_PYTHON = (3, 11)


def say(message: str) -> None:
    print(f"[course] {message}", flush=True)


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def venv_bin(name: str) -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / f"{name}.exe"
    return VENV / "bin" / name


def env_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in (LOCK, ROOT / "pyproject.toml"):
        digest.update(path.read_bytes())
    digest.update(sys.version.encode())
    return digest.hexdigest()


def run(cmd: list[str | Path], **kwargs) -> None:
    completed = subprocess.run([str(c) for c in cmd], check=False, **kwargs)
    if completed.returncode != 0:
        raise SystemExit(completed.returncode)


def ensure_environment() -> None:
    """Create .venv and install the pinned packages, unless already done for this lock."""
    if sys.version_info < MIN_PYTHON:
        raise SystemExit(
            f"[course] Python {'.'.join(map(str, MIN_PYTHON))} or newer is needed; this is {sys.version.split()[0]}. "
            "Install a newer Python and run the command with it."
        )
    if not venv_python().exists():
        say("creating the virtual environment in .venv/ (first run only)")
        try:
            run([sys.executable, "-m", "venv", VENV])
        except SystemExit:
            raise SystemExit(
                "[course] could not create .venv. On Debian/Ubuntu install the venv module "
                "(apt-get install python3-venv) and try again."
            ) from None
    fingerprint = env_fingerprint()
    if STAMP.exists() and STAMP.read_text().strip() == fingerprint:
        return
    say("installing the pinned packages from requirements.lock (first run, or the lock changed)")
    # The lock pins every package, so pip need not resolve dependencies. (Modules are compiled at install: a class
    # hub's students run this environment as other accounts, which cannot write the compiled files later.)
    run(
        [
            venv_python(),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-deps",
            "-r",
            LOCK,
        ]
    )
    run([venv_python(), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps", "-e", ROOT])
    STAMP.write_text(fingerprint + "\n")
    say("environment ready")


def configure_environment() -> None:
    """The settings the course ships into its environment (cheap; rewritten on every run so they stay current)."""
    import json

    settings = VENV / "share" / "jupyter" / "lab" / "settings"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "overrides.json").write_text(json.dumps(LAB_OVERRIDES, indent=2) + "\n")
    ipython = VENV / "etc" / "ipython"
    ipython.mkdir(parents=True, exist_ok=True)
    (ipython / "ipython_kernel_config.py").write_text(KERNEL_CONFIG)
    jupyter = VENV / "etc" / "jupyter"
    jupyter.mkdir(parents=True, exist_ok=True)
    # Voila reads its own file, not jupyter_config.json.
    for name in ("jupyter_config.json", "voila.json"):
        (jupyter / name).write_text(json.dumps(JUPYTER_CONFIG, indent=2) + "\n")


def working_copies(source: Path = ROOT / "notebooks", target: Path = MY_NOTEBOOKS) -> list[str]:
    """Copy every course notebook the learner does not have yet into ``target``; never overwrite one.

    Returns notes for the learner: which lessons are new, and which course lessons changed since
    the learner's copy was made (their copy is kept; to take the new one, rename theirs and start again).
    """
    import json

    target.mkdir(exist_ok=True)
    manifest_path = target / ".course-copies.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    notes = []
    for notebook in sorted(source.glob("*.ipynb")):
        digest = hashlib.sha256(notebook.read_bytes()).hexdigest()
        mine = target / notebook.name
        if not mine.exists():
            shutil.copy2(notebook, mine)
            manifest[notebook.name] = digest
            notes.append(f"new lesson copied for you: {target.name}/{mine.name}")
        elif manifest.get(notebook.name) not in (None, digest):
            notes.append(
                f"a newer version of {notebook.name} is in notebooks/; your copy in {target.name}/ was kept "
                f"(to take the new one, rename your copy and run start again)"
            )
    manifest_path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return notes


def in_venv(args: list[str]) -> int:
    """Run `python -m <args>` (or a tool script) inside the course environment."""
    return subprocess.call([str(venv_python()), *args], cwd=ROOT)


def ensure_chromium() -> str | None:
    """Return Chromium's path; in CI as root on Debian, install it when missing."""
    found = find_chromium()
    if found:
        return found
    is_root = hasattr(os, "geteuid") and os.geteuid() == 0
    if is_ci() and is_root and shutil.which("apt-get"):
        say("Chromium is missing: installing Debian's chromium for the browser tests")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        run(["apt-get", "update", "-qq"], env=env)
        run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium", "fonts-dejavu-core"], env=env)
        return find_chromium()
    return None


def lab_args() -> list[str]:
    """JupyterLab on loopback only, token authentication kept, opening the learner's copy of the start notebook."""
    args = [
        str(venv_bin("jupyter")),
        "lab",
        "--ServerApp.ip=127.0.0.1",
        # The printed URL (and the browser, where there is one) opens the start notebook.
        f"--LabApp.default_url=/lab/tree/{MY_NOTEBOOKS.name}/{START_NOTEBOOK}",
        f"--ServerApp.root_dir={ROOT}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--allow-root")
    return args


def cmd_start(extra: list[str]) -> int:
    ensure_environment()
    configure_environment()
    for note in working_copies():
        say(note)
    say("opening JupyterLab on 127.0.0.1; the URL with its access token is printed below. Stop with Ctrl+C.")
    return subprocess.call(lab_args() + extra, cwd=ROOT)


def cmd_test(extra: list[str]) -> int:
    ensure_environment()
    configure_environment()
    chromium = ensure_chromium()
    env = dict(os.environ)
    if chromium:
        env["COURSE_CHROMIUM"] = chromium
    elif is_ci():
        say(
            "CI=true but no Chromium was found or installed: the browser tests will fail, as they must not be "
            "skipped in CI."
        )
    else:
        say(
            "Chromium not found: the browser tests will be skipped. To run them, install Chromium "
            "(Debian/Ubuntu: sudo apt-get install chromium) or set COURSE_CHROMIUM=/path/to/chrome."
        )
    if shutil.which("npm"):
        # The Node.js packages the tests use (axe-core, the hub's proxy), installed now so the tests need no network.
        if in_venv(["-m", "tools.npm"]) != 0:
            return 1
    elif is_ci():
        say("CI=true but npm was not found: the accessibility and hub tests will fail. Install Node.js 20 and npm.")
    else:
        say("npm not found: the accessibility check and the hub test are left out (install Node.js 20 and npm).")
    pytest = [str(venv_python()), "-m", "pytest", *test_processes(extra), *extra]
    cut = network_cut()
    if cut:
        say("running the tests with the network cut (a network namespace with only loopback)")
        env["COURSE_NETWORK_CUT"] = "1"
    return subprocess.call(cut + pytest, cwd=ROOT, env=env)


def test_processes(extra: list[str]) -> list[str]:
    """pytest-xdist's options: two test processes where there are two cores, unless the caller chose.

    Why two, by file: the suite is most of CI's time, and a notebook's cells (nbval), a browser
    test's JupyterLab and the hub's servers must stay in one process, in order. ``--dist loadfile`` keeps
    each file in one process; tests/conftest.py runs the browser and hub tests in one, one at a time.
    Two, not more: CI has two cores.
    """
    chosen = any(arg.startswith(("-n", "--numprocesses", "--dist")) for arg in extra)
    if chosen or "no:xdist" in extra or usable_cores() < 2:
        return []
    return ["-n", "2", "--dist", "loadfile"]


def network_cut() -> list[str]:
    """In CI, as root on Linux: the prefix that runs a command in a new network namespace with only loopback up.

    Everything the tests need (packages, Chromium, axe-core, the hub's proxy) is installed before this point,
    so the whole suite proves it needs no network. Elsewhere (or without unshare and ip): no prefix.
    """
    is_root = hasattr(os, "geteuid") and os.geteuid() == 0
    if not (is_ci() and is_root and sys.platform == "linux" and shutil.which("unshare") and shutil.which("ip")):
        return []
    return ["unshare", "--net", "sh", "-c", 'ip link set lo up && exec "$@"', "sh"]


def cmd_setup(_extra: list[str]) -> int:
    ensure_environment()
    configure_environment()
    return 0


def cmd_tool(module: str, extra: list[str]) -> int:
    ensure_environment()
    configure_environment()
    return in_venv(["-m", module, *extra])


def cmd_lock(_extra: list[str]) -> int:
    ensure_environment()
    run([venv_python(), "-m", "pip", "install", "--quiet", "-r", ROOT / "requirements.in"])
    frozen = subprocess.run(
        [str(venv_python()), "-m", "pip", "freeze", "--exclude-editable"], capture_output=True, text=True, check=True
    ).stdout
    lines = sorted((line for line in frozen.splitlines() if line and not line.startswith("-e")), key=str.lower)
    header = (
        "# Generated by 'python3 course.py lock' from requirements.in: every package, pinned.\n# Do not edit by hand.\n"
    )
    LOCK.write_text(header + "\n".join(lines) + "\n")
    say(f"wrote {LOCK.name} ({len(lines)} packages); now update environment.yml to the same pins")
    return 0


COMMANDS = {
    "start": cmd_start,
    "test": cmd_test,
    "execute": lambda extra: cmd_tool("tools.execute", extra),
    "bench": lambda extra: cmd_tool("tools.bench", extra),
    "data": lambda extra: cmd_tool("helpers.engine.cohort", ["--out", "data", *extra]),
    "student-copy": lambda extra: cmd_tool("tools.student_copy", extra),
    "reader": lambda extra: cmd_tool("tools.reader_pages", extra),
    "readability": lambda extra: cmd_tool("tools.readability", extra),
    "case-lab": lambda extra: cmd_tool("tools.case_lab", extra),
    "hub": lambda extra: cmd_tool("tools.hub", extra),
    "present": lambda extra: cmd_tool("tools.present", extra),
    "handouts": lambda extra: cmd_tool("tools.handouts", extra),
    "lock": cmd_lock,
    "setup": cmd_setup,
}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print(__doc__)
        wanted = argv[0] if argv else "nothing"
        print(f"Unknown command: {wanted}. Allowed: {', '.join(COMMANDS)}.")
        return 2
    return COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
