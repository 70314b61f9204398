"""HTML for an edition: the templates (built-in, overridable file by file) and what they are
given to print."""
