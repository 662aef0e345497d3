"""Lesson 05's answers: the hand-in file, its checks, the key, the marks and the class summary.

Pure Python and pandas. Answers here are choices (a pattern, two observations, a care level), so
they are data and a small checker marks them; no code is graded, so no grader (otter-grader,
nbgrader) is needed.

Why a check value in the file: a student hands in a small JSON file. The check is a hash of the
answers, the ID and the set, so an edit by hand is flagged rather than marked. It stops casual edits,
not a determined programmer: the course's code is open. The marks are for practice and feedback,
and a teacher who needs more should mark in class.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from helpers.caselab.model import (
    CARE_OPTIONS,
    CASES_PER_SET,
    MARKS_PER_CASE,
    OBSERVATIONS,
    PATTERN_KEYS,
    PATTERNS,
    CaseSet,
    CaseSpec,
    case_set,
    normalise_id,
)
from helpers.errors import CourseInputError

FILE_KIND = "tired-or-weak case lab answers"
#: The order of care levels, most urgent first: choosing a later level than the key is the unsafe error.
CARE_ORDER: tuple[str, ...] = tuple(CARE_OPTIONS)
FILE_FORMAT = 1
#: Where the lab saves a hand-in file: $COURSE_CASELAB_DIR, or the folder the notebook runs in.
FOLDER_VARIABLE = "COURSE_CASELAB_DIR"


@dataclass(frozen=True)
class Answer:
    """One case's answer: a pattern key, two observation keys, a care-level key."""

    pattern: str
    observations: tuple[str, ...]
    care: str


def check_answer(case: CaseSpec, answer: Answer) -> Answer:
    """The answer if it is complete and uses this case's choices; otherwise an error that says what is missing."""
    where = f"case {case.number}"
    if answer.pattern not in PATTERN_KEYS:
        raise CourseInputError(f"{where}: pattern", answer.pattern, ", ".join(PATTERN_KEYS), "choose one pattern")
    obs = tuple(answer.observations)
    if len(obs) != 2 or len(set(obs)) != 2:
        raise CourseInputError(
            f"{where}: observations", list(obs), "exactly two different observations", "tick exactly two boxes"
        )
    for key in obs:
        if key not in case.options:
            raise CourseInputError(
                f"{where}: observation", key, ", ".join(case.options), "choose from this case's list"
            )
    if answer.care not in CARE_OPTIONS:
        raise CourseInputError(f"{where}: how soon", answer.care, ", ".join(CARE_OPTIONS), "choose one level")
    return Answer(answer.pattern, obs, answer.care)


# ---------------------------------------------------------------------------
# The hand-in file
# ---------------------------------------------------------------------------
def answer_file_name(student_id: str) -> str:
    """ "case-lab-student-042.json": the hand-in file's name, from the (normalised) ID."""
    return f"case-lab-{normalise_id(student_id)}.json"


def answers_folder() -> Path:
    return Path(os.environ.get(FOLDER_VARIABLE) or Path.cwd())


def _body(student_id: str, fingerprint: str, answers: Mapping[int, Answer]) -> dict[str, Any]:
    return {
        "kind": FILE_KIND,
        "format": FILE_FORMAT,
        "student_id": student_id,
        "set": fingerprint,
        "answers": {
            str(n): {"pattern": a.pattern, "observations": list(a.observations), "care": a.care}
            for n, a in sorted(answers.items())
        },
    }


def _check_value(body: Mapping[str, Any]) -> str:
    text = json.dumps(body, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(("case-lab/" + text).encode("utf-8")).hexdigest()


def save_answers(cases: CaseSet, answers: Mapping[int, Answer], folder: str | Path | None = None) -> Path:
    """Write the hand-in file (all answers so far), replacing the previous version in one step.

    Why atomic: the lab saves after every answer, so a crash or a full disk mid-write must leave the last
    good file, never half of one. Each answer is checked against its case first.
    """
    checked = {n: check_answer(cases.case(n), a) for n, a in answers.items()}
    body = _body(cases.student_id, cases.fingerprint, checked)
    body["check"] = _check_value(body)
    target = Path(folder) if folder is not None else answers_folder()
    target.mkdir(parents=True, exist_ok=True)
    path = target / answer_file_name(cases.student_id)
    fd, tmp = tempfile.mkstemp(dir=target, prefix=".case-lab-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(body, fh, indent=1)
            fh.write("\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


class AnswerFileProblem(Exception):
    """A handed-in file that cannot be marked: ``status`` is a short flag, the message says why and what to do."""

    def __init__(self, status: str, message: str, student_id: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.student_id = student_id


@dataclass(frozen=True)
class HandIn:
    """A read and checked answer file."""

    path: Path
    student_id: str
    answers: dict[int, Answer]


def read_answer_file(path: str | Path) -> HandIn:
    """Read and check one hand-in file; raise AnswerFileProblem with a status and a clear message."""
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise AnswerFileProblem("unreadable", f"{path.name}: not a readable answer file ({exc})") from None
    if not isinstance(raw, dict) or raw.get("kind") != FILE_KIND:
        raise AnswerFileProblem("unreadable", f"{path.name}: not a case-lab answer file")
    if raw.get("format") != FILE_FORMAT:
        raise AnswerFileProblem(
            "unreadable", f"{path.name}: format {raw.get('format')!r}; this course reads format {FILE_FORMAT}"
        )
    sid = raw.get("student_id")
    try:
        sid = normalise_id(sid)
    except CourseInputError:
        raise AnswerFileProblem("unreadable", f"{path.name}: the student ID inside ({sid!r}) is not valid") from None
    body = {k: raw.get(k) for k in ("kind", "format", "student_id", "set", "answers")}
    if raw.get("check") != _check_value(body):
        raise AnswerFileProblem(
            "edited", f"{path.name}: the file was changed after the lab saved it (its check value does not match)", sid
        )
    if path.name != answer_file_name(sid):
        raise AnswerFileProblem(
            "renamed", f"{path.name}: holds the answers of {sid!r}, whose file is {answer_file_name(sid)}", sid
        )
    cases = case_set(sid)
    if raw.get("set") != cases.fingerprint:
        raise AnswerFileProblem(
            "different set",
            f"{path.name}: answers a different case set from the one this course makes for {sid!r} (another "
            "version of the course, or practice cases)",
            sid,
        )
    answers: dict[int, Answer] = {}
    items = raw.get("answers")
    if not isinstance(items, dict):
        raise AnswerFileProblem("unreadable", f"{path.name}: no answers", sid)
    for number, item in items.items():
        try:
            n = int(number)
            case = cases.case(n)
            answers[n] = check_answer(
                case, Answer(str(item["pattern"]), tuple(item["observations"]), str(item["care"]))
            )
        except (CourseInputError, KeyError, TypeError, ValueError) as exc:
            raise AnswerFileProblem("unreadable", f"{path.name}: answer {number!r} is not valid ({exc})", sid) from None
    return HandIn(path, sid, answers)


# ---------------------------------------------------------------------------
# Marks
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class CaseMark:
    """The marks for one case's answer (None: not answered)."""

    pattern: int
    observations: int
    care: int

    @property
    def total(self) -> int:
        return self.pattern + self.observations + self.care


def mark_case(case: CaseSpec, answer: Answer | None) -> CaseMark:
    """1 for the pattern, 1 for each supporting observation chosen, 1 for how soon (0 for a case not answered).

    How soon earns its mark at the key's level or one level more urgent (care_accepted).
    """
    if answer is None:
        return CaseMark(0, 0, 0)
    return CaseMark(
        int(answer.pattern == case.pattern),
        sum(o in case.supporting for o in answer.observations),
        int(care_accepted(case.care, answer.care)),
    )


def care_accepted(key: str, chosen: str) -> bool:
    """The key's level, or one more urgent (the course's rule: "not sure which level fits? choose the higher one")."""
    return chosen == key or CARE_ORDER.index(chosen) == CARE_ORDER.index(key) - 1


@dataclass
class ClassResults:
    """Everything the marks table and the class report are made from."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    pattern_confusion: Counter[tuple[str, str]] = field(default_factory=Counter)  # (true, chosen)
    care_confusion: Counter[tuple[str, str]] = field(default_factory=Counter)  # (key, chosen)
    observation_offered: Counter[str] = field(default_factory=Counter)
    observation_chosen_wrongly: Counter[str] = field(default_factory=Counter)


MARK_COLUMNS: tuple[str, ...] = (
    "student_id",
    "status",
    "message",
    "file",
    *(f"case_{n}" for n in range(1, CASES_PER_SET + 1)),
    "patterns",
    "observations",
    "how_soon",
    "total",
    "out_of",
)


def read_roster(path: str | Path) -> list[str]:
    """Student IDs from a roster: a CSV with a ``student_id`` column, or a text file with one ID a line.

    A duplicate ID (after trimming and lower-casing) or an invalid one stops with a message naming the line.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CourseInputError("roster", str(path), "a readable text or CSV file", f"check the path ({exc})") from None
    lines = text.splitlines()
    rows: list[tuple[int, str]]
    if lines and "student_id" in [c.strip().lower() for c in next(csv.reader([lines[0]]))]:
        reader = csv.DictReader(lines)
        column = next(c for c in (reader.fieldnames or []) if c.strip().lower() == "student_id")
        rows = [(i, (r.get(column) or "")) for i, r in enumerate(reader, start=2)]
    else:
        rows = list(enumerate(lines, start=1))
    ids: list[str] = []
    seen: dict[str, int] = {}
    for line, raw in rows:
        if not raw.strip():
            continue
        try:
            sid = normalise_id(raw)
        except CourseInputError as exc:
            raise CourseInputError(f"roster {path.name}, line {line}", raw, exc.allowed, exc.fix) from None
        if sid in seen:
            raise CourseInputError(
                f"roster {path.name}, line {line}",
                raw,
                "each student ID once",
                f"the same ID is on line {seen[sid]}: remove one, or give the students different IDs",
            )
        seen[sid] = line
        ids.append(sid)
    if not ids:
        raise CourseInputError(
            "roster", str(path), "one or more student IDs", "add a student_id column or one ID a line"
        )
    return ids


def mark_class(roster: Iterable[str], answer_files: Iterable[str | Path]) -> ClassResults:
    """Mark every roster student from the handed-in files; flag, never guess, whatever cannot be marked.

    A roster student without a file is "missing"; two files for one student are both "duplicate"; a file of
    a student not on the roster is "not on roster"; edited, renamed, unreadable and different-set files are
    flagged with their reason. Flagged rows have no marks, so a wrong mark is never given silently.
    """
    ids = list(roster)
    results = ClassResults()
    by_id: dict[str, list[HandIn]] = {}
    for path in sorted(Path(p) for p in answer_files):
        try:
            hand_in = read_answer_file(path)
        except AnswerFileProblem as problem:
            results.rows.append(_flagged(problem.student_id, problem.status, str(problem), path.name))
            continue
        by_id.setdefault(hand_in.student_id, []).append(hand_in)
    roster_set = set(ids)
    for sid, files in by_id.items():
        if sid not in roster_set:
            for f in files:
                results.rows.append(
                    _flagged(sid, "not on roster", f"{f.path.name}: {sid!r} is not on the roster", f.path.name)
                )
    flagged_ids = {r["student_id"] for r in results.rows}
    for sid in ids:
        files = by_id.get(sid, [])
        if len(files) > 1:
            names = ", ".join(f.path.name for f in files)
            results.rows.append(_flagged(sid, "duplicate", f"more than one file for {sid!r}: {names}", names))
        elif not files:
            if sid not in flagged_ids:
                results.rows.append(_flagged(sid, "missing", f"no answer file ({answer_file_name(sid)})", ""))
        else:
            results.rows.append(_mark_student(files[0], results))
    order = {sid: i for i, sid in enumerate(ids)}
    results.rows.sort(key=lambda r: (order.get(r["student_id"], len(order)), r["file"]))
    return results


def _flagged(sid: str, status: str, message: str, file: str) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(MARK_COLUMNS, "")
    row.update(student_id=sid, status=status, message=message, file=file, out_of=CASES_PER_SET * MARKS_PER_CASE)
    return row


def _mark_student(hand_in: HandIn, results: ClassResults) -> dict[str, Any]:
    cases = case_set(hand_in.student_id)
    row = _flagged(hand_in.student_id, "marked", "", hand_in.path.name)
    unanswered = [c.number for c in cases.cases if c.number not in hand_in.answers]
    if unanswered:
        row["message"] = "not answered: case " + ", ".join(map(str, unanswered))
    marks = []
    for case in cases.cases:
        answer = hand_in.answers.get(case.number)
        m = mark_case(case, answer)
        marks.append(m)
        row[f"case_{case.number}"] = m.total
        if answer is None:
            continue
        results.pattern_confusion[(case.pattern, answer.pattern)] += 1
        results.care_confusion[(case.care, answer.care)] += 1
        for key in case.options:
            if key not in case.supporting:
                results.observation_offered[key] += 1
        for key in answer.observations:
            if key not in case.supporting:
                results.observation_chosen_wrongly[key] += 1
    row.update(
        patterns=sum(m.pattern for m in marks),
        observations=sum(m.observations for m in marks),
        how_soon=sum(m.care for m in marks),
        total=sum(m.total for m in marks),
    )
    return row


# ---------------------------------------------------------------------------
# The key (the instructor version)
# ---------------------------------------------------------------------------
def key_markdown(student_id: str) -> str:
    """The answers and the reasoning for every case of a student's set, for discussion after class."""
    from helpers.references import cites

    cases = case_set(student_id)
    lines = [
        f"# Case lab key for {cases.student_id}",
        "",
        f"Set {cases.fingerprint}. Synthetic cases: no real person. Marks: 1 for the pattern, 1 for each of the two "
        "supporting observations, 1 for how soon (4 a case).",
        "",
    ]
    for c in cases.cases:
        p = PATTERNS[c.pattern]
        lines += [
            f"## Case {c.number}: {p.name}",
            "",
            c.summary(),
            "",
            "- **Surface:** " + "; ".join(f"{k}: {v}" for k, v in c.facts if k != "pattern"),
            "- **Supporting observations:** " + " / ".join(OBSERVATIONS[k].text for k in c.supporting),
            "- **Tempting, but they do not tell patterns apart:** "
            + " / ".join(OBSERVATIONS[k].text for k in c.options if k in p.tempting),
            "- **Not in this case's data (they belong to other patterns):** "
            + " / ".join(OBSERVATIONS[k].text for k in c.options if k in p.false),
            f"- **How soon:** {CARE_OPTIONS[c.care]}",
            f"- **Reasoning:** {p.reasoning}",
            f"- **Taught in:** {p.lesson}. Sources: {cites(p.sources)}.",
            "",
        ]
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# A synthetic class (for the tests, the benchmark and the teacher's demonstration)
# ---------------------------------------------------------------------------
#: The mistakes a learner who holds a misconception makes: a pattern mistaken for another. ASSUMPTION,
#: from the misconceptions the course's lessons name ("twitching alone means ALS", "tired means weak").
LIKELY_MIX_UPS: dict[str, str] = {
    "benign_twitching": "progressive",
    "felt_not_measured": "progressive",
    "fatigue_only": "fatigable",
    "fatigable": "fatigue_only",
    "nerve_territory": "progressive",
    "treatable": "benign_twitching",
    "triggers": "fatigue_only",
    "progressive": "nerve_territory",
    "sudden": "progressive",
}


def simulated_answers(student_id: str, skill: float, seed: int = 0) -> dict[int, Answer]:
    """Answers a synthetic student of ``skill`` (0-1) might give: right with that chance, else a likely mistake."""
    cases = case_set(student_id)
    rng = np.random.default_rng([seed, cases.seed])
    out = {}
    for c in cases.cases:
        pattern = c.pattern if rng.random() < skill else LIKELY_MIX_UPS[c.pattern]
        tempting = [o for o in c.options if o in PATTERNS[c.pattern].tempting]
        first = c.supporting[0]
        second = c.supporting[1] if rng.random() < skill else tempting[0]
        care_index = CARE_ORDER.index(c.care)
        later = care_index + 1 if care_index + 1 < len(CARE_ORDER) else care_index - 2
        care = c.care if rng.random() < skill else CARE_ORDER[later]
        out[c.number] = Answer(pattern, (first, second), care)
    return out


__all__ = [
    "CARE_ORDER",
    "MARK_COLUMNS",
    "Answer",
    "AnswerFileProblem",
    "CaseMark",
    "ClassResults",
    "HandIn",
    "answer_file_name",
    "check_answer",
    "key_markdown",
    "mark_case",
    "mark_class",
    "read_answer_file",
    "read_roster",
    "save_answers",
    "simulated_answers",
]
