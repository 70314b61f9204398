"""briefing: printable briefing packs and one-page handouts from Markdown."""

__version__ = "0.1.0"
