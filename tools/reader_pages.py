"""The worried reader's pages: a printable diary sheet, a "what to tell your doctor" list, the page as HTML.

    python3 course.py reader          # rewrite reader/*.html and the care section of the reader's notebook

Why generated and committed: a reader must be able to print the sheet or open the
page without running any code, so the files live in reader/; they are generated
from helpers (the diary's fields, the four time frames) so they can never drift
from what the lessons teach. tests/test_reader.py regenerates them and fails if
the committed files differ. Every page is self-contained HTML: no script, no font
or style from the network, print styles included. The sheets record; they never
score, interpret or suggest a cause.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from pathlib import Path

import mistune

from helpers.care_picture import care_ladder_svg
from helpers.diary import DIARY_FIELDS, DOCTOR_QUESTIONS
from helpers.references import bibliography
from helpers.safety import CARE_SOURCES, WORRIED_PAGE, care_html, care_level, care_markdown, care_short_html

ROOT = Path(__file__).resolve().parent.parent
READER = ROOT / "reader"
WORRIED_NOTEBOOK = ROOT / "notebooks" / WORRIED_PAGE
CARE_START, CARE_END = "<!-- care-levels:start -->", "<!-- care-levels:end -->"
SOURCES_START, SOURCES_END = "<!-- sources:start -->", "<!-- sources:end -->"
REVIEWED, REVIEW_DUE = "1 December 2026", "1 December 2027"
DIARY_ROWS = 14

CSS = """
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a;
       max-width: 52em; margin: 1.5em auto; padding: 0 1em; }
h1 { font-size: 1.6em; margin: 0.2em 0 0.4em 0; } h2 { font-size: 1.25em; margin: 1.2em 0 0.4em 0; }
.meta { color: #444; font-size: 0.9em; }
.note { border-left: 6px solid #009E73; background: #f3faf7; padding: 0.4em 0.8em; }
.urgent { border-left: 6px solid #D55E00; background: #fdf1ea; padding: 0.4em 0.8em; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #555; padding: 0.3em; vertical-align: top; }
th { background: #eef5fb; text-align: left; font-size: 0.85em; } td { height: 2.6em; }
.hint { display: block; font-weight: normal; color: #444; font-size: 0.8em; }
.line { border-bottom: 1px solid #555; height: 1.8em; margin: 0.1em 0 0.4em 0; }
@media print { body { margin: 0; max-width: none; font-size: 12pt; } a { color: #1a1a1a; } .noprint { display: none; }
  .urgent, .urgent + p { font-size: 10.5pt; line-height: 1.3; } tr { break-inside: avoid; } .hint { font-size: 9pt; }
  h2 { break-after: avoid; margin-top: 0.8em; } .sheet td { height: 2.0em; } }
"""


def page(title: str, body: str, landscape: bool = False) -> str:
    """A complete, self-contained HTML page with the course's print styles."""
    orientation = "@page { size: A4 landscape; margin: 8mm; }" if landscape else "@page { size: A4; margin: 12mm; }"
    return (
        "<!DOCTYPE html>\n<html lang='en'>\n<head>\n<meta charset='utf-8'>\n"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>\n"
        f"<title>{html.escape(title)}</title>\n<style>{CSS}{orientation}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def reviewed_line() -> str:
    return f"<p class='meta'>Last reviewed: {REVIEWED}. Next review due: {REVIEW_DUE}.</p>"


def urgent_line() -> str:
    """The time frames that must not wait for an appointment, from helpers.safety (never restated by hand)."""
    return f"<div class='urgent'><strong>Do not wait for your appointment.</strong>{care_short_html()}</div>"


def diary_sheet() -> str:
    """One printable page: the diary's columns with a plain hint under each, and blank rows to fill in."""
    heads = "".join(
        f"<th scope='col'>{html.escape(f.heading)}<span class='hint'>{html.escape(f.hint)}</span></th>"
        for f in DIARY_FIELDS
    )
    blank = "<tr>" + "<td></td>" * len(DIARY_FIELDS) + "</tr>"
    body = (
        "<h1>Symptom diary</h1>"
        "<p>Fill in one row each evening, at a set time, for 2 to 4 weeks (one sheet, printed on both sides, holds "
        "two weeks: print two sheets for four weeks). If something new "
        "happens during the day, add a row for it then. Write <strong>what you notice</strong>, not what you think "
        "it means. Take the sheets to your appointment.</p>"
        f"<p class='meta'>Last reviewed: {REVIEWED}. Next review due: {REVIEW_DUE}. From the course <em>Tired or "
        "weak? Twitch or trouble?</em> (educational; it does not diagnose). This sheet records; it does not score or "
        "interpret anything.</p>"
        f"{urgent_line()}"
        f"<p><strong>No appointment yet?</strong> Book a routine one with your GP (family doctor) if: "
        f"{html.escape(care_level('routine').short)}.</p>"
        f"<table class='sheet'><thead><tr>{heads}</tr></thead><tbody>{example_row()}{blank * DIARY_ROWS}</tbody>"
        "</table>"
    )
    return page("Symptom diary", body, landscape=True)


def example_row() -> str:
    """One filled-in row, in grey, so a reader sees what a row looks like."""
    cells = "".join(
        f"<td style='color:#555;font-style:italic'>{'<strong>A made-up example:</strong> ' if i == 0 else ''}"
        f"{html.escape(f.example)}</td>"
        for i, f in enumerate(DIARY_FIELDS)
    )
    return f"<tr aria-label='An example row'>{cells}</tr>"


def doctor_list() -> str:
    """One printable page: what a clinician is likely to ask, with room to write the answers."""
    sections = []
    for heading, questions in DOCTOR_QUESTIONS:
        items = "".join(f"<li>{html.escape(q)}<div class='line'></div></li>" for q in questions)
        sections.append(f"<h2>{html.escape(heading)}</h2><ol>{items}</ol>")
    body = (
        "<h1>What to tell your doctor</h1>"
        "<p>Fill this in before your appointment and take it with your diary. Short answers are fine. "
        "If you do not know an answer, leave it blank.</p>"
        "<p><strong>If you only have a few minutes, say these three things first:</strong> what you can no longer "
        "do as well as before, since when, and whether it is spreading or getting worse.</p>"
        f"{urgent_line()}{''.join(sections)}{reviewed_line()}"
        "<p class='meta'>From the course <em>Tired or weak? Twitch or trouble?</em> (educational; it does not "
        "diagnose).</p>"
    )
    return page("What to tell your doctor", body)


def notebook_markdown(path: Path) -> list[str]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"]


def worried_page() -> str:
    """The reader's notebook as one HTML page: the sheets linked beside it, the time frames as the coloured ladder."""
    text = "\n\n".join(notebook_markdown(WORRIED_NOTEBOOK))
    text = text.replace("](../reader/", "](")  # the sheets sit beside this page
    ladder = "CARE-LADDER-HERE"
    text = re.sub(re.escape(CARE_START) + ".*?" + re.escape(CARE_END), ladder, text, flags=re.S)
    body = str(mistune.html(text)).replace(f"<p>{ladder}</p>", care_html()).replace(ladder, care_html())
    return page("If you are worried about twitching, tiredness or weakness", body)


def sources_markdown(text: str) -> str:
    """The page's sources: every bibliography entry its text cites, and the guidance the time frames follow."""
    refs = bibliography()
    keys = set(CARE_SOURCES) | {k for k, r in refs.items() if r.cite in text}
    return "\n".join(f"- {refs[k].text()}" for k in sorted(keys, key=lambda k: refs[k].cite.lower()))


def _replace_between(source: str, start: str, end: str, body: str) -> str:
    pattern = re.escape(start) + ".*?" + re.escape(end)
    return re.sub(pattern, lambda _m: f"{start}\n{body}\n{end}", source, flags=re.S)


def synced_notebook_text() -> str:
    """The reader's notebook with its care section and its sources generated (never restated by hand)."""
    nb = json.loads(WORRIED_NOTEBOOK.read_text(encoding="utf-8"))
    sources = [c for c in nb["cells"] if SOURCES_START in "".join(c["source"])]
    page_text = " ".join(
        " ".join("".join(c["source"]).split()) for c in nb["cells"] if c["cell_type"] == "markdown" and c not in sources
    )
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        if CARE_START in source:
            source = _replace_between(source, CARE_START, CARE_END, care_markdown())
        if SOURCES_START in source:
            source = _replace_between(source, SOURCES_START, SOURCES_END, sources_markdown(page_text))
        cell["source"] = source.splitlines(keepends=True)
    # The kernel's language_info as the executed lessons store it: with a bare {"name": "python"}, JupyterLab
    # fills it in when the kernel starts and marks the page as changed, so closing it asks "Save your work?".
    start = json.loads((WORRIED_NOTEBOOK.parent / "00_start_here.ipynb").read_text(encoding="utf-8"))
    nb["metadata"]["language_info"] = start["metadata"]["language_info"]
    return json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


#: The care ladder as a picture, beside the pages (the reader's notebook and page show it in part 1).
CARE_PICTURE = "when-to-get-care.svg"


def outputs() -> dict[Path, str]:
    """Every file this tool writes, and its text."""
    return {
        WORRIED_NOTEBOOK: synced_notebook_text(),
        READER / CARE_PICTURE: care_ladder_svg() + "\n",
        READER / "symptom-diary-sheet.html": diary_sheet(),
        READER / "what-to-tell-your-doctor.html": doctor_list(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only report files that are out of date (exit 1 if any)")
    args = parser.parse_args(argv)
    stale = []
    files = outputs()
    # The HTML version of the page is built from the synced notebook text.
    for path, text in files.items():
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(path)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    html_page = READER / "if-you-are-worried.html"
    page_text = worried_page()
    if args.check:
        if not html_page.exists() or html_page.read_text(encoding="utf-8") != page_text:
            stale.append(html_page)
        for path in stale:
            print(f"out of date: {path.relative_to(ROOT)} (run: python3 course.py reader)")
        return 1 if stale else 0
    html_page.write_text(page_text, encoding="utf-8")
    for path in [*files, html_page]:
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
