"""The four care levels as one picture: four stacked boxes, each with a large time label and an icon.

Why a picture: a health-literacy (PEMAT) review asked for a visual aid that a
worried reader takes in at a glance: "When to get care: start at the top, and
stop at the first box that fits you." Why generated: the wording lives in
``helpers.safety.CARE_LEVELS`` and nowhere else, so the picture is drawn from it
on every call (a new sign, clearer words or a longer list reach the picture at
once, and the boxes grow to fit). The picture is plain SVG: no script, no fonts
to fetch, no external files; icons are SVG shapes. Screen readers get the whole
ladder as text (``<desc>`` is ``care_text()``).

Text width is estimated, not measured (there is no font engine here): a generic
sans-serif at 15-26 px, about 0.55 em per character (more for bold and capitals), with
a word-wrap by character count. The tests check the estimate; a browser test
checks the real rendered widths in Chromium.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from helpers import safety
from helpers.checks import whole_number
from helpers.safety import short_where

TITLE = "When to get care: start at the top, and stop at the first box that fits you."
FOOTER = safety.CARE_TIE_BREAK

#: The large label in each box: how soon, in one or a few words, keyed by ``CareLevel.key``.
TIME_LABELS: dict[str, str] = {
    "emergency": "NOW",
    "same_day": "TODAY",
    "soon": "WITHIN DAYS",
    "routine": "NEXT ROUTINE APPOINTMENT",
}

FONT_FAMILY = "DejaVu Sans, Arial, Helvetica, sans-serif"
TEXT_COLOUR = "#1a1a1a"
BACKGROUND = "#ffffff"
ARROW_COLOUR = "#555555"

#: Estimated advance width of one character, in em (regular and bold text; capitals and digits are wider).
CHAR_EM = 0.55
BOLD_CHAR_EM = 0.62
CAPS_EM = 0.72
BOLD_CAPS_EM = 0.8
#: Baseline to baseline, in em.
LINE_HEIGHT = 1.3

# Font sizes (px).
TITLE_SIZE = 20
TIME_SIZE = 26
ACTION_SIZE = 17
WHERE_SIZE = 15
SIGNS_SIZE = 16
FOOTER_SIZE = 16

# Layout (px).
MARGIN = 16  # around the picture
BAR = 10  # the coloured left border of each box
PAD = 14  # inside a box
ICON = 52  # the icon's square
GAP = 24  # between boxes (a down arrow sits in it)
SECTION_GAP = 14  # between the title and the first box, and the last box and the footer
TINT = 0.14  # share of the level's colour in its box fill (the rest is white)
SHADE_CONTRAST = 7.0  # the time label and icon colour: the level's colour darkened until this contrast on the fill

MIN_WIDTH = 360
MAX_WIDTH = 2000


# --- colour --------------------------------------------------------------------------------------


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(min(255.0, max(0.0, c))):02x}" for c in rgb)


def _mix(colour: str, other: str, share: float) -> str:
    """``share`` of ``colour`` and the rest of ``other``."""
    a, b = _rgb(colour), _rgb(other)
    r, g, bl = (share * x + (1 - share) * y for x, y in zip(a, b, strict=True))
    return _hex((r, g, bl))


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of an sRGB colour such as ``#D55E00``."""

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(one: str, two: str) -> float:
    """WCAG 2 contrast ratio, from 1 (same) to 21 (black on white)."""
    hi, lo = sorted((relative_luminance(one), relative_luminance(two)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def box_fill(colour: str) -> str:
    """A light tint of a level's colour, for its box."""
    return _mix(colour, BACKGROUND, TINT)


def box_shade(colour: str) -> str:
    """A dark shade of a level's colour with at least SHADE_CONTRAST on its box fill (time label and icon)."""
    fill = box_fill(colour)
    share = 1.0
    shade = colour
    while contrast_ratio(shade, fill) < SHADE_CONTRAST and share > 0:
        share = round(share - 0.05, 2)
        shade = _mix(colour, "#000000", share)
    return shade


# --- text ----------------------------------------------------------------------------------------


def estimated_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated width in px of ``text`` at ``size`` px: a fixed width per character, wider for capitals and digits.

    There is no font engine here; 0.55 em per character is right on average for running text in a generic
    sans-serif, and capitals (the time labels are in capitals) are wider.
    """
    em, caps = (BOLD_CHAR_EM, BOLD_CAPS_EM) if bold else (CHAR_EM, CAPS_EM)
    return sum(caps if c.isupper() or c.isdigit() else em for c in text) * size


def wrap(text: str, max_chars: int) -> list[str]:
    """Greedy word-wrap to lines of at most ``max_chars`` characters (a longer word is cut)."""
    max_chars = max(1, max_chars)
    lines: list[str] = []
    line = ""
    # A word longer than a line is cut into pieces, each placed like a word.
    pieces = [word[i : i + max_chars] for word in text.split() for i in range(0, len(word), max_chars)]
    for piece in pieces:
        if not line:
            line = piece
        elif len(line) + 1 + len(piece) <= max_chars:
            line = f"{line} {piece}"
        else:
            lines.append(line)
            line = piece
    if line:
        lines.append(line)
    return lines


def _wrap_to(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Wrap ``text`` by character count so that every line's estimated width is at most ``width`` px."""
    per_char = estimated_width(text, size, bold) / max(1, len(text))
    max_chars = int(width // per_char) if per_char else len(text)
    lines = wrap(text, max_chars)
    while max_chars > 1 and any(estimated_width(line, size, bold) > width for line in lines):
        max_chars -= 1
        lines = wrap(text, max_chars)
    return lines


#: Before each sign in a box.
BULLET = "• "


# --- icons (a 52 x 52 square, drawn with the level's dark shade) ----------------------------------


def _phone(shade: str) -> str:
    """A mobile phone with call waves: call now."""
    return (
        f'<rect x="9" y="4" width="24" height="44" rx="4" fill="{BACKGROUND}" stroke="{shade}" stroke-width="3"/>'
        f'<line x1="9" y1="39" x2="33" y2="39" stroke="{shade}" stroke-width="2"/>'
        f'<circle cx="21" cy="43.5" r="2" fill="{shade}"/>'
        f'<path d="M38 19 a9 9 0 0 1 0 14 M43 14 a15 15 0 0 1 0 24" fill="none" stroke="{shade}" '
        'stroke-width="3" stroke-linecap="round"/>'
    )


def _clock(shade: str) -> str:
    """A clock: today."""
    ticks = "".join(
        f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{shade}" stroke-width="2.5"/>'
        for x1, y1, x2, y2 in ((26, 7, 26, 11), (45, 26, 41, 26), (26, 45, 26, 41), (7, 26, 11, 26))
    )
    return (
        f'<circle cx="26" cy="26" r="22" fill="{BACKGROUND}" stroke="{shade}" stroke-width="3"/>{ticks}'
        f'<path d="M26 26 V14 M26 26 H36" fill="none" stroke="{shade}" stroke-width="3" stroke-linecap="round"/>'
        f'<circle cx="26" cy="26" r="2.5" fill="{shade}"/>'
    )


def _calendar_frame(shade: str) -> str:
    return (
        f'<rect x="5" y="9" width="42" height="39" rx="3" fill="{BACKGROUND}" stroke="{shade}" stroke-width="3"/>'
        f'<rect x="5" y="9" width="42" height="10" fill="{shade}"/>'
        f'<path d="M16 4 V13 M36 4 V13" stroke="{shade}" stroke-width="3.5" stroke-linecap="round"/>'
    )


def _calendar(shade: str) -> str:
    """A calendar page of days: within days."""
    days = "".join(
        f'<rect x="{11 + 11 * col}" y="{24 + 10 * row}" width="7" height="6" fill="{shade}"/>'
        for row in range(2)
        for col in range(3)
    )
    return _calendar_frame(shade) + days


def _calendar_tick(shade: str) -> str:
    """A calendar with a tick: the next routine appointment."""
    return _calendar_frame(shade) + (
        f'<path d="M15 33 L23 41 L38 25" fill="none" stroke="{shade}" stroke-width="4" '
        'stroke-linecap="round" stroke-linejoin="round"/>'
    )


#: The icon in each box, keyed by ``CareLevel.key``.
ICONS: dict[str, Callable[[str], str]] = {
    "emergency": _phone,
    "same_day": _clock,
    "soon": _calendar,
    "routine": _calendar_tick,
}


# --- layout --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Line:
    text: str
    size: int
    bold: bool
    colour: str
    gap: float = 0.0  # extra space above this line (px)
    indent: float = 0.0  # px right of the text column (a bullet's continuation lines)


def _text_lines(lines: list[_Line], x: float, top: float, css_class: str) -> tuple[list[str], float]:
    """SVG <text> elements for ``lines`` starting at ``top``; returns them and the y under the last line."""
    out = []
    y = top
    for line in lines:
        y += line.gap
        baseline = y + line.size
        weight = ' font-weight="bold"' if line.bold else ""
        out.append(
            f'<text class="{css_class}" x="{x + line.indent:g}" y="{baseline:g}" font-size="{line.size}"{weight} '
            f'fill="{line.colour}">{escape(line.text)}</text>'
        )
        y += line.size * LINE_HEIGHT
    return out, y


def _fitting_size(text: str, width: float, size: int, smallest: int) -> int:
    """``size``, or smaller (down to ``smallest``) so that the longest word of ``text`` fits ``width`` (bold)."""
    longest = max(text.split(), key=lambda word: estimated_width(word, 1, bold=True), default="")
    while size > smallest and estimated_width(longest, size, bold=True) > width:
        size -= 1
    return size


def _level_lines(level: safety.CareLevel, label: str, text_width: float, shade: str) -> list[_Line]:
    size = _fitting_size(label, text_width, TIME_SIZE, SIGNS_SIZE)
    lines = [_Line(t, size, True, shade) for t in _wrap_to(label, text_width, size, bold=True)]
    lines += [
        _Line(t, ACTION_SIZE, True, TEXT_COLOUR, gap=4 if i == 0 else 0)
        for i, t in enumerate(_wrap_to(level.action, text_width, ACTION_SIZE, bold=True))
    ]
    lines += [
        _Line(t, WHERE_SIZE, False, TEXT_COLOUR) for t in _wrap_to(short_where(level.where), text_width, WHERE_SIZE)
    ]
    # One bullet per sign, continuation lines under the text (a browser review found one run-on paragraph per
    # box hard to scan, and a teacher could not point at one sign).
    lines.append(_Line("If:", SIGNS_SIZE, False, TEXT_COLOUR, gap=6))
    bullet_px = estimated_width(BULLET, SIGNS_SIZE)
    for sign in level.short_signs:
        for i, t in enumerate(_wrap_to(sign, text_width - bullet_px, SIGNS_SIZE)):
            if i == 0:
                lines.append(_Line(BULLET + t, SIGNS_SIZE, False, TEXT_COLOUR, gap=2))
            else:
                lines.append(_Line(t, SIGNS_SIZE, False, TEXT_COLOUR, indent=bullet_px))
    return lines


def _down_arrow(x: float, top: float) -> str:
    """A small arrow in the gap between two boxes: go on to the next box."""
    return (
        f'<path class="care-arrow" d="M{x:g} {top + 4:g} V{top + GAP - 6:g} M{x - 6:g} {top + GAP - 12:g} '
        f'L{x:g} {top + GAP - 5:g} L{x + 6:g} {top + GAP - 12:g}" fill="none" stroke="{ARROW_COLOUR}" '
        'stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round"/>'
    )


def care_ladder_svg(width: int = 760) -> str:
    """The four care levels as an accessible SVG picture, drawn from ``helpers.safety.CARE_LEVELS``.

    Four stacked boxes in CARE_LEVELS order, each with the level's colour (left border, light fill), an icon,
    a large time label (TIME_LABELS), the action, where to go and the signs; a title line above and a
    "choose the higher one" line below. ``width`` is in px; the height follows the text.
    Show it in a notebook with ``IPython.display.SVG(care_ladder_svg())``.
    """
    width = whole_number("width", width, MIN_WIDTH, MAX_WIDTH, "give the picture's width in pixels, e.g. 760")
    levels = safety.CARE_LEVELS
    missing = [level.key for level in levels if level.key not in TIME_LABELS or level.key not in ICONS]
    if missing:
        raise KeyError(f"care level(s) {missing} have no time label or icon: add them to TIME_LABELS and ICONS")

    inner = width - 2 * MARGIN
    parts: list[str] = []

    # The title breaks after its colon first ("When to get care:" on a line of its own), then wherever it must.
    title_lines = [
        _Line(t, TITLE_SIZE, True, TEXT_COLOUR)
        for part in re.split(r"(?<=:) ", TITLE)
        for t in _wrap_to(part, inner, TITLE_SIZE, bold=True)
    ]
    texts, y = _text_lines(title_lines, MARGIN, MARGIN, "care-title")
    parts += texts
    y += SECTION_GAP

    text_x = MARGIN + BAR + PAD + ICON + PAD
    text_width = width - MARGIN - PAD - text_x
    for i, level in enumerate(levels):
        if i:
            parts.append(_down_arrow(MARGIN + BAR + PAD + ICON / 2, y))
            y += GAP
        fill, shade = box_fill(level.colour), box_shade(level.colour)
        texts, bottom = _text_lines(
            _level_lines(level, TIME_LABELS[level.key], text_width, shade), text_x, y + PAD, "care-line"
        )
        height = max(bottom + PAD - 4, y + PAD + ICON + PAD) - y
        parts.append(
            f'<g class="care-level" data-level={quoteattr(level.key)}>'
            f'<rect class="care-box" x="{MARGIN}" y="{y:g}" width="{inner}" height="{height:g}" fill="{fill}" '
            f'stroke="{level.colour}" stroke-width="1.5"/>'
            f'<rect class="care-bar" x="{MARGIN}" y="{y:g}" width="{BAR}" height="{height:g}" fill="{level.colour}"/>'
            f'<g class="care-icon" transform="translate({MARGIN + BAR + PAD:g} {y + PAD:g})">'
            f"{ICONS[level.key](shade)}</g>{''.join(texts)}</g>"
        )
        y += height

    y += SECTION_GAP
    footer_lines = [_Line(t, FOOTER_SIZE, True, TEXT_COLOUR) for t in _wrap_to(FOOTER, inner, FOOTER_SIZE, bold=True)]
    texts, y = _text_lines(footer_lines, MARGIN, y, "care-footer")
    parts += texts
    total = round(y + MARGIN)

    desc = safety.care_text()  # ends with the same tie-break line as the picture
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{total}" viewBox="0 0 {width} {total}" '
        'role="img" aria-labelledby="care-ladder-title care-ladder-desc" '
        f'font-family="{FONT_FAMILY}" style="max-width:100%;height:auto">'
        f'<title id="care-ladder-title">{escape(TITLE)}</title>'
        f'<desc id="care-ladder-desc">{escape(desc)}</desc>'
        f'<rect class="care-background" x="0" y="0" width="{width}" height="{total}" fill="{BACKGROUND}"/>'
        f"{''.join(parts)}</svg>"
    )
