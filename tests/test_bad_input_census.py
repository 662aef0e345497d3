"""Bad input census (issue #13): malformed input to the helpers the notebooks call stops with a CourseInputError.

Each case is one malformed input a learner or teacher could give: an unknown persona, a wrong type, NaN or an
infinity, an absurd number of months, a broken persona file, a broken cohort CSV. Its message must name the input
(the parameter, or the file and column), say what is allowed, and say how to fix it: each case checks a concrete
piece of all three. A few inputs are fine and must load correctly instead (a UTF-8 byte-order mark, Windows line
endings). Regenerating the data never overwrites an edited file silently (the tests after the table).
"""

from __future__ import annotations

import hashlib
import io
import math
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd
import pytest

from helpers.caselab import case_lab, case_tables
from helpers.engine import generate_cohort, grip_trials, load_cohort, load_personas, persona_story, write_cohort
from helpers.engine.cohort import DAILY_COLUMNS, MANIFEST, default_data_dir, main
from helpers.errors import CourseInputError
from helpers.fatigue import diary_explorer, diary_figure_for, grip_lab, noise_or_trend_lab, predict_grip, predict_noise
from helpers.lookalikes import evaluation_walk, lookalikes_lab, symptom_diary
from helpers.references import references
from helpers.start import mrc_ladder
from helpers.start import quiz as start_quiz
from helpers.twitching import base_rate_explorer, base_rates, body_map_over_time, side_by_side, trigger_lab
from helpers.weakness import clinic_visit, daily_life, pathway_explorer
from tests.test_engine_persona_file import GOOD

DATA = default_data_dir()
TABLES = ("personas", "daily", "visits", "grip_sessions")
NAN, INF = math.nan, math.inf

# ---------------------------------------------------------------------------
# Broken files, made in tmp_path
# ---------------------------------------------------------------------------
PERSONA = GOOD  # the persona-file tests' one valid persona; each case breaks one thing in it


def persona_file(tmp_path: Path, text: str = PERSONA, data: bytes | None = None) -> Path:
    path = tmp_path / "personas.toml"
    path.write_bytes(text.encode("utf-8") if data is None else data)
    return path


def with_persona_file(text: str = PERSONA, data: bytes | None = None) -> Callable[[Path], Any]:
    """A case: load_personas on a persona file written from ``text`` (or raw bytes ``data``)."""
    return lambda tmp_path: load_personas(persona_file(tmp_path, text, data))


def with_cohort_file(table: str, edit: Callable[[bytes], bytes]) -> Callable[[Path], Any]:
    """A case: load_cohort on a copy of data/ whose ``table``.csv was changed by ``edit`` (bytes to bytes)."""

    def call(tmp_path: Path) -> Any:
        for name in TABLES:
            shutil.copy(DATA / f"{name}.csv", tmp_path / f"{name}.csv")
        path = tmp_path / f"{table}.csv"
        path.write_bytes(edit(path.read_bytes()))
        return load_cohort(tmp_path)

    return call


def as_table(edit: Callable[[pd.DataFrame], pd.DataFrame], sep: str = ",") -> Callable[[bytes], bytes]:
    """A CSV edit made on the table as text (every value kept as written)."""

    def apply(data: bytes) -> bytes:
        frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
        return edit(frame).to_csv(index=False, sep=sep, lineterminator="\n").encode("utf-8")

    return apply


def set_cell(row: int, column: str, value: str) -> Callable[[bytes], bytes]:
    def edit(frame: pd.DataFrame) -> pd.DataFrame:
        frame.loc[row, column] = value
        return frame

    return as_table(edit)


def cut_mid_row(data: bytes) -> bytes:
    """The file cut 20 bytes into a line half-way down (as a copy interrupted, or a disk full, leaves it)."""
    start = data.index(b"\n", len(data) // 2) + 1
    return data[: start + 20]


def extra_value_on_line_3(data: bytes) -> bytes:
    lines = data.split(b"\n")
    lines[2] += b",1"
    return b"\n".join(lines)


# ---------------------------------------------------------------------------
# The census
# ---------------------------------------------------------------------------
class Case(NamedTuple):
    """One malformed input: ``call(tmp_path)`` must raise a CourseInputError whose message names the input
    (``names``, in the part before "Allowed:"), what is allowed (``allowed``) and the fix (``fix``).
    ``loads`` instead: the input is fine, and ``loads(result)`` says it was read correctly."""

    call: Callable[[Path], Any]
    names: str = ""
    allowed: str = ""
    fix: str = ""
    loads: Callable[[Any], bool] | None = None


PERSONA_FIX = "persona ids or first names"
CSV_FIX = "--force"


def canonical_daily(cohort: Any) -> bool:
    return list(cohort.daily.columns) == list(DAILY_COLUMNS) and cohort.daily.equals(load_cohort().daily)


CASES = [
    # --- twitching lesson -----------------------------------------------------------------------------
    pytest.param(Case(lambda _: body_map_over_time(month=0), "month", "1 to 24", "slider"), id="body_map-month=0"),
    pytest.param(
        Case(lambda _: body_map_over_time(month=1000), "month", "1 to 24", "slider"), id="body_map-month=1000"
    ),
    pytest.param(Case(lambda _: body_map_over_time(month=NAN), "month", "whole number", "slider"), id="body_map-NaN"),
    pytest.param(Case(lambda _: body_map_over_time(month="3"), "month", "whole number", "slider"), id="body_map-str"),
    pytest.param(
        Case(lambda _: body_map_over_time(persona="Zed"), "persona", "benign_fasciculation (Daniel)", PERSONA_FIX),
        id="body_map-unknown-persona",
    ),
    pytest.param(
        Case(lambda _: body_map_over_time(persona=None), "persona", "als_limb_onset (Peter)", PERSONA_FIX),
        id="body_map-persona=None",
    ),
    pytest.param(
        Case(lambda _: side_by_side(months_shown=-3), "months_shown", "1 to 12", "slider"), id="side_by_side-neg"
    ),
    pytest.param(
        Case(lambda _: side_by_side(months_shown=INF), "months_shown", "1 to 12", "slider"), id="side_by_side-inf"
    ),
    pytest.param(
        Case(lambda _: side_by_side(months_shown=None), "months_shown", "whole number", "slider"),
        id="side_by_side-None",
    ),
    pytest.param(
        Case(lambda _: trigger_lab(caffeine_mg=NAN), "caffeine_mg", "0 to 800", "trigger lab's range"),
        id="trigger_lab-caffeine-NaN",
    ),
    pytest.param(Case(lambda _: trigger_lab(sleep_h=INF), "sleep_h", "4 to 9", "4 to 9"), id="trigger_lab-sleep-inf"),
    pytest.param(
        Case(lambda _: trigger_lab(stress_0_10=-INF), "stress_0_10", "0 to 10", "0 to 10"), id="trigger_lab-stress--inf"
    ),
    pytest.param(
        Case(lambda _: trigger_lab(exercise_min=[30]), "exercise_min", "a number from 0 to 180", "0 to 180"),
        id="trigger_lab-exercise-list",
    ),
    pytest.param(Case(lambda _: base_rates(0), "population", "1000 to 10,000,000", "100_000"), id="base_rates-0"),
    pytest.param(
        Case(lambda _: base_rate_explorer(step="you"), "step", "Twitch at some point in life", "explorer's buttons"),
        id="base_rate_explorer-step",
    ),
    # --- fatigue lesson -------------------------------------------------------------------------------
    pytest.param(Case(lambda _: diary_explorer(months=INF), "months", "2 to 24", "months of diary"), id="diary-inf"),
    pytest.param(Case(lambda _: diary_explorer(months=-INF), "months", "2 to 24", "months of diary"), id="diary--inf"),
    pytest.param(Case(lambda _: diary_explorer(months=0), "months", "2 to 24", "months of diary"), id="diary-months=0"),
    pytest.param(Case(lambda _: diary_explorer(months=1000), "months", "2 to 24", "months of diary"), id="diary-1000"),
    pytest.param(
        Case(lambda _: diary_explorer(persona=3), "persona", "health_anxiety (Leah)", PERSONA_FIX), id="diary-persona=3"
    ),
    pytest.param(
        Case(lambda _: diary_figure_for("Nadia", months="12"), "months", "whole number", "months of diary"),
        id="diary_figure-months-str",
    ),
    pytest.param(
        Case(lambda _: grip_lab(repetitions=0), "repetitions", "1 to 30", "maximal grips"), id="grip_lab-reps=0"
    ),
    pytest.param(
        Case(lambda _: grip_lab(repetitions=True), "repetitions", "whole number", "maximal grips"),
        id="grip_lab-reps=True",
    ),
    pytest.param(Case(lambda _: grip_lab(rest_s=-10), "rest_s", "0 to 600", "seconds"), id="grip_lab-rest-negative"),
    pytest.param(Case(lambda _: grip_lab(month=1000), "month", "0 to 23", "diary month"), id="grip_lab-month=1000"),
    pytest.param(
        Case(lambda _: grip_lab(persona="Jonass"), "persona", "hard_training_week (Jonas)", PERSONA_FIX),
        id="grip_lab-typo-persona",
    ),
    pytest.param(
        Case(lambda _: noise_or_trend_lab(noise_sd_kg=NAN), "noise_sd_kg", "0.5 to 5", "1.8 kg"), id="noise_lab-sd-NaN"
    ),
    pytest.param(
        Case(lambda _: noise_or_trend_lab(weeks=1000), "weeks", "2 to 52", "2 to 52 weeks"), id="noise_lab-1000"
    ),
    pytest.param(Case(lambda _: predict_noise(weeks=0), "weeks", "2 to 52", "2 to 52 weeks"), id="predict_noise-0"),
    pytest.param(
        Case(lambda _: predict_grip("Nadia"), "persona", "als_limb_onset (Peter)", PERSONA_FIX), id="predict_grip-other"
    ),
    # --- weakness lesson ------------------------------------------------------------------------------
    pytest.param(
        Case(lambda _: pathway_explorer(site="brain"), "site", "upper_motor_neuron", "sites listed"), id="pathway-site"
    ),
    pytest.param(
        Case(lambda _: daily_life(["Peter"]), "persona", "als_limb_onset (Peter)", PERSONA_FIX), id="daily_life-list"
    ),
    pytest.param(Case(lambda _: clinic_visit("Peter", hand="both"), "hand", "right, left", "'left'"), id="clinic-hand"),
    pytest.param(
        Case(lambda _: clinic_visit("Zed"), "persona", "myasthenia_gravis (Rosa)", PERSONA_FIX), id="clinic-persona"
    ),
    # --- look-alikes lesson ---------------------------------------------------------------------------
    pytest.param(
        Case(lambda _: lookalikes_lab("Peter", "Peter"), "second person", "anyone but the first", "two different"),
        id="lookalikes-same-twice",
    ),
    pytest.param(
        Case(lambda _: lookalikes_lab(None, "Mark"), "persona", "cervical_radiculopathy (Mark)", PERSONA_FIX),
        id="lookalikes-None",
    ),
    pytest.param(
        Case(lambda _: evaluation_walk(5), "persona", "carpal_tunnel (Linda)", PERSONA_FIX), id="evaluation_walk-int"
    ),
    pytest.param(
        Case(lambda _: symptom_diary("../x"), "diary name", "no spaces, dots or slashes", "'my-diary'"),
        id="symptom_diary-path",
    ),
    pytest.param(Case(lambda _: symptom_diary(None), "diary name", "1 to 40", "'my-diary'"), id="symptom_diary-None"),
    # --- case lab -------------------------------------------------------------------------------------
    pytest.param(Case(lambda _: case_lab(mode="exam"), "mode", "practice, assessed", "'assessed'"), id="case_lab-mode"),
    pytest.param(
        Case(lambda _: case_lab(student_id=42), "student ID", "letters, digits", "your teacher gave you"),
        id="case_lab-id-int",
    ),
    pytest.param(
        Case(lambda _: case_lab(student_id="jo smith/2"), "student ID", "starting with a letter", "without spaces"),
        id="case_lab-id-slash",
    ),
    pytest.param(
        Case(lambda _: case_tables("student-042", 0, practice=True), "case", "1 to 6", "case from 1 to 6"),
        id="case_tables-0",
    ),
    pytest.param(
        Case(lambda _: case_tables("student-042", NAN, practice=True), "case", "whole number", "case from 1 to 6"),
        id="case_tables-NaN",
    ),
    pytest.param(
        Case(lambda _: case_tables("", 1, practice=True), "student ID", "1-64 letters", "your teacher gave you"),
        id="case_tables-empty-id",
    ),
    # --- start notebook, questions, references --------------------------------------------------------
    pytest.param(Case(lambda _: mrc_ladder(grade=7), "MRC grade", "5 (normal)", "0 to 5"), id="mrc_ladder-7"),
    pytest.param(Case(lambda _: mrc_ladder(grade=-1), "MRC grade", "0 (no contraction)", "0 to 5"), id="mrc_ladder--1"),
    pytest.param(
        Case(lambda _: mrc_ladder(grade="5"), "MRC grade", "single whole number", "e.g. 3"), id="mrc_ladder-str"
    ),
    pytest.param(
        Case(lambda _: start_quiz("nope"), "question", "holds_light_push", "questions.toml"), id="quiz-unknown-key"
    ),
    pytest.param(
        Case(lambda _: references("nobody2000"), "reference key", "reed1963", "data/references.toml"),
        id="references-unknown",
    ),
    # --- engine ---------------------------------------------------------------------------------------
    pytest.param(Case(lambda _: generate_cohort(days=0), "days", "1 to 3650", "730 = 24 months"), id="cohort-days=0"),
    pytest.param(Case(lambda _: generate_cohort(days=-1), "days", "1 to 3650", "730 = 24 months"), id="cohort-days=-1"),
    pytest.param(
        Case(lambda _: generate_cohort(days=INF), "days", "whole number from 1 to 3650", "730"), id="cohort-days=inf"
    ),
    pytest.param(
        Case(lambda _: generate_cohort(seed=None, days=5), "seed", "student ID text", "seed=1234"),
        id="cohort-seed=None",
    ),
    pytest.param(
        Case(lambda _: generate_cohort(days=5, personas=["zed"]), "persona", "als_limb_onset", "exactly as listed"),
        id="cohort-unknown-persona",
    ),
    pytest.param(
        Case(
            lambda _: generate_cohort(days=5, people_per_persona="2"), "people_per_persona", "1 to 1000", "per persona"
        ),
        id="cohort-people-str",
    ),
    pytest.param(
        Case(lambda _: grip_trials("als_limb_onset", day=10**6), "day", "0 to 3649", "diary day"), id="grip_trials-day"
    ),
    pytest.param(
        Case(lambda _: persona_story(None), "persona", "hard_training_week", "exactly as listed"),
        id="persona_story-None",
    ),
    pytest.param(
        Case(lambda _: load_cohort(5), "directory", "folder path", "load_cohort('my_data')"), id="load_cohort-int"
    ),
    pytest.param(
        Case(lambda tmp: load_cohort(tmp / "nowhere"), "personas.csv", "daily.csv", "python3 course.py data --out"),
        id="load_cohort-no-folder",
    ),
    # --- persona files --------------------------------------------------------------------------------
    pytest.param(
        Case(with_persona_file(PERSONA.replace('label = "Test person"\n', "")), "field 'label'", "text", "add label"),
        id="persona_file-missing-field",
    ),
    pytest.param(
        Case(with_persona_file(PERSONA.replace("age = 40", "age == 40")), "persona file", "valid TOML", "at line 4"),
        id="persona_file-bad-TOML",
    ),
    pytest.param(
        Case(with_persona_file("personas:\n  my_case:\n    age: 40\n"), "persona file", "valid TOML", "syntax error"),
        id="persona_file-YAML",
    ),
    pytest.param(
        Case(
            with_persona_file(PERSONA.replace("age = 40", 'age = "forty"')), "field 'age'", "18 to 95", "without quotes"
        ),
        id="persona_file-age-text",
    ),
    pytest.param(
        Case(with_persona_file(PERSONA.replace("age = 40", "age = inf")), "field 'age'", "whole number", "age ="),
        id="persona_file-age-inf",
    ),
    pytest.param(
        Case(
            with_persona_file(PERSONA + "[personas.my_case.context]\nsleep_h = nan\n"),
            "field 'context.sleep_h'",
            "3.0 to 11.0",
            "without quotes",
        ),
        id="persona_file-NaN",
    ),
    pytest.param(
        Case(
            with_persona_file(PERSONA + '[personas.my_case.weakness]\nkind = "strong"\n'),
            "field 'weakness.kind'",
            "'fatigable'",
            "allowed values",
        ),
        id="persona_file-unknown-choice",
    ),
    pytest.param(
        Case(with_persona_file(""), "persona file", "[personas.<id>] tables", "add at least one"),
        id="persona_file-empty",
    ),
    pytest.param(
        Case(
            with_persona_file(data=PERSONA.replace("Test", "T\u00e9st").encode("latin-1")),
            "persona file",
            "UTF-8",
            "save it again",
        ),
        id="persona_file-Latin-1",
    ),
    pytest.param(
        Case(load_personas, "persona file", "an existing .toml file", "personas.toml"),
        id="persona_file-is-a-folder",
    ),
    pytest.param(
        Case(
            lambda _: generate_cohort(days=5, persona_file=5), "persona file", "a path to a .toml file", "leave it out"
        ),
        id="persona_file=5",
    ),
    pytest.param(
        Case(
            with_persona_file(data=b"\xef\xbb\xbf" + PERSONA.encode("utf-8")),
            loads=lambda table: list(table["label"]) == ["Test person"],
        ),
        id="persona_file-BOM-loads",
    ),
    # --- cohort CSVs, through load_cohort ---------------------------------------------------------------
    pytest.param(
        Case(
            with_cohort_file("daily", as_table(lambda f: f.drop(columns="grip_kg_left"))),
            "daily.csv, missing column: got 'grip_kg_left'",
            "grip_kg_right, grip_kg_left",
            "put the column back",
        ),
        id="csv-missing-column",
    ),
    pytest.param(
        Case(
            with_cohort_file("visits", as_table(lambda f: f.assign(mood="good"))),
            "visits.csv, extra column: got 'mood'",
            "only these columns",
            "delete that column",
        ),
        id="csv-extra-column",
    ),
    pytest.param(
        Case(
            with_cohort_file("daily", set_cell(3, "day", "three")),
            "daily.csv, line 5, column 'day': got 'three'",
            "a whole number",
            CSV_FIX,
        ),
        id="csv-text-in-whole-number-column",
    ),
    pytest.param(
        Case(
            with_cohort_file("daily", set_cell(0, "grip_kg_right", "strong")),
            "daily.csv, line 2, column 'grip_kg_right'",
            "a number",
            CSV_FIX,
        ),
        id="csv-text-in-number-column",
    ),
    pytest.param(
        Case(
            with_cohort_file("visits", set_cell(1, "mrc_right_arm", "4.5")),
            "visits.csv, line 3, column 'mrc_right_arm'",
            "a whole number",
            CSV_FIX,
        ),
        id="csv-fraction-in-whole-number-column",
    ),
    pytest.param(
        Case(
            with_cohort_file("personas", set_cell(0, "textbook_case", "maybe")),
            "personas.csv, line 2, column 'textbook_case'",
            "True or False",
            CSV_FIX,
        ),
        id="csv-not-true-or-false",
    ),
    pytest.param(
        Case(
            with_cohort_file("grip_sessions", set_cell(2, "force_kg", "inf")),
            "grip_sessions.csv, line 4, column 'force_kg'",
            "not infinite",
            CSV_FIX,
        ),
        id="csv-infinity",
    ),
    pytest.param(
        Case(
            with_cohort_file("daily", set_cell(7, "sleep_h", "")),
            "daily.csv, line 9, column 'sleep_h': got 'an empty value'",
            "a value on every line",
            CSV_FIX,
        ),
        id="csv-empty-value",
    ),
    pytest.param(
        Case(with_cohort_file("daily", cut_mid_row), "daily.csv, line", "a value on every line", "cut short"),
        id="csv-truncated-mid-row",
    ),
    pytest.param(
        Case(with_cohort_file("visits", lambda _: b""), "visits.csv", "a header line", CSV_FIX), id="csv-empty-file"
    ),
    pytest.param(
        Case(
            with_cohort_file("daily", lambda b: b[: b.index(b"\n") + 1]),
            "daily.csv: got 'a header line and no rows'",
            "one line per row",
            CSV_FIX,
        ),
        id="csv-header-only",
    ),
    pytest.param(
        Case(
            with_cohort_file("daily", as_table(lambda f: f, sep=";")),
            "daily.csv, line 1 (the header)",
            "separated by commas",
            "CSV UTF-8 (comma delimited)",
        ),
        id="csv-semicolons",
    ),
    pytest.param(
        Case(
            with_cohort_file("personas", lambda b: b.replace(b"Jonas", "J\u00f6nas".encode("latin-1"))),
            "personas.csv",
            "UTF-8",
            "CSV UTF-8",
        ),
        id="csv-Latin-1",
    ),
    pytest.param(
        Case(with_cohort_file("daily", extra_value_on_line_3), "line 3, saw 33", "as many values", CSV_FIX),
        id="csv-extra-value-on-a-line",
    ),
    pytest.param(
        Case(with_cohort_file("daily", lambda b: b"\xef\xbb\xbf" + b), loads=canonical_daily), id="csv-BOM-loads"
    ),
    pytest.param(
        Case(with_cohort_file("daily", lambda b: b.replace(b"\n", b"\r\n")), loads=canonical_daily),
        id="csv-Windows-line-endings-load",
    ),
]


@pytest.mark.parametrize("case", CASES)
def test_bad_input_names_the_input_the_allowed_values_and_the_fix(case: Case, tmp_path: Path) -> None:
    if case.loads is not None:
        assert case.loads(case.call(tmp_path)), "this input is fine: it must load as the canonical data"
        return
    with pytest.raises(CourseInputError) as err:
        case.call(tmp_path)
    message = str(err.value)
    named = message.split(". Allowed: ")[0]
    assert case.names in named, f"the message must name the input ({case.names!r}): {message}"
    assert case.allowed in err.value.allowed, f"the message must say what is allowed ({case.allowed!r}): {message}"
    assert case.fix in err.value.fix, f"the message must say how to fix it ({case.fix!r}): {message}"


def test_the_census_is_at_least_45_cases():
    assert len(CASES) >= 45


# ---------------------------------------------------------------------------
# Regenerating the data never overwrites an edited file silently
# ---------------------------------------------------------------------------
def test_regenerating_over_an_edited_file_refuses_until_forced(tmp_path, capsys):
    run = ["--out", str(tmp_path), "--days", "30"]
    assert main(run) == 0
    daily = tmp_path / "daily.csv"
    edited = daily.read_bytes().replace(b"P01,0,", b"P01,0,9", 1)
    daily.write_bytes(edited)
    before = {name: (tmp_path / f"{name}.csv").read_bytes() for name in TABLES}

    assert main([*run, "--seed", "7"]) == 2, "the command stops"
    message = capsys.readouterr().err
    assert str(daily) in message and "--force" in message and "move daily.csv out of the folder" in message
    after = {name: (tmp_path / f"{name}.csv").read_bytes() for name in TABLES}
    assert after == before, "nothing is written, not even the files that were not edited"

    with pytest.raises(CourseInputError) as err:
        write_cohort(generate_cohort(days=30), tmp_path)
    assert err.value.what == "cohort file" and err.value.got == str(daily) and "force=True" in err.value.fix

    assert main([*run, "--force"]) == 0
    assert daily.read_bytes() != edited, "--force replaces the edited file"


def test_regenerating_unedited_files_needs_no_force(tmp_path):
    """An unedited folder is rewritten freely: with another seed (the manifest knows the files), or as data/ is."""
    assert main(["--out", str(tmp_path), "--days", "30"]) == 0
    first = (tmp_path / "daily.csv").read_bytes()
    assert main(["--out", str(tmp_path), "--days", "30", "--seed", "7"]) == 0
    assert (tmp_path / "daily.csv").read_bytes() != first

    canonical = tmp_path / "canonical"
    canonical.mkdir()
    for name in TABLES:
        shutil.copy(DATA / f"{name}.csv", canonical / f"{name}.csv")
    assert main(["--out", str(canonical)]) == 0, "the default run over an unedited data/ (even without a manifest)"


def test_data_manifest_matches_the_canonical_files():
    """data/cohort.sha256 lists each CSV as generated, so editing personas.toml and regenerating needs no --force."""
    listed = dict(line.split()[::-1] for line in (DATA / MANIFEST).read_text(encoding="utf-8").splitlines())
    assert listed == {f"{name}.csv": hashlib.sha256((DATA / f"{name}.csv").read_bytes()).hexdigest() for name in TABLES}
