"""Figure titles and captions of the "Tired or weak?" lesson do not read measurement noise as a finding.

Lesson 01 teaches that one grip reading means little: the difference of two readings has a noise band of
±5 kg (GRIP_CHANGE_WITHIN_NOISE_KG), and a trend counts only CONFIRM_READINGS readings in a row beyond it.
The titles computed from the synthetic data must follow the same rule, for every person and month: a
clinician's review found single readings just past the band, and healthy noise, stated as findings.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from helpers.engine import GRIP_CHANGE_WITHIN_NOISE_KG, PERSONA_IDS
from helpers.fatigue.model import (
    CLEARLY_BEYOND_NOISE_KG,
    CONFIRM_READINGS,
    DIARY_MONTHS_RANGE,
    DIARY_PERSONAS,
    HANDS,
    MONTH_RANGE,
    RECOVERED_PCT,
    GripSession,
    describe_diary,
    describe_grip_session,
    grip_gap_kg,
    grip_session,
    normal_grip_kg,
    usual_drop_pct,
    weekly_diary,
    weeks_below_band,
)
from helpers.fatigue.views import diary_title, grip_lab_figure, grip_session_title
from helpers.views.theme import figure_description

BAND = GRIP_CHANGE_WITHIN_NOISE_KG
MONTHS = range(MONTH_RANGE[0], MONTH_RANGE[1] + 1)
#: No rest, part-way, the lab's default and the longest rest (the sweep over every 10 s of one person is in
#: test_fatigue_apps; each session costs ~15 ms, so every rest for every person and month would take minutes).
RESTS = (0, 60, 120, 600)
#: Rosa's treatment starts on day 120 of her story (personas.toml), inside month 4 (days 122-152).
TREATED_FROM_MONTH = 5
#: A plot title wraps at 52 characters (helpers.views.theme): at most two lines.
TITLE_MAX_CHARS = 104


@pytest.fixture(scope="module")
def sessions() -> dict[tuple[str, int, int], GripSession]:
    """12 maximal grips for every person, month and rest in RESTS."""
    return {(p, m, r): grip_session(p, 12, r, m) for p in PERSONA_IDS for m in MONTHS for r in RESTS}


@pytest.fixture(scope="module")
def diaries() -> dict[tuple[str, int], pd.DataFrame]:
    """Every diary person over every diary length."""
    months = range(DIARY_MONTHS_RANGE[0], DIARY_MONTHS_RANGE[1] + 1)
    return {(p, m): weekly_diary(p, m) for p in DIARY_PERSONAS for m in months}


def clauses(title: str) -> list[str]:
    """The title's clauses after the name ("Leah: a; b" -> ["a", "b"])."""
    return [c.strip() for c in title.split(":", 1)[1].split(";")]


HAND_NUMBER = re.compile(r"\b(right|left)\b(?:(?!\b(?:right|left)\b)[^0-9])*?(\d+)( kg|%)")


def hand_numbers(clause: str) -> list[tuple[str, int, str]]:
    """Each number in a clause with the hand it belongs to: [("right", 26, " kg"), ("left", 14, " kg")]."""
    return [(h, int(n), unit) for h, n, unit in HAND_NUMBER.findall(clause)]


def session_with(
    persona: str = "health_anxiety",
    first: tuple[float, float] = (31.0, 29.0),
    last: tuple[float, float] = (22.0, 20.0),
    retest: tuple[float, float] = (31.0, 29.0),
    normal: tuple[float, float] = (31.0, 29.0),
    rest_s: float = 120.0,
    repetitions: int = 12,
) -> GripSession:
    """A hand-made session for exact thresholds (the titles read only first, last and retest grips)."""
    return GripSession(
        persona=persona,
        repetitions=repetitions,
        rest_s=rest_s,
        month=0,
        trials=pd.DataFrame(columns=["hand", "trial", "rest_s_before", "force_kg"]),
        normal_kg=dict(zip(HANDS, normal, strict=True)),
        first_kg=dict(zip(HANDS, first, strict=True)),
        last_kg=dict(zip(HANDS, last, strict=True)),
        retest_kg=dict(zip(HANDS, retest, strict=True)),
    )


# ---------------------------------------------------------------------------
# Grip lab: the start against own normal
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("left_first", "expected"),
    [
        (24.1, "Leah: normal start; the drop recovers after 120 s rest"),  # 4.9 kg: inside the band
        (23.9, "Leah: the left hand starts 5 kg under normal, just past the noise band"),  # 5.1 kg
        (22.1, "Leah: the left hand starts 7 kg under normal, just past the noise band"),  # 6.9 kg
        (21.9, "Leah: the left hand starts 7 kg below normal at the first, rested squeeze"),  # 7.1 kg
    ],
)
def test_a_start_just_past_the_band_is_at_its_edge_not_below_normal(left_first, expected):
    s = session_with(first=(31.0, left_first), last=(22.0, 0.7 * left_first), retest=(31.0, left_first))
    assert grip_session_title(s) == expected


def test_leah_month_3_single_reading_past_the_band_is_not_a_finding():
    """The review's example: 'the left hand 5 kg below normal at the first, rested squeeze'."""
    s = grip_session("health_anxiety", 12, 120, 3)
    assert BAND < s.below_normal_kg("left") < CLEARLY_BEYOND_NOISE_KG
    title = grip_session_title(s)
    assert "below normal" not in title and "just past the noise band" in title, title
    assert "just past the noise band" in describe_grip_session(s)


def test_no_below_normal_for_a_gap_within_or_at_the_edge_of_the_band(sessions):
    for (p, m, r), s in sessions.items():
        title = grip_session_title(s)
        start = clauses(title)[0]
        numbered = {h for h, _n, unit in hand_numbers(start) if unit == " kg" and "retest" not in start}
        both_below = re.fullmatch(r"the right hand starts \d+ kg and the left \d+ kg below normal", start)
        for h in HANDS:
            gap = s.below_normal_kg(h)
            where = f"{p} month {m} rest {r}, {h} {gap:.1f} kg: {title}"
            if gap <= BAND:
                assert h not in numbered, where
            if gap <= CLEARLY_BEYOND_NOISE_KG:
                assert not re.search(rf"the {h} hand starts \d+ kg below normal", title) and not both_below, where
        if "below normal" in title:
            assert any(s.start_kind(h) == "low" for h in HANDS), title


def test_a_start_clearly_below_normal_leads_the_title():
    s = grip_session("als_limb_onset", 12, 600, 0)
    assert grip_session_title(s).startswith(f"Peter: the right hand starts {s.below_normal_kg('right'):.0f} kg below")


# ---------------------------------------------------------------------------
# Grip lab: the fall over the session
# ---------------------------------------------------------------------------
def test_usual_fall_is_white_2013s_30_percent_over_12_grips():
    assert usual_drop_pct(12) == pytest.approx(30.0)
    assert usual_drop_pct(1) == 0.0
    assert usual_drop_pct(30) > usual_drop_pct(12) > usual_drop_pct(4)


def test_only_rosa_before_her_treatment_falls_steeply(sessions):
    steep = {(p, m) for (p, m, r), s in sessions.items() if r == 120 and "steep" in grip_session_title(s)}
    assert steep, "Rosa's myasthenia must still show"
    assert all(p == "myasthenia_gravis" and m < TREATED_FROM_MONTH for p, m in steep), sorted(steep)
    rosa_untreated = {m for p, m in steep}
    assert len(rosa_untreated) >= 3, f"Rosa falls steeply in most months before treatment, got {rosa_untreated}"
    # the caption says the same as the title
    for (p, m, r), s in sessions.items():
        assert ("steep" in grip_session_title(s)) == ("steeply" in describe_grip_session(s)), (p, m, r)


@pytest.mark.parametrize("repetitions", [8, 20, 30])
def test_healthy_noise_never_reaches_steep_for_any_number_of_grips(repetitions):
    for p in PERSONA_IDS:
        if p == "myasthenia_gravis":
            continue
        for m in MONTHS:
            s = grip_session(p, repetitions, 120, m)
            assert not s.falls_steeply and "steep" not in grip_session_title(s), (p, m, grip_session_title(s))


@pytest.mark.parametrize(
    ("persona", "month"), [("post_viral_fatigue", 11), ("carpal_tunnel", 6), ("health_anxiety", 16)]
)
def test_the_reviews_healthy_falls_are_not_steep(persona, month):
    """Nadia 47%, Linda 48%, Leah 45%: within reach of healthy noise for one hand of about 28 kg."""
    title = grip_session_title(grip_session(persona, 12, 120, month))
    assert "steep" not in title, title


def test_margaret_month_5_is_not_steep():
    assert "steep" not in grip_session_title(grip_session("als_bulbar_onset", 12, 120, 5))


def test_an_intermediate_fall_is_more_than_usual_with_its_own_hands_number():
    s = session_with(first=(31.0, 29.0), last=(14.0, 20.0))  # right 55%: 7.7 kg beyond the usual 30%
    assert grip_session_title(s) == "Leah: right hand falls more than usual (55%), then recovers with rest"


# ---------------------------------------------------------------------------
# Grip lab: the retest after rest
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("retest", "expected"),
    [
        ((28.0, 26.2), "Leah: normal start; the drop recovers after 120 s rest"),  # 90% and 90%
        ((27.0, 26.2), "Leah: normal start; retest within the noise of the start"),  # 87%: 4 kg down
        ((25.5, 26.2), "Leah: normal start; right retest 6 kg down (past the noise band)"),
        ((23.0, 26.2), "Leah: normal start; right retest still 8 kg down after 120 s rest"),
        ((23.0, 21.0), "Leah: normal start; after 120 s rest both retests are still down"),
    ],
)
def test_retest_recovers_only_at_90_percent_and_is_down_only_beyond_the_noise(retest, expected):
    assert grip_session_title(session_with(first=(31.0, 29.0), retest=retest)) == expected


def test_recovers_only_when_every_retest_is_at_least_90_percent(sessions):
    for (p, m, r), s in sessions.items():
        title = grip_session_title(s)
        if "recover" in title:
            assert all(s.recovery_pct(h) >= RECOVERED_PCT for h in HANDS), (p, m, r, title)
            assert all(s.retest_down_kg(h) <= BAND for h in HANDS), (p, m, r, title)
            assert all("(recovered)" in part for part in describe_grip_session(s).split(";")), (p, m, r)
        if "within the noise of the start" in title:
            assert all(s.retest_down_kg(h) <= BAND for h in HANDS), (p, m, r, title)
        if "still" in title:
            assert any(s.retest_down_kg(h) > CLEARLY_BEYOND_NOISE_KG for h in HANDS), (p, m, r, title)


def test_rosa_with_no_rest_does_not_recover():
    """The review's example: 'falls steeply (65%), then recovers with rest' at 0 s, retest 47% of the start."""
    s = grip_session("myasthenia_gravis", 12, 0, 0)
    title = grip_session_title(s)
    assert "recover" not in title and "with no rest both retests are still down" in title, title
    assert "recover" in grip_session_title(grip_session("myasthenia_gravis", 12, 600, 0))


def test_amira_retest_4_kg_down_is_within_the_noise(sessions):
    """The review's example: 87% of about 30 kg is a 4 kg gap inside the 5 kg band, not 'still down'."""
    amira = [s for (p, _m, r), s in sessions.items() if p == "exam_stress_student" and r == 120]
    inside = [s for s in amira if all(s.retest_down_kg(h) <= BAND for h in HANDS)]
    assert any(min(s.recovery_pct(h) for h in HANDS) < RECOVERED_PCT for s in inside)
    for s in inside:
        assert "still" not in grip_session_title(s) and "down" not in grip_session_title(s)


# ---------------------------------------------------------------------------
# Grip lab: every number belongs to one hand; short; the caption agrees
# ---------------------------------------------------------------------------
def test_both_hands_get_their_own_number():
    s = session_with(normal=(45.0, 42.0), first=(19.0, 28.0), last=(13.0, 20.0), retest=(19.0, 28.0))
    assert grip_session_title(s) == "Leah: the right hand starts 26 kg and the left 14 kg below normal"


def test_numbers_in_titles_are_per_hand(sessions):
    for (p, m, r), s in sessions.items():
        title = grip_session_title(s)
        for clause in clauses(title):
            found = hand_numbers(clause)
            assert len(found) == len(re.findall(r"\d+( kg|%)", clause)), f"a number without its hand: {title}"
            for h, n, unit in found:
                if unit == "%":
                    expected = s.drop_pct(h)
                elif "retest" in clause:
                    expected = s.retest_down_kg(h)
                else:
                    expected = s.below_normal_kg(h)
                assert n == round(expected), f"{p} month {m} rest {r}: {h} {n}{unit} is not {expected:.1f}: {title}"


def test_titles_are_short_and_the_caption_says_the_same(sessions):
    for (p, m, r), s in sessions.items():
        title, caption = grip_session_title(s), describe_grip_session(s)
        assert len(title) <= TITLE_MAX_CHARS, title
        for h in HANDS:
            part = caption.split(f"{h} hand starts", 1)[1].split(";")[0]
            kind = s.start_kind(h)
            assert ("just past the noise band" in part.split("drops")[0]) == (kind == "edge"), (p, m, r, h, caption)
            assert ("below normal" in part) == (kind == "low"), (p, m, r, h, caption)
            assert ("(recovered)" in part) == (s.retest_kind(h) == "recovered"), (p, m, r, h, caption)
            assert ("more than the usual" in part) == s.falls_more_than_usual(h), (p, m, r, h, caption)
    fig = grip_lab_figure(sessions[("health_anxiety", 3, 120)])
    assert fig.layout.meta["title"] == grip_session_title(sessions[("health_anxiety", 3, 120)])
    assert "just past the noise band" in figure_description(fig)


# ---------------------------------------------------------------------------
# Diary: below the band only CONFIRM_READINGS full weeks in a row
# ---------------------------------------------------------------------------
def longest_full_run_below(weekly: pd.DataFrame, persona: str, hand: str) -> int:
    short = normal_grip_kg(persona)[hand] - weekly[f"grip_kg_{hand}"].to_numpy()
    below = (short > BAND) & (weekly["diary_days"].to_numpy() == 7)
    runs = "".join("1" if b else "0" for b in below).split("0")
    return max(len(run) for run in runs)


def test_a_diary_hand_is_below_the_band_only_three_weeks_in_a_row(diaries):
    assert CONFIRM_READINGS == 3
    for (p, m), weekly in diaries.items():
        title = diary_title(weekly, p, revealed=True)
        runs, gaps = weeks_below_band(weekly, p), grip_gap_kg(weekly, p)
        for h in HANDS:
            longest = longest_full_run_below(weekly, p, h)
            assert runs[h] == longest, (p, m, h)
            confirmed = longest >= CONFIRM_READINGS
            assert (gaps[h] > BAND) == confirmed, (p, m, h, gaps[h], longest)
            said = bool(re.search(rf"\b{h}\b[^;]*?below the noise band|below the noise band[^;]*\b{h}\b", title))
            assert said == confirmed, f"{p}, {m} months, {h}: longest run {longest} weeks: {title}"
            if confirmed:
                assert f"{h} {runs[h]}" in title or f"{h} grip below the noise band {runs[h]} weeks" in title, title
        caption = describe_diary(weekly, p, revealed=True)
        for h in HANDS:
            assert (f"the {h} is below it {runs[h]} weeks in a row" in caption) == (gaps[h] > BAND), (p, m, caption)


def test_peter_6_months_left_hand_not_yet_below_the_band():
    """The review's example: 'right and left grip fall below the noise band', the left outside in single weeks."""
    for months in (5, 6):
        weekly = weekly_diary("als_limb_onset", months)
        title = diary_title(weekly, "als_limb_onset", revealed=True)
        assert "right grip below the noise band" in title and "left" not in title, title
        assert "the left leaves it, but never 3 weeks in a row" in describe_diary(weekly, "als_limb_onset", True)
    later = diary_title(weekly_diary("als_limb_onset", 12), "als_limb_onset", revealed=True)
    assert re.search(r"right \d+, left \d+", later), later


def test_a_partial_last_week_does_not_count_towards_the_run():
    weekly = weekly_diary("als_limb_onset", 6)
    assert weekly["diary_days"].iloc[-1] < 7 and weekly["diary_days"].iloc[:-1].eq(7).all()
    whole = weekly.assign(diary_days=7)
    assert weeks_below_band(whole, "als_limb_onset")["left"] >= weeks_below_band(weekly, "als_limb_onset")["left"]
    assert np.isnan(grip_gap_kg(weekly.head(2), "als_limb_onset")["left"]), "too short a diary confirms nothing"


def test_diary_title_before_the_judgement_gives_no_verdict(diaries):
    for (p, _m), weekly in diaries.items():
        title = diary_title(weekly, p, revealed=False)
        assert title.endswith("What does the grip show?"), title
        assert "band" not in title and "below" not in title, title
        assert "band only" not in describe_diary(weekly, p, revealed=False), "the rule's verdict waits for the reveal"
    nadia = diary_title(weekly_diary("post_viral_fatigue", 12), "post_viral_fatigue", revealed=False)
    assert nadia == "Nadia: 53 weeks of diary; tiredness averages 7.1/10. What does the grip show?", (
        "the notebook's stored output shows this title"
    )


def test_diary_titles_are_short(diaries):
    for (p, _m), weekly in diaries.items():
        for revealed in (False, True):
            assert len(diary_title(weekly, p, revealed)) <= TITLE_MAX_CHARS
