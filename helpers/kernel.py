"""An IPython extension for the course's kernels: errors a learner can read, and a hint when setup was skipped.

Why: a ``CourseInputError`` message is good (what was wrong, what is allowed, the
fix), but it arrived under some 30 lines of red traceback, below the fold. And a
widget cell run before the notebook's setup cell gave a bare ``NameError``. With
this extension both show a short, plain box instead.

Loaded for every kernel of the course's environment (``course.py`` writes
``.venv/etc/ipython/ipython_kernel_config.py``) and again by ``start_lesson()``,
so it also works in a conda or Binder environment once a lesson has started.
"""

from __future__ import annotations

import html
from typing import Any

from helpers.errors import CourseInputError

BOX = (
    "<div role='alert' class='course-error' style='border-left:6px solid #D55E00;background:#fdf1ea;"
    "color:#1a1a1a;padding:0.5em 1em;margin:0.3em 0;line-height:1.45'>{}</div>"
)


def course_names() -> set[str]:
    """Every name a lesson's setup cell makes available (so a NameError for one of them means: run setup)."""
    import importlib
    import pkgutil

    import helpers

    names: set[str] = set()
    for info in pkgutil.iter_modules(helpers.__path__):
        if not info.ispkg or info.name in ("engine", "apps", "views"):
            continue
        try:
            module = importlib.import_module(f"helpers.{info.name}")
        except Exception:  # noqa: BLE001  (a broken lesson must not hide the learner's own error)
            continue
        names |= set(getattr(module, "__all__", ()))
    return names


def input_error_html(error: CourseInputError) -> str:
    """The error as a learner reads it: what, what was given, what is allowed, the fix."""
    return BOX.format(
        f"<strong>That did not work: {html.escape(str(error.what))}.</strong><br>"
        f"You gave: <code>{html.escape(repr(error.got))}</code><br>"
        f"Allowed: {html.escape(error.allowed)}<br>"
        f"<strong>Fix:</strong> {html.escape(error.fix)}"
    )


def setup_skipped_html(name: str) -> str:
    return BOX.format(
        f"<strong><code>{html.escape(name)}</code> is not loaded yet.</strong> It comes from the course's "
        "setup cell near the top of the notebook (the one that ends with <code>start_lesson()</code>). "
        "<strong>Fix:</strong> run that cell first, or run everything with menu Run → Run All Cells."
    )


def _handler(shell: Any, etype: type, evalue: BaseException, tb: Any, tb_offset: int | None = None) -> Any:
    from IPython.display import HTML, display

    if isinstance(evalue, CourseInputError):
        display(HTML(input_error_html(evalue)))
        return None
    if isinstance(evalue, NameError) and getattr(evalue, "name", None) in course_names():
        display(HTML(setup_skipped_html(str(evalue.name))))
        return None
    return shell.showtraceback((etype, evalue, tb), tb_offset=tb_offset)


def load_ipython_extension(ip: Any) -> None:
    """Show course errors as short boxes; every other error keeps IPython's usual traceback."""
    ip.set_custom_exc((CourseInputError, NameError), _handler)
