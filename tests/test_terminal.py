"""The main flow once in a real terminal: tmux runs `brief`, we type keys and read the screen."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None,
    reason="tmux is not installed and could not be installed (make test tries apt-get)",
)


class Tmux:
    def __init__(self, socket: str, session: str) -> None:
        self.base = ["tmux", "-L", socket]
        self.session = session

    def send(self, *keys: str) -> None:
        for key in keys:
            subprocess.run([*self.base, "send-keys", "-t", self.session, key], check=True)
            time.sleep(0.15)

    def screen(self) -> str:
        out = subprocess.run(
            [*self.base, "capture-pane", "-p", "-t", self.session],
            check=True,
            capture_output=True,
            text=True,
        )
        return out.stdout

    def wait_for(self, text: str, timeout: float = 15) -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if text in screen:
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} never appeared; screen was:\n{screen}")
            time.sleep(0.2)


def start(example: Path, session: str = "reader") -> Tmux:
    socket = f"brief-test-{uuid.uuid4().hex[:8]}"
    # COLUMNS/LINES inherited from the test runner would override the real terminal size.
    command = (
        f"env -u COLUMNS -u LINES {shlex.quote(sys.executable)} -m tui "
        f"{shlex.quote(str(example))}; echo BRIEF-EXITED; sleep 30"
    )
    size = ["-x", "100", "-y", "32"]
    subprocess.run(
        [
            "tmux",
            "-L",
            socket,
            "new-session",
            "-d",
            "-s",
            session,
            *size,
            "-e",
            "TERM=xterm-256color",
            command,
        ],
        check=True,
    )
    return Tmux(socket, session)


def stop(tmux: Tmux) -> None:
    subprocess.run([*tmux.base, "kill-server"], capture_output=True)


@pytest.fixture
def tmux(example: Path) -> Iterator[Tmux]:
    term = start(example)
    try:
        yield term
    finally:
        stop(term)


def test_main_flow_in_tmux(tmux: Tmux) -> None:
    tmux.wait_for("Will North Korea refuse to provide troops to Russia?")
    tmux.wait_for("workspace: 1 brief · 12 claims")
    tmux.send("Enter")
    tmux.wait_for("Sources & claims")
    tmux.wait_for("Institute for the Study of War")
    tmux.wait_for("Russia's use of North Korean troops against Ukraine")
    tmux.send("j", "j", "j", "j", "j")
    tmux.wait_for("— Antony Blinken, US Secretary of State")
    tmux.wait_for("corroborated by Mark Rutte")
    tmux.send("Tab", "Enter")
    tmux.wait_for("— Mark Rutte, NATO Secretary General")
    tmux.wait_for("stationed in")  # Rutte's claim, now the selected one
    tmux.send("BSpace")
    tmux.wait_for("— Antony Blinken, US Secretary of State")
    tmux.send("q")
    deadline = time.monotonic() + 10
    while "Sources & claims" in tmux.screen():
        assert time.monotonic() < deadline, "q did not quit"
        time.sleep(0.2)


def test_review_mark_survives_restart_in_tmux(example: Path) -> None:
    term = start(example)
    try:
        term.wait_for("Will North Korea refuse to provide troops to Russia?")
        term.send("Enter")
        term.wait_for("Sources & claims")
        term.send("Space")
        term.wait_for("1/25 reviewed")
        term.send("q")
        term.wait_for("BRIEF-EXITED")
    finally:
        stop(term)
    term = start(example)
    try:
        term.wait_for("1/25")  # the library's Reviewed column
        term.send("Enter")
        term.wait_for("1/25 reviewed")
        term.wait_for(" ✓  B3")  # the first ISW claim keeps its mark
    finally:
        stop(term)
