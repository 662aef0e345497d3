"""The symptom diary store: checked, dated entries in a CSV file on the learner's own machine, and a summary.

Why a store of its own: a learner takes the summary to a clinician, so an entry must never be lost, changed or
mixed up. Every save takes a lock (two notebooks may save at once), checks the whole file first (nothing is
written to a file that does not read back), keeps a copy of the file as it was just before the save, and only
appends one row. Every problem a learner can cause is a CourseInputError that names the file, the line a
spreadsheet shows (the header is line 1), the column, what was found, what is allowed and the fix.

Like the paper sheet, the store describes; it never interprets. Nothing here scores, suggests a cause or
reassures: ``urgent_signs`` only says which urgent-care signs an entry mentions, so a widget can show the
emergency line. ``helpers.diary`` re-exports every public name; import them from there. This module depends on
nothing in ``helpers.diary`` (which imports it), so there is no import cycle.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import math
import os
import re
import sys
import time
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from helpers.checks import number, one_of, text, whole_number
from helpers.engine.cohort import default_data_dir
from helpers.errors import CourseInputError

if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> None:
        """Take the lock, or raise OSError at once if another program holds it."""
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> None:
        """Take the lock, or raise OSError (BlockingIOError) at once if another program holds it."""
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


#: What the diary's "what" column may say: exactly one of these.
WHAT_CHOICES: tuple[str, ...] = (
    "twitching",
    "cramp",
    "weakness in a task",
    "numbness or tingling",
    "speech",
    "swallowing",
    "breathing",
    "tiredness",
    "other",
)
#: "What" choices that are an urgent-care sign on their own (urgent_signs also reads the entry's text).
URGENT_WHAT: tuple[str, ...] = ("breathing", "swallowing")

#: The environment variable that moves the diary folder (tests, or a learner who keeps files elsewhere).
DIARY_ENV = "COURSE_DIARY_DIR"
DEFAULT_NAME = "my-diary"
MAX_TEXT = 200
MAX_SLEEP_HOURS = 24
MAX_CAFFEINE = 40
MAX_STRESS = 10
FIRST_DATE = dt.date(1900, 1, 1)
#: How long a save waits for another program's save to finish before it gives up.
LOCK_TIMEOUT_S = 10.0

RESTORE_HINT = "or put back the copy from before the last save with restore_backup()"


@dataclass(frozen=True)
class DiaryEntry:
    """One dated entry. Make it with make_entry, which checks every value; the fields are the CSV's columns."""

    date: dt.date
    where: str
    what: str
    how_much: str = ""
    task_changed: str = ""
    measured: str = ""
    sleep: float | None = None
    caffeine: int | None = None
    stress: int | None = None
    exercise: str = ""

    def as_row(self) -> dict[str, str]:
        """The CSV row, as text: an ISO date, numbers without a trailing .0, empty text for a value not given."""
        return {f.name: _cell_text(getattr(self, f.name)) for f in fields(self)}


#: The columns of a diary CSV file, in the order add_entry writes them (helpers.diary.DIARY_FIELDS has the same
#: names, with the headings and hints of the printed sheet; a test keeps the two equal).
DIARY_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(DiaryEntry))
TEXT_COLUMNS: tuple[str, ...] = ("where", "how_much", "task_changed", "measured", "exercise")


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        # Every digit, never an exponent (1e-05 would not read back as a number of hours).
        return np.format_float_positional(value, trim="-")
    return str(value)


# ---- checking one value ---------------------------------------------------------------------------------------

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DECIMAL = re.compile(r"\d+(?:\.\d+)?")
_FORMULA_START = ("=", "+", "@")


def _check_today(today: dt.date | None) -> dt.date:
    """The day that counts as today (tests pass one, so a date check never depends on the clock)."""
    if today is None:
        return dt.date.today()
    if not isinstance(today, dt.date):
        raise CourseInputError("today", today, "a datetime.date, or None for today", "leave today out")
    return today.date() if isinstance(today, dt.datetime) else today


def _check_date(value: Any, today: dt.date) -> dt.date:
    """A real day, written year-month-day (the one form no reader mixes up), not after today."""
    allowed = f"a date written year-month-day, e.g. {today.isoformat()}"
    fix = "write the day you noticed it as year-month-day (4-digit year, then month, then day)"
    if value is pd.NaT:
        raise CourseInputError("date", value, allowed, fix)
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise CourseInputError(
                "date", value, "a real date (this day is not in the calendar)", "check the day and the month"
            ) from None
    else:
        raise CourseInputError("date", value, allowed, fix)
    if day > today:
        raise CourseInputError(
            "date",
            value,
            f"today ({today.isoformat()}) or an earlier day",
            "write the day you noticed it; check the year",
        )
    if day < FIRST_DATE:
        raise CourseInputError("date", value, f"{FIRST_DATE.isoformat()} or later", "check the year")
    return day


def _check_text(name: str, value: Any, *, required: bool = False) -> str:
    """One line of plain text (spaces around it removed), safe to open in a spreadsheet.

    Why the rules: a line break splits a row for some programs, and a spreadsheet runs a cell that starts
    with =, + or @ as a formula (a file shared later could then do harm). A lone "-" (meaning nothing) is fine.
    """
    if required:
        cleaned = text(name, value, "write where in the body you noticed it", example="left calf")
    elif value is None:
        return ""
    elif isinstance(value, str):
        cleaned = value.strip()
    else:
        raise CourseInputError(name, value, "text (it may be empty)", "write it as words, or leave it empty")
    if len(cleaned) > MAX_TEXT:
        raise CourseInputError(
            name,
            _shorten(cleaned, 60),
            f"at most {MAX_TEXT} characters (this has {len(cleaned)})",
            "shorten it: keep the facts",
        )
    if any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in cleaned):
        raise CourseInputError(
            name, cleaned, "one line of text, without line breaks or tabs", "write it on one line, with spaces"
        )
    if cleaned.startswith(_FORMULA_START):
        raise CourseInputError(
            name,
            cleaned,
            "text that does not start with =, + or @",
            "start with a word: a spreadsheet runs a cell that starts with =, + or @ as a formula",
        )
    return cleaned


def _is_empty(value: Any) -> bool:
    """None, NA, NaN or blank text: a number the learner did not write down."""
    if value is None or value is pd.NA:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, float) and math.isnan(value)


def _as_number(name: str, value: Any, allowed: str, fix: str) -> Any:
    """A number written as text ("7.5") as a float; any other value as it is (the range check comes next)."""
    if isinstance(value, str):
        if not _DECIMAL.fullmatch(value.strip()):
            raise CourseInputError(name, value, allowed, fix)
        return float(value.strip())
    return value


def _check_sleep(value: Any) -> float | None:
    if _is_empty(value):
        return None
    allowed = f"hours of sleep: a number from 0 to {MAX_SLEEP_HOURS}, like 6 or 7.5, or empty"
    fix = "write only the number of hours, with a point for part of an hour (7.5), or leave it empty"
    hours = number("sleep", _as_number("sleep", value, allowed, fix), 0, MAX_SLEEP_HOURS, fix, unit="hours")
    return hours + 0.0  # -0.0 becomes 0.0, so the file never says "-0"


def _check_count(name: str, value: Any, high: int, fix: str) -> int | None:
    if _is_empty(value):
        return None
    allowed = f"a whole number from 0 to {high}, or empty"
    return whole_number(name, _as_number(name, value, allowed, fix), 0, high, fix)


def _check_what(value: Any) -> str:
    fix = "choose one of these words; if none fits, choose 'other' and describe it under how_much"
    return one_of("what", value.strip() if isinstance(value, str) else value, WHAT_CHOICES, fix)


def make_entry(
    date: dt.date | str,
    where: str,
    what: str,
    how_much: str = "",
    task_changed: str = "",
    measured: str = "",
    sleep: float | str | None = None,
    caffeine: int | str | None = None,
    stress: int | str | None = None,
    exercise: str = "",
    *,
    today: dt.date | None = None,
) -> DiaryEntry:
    """A checked entry. Numbers may be given as text ("7.5"), as a widget's text box gives them.

    Raises CourseInputError naming the first field (in column order) that is wrong; its ``what`` is the
    column's name, so read_diary can say which column of which line it was.
    """
    day = _check_today(today)
    return DiaryEntry(
        date=_check_date(date, day),
        where=_check_text("where", where, required=True),
        what=_check_what(what),
        how_much=_check_text("how_much", how_much),
        task_changed=_check_text("task_changed", task_changed),
        measured=_check_text("measured", measured),
        sleep=_check_sleep(sleep),
        caffeine=_check_count(
            "caffeine", caffeine, MAX_CAFFEINE, "count the coffees, teas, colas and energy drinks that day, e.g. 4"
        ),
        stress=_check_count("stress", stress, MAX_STRESS, "choose one whole number: 0 is none, 10 is the worst"),
        exercise=_check_text("exercise", exercise),
    )


# ---- where the diary lives ---------------------------------------------------------------------------------------

_NAME = re.compile(r"[A-Za-z0-9_-]{1,40}")


def _refuse_course_data(path: Path, what: str, fix: str) -> None:
    """A diary never goes into the course's data/ folder: the course rewrites and checks those files."""
    data = default_data_dir().resolve()
    target = path.expanduser().resolve()
    if target == data or data in target.parents:
        raise CourseInputError(what, str(path), f"a place outside the course's data folder ({data})", fix)


def diary_folder() -> Path:
    """The folder for the learner's diaries: $COURSE_DIARY_DIR if set, else a symptom-diary folder in their home.

    Why the home folder: the diary is personal, so it lives outside the course (a course update or a fresh copy
    never touches it) and never in the course's data/ folder.
    """
    raw = os.environ.get(DIARY_ENV, "").strip()
    folder = Path(raw).expanduser().absolute() if raw else Path.home() / "symptom-diary"
    _refuse_course_data(
        folder, DIARY_ENV, f"set {DIARY_ENV} to a folder of your own, e.g. {Path.home() / 'symptom-diary'}, or unset it"
    )
    return folder


def diary_path(name: str = DEFAULT_NAME) -> Path:
    """The CSV file of the diary called ``name`` (letters, digits, - and _ only, so it is always a plain file name)."""
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise CourseInputError(
            "diary name",
            name,
            "1 to 40 letters, digits, - or _ (no spaces, dots or slashes)",
            "choose a short name such as 'my-diary' or 'diary_2026'",
        )
    return diary_folder() / f"{name}.csv"


def _diary_file(path: str | Path | None, *, saving: bool = True) -> Path:
    """The diary file to use: ``path`` if given, else diary_path().

    A file to save to must end in .csv and lie outside the course's data folder; any file may be read (a
    learner may check a ``.bak`` copy with read_diary before restoring it).
    """
    if path is None:
        return diary_path()
    if not isinstance(path, (str, os.PathLike)) or not str(path).strip():
        raise CourseInputError("diary file", path, "a path to a .csv file", "leave it out to use diary_path()")
    file = Path(path).expanduser()
    if not saving:
        return file
    if file.suffix.lower() != ".csv":
        raise CourseInputError("diary file", str(file), "a file name ending in .csv", "use diary_path('my-diary')")
    _refuse_course_data(file, "diary file", "keep your diary in your own folder: use diary_path()")
    return file


def _sibling(file: Path, ending: str) -> Path:
    """``my-diary.csv`` -> ``my-diary.csv.bak`` (or .lock, .before-restore): beside the diary, named after it."""
    return file.with_name(file.name + ending)


# ---- reading -------------------------------------------------------------------------------------------------------


def _read_bytes(file: Path) -> bytes | None:
    """The file's bytes, or None if there is no file yet (a new diary)."""
    if file.is_dir():
        raise CourseInputError(
            f"diary file {file}", "a folder", "a CSV file", "give the path of the .csv file itself, not of a folder"
        )
    try:
        return file.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as err:
        raise CourseInputError(
            f"diary file {file}", err.strerror or str(err), "a file you may read", "check the file's name and rights"
        ) from err


def _binary_kind(data: bytes) -> str:
    """What a file that is not text looks like, or "" if it may be text."""
    if data.startswith(b"PK\x03\x04"):
        return "an Excel workbook (.xlsx) or another zip file, saved under a .csv name"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "an old Excel workbook (.xls), saved under a .csv name"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text saved as UTF-16 ('Unicode text')"
    if b"\x00" in data:
        return "a binary file, not text"
    return ""


def _decode(file: Path, data: bytes) -> str:
    """The file as text. A UTF-8 BOM (Excel writes one) is dropped; anything that is not UTF-8 text is refused."""
    where = f"diary file {file}"
    save_as = f"in the spreadsheet, choose Save As and the type 'CSV UTF-8 (comma delimited)'; {RESTORE_HINT}"
    if not data:
        raise CourseInputError(
            where,
            "an empty file (0 bytes)",
            "a diary written by add_entry: a header line, then one line per entry",
            "delete it (add_entry then starts a new diary) or restore the backup with restore_backup()",
        )
    kind = _binary_kind(data)
    if kind:
        raise CourseInputError(where, kind, "a CSV text file (UTF-8)", save_as)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        got = data[max(0, err.start - 12) : err.start + 4]
        raise CourseInputError(f"{where}, line {line}", got, "text saved as UTF-8", save_as) from None


def _column_letter(index: int) -> str:
    """The spreadsheet's name of the column at ``index`` (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _shorten(value: str, most: int = 80) -> str:
    """A long text cut for a message (the learner finds the rest in the file)."""
    return value if len(value) <= most else value[:most] + "..."


def _quoted(names: Sequence[str]) -> str:
    return ", ".join(repr(n) for n in names)


def _check_header(where: str, names: list[str]) -> None:
    """The diary's columns, each once, in any order (a spreadsheet may move them)."""
    at = f"{where}, line 1 (the header)"
    got = _shorten(",".join(names), 120)
    allowed = "these columns, each once, in any order: " + ",".join(DIARY_COLUMNS)
    if not any(names):
        raise CourseInputError(at, got, allowed, f"write the header on line 1; {RESTORE_HINT}")
    if len(names) == 1 and (";" in names[0] or "\t" in names[0]):
        raise CourseInputError(
            at,
            got,
            "values separated by commas (,)",
            "the values are separated by semicolons or tabs: in the spreadsheet, choose Save As and the type "
            f"'CSV UTF-8 (comma delimited)'; {RESTORE_HINT}",
        )
    if len({n for n in names if n in DIARY_COLUMNS}) < 3:
        raise CourseInputError(
            at,
            got,
            "a symptom diary's header: " + ",".join(DIARY_COLUMNS),
            "this looks like another file (for example a table of the course's data), not a symptom diary; "
            "choose your diary file (diary_path() shows where it is)",
        )
    twice = [n for n in dict.fromkeys(names) if names.count(n) > 1]
    if twice:
        raise CourseInputError(
            f"{at}, column {twice[0]!r}",
            got,
            allowed,
            f"delete one of the two {twice[0]!r} columns (keep the one that holds your entries)",
        )
    missing = [c for c in DIARY_COLUMNS if c not in names]
    extra = [n for n in names if n not in DIARY_COLUMNS]
    if missing and extra:
        raise CourseInputError(
            f"{at}, columns {_quoted(extra)} and {_quoted(missing)}",
            got,
            allowed,
            f"rename the column {_quoted(extra)} to the missing {_quoted(missing)} (names in small letters, "
            f"exactly as listed); {RESTORE_HINT}",
        )
    if missing:
        column = "column" if len(missing) == 1 else "columns"
        raise CourseInputError(
            f"{at}, {column} {_quoted(missing)}",
            got,
            allowed,
            f"add the missing {column} {_quoted(missing)} to line 1 (the cells below may stay empty); {RESTORE_HINT}",
        )
    if extra:
        column = "column" if len(extra) == 1 else "columns"
        raise CourseInputError(
            f"{at}, {column} {_quoted(extra)}",
            got,
            allowed,
            f"delete the {column} {_quoted(extra)}: the diary keeps only its own columns (write notes under how_much)",
        )


def _parse(file: Path, content: str, today: dt.date) -> tuple[list[str], list[DiaryEntry]]:
    """The header's column names and every entry of a diary file's text, each checked; the first problem raises.

    Lines are counted as a spreadsheet counts rows: the header is line 1, and a blank line (a spreadsheet may
    leave some at the end) is counted but skipped.
    """
    where = f"diary file {file}"
    records: list[list[str]] = []
    try:
        records.extend(csv.reader(io.StringIO(content, newline=""), strict=True))
    except csv.Error as err:
        raise CourseInputError(
            f"{where}, line {len(records) + 1}",
            str(err),
            'values separated by commas; a text with a comma or a " inside is put in double quotes',
            f"check the quote marks on that line; {RESTORE_HINT}",
        ) from None
    names = [name.strip() for name in records[0]] if records else []
    _check_header(where, names)
    entries = []
    for line, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != len(names):
            raise CourseInputError(
                f"{where}, line {line}",
                _shorten(",".join(record), 120),
                f"{len(names)} values separated by commas, one for each column (this line has {len(record)})",
                "a text with a comma inside must be in double quotes, and an empty value still needs its comma; "
                + RESTORE_HINT,
            )
        values = dict(zip(names, record, strict=True))
        try:
            entries.append(make_entry(**values, today=today))
        except CourseInputError as err:
            letter = _column_letter(names.index(err.what))
            raise CourseInputError(
                f"{where}, line {line}, column {err.what!r} (column {letter} in a spreadsheet)",
                _shorten(values[err.what]),
                err.allowed,
                f"{err.fix}; correct that cell and save the file as CSV, {RESTORE_HINT}",
            ) from None
    return names, entries


def _frame(entries: Sequence[DiaryEntry]) -> pd.DataFrame:
    """The entries as a table, sorted by date (entries of one day keep their order)."""
    dtypes = {"date": "object", "sleep": "float64", "caffeine": "Int64", "stress": "Int64"}
    frame = pd.DataFrame(
        {name: pd.Series([getattr(e, name) for e in entries], dtype=dtypes.get(name, "str")) for name in DIARY_COLUMNS}
    )
    return frame.sort_values("date", kind="stable", ignore_index=True)


def read_diary(path: str | Path | None = None, *, today: dt.date | None = None) -> pd.DataFrame:
    """The diary as a table; an empty table (with the columns) if the file does not exist yet.

    Every value is checked as make_entry checks it; the first problem raises a CourseInputError naming the file,
    the line (header = line 1), the column, what was found and what is allowed. Columns: DIARY_COLUMNS, in that
    order; ``date`` holds datetime.date objects; sleep is a float (NaN if empty), caffeine and stress nullable
    Int64 (<NA> if empty), the text columns text ("" if empty). Rows are sorted by date, in file order within a day.
    """
    file = _diary_file(path, saving=False)
    data = _read_bytes(file)
    if data is None:
        return _frame([])
    return _frame(_parse(file, _decode(file, data), _check_today(today))[1])


# ---- saving --------------------------------------------------------------------------------------------------------


@contextmanager
def _locked(file: Path) -> Iterator[None]:
    """Hold the diary's lock (a sibling .lock file) while saving, so two programs never write at once."""
    lock_file = _sibling(file, ".lock")
    try:
        # Not a with-block: the handle is closed in the finally below, after the lock is released.
        handle = open(lock_file, "a+b")  # noqa: SIM115
    except OSError as err:
        raise CourseInputError(
            f"diary folder {file.parent}", err.strerror or str(err), "a folder you may write to", "choose another"
        ) from err
    try:
        deadline = time.monotonic() + LOCK_TIMEOUT_S
        while True:
            try:
                handle.seek(0)
                _try_lock(handle.fileno())
                break
            except OSError:
                if time.monotonic() >= deadline:
                    raise CourseInputError(
                        f"diary file {file}",
                        f"still being saved by another program after {LOCK_TIMEOUT_S:g} seconds",
                        "one save at a time",
                        "wait a moment and try again; close other notebooks that use this diary",
                    ) from None
                time.sleep(0.02)
        try:
            yield
        finally:
            handle.seek(0)
            _unlock(handle.fileno())
    finally:
        handle.close()


@contextmanager
def _writing(file: Path) -> Iterator[None]:
    """Turn a failed write (no rights, a full disk) into a message that says what to do."""
    try:
        yield
    except OSError as err:
        raise CourseInputError(
            f"diary file {file}",
            err.strerror or str(err),
            "a folder you may write to, on a disk with free space",
            "free some space or choose another folder; the file as it was before is in the .bak copy beside it",
        ) from err


def _sync_folder(folder: Path) -> None:
    """Make a new or renamed file's name survive a power cut (POSIX only; Windows has no such call)."""
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the file's own data is already synced
    finally:
        os.close(fd)


def _write_whole(target: Path, data: bytes) -> None:
    """Write ``target`` all at once: a temporary file, synced, then renamed over it (never half a file)."""
    temporary = _sibling(target, ".tmp")
    with open(temporary, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, target)
    _sync_folder(target.parent)


def _csv_line(values: Sequence[str], newline: str) -> bytes:
    """One CSV line, quoted where needed (a comma or a quote mark in a text)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=newline).writerow(values)
    return buffer.getvalue().encode("utf-8")


def _append(file: Path, data: bytes, row: Sequence[str]) -> None:
    """Add one line at the end, with the file's own line ending, after a line break if the last line has none.

    ``row`` is in the order of the file's own header (a spreadsheet may have moved the columns).
    """
    first_end = data.find(b"\n")
    newline = "\r\n" if first_end > 0 and data[first_end - 1 : first_end] == b"\r" else "\n"
    start = b"" if data.endswith((b"\n", b"\r")) else newline.encode()
    with open(file, "ab") as handle:
        handle.write(start + _csv_line(row, newline))
        handle.flush()
        os.fsync(handle.fileno())


def add_entry(entry: DiaryEntry, path: str | Path | None = None, *, today: dt.date | None = None) -> Path:
    """Save ``entry`` as one new line at the end of the diary (diary_path() if no path), and return the path.

    Why so careful: the diary is the learner's only record. Under a lock, the whole file is read and checked
    first (a file with any problem raises, and nothing is written); then the file is copied to ``.bak`` (the file
    as it was just before this save) and one line is appended and synced to disk. Existing lines are never
    rewritten. A new diary gets its folder and its header line.
    """
    if not isinstance(entry, DiaryEntry):
        raise CourseInputError("entry", entry, "a DiaryEntry", "make it with make_entry(date, where, what, ...)")
    day = _check_today(today)
    checked = make_entry(**{f.name: getattr(entry, f.name) for f in fields(entry)}, today=day)
    cells = checked.as_row()
    file = _diary_file(path)
    with _writing(file):
        file.parent.mkdir(parents=True, exist_ok=True)
    with _locked(file):
        data = _read_bytes(file)
        names = _parse(file, _decode(file, data), day)[0] if data is not None else list(DIARY_COLUMNS)
        row = [cells[name] for name in names]
        with _writing(file):
            if data is None:
                _write_whole(file, _csv_line(names, "\n") + _csv_line(row, "\n"))
            else:
                _write_whole(_sibling(file, ".bak"), data)
                _append(file, data, row)
    return file


def restore_backup(path: str | Path | None = None) -> Path:
    """Put back the diary as it was just before the last save (the ``.bak`` copy), and return the path.

    Nothing is lost: the current file is first kept as ``.before-restore`` (replacing an older one, unless the
    current file already equals the backup), and the ``.bak`` copy stays, so restoring twice changes nothing.
    """
    file = _diary_file(path)
    backup = _sibling(file, ".bak")
    with _locked(file):
        if not backup.is_file():
            raise CourseInputError(
                f"backup of {file}",
                f"no file {backup.name}",
                "a .bak copy, made by add_entry before each save to an existing diary",
                "there is nothing to restore yet: the first copy is made when the second entry is saved",
            )
        current = _read_bytes(file)
        with _writing(file):
            saved = backup.read_bytes()
            if current is not None and current != saved:
                _write_whole(_sibling(file, ".before-restore"), current)
            _write_whole(file, saved)
    return file


# ---- urgent-care signs -----------------------------------------------------------------------------------------

#: (the sign, the "what" choice that is the sign on its own, words in a text that mention it). The signs are the
#: emergency level of helpers.safety.CARE_LEVELS, named neutrally ("breathing", not "trouble breathing"): an entry
#: that says "no problems breathing" still shows the message, which is the safe side to err on.
URGENT_SIGNS: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    (
        "breathing",
        "breathing",
        re.compile(r"breath|gasp|suffocat|(?:short|out) of air|(?:get|enough) air", re.IGNORECASE),
    ),
    ("choking", "", re.compile(r"chok", re.IGNORECASE)),
    (
        "swallowing",
        "swallowing",
        re.compile(r"swallow|dysphag|(?:cough|splutter)\w*\b.{0,30}\b(?:drink|eat|food)", re.I),
    ),
    (
        "something that came on suddenly",
        "",
        re.compile(
            r"sudden|all at once|out of nowhere|within (?:minutes|an hour|hours)|by the hour|"
            r"for (?:a few|ten|five|\d+) minutes|went weak|gone weak|went dead|overnight|woke (?:up )?with|"
            r"since (?:i woke|this morning|today|an hour)|came on (?:today|this morning|tonight)|started today",
            re.IGNORECASE,
        ),
    ),
    ("double vision", "", re.compile(r"double vision|seeing double|see double", re.IGNORECASE)),
    (
        "a drooping face",
        "",
        re.compile(r"droop\w*\b.{0,20}\b(?:face|mouth|smile|one side)|(?:face|mouth|smile)\b.{0,20}\bdroop", re.I),
    ),
    ("slurred or muddled speech", "", re.compile(r"slurr|came out wrong|muddled|garbled", re.IGNORECASE)),
    (
        "a leg or arm that gave way or cannot move",
        "",
        re.compile(
            r"gave way|give way|giving way|gave out|buckl|(?:can't|cannot|can not|couldn't|could not|unable to) "
            r"(?:stand|walk|move|lift|raise)",
            re.IGNORECASE,
        ),
    ),
    (
        "bladder or bowel control, or numbness around the bottom",
        "",
        re.compile(r"bladder|bowel|wet myself|incontinen|numb\w*\b.{0,30}\b(?:bottom|groin|saddle|genital)", re.I),
    ),
)


def urgent_signs(entry: DiaryEntry) -> tuple[str, ...]:
    """The urgent-care signs an entry mentions (by its "what" or its words), or () if none.

    Why words and not a judgement: the widget shows the emergency line whenever this is not empty, so it errs
    on the side of showing it (any mention counts, a swallowing or breathing entry always counts). It reads where,
    how_much, task_changed and measured; it says nothing about what a sign means.
    """
    if not isinstance(entry, DiaryEntry):
        raise CourseInputError("entry", entry, "a DiaryEntry", "make it with make_entry(date, where, what, ...)")
    words = " | ".join((entry.where, entry.how_much, entry.task_changed, entry.measured, entry.exercise))
    return tuple(sign for sign, what, pattern in URGENT_SIGNS if entry.what == what or pattern.search(words))


# ---- the summary for an appointment ------------------------------------------------------------------------------

SUMMARY_TITLE = "Symptom diary: summary for my appointment"
SUMMARY_END = "Written from my own diary. It records what I noticed; it is not a diagnosis."
#: Values that mean "nothing" in a text column: not listed as a task, a measurement or exercise.
NOTHING = frozenset({"", "-", "--", "none", "no", "nothing", "n/a", "na", "nil", "0"})
#: At most this many lines per list, so the summary fits on one page (about 60 lines).
MAX_PAIRS, MAX_TASKS, MAX_MEASURED = 12, 15, 10
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _day(day: dt.date) -> str:
    """A date no reader mixes up, in English whatever the computer's language: Sat 3 Jan 2026."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The frame's entries as plain values (date a datetime.date, empty text ""), sorted by date."""
    if not isinstance(frame, pd.DataFrame) or set(DIARY_COLUMNS) - set(frame.columns):
        raise CourseInputError(
            "diary", type(frame).__name__, "a table from read_diary()", "read the diary first: read_diary(path)"
        )
    try:
        dates = [pd.Timestamp(d).date() for d in frame["date"]]
        numbers = {
            c: pd.to_numeric(frame[c], errors="raise").astype("float64") for c in ("sleep", "caffeine", "stress")
        }
    except (TypeError, ValueError):
        raise CourseInputError(
            "diary", "a date or number that does not read", "a table from read_diary()", "read it with read_diary()"
        ) from None
    if any(pd.isna(d) for d in dates):
        raise CourseInputError("diary", "an entry without a date", "a table from read_diary()", "use read_diary()")
    rows = []
    for i in range(len(frame)):
        row: dict[str, Any] = {"date": dates[i], "what": str(frame["what"].iloc[i])}
        for c in TEXT_COLUMNS:
            value = frame[c].iloc[i]
            row[c] = "" if pd.isna(value) else str(value).strip()
        for c, values in numbers.items():
            row[c] = None if pd.isna(values.iloc[i]) else float(values.iloc[i])
        rows.append(row)
    return sorted(rows, key=lambda r: r["date"])


def _dated_list(rows: list[dict[str, Any]], column: str, most: int) -> list[str]:
    """Each written value of ``column`` with its date, in date order; only the newest ``most`` if there are more."""
    dated = [f"{_day(r['date'])}: {r[column]}" for r in rows if r[column].casefold() not in NOTHING]
    if not dated:
        return ["None written."]
    if len(dated) <= most:
        return dated
    return [f"({len(dated) - most} earlier ones are in the full diary.)", *dated[-most:]]


def _pairs(rows: list[dict[str, Any]]) -> list[str]:
    """For each (what, where): since when, until when, how many entries and the newest "how much"."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in rows:
        groups.setdefault((r["what"], " ".join(r["where"].split()).casefold()), []).append(r)
    chosen = sorted(groups.values(), key=lambda g: -len(g))[:MAX_PAIRS]
    lines = []
    for group in sorted(chosen, key=lambda g: g[0]["date"]):
        first, last = group[0]["date"], group[-1]["date"]
        when = f"on {_day(first)}" if first == last else f"from {_day(first)} to {_day(last)}"
        line = f"{group[0]['what']}, {group[-1]['where']}: {when}, {_count(len(group), 'entry', 'entries')}."
        said = [r["how_much"] for r in group if r["how_much"]]
        if len(said) > 1 and said[0] != said[-1]:
            line += f" First 'how much': {said[0]}; newest: {said[-1]}."
        elif said:
            line += f" 'How much': {said[-1]}."
        lines.append(line)
    if len(groups) > MAX_PAIRS:
        lines.append(f"({len(groups) - MAX_PAIRS} more are in the full diary.)")
    return lines


def _median(rows: list[dict[str, Any]], column: str) -> tuple[str, int]:
    values = [r[column] for r in rows if r[column] is not None]
    return (f"{pd.Series(values).median():g}" if values else "", len(values))


def _context(rows: list[dict[str, Any]]) -> list[str]:
    """Sleep, caffeine, stress and exercise on the days of the entries: numbers only."""
    n = len(rows)
    lines = []
    for column, label, unit in (
        ("sleep", "Sleep the night before", " hours"),
        ("caffeine", "Caffeine", " drinks a day"),
        ("stress", "Stress (0 to 10)", ""),
    ):
        median, given = _median(rows, column)
        lines.append(f"{label}: median {median}{unit} ({given} of {n} entries)." if given else f"{label}: not written.")
    exercise = sum(r["exercise"].casefold() not in NOTHING for r in rows)
    lines.append(f"Exercise written down: {exercise} of {n} entries.")
    return lines


def _summary_parts(frame: pd.DataFrame) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """The summary's opening lines and its sections (heading, lines): one content for the text and the HTML."""
    rows = _rows(frame)
    if not rows:
        return ["The diary has no entries yet."], []
    first, last = rows[0]["date"], rows[-1]["date"]
    days = len({r["date"] for r in rows})
    period = (
        f"From {_day(first)} to {_day(last)}: {_count(len(rows), 'entry', 'entries')} on {_count(days, 'day', 'days')}."
    )
    sections = [
        ("What and where, since when", _pairs(rows)),
        ("Tasks that changed", _dated_list(rows, "task_changed", MAX_TASKS)),
        ("What was measured", _dated_list(rows, "measured", MAX_MEASURED)),
        ("Context on the days of the entries", _context(rows)),
    ]
    return [period], sections


def diary_summary(frame: pd.DataFrame, mark: str = "") -> str:
    """A one-page plain-text summary (about 60 lines at most) of a diary from read_diary, for an appointment.

    It lists what was written, with dates and counts: what and where since when, the tasks that changed, what
    was measured, and sleep, caffeine, stress and exercise as numbers. It adds no meaning of its own. ``mark``
    is a first line, for a diary that is not the reader's own ("Synthetic teaching example: ...").
    """
    opening, sections = _summary_parts(frame)
    lines = [*([mark, ""] if mark else []), SUMMARY_TITLE, "", *opening]
    for heading, items in sections:
        lines += ["", heading, *(f"- {item}" for item in items)]
    if sections:
        lines += ["", SUMMARY_END]
    return "\n".join(lines) + "\n"


def diary_summary_html(frame: pd.DataFrame) -> str:
    """The same summary as simple HTML (every text escaped, so an entry can never add markup or a script)."""
    opening, sections = _summary_parts(frame)
    out = [f"<div class='diary-summary'><h1>{html.escape(SUMMARY_TITLE)}</h1>"]
    out += [f"<p>{html.escape(line)}</p>" for line in opening]
    for heading, items in sections:
        out.append(f"<h2>{html.escape(heading)}</h2><ul>")
        out += [f"<li>{html.escape(item)}</li>" for item in items]
        out.append("</ul>")
    if sections:
        out.append(f"<p><em>{html.escape(SUMMARY_END)}</em></p>")
    out.append("</div>")
    return "\n".join(out) + "\n"
