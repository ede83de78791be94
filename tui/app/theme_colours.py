"""The app's own colours and what a theme's values may be: colours, text styles, contrast.

A theme sets the app's colours (`brief-rel-contradicts`, ...) under `variables:`, and styles use
them as `$brief-rel-contradicts`; a theme that does not set one takes it from its own palette
(`FALLBACKS`). Every variable reaches Textual's stylesheet, so each value is checked here to be
what its name is used for.
"""

from __future__ import annotations

import re
from functools import cache

from textual.color import Color, ColorParseError
from textual.css.constants import VALID_STYLE_FLAGS
from textual.theme import BUILTIN_THEMES, Theme

from ..model import RELATIONS
from ..text import sanitize

APP_VARIABLES: tuple[str, ...] = (
    "brief-reliability-a",
    "brief-reliability-b",
    "brief-reliability-c",
    "brief-reliability-d",
    "brief-reliability-e",
    "brief-reliability-f",
    *(f"brief-rel-{rel}" for rel in RELATIONS),
    "brief-reviewed",
    "brief-stale",
    "brief-flagged",
)
"""The app's own colour variables; styles use them as `$brief-...`."""

FALLBACKS: dict[str, str] = {
    "brief-reliability-a": "text-success",
    "brief-reliability-b": "text-success",
    "brief-reliability-c": "foreground",
    "brief-reliability-d": "text-warning",
    "brief-reliability-e": "text-error",
    "brief-reliability-f": "text-muted",
    "brief-rel-corroborates": "text-success",
    "brief-rel-contradicts": "text-error",
    "brief-rel-refines": "text-primary",
    "brief-rel-updates": "text-warning",
    "brief-rel-cites": "text-muted",
    "brief-rel-related": "text-muted",
    "brief-reviewed": "text-success",
    "brief-stale": "text-warning",
    "brief-flagged": "text-error",
}
"""For a theme that does not set an app colour: the Textual variable whose value it takes.

The `text-*` variables are Textual's versions of each colour adjusted to be read as text on the
theme's background, so the fallbacks stay legible in every built-in theme, light or dark.
"""

_PERCENT = re.compile(r"^\d{1,3}(\.\d+)?%$")
_COLOUR_VALUE = re.compile(r"^\s*(?P<colour>[a-z]+\([^()]*\)|[^\s()]+)(?:\s+(?P<opacity>\S+))?\s*$")
"""A colour (`rgb(1, 2, 3)` may hold spaces) and an optional opacity; `Color.parse` checks it."""
_VARIABLE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,79}$")


def variables_for(theme: Theme) -> dict[str, str]:
    """Every app colour for a theme: its own `variables`, else derived from its palette.

    Args:
        theme: Any Textual theme (built-in ones define none of the app colours).

    Returns:
        A value for each of `APP_VARIABLES`.
    """
    generated = theme.to_color_system().generate()
    return {name: theme.variables.get(name) or generated[FALLBACKS[name]] for name in APP_VARIABLES}


DEFAULT_VARIABLES: dict[str, str] = variables_for(BUILTIN_THEMES["textual-dark"])
"""App colours for Textual's default theme. For the theme in use, call `variables_for` (the App's
`get_theme_variable_defaults` does), so each built-in theme gets colours from its own palette."""


def is_colour(value: str) -> bool:
    """True for a colour Textual styles accept: `#rrggbb`, `rgb(...)`, `red`, `ansi_red`,
    optionally followed by an opacity like `60%`, or `auto 60%` (contrasting text)."""
    match = _COLOUR_VALUE.match(value)
    if match is None:
        return False
    colour, opacity = match["colour"], match["opacity"]
    if opacity is not None and not _PERCENT.match(opacity):
        return False
    if colour == "auto":
        return opacity is not None
    try:
        Color.parse(colour)
    except ColorParseError:
        return False
    return True


def is_plain_colour(value: str) -> bool:
    """A colour for any Textual property (`border`, `background`...): like `is_colour`, but
    not `auto` (which only text colours understand)."""
    return is_colour(value) and value.split()[0] != "auto"


def is_text_style(value: str) -> bool:
    """True for a `text-style` value: words like `bold`, `not underline`, or `none` alone."""
    words = value.split()
    if not words or any(word not in VALID_STYLE_FLAGS for word in words):
        return False
    return words == ["none"] or "none" not in words


@cache
def textual_variables() -> dict[str, tuple[str, frozenset[str]]]:
    """What each of Textual's own theme variables holds, judged from the built-in themes: `colour`
    or `style`, with the keywords its defaults use besides (`initial` for `link-background`)."""
    seen: dict[str, list[str]] = {}
    for theme in BUILTIN_THEMES.values():
        for name, value in {**theme.to_color_system().generate(), **theme.variables}.items():
            seen.setdefault(name, []).append(value)
    kinds: dict[str, tuple[str, frozenset[str]]] = {}
    for name, values in seen.items():
        if all(is_text_style(v) for v in values):
            kinds[name] = ("style", frozenset())
        else:
            kinds[name] = ("colour", frozenset(v for v in values if not is_colour(v)))
    return kinds


def variable_problem(name: str, value: str) -> tuple[str, str] | None:
    """Why a theme variable cannot be used, with a hint; None when it can.

    Every value reaches Textual's stylesheet, where a CSS fragment (`red; background: url(x)`,
    `{`, `$other`) or a colour where a style belongs stops the app with "Error in stylesheet":
    each variable must be what its name is used for, and nothing else.
    """
    shown = f"`{sanitize(name)[:60]}`"
    if not _VARIABLE.match(name):
        return f"{shown} is not a variable name", "use letters, digits and `-`, e.g. text-muted"
    value_shown = f"`{sanitize(value)[:40]}`"
    colour_hint = "write #rrggbb, rgb(r, g, b) or a colour name, optionally with an opacity (50%)"
    style_hint = "write style words: bold, italic, underline, reverse, dim, strike, or none"
    if name in APP_VARIABLES:
        ok, kind, hint = is_colour(value), "a colour", colour_hint
    elif name in textual_variables():
        what, keywords = textual_variables()[name]
        if what == "style":
            ok, kind, hint = is_text_style(value), "a text style", style_hint
        else:
            ok = is_plain_colour(value) or value in keywords
            kind, hint = "a colour", colour_hint
    else:
        ok = is_plain_colour(value) or is_text_style(value)
        kind, hint = "a colour or a text style", f"{colour_hint}; or {style_hint}"
    return None if ok else (f"{shown} is not {kind}: {value_shown}", hint)


# -- contrast --------------------------------------------------------------------------------------


def _luminance(colour: Color) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = colour.rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two opaque colours: 1 (none) to 21 (black on white).

    WCAG asks for 4.5 for body text (AA) and 7 (AAA) for enhanced contrast.
    """
    a = _luminance(Color.parse(foreground))
    b = _luminance(Color.parse(background))
    hi, lo = max(a, b), min(a, b)
    return (hi + 0.05) / (lo + 0.05)
