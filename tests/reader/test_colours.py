"""The reader site's colours, read from the custom properties of static/css/site.css, meet WCAG
AA in light and dark mode (issue 17): 4.5:1 for text, 3:1 for focus rings (1.4.11)."""

import re
from pathlib import Path

import pytest
from django.conf import settings

STYLESHEET = Path(settings.BASE_DIR) / "static" / "css" / "site.css"

# (foreground, background, the ratio WCAG AA asks) for every pair the stylesheet uses.
TEXT, NON_TEXT = 4.5, 3.0
PAIRS = [
    ("--ink", "--paper", TEXT),
    ("--ink", "--surface", TEXT),
    ("--ink-soft", "--paper", TEXT),
    ("--ink-soft", "--surface", TEXT),
    ("--link", "--paper", TEXT),
    ("--link", "--surface", TEXT),
    ("--link-hover", "--paper", TEXT),
    ("--link-hover", "--surface", TEXT),
    ("--on-accent", "--accent", TEXT),  # the breaking-news banner, buttons
    ("--on-accent", "--accent-dark", TEXT),  # a button under the pointer
    ("--paper", "--ink", TEXT),  # the skip link
    ("--ink", "--notice", TEXT),
    ("--ink-soft", "--notice", TEXT),
    ("--ink", "--mark", TEXT),  # search snippets' highlighted words
    ("--focus", "--paper", NON_TEXT),
    ("--focus", "--surface", NON_TEXT),
    ("--focus-on-accent", "--accent", NON_TEXT),  # the banner's focus ring: was 1.39:1
]


def blocks(css: str, condition: str = "") -> list[tuple[str, str, str]]:
    """(the @media condition around it, selector, declarations) of every rule in `css`."""
    rules, i = [], 0
    while (start := css.find("{", i)) != -1:
        prelude = css[i:start].strip()
        depth, end = 1, start + 1
        while depth:
            depth += {"{": 1, "}": -1}.get(css[end], 0)
            end += 1
        body = css[start + 1 : end - 1]
        if prelude.startswith("@media"):
            rules += blocks(body, prelude.removeprefix("@media").strip())
        else:
            rules.append((condition, prelude, body))
        i = end
    return rules


def stylesheet_rules() -> list[tuple[str, str, str]]:
    return blocks(re.sub(r"/\*.*?\*/", "", STYLESHEET.read_text(), flags=re.S))


def custom_properties(scheme: str) -> dict[str, str]:
    """The :root custom properties a browser in `scheme` ("light", "dark", "print") uses."""
    wanted = {"light": [""], "dark": ["", "(prefers-color-scheme: dark)"], "print": ["", "print"]}
    values = {}
    for condition in wanted[scheme]:
        for media, selector, body in stylesheet_rules():
            if media == condition and selector == ":root":
                values |= dict(re.findall(r"(--[\w-]+)\s*:\s*([^;]+);", body))
    return values


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a #rgb or #rrggbb colour."""
    digits = colour.strip().removeprefix("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    assert re.fullmatch(r"[0-9a-fA-F]{6}", digits), f"not an opaque hex colour: {colour}"

    def channel(value):
        c = int(value, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(digits[n : n + 2]) for n in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_formula_matches_wcag_examples():
    assert contrast("#000", "#fff") == pytest.approx(21)
    assert contrast("#1d4ed8", "#8a1c12") == pytest.approx(1.39, abs=0.01)  # the old ring


def test_dark_mode_sets_every_colour_again():
    light, dark = custom_properties("light"), custom_properties("dark")
    colours = {name for name, value in light.items() if value.startswith(("#", "rgb"))}

    dark_only = {
        name for media, selector, body in stylesheet_rules()
        if media == "(prefers-color-scheme: dark)" and selector == ":root"
        for name in re.findall(r"(--[\w-]+)\s*:", body)
    }  # fmt: skip
    assert colours and colours <= dark_only
    assert light["--paper"] != dark["--paper"]


@pytest.mark.parametrize("scheme", ["light", "dark", "print"])
@pytest.mark.parametrize(("foreground", "background", "needed"), PAIRS)
def test_colour_pair_meets_wcag_aa(scheme, foreground, background, needed):
    colours = custom_properties(scheme)

    ratio = contrast(colours[foreground], colours[background])

    assert ratio >= needed, f"{foreground} on {background} in {scheme}: {ratio:.2f}:1"


def test_stylesheet_names_colours_only_in_custom_properties():
    # A colour written into a rule would escape dark mode and this test's pairs.
    literal = re.compile(r"#[0-9a-fA-F]{3,8}\b|\b(?:rgb|rgba|hsl|hsla)\(|\b(?:white|black)\b")
    stray = [
        f"{selector}: {declaration.strip()}"
        for _media, selector, body in stylesheet_rules()
        if selector != ":root"
        for declaration in body.split(";")
        if literal.search(declaration.split(":", 1)[-1])
    ]
    assert stray == []
