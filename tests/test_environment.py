"""The pinned environment stays in agreement (environment rot breaks teaching notebooks first).

requirements.in (direct pins), requirements.lock (what pip installs) and
environment.yml (what conda and Binder read) must name the same versions, and the
environment the tests run in must be the locked one.
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

from tests.conftest import ROOT


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(lines: list[str], pattern: str) -> dict[str, str]:
    found = {}
    for line in lines:
        match = re.match(pattern, line)
        if match:
            found[canonical(match.group(1))] = match.group(2)
    return found


def direct_pins() -> dict[str, str]:
    return pins((ROOT / "requirements.in").read_text().splitlines(), r"^([A-Za-z0-9_.\-]+)==([^\s#]+)")


def lock_pins() -> dict[str, str]:
    return pins((ROOT / "requirements.lock").read_text().splitlines(), r"^([A-Za-z0-9_.\-]+)==([^\s#]+)")


def conda_pins() -> dict[str, str]:
    lines = (ROOT / "environment.yml").read_text().splitlines()
    conda = pins(lines, r"^\s+-\s+([A-Za-z0-9_.\-]+)=([^=\s#][^\s#]*)\s*$")
    pip = pins(lines, r"^\s+-\s+([A-Za-z0-9_.\-]+)==([^\s#]+)\s*$")
    return {**conda, **pip}


def test_every_direct_dependency_is_pinned_exactly():
    text = (ROOT / "requirements.in").read_text()
    loose = [line for line in text.splitlines() if line.strip() and not line.startswith("#") and "==" not in line]
    assert not loose, f"pin these exactly with ==: {loose}"
    assert {
        "jupyterlab",
        "ipywidgets",
        "plotly",
        "anywidget",
        "pandas",
        "numpy",
        "pytest",
        "nbval",
        "hypothesis",
        "playwright",
    } <= set(direct_pins())


def test_lock_agrees_with_direct_pins():
    lock = lock_pins()
    disagree = {name: (version, lock.get(name)) for name, version in direct_pins().items() if lock.get(name) != version}
    assert not disagree, f"requirements.in vs requirements.lock: {disagree}; run `python3 course.py lock`"


def test_environment_yml_lists_the_same_packages_at_the_same_versions():
    conda = conda_pins()
    conda.pop("python", None)
    direct = direct_pins()
    assert set(conda) == set(direct), (
        f"only in environment.yml: {set(conda) - set(direct)}; only in requirements.in: {set(direct) - set(conda)}"
    )
    disagree = {name: (conda[name], direct[name]) for name in direct if conda[name] != direct[name]}
    assert not disagree, f"environment.yml vs requirements.in (yml, in): {disagree}"


def test_environment_yml_python_matches_the_supported_python():
    match = re.search(r"^\s+-\s+python=(\d+)\.(\d+)", (ROOT / "environment.yml").read_text(), flags=re.MULTILINE)
    assert match and (int(match.group(1)), int(match.group(2))) >= (3, 11)


def test_the_running_environment_is_the_locked_one():
    """Direct pins always; inside the course's own .venv, every package of the lock."""
    installed = {canonical(d.metadata["Name"]): d.version for d in metadata.distributions()}
    in_course_venv = Path(sys.prefix).resolve() == (ROOT / ".venv").resolve()
    wanted = lock_pins() if in_course_venv else direct_pins()
    stale = {name: (version, installed.get(name)) for name, version in wanted.items() if installed.get(name) != version}
    assert not stale, (
        f"installed packages differ from the pins (pinned, installed): {stale}; run `python3 course.py setup`"
    )
