"""The twitching lesson's model: trigger weeks, monthly body maps, side-by-side years, base rates.

Pure numpy/pandas (never plotly or ipywidgets). Everything here is derived from the
public API of ``helpers.engine`` (the synthetic cohort and the trigger model); the few
numbers of its own are cited or labelled ASSUMPTION. Nothing here computes a
personal risk: the base-rate functions describe a population of 100,000 people.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from helpers.checks import number, one_of, whole_number
from helpers.engine import (
    COURSE_SEED,
    GRIP_NOISE_SD_KG,
    NEIGHBOURS,
    REGIONS,
    WEAK_BELOW_PCT,
    trigger_twitch_series,
)
from helpers.engine.people import DAYS_PER_MONTH, DAYS_PER_WEEK, check_persona, diary

# ---------------------------------------------------------------------------
# 1. The trigger lab
# ---------------------------------------------------------------------------
#: A calm day: the values the trigger week starts from and returns to.
#: ASSUMPTION: an ordinary adult day (one coffee, enough sleep, low stress, a walk).
CALM_DAY: dict[str, float] = {"caffeine_mg": 100.0, "sleep_h": 8.0, "stress_0_10": 2.0, "exercise_min": 30.0}
#: Slider ranges of the trigger lab (inside the ranges helpers.engine accepts).
TRIGGER_RANGES: dict[str, tuple[float, float, float]] = {
    "caffeine_mg": (0.0, 800.0, 50.0),  # 800 mg is about eight cups of brewed coffee
    "sleep_h": (4.0, 9.0, 0.5),
    "stress_0_10": (0.0, 10.0, 1.0),
    "exercise_min": (0.0, 180.0, 15.0),
}
CALM_DAYS_BEFORE: int = 3
TRIGGER_DAYS: int = 7
SETTLE_DAYS: int = 11
#: The lab person's usual maximal grip. Source: Dodds 2014 (PMID 25474696), peak median
#: about 51 kg in men aged 29-39; we use 45 kg, an ordinary adult (ASSUMPTION).
LAB_GRIP_KG: float = 45.0


def _check_trigger(name: str, value: float) -> float:
    low, high, _step = TRIGGER_RANGES[name]
    return number(name, value, low, high, f"keep {name} within the trigger lab's range, {low:g} to {high:g}")


def trigger_week(
    caffeine_mg: float = 400.0, sleep_h: float = 5.0, stress_0_10: float = 7.0, exercise_min: float = 30.0
) -> pd.DataFrame:
    """Three calm days, a week of the chosen triggers, then eleven calm days again.

    Why this shape: the learner sees noticed twitching rise during the trigger
    week and settle after it (the carry-over of ``helpers.engine.trigger_twitch_series``,
    time constant an ASSUMPTION of the model), while measured grip stays where it
    was: triggers change twitching, not strength (Simon & Kiernan 2013).

    Columns: day, phase ("calm before", "trigger week", "calm after"), the four
    triggers, twitches_per_day (expected noticed twitches), calm_twitches_per_day
    (the same person on calm days throughout), grip_kg (measured maximal grip,
    with measurement noise; it does not depend on the triggers at all).
    """
    chosen = {
        "caffeine_mg": _check_trigger("caffeine_mg", caffeine_mg),
        "sleep_h": _check_trigger("sleep_h", sleep_h),
        "stress_0_10": _check_trigger("stress_0_10", stress_0_10),
        "exercise_min": _check_trigger("exercise_min", exercise_min),
    }
    n = CALM_DAYS_BEFORE + TRIGGER_DAYS + SETTLE_DAYS
    days = np.arange(n)
    in_week = (days >= CALM_DAYS_BEFORE) & (days < CALM_DAYS_BEFORE + TRIGGER_DAYS)
    series = {k: np.where(in_week, chosen[k], CALM_DAY[k]) for k in chosen}
    twitches = trigger_twitch_series(
        series["caffeine_mg"], series["sleep_h"], series["stress_0_10"], series["exercise_min"]
    )
    calm = trigger_twitch_series(
        *(np.full(n, CALM_DAY[k]) for k in ("caffeine_mg", "sleep_h", "stress_0_10", "exercise_min"))
    )
    phase = np.where(days < CALM_DAYS_BEFORE, "calm before", np.where(in_week, "trigger week", "calm after"))
    return pd.DataFrame(
        {
            "day": days + 1,
            "phase": phase,
            **series,
            "twitches_per_day": np.round(twitches, 3),
            "calm_twitches_per_day": np.round(calm, 3),
            "grip_kg": _lab_grip_readings(n),
        }
    )


@lru_cache(maxsize=1)
def _lab_grip_readings_cached(n: int) -> tuple[float, ...]:
    rng = np.random.default_rng(COURSE_SEED + 5)
    return tuple(np.round(LAB_GRIP_KG + rng.normal(0.0, GRIP_NOISE_SD_KG, n), 1))


def _lab_grip_readings(n: int) -> np.ndarray:
    """Daily maximal grip of the lab person: usual strength plus measurement noise only.

    The noise SD is the model's GRIP_NOISE_SD_KG (Bai 2019; Abe 2025).
    A fixed seed, so the readings are the same whatever the triggers: strength does
    not respond to caffeine, sleep, stress or exercise in this model.
    """
    return np.array(_lab_grip_readings_cached(n))


@dataclass(frozen=True)
class TriggerSummary:
    """The few numbers a caption needs about one trigger week."""

    calm_per_day: float
    peak_per_day: float
    peak_day: int
    last_day_per_day: float
    days_to_settle: int | None  # days after the week until within 10% of calm; None if not within the diary
    grip_range_kg: float


def summarise_trigger_week(week: pd.DataFrame) -> TriggerSummary:
    """Peak, settling time and grip spread of a trigger week (for captions and tests)."""
    calm = float(week["calm_twitches_per_day"].iloc[0])
    peak_i = int(week["twitches_per_day"].idxmax())
    after = week[week["phase"] == "calm after"]
    settled = after[after["twitches_per_day"] <= calm * 1.1]
    days_to_settle = int(settled["day"].iloc[0] - after["day"].iloc[0] + 1) if len(settled) else None
    return TriggerSummary(
        calm_per_day=calm,
        peak_per_day=float(week["twitches_per_day"].max()),
        peak_day=int(week["day"].iloc[peak_i]),
        last_day_per_day=float(week["twitches_per_day"].iloc[-1]),
        days_to_settle=days_to_settle,
        grip_range_kg=float(week["grip_kg"].max() - week["grip_kg"].min()),
    )


# ---------------------------------------------------------------------------
# 2. The body map over time
# ---------------------------------------------------------------------------
#: Personas offered on the body map (the twitching stories of the cohort).
BODY_MAP_PERSONAS: tuple[str, ...] = (
    "benign_fasciculation",
    "exam_stress_student",
    "overactive_thyroid",
    "als_limb_onset",
    "als_bulbar_onset",
)
#: A region counts as twitching when at least this many twitches a day are noticed there (ASSUMPTION).
TWITCHING_FROM_PER_DAY: float = 1.0

REGION_NAMES: dict[str, str] = {
    "bulbar": "speech and swallowing",
    "right_arm": "right arm",
    "left_arm": "left arm",
    "trunk": "trunk",
    "right_leg": "right leg",
    "left_leg": "left leg",
}


def persona_daily(persona: str) -> pd.DataFrame:
    """The daily diary of a persona's textbook case."""
    return diary(persona)


def monthly_regions(daily: pd.DataFrame) -> pd.DataFrame:
    """Month-by-month mean twitches a day and strength per region, tidy.

    Columns: month (1..), region, twitches_per_day, strength_pct, twitching (bool),
    weak (bool). Months are calendar-average months of 30.4 days.
    """
    month = (daily["day"].to_numpy() // DAYS_PER_MONTH).astype(np.int64) + 1
    # One groupby over all regions' columns, not one per region then a concat and a sort: the body map's
    # person dropdown waits on this the first time a person is chosen. The means are pandas' own (its
    # compensated sums), so every rounded value is as before.
    columns = [f"{column}_{region}" for column in ("twitches", "strength_pct") for region in REGIONS]
    wide = pd.DataFrame({"month": month} | {c: daily[c].to_numpy(dtype=float) for c in columns})
    means = wide.groupby("month", sort=True).mean()
    months, n_regions = means.index.to_numpy(dtype=np.int64), len(REGIONS)

    def per_month(column: str) -> np.ndarray:
        """Month-major, REGIONS order within a month."""
        return means[[f"{column}_{region}" for region in REGIONS]].to_numpy().ravel()

    twitches = np.round(per_month("twitches"), 2)
    strength = np.round(per_month("strength_pct"), 1)
    return pd.DataFrame(
        {
            "month": np.repeat(months, n_regions),
            "region": pd.array(np.tile(np.array(REGIONS, dtype=object), len(months)), dtype="str"),
            "twitches_per_day": twitches,
            "strength_pct": strength,
            "twitching": twitches >= TWITCHING_FROM_PER_DAY,
            "weak": strength < WEAK_BELOW_PCT,
        }
    )


@lru_cache(maxsize=16)
def persona_months(persona: str) -> pd.DataFrame:
    """``monthly_regions`` of a persona's textbook case (cached: the slider only indexes it)."""
    return monthly_regions(persona_daily(check_persona(persona, BODY_MAP_PERSONAS)))


def month_count(persona: str) -> int:
    return int(persona_months(persona)["month"].max())


@lru_cache(maxsize=16)
def _first_row_of_month(persona: str) -> dict[int, int]:
    """Where each month starts in ``persona_months`` (month-major, one row per region: a month is one slice)."""
    months = persona_months(persona)["month"].to_numpy()
    return {int(months[i]): i for i in range(0, len(months), len(REGIONS))}


def body_map_month(persona: str, month: int) -> pd.DataFrame:
    """The six regions of one month (REGIONS order) for the body map (a copy; the cache stays intact)."""
    persona = check_persona(persona, BODY_MAP_PERSONAS)
    first_row = _first_row_of_month(persona)
    m = whole_number("month", month, 1, max(first_row), "pick a month on the slider")
    start = first_row[m]
    return persona_months(persona).iloc[start : start + len(REGIONS)].reset_index(drop=True)  # a new frame


def first_weak_month(months: pd.DataFrame) -> dict[str, int | None]:
    """For each region, the first month it counts as weak (None if never)."""
    out: dict[str, int | None] = {}
    for region in REGIONS:
        weak = months[(months["region"] == region) & months["weak"]]
        out[region] = int(weak["month"].min()) if len(weak) else None
    return out


def spread_to_neighbour(months: pd.DataFrame) -> tuple[str, str] | None:
    """(first weak region, a neighbour that became weak later), or None if weakness never spread."""
    first = first_weak_month(months)
    weak = {r: m for r, m in first.items() if m is not None}
    if not weak:
        return None
    origin = min(weak, key=lambda r: (weak[r], REGIONS.index(r)))
    later = [n for n in NEIGHBOURS[origin] if n in weak and weak[n] > weak[origin]]
    return (origin, min(later, key=lambda r: weak[r])) if later else None


# ---------------------------------------------------------------------------
# 3. Side by side: twelve months
# ---------------------------------------------------------------------------
#: The pair compared anonymously: Person A and Person B (which is which is revealed after a prediction).
SIDE_BY_SIDE: dict[str, str] = {"Person A": "als_limb_onset", "Person B": "benign_fasciculation"}
SIDE_BY_SIDE_MONTHS: int = 12


def weekly_summary(daily: pd.DataFrame, weeks: int) -> pd.DataFrame:
    """Week-by-week twitches (whole body, per day), weakest region's strength and cramps per week.

    Why the weakest region: ALS starts focally, so an average over the body would hide
    a hand that is losing strength (Ravits & La Spada 2009).
    """
    week = daily["day"].to_numpy() // DAYS_PER_WEEK + 1
    frame = pd.DataFrame(
        {
            "week": week,
            "twitches_per_day": daily[[f"twitches_{r}" for r in REGIONS]].sum(axis=1).to_numpy(dtype=float),
            "weakest_strength_pct": daily[[f"strength_pct_{r}" for r in REGIONS]].min(axis=1).to_numpy(dtype=float),
            "cramps": daily["cramps"].to_numpy(dtype=float),
        }
    )
    frame = frame[frame["week"] <= weeks]
    out = frame.groupby("week", as_index=False).agg(
        twitches_per_day=("twitches_per_day", "mean"),
        weakest_strength_pct=("weakest_strength_pct", "mean"),
        cramps_per_week=("cramps", "sum"),
    )
    out["month"] = (out["week"] - 0.5) * DAYS_PER_WEEK / DAYS_PER_MONTH
    return out.round({"twitches_per_day": 2, "weakest_strength_pct": 1, "month": 2})


@lru_cache(maxsize=4)
def side_by_side_data(months: int = SIDE_BY_SIDE_MONTHS) -> pd.DataFrame:
    """Both anonymised people's weekly summaries over ``months`` months, with a ``person`` column."""
    months = whole_number("months", months, 1, 24, "compare up to two years")
    weeks = round(months * DAYS_PER_MONTH / DAYS_PER_WEEK)
    frames = []
    for person, persona in SIDE_BY_SIDE.items():
        frame = weekly_summary(persona_daily(persona), weeks)
        frame.insert(0, "person", person)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def twitch_lead(data: pd.DataFrame) -> str:
    """Who twitched more, and when, in the weeks shown: a sentence computed from the data (never assumed).

    Why: in the canonical year the benign person twitches more at first, while the person with ALS twitches
    more and more as further regions weaken; a reader sees both in the figure, so the words must say both.
    """
    a = data[data["person"] == "Person A"]["twitches_per_day"].to_numpy()
    b = data[data["person"] == "Person B"]["twitches_per_day"].to_numpy()
    n = min(len(a), len(b))
    half = max(1, n // 2)
    b_first = int((b[:half] > a[:half]).sum())
    late = max(1, n // 4)
    a_last = int((a[n - late : n] > b[n - late : n]).sum())
    return (
        f"Twitches: Person B twitched more than Person A in {b_first} of the first {half} weeks; "
        f"in the last {late} weeks shown, Person A twitched more in {a_last}."
    )


def visible_weeks(data: pd.DataFrame, months_shown: int) -> pd.DataFrame:
    """The rows up to ``months_shown`` months (for the side-by-side slider)."""
    months_shown = whole_number(
        "months_shown", months_shown, 1, SIDE_BY_SIDE_MONTHS, "move the slider within its range"
    )
    return data[data["month"] <= months_shown].reset_index(drop=True)


# ---------------------------------------------------------------------------
# 4. Base rates: a population, never a person; every rate with its time span
# ---------------------------------------------------------------------------
POPULATION: int = 100_000
#: LIFETIME: about 70% of people notice muscle twitches at some point in life (Reed & Kurland 1963).
TWITCH_SHARE: float = 0.70
#: LIFETIME: about 1 in 350 men and 1 in 470 women develop motor neuron disease (Alonso 2009,
#: PMID 19475756). ASSUMPTION: for a town of half men, half women, about 1 in 400.
ALS_LIFETIME_RISK: float = 1 / 400
#: TODAY (point prevalence): about 5 people per 100,000 are living with ALS (Chiò 2013, PMID 23860588).
ALS_PREVALENCE_PER_100K: float = 5.0
#: THIS YEAR (incidence): about 2 new diagnoses per 100,000 a year (Logroscino 2010, PMID 19710046).
ALS_INCIDENCE_PER_100K_YEAR: float = 2.0
#: Share of ALS whose first symptom is twitching: roughly 7% (Eisen & Stewart 1994,
#: a letter, read through a secondary source; uncertain, so the lessons say "a small minority").
FASCICULATION_FIRST_SHARE: float = 0.07
#: Follow-up of people whose twitching a neurologist had examined and found benign: three studies, 180
#: people in all, pooled by Mattiuzzi & Lippi 2024 (including Blexrud 1993 and Filippakis 2018); none
#: developed ALS, and progression is described only in rare single case reports.
BFS_FOLLOW_UP_PEOPLE: int = 180
GRID_ROWS: int = 200
GRID_COLUMNS: int = 500

BASE_RATE_STEPS: tuple[str, ...] = (
    "Everyone",
    "Twitch at some point in life",
    "Develop ALS in their lifetime",
    "Living with ALS today",
    "Diagnosed with ALS this year",
)


@dataclass(frozen=True)
class BaseRates:
    """Counts in a population of ``population`` people (expected values, not a forecast for anyone).

    Each count has its own time span: a lifetime, today, or this year. Compare
    like with like: twitching at some point in life against ALS at some point in life.
    """

    population: int
    twitch_in_lifetime: float
    als_in_lifetime: float
    living_with_als: float
    new_als_per_year: float

    @property
    def als_in_lifetime_twitch_first(self) -> float:
        """Of those who will develop ALS in their lifetime, how many first notice twitching (then weakness)."""
        return self.als_in_lifetime * FASCICULATION_FIRST_SHARE

    @property
    def twitchers_per_lifetime_als(self) -> float:
        """People who twitch at some point in life, for each person who develops ALS in a lifetime."""
        return self.twitch_in_lifetime / self.als_in_lifetime

    def table(self) -> pd.Series:
        """The four counts in whole numbers, each named with its time span, marked as rates rather than people.

        The ``course_note`` replaces the usual "synthetic course data" line under a table: these are
        expected counts from published rates, not made-up people.
        """
        counts = pd.Series(
            {
                "twitch at some point in life": self.twitch_in_lifetime,
                "develop ALS at some point in life": self.als_in_lifetime,
                "living with ALS today": self.living_with_als,
                "newly diagnosed with ALS this year": self.new_als_per_year,
            },
            name=f"people in a town of {self.population:,}",
        )
        counts = counts.round().astype(int)
        counts.attrs["course_note"] = "Expected counts from published rates, not real people."
        return counts


def base_rates(population: int = POPULATION) -> BaseRates:
    """Expected counts from the cited rates, for a population (never a personal risk)."""
    population = whole_number("population", population, 1_000, 10_000_000, "use e.g. 100_000")
    scale = population / 100_000
    return BaseRates(
        population=population,
        twitch_in_lifetime=TWITCH_SHARE * population,
        als_in_lifetime=ALS_LIFETIME_RISK * population,
        living_with_als=ALS_PREVALENCE_PER_100K * scale,
        new_als_per_year=ALS_INCIDENCE_PER_100K_YEAR * scale,
    )


# Grid codes: fixed for every step (so a step changes only colours and circles, never the 100,000 cells).
# 0 = does not notice twitches; people who will develop ALS are drawn among the twitchers too.
GRID_TWITCH, GRID_LIFETIME_ALS, GRID_ALS, GRID_NEW_ALS = 1, 2, 3, 4
#: Which codes each step shows as "highlighted" (drawn black and circled).
STEP_HIGHLIGHT: dict[str, tuple[int, ...]] = {
    "Everyone": (),
    "Twitch at some point in life": (),
    "Develop ALS in their lifetime": (GRID_LIFETIME_ALS, GRID_ALS, GRID_NEW_ALS),
    "Living with ALS today": (GRID_ALS, GRID_NEW_ALS),
    "Diagnosed with ALS this year": (GRID_NEW_ALS,),
}


def check_step(step: str) -> str:
    return one_of("step", step, BASE_RATE_STEPS, "pick one of the explorer's buttons")


@lru_cache(maxsize=1)
def population_codes() -> np.ndarray:
    """The 100,000-person grid (GRID_ROWS x GRID_COLUMNS, int8 codes), the same for every step.

    70% twitch at some point (Reed & Kurland 1963), at seeded random positions;
    about 250 will develop ALS in their lifetime (Alonso 2009), of whom 5 are
    living with it today (Chiò 2013) and 2 were diagnosed this year (Logroscino
    2010). They are placed among the twitchers (ASSUMPTION for the picture:
    twitching is one of the lower motor neuron signs of ALS, so most people with
    ALS notice it at some point), so the 70% stays exact.
    """
    rng = np.random.default_rng(COURSE_SEED)
    n = GRID_ROWS * GRID_COLUMNS
    rates = base_rates(n)
    codes = np.zeros(n, dtype=np.int8)
    twitchers = rng.choice(n, size=round(TWITCH_SHARE * n), replace=False)
    codes[twitchers] = GRID_TWITCH
    lifetime = rng.choice(twitchers, size=round(rates.als_in_lifetime), replace=False)
    living, new = round(rates.living_with_als), round(rates.new_als_per_year)
    codes[lifetime] = GRID_LIFETIME_ALS
    codes[lifetime[:living]] = GRID_ALS
    codes[lifetime[:new]] = GRID_NEW_ALS
    codes.flags.writeable = False
    return codes.reshape(GRID_ROWS, GRID_COLUMNS)


def population_grid(step: str) -> tuple[np.ndarray, np.ndarray]:
    """(the fixed grid of codes, sorted flat indices of the people highlighted in ``step``)."""
    codes = population_codes()
    wanted = STEP_HIGHLIGHT[check_step(step)]
    highlighted = np.flatnonzero(np.isin(codes.reshape(-1), wanted)) if wanted else np.array([], dtype=int)
    return codes, highlighted


def base_rate_sentence(step: str) -> str:
    """What one step of the explorer shows, in words, with its time span (the caption and alt text)."""
    check_step(step)
    r = base_rates()
    sentences = {
        "Everyone": f"{r.population:,} people, one tiny square each: a small town.",
        "Twitch at some point in life": (
            f"Over a lifetime, about {r.twitch_in_lifetime:,.0f} of the {r.population:,} (70 in 100) notice muscle "
            "twitches at some point (Reed & Kurland 1963)."
        ),
        "Develop ALS in their lifetime": (
            f"Over a lifetime, about {r.als_in_lifetime:.0f} of the {r.population:,} (about 1 in 400; 1 in 350 men "
            "and 1 in 470 women; Alonso 2009) develop ALS, circled. Lifetime against lifetime: for every one of them, "
            "about "
            f"{r.twitchers_per_lifetime_als:,.0f} people twitch at some point. ALS almost always shows itself through "
            "weakness, or slurred speech or swallowing trouble, that gets worse; only a small minority first notice "
            "twitching (Eisen & Stewart 1994, a rough figure). The circles are drawn far bigger than the squares so "
            "that you can find them: drawn to scale, the 250 would cover 1 square in every 400."
        ),
        "Living with ALS today": (
            f"Today, at one moment in time, about {r.living_with_als:.0f} of the {r.population:,} are living with ALS "
            "(Chiò 2013), circled. This is a snapshot, not a lifetime figure: do not set it against the 70% who "
            "twitch at some point in life."
        ),
        "Diagnosed with ALS this year": (
            f"This year, about {r.new_als_per_year:.0f} of the {r.population:,} are newly diagnosed with ALS "
            "(Logroscino 2010), circled."
        ),
    }
    return sentences[step]
