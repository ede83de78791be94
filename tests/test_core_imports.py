"""The core loads, checks and searches with no terminal: it never imports Textual, Rich or the
UI; and no module of `tui` imports in a cycle, counting imports made only for type checking.

Two guards, as in Harlequin: the import contract in pyproject.toml (static, run by `make test`
as `lint-imports`), and this test, which discovers the core's modules itself (so a new module
is covered without being listed anywhere) and imports them all in a fresh interpreter.
"""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys
import tomllib
from pathlib import Path

import grimp

import tui

from .conftest import ROOT

UI = ("tui.app", "tui.cli", "tui.__main__")
"""Modules allowed to import Textual: the UI, and the command line that starts it."""


def core_modules() -> list[str]:
    """Every module of `tui` outside the UI, found by walking the package."""
    found = ["tui"]
    for info in pkgutil.walk_packages(tui.__path__, "tui."):
        if not any(info.name == ui or info.name.startswith(ui + ".") for ui in UI):
            found.append(info.name)
    return sorted(found)


def test_discovery_finds_the_core() -> None:
    modules = core_modules()
    assert "tui.model" in modules and "tui.load.brief" in modules
    assert not any(m.startswith("tui.app") for m in modules)


def test_every_core_module_is_under_the_import_contract() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = config["tool"]["importlinter"]["contracts"]
    sources = contract["source_modules"]
    assert {"tui.app", "textual", "rich"} <= set(contract["forbidden_modules"])
    loose = [
        m
        for m in core_modules()
        if m != "tui" and not any(m == s or m.startswith(s + ".") for s in sources)
    ]
    assert loose == [], f"add these to [tool.importlinter] source_modules: {loose}"


def test_core_does_not_import_textual() -> None:
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in core_modules())
        + "from tui.load.library import load_library\n"
        "load_library('briefs')\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == ""


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles_even_for_type_checking() -> None:
    # grimp counts imports under `if TYPE_CHECKING:` too: a loop closed only for the type
    # checker is still a loop a reader has to untangle.
    graph = grimp.build_graph("tui", exclude_type_checking_imports=False)
    edges: dict[str, set[str]] = {}
    for module in graph.modules:
        # A package's __init__ re-exporting its submodules is not a dependency on itself.
        edges[module] = {
            m
            for m in graph.find_modules_directly_imported_by(module)
            if not m.startswith(module + ".")
        }
    assert _cycles(edges) == []


AFTER_FIRST_FRAME = (
    "polars",
    "psycopg",  # only when the review state is a server
    "tui.search.index",
    "markdown_it",
    "textual.widgets._text_area",
    "tui.app.screens.brief",
    "tui.app.screens.search",
    "tui.app.screens.problems",
    "tui.app.screens.help",
    "tui.app.commands",
)
"""Imported only after the first frame: by the load worker, or by the handler that needs them."""


def test_first_frame_imports_stay_light() -> None:
    # The search index (polars) loads in the worker, after the first frame; so do the brief
    # screen (markdown-it, TextArea), the problems and help screens and the palette's provider.
    code = (
        "import sys\n"
        "import tui.app.main\n"
        f"print(','.join(m for m in {AFTER_FIRST_FRAME!r} if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == ""


def test_first_frame_itself_stays_light(tmp_path: Path) -> None:
    # The app started to its first frame (the load worker held back, so that what it imports
    # after the frame does not count) has imported none of the later modules.
    code = (
        "import asyncio, sys\n"
        "from tui.app.main import BriefApp\n"
        "from tui.load.workspace import resolve\n"
        "BriefApp.load_library = lambda self: None\n"
        "async def first_frame():\n"
        "    app = BriefApp(resolve('briefs'), state=sys.argv[1])\n"
        "    async with app.run_test(size=(80, 24)) as pilot:\n"
        "        await pilot.pause()\n"
        "        assert app.screen.query_one('#briefs')\n"
        f"        print(','.join(m for m in {AFTER_FIRST_FRAME!r} if m in sys.modules))\n"
        "asyncio.run(first_frame())\n"
    )
    env = {**os.environ, "BRIEF_CONFIG": str(tmp_path / "none.yaml")}
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "r.db")],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=env,
    )
    assert out.stdout.strip() == ""
