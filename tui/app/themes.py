"""Colour themes: YAML theme files turned into Textual `Theme`s, and the app's own colours.

A theme file holds Textual's theme fields plus, under `variables:`, the app's colours
(`brief-rel-contradicts`, ...) which styles use as `$brief-rel-contradicts`. Files are read with
the same strict YAML reader as briefs, so a broken theme is reported `path:line:col` and the
other themes still load; the app then keeps a built-in theme instead of failing.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
)
from pydantic_core import PydanticCustomError
from textual.color import Color, ColorParseError
from textual.css.constants import VALID_STYLE_FLAGS
from textual.theme import BUILTIN_THEMES, Theme

from ..config import bundled_themes_dir, user_themes_dir
from ..load.errors import did_you_mean, explain, unknown_keys
from ..load.yamlfile import key_position, position, read_yaml_file
from ..model import RELATIONS, Pos, Problem
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

THEME_SUFFIXES = (".yaml", ".yml")
"""File endings read as themes."""

_NAME = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"
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


def _colour(value: str) -> str:
    if not is_colour(value):
        raise PydanticCustomError(
            "colour",
            "`{value}` is not a colour",
            {"value": sanitize(value)[:40]},
        )
    return value


Colour = Annotated[str, StringConstraints(max_length=80), AfterValidator(_colour)]
"""A colour as Textual parses it (checked when the theme is read, not when it is shown)."""


class ThemeFile(BaseModel):
    """A theme file: Textual's theme fields plus the app's colours under `variables`."""

    # Strict like briefs; unknown fields are kept so the loader can warn with a did-you-mean.
    model_config = ConfigDict(strict=True, extra="allow", frozen=True)

    name: Annotated[str, StringConstraints(pattern=_NAME, max_length=60)] = Field(
        description="Theme name, as chosen in the command palette and written in `theme:`."
    )
    description: str = Field("", description="What the theme is for (for people reading it).")
    author: str = Field("", description="Who made the theme.")
    dark: bool = Field(True, description="True for a dark background, false for a light one.")
    primary: Colour = Field(description="Main brand colour: cursor, focused borders, titles.")
    secondary: Colour | None = Field(None, description="Second brand colour.")
    accent: Colour | None = Field(None, description="Colour that draws the eye: focus, links.")
    foreground: Colour | None = Field(None, description="Default text colour.")
    background: Colour | None = Field(None, description="Screen background.")
    surface: Colour | None = Field(None, description="Background of panes and widgets.")
    panel: Colour | None = Field(None, description="Background of panels and headers.")
    boost: Colour | None = Field(None, description="Slight highlight over the surface.")
    warning: Colour | None = Field(None, description="Warnings.")
    error: Colour | None = Field(None, description="Errors.")
    success: Colour | None = Field(None, description="Success.")
    variables: dict[str, Annotated[str, StringConstraints(min_length=1, max_length=200)]] = Field(
        default_factory=dict,
        description="CSS variables: the app's `brief-*` colours and any Textual variable "
        "(e.g. `text-muted`, `block-cursor-background`).",
    )

    def to_textual_theme(self) -> Theme:
        """This theme as a Textual `Theme`, with every app colour in its `variables`."""
        theme = Theme(
            name=self.name,
            primary=self.primary,
            secondary=self.secondary,
            accent=self.accent,
            foreground=self.foreground,
            background=self.background,
            surface=self.surface,
            panel=self.panel,
            boost=self.boost,
            warning=self.warning,
            error=self.error,
            success=self.success,
            dark=self.dark,
            variables=dict(self.variables),
        )
        # A theme may set only some app colours: the rest follow its own palette.
        theme.variables = {**variables_for(theme), **self.variables}
        return theme


FIELD_NAMES: tuple[str, ...] = tuple(ThemeFile.model_fields)
"""The fields a theme file may hold."""


def theme_folders(repo_themes: Path | None = None) -> list[Path]:
    """Folders to read themes from, in order: later ones override earlier ones by name.

    Args:
        repo_themes: The bundled themes folder to use instead of the detected one (the wheel's
            `tui/_example/themes`, or `themes/` of a source checkout).

    Returns:
        The bundled themes folder, then the user's theme folder (either may not exist).
    """
    return [repo_themes or bundled_themes_dir(), user_themes_dir()]


def theme_files(folder: Path) -> list[Path]:
    """The theme files of a folder (not recursive, hidden files skipped), sorted by name.

    Anything but a folder counts: reading a FIFO, a device or a symlink loop reports it, so a
    theme that does not load never just vanishes.
    """
    try:
        entries = sorted(folder.iterdir())
    except OSError:  # a missing or unreadable folder simply holds no themes
        return []
    return [
        p
        for p in entries
        if p.suffix.lower() in THEME_SUFFIXES and not p.name.startswith(".") and not _is_dir(p)
    ]


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def load_themes(folders: list[Path]) -> tuple[list[Theme], list[Problem]]:
    """Read every theme file of the folders. Never raises.

    A file that cannot be used gives exactly one error (where and why) and is skipped; the other
    files still load. A theme defined again in a later folder replaces the earlier one.

    Args:
        folders: Folders in order of precedence, lowest first (see `theme_folders`).

    Returns:
        The themes, sorted by name, and the problems found.
    """
    themes: dict[str, Theme] = {}
    problems: list[Problem] = []
    for folder in folders:
        seen: dict[str, Path] = {}
        for path in theme_files(folder):
            try:
                spec, found = read_theme(path)
            except Exception as exc:  # noqa: BLE001 - one bad file must not stop the others
                spec = None
                found = [_problem(Pos(str(path), 1, 1), "internal", f"{exc!r}")]
            problems.extend(found)
            if spec is None:
                continue
            if spec.name in seen:
                problems.append(
                    Problem(
                        Pos(str(path), 1, 1),
                        "warning",
                        "theme-duplicate",
                        f"theme `{spec.name}` is also defined in {seen[spec.name]} "
                        "(this file is ignored)",
                        "give one of them another `name:`",
                    )
                )
                continue
            seen[spec.name] = path
            themes[spec.name] = spec.to_textual_theme()
    return [themes[name] for name in sorted(themes)], problems


def _problem(pos: Pos, code: str, message: str, hint: str = "") -> Problem:
    return Problem(pos, "error", code, f"theme not loaded: {message}", hint)


def read_theme(path: Path) -> tuple[ThemeFile | None, list[Problem]]:
    """Read one theme file.

    Args:
        path: The file.

    Returns:
        The theme (None when it cannot be used) and its problems: for an unusable file exactly
        one error, the first thing wrong (with a count of the others); for a usable one,
        warnings about fields and variables it does not know.
    """
    shown = str(path)
    doc, errors = read_yaml_file(path, shown)
    if errors:
        return None, [_first(errors)]
    value = doc.value
    if not isinstance(value, dict):
        what = "nothing" if value is None else type(value).__name__
        return None, [
            _problem(
                position(doc, shown, ()),
                "theme-not-mapping",
                f"a theme must be a mapping of fields (`name: ...`, `primary: ...`), not {what}",
                "start from one of the bundled themes (brief-dark.yaml)",
            )
        ]
    try:
        spec = ThemeFile.model_validate(value)
    except ValidationError as exc:
        found = []
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            message, hint = explain(err, loc, doc)
            found.append(
                Problem(position(doc, shown, loc), "error", "invalid-field", message, hint)
            )
        return None, [_first(found)]
    try:
        spec.to_textual_theme().to_color_system().generate()
    except Exception as exc:  # noqa: BLE001 - Textual could not build colours from it
        return None, [_problem(Pos(shown, 1, 1), "theme-invalid", f"{exc}")]

    def where(key: str) -> Pos:
        return key_position(doc, shown, (key,))

    warnings = unknown_keys(value, FIELD_NAMES, where, "theme field")
    wrong_values: list[Problem] = []
    for name, colour in spec.variables.items():
        loc = ("variables", name)
        wrong = variable_problem(name, colour)
        if wrong is not None:
            # Every variable reaches the stylesheet (and app colours are parsed when drawing):
            # a bad one would stop the app with "Error in stylesheet", or fail mid-frame.
            message, hint = wrong
            wrong_values.append(
                Problem(position(doc, shown, loc), "error", "invalid-field", message, hint)
            )
        elif name.startswith("brief-") and name not in APP_VARIABLES:
            warnings.append(
                Problem(
                    key_position(doc, shown, loc),
                    "warning",
                    "unknown-variable",
                    f"unknown app colour `{sanitize(name)}` (ignored)",
                    did_you_mean(name, APP_VARIABLES) or f"known: {', '.join(APP_VARIABLES)}",
                )
            )
    if wrong_values:
        return None, [_first(wrong_values)]
    return spec, warnings


def _first(errors: list[Problem]) -> Problem:
    """One problem standing for all of a file's errors: the first, by position."""
    first = min(errors, key=lambda p: (p.pos.line, p.pos.col))
    more = len(errors) - 1
    extra = f"{more} more problem{'s' * (more != 1)} in this file" if more else ""
    hint = "; ".join(part for part in (first.hint, extra) if part)
    return Problem(
        first.pos,
        "error",
        first.code,
        first.message
        if first.message.startswith("theme not loaded")
        else f"theme not loaded: {first.message}",
        hint,
    )


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
