"""repository of the cases service."""
