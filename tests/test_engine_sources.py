"""Every parameter carries its source or the word ASSUMPTION; the model stays free of UI libraries."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from helpers.engine.personas import default_personas_path

MODEL_DIR = Path(__file__).resolve().parent.parent / "helpers" / "engine"
SOURCE = re.compile(
    r"ASSUMPTION|definition|not a model parameter|\b(19|20)\d\d\b|PMID|Source|source"
    r"|Krupp|Cedarbaum|White|Dodds|Atassi"
)
NUMERIC_CONSTANT = re.compile(r"^([A-Z][A-Z0-9_]*)(: [\w\[\], .]+)? = (-?[\d.]|np\.)")


def _comment_block_above(lines: list[str], i: int) -> str:
    """The comment lines directly above line i (stopping at code or a blank line)."""
    block = []
    j = i - 1
    while j >= 0 and lines[j].lstrip().startswith("#"):
        block.append(lines[j])
        j -= 1
    return " ".join(block)


def test_every_model_constant_names_its_source_or_assumption():
    """Each numeric module-level constant has a source or ASSUMPTION on its line, or in the
    comment block above it, or shares one with the constants directly above it (no blank
    line between), or sits under a "# ---- ... ----" header that names one."""
    missing = []
    assert len(list(MODEL_DIR.glob("*.py"))) >= 8, f"the engine's modules are not in {MODEL_DIR}"
    for path in sorted(MODEL_DIR.glob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        group_ok = False
        for i, line in enumerate(lines):
            if not line.strip():
                group_ok = False
                continue
            if line.startswith(("# ----", "# ---")):
                group_ok = bool(SOURCE.search(line))
                continue
            m = NUMERIC_CONSTANT.match(line)
            if not m:
                continue
            here = line + " " + _comment_block_above(lines, i)
            if SOURCE.search(here) or group_ok:
                group_ok = True
                continue
            missing.append(f"{path.name}:{i + 1}: {m.group(1)}")
    assert not missing, "constants without a source or ASSUMPTION:\n" + "\n".join(missing)


def test_every_persona_number_names_its_source_or_assumption():
    missing = []
    lines = default_personas_path().read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        if line.lstrip().startswith("#") or not re.match(r"^\s*[a-z_0-9]+ = -?[\d.]+", line):
            continue
        key = line.split("=")[0].strip()
        if key == "age":  # part of the story, not a model parameter
            continue
        if not SOURCE.search(line):
            missing.append(f"personas.toml:{i + 1}: {line.strip()}")
    assert not missing, "persona values without a source or ASSUMPTION:\n" + "\n".join(missing)


def test_model_does_not_import_plotly_or_ipywidgets():
    code = (
        "import sys, helpers.engine, helpers.engine.cohort; "
        "bad = [m for m in ('plotly', 'ipywidgets') if m in sys.modules]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
