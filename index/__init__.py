"""Turns press-release files into a searchable, versioned index (no imports from qa/api)."""
