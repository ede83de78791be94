"""A real terminal for benchmarks: tmux runs a command, the benchmark times what gets drawn.

Method (the same for `brief` and for the bare baselines, so their ratio is fair): a tmux
session is created with a shell that waits on a tmux channel; `start()` signals the channel and
the shell `exec`s the command, so the clock starts just before the process does and the pane's
process *is* the command (its /proc status gives its peak memory). `wait_for` polls
`capture-pane` until the expected text is drawn and returns the seconds since `start()` (or
since the keys were sent, for `keys`). Polling runs every few milliseconds at first, then less
often as the wait grows (see `POLL`); the same for every measurement.

The process runs with its own empty config, data, state and cache folders, so the user's settings
and review marks neither affect the timings nor get written.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
"""The checkout the benchmark lives in: its processes import `tui` from here."""

POLL = 0.005
"""Seconds between two looks at the screen at first: each look is a tmux client process (about
4 ms, 2 ms of CPU), so the interval grows with the time waited (1% of it, at most `SLOW_POLL`),
keeping the error under 1% without taking CPU from a long load."""

SLOW_POLL = 0.25
"""Longest interval between two looks at the screen."""


def clean_env(home: Path) -> dict[str, str]:
    """Environment variables that give a process its own folders under `home`."""
    return {
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CACHE_HOME": str(home / "cache"),
    }


def base_env(extra: dict[str, str]) -> dict[str, str]:
    """This process's environment without brief's own variables, plus `extra`; `tui` is
    imported from the benchmark's own checkout (which may be a copy of another commit)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEF_")}
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.update(extra)
    return env


class Terminal:
    """One tmux server, one session, one command started on `start()`."""

    def __init__(
        self,
        argv: list[str],
        cwd: Path,
        env: dict[str, str],
        size: tuple[int, int] = (120, 40),
    ) -> None:
        tag = uuid.uuid4().hex[:8]
        self.base = ["tmux", "-L", f"brief-bench-{tag}", "-f", "/dev/null"]
        self.channel = f"go-{tag}"
        # The command gets exactly `env` (tmux's own environment is the benchmark's).
        env = {**env, "TERM": "xterm-256color"}
        env.pop("COLUMNS", None)  # would override the terminal's real size
        env.pop("LINES", None)
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        script = (
            f"cd {shlex.quote(str(cwd))} && {shlex.join(self.base)} wait-for {self.channel} && "
            f"exec env -i {exports} {shlex.join(argv)}"
        )
        width, height = size
        geometry = ["-x", str(width), "-y", str(height), "-e", "TERM=xterm-256color"]
        subprocess.run(
            [*self.base, "new-session", "-d", "-s", "b", *geometry, "sh", "-c", script],
            check=True,
        )
        subprocess.run([*self.base, "set-option", "-t", "b", "remain-on-exit", "on"], check=True)
        pid, socket = self._tmux(
            "display-message", "-p", "-t", "b", "#{pane_pid} #{socket_path}"
        ).split(maxsplit=1)
        self.pid = int(pid)
        self.socket = Path(socket.strip())
        self.started = 0.0

    def _tmux(self, *args: str) -> str:
        out = subprocess.run([*self.base, *args], check=True, capture_output=True, text=True)
        return out.stdout

    def start(self) -> None:
        """Start the command (the clock starts here)."""
        # Let the shell reach its wait first, so its own start is not timed.
        deadline = time.monotonic() + 5
        while not self._waiting() and time.monotonic() < deadline:
            time.sleep(0.02)
        self.started = time.perf_counter()
        self._tmux("wait-for", "-S", self.channel)

    def _waiting(self) -> bool:
        """Whether the pane's shell has started its `tmux wait-for` child."""
        try:
            children = Path(f"/proc/{self.pid}/task/{self.pid}/children").read_text().split()
        except OSError:
            return False
        return bool(children)

    def screen(self) -> str:
        """What the terminal shows now."""
        return self._tmux("capture-pane", "-p", "-t", "b")

    def wait_for(
        self,
        check: Callable[[str], bool] | str,
        since: float | None = None,
        timeout: float = 600,
    ) -> float:
        """Seconds from `since` (default: the start) until the screen passes `check`.

        Args:
            check: A test of the screen text, or a regular expression to search it for.
            since: A `perf_counter` time to measure from.
            timeout: Seconds before giving up with the screen in the error.
        """
        if isinstance(check, str):
            pattern = re.compile(check)

            def found(screen: str) -> bool:
                return pattern.search(screen) is not None

            check = found
        since = self.started if since is None else since
        while True:
            screen = self.screen()
            now = time.perf_counter()
            if check(screen):
                return now - since
            if now - since > timeout:
                raise TimeoutError(f"never drawn after {timeout:.0f} s; the screen was:\n{screen}")
            if not self.alive():
                raise RuntimeError(f"the command exited; the screen was:\n{screen}")
            time.sleep(min(SLOW_POLL, max(POLL, (now - since) / 100)))

    def keys(self, *keys: str) -> float:
        """Send tmux key names; returns the `perf_counter` time just before they were sent."""
        sent = time.perf_counter()
        self._tmux("send-keys", "-t", "b", *keys)
        return sent

    def alive(self) -> bool:
        """Whether the command still runs."""
        try:
            status = Path(f"/proc/{self.pid}/stat").read_text()
        except OSError:
            return False
        return status.rsplit(")", 1)[1].split()[0] != "Z"

    def peak_rss(self) -> int:
        """The command's peak resident memory (VmHWM) in bytes, read while it runs."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
        raise RuntimeError("no VmHWM in /proc status")

    def close(self) -> None:
        """Stop tmux and the command."""
        subprocess.run([*self.base, "kill-server"], capture_output=True, check=False)
        self.socket.unlink(missing_ok=True)  # tmux may leave it behind

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Home:
    """A temporary home for one process's config, data, state and cache folders."""

    def __init__(self) -> None:
        self._tmp = tempfile.TemporaryDirectory(prefix="brief-bench-")
        self.path = Path(self._tmp.name)

    def env(self) -> dict[str, str]:
        """The environment for a process living in this home."""
        return base_env(clean_env(self.path))

    def cleanup(self) -> None:
        """Remove the folders."""
        self._tmp.cleanup()

    def __enter__(self) -> Home:
        return self

    def __exit__(self, *exc: object) -> None:
        self.cleanup()
