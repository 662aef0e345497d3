"""Reading grade of the course's text: Flesch-Kincaid on what a self-paced reader reads.

    python3 course.py readability        # the grade of every notebook and reader page

What is measured: the markdown cells of a notebook (or the text of a page in reader/), without
model answers (cells tagged ``explanation``, which are written for discussion),
without the references section, tables of contents and code, and with citations
such as "(White 2013)" and links reduced to their words. Why: the course promises
plain words, and a promise that is measured can be kept (Kincaid 1975).
"""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

import textstat

ROOT = Path(__file__).resolve().parent.parent

_CITATION = re.compile(r"\s*\((?:[^()]*?(?:19|20)\d\d[^()]*?|NHS[^()]*?)\)")


def plain_text(markdown: str) -> str:
    """Markdown reduced to the sentences a reader reads."""
    # A list item wrapped over several lines is one item: join its continuation lines first (a nested item,
    # indented under its parent, is an item of its own).
    markdown = re.sub(r"\n(?=[ ]{2,}(?!(?:[-+*]|\d+\.)\s)\S)", " ", markdown)
    text = re.sub(r"<details>.*?</details>", " ", markdown, flags=re.S)  # hidden detail for students
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    text = re.sub(r"`[^`]*`", "it", text)  # a file or code name reads as one short word
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links: their words
    text = _CITATION.sub("", text)
    text = re.sub(r"(\d)\.(\d)", r"\1,\2", text)  # "1.8 kg" is one number, not the end of a sentence
    text = re.sub(r"^\s*\|?\s*-{3,}.*$", " ", text, flags=re.M)  # table rules
    text = re.sub(r"^#+ .*$", " ", text, flags=re.M)  # headings are not sentences
    # A table cell and a list item read as a sentence of their own.
    text = re.sub(r"\s*\|\s*", ". ", text)
    item = re.compile(r"^(\s*(?:[-+*]|\d+\.)\s+.*?)([.;:!?]?)$", flags=re.M)
    text = item.sub(lambda m: m.group(1) + (m.group(2) or "."), text)
    text = re.sub(r"[*_>#]", " ", text)
    text = re.sub(r"^\s*(?:[-+]|\d+\.)\s+", "", text, flags=re.M)
    text = re.sub(r"(\.\s*){2,}", ". ", text)
    return re.sub(r"[ \t]+", " ", text)


def notebook_prose(path: Path) -> str:
    """The prose of a notebook: markdown cells up to the references, model answers left out."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    parts = []
    for cell in cells:
        source = "".join(cell["source"])
        if cell["cell_type"] != "markdown" or "explanation" in cell.get("metadata", {}).get("tags", []):
            continue
        if re.search(r"^## +(References|Where this page comes from)", source, flags=re.M):
            parts.append(re.split(r"^## +(?:References|Where this page comes from)", source, flags=re.M)[0])
            break
        parts.append(source)
    return plain_text("\n\n".join(parts))


def grade(text: str) -> float:
    """Flesch-Kincaid grade level (US school grade)."""
    return float(textstat.flesch_kincaid_grade(text))


def html_prose(path: Path) -> str:
    """The text of a printable page (its sources list left out)."""
    raw = path.read_text(encoding="utf-8")
    raw = re.split(r"<h2[^>]*>Where this page comes from", raw)[0]
    raw = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", raw, flags=re.S)
    raw = re.sub(r"</(li|p|h1|h2|th|td|div)>", ". ", raw)
    return plain_text(html.unescape(re.sub(r"<[^>]+>", " ", raw)))


def main() -> int:
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        print(f"{path.name:<36} grade {grade(notebook_prose(path)):4.1f}")
    for path in sorted((ROOT / "reader").glob("*.html")):
        print(f"reader/{path.name:<29} grade {grade(html_prose(path)):4.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
