"""Colour themes: YAML theme files turned into Textual `Theme`s, and the app's own colours.

A theme file holds Textual's theme fields plus, under `variables:`, the app's colours
(`brief-rel-contradicts`, ...) which styles use as `$brief-rel-contradicts`. Files are read with
the same strict YAML reader as briefs, so a broken theme is reported `path:line:col` and the
other themes still load; the app then keeps a built-in theme instead of failing.

This module finds and reads the files; `theme_model.py` is what a file may hold (`ThemeFile`),
`theme_colours.py` the app's colours and the checks on values. Their names are re-exported here
(`theme_model`'s lazily: it imports pydantic).

The bundled themes are read before the first frame without pydantic or positions (a plain
libyaml parse, `trusted`); tests/test_themes.py holds that this gives the same themes as the full,
checked reading, which every other theme file gets.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.theme import Theme

from ..config import bundled_themes_dir, user_themes_dir
from ..model import Pos, Problem
from ..text import sanitize
from .theme_build import THEME_FIELDS, build_theme, quick_theme
from .theme_colours import (
    APP_VARIABLES,
    DEFAULT_VARIABLES,
    FALLBACKS,
    contrast_ratio,
    is_colour,
    is_plain_colour,
    is_text_style,
    textual_variables,
    variable_problem,
    variables_for,
)

if TYPE_CHECKING:
    from .theme_model import FIELD_NAMES, Colour, ThemeFile

__all__ = [
    "APP_VARIABLES",
    "DEFAULT_VARIABLES",
    "FALLBACKS",
    "FIELD_NAMES",
    "THEME_FIELDS",
    "THEME_SUFFIXES",
    "Colour",
    "ThemeFile",
    "build_theme",
    "contrast_ratio",
    "is_colour",
    "is_plain_colour",
    "is_text_style",
    "load_themes",
    "quick_theme",
    "read_theme",
    "textual_variables",
    "theme_files",
    "theme_folders",
    "variable_problem",
    "variables_for",
]

THEME_SUFFIXES = (".yaml", ".yml")
"""File endings read as themes."""


def __getattr__(name: str) -> Any:
    # `theme_model` imports pydantic: only when its names are asked for.
    if name in ("FIELD_NAMES", "Colour", "ThemeFile"):
        from . import theme_model

        return getattr(theme_model, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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


def load_themes(
    folders: list[Path], trusted: Path | None = None
) -> tuple[list[Theme], list[Problem]]:
    """Read every theme file of the folders. Never raises.

    A file that cannot be used gives exactly one error (where and why) and is skipped; the other
    files still load. A theme defined again in a later folder replaces the earlier one.

    Args:
        folders: Folders in order of precedence, lowest first (see `theme_folders`).
        trusted: A folder whose files are read without checks when they look as expected (the
            bundled themes, before the first frame); anything unexpected there is read fully.

    Returns:
        The themes, sorted by name, and the problems found.
    """
    themes: dict[str, Theme] = {}
    problems: list[Problem] = []
    for folder in folders:
        seen: dict[str, Path] = {}
        for path in theme_files(folder):
            theme = quick_theme(path) if trusted is not None and folder == trusted else None
            if theme is None:
                try:
                    spec, found = read_theme(path)
                except Exception as exc:  # noqa: BLE001 - one bad file must not stop the others
                    spec = None
                    found = [_problem(Pos(str(path), 1, 1), "internal", f"{exc!r}")]
                problems.extend(found)
                if spec is None:
                    continue
                theme = spec.to_textual_theme()
            if theme.name in seen:
                problems.append(
                    Problem(
                        Pos(str(path), 1, 1),
                        "warning",
                        "theme-duplicate",
                        f"theme `{theme.name}` is also defined in {seen[theme.name]} "
                        "(this file is ignored)",
                        "give one of them another `name:`",
                    )
                )
                continue
            seen[theme.name] = path
            themes[theme.name] = theme
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
    from pydantic import ValidationError

    from ..load.errors import did_you_mean, explain, unknown_keys
    from ..load.yamlfile import key_position, position, read_yaml_file
    from .theme_model import FIELD_NAMES, ThemeFile

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
