"""The twitching lesson ("Twitch or trouble?"): model, views, apps and question bank.

The notebook imports from here: each interactive part is one call.
"""

from helpers.twitching.apps import base_rate_explorer, body_map_over_time, body_map_static, side_by_side, side_by_side_static, trigger_lab
from helpers.twitching.questions import QUESTIONS

__all__ = ["QUESTIONS", "base_rate_explorer", "body_map_over_time", "body_map_static", "side_by_side", "side_by_side_static", "trigger_lab"]
