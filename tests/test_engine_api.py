"""The contract other code is written against: names, columns, types, bad input."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import helpers.engine as model
from helpers.engine import (
    COURSE_SEED,
    GRIP_CHANGE_WITHIN_NOISE_KG,
    GRIP_NOISE_SD_KG,
    NEIGHBOURS,
    PERSONA_IDS,
    REGIONS,
    check_mrc_grade,
    expected_twitches,
    generate_cohort,
    grip_trials,
    load_cohort,
    load_personas,
    mrc_grade_from_strength,
    persona_story,
    seed_from_student_id,
    trigger_twitch_series,
)
from helpers.engine.cohort import DAILY_COLUMNS, GRIP_SESSION_COLUMNS, PERSONA_COLUMNS, VISIT_COLUMNS
from helpers.errors import CourseInputError


def test_regions_and_neighbours_are_the_contract():
    assert REGIONS == ("bulbar", "right_arm", "left_arm", "trunk", "right_leg", "left_leg")
    assert set(NEIGHBOURS) == set(REGIONS)
    for region, nbrs in NEIGHBOURS.items():
        assert region not in nbrs
        for other in nbrs:
            assert region in NEIGHBOURS[other], f"{region}->{other} is not symmetric"


def test_persona_ids_are_the_contract_and_in_the_file():
    assert PERSONA_IDS == (
        "hard_training_week",
        "exam_stress_student",
        "benign_fasciculation",
        "health_anxiety",
        "als_limb_onset",
        "als_bulbar_onset",
        "myasthenia_gravis",
        "cervical_radiculopathy",
        "carpal_tunnel",
        "overactive_thyroid",
        "b12_deficiency",
        "post_viral_fatigue",
    )
    df = load_personas()
    assert tuple(df["persona"]) == PERSONA_IDS
    for col in ("label", "age", "sex", "category", "story", "condition", "condition_explained", "onset_region"):
        assert col in df.columns


def test_constants():
    assert pytest.approx(1.8) == GRIP_NOISE_SD_KG
    assert GRIP_CHANGE_WITHIN_NOISE_KG == 5.0
    assert isinstance(COURSE_SEED, int)


def test_persona_story_has_what_lessons_show():
    story = persona_story("als_limb_onset")
    for key in ("label", "age", "sex", "story", "condition", "condition_explained"):
        assert story[key] not in ("", None)
    assert "ALS" in story["condition"]
    assert "ALS" not in story["story"], "the story is what the learner sees before the reveal"


def test_seed_from_student_id_is_stable_and_distinct():
    assert seed_from_student_id("student-042") == seed_from_student_id("student-042")
    assert seed_from_student_id("student-042") != seed_from_student_id("student-043")
    # sha256-based, so a fixed value (Python's hash() would change between processes)
    assert seed_from_student_id("student-042") == int.from_bytes(
        __import__("hashlib").sha256(b"student-042").digest()[:4], "big"
    )


def test_canonical_files_follow_the_column_contract():
    c = load_cohort()
    assert tuple(c.personas.columns) == PERSONA_COLUMNS
    assert tuple(c.daily.columns) == DAILY_COLUMNS
    assert tuple(c.visits.columns) == VISIT_COLUMNS
    assert tuple(c.grip_sessions.columns) == GRIP_SESSION_COLUMNS
    assert list(c.personas["person_id"]) == [f"P{i:02d}" for i in range(1, 13)]
    assert list(c.personas["persona"]) == list(PERSONA_IDS)
    assert len(c.daily) == 12 * 730
    assert c.daily.groupby("person_id")["day"].agg(["min", "max"]).eq([0, 729]).all().all()
    for r in REGIONS:
        for prefix in ("strength_pct_", "twitches_"):
            assert f"{prefix}{r}" in c.daily.columns
        assert f"mrc_{r}" in c.visits.columns
    assert c.visits.filter(like="alsfrs_r_").shape[1] == 13
    assert set(c.grip_sessions["hand"]) == {"right", "left"}
    assert not c.daily.isna().any().any(), "daily.csv has no missing values (documented)"


def test_cohort_value_ranges():
    c = generate_cohort(days=200, people_per_persona=2, seed=7)
    d = c.daily
    for col in d.columns:
        if col.endswith("_0_10"):
            assert d[col].between(0, 10).all(), col
    assert d.filter(like="strength_pct_").stack().between(0, 100).all()
    assert (d.filter(like="twitches_") >= 0).all().all()
    assert d["sleep_h"].between(3, 11).all()
    v = c.visits
    assert v.filter(like="mrc_").stack().between(0, 5).all()
    items = v[[c for c in v.columns if c.startswith("alsfrs_r_") and c != "alsfrs_r_total"]]
    assert items.stack().between(0, 4).all()
    assert (items.sum(axis=1) == v["alsfrs_r_total"]).all()
    assert v["fss"].between(1, 7).all()
    assert len(c.personas) == 24 and c.personas["person_id"].is_unique


def test_person_ids_widen_with_many_people():
    c = generate_cohort(days=5, personas=["health_anxiety"], people_per_persona=120)
    assert c.personas["person_id"].iloc[0] == "P001"
    assert c.personas["person_id"].iloc[-1] == "P120"


def test_subset_of_personas_gives_the_same_person():
    """Random streams are keyed by persona, so a subset reproduces that persona's data."""
    full = generate_cohort(days=60)
    one = generate_cohort(days=60, personas=["carpal_tunnel"])
    a = full.daily[full.daily.person_id == "P09"].drop(columns="person_id").reset_index(drop=True)
    b = one.daily.drop(columns="person_id").reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b)


def test_grip_trials_shape_and_agreement_with_sessions():
    g = grip_trials("hard_training_week")
    assert list(g.columns) == ["hand", "trial", "rest_s_before", "force_kg"]
    assert len(g) == 2 * 13
    right = g[g.hand == "right"]
    assert list(right.trial) == list(range(1, 14))
    assert list(right.rest_s_before) == [0.0] + [5.0] * 11 + [120.0]
    s = load_cohort().grip_sessions
    s = s[(s.person_id == "P01") & (s.day == 0)]
    assert list(s.force_kg) == list(g.force_kg)


def test_grip_trials_rest_changes_only_the_retest():
    a = grip_trials("myasthenia_gravis", rest_s=5)
    b = grip_trials("myasthenia_gravis", rest_s=600)
    assert (a.force_kg.values[:12] == b.force_kg.values[:12]).all()
    assert b[b.trial == 13].force_kg.mean() > a[a.trial == 13].force_kg.mean()


def test_expected_twitches_vectorised_and_monotone():
    base = expected_twitches(0, 8, 0, 0)
    assert float(base) == pytest.approx(model.triggers.BASELINE_TWITCHES_PER_DAY)
    caf = expected_twitches(np.array([0, 200, 400]), 8, 0, 0)
    assert caf.shape == (3,) and np.all(np.diff(caf) > 0)
    assert expected_twitches(0, 5, 0, 0) > base
    assert expected_twitches(0, 8, 8, 0) > base
    assert expected_twitches(0, 8, 0, 120) > base


def test_trigger_series_carries_over_and_settles():
    n = 40
    caffeine = np.zeros(n)
    caffeine[10] = 600
    series = trigger_twitch_series(caffeine, np.full(n, 8.0), np.zeros(n), np.zeros(n))
    base = series[0]
    assert series[10] > base and series[11] > base, "a trigger lingers into the next day"
    assert series[11] < series[10]
    assert series[25] == pytest.approx(base, rel=0.01), "and settles within about a week or two"
    constant = trigger_twitch_series(np.full(n, 200.0), np.full(n, 6.0), np.full(n, 5.0), np.full(n, 30.0))
    assert np.allclose(constant, expected_twitches(200, 6, 5, 30))


def test_mrc_grade_mapping():
    assert list(mrc_grade_from_strength([100, 85, 84.9, 10, 9.9, 4, 1.5, 1, 0])) == [5, 5, 4, 4, 3, 3, 2, 1, 0]
    assert list(check_mrc_grade([0, 5, 3])) == [0, 5, 3]


# ---------------------------------------------------------------- bad input
@pytest.mark.parametrize(
    "kwargs",
    [
        {"days": 0},
        {"days": -5},
        {"days": 3651},
        {"days": 100000},
        {"days": 730.5},
        {"days": math.nan},
        {"days": "730"},
        {"days": True},
        {"people_per_persona": 0},
        {"people_per_persona": 2.5},
        {"seed": -1},
        {"seed": 1.5},
        {"seed": math.nan},
        {"seed": ""},
        {"personas": []},
        {"personas": ["als_limb_onset", "als_limb_onset"]},
    ],
)
def test_generate_cohort_rejects_bad_input(kwargs):
    with pytest.raises(CourseInputError) as err:
        generate_cohort(**kwargs)
    assert "Allowed" in str(err.value) and "Fix" in str(err.value)


def test_unknown_persona_lists_allowed_ids():
    with pytest.raises(CourseInputError) as err:
        generate_cohort(personas=["als_limb_onest"], days=10)
    msg = str(err.value)
    assert "als_limb_onest" in msg
    for pid in PERSONA_IDS:
        assert pid in msg
    with pytest.raises(CourseInputError, match="als_limb_onset"):
        persona_story("ALS")
    with pytest.raises(CourseInputError, match="benign_fasciculation"):
        grip_trials("bfs")


@pytest.mark.parametrize(
    "kwargs",
    [
        {"repetitions": 0},
        {"repetitions": 31},
        {"repetitions": 3.5},
        {"rest_s": -1},
        {"rest_s": 3601},
        {"rest_s": math.nan},
        {"day": -1},
        {"day": 3650},
        {"day": math.nan},
    ],
)
def test_grip_trials_rejects_bad_input(kwargs):
    with pytest.raises(CourseInputError):
        grip_trials("hard_training_week", **kwargs)


@pytest.mark.parametrize("value", [101, -0.1, math.nan, [50, 120]])
def test_mrc_from_strength_rejects_out_of_range(value):
    with pytest.raises(CourseInputError, match="0 to 100"):
        mrc_grade_from_strength(value)


@pytest.mark.parametrize("grade", [6, -1, 4.5, math.nan, [5, 7]])
def test_mrc_grade_outside_0_5_is_rejected(grade):
    with pytest.raises(CourseInputError, match="0 \\(no contraction\\)"):
        check_mrc_grade(grade)


@pytest.mark.parametrize("args", [(math.nan, 8, 3, 0), (-10, 8, 3, 0), (0, 8, 11, 0), (0, 30, 3, 0), ("lots", 8, 3, 0)])
def test_expected_twitches_rejects_bad_input(args):
    with pytest.raises(CourseInputError):
        expected_twitches(*args)


def test_trigger_series_rejects_unequal_lengths():
    with pytest.raises(CourseInputError, match="same length"):
        trigger_twitch_series(np.zeros(5), np.full(4, 8.0), np.zeros(5), np.zeros(5))


def test_load_cohort_missing_column(tmp_path):
    c = generate_cohort(days=10, personas=["health_anxiety"])
    model.write_cohort(c, tmp_path)
    daily = pd.read_csv(tmp_path / "daily.csv").drop(columns="grip_kg_left")
    daily.to_csv(tmp_path / "daily.csv", index=False)
    with pytest.raises(CourseInputError) as err:
        load_cohort(tmp_path)
    assert "grip_kg_left" in str(err.value) and "python3 course.py data --out" in str(err.value)


def test_load_cohort_missing_file(tmp_path):
    with pytest.raises(CourseInputError, match=r"personas\.csv") as err:
        load_cohort(tmp_path)
    assert "python3 course.py data" in str(err.value), "the fix names the README's command"


def test_threads_give_the_same_tables_as_one_thread(monkeypatch):
    """Specs simulated two at a time (each from its own streams) give exactly the one-at-a-time tables."""
    import helpers.engine.cohort as cohort_module

    monkeypatch.setattr(cohort_module, "_THREADS_FROM_VALUES", 0)
    monkeypatch.setattr(cohort_module, "usable_cores", lambda: 2)
    threaded = generate_cohort(days=60, people_per_persona=3)
    monkeypatch.setattr(cohort_module, "usable_cores", lambda: 1)
    serial = generate_cohort(days=60, people_per_persona=3)
    for name in ("personas", "daily", "visits", "grip_sessions"):
        pd.testing.assert_frame_equal(getattr(threaded, name), getattr(serial, name), check_exact=True)


def test_tables_built_in_place_equal_the_ordinary_constructor():
    """The in-place tables (pandas blocks filled part by part) are the DataFrame pandas would build itself."""
    cohort = generate_cohort(days=30, people_per_persona=2)
    for name in ("daily", "visits", "grip_sessions"):
        table = getattr(cohort, name)
        ordinary = pd.DataFrame({col: table[col].to_numpy(dtype=object) for col in table.columns}).infer_objects()
        ordinary = ordinary.astype(table.dtypes.to_dict())
        pd.testing.assert_frame_equal(table, ordinary, check_exact=True)
        table.loc[0, "day"] = 99  # the blocks are ordinary, writable pandas data
        assert table.loc[0, "day"] == 99


def test_a_table_column_left_unwritten_is_an_error_not_arbitrary_numbers():
    from helpers.engine.cohort import VISIT_COLUMNS, _Table

    table = _Table(VISIT_COLUMNS, parts=2, rows_per_part=3)
    for part in (0, 1):
        for column in VISIT_COLUMNS:
            if (part, column) != (1, "day"):
                table.put(part, column, np.zeros(3) if column != "person_id" else np.array(["P1"] * 3, dtype=object))
    with pytest.raises(RuntimeError, match="day"):
        table.frame()
    table.put(1, "day", np.arange(3))
    assert table.frame()["day"].tolist() == [0, 0, 0, 0, 1, 2]


def test_extra_twitching_in_the_usual_places_simulates():
    """A persona file may give extra twitching the "triggers" pattern (one profile for all days), not only migrating."""
    import dataclasses

    from helpers.engine.cohort import generate_people
    from helpers.engine.personas import load_persona_specs

    spec = load_persona_specs()["benign_fasciculation"]
    usual_places = dataclasses.replace(spec, twitching=dataclasses.replace(spec.twitching, pattern="triggers"))
    cohort = generate_people([usual_places], seed=7, days=90)
    twitches = cohort.daily[[c for c in cohort.daily.columns if c.startswith("twitches_")]].sum(axis=1)
    assert twitches.mean() > 5, "extra twitching in the usual places adds to the everyday triggers"
