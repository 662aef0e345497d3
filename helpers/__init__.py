"""Shared code for the course "Tired or weak? Twitch or trouble?".

Notebooks import what they need from the submodules, for example
``from helpers.safety import safety_notice``. The package is split so that the
model (pure functions and data: ``helpers.engine``) never imports plotly or
ipywidgets; views build figures; apps wire widgets to views.

Everything here works offline and on synthetic data only.
"""

__version__ = "0.1.0"
