"""Every source is complete enough to find, every citation resolves, and every entry is cited somewhere.

The bibliography (data/references.toml) is the one list; lessons show it with
references("key", ...), the persona file names its sources by key. A lesson's list
must hold exactly the sources its text, its questions and its reveals cite.
"""

from __future__ import annotations

import importlib
import json
import re
import tomllib

import pytest

from helpers.engine.personas import load_persona_specs
from helpers.references import bibliography
from tests.conftest import NOTEBOOKS, ROOT

#: An in-text citation: "Author 2013", "Author & Other 2013", "Author et al. 2013", "NHS 2023".
CITATION = re.compile(
    r"\b([A-Z][A-Za-zàèéìòùç'\-]+(?: (?:&|and) [A-Z][A-Za-z'\-]+| et al\.| [A-Z][a-z]+ Council)?),? ((?:19|20)\d\d)\b"
)


def lesson_package(path):
    """helpers/<package> whose notebook this is, from the setup cell's star import."""
    setup = "".join(json.loads(path.read_text(encoding="utf-8"))["cells"][1]["source"])
    return re.search(r"from helpers\.(\w+) import \*", setup).group(1)


def listed_keys(path) -> list[str]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    source = "".join(cells[-1]["source"])
    assert source.startswith("references("), f"{path.name}: the last cell is references(...)"
    return re.findall(r'"(\w+)"', source)


def readable_text(path) -> str:
    """What a reader of the lesson can read: markdown, stored text outputs, the question bank, persona reveals."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"][:-1]
    parts = ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]
    for c in cells:
        for output in c.get("outputs", []):
            data = output.get("data", {})
            parts.append(
                data.get("text/html", "")
                if isinstance(data.get("text/html"), str)
                else "".join(data.get("text/html", []))
            )
            meta = data.get("application/vnd.plotly.v1+json", {}).get("layout", {}).get("meta", {})
            parts.append(meta.get("description", ""))
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    if re.search(r"\b(quiz|predict\w*|\w+_lab|\w+_explorer|side_by_side)\(", code):
        # The lesson's widgets show its questions and, on reveal, its people's stories.
        bank = ROOT / "helpers" / lesson_package(path) / "questions.toml"
        parts.append(bank.read_text(encoding="utf-8"))
        package = importlib.import_module(f"helpers.{lesson_package(path)}")
        specs = load_persona_specs()
        parts += [specs[p].condition_explained for p in getattr(package, "REVEALS", ())]
        parts += list(getattr(package, "WIDGET_TEXTS", ()))
    return " ".join(" ".join(parts).split())


def test_every_entry_can_be_found():
    for key, ref in bibliography().items():
        assert ref.pmid or ref.doi or ref.url or ref.details, key
        assert re.fullmatch(r"[a-z]+\d{0,4}[a-z]?", key), f"key {key!r}: firstauthorYEAR"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_a_lessons_reference_list_is_exactly_what_it_cites(path):
    refs = bibliography()
    listed = listed_keys(path)
    assert all(k in refs for k in listed), f"unknown keys: {[k for k in listed if k not in refs]}"
    text = readable_text(path)
    cited = {k for k, r in refs.items() if r.cite in text}
    missing = sorted(cited - set(listed))
    assert not missing, f"{path.name} cites these without listing them in references(...): {missing}"
    unused = sorted(set(listed) - cited)
    assert not unused, f"{path.name} lists these but never cites them: {unused}"


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@pytest.mark.parametrize("path", [*NOTEBOOKS, ROOT / "notebooks" / "if_you_are_worried.ipynb"], ids=lambda p: p.stem)
def test_every_in_text_citation_is_in_the_bibliography(path):
    """Every "Name Year" in the text is the start of a bibliography entry's citation."""
    cites = [r.cite for r in bibliography().values()]
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    markdown = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    markdown = " ".join(re.split(r"^## +Where this page comes from", markdown, flags=re.M)[0].split())
    unknown = set()
    for match in re.finditer(r"\b(19|20)\d\d\b", markdown):
        before = markdown[max(0, match.start() - 45) : match.start()].rstrip(" ,")
        words = before.split()
        if not words or not words[-1][:1].isupper() or words[-1] in MONTHS:
            continue  # a year in a sentence ("a 2024 review") or a date, not a citation
        year = match.group(0)
        if not any(before.endswith(c.split(f" {year}")[0]) for c in cites if f" {year}" in c):
            unknown.add(f"{' '.join(words[-3:])} {year}")
    assert not unknown, f"{path.name}: citations with no entry in data/references.toml: {sorted(unknown)}"


def test_every_entry_is_cited_somewhere():
    used: set[str] = set()
    for path in NOTEBOOKS:
        used |= set(listed_keys(path))
    for spec in load_persona_specs().values():
        used |= set(spec.sources)
    corpus = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "helpers").rglob("*.py"))
    corpus += (ROOT / "notebooks" / "if_you_are_worried.ipynb").read_text(encoding="utf-8")
    corpus += (ROOT / "README.md").read_text(encoding="utf-8") + (ROOT / "data" / "README.md").read_text(
        encoding="utf-8"
    )
    for key, ref in bibliography().items():
        if ref.cite.split(",")[0] in corpus or ref.cite in corpus:
            used.add(key)
    raw = tomllib.loads((ROOT / "data" / "references.toml").read_text(encoding="utf-8"))
    unused = sorted(set(raw) - used)
    assert not unused, f"entries nobody cites (remove them, or cite them): {unused}"
