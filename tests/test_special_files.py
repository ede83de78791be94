"""Files that are not regular files (issue 11, class 3): a FIFO, a device, a symlink loop, a
folder that may not be listed, a name too long. Each is a positioned problem, never a hang, an
unbounded read or a failed workspace, and the briefs beside it still load.

FIFOs and device nodes are real: every load that could block or read without end runs in a
child process with a timeout and a memory cap, so a hang fails the test instead of hanging the
suite (and `/dev/zero` read to the end fails it instead of filling the memory). Permission
errors are simulated where Python meets the OS, as tests run as root in CI.
"""

from __future__ import annotations

import errno
import io
import json
import os
import resource
import stat
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from tui.load.library import load_library
from tui.model import Library

from .conftest import ROOT

TIMEOUT = 30.0
"""Seconds a guarded load may take (it takes well under one; a hang takes forever)."""

MEMORY = 2 << 30
"""Address space a guarded load may use: reading /dev/zero to the end hits it in seconds."""

SEED_BRIEF = """\
---
brief: 1
title: Seed {name}
seeds:
  - id: d
    path: {path}
claims:
  - id: c
    source: s
    text: A claim.
    quote: a quote
sources:
  - id: s
    name: S
---
"""
SEED_POS = (6, 11)
"""Line and column of `path:`'s value in SEED_BRIEF."""

PLAIN_BRIEF = "---\nbrief: 1\ntitle: Plain {name}\n---\nNothing to add.\n"

LOAD = """
from tui.load.library import load_library
library = load_library(sys.argv[1])
emit({
    "problems": [
        [p.pos.path, p.code, p.pos.line, p.pos.col, p.message] for p in library.problems
    ],
    "ok": sorted(b.path for b in library.briefs if b.ok),
    "listed": sorted(b.path for b in library.briefs),
})
"""


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def guarded(code: str, *args: str) -> Any:
    """Run `code` in a child Python with a timeout and a memory cap; what it `emit`s, decoded.

    A hang fails with `TimeoutExpired` (the child is killed), an unbounded read with the child's
    MemoryError.
    """
    prelude = "import json, sys\ndef emit(value):\n    print('RESULT ' + json.dumps(value))\n"
    try:
        done = subprocess.run(
            [sys.executable, "-c", prelude + textwrap.dedent(code), *args],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            cwd=ROOT,
            preexec_fn=_cap_memory,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"still running after {TIMEOUT:g} s: it hangs")
    assert done.returncode == 0, done.stderr[-3000:]
    line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


def load_guarded(path: Path) -> dict[str, Any]:
    result: dict[str, Any] = guarded(LOAD, str(path))
    return result


def problems_at(result: dict[str, Any], path: str) -> list[tuple[str, int, int]]:
    return [(code, line, col) for where, code, line, col, _ in result["problems"] if where == path]


def messages_at(result: dict[str, Any], path: str) -> list[str]:
    return [message for where, _, _, _, message in result["problems"] if where == path]


def seed_brief(workspace: Path, name: str, path: str) -> None:
    text = SEED_BRIEF.format(name=name, path=path)
    (workspace / "briefs" / f"{name}.md").write_text(text, encoding="utf-8")


def good_is_fine(result: dict[str, Any]) -> None:
    assert "briefs/good.md" in result["ok"]
    assert problems_at(result, "briefs/good.md") == []


def zero_device(path: Path) -> None:
    """A character device like /dev/zero (1, 5) at `path`; skips when that is not allowed."""
    if os.geteuid() != 0:
        pytest.skip("creating a device node needs root")
    try:
        os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 5))
    except PermissionError as exc:  # a container without CAP_MKNOD
        pytest.skip(f"cannot create a device node here: {exc}")


# -- FIFOs -------------------------------------------------------------------------------------


def test_fifo_as_a_brief(workspace: Path) -> None:
    os.mkfifo(workspace / "briefs" / "pipe.md")
    result = load_guarded(workspace)
    assert problems_at(result, "briefs/pipe.md") == [("not-a-file", 1, 1)]
    (message,) = messages_at(result, "briefs/pipe.md")
    assert message == "not a regular file: a FIFO (named pipe); briefs and seeds must be files"
    assert "briefs/pipe.md" in result["listed"]  # listed, so the user sees it
    good_is_fine(result)


def test_fifo_asked_for_by_name(workspace: Path) -> None:
    os.mkfifo(workspace / "briefs" / "pipe.md")
    result = load_guarded(workspace / "briefs" / "pipe.md")
    assert problems_at(result, "briefs/pipe.md") == [("not-a-file", 1, 1)]


def test_fifo_as_a_seed(workspace: Path) -> None:
    os.mkfifo(workspace / "seeds" / "pipe.txt")
    seed_brief(workspace, "piped", "seeds/pipe.txt")
    result = load_guarded(workspace)
    assert problems_at(result, "briefs/piped.md") == [("seed-not-a-file", *SEED_POS)]
    (message,) = messages_at(result, "briefs/piped.md")
    assert "not a regular file: a FIFO" in message and "seeds/pipe.txt" in message
    assert "briefs/piped.md" in result["ok"]  # the brief itself reads fine
    good_is_fine(result)


def test_fifo_as_the_config(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    os.mkfifo(config)
    found = guarded(
        """
        from pathlib import Path
        from tui.config import load_config
        config, problems = load_config(Path(sys.argv[1]))
        emit([[p.pos.path, p.code, p.pos.line, p.message] for p in problems])
        """,
        str(config),
    )
    assert found == [
        [
            str(config),
            "not-a-file",
            1,
            "not a regular file: a FIFO (named pipe); the config and themes must be files",
        ]
    ]


def test_remembering_a_theme_in_a_fifo_config(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    os.mkfifo(config)
    found = guarded(
        """
        from pathlib import Path
        from tui.config import save_theme
        try:
            save_theme("brief-light", Path(sys.argv[1]))
        except (OSError, ValueError) as exc:
            emit(str(exc))
        """,
        str(config),
    )
    assert found.endswith(
        "not a regular file: a FIFO (named pipe); "
        "the config and themes must be files; not rewriting it"
    )


THEMES = """
from pathlib import Path
from tui.app.themes import load_themes
themes, problems = load_themes([Path(sys.argv[1])])
emit({
    "themes": [t.name for t in themes],
    "problems": [[p.pos.path, p.code, p.message] for p in problems],
})
"""


def test_fifo_as_a_theme_file(tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text("name: good\nprimary: '#336699'\n")
    os.mkfifo(tmp_path / "pipe.yaml")
    found = guarded(THEMES, str(tmp_path))
    assert found["themes"] == ["good"]
    assert [(path, code) for path, code, _ in found["problems"]] == [
        (str(tmp_path / "pipe.yaml"), "not-a-file")
    ]
    assert "theme not loaded: not a regular file: a FIFO" in found["problems"][0][2]


# -- devices -----------------------------------------------------------------------------------


def test_dev_zero_linked_as_a_brief_is_refused(workspace: Path) -> None:
    (workspace / "briefs" / "zero.md").symlink_to("/dev/zero")
    (workspace / "briefs" / "null.md").symlink_to("/dev/null")
    result = load_guarded(workspace)
    assert problems_at(result, "briefs/zero.md") == [("outside-workspace", 1, 1)]
    assert problems_at(result, "briefs/null.md") == [("outside-workspace", 1, 1)]
    good_is_fine(result)


def test_dev_zero_linked_as_a_seed_is_refused(workspace: Path) -> None:
    (workspace / "seeds" / "zero.txt").symlink_to("/dev/zero")
    seed_brief(workspace, "zeroed", "seeds/zero.txt")
    result = load_guarded(workspace)
    assert problems_at(result, "briefs/zeroed.md") == [("seed-outside", *SEED_POS)]
    good_is_fine(result)


def test_device_node_as_a_brief(workspace: Path) -> None:
    zero_device(workspace / "briefs" / "zero.md")
    result = load_guarded(workspace)
    assert problems_at(result, "briefs/zero.md") == [("not-a-file", 1, 1)]
    assert "a character device" in messages_at(result, "briefs/zero.md")[0]
    good_is_fine(result)


def test_device_node_as_a_seed(workspace: Path) -> None:
    zero_device(workspace / "seeds" / "zero.txt")
    seed_brief(workspace, "zeroed", "seeds/zero.txt")
    result = load_guarded(workspace)  # read to the end, it would never stop
    assert problems_at(result, "briefs/zeroed.md") == [("seed-not-a-file", *SEED_POS)]
    assert "a character device" in messages_at(result, "briefs/zeroed.md")[0]
    good_is_fine(result)


def test_device_node_as_the_config(tmp_path: Path) -> None:
    zero_device(tmp_path / "config.yaml")
    found = guarded(
        """
        from pathlib import Path
        from tui.config import load_config
        emit([p.code for p in load_config(Path(sys.argv[1]))[1]])
        """,
        str(tmp_path / "config.yaml"),
    )
    assert found == ["not-a-file"]


# -- symlink loops -----------------------------------------------------------------------------


def test_symlink_loop_as_a_brief(workspace: Path) -> None:
    briefs = workspace / "briefs"
    (briefs / "a.md").symlink_to("b.md")
    (briefs / "b.md").symlink_to("a.md")
    library = load_library(workspace)
    for name in ("a.md", "b.md"):
        (problem,) = [p for p in library.problems if p.pos.path == f"briefs/{name}"]
        assert (problem.code, problem.pos.line, problem.pos.col) == ("symlink-loop", 1, 1)
        assert "symlink loop" in problem.message
    assert_good(library)


def test_symlink_loop_as_a_seed(workspace: Path) -> None:
    seeds = workspace / "seeds"
    (seeds / "a.txt").symlink_to("b.txt")
    (seeds / "b.txt").symlink_to("a.txt")
    seed_brief(workspace, "looped", "seeds/a.txt")
    library = load_library(workspace)
    (problem,) = [p for p in library.problems if p.pos.path == "briefs/looped.md"]
    assert (problem.code, problem.pos.line, problem.pos.col) == ("seed-symlink-loop", *SEED_POS)
    assert problem.message.startswith("cannot read seed `seeds/a.txt`: symlink loop")
    assert_good(library)


def test_symlink_loop_as_the_config_and_a_theme(tmp_path: Path) -> None:
    from tui.app.themes import load_themes
    from tui.config import load_config

    (tmp_path / "a.yaml").symlink_to("b.yaml")
    (tmp_path / "b.yaml").symlink_to("a.yaml")
    assert [p.code for p in load_config(tmp_path / "a.yaml")[1]] == ["symlink-loop"]
    themes, problems = load_themes([tmp_path])
    assert themes == []
    assert [(p.pos.path, p.code) for p in problems] == [
        (str(tmp_path / "a.yaml"), "symlink-loop"),
        (str(tmp_path / "b.yaml"), "symlink-loop"),
    ]


# -- refused folders ---------------------------------------------------------------------------


def assert_good(library: Library) -> None:
    good = library.brief("good")
    assert good is not None and good.ok and good.problems == ()


def refuse_under(monkeypatch: pytest.MonkeyPatch, folder: Path, *, listing: bool = True) -> None:
    """The OS refuses whatever lies under `folder` (and to list `folder` itself), as it does for
    an ordinary user when the folder has no read and execute permission."""
    inside = str(folder) + os.sep

    def refused(path: object, listed: bool) -> bool:
        if isinstance(path, int):
            return False
        text = os.fspath(path) if isinstance(path, (str, bytes, os.PathLike)) else ""
        text = os.path.abspath(os.fsdecode(text)) if text else ""
        return text.startswith(inside) or (listed and listing and text == str(folder))

    def guard(real: Any, listed: bool = False) -> Any:
        def wrapper(path: Any = ".", *args: Any, **kwargs: Any) -> Any:
            if refused(path, listed):
                raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
            return real(path, *args, **kwargs)

        return wrapper

    for name in ("open", "stat", "lstat"):
        monkeypatch.setattr(os, name, guard(getattr(os, name)))
    for name in ("scandir", "listdir"):
        monkeypatch.setattr(os, name, guard(getattr(os, name), listed=True))
    monkeypatch.setattr(io, "open", guard(io.open))


def test_unreadable_subfolder_of_briefs(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (workspace / "briefs" / "locked").mkdir()
    (workspace / "briefs" / "locked" / "hidden.md").write_text(PLAIN_BRIEF.format(name="h"))
    (workspace / "briefs" / "open").mkdir()
    (workspace / "briefs" / "open" / "seen.md").write_text(PLAIN_BRIEF.format(name="s"))
    refuse_under(monkeypatch, workspace / "briefs" / "locked")
    library = load_library(workspace)
    (problem,) = [p for p in library.problems if p.pos.path == "briefs/locked"]
    assert (problem.code, problem.severity, problem.pos.line) == ("folder-unreadable", "error", 1)
    assert problem.message == (
        "cannot list the folder `briefs/locked`: Permission denied; the briefs in it were not read"
    )
    assert sorted(b.path for b in library.briefs) == ["briefs/good.md", "briefs/open/seen.md"]
    assert library.error_count == 1
    assert_good(library)


def test_unreadable_briefs_folder_is_not_a_failed_workspace(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    refuse_under(monkeypatch, workspace / "briefs")
    library = load_library(workspace)
    assert library.briefs == ()
    assert [(p.pos.path, p.code) for p in library.problems] == [("briefs", "folder-unreadable")]


def test_unreadable_seeds_folder(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (workspace / "briefs" / "plain.md").write_text(PLAIN_BRIEF.format(name="p"))
    refuse_under(monkeypatch, workspace / "seeds")
    library = load_library(workspace)
    good = library.brief("good")
    assert good is not None and good.ok
    assert [(p.code, p.pos.line, p.pos.col) for p in good.problems] == [("seed-unreadable", 8, 11)]
    assert good.problems[0].message == "cannot read seed `seeds/doc.txt`: Permission denied"
    assert [c.id for c in good.claims] == ["c1", "c2"]  # the brief is read, its quotes unchecked
    plain = library.brief("plain")
    assert plain is not None and plain.ok and plain.problems == ()


def test_unreadable_seed_file(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # seeds/ may be listed (the did-you-mean needs it) but not its files.
    refuse_under(monkeypatch, workspace / "seeds", listing=False)
    library = load_library(workspace)
    assert [p.code for p in library.problems] == ["seed-unreadable"]


# -- names too long ----------------------------------------------------------------------------


def test_seed_name_too_long(workspace: Path) -> None:
    name = "x" * 300 + ".txt"
    try:
        (workspace / "seeds" / name).write_text("never")
    except OSError as exc:
        assert exc.errno == errno.ENAMETOOLONG
    else:
        pytest.skip("this file system allows 300-character names")
    seed_brief(workspace, "long", f"seeds/{name}")
    (workspace / "briefs" / "plain.md").write_text(PLAIN_BRIEF.format(name="p"))
    library = load_library(workspace)
    (problem,) = [p for p in library.problems if p.pos.path == "briefs/long.md"]
    assert (problem.code, problem.pos.line, problem.pos.col) == ("seed-unreadable", *SEED_POS)
    assert problem.message.endswith(": file name too long")
    assert_good(library)
    assert library.brief("plain") is not None


def test_config_name_too_long(tmp_path: Path) -> None:
    from tui.config import load_config

    _, problems = load_config(tmp_path / ("c" * 300 + ".yaml"))
    assert [p.code for p in problems] == ["unreadable"]
    assert problems[0].message == "cannot read the file: file name too long"


def test_workspace_path_too_long(tmp_path: Path) -> None:
    from tui.load.workspace import WorkspaceError

    with pytest.raises(WorkspaceError, match="too long"):
        load_library(tmp_path / ("w" * 300))


# -- all at once -------------------------------------------------------------------------------


def test_bad_seeds_never_stop_the_other_briefs(workspace: Path) -> None:
    seeds = workspace / "seeds"
    os.mkfifo(seeds / "pipe.txt")
    (seeds / "a.txt").symlink_to("b.txt")
    (seeds / "b.txt").symlink_to("a.txt")
    seed_brief(workspace, "piped", "seeds/pipe.txt")
    seed_brief(workspace, "looped", "seeds/a.txt")
    seed_brief(workspace, "long", "seeds/" + "y" * 300)
    seed_brief(workspace, "folder", "seeds")
    seed_brief(workspace, "shared", "seeds/doc.txt")
    for n in range(3):
        (workspace / "briefs" / f"plain-{n}.md").write_text(PLAIN_BRIEF.format(name=n))
    result = load_guarded(workspace)
    assert problems_at(result, "briefs/piped.md") == [("seed-not-a-file", *SEED_POS)]
    assert problems_at(result, "briefs/looped.md") == [("seed-symlink-loop", *SEED_POS)]
    assert problems_at(result, "briefs/long.md") == [("seed-unreadable", *SEED_POS)]
    assert problems_at(result, "briefs/folder.md") == [("seed-unreadable", *SEED_POS)]
    # The shared brief's quote is simply not in doc.txt: its seed was read.
    assert problems_at(result, "briefs/shared.md") == [("quote-orphaned", 11, 12)]
    names = ["good", "piped", "looped", "long", "folder", "shared", "plain-0", "plain-1", "plain-2"]
    assert result["ok"] == sorted(f"briefs/{name}.md" for name in names)
    good_is_fine(result)
