"""A text field that never holds what the terminal would act on."""

from __future__ import annotations

from textual.widgets import Input

from ...text import one_line


class SafeInput(Input):
    """An `Input` whose value is always one safe line (`tui.text.one_line`).

    What is pasted may hold escape sequences or bidi overrides, and a value set from a file or
    a review database may too; an Input draws its value as it is, so every value is made safe
    as it is set (one character for one: the cursor stays where it was).
    """

    def validate_value(self, value: str) -> str:
        return one_line(value)
