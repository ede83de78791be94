"""The problems view: every load problem with its position; Enter goes to it, `e` edits it."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ...model import Brief, Library, Problem
from ...text import one_line
from ..messages import EditFile, OpenBrief


def problem_row(problem: Problem) -> Content:
    """`path:line:col  error  message [code]` with the hint below; all plain text, each part
    one safe line (the path is a file name, the message may echo a value as written)."""
    severity = "bold $error" if problem.severity == "error" else "bold $warning"
    parts: list[str | tuple[str, str]] = [
        (one_line(problem.pos), "$text-accent"),
        "  ",
        (problem.severity, severity),
        "  ",
        one_line(problem.message),
        (f"  [{one_line(problem.code)}]", "$text-muted"),
    ]
    if problem.hint:
        parts += ["\n", ("    " + one_line(problem.hint), "italic $text-muted")]
    return Content.assemble(*parts)


def claim_at(brief: Brief, line: int) -> str | None:
    """The claim whose entry holds `line` of the brief's file (the last one starting at or
    before it, when the line is inside the `claims:` list), else None."""
    before = [c for c in brief.claims if c.pos.line <= line]
    if not before:
        return None
    claim = max(before, key=lambda c: c.pos.line)
    starts = [s.pos.line for s in brief.sources] + [s.pos.line for s in brief.seeds]
    later = [n for n in [*starts, *(x.pos.line for x in brief.xrefs)] if n > claim.pos.line]
    if later and min(later) <= line:
        return None
    return claim.id


class ProblemsScreen(Screen[None]):
    """Lists the problems of one brief (`path`) or of the whole workspace (None).

    A reload hands it the new library (`show`), so it never lists problems already fixed.
    Enter goes to the problem in the reader when its brief could be read; `e` edits the file.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,backspace", "app.pop_screen", "Back", id="problems.close"),
        Binding("j", "cursor(1)", "Down", show=False, id="problems.down"),
        Binding("k", "cursor(-1)", "Up", show=False, id="problems.up"),
        Binding("enter", "go", "Go to problem", id="problems.go"),
        Binding("e", "edit", "Edit at problem", id="problems.edit"),
    ]

    def __init__(self, library: Library, path: str | None) -> None:
        super().__init__()
        self.library = library
        """The library whose problems are listed."""
        self.path = path
        """The brief's file, or None for the whole workspace."""
        self.problems: tuple[Problem, ...] = ()
        """The problems listed, in order."""

    def compose(self) -> ComposeResult:
        yield Static(id="problems-header")
        yield OptionList(id="problem-list", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.show(self.library)

    def show(self, library: Library) -> None:
        """List the problems of a (re)loaded library, keeping the cursor's row where it can."""
        self.library = library
        if self.path is None:
            self.problems = library.problems
        else:
            brief = next((b for b in library.briefs if b.path == self.path), None)
            self.problems = brief.problems if brief is not None else ()
        errors = sum(1 for p in self.problems if p.severity == "error")
        warnings = len(self.problems) - errors
        self.query_one("#problems-header", Static).update(
            Content.assemble(
                (f"Problems in {one_line(self.path or 'the workspace')}", "bold"),
                (
                    f"  {errors} error{'s' * (errors != 1)}, "
                    f"{warnings} warning{'s' * (warnings != 1)}",
                    "$text-muted",
                ),
            )
        )
        options = self.query_one(OptionList)
        keep = options.highlighted
        options.clear_options()
        if self.problems:
            options.add_options(
                [Option(problem_row(p), id=str(i)) for i, p in enumerate(self.problems)]
            )
            options.highlighted = min(keep or 0, len(self.problems) - 1)
        else:
            options.add_option(Option(Content("No problems."), disabled=True))
        options.focus()

    @property
    def problem(self) -> Problem | None:
        """The highlighted problem."""
        highlighted = self.query_one(OptionList).highlighted
        if highlighted is None or not self.problems:
            return None
        return self.problems[highlighted]

    def action_go(self) -> None:
        """Show the problem's brief at its claim; edit the file when the brief could not be read."""
        problem = self.problem
        if problem is None:
            return
        brief = next((b for b in self.library.briefs if b.path == problem.pos.path), None)
        if brief is None or not brief.ok:
            self.action_edit()
            return
        claim = claim_at(brief, problem.pos.line)
        self.post_message(OpenBrief(brief.id, path=brief.path, claim=claim))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_go()

    def action_edit(self) -> None:
        """Open the file in the editor where the highlighted problem is."""
        problem = self.problem
        if problem is not None:
            self.post_message(EditFile(problem.pos.path, problem.pos.line))

    def action_cursor(self, step: int) -> None:
        options = self.query_one(OptionList)
        if step > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()
