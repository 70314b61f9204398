"""Word files in and out: `briefing import` makes a publication (or a translation) from a
.docx, `briefing export` writes a publication's text as a .docx for a translator.

Pandoc does the reading and writing of Word's format; this package decides what a
publication's files are. A .docx is untrusted input: :mod:`.docx` looks inside it (safely)
before Pandoc sees it, :mod:`.pandoc` runs Pandoc sandboxed, :mod:`.outline` turns Pandoc's
document tree into a publication's parts and back, :mod:`.importer` and :mod:`.exporter`
read and write the project.
"""
