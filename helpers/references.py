"""The course's bibliography (data/references.toml): one place for every source, cited by key.

Why one file: a reader must be able to find every source a lesson cites (authors,
year, title, journal, PMID or DOI), and the same source must read the same way in
every lesson, the persona file and the data dictionary. Lessons end with
``references("white2013", ...)``, which renders the entries; tests check that every
cited key has an entry and every entry is cited somewhere.
"""

from __future__ import annotations

import html
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from helpers.checks import one_of
from helpers.errors import CourseInputError

FIELDS = ("cite", "authors", "year", "title", "journal", "details", "pmid", "doi", "url", "accessed", "used_for")
REQUIRED = ("cite", "authors", "title", "journal", "used_for")


def references_path() -> Path:
    import helpers

    return Path(helpers.__file__).resolve().parent.parent / "data" / "references.toml"


@dataclass(frozen=True)
class Reference:
    """One source, as the bibliography file gives it."""

    key: str
    cite: str
    authors: str
    title: str
    journal: str
    used_for: str
    year: int | None = None
    details: str = ""
    pmid: str = ""
    doi: str = ""
    url: str = ""
    accessed: str = ""

    def text(self) -> str:
        """The full reference, Vancouver style, as plain text."""
        text = f"{self.authors.rstrip('.')}. {self.title.rstrip('.')}. {self.journal}"
        if self.year:
            text += f" {self.year}"
        if self.details:
            text += f";{self.details}" if self.year else f", {self.details}"
        text += "."
        if self.pmid:
            text += f" PMID {self.pmid}."
        if self.doi:
            text += f" doi:{self.doi}."
        if self.url:
            text += f" {self.url}" + (f" (accessed {self.accessed})." if self.accessed else "")
        return text

    def link(self) -> str:
        """Where a reader can find it: the DOI, PubMed or the web page."""
        if self.doi:
            return f"https://doi.org/{self.doi}"
        if self.pmid:
            return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"
        return self.url


@cache
def bibliography(path: Path | None = None) -> dict[str, Reference]:
    """Every entry of data/references.toml, checked: required fields present, no unknown field."""
    path = path or references_path()
    with open(path, "rb") as fh:
        raw = tomllib.load(fh)
    out: dict[str, Reference] = {}
    for key, entry in raw.items():
        unknown = set(entry) - set(FIELDS)
        if unknown:
            raise CourseInputError(
                f"{path.name} [{key}]", sorted(unknown)[0], ", ".join(FIELDS), "remove or rename the field"
            )
        missing = [f for f in REQUIRED if not entry.get(f)]
        if missing:
            raise CourseInputError(
                f"{path.name} [{key}]", missing[0], "every entry has " + ", ".join(REQUIRED), "add it"
            )
        if not (entry.get("pmid") or entry.get("doi") or entry.get("url") or entry.get("details")):
            raise CourseInputError(
                f"{path.name} [{key}]", "no pmid, doi, url or details", "a way to find the source", "add one"
            )
        out[key] = Reference(key=key, **entry)
    return out


def reference(key: str) -> Reference:
    """One entry by key, or an error naming the known keys."""
    refs = bibliography()
    return refs[one_of("reference key", key, refs, "use a key of data/references.toml, or add an entry there")]


#: The heading over the sources of the safety notice's time frames, under every lesson's own references.
CARE_SOURCES_HEADING = "Sources of the time frames for care in the safety notice:"


class ReferenceList:
    """A lesson's reference list: numbered, complete, with a link for each (HTML in Jupyter, text elsewhere)."""

    def __init__(self, keys: tuple[str, ...]) -> None:
        self.entries = sorted((reference(k) for k in keys), key=lambda r: r.cite.lower())
        self.keys = keys

    @property
    def care_entries(self) -> list[Reference]:
        """The guidance behind the safety notice's time frames, which every lesson shows (not already listed)."""
        from helpers.safety import CARE_SOURCES

        return sorted((reference(k) for k in CARE_SOURCES if k not in self.keys), key=lambda r: r.cite.lower())

    def _repr_html_(self) -> str:
        def items(entries: list[Reference]) -> str:
            out = []
            for r in entries:
                link = r.link()
                tail = (
                    f" <a href='{html.escape(link)}' target='_blank' rel='noopener'>{html.escape(link)}</a>"
                    if link
                    else ""
                )
                out.append(f"<li><strong>{html.escape(r.cite)}.</strong> {html.escape(r.text())}{tail}</li>")
            return "".join(out)

        style = "line-height:1.45;overflow-wrap:anywhere"  # long URLs break instead of scrolling sideways
        return (
            f"<ul class='course-references' style='{style}'>{items(self.entries)}</ul>"
            f"<p><strong>{CARE_SOURCES_HEADING}</strong></p>"
            f"<ul class='course-references course-care-sources' style='{style}'>{items(self.care_entries)}</ul>"
        )

    def __repr__(self) -> str:
        lines = [f"- {r.cite}. {r.text()}" for r in self.entries]
        lines += ["", CARE_SOURCES_HEADING] + [f"- {r.cite}. {r.text()}" for r in self.care_entries]
        return "\n".join(lines)


def cites(keys: tuple[str, ...] | list[str]) -> str:
    """ "Turner & Talbot 2013; Shefner 2020": how a widget names its sources, as the reference list cites them."""
    refs = bibliography()
    return "; ".join(refs[key].cite for key in keys)


def references(*keys: str) -> ReferenceList:
    """The reference list for a lesson: ``references("white2013", "dodds2014")`` (end a cell with it)."""
    if len(set(keys)) != len(keys):
        raise CourseInputError("references", list(keys), "each key once", "remove the repeated key")
    return ReferenceList(tuple(keys))
