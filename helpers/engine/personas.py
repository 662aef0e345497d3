"""Read, validate and describe the personas in data/personas.toml.

Why a data file: instructors add or change a persona without touching Python.
Why typed sections: every section of the file (``[context]``, ``[weakness]``...)
is a frozen dataclass here, so the engine reads ``spec.weakness.kind`` (a typo is
caught by the type checker, not at run time) and the allowed range of every field
is written once, next to the field. Why strict validation: a typo in the file
should stop with a message that names the persona, the field, the allowed values
and the fix, not produce a silently odd cohort.
"""

from __future__ import annotations

import dataclasses
import math
import os
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.engine.regions import REGIONS
from helpers.errors import CourseInputError

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
# Field rules: kept in each dataclass field's metadata, read by the parser.
# kind is "num", "int", "str", "strlist", "bool", "choice", "regions" or "episodes".
# ---------------------------------------------------------------------------
def _rule(kind: str, allowed: Any = None) -> dict[str, Any]:
    return {"kind": kind, "allowed": allowed}


def num(default: float, low: float, high: float) -> Any:
    """A number field from ``low`` to ``high``."""
    return field(default=default, metadata=_rule("num", (low, high)))


def whole(default: int | None, low: int, high: int) -> Any:
    """A whole-number field (``None`` as default: required when its section is given)."""
    return field(default=default, metadata=_rule("int", (low, high)))


def choice(default: str, allowed: tuple[str, ...]) -> Any:
    return field(default=default, metadata=_rule("choice", allowed))


def flag(default: bool) -> Any:
    return field(default=default, metadata=_rule("bool"))


def words(default: str = "") -> Any:
    return field(default=default, metadata=_rule("str"))


def regions() -> Any:
    return field(default=(), metadata=_rule("regions"))


@dataclass(frozen=True)
class Episode:
    """A stretch of days with different context (an exam period, a hard week)."""

    name: str
    start_day: int
    end_day: int
    values: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Context:
    """Everyday life: the usual sleep, caffeine, stress and exercise, and episodes that change them."""

    sleep_h: float = num(7.4, 3.0, 11.0)
    caffeine_mg: float = num(150.0, 0.0, 1500.0)
    stress_0_10: float = num(3.0, 0.0, 10.0)
    exercise_min: float = num(30.0, 0.0, 300.0)
    exercise_days_per_week: float = num(3.0, 0.0, 7.0)
    episodes: tuple[Episode, ...] = field(default=(), metadata=_rule("episodes"))


@dataclass(frozen=True)
class Twitching:
    extra_per_day: float = num(0.0, 0.0, 200.0)
    pattern: str = choice("triggers", TWITCH_PATTERNS)
    noticing: float = num(1.0, 0.1, 10.0)


@dataclass(frozen=True)
class Cramps:
    per_week: float = num(0.3, 0.0, 50.0)


@dataclass(frozen=True)
class Weakness:
    kind: str = choice("none", WEAKNESS_KINDS)
    regions: tuple[str, ...] = regions()
    depth_pct: float = num(0.0, 0.0, 60.0)
    start_day: int = whole(0, -3650, 3650)
    #: Focal weakness: days from the first loss to its full depth. 14 is a focal mimic's usual two weeks
    #: (ASSUMPTION); the case lab's sudden weakness uses a fraction of a day.
    onset_days: float = num(14.0, 0.1, 365.0)
    fluctuation_pct: float = num(0.0, 0.0, 30.0)
    grip_drop_12_pct: float = num(30.0, 0.0, 90.0)
    alsfrs_r_points_per_month: float = num(0.95, 0.01, 5.0)
    alsfrs_r_sd: float = num(0.47, 0.0, 2.0)


@dataclass(frozen=True)
class Sensory:
    numbness_0_10: float = num(0.0, 0.0, 10.0)
    night_extra_0_10: float = num(0.0, 0.0, 10.0)
    balance_0_10: float = num(0.0, 0.0, 10.0)

    @property
    def has_numbness(self) -> bool:
        return self.numbness_0_10 > 0 or self.night_extra_0_10 > 0


@dataclass(frozen=True)
class Pain:
    pain_0_10: float = num(0.0, 0.0, 10.0)


@dataclass(frozen=True)
class Eyes:
    eyelid_droop_0_10: float = num(0.0, 0.0, 10.0)
    double_vision_fraction: float = num(0.0, 0.0, 1.0)


@dataclass(frozen=True)
class Fatigue:
    extra_0_10: float = num(0.0, 0.0, 10.0)
    post_exertional: bool = flag(False)
    significant_probability: float = num(0.0, 0.0, 1.0)
    extra_if_significant_0_10: float = num(3.5, 0.0, 10.0)


@dataclass(frozen=True)
class Anxiety:
    self_checks_per_day: float = num(0.3, 0.0, 100.0)
    reported_weakness_0_10: float = num(0.0, 0.0, 10.0)


@dataclass(frozen=True)
class Improvement:
    """Treatment or natural recovery of a mimic (never ALS). ``from_day`` None: no improvement."""

    from_day: int | None = whole(None, -3650, 3650)
    fraction: float = num(0.0, 0.0, 1.0)
    tau_days: float = num(60.0, 1.0, 3650.0)
    reason: str = words()


#: The optional sections of a persona entry, by their name in the file.
SECTIONS: dict[str, type] = {
    "context": Context,
    "twitching": Twitching,
    "cramps": Cramps,
    "weakness": Weakness,
    "sensory": Sensory,
    "pain": Pain,
    "eyes": Eyes,
    "fatigue": Fatigue,
    "anxiety": Anxiety,
    "improvement": Improvement,
}

#: Top-level fields: (rule, default); a default of None means required.
_TOP: dict[str, tuple[dict[str, Any], Any]] = {
    "label": (_rule("str"), None),
    "age": (_rule("int", (18, 95)), None),
    "sex": (_rule("choice", ("female", "male")), None),
    "category": (_rule("choice", CATEGORIES), None),
    "story": (_rule("str"), None),
    "condition": (_rule("str"), None),
    "condition_explained": (_rule("str"), None),
    "onset_region": (_rule("choice", ("", *REGIONS)), ""),
    "sensory_site": (_rule("str"), ""),
    "sources": (_rule("strlist"), ()),
}

_EPISODE_VALUES = ("sleep_h", "caffeine_mg", "stress_0_10", "exercise_min")
_EPISODE_FIELDS = ("name", "start_day", "end_day", *_EPISODE_VALUES)


@dataclass(frozen=True)
class PersonaSpec:
    """One validated persona: identity plus one typed object per section of the file."""

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
    context: Context = Context()
    twitching: Twitching = Twitching()
    cramps: Cramps = Cramps()
    weakness: Weakness = Weakness()
    sensory: Sensory = Sensory()
    pain: Pain = Pain()
    eyes: Eyes = Eyes()
    fatigue: Fatigue = Fatigue()
    anxiety: Anxiety = Anxiety()
    improvement: Improvement = Improvement()

    @property
    def episodes(self) -> tuple[Episode, ...]:
        return self.context.episodes

    def parameters(self) -> dict[str, Any]:
        """Every section field as "section.field" -> value (episodes excluded), as in the file."""
        out: dict[str, Any] = {}
        for name in SECTIONS:
            section = getattr(self, name)
            for f in dataclasses.fields(section):
                if f.name != "episodes":
                    out[f"{name}.{f.name}"] = getattr(section, f.name)
        return out


def _bad(persona: str, fld: str, got: Any, allowed: str, fix: str) -> CourseInputError:
    return CourseInputError(f"persona file: persona '{persona}', field '{fld}'", got, allowed, fix)


def _check_value(persona: str, fld: str, rule: dict[str, Any], value: Any) -> Any:
    """Check one value against its rule and return it normalised."""
    kind, allowed = rule["kind"], rule["allowed"]
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
        raise _bad(
            persona,
            fld,
            value,
            "a list of { start_day = ..., end_day = ..., ... } tables",
            "see the layout described at the top of personas.toml",
        )
    context_rules = {f.name: f.metadata for f in dataclasses.fields(Context)}
    rules = {"name": _rule("str"), "start_day": _rule("int", (-3650, 3650)), "end_day": _rule("int", (-3650, 3650))}
    rules.update({k: dict(context_rules[k]) for k in _EPISODE_VALUES})
    episodes = []
    for i, item in enumerate(value):
        name = f"{fld}[{i}]"
        unknown = set(item) - set(_EPISODE_FIELDS)
        if unknown:
            raise _bad(
                persona,
                f"{name}.{sorted(unknown)[0]}",
                sorted(unknown)[0],
                ", ".join(_EPISODE_FIELDS),
                "remove or rename the field",
            )
        for req in ("start_day", "end_day"):
            if req not in item:
                raise _bad(persona, f"{name}.{req}", None, "a whole day number", f"add {req} = <day>")
        checked = {k: _check_value(persona, f"{name}.{k}", rules[k], v) for k, v in item.items()}
        if checked["end_day"] < checked["start_day"]:
            raise _bad(
                persona,
                f"{name}.end_day",
                checked["end_day"],
                f">= start_day ({checked['start_day']})",
                "swap start_day and end_day",
            )
        values = {k: v for k, v in checked.items() if k not in ("name", "start_day", "end_day")}
        episodes.append(Episode(checked.get("name", ""), checked["start_day"], checked["end_day"], values))
    return tuple(episodes)


def _parse_section(persona: str, section: str, given: Any) -> Any:
    """One [personas.<id>.<section>] table as its dataclass, defaults filled in."""
    cls = SECTIONS[section]
    if not isinstance(given, dict):
        raise _bad(persona, section, given, f"a [personas.{persona}.{section}] table", "make it a table")
    fields = {f.name: f for f in dataclasses.fields(cls)}
    for key in given:
        if key not in fields:
            raise _bad(
                persona, f"{section}.{key}", key, ", ".join(fields), "remove or rename the field (check spelling)"
            )
    values = {key: _check_value(persona, f"{section}.{key}", dict(fields[key].metadata), v) for key, v in given.items()}
    return cls(**values)


def _parse_persona(persona: str, raw: Any) -> PersonaSpec:
    """Validate one [personas.<id>] table and fill in defaults."""
    if not isinstance(raw, dict):
        raise _bad(persona, "(table)", raw, "a [personas.<id>] table", "see the layout at the top of personas.toml")
    allowed_keys = list(_TOP) + list(SECTIONS)
    for key in raw:
        if key not in allowed_keys:
            raise _bad(persona, key, key, ", ".join(allowed_keys), "remove or rename the field (check spelling)")
    top: dict[str, Any] = {}
    for key, (rule, default) in _TOP.items():
        if key in raw:
            top[key] = _check_value(persona, key, rule, raw[key])
        elif default is None:
            raise _bad(persona, key, None, _describe(rule), f"add {key} = ... to [personas.{persona}]")
        else:
            top[key] = default
    sections = {name: _parse_section(persona, name, raw.get(name, {})) for name in SECTIONS}
    spec = PersonaSpec(persona=persona, **top, **sections)
    _check_consistency(spec, "improvement" in raw)
    return spec


def _describe(rule: dict[str, Any]) -> str:
    kind, allowed = rule["kind"], rule["allowed"]
    if kind == "choice":
        return ", ".join(repr(a) for a in allowed)
    if kind in ("num", "int"):
        return f"{allowed[0]} to {allowed[1]}"
    return "text in quotes"


def _check_consistency(spec: PersonaSpec, has_improvement: bool) -> None:
    """Rules that link fields: ALS needs an onset region; focal weakness needs regions."""
    persona, kind = spec.persona, spec.weakness.kind
    if kind == "als" and not spec.onset_region:
        raise _bad(
            persona,
            "onset_region",
            "",
            ", ".join(REGIONS),
            'ALS personas need onset_region = "right_arm" (or another region)',
        )
    if kind != "als" and spec.onset_region:
        raise _bad(
            persona,
            "onset_region",
            spec.onset_region,
            'empty unless weakness.kind = "als"',
            'remove onset_region or set [weakness] kind = "als"',
        )
    if kind == "als" and spec.category != "als":
        raise _bad(persona, "category", spec.category, "'als' when weakness.kind = \"als\"", 'set category = "als"')
    if kind in ("focal", "fatigable") and not spec.weakness.regions:
        raise _bad(
            persona,
            "weakness.regions",
            [],
            f"a list drawn from {', '.join(REGIONS)}",
            f'{kind} weakness needs regions = ["right_arm"] (for example)',
        )
    if spec.category == "benign" and (kind != "none" or spec.sensory.numbness_0_10 > 0):
        raise _bad(
            persona,
            "category",
            "benign",
            "'mimic' or 'als' for a persona with weakness or numbness",
            "benign personas keep full strength and normal sensation; change category or remove the weakness",
        )
    if kind == "als" and spec.sensory.has_numbness:
        raise _bad(
            persona,
            "sensory.numbness_0_10",
            spec.sensory.numbness_0_10,
            "0 for ALS",
            "ALS usually spares sensation (numbness as a main symptom points elsewhere), and the course's ALS "
            "personas have none: remove the [sensory] numbness",
        )
    if spec.sensory.has_numbness and not spec.sensory_site:
        raise _bad(
            persona,
            "sensory_site",
            "",
            "a short description of where the numbness is felt",
            'add sensory_site = "both feet" (for example)',
        )
    from helpers.references import bibliography

    unknown = [s for s in spec.sources if s not in bibliography()]
    if unknown:
        raise _bad(
            persona,
            "sources",
            unknown[0],
            "keys of data/references.toml, e.g. 'white2013'",
            "use the key of an entry in data/references.toml, or add the source there first",
        )
    if has_improvement and spec.improvement.from_day is None:
        raise _bad(persona, "improvement.from_day", None, "a whole day number", "add from_day = <day> to [improvement]")


def load_persona_specs(path: str | Path | None = None) -> dict[str, PersonaSpec]:
    """Parse and validate the persona file; return specs by id, in file order.

    Parsed once per version of the file (its path and modification time): a widget that redraws
    for every slider step must not re-read the TOML each time, and a teacher's edit is still seen.
    """
    if path is not None and not isinstance(path, (str, os.PathLike)):
        raise CourseInputError(
            "persona file",
            path,
            "a path to a .toml file (text or a Path), or None for data/personas.toml",
            "pass e.g. 'my_personas.toml', or leave it out",
        )
    path = Path(path) if path is not None else default_personas_path()
    try:
        mtime = path.stat().st_mtime_ns
    except FileNotFoundError:
        mtime = -1  # _parse_persona_file raises the learner-facing error
    return dict(_parse_persona_file(str(path.resolve()), mtime))


@lru_cache(maxsize=8)
def _parse_persona_file(path_text: str, _mtime_ns: int) -> dict[str, PersonaSpec]:
    path = Path(path_text)
    try:
        # utf-8-sig: a file saved by Windows Notepad starts with a byte-order mark, which TOML does not allow.
        raw = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        raise CourseInputError(
            "persona file",
            str(path),
            "an existing .toml file",
            "pass the path to personas.toml, or omit it to use data/personas.toml",
        ) from None
    except UnicodeDecodeError as exc:
        raise CourseInputError(
            "persona file",
            str(path),
            "text saved as UTF-8",
            f"save it again with the encoding UTF-8 (byte {exc.start} is not UTF-8 text)",
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise CourseInputError("persona file", str(path), "valid TOML", f"fix the syntax error: {exc}") from None
    personas = raw.get("personas")
    if not isinstance(personas, dict) or not personas:
        raise CourseInputError(
            "persona file", str(path), "one or more [personas.<id>] tables", "add at least one [personas.<id>] table"
        )
    for pid in personas:
        if not pid.replace("_", "").isalnum() or not pid.islower():
            raise _bad(pid, "(id)", pid, "snake_case: lower-case letters, digits and _", "rename the table")
    return {pid: _parse_persona(pid, body) for pid, body in personas.items()}


def load_personas(path: str | Path | None = None) -> pd.DataFrame:
    """The persona file as a table: one row per persona, identity columns then parameters.

    Parameter columns are named "section.field" as in the file, with defaults
    filled in; ``episodes`` holds the list of context episodes.
    """
    rows = []
    for spec in load_persona_specs(path).values():
        row: dict[str, Any] = {k: getattr(spec, k) for k in ("persona", *_TOP)}
        row["sources"] = "; ".join(spec.sources)
        row.update(spec.parameters())
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
        raise CourseInputError(
            "personas",
            list(ids),
            "each persona id at most once",
            "remove duplicates; use people_per_persona for more people",
        )
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
