"""Keeping Python's cycle collector out of the way of work that makes many long-lived objects.

A load makes millions of objects and frees almost none: every collection during it, and the
first full one after it, would go through all of them (issue 12). The build (`library.py`) and
the reader's load worker (`tui.app.loading`) pause the collector around such work, and freeze
(`gc.freeze`) what is to live as long as the library.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """The collector off for the block, then as it was (on, unless someone else turned it
    off). Freeze inside the block what should stay out of its way: re-enabled first, the
    collector could run before the freeze."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
