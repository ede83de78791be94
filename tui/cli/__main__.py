"""`python -m tui.cli` runs the `brief` command."""

from . import main

main()
