"""Show a lesson on a projector: the notebook as an app without code (Voila), every widget live, offline.

    python3 course.py present 01            # lesson 01 (a number, a name, or a path)
    python3 course.py present 02 --port 8870

Serves on 127.0.0.1 only, behind a token (the URL to open is printed). The code is hidden; predictions
stay locked until answered, model answers and exercise results stay closed until someone opens them,
as in JupyterLab. The page loads nothing from the internet: the course's Voila template
(deploy/presentation/voila/templates/course) drops the default template's CDN stylesheets. Each open
page runs its own kernel; one left idle for 20 minutes is stopped.
"""

from __future__ import annotations

import argparse
import os
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tools.execute import NOTEBOOKS, lesson_notebooks

ROOT = Path(__file__).resolve().parent.parent
#: A Jupyter data folder holding the course's Voila template (voila/templates/course).
TEMPLATE_DATA_DIR = ROOT / "deploy" / "presentation"
TEMPLATE = "course"
IDLE_KERNEL_S = 20 * 60


def find_lesson(wanted: str) -> Path:
    """The lesson a teacher means by '01', '01_tired_or_weak', 'if_you_are_worried' or a path."""
    path = Path(wanted)
    if path.suffix == ".ipynb" and path.exists():
        return path.resolve()
    candidates = [*lesson_notebooks(), *sorted(NOTEBOOKS.glob("*.ipynb"))]
    for notebook in candidates:
        if notebook.stem == wanted or notebook.stem.startswith(f"{wanted}_") or notebook.name == wanted:
            return notebook
    names = ", ".join(sorted({n.stem for n in candidates}))
    raise SystemExit(f"[course] no lesson called {wanted!r}. Give a number like 01, or one of: {names}.")


@dataclass
class Presentation:
    url: str
    token: str
    process: subprocess.Popen

    def page_url(self) -> str:
        return f"{self.url}/?token={self.token}"


def voila_args(notebook: Path, port: int, token: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "voila",
        str(notebook),
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        f"--port={port}",
        f"--token={token}",
        f"--template={TEMPLATE}",
        "--show_tracebacks=False",
        "--progressive_rendering=True",
        f"--MappingKernelManager.cull_idle_timeout={IDLE_KERNEL_S}",
        "--MappingKernelManager.cull_interval=60",
    ]


def voila_environment(base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment with the course's template folder on Jupyter's data path."""
    env = dict(base if base is not None else os.environ)
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(TEMPLATE_DATA_DIR), env.get("JUPYTER_PATH", "")) if p)
    return env


@contextmanager
def running_presentation(
    notebook: Path, port: int, env: dict[str, str] | None = None, log_path: Path | None = None
) -> Iterator[Presentation]:
    """Serve ``notebook`` with Voila until the block ends; it is stopped by process id even when the block fails."""
    token = secrets.token_hex(16)
    log = log_path.open("w") if log_path else None
    process = subprocess.Popen(
        voila_args(notebook, port, token),
        env=voila_environment(env),
        cwd=notebook.parent,
        stdout=log or subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"Voila exited early (code {process.returncode}); see its log {log_path}")
            try:  # Voila has no status page: any HTTP answer (a 403 for a file it does not serve) means it is up
                with urllib.request.urlopen(f"{url}/voila/files/ready", timeout=2):
                    break
            except urllib.error.HTTPError:
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("Voila did not answer within 60 s") from None
                time.sleep(0.3)
        yield Presentation(url, token, process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        if log:
            log.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python3 course.py present", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("lesson", help="a lesson number (01), name (01_tired_or_weak) or path")
    parser.add_argument("--port", type=int, default=8866)
    args = parser.parse_args(argv)
    notebook = find_lesson(args.lesson)
    token = secrets.token_hex(16)
    print(f"[course] presenting {notebook.name}: open http://127.0.0.1:{args.port}/?token={token}")
    print("[course] (each browser tab runs the lesson afresh, about 10 s; stop with Ctrl+C)")
    try:
        return subprocess.call(voila_args(notebook, args.port, token), env=voila_environment(), cwd=notebook.parent)
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
