"""How long work on many rows reports how far it got (the command line draws it as progress bars)."""

from collections.abc import Callable

Progress = Callable[[str, int, int], None]
"""Told (step, rows done, rows in all) as work on rows advances: a step's calls count up to its total."""

EVERY = 1000
"""Rows between two reports of a long step."""
