"""Guards for the clinical corrections: wording that must not come back, and claims checked against the data.

A wrong or overstated clinical sentence is the worst bug this course can have, so
the corrections a neurologist asked for are held here: the words that were wrong,
the exact Gold Coast wording, one grip noise band, the twitch-region shares of
people without ALS, Predict before reveal, terms defined where they first appear,
and figure and question text that agrees with the data it describes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from helpers.engine import GRIP_CHANGE_WITHIN_NOISE_KG, REGIONS, generate_cohort
from tests.conftest import NOTEBOOKS, ROOT

TEXT_FILES = [
    *NOTEBOOKS,
    ROOT / "notebooks" / "if_you_are_worried.ipynb",
    *sorted((ROOT / "helpers").rglob("questions.toml")),
    ROOT / "data" / "personas.toml",
    *sorted((ROOT / "helpers").rglob("*.py")),
]


def notebook_text(path: Path, outputs: bool = False) -> str:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    parts = ["".join(c["source"]) for c in cells]
    if outputs:
        parts += [json.dumps(c.get("outputs", [])) for c in cells]
    return "\n".join(parts)


def text_of(path: Path) -> str:
    return notebook_text(path, outputs=True) if path.suffix == ".ipynb" else path.read_text(encoding="utf-8")


#: Each phrase was wrong, overstated or unsourced; the neurologist's review (issue 17) named it.
NEVER_AGAIN = {
    "normal fatigue": "a measured fall in force is normal fatigability, not fatigue",
    "normal muscle fatigue": "a measured fall in force is normal fatigability",
    "standard fatigue test": "the 12-grip test measures fatigability",
    "rest does not restore": "weakness is a measured drop in force; fatigable weakness does improve with rest",
    "rest does not bring it back": "weakness is a measured drop in force; fatigable weakness does improve with rest",
    "signs in more than one place": "Gold Coast: UMN and LMN signs in one region, or LMN signs in two",
    "can usually be reassured without an emg": "a clinician's decision after an examination, not a rule",
    "clinicians often reassure people under 40": "a clinician's decision after an examination, not a rule",
    "almost everyone who twitches does not have it": "a lifetime figure set against a point prevalence",
    "trunk and breathing": "a twitch count does not show the breathing muscles",
    "not painful like this": "pain and aching are common in ALS (Hurwitz 2021)",
    "everyone's force": "healthy people, on average",
    "usually break it better": "unsourced",
    "clinical brief": "readers cannot see the brief: cite the primary source",
    "see a doctor promptly": "every 'see a doctor' says how soon",
    # The whole-course review of 2026-12-03 (briefs 1-2):
    "progressive twitching": "the twitching is not what progresses: twitching with weakness that gets worse",
    "harmless and progressive": "the twitching is not what progresses: twitching with weakness that gets worse",
    "over one or more days": "fits weeks of slow spread too: today is spreading day by day over one to a few days",
    "spread over a day or more": "fits weeks of slow spread too: today is spreading day by day over one to a few days",
    "lower motor neuron signs** are": "twitching alone is not an LMN sign",
    "0 no movement": "MRC grade 0 is no contraction (grade 1, a flicker, moves nothing either)",
    "set with neurologists": "an authority, not a source",
    "this is me/cfs": "not all post-viral fatigue is ME/CFS (NICE 2021)",
}


@pytest.mark.parametrize("path", TEXT_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_corrected_wording_does_not_come_back(path):
    text = text_of(path).lower()
    found = {phrase: why for phrase, why in NEVER_AGAIN.items() if phrase in text}
    assert not found, f"{path.name}: {found}"


@pytest.mark.parametrize(
    "path", [*NOTEBOOKS, *sorted((ROOT / "helpers").rglob("questions.toml"))], ids=lambda p: p.name
)
def test_gold_coast_is_stated_exactly_wherever_it_appears(path):
    text = notebook_text(path) if path.suffix == ".ipynb" else path.read_text(encoding="utf-8")
    for paragraph in re.split(r"\n\s*\n", text):
        # A heading that only names the criteria (a <summary> line) is not a statement of them.
        if "Gold Coast" not in re.sub(r"<summary>.*?</summary>", "", paragraph, flags=re.S):
            continue
        flat = " ".join(paragraph.split())
        assert re.search(r"upper \*?and\*? lower motor neuron", flat) or "both the upper motor neurons" in flat, flat
        assert "one body region" in flat and "two regions" in flat and "ruled out" in flat, flat


def test_one_grip_noise_band_across_lessons():
    """Lesson 01's grip lab and diary and lesson 02's trigger lab all draw the same ±5 kg band."""
    from helpers.fatigue.views import diary_figure_for, grip_test_figure
    from helpers.twitching.views import trigger_figure

    grip = grip_test_figure("hard_training_week")
    band = grip.layout.shapes[0]
    assert (band.y1 - band.y0) / 2 == pytest.approx(GRIP_CHANGE_WITHIN_NOISE_KG)
    diary = diary_figure_for("health_anxiety")
    assert (diary.layout.shapes[0].y1 - diary.layout.shapes[0].y0) / 2 == pytest.approx(GRIP_CHANGE_WITHIN_NOISE_KG)
    trigger = trigger_figure()
    fill = next(t for t in trigger.data if t.fill == "toself")
    assert (max(fill.y) - min(fill.y)) / 2 == pytest.approx(GRIP_CHANGE_WITHIN_NOISE_KG)


def test_people_without_als_rarely_twitch_in_tongue_and_throat_and_benign_twitching_is_mostly_in_the_legs():
    cohort = generate_cohort(seed=7, days=730, people_per_persona=3)
    daily = cohort.daily.merge(cohort.personas[["person_id", "persona", "category"]])
    columns = [f"twitches_{r}" for r in REGIONS]
    for persona, rows in daily[daily["category"] != "als"].groupby("persona"):
        total = rows[columns].sum()
        share = total / total.sum()
        assert share["twitches_bulbar"] <= 0.04, (
            f"{persona}: {share['twitches_bulbar']:.1%} of twitches in tongue/throat"
        )
        if persona == "benign_fasciculation":
            legs = share["twitches_right_leg"] + share["twitches_left_leg"]
            assert legs >= 0.5, f"benign fasciculation: legs {legs:.0%}"


def first_index(nb: dict, needle: str) -> int:
    for i, cell in enumerate(nb["cells"]):
        if needle in "".join(cell["source"]):
            return i
    raise AssertionError(f"{needle!r} not found")


#: (notebook, the Predict call, what must not be seen before it: a figure, a widget or text that answers it)
PREDICT_BEFORE_REVEAL = [
    ("00_start_here", 'predict("arm_falls_with_light_push"', "mrc_ladder("),
    ("00_start_here", 'predict("arm_falls_with_light_push"', "against gravity, but not"),
    ("01_tired_or_weak", 'predict_grip("Jonas")', "grip_lab("),
    ("01_tired_or_weak", 'predict_grip("Jonas")', "comes back within minutes"),
    ("01_tired_or_weak", 'predict_grip("Peter")', "grip_lab("),
    ("01_tired_or_weak", 'predict_grip("Peter")', "below its own normal"),
    ("01_tired_or_weak", 'predict("predict_timeline"', "diary_explorer("),
    ("01_tired_or_weak", "predict_noise(", "noise_or_trend_lab("),
    ("02_twitch_or_trouble", 'predict("trigger_prediction"', "trigger_lab("),
    ("02_twitch_or_trouble", 'predict("trigger_prediction"', "fades over the next few days"),
    ("02_twitch_or_trouble", 'predict("twitch_amounts"', "side_by_side("),
    ("02_twitch_or_trouble", 'predict("twitch_amounts"', "weakest region"),
]


@pytest.mark.parametrize("name, predict, reveal", PREDICT_BEFORE_REVEAL)
def test_every_predict_comes_before_what_answers_it(name, predict, reveal):
    """The answer is either the prediction's own hidden panel (``then=``) or first appears in a later cell."""
    nb = json.loads((ROOT / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))
    at = first_index(nb, predict)
    try:
        revealed_at = first_index(nb, reveal)
    except AssertionError:
        return  # the answer is only in the widget's hidden panel or the question bank
    if revealed_at == at:
        cell = "".join(nb["cells"][at]["source"])
        assert "then=" in cell and cell.index("then=") < cell.index(reveal), f"{name}: {reveal} is not gated"
    else:
        assert at < revealed_at, f"{name}: {predict} must come before {reveal}"


def test_every_predict_in_a_lesson_gates_what_answers_it():
    """A bare Predict quiz gates nothing: after Run All its answer sits live under it (a review found 8 of 8 leaked)."""
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            source = "".join(cell["source"])
            if cell["cell_type"] == "code":
                for call in re.findall(r"\bpredict\((?:[^()]|\([^()]*\))*\)", source, flags=re.S):
                    assert "then=" in call, f"{path.name}: {call} shows nothing after the prediction is checked"


#: Term -> the pattern its first use in a notebook's markdown must match (a definition in plain words).
DEFINED_AT_FIRST_USE = {
    "ALSFRS-R": r"ALSFRS-R[^.]{0,25}(a score of 12|12 everyday)",
    "EMG": r"EMG[^.]{0,30}(records|a test that records)",
    "Gold Coast": r"Gold Coast criteria[^.]{0,40}ask for",
    "benign fasciculation syndrome": r"benign fasciculation syndrome\**\s*\((twitching|harmless)",
    "upper motor neuron": r"upper motor neurons?[^.]{0,20}\((the nerve cells in the brain|in the brain)",
    "fatigability": r"\*\*Fatigability\*\* is a sign|normal fatigability",
}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_terms_are_defined_where_they_first_appear(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    markdown = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    for term, definition in DEFINED_AT_FIRST_USE.items():
        first = markdown.lower().find(term.lower())
        if first < 0:
            continue
        window = " ".join(markdown[max(0, first - 40) : first + 240].split())
        assert re.search(definition, window, flags=re.I), (
            f"{path.stem}: '{term}' first used without a definition: {window!r}"
        )


def test_side_by_side_question_matches_what_the_figure_shows():
    """The more_twitching question says B twitched more at first and A more by the end: the data must agree."""
    from helpers.twitching.model import side_by_side_data

    data = side_by_side_data(12)
    a = data[data["person"] == "Person A"]["twitches_per_day"].to_numpy()
    b = data[data["person"] == "Person B"]["twitches_per_day"].to_numpy()
    assert (b[:13] > a[:13]).mean() >= 0.9, "B twitches more in the first three months"
    assert (a[-13:] > b[-13:]).mean() >= 0.75, "A twitches more in the last three months"
    weakest = data[data["person"] == "Person A"]["weakest_strength_pct"].to_numpy()
    assert weakest[0] < 85, "A's weakest region is below the noise band in month 1 (the question says so)"


def test_trigger_week_description_states_only_what_its_data_show():
    """Issue 15: the grip claim ("inside its band on every day") is computed, so it agrees with the readings."""
    from helpers.twitching.model import LAB_GRIP_KG, trigger_week
    from helpers.twitching.views import describe_trigger_week

    for caffeine in (0, 400, 800):
        week = trigger_week(caffeine_mg=caffeine)
        _title, description = describe_trigger_week(week)
        inside = np.abs(week["grip_kg"].to_numpy() - LAB_GRIP_KG) <= GRIP_CHANGE_WITHIN_NOISE_KG
        if inside.all():
            assert f"on every one of the {len(week)} days" in description
        else:
            assert f"on {inside.sum()} of {len(week)} days" in description
        assert f"{week['twitches_per_day'].max():.1f} a day" in description


def test_a_predict_cell_does_not_show_its_answer_in_its_code():
    """The code a learner reads above a prediction must not hold the answer (``mrc_ladder(grade=3)`` did)."""
    from helpers.start import QUESTIONS as START

    nb = json.loads((ROOT / "notebooks" / "00_start_here.ipynb").read_text(encoding="utf-8"))
    cell = "".join(nb["cells"][first_index(nb, 'predict("arm_falls_with_light_push"')]["source"])
    right = START["arm_falls_with_light_push"].choices[START["arm_falls_with_light_push"].correct_index].text
    grade = re.search(r"\d", right)
    assert grade, right
    assert f"grade={grade.group()}" not in cell.replace(" ", ""), f"the ladder opens on the answer: {cell}"


def test_fatigable_weakness_that_affects_speech_is_sent_to_hospital_today():
    """Rosa's nasal voice is speech affected: the course's own rule says hospital the same day, in every answer."""
    import tomllib

    bank = tomllib.loads((ROOT / "helpers" / "fatigue" / "questions.toml").read_text(encoding="utf-8"))
    question = bank["check_comes_and_goes"]
    assert "nasal" in question["prompt"], "the prompt must show the speech sign the feedback relies on"
    right = next(c for c in question["choices"] if c.get("correct"))
    assert "today" in right["text"] and "same day" in right["feedback"]
    assert not [c for c in question["choices"] if " may)" in c["feedback"]], "no hedge on the time frame"


def test_the_lifetime_chance_of_als_is_set_against_the_lifetime_chance_of_twitching():
    """Lesson 04 opens with a base rate: a yearly incidence set against a lifetime share compares unlike spans."""
    opening = json.loads((ROOT / "notebooks" / "04_is_it_als.ipynb").read_text(encoding="utf-8"))["cells"][0]
    text = " ".join("".join(opening["source"]).split())
    assert "1 in 400" in text and "lifetime" in text and "Alonso 2009" in text
    assert "per 100,000" not in text, "a yearly rate does not belong beside a lifetime share"


def test_the_base_rate_key_keeps_als_in_capitals():
    """The key lower-cases the step's first letter only: 'develop als' reads as a typo on a projected slide."""
    from helpers.twitching.model import BASE_RATE_STEPS
    from helpers.twitching.views import base_rate_figure

    for step in BASE_RATE_STEPS:
        texts = [a.text for a in base_rate_figure(step).layout.annotations if a.text]
        assert not [t for t in texts if re.search(r"\bals\b", t)], (step, texts)
