"""The chart palette in extra.css meets the contrast the chart platform promises."""

import re
from pathlib import Path

import pytest

CSS = (Path(__file__).resolve().parent.parent / "docs/assets/stylesheets/extra.css").read_text(encoding="utf-8")


def scheme_variables(selector: str) -> dict[str, str]:
    block = re.search(re.escape(selector) + r"[^{]*\{([^}]*)\}", CSS).group(1)
    return dict(re.findall(r"(--chart-[\w-]+):\s*(#[0-9A-Fa-f]{6})", block))


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("selector", ['[data-md-color-scheme="default"]', '[data-md-color-scheme="slate"]'])
def test_palette_contrast(selector):
    variables = scheme_variables(selector)
    colours = [variables[f"--chart-{n}"] for n in range(1, 7)]
    assert len(set(colours)) == 6
    for colour in colours:
        assert contrast(colour, variables["--chart-page"]) >= 3.0, colour  # graphics: WCAG 1.4.11
        assert contrast(colour, variables["--chart-on"]) >= 4.5, colour  # text on a bar: WCAG 1.4.3


def test_contrast_formula():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert contrast("#777777", "#777777") == 1.0
