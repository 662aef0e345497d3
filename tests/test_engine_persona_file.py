"""A malformed persona file stops with a message naming the persona, the field, what is allowed and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.engine import generate_cohort, load_personas
from helpers.engine.personas import default_personas_path
from helpers.errors import CourseInputError

GOOD = """
[personas.my_case]
label = "Test person"
age = 40
sex = "female"
category = "benign"
story = "A story."
condition = "Healthy"
condition_explained = "Nothing wrong."
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "personas.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_minimal_persona_gets_healthy_defaults(tmp_path):
    df = load_personas(write(tmp_path, GOOD))
    row = df.iloc[0]
    assert row["persona"] == "my_case"
    assert row["weakness.kind"] == "none" and row["context.sleep_h"] == 7.4
    c = generate_cohort(days=30, persona_file=write(tmp_path, GOOD))
    assert (c.daily.filter(like="strength_pct_") == 100).all().all()


def test_instructor_can_add_a_persona(tmp_path):
    text = default_personas_path().read_text(encoding="utf-8") + GOOD
    c = generate_cohort(days=20, persona_file=write(tmp_path, text))
    assert list(c.personas.persona)[-1] == "my_case" and len(c.personas) == 13


@pytest.mark.parametrize(
    "broken, persona, field, hint",
    [
        (GOOD.replace('sex = "female"', 'sex = "F"'), "my_case", "sex", "'female', 'male'"),
        (GOOD.replace("age = 40", "age = 140"), "my_case", "age", "18 to 95"),
        (GOOD.replace("age = 40", 'age = "forty"'), "my_case", "age", "whole number"),
        (GOOD.replace('label = "Test person"\n', ""), "my_case", "label", "text"),
        (GOOD + "\n[personas.my_case.context]\nsleep_hours = 7\n", "my_case", "context.sleep_hours", "sleep_h"),
        (GOOD + "\n[personas.my_case.context]\ncaffeine_mg = -5\n", "my_case", "context.caffeine_mg", "0.0 to 1500.0"),
        (GOOD + '\n[personas.my_case.weakness]\nkind = "strong"\n', "my_case", "weakness.kind", "'als'"),
        (
            GOOD.replace('category = "benign"', 'category = "als"') + '\n[personas.my_case.weakness]\nkind = "als"\n',
            "my_case",
            "onset_region",
            "right_arm",
        ),
        (
            GOOD.replace('category = "benign"', 'category = "als"').replace(
                'story = "A story."', 'story = "A story."\nonset_region = "right_arm"\nsensory_site = "feet"'
            )
            + '\n[personas.my_case.weakness]\nkind = "als"\n[personas.my_case.sensory]\nnumbness_0_10 = 3\n',
            "my_case",
            "sensory.numbness_0_10",
            "ALS usually spares sensation",
        ),
        (
            GOOD + '\n[personas.my_case.weakness]\nkind = "focal"\nregions = ["left_hand"]\n',
            "my_case",
            "weakness.regions",
            "right_arm",
        ),
        (
            GOOD + "\n[personas.my_case.context]\nepisodes = [{ start_day = 10, end_day = 5 }]\n",
            "my_case",
            "context.episodes[0].end_day",
            "start_day",
        ),
        (GOOD + '\ncolour = "blue"\n', "my_case", "colour", "label"),
    ],
)
def test_malformed_persona_file(tmp_path, broken, persona, field, hint):
    with pytest.raises(CourseInputError) as err:
        load_personas(write(tmp_path, broken))
    msg = str(err.value)
    assert f"persona '{persona}'" in msg
    assert f"field '{field}" in msg
    assert hint in msg
    assert "Fix:" in msg


def test_toml_syntax_error(tmp_path):
    with pytest.raises(CourseInputError, match="valid TOML"):
        load_personas(write(tmp_path, GOOD.replace('label = "Test person"', 'label = "Test person')))


def test_missing_file(tmp_path):
    with pytest.raises(CourseInputError, match=r"existing \.toml"):
        load_personas(tmp_path / "nope.toml")


def test_empty_file(tmp_path):
    with pytest.raises(CourseInputError, match="personas"):
        load_personas(write(tmp_path, "# nothing here\n"))
