"""Units and fixed lists that the engine and every lesson share (one definition each).

Not model parameters: definitions.
"""

from __future__ import annotations

#: Average month in days: 365.25 / 12 (definition).
DAYS_PER_MONTH: float = 30.4375
#: Days in a week (definition).
DAYS_PER_WEEK: int = 7
#: The two hands a grip meter measures, dominant (right) first (definition; everyone in the cohort is right-handed).
HANDS: tuple[str, ...] = ("right", "left")
