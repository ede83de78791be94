"""Checks of a loaded config against names only the reader knows: binding ids and theme names.

The core cannot list them (they come from Textual and the theme files), so the UI and
`brief config` pass them in; the warnings are positioned like those of `load_config`.
"""

from __future__ import annotations

from collections.abc import Collection

from ..model import Pos, Problem
from ..text import sanitize
from .model import Config


def check_keymap(config: Config, known_ids: Collection[str]) -> list[Problem]:
    """Warnings for keymap entries that name no binding (the UI knows the ids; the core doesn't).

    Args:
        config: A loaded config.
        known_ids: Every binding id of the reader (see `tui.app.keys_doc.binding_ids`).

    Returns:
        One positioned warning, with a did-you-mean, per unknown id.
    """
    shown = str(config.source) if config.source else "config.yaml"
    from ..load.errors import did_you_mean  # rapidfuzz and PyYAML: only when there is a keymap

    problems: list[Problem] = []
    known = sorted(known_ids)
    for binding_id in config.keymap:
        if binding_id in known_ids:
            continue
        pos = config.key_pos("keymap", binding_id) or Pos(shown, 1, 1)
        problems.append(
            Problem(
                pos,
                "warning",
                "unknown-binding",
                f"no key binding has the id `{sanitize(binding_id)}` (ignored)",
                did_you_mean(binding_id, known) or "the ids are listed by `?` and in docs/keys.md",
            )
        )
    return problems


def check_theme(config: Config, known_names: Collection[str]) -> list[Problem]:
    """A warning when `theme:` names no theme (the UI knows the names; the core doesn't).

    Args:
        config: A loaded config.
        known_names: Names of every theme the reader has (built-in and from theme files).

    Returns:
        A positioned warning with a did-you-mean, or nothing.
    """
    if config.theme is None or config.theme in known_names:
        return []
    from ..load.errors import did_you_mean  # rapidfuzz and PyYAML: only for an unknown theme

    shown = str(config.source) if config.source else "config.yaml"
    pos = config.value_pos("theme") or Pos(shown, 1, 1)
    hint = did_you_mean(config.theme, sorted(known_names))
    return [
        Problem(
            pos,
            "warning",
            "unknown-theme",
            f"no theme is named `{sanitize(config.theme)}` (the default theme is used instead)",
            hint or f"themes: {', '.join(sorted(known_names))}",
        )
    ]
