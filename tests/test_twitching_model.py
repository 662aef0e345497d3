"""The twitching lesson's model: teaching assertions on the seeded cohort, ranges, errors.

Each teaching assertion is a claim the notebook makes in words; if the synthetic
data stopped showing it, the lesson would be teaching something the data does not show.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from helpers.engine import GRIP_CHANGE_WITHIN_NOISE_KG, NEIGHBOURS, REGIONS, trigger_twitch_series
from helpers.errors import CourseInputError
from helpers.twitching import model as m


# ---------------------------------------------------------------------------
# Trigger lab
# ---------------------------------------------------------------------------
def test_more_caffeine_means_more_twitching_in_the_trigger_week():
    peaks = [
        m.summarise_trigger_week(m.trigger_week(caffeine_mg=c, sleep_h=8, stress_0_10=2, exercise_min=30)).peak_per_day
        for c in (0, 200, 400, 800)
    ]
    assert all(b > a for a, b in itertools.pairwise(peaks)), peaks


def test_less_sleep_means_more_twitching_in_the_trigger_week():
    peaks = [
        m.summarise_trigger_week(
            m.trigger_week(caffeine_mg=100, sleep_h=h, stress_0_10=2, exercise_min=30)
        ).peak_per_day
        for h in (8.0, 7.0, 6.0, 5.0, 4.0)
    ]
    assert all(b > a for a, b in itertools.pairwise(peaks)), peaks


def test_more_stress_and_hard_exercise_raise_twitching():
    calm = m.summarise_trigger_week(m.trigger_week(100, 8, 2, 30)).peak_per_day
    assert m.summarise_trigger_week(m.trigger_week(100, 8, 9, 30)).peak_per_day > calm
    assert m.summarise_trigger_week(m.trigger_week(100, 8, 2, 180)).peak_per_day > calm


def test_twitching_rises_in_the_trigger_week_then_settles_back_to_calm():
    week = m.trigger_week(caffeine_mg=400, sleep_h=5, stress_0_10=7, exercise_min=30)
    s = m.summarise_trigger_week(week)
    calm = week["calm_twitches_per_day"].iloc[0]
    trigger_rows = week[week["phase"] == "trigger week"]
    assert s.peak_per_day > 4 * calm, "a bad week should at least quadruple noticed twitching in this model"
    assert s.peak_day in set(trigger_rows["day"]), "the peak falls inside the trigger week"
    after = week[week["phase"] == "calm after"]["twitches_per_day"].to_numpy()
    assert np.all(np.diff(after) < 0), "after the week, twitching falls every day"
    assert s.days_to_settle is not None and s.days_to_settle <= m.SETTLE_DAYS, (
        "it settles to within 10% of calm inside the diary"
    )
    assert after[-1] == pytest.approx(calm, rel=0.1)


def test_the_lab_uses_the_cohorts_trigger_model():
    week = m.trigger_week(300, 6, 5, 60)
    expected = trigger_twitch_series(week["caffeine_mg"], week["sleep_h"], week["stress_0_10"], week["exercise_min"])
    np.testing.assert_allclose(week["twitches_per_day"], expected, atol=1e-3)


def test_grip_is_flat_whatever_the_triggers():
    settings = list(itertools.product((0, 800), (4.0, 9.0), (0, 10), (0, 180)))
    grips = [m.trigger_week(*s)["grip_kg"].to_numpy() for s in settings]
    for g in grips[1:]:
        np.testing.assert_array_equal(g, grips[0])
    assert np.ptp(grips[0]) < 4 * 2 * m.GRIP_NOISE_SD_KG, "day-to-day grip spread is measurement noise only"
    assert abs(np.median(grips[0]) - m.LAB_GRIP_KG) < GRIP_CHANGE_WITHIN_NOISE_KG


@pytest.mark.parametrize(
    "name,bad",
    [
        ("caffeine_mg", -1),
        ("caffeine_mg", 801),
        ("sleep_h", 3.5),
        ("stress_0_10", 11),
        ("exercise_min", float("nan")),
        ("sleep_h", "8"),
    ],
)
def test_out_of_range_triggers_raise_a_course_error_naming_the_input(name, bad):
    args = dict(caffeine_mg=100, sleep_h=8, stress_0_10=2, exercise_min=30)
    args[name] = bad
    with pytest.raises(CourseInputError) as err:
        m.trigger_week(**args)
    assert err.value.what == name


# ---------------------------------------------------------------------------
# Body map: the benign and the progressive pattern
# ---------------------------------------------------------------------------
def test_benign_persona_keeps_full_strength_while_twitching_everywhere():
    months = m.persona_months("benign_fasciculation")
    assert months["strength_pct"].min() == 100.0, "Daniel's strength is full in every region, every month"
    assert not months["weak"].any()
    twitching_regions = set(months.loc[months["twitching"], "region"])
    assert twitching_regions == set(REGIONS) - {"bulbar"}, (
        "his twitching reaches every limb and the trunk over two years, but never the tongue and throat "
        "(tongue twitching is a classic ALS sign, not part of the benign pattern)"
    )
    assert (months.groupby("month")["twitching"].sum() >= 3).mean() > 0.9, (
        "in most months he twitches in several regions"
    )


def test_monthly_regions_are_the_plain_monthly_means_of_each_region():
    """The fast monthly_regions (one groupby for all regions) against the obvious way, region by region."""
    import pandas as pd

    for persona in m.BODY_MAP_PERSONAS:
        daily = m.persona_daily(persona)
        month = daily["day"] // m.DAYS_PER_MONTH + 1
        got = m.monthly_regions(daily)
        assert got["month"].tolist() == [mo for mo in sorted(month.unique()) for _ in REGIONS]
        assert got["region"].tolist() == list(REGIONS) * month.nunique()
        for region in REGIONS:
            rows = got[got["region"] == region].set_index("month")
            twitches = daily[f"twitches_{region}"].astype(float).groupby(month).mean().round(2)
            strength = daily[f"strength_pct_{region}"].astype(float).groupby(month).mean().round(1)
            pd.testing.assert_series_equal(
                rows["twitches_per_day"], twitches, check_names=False, check_index_type=False
            )
            pd.testing.assert_series_equal(rows["strength_pct"], strength, check_names=False, check_index_type=False)
            assert (rows["weak"] == (strength < m.WEAK_BELOW_PCT)).all()
            assert (rows["twitching"] == (twitches >= m.TWITCHING_FROM_PER_DAY)).all()


def test_a_body_map_month_is_that_month_only_and_a_copy():
    one = m.body_map_month("als_limb_onset", 3)
    assert one["month"].tolist() == [3] * len(REGIONS) and one["region"].tolist() == list(REGIONS)
    assert one.index.tolist() == list(range(len(REGIONS)))
    one["strength_pct"] = 0.0
    assert m.body_map_month("als_limb_onset", 3)["strength_pct"].min() > 0, "changing the copy left the cache alone"


def test_benign_twitching_shifts_between_regions_from_month_to_month():
    months = m.persona_months("benign_fasciculation")
    busiest = months.loc[months.groupby("month")["twitches_per_day"].idxmax(), "region"]
    assert busiest.nunique() >= 4, f"the busiest region should move around; got {busiest.value_counts().to_dict()}"


def test_als_persona_twitching_and_weakness_share_a_region():
    months = m.persona_months("als_limb_onset")
    first = months[months["month"] == 1]
    weak_and_twitching = first[first["weak"] & first["twitching"]]
    assert set(weak_and_twitching["region"]) == {"right_arm"}, "in month 1 the right arm is both weak and twitching"


def test_als_weakness_spreads_to_a_neighbouring_region():
    months = m.persona_months("als_limb_onset")
    spread = m.spread_to_neighbour(months)
    assert spread is not None
    origin, neighbour = spread
    assert origin == "right_arm" and neighbour in NEIGHBOURS["right_arm"]
    first = m.first_weak_month(months)
    assert first[neighbour] - first[origin] >= 3, "the spread takes months, not days"
    assert sum(v is not None for v in first.values()) >= 4, "by two years weakness has reached most regions"
    drop = 100 - months[(months["region"] == origin)]["strength_pct"].min()
    assert drop > 100 - m.WEAK_BELOW_PCT, "the loss is beyond measurement noise"


def test_bulbar_als_also_spreads_to_neighbours():
    spread = m.spread_to_neighbour(m.persona_months("als_bulbar_onset"))
    assert spread is not None and spread[0] == "bulbar" and spread[1] in NEIGHBOURS["bulbar"]


def test_body_map_month_has_six_regions_and_checks_its_inputs():
    regions = m.body_map_month("als_limb_onset", 5)
    assert list(regions["region"]) == list(REGIONS)
    assert m.month_count("als_limb_onset") == 24
    with pytest.raises(CourseInputError):
        m.body_map_month("als_limb_onset", 0)
    with pytest.raises(CourseInputError):
        m.body_map_month("als_limb_onset", 25)
    with pytest.raises(CourseInputError):
        m.body_map_month("Als_limb_onset", 3)


# ---------------------------------------------------------------------------
# Side by side
# ---------------------------------------------------------------------------
def test_side_by_side_person_b_is_benign_and_often_twitches_more():
    data = m.side_by_side_data()
    a, b = (data[data["person"] == p] for p in ("Person A", "Person B"))
    assert m.SIDE_BY_SIDE["Person B"] == "benign_fasciculation"
    assert (b["weakest_strength_pct"] == 100).all()
    assert a["weakest_strength_pct"].iloc[-1] < a["weakest_strength_pct"].iloc[0] - 15, (
        "Person A loses strength beyond noise"
    )
    assert (b["twitches_per_day"].to_numpy() > a["twitches_per_day"].to_numpy()).mean() > 0.25, (
        "the benign person twitches more in many weeks"
    )
    assert b["cramps_per_week"].sum() > 0 and a["cramps_per_week"].sum() > 0, "both have cramps"
    assert data["month"].max() <= 12


# ---------------------------------------------------------------------------
# Base rates
# ---------------------------------------------------------------------------
def test_base_rates_match_the_cited_figures():
    r = m.base_rates(100_000)
    assert r.twitch_in_lifetime == pytest.approx(70_000)  # Reed & Kurland 1963, lifetime
    assert r.als_in_lifetime == pytest.approx(250)  # Alonso 2009: 1 in 350 men, 1 in 470 women, lifetime
    assert 100_000 / 470 < r.als_in_lifetime < 100_000 / 350
    assert r.living_with_als == pytest.approx(5)  # Chiò 2013, today
    assert r.new_als_per_year == pytest.approx(2)  # Logroscino 2010, this year
    assert r.als_in_lifetime_twitch_first == pytest.approx(17.5)  # 7% (Eisen & Stewart 1994)
    assert r.twitchers_per_lifetime_als == pytest.approx(280)
    assert m.base_rates(1_000_000).living_with_als == pytest.approx(50)


def test_every_base_rate_sentence_names_its_time_span_and_never_sets_a_snapshot_against_a_lifetime():
    """Issue 17: compare rates over the same time span; say which span each number covers."""
    spans = {
        "Twitch at some point in life": "lifetime",
        "Develop ALS in their lifetime": "lifetime",
        "Living with ALS today": "today",
        "Diagnosed with ALS this year": "this year",
    }
    for step, span in spans.items():
        assert span in m.base_rate_sentence(step).lower(), (step, span)
    assert "almost everyone who twitches does not have it" not in " ".join(m.base_rate_sentence(s) for s in spans)
    assert "weakness" in m.base_rate_sentence("Develop ALS in their lifetime"), "ALS almost always comes with weakness"


def test_population_grid_counts_match_the_rates_in_every_step():
    grid, _ = m.population_grid("Everyone")
    assert grid.shape == (m.GRID_ROWS, m.GRID_COLUMNS) and grid.size == 100_000
    assert (grid >= m.GRID_TWITCH).sum() == 70_000, "70% twitch at some point, people with ALS among them"
    assert (grid >= m.GRID_LIFETIME_ALS).sum() == 250
    lifetime = set(m.population_grid("Develop ALS in their lifetime")[1])
    living = set(m.population_grid("Living with ALS today")[1])
    new = set(m.population_grid("Diagnosed with ALS this year")[1])
    assert (len(lifetime), len(living), len(new)) == (250, 5, 2)
    assert new <= living <= lifetime
    for step in m.BASE_RATE_STEPS:
        assert m.population_grid(step)[0] is grid, "the grid never changes between steps"


def test_base_rate_text_never_speaks_of_a_personal_risk():
    for step in m.BASE_RATE_STEPS:
        text = m.base_rate_sentence(step).lower()
        assert "your risk" not in text and "you have" not in text
    with pytest.raises(CourseInputError):
        m.base_rate_sentence("Everybody")
    with pytest.raises(CourseInputError):
        m.base_rates(10)
