"""``python -m briefing.cli``: the command line."""

from . import run

run()
