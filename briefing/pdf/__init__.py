"""PDF: the only stage that imports WeasyPrint. Renders HTML offline and reproducibly,
shrinks handouts to fit, imposes pages on sheets, and reports what makes a file large."""
