"""The core loads, checks and searches with no terminal: it must never import Textual or Rich."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT

CORE = [
    "tui.model",
    "tui.text",
    "tui.load.library",
    "tui.load.schema",
    "tui.load.yamlfile",
    "tui.query",
    "tui.search",
    "tui.review",
    "tui.marks",
    "tui.export",
    "tui.config",
    "tui.config_write",
    "tui.cli",
]


def test_core_does_not_import_textual() -> None:
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in CORE)
        + "from tui.load.library import load_library\n"
        "load_library('briefs')\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == ""


def test_first_frame_imports_stay_light() -> None:
    # The search index (polars) loads in the worker, after the first frame.
    code = (
        "import sys\n"
        "import tui.app.main\n"
        "print(','.join(m for m in ('polars', 'tui.search') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == ""
