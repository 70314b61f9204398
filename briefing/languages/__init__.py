"""Languages: tags and directions, the fonts that print each script, what the installed fonts
cover, and the catalogs of interface text. Knows nothing of projects."""
