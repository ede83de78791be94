"""Timestamping the frames an App writes, for the benchmarks that time 'until on screen'."""

from __future__ import annotations

import time
from typing import Any

from textual.app import App


def record_frames(app: App[Any]) -> list[float]:
    """Wrap the app's display so each frame written appends its `perf_counter` time.

    Returns:
        The list the timestamps go to.
    """
    frames: list[float] = []
    display = app._display

    def timed_display(screen: Any, renderable: Any) -> None:
        display(screen, renderable)
        frames.append(time.perf_counter())

    app._display = timed_display  # type: ignore[method-assign]
    return frames
