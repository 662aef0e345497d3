"""Random use of every app the notebooks build: random control changes and button presses, checked after each.

A learner does not follow the notebook's script: they drag a slider to its end, type nonsense into a box,
press Save twice, or press the reveal button before choosing. For every app a notebook builds (found by
bench.random_use.notebook_apps, so a new app is covered without a new test), hypothesis draws short random
sequences of actions on whatever the learner can operate at that moment, each allowed by the control itself
(its options, or its min, max and step). After every action: no error; every live figure has data and a title;
no NaN in a line; each caption describes its figure; and nothing is revealed before the learner has committed
to a prediction (a choice made and checked). Apps that write files run in a fresh folder for every example.
The soak (many more sequences) is bench/bench_random_use.py.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.random_use import (
    HUB_USER,
    TEXTS,
    Action,
    AppCase,
    Session,
    all_apps,
    controls,
    draw_action,
    notebook_apps,
)
from helpers.caselab.marking import FOLDER_VARIABLE
from helpers.diary_store import DIARY_ENV

APPS = all_apps()
#: Longest random sequence, and examples per app by kind. An app with controls and figures gets the most; a
#: prediction's app behind its reveal is also tested on its own; the self-checks are 25 cells of two classes.
MAX_STEPS = 8
EXAMPLES = {"app": 10, "prediction": 5, "self-check": 4}


class HypothesisDraw:
    """bench.random_use.Draw from hypothesis, so that a failing sequence shrinks to the fewest, simplest actions."""

    def __init__(self, draw) -> None:
        self.draw = draw

    def index(self, n: int) -> int:
        return self.draw(st.integers(0, n - 1))

    def text(self, suggested) -> str:
        typed = [st.sampled_from(TEXTS), st.text(max_size=30)]
        return self.draw(st.one_of(st.sampled_from(suggested), *typed) if suggested else st.one_of(*typed))


@st.composite
def random_action(draw, app):
    """One action on one of the controls a learner can operate in ``app`` now, with one of its allowed values."""
    return draw_action(app, HypothesisDraw(draw))


@pytest.fixture
def course_folders(tmp_path, monkeypatch):
    """A temporary working folder with the diary and case-lab files in it, and a user name as on a class hub."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(DIARY_ENV, str(tmp_path / "diary"))
    monkeypatch.delenv(FOLDER_VARIABLE, raising=False)
    monkeypatch.setenv("JUPYTERHUB_USER", HUB_USER)
    return tmp_path


@pytest.mark.parametrize("case", APPS, ids=[c.name for c in APPS])
def test_random_use_never_breaks_the_app_or_reveals_an_answer_early(case: AppCase, course_folders, monkeypatch):
    @settings(
        max_examples=EXAMPLES[case.kind],
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(data=st.data())
    def use(data) -> None:
        folder = Path(tempfile.mkdtemp(dir=course_folders))  # every example starts with no files
        monkeypatch.chdir(folder)
        monkeypatch.setenv(DIARY_ENV, str(folder / "diary"))
        with Session(case.build) as session:
            assert session.problems() == [], f"{case.name} right after it is built"
            assert session.unknown_controls() == [], "a kind of control random use cannot operate yet"
            for step in range(1, data.draw(st.integers(1, MAX_STEPS), label="steps") + 1):
                action = data.draw(random_action(session.app), label=f"action {step}")
                if action is None:
                    break
                session.apply(action)
                assert session.problems() == [], f"{case.name}, after action {step}: {action!r}"
            assert session.problems(final=True) == [], f"{case.name}: the live figure is not what its view builds"

    use()


# ---------------------------------------------------------------------------
# The machinery itself: it finds every app, can operate every control, and its checks catch what they should
# ---------------------------------------------------------------------------
def test_the_notebooks_apps_are_all_found():
    sources = " ".join(c.source for c in notebook_apps())
    factories = [
        *("mrc_ladder", "grip_lab", "diary_explorer", "noise_or_trend_lab", "predict_grip", "predict_noise"),
        *("trigger_lab", "side_by_side", "body_map_over_time", "base_rate_explorer"),
        *("pathway_explorer", "daily_life", "clinic_visit"),
        *("lookalikes_lab", "evaluation_walk", "symptom_diary", "case_lab", "quiz(", "predict("),
    ]
    assert [f for f in factories if f not in sources] == []
    assert len({c.notebook for c in notebook_apps()}) == 6  # 00 to 05; the exercises' answers need earlier cells


def test_the_checks_catch_an_early_reveal_a_wrong_caption_and_a_nan(course_folders):
    from helpers.apps.base import set_caption
    from helpers.start import mrc_ladder, predict

    with Session(lambda: predict("arm_falls_with_light_push", then=mrc_ladder())) as session:
        app = session.app
        app.reveal_button.disabled = False
        app.reveal()
        assert any("before a prediction was checked" in p for p in session.problems())
    with Session(mrc_ladder) as session:
        set_caption(session.app.caption, "Something else.")
        assert any("does not match its figure" in p for p in session.problems())
    with Session(mrc_ladder) as session:
        session.app.figure.add_scatter(x=[1, 2], y=[1.0, float("nan")], name="broken")
        assert any("NaN" in p for p in session.problems())


def act(session: Session, name: str, value: object = None) -> None:
    """Operate the control a learner can use now whose name contains ``name`` (press it, or set ``value``)."""
    control = next(c for c in controls(session.app) if name in c.name)
    session.apply(Action(control, value))


def test_the_reveal_works_only_after_a_choice_was_checked(course_folders):
    from helpers.start import mrc_ladder, predict

    with Session(lambda: predict("arm_falls_with_light_push", then=mrc_ladder())) as session:
        act(session, "Check my answer")  # no choice yet: nothing unlocks
        assert session.app.reveal_button.disabled and session.problems() == []
        act(session, "RadioButtons", 0)
        act(session, "Check my answer")
        act(session, "Show me")
        assert session.app.revealed and session.problems() == []
        act(session, "MRC grade", 2)  # the revealed app is live
        assert session.problems() == []


# ---------------------------------------------------------------------------
# What random use found (fixed): each as the shortest sequence that showed it
# ---------------------------------------------------------------------------
def test_the_diary_summary_works_before_the_first_entry_is_saved(course_folders):
    from helpers.lookalikes import symptom_diary

    with Session(symptom_diary) as session:  # the diary's folder does not exist yet
        act(session, "Show summary to print")
        assert session.problems() == [] and "Download the summary" in session.app.summary.value


def test_one_person_in_both_lab_menus_gets_a_caption_that_says_so(course_folders):
    from helpers.lookalikes import lookalikes_lab

    with Session(lambda: lookalikes_lab("Peter", "Mark")) as session:
        act(session, "First person", "cervical_radiculopathy")  # Mark
        assert session.problems() == []
        assert "same person" in session.app.caption.value


def test_the_lab_redraws_again_after_its_panels_moved(course_folders):
    from helpers.lookalikes import lookalikes_lab

    with Session(lambda: lookalikes_lab("Peter", "Mark")) as session:  # each pair moves the panels' domains
        for menu, who in (("First", "overactive_thyroid"), ("Second", "health_anxiety")):
            act(session, menu, who)
        for who in ("exam_stress_student", "hard_training_week"):  # raised TypeError: a domain stored as a tuple
            act(session, "Second", who)
            assert session.problems() == []
