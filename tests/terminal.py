"""A real terminal for tests: tmux runs `brief`, tests type keys and read what is drawn.

Assertions read the screen (capture-pane), never the app's state: a screen that the app
believes is showing but that the terminal never drew fails here.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

needs_tmux = pytest.mark.skipif(
    shutil.which("tmux") is None,
    reason="tmux is not installed and could not be installed (make test tries apt-get)",
)


class Terminal:
    """One tmux server with one session running a command."""

    def __init__(
        self,
        args: list[str],
        cwd: Path,
        size: tuple[int, int] = (120, 40),
        env: dict[str, str] | None = None,
    ) -> None:
        self.base = ["tmux", "-L", f"brief-test-{uuid.uuid4().hex[:8]}"]
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in (env or {}).items())
        # COLUMNS/LINES inherited from the test runner would override the real terminal size.
        command = (
            f"cd {shlex.quote(str(cwd))} && env -u COLUMNS -u LINES {exports} "
            f"{shlex.quote(sys.executable)} -m tui {shlex.join(args)}; echo BRIEF-EXITED-$?; "
            "sleep 30"
        )
        width, height = size
        geometry = ["-x", str(width), "-y", str(height), "-e", "TERM=xterm-256color"]
        subprocess.run([*self.base, "new-session", "-d", "-s", "t", *geometry, command], check=True)

    def send(self, *keys: str, gap: float = 0.15) -> None:
        """Type tmux key names one at a time, `gap` seconds apart."""
        for key in keys:
            subprocess.run([*self.base, "send-keys", "-t", "t", key], check=True)
            time.sleep(gap)

    def burst(self, *keys: str) -> None:
        """Type keys in one go, as a fast typist or a paste would."""
        subprocess.run([*self.base, "send-keys", "-t", "t", *keys], check=True)

    def screen(self) -> str:
        """What the terminal shows now."""
        out = subprocess.run(
            [*self.base, "capture-pane", "-p", "-t", "t"],
            check=True,
            capture_output=True,
            text=True,
        )
        return out.stdout

    def wait(self, check: Callable[[str], bool], what: str, timeout: float = 15) -> str:
        """Wait until the drawn screen passes `check`; fail with the screen when it never does."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if check(screen):
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"never drawn: {what}; the screen was:\n{screen}")
            time.sleep(0.1)

    def wait_for(self, *texts: str, absent: tuple[str, ...] = (), timeout: float = 15) -> str:
        """Wait until every text is drawn and none of `absent` is."""
        return self.wait(
            lambda s: all(t in s for t in texts) and not any(a in s for a in absent),
            f"{texts} without {absent}",
            timeout,
        )

    def close(self) -> None:
        """Stop tmux and whatever runs in it."""
        subprocess.run([*self.base, "kill-server"], capture_output=True)
