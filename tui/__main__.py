"""`python -m tui` runs the `brief` command."""

from .cli import main

main()
