"""schema of the cases service."""
