"""The symptom diary store: entries are checked, saved without loss, read back exactly, and summarised plainly.

Why these tests: the diary is a learner's own record, taken to a clinician. An entry must read back exactly as
it was written; a damaged file must be refused with a message that names the file, the line and the column, and
must never be written to; two notebooks saving at once must not lose an entry; and the summary must describe
without interpreting.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import math
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import fields
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import diary_store
from helpers.diary import (
    DIARY_COLUMNS,
    DIARY_FIELDS,
    URGENT_WHAT,
    WHAT_CHOICES,
    DiaryEntry,
    add_entry,
    diary_folder,
    diary_path,
    diary_summary,
    diary_summary_html,
    make_entry,
    read_diary,
    restore_backup,
    urgent_signs,
)
from helpers.engine.cohort import default_data_dir
from helpers.errors import CourseInputError
from tests.conftest import ROOT

TODAY = dt.date(2026, 6, 30)
ROW = ["2026-06-01", "left calf", "twitching", "a few seconds", "none", "-", "7", "2", "3", "walk"]


@pytest.fixture
def diary_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A diary folder of the test's own ($COURSE_DIARY_DIR), so no test touches the learner's home folder."""
    folder = tmp_path / "diaries"
    monkeypatch.setenv("COURSE_DIARY_DIR", str(folder))
    return folder


def entry(**changes: object) -> DiaryEntry:
    values: dict[str, object] = {"date": "2026-06-02", "where": "right hand", "what": "cramp"}
    values.update(changes)
    return make_entry(**values, today=TODAY)


def entries_of(frame: pd.DataFrame) -> list[DiaryEntry]:
    """The frame's rows back as entries (NaN and <NA> as None), to compare with what was saved."""

    def plain(value: object) -> object:
        if value is pd.NA or (isinstance(value, float) and math.isnan(value)):
            return None
        return value

    out = []
    for record in frame.to_dict("records"):
        values = {k: plain(v) for k, v in record.items()}
        for name in ("caffeine", "stress"):
            values[name] = None if values[name] is None else int(values[name])
        out.append(DiaryEntry(**values))
    return out


def csv_bytes(rows: list[list[str]], header: list[str] | None = None) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(list(DIARY_COLUMNS) if header is None else header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def with_cell(column: str, value: str) -> bytes:
    """A good line 2, then a line 3 whose ``column`` holds ``value``."""
    bad = dict(zip(DIARY_COLUMNS, ROW, strict=True))
    bad[column] = value
    return csv_bytes([ROW, list(bad.values())])


# ---- the contract ------------------------------------------------------------------------------------------------


def test_columns_are_the_sheets_fields_and_the_entrys_fields():
    assert DIARY_COLUMNS == tuple(f.name for f in DIARY_FIELDS) == tuple(f.name for f in fields(DiaryEntry))
    assert DIARY_COLUMNS == (
        "date",
        "where",
        "what",
        "how_much",
        "task_changed",
        "measured",
        "sleep",
        "caffeine",
        "stress",
        "exercise",
    )
    headings = {f.name: (f.heading, f.example) for f in DIARY_FIELDS}
    assert headings["sleep"] == ("Sleep last night (hours)", "6")
    assert headings["caffeine"] == ("Caffeine (drinks)", "4")
    assert headings["stress"][1] == "7"
    # Every example on the printed sheet is a value the store accepts.
    example = {f.name: f.example for f in DIARY_FIELDS if f.name not in ("date", "what")}
    assert make_entry("2026-06-01", what="twitching", today=TODAY, **example).sleep == 6.0


def test_make_entry_accepts_numbers_as_text_and_keeps_a_lone_dash():
    made = entry(sleep="7.5", caffeine="4", stress="0", measured="-", how_much="  -5 minutes  ", date=TODAY)
    assert (made.sleep, made.caffeine, made.stress, made.measured, made.how_much) == (7.5, 4, 0, "-", "-5 minutes")
    assert entry(sleep="", caffeine=None, stress=float("nan")).sleep is None
    assert made.as_row() == {
        "date": "2026-06-30",
        "where": "right hand",
        "what": "cramp",
        "how_much": "-5 minutes",
        "task_changed": "",
        "measured": "-",
        "sleep": "7.5",
        "caffeine": "4",
        "stress": "0",
        "exercise": "",
    }


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("date", "01/12/2026"),
        ("date", "2026-02-30"),
        ("date", "2026-07-01"),
        ("date", 20260601),
        ("where", ""),
        ("where", "   "),
        ("what", "Twitching"),
        ("how_much", "x" * 201),
        ("how_much", "two\nlines"),
        ("task_changed", "=1+1"),
        ("measured", "+44 kg"),
        ("exercise", "@SUM(A1)"),
        ("exercise", 5),
        ("sleep", "7,5"),
        ("sleep", -1),
        ("sleep", "nan"),
        ("caffeine", 2.5),
        ("caffeine", 41),
        ("stress", True),
        ("stress", "11"),
    ],
)
def test_make_entry_names_the_field_that_is_wrong(field: str, value: object):
    with pytest.raises(CourseInputError) as caught:
        entry(**{field: value})
    assert caught.value.what == field
    assert str(caught.value).startswith(f"{field}: got ") and "Allowed: " in str(caught.value)


# ---- round trip ----------------------------------------------------------------------------------------------------

TRICKY = [
    'said "ouch", twice',
    "a, b, c",
    "Wade\u2019s test: 40 m",
    "mollet gauche, très léger",
    "左ふくらはぎ",
    "😀 fine emoji",
    "-",
    "",
    "'quoted'",
    "semi;colon",
    '""',
]
_text = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=30).map(
    str.strip
).filter(lambda s: not s.startswith(("=", "+", "@"))) | st.sampled_from(TRICKY)
_entries = st.builds(
    DiaryEntry,
    date=st.dates(dt.date(1990, 1, 1), TODAY),
    where=_text.filter(bool),
    what=st.sampled_from(WHAT_CHOICES),
    how_much=_text,
    task_changed=_text,
    measured=_text,
    sleep=st.none() | st.floats(0, 24, allow_nan=False) | st.sampled_from([0.0, 7.5, 24.0, 1e-05]),
    caffeine=st.none() | st.integers(0, 40),
    stress=st.none() | st.integers(0, 10),
    exercise=_text,
)


@settings(max_examples=40, deadline=None)
@given(st.lists(_entries, min_size=1, max_size=5))
def test_entries_read_back_exactly_as_they_were_saved(saved: list[DiaryEntry]):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "diary.csv"
        for item in saved:
            add_entry(item, path, today=TODAY)
        frame = read_diary(path, today=TODAY)
    assert list(frame.columns) == list(DIARY_COLUMNS)
    assert entries_of(frame) == sorted(saved, key=lambda e: e.date), "sorted by date, same-day entries in order"
    assert str(frame["caffeine"].dtype) == "Int64" and str(frame["sleep"].dtype) == "float64"


def test_a_new_diary_is_an_empty_table_and_gets_its_folder_and_header(diary_dir: Path):
    assert not diary_dir.exists()
    empty = read_diary(today=TODAY)
    assert list(empty.columns) == list(DIARY_COLUMNS) and len(empty) == 0
    path = add_entry(entry(how_much="on and off, all evening"), today=TODAY)
    assert path == diary_dir / "my-diary.csv" == diary_path()
    assert path.read_text(encoding="utf-8").splitlines() == [
        ",".join(DIARY_COLUMNS),
        '2026-06-02,right hand,cramp,"on and off, all evening",,,,,,',
    ]
    assert not Path(f"{path}.bak").exists(), "nothing to back up before the first entry"


def test_excel_files_with_a_bom_crlf_moved_columns_and_blank_rows_are_read_and_appended_to(tmp_path: Path):
    path = tmp_path / "diary.csv"
    order = ["what", "date", *DIARY_COLUMNS[3:], "where"]
    row = dict(zip(DIARY_COLUMNS, ROW, strict=True))
    text = ",".join(order) + "\r\n" + ",".join(row[c] for c in order) + "\r\n" + ",,,,,,,,,\r\n\r\n"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    add_entry(entry(where="left foot"), path, today=TODAY)
    frame = read_diary(path, today=TODAY)
    assert list(frame["where"]) == ["left calf", "left foot"] and list(frame["what"]) == ["twitching", "cramp"]
    raw = path.read_bytes()
    appended = ",".join(["cramp", "2026-06-02", *[""] * 7, "left foot"])
    assert raw.startswith(b"\xef\xbb\xbf") and raw.endswith(f"\r\n\r\n{appended}\r\n".encode())


def test_a_last_line_without_a_line_break_gets_one_before_the_new_entry(tmp_path: Path):
    path = tmp_path / "diary.csv"
    path.write_bytes(csv_bytes([ROW]).rstrip(b"\n"))
    add_entry(entry(), path, today=TODAY)
    assert list(read_diary(path, today=TODAY)["where"]) == ["left calf", "right hand"]


# ---- damaged files are refused, and never written to -----------------------------------------------------------

DAILY_HEADER = (ROOT / "data" / "daily.csv").read_text(encoding="utf-8").splitlines()[:2]
_NO_STRESS = [c for c in DIARY_COLUMNS if c != "stress"]

#: (name, the file's bytes, the line the message names or None, the column or None, words the message holds)
MALFORMED: list[tuple[str, bytes, int | None, str | None, str]] = [
    (
        "not UTF-8",
        csv_bytes([ROW]) + ",".join(ROW).replace("left calf", "mollet très").encode("latin-1"),
        3,
        None,
        "UTF-8",
    ),
    ("binary", bytes(range(256)) * 4, None, None, "binary"),
    ("xlsx saved as csv", b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 22 + b"[Content_Types].xml", None, None, "xlsx"),
    ("empty, 0 bytes", b"", None, None, "delete it"),
    (
        "header without a column",
        csv_bytes([[v for c, v in zip(DIARY_COLUMNS, ROW, strict=True) if c != "stress"]], _NO_STRESS),
        1,
        "stress",
        "add the missing",
    ),
    ("unknown extra column", csv_bytes([[*ROW, "ok"]], [*DIARY_COLUMNS, "mood"]), 1, "mood", "delete"),
    ("duplicate column", csv_bytes([ROW], [*DIARY_COLUMNS[:-1], "where"]), 1, "where", "one of the two"),
    ("another file (data/daily.csv)", "\n".join(DAILY_HEADER).encode(), 1, None, "looks like another file"),
    ("semicolons", csv_bytes([ROW]).replace(b",", b";"), 1, None, "semicolons"),
    ("too many fields", csv_bytes([ROW]) + b"2026-06-02,left calf,cramp,mild, short,none,-,7,2,3,\n", 3, None, "11"),
    ("too few fields", csv_bytes([ROW, ROW[:-1]]), 3, None, "this line has 9"),
    ("unclosed quote", csv_bytes([ROW]) + b'2026-06-02,left calf,cramp,"mild,none,-,7,2,3,walk\n', 3, None, "quote"),
    ("date as 01/12/2026", with_cell("date", "01/12/2026"), 3, "date", "year-month-day"),
    ("impossible date", with_cell("date", "2026-02-30"), 3, "date", "real date"),
    ("date in the future", with_cell("date", "2026-07-01"), 3, "date", "today (2026-06-30) or an earlier day"),
    ("unknown what", with_cell("what", "twitch"), 3, "what", "weakness in a task"),
    ("empty where", with_cell("where", ""), 3, "where", "non-empty"),
    ("sleep not a number", with_cell("sleep", "six"), 3, "sleep", "0 to 24"),
    ("sleep out of range", with_cell("sleep", "25"), 3, "sleep", "0 to 24"),
    ("caffeine fractional", with_cell("caffeine", "2.5"), 3, "caffeine", "whole number"),
    ("caffeine negative", with_cell("caffeine", "-1"), 3, "caffeine", "whole number from 0 to 40"),
    ("stress 11", with_cell("stress", "11"), 3, "stress", "0 to 10"),
    ("formula", with_cell("how_much", '=HYPERLINK("http://example.com","click")'), 3, "how_much", "formula"),
    ("line break in a cell", with_cell("task_changed", "could not\nopen a jar"), 3, "task_changed", "line breaks"),
    ("text too long", with_cell("exercise", "walk " * 50), 3, "exercise", "at most 200 characters"),
]


@pytest.mark.parametrize(
    ("content", "line", "column", "words"), [m[1:] for m in MALFORMED], ids=[m[0] for m in MALFORMED]
)
def test_a_damaged_file_is_refused_with_file_line_and_column_and_never_written_to(
    tmp_path: Path, content: bytes, line: int | None, column: str | None, words: str
):
    path = tmp_path / "diary.csv"
    path.write_bytes(content)
    with pytest.raises(CourseInputError) as caught:
        read_diary(path, today=TODAY)
    message = str(caught.value)
    assert message.startswith(f"diary file {path}")
    assert (f"line {line}" in message) if line else "line " not in message.split(": got")[0]
    if column:
        assert f"column {column!r}" in message
    assert words in message
    assert "Allowed: " in message and "Fix: " in message
    with pytest.raises(CourseInputError):
        add_entry(entry(), path, today=TODAY)
    assert path.read_bytes() == content, "a refused file is never written to"
    assert not Path(f"{path}.bak").exists()


def test_a_folder_named_like_the_diary_is_refused(tmp_path: Path):
    path = tmp_path / "diary.csv"
    path.mkdir()
    for call in (lambda: read_diary(path), lambda: add_entry(entry(), path, today=TODAY)):
        with pytest.raises(CourseInputError, match=f"diary file {re.escape(str(path))}: got 'a folder'"):
            call()
    assert list(path.iterdir()) == []


# ---- backup and restore ------------------------------------------------------------------------------------------


def test_each_save_keeps_the_file_as_it_was_and_restore_puts_it_back(tmp_path: Path):
    path = tmp_path / "diary.csv"
    bak, before = Path(f"{path}.bak"), Path(f"{path}.before-restore")
    with pytest.raises(CourseInputError, match="nothing to restore yet"):
        restore_backup(path)
    states = []
    for i in range(3):
        add_entry(entry(where=f"place {i}"), path, today=TODAY)
        states.append(path.read_bytes())
        if i:
            assert bak.read_bytes() == states[i - 1], "the backup is the file as it was just before this save"
    restore_backup(path)
    assert path.read_bytes() == states[1] and before.read_bytes() == states[2]
    restore_backup(path)
    assert path.read_bytes() == states[1] and before.read_bytes() == states[2], "restoring twice loses nothing"
    assert len(read_diary(path, today=TODAY)) == 2


# ---- two programs saving at once -------------------------------------------------------------------------------

WRITER = """
import datetime as dt, sys, time
from pathlib import Path
from helpers.diary import add_entry, make_entry
path, tag = Path(sys.argv[1]), sys.argv[2]
(path.parent / f"ready-{tag}").touch()
while not (path.parent / "go").exists():
    time.sleep(0.005)
for i in range(40):
    day = dt.date(2026, 1, 1) + dt.timedelta(days=i % 30)
    add_entry(make_entry(day, f"{tag} place {i}", "cramp", how_much=f'{tag} "{i}", with a comma'), path)
"""


def test_two_programs_saving_at_once_lose_nothing(tmp_path: Path):
    path = tmp_path / "diary.csv"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(path), tag], cwd=ROOT, env=env, stderr=subprocess.PIPE)
        for tag in ("A", "B")
    ]
    deadline = time.monotonic() + 60
    while not all((tmp_path / f"ready-{tag}").exists() for tag in "AB") and time.monotonic() < deadline:
        time.sleep(0.01)
    (tmp_path / "go").touch()
    for proc in procs:
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err.decode()
    frame = read_diary(path)
    assert len(frame) == 80
    assert set(frame["where"]) == {f"{tag} place {i}" for tag in "AB" for i in range(40)}
    assert set(frame["how_much"]) == {f'{tag} "{i}", with a comma' for tag in "AB" for i in range(40)}
    assert len(read_diary(Path(f"{path}.bak"))) == 79


@pytest.mark.skipif(sys.platform == "win32", reason="holds the lock with fcntl")
def test_a_save_that_cannot_get_the_lock_says_so_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import fcntl

    path = tmp_path / "diary.csv"
    add_entry(entry(), path, today=TODAY)
    content = path.read_bytes()
    monkeypatch.setattr(diary_store, "LOCK_TIMEOUT_S", 0.2)
    with open(f"{path}.lock", "a+b") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        with pytest.raises(CourseInputError, match="another program"):
            add_entry(entry(), path, today=TODAY)
    assert path.read_bytes() == content
    add_entry(entry(), path, today=TODAY)
    assert len(read_diary(path, today=TODAY)) == 2


# ---- urgent-care signs ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "sign"),
    [
        ({"what": "breathing"}, "breathing"),
        ({"what": "swallowing"}, "swallowing"),
        ({"how_much": "short of breath climbing one flight of stairs"}, "breathing"),
        ({"how_much": "Can't breathe lying flat"}, "breathing"),
        ({"task_changed": "breathless when I talk"}, "breathing"),
        ({"how_much": "woke up gasping for air"}, "breathing"),
        ({"where": "chest", "how_much": "BREATHING feels hard"}, "breathing"),
        ({"how_much": "choked on water at dinner"}, "choking"),
        ({"task_changed": "choking on bread"}, "choking"),
        ({"measured": "chokes twice a meal"}, "choking"),
        ({"task_changed": "hard to swallow pills"}, "swallowing"),
        ({"where": "throat", "how_much": "food sticks when I Swallow"}, "swallowing"),
        ({"how_much": "coughing when I drink"}, "swallowing"),
        ({"how_much": "face drooped and speech slurred"}, "a drooping face"),
        ({"how_much": "speech suddenly slurred an hour ago"}, "something that came on suddenly"),
        ({"task_changed": "both legs gave way this morning"}, "a leg or arm that gave way or cannot move"),
        ({"task_changed": "could not stand up"}, "a leg or arm that gave way or cannot move"),
        ({"how_much": "numb around my bottom, wet myself"}, "bladder or bowel control, or numbness around the bottom"),
    ],
)
def test_every_breathing_choking_or_swallowing_wording_counts_as_urgent(changes: dict[str, str], sign: str):
    assert sign in urgent_signs(entry(**changes))


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"what": "twitching", "where": "left calf", "how_much": "on and off all evening"},
        {"what": "weakness in a task", "task_changed": "could not open a jar"},
        {"what": "tiredness", "how_much": "after a long shift", "exercise": "none"},
        {"what": "numbness or tingling", "where": "toes"},
    ],
)
def test_ordinary_entries_give_no_urgent_sign(changes: dict[str, str]):
    assert urgent_signs(entry(**changes)) == ()


def test_each_urgent_choice_of_what_is_a_sign_on_its_own():
    assert URGENT_WHAT == ("breathing", "swallowing")
    assert all(urgent_signs(entry(what=what)) for what in URGENT_WHAT)


# ---- the summary ------------------------------------------------------------------------------------------------

FORBIDDEN = re.compile(
    r"normal|likely|risk|probabl|nothing to worry|\bals\b|diagnos|benign|harmless|serious|worry|reassur|\bcause",
    re.IGNORECASE,
)


def made_up_diary(tmp_path: Path) -> pd.DataFrame:
    path = tmp_path / "diary.csv"
    for changes in (
        {"date": "2026-05-04", "what": "twitching", "where": "left calf", "how_much": "a few seconds", "sleep": 6},
        {"date": "2026-05-01", "what": "twitching", "where": "left calf", "how_much": "all evening", "caffeine": 5},
        {
            "date": "2026-05-09",
            "what": "weakness in a task",
            "where": "right hand",
            "task_changed": "could not open a jar",
            "stress": 8,
            "sleep": 7,
            "exercise": "30 min walk",
        },
        {
            "date": "2026-05-12",
            "what": "cramp",
            "where": "right foot",
            "measured": "grip 31 kg right (clinic asked)",
            "task_changed": "none",
            "caffeine": 3,
            "stress": 4,
            "exercise": "none",
        },
        {"date": "2026-05-12", "what": "other", "where": "<script>alert(1)</script>", "how_much": "a & b"},
    ):
        add_entry(entry(**changes), path, today=TODAY)
    return read_diary(path, today=TODAY)


def test_summary_lists_dates_pairs_tasks_measures_and_context_as_numbers(tmp_path: Path):
    text = diary_summary(made_up_diary(tmp_path))
    lines = text.splitlines()
    assert lines[0] == "Symptom diary: summary for my appointment"
    assert "From Fri 1 May 2026 to Tue 12 May 2026: 5 entries on 4 days." in text
    assert (
        "twitching, left calf: from Fri 1 May 2026 to Mon 4 May 2026, 2 entries. First 'how much': all evening; "
        "newest: a few seconds." in text
    )
    assert "- Sat 9 May 2026: could not open a jar" in text
    assert "- Tue 12 May 2026: grip 31 kg right (clinic asked)" in text
    assert "none" not in text.split("Tasks that changed")[1].split("What was measured")[0]
    assert "Sleep the night before: median 6.5 hours (2 of 5 entries)." in text
    assert "Caffeine: median 4 drinks a day (2 of 5 entries)." in text
    assert "Stress (0 to 10): median 6 (2 of 5 entries)." in text
    assert "Exercise written down: 1 of 5 entries." in text
    assert lines[-1] == "Written from my own diary. It records what I noticed; it is not a diagnosis."


def test_summary_html_has_the_same_content_with_every_text_escaped(tmp_path: Path):
    frame = made_up_diary(tmp_path)
    page = diary_summary_html(frame)
    assert "<script" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "a &amp; b" in page
    shown = re.sub(r"<[^>]+>", "\n", page)
    for line in diary_summary(frame).splitlines():
        if line:
            assert html.escape(line.removeprefix("- ")) in shown, line


def test_summary_never_interprets_even_for_a_diary_full_of_breathing_entries(tmp_path: Path):
    path = tmp_path / "diary.csv"
    for day in range(1, 21):
        add_entry(
            entry(
                date=f"2026-04-{day:02d}",
                what="breathing",
                where="chest",
                how_much="short of breath on stairs",
                task_changed="stopped halfway up the stairs",
                sleep=4,
                stress=9,
                caffeine=6,
            ),
            path,
            today=TODAY,
        )
    frame = read_diary(path, today=TODAY)
    for text in (diary_summary(frame), re.sub(r"<[^>]+>", " ", diary_summary_html(frame))):
        body = text.replace(diary_store.SUMMARY_END, "")
        assert not FORBIDDEN.findall(body), FORBIDDEN.findall(body)


def test_summary_of_a_long_diary_fits_one_page_and_an_empty_one_says_so(tmp_path: Path):
    rows = [
        entry(
            date=dt.date(2026, 1, 1) + dt.timedelta(days=i % 150),
            where=f"place {i % 30}",
            task_changed=f"task {i}",
            measured=f"measure {i}",
            how_much="x" * 150,
        ).as_row()
        for i in range(300)
    ]
    path = tmp_path / "diary.csv"
    path.write_bytes(csv_bytes([list(r.values()) for r in rows]))
    text = diary_summary(read_diary(path, today=TODAY))
    assert len(text.splitlines()) <= 60
    assert "earlier ones are in the full diary" in text and "more are in the full diary" in text
    empty = diary_summary(read_diary(tmp_path / "none.csv"))
    assert "no entries yet" in empty and len(empty.splitlines()) <= 3
    assert "no entries yet" in diary_summary_html(read_diary(tmp_path / "none.csv"))
    with pytest.raises(CourseInputError):
        diary_summary(pd.DataFrame({"a": [1]}))


# ---- where the diary lives -------------------------------------------------------------------------------------


def test_the_diary_folder_is_the_home_folder_or_the_variable_never_the_course_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.delenv("COURSE_DIARY_DIR", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert diary_folder() == Path.home() / "symptom-diary"
    monkeypatch.setenv("COURSE_DIARY_DIR", str(tmp_path / "mine"))
    assert diary_folder() == tmp_path / "mine"
    for inside in (default_data_dir(), default_data_dir() / "diaries", default_data_dir() / ".." / "data"):
        monkeypatch.setenv("COURSE_DIARY_DIR", str(inside))
        with pytest.raises(CourseInputError, match=r"COURSE_DIARY_DIR: got .* outside the course's data folder"):
            diary_folder()
        with pytest.raises(CourseInputError):
            diary_path()


def test_no_save_goes_into_the_course_data_or_to_a_file_that_is_not_csv(tmp_path: Path):
    before = sorted(p.name for p in default_data_dir().iterdir())
    with pytest.raises(CourseInputError, match=re.escape("outside the course's data folder")):
        add_entry(entry(), default_data_dir() / "my-diary.csv", today=TODAY)
    with pytest.raises(CourseInputError, match=re.escape("ending in .csv")):
        add_entry(entry(), tmp_path / "diary.txt", today=TODAY)
    assert sorted(p.name for p in default_data_dir().iterdir()) == before


@pytest.mark.parametrize("name", ["../x", "", "my diary", "a/b", "x.csv", "a" * 41, "dïary", 5])
def test_diary_path_refuses_names_that_are_not_plain(diary_dir: Path, name: object):
    with pytest.raises(CourseInputError, match="diary name"):
        diary_path(name)


def test_diary_path_builds_the_file_in_the_folder(diary_dir: Path):
    assert diary_path("diary_2026-b") == diary_dir / "diary_2026-b.csv"
    assert diary_path() == diary_dir / "my-diary.csv"


def test_the_store_imports_on_its_own_and_helpers_diary_exports_it_all():
    """helpers.diary imports helpers.diary_store, never the other way round: either may be imported first."""
    code = "import helpers.diary_store, helpers.diary as d; print(sorted(set(d.__all__) - set(dir(d))))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stdout.strip() == "[]", result.stderr
