"""A worker process of a load (`parallel.py`): `python -m tui.load.worker`.

Reads one job from standard input (`marshal`: the workspace root, the parse cache folder or
None, the files to read relative to the root), reads and checks each file as `library.parse`
does (`library.parse_encoded`), and writes each result to standard output as it is done: its
length, then the `marshal` bytes of its parse cache encoding (length -1 for a file it could not
hand back).
"""

from __future__ import annotations

import gc
import marshal
import os
import sys
from pathlib import Path


def main() -> None:
    """Run one job (see the module's docstring)."""
    # The job first: the loading process waits on a full pipe to hand over a long one (over
    # 64 KB at 3,000 briefs) while the imports below run (~0.2 s).
    job = sys.stdin.buffer.read()
    from .cache import ParseCache
    from .library import parse_encoded
    from .parallel import RESULT_SIZE
    from .seeds import SeedReader
    from .workspace import Workspace

    gc.disable()  # as `library.build`: the objects made live until the process ends
    root_b, folder_b, rels = marshal.loads(job)
    root = Path(os.fsdecode(root_b))
    parse_cache = None
    if folder_b is not None:
        parse_cache = ParseCache(root)
        parse_cache.folder = Path(os.fsdecode(folder_b))
    seeds = SeedReader(Workspace(root=root, target=root, files=()))
    out = sys.stdout.buffer
    for rel in rels:
        try:
            data = marshal.dumps(parse_encoded(root / rel, rel, seeds, parse_cache))
        except Exception:  # noqa: BLE001 - the loading process reads it and says what is wrong
            out.write(RESULT_SIZE.pack(-1))
        else:
            out.write(RESULT_SIZE.pack(len(data)))
            out.write(data)
        out.flush()


if __name__ == "__main__":
    main()
