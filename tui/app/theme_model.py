"""What a theme file holds: the pydantic model of its fields, with every colour checked.

A theme file holds Textual's theme fields plus, under `variables:`, the app's colours and any
Textual variable; `ThemeFile.to_textual_theme` turns it into a Textual `Theme`.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError
from textual.theme import Theme

from ..text import sanitize
from .theme_build import build_theme
from .theme_colours import is_colour

_NAME = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"


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

        return build_theme({name: getattr(self, name) for name in FIELD_NAMES})


FIELD_NAMES: tuple[str, ...] = tuple(ThemeFile.model_fields)  # == themes.THEME_FIELDS
"""The fields a theme file may hold."""
