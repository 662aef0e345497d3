"""Lesson 05's model: each student's own set of anonymous synthetic cases, what the data show, and the key.

Pure numpy/pandas (never plotly or ipywidgets), over the public API of ``helpers.engine``.

How a set is drawn (``case_set(student_id)``): the ID's sha256 seeds a generator that picks six of
the course's teaching patterns in a fixed mix of decisions (one case for self-care, two for a routine
appointment, two to be seen soon, one emergency), puts them in a random order, and varies each
case's surface within calibrated ranges (age, sex, onset region and side, rate, trigger schedule,
treatment day, length of diary). Each case is one person simulated by the engine from a persona's
spec changed with ``dataclasses.replace``. The same ID always gives the same set; different IDs give
different cases in a different order, with the same number of each kind of decision.

Why the options of a case do not need its data: the answer key, the marks and the class report
must be cheap for 300 students, so which observations a case offers (two that support its
pattern, two tempting ones that are true but do not tell patterns apart, two that belong to other
patterns) is decided from the pattern alone. The property tests check, over many IDs, that every
offered observation is true or false in the simulated data exactly as the key says.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property

import numpy as np
import pandas as pd

from helpers.engine import NEIGHBOURS, REGIONS
from helpers.engine.als import strength_rate_for_slope
from helpers.engine.cohort import Cohort, generate_people, seed_from_student_id
from helpers.engine.personas import Episode, PersonaSpec, load_persona_specs
from helpers.engine.units import DAYS_PER_MONTH
from helpers.errors import CourseInputError
from helpers.lookalikes.model import FATIGABLE_DROP_PCT

# ---------------------------------------------------------------------------
# 1. Student IDs
# ---------------------------------------------------------------------------
#: What an ID may contain: it names the hand-in file, so it must be safe as a file name on every system.
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._@-]{0,63}$")
ID_ALLOWED = "1-64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit (for example 'student-042')"


def normalise_id(student_id: object) -> str:
    """The ID in its one form: spaces trimmed, lower case (so 'Student-042' and 'student-042 ' are one student).

    Raises a CourseInputError naming the input and the allowed characters, never a crash.
    """
    if not isinstance(student_id, str) or not student_id.strip():
        raise CourseInputError("student ID", student_id, ID_ALLOWED, "type the ID your teacher gave you")
    text = student_id.strip().lower()
    if not ID_PATTERN.match(text):
        odd = sorted({c for c in text if not re.match(r"[a-z0-9._@-]", c)})
        detail = f" (not allowed: {' '.join(repr(c) for c in odd)})" if odd else ""
        raise CourseInputError(
            "student ID",
            student_id,
            ID_ALLOWED,
            f"type the ID exactly as your teacher gave it, or make one up without spaces, like jd-17{detail}",
        )
    return text


# ---------------------------------------------------------------------------
# 2. The teaching patterns and how soon each needs care
# ---------------------------------------------------------------------------
#: How soon to get care: the course's levels (helpers.safety) and lesson 04's self-care line, in order.
CARE_OPTIONS: dict[str, str] = {
    "emergency": "Call the emergency number now",
    "same_day": "Get urgent medical help today",
    "soon": "See a doctor soon: book within days",
    "routine": "Book a routine appointment",
    "self_care": "Self-care; a routine visit if it lasts or spreads, a doctor within days if a task gets harder",
}


@dataclass(frozen=True)
class Pattern:
    """A teaching pattern of the course: its name, the persona it is drawn from, and the key."""

    key: str
    name: str  # the option a learner picks
    base: str  # the persona whose spec the cases vary
    care: str  # a CARE_OPTIONS key
    supporting: tuple[str, str]  # the two observations that show the pattern (always true for its cases)
    tempting: tuple[str, ...]  # true for every case of the pattern, but they do not tell patterns apart
    false: tuple[str, ...]  # observations of other patterns, false for every case of this one
    complaint: str  # why the person began the diary (a case's one line of history)
    shows: str  # what the data show, in short sentences (practice feedback and the key)
    care_reason: str  # why this care level
    lesson: str  # where the course teaches it
    sources: tuple[str, ...]

    @property
    def reasoning(self) -> str:
        """What the data show, then why the care level: the key's reasoning."""
        return f"{self.shows} {self.care_reason}"


PATTERNS: dict[str, Pattern] = {
    p.key: p
    for p in (
        Pattern(
            "triggers",
            "Tiredness after triggers, with full strength",
            "hard_training_week",
            "self_care",
            ("tired_after_hard_weeks", "full_strength_checks"),
            ("tired_some_days", "lasted_months"),
            ("focal_loss_grows", "fatigable_grip", "self_checks_often", "numbness_with_weakness", "eyes_come_and_go"),
            "tiredness",
            "Tiredness rose in weeks of hard training. It was back to usual within days. Strength was full at every "
            "check-up. This is tiredness that follows a trigger.",
            "Rest and recovery are the care. See a doctor within days if a task gets harder; book a routine "
            "appointment if it lasts more than a few weeks. For a real person, only a clinician who examines them "
            "can say what it is.",
            "lesson 01 (tired or weak?)",
            ("nhstired2023",),
        ),
        Pattern(
            "fatigue_only",
            "Lasting tiredness without loss of strength",
            "post_viral_fatigue",
            "routine",
            ("tired_most_days", "full_strength_checks"),
            ("felt_weak_some_days", "lasted_months", "twitches_most_days"),
            ("focal_loss_grows", "sudden_weakness", "fatigable_grip", "eyes_come_and_go", "self_checks_often"),
            "tiredness since an infection last winter",
            "Tiredness was 5/10 or more on most days, month after month. Every check-up found full strength. This is "
            "fatigue, a feeling, not measured weakness.",
            "Tiredness for weeks that affects daily life deserves a routine appointment (NHS, tiredness).",
            "lesson 01 (tired or weak?)",
            ("nhstired2023", "krupp1989"),
        ),
        Pattern(
            "felt_not_measured",
            "Weakness that is felt but not measured",
            "health_anxiety",
            "routine",
            ("felt_weak_strength_full", "self_checks_often"),
            ("twitches_most_days", "lasted_months", "tired_some_days"),
            ("focal_loss_grows", "spread_to_neighbour", "wasting_seen", "fatigable_grip", "numbness_with_weakness"),
            "feeling weak",
            "The person felt weak on most days and checked their muscles many times a day. Every check-up found full "
            "strength. This is weakness that is felt but not measured.",
            "Feeling weak is real, and a clinician's examination measures strength best. An area that feels weak "
            "while every task is still as easy deserves a routine appointment. Worry can be talked about there too.",
            "lessons 01 and 02",
            ("simon2013", "nhshealthanxiety"),
        ),
        Pattern(
            "benign_twitching",
            "Widespread twitching with full strength",
            "benign_fasciculation",
            "routine",
            ("twitching_widespread", "full_strength_checks"),
            ("twitches_most_days", "cramps_often", "lasted_months"),
            ("focal_loss_grows", "spread_to_neighbour", "wasting_seen", "sudden_weakness", "numbness_with_weakness"),
            "twitching",
            "Twitches came in many body regions and moved from month to month. Strength stayed full, and no muscle "
            "got thinner. This is the pattern seen in harmless twitching (benign fasciculation), which often lasts "
            "months or years without weakness.",
            "For a real person, a clinician's examination decides. Twitching for more than 2 weeks, or in more than "
            "one place, deserves a routine appointment (NHS, twitching).",
            "lesson 02 (twitch or trouble?)",
            ("filippakis2018", "blexrud1993", "nhstwitch2023"),
        ),
        Pattern(
            "fatigable",
            "Weakness that grows with use and recovers with rest",
            "myasthenia_gravis",
            "soon",
            ("fatigable_grip", "eyes_come_and_go"),
            ("tired_some_days", "lasted_months", "twitches_most_days", "felt_weak_some_days"),
            ("focal_loss_grows", "spread_to_neighbour", "self_checks_often", "numbness_with_weakness"),
            "tired, weak arms",
            "Force fell far more than usual over 12 grips and came back after rest. An eyelid drooped or vision "
            "doubled on some days. This is fatigable weakness: weakness that grows with use, a sign that can be "
            "measured.",
            "Drooping eyelids or double vision that come and go, or weakness that grows with use, mean seeing a "
            "doctor soon, within days. If swallowing or speech is affected, go to hospital the same day. If "
            "breathing is, "
            "call the emergency number.",
            "lessons 01 and 04",
            ("white2013", "abraham2017", "nhsmg"),
        ),
        Pattern(
            "nerve_territory",
            "Weakness with numbness and pain in one limb",
            "cervical_radiculopathy",
            "soon",
            ("numbness_with_weakness", "weakness_stays_put"),
            ("twitches_most_days", "lasted_months", "felt_weak_some_days"),
            ("spread_to_neighbour", "eyes_come_and_go", "self_checks_often", "sudden_weakness"),
            "pain and tingling down one arm",
            "Weakness came with numbness or tingling. It stayed in one limb and did not spread. This points to one "
            "nerve root or one nerve. ALS usually spares feeling, and it spreads.",
            "Numbness that comes with weakness means seeing a doctor soon, within days.",
            "lessons 03 and 04",
            ("turner2013", "nhspins"),
        ),
        Pattern(
            "treatable",
            "Symptoms that ease after a treatment began",
            "overactive_thyroid",
            "routine",
            ("improved_after_treatment", "treated_after_blood_test"),
            ("twitches_most_days", "tired_some_days", "lasted_months"),
            ("focal_loss_grows", "spread_to_neighbour", "fatigable_grip", "self_checks_often", "sudden_weakness"),
            "twitching and tiredness",
            "Twitching, cramps and tiredness eased in the months after a treatment. The treatment followed a blood "
            "test. Strength was full throughout. This fits a cause that a blood test found and a treatment helped.",
            "Twitching in many places with tiredness for weeks deserves a routine appointment. A blood test is often "
            "the first step.",
            "lesson 04 (is it ALS?)",
            ("nhsthyroid",),
        ),
        Pattern(
            "progressive",
            "Weakness that keeps getting worse and spreads",
            "als_limb_onset",
            "soon",
            ("focal_loss_grows", "spread_to_neighbour"),
            ("twitches_most_days", "lasted_months"),
            ("fatigable_grip", "eyes_come_and_go", "self_checks_often", "numbness_with_weakness", "sudden_weakness"),
            "a weak {where}",
            "Strength in one region fell month after month, far more than measurement noise. Later, a neighbouring "
            "region began to weaken. This is weakness that gets worse and spreads. Doctors look into it for ALS and "
            "for the conditions that can look like it. Twitching and cramps are common and tell little on their "
            "own.",
            "Weakness that gets worse, or spreads, from week to week or month to month means seeing a doctor soon, "
            "within days; the doctor "
            "then sends them urgently to a neurologist, a specialist in nerves and muscles (NICE 2016). If breathing "
            "becomes hard, or the person cannot "
            "swallow, call the emergency number.",
            "lessons 02, 03 and 04",
            ("ravits2009", "kimura2006", "turner2013", "nice2016"),
        ),
        Pattern(
            "sudden",
            "Weakness that came on within hours",
            "hard_training_week",
            "emergency",
            ("sudden_weakness", "steady_before"),
            ("twitches_most_days", "lasted_months"),
            ("focal_loss_grows", "fatigable_grip", "self_checks_often", "numbness_with_weakness", "wasting_seen"),
            "twitching",
            "Strength had been full and steady for months. Then two body regions lost much of their strength within "
            "hours. This is sudden weakness. An arm and a leg on one side point to a possible stroke (think FAST); "
            "both legs point to the spinal cord or a nerve disorder that gets worse fast.",
            "ALS almost never starts like this, and that is no reason to wait.",
            "lesson 04 (is it ALS?), section 3",
            ("nhsstroke", "nhsgbs", "nhscauda"),
        ),
    )
}
PATTERN_KEYS: tuple[str, ...] = tuple(PATTERNS)

#: The mix of every set: how many cases need each kind of decision, and the patterns each is drawn from.
#: Every set has one self-care case, two for a routine appointment, two to be seen soon (one of them
#: always the progressive pattern, the course's central one) and one emergency.
SET_RECIPE: tuple[tuple[str, tuple[str, ...], int], ...] = (
    ("self_care", ("triggers",), 1),
    ("routine", ("fatigue_only", "felt_not_measured", "benign_twitching", "treatable"), 2),
    ("soon", ("progressive",), 1),
    ("soon", ("fatigable", "nerve_territory"), 1),
    ("emergency", ("sudden",), 1),
)
CASES_PER_SET: int = sum(n for _care, _keys, n in SET_RECIPE)
#: Marks: 1 for the pattern, 1 for each supporting observation chosen (of 2), 1 for how soon.
MARKS_PER_CASE: int = 4

# ---------------------------------------------------------------------------
# 3. Observations: what a learner can check in a case's data
# ---------------------------------------------------------------------------
#: A month's mean strength below this is some measured loss (the lesson 04 threshold, SOME_LOSS_BELOW_PCT).
SOME_LOSS_PCT: float = 95.0


@dataclass(frozen=True)
class Observation:
    """One statement about a case's data, with the test that decides whether it is true."""

    key: str
    text: str
    holds: Callable[[CaseData], bool]
    evidence: Callable[[CaseData], str]  # what the data show, in numbers (for feedback and the key)
    why_not: str = ""  # for a tempting one: why it does not tell patterns apart


# The observation functions are defined after CaseData (below); OBSERVATIONS is filled in there.
OBSERVATIONS: dict[str, Observation] = {}


@dataclass(frozen=True)
class CaseSpec:
    """One drawn case: its pattern, the changed persona spec, its diary length and what it offers."""

    number: int  # 1 to CASES_PER_SET, the order the student sees
    pattern: str
    spec: PersonaSpec
    days: int
    seed: int
    facts: tuple[tuple[str, str], ...]  # surface details for the key ("onset", "right leg")
    notes: tuple[tuple[int, str], ...]  # (day, text) lines of the case's record
    options: tuple[str, ...]  # observation keys offered, in display order

    @property
    def months(self) -> int:
        return round(self.days / DAYS_PER_MONTH)

    @property
    def care(self) -> str:
        return PATTERNS[self.pattern].care

    @property
    def supporting(self) -> tuple[str, str]:
        return PATTERNS[self.pattern].supporting

    @property
    def treatment_day(self) -> int | None:
        return self.spec.improvement.from_day if self.pattern == "treatable" else None

    def summary(self) -> str:
        """The one line a student reads first: synthetic, age, sex, diary length and why it began."""
        sex = "woman" if self.spec.sex == "female" else "man"
        return (
            f"Case {self.number}: a synthetic {self.spec.age}-year-old {sex} kept a daily diary for {self.months} "
            "months. There was a study check-up every 3 months, where strength was measured. (In this made-up "
            "study the check-ups only measure; in real life, a study that found weakness would tell the person and "
            f"their doctor.) The diary began because of {self.notes[0][1]}."
        )


# ---------------------------------------------------------------------------
# 4. Drawing a set
# ---------------------------------------------------------------------------
#: Calibrated ranges for the surface of each pattern (ASSUMPTION unless a source is named).
AGE_RANGES: dict[str, tuple[int, int]] = {
    "triggers": (18, 45),
    "fatigue_only": (22, 60),
    "felt_not_measured": (20, 55),
    "benign_twitching": (20, 50),  # BFS cohorts are mostly young and middle-aged adults (Filippakis 2018)
    "fatigable": (20, 75),
    "nerve_territory": (35, 65),
    "treatable": (20, 60),
    "progressive": (45, 78),  # around the median age at onset of 64-68 (Traynor 1999)
    "sudden": (25, 75),
}
#: Share of men among the progressive cases: lifetime risk about 1 in 350 men and 1 in 470 women (Alonso 2009).
PROGRESSIVE_MALE_SHARE: float = 470 / (350 + 470)
#: Share of bulbar onset among the progressive cases: 22-27% (Raymond 2019).
BULBAR_ONSET_SHARE: float = 0.25
#: ALSFRS-R points lost a month for the three rate classes of Kimura 2006 (slow < 0.5, intermediate 0.5-1.0,
#: fast >= 1.0); the fast range stops at 1.6, inside the 95% range of 0.04-1.96 (Atassi 2014).
RATE_CLASSES: dict[str, tuple[float, float]] = {"slow": (0.3, 0.49), "intermediate": (0.5, 0.99), "fast": (1.0, 1.6)}
#: A progressive case's diary stops before the onset region has lost this much (limbs) or, for bulbar
#: onset, before the diary's swallowing score passes about 6/10 (the ALSFRS-R swallowing item may reach 2,
#: "changes in diet": trouble swallowing that has crept in, which the care levels put at "see a doctor soon"),
#: and before any breathing item of the daily-life score falls (a neurologist's review). ASSUMPTION.
MAX_LIMB_LOSS_PCT: float = 45.0
MAX_BULBAR_LOSS_PCT: float = 50.0
#: Diary lengths (months) drawn for each pattern. ASSUMPTION: long enough to show the pattern.
MONTH_RANGES: dict[str, tuple[int, int]] = {
    "triggers": (6, 18),
    "fatigue_only": (6, 18),
    "felt_not_measured": (6, 18),
    "benign_twitching": (9, 24),
    "fatigable": (6, 18),
    "nerve_territory": (3, 9),
    "treatable": (9, 18),
    "progressive": (12, 24),
    "sudden": (4, 18),
}
SUDDEN_REGIONS: tuple[tuple[str, str], ...] = (
    ("right_leg", "left_leg"),
    ("right_arm", "right_leg"),
    ("left_arm", "left_leg"),
)
_SIDE_WORDS = {
    ("right_leg", "left_leg"): "both legs",
    ("right_arm", "right_leg"): "the right arm and leg",
    ("left_arm", "left_leg"): "the left arm and leg",
}
_ONSET_WORDS = {
    "right_arm": "right hand",
    "left_arm": "left hand",
    "right_leg": "right foot that catches",
    "left_leg": "left foot that catches",
    "bulbar": "voice and slurred speech",
}


def _months_to_days(months: int) -> int:
    return round(months * DAYS_PER_MONTH)


def _hard_weeks(rng: np.random.Generator, days: int) -> tuple[Episode, ...]:
    """Hard-training weeks every 6-10 weeks from week 3 (ASSUMPTION: a training plan with build-up blocks)."""
    episodes = []
    start = int(rng.integers(14, 35))
    while start + 7 < days - 14:
        episodes.append(Episode("hard training week", start, start + 6, {"exercise_min": 150.0, "sleep_h": 7.0}))
        start += int(rng.integers(42, 71))
    return tuple(episodes)


def _draw_case(pattern: str, number: int, rng: np.random.Generator, seed: int) -> CaseSpec:
    """One case of ``pattern``: the base persona's spec with its surface varied, and what it offers."""
    p = PATTERNS[pattern]
    base = load_persona_specs()[p.base]
    low, high = AGE_RANGES[pattern]
    age = int(rng.integers(low, high + 1))
    male_share = PROGRESSIVE_MALE_SHARE if pattern == "progressive" else 0.5
    sex = "male" if rng.random() < male_share else "female"
    months = int(rng.integers(MONTH_RANGES[pattern][0], MONTH_RANGES[pattern][1] + 1))
    facts: list[tuple[str, str]] = []
    complaint = p.complaint
    changes: dict = {}
    notes: list[tuple[int, str]] = []
    if pattern == "triggers":
        days = _months_to_days(months)
        changes["context"] = dataclasses.replace(base.context, episodes=_hard_weeks(rng, days))
        # Few twitches noticed: twitching in two places for weeks would call for a routine appointment, not
        # self-care (NHS, twitching), and this case is about tiredness after training.
        changes["twitching"] = dataclasses.replace(base.twitching, noticing=0.15)
        facts.append(("hard training weeks", str(len(changes["context"].episodes))))
    elif pattern == "fatigue_only":
        extra = round(float(rng.uniform(4.0, 5.0)), 1)
        changes["fatigue"] = dataclasses.replace(base.fatigue, extra_0_10=extra)
    elif pattern == "felt_not_measured":
        checks = round(float(rng.uniform(6.0, 14.0)), 1)
        felt = round(float(rng.uniform(4.5, 6.0)), 1)
        changes["anxiety"] = dataclasses.replace(base.anxiety, self_checks_per_day=checks, reported_weakness_0_10=felt)
        # Less tiredness and less noticing than the lesson persona (Leah), so that the case does not also show
        # the two findings of lasting tiredness, or look like widespread twitching (a neurologist's review).
        changes["fatigue"] = dataclasses.replace(base.fatigue, extra_0_10=0.0)
        changes["twitching"] = dataclasses.replace(base.twitching, noticing=1.2)
    elif pattern == "benign_twitching":
        extra = round(float(rng.uniform(16.0, 28.0)), 0)
        changes["twitching"] = dataclasses.replace(base.twitching, extra_per_day=extra)
    elif pattern == "fatigable":
        # Limbs and eyes only: myasthenia that reaches speech or swallowing needs care the same day, and this
        # case's key is "soon". Untreated within the diary.
        changes["weakness"] = dataclasses.replace(base.weakness, regions=("right_arm", "left_arm"))
        changes["improvement"] = dataclasses.replace(base.improvement, from_day=None, fraction=0.0, reason="")
    elif pattern == "nerve_territory":
        side = str(rng.choice(["right", "left"]))
        depth = round(float(rng.uniform(20.0, 30.0)), 0)
        changes["weakness"] = dataclasses.replace(base.weakness, regions=(f"{side}_arm",), depth_pct=depth)
        changes["improvement"] = dataclasses.replace(base.improvement, from_day=None, fraction=0.0, reason="")
        changes["sensory_site"] = base.sensory_site.replace("right", side)
        facts.append(("side", f"{side} arm"))
        complaint = f"a weak {side} arm"
    elif pattern == "treatable":
        days = _months_to_days(months)
        start = int(rng.uniform(0.3, 0.45) * days)
        changes["improvement"] = dataclasses.replace(base.improvement, from_day=start)
        # A little less tiredness than the lesson persona (Sofia), so that the case does not also show the two
        # findings of lasting tiredness (a neurologist's review); it still eases with treatment.
        changes["fatigue"] = dataclasses.replace(base.fatigue, extra_0_10=1.5)
        notes.append((start, "a blood test was taken, and a treatment began"))
        facts.append(("treatment began", f"month {start / DAYS_PER_MONTH:.0f}"))
    elif pattern == "progressive":
        bulbar = rng.random() < BULBAR_ONSET_SHARE
        onset = "bulbar" if bulbar else str(rng.choice(["right_arm", "left_arm", "right_leg", "left_leg"]))
        rate_class = str(rng.choice(list(RATE_CLASSES)))
        slope = round(float(rng.uniform(*RATE_CLASSES[rate_class])), 2)
        k = float(strength_rate_for_slope(onset, np.array([slope]))[0])
        limit = MAX_BULBAR_LOSS_PCT if bulbar else MAX_LIMB_LOSS_PCT
        safe_months = int((limit - 30.0) / k)  # the diary starts at a 30% loss (helpers.engine.als)
        months = max(5, min(months, safe_months))
        base = load_persona_specs()["als_bulbar_onset" if bulbar else "als_limb_onset"]
        changes["onset_region"] = onset
        changes["weakness"] = dataclasses.replace(base.weakness, alsfrs_r_points_per_month=slope, alsfrs_r_sd=0.0)
        facts += [
            ("onset region", onset.replace("_", " ")),
            ("rate", f"{rate_class} ({slope:.2f} ALSFRS-R points a month; Kimura 2006)"),
        ]
        complaint = p.complaint.format(where=_ONSET_WORDS[onset]).replace("a weak voice", "a changed voice")
    elif pattern == "sudden":
        regions = SUDDEN_REGIONS[int(rng.integers(len(SUDDEN_REGIONS)))]
        depth = round(float(rng.uniform(50.0, 65.0)), 0)
        days = _months_to_days(months)
        changes["context"] = dataclasses.replace(base.context, episodes=())
        changes["category"] = "mimic"
        changes["weakness"] = dataclasses.replace(
            base.weakness, kind="focal", regions=regions, depth_pct=depth, start_day=days - 2, onset_days=0.5
        )
        where = _SIDE_WORDS[regions]
        notes.append((days - 1, f"over a few hours today, {where} became weak; standing up is now hard"))
        facts.append(("regions", where))
    days = _months_to_days(months)
    spec = dataclasses.replace(base, age=age, sex=sex, **changes)
    facts = [("pattern", p.name), ("age and sex", f"{age}, {sex}"), ("diary", f"{months} months"), *facts]
    notes.insert(0, (0, complaint))
    options = _draw_options(p, rng)
    return CaseSpec(number, pattern, spec, days, seed, tuple(facts), tuple(notes), options)


def _draw_options(p: Pattern, rng: np.random.Generator) -> tuple[str, ...]:
    """Six observations: the two supporting ones, two tempting true ones and two of other patterns, shuffled."""
    tempting = list(rng.choice(p.tempting, size=2, replace=False))
    false = list(rng.choice(p.false, size=2, replace=False))
    options = [*p.supporting, *tempting, *false]
    rng.shuffle(options)
    return tuple(str(o) for o in options)


@dataclass(frozen=True)
class CaseSet:
    """A student's six cases, in the order they see them, and the set's fingerprint."""

    student_id: str
    seed: int
    cases: tuple[CaseSpec, ...]

    @cached_property
    def fingerprint(self) -> str:
        """A short hash of everything that decides the cases and their key: an answer file carries it."""
        parts = [
            {
                "pattern": c.pattern,
                "days": c.days,
                "seed": c.seed,
                "facts": c.facts,
                "options": c.options,
                "age": c.spec.age,
                "sex": c.spec.sex,
            }
            for c in self.cases
        ]
        text = json.dumps([self.student_id, parts], sort_keys=True)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    def case(self, number: int) -> CaseSpec:
        from helpers.checks import whole_number

        n = whole_number("case", number, 1, len(self.cases), f"choose a case from 1 to {len(self.cases)}")
        return self.cases[n - 1]


#: What the lab is called in every seed and file, so a student's case-lab seed differs from other uses of their ID.
SEED_PREFIX = "case-lab:"
PRACTICE_SUFFIX = ":practice"


@cache
def case_set(student_id: str, practice: bool = False) -> CaseSet:
    """The student's own six cases (``practice=True``: a second, different set for practice with feedback).

    Why a separate practice set: feedback on the practice set cannot give away the assessed answers.
    """
    sid = normalise_id(student_id)
    seed = seed_from_student_id(SEED_PREFIX + sid + (PRACTICE_SUFFIX if practice else ""))
    rng = np.random.default_rng(seed)
    picks: list[str] = []
    for _care, keys, count in SET_RECIPE:
        picks += [str(k) for k in rng.choice(keys, size=count, replace=False)]
    order = rng.permutation(len(picks))
    cases = tuple(
        _draw_case(picks[i], number, rng, (seed + 7919 * number) % 2**32) for number, i in enumerate(order, start=1)
    )
    return CaseSet(sid, seed, cases)


# ---------------------------------------------------------------------------
# 5. A case's data and what it shows
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class CaseData:
    """The simulated tables of one case (one person), and the summaries the observations read."""

    case: CaseSpec
    cohort: Cohort

    @property
    def daily(self) -> pd.DataFrame:
        return self.cohort.daily

    @property
    def visits(self) -> pd.DataFrame:
        return self.cohort.visits

    @property
    def grip_sessions(self) -> pd.DataFrame:
        return self.cohort.grip_sessions

    @cached_property
    def monthly(self) -> pd.DataFrame:
        """Monthly means of every diary column (month 0 = the first 30.4 days)."""
        d = self.daily.drop(columns=["person_id"])
        d = d.assign(month=np.floor(d["day"] / DAYS_PER_MONTH).astype(int), twitches_total=self.twitches_total)
        return d.groupby("month").mean().reset_index()

    @cached_property
    def weekly(self) -> pd.DataFrame:
        """Weekly means of the diary, cramps and double-vision days summed (x: ``month``, the week's middle)."""
        d = self.daily.drop(columns=["person_id"]).assign(twitches_total=self.twitches_total)
        week = d["day"] // 7
        out = d.groupby(week).mean()
        out["cramps_week"] = d.groupby(week)["cramps"].sum()
        out["double_vision_days"] = d.groupby(week)["double_vision"].sum()
        out["month"] = (out["day"] / DAYS_PER_MONTH).round(2)
        return out.reset_index(drop=True)

    @cached_property
    def twitches_total(self) -> pd.Series:
        return self.daily[[f"twitches_{r}" for r in REGIONS]].sum(axis=1)

    @cached_property
    def first_weak(self) -> dict[str, int | None]:
        """The first month each region's mean strength was below SOME_LOSS_PCT (None: never)."""
        out: dict[str, int | None] = {}
        for r in REGIONS:
            below = self.monthly.loc[self.monthly[f"strength_pct_{r}"] < SOME_LOSS_PCT, "month"]
            out[r] = int(below.iloc[0]) if len(below) else None
        return out

    @cached_property
    def onset_region(self) -> str | None:
        """The region that weakened first (lowest strength breaks a tie), or None when none did."""
        weak = [
            (m, float(self.monthly[f"strength_pct_{r}"].min()), r) for r, m in self.first_weak.items() if m is not None
        ]
        return min(weak)[2] if weak else None

    @cached_property
    def grip_drops(self) -> pd.DataFrame:
        """Each check-up's 12-grip fall and recovery after rest, per hand (hands under 5 kg left out)."""
        g = self.grip_sessions
        wide = g.pivot_table(index=["day", "hand"], columns="trial", values="force_kg")
        last = int(g["trial"].max())
        wide = wide[wide[1] >= 5.0]
        return pd.DataFrame(
            {"fall_pct": (1 - wide[12] / wide[1]) * 100, "recovered_pct": wide[last] / wide[1] * 100}
        ).reset_index()

    @cached_property
    def hard_days(self) -> np.ndarray:
        """Days inside a week of hard training (7-day mean exercise of 90 minutes or more), and 2 days after."""
        ex = self.daily["exercise_min"].rolling(7, center=True, min_periods=1).mean().to_numpy()
        hard = ex >= 90.0
        after = np.zeros_like(hard)
        for lag in (1, 2):
            after[lag:] |= hard[:-lag]
        return hard | after


#: The daily-life score's speech and swallowing items (Cedarbaum 1999): 4 is normal.
BULBAR_ITEMS: tuple[str, ...] = ("alsfrs_r_speech", "alsfrs_r_salivation", "alsfrs_r_swallowing")


def _strength_at_checkups_full(c: CaseData) -> bool:
    """MRC 5 in the arms, legs and trunk at every check-up, and speech and swallowing normal (bulbar items 4)."""
    limbs = (c.visits[[f"mrc_{r}" for r in REGIONS if r != "bulbar"]] == 5).all().all()
    return bool(limbs and (c.visits[list(BULBAR_ITEMS)] == 4).all().all())


def _lowest_grade(c: CaseData) -> str:
    grades = c.visits[[f"mrc_{r}" for r in REGIONS if r != "bulbar"]]
    low = int(grades.min().min())
    region = str(grades.min().idxmin()).removeprefix("mrc_").replace("_", " ")
    return f"the lowest limb or trunk MRC grade at any check-up was {low}" + ("" if low == 5 else f" ({region})")


def _focal_loss_grows(c: CaseData) -> bool:
    r = c.onset_region
    if r is None:
        return False
    s = c.monthly[f"strength_pct_{r}"].to_numpy()
    quarters = s[::3]
    return bool(s[0] - s[-1] >= 10.0 and len(quarters) >= 2 and np.all(np.diff(quarters) < 0))


def _focal_evidence(c: CaseData) -> str:
    r = c.onset_region
    if r is None:
        return "no body region's monthly strength fell below 95% of normal"
    s = c.monthly[f"strength_pct_{r}"]
    return f"{r.replace('_', ' ')} went from {s.iloc[0]:.0f}% in month 0 to {s.iloc[-1]:.0f}% in month {len(s) - 1}"


def _spread(c: CaseData) -> bool:
    r = c.onset_region
    if r is None:
        return False
    onset_month = c.first_weak[r]
    assert onset_month is not None
    return any(
        (m := c.first_weak[n]) is not None and (m > onset_month or (m == onset_month == 0 and _later_loss(c, r, n)))
        for n in NEIGHBOURS[r]
    )


def _later_loss(c: CaseData, onset: str, neighbour: str) -> bool:
    """Both weak from month 0: the neighbour began from a higher strength (it joined later)."""
    return bool(c.monthly[f"strength_pct_{neighbour}"].iloc[0] > c.monthly[f"strength_pct_{onset}"].iloc[0] + 10)


def _spread_evidence(c: CaseData) -> str:
    weak = [f"{r.replace('_', ' ')} from month {m}" for r, m in c.first_weak.items() if m is not None]
    return "regions below 95%: " + (", ".join(weak) if weak else "none")


def _sudden(c: CaseData) -> bool:
    d = c.daily
    if len(d) < 3:
        return False
    last, before = d.iloc[-1], d.iloc[-2]
    drops = [before[f"strength_pct_{r}"] - last[f"strength_pct_{r}"] for r in REGIONS]
    return sum(x >= 20.0 for x in drops) >= 2


def _sudden_evidence(c: CaseData) -> str:
    d = c.daily
    last, before = d.iloc[-1], d.iloc[-2]
    parts = [
        f"{r.replace('_', ' ')} from {before[f'strength_pct_{r}']:.0f}% to {last[f'strength_pct_{r}']:.0f}%"
        for r in REGIONS
        if before[f"strength_pct_{r}"] - last[f"strength_pct_{r}"] >= 1
    ]
    return "from the day before to the last day: " + ("; ".join(parts) if parts else "no region changed")


def _steady_before(c: CaseData) -> bool:
    s = c.daily[[f"strength_pct_{r}" for r in REGIONS]].iloc[:-1]
    return bool(len(s) > 60 and (s >= SOME_LOSS_PCT).all().all())


def _steady_evidence(c: CaseData) -> str:
    s = c.daily[[f"strength_pct_{r}" for r in REGIONS]].iloc[:-1]
    return f"lowest strength of any region before the last day: {s.min().min():.0f}%"


def _fatigable(c: CaseData) -> bool:
    """A median fall of FATIGABLE_DROP_PCT (lesson 04: a margin above the healthy ~30% of White 2013; ASSUMPTION)
    and a retest after rest at 75% of the first grip or more (ASSUMPTION: "most of the way back")."""
    g = c.grip_drops
    return bool(len(g) and g["fall_pct"].median() >= FATIGABLE_DROP_PCT and g["recovered_pct"].median() >= 75.0)


def _fatigable_evidence(c: CaseData) -> str:
    g = c.grip_drops
    if not len(g):
        return "no grip test could be measured"
    return (
        f"force fell by {g['fall_pct'].median():.0f}% over 12 grips at the middle check-up of the lot (the median; "
        f"about 30% is usual in healthy young adults); after rest it was {g['recovered_pct'].median():.0f}% of the "
        "first grip"
    )


def _eyes(c: CaseData) -> bool:
    """Double vision on some days and not others, or an eyelid droop that is bad on some days and absent on others."""
    double = (c.daily["double_vision"] > 0).mean()
    lid = c.daily["eyelid_droop_0_10"]
    return bool(0.1 <= double <= 0.9 or ((lid >= 6).mean() >= 0.1 and (lid <= 3).mean() >= 0.1))


def _eyes_evidence(c: CaseData) -> str:
    double = (c.daily["double_vision"] > 0).mean()
    lid = c.daily["eyelid_droop_0_10"]
    return f"double vision on {double:.0%} of days; eyelid droop from {lid.min():.0f} to {lid.max():.0f}/10"


def _numb_with_weakness(c: CaseData) -> bool:
    return bool((c.daily["numbness_0_10"] >= 2).mean() > 0.5 and c.onset_region is not None)


def _numb_evidence(c: CaseData) -> str:
    share = (c.daily["numbness_0_10"] >= 2).mean()
    weak = "some" if c.onset_region else "no"
    return f"numbness or tingling of 2/10 or more on {share:.0%} of days; {weak} region below 95% strength"


def _stays_put(c: CaseData) -> bool:
    weak = [r for r, m in c.first_weak.items() if m is not None]
    if len(weak) != 1:
        return False
    s = c.monthly[f"strength_pct_{weak[0]}"]
    return bool(s.iloc[-1] >= s.min() - 3.0)


def _stays_put_evidence(c: CaseData) -> str:
    weak = [r.replace("_", " ") for r, m in c.first_weak.items() if m is not None]
    return f"regions ever below 95%: {', '.join(weak) if weak else 'none'}"


def _tired_after_hard_weeks(c: CaseData) -> bool:
    hard = c.hard_days
    if hard.sum() < 14:
        return False
    f = c.daily["fatigue_0_10"].to_numpy(dtype=float)
    settled = np.zeros_like(hard)
    for lag in range(6, 13):
        settled[lag:] |= hard[:-lag]
    settled &= ~hard
    usual = f[~hard & ~settled].mean()
    return bool(f[hard].mean() >= usual + 1.5 and f[settled].mean() <= usual + 0.7)


def _hard_evidence(c: CaseData) -> str:
    hard = c.hard_days
    f = c.daily["fatigue_0_10"].to_numpy(dtype=float)
    if hard.sum() == 0:
        return f"no week of hard training; tiredness averaged {f.mean():.1f}/10"
    return f"tiredness {f[hard].mean():.1f}/10 in and just after hard weeks, {f[~hard].mean():.1f}/10 otherwise"


def _share_tired(c: CaseData) -> float:
    return float((c.daily["fatigue_0_10"] >= 5).mean())


def _felt_weak_full(c: CaseData) -> bool:
    return bool(c.daily["reported_weakness_0_10"].median() >= 4 and _strength_at_checkups_full(c))


def _felt_evidence(c: CaseData) -> str:
    return f"felt weakness: median {c.daily['reported_weakness_0_10'].median():.0f}/10; {_lowest_grade(c)}"


def _twitching_widespread(c: CaseData) -> bool:
    per_day = c.monthly[[f"twitches_{r}" for r in REGIONS]]
    busy_regions = ((per_day >= 1.0).mean() >= 0.75).sum()
    busiest = per_day.idxmax(axis=1)
    moves = int((busiest != busiest.shift()).iloc[1:].sum())
    return bool(busy_regions >= 4 and moves >= 2 and len(per_day) >= 6)


def _widespread_evidence(c: CaseData) -> str:
    per_day = c.monthly[[f"twitches_{r}" for r in REGIONS]]
    busy = [r.replace("_", " ") for r in REGIONS if (per_day[f"twitches_{r}"] >= 1.0).mean() >= 0.75]
    return f"regions with one or more twitches a day in most months: {', '.join(busy) if busy else 'none'}"


def _improved(c: CaseData) -> bool:
    start = c.case.treatment_day
    if start is None:
        return False
    d = c.daily.assign(twitches_total=c.twitches_total)
    before, late = d[d["day"] < start], d[d["day"] >= len(d) - 61]
    fewer_twitches = late["twitches_total"].mean() <= 0.5 * before["twitches_total"].mean()
    less_tired = late["fatigue_0_10"].mean() <= before["fatigue_0_10"].mean() - 1.0
    return bool(fewer_twitches and less_tired)


def _improved_evidence(c: CaseData) -> str:
    start = c.case.treatment_day
    if start is None:
        return "the diary notes no treatment"
    d = c.daily.assign(twitches_total=c.twitches_total)
    before, late = d[d["day"] < start], d[d["day"] >= len(d) - 61]
    return (
        f"twitches a day {before['twitches_total'].mean():.1f} before, {late['twitches_total'].mean():.1f} in the "
        f"last 2 months; tiredness {before['fatigue_0_10'].mean():.1f} -> {late['fatigue_0_10'].mean():.1f}/10"
    )


def _share(column: str, at_least: float) -> Callable[[CaseData], float]:
    return lambda c: float((c.daily[column] >= at_least).mean())


def _cramp_weeks(c: CaseData) -> float:
    weeks = c.daily.groupby(c.daily["day"] // 7)["cramps"].sum()
    return float((weeks >= 1).mean())


def _lasted(c: CaseData) -> bool:
    m = c.monthly
    present = (m["twitches_total"] >= 0.3) | (m["fatigue_0_10"] >= 2) | (m["numbness_0_10"] >= 1)
    return bool(present.mean() >= 0.8)


def _add(o: Observation) -> None:
    OBSERVATIONS[o.key] = o


for _o in (
    Observation(
        "full_strength_checks",
        "Every check-up found full strength in the arms, legs and trunk (MRC grade 5), and normal speech and "
        "swallowing.",
        _strength_at_checkups_full,
        _lowest_grade,
    ),
    Observation(
        "focal_loss_grows",
        "Strength in one body region fell month after month, by 10 or more (on a scale where 100 is the person's "
        "normal).",
        _focal_loss_grows,
        _focal_evidence,
    ),
    Observation(
        "spread_to_neighbour",
        "Months after the first body region weakened, a neighbouring region began to weaken too.",
        _spread,
        _spread_evidence,
    ),
    Observation(
        "wasting_seen",
        "A check-up found a muscle visibly thinner (wasting).",
        lambda c: bool(c.visits[[f"wasting_{r}" for r in REGIONS]].to_numpy().any()),
        lambda c: f"check-ups with wasting: {int(c.visits[[f'wasting_{r}' for r in REGIONS]].any(axis=1).sum())}",
    ),
    Observation(
        "sudden_weakness",
        "On the last day, two body regions lost 20% or more of their strength since the day before.",
        _sudden,
        _sudden_evidence,
    ),
    Observation(
        "steady_before",
        "Until the last day, strength had been full and steady for months.",
        _steady_before,
        _steady_evidence,
    ),
    Observation(
        "fatigable_grip",
        "At check-ups, force fell by 40% or more over 12 grips, and came most of the way back after 2 minutes' "
        "rest. (About 30% is usual in healthy young adults; 40% is a teaching threshold, not a clinical test.)",
        _fatigable,
        _fatigable_evidence,
    ),
    Observation(
        "eyes_come_and_go",
        "Double vision or a drooping eyelid that comes and goes: bad on some days, absent or mild on others.",
        _eyes,
        _eyes_evidence,
    ),
    Observation(
        "numbness_with_weakness",
        "Numbness or tingling on most days, along with weakness.",
        _numb_with_weakness,
        _numb_evidence,
    ),
    Observation(
        "weakness_stays_put",
        "The weakness stayed in one limb and did not get worse over the months of the diary.",
        _stays_put,
        _stays_put_evidence,
    ),
    Observation(
        "tired_after_hard_weeks",
        "Tiredness rose in weeks of hard training and was back to usual within days.",
        _tired_after_hard_weeks,
        _hard_evidence,
    ),
    Observation(
        "tired_most_days",
        "Tiredness of 5/10 or more on more than half of the days.",
        lambda c: _share_tired(c) > 0.5,
        lambda c: f"tiredness of 5/10 or more on {_share_tired(c):.0%} of days",
    ),
    Observation(
        "felt_weak_strength_full",
        "Felt weakness of 4/10 or more on most days, while every check-up found full strength.",
        _felt_weak_full,
        _felt_evidence,
    ),
    Observation(
        "self_checks_often",
        "Checked their own muscles 3 or more times a day, on average.",
        lambda c: bool(c.daily["self_checks"].mean() >= 3),
        lambda c: f"self-checks: {c.daily['self_checks'].mean():.1f} a day on average",
    ),
    Observation(
        "twitching_widespread",
        "Twitches in four or more body regions (one a day or more in each, in most months), with the busiest "
        "region changing over the months.",
        _twitching_widespread,
        _widespread_evidence,
    ),
    Observation(
        "improved_after_treatment",
        "After the treatment began, the symptoms eased and stayed lower.",
        _improved,
        _improved_evidence,
    ),
    Observation(
        "treated_after_blood_test",
        "The record notes a blood test, then a treatment.",
        lambda c: c.case.treatment_day is not None,
        lambda c: "noted" if c.case.treatment_day is not None else "the record notes no blood test",
    ),
    # Tempting: true for many people, so they do not tell one pattern from another.
    Observation(
        "twitches_most_days",
        "Twitches noticed on most days.",
        lambda c: bool((c.twitches_total >= 1).mean() >= 0.5),
        lambda c: f"twitches noticed on {(c.twitches_total >= 1).mean():.0%} of days",
        "Twitching is common: about 7 in 10 people notice it at some time (Reed & Kurland 1963), and people with "
        "harmless twitching often twitch most days for months (Filippakis 2018). On its own it does not tell one "
        "pattern from another.",
    ),
    Observation(
        "cramps_often",
        "Cramps in most weeks.",
        lambda c: _cramp_weeks(c) >= 0.5,
        lambda c: f"cramps in {_cramp_weeks(c):.0%} of weeks",
        "Cramps are common in healthy people: about three in ten adults had night-time leg cramps in the past month "
        "(Grandner & Winkelman 2017), and about two in three people with harmless twitching have cramps "
        "(Filippakis 2017). They "
        "are common in ALS too (Caress 2016). On their own they do not tell patterns apart.",
    ),
    Observation(
        "tired_some_days",
        "Tiredness of 5/10 or more on some days.",
        lambda c: _share_tired(c) >= 0.02,
        lambda c: f"tiredness of 5/10 or more on {_share_tired(c):.0%} of days",
        "Almost everyone has tired days: tiredness is a feeling (fatigue), not a measured loss of strength.",
    ),
    Observation(
        "felt_weak_some_days",
        "Felt weakness of 3/10 or more on some days.",
        lambda c: _share("reported_weakness_0_10", 3)(c) >= 0.05,
        lambda c: f"felt weakness of 3/10 or more on {_share('reported_weakness_0_10', 3)(c):.0%} of days",
        "Feeling weak often comes with tiredness or worry: what tells patterns apart is whether measured strength "
        "fell.",
    ),
    Observation(
        "lasted_months",
        "Symptoms in nearly every month of the diary.",
        _lasted,
        lambda c: "symptoms in most months" if _lasted(c) else "symptoms in only some months",
        "Lasting a long time is not the same as getting worse: harmless twitching, tiredness and many look-alikes "
        "last months or years. "
        "What matters is whether strength falls and spreads.",
    ),
):
    _add(_o)

#: Observations that, when true, do not tell patterns apart (offered as tempting distractors).
TEMPTING: tuple[str, ...] = tuple(k for k, o in OBSERVATIONS.items() if o.why_not)


@cache
def _case_data(student_id: str, practice: bool, number: int) -> CaseData:
    case = case_set(student_id, practice).case(number)
    cohort = generate_people([case.spec], case.seed, case.days)
    return CaseData(case, cohort)


def case_data(student_id: str, number: int, practice: bool = False) -> CaseData:
    """The simulated data of a student's case ``number`` (cached: opening a case twice costs nothing)."""
    return _case_data(normalise_id(student_id), bool(practice), number)


def case_tables(student_id: str, number: int, practice: bool = False) -> dict[str, pd.DataFrame]:
    """Copies of a case's tables for pandas: daily (the diary), visits (check-ups), grip_sessions."""
    data = case_data(student_id, number, practice)
    return {
        "daily": data.daily.drop(columns=["person_id"]).copy(),
        "visits": data.visits.drop(columns=["person_id"]).copy(),
        "grip_sessions": data.grip_sessions.drop(columns=["person_id"]).copy(),
    }


def observation_truths(data: CaseData) -> dict[str, bool]:
    """Every observation's truth for one case (the property tests compare these with the key)."""
    return {key: bool(o.holds(data)) for key, o in OBSERVATIONS.items()}


__all__ = [
    "CARE_OPTIONS",
    "CASES_PER_SET",
    "MARKS_PER_CASE",
    "OBSERVATIONS",
    "PATTERNS",
    "PATTERN_KEYS",
    "CaseData",
    "CaseSet",
    "CaseSpec",
    "case_data",
    "case_set",
    "case_tables",
    "normalise_id",
    "observation_truths",
]
