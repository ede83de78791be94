"""A separate process writing marks, for the concurrency and crash tests (run with -m)."""

from __future__ import annotations

import sys
from pathlib import Path

from tui.review import ReviewStore, is_server


def main() -> None:
    target, mode, who, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    store = ReviewStore.open(target if is_server(target) else Path(target), who)
    if mode == "marks":
        for i in range(count):
            store.set("b", "claim", f"{who}-{i}", "h", reviewed=True)
            if i % 50 == 0:
                print(i + 1, flush=True)  # committed so far
        print("DONE", flush=True)
    elif mode == "crash":
        for i in range(count):
            store.set("b", "claim", f"single-{i}", "h", reviewed=True)
            print(i + 1, flush=True)
        print("BATCH", flush=True)
        # One huge batch: killed while it runs, none of it may land.
        store.set_many([("b", "claim", f"batch-{i}", "h") for i in range(2_000_000)], reviewed=True)
        print("BATCH-DONE", flush=True)


if __name__ == "__main__":
    main()
