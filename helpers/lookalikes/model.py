"""Lesson 04's model: the look-alikes lab, the evaluation walk, and the story from the sources.

Pure numpy/pandas (never plotly or ipywidgets), over the public API of ``helpers.engine``.
Everything here describes one of the course's synthetic people, who are labelled
with their condition: it is a teaching comparison, never a symptom checker. No
function takes a description of the reader, nothing ranks conditions, and no
probability is computed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from helpers.checks import one_of
from helpers.engine import PERSONA_IDS, REGIONS, WEAK_BELOW_PCT
from helpers.engine.people import DAYS_PER_MONTH, check_persona, course_cohort, diary, person
from helpers.engine.personas import load_persona_specs
from helpers.errors import CourseInputError

# ---------------------------------------------------------------------------
# 1. Month by month: what the lab plots
# ---------------------------------------------------------------------------
#: The measures the lab shows, in panel order: (column of the monthly table, panel title, axis title).
LAB_MEASURES: tuple[tuple[str, str, str], ...] = (
    ("lowest_strength_pct", "Strength of the weakest body region", "% of normal"),
    ("numbness_0_10", "Numbness or tingling", "0-10"),
    ("pain_0_10", "Pain", "0-10"),
    (
        "twitches_per_day",
        "Twitches noticed a day, all regions (the count does not tell ALS from harmless twitching)",
        "a day",
    ),
)
#: A fifth panel for the questions whose measure the four do not show: (column, panel title, axis title).
EXTRA_MEASURES: dict[str, tuple[str, str, str]] = {
    "fatigable": (
        "grip_drop_pct",
        "Force lost over 12 grips at each clinic visit (about 30% in healthy young adults; a teaching measure, "
        "not a clinical test)",
        "%",
    ),
    "felt_not_measured": ("reported_weakness_0_10", "Weakness the person feels", "0-10"),
    "fatigue": ("fatigue_0_10", "Tiredness", "0-10"),
    "triggers": ("stress_0_10", "Stress, a trigger (exam weeks show as peaks)", "0-10"),
}
#: The trigger panel for a pair with the hard-training person: exercise, not stress, was the trigger.
EXERCISE_TRIGGER: tuple[str, str, str] = ("exercise_min", "Exercise a day, a trigger", "minutes")
LAB_MONTHS: int = 24
#: A monthly mean below this shows some measured loss, if mild. ASSUMPTION: 5% above the day-to-day noise of the
#: synthetic strength (a monthly mean of a person with full strength stays at 100%).
SOME_LOSS_BELOW_PCT: float = 95.0


@cache
def _monthly(persona: str) -> pd.DataFrame:
    daily = diary(persona)
    month = np.floor(daily["day"].to_numpy() / DAYS_PER_MONTH).astype(int)
    strength = daily[[f"strength_pct_{r}" for r in REGIONS]].to_numpy()
    frame = pd.DataFrame(
        {
            "month": month,
            "lowest_strength_pct": strength.min(axis=1),
            "numbness_0_10": daily["numbness_0_10"].to_numpy(dtype=float),
            "pain_0_10": daily["pain_0_10"].to_numpy(dtype=float),
            "twitches_per_day": daily[[f"twitches_{r}" for r in REGIONS]].sum(axis=1).to_numpy(dtype=float),
            "eyelid_droop_0_10": daily["eyelid_droop_0_10"].to_numpy(dtype=float),
            "fatigue_0_10": daily["fatigue_0_10"].to_numpy(dtype=float),
            "stress_0_10": daily["stress_0_10"].to_numpy(dtype=float),
            "exercise_min": daily["exercise_min"].to_numpy(dtype=float),
            "reported_weakness_0_10": daily["reported_weakness_0_10"].to_numpy(dtype=float),
            **{f"strength_pct_{r}": daily[f"strength_pct_{r}"].to_numpy() for r in REGIONS},
        }
    )
    out = frame.groupby("month").mean().round(1).reset_index()
    return out[out["month"] < LAB_MONTHS].reset_index(drop=True)


def monthly(persona: str) -> pd.DataFrame:
    """One row per month (0-23) of a person's diary: monthly means of what the lab plots (a copy)."""
    return _monthly(check_persona(persona)).copy()


def lab_table(persona: str) -> pd.DataFrame:
    """The lab's table for one person: the monthly means, with the grip fall at each clinic visit's month (a copy)."""
    return _lab_table(check_persona(persona)).copy()


@cache
def _lab_table(persona: str) -> pd.DataFrame:
    return monthly(persona).merge(grip_drops(persona), on="month", how="left")


def weak_regions(persona: str) -> tuple[str, ...]:
    """The body regions whose monthly strength fell below WEAK_BELOW_PCT at some point, in body order."""
    months = _monthly(check_persona(persona))
    return tuple(r for r in REGIONS if months[f"strength_pct_{r}"].min() < WEAK_BELOW_PCT)


@cache
def _grip_drops(persona: str) -> pd.DataFrame:
    sessions = course_cohort().grip_sessions
    mine = sessions[sessions["person_id"] == person(persona).person_id]
    wide = mine[mine["trial"].isin([1, 12])].pivot_table(index=["day", "hand"], columns="trial", values="force_kg")
    wide = wide[wide[1] >= 5.0]
    drops = ((1 - wide[12] / wide[1]) * 100).rename("grip_drop_pct").reset_index()
    drops["month"] = (drops["day"] / DAYS_PER_MONTH).round().astype(int)
    return drops


def grip_drops(persona: str) -> pd.DataFrame:
    """Fall in force over 12 maximal grips at each clinic visit: median of the hands, by month (a copy)."""
    drops = _grip_drops(check_persona(persona))
    by_visit = drops.groupby("month", as_index=False)["grip_drop_pct"].median().round(0)
    return by_visit[by_visit["month"] < LAB_MONTHS].reset_index(drop=True)


@cache
def grip_drop_pct(persona: str) -> float:
    """Median fall in force over 12 maximal grips (first to twelfth), over every clinic visit and both hands.

    Why: fatigable weakness (myasthenia) shows as a much steeper fall than the ~30% everyone has (White 2013).
    Hands too weak to measure (first grip under 5 kg) are left out: a ratio of tiny forces is noise.
    """
    return float(np.round(_grip_drops(check_persona(persona))["grip_drop_pct"].median(), 0))


# ---------------------------------------------------------------------------
# 2. The questions that separate two people
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Feature:
    """One question a clinician asks, in the order the lab tries them; its answer is computed per person."""

    key: str
    question: str
    short: str  # the difference in a few words, for a figure title: "strength that keeps falling and spreads"
    sources: tuple[str, ...]


#: The separating questions, a fixed teaching list: the lab shows the first one on which two people differ over
#: their two years. Numbness comes first because it is there at the first visit; whether weakness keeps spreading
#: takes months to see. Where each points is textbook neurology, summarised for ALS and its
#: look-alikes by Turner & Talbot 2013; the healthy grip fall by White 2013; triggers by Simon & Kiernan 2013.
FEATURES: tuple[Feature, ...] = (
    Feature(
        "numbness",
        "Is there numbness or tingling, and where exactly?",
        "numbness, and where it is",
        ("turner2013", "nhspins"),
    ),
    Feature(
        "progressive",
        "Does measured strength keep falling, month after month, and reach new body regions?",
        "strength that keeps falling and spreads",
        ("ravits2009", "turner2013"),
    ),
    Feature(
        "fatigable",
        "Does strength fall much more than usual with repeated use, with droopy eyelids?",
        "weakness that grows with use",
        ("white2013", "nhsmg"),
    ),
    Feature(
        "triggers",
        "Do the symptoms come only with triggers (sleep loss, caffeine, stress, hard exercise) and settle within days?",
        "symptoms that come only with triggers",
        ("simon2013", "nhstwitch2023"),
    ),
    Feature(
        "felt_not_measured",
        "Does the person feel weak while a clinician's examination finds full strength?",
        "feeling weak with full strength on examination",
        ("filippakis2017",),
    ),
    Feature(
        "fatigue",
        "Is tiredness the main problem, most days?",
        "tiredness as the main problem",
        ("nhstired2023", "nice2021"),
    ),
    Feature(
        "improved",
        "Did the symptoms get better after a treatment or a change?",
        "getting better after treatment",
        ("turner2013",),
    ),
    Feature(
        "twitching",
        "How much twitching, and does it come with weakness?",
        "how much twitching",
        ("decarvalho2013", "blexrud1993"),
    ),
    Feature("started", "Where did it start?", "where it started", ("ravits2009",)),
)
FEATURE_KEYS: tuple[str, ...] = tuple(f.key for f in FEATURES)

#: The healthy fall in force over 12 maximal grips is about 30% (White 2013); a median above this counts as much
#: steeper. ASSUMPTION: a margin above the healthy spread of the synthetic people (23-33%).
FATIGABLE_DROP_PCT: float = 40.0
#: Monthly means above this count as present (numbness, pain). ASSUMPTION: 0.5 on a 0-10 scale is a trace.
PRESENT_0_10: float = 0.5
#: "Feels weak": a reported weakness of 4 or more out of 10 on average. ASSUMPTION (the course's scale).
FEELS_WEAK_0_10: float = 4.0
#: "Tiredness is the main problem": fatigue of 6 or more out of 10 on average. ASSUMPTION (the course's scale).
TIRED_MOST_DAYS_0_10: float = 6.0

#: What set each person's symptoms off, in the person's story (data/personas.toml): only with these triggers.
TRIGGERS: dict[str, str] = {
    "hard_training_week": "a hard training week; better within days of rest",
    "exam_stress_student": "exam weeks: short sleep, lots of caffeine, stress; calmer between exams",
}
#: People whose symptoms triggers make worse, but who have them most days without one.
WORSE_WITH_TRIGGERS: dict[str, str] = {
    "benign_fasciculation": "worse with coffee, stress and poor sleep, but there most days even without them",
}
#: Where symptoms started, in the person's story.
STARTED: dict[str, str] = {
    "hard_training_week": "both legs, after training",
    "exam_stress_student": "eyelid and calves, in exam season",
    "benign_fasciculation": "twitches here and there, then all over",
    "health_anxiety": "a feeling of weak arms",
    "als_limb_onset": "the right hand",
    "als_bulbar_onset": "speech",
    "myasthenia_gravis": "the eyelids",
    "cervical_radiculopathy": "the neck, with pain down the right arm",
    "carpal_tunnel": "the fingers of the right hand, at night",
    "overactive_thyroid": "twitches and cramps, with a racing heart",
    "b12_deficiency": "both feet",
    "post_viral_fatigue": "after a viral illness",
}


def _start_end(series: pd.Series) -> tuple[float, float]:
    return float(series.iloc[0]), float(series.iloc[-1])


def answer(persona: str, feature: str) -> tuple[str, str]:
    """(value, words): a person's answer to one separating question, from their data (value compares people).

    The value is what two people are compared on; the words are what the lab shows. Numbers in the words are
    monthly means from the person's synthetic diary, so a learner can check them in ``monthly(persona)``.
    """
    persona = check_persona(persona)
    feature = one_of("feature", feature, FEATURE_KEYS, "use one of the feature keys listed")
    months = _monthly(persona)
    spec = load_persona_specs()[persona]
    who = person(persona)
    if feature == "progressive":
        weak = weak_regions(persona)
        first, last = _start_end(months["lowest_strength_pct"])
        if spec.weakness.kind == "als":
            return "yes", (
                f"yes: the weakest region fell from {first:.0f}% to {last:.0f}% of normal over two years, and "
                f"{len(weak)} of 6 body regions became weak"
            )
        if months["lowest_strength_pct"].min() < SOME_LOSS_BELOW_PCT:
            return "no", (
                f"no: the weakest region was at {months['lowest_strength_pct'].min():.0f}% of normal at worst and "
                f"ended at {last:.0f}%: it did not keep falling or spread"
            )
        return "no", "no: strength stayed normal in every region"
    if feature == "fatigable":
        drop = grip_drop_pct(persona)
        droop = months["eyelid_droop_0_10"].max()
        if drop > FATIGABLE_DROP_PCT:
            return "yes", (
                f"yes: force fell {drop:.0f}% over 12 grips (about 30% in healthy young adults, a teaching "
                f"measure), and the eyelids drooped (up to {droop:.0f} out of 10)"
            )
        return "no", f"no: force fell {drop:.0f}% over 12 grips, close to the 30% of healthy young adults"
    if feature == "numbness":
        peak = months["numbness_0_10"].max()
        if peak > PRESENT_0_10:
            return spec.sensory_site or "yes", f"yes: {spec.sensory_site} (up to {peak:.0f} out of 10)"
        return "none", "none"
    if feature == "triggers":
        if persona in TRIGGERS:
            return "yes: " + TRIGGERS[persona], f"yes: {TRIGGERS[persona]}"
        if persona in WORSE_WITH_TRIGGERS:
            return "no", f"no: {WORSE_WITH_TRIGGERS[persona]}"
        return "no", "no: no trigger explains them in the diary"
    if feature == "felt_not_measured":
        felt = round(float(months["reported_weakness_0_10"].mean()), 1)
        full = months["lowest_strength_pct"].min() >= SOME_LOSS_BELOW_PCT
        if felt >= FEELS_WEAK_0_10 and full:
            return "yes", (
                f"yes: feels weak ({felt:.1f} out of 10 on average), while the examination finds full strength"
            )
        if felt >= FEELS_WEAK_0_10:
            return "no", f"no: feels weak ({felt:.1f} out of 10), and strength really is lower"
        return "no", f"no: does not feel weak most days ({felt:.1f} out of 10 on average)"
    if feature == "fatigue":
        tired = months["fatigue_0_10"].mean()
        if tired >= TIRED_MOST_DAYS_0_10:
            return "yes", f"yes: tiredness {tired:.0f} out of 10 on average"
        return "no", f"no: tiredness {tired:.0f} out of 10 on average"
    if feature == "improved":
        imp = spec.improvement
        if imp.from_day is None:
            if who.category == "als":
                return "no", (
                    "no: in ALS the weakness does not go away with treatment, although specialist care helps people "
                    "live better with it"
                )
            return "no", "no treatment or change that helped"
        when = "from the start" if imp.from_day <= 0 else f"from month {imp.from_day / DAYS_PER_MONTH:.0f}"
        return "yes", f"yes: {imp.reason}, {when}"
    if feature == "twitching":
        per_day = months["twitches_per_day"].mean()
        with_weakness = bool(months["lowest_strength_pct"].min() < SOME_LOSS_BELOW_PCT)
        level = "many" if per_day >= 10 else ("some" if per_day >= 3 else "few")
        kind = "with" if with_weakness else "without"
        return f"{level}, {kind} weakness", (f"{per_day:.0f} a day on average, {kind} measured weakness")
    return STARTED[persona], STARTED[persona]


@dataclass(frozen=True)
class Pairing:
    """Two people side by side and the first question, in FEATURES order, whose answers differ."""

    first: str
    second: str
    feature: Feature
    first_answer: str
    second_answer: str


def check_pair(first: str, second: str) -> tuple[str, str]:
    """Two different persona ids (or first names)."""
    a, b = check_persona(first), check_persona(second)
    if a == b:
        raise CourseInputError(
            "second person", second, "anyone but the first person", "choose two different people to compare"
        )
    return a, b


def separating_question(first: str, second: str) -> Pairing:
    """The one question that separates two people: the first in FEATURES whose answers differ.

    Why an order: clinicians ask the most telling question first (is it getting worse and spreading?), then
    where it is and what comes with it. Every pair of the twelve differs on at least one question (tested).
    """
    return _separating_question(*check_pair(first, second))


@cache
def _separating_question(a: str, b: str) -> Pairing:
    """separating_question for two checked ids (cached: the data never change in a session)."""
    for feature in FEATURES:
        (va, wa), (vb, wb) = answer(a, feature.key), answer(b, feature.key)
        if va != vb:
            return Pairing(a, b, feature, wa, wb)
    raise CourseInputError("pair", (a, b), "two people who differ", "report this: every pair should differ")


# ---------------------------------------------------------------------------
# 3. What tests found, and the evaluation walk
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Step:
    """One step of a clinician's evaluation: what was done, what it found for this person, why the next follows."""

    key: str
    name: str
    done: str  # what the clinician did, in general
    found: str  # what it found for this person
    next_because: str  # why the next step follows


#: The steps, in order. General wording from Turner & Talbot 2013 (how ALS and its mimics are told apart) and
#: Shefner 2020 (no single test; the Gold Coast criteria).
STEP_NAMES: tuple[tuple[str, str, str], ...] = (
    ("history", "1. The story", "asks when it started, where, what has changed since, and about family and medicines"),
    (
        "examination",
        "2. The examination",
        "tests strength muscle by muscle, looks for thinner muscles and twitching, checks tone, reflexes, feeling, "
        "eye movements and walking",
    ),
    (
        "nerve_tests",
        "3. Nerve and muscle tests",
        "may arrange an EMG (a fine needle records the electrical activity of muscles) and nerve conduction "
        "studies (small electric pulses measure how well nerves carry signals), if the examination calls for them",
    ),
    ("scans_blood", "4. Scans and blood tests", "orders blood tests and, if needed, a scan (MRI)"),
    ("follow_up", "5. Follow-up", "sees the person again, to check how things have changed and what help is needed"),
)
STEP_KEYS: tuple[str, ...] = tuple(k for k, _, _ in STEP_NAMES)

#: What each step found for the people in the walk, and why the next step followed. Findings follow the sources
#: named in WALK_SOURCES; timings are ASSUMPTIONS for teaching. Peter is diagnosed at about month 6, sooner than
#: the median 11-12 months from first symptom (Paganoni 2014).
WALK: dict[str, tuple[tuple[str, str], ...]] = {
    "als_limb_onset": (
        (
            "Peter's right hand has been clumsy with keys and buttons for two months, slowly getting worse. No pain, "
            "no numbness. His GP first thought of a trapped nerve; about half of people with ALS are first given "
            "another diagnosis (Paganoni 2014). At month 5 he sees a neurologist.",
            "A slowly worsening weakness in one hand needs a full examination.",
        ),
        (
            "His right hand is weak and the muscle between thumb and first finger looks thinner, with twitching: "
            "lower motor neuron signs. The reflexes in that arm are brisk, an upper motor neuron sign. Both kinds "
            "in one region is the pattern ALS makes. Feeling is normal.",
            "The nerve tests look for lost nerve supply in other regions too.",
        ),
        (
            "EMG: signs of lost nerve supply, both recent and long-standing, in the right arm and also in muscles of "
            "the left arm that are not yet weak. Nerve conduction: normal sensory nerves, and no block along the "
            "motor nerves (a block would point to multifocal motor neuropathy, a treatable look-alike).",
            "Other causes that can look like this must be ruled out.",
        ),
        (
            "MRI of the neck: no pressure on the spinal cord or the nerve roots. Blood tests (thyroid, calcium, "
            "vitamin B12, and others) normal.",
            "The Gold Coast criteria ask for weakness that gets worse, upper and lower motor neuron signs in one "
            "body region, or lower motor neuron signs in two regions, and other causes ruled out (Shefner 2020). "
            "His story, examination and EMG meet them, and the scan and blood tests have ruled out other causes.",
        ),
        (
            "At about month 6 the neurologist explains that this is ALS and refers him to a specialist team, who see "
            "him every few months. At later visits the weakness has spread to his left hand. How fast ALS changes "
            "varies a lot from person to person.",
            "",
        ),
    ),
    "benign_fasciculation": (
        (
            "Daniel has had twitches in many muscles, most in his calves, for two years. They are worse with "
            "coffee, stress and poor sleep, but there most days. Tasks are as easy as ever. No numbness.",
            "Twitching that has lasted, in many places, deserves an examination.",
        ),
        (
            "Strength is full in every muscle tested; no thin muscles; reflexes and feeling normal. Twitches are "
            "visible in the calves.",
            "Many neurologists then do an EMG to look for lost nerve supply that the eye cannot see.",
        ),
        (
            "EMG: fasciculation potentials (the electrical sign of twitches), with normal motor units (the "
            "signals of a nerve cell and the muscle fibres it works) and no signs of lost nerve supply (de Carvalho "
            "& Swash 2013). Nerve conduction normal.",
            "Blood tests check for causes of twitching that can be treated.",
        ),
        (
            "Blood tests (thyroid, calcium, magnesium, potassium) normal. No scan needed.",
            "The neurologist explains the findings, and what should make him come back within days: a task that "
            "gets harder, or a muscle that looks thinner.",
        ),
        (
            "A year later: still twitching, still full strength. Benign fasciculation syndrome (harmless twitching "
            "that lasts, with full strength). In a study that followed 121 people with this pattern, after a "
            "neurologist had examined them, none developed ALS (Blexrud 1993).",
            "",
        ),
    ),
    "health_anxiety": (
        (
            "Leah feels that her arms are getting weaker and checks her grip many times a day. Tasks are as easy as "
            "before; she has had some twitches. She is frightened.",
            "A feeling of weakness deserves an examination.",
        ),
        (
            "Strength is full in every muscle tested, with no thin muscles, and normal reflexes, tone and feeling.",
            "After the examination the doctor decides which tests, if any, are useful.",
        ),
        (
            "Not done: after examining her and finding full strength, her doctor decided that nerve tests were not "
            "needed. That is a clinician's decision, made after an examination.",
            "A few blood tests look for treatable causes of tiredness and twitching.",
        ),
        (
            "Blood tests (blood count, thyroid, vitamin B12, calcium and magnesium) normal.",
            "The doctor talks with her about the worry itself, and when to come back.",
        ),
        (
            "Health anxiety: the worry is real and hard to live with. Talking therapy (cognitive behavioural "
            "therapy, CBT) helps; she is told to come back within days if any task gets harder (NHS, health anxiety).",
            "",
        ),
    ),
    "myasthenia_gravis": (
        (
            "Rosa's eyelids droop by evening and she sometimes sees double. Her arms tire when she dries her hair, "
            "and her voice becomes nasal when she talks for a while. Mornings are almost normal.",
            "Weakness that grows with use and now affects her speech needs a hospital the same day.",
        ),
        (
            "The eyelids droop more after she looks up for a minute; arm strength falls with repeated effort and "
            "recovers after rest (fatigable weakness). Reflexes and feeling normal; no thin muscles.",
            "Fatigable weakness points to the nerve-muscle junction, where the nerve passes its signal to the "
            "muscle: the tests look there.",
        ),
        (
            "Repeated nerve stimulation: the muscle's response falls by 10% or more over a train of pulses. (This "
            "test can be normal, and often is when only the eyes are affected; Abraham 2017.)",
            "An antibody blood test helps to confirm it.",
        ),
        (
            "Blood test: antibodies against the nerve-muscle junction found. A chest scan looks at the thymus "
            "gland, which can be involved in myasthenia.",
            "Treatment starts. She is told to call the emergency number if breathing or swallowing becomes hard.",
        ),
        (
            "Myasthenia gravis (a treatable condition in which the body's own antibodies block the signal where "
            "nerve meets muscle). She improves after treatment starts (in the course's model, from month 4).",
            "",
        ),
    ),
    "cervical_radiculopathy": (
        (
            "Mark woke with neck pain shooting down his right arm two weeks ago; his middle finger is numb and "
            "pushing doors feels weak.",
            "Pain, numbness and weakness along one arm point to one nerve root: the examination checks which.",
        ),
        (
            "Mild weakness of the muscles that straighten the elbow and wrist; the triceps reflex is reduced; "
            "numbness in a strip down the forearm into the middle finger. Everything else normal.",
            "The pattern fits the C7 nerve root (the seventh nerve root in the neck).",
        ),
        (
            "Not needed at first. If the weakness had not improved, an EMG could show lost nerve supply limited to "
            "that one root's muscles.",
            "Because he has weakness and a reduced reflex, a scan is done.",
        ),
        (
            "MRI of the neck: a disc pressing on the right C7 nerve root.",
            "Physiotherapy and time. He is told to come back at once if the weakness gets worse, spreads to the "
            "other arm or the legs, walking becomes hard, or bladder control changes.",
        ),
        (
            "A pinched nerve root in the neck (cervical radiculopathy). Over the next months the pain, numbness and "
            "weakness fade (NHS, slipped disc).",
            "",
        ),
    ),
    "carpal_tunnel": (
        (
            "For seven months Linda's thumb and first two fingers have gone numb and tingled at night, waking her; "
            "shaking the hand helps. At month 7 she sees her GP.",
            "Numbness in part of one hand needs an examination to find which nerve.",
        ),
        (
            "Numbness in the thumb, index and middle fingers only; the muscle at the base of the thumb is slightly "
            "weak. The little finger and the rest of the arm are normal.",
            "The pattern fits the median nerve (the nerve that runs through the wrist to the thumb side of the "
            "hand); nerve conduction can confirm it.",
        ),
        (
            "Nerve conduction: signals slowed where the median nerve passes through the wrist; normal elsewhere.",
            "Treatment can start; blood tests can look for conditions that make it more likely.",
        ),
        (
            "Blood tests (for example thyroid and blood sugar) normal. No scan needed.",
            "A wrist splint at night. Because the thumb muscle is weak, she is also referred to discuss an "
            "operation to free the nerve.",
        ),
        (
            "Carpal tunnel syndrome. The night splint helps from about month 8 (NHS, carpal tunnel syndrome).",
            "",
        ),
    ),
    "overactive_thyroid": (
        (
            "Sofia has twitches, cramps, a racing heart, shaky hands and weight loss, and feels tired.",
            "Twitching with a racing heart and weight loss suggests a cause in the body's chemistry.",
        ),
        (
            "Strength full; fine shaking of the hands; a fast pulse. Reflexes brisk all over, as an overactive "
            "thyroid often causes, with no thin muscles.",
            "Blood tests come first here.",
        ),
        ("Not needed: the examination and the story point to a blood test first.", "Blood tests check the thyroid."),
        (
            "Blood tests: thyroid hormone high (an overactive thyroid). Magnesium and calcium are checked too, as low "
            "levels can also cause twitching and cramps.",
            "Treatment of the thyroid starts.",
        ),
        (
            "Overactive thyroid, with a low magnesium. After treatment starts (month 2 in the course's model) the "
            "twitches settle (NHS, overactive thyroid), and so do the cramps once the magnesium is corrected.",
            "",
        ),
    ),
    "b12_deficiency": (
        (
            "Tom has had pins and needles in both feet for months, spreading up to his ankles, and feels unsteady in "
            "the dark. He has taken metformin for diabetes for years, which can lower vitamin B12.",
            "Numbness in both feet that is spreading needs an examination.",
        ),
        (
            "Strength full. Feeling for vibration and position is reduced in both feet; he sways with his eyes "
            "closed. No thin muscles, no twitching.",
            "This is mainly a problem of feeling, not of the motor nerves (lack of B12 can also affect the spinal "
            "cord): blood tests come first.",
        ),
        ("Not needed at first.", "Blood tests look for treatable causes of numbness."),
        ("Blood test: vitamin B12 low.", "B12 treatment starts."),
        (
            "Vitamin B12 deficiency. After treatment starts (month 1 in the course's model) the numbness slowly "
            "improves (NHS, vitamin B12 deficiency).",
            "",
        ),
    ),
}
WALK_PERSONAS: tuple[str, ...] = tuple(WALK)
#: The sources of each person's walk (keys of data/references.toml).
WALK_SOURCES: dict[str, tuple[str, ...]] = {
    "als_limb_onset": ("turner2013", "decarvalho2008", "shefner2020", "paganoni2014"),
    "benign_fasciculation": ("decarvalho2013", "blexrud1993", "turner2013"),
    "health_anxiety": ("turner2013", "nhshealthanxiety"),
    "myasthenia_gravis": ("abraham2017", "nhsmg"),
    "cervical_radiculopathy": ("nhsslippeddisc", "turner2013"),
    "carpal_tunnel": ("nhscarpal",),
    "overactive_thyroid": ("nhsthyroid", "simon2013"),
    "b12_deficiency": ("nhsb12",),
}


def walk_steps(persona: str) -> tuple[Step, ...]:
    """A person's evaluation, step by step (the widget reveals them one at a time)."""
    persona = check_persona(persona, WALK_PERSONAS)
    return tuple(
        Step(key, name, done, found, why)
        for (key, name, done), (found, why) in zip(STEP_NAMES, WALK[persona], strict=True)
    )


def walk_step(persona: str, step: int) -> Step:
    """Step ``step`` (1-5) of a person's evaluation."""
    from helpers.checks import whole_number

    number = whole_number("step", step, 1, len(STEP_NAMES), "use a step from 1 to 5")
    return walk_steps(persona)[number - 1]


# ---------------------------------------------------------------------------
# 4. The people of the lab
# ---------------------------------------------------------------------------
#: Every course person can be compared; the lab opens on the pair lesson 02 left open: ALS beside a pinched nerve.
LAB_PERSONAS: tuple[str, ...] = PERSONA_IDS
LAB_START: tuple[str, str] = ("als_limb_onset", "cervical_radiculopathy")
