"""Read, validate and describe the personas in data/personas.toml.

Why a data file: instructors add or change a persona without touching Python.
Why strict validation: a typo in that file should stop with a message that names
the persona, the field, the allowed values and the fix, not produce a silently
odd cohort.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.errors import CourseInputError
from helpers.model.regions import REGIONS

#: The twelve course personas, in the order of the canonical cohort.
PERSONA_IDS: tuple[str, ...] = (
    "hard_training_week",
    "exam_stress_student",
    "benign_fasciculation",
    "health_anxiety",
    "als_limb_onset",
    "als_bulbar_onset",
    "myasthenia_gravis",
    "cervical_radiculopathy",
    "carpal_tunnel",
    "overactive_thyroid",
    "b12_deficiency",
    "post_viral_fatigue",
)

CATEGORIES: tuple[str, ...] = ("benign", "als", "mimic")
WEAKNESS_KINDS: tuple[str, ...] = ("none", "als", "focal", "fatigable")
TWITCH_PATTERNS: tuple[str, ...] = ("triggers", "widespread_migrating")


def default_personas_path() -> Path:
    """data/personas.toml of the repository, found relative to the package."""
    import helpers

    return Path(helpers.__file__).resolve().parent.parent / "data" / "personas.toml"


# ---------------------------------------------------------------------------
# Schema: (kind, allowed, default). kind is "num", "int", "str", "bool",
# "choice", "regions". For numbers, allowed = (low, high).
# ---------------------------------------------------------------------------
_Field = tuple[str, Any, Any]

_TOP: dict[str, _Field] = {
    "label": ("str", None, None),
    "age": ("int", (18, 95), None),
    "sex": ("choice", ("female", "male"), None),
    "category": ("choice", CATEGORIES, None),
    "story": ("str", None, None),
    "condition": ("str", None, None),
    "condition_explained": ("str", None, None),
    "onset_region": ("choice", ("",) + REGIONS, ""),
    "sensory_site": ("str", None, ""),
    "sources": ("strlist", None, ()),
}

_SECTIONS: dict[str, dict[str, _Field]] = {
    "context": {
        "sleep_h": ("num", (3.0, 11.0), 7.4),
        "caffeine_mg": ("num", (0.0, 1500.0), 150.0),
        "stress_0_10": ("num", (0.0, 10.0), 3.0),
        "exercise_min": ("num", (0.0, 300.0), 30.0),
        "exercise_days_per_week": ("num", (0.0, 7.0), 3.0),
        "episodes": ("episodes", None, ()),
    },
    "twitching": {
        "extra_per_day": ("num", (0.0, 200.0), 0.0),
        "pattern": ("choice", TWITCH_PATTERNS, "triggers"),
        "noticing": ("num", (0.1, 10.0), 1.0),
    },
    "cramps": {"per_week": ("num", (0.0, 50.0), 0.3)},
    "weakness": {
        "kind": ("choice", WEAKNESS_KINDS, "none"),
        "regions": ("regions", None, ()),
        "depth_pct": ("num", (0.0, 60.0), 0.0),
        "start_day": ("int", (-3650, 3650), 0),
        "fluctuation_pct": ("num", (0.0, 30.0), 0.0),
        "grip_drop_12_pct": ("num", (0.0, 90.0), 30.0),
        "alsfrs_r_points_per_month": ("num", (0.01, 5.0), 0.95),
        "alsfrs_r_sd": ("num", (0.0, 2.0), 0.47),
    },
    "sensory": {
        "numbness_0_10": ("num", (0.0, 10.0), 0.0),
        "night_extra_0_10": ("num", (0.0, 10.0), 0.0),
        "balance_0_10": ("num", (0.0, 10.0), 0.0),
    },
    "pain": {"pain_0_10": ("num", (0.0, 10.0), 0.0)},
    "eyes": {
        "eyelid_droop_0_10": ("num", (0.0, 10.0), 0.0),
        "double_vision_fraction": ("num", (0.0, 1.0), 0.0),
    },
    "fatigue": {
        "extra_0_10": ("num", (0.0, 10.0), 0.0),
        "post_exertional": ("bool", None, False),
        "significant_probability": ("num", (0.0, 1.0), 0.0),
        "extra_if_significant_0_10": ("num", (0.0, 10.0), 3.5),
    },
    "anxiety": {
        "self_checks_per_day": ("num", (0.0, 100.0), 0.3),
        "reported_weakness_0_10": ("num", (0.0, 10.0), 0.0),
    },
    "improvement": {
        "from_day": ("int", (-3650, 3650), None),
        "fraction": ("num", (0.0, 1.0), 0.0),
        "tau_days": ("num", (1.0, 3650.0), 60.0),
        "reason": ("str", None, ""),
    },
}

_EPISODE: dict[str, _Field] = {
    "name": ("str", None, ""),
    "start_day": ("int", (-3650, 3650), None),
    "end_day": ("int", (-3650, 3650), None),
    "sleep_h": _SECTIONS["context"]["sleep_h"][:2] + (None,),
    "caffeine_mg": _SECTIONS["context"]["caffeine_mg"][:2] + (None,),
    "stress_0_10": _SECTIONS["context"]["stress_0_10"][:2] + (None,),
    "exercise_min": _SECTIONS["context"]["exercise_min"][:2] + (None,),
}


@dataclass(frozen=True)
class Episode:
    """A stretch of days with different context (an exam period, a hard week)."""

    name: str
    start_day: int
    end_day: int
    values: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class PersonaSpec:
    """One validated persona: identity plus flattened parameters ("section.field")."""

    persona: str
    label: str
    age: int
    sex: str
    category: str
    story: str
    condition: str
    condition_explained: str
    onset_region: str
    sensory_site: str
    sources: tuple[str, ...]
    params: dict[str, Any]
    episodes: tuple[Episode, ...]

    def p(self, key: str) -> Any:
        """Parameter by "section.field" name (defaults already filled in)."""
        return self.params[key]


def _bad(persona: str, fld: str, got: Any, allowed: str, fix: str) -> CourseInputError:
    return CourseInputError(f"persona file: persona '{persona}', field '{fld}'", got, allowed, fix)


def _check_value(persona: str, fld: str, spec: _Field, value: Any) -> Any:
    """Check one value against its schema entry and return it normalised."""
    kind, allowed, _ = spec
    if kind in ("num", "int"):
        ok_type = isinstance(value, (int, float)) and not isinstance(value, bool)
        if kind == "int":
            ok_type = isinstance(value, int) and not isinstance(value, bool)
        low, high = allowed
        if not ok_type or (isinstance(value, float) and math.isnan(value)):
            want = "a whole number" if kind == "int" else "a number"
            raise _bad(persona, fld, value, f"{want} from {low} to {high}", f"write {fld} = <{want}> without quotes")
        if not low <= value <= high:
            raise _bad(persona, fld, value, f"{low} to {high}", f"change {fld} to a value in that range")
        return int(value) if kind == "int" else float(value)
    if kind == "str":
        if not isinstance(value, str):
            raise _bad(persona, fld, value, "text in quotes", f'write {fld} = "..."')
        return value
    if kind == "strlist":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise _bad(persona, fld, value, "a list of texts", f'write {fld} = ["...", "..."]')
        return tuple(value)
    if kind == "bool":
        if not isinstance(value, bool):
            raise _bad(persona, fld, value, "true or false", f"write {fld} = true or {fld} = false")
        return value
    if kind == "choice":
        if value not in allowed:
            shown = ", ".join(repr(a) for a in allowed)
            raise _bad(persona, fld, value, shown, f"set {fld} to one of the allowed values")
        return value
    if kind == "regions":
        if not isinstance(value, list) or not all(v in REGIONS for v in value):
            raise _bad(persona, fld, value, f"a list drawn from {', '.join(REGIONS)}", f'write {fld} = ["right_arm"]')
        return tuple(value)
    if kind == "episodes":
        return _check_episodes(persona, fld, value)
    raise AssertionError(kind)  # pragma: no cover - schema bug


def _check_episodes(persona: str, fld: str, value: Any) -> tuple[Episode, ...]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise _bad(persona, fld, value, "a list of { start_day = ..., end_day = ..., ... } tables",
                   "see the layout described at the top of personas.toml")
    episodes = []
    for i, item in enumerate(value):
        name = f"{fld}[{i}]"
        unknown = set(item) - set(_EPISODE)
        if unknown:
            raise _bad(persona, f"{name}.{sorted(unknown)[0]}", sorted(unknown)[0], ", ".join(_EPISODE),
                       "remove or rename the field")
        for req in ("start_day", "end_day"):
            if req not in item:
                raise _bad(persona, f"{name}.{req}", None, "a whole day number", f"add {req} = <day>")
        checked = {k: _check_value(persona, f"{name}.{k}", _EPISODE[k], v) for k, v in item.items()}
        if checked["end_day"] < checked["start_day"]:
            raise _bad(persona, f"{name}.end_day", checked["end_day"], f">= start_day ({checked['start_day']})",
                       "swap start_day and end_day")
        values = {k: v for k, v in checked.items() if k not in ("name", "start_day", "end_day")}
        episodes.append(Episode(checked.get("name", ""), checked["start_day"], checked["end_day"], values))
    return tuple(episodes)


def _parse_persona(persona: str, raw: Any) -> PersonaSpec:
    """Validate one [personas.<id>] table and fill in defaults."""
    if not isinstance(raw, dict):
        raise _bad(persona, "(table)", raw, "a [personas.<id>] table", "see the layout at the top of personas.toml")
    allowed_keys = set(_TOP) | set(_SECTIONS)
    for key in raw:
        if key not in allowed_keys:
            raise _bad(persona, key, key, ", ".join(list(_TOP) + list(_SECTIONS)), "remove or rename the field (check spelling)")
    top: dict[str, Any] = {}
    for key, spec in _TOP.items():
        if key in raw:
            top[key] = _check_value(persona, key, spec, raw[key])
        elif spec[2] is None:
            raise _bad(persona, key, None, _describe(spec), f"add {key} = ... to [personas.{persona}]")
        else:
            top[key] = spec[2]
    params: dict[str, Any] = {}
    episodes: tuple[Episode, ...] = ()
    for section, fields in _SECTIONS.items():
        given = raw.get(section, {})
        if not isinstance(given, dict):
            raise _bad(persona, section, given, f"a [personas.{persona}.{section}] table", "make it a table")
        for key in given:
            if key not in fields:
                raise _bad(persona, f"{section}.{key}", key, ", ".join(fields), "remove or rename the field (check spelling)")
        for key, spec in fields.items():
            value = _check_value(persona, f"{section}.{key}", spec, given[key]) if key in given else spec[2]
            if section == "context" and key == "episodes":
                episodes = value
            else:
                params[f"{section}.{key}"] = value
    _check_consistency(persona, top, params, "improvement" in raw)
    return PersonaSpec(persona=persona, params=params, episodes=episodes, **top)


def _describe(spec: _Field) -> str:
    kind, allowed, _ = spec
    if kind == "choice":
        return ", ".join(repr(a) for a in allowed)
    if kind in ("num", "int"):
        return f"{allowed[0]} to {allowed[1]}"
    return "text in quotes"


def _check_consistency(persona: str, top: dict[str, Any], params: dict[str, Any], has_improvement: bool) -> None:
    """Rules that link fields: ALS needs an onset region; focal weakness needs regions."""
    kind = params["weakness.kind"]
    if kind == "als" and not top["onset_region"]:
        raise _bad(persona, "onset_region", "", ", ".join(REGIONS), "ALS personas need onset_region = \"right_arm\" (or another region)")
    if kind != "als" and top["onset_region"]:
        raise _bad(persona, "onset_region", top["onset_region"], "empty unless weakness.kind = \"als\"",
                   "remove onset_region or set [weakness] kind = \"als\"")
    if kind == "als" and top["category"] != "als":
        raise _bad(persona, "category", top["category"], "'als' when weakness.kind = \"als\"", "set category = \"als\"")
    if kind in ("focal", "fatigable") and not params["weakness.regions"]:
        raise _bad(persona, "weakness.regions", [], f"a list drawn from {', '.join(REGIONS)}",
                   f"{kind} weakness needs regions = [\"right_arm\"] (for example)")
    if top["category"] == "benign" and (kind != "none" or params["sensory.numbness_0_10"] > 0):
        raise _bad(persona, "category", "benign", "'mimic' or 'als' for a persona with weakness or numbness",
                   "benign personas keep full strength and normal sensation; change category or remove the weakness")
    if kind == "als" and (params["sensory.numbness_0_10"] > 0 or params["sensory.night_extra_0_10"] > 0):
        raise _bad(persona, "sensory.numbness_0_10", params["sensory.numbness_0_10"], "0 for ALS",
                   "ALS spares sensation (clinical brief, section 2); remove the [sensory] numbness")
    if (params["sensory.numbness_0_10"] > 0 or params["sensory.night_extra_0_10"] > 0) and not top["sensory_site"]:
        raise _bad(persona, "sensory_site", "", "a short description of where the numbness is felt",
                   'add sensory_site = "both feet" (for example)')
    if has_improvement and params["improvement.from_day"] is None:
        raise _bad(persona, "improvement.from_day", None, "a whole day number", "add from_day = <day> to [improvement]")


def load_persona_specs(path: str | Path | None = None) -> dict[str, PersonaSpec]:
    """Parse and validate the persona file; return specs by id, in file order."""
    path = Path(path) if path is not None else default_personas_path()
    try:
        with open(path, "rb") as fh:
            raw = tomllib.load(fh)
    except FileNotFoundError:
        raise CourseInputError("persona file", str(path), "an existing .toml file",
                               "pass the path to personas.toml, or omit it to use data/personas.toml") from None
    except tomllib.TOMLDecodeError as exc:
        raise CourseInputError("persona file", str(path), "valid TOML", f"fix the syntax error: {exc}") from None
    personas = raw.get("personas")
    if not isinstance(personas, dict) or not personas:
        raise CourseInputError("persona file", str(path), "one or more [personas.<id>] tables",
                               "add at least one [personas.<id>] table")
    for pid in personas:
        if not pid.replace("_", "").isalnum() or not pid.islower():
            raise _bad(pid, "(id)", pid, "snake_case: lower-case letters, digits and _", "rename the table")
    return {pid: _parse_persona(pid, body) for pid, body in personas.items()}


def load_personas(path: str | Path | None = None) -> pd.DataFrame:
    """The persona file as a table: one row per persona, identity columns then parameters.

    Parameter columns are named "section.field" as in the file, with defaults
    filled in; ``episodes`` holds the list of context episodes.
    """
    specs = load_persona_specs(path)
    rows = []
    for spec in specs.values():
        row: dict[str, Any] = {k: getattr(spec, k) for k in ("persona",) + tuple(_TOP)}
        row["sources"] = "; ".join(spec.sources)
        row.update(spec.params)
        row["episodes"] = [
            {"name": e.name, "start_day": e.start_day, "end_day": e.end_day, **e.values} for e in spec.episodes
        ]
        rows.append(row)
    return pd.DataFrame(rows)


def check_persona_ids(personas: Any, known: dict[str, PersonaSpec]) -> tuple[str, ...]:
    """Validate a list of persona ids against the persona file; name the allowed ids on error."""
    if isinstance(personas, str):
        personas = [personas]
    try:
        ids = tuple(personas)
    except TypeError:
        raise CourseInputError("personas", personas, "a list of persona ids", 'pass e.g. ["als_limb_onset"]') from None
    if not ids:
        raise CourseInputError("personas", personas, ", ".join(known), "pass at least one persona id, or None for all")
    for pid in ids:
        if pid not in known:
            raise CourseInputError("persona", pid, ", ".join(known), "use one of the persona ids exactly as listed")
    if len(set(ids)) != len(ids):
        raise CourseInputError("personas", list(ids), "each persona id at most once",
                               "remove duplicates; use people_per_persona for more people")
    return ids


def persona_story(persona_id: str, path: str | Path | None = None) -> dict[str, Any]:
    """What a lesson shows about a persona: label, age, sex, story; plus the hidden truth.

    ``condition`` and ``condition_explained`` are for the reveal, after the
    learner has committed to an answer.
    """
    specs = load_persona_specs(path)
    pid = check_persona_ids([persona_id], specs)[0]
    s = specs[pid]
    return {
        "persona": s.persona,
        "label": s.label,
        "age": s.age,
        "sex": s.sex,
        "story": s.story,
        "category": s.category,
        "condition": s.condition,
        "condition_explained": s.condition_explained,
        "onset_region": s.onset_region,
        "sensory_site": s.sensory_site,
        "sources": list(s.sources),
    }
