"""Lesson 03's model: where on the motor path each problem sits, daily life on the ALSFRS-R, cramps, the clinic visit.

Pure numpy/pandas (never plotly or ipywidgets), over the public API of ``helpers.engine``
(the synthetic cohort). The few numbers of its own are cited or labelled ASSUMPTION.
Nothing here says what a reader has: the people are synthetic, and every result
describes one of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from helpers.checks import one_of
from helpers.engine import GRIP_NOISE_SD_KG
from helpers.engine.people import DAYS_PER_MONTH, HANDS, check_persona, diary, person, visits

# ---------------------------------------------------------------------------
# 1. The path from brain to muscle
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PathSite:
    """One place on the motor (or sensory) path, the signs damage there gives, and who in the course has it."""

    key: str
    name: str  # "Lower motor neuron"
    summary: str  # the signs in a few words, for the diagram's title
    where: str  # plain words: "nerve cells in the brainstem and spinal cord, and their long fibres out to the muscles"
    signs: tuple[str, ...]
    people: tuple[str, ...]  # persona ids with trouble here (may be empty)
    note: str  # one sentence on the course's people, or a caution
    sources: tuple[str, ...]  # reference keys (data/references.toml)


#: Top to bottom: the order of the path drawn in the explorer. Sources: where each condition acts is textbook
#: neurology, summarised for ALS mimics by Turner & Talbot 2013 (PMID 23616620); myasthenia by Abraham 2017;
#: benign fasciculation by Simon & Kiernan 2013.
PATH_SITES: tuple[PathSite, ...] = (
    PathSite(
        "upper_motor_neuron",
        "Upper motor neuron",
        "stiffness and brisk reflexes",
        "nerve cells in the brain's motor area and their long fibres down to the brainstem and spinal cord",
        ("stiffness (spasticity)", "brisk reflexes", "slow, effortful movements", "weakness without early wasting"),
        ("als_limb_onset", "als_bulbar_onset"),
        "ALS often damages upper and lower motor neurons in the same region: that mix is one of its marks "
        "(Shefner 2020). A neck problem pressing on the spinal cord, or low vitamin B12, can give a similar mix, "
        "which is why doctors scan and test blood before they say ALS (Turner & Talbot 2013).",
        ("shefner2020", "turner2013"),
    ),
    PathSite(
        "lower_motor_neuron",
        "Lower motor neuron",
        "weakness and wasting, often with twitching",
        "nerve cells in the brainstem and spinal cord; their long fibres run out through the nerve roots and nerves "
        "to the muscles",
        (
            "weakness",
            "wasting (thin muscles)",
            "twitching (fasciculation)",
            "cramps",
            "floppy tone, reduced or absent reflexes",
        ),
        ("als_limb_onset", "als_bulbar_onset"),
        "Daniel's twitching also starts in these nerve fibres, but a neurologist examined him and, with tests, "
        "found no damage: full strength, no wasting (Simon & Kiernan 2013). Twitching or cramps with normal "
        "strength on a clinician's examination are common and usually harmless.",
        ("shefner2020", "simon2013"),
    ),
    PathSite(
        "nerve_root",
        "Nerve root",
        "pain, a numb strip of skin, some weakness",
        "where a nerve leaves the spine; one root carries feeling from one strip of skin and movement to a few muscles",
        (
            "pain that shoots down the arm or leg",
            "numbness or tingling in one strip of skin",
            "weakness of the muscles that root serves",
            "one reflex weaker",
        ),
        ("cervical_radiculopathy",),
        "Mark's trapped nerve root in the neck weakens some arm muscles and numbs one strip of his hand.",
        ("turner2013", "nhsslippeddisc"),
    ),
    PathSite(
        "peripheral_nerve",
        "Nerve in the limb",
        "numbness and weakness in that nerve's area",
        "a nerve on its way through the arm or leg, for example the median nerve at the wrist",
        ("numbness or tingling in that nerve's area", "weakness or thinning of the muscles it serves"),
        ("carpal_tunnel", "b12_deficiency"),
        "Linda's median nerve (one of the three main nerves of the hand) is squeezed at the wrist (carpal tunnel): "
        "tingling in the thumb-side fingers, worse at night. Low vitamin B12 can harm the long nerves to both feet: "
        "Tom's feet tingle. Rarely, a nerve condition weakens muscles without numbness (multifocal motor "
        "neuropathy), one of the conditions doctors rule out before ALS (Traynor 2000).",
        ("nhscarpal", "nhsb12", "traynor2000"),
    ),
    PathSite(
        "neuromuscular_junction",
        "Nerve-muscle junction",
        "weakness that grows with use",
        "the tiny gap where a nerve passes its signal to the muscle",
        (
            "weakness that gets worse with use and better with rest (fatigable weakness)",
            "drooping eyelids",
            "double vision",
            "no numbness, no early wasting",
        ),
        ("myasthenia_gravis",),
        "Rosa's myasthenia acts here: her grip falls steeply with repeated effort and comes back after rest.",
        ("abraham2017", "nhsmg"),
    ),
    PathSite(
        "muscle",
        "Muscle",
        "weakness near the hips and shoulders",
        "the muscle fibres themselves",
        (
            "weakness, often near the hips and shoulders (stairs, lifting the arms), in some conditions in the hands "
            "or thighs",
            "no numbness",
        ),
        (),
        "None of the course's people has a muscle disease. An overactive thyroid can weaken the muscles near the "
        "hips and shoulders; Sofia's twitching and cramps come from her thyroid, but her strength stays normal.",
        ("nhsthyroid", "turner2013"),
    ),
    PathSite(
        "sensory_path",
        "Sensory path (feeling)",
        "numbness and tingling; strength normal",
        "nerves that carry touch and position from the skin and joints back to the brain",
        (
            "numbness",
            "tingling, pins and needles",
            "poor balance in the dark",
            "strength normal if only this path is hit",
        ),
        ("b12_deficiency", "carpal_tunnel", "cervical_radiculopathy"),
        "ALS usually spares this path: numbness or tingling as the main problem points away from it.",
        ("nhsb12", "turner2013"),
    ),
)
PATH_SITE_KEYS: tuple[str, ...] = tuple(site.key for site in PATH_SITES)
#: The course's people in whom a clinician's examination found no damage on the path (their symptoms are real).
NO_DAMAGE: tuple[str, ...] = (
    "hard_training_week",
    "exam_stress_student",
    "benign_fasciculation",
    "health_anxiety",
    "overactive_thyroid",
    "post_viral_fatigue",
)


def path_site(site: str) -> PathSite:
    """The site named ``site`` (a key of PATH_SITE_KEYS)."""
    key = one_of("site", site, PATH_SITE_KEYS, "use one of the sites listed")
    return next(s for s in PATH_SITES if s.key == key)


def sites_of(persona: str) -> tuple[str, ...]:
    """Every site where a persona has trouble (empty for the people with no damage)."""
    persona = check_persona(persona)
    return tuple(s.key for s in PATH_SITES if persona in s.people)


# ---------------------------------------------------------------------------
# 2. Daily life on the ALSFRS-R
# ---------------------------------------------------------------------------
#: The twelve ALSFRS-R items in the scale's order, in plain words, with their domain (Cedarbaum 1999).
ALSFRS_R_ITEMS: tuple[tuple[str, str, str], ...] = (
    ("speech", "Speech", "bulbar"),
    ("salivation", "Saliva (drooling)", "bulbar"),
    ("swallowing", "Swallowing", "bulbar"),
    ("handwriting", "Handwriting", "fine motor"),
    ("cutting_food", "Cutting food, using cutlery", "fine motor"),
    ("dressing_hygiene", "Dressing and washing", "fine motor"),
    ("turning_in_bed", "Turning in bed", "gross motor"),
    ("walking", "Walking", "gross motor"),
    ("climbing_stairs", "Climbing stairs", "gross motor"),
    ("dyspnea", "Short of breath", "breathing"),
    ("orthopnea", "Breathing lying down", "breathing"),
    ("respiratory_insufficiency", "Breathing support", "breathing"),
)
ITEM_KEYS: tuple[str, ...] = tuple(key for key, _, _ in ALSFRS_R_ITEMS)
ITEM_NAMES: dict[str, str] = {key: name for key, name, _ in ALSFRS_R_ITEMS}
ITEM_DOMAINS: dict[str, str] = {key: domain for key, _, domain in ALSFRS_R_ITEMS}
DOMAINS: tuple[str, ...] = ("bulbar", "fine motor", "gross motor", "breathing")
FULL_SCORE: int = 48
#: Progression classes by points lost per month (Kimura 2006): under 0.5 slow, 0.5 to under 1.0
#: intermediate, 1.0 or more fast.
PROGRESSION_CLASSES: tuple[tuple[float, str], ...] = ((1.0, "fast"), (0.5, "intermediate"), (float("-inf"), "slow"))
#: The label of a person without a steady fall (Kimura's classes describe ALS).
NO_CLASS: str = "does not apply: no steady fall"
#: Months from the first symptom to the first visit (day 0), from each person's story ("for a couple of
#: months"). ASSUMPTION: 2 months for both ALS people; the others have no progressive weakness to time.
SYMPTOM_MONTHS_BEFORE_FIRST_VISIT: dict[str, float] = {"als_limb_onset": 2.0, "als_bulbar_onset": 2.0}


def alsfrs_items(persona: str) -> pd.DataFrame:
    """One row per clinic visit: day, month (since the first visit), the 12 item scores (0-4) and the total.

    Cached per person (the course's data do not change while a lesson runs): do not modify it in place.
    """
    return _alsfrs_items(check_persona(persona))


@cache
def _alsfrs_items(persona: str) -> pd.DataFrame:
    table = visits(persona)
    out = pd.DataFrame({"day": table["day"].to_numpy(), "month": np.round(table["day"].to_numpy() / DAYS_PER_MONTH)})
    for key in ITEM_KEYS:
        out[key] = table[f"alsfrs_r_{key}"].to_numpy()
    out["total"] = table["alsfrs_r_total"].to_numpy()
    return out


def progression_class(points_per_month: float) -> str:
    """Kimura 2006's class for a rate of decline in points per month."""
    return next(name for low, name in PROGRESSION_CLASSES if points_per_month >= low)


@dataclass(frozen=True)
class Progression:
    """How fast a person's ALSFRS-R total falls, as numbers a learner can check by hand."""

    first_total: int
    last_total: int
    months: float  # between the first and last visit
    points_per_month: float  # (first - last) / months: the slope between visits
    months_since_symptoms: float | None  # at the first visit, for the people with a symptom start
    kimura_rate: float | None  # (48 - first) / months since the first symptom, at the first visit (Kimura 2006)
    label: str  # the class of the Kimura rate (ALS only), else NO_CLASS


def progression(persona: str) -> Progression:
    """First and last total, the slope a month between visits, and Kimura 2006's rate (first visit) and class."""
    return _progression(check_persona(persona))


@cache
def _progression(persona: str) -> Progression:
    items = alsfrs_items(persona)
    first, last = int(items["total"].iloc[0]), int(items["total"].iloc[-1])
    months = float((items["day"].iloc[-1] - items["day"].iloc[0]) / DAYS_PER_MONTH)
    slope = round((first - last) / months, 2)
    before = SYMPTOM_MONTHS_BEFORE_FIRST_VISIT.get(persona)
    if before is None:
        return Progression(first, last, round(months, 1), slope, None, None, NO_CLASS)
    # Kimura's rate is the decline before diagnosis: taken once, at the first visit, from a full score at onset.
    rate = round((FULL_SCORE - first) / before, 2)
    return Progression(first, last, round(months, 1), slope, before, rate, progression_class(rate))


def first_items_to_fall(persona: str) -> tuple[str, ...]:
    """The items below 4 at the earliest visit where any item is (empty if every item stays at 4)."""
    items = alsfrs_items(check_persona(persona))
    below = items[list(ITEM_KEYS)] < 4
    rows = below.any(axis=1)
    if not rows.any():
        return ()
    first = below[rows].iloc[0]
    return tuple(key for key in ITEM_KEYS if first[key])


def domain_month_of_first_fall(persona: str) -> dict[str, float | None]:
    """For each domain, the first month at which any of its items is below 4 (None if never)."""
    items = alsfrs_items(check_persona(persona))
    out: dict[str, float | None] = {}
    for domain in DOMAINS:
        keys = [k for k in ITEM_KEYS if ITEM_DOMAINS[k] == domain]
        fallen = items[(items[keys] < 4).any(axis=1)]
        out[domain] = float(fallen["month"].iloc[0]) if not fallen.empty else None
    return out


# ---------------------------------------------------------------------------
# 3. Cramps, in proportion
# ---------------------------------------------------------------------------
#: Months averaged at each end of the two-year diary. ASSUMPTION: six months smooth out chance weeks.
CRAMP_WINDOW_MONTHS: int = 6


@cache
def cramp_days() -> pd.DataFrame:
    """Cramp days per month for each persona: the first and the last six months of the two-year diary.

    Columns: persona, name, first_months, last_months (cramp days per month, one decimal).
    Why both ends: cramps come and go in everyone, and treatment can end them (Sofia's thyroid); in ALS they are
    common from early on and vary, without climbing with the weakness (Caress 2016).
    """
    from helpers.engine.personas import PERSONA_IDS

    rows = []
    window = round(CRAMP_WINDOW_MONTHS * DAYS_PER_MONTH)
    for p in PERSONA_IDS:
        cramps = diary(p)["cramps"].to_numpy()
        per_month = DAYS_PER_MONTH / window
        rows.append(
            {
                "persona": p,
                "name": person(p).first_name,
                "first_months": round(float((cramps[:window] > 0).sum() * per_month), 1),
                "last_months": round(float((cramps[-window:] > 0).sum() * per_month), 1),
            }
        )
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------
# 4. The clinic visit: MRC grades next to a grip meter
# ---------------------------------------------------------------------------
HAND_REGIONS: dict[str, str] = {"right": "right_arm", "left": "left_arm"}
#: Two readings of the same hand usually differ by less than about 5 kg by chance (the smallest real change
#: between two tests, in healthy and injured people, not in ALS; Bai 2019; Abe 2025): the course's noise band.
GRIP_NOISE_BAND_KG: float = 5.0
#: What the MRC grades of the examination mean (MRC 1976), for labels.
MRC_WORDS: dict[int, str] = {
    5: "normal",
    4: "against some resistance",
    3: "against gravity",
    2: "with gravity removed",
    1: "a flicker",
    0: "no contraction",
}


def check_hand(hand: str) -> str:
    return one_of("hand", hand, HANDS, "use 'right' or 'left'")


def clinic_table(persona: str, hand: str = "right") -> pd.DataFrame:
    """At each clinic visit: the examiner's MRC grade of the arm and the measured grip of that hand (cached:
    do not modify it in place); see _clinic_table."""
    return _clinic_table(check_persona(persona), check_hand(hand))


@cache
def _clinic_table(persona: str, hand: str) -> pd.DataFrame:
    """At each clinic visit: the examiner's MRC grade of the arm and the measured grip of that hand.

    Columns: month, mrc (0-5), grip_kg (that day's diary reading), grip_pct (of the person's own normal),
    loss_kg (own normal minus grip). Why side by side: a grade moves in big steps and late; the grip
    meter shows the change in kilograms (Shefner 2017).
    """
    table = visits(persona)
    days = table["day"].to_numpy()
    grip = diary(persona).set_index("day").loc[days, f"grip_kg_{hand}"].to_numpy()
    normal = person(persona).normal_grip_kg[hand]
    return pd.DataFrame(
        {
            "month": np.round(days / DAYS_PER_MONTH).astype(int),
            "mrc": table[f"mrc_{HAND_REGIONS[hand]}"].to_numpy().astype(int),
            "grip_kg": np.round(grip, 1),
            "grip_pct": np.round(100.0 * grip / normal, 0),
            "loss_kg": np.round(normal - grip, 1),
        }
    )


def hidden_by_grade(table: pd.DataFrame) -> pd.DataFrame:
    """Visits where the grade is still the first visit's but the grip has fallen by more than the noise band."""
    first = table.iloc[0]
    fallen = (first["grip_kg"] - table["grip_kg"]) > GRIP_NOISE_BAND_KG
    return table[(table["mrc"] == first["mrc"]) & fallen]


__all__ = [
    "ALSFRS_R_ITEMS",
    "DOMAINS",
    "FULL_SCORE",
    "GRIP_NOISE_BAND_KG",
    "GRIP_NOISE_SD_KG",
    "ITEM_DOMAINS",
    "ITEM_KEYS",
    "ITEM_NAMES",
    "MRC_WORDS",
    "NO_DAMAGE",
    "PATH_SITES",
    "PATH_SITE_KEYS",
    "PathSite",
    "Progression",
    "alsfrs_items",
    "clinic_table",
    "cramp_days",
    "domain_month_of_first_fall",
    "first_items_to_fall",
    "hidden_by_grade",
    "path_site",
    "progression",
    "progression_class",
    "sites_of",
]
