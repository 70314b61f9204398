"""Imported once by the fork server that starts the rendering processes, so that each starts
with WeasyPrint loaded. On a machine without Pango the import fails here quietly; each
process then reports it as it renders, which stops the build with the reason."""

import contextlib

with contextlib.suppress(ImportError, OSError):
    import weasyprint  # noqa: F401
