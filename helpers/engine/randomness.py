"""Reproducible random streams, one per persona and per quantity.

Why one stream per (seed, persona, quantity): adding a persona to the file, or
generating a subset of personas, or a different number of days, does not shift
the random numbers of anything else. Each stream is used for exactly one draw
of shape (people, days, ...), so person 0's values for the first N days are the
same whatever the total length.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

import numpy as np


@lru_cache(maxsize=1024)
def stable_int(text: str) -> int:
    """A stable 64-bit integer from text (sha256), unlike Python's salted hash(); cached (a few hundred texts)."""
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")


def stream(seed: int, persona: str, quantity: str, *extra: int) -> np.random.Generator:
    """The random generator for one quantity of one persona under one seed."""
    ss = np.random.SeedSequence([seed, stable_int(persona), stable_int(quantity), *extra])
    return np.random.default_rng(ss)
