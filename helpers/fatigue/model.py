"""The "Tired or weak?" lesson's model: numbers behind the grip lab, the diary and the noise game.

Pure numpy/pandas (never plotly or ipywidgets). Everything here is derived from
the public API of ``helpers.engine`` (the synthetic cohort); nothing is stored
that the model already knows. Every figure names its source or says ASSUMPTION.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from helpers.checks import number, one_of, whole_number
from helpers.engine import COURSE_SEED, GRIP_CHANGE_WITHIN_NOISE_KG, GRIP_NOISE_SD_KG, PERSONA_IDS, grip_trials
from helpers.engine.measurements import ACUTE_RECOVERY_TAU_S, HEALTHY_GRIP_DROP_12, acute_grip_factors
from helpers.engine.people import DAYS_PER_MONTH, DAYS_PER_WEEK, HANDS, SYNTHETIC, check_persona, diary, person

#: The people the diary explorer offers: those whose pattern a weekly diary of one squeeze a day can show.
#: Not Rosa (myasthenia): her weakness comes and goes with use within a day, which weekly means cannot show;
#: the grip lab shows it.
DIARY_PERSONAS: tuple[str, ...] = tuple(p for p in PERSONA_IDS if p != "myasthenia_gravis")

# --- grip lab -----------------------------------------------------------------
REPETITIONS_RANGE: tuple[int, int] = (1, 30)
#: Rest before the retest, seconds. Near full recovery within minutes is an ASSUMPTION (White 2013,
#: PMID 24052933, measured the fall over 12 grips, not the recovery).
REST_RANGE_S: tuple[float, float] = (0.0, 600.0)
MONTH_RANGE: tuple[int, int] = (0, 23)
#: A gap between two readings (first grip and own normal, retest and first grip) counts as clearly beyond the
#: noise only above this (kg); between the noise band (GRIP_CHANGE_WITHIN_NOISE_KG, 5 kg) and this it is "just past
#: the noise band". ASSUMPTION: the band plus about one reading's noise SD (5 + 1.8 kg): one reading just
#: past the band means little (lesson 01).
CLEARLY_BEYOND_NOISE_KG: float = 7.0
#: A session's fall is "steep" when, averaged over both hands, it exceeds the usual fall by more than this (kg).
#: One hand's excess fall comes from two noisy readings (first and last grip, noise SD about 2.2 kg); the average
#: of both hands has a noise SD of about 1.6 kg. ASSUMPTION: 4 x one reading's SD (7.2 kg, over 4 SDs of that
#: average), which healthy noise does not reach: the healthy personas' largest, over every month and number of
#: grips, is under 6 kg, while Rosa's untreated myasthenia (58% over 12 grips, personas.toml) is about 8 kg.
#: A fall "more than usual" (one hand's excess beyond the 5 kg noise band) is the intermediate wording.
STEEP_EXCESS_FALL_KG: float = 4.0 * GRIP_NOISE_SD_KG
#: The retest has recovered when it is at least this share of the first grip (%) and within the noise band of it.
RECOVERED_PCT: float = 90.0

# --- diary ----------------------------------------------------------------------
DIARY_MONTHS_RANGE: tuple[int, int] = (2, 24)

# --- noise or trend -------------------------------------------------------------
NOISE_SD_RANGE_KG: tuple[float, float] = (0.5, 5.0)
WEEKS_RANGE: tuple[int, int] = (2, 52)
#: Simulated healthy people in the false-alarm estimate. ASSUMPTION: 4000 keeps
#: the Monte Carlo error of a percentage under about 1 point.
SIMULATED_PEOPLE: int = 4000
#: A decline counts as "confirmed" when this many weekly readings in a row fall
#: below the noise band. ASSUMPTION: a teaching rule, not a clinical guideline;
#: it stands for "a trend beyond the noise, confirmed over weeks".
CONFIRM_READINGS: int = 3
#: 95% limit for the difference of two noisy readings: 1.96 x sqrt(2) x SD.
#: With SD 1.8 kg (Bai 2019; Abe 2025) this is 5.0 kg, the course's noise band
#: GRIP_CHANGE_WITHIN_NOISE_KG (the usual "smallest detectable change" formula).
SDC_FACTOR: float = 1.96 * math.sqrt(2.0)


def smallest_detectable_change_kg(noise_sd_kg: float = GRIP_NOISE_SD_KG) -> float:
    """Half-width of the noise band: a change smaller than this between two readings may be noise."""
    sd = number("noise_sd_kg", noise_sd_kg, 0.0, 20.0, "use a measurement noise SD in kg, e.g. 1.8")
    return SDC_FACTOR * sd


def label(persona: str) -> str:
    """The persona's short label ("Jonas, 29: legs like lead ...")."""
    return person(check_persona(persona)).label


def normal_grip_kg(persona: str) -> dict[str, float]:
    """The persona's own normal rested grip per hand (kg): the textbook case's value in personas.csv.

    Why: "low" only means something against the person's own normal; the
    textbook case sits at the median for age and sex (Dodds 2014, PMID 25474696).
    """
    return dict(person(check_persona(persona)).normal_grip_kg)


# ---------------------------------------------------------------------------
# 1. Grip-test lab
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class GripSession:
    """One repeated-grip session of both hands and what it shows."""

    persona: str
    repetitions: int
    rest_s: float
    month: int
    trials: pd.DataFrame  # hand, trial, rest_s_before, force_kg
    normal_kg: dict[str, float]
    first_kg: dict[str, float]
    last_kg: dict[str, float]
    retest_kg: dict[str, float]

    def drop_pct(self, hand: str) -> float:
        """Drop from the first to the last grip of the session, % of the first."""
        return 100.0 * (1.0 - self.last_kg[hand] / self.first_kg[hand]) if self.first_kg[hand] > 0 else 0.0

    def recovery_pct(self, hand: str) -> float:
        """Retest as % of the first grip: about 100 means recovered."""
        return 100.0 * self.retest_kg[hand] / self.first_kg[hand] if self.first_kg[hand] > 0 else 0.0

    def below_normal_kg(self, hand: str) -> float:
        """How far the first (rested) grip sits below the person's own normal, kg."""
        return self.normal_kg[hand] - self.first_kg[hand]

    def start_kind(self, hand: str) -> str:
        """The first, rested grip against own normal: "normal" (within the noise band), "edge" (just past it) or "low".

        One reading just past the 5 kg band means little; only a gap beyond CLEARLY_BEYOND_NOISE_KG is a finding.
        """
        gap = self.below_normal_kg(hand)
        if gap <= GRIP_CHANGE_WITHIN_NOISE_KG:
            return "normal"
        return "edge" if gap <= CLEARLY_BEYOND_NOISE_KG else "low"

    @property
    def usual_drop_pct(self) -> float:
        """The healthy fall over this many maximal grips, % of the first (about 30% over 12; White 2013)."""
        return usual_drop_pct(self.repetitions)

    def excess_fall_kg(self, hand: str) -> float:
        """How much more the force falls from the first to the last grip than the usual healthy fall, kg."""
        return (self.first_kg[hand] - self.last_kg[hand]) - self.usual_drop_pct / 100.0 * self.first_kg[hand]

    def falls_more_than_usual(self, hand: str) -> bool:
        """The hand's fall exceeds the usual fall by more than the noise band of two readings (5 kg)."""
        return self.excess_fall_kg(hand) > GRIP_CHANGE_WITHIN_NOISE_KG

    @property
    def falls_steeply(self) -> bool:
        """Both hands together fall beyond what healthy noise reaches (see STEEP_EXCESS_FALL_KG)."""
        return sum(self.excess_fall_kg(h) for h in HANDS) / len(HANDS) > STEEP_EXCESS_FALL_KG

    def retest_down_kg(self, hand: str) -> float:
        """How far the retest after rest sits below the first grip, kg."""
        return self.first_kg[hand] - self.retest_kg[hand]

    def retest_kind(self, hand: str) -> str:
        """The retest against the first grip: "recovered" (at least RECOVERED_PCT and within the noise band),
        "noise" (within the noise band of the start, under RECOVERED_PCT), "edge" (just past the band, up to
        CLEARLY_BEYOND_NOISE_KG) or "down" (clearly beyond the noise)."""
        down = self.retest_down_kg(hand)
        if down > CLEARLY_BEYOND_NOISE_KG:
            return "down"
        if down > GRIP_CHANGE_WITHIN_NOISE_KG:
            return "edge"
        return "recovered" if self.recovery_pct(hand) >= RECOVERED_PCT else "noise"


def grip_session(persona: str, repetitions: int = 12, rest_s: float = 120.0, month: int = 0) -> GripSession:
    """Repeated maximal grips of both hands, then a retest after ``rest_s`` seconds.

    Uses helpers.engine.grip_trials (12 grips 3 s on, 5 s off, White 2013,
    PMID 24052933) on diary day ``month`` x 30.4 of the persona's textbook case.
    """
    persona = check_persona(persona)
    reps = whole_number("repetitions", repetitions, *REPETITIONS_RANGE, "use 1 to 30 maximal grips")
    rest = number("rest_s", rest_s, *REST_RANGE_S, "use a rest of 0 to 600 seconds before the retest")
    m = whole_number("month", month, *MONTH_RANGE, "use a diary month from 0 to 23")
    trials = grip_trials(persona, repetitions=reps, rest_s=rest, day=round(m * DAYS_PER_MONTH), seed=COURSE_SEED)
    first, last, retest = {}, {}, {}
    for hand in HANDS:
        f = trials.loc[trials["hand"] == hand, "force_kg"].to_numpy()
        first[hand], last[hand], retest[hand] = float(f[0]), float(f[reps - 1]), float(f[reps])
    return GripSession(persona, reps, rest, m, trials, normal_grip_kg(persona), first, last, retest)


def usual_drop_pct(repetitions: int) -> float:
    """The healthy fall of force over ``repetitions`` maximal grips, % of the first grip.

    From the engine's healthy session (HEALTHY_GRIP_DROP_12: about 30% over 12 grips, White 2013,
    PMID 24052933): steepest in the first grips, levelling off.
    """
    reps = whole_number("repetitions", repetitions, *REPETITIONS_RANGE, "use 1 to 30 maximal grips")
    factors = acute_grip_factors(reps, 0.0, HEALTHY_GRIP_DROP_12, ACUTE_RECOVERY_TAU_S)
    return float(100.0 * (1.0 - factors[reps - 1]))


def rest_phrase(rest_s: float) -> str:
    """ "with no rest" or "after 120 s rest"."""
    return "with no rest" if rest_s <= 0 else f"after {rest_s:.0f} s rest"


def describe_grip_session(s: GripSession) -> str:
    """One sentence for the caption: what the two hands did, in the same words as the title."""
    parts = []
    for hand in HANDS:
        gap = s.below_normal_kg(hand)
        where = {
            "normal": "within the noise of normal",
            "edge": f"{gap:.0f} kg under normal, just past the noise band",
            "low": f"{gap:.0f} kg below normal, clearly beyond the noise",
        }[s.start_kind(hand)]
        fall = "more than" if s.falls_more_than_usual(hand) else "within the noise of"
        retest = {
            "recovered": "recovered",
            "noise": "within the noise of the start",
            "edge": f"{s.retest_down_kg(hand):.0f} kg down, just past the noise band",
            "down": f"still {s.retest_down_kg(hand):.0f} kg down",
        }[s.retest_kind(hand)]
        grips = f"{s.repetitions} grip{'s' if s.repetitions > 1 else ''}"
        parts.append(
            f"{hand} hand starts at {s.first_kg[hand]:.0f} kg ({where}), drops {s.drop_pct(hand):.0f}% over {grips} "
            f"({fall} the usual {s.usual_drop_pct:.0f}%) and {rest_phrase(s.rest_s)} the retest is "
            f"{s.recovery_pct(hand):.0f}% of its start ({retest})"
        )
    text = f"{SYNTHETIC} {label(s.persona)}, month {s.month}: " + "; ".join(parts) + "."
    if s.falls_steeply:
        text += " Together the hands fall far more steeply than healthy measurement noise can explain."
    return text


# ---------------------------------------------------------------------------
# 2. Diary timeline
# ---------------------------------------------------------------------------
#: The judgements a learner can make of a diary, named by what was measured, never by a diagnosis.
VERDICTS: dict[str, str] = {
    "no_loss": "No strength loss beyond the noise: grip stays inside the noise band",
    "loss": "Measured strength loss: grip falls below the noise band, week after week",
    "fatigable": "Weakness that comes and goes: force drops with use and recovers with rest (fatigable weakness)",
}
#: What the hidden strength shows for each person in the diary explorer over the two-year diary.
#: Checked against the data in tests/test_fatigue_model.py, not just asserted. No one here has
#: "fatigable" as the truth (Rosa is not in the explorer; see DIARY_PERSONAS): it stays a choice, because
#: tiredness that swings from week to week is easily mistaken for weakness that comes and goes.
TRUE_VERDICT: dict[str, str] = {
    "hard_training_week": "no_loss",
    "exam_stress_student": "no_loss",
    "benign_fasciculation": "no_loss",
    "health_anxiety": "no_loss",
    "als_limb_onset": "loss",
    "als_bulbar_onset": "loss",
    "cervical_radiculopathy": "loss",
    "carpal_tunnel": "no_loss",
    "overactive_thyroid": "no_loss",
    "b12_deficiency": "no_loss",
    "post_viral_fatigue": "no_loss",
}


def weekly_diary(persona: str, months: int = 24) -> pd.DataFrame:
    """Weekly means of the persona's diary over the first ``months`` months.

    Columns: week, fatigue_0_10, grip_kg_right, grip_kg_left, sleep_h,
    stress_0_10, exercise_min, true_grip_kg_right, true_grip_kg_left (own
    normal x hidden arm strength %, i.e. the grip without noise or tiredness),
    strength_pct_bulbar, and diary_days (days the week holds: the last week
    may be partial, its mean then rests on fewer readings). Weekly, because
    730 daily points per line would make the notebook heavy and read no better.
    """
    persona = check_persona(persona)
    m = whole_number("months", months, *DIARY_MONTHS_RANGE, "show 2 to 24 months of diary")
    return _weekly_diary(persona, m).copy()


@lru_cache(maxsize=64)
def _weekly_diary(persona: str, m: int) -> pd.DataFrame:
    """weekly_diary for checked arguments (cached: an app redraws and judges the same weeks, and data never change)."""
    d = diary(persona)
    d = d[d["day"] < round(m * DAYS_PER_MONTH)]
    normal = normal_grip_kg(persona)
    frame = pd.DataFrame(
        {
            "week": d["day"].to_numpy() // DAYS_PER_WEEK,
            "fatigue_0_10": d["fatigue_0_10"].to_numpy(float),
            "grip_kg_right": d["grip_kg_right"].to_numpy(float),
            "grip_kg_left": d["grip_kg_left"].to_numpy(float),
            "sleep_h": d["sleep_h"].to_numpy(float),
            "stress_0_10": d["stress_0_10"].to_numpy(float),
            "exercise_min": d["exercise_min"].to_numpy(float),
            "true_grip_kg_right": normal["right"] * d["strength_pct_right_arm"].to_numpy(float) / 100.0,
            "true_grip_kg_left": normal["left"] * d["strength_pct_left_arm"].to_numpy(float) / 100.0,
            "strength_pct_bulbar": d["strength_pct_bulbar"].to_numpy(float),
        }
    )
    weekly = frame.groupby("week", as_index=False).mean().round(2)
    weekly["diary_days"] = frame.groupby("week").size().to_numpy()
    return weekly


def _shortfall(weekly: pd.DataFrame, persona: str, hand: str) -> np.ndarray:
    """Weekly mean grip below own normal, kg (positive = below)."""
    return normal_grip_kg(persona)[hand] - weekly[f"grip_kg_{hand}"].to_numpy(float)


def _full_weeks(weekly: pd.DataFrame) -> np.ndarray:
    """Which weeks hold a full week of daily readings (a frame without diary_days: all)."""
    if "diary_days" not in weekly:
        return np.ones(len(weekly), dtype=bool)
    return weekly["diary_days"].to_numpy() >= DAYS_PER_WEEK


def grip_gap_kg(weekly: pd.DataFrame, persona: str) -> dict[str, float]:
    """Per hand, the largest shortfall below own normal that the weekly mean holds CONFIRM_READINGS weeks in a row (kg).

    A hand counts as below the noise band only when this exceeds GRIP_CHANGE_WITHIN_NOISE_KG: one week outside
    the band may be noise; the course's rule needs CONFIRM_READINGS in a row. Only full weeks count (the last,
    partial week of a diary may rest on a single reading). NaN when no run of that many full weeks exists.
    """
    full = _full_weeks(weekly)
    gaps = {}
    for h in HANDS:
        short = np.where(full, _shortfall(weekly, persona, h), -np.inf)
        held = (
            np.lib.stride_tricks.sliding_window_view(short, CONFIRM_READINGS).min(axis=1).max()
            if len(short) >= CONFIRM_READINGS
            else -np.inf
        )
        gaps[h] = float(held) if np.isfinite(held) else math.nan
    return gaps


def weeks_below_band(weekly: pd.DataFrame, persona: str) -> dict[str, int]:
    """Per hand, the longest run of full weeks in a row whose mean grip is below the noise band."""
    full = _full_weeks(weekly)
    runs = {}
    for h in HANDS:
        longest = current = 0
        for below in (_shortfall(weekly, persona, h) > GRIP_CHANGE_WITHIN_NOISE_KG) & full:
            current = current + 1 if below else 0
            longest = max(longest, current)
        runs[h] = longest
    return runs


def ever_below_band(weekly: pd.DataFrame, persona: str) -> dict[str, bool]:
    """Per hand, whether any weekly mean (a partial last week too) is below the noise band."""
    return {h: bool((_shortfall(weekly, persona, h) > GRIP_CHANGE_WITHIN_NOISE_KG).any()) for h in HANDS}


def describe_diary_grip(weekly: pd.DataFrame, persona: str) -> str:
    """The measured grip against the noise band by the course's rule (CONFIRM_READINGS weeks in a row), per hand."""
    gap, runs, ever = grip_gap_kg(weekly, persona), weeks_below_band(weekly, persona), ever_below_band(weekly, persona)
    hands = []
    for h in HANDS:
        if gap[h] > GRIP_CHANGE_WITHIN_NOISE_KG:
            hands.append(f"the {h} is below it {runs[h]} weeks in a row")
        elif ever[h]:
            hands.append(f"the {h} leaves it, but never {CONFIRM_READINGS} weeks in a row")
        else:
            hands.append(f"the {h} stays inside it")
    return (
        f"Grip counts as below the noise band only {CONFIRM_READINGS} full weeks in a row: " + " and ".join(hands) + "."
    )


def describe_diary(weekly: pd.DataFrame, persona: str, revealed: bool) -> str:
    """Caption sentence for the diary: tiredness, how far grip strays from normal, and (once judged) the truth.

    Before the judgement it gives the numbers a reader needs to judge (also a screen-reader user), not the verdict.
    """
    weeks = len(weekly)
    normal = normal_grip_kg(persona)
    spans = []
    for h in HANDS:
        diff = weekly[f"grip_kg_{h}"] - normal[h]
        spans.append(f"{h} grip between {diff.min():+.0f} and {diff.max():+.0f} kg of normal")
    text = (
        f"{SYNTHETIC} {label(persona)}: over {weeks} weeks the weekly tiredness averages "
        f"{weekly['fatigue_0_10'].mean():.1f}/10 (highest week {weekly['fatigue_0_10'].max():.1f}); weekly "
        f"{', '.join(spans)}; the noise band is ±{GRIP_CHANGE_WITHIN_NOISE_KG:.0f} kg."
    )
    if revealed:
        text += " " + describe_diary_grip(weekly, persona)
        truth = weekly[["true_grip_kg_right", "true_grip_kg_left"]].min()
        hands = []
        for h in HANDS:
            lowest = float(truth[f"true_grip_kg_{h}"])
            if normal[h] - lowest < 1.0:
                hands.append(f"the {h} stays at its normal of {normal[h]:.0f} kg")
            else:
                hands.append(f"the {h} falls from {normal[h]:.0f} to {lowest:.0f} kg")
        text += f" Revealed, the true rested grip: {' and '.join(hands)}; {person(persona).condition}."
    return text


#: Feedback for a verdict that does not match the hidden strength: (truth, chosen) -> the misconception it shows.
MISJUDGED: dict[tuple[str, str], str] = {
    ("no_loss", "loss"): (
        "Feeling tired, or feeling weak, is not the same as a measured loss of strength: "
        "look for grip below the noise band that stays there."
    ),
    ("no_loss", "fatigable"): (
        "Tiredness that swings with sleep, stress and exercise is not fatigable weakness: "
        "in fatigable weakness the measured force itself drops with use."
    ),
    ("loss", "no_loss"): (
        "Low tiredness does not mean strength is normal, and high tiredness does not explain a measured loss: "
        "the measured grip is what tells."
    ),
    ("loss", "fatigable"): "This loss does not come and go with use: it stays, week after week.",
}


#: Feedback for one person's misjudgement that the general rule would get wrong.
SPECIAL_FEEDBACK: dict[tuple[str, str], str] = {
    ("carpal_tunnel", "loss"): (
        "Her grip stays inside the noise band, but a grip meter hardly tests the small muscles at the base of "
        "the thumb, which carpal tunnel syndrome weakens. A clinician tests the thumb directly. A normal grip "
        "does not mean normal strength everywhere, and her weakness is real. The verdict here is about her "
        "measured grip only, which has not changed."
    ),
}
#: Said after every reveal of a person with ALS or a look-alike: the same story has commoner causes in real life.
REAL_LIFE = (
    "These are synthetic people made to show a textbook pattern; in real life the same story often has a "
    "commoner cause, and only an examination can tell."
)


def judge_verdict(persona: str, verdict: str, weekly: pd.DataFrame | None = None) -> tuple[bool, str]:
    """Whether the learner's verdict matches the hidden truth, with feedback aimed at the misconception.

    ``weekly`` (the weeks the learner was shown) matters early in a loss: while the grip is still inside the
    noise band, "no loss beyond the noise" is the right reading of the grip, and the feedback says so before
    it says where the loss is (Margaret's ALS begins in speech and swallowing, which no grip meter tests).
    """
    persona = check_persona(persona, DIARY_PERSONAS)
    verdict = one_of("verdict", verdict, VERDICTS, "choose one of the three judgements")
    truth = TRUE_VERDICT[persona]
    explained = person(persona).condition_explained.replace("\n", " ")
    if person(persona).category != "benign":
        explained += " " + REAL_LIFE
    if truth == "loss" and verdict == "no_loss" and weekly is not None:
        gap = grip_gap_kg(weekly, persona)
        if all(gap[h] <= GRIP_CHANGE_WITHIN_NOISE_KG for h in HANDS):
            return True, (
                f"Right for the grip: in these {len(weekly)} weeks it stays inside the noise band. But a normal "
                f"grip does not mean normal strength everywhere, and this person does have a loss of strength. "
                f"{explained}"
            )
    if verdict == truth:
        return True, f"Your judgement matches the hidden strength. {explained}"
    if (persona, verdict) in SPECIAL_FEEDBACK:
        return False, f"{SPECIAL_FEEDBACK[(persona, verdict)]} {explained}"
    misconception = MISJUDGED[(truth, verdict)]
    return False, f"{misconception} {explained}"


# ---------------------------------------------------------------------------
# 3. Noise or trend?
# ---------------------------------------------------------------------------
@lru_cache(maxsize=8)
def als_grip_decline_kg_per_week(persona: str = "als_limb_onset", hand: str = "right") -> float:
    """Slope of the true rested grip over the first year of an ALS persona (kg/week, positive = loss).

    Derived from the cohort's hidden strength x own normal grip; the model's
    strength loss is calibrated to ALSFRS-R decline (Atassi 2014, PMID 25298304).
    """
    weekly = weekly_diary(persona, months=12)
    slope = np.polyfit(weekly["week"].to_numpy(float), weekly[f"true_grip_kg_{hand}"].to_numpy(float), 1)[0]
    return float(-slope)


@lru_cache(maxsize=4)
def _standard_noise(seed: int, people: int, max_weeks: int) -> np.ndarray:
    """Seeded unit-normal noise (people + 2, max_weeks + 1); scaled by the noise SD on use.

    Common random numbers: the same draws for every slider value, so moving the
    noise slider changes the spread, not the luck.
    """
    return np.random.default_rng(seed).standard_normal((people + 2, max_weeks + 1))


@dataclass(frozen=True)
class NoiseOrTrend:
    """One run of the noise game: two example people and the false-alarm rates."""

    noise_sd_kg: float
    weeks: int
    band_kg: float
    decline_kg_per_week: float
    week: np.ndarray  # 0..weeks
    healthy_change_kg: np.ndarray  # one healthy person's readings minus their week-0 reading
    decline_change_kg: np.ndarray  # one person with a real decline, same
    fooled_by_one_reading_pct: float  # healthy people with at least one reading below the band
    fooled_by_confirmed_rule_pct: float  # healthy people with CONFIRM_READINGS in a row below the band
    decline_first_below_week: int | None  # first week the example's reading leaves the band
    decline_confirmed_week: int | None  # week the decline is confirmed by the rule
    true_change_at_end_kg: float


def _runs_below(below: np.ndarray, run: int) -> np.ndarray:
    """For each row, whether ``run`` consecutive True values occur (vectorised)."""
    if below.shape[1] < run:
        return np.zeros(below.shape[0], dtype=bool)
    csum = np.concatenate([np.zeros((below.shape[0], 1), dtype=int), np.cumsum(below, axis=1)], axis=1)
    counts = csum[:, run:] - csum[:, :-run]  # number of True values in each window of length run
    return (counts == run).any(axis=1)


def _first_week(flags: np.ndarray) -> int | None:
    idx = np.flatnonzero(flags)
    return int(idx[0]) if idx.size else None


def noise_or_trend(
    noise_sd_kg: float = GRIP_NOISE_SD_KG,
    weeks: int = 12,
    decline_kg_per_week: float | None = None,
    people: int = SIMULATED_PEOPLE,
    seed: int = COURSE_SEED,
) -> NoiseOrTrend:
    """Weekly grip readings of healthy people and of one person with a real decline.

    Each reading is the true grip plus noise of SD ``noise_sd_kg``; the band is
    the smallest detectable change (1.96 x sqrt(2) x SD) around the week-0
    reading. Vectorised over ``people`` simulated healthy people: how many are
    "fooled" by one reading below the band, and how many by the stricter rule
    of CONFIRM_READINGS readings in a row below it.
    """
    sd = number(
        "noise_sd_kg",
        noise_sd_kg,
        *NOISE_SD_RANGE_KG,
        "use a measurement noise SD from 0.5 to 5 kg (the course's grip noise is 1.8 kg)",
    )
    w = whole_number("weeks", weeks, *WEEKS_RANGE, "observe for 2 to 52 weeks")
    n = whole_number("people", people, 10, 100_000, "simulate 10 to 100000 healthy people")
    rate = (
        als_grip_decline_kg_per_week()
        if decline_kg_per_week is None
        else number("decline_kg_per_week", decline_kg_per_week, 0.0, 5.0, "use a decline of 0 to 5 kg per week")
    )
    z = _standard_noise(int(seed), n, WEEKS_RANGE[1])[:, : w + 1]
    readings = sd * z  # change from true normal, kg
    band = SDC_FACTOR * sd
    change = readings - readings[:, :1]  # minus the week-0 reading
    healthy = change[:n, 1:]
    below = healthy < -band
    week = np.arange(w + 1)
    trend = -rate * week
    decline = (trend + readings[n + 1]) - readings[n + 1, 0]
    decline_below = decline < -band
    confirmed = np.zeros(w + 1, dtype=bool)  # week k confirms if weeks k-2..k (all >= 1) are below
    if w >= CONFIRM_READINGS:
        csum = np.cumsum(decline_below[1:].astype(int))
        runs = csum[CONFIRM_READINGS - 1 :] - np.concatenate([[0], csum[:-CONFIRM_READINGS]])
        confirmed[CONFIRM_READINGS:] = runs == CONFIRM_READINGS
    return NoiseOrTrend(
        noise_sd_kg=sd,
        weeks=w,
        band_kg=band,
        decline_kg_per_week=rate,
        week=week,
        healthy_change_kg=change[n],
        decline_change_kg=decline,
        fooled_by_one_reading_pct=float(100.0 * below.any(axis=1).mean()),
        fooled_by_confirmed_rule_pct=float(100.0 * _runs_below(below, CONFIRM_READINGS).mean()),
        decline_first_below_week=_first_week(decline_below),
        decline_confirmed_week=_first_week(confirmed),
        true_change_at_end_kg=float(trend[-1]),
    )


def describe_noise_or_trend(r: NoiseOrTrend) -> str:
    """Caption: the band, when the real decline shows, and how often healthy readings fool you."""
    when = (
        f"the real decline is confirmed ({CONFIRM_READINGS} readings in a row below the band) in week "
        f"{r.decline_confirmed_week}"
        if r.decline_confirmed_week is not None
        else f"the real loss ({abs(r.true_change_at_end_kg):.1f} kg by week {r.weeks}) is not yet confirmed"
    )
    return (
        f"With noise SD {r.noise_sd_kg:.1f} kg the band is ±{r.band_kg:.1f} kg; {when}. "
        f"Of {SIMULATED_PEOPLE} healthy people measured weekly for {r.weeks} weeks, "
        f"{r.fooled_by_one_reading_pct:.0f}% have at "
        f"least one reading below the band, but only {r.fooled_by_confirmed_rule_pct:.1f}% have "
        f"{CONFIRM_READINGS} in a row."
    )


__all__ = [
    "CLEARLY_BEYOND_NOISE_KG",
    "CONFIRM_READINGS",
    "DIARY_MONTHS_RANGE",
    "GRIP_CHANGE_WITHIN_NOISE_KG",
    "GRIP_NOISE_SD_KG",
    "HANDS",
    "MONTH_RANGE",
    "NOISE_SD_RANGE_KG",
    "RECOVERED_PCT",
    "REPETITIONS_RANGE",
    "REST_RANGE_S",
    "SDC_FACTOR",
    "STEEP_EXCESS_FALL_KG",
    "TRUE_VERDICT",
    "VERDICTS",
    "WEEKS_RANGE",
    "GripSession",
    "NoiseOrTrend",
    "als_grip_decline_kg_per_week",
    "check_persona",
    "describe_diary",
    "describe_diary_grip",
    "describe_grip_session",
    "describe_noise_or_trend",
    "ever_below_band",
    "grip_gap_kg",
    "grip_session",
    "judge_verdict",
    "label",
    "noise_or_trend",
    "normal_grip_kg",
    "rest_phrase",
    "smallest_detectable_change_kg",
    "usual_drop_pct",
    "weekly_diary",
    "weeks_below_band",
]
