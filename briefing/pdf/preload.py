"""Imported once by the fork server that starts the rendering processes, so that each starts
with WeasyPrint loaded (and pikepdf and PDFium, which finish each PDF and draw its first
page). On a machine without Pango the import fails here quietly; each process then reports
it as it renders, which stops the build with the reason."""

import contextlib

with contextlib.suppress(ImportError, OSError):
    import weasyprint  # noqa: F401

with contextlib.suppress(ImportError, OSError):
    import pikepdf  # noqa: F401
    import pypdfium2  # noqa: F401
