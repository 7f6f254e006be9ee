"""The HTTP face of pressqa (FastAPI)."""
