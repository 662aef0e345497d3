"""The care-ladder picture: valid, accessible SVG drawn from helpers.safety.CARE_LEVELS, with nothing cut off.

Text widths are estimated (0.55 em per character or more) in the fast tests; the browser test
measures the real rendered text in Chromium.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
import xml.etree.ElementTree as ET

import pytest

from helpers import safety
from helpers.care_picture import (
    CHAR_EM,
    FOOTER,
    TIME_LABELS,
    TITLE,
    care_ladder_svg,
    contrast_ratio,
    estimated_width,
    short_where,
    wrap,
)
from helpers.errors import CourseInputError

SVG = "{http://www.w3.org/2000/svg}"
WIDTHS = (360, 500, 760, 1200)
LINE_HEIGHT = 1.3  # baseline to baseline, in em (the tests' own estimate of a line's box)


def parse(width: int = 760) -> ET.Element:
    return ET.fromstring(care_ladder_svg(width))


def floats(element: ET.Element, *names: str) -> tuple[float, ...]:
    return tuple(float(element.attrib[name]) for name in names)


def all_text(root: ET.Element) -> str:
    """The visible text, one line per <text> element."""
    return "\n".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))


def words(text: str) -> set[str]:
    return set(re.findall(r"[\w']+", text.lower()))


def boxes(root: ET.Element) -> list[tuple[ET.Element, ET.Element]]:
    """(the level's group, its box rectangle), top to bottom."""
    out = []
    for group in root.iter(f"{SVG}g"):
        if group.get("class") == "care-level":
            rect = group.find(f"{SVG}rect[@class='care-box']")
            assert rect is not None
            out.append((group, rect))
    return out


# --- WCAG contrast, written out here so the test does not trust the module's own arithmetic ------------


def luminance(colour: str) -> float:
    value = colour.lstrip("#")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, two: str) -> float:
    hi, lo = sorted((luminance(one), luminance(two)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_wcag_formula_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#0072B2", "#ffffff") == pytest.approx(contrast("#0072B2", "#ffffff"))


# --- structure and accessibility -----------------------------------------------------------------------


def test_parses_as_xml_and_scales():
    root = parse()
    assert root.tag == f"{SVG}svg"
    width, height = floats(root, "width", "height")
    assert width == 760
    assert root.attrib["viewBox"] == f"0 0 {width:g} {height:g}"
    assert 600 < height < 2000


def test_title_desc_and_role_for_screen_readers():
    root = parse()
    assert root.attrib["role"] == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and desc is not None
    assert list(root)[:2] == [title, desc], "title and desc come first"
    assert title.text == TITLE
    assert desc.text is not None and safety.care_text() in desc.text and FOOTER in desc.text
    assert root.attrib["aria-labelledby"].split() == [title.attrib["id"], desc.attrib["id"]]


def test_self_contained_no_script_no_external_references():
    svg = care_ladder_svg().lower()
    for forbidden in ("<script", "href", "url(", "@import", "<image", "<foreignobject", "<style", "https://"):
        assert forbidden not in svg, forbidden
    assert not re.search(r"\son\w+=", svg), "no event handlers"
    assert svg.count("http://") == 1 and 'xmlns="http://www.w3.org/2000/svg"' in svg, "the namespace, nothing else"


def test_title_and_footer_lines_are_shown():
    text = all_text(parse())
    assert " ".join(text.split()).startswith(TITLE)
    assert " ".join(text.split()).endswith(FOOTER)


# --- content: generated from CARE_LEVELS ---------------------------------------------------------------


def test_one_box_per_level_in_order_with_its_label_action_and_colour():
    root = parse()
    found = boxes(root)
    assert [g.attrib["data-level"] for g, _ in found] == [level.key for level in safety.CARE_LEVELS]
    assert set(TIME_LABELS) == {level.key for level in safety.CARE_LEVELS}
    for (group, rect), level in zip(found, safety.CARE_LEVELS, strict=True):
        text = " ".join(" ".join("".join(t.itertext()) for t in group.iter(f"{SVG}text")).split())
        assert TIME_LABELS[level.key] in text
        assert level.action in text
        assert short_where(level.where) in text
        assert rect.attrib["stroke"] == level.colour
        bar = group.find(f"{SVG}rect[@class='care-bar']")
        assert bar is not None and bar.attrib["fill"] == level.colour
        icon = group.find(f"{SVG}g[@class='care-icon']")
        assert icon is not None and len(icon) >= 2, "an icon drawn with shapes"


def test_every_word_of_the_short_signs_is_shown():
    shown = words(all_text(parse()))
    for level in safety.CARE_LEVELS:
        missing = words(level.short) - shown
        assert not missing, f"{level.key}: {missing}"


def test_where_is_shortened_sensibly():
    assert short_where("with your GP (family doctor) or a clinician (not urgent: the next one is fine)") == (
        "With your GP (family doctor) or a clinician"
    )
    for level in safety.CARE_LEVELS:
        shortened = short_where(level.where)
        assert shortened and len(shortened) <= len(level.where)


def test_text_is_escaped(monkeypatch):
    first = safety.CARE_LEVELS[0]
    odd = dataclasses.replace(first, short="<b> & \"quotes\" 'apostrophes' </svg>")
    monkeypatch.setattr(safety, "CARE_LEVELS", (odd, *safety.CARE_LEVELS[1:]))
    text = all_text(ET.fromstring(care_ladder_svg()))
    assert "<b> & \"quotes\" 'apostrophes' </svg>" in " ".join(text.split())


def test_longer_signs_make_the_box_taller(monkeypatch):
    before = [float(rect.attrib["height"]) for _, rect in boxes(parse())]
    height_before = float(parse().attrib["height"])
    soon = safety.care_level("soon")
    longer = dataclasses.replace(soon, short=soon.short + ", or " + "a new sign described at some length " * 6)
    monkeypatch.setattr(safety, "CARE_LEVELS", tuple(longer if lv.key == "soon" else lv for lv in safety.CARE_LEVELS))
    root = parse()
    after = [float(rect.attrib["height"]) for _, rect in boxes(root)]
    index = [level.key for level in safety.CARE_LEVELS].index("soon")
    assert after[index] > before[index] + 40
    assert [a for i, a in enumerate(after) if i != index] == [b for i, b in enumerate(before) if i != index]
    assert float(root.attrib["height"]) > height_before
    assert "described" in words(all_text(root))


def test_a_level_without_a_time_label_is_an_error(monkeypatch):
    extra = dataclasses.replace(safety.CARE_LEVELS[-1], key="someday")
    monkeypatch.setattr(safety, "CARE_LEVELS", (*safety.CARE_LEVELS, extra))
    with pytest.raises(KeyError, match="someday"):
        care_ladder_svg()


@pytest.mark.parametrize("bad", [100, 760.5, "wide", True])
def test_width_is_checked(bad):
    with pytest.raises(CourseInputError):
        care_ladder_svg(bad)


# --- legibility: contrast, no overlap, nothing cut off -------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_text_contrast_at_least_4_5_on_its_background(width):
    root = parse(width)
    background = root.find(f"{SVG}rect[@class='care-background']")
    assert background is not None
    for text in root.iter(f"{SVG}text"):
        assert contrast(text.attrib["fill"], background.attrib["fill"]) >= 4.5
    for group, rect in boxes(root):
        for text in group.iter(f"{SVG}text"):
            ratio = contrast(text.attrib["fill"], rect.attrib["fill"])
            assert ratio >= 4.5, f"{group.attrib['data-level']}: {text.text!r} {ratio:.2f}"
        for shape in group.find(f"{SVG}g[@class='care-icon']").iter():  # type: ignore[union-attr]
            for paint in (shape.get("stroke"), shape.get("fill")):
                if paint and paint not in ("none", "#ffffff"):
                    assert contrast(paint, rect.attrib["fill"]) >= 3, "icons: WCAG 1.4.11 non-text contrast"


def test_the_estimate_is_at_least_0_55_em_per_character():
    assert CHAR_EM >= 0.55
    for sample in ("weakness", "NOW", "If: a twitch for more than 2 weeks"):
        assert estimated_width(sample, 16) >= 0.55 * 16 * len(sample) - 1e-9
        assert estimated_width(sample, 16, bold=True) >= estimated_width(sample, 16)


def test_wrap_by_character_count():
    assert wrap("one two three four", 9) == ["one two", "three", "four"]
    assert wrap("", 10) == []
    assert wrap("abcdefghij", 4) == ["abcd", "efgh", "ij"], "a word longer than a line is cut, not lost"
    text = "the quick brown fox jumps over the lazy dog " * 5
    lines = wrap(text, 20)
    assert all(len(line) <= 20 for line in lines)
    assert " ".join(lines) == " ".join(text.split())


@pytest.mark.parametrize("width", WIDTHS)
def test_boxes_do_not_overlap_and_every_line_fits_its_box(width):
    root = parse(width)
    svg_width, svg_height = floats(root, "width", "height")
    found = boxes(root)
    spans = []
    for group, rect in found:
        x, y, w, h = floats(rect, "x", "y", "width", "height")
        assert x >= 0 and x + w <= svg_width and y >= 0 and y + h <= svg_height
        spans.append((y, y + h))
        bar = group.find(f"{SVG}rect[@class='care-bar']")
        assert bar is not None
        text_left = x + float(bar.attrib["width"])
        icon = group.find(f"{SVG}g[@class='care-icon']")
        assert icon is not None
        ix, iy = map(float, re.findall(r"[\d.]+", icon.attrib["transform"]))
        assert x < ix and ix + 52 < x + w and y < iy and iy + 52 < y + h, "the icon is inside its box"
        previous_bottom = y
        for text in group.iter(f"{SVG}text"):
            tx, baseline, size = floats(text, "x", "y", "font-size")
            bold = text.get("font-weight") == "bold"
            line = text.text or ""
            assert tx >= text_left and tx > ix + 52, f"{line!r} starts inside the border or the icon"
            assert tx + estimated_width(line, size, bold) <= x + w - 4, f"{line!r} runs out of its box"
            top, bottom = baseline - size, baseline + (LINE_HEIGHT - 1) * size
            assert top >= previous_bottom - 0.5, f"{line!r} overlaps the line above"
            assert bottom <= y + h, f"{line!r} is cut off at the bottom of its box"
            previous_bottom = bottom
    spans.sort()
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end <= start, "boxes overlap"

    title_lines = [t for t in root.iter(f"{SVG}text") if t.get("class") == "care-title"]
    footer_lines = [t for t in root.iter(f"{SVG}text") if t.get("class") == "care-footer"]
    assert title_lines and footer_lines
    for text in title_lines + footer_lines:
        tx, baseline, size = floats(text, "x", "y", "font-size")
        assert tx >= 0 and tx + estimated_width(text.text or "", size, text.get("font-weight") == "bold") <= svg_width
    title_size = max(floats(t, "font-size")[0] for t in title_lines)
    assert max(floats(t, "y")[0] for t in title_lines) + (LINE_HEIGHT - 1) * title_size <= spans[0][0]
    assert min(floats(t, "y")[0] - floats(t, "font-size")[0] for t in footer_lines) >= spans[-1][1]
    assert max(floats(t, "y")[0] for t in footer_lines) < svg_height


# --- the real rendering ------------------------------------------------------------------------------

MEASURE_JS = """() => Array.from(document.querySelectorAll('svg text')).map(t => {
  const b = t.getBBox();
  const g = t.closest('g.care-level');
  const r = (g ? g.querySelector('rect.care-box') : document.querySelector('rect.care-background')).getBBox();
  return {text: t.textContent, x: b.x, y: b.y, w: b.width, h: b.height, rx: r.x, ry: r.y, rw: r.width, rh: r.height};
})"""


@pytest.mark.browser
@pytest.mark.parametrize("width", (360, 760))
def test_rendered_text_fits_its_box_in_chromium(browser, width):
    page = browser.new_page()
    try:
        page.set_content(f"<!doctype html><body style='margin:0'>{care_ladder_svg(width)}</body>")
        measured = page.evaluate(MEASURE_JS)
    finally:
        page.close()
    assert len(measured) > 20
    for t in measured:
        assert t["x"] >= t["rx"] and t["x"] + t["w"] <= t["rx"] + t["rw"], f"{t['text']!r} is cut off at the side"
        assert t["y"] >= t["ry"] and t["y"] + t["h"] <= t["ry"] + t["rh"], f"{t['text']!r} is cut off at the bottom"


def test_a_notebook_shows_the_picture_as_an_image_that_survives_an_untrusted_notebook():
    """JupyterLab strips inline <svg> from an untrusted notebook's stored output (its text then runs together);
    an <img> of the same SVG, with the ladder in words as alt text, is kept."""
    import base64
    import re

    from helpers.safety import CARE_LEVELS, care_levels

    shown = care_levels()._repr_html_()
    assert "<svg" not in shown
    data = re.search(r"src='data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)'", shown)
    assert data and base64.b64decode(data.group(1)).decode("utf-8") == care_ladder_svg()
    alt = re.search(r"alt='([^']+)'", shown)
    assert alt and all(level.action in alt.group(1) for level in CARE_LEVELS)
