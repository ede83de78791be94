"""The problems view: every load problem with its position, newest file first."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ...model import Problem


def problem_row(problem: Problem) -> Content:
    """`path:line:col  error  message [code]` with the hint below; all plain text."""
    severity = "bold $error" if problem.severity == "error" else "bold $warning"
    parts: list[str | tuple[str, str]] = [
        (str(problem.pos), "$text-accent"),
        "  ",
        (problem.severity, severity),
        "  ",
        problem.message,
        (f"  [{problem.code}]", "$text-muted"),
    ]
    if problem.hint:
        parts += ["\n", ("    " + problem.hint, "italic $text-muted")]
    return Content.assemble(*parts)


class ProblemsScreen(Screen[None]):
    """Lists problems; Escape returns."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,backspace", "app.pop_screen", "Back", id="problems.close"),
        Binding("j", "cursor(1)", "Down", show=False, id="problems.down"),
        Binding("k", "cursor(-1)", "Up", show=False, id="problems.up"),
        Binding("e", "edit", "Edit at problem", id="problems.edit"),
    ]

    def __init__(self, problems: tuple[Problem, ...], scope: str) -> None:
        super().__init__()
        self.problems = problems
        self.scope = scope

    def compose(self) -> ComposeResult:
        errors = sum(1 for p in self.problems if p.severity == "error")
        warnings = len(self.problems) - errors
        yield Static(
            Content.assemble(
                (f"Problems in {self.scope}", "bold"),
                (
                    f"  {errors} error{'s' * (errors != 1)}, "
                    f"{warnings} warning{'s' * (warnings != 1)}",
                    "$text-muted",
                ),
            ),
            id="problems-header",
        )
        rows = [Option(problem_row(p), id=str(i)) for i, p in enumerate(self.problems)]
        if not rows:
            rows = [Option(Content("No problems."), disabled=True)]
        yield OptionList(*rows, id="problem-list", markup=False)
        yield Footer(compact=True)

    def action_edit(self) -> None:
        """Open the file in the editor where the highlighted problem is."""
        options = self.query_one(OptionList)
        if options.highlighted is None or not self.problems:
            return
        problem = self.problems[options.highlighted]
        self.app.edit_at(problem.pos.path, problem.pos.line)  # type: ignore[attr-defined]

    def action_cursor(self, step: int) -> None:
        options = self.query_one(OptionList)
        if step > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()
